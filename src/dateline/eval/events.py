"""Event coding on the PLOVER gold standard records (PLOVER_GSR_CAMEO.json, one coded sentence each).

Each gold record is one sentence with one PLOVER category. The pipeline runs over the sentence
(publication date 2000-01-01, as in the gold); the predicted category of the sentence is the type
of its highest-scoring event (no event: "none"). Old PLOVER names are mapped to the current 16:
FIGHT -> ASSAULT, DEMAND -> REQUEST, DISAPPROVE -> ACCUSE, INVESTIGATE -> ACCUSE (the CAMEO2PLOVER
table maps all of CAMEO 09x "investigate" to ACCUSE).

Metrics:
- ``event_type_macro_f1``: F1 per category over the 16 categories, averaged (a category with no gold
  and no prediction is left out of the average); ``event_type_accuracy``; ``event_found_rate``.
- ``source_country_acc`` / ``target_country_acc``: over gold events found (predicted type = gold type)
  whose gold actors carry at least one ISO 3166 alpha-3 country, the share where the set of countries
  of the predicted event's sources (targets) equals the gold set exactly; ``*_overlap`` variants
  count a share of at least one country in common.

``split``: "all" (default), "even" or "odd" record index (0-based, after the DOCUMENT header). The
lexicon was refined looking at the even records only; report "odd" as the held-out figure.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path
from typing import Optional

from ..model import PLOVER_TYPES
from .common import records_for

OLD_NAMES = {"FIGHT": "ASSAULT", "DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE"}
NOT_COUNTRIES = {"IGO", "NGO", "IMG", "MNC", "UNK", "---"}
GOLD_DATE = dt.date(2000, 1, 1)


def load_gold(gold: Path) -> list[dict]:
    path = gold / "PLOVER_GSR_CAMEO.json" if gold.is_dir() else gold
    data = json.loads(path.read_text(encoding="utf-8"))
    return [r for r in data if r.get("event") != "DOCUMENT" and r.get("text")]


def gold_type(rec: dict) -> str:
    name = str(rec["event"]).upper()
    return OLD_NAMES.get(name, name)


def _actors(value) -> list[dict]:
    if isinstance(value, dict):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, dict)]
    return []


def gold_countries(rec: dict, role: str) -> set[str]:
    out = set()
    for a in _actors(rec.get(role)):
        code = str(a.get("code") or "").upper()
        if len(code) == 3 and code.isalpha() and code not in NOT_COUNTRIES:
            out.add(code)
    return out


def macro_f1(pairs: list[tuple[str, str]], labels=PLOVER_TYPES) -> tuple[float, dict]:
    per = {}
    for label in labels:
        tp = sum(1 for g, p in pairs if g == label and p == label)
        fp = sum(1 for g, p in pairs if g != label and p == label)
        fn = sum(1 for g, p in pairs if g == label and p != label)
        if tp + fp + fn == 0:
            continue
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        per[label] = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return (sum(per.values()) / len(per) if per else 0.0), per


def main_event(record):
    if not record.events:
        return None
    return max(record.events, key=lambda e: (e.score, -e.trigger.start))


def evaluate(gold: Path, limit: Optional[int] = None, split: str = "all", details: bool = False, **kw) -> dict:
    recs = load_gold(Path(gold))
    indexed = list(enumerate(recs))
    if split == "even":
        indexed = [(i, r) for i, r in indexed if i % 2 == 0]
    elif split == "odd":
        indexed = [(i, r) for i, r in indexed if i % 2 == 1]
    if limit:
        indexed = indexed[:limit]
    records = records_for([(r["text"], GOLD_DATE) for _, r in indexed])
    pairs: list[tuple[str, str]] = []
    src_hits = src_n = tgt_hits = tgt_n = src_overlap = tgt_overlap = 0
    rows = []
    for (i, gold_rec), record in zip(indexed, records):
        g = gold_type(gold_rec)
        ev = main_event(record)
        p = ev.type if ev else "none"
        pairs.append((g, p))
        actors = {a.id: a for a in record.actors}
        row = {"i": i, "gold": g, "pred": p, "text": gold_rec["text"]}
        if ev is not None and p == g:
            for role, ids in (("source", ev.sources), ("target", ev.targets)):
                want = gold_countries(gold_rec, role)
                if not want:
                    continue
                got = {actors[x].country for x in ids if x in actors and actors[x].country}
                exact, some = got == want, bool(got & want)
                if role == "source":
                    src_n += 1
                    src_hits += exact
                    src_overlap += some
                else:
                    tgt_n += 1
                    tgt_hits += exact
                    tgt_overlap += some
                row[f"{role}_gold"], row[f"{role}_pred"] = sorted(want), sorted(got)
        rows.append(row)
    f1, per = macro_f1(pairs)
    found = sum(1 for g, p in pairs if g == p)
    metrics = {
        "event_type_macro_f1": round(f1, 4),
        "event_type_accuracy": round(found / len(pairs), 4) if pairs else 0.0,
        "no_event_rate": round(sum(1 for _, p in pairs if p == "none") / len(pairs), 4) if pairs else 0.0,
        "source_country_acc": round(src_hits / src_n, 4) if src_n else 0.0,
        "target_country_acc": round(tgt_hits / tgt_n, 4) if tgt_n else 0.0,
        "source_country_overlap": round(src_overlap / src_n, 4) if src_n else 0.0,
        "target_country_overlap": round(tgt_overlap / tgt_n, 4) if tgt_n else 0.0,
        "n_found": found,
    }
    metrics.update({f"f1_{k}": round(v, 3) for k, v in sorted(per.items())})
    out = {"task": "events", "gold": str(gold), "n_docs": len(pairs), "n_gold": len(pairs), "split": split,
           "metrics": metrics, "confusion": dict(Counter(f"{g}->{p}" for g, p in pairs if g != p).most_common(15))}
    if details:
        out["rows"] = rows
    return out
