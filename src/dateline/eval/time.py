"""Temporal tagging on TimeML (TempEval-3) gold: value accuracy and span F1.

Metrics:
- ``value_acc``: gold DATE/TIME TIMEX3s whose value dateline gives when handed the gold
  span (normalised in its sentence, against the gold DCT, in reading order).
- ``value_acc_found``: gold DATE/TIME TIMEX3s overlapped by a span dateline found itself
  with the same value (the end-to-end figure, comparable with a tagger like HeidelTime).
- ``span_f1`` (with precision/recall): overlap match, type-agnostic, one-to-one, over all
  gold TIMEX3 except the DCT; ``span_exact_f1``: identical character offsets.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from ..model import Record, TimeRef
from .common import overlaps, prf

_TAG = re.compile(r"(<[^>]+>)")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass
class GoldDoc:
    name: str
    dct: Optional[dt.date]
    text: str
    timexes: list[GoldTimex] = field(default_factory=list)


def read_tml(path: Path) -> GoldDoc:
    """Plain text of <TEXT> (offsets kept) with its TIMEX3s and the document creation time."""
    raw = path.read_text(encoding="utf-8")
    dct = None
    m = re.search(r"<DCT>\s*<TIMEX3([^>]*)>", raw)
    if m:
        value = dict(_ATTR.findall(m.group(1))).get("value", "")
        try:
            dct = dt.date.fromisoformat(value[:10])
        except ValueError:
            dct = None
    start, end = raw.find("<TEXT>"), raw.find("</TEXT>")
    body = raw[start + len("<TEXT>"):end] if start >= 0 and end > start else ""
    parts: list[str] = []
    pos = 0
    timexes: list[GoldTimex] = []
    open_timex: Optional[tuple[int, dict]] = None
    for piece in _TAG.split(body):
        if not piece:
            continue
        if piece.startswith("<"):
            if piece.startswith("<TIMEX3"):
                open_timex = (pos, dict(_ATTR.findall(piece)))
            elif piece.startswith("</TIMEX3") and open_timex is not None:
                s, attrs = open_timex
                text = "".join(parts)[s:pos]
                timexes.append(GoldTimex(s, pos, text, attrs.get("type", ""), attrs.get("value", "")))
                open_timex = None
            continue
        chunk = html.unescape(piece)
        parts.append(chunk)
        pos += len(chunk)
    text = "".join(parts)
    # trim whitespace inside gold extents so offsets compare with dateline's
    for t in timexes:
        while t.start < t.end and text[t.start].isspace():
            t.start += 1
        while t.end > t.start and text[t.end - 1].isspace():
            t.end -= 1
        t.text = text[t.start:t.end]
    return GoldDoc(path.stem, dct, text, timexes)


def read_gold(gold: Path, limit: Optional[int] = None) -> list[GoldDoc]:
    files = sorted(gold.glob("*.tml")) if gold.is_dir() else [gold]
    if limit:
        files = files[:limit]
    return [read_tml(f) for f in files]


def score_values(gold_docs: list[GoldDoc], docs: list, given: list[list]) -> dict:
    """Counts for value accuracy with gold spans given, and per-item outcomes."""
    n = correct = 0
    misses = []
    for g, found in zip(gold_docs, given):
        for t, f in zip(g.timexes, found):
            if t.type not in ("DATE", "TIME"):
                continue
            n += 1
            got = f.resolved.value if f is not None else None
            if got == t.value:
                correct += 1
            else:
                misses.append((g.name, t.text, t.value, got, f.resolved.reason if f is not None else "no reading"))
    return {"n": n, "correct": correct, "misses": misses}


def score_spans(gold_docs: list[GoldDoc], system: list[list[TimeRef]]) -> dict:
    tp = fp = fn = 0
    tp_exact = 0
    n_sys = 0
    values_found = 0
    n_date = 0
    for g, refs in zip(gold_docs, system):
        spans = [(r.start, r.end) for r in refs]
        n_sys += len(spans)
        used: set[int] = set()
        exact = {(r.start, r.end) for r in refs}
        for t in g.timexes:
            hit = next((i for i, s in enumerate(spans) if i not in used and overlaps(s, (t.start, t.end))), None)
            if hit is not None:
                used.add(hit)
                tp += 1
            else:
                fn += 1
            if (t.start, t.end) in exact:
                tp_exact += 1
            if t.type in ("DATE", "TIME"):
                n_date += 1
                if any(overlaps((r.start, r.end), (t.start, t.end)) and r.value == t.value for r in refs):
                    values_found += 1
        fp += len(spans) - len(used)
    n_gold = tp + fn
    return {"overlap": prf(tp, fp, fn, "span_"),
            "exact": prf(tp_exact, n_sys - tp_exact, n_gold - tp_exact, "span_exact_"),
            "values_found": values_found, "n_date": n_date, "n_spans": n_gold, "n_system": n_sys}


def run_dateline(gold_docs: list[GoldDoc]) -> tuple[list[Record], list, list[list]]:
    """Parse each document once; tag it (the time stage) and read its gold spans (given-span mode)."""
    from ..ingest.normalize import article_id
    from ..model import Article
    from ..pipeline import Pipeline
    from ..settings import load_config
    from ..time.tagger import resolve_spans

    # the time stage alone: the spaCy components it reads, as `--stages time` loads them
    pipe = Pipeline.from_config(load_config(pipeline=["time"]))
    docs = list(pipe.docs([g.text for g in gold_docs]))
    records, given = [], []
    for g, doc in zip(gold_docs, docs):
        rec = Record(article=Article(id=article_id(g.text) or "empty", text=g.text, published=g.dct,
                                     published_from="user" if g.dct else "none"))
        pipe.apply(rec, doc)
        records.append(rec)
        given.append(resolve_spans(doc, [(t.start, t.end) for t in g.timexes], g.dct))
    return records, docs, given


def evaluate(gold: Path, limit: Optional[int] = None, **kw) -> dict:
    gold_docs = read_gold(Path(gold), limit)
    records, _, given = run_dateline(gold_docs)
    values = score_values(gold_docs, records, given)
    spans = score_spans(gold_docs, [r.times for r in records])
    n = values["n"]
    metrics = {
        "value_acc": round(values["correct"] / n, 4) if n else 0.0,
        "value_acc_found": round(spans["values_found"] / spans["n_date"], 4) if spans["n_date"] else 0.0,
        **spans["overlap"],
        **spans["exact"],
        "n_gold_spans": spans["n_spans"],
    }
    result = {"task": "time", "gold": str(gold), "n_docs": len(gold_docs), "n_gold": n, "metrics": metrics}
    if kw.get("verbose"):
        result["misses"] = values["misses"]
    return result
