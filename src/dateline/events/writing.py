"""Writing the drafts: actors linked or made for their arguments, the place conventions, then one
Event per draft with its trigger, cue, sentence and reason as evidence."""

from __future__ import annotations

from ..model import Event, Record, TextSpan
from . import lexicon as lexmod
from .arguments import names_people
from .coding import acled_for
from .draft import Draft
from .lexicon import Trigger
from .linking import _identity, _link
from .place_target import PLACE_TARGET_TYPES, _place_as_target


def write(record: Record, drafts: list[Draft], lex=None) -> None:
    """Write: actors for unresolved agents, then one Event per draft."""
    lex = lex or lexmod.load()
    new_actors: dict = {}
    events: list[Event] = []
    by_id = {a.id: a for a in record.actors}
    for d in drafts:
        d.source_actor_ids = _link(record, d.sources, lex, new_actors, "source")
        # a target that is a source again, or refers back to the same actor ("the regime ... its own
        # forces" resolved to one entity), is no second party
        by_id.update((a.id, a) for a in new_actors.values())
        same = {_identity(by_id, i) for i in d.source_actor_ids}
        d.target_actor_ids = [i for i in _link(record, d.targets, lex, new_actors, "target")
                              if i not in d.source_actor_ids and _identity(by_id, i) not in same]
        made_here = {a.id for a in new_actors.values() if not a.country}
        place = next((p for p in record.places if p.id == d.place), None) if d.place else None
        if place is not None and place.country:
            # an unnamed agent this stage made ("prisoners rioted at a jail in Dili") is of the
            # country where the event happens, as PLOVER codes unidentified actors
            # an unnamed group that is acted on ("outlawed the largest extremist organisation in X") too,
            # unless it is named by a demonym ("urged Europeans to ...": not of the place)
            people = [a.head.idx for a in d.targets if names_people(a.head, lex) and a.head.ent_type_ != "NORP"]
            for a in new_actors.values():
                unnamed_target = a.id in d.target_actor_ids and any(a.start <= i < a.end for i in people)
                if (a.id in d.source_actor_ids or unnamed_target) and not a.country and a.id in made_here:
                    a.country = place.country
                    a.reason += f"; country from the event's place {place.text!r} (PLOVER convention)"
        if d.place and d.type in PLACE_TARGET_TYPES and all(i in made_here for i in d.target_actor_ids) \
                and not any(names_people(a.head, lex) for a in d.targets):
            # no target, or only things no actor names ("villages near the border", "the bridge"):
            # the place's country stands for the target, as PLOVER codes it
            placed = _place_as_target(record, d, new_actors)
            if placed:
                d.target_actor_ids = placed
                d.target_from_place = True
    for d in drafts:
        tok = d.cand.token
        source_sectors = [a.sector for a in record.actors if a.id in d.source_actor_ids and a.sector]
        target_heads = [a.head for a in d.targets]
        acled_type, acled_sub = (None, None)
        if d.derived_from is None:
            entry = d.cand.entry if d.type == d.cand.entry.type else Trigger(d.type, None, d.cameo, None, d.intensity)
            acled_type, acled_sub = acled_for(d.type, entry, target_heads, source_sectors, d.modality)
        cue = TextSpan(text=d.cue[2], start=d.cue[0], end=d.cue[1]) if d.cue else None
        events.append(Event(
            id=f"{record.article.id}:e{len(record.events) + len(events)}", type=d.type, mode=d.mode,
            cameo=d.cameo, acled_type=acled_type, acled_subtype=acled_sub, intensity=d.intensity,
            modality=d.modality, modality_cue=cue, sources=d.source_actor_ids, targets=d.target_actor_ids,
            target_from_place=d.target_from_place, place=d.place, time=d.time, quantities=d.quantities,
            trigger=TextSpan(text=tok.text, start=tok.idx, end=tok.idx + len(tok.text)),
            sentence=d.sentence, score=d.score, reason=d.reason))
    record.events.extend(events)
