"""Cross-article event linking on hand-labelled sentence pairs (``examples/linking_pairs.tsv``).

The file is tab-separated with a header: ``file_a, sentence_a, file_b, sentence_b, label``
(``same`` | ``different``); paths are relative to the file's folder; each sentence is copied
verbatim from its article. The pipeline runs over every article the pairs name, the linker
clusters all their events, and a pair is predicted ``same`` when an event in sentence A and an
event in sentence B share a cluster. A sentence in which the pipeline found no event predicts
``different`` (so missed events cost recall); ``coverage`` is the share of pairs where both
sentences have an event.

Metrics: precision, recall and F1 of ``same``; accuracy over all pairs; coverage.
"""

from __future__ import annotations

import csv
import time
from pathlib import Path
from typing import Iterable, Optional

from ..errors import DatelineError
from ..link.cluster import Linker, mentions_from_record
from ..model import Article, Record
from .common import prf, records_for


def read_pairs(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader, None)
        if header is None or [h.strip() for h in header[:5]] != ["file_a", "sentence_a", "file_b", "sentence_b", "label"]:
            raise DatelineError("E402", f"{str(path)!r} is not a linking pairs file.",
                                "Its header must be: file_a, sentence_a, file_b, sentence_b, label (tab-separated).")
        rows = []
        for row in reader:
            if len(row) >= 5 and row[4].strip() in ("same", "different"):
                rows.append({"file_a": row[0].strip(), "sentence_a": row[1].strip(), "file_b": row[2].strip(),
                             "sentence_b": row[3].strip(), "label": row[4].strip()})
        return rows


def _events_in(rec: Record, sentence: str) -> list[str]:
    """Ids of the events whose trigger lies in ``sentence`` (located in the article text)."""
    start = rec.article.text.find(sentence)
    if start < 0:   # the pipeline may have normalised spaces: match on a prefix
        start = rec.article.text.find(sentence[:60])
    if start < 0:
        return []
    end = start + len(sentence)
    return [e.id for e in rec.events if start <= e.trigger.start < end]


def score_pairs(pairs: Iterable[dict], records: dict[str, Record]) -> dict:
    """Link all events of ``records`` (file -> record), then score the pairs."""
    linker = Linker()
    linker.link([m for rec in records.values() for m in mentions_from_record(rec)])
    cluster_of = {m.id: cid for cid, c in linker.clusters.items() for m in c.members}
    tp = fp = fn = tn = covered = 0
    details = []
    for p in pairs:
        ra, rb = records.get(p["file_a"]), records.get(p["file_b"])
        ea = _events_in(ra, p["sentence_a"]) if ra else []
        eb = _events_in(rb, p["sentence_b"]) if rb else []
        covered += bool(ea and eb)
        same = bool({cluster_of[e] for e in ea} & {cluster_of[e] for e in eb})
        gold = p["label"] == "same"
        tp += same and gold
        fp += same and not gold
        fn += gold and not same
        tn += not gold and not same
        details.append({**{k: p[k] for k in ("file_a", "file_b", "label")}, "predicted": "same" if same else "different",
                        "events_a": len(ea), "events_b": len(eb)})
    n = len(details)
    metrics = {**prf(tp, fp, fn), "accuracy": round((tp + tn) / n, 4) if n else 0.0,
               "coverage": round(covered / n, 4) if n else 0.0, "tp": tp, "fp": fp, "fn": fn, "tn": tn}
    return {"metrics": metrics, "pairs": details}


def evaluate(gold: Path, limit: Optional[int] = None, **kw) -> dict:
    from ..ingest.reader import read_file
    from ..settings import load_config

    gold = Path(gold)
    if not gold.is_file():
        raise DatelineError("E402", f"No linking pairs file at {str(gold)!r}.",
                            "Pass --gold examples/linking_pairs.tsv (see docs/timelines.md for the format).")
    started = time.perf_counter()
    pairs = read_pairs(gold)[:limit] if limit else read_pairs(gold)
    files = sorted({p[k] for p in pairs for k in ("file_a", "file_b")})
    config = load_config()
    texts, names = [], []
    for name in files:
        path = gold.parent / name
        if not path.is_file():
            continue
        for item in read_file(path, config):
            if not isinstance(item, Article):
                continue
            texts.append((item.text, item.published))
            names.append((name, item))
            break
    recs = records_for(texts)
    records = {}
    for (name, art), rec in zip(names, recs):
        rec.article.source = art.source
        rec.article.path = name
        records[name] = rec
    out = score_pairs(pairs, records)
    out["metrics"]["seconds"] = round(time.perf_counter() - started, 1)
    return {"task": "linking", "gold": str(gold), "n_docs": len(records), "n_gold": len(pairs),
            "metrics": out["metrics"], "pairs": out["pairs"]}
