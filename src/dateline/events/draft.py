"""The Draft an event is computed into before anything is written, and its small helpers: how deep
its anchor sits, a cue's character span, the event's time."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from ..model import EventTime, Quantity, Record, Sentence
from .arguments import Arg
from .detect import CLAUSE_DEPS, Candidate
from .place_time import dates_from_value

# personal pronouns kept as (unresolved) actors: "we will defeat ...", "he was bombed and killed"


@dataclass
class Draft:
    cand: Candidate
    type: str
    mode: Optional[str]
    cameo: Optional[str]
    acled: tuple
    intensity: float
    modality: str
    cue: Optional[tuple[int, int, str]]
    sources: list[Arg]
    targets: list[Arg]
    place: Optional[str]
    time: EventTime
    quantities: list[Quantity]
    sentence: Sentence
    score: float
    reason: str
    derived_from: Optional[int] = None
    governor_i: Optional[int] = None      # token index of the word that governs the event's modality
    source_actor_ids: list[str] = field(default_factory=list)
    target_actor_ids: list[str] = field(default_factory=list)
    target_from_place: bool = False


def _depth_penalty(anchor) -> float:
    """Events deep in complements and relative clauses are less often the point of the sentence."""
    pen, cur = 0.0, anchor
    for _ in range(12):
        if cur.head is cur:
            break
        if cur.dep_ in CLAUSE_DEPS:
            pen += 0.08 if cur.dep_ not in ("relcl", "acl") else 0.15
        elif cur.dep_ == "conj":
            pen += 0.03
        else:
            pen += 0.01
        cur = cur.head
    return pen


def _span(obj) -> Optional[tuple[int, int, str]]:
    if obj is None:
        return None
    if hasattr(obj, "start_char"):
        return obj.start_char, obj.end_char, obj.text
    return obj.idx, obj.idx + len(obj.text), obj.text


def _event_time(record: Record, t) -> EventTime:
    if t is None:
        pub = record.article.published
        return EventTime(value=pub.isoformat() if pub else None, start_date=pub, end_date=pub,
                         granularity="day" if pub else None, **{"from": "publication date" if pub else None})
    start = getattr(t, "start_date", None)
    end = getattr(t, "end_date", None)
    gran = getattr(t, "granularity", None)
    if start is None and end is None:
        start, end, gran2 = dates_from_value(t.value)
        gran = gran or gran2
    return EventTime(value=t.value, start_date=start, end_date=end, granularity=gran, **{"from": t.id})
