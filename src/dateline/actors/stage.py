"""Registration of the actors stage: compute drafts from the Doc, then write Actor items."""

from __future__ import annotations

import datetime as dt
from typing import Optional

from ..model import Actor, Record
from ..pipeline import register
from .context import _singular
from .kb import KB, load_kb, norm
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


def write_actors(record: Record, doc, drafts: list[Draft], kb_roles: Optional[dict] = None) -> None:
    """Write: drafts in text order as Actor items with ids; coreference links become ids. ``kb_roles``:
    the KB's role table (which roles are one person), for the actors' ``entity_type``."""
    kb_roles = kb_roles if kb_roles is not None else load_kb().roles
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
            coref=ids.get(d.coref) if d.coref is not None else None,
            entity_type=entity_type(d, doc, kb_roles)))
    record.actors = actors


# Pronouns that stand for one person; the others ("we", "they", "us", "them") stand for a group.
PERSON_PRONOUNS = {"i", "me", "my", "he", "him", "his", "she", "her", "hers", "himself", "herself"}


def entity_type(d: Draft, doc, roles: dict) -> Optional[str]:
    """person | group | ethnic group | None (the author of a work), from how the draft was found."""
    if d.entity_type:
        return d.entity_type
    if d.kind == "act":
        return None
    if d.kind == "person":
        return "person"
    if d.kind == "pronoun":
        return "person" if doc[d.start].lower_ in PERSON_PRONOUNS else "group"
    if d.kind == "nominal":
        phrase = d.title_heads[0] if d.title_heads else ""
        if (roles.get(phrase) or [None, "group"])[1] != "person":
            return "group"
        # A person role in the plural ("Iraqi soldiers", "businessmen") is a group of people.
        last = norm(doc[d.end - 1].text)
        word = phrase.split(" ")[-1]
        return "group" if last != word and _singular(last) == word else "person"
    if (d.kb_id or "").startswith("p:"):
        return "person"  # a KB person the tagger read as an organisation
    if d.end - d.start > 1 and (roles.get(norm(doc[d.end - 1].text)) or [None, None])[1] == "person":
        return "person"  # an office's name with a title after it is its holder: "X Office Minister"
    return "group"


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
        write_actors(record, doc, drafts, kb.roles)

    return actors_stage
