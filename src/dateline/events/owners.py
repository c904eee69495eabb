"""Who a non-actor object belongs to (:func:`owner_args`), and whether a noun names an act whose "of"
phrase is its patient (:func:`is_action_noun`).
"""

from __future__ import annotations

from .arguments import Arg, _hyphenated, _pobj, _split

# Endings of nouns that name an act ("liberation", "adoption", "deployment", "seizure", "killing",
# "removal"): the "of" phrase of such a noun under a verb of judging is the act's patient.
ACTION_ENDINGS = ("tion", "sion", "ment", "ure", "ing", "al")
# acts whose "of" phrase is the doer ("the withdrawal of Serbian forces", "the decision of the president")
DOER_OF_ACTS = {"withdrawal", "resignation", "departure", "arrival", "return", "surrender", "retreat", "decision",
                "participation", "cooperation", "involvement", "commitment", "engagement", "refusal", "agreement",
                "intervention", "action", "meeting", "proposal", "statement", "position", "government"}
# judged acts (not requests: "demanded the release of X" asks X's holder, coded at X)
PATIENT_JUDGING_TYPES = {"SUPPORT", "ACCUSE", "REJECT"}


def is_action_noun(tok) -> bool:
    lemma = tok.lemma_.lower()
    return tok.pos_ == "NOUN" and lemma.endswith(ACTION_ENDINGS) and lemma not in DOER_OF_ACTS


def owner_args(thing, patient_of: bool = False) -> list[Arg]:
    """Who a non-actor object belongs to: "an Indian proposal", "Israel's plan", "calls by Belarus's
    rulers", "crimes committed by Croat forces", "the resignation of the president". With
    ``patient_of`` (the object of a verb of judging names an act) the "of" phrase is left out."""
    out: list[Arg] = []
    # "the government's liberation of the town": with an owner named, the "of" phrase is what was done to
    owned = any(g.dep_ == "poss" for g in thing.children) or (patient_of and is_action_noun(thing))
    for g in thing.children:
        if g.dep_ == "prep" and g.lower_ == "of" and owned:
            continue
        if g.dep_ in ("poss", "amod", "compound") and (g.ent_type_ in ("NORP", "GPE", "ORG") or g.pos_ == "PROPN"
                                                         or (g.dep_ == "poss" and g.pos_ == "NOUN")) \
                and not _hyphenated(g):
            out += _split(g, f"owner of {thing.text!r}")
        elif g.dep_ == "prep" and g.lower_ in ("by", "from", "of"):
            out += [a for o in _pobj(g) for a in _split(o, f"{g.lower_!r} phrase of {thing.text!r}")]
        elif g.dep_ == "acl" and g.tag_ == "VBN":
            out += [a for ag in g.children if ag.dep_ == "agent" for o in _pobj(ag)
                    for a in _split(o, f"agent of {g.text!r}")]
    return out
