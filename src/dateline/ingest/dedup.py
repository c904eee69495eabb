"""Exact and near-duplicate detection.

Exact duplicates share the article id (hash of the normalised text) and are
stored once, with every source recorded. Near-duplicates (the same story
re-published with small edits) are found with MinHash LSH (datasketch) over
word 5-gram shingles and linked, never merged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable, Optional

import numpy as np

if TYPE_CHECKING:
    from datasketch import MinHash
# datasketch is imported where it is used: it pulls in scipy (some 60 MB per process), and the worker
# processes of a run import this module (through the runner) without ever de-duplicating.

_WORD = re.compile(r"\w+", re.UNICODE)
SHINGLE = 5
# Stated, not defaulted: stored signatures must be read back with the scheme that made them.
SCHEME = "affine32"


def shingles(text: str, n: int = SHINGLE) -> set[bytes]:
    words = _WORD.findall(text.casefold())
    if len(words) < n:
        return {" ".join(words).encode()}
    return {" ".join(words[i:i + n]).encode() for i in range(len(words) - n + 1)}


@dataclass
class Deduplicator:
    threshold: float = 0.85
    num_perm: int = 64
    seen: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        from datasketch import MinHashLSH

        self.lsh = MinHashLSH(threshold=self.threshold, num_perm=self.num_perm)
        self._sigs: dict[str, MinHash] = {}

    def load(self, ids: Iterable[str], signatures: Iterable[tuple[str, bytes]]) -> None:
        """Known articles from the store, so that a new run links to what is already there."""
        from datasketch import MinHash

        self.seen.update(ids)
        for aid, blob in signatures:
            values = np.frombuffer(blob, dtype=np.uint64)
            if len(values) != self.num_perm:
                continue  # signatures made with another setting cannot be compared
            m = MinHash(num_perm=self.num_perm, hashvalues=values, scheme=SCHEME)
            self._add(aid, m)

    def signature(self, text: str) -> MinHash:
        from datasketch import MinHash

        m = MinHash(num_perm=self.num_perm, scheme=SCHEME)
        m.update_batch(list(shingles(text)))
        return m

    def _add(self, aid: str, m: MinHash) -> None:
        if aid not in self._sigs:
            self.lsh.insert(aid, m)
            self._sigs[aid] = m

    def is_exact(self, aid: str) -> bool:
        return aid in self.seen

    def near(self, aid: str, text: str) -> tuple[Optional[tuple[str, float]], bytes]:
        """The most similar earlier article above the threshold (or None), and this article's signature;
        the article is added to the index."""
        m = self.signature(text)
        best = None
        for other in self.lsh.query(m):
            if other == aid:
                continue
            sim = m.jaccard(self._sigs[other])
            if sim >= self.threshold and (best is None or sim > best[1]):
                best = (other, round(float(sim), 4))
        self._add(aid, m)
        self.seen.add(aid)
        return best, m.hashvalues.astype(np.uint64).tobytes()
