"""Quote attribution on PolNeAR: content spans (exact and overlap) and source spans (overlap).

Gold: PolNeAR v1.0.0 (``<gold>/<split>/text/*.txt`` and ``<gold>/<split>/attributions/*.ann``, brat
standoff). The split is ``dev`` by default (``split="train"`` was used to develop the rules and the cue
lexicon; the test split is kept aside). An article annotated by several annotators is scored once,
against the first annotator's file in name order.

Matching. A content is a list of pieces (PolNeAR splits a content at line breaks and around an
interrupting cue: "A," he said, "B."). Pieces separated only by white space are joined, and white
space at the edges is dropped, on both sides.
- exact: a predicted content matches a gold content when their pieces are identical.
- overlap: one-to-one, greedily by the largest number of shared characters; any shared character counts.
- source: for content pairs matched by overlap, the predicted and gold sources share a character.
  Precision over predictions with a source, recall over gold attributions with a source.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Optional

from .common import prf, records_for

Span = tuple[int, int]


def _stages() -> list[str]:
    """The configured pipeline up to the quotes stage (quotes needs actors and events, and they need theirs)."""
    from ..settings import load_config

    pipeline = list(load_config()["pipeline"])
    return pipeline[:pipeline.index("quotes") + 1] if "quotes" in pipeline else pipeline + ["quotes"]
_DATE = re.compile(r"_(\d{4}-\d{2}-\d{2})_")


def read_ann(path: Path) -> list[dict]:
    """Attributions of one .ann file: {"content": [spans], "source": [spans] | None, "cue": [spans]}."""
    spans: dict[str, tuple[str, list[Span]]] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        if line.startswith("T") and " " in parts[1]:
            label, where = parts[1].split(" ", 1)
            try:
                spans[parts[0]] = (label, [tuple(map(int, p.split())) for p in where.split(";")])  # type: ignore
            except ValueError:
                continue
        elif line.startswith("E"):
            events.append(dict(a.split(":", 1) for a in parts[1].split() if ":" in a))
    out = []
    for args in events:
        rel: dict[str, list[Span]] = {}
        for role, tid in args.items():
            if tid not in spans:
                continue
            key = {"Content2": "content"}.get(role, role.rstrip("0123456789").lower())
            rel.setdefault(key, []).extend(spans[tid][1])
        if rel.get("content"):
            out.append({"content": sorted(rel["content"]), "source": rel.get("source"), "cue": rel.get("cue")})
    return out


def read_split(gold: Path, split: str, limit: Optional[int] = None) -> list[tuple[str, str, list[dict]]]:
    """(name, text, attributions) per article of one split, one annotator per article."""
    base = gold if (gold / "attributions").is_dir() else gold / split  # a split folder given directly
    seen: set[str] = set()
    docs = []
    for ann in sorted((base / "attributions").glob("*.ann")):
        stem = ann.stem.rsplit("_", 1)[0]
        if stem in seen:
            continue
        txt = base / "text" / f"{stem}.txt"
        if not txt.exists():
            continue
        seen.add(stem)
        docs.append((stem, txt.read_text(encoding="utf-8"), read_ann(ann)))
        if limit and len(docs) >= limit:
            break
    return docs


def normalise(text: str, pieces: list[Span]) -> tuple[Span, ...]:
    """Pieces with edge white space dropped and pieces separated by white space only joined."""
    out: list[Span] = []
    for s, e in sorted(pieces):
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e <= s:
            continue
        if out and text[out[-1][1]:s].strip() == "":
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return tuple(out)


def _shared(a: tuple[Span, ...], b: tuple[Span, ...]) -> int:
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def score_doc(text: str, gold: list[dict], pred: list[dict]) -> dict[str, int]:
    """Counts for one article; ``pred`` items look like gold items."""
    g = [normalise(text, x["content"]) for x in gold]
    p = [normalise(text, x["content"]) for x in pred]
    c: dict[str, int] = {}
    gset = {}
    for i, key in enumerate(g):
        gset.setdefault(key, []).append(i)
    exact = 0
    used: set[int] = set()
    for key in p:
        for i in gset.get(key, []):
            if i not in used:
                used.add(i)
                exact += 1
                break
    c["exact_tp"], c["n_pred"], c["n_gold"] = exact, len(p), len(g)
    pairs = sorted(((_shared(a, b), i, j) for i, a in enumerate(p) for j, b in enumerate(g)), reverse=True)
    used_p: set[int] = set()
    used_g: set[int] = set()
    matched = []
    for shared, i, j in pairs:
        if shared <= 0:
            break
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        matched.append((i, j))
    c["overlap_tp"] = len(matched)
    src_tp = 0
    for i, j in matched:
        ps, gs = pred[i].get("source"), gold[j].get("source")
        if ps and gs and _shared(tuple(ps), tuple(gs)) > 0:
            src_tp += 1
    c["source_tp"] = src_tp
    c["source_pred"] = sum(1 for x in pred if x.get("source"))
    c["source_gold"] = sum(1 for x in gold if x.get("source"))
    return c


def predictions(record) -> list[dict]:
    """Quotes of a record in the gold's shape."""
    out = []
    for q in record.quotes:
        parts = [(s.start, s.end) for s in q.content_parts] or [(q.content.start, q.content.end)]
        out.append({"content": parts, "source": [(q.source.start, q.source.end)] if q.source else None,
                    "cue": [(q.cue.start, q.cue.end)] if q.cue else None})
    return out


def metrics(counts: dict[str, int]) -> dict[str, float]:
    m = {}
    m.update(prf(counts["exact_tp"], counts["n_pred"] - counts["exact_tp"], counts["n_gold"] - counts["exact_tp"],
                 "content_exact_"))
    m.update(prf(counts["overlap_tp"], counts["n_pred"] - counts["overlap_tp"],
                 counts["n_gold"] - counts["overlap_tp"], "content_overlap_"))
    m.update(prf(counts["source_tp"], counts["source_pred"] - counts["source_tp"],
                 counts["source_gold"] - counts["source_tp"], "source_overlap_"))
    return m


def evaluate(gold: Path, limit: Optional[int] = None, split: str = "dev", **kw) -> dict:
    """Score the quotes stage on one PolNeAR split (``dev`` by default; ``train`` was used to develop)."""
    gold = Path(gold)
    docs = read_split(gold, split, limit)
    texts = []
    for name, text, _ in docs:
        m = _DATE.search(f"_{name}")
        texts.append((text, dt.date.fromisoformat(m.group(1)) if m else None))
    records = records_for(texts, stages=kw.pop("stages", None) or _stages(), **kw)
    counts: dict[str, int] = {}
    for (name, text, rels), rec in zip(docs, records):
        for k, v in score_doc(text, rels, predictions(rec)).items():
            counts[k] = counts.get(k, 0) + v
    if not counts:
        counts = {k: 0 for k in ("exact_tp", "n_pred", "n_gold", "overlap_tp", "source_tp", "source_pred",
                                 "source_gold")}
    m = metrics(counts)
    m["n_pred"] = counts["n_pred"]
    return {"task": "quotes", "gold": str(gold / split), "n_docs": len(docs), "n_gold": counts["n_gold"],
            "metrics": m}
