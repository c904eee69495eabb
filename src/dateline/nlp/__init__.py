"""NLP stage: spaCy, loaded once per process, run in batches."""
