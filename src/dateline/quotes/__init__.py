"""The quotes stage: quotes with cue, source, content and speaker."""
