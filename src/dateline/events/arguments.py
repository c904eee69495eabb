"""Arguments of an event from the dependency parse: sources, targets, place and time.

Sources: the subject of the trigger (or of the light verb that carries a noun trigger), the "by"
phrase of a passive or of a noun ("attacked by militiamen", "the shelling by the army"), a
possessive or a nationality modifier of a noun trigger ("Russia's offensive", "Israeli tanks").
A complement without its own subject takes the controller: the object of "urged X to" and "called
on X to", else the subject of the governing verb. Targets: the direct object, the passive subject,
and on/against/with/to phrases. Conjoined heads and conjoined modifiers split into one argument
each ("Russian and regime warplanes" is two sources).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .lexicon import Lexicon
from .lexicon import load as load_lexicon

SUBJ = ("nsubj", "csubj")
OBJ = ("dobj", "dative", "obj", "nsubjpass", "attr", "oprd")
OBJECT_CONTROL = {"urge", "call", "ask", "order", "press", "pressure", "compel", "oblige", "force", "instruct", "tell", "persuade",
                  "allow", "permit", "encourage", "invite", "request", "implore", "push", "warn", "help"}
NATIONALITY_LABELS = {"NORP", "GPE", "ORG"}


@dataclass
class Arg:
    head: object           # the head token of the argument
    tokens: list            # tokens whose characters identify an actor (head, modifiers, the conjunct)
    via: str                # which link found it (nsubj, agent, dobj, prep 'on', ...)


def _core(tok) -> list:
    """The head and its name-like modifiers (compound, amod, poss, flat name parts)."""
    out = [tok]
    for c in tok.children:
        if c.dep_ in ("compound", "amod", "poss", "nmod", "flat", "nummod") or (c.dep_ == "prep" and False):
            out.append(c)
            out.extend(g for g in c.children if g.dep_ in ("compound", "flat"))
    return out


PRONOUNS = {"it", "they", "he", "she", "we", "its", "their", "his", "her", "our"}


def _through_count(tok):
    """'dozens of soldiers', 'thousands of students': the counted noun is the argument."""
    if tok.pos_ == "NUM" or tok.lower_ in ("dozens", "hundreds", "thousands", "scores", "millions", "tens", "some",
                                           "many", "most", "several", "all", "part", "group", "number"):
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                objs = [g for g in c.children if g.dep_ == "pobj"]
                if objs:
                    return _through_count(objs[0])
    return tok


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


NOT_ACTORS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"}


def resolve_pronoun(tok):
    """A third-person pronoun read as the nearest agent-like noun before it in the sentence."""
    if tok.lower_ not in THIRD_PERSON:
        return tok
    sent_start = tok.sent.start
    for i in range(tok.i - 1, sent_start - 1, -1):
        cand = tok.doc[i]
        if cand.pos_ in ("PROPN", "NOUN") and cand.dep_ not in ("compound", "amod", "poss") and (
                cand.pos_ == "PROPN" or cand.ent_type_ in ("ORG", "GPE", "NORP", "PERSON")
                or cand.lemma_.lower() in AGENT_HINTS):
            return cand
    return tok


# Compound modifiers that name the doer of an event noun ("regime bombardment", "army raids");
# nouns that name victims or places ("civilian", "border") are left out on purpose
DOER_MODIFIERS = {"regime", "army", "military", "government", "police", "coalition", "rebel", "militia",
                  "insurgent", "militant", "navy", "troop"}
RELATIVE_PRONOUNS = {"which", "who", "whom", "that"}
# nouns of helping: "with the help of X" names X as the helper
HELP_NOUNS = {"help", "aid", "assistance", "support", "backing", "cooperation"}
HELP_VERBS = {"help", "aid", "assist", "support", "back"}
THIRD_PERSON = {"its", "their", "it", "they", "his", "her", "he", "she", "them", "him"}
AGENT_HINTS = {"government", "coalition", "community", "people", "forces", "force", "army", "regime", "military",
               "council", "union", "alliance", "rebels", "militants", "police", "ministry", "group", "country"}


def _split(tok, via: str) -> list[Arg]:
    """One argument per conjunct of the head, and per conjunct of a modifier."""
    tok = _through_count(tok)
    # "the village, which the militia attacked": a relative pronoun stands for the noun its clause modifies
    if tok.lower_ in RELATIVE_PRONOUNS and tok.tag_ in ("WDT", "WP") and tok.head.dep_ == "relcl" \
            and tok.head.head.pos_ in ("NOUN", "PROPN"):
        tok, via = tok.head.head, f"{via}; relative pronoun {tok.text!r} read as {tok.head.head.text!r}"
    if tok.lower_ in THIRD_PERSON and tok.dep_ == "poss":
        found = resolve_pronoun(tok)
        if found is not tok:
            tok, via = found, f"{via}; possessive {tok.text!r} read as {found.text!r}"
    if tok.ent_type_ in NOT_ACTORS or tok.is_punct:   # "on Thursday", "by 2020": not a participant
        return []
    heads = [tok] + [c for c in tok.conjuncts if c.i > tok.i and c.pos_ in ("NOUN", "PROPN", "PRON", "ADJ")]
    # "The UK, the Coalition and the Government": a list the parser reads as an apposition
    for c in tok.children:
        if c.dep_ == "appos" and any(g.dep_ == "conj" for g in c.children):
            heads += [c] + [g for g in c.conjuncts if g.i > c.i]
    out: list[Arg] = []
    # "civilians, including children", "militias such as Hezbollah": the examples are participants too
    for head in list(heads):
        for c in head.children:
            such_as = c.lower_ == "as" and c.i > 0 and c.doc[c.i - 1].lower_ == "such"
            if c.dep_ == "prep" and (c.lower_ in ("including", "like") or such_as):
                heads += [g for g in c.children if g.dep_ == "pobj"]
    for head in heads:
        mods = [c for c in head.children if c.dep_ in ("amod", "compound", "nmod")
                and any(g.dep_ == "conj" for g in c.children)]
        if mods:
            mod = mods[0]
            for part in [mod] + [c for c in mod.conjuncts if c.i > mod.i]:
                out.append(Arg(head, [part] + [g for g in part.children if g.dep_ == "compound"], f"{via} (split)"))
            continue
        out.append(Arg(head, _core(head), via))
    return out


def _hyphenated(tok) -> bool:
    doc = tok.doc
    return (tok.i > 0 and doc[tok.i - 1].text == "-") or (tok.i + 1 < len(doc) and doc[tok.i + 1].text == "-")


def _pobj(prep):
    """The objects of a preposition, including the subject of a mis-parsed clause ("with businesses
    working in Tashkent" parsed as with -> pcomp working -> nsubj businesses) and conjoined
    prepositions ("to the minister and to the envoy")."""
    out = [g for g in prep.children if g.dep_ == "pobj"]
    if not out:
        out = [s for g in prep.children if g.dep_ == "pcomp" and g.pos_ == "VERB"
               for s in g.children if s.dep_ == "nsubj" and s.pos_ in ("NOUN", "PROPN")]
    for other in prep.children:
        if other.dep_ == "conj" and other.pos_ == "ADP":
            out += [g for g in other.children if g.dep_ == "pobj"]
    return out


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
                    elif c.dep_ == "acl" and c.tag_ == "VBN":
                        out += [a for ag in c.children if ag.dep_ == "agent" for g in _pobj(ag)
                                for a in _split(g, f"agent of {c.text!r} ({n.text!r})")]
    return out


def _conjuncts_of(verb):
    """The verb's coordinated verbs, both ways ("bombed and killed", "kill and injure")."""
    out = [c for c in verb.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")]
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        out.append(verb.head)
    return out


# "are committed to", "is determined to": passive in form, the subject acts
STATE_PASSIVES = {"commit", "determine", "prepare", "resolve", "dedicate", "poise", "set", "bind", "engage",
                  "involve", "opposed", "oppose", "intend", "plan"}


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
    if passive and verb.lemma_.lower() in lex.cue_set("experiencer_verbs"):
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
            if s.lower_ in PRONOUNS and (rep := _reporter(verb)) is not None:
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


def noun_arguments(noun, anchor, lex: Lexicon) -> tuple[list[Arg], list[Arg]]:
    sources: list[Arg] = []
    targets: list[Arg] = []
    for c in noun.children:
        if c.dep_ == "poss":
            sources += _split(c, "possessive")
        elif c.dep_ in ("amod", "compound") and (c.ent_type_ in NATIONALITY_LABELS or c.pos_ == "PROPN") \
                and not _hyphenated(c):   # "intra-Syrian talks" names no actor
            sources += _split(c, "modifier")
        elif c.dep_ == "compound" and c.lemma_.lower() in DOER_MODIFIERS and not _hyphenated(c):
            # "regime bombardment", "army shelling", "police raids": an armed or governing body
            # before the event noun is who does it (victims, "civilian casualties", are not listed)
            sources += _split(c, "doer modifier")
        elif c.dep_ == "prep":
            if c.lower_ == "by" or (c.lower_ == "from" and noun.head.lemma_.lower() in ("draw", "receive", "face")):
                for g in _pobj(c):
                    sources += _split(g, "'by' phrase")
            elif c.lower_ in lex.cue_set("target_preps"):
                for g in _pobj(c):
                    if g.ent_type_ in ("DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY"):
                        continue
                    targets += _split(g, f"prep {c.lower_!r}")
    # "took the town with the help of local militias": the "of" phrase gives the help, it does not get it
    if noun.dep_ == "pobj" and noun.head.lower_ == "with" and noun.lemma_.lower() in HELP_NOUNS and not sources:
        helpers = [a for a in targets if a.via == "prep 'of'"]
        sources = helpers
        targets = [a for a in targets if a not in helpers]
    # "reiterated support for the government in the fight against the militia": who is helped in a
    # fight is who fights it
    if not sources and noun.dep_ == "pobj" and noun.head.lower_ == "in":
        gov = noun.head.head   # the phrase hangs on the help noun or on the verb that carries it
        helps = [gov] if gov.pos_ == "NOUN" else [c for c in gov.children if c.dep_ == "dobj"]
        for helped in (h for h in helps if h.lemma_.lower() in HELP_NOUNS):
            sources += [a for p in helped.children if p.dep_ == "prep" and p.lower_ in ("for", "to", "of")
                        for g in _pobj(p) for a in _split(g, f"helped by {helped.text!r} in the fight")]
        if gov.pos_ == "VERB" and gov.lemma_.lower() in HELP_VERBS:   # "supported the army in the fight"
            sources += [a for c in gov.children if c.dep_ == "dobj" for a in _split(c, f"helped by {gov.text!r}")]
    # "the group claimed responsibility for the attack": whoever takes responsibility for an act did it
    if not sources and noun.dep_ == "pobj" and noun.head.lower_ == "for" and noun.head.head.lemma_.lower() == "responsibility" \
            and noun.head.head.dep_ == "dobj" and noun.head.head.head.lemma_.lower() in ("claim", "admit", "accept", "take", "bear"):
        verb = noun.head.head.head
        subj, via = _subject_of(verb)
        sources = [a for g in subj for a in _split(g, f"claimed responsibility ({verb.text!r})")]
    # "after talks with the Kurdish leaders, the minister flew home": a meeting or visit named in a time
    # adjunct was the main clause subject's (attacks are not: "after the attack, the army withdrew")
    if not sources and noun.dep_ == "pobj" and noun.head.lower_ in ("after", "before", "during", "following") \
            and noun.head.head.pos_ in ("VERB", "AUX") and any(
                e.type == "CONSULT" for e in lex.nouns.get(noun.lemma_.lower()) or ()):
        subj, via = _subject_of(noun.head.head)
        sources = [a for g in subj for a in _split(g, f"subject of {noun.head.head.text!r}")]
    # "clashes between the army and the rebels", "talks between Kyiv and Moscow": with no doer named
    # elsewhere, the first side of a "between" phrase is the source and the other sides its targets
    if not sources:
        sides = [a for c in noun.children if c.dep_ == "prep" and c.lower_ in ("between", "among")
                 for a in targets if a.via == f"prep {c.lower_!r}"]
        if len(sides) >= 2:
            sources = sides[:1]
            targets = [a for a in targets if a is not sides[0]]
    # "their fight against terrorism, in particular against the militia": the parser hangs the second
    # phrase of the same preposition on the clause's verb
    again = {c.lower_ for c in noun.children if c.dep_ == "prep" and c.lower_ in ("against", "with")}
    clause = next((a for a in list(noun.ancestors)[:4] if a.pos_ in ("VERB", "AUX")), None) if again else None
    if clause is not None:
        for c in clause.children:
            if c.dep_ == "prep" and c.lower_ in again and c.i > noun.i:
                for g in _pobj(c):
                    targets += _split(g, f"prep {c.lower_!r} continuing the noun's own")
    # "cities reduced to rubble by regime bombardment", "families killed by army shelling": an event
    # noun in the "by" phrase of a passive clause did what the clause says was done to its subject
    if not targets and noun.dep_ == "pobj" and noun.head.lower_ == "by":
        clause = next((a for a in list(noun.head.ancestors)[:3] if a.pos_ in ("VERB", "AUX")
                       and any(g.dep_ == "nsubjpass" for g in a.children)), None)
        # "I am appalled by this attack by the regime": who feels was not attacked
        if clause is not None and clause.lemma_.lower() not in lex.cue_set("experiencer_verbs"):
            for g in clause.children:
                if g.dep_ == "nsubjpass":
                    targets += _split(g, f"passive subject of {clause.text!r}")
    # "an operation executed by coalition forces"
    for c in noun.children:
        if c.dep_ == "acl" and c.tag_ == "VBN":
            for a in c.children:
                if a.dep_ == "agent":
                    for g in _pobj(a):
                        sources += _split(g, f"agent of {c.text!r}")
    if anchor is not noun:  # a light verb carries the noun: its subject acts, its other phrases are targets
        s, t = verb_arguments(anchor, lex)
        if anchor.lemma_.lower() == "be":   # "X was an attack": the subject names the event, not its agent
            s = []
        # "the minister reiterated British support", "the council renewed its support": the owner
        # named on the noun is whose event it is; the light verb's subject speaks for the same side
        # and is no second party. A possessive pronoun ("held their first meeting") stands for the
        # subject, which is kept.
        named = [a for a in sources if a.head.pos_ != "PRON" and "read as" not in a.via]
        sources = named or s or sources
        targets += [a for a in t if a.head is not noun]
    elif noun.dep_ in ("dobj", "attr") and noun.head.pos_ in ("VERB", "AUX") and not sources:
        s, _ = verb_arguments(noun.head, lex)
        if noun.head.lemma_.lower() not in lex.cue_set("modality", "demand_verbs") and not _judges(noun.head, lex):
            sources = s
    return sources, targets


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


# ------------------------------------------------------------------ linking arguments to actors

def overlapping(items, start: int, end: int) -> list:
    return [x for x in items if x.start < end and start < x.end]


def token_chars(tokens) -> list[tuple[int, int]]:
    return [(t.idx, t.idx + len(t.text)) for t in tokens]


def is_agent_like(head, lex: Lexicon) -> bool:
    if head.pos_ == "PRON" or len(head.text) < 2 or not any(ch.isalpha() for ch in head.text):
        return False
    if head.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        return True
    if head.pos_ == "PROPN":
        return True
    return head.lemma_.lower() in lex.cue_set("agent_nouns")


def argument_span(arg: Arg) -> tuple[int, int]:
    """Characters of a new actor made from an argument: the conjunct, or the head with its left modifiers."""
    if arg.via.endswith("(split)"):
        toks = arg.tokens
    else:
        toks = [arg.head] + [c for c in arg.head.lefts if c.dep_ in ("compound", "amod", "poss", "nmod", "flat")]
        toks += [g for c in list(toks) for g in c.lefts if g.dep_ in ("compound", "flat")]
    start = min(t.idx for t in toks)
    end = max(t.idx + len(t.text) for t in toks)
    return start, end


# ------------------------------------------------------------------ place and time

def place_for(places, sent_start: int, sent_end: int, trigger, anchor, doc, lex: Lexicon):
    """The place in the sentence introduced by a locative preposition, nearest the trigger (one attached
    to the trigger's clause first), or a place naming the trigger noun ("the Idlib offensive"). Places
    with role "comparison" ("the size of Belgium") or "origin" (a demonym, "Russian") are skipped."""
    preps = lex.cue_set("place_preps")
    best, best_d = None, None
    for p in places:
        if not (sent_start <= p.start and p.end <= sent_end):
            continue
        if getattr(p, "role", None) in ("comparison", "origin"):
            continue
        span = doc.char_span(p.start, p.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        root = span.root
        cur, ok = root, False
        for _ in range(4):  # "in the city of Idlib", "in northern Hama province"
            if cur.dep_ == "pobj" and cur.head.lower_ in preps:
                ok = True
                break
            if cur.dep_ in ("compound", "amod", "poss", "appos", "pobj", "prep", "nmod", "conj") and cur.head is not cur:
                cur = cur.head
                continue
            break
        modifier = root.head is trigger and root.dep_ in ("compound", "amod", "nmod")
        if not ok and not modifier:
            continue
        in_trigger = modifier or anchor.is_ancestor(root) or trigger.is_ancestor(root)
        d = abs(p.start - trigger.idx) - (1000 if in_trigger else 0)
        if best_d is None or d < best_d:
            best, best_d = p, d
    return best


_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})")
_SEASON = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "AU": (9, 11), "WI": (12, 2)}


