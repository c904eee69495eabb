"""A cue verb in a relative clause whose object is the noun it modifies: "the change the party warned
about", "the tax cut, which the senator proposed".

What was said (denied, proposed, warned about) is the relative clause's gap: PolNeAR marks the relative
pronoun when there is one ("which", "that") and the noun phrase the clause modifies when there is none
("the increase he seeks"). The relative clause's own subject is the source.
"""

from __future__ import annotations

from typing import Optional

RELATIVE_PRONOUNS = ("which", "that", "whom")


def relative_gap(tok, preps: tuple[str, ...], object_is_content: bool) -> Optional[tuple[int, int, Optional[int]]]:
    """(first token, last token, preposition token or None) of the content of a cue ``tok`` that heads a
    relative clause and has no complement of its own, else None. Without ``object_is_content`` (a verb
    whose bare object is a recipient, "told"), only a stranded preposition's gap counts ("warned about")."""
    if tok.dep_ != "relcl" or tok.head.pos_ not in ("NOUN", "PROPN"):
        return None
    kids = list(tok.children)
    if not any(c.dep_ == "nsubj" and c.i < tok.i and c.lower_ not in RELATIVE_PRONOUNS for c in kids):
        return None  # "the judge who ruled": the noun is the subject, not what was said
    if any(c.dep_ in ("ccomp", "xcomp", "oprd") or (c.dep_ == "dobj" and c.i > tok.i) for c in kids):
        return None  # "a plan that he said would fail": the clause has its own content
    pron = next((c for c in kids if c.dep_ in ("dobj", "pobj") and c.i < tok.i and c.lower_ in RELATIVE_PRONOUNS),
                None)
    # A stranded preposition ("warned about"): the gap is its object.
    prep = next((c for c in kids if c.dep_ == "prep" and c.i > tok.i and c.lower_ in preps and
                 not any(g.dep_ in ("pobj", "pcomp") for g in c.children)), None)
    if prep is None and not object_is_content:
        return None
    if pron is not None:
        return pron.i, pron.i, prep.i if prep is not None else None
    if any(c.dep_ == "prep" and c.i > tok.i for c in kids) and prep is None:
        return None
    noun = tok.head
    if any(c.tag_ in ("WDT", "WP", "WP$") for c in kids):
        return None  # "a candidate who members oppose": PolNeAR does not mark these
    if tok.left_edge.i != noun.i + 1:
        return None  # only a relative clause right after its noun ("the increase he seeks")
    return noun.left_edge.i, noun.i, prep.i if prep is not None else None
