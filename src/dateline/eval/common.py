"""Shared pieces of the scorers: counts to precision/recall/F1, span matching, batch pipeline."""

from __future__ import annotations

import datetime as dt
from typing import Iterable, Optional, Sequence

from ..model import Article, Record
from ..ingest.normalize import article_id
from ..pipeline import Pipeline
from ..settings import load_config


def prf(tp: int, fp: int, fn: int, prefix: str = "") -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {f"{prefix}precision": round(p, 4), f"{prefix}recall": round(r, 4), f"{prefix}f1": round(f, 4)}


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def records_for(texts: Sequence[tuple[str, Optional[dt.date]]], stages: Optional[Iterable[str]] = None,
                **settings) -> list[Record]:
    """Run the configured pipeline (or only ``stages``) over (text, publication date) pairs.

    Texts are used exactly as given, so gold offsets stay valid.
    """
    overrides = dict(settings)
    if stages is not None:
        overrides["pipeline"] = list(stages)
    config = load_config(**overrides)
    pipe = Pipeline.from_config(config)
    records = [Record(article=Article(id=article_id(t) or "empty", text=t, published=d,
                                      published_from="user" if d else "none"))
               for t, d in texts]
    out: list[Record] = []
    size = int(config["batch_size"])
    for i in range(0, len(records), size):
        out.extend(pipe.process(records[i:i + size]))
    return out
