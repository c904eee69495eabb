"""Registration of the actors stage: compute drafts from the Doc, then write Actor items."""

from __future__ import annotations

import datetime as dt
from typing import Optional

from ..model import Actor, Record
from ..pipeline import register
from .kb import KB, load_kb
from .resolve import Draft, resolve

# Longer texts are resolved in pieces of this many tokens (bounded work per piece).
MAX_TOKENS = 200_000


def compute_actors(doc, kb: KB, published: Optional[dt.date], places: list[tuple[int, str]] = (),
                   place_spans: frozenset = frozenset(), text: Optional[str] = None) -> list[Draft]:
    """Compute: actor drafts for one Doc (no record is touched); ``text`` is the Doc's text if known."""
    if doc is None or len(doc) == 0:
        return []
    if len(doc) > MAX_TOKENS:
        doc, text = doc[:MAX_TOKENS].as_doc(), None
    return resolve(doc, kb, published, list(places), place_spans, text)


def write_actors(record: Record, doc, drafts: list[Draft]) -> None:
    """Write: drafts in text order as Actor items with ids; coreference links become ids."""
    order = sorted(range(len(drafts)), key=lambda i: (drafts[i].start, -drafts[i].end, i))
    ids = {}
    aid = record.article.id
    for n, i in enumerate(order):
        ids[i] = f"{aid}:a{n}"
    actors = []
    text = record.article.text
    for i in order:
        d = drafts[i]
        first, last = doc[d.start], doc[d.end - 1]
        start, end = first.idx, last.idx + len(last.text)
        # Built without re-validation: every field is computed here with its final type.
        actors.append(Actor.model_construct(
            id=ids[i], text=text[start:end] if text else doc.text[start:end], start=start, end=end, name=d.name,
            country=d.country, sector=d.sector, kb_id=d.kb_id, score=round(d.score, 3), reason=d.reason,
            coref=ids.get(d.coref) if d.coref is not None else None))
    record.actors = actors


@register("actors", "dateline.actors.v1", requires=("sentences", "mentions"), assigns=("actors",),
          spacy=("token.tag", "token.pos", "token.lemma", "token.dep", "token.head", "doc.sents", "doc.ents",
                 "token.ent_type"),
          description="actors: KB names valid on the date, metonymy, demonym + role, titles, appositives, "
                      "coreference; country (ISO3), sector, KB id, score and reason")
def make_actors_stage(config: dict):
    user_file = config.get("actors_kb") or None
    kb = load_kb(user_file)  # once per process, when the pipeline is built (cached)

    def actors_stage(record: Record, doc) -> None:
        places = [(p.start, p.country) for p in record.places if p.country]
        # Every place the places stage took (resolved or not): a PERSON or ORG entity on one is no actor.
        spans = frozenset((p.start, p.end) for p in record.places if p.kind == "toponym")
        text = record.article.text if len(record.article.text) == doc[-1].idx + len(doc[-1].text_with_ws) else None
        drafts = compute_actors(doc, kb, record.article.published, places, spans, text) if len(doc) else []
        write_actors(record, doc, drafts)

    return actors_stage
