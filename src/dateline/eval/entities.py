"""Entity spans scored on re3d (Person, Organisation, Location, Nationality; gold confidence >= 0.5).

The spans dateline finds, typed as re3d types them (docs/actors.md):

* actors by their ``entity_type``: a person is a Person; a group (an organisation, a government named by
  its country or capital, "the regime", "Iraqi soldiers", "three Egyptians", "we") is an Organisation, as
  re3d's Organisation is "a group of people, a government, a company, or a family"; an ethnic group is a
  Nationality; an actor with no type (the author of a work) is not scored. PERSON and ORG entities the
  actors stage made no actor of ("Operation Desert Hammer") are not scored either, except the author
  named inside a work (an actor with no type: "EU" in "new EU sanctions");
* Location: places (the places stage: toponyms, nominal places, coordinates), then GPE, LOC and FAC
  mentions not used as actors;
* Nationality: places that are demonyms in the singular (of the actors KB or the places stage's table;
  a plural one, "thousands of Syrians", is a group), then NORP mentions not inside an actor whose word
  could be a nationality or identity (``nationality_like``: not a town or person the tagger called NORP).

Of nested actors only the outermost is scored (re3d's spans are flat: "the members of the Security
Council" is one span). Nominal places ("the city", Place.kind) are Locations, and a place with its
container (Place.within, "Anbar, Iraq") is one Location, as re3d marks it. Only spans the stages
produce are scored: re3d also marks "it", which counts as a miss.

A span counts when its start, end and type are exactly the gold's (``span_f1``; per type
``span_f1_<Type>``). Development split: documents at even positions (by source folder, then
document id) were used to develop the rules (``dev_span_f1``); odd positions were held out
(``test_span_f1``). The plain metrics are over all documents.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Optional

from ..actors.kb import norm
from ..places.names import fold
from ..places.toponyms import tables as toponym_tables
from .common import prf, records_for

TYPES = ("Person", "Organisation", "Location", "Nationality")
MIN_CONFIDENCE = 0.5


def load_gold(gold: Path) -> list[dict]:
    """Documents with their gold spans {(start, end, type)}, in a fixed order."""
    docs = []
    for folder in sorted(p for p in gold.iterdir() if p.is_dir() and (p / "documents.json").exists()):
        ents: dict[str, set] = {}
        for line in (folder / "entities.json").read_text(encoding="utf-8-sig").splitlines():
            if not line.strip():
                continue
            e = json.loads(line)
            if e.get("type") in TYPES and float(e.get("confidence") or 0) >= MIN_CONFIDENCE:
                ents.setdefault(e["documentId"], set()).add((int(e["begin"]), int(e["end"]), e["type"]))
        rows = [json.loads(x) for x in (folder / "documents.json").read_text(encoding="utf-8-sig").splitlines()
                if x.strip()]
        for row in sorted(rows, key=lambda r: r["_id"]):
            text = row["text"]
            spans = set()
            for s, e, t in ents.get(row["_id"], set()):
                # Gold spans with outer spaces are compared on their words.
                while s < e and text[s].isspace():
                    s += 1
                while e > s and text[e - 1].isspace():
                    e -= 1
                if e > s:
                    spans.add((s, e, t))
            docs.append({"id": row["_id"], "folder": folder.name, "text": text, "gold": spans})
    return docs


# re3d's types for the actors' entity types: its Organisation is "a group of people, a government, a company,
# or a family", so groups of people ("civilians", "three Egyptians", "we") are Organisations too; its
# Nationality is "nationality, religious or ethnic identity".
ENTITY_TYPES = {"person": "Person", "group": "Organisation", "ethnic group": "Nationality"}


def _kind(actor, roles: Optional[dict] = None) -> Optional[str]:
    """The re3d type of an actor, from its ``entity_type`` (None: not scored, e.g. the author of a work).
    ``roles`` is no longer read (the actors stage types its actors); kept for callers that pass it."""
    return ENTITY_TYPES.get(actor.entity_type or "")


# The endings of nationality, ethnic, religious and political group words ("Syrian", "Lebanese",
# "Kurdish", "Iraqi", "Islamic", "Islamist", "Alawite", "Yazidis"), on their last word.
_NATIONALITY_END = re.compile(r"(an|ans|ese|ish|i|is|ic|ics|ist|ists|ite|ites|er|ers)$")


def nationality_like(text: str, is_demonym=lambda t: False) -> bool:
    """Could ``text`` be a nationality, religious or ethnic identity? A known demonym or identity word,
    or a word with a demonym's or adherent's ending. The tagger's NORP label alone is not enough: it
    also falls on town and person names ("Samarra", "Asad"), which have none of these forms."""
    from ..nlp.model import identities

    words = identities()
    low = text.strip().lower()
    last = low.split()[-1] if low.split() else low
    if is_demonym(text) or low in words or last in words or (last.endswith("s") and last[:-1] in words):
        return True
    return bool(_NATIONALITY_END.search(last.replace(".", "")))


def predict(record, roles: dict, demonyms: dict = {}) -> set[tuple[int, int, str]]:
    """Typed spans from the record: actors first, then places, then NER mentions not yet covered."""
    out: dict[tuple[int, int], str] = {}
    covered: list[tuple[int, int]] = []
    # re3d's spans are flat: an actor inside a longer one ("the Security Council" in "the members of
    # the Security Council") is not scored on its own; the longer span the stage produced is.
    spans = [(a.start, a.end) for a in record.actors if _kind(a, roles) is not None]
    for a in record.actors:
        kind = _kind(a, roles)
        if kind is None or (a.start, a.end) in out:
            continue
        if any(s <= a.start and a.end <= e and (s, e) != (a.start, a.end) for s, e in spans):
            continue
        out[(a.start, a.end)] = kind
        covered.append((a.start, a.end))

    def free(s: int, e: int) -> bool:
        return not any(s < ce and cs < e for cs, ce in covered)

    # A place with its container ("Anbar, Iraq", Place.within) is one Location, as re3d marks it; a place
    # inside a longer place span (the container, or a toponym inside a nominal "the site of Palmyra") is
    # not scored on its own.
    # Demonyms are those of the actors KB and those of the places stage's own table ("Kurdish").
    place_demonyms = toponym_tables()[0]

    def is_demonym(text: str) -> bool:
        return norm(text) in demonyms or fold(text) in place_demonyms

    by_id = {p.id: p for p in record.places}
    place_spans = []
    for p in record.places:
        c = by_id.get(p.within) if p.within else None
        end = c.end if c is not None and c.start >= p.end else p.end
        place_spans.append((p, p.start, end))
    for p, s, e in place_spans:
        if any(ps <= s and e <= pe and (ps, pe) != (s, e) for _, ps, pe in place_spans):
            continue
        if (s, e) != (p.start, p.end):
            if free(s, e):
                out[(s, e)] = "Location"
                covered.append((s, e))
            continue
        if free(p.start, p.end):
            # A demonym the places stage resolved to its country ("Syrian") is a Nationality here.
            if is_demonym(p.text):
                # ... and one in the plural ("thousands of Syrians") names people, a group, as actors do.
                plural = p.text.endswith("s") and is_demonym(p.text[:-1])
                out[(p.start, p.end)] = "Organisation" if plural else "Nationality"
                covered.append((p.start, p.end))
                continue
            out[(p.start, p.end)] = "Location"
            covered.append((p.start, p.end))
    # People and organisations are what the actors stage made of the PERSON and ORG entities: one it
    # declined ("Operation Desert Hammer", "60 MW") is none.
    label_type = {"GPE": "Location", "LOC": "Location", "FAC": "Location", "NORP": "Nationality"}
    # The author named inside a work ("EU" in "new EU sanctions", "UN" in "UN convoy requests") is the
    # organisation or person the tagger found there: the work is no entity, its author is.
    works = [(a.start, a.end) for a in record.actors if a.entity_type is None]
    author_type = {"ORG": "Organisation", "PERSON": "Person"}
    for m in record.mentions:
        t = label_type.get(m.label)
        if t is None and m.label in author_type and any(s <= m.start and m.end <= e for s, e in works):
            t = author_type[m.label]
        if t == "Nationality" and not nationality_like(m.text, is_demonym):
            continue  # the tagger's NORP on a place or a person's name ("west of Samarra", "Asad")
        if t and free(m.start, m.end):
            out[(m.start, m.end)] = t
            covered.append((m.start, m.end))
    # Only spans the stages produced are scored: no pronoun pattern or span widening on the eval side
    # (re3d also marks pronouns, "the city of X" phrases and bare titles; those count as misses).
    return {(s, e, t) for (s, e), t in out.items()}


def evaluate(gold: Path, limit: Optional[int] = None, **kw) -> dict:
    from ..actors.kb import load_kb

    docs = load_gold(gold)
    if limit:
        docs = docs[:limit]
    records = records_for([(d["text"], None) for d in docs], stages=["nlp", "time", "places", "actors"])
    kb = load_kb()
    roles, demonyms = kb.roles, kb.demonyms
    counts = {part: {t: Counter() for t in TYPES + ("all",)} for part in ("all", "dev", "test")}
    errors = []
    for pos, (doc, rec) in enumerate(zip(docs, records)):
        pred = predict(rec, roles, demonyms)
        part = "dev" if pos % 2 == 0 else "test"
        for typ in TYPES:
            g = {x for x in doc["gold"] if x[2] == typ}
            p = {x for x in pred if x[2] == typ}
            for c in (counts["all"], counts[part]):
                for key in (typ, "all"):
                    c[key]["tp"] += len(g & p)
                    c[key]["fp"] += len(p - g)
                    c[key]["fn"] += len(g - p)
        if kw.get("errors") and part == "dev":
            text = doc["text"]
            errors.append({"id": doc["id"],
                           "missed": sorted((text[s:e], t) for s, e, t in doc["gold"] - pred),
                           "spurious": sorted((text[s:e], t) for s, e, t in pred - doc["gold"])})
    metrics: dict[str, float] = {}
    for part in ("all", "dev", "test"):
        prefix = "" if part == "all" else f"{part}_"
        c = counts[part]["all"]
        res = prf(c["tp"], c["fp"], c["fn"])
        metrics[f"{prefix}span_f1"] = res["f1"]
        if part == "all":
            metrics["span_precision"], metrics["span_recall"] = res["precision"], res["recall"]
            for typ in TYPES:
                ct = counts[part][typ]
                metrics[f"span_f1_{typ}"] = prf(ct["tp"], ct["fp"], ct["fn"])["f1"]
    n_gold = sum(len(d["gold"]) for d in docs)
    result = {"task": "entities", "gold": str(gold), "n_docs": len(docs), "n_gold": n_gold, "metrics": metrics}
    if kw.get("errors"):
        result["errors"] = errors
    return result
