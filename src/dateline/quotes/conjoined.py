"""A second cue verb the parser hangs inside the first cue's clause: "X said A and called B".

The small parser often attaches the second verb of "The mayor says the bridge is safe and says repairs
will start" to the verb of what was said ("is"), as if the bridge said it. When that verb has no subject
of its own and the same verb form as the outer cue ("says ... and says", "said ... and called"), it is
read as a second act of the outer speaker (PolNeAR gives it its own attribution): it takes the outer
cue's subject as its source and cuts the first content where it starts. A different form ("says he
would sit down and tell him") stays inside what was said.
"""

from __future__ import annotations

from typing import Optional

from .lexicon import cues

SUBJECTS = ("nsubj", "nsubjpass")
FINITE = ("VBD", "VBZ", "VBP")


def outer_cue(tok) -> Optional[object]:
    """The outer cue verb whose second act ``tok`` is, or None."""
    if tok.dep_ != "conj" or tok.tag_ not in FINITE or any(c.dep_ in SUBJECTS for c in tok.children):
        return None
    if not any(c.dep_ == "cc" and c.i < tok.i for c in tok.head.children):
        return None  # "and", "but" before it: asyndetic lists are rarer and riskier
    clause = tok.head
    if clause.dep_ != "ccomp" or clause.i > tok.i:
        return None
    outer = clause.head
    if outer.pos_ != "VERB" or outer.tag_ != tok.tag_ or outer.i > clause.i:
        return None
    if (outer.lemma_.lower(), "VERB") not in cues():
        return None
    if not any(c.dep_ in SUBJECTS for c in outer.children):
        return None
    return outer
