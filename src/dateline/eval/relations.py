"""Actor-pair relations from events, scored on re3d (documents.json, entities.json, relations.json).

Events map to re3d relation types by PLOVER category:
FightingAgainst <- ASSAULT, COERCE, THREATEN (source -> target); CommWith <- CONSULT;
AlliesOf <- SUPPORT, COOPERATE, AGREE; Dislikes <- ACCUSE, REJECT.
Every event gives one pair per (source actor, target actor), and a CONSULT, SUPPORT, COOPERATE or
AGREE event with two or more sources and no target ("X and Y met") also gives one pair per two sources; events of every modality count (re3d
annotates threatened and reported relations too). A target the events stage filled from the event's
place (``target_from_place``, PLOVER's convention when the text names none) gives no pair: re3d
relates two mentions the text links. Gold pairs are relations of those four types
whose source and target spans each overlap an entity with confidence >= 0.5 (and whose own
confidence is >= 0.5). A predicted pair matches a gold pair of the same type when the source span
overlaps the gold source span and the target span the gold target span; CommWith and AlliesOf are
symmetric, so either direction matches. Gold pairs are de-duplicated (the set lists both directions
of symmetric relations). Metrics: ``pair_precision``, ``pair_recall``, ``pair_f1`` (micro over the
four types) and ``pair_f1_<Type>``.

``split``: "all" (default), "even" or "odd" document index (after the folders are read in name
order). The event rules were refined looking at the even documents only; "odd" is the held-out figure.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

from .common import overlaps, prf, records_for

TYPE_OF = {"ASSAULT": "FightingAgainst", "COERCE": "FightingAgainst", "THREATEN": "FightingAgainst",
           "CONSULT": "CommWith", "SUPPORT": "AlliesOf", "COOPERATE": "AlliesOf", "AGREE": "AlliesOf",
           "ACCUSE": "Dislikes", "REJECT": "Dislikes"}
SYMMETRIC = {"CommWith", "AlliesOf"}
TYPES = ("FightingAgainst", "CommWith", "AlliesOf", "Dislikes")
MIN_CONFIDENCE = 0.5


def _jsonl(path: Path) -> list[dict]:
    if not path.exists():
        return []
    with open(path, encoding="utf-8-sig") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def load_gold(gold: Path) -> list[dict]:
    """Documents with their text and gold pairs, from every source folder under ``gold``."""
    folders = [gold] if (gold / "documents.json").exists() else sorted(p for p in gold.iterdir() if p.is_dir())
    docs = []
    for folder in folders:
        ents = [e for e in _jsonl(folder / "entities.json") if float(e.get("confidence", 0)) >= MIN_CONFIDENCE]
        rels = _jsonl(folder / "relations.json")
        by_doc_ents: dict[str, list] = {}
        for e in ents:
            by_doc_ents.setdefault(e["documentId"], []).append((e["begin"], e["end"]))
        for d in _jsonl(folder / "documents.json"):
            pairs = set()
            spans = by_doc_ents.get(d["_id"], [])
            for r in rels:
                if r["documentId"] != d["_id"] or r["type"] not in TYPES:
                    continue
                if float(r.get("confidence", 1)) < MIN_CONFIDENCE:
                    continue
                s, t = (r["sourceBegin"], r["sourceEnd"]), (r["targetBegin"], r["targetEnd"])
                if not (any(overlaps(s, x) for x in spans) and any(overlaps(t, x) for x in spans)):
                    continue
                if r["type"] in SYMMETRIC:
                    s, t = sorted((s, t))
                pairs.add((r["type"], s, t))
            docs.append({"id": d["_id"], "text": d["text"], "pairs": sorted(pairs), "folder": folder.name})
    return docs


def predicted_pairs(record) -> set[tuple[str, tuple[int, int], tuple[int, int]]]:
    actors = {a.id: a for a in record.actors}
    out = set()
    for ev in record.events:
        kind = TYPE_OF.get(ev.type)
        if kind is None:
            continue
        # a target filled from the event's place by PLOVER's convention is no relation the text states
        targets = [] if ev.target_from_place else ev.targets
        pairs = [(s, t) for s in ev.sources for t in targets]
        if kind in SYMMETRIC and not targets:
            # "The Prime Minister and President Hollande met": a reciprocal event between its sources;
            # with a target named ("the UK and France support the opposition") the sources act side
            # by side towards it and are no pair of their own
            pairs += [(s, t) for i, s in enumerate(ev.sources) for t in ev.sources[i + 1:]]
        for s, t in pairs:
            if s in actors and t in actors and s != t:
                a, b = (actors[s].start, actors[s].end), (actors[t].start, actors[t].end)
                if kind in SYMMETRIC:
                    a, b = sorted((a, b))
                out.add((kind, a, b))
    return out


def _match(pred, gold) -> bool:
    if pred[0] != gold[0]:
        return False
    if overlaps(pred[1], gold[1]) and overlaps(pred[2], gold[2]):
        return True
    return pred[0] in SYMMETRIC and overlaps(pred[1], gold[2]) and overlaps(pred[2], gold[1])


def evaluate(gold: Path, limit: Optional[int] = None, split: str = "all", details: bool = False, **kw) -> dict:
    docs = load_gold(Path(gold))
    if split in ("even", "odd"):   # by document index: develop on one half, report the other
        docs = [d for i, d in enumerate(docs) if i % 2 == (0 if split == "even" else 1)]
    if limit:
        docs = docs[:limit]
    records = records_for([(d["text"], None) for d in docs])
    counts = {k: [0, 0, 0] for k in TYPES}   # tp, fp, fn
    rows = []
    for doc, record in zip(docs, records):
        preds = predicted_pairs(record)
        golds = list(doc["pairs"])
        matched_gold = set()
        for p in preds:
            hit = next((i for i, g in enumerate(golds) if i not in matched_gold and _match(p, g)), None)
            if hit is None:
                # a second prediction for an already matched gold pair is not a false alarm
                if not any(_match(p, g) for g in golds):
                    counts[p[0]][1] += 1
            else:
                matched_gold.add(hit)
                counts[p[0]][0] += 1
        for i, g in enumerate(golds):
            if i not in matched_gold:
                counts[g[0]][2] += 1
        if details:
            text = doc["text"]
            rows.append({"id": doc["id"], "pred": [(p[0], text[p[1][0]:p[1][1]], text[p[2][0]:p[2][1]],
                                                    any(_match(p, g) for g in golds)) for p in sorted(preds)],
                         "missed": [(g[0], text[g[1][0]:g[1][1]], text[g[2][0]:g[2][1]])
                                    for i, g in enumerate(golds) if i not in matched_gold]})
    tp, fp, fn = (sum(c[i] for c in counts.values()) for i in range(3))
    micro = prf(tp, fp, fn, "pair_")
    metrics = {"pair_f1": micro["pair_f1"], "pair_precision": micro["pair_precision"],
               "pair_recall": micro["pair_recall"]}
    for k, (a, b, c) in counts.items():
        metrics[f"pair_f1_{k}"] = prf(a, b, c)["f1"]
        metrics[f"n_gold_{k}"] = a + c
    out = {"task": "relations", "gold": str(gold), "n_docs": len(docs), "split": split,
           "n_gold": sum(len(d["pairs"]) for d in docs), "metrics": metrics}
    if details:
        out["rows"] = rows
    return out
