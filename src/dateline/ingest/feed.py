"""The feed of a run: read the inputs, drop duplicates, cut batches of new articles.

Both engines use it (``dateline.runner`` and ``dateline.engines.dask``), so they see the same
articles in the same batches. Ingest stays in the main process because duplicate detection needs
every article seen so far (the MinHash index is one object); only the NLP and the stages go to the
workers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterator, Optional

from . import read_inputs
from .dedup import Deduplicator
from ..model import Article, Reject


@dataclass
class Feed:
    """Partitions of new articles, and the side rows (rejects, sources, near-duplicates, MinHash
    signatures) that ingest produced along the way, collected until :meth:`drain`."""

    paths: list[str]
    config: dict
    size: int
    limit: Optional[int] = None
    bar: Any = None
    read: int = 0
    new: int = 0
    rejected: int = 0
    rejects_by_code: dict[str, int] = field(default_factory=dict)
    duplicates: int = 0
    near_duplicates: int = 0
    skipped_known: int = 0
    rejects: list[Reject] = field(default_factory=list)
    sources: list[dict] = field(default_factory=list)
    near: list[dict] = field(default_factory=list)
    minhash: list[dict] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.dedup = Deduplicator(threshold=float(self.config["near_duplicate_threshold"]),
                                  num_perm=int(self.config["minhash_perms"]))
        self.known_at_start: set[str] = set()

    def load_known(self, ids: set[str], signatures: list[tuple[str, bytes]]) -> None:
        """Articles already in the database: skipped, and near-duplicates link to them."""
        self.dedup.load(ids, signatures)
        self.known_at_start = set(self.dedup.seen)

    def partitions(self) -> Iterator[list[Article]]:
        batch: list[Article] = []
        for item in read_inputs(self.paths, self.config):
            self.read += 1
            if self.bar is not None:
                self.bar.update(1)
            if isinstance(item, Reject):
                self.rejected += 1
                self.rejects_by_code[item.code] = self.rejects_by_code.get(item.code, 0) + 1
                self.rejects.append(item)
                continue
            self.sources.append({"article_id": item.id, "origin": item.path, "url": item.url, "source": item.source})
            if self.dedup.is_exact(item.id):
                if item.id in self.known_at_start:
                    self.skipped_known += 1
                else:
                    self.duplicates += 1
                continue
            near, sig = self.dedup.near(item.id, item.text)
            self.minhash.append({"article_id": item.id, "sig": sig})
            if near:
                self.near_duplicates += 1
                self.near.append({"article_id": item.id, "duplicate_of": near[0], "similarity": near[1]})
            batch.append(item)
            if self.limit is not None and self.new + len(batch) >= self.limit:
                break
            if len(batch) >= self.size:
                self.new += len(batch)
                yield batch
                batch = []
        if batch:
            self.new += len(batch)
            yield batch

    def pending(self) -> int:
        return len(self.rejects) + len(self.sources) + len(self.near) + len(self.minhash)

    def drain(self) -> dict[str, list]:
        """The side rows collected so far, handed over once (memory stays bounded on long runs)."""
        out = {"rejects": self.rejects, "sources": self.sources, "near": self.near, "minhash": self.minhash}
        self.rejects, self.sources, self.near, self.minhash = [], [], [], []
        return out