def _month_end(year: int, month: int) -> dt.date:
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def dates_from_value(value) -> tuple:
    """TimeML value -> (start_date, end_date, granularity)."""
    if not value:
        return None, None, "unknown"
    try:
        if m := _DAY.match(value):
            d = dt.date(int(m[1]), int(m[2]), int(m[3]))
            return d, d, "day"
        if m := _WEEK.match(value):
            d = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return d, d + dt.timedelta(days=6), "week"
        if m := _MONTH.match(value):
            y, mo = int(m[1]), int(m[2])
            return dt.date(y, mo, 1), _month_end(y, mo), "month"
        if len(value) == 7 and value[4] == "-" and value[5:] in _SEASON:
            y = int(value[:4])
            a, b = _SEASON[value[5:]]
            return dt.date(y, a, 1), _month_end(y + (b < a), b), "season"
        if m := _YEAR.match(value):
            y = int(m[1])
            return dt.date(y, 1, 1), dt.date(y, 12, 31), "year"
    except ValueError:
        pass
    return None, None, "unknown"


def time_for(times, sent_start: int, sent_end: int, trigger, anchor, doc):
    """The DATE/TIME reference in the sentence attached to the trigger's clause, else the nearest."""
    best, best_d = None, None
    for t in times:
        if not (sent_start <= t.start and t.end <= sent_end) or t.type not in ("DATE", "TIME"):
            continue
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        attached = span is not None and len(span) and (anchor.is_ancestor(span.root) or span.root.head in (anchor, trigger))
        d = abs(t.start - trigger.idx) - (1000 if attached else 0)
        if best_d is None or d < best_d:
            best, best_d = t, d
    return best
