"""Baseline: bare spaCy over the same texts dateline reads (same model, same process count, batch size)."""

import sys

import spacy

from dateline.ingest import read_inputs
from dateline.model import Article
from dateline.settings import load_config


def main(folder: str, model: str, n_process: int, batch_size: int) -> None:
    texts = [a.text for a in read_inputs([folder], load_config()) if isinstance(a, Article)]
    nlp = spacy.load(model)
    n = sum(1 for _ in nlp.pipe(texts, n_process=n_process, batch_size=batch_size))
    print(n)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
