"""Sources and targets of a verb trigger (:func:`verb_arguments`): subject or controller, "by" agent
of a passive, objects and their phrases, target prepositions; and the extra sides read around the
verb (the whole a side acts as part of, the doer of the event a passive happened in, a side backed by
a verb of backing, a misparsed "as well as" conjunct). Also whether a verb judges an act (``_judges``).
"""

from __future__ import annotations

from ..actors.people import COLLECTIVE_HEADS
from .arguments import PRONOUNS, SUBJ, Arg, _pobj, _split, is_agent_like
from .lexicon import Lexicon
from .owners import PATIENT_JUDGING_TYPES, is_action_noun
from .subjects import STATE_PASSIVES, _conjuncts_of, _reporter, _subject_of

PERSON_PRONOUNS = {"he", "she", "his", "her"}


def _may_refer(pronoun, noun) -> bool:
    """Whether a subject pronoun can stand for the speaker ``noun``: "Hungary said it will", "the rebels
    said they"; not "they retreated, said a resident" (one person is no "they") nor "it" for a person."""
    person = noun.ent_type_ == "PERSON"
    plural = noun.tag_ in ("NNS", "NNPS")
    low = pronoun.lower_
    if low in PERSON_PRONOUNS:
        return person or (noun.pos_ == "NOUN" and not plural)
    if low in ("they", "their", "we", "our"):
        return (plural or noun.ent_type_ in ("ORG", "GPE", "NORP") or noun.lemma_.lower() in COLLECTIVE_HEADS
                or (noun.pos_ == "PROPN" and not person))
    return not person and not (noun.pos_ == "NOUN" and noun.lemma_.lower() in PERSON_NOUNS)   # "it", "its"


# common nouns of one person, which "it" and "they" do not stand for
PERSON_NOUNS = {"resident", "witness", "official", "spokesman", "spokeswoman", "spokesperson", "man", "woman",
                "minister", "president", "diplomat", "source", "doctor", "activist", "commander", "officer",
                "soldier", "villager", "lawmaker", "leader", "envoy", "ambassador", "analyst", "journalist"}


def _whole_of_the_part(verb, sources: list[Arg]) -> list[Arg]:
    """ "The UK is working as part of the Global Coalition to defeat X": a side that acts as part (or
    a member) of a body acts with that body, which is one more source. Read on the verb and on the
    verbs that govern it (the purpose clause's controller)."""
    if not sources:
        return []
    out: list[Arg] = []
    cur = verb
    for _ in range(3):
        for p in cur.children:
            if p.dep_ == "prep" and p.lower_ == "as":
                for part in _pobj(p):
                    if part.lemma_.lower() in ("part", "member"):
                        out += [a for q in part.children if q.dep_ == "prep" and q.lower_ == "of"
                                for g in _pobj(q) for a in _split(g, f"as {part.lower_} of")]
        if cur.dep_ not in ("xcomp", "advcl", "conj") or cur.head is cur:
            break
        cur = cur.head
    return out


def _doer_of_the_occasion(verb, lex: Lexicon) -> list[Arg]:
    """ "He was killed in a raid by special forces", "killed in a raid conducted by the army": a passive
    with no agent of its own takes the doer of the event noun it happened in (or its conjoined verb's)."""
    out: list[Arg] = []
    for v in [verb] + [c for c in _conjuncts_of(verb) if c.i > verb.i]:
        for p in v.children:
            if p.dep_ != "prep" or p.lower_ not in ("in", "during"):
                continue
            for n in _pobj(p):
                if not lex.nouns.get(n.lemma_.lower()):
                    continue
                for c in n.children:
                    if c.dep_ == "prep" and c.lower_ == "by":
                        out += [a for g in _pobj(c) for a in _split(g, f"'by' phrase of {n.text!r}")]
                    elif c.dep_ in ("compound", "poss", "amod") and (c.ent_type_ in ("ORG", "GPE", "NORP")
                                                                     or c.pos_ == "PROPN"):
                        # "attacked in a NATO airstrike", "killed in an Israeli raid"
                        out += _split(c, f"doer named on {n.text!r}")
                    elif c.dep_ == "acl" and c.tag_ == "VBN":
                        out += [a for ag in c.children if ag.dep_ == "agent" for g in _pobj(ag)
                                for a in _split(g, f"agent of {c.text!r} ({n.text!r})")]
    return out


