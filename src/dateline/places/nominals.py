"""Nominal place mentions: common-noun phrases that name a place ("the city", "a petrol station",
"besieged areas", "their country"). They have no gazetteer entry; the places stage records them as
Places of kind "nominal" so that a reader sees where an event happened even when the text names the
place only by what it is. Toponyms are never replaced by them.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

_OF = re.compile(r" of ")
# The place nouns that name a settlement, an area or a camp (not a facility, which can be an institution).
SETTLEMENT_NOUNS = frozenset({"city", "town", "village", "hamlet", "capital", "country", "territory", "province",
                              "district", "region", "area", "neighbourhood", "neighborhood", "suburb", "camp"})
# Words that may open the phrase but are not part of the place ("all the cities" -> "the cities").
_DROP_FIRST = {"all", "both", "each", "every", "such"}
# Dependents of the head that make the phrase no mention of a particular place.
_GENERIC = {"any", "no", "which", "what", "whatever"}


@lru_cache(maxsize=1)
def place_nouns() -> frozenset[str]:
    text = resources.files("dateline.places").joinpath("data", "place_nouns.txt").read_text(encoding="utf-8")
    return frozenset(w.strip().lower() for w in text.splitlines() if w.strip() and not w.startswith("#"))


def _head_is_place(tok, nouns: frozenset[str]) -> bool:
    if tok.pos_ != "NOUN" or tok.ent_type_:
        return False
    lemma = tok.lemma_.lower()
    # The head itself, or the last part of a hyphenated compound ("hydro-electricity station").
    return lemma in nouns or lemma.split("-")[-1] in nouns


def find_nominals(doc, taken: list[tuple[int, int]], toponyms: list[tuple[int, int]] = (),
                  text: str | None = None) -> list[tuple[int, int]]:
    """(start, end) character spans of nominal place phrases in ``doc`` that overlap nothing in ``taken``
    (toponyms and named-entity spans). The span is the head noun with its left dependents: determiner,
    possessive, numbers, adjectives and noun modifiers ("the ancient city", "a petrol station"); a toponym
    right after "of" belongs to the phrase ("the ancient site of Palmyra", ``toponyms``)."""
    nouns = place_nouns()
    text = text if text is not None else doc.text  # Doc.text joins every token on each access
    out: list[tuple[int, int]] = []
    for tok in doc:
        if not _head_is_place(tok, nouns):
            continue
        # Only the head of a noun phrase: "city" in "city council" or "school" in "school children"
        # modifies another noun and is no place mention.
        if tok.dep_ in ("compound", "amod", "nmod") and tok.head.pos_ in ("NOUN", "PROPN"):
            continue
        if tok.dep_ == "npadvmod":  # "home" style adverbial uses
            continue
        # The complement of "be" describes the subject and refers to no place of its own: "X is a village
        # in eastern Syria", "Aleppo is the second city of ...".
        if tok.dep_ == "attr" and tok.head.lemma_ == "be":
            continue
        left = [t for t in tok.lefts if t.i < tok.i]
        if any(t.lower_ in _GENERIC for t in left):
            continue
        # The phrase: the contiguous left dependents (with their own subtrees, "heavily populated areas").
        start = tok.i
        for t in sorted(left, key=lambda t: t.i, reverse=True):
            sub = list(t.subtree)
            if sub[-1].i != start - 1 or t.dep_ in ("punct", "cc", "prep", "case"):
                break
            start = sub[0].i
        while start < tok.i and (doc[start].lower_ in _DROP_FIRST or doc[start].is_punct):
            start += 1
        # A named entity inside the phrase makes it a toponym's context ("the Adhamiya district"), which
        # the toponym finder covers.
        if any(doc[i].ent_type_ for i in range(start, tok.i)):
            continue
        s, e = doc[start].idx, tok.idx + len(tok.text)
        if any(s < te and ts < e for ts, te in taken):
            continue
        m = _OF.match(text, e)
        if m:
            e = next((te for ts, te in toponyms if ts == m.end()), e)
        out.append((s, e))
    return out
