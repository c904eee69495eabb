"""PLOVER's convention that an event's place stands for its target when the text names none."""

from __future__ import annotations

from ..model import Actor, Record
from .arguments import overlapping
from .draft import Draft

# categories whose target PLOVER codes from the location when the text names none
PLACE_TARGET_TYPES = {"PROTEST", "ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "THREATEN", "AID", "RETREAT", "CONCEDE", "REJECT", "REQUEST"}


def _place_as_target(record: Record, d: Draft, new_actors: dict) -> list[str]:
    """PLOVER's convention when the text names no target: the event's location stands for it
    ("students demonstrated in Serbia" -> target Serbia)."""
    place = next((p for p in record.places if p.id == d.place), None)
    if place is None or not place.country:
        return []
    found = [a for a in overlapping(record.actors, place.start, place.end)]
    if found:
        return [found[0].id] if found[0].id not in d.source_actor_ids else []
    key = (place.start, place.end)
    if key not in new_actors:
        actor = Actor(id=record.new_id("a", record.actors), text=place.text, start=place.start, end=place.end,
                      country=place.country, score=0.2,
                      reason=f"unresolved event argument: no target in the parse, so the event's place "
                             f"{place.text!r} stands for it (PLOVER convention); country from the place")
        record.actors.append(actor)
        new_actors[key] = actor
    return [new_actors[key].id]
