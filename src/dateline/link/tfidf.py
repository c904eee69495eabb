"""A small TF-IDF vectoriser over numpy/scipy (no scikit-learn needed).

Same weighting as scikit-learn's default ``TfidfVectorizer``: raw term counts,
smoothed idf ``ln((1 + n) / (1 + df)) + 1``, rows scaled to unit length; tokens
are runs of two or more word characters, lower-cased, English stop words out.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, Sequence

import numpy as np
from scipy import sparse

TOKEN = re.compile(r"(?u)\b\w\w+\b")


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def tokens(text: str) -> list[str]:
    stops = stop_words()
    return [t for t in TOKEN.findall(text.lower()) if t not in stops]


class Tfidf:
    """Fit on a collection of texts, then turn texts into unit-length sparse rows."""

    def __init__(self) -> None:
        self.vocab: dict[str, int] = {}
        self.idf = np.zeros(0)

    def fit_transform(self, texts: Sequence[str]) -> sparse.csr_matrix:
        rows = [tokens(t) for t in texts]
        df: dict[str, int] = {}
        for toks in rows:
            for t in set(toks):
                df[t] = df.get(t, 0) + 1
        self.vocab = {t: i for i, t in enumerate(sorted(df))}
        counts = np.array([df[t] for t in sorted(df)], dtype=float)
        self.idf = np.log((1 + len(rows)) / (1 + counts)) + 1.0
        return self._matrix(rows)

    def transform(self, texts: Iterable[str]) -> sparse.csr_matrix:
        return self._matrix([tokens(t) for t in texts])

    def _matrix(self, rows: list[list[str]]) -> sparse.csr_matrix:
        indptr, indices, data = [0], [], []
        for toks in rows:
            counts: dict[int, int] = {}
            for t in toks:
                j = self.vocab.get(t)
                if j is not None:
                    counts[j] = counts.get(j, 0) + 1
            indices.extend(counts)
            data.extend(counts.values())
            indptr.append(len(indices))
        X = sparse.csr_matrix((np.array(data, dtype=float), np.array(indices, dtype=np.int64),
                               np.array(indptr, dtype=np.int64)), shape=(len(rows), len(self.vocab)))
        X = X.multiply(self.idf).tocsr() if len(self.vocab) else X
        return normalize_rows(X)


def normalize_rows(X: sparse.csr_matrix) -> sparse.csr_matrix:
    norms = np.sqrt(np.asarray(X.multiply(X).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.diags(1.0 / norms) @ X
