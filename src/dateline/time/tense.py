"""Tense of the verb that governs a time expression, from the spaCy parse.

"Diplomats met on Wednesday" points back from the publication date, "Diplomats will
meet on Wednesday" forward. We walk from the expression's head up the dependency tree
to the first verb and read its tag and auxiliaries (Penn tags, so this works without
spaCy's attribute_ruler).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

PAST, FUTURE, PRESENT, CONDITIONAL = "past", "future", "present", "conditional"

_FUTURE_AUX = {"will", "'ll", "shall", "wo", "ll"}
_PAST_AUX = {"was", "were", "had", "did"}
_PERFECT_AUX = {"has", "have", "'ve"}
_PROGRESSIVE_AUX = {"is", "are", "am", "'s", "'re", "'m"}
_MODAL_FUTURE = {"can", "may", "might", "could", "should", "must", "ca"}


@dataclass(frozen=True)
class Tense:
    label: Optional[str]  # past | future | present | conditional | None (no verb found)
    verb: Optional[str] = None  # the governing verb's text, for the reason
    cue: Optional[str] = None  # the word that decided it ("will", "said", "plans")

    def describe(self) -> str:
        if self.label is None:
            return f"no tense read from {self.verb!r}" if self.verb else "no governing verb"
        if self.verb is None:
            return f"{self.label} ({self.cue!r})"
        cue = f" ({self.cue})" if self.cue and self.cue != self.verb else ""
        return f"{self.label} tense of {self.verb!r}{cue}"


def governing_verb(tok, max_steps: int = 8):
    """The first verb on the path from ``tok`` to the sentence root, or None."""
    t = tok
    for _ in range(max_steps):
        if t.tag_.startswith("VB") and t.dep_ not in ("amod", "compound"):
            return t
        if t.head is t or t.head.i == t.i:
            return None
        t = t.head
    return None


def verb_tense(verb, future_heads: frozenset[str], reporting: frozenset[str], depth: int = 0) -> Tense:
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    lowers = {a.lower_ for a in auxes}
    text = verb.text
    if lowers & _FUTURE_AUX:
        return Tense(FUTURE, text, "will")
    # "going to meet", "plans to meet", "is expected to meet", "agreed to meet"
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in future_heads:
        return Tense(FUTURE, text, verb.head.text)
    if verb.lemma_.lower() in ("go",) and any(c.dep_ == "xcomp" for c in verb.children):
        return Tense(FUTURE, text, "going to")
    if "would" in lowers:
        return Tense(CONDITIONAL, text, "would")
    if lowers & _MODAL_FUTURE:
        return Tense(FUTURE, text, next(iter(lowers & _MODAL_FUTURE)))
    if verb.tag_ == "VBD" or lowers & _PAST_AUX or lowers & _PERFECT_AUX:
        return Tense(PAST, text, text)
    if verb.tag_ == "VBN":
        if lowers & _PROGRESSIVE_AUX:  # "is scheduled on Monday": a present passive
            return Tense(FUTURE if verb.lemma_.lower() in future_heads else PRESENT, text, text)
        if verb.lemma_.lower() in future_heads:  # "the summit, scheduled for March 3": a plan
            return Tense(FUTURE, text, text)
        return Tense(PAST, text, text)  # a reduced relative: "the man killed on Monday"
    if verb.tag_ == "VBG" and lowers & _PROGRESSIVE_AUX:
        return Tense(FUTURE, text, "is " + text)  # "are meeting on Monday" is an arrangement
    if verb.tag_ in ("VBZ", "VBP"):
        if verb.lemma_.lower() in reporting:
            return Tense(PAST, text, text)  # "says": reports what happened
        if verb.lemma_.lower() == "be":
            return Tense(None, text, text)  # "Friday's attack is the worst": the copula says nothing of when
        return Tense(PRESENT, text, text)
    if verb.tag_ == "VB" and not lowers and verb.dep_ in ("ROOT", "conj") \
            and not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children):
        return Tense(FUTURE, text, "imperative")  # "Call me on Sunday": an imperative asks for later
    if verb.tag_ == "VB" and "to" in lowers and verb.head.tag_.startswith("NN"):
        return Tense(FUTURE, text, "to " + text)  # "a programme to run through June": prospective
    if verb.tag_ == "VB" and "to" in lowers and depth < 2 and verb.head is not verb:
        # an infinitive ("... to meet on Monday") looks ahead of its clause: past only after a simple past
        head = governing_verb(verb.head)
        if head is not None and head is not verb:
            h = verb_tense(head, future_heads, reporting, depth + 1)
            if h.label == PAST and head.tag_ != "VBD":
                return Tense(FUTURE, text, f"to {text} after {head.text!r}")
            return h
    if verb.tag_ == "VBG" and depth < 2 and verb.head is not verb:
        head = governing_verb(verb.head)  # "... on Monday, killing 30": the clause it hangs on
        if head is not None and head is not verb:
            return verb_tense(head, future_heads, reporting, depth + 1)
    return Tense(None, text, None)


def tense_of(span_root, lex) -> Tense:
    """Tense for the expression whose head token is ``span_root``; ``lex`` gives the verb lists."""
    prep = span_root.head if span_root.dep_ == "pobj" else None
    if prep is not None and prep.lower_ == "since":
        return Tense(PAST, None, "since")
    if prep is not None and prep.lower_ in ("until", "till", "to") and prep.head.lemma_.lower() in lex.postpone_verbs:
        return Tense(FUTURE, prep.head.text, f"{prep.head.text} {prep.text}")
    verb = governing_verb(span_root)
    if verb is None:
        return Tense(None)
    return verb_tense(verb, lex.future_heads, lex.reporting_verbs)
