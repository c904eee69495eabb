"""The subject of a verb from the dependency parse: its own subject or "by" agent, else the controller
(the object of "urged X to", the subject or owner of the governing word); the speaker a pronoun
stands for ("Hungary said it will ..."); a verb's coordinated verbs.
"""

from __future__ import annotations

from .arguments import SUBJ, _pobj
from .lexicon import load as load_lexicon

OBJECT_CONTROL = {"urge", "call", "ask", "order", "press", "pressure", "compel", "oblige", "force", "instruct", "tell", "persuade",
                  "allow", "permit", "encourage", "invite", "request", "implore", "push", "warn", "help"}

# "are committed to", "is determined to": passive in form, the subject acts
STATE_PASSIVES = {"commit", "determine", "prepare", "resolve", "dedicate", "poise", "set", "bind", "engage",
                  "involve", "opposed", "oppose", "intend", "plan"}


# Verbs whose object did what their "of"/"for" phrase says ("accused NATO of striking", "praised the army
# for protecting civilians", "was charged with" is a noun phrase and needs no entry).
JUDGED_DOER_VERBS = {"accuse", "blame", "charge", "suspect", "convict", "condemn", "criticize", "criticise", "praise",
                     "thank", "credit", "commend", "punish", "fine", "arrest", "jail", "sentence", "indict", "prosecute",
                     "hail", "applaud", "fault", "reward", "honour", "honor", "sanction"}


def _reporter(verb):
    """The subject of the reporting verb whose clause holds ``verb`` ("Hungary said it will ...")."""
    cur = verb
    for _ in range(4):
        if cur.dep_ in ("ccomp", "parataxis") and cur.head is not cur:
            subj = [c for c in cur.head.children if c.dep_ == "nsubj" and c.pos_ != "PRON"]
            return subj[0] if subj else None
        # "Norway says it is willing to withdraw": through the adjective too
        if cur.dep_ in ("xcomp", "conj", "advcl", "acomp") and cur.head is not cur:
            cur = cur.head
            continue
        return None
    return None


def _subject_of(verb, seen=None):
    seen = seen or set()
    if verb.i in seen:
        return [], ""
    seen.add(verb.i)
    subj = [c for c in verb.children if c.dep_ in SUBJ
            or (c.dep_ == "nsubjpass" and verb.lemma_.lower() in STATE_PASSIVES)]
    if subj:
        return subj, "nsubj"
    agents = [g for c in verb.children if c.dep_ == "agent" for g in _pobj(c)]
    if agents:
        return agents, "agent 'by'"
    head = verb.head
    # "accused NATO of striking a school", "thanked the army for protecting": the judged one did it
    if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.lower_ in ("of", "for") \
            and head.head.lemma_.lower() in JUDGED_DOER_VERBS:
        objs = [c for c in head.head.children if c.dep_ in ("dobj", "nsubjpass")]
        if objs:
            return objs, f"object of {head.head.text!r}"
    # "committed to destroying", "its determination to defeat", "the Coalition's strategy to defeat"
    if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.head is not head:
        found, via = _subject_of(head.head, seen) if head.head.pos_ in ("VERB", "AUX", "ADJ") else ([], "")
        if found:
            return found, f"subject of {head.head.text!r}"
    # (the small model often reads "strategy to defeat" as a relative clause)
    if verb.dep_ in ("acl", "xcomp", "relcl") and head.pos_ in ("NOUN", "PROPN"):
        owners = [c for c in head.children if c.dep_ == "poss"]
        if owners:
            return owners, f"owner of {head.text!r}"
    if verb.dep_ in ("acomp",) or (head.pos_ == "ADJ" and verb.dep_ in ("xcomp", "pcomp")):
        found, via = _subject_of(head, seen)
        if found:
            return found, f"subject of {head.text!r}"
    if verb.dep_ == "xcomp" and head is not verb:
        if head.lemma_.lower() in OBJECT_CONTROL:
            objs = [c for c in head.children if c.dep_ in ("dobj",)]
            objs += [g for c in head.children if c.dep_ == "prep" and c.lower_ in ("on", "upon") for g in _pobj(c)]
            if objs:
                return objs, f"object of {head.text!r}"
            # "the rebels were forced to retreat": the passive subject is the one made to act
            objs = [c for c in head.children if c.dep_ == "nsubjpass"]
            if objs:
                return objs, f"passive subject of {head.text!r}"
        found, via = _subject_of(head, seen)
        return found, (f"subject of {head.text!r}" if found else via)
    if verb.dep_ in ("conj", "advcl", "acl") and head is not verb and head.pos_ in ("VERB", "AUX"):
        found, via = _subject_of(head, seen)
        return found, (f"subject of {head.text!r}" if found else via)
    # "the army launched an offensive to retake the city": the purpose of an event noun carried by a
    # light verb is the light verb's subject's
    if verb.dep_ == "acl" and verb.tag_ == "VB" and head.dep_ == "dobj" and head.head.pos_ == "VERB" \
            and head.head.lemma_.lower() in load_lexicon().cue_set("light_verbs"):
        found, via = _subject_of(head.head, seen)
        if found:
            return found, f"subject of {head.head.text!r}"
    if verb.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN") and verb.tag_ == "VBN":
        return [], ""
    return [], ""


def _conjuncts_of(verb):
    """The verb's coordinated verbs, both ways ("bombed and killed", "kill and injure")."""
    out = [c for c in verb.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")]
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        out.append(verb.head)
    return out