def verb_arguments(verb, lex: Lexicon) -> tuple[list[Arg], list[Arg]]:
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) \
        and verb.lemma_.lower() not in STATE_PASSIVES
    sources: list[Arg] = []
    targets: list[Arg] = []
    topic = False
    # "a battle that saw 120 soldiers killed": a bare participle's subject is its patient
    if verb.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in verb.children) \
            and verb.dep_ in ("ccomp", "xcomp", "oprd"):
        for c in verb.children:
            if c.dep_ == "nsubj":
                targets += _split(c, "subject of a bare participle")
        return sources, targets
    if verb.tag_ == "VBN" and verb.dep_ == "advcl" and verb.head.pos_ in ("VERB", "AUX") and not any(
            c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in verb.children):
        # "if convicted, he may face ...", "once captured, the fighters were taken ...", "backed by France,
        # the rebels attacked": a passive participle clause happened to the main clause's subject
        for c in verb.head.children:
            if c.dep_ in ("nsubj", "nsubjpass"):
                targets += _split(c, f"subject of {verb.head.text!r}, who underwent {verb.text!r}")
        for c in verb.children:
            if c.dep_ == "agent":
                sources += [a for g in _pobj(c) for a in _split(g, "agent 'by'")]
        return sources, targets
    if passive and verb.lemma_.lower() in lex.cue_set("experiencer_verbs") \
            and not any(c.dep_ == "xcomp" for c in verb.children):   # "were encouraged to apply" is an appeal
        # "the council is encouraged by the decision of the president": the council approves of it
        for c in verb.children:
            if c.dep_ == "nsubjpass":
                sources += _split(c, "who feels (passive of a verb of feeling)")
            elif c.dep_ == "agent":
                targets += [a for g in _pobj(c) for a in _split(g, "what is felt about ('by' phrase)")]
        return sources, targets
    if passive or (verb.tag_ == "VBN" and verb.dep_ == "conj" and verb.head.lemma_.lower() not in STATE_PASSIVES
                   and not any(c.dep_ == "aux" for c in verb.children)
                   and any(c.dep_ == "nsubjpass" for c in verb.head.children)):
        for c in verb.children:
            if c.dep_ == "agent":
                for g in _pobj(c):
                    sources += _split(g, "agent 'by'")
            elif c.dep_ == "nsubjpass":
                targets += _split(c, "passive subject")
        if not sources:
            sources += _doer_of_the_occasion(verb, lex)
        # "he was bombed and killed by coalition aircraft": conjoined passives share subject and agent;
        # the agent only from a later conjunct ("he was arrested by the police in May and charged
        # with fraud": the police did not charge him)
        for other in _conjuncts_of(verb):
            if not sources and other.i > verb.i:
                for c in other.children:
                    if c.dep_ == "agent":
                        for g in _pobj(c):
                            sources += _split(g, f"agent of {other.text!r}")
            if not targets:
                for c in other.children:
                    if c.dep_ == "nsubjpass":
                        targets += _split(c, f"passive subject of {other.text!r}")
    else:
        subj, via = _subject_of(verb)
        for s in subj:
            if s.lower_ in PRONOUNS and (rep := _reporter(verb)) is not None and _may_refer(s, rep):
                s, via = rep, f"pronoun {s.text!r} read as the speaker"
            sources += _split(s, via)
        sources += _backed_side(verb, sources, lex)
        sources += _whole_of_the_part(verb, sources)
        topic = verb.lemma_.lower() in lex.cue_set("topic_verbs")
        for c in verb.children:
            if c.dep_ in ("dobj", "dative", "obj") and not topic:
                targets += _split(c, c.dep_)
        if not topic and not any(c.dep_ == "dobj" for c in verb.children):
            # "kill and injure civilians": the object of the last conjunct belongs to both
            for other in _conjuncts_of(verb):
                objs = [c for c in other.children if c.dep_ == "dobj"]
                if objs and other.i > verb.i:
                    targets += _split(objs[0], f"object of {other.text!r}")
                    break
    target_preps = lex.cue_set("target_preps") - {"of", "for", "from", "over"}
    # "imposed sanctions on the Taliban", "broke relations with Russia": the object's own phrase
    for c in verb.children:
        if c.dep_ == "dobj" and not is_agent_like(c, lex) and not (topic and not passive):
            # "welcomed the army's recapture of the town": with an owner named, the object's "of"
            # phrase is what was done to, not a party to the verb's event
            owned = any(g.dep_ == "poss" for g in c.children)
            # "condemned the shelling of the town by the rebels": who is judged is who did it
            doers = [g for p in c.children if p.dep_ == "prep" and p.lower_ == "by" for g in _pobj(p)] \
                if _judges(verb, lex) else []
            for g in doers:
                targets += _split(g, "'by' phrase of the judged act")
            # "welcomed the liberation of the town": the "of" phrase of a judged act is what the act
            # was done to, not whom the judge supports or blames
            patient = is_action_noun(c) and any(not e.conditional and e.type in PATIENT_JUDGING_TYPES
                                                for e in lex.verbs.get(verb.lemma_.lower()) or ())
            for p in c.children:
                if p.dep_ == "prep" and (p.lower_ in target_preps or p.lower_ == "of") \
                        and not ((owned or doers or patient) and p.lower_ == "of"):
                    for g in _pobj(p):
                        targets += _split(g, f"prep {p.lower_!r} of the object")
    for c in verb.children:
        # "killed at the hands of Assad and ISIL"
        if c.dep_ == "prep" and c.lower_ == "at" and not sources:
            for hands in _pobj(c):
                if hands.lower_ == "hands":
                    for p in hands.children:
                        if p.dep_ == "prep" and p.lower_ == "of":
                            for g in _pobj(p):
                                sources += _split(g, "'at the hands of'")
                    continue
    # "defeat the rebels on every front", "beat the army at Tobruk": with an actor as its object, the
    # verb's on/at/over phrase says where or in what, not against whom
    actor_object = any(c.dep_ == "dobj" and is_agent_like(c, lex) for c in verb.children)
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in target_preps:
            if actor_object and c.lower_ in ("on", "at", "upon", "over"):
                continue
            for g in _pobj(c):
                targets += _split(g, f"prep {c.lower_!r}")
        if c.dep_ == "prep" and c.lower_ == "by" and not passive:
            for g in _pobj(c):
                if g.pos_ in ("PROPN",) or g.ent_type_:
                    sources += _split(g, "'by' phrase")
    targets += _as_well_as(verb, targets)
    if verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.pos_ in ("NOUN", "PROPN") and not targets:
        targets += _split(verb.head, "noun modified by a participle")
    return sources, targets


