"""Actor and dyad timelines: dated events and statements, counted per day, week or month.

Pure computation over item dicts the caller builds from stored rows. Each item has at least
``date`` (a date), ``kind`` ("event" or "statement") and, for events, ``type``, ``cameo`` and
``intensity``. The QuadClass (verbal/material x cooperation/conflict) comes from the CAMEO root
code as GDELT and ICEWS derive it, or from the PLOVER category when the CAMEO code is missing
(``data/quadclass.tsv``).
"""

from __future__ import annotations

import collections
import datetime as dt
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Optional

DATA = Path(__file__).resolve().parent / "data"
PERIODS = ("day", "week", "month")
QUAD_LABELS = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}


@lru_cache(maxsize=1)
def _quad_table() -> dict[str, int]:
    out = {}
    for line in (DATA / "quadclass.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("key\t"):
            continue
        key, quad, _ = line.split("\t", 2)
        out[key] = int(quad)
    return out


def quadclass(cameo: Optional[str] = None, plover_type: Optional[str] = None) -> Optional[int]:
    """1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict."""
    table = _quad_table()
    if cameo:
        root = str(cameo).strip()[:2]
        if root in table:
            return table[root]
    if plover_type:
        return table.get(plover_type.upper())
    return None


def period_start(day: dt.date, period: str) -> dt.date:
    if period == "day":
        return day
    if period == "week":
        return day - dt.timedelta(days=day.weekday())
    if period == "month":
        return day.replace(day=1)
    raise ValueError(f"period must be one of {', '.join(PERIODS)}")


def aggregate(items: Iterable[dict], period: str = "month") -> list[dict]:
    """Per period: counts of events and statements, mean intensity, counts per QuadClass."""
    buckets: dict[dt.date, dict] = {}
    for it in items:
        day = it.get("date")
        if day is None:
            continue
        start = period_start(day, period)
        b = buckets.setdefault(start, {"period": start, "n_events": 0, "n_statements": 0, "intensities": [],
                                       "quad": collections.Counter()})
        if it.get("kind") == "statement":
            b["n_statements"] += 1
            continue
        b["n_events"] += 1
        if it.get("intensity") is not None:
            b["intensities"].append(float(it["intensity"]))
        q = it.get("quadclass") or quadclass(it.get("cameo"), it.get("type"))
        if q:
            b["quad"][q] += 1
    out = []
    for start in sorted(buckets):
        b = buckets[start]
        vals = b.pop("intensities")
        quad = b.pop("quad")
        b["mean_intensity"] = round(sum(vals) / len(vals), 3) if vals else None
        for q, label in QUAD_LABELS.items():
            b[label.replace(" ", "_")] = quad.get(q, 0)
        out.append(b)
    return out
