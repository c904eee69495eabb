"""Linking an event's argument spans to actors, making new (unresolved) actors for agents no actor
covers, and what an actor mention stands for."""

from __future__ import annotations

from ..actors.resolve import WORK_HEADS
from ..model import Actor, Record
from .arguments import _split as _split_arg
from .arguments import PERSONAL_PRONOUNS, Arg, argument_span, is_agent_like, overlapping, token_chars
from .owners import owner_args


def _link(record: Record, args: list[Arg], lex, new_actors: dict, role: str) -> list[str]:
    ids: list[str] = []
    for arg in args:
        if arg.head.lower_ in WORK_HEADS and arg.head.text[:1].isupper():
            # "comply with Security Council Resolution 2328", "support a Cessation of Hostilities": a
            # named instrument is no participant, and neither is the body named in its title
            continue
        found = []
        for start, end in token_chars(arg.tokens):
            found += [a for a in overlapping(record.actors, start, end) if a not in found]
        if found:
            # an actor not yet used by another conjunct first, then the one on the head, then the tightest
            found.sort(key=lambda a: (a.id in ids, not (a.start <= arg.head.idx < a.end), a.end - a.start))
            if found[0].id not in ids:
                ids.append(found[0].id)
            continue
        if role == "target" and arg.head.pos_ == "NOUN" and arg.head.lower_ not in PERSONAL_PRONOUNS:
            # "shelled positions of the Palestinian forces", "a camp for Congolese refugees": a thing
            # or place no actor names is the target through the actor it belongs to
            owners = [a for o in owner_args(arg.head) + _for_args(arg.head) for s, e in token_chars(o.tokens)
                      for a in overlapping(record.actors, s, e) if a.country]
            if owners:
                for a in owners:
                    if a.id not in ids:
                        ids.append(a.id)
                continue
        if not (is_agent_like(arg.head, lex) or arg.head.lower_ in PERSONAL_PRONOUNS):
            continue
        start, end = argument_span(arg)
        key = (start, end)
        if key not in new_actors:
            # a place named as a participant ("visited Russia", "shelled Jericho") stands for its
            # country, as PLOVER codes it; the country comes from the resolved place, nothing else
            place = next((p for p in overlapping(record.places, start, end) if p.country
                          and (arg.head.ent_type_ in ("GPE", "LOC", "FAC")
                               or getattr(p, "role", None) == "origin")), None)
            note = f"; country from the place {place.text!r} ({place.country})" if place else ""
            actor = Actor(id=record.new_id("a", record.actors), text=record.article.text[start:end], start=start,
                          end=end, name=None, country=place.country if place else None, sector=None,
                          score=0.3, reason=f"unresolved event argument ({role}, via {arg.via}); no actor "
                                            f"overlaps it{note}")
            record.actors.append(actor)
            new_actors[key] = actor
        if new_actors[key].id not in ids:
            ids.append(new_actors[key].id)
    return ids


def _for_args(thing) -> list[Arg]:
    """Beneficiaries named in a "for" phrase: "a camp for Congolese refugees"."""
    return [a for g in thing.children if g.dep_ == "prep" and g.lower_ == "for"
            for o in g.children if o.dep_ == "pobj" for a in _split_arg(o, f"'for' phrase of {thing.text!r}")]


def _identity(by_id: dict, actor_id: str):
    """What an actor mention stands for: its knowledge-base entry, else the first mention of its
    coreference chain."""
    a = by_id.get(actor_id)
    seen = set()
    while a is not None and a.coref and a.coref in by_id and a.id not in seen:
        seen.add(a.id)
        a = by_id[a.coref]
    if a is None:
        return actor_id
    return ("kb", a.kb_id) if a.kb_id else ("mention", a.id)