def _as_well_as(verb, targets: list[Arg]) -> list[Arg]:
    """ "met the envoy, as well as local charities working with refugees": the small model hangs
    "as well as" on the verb as a conjunction and reads the next noun as the subject of a new clause
    ("charities working"); that noun is one more target of the verb. Only when the verb already has a
    target, and only for a subject standing right after the conjunction."""
    if not targets:
        return []
    ccs = [c for c in verb.children if c.dep_ == "cc" and c.lower_ == "as" and c.i >= 2
           and verb.doc[c.i - 1].lower_ == "well" and verb.doc[c.i - 2].lower_ == "as"]
    out: list[Arg] = []
    for cc in ccs:
        for clause in verb.children:
            if clause.dep_ != "conj" or clause.i < cc.i:
                continue
            for subj in clause.children:
                # the noun phrase must start right after "as well as" (its left edge)
                if subj.dep_ == "nsubj" and subj.pos_ in ("NOUN", "PROPN") and subj.left_edge.i == cc.i + 1:
                    out += _split(subj, "'as well as' conjunct")
    return out


BACKING_TYPES = {"SUPPORT", "COOPERATE", "AID"}


def _backed_side(verb, sources: list[Arg], lex: Lexicon) -> list[Arg]:
    """ "The UK stands by Iraq to defeat Daesh", "France backs the army to retake the north", "supported
    the Kurds in their efforts to defeat X": a purpose clause without its own subject under a verb of
    backing is done by the backer (its subject) and by the side it backs (the backing verb's object or
    its by/with phrase); one of them was found already as the clause's controller."""
    gov = verb.head
    if verb.dep_ == "acl" and gov.dep_ == "pobj" and gov.head.dep_ == "prep" and gov.head.lower_ == "in":
        gov = gov.head.head   # "in their efforts to ..."
    elif verb.dep_ not in ("advcl", "xcomp"):
        return []
    if gov is verb or not sources or any(c.dep_ in SUBJ for c in verb.children):
        return []
    preps = {c.lower_ for c in gov.children if c.dep_ == "prep"}
    entries = lex.verbs.get(gov.lemma_.lower()) or ()
    if not any(e.type in BACKING_TYPES and not e.objects and (not e.preps or e.preps & preps) for e in entries):
        return []
    sides = [c for c in gov.children if c.dep_ in ("nsubj", "dobj")]
    sides += [g for c in gov.children if c.dep_ == "prep" and c.lower_ in ("by", "with") for g in _pobj(c)]
    taken = {a.head.i for a in sources}
    out: list[Arg] = []
    for side in sides:
        if side.i not in taken and is_agent_like(side, lex):
            out += _split(side, f"side backed by {gov.text!r}")
    return out


# Verbs of judging or asking about an act ("condemned the attack", "welcomed the talks", "called
# for a ceasefire"): their subject takes no part in the act named by their object.
JUDGING_TYPES = {"ACCUSE", "SUPPORT", "REJECT", "REQUEST"}


def _judges(verb, lex: Lexicon) -> bool:
    entries = lex.verbs.get(verb.lemma_.lower()) or ()
    return any(not e.conditional and e.type in JUDGING_TYPES for e in entries)
