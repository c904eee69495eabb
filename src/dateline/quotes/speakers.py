"""Speaker resolution: the source span of an attribution -> an actor id of the record.

In order: an actor named inside the source ("Nikolay Smith, a former diplomat, said"); a pronoun
("he said") -> the last person actor mentioned before it ("they", "it" -> the last actor that is not
a person); a nominal ("the diplomat said") -> the nearest earlier actor that the same noun described
(an apposition "X, a former diplomat" or a title "diplomat X") or whose own text holds the noun.
Each answer carries a short reason; no answer is better than a guess, so anything else stays null.
"""

from __future__ import annotations

import bisect
from typing import Optional

from ..model import Actor, Mention

PERSON_PRONOUNS = {"he", "she", "him", "her", "his", "hers", "i", "me", "my", "we", "us", "our"}
GROUP_PRONOUNS = {"they", "them", "their", "it", "its"}
# The first person in a quotation is the speaker, but outside one it is the author: never resolved.
AUTHOR_PRONOUNS = {"i", "me", "my", "we", "us", "our"}


class ActorIndex:
    """Actors in text order, with which of them are people (from the NER mentions under them)."""

    def __init__(self, actors: list[Actor], mentions: list[Mention]):
        self.actors = sorted(actors, key=lambda a: a.start)
        self.starts = [a.start for a in self.actors]
        persons = [(m.start, m.end) for m in mentions if m.label == "PERSON"]
        self.is_person = [any(s < a.end and a.start < e for s, e in persons) for a in self.actors]

    def inside(self, start: int, end: int) -> list[int]:
        lo = bisect.bisect_left(self.starts, start)
        out = []
        for k in range(lo, len(self.actors)):
            a = self.actors[k]
            if a.start >= end:
                break
            if a.end <= end:
                out.append(k)
        return out

    def before(self, pos: int) -> range:
        """Indices of actors that end before ``pos``, nearest first."""
        k = bisect.bisect_left(self.starts, pos)
        return range(k - 1, -1, -1)


def resolve_speaker(index: ActorIndex, doc, source: Optional[tuple[int, int]],
                    source_token: Optional[int]) -> tuple[Optional[str], str]:
    """(actor id or None, reason)."""
    if source is None or not index.actors:
        return None, "no source" if source is None else "no actors in the article"
    head_pos = doc[source_token].idx if source_token is not None else None
    if head_pos is not None and source[0] <= head_pos < source[1]:
        k = _actor_at(index, head_pos)
        if k is not None:  # also when the actor's span runs past the source (an NER span glitch)
            a = index.actors[k]
            return a.id, f"actor '{_short(a.text)}' heads the source"
    named = index.inside(*source)
    if named:
        people = [k for k in named if index.is_person[k]]
        k = people[0] if people else named[0]
        return index.actors[k].id, f"actor '{_short(index.actors[k].text)}' named in the source"
    if source_token is None:
        return None, "no actor in the source"
    head = doc[source_token]
    word = head.lower_
    if head.pos_ == "PRON" or word in PERSON_PRONOUNS or word in GROUP_PRONOUNS:
        if word in AUTHOR_PRONOUNS:
            return None, f"first-person source '{head.text}' (the author or an unnamed speaker)"
        want_person = word not in GROUP_PRONOUNS
        for k in index.before(source[0]):
            if index.is_person[k] == want_person:
                a = index.actors[k]
                kind = "person" if want_person else "non-person"
                return a.id, f"pronoun '{head.text}' -> last {kind} actor mentioned before it ('{_short(a.text)}')"
        return None, f"pronoun '{head.text}' with no earlier matching actor"
    if head.pos_ in ("NOUN", "PROPN"):
        return _nominal(index, doc, head, source[0])
    return None, "no actor in the source"


def _nominal(index: ActorIndex, doc, head, before: int) -> tuple[Optional[str], str]:
    """'the diplomat' -> the nearest earlier actor described by the same noun."""
    lemma = head.lemma_.lower()
    for t in reversed(doc[:head.i]):
        if t.idx >= before or t.lemma_.lower() != lemma:
            continue
        # "X, a former diplomat": the noun is an apposition of the name; "diplomat X": a title.
        anchor = t
        while anchor.dep_ in ("appos", "compound", "conj", "amod") and anchor.head.i != anchor.i:
            anchor = anchor.head
            k = _actor_at(index, anchor.idx)
            if k is not None:
                a = index.actors[k]
                return a.id, f"nominal '{head.text}' -> '{_short(a.text)}', earlier described as '{t.text}'"
        for c in t.children:
            if c.dep_ in ("appos", "compound"):
                k = _actor_at(index, c.idx)
                if k is not None:
                    a = index.actors[k]
                    return a.id, f"nominal '{head.text}' -> '{_short(a.text)}', earlier described as '{t.text}'"
        k = _actor_at(index, t.idx)
        if k is not None:
            a = index.actors[k]
            return a.id, f"nominal '{head.text}' -> earlier actor '{_short(a.text)}' with the same noun"
    return None, f"nominal '{head.text}' matches no earlier actor"


def _actor_at(index: ActorIndex, pos: int) -> Optional[int]:
    k = bisect.bisect_right(index.starts, pos) - 1
    if k >= 0 and index.actors[k].start <= pos < index.actors[k].end:
        return k
    return None


def _short(text: str) -> str:
    """An actor's text on one line, for reasons."""
    return " ".join(text.split())[:60]
