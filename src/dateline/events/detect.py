"""Finding event triggers in a parsed sentence: verbs and nouns looked up in the lexicon.

A verb is looked up as "lemma particle" ("blow up"), "lemma object" ("open fire"), then by its
lemma; entries with an object or preposition condition are tried first. A noun is looked up with its
modifiers ("suicide car bombing", "state of emergency"), then alone, and counts only where the
parse shows it is an event: governed by a light verb ("held talks"), the subject of a verb of
occurrence ("a bombing killed"), governed by another trigger ("demanded a truce"), or carrying an
argument ("the bombing of Idlib", "talks in Geneva", "Russia's offensive").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from .lexicon import Lexicon, Trigger
from .senses import noun_sense, verb_sense

OBJECT_DEPS = {"dobj", "dative", "nsubjpass", "attr", "oprd", "obj", "pobj"}
CLAUSE_DEPS = {"xcomp", "ccomp", "advcl", "acl", "relcl", "pcomp", "csubj", "csubjpass", "parataxis"}
NOUN_POS = {"NOUN", "PROPN"}
NAME_LABELS = {"ORG", "FAC", "GPE", "LOC", "PERSON", "WORK_OF_ART", "LAW", "PRODUCT", "NORP"}
FRAME_NOUNS = {"effort", "campaign", "process", "bid", "initiative", "mission", "drive", "plan", "operation"}
VERB_POS = {"VERB"}
# adverbial particles the small model often attaches as a preposition ("pulled its troops out of
# Jenin": "out" is a prep, not a prt): the verb is also looked up with them ("pull out")
PARTICLES = {"out", "back", "off", "down", "up", "away", "over", "aside"}


@dataclass
class Candidate:
    token: object            # the trigger token
    entry: Trigger
    kind: str                # "verb" | "noun"
    anchor: object           # token whose place in the tree stands for the event (a light verb for "held talks")
    key: str                 # the lexicon key that matched
    conditioned: bool        # an object or preposition condition matched
    how: str                 # why a noun counts as an event


def _object_lemmas(tok) -> set[str]:
    out = set()
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children)
    for child in tok.children:
        # "spoke by telephone": in the active voice a "by" phrase is a means, not an agent
        if child.dep_ in OBJECT_DEPS or child.dep_ == "prep" or (child.dep_ == "agent" and not passive):
            targets = [child] if child.dep_ not in ("prep", "agent") else [g for g in child.children if g.dep_ == "pobj"]
            if child.dep_ == "prep":   # "pulled out of the talks": the object of the inner preposition
                targets += [gg for g in child.children if g.dep_ == "prep" for gg in g.children if gg.dep_ == "pobj"]
            for obj in targets:
                out.add(obj.lemma_.lower())
                for sub in obj.children:
                    if sub.dep_ in ("compound", "amod"):
                        out.add(sub.lemma_.lower())
                        # "modifier head" for phrase conditions ("nuclear program", "peace offensive")
                        out.add(f"{sub.lower_} {obj.lemma_.lower()}")
                    elif sub.dep_ == "prep" and sub.lower_ == "of":
                        out.update(g.lemma_.lower() for g in sub.children if g.dep_ == "pobj")
        elif child.dep_ in ("xcomp", "ccomp"):
            out.update(g.lemma_.lower() for g in child.children if g.dep_ in ("dobj", "attr"))
            # "allowed UN inspectors to return": the small model makes the object the subject of the
            # complement; it is still what the verb acts on
            for g in child.children:
                if g.dep_ == "nsubj" and g.pos_ in NOUN_POS:
                    out.add(g.lemma_.lower())
                    out.update(m.lemma_.lower() for m in g.children if m.dep_ == "compound")
            if child.pos_ in ("NOUN", "ADJ"):   # "allowed aid agencies access", "found him guilty": verbless clauses
                out.add(child.lemma_.lower())
            elif child.tag_ == "VBG":   # "stopped publishing": the activity stopped
                out.add(child.lemma_.lower())
    return out


def _preps(tok) -> set[str]:
    """The verb's prepositions and particles; a phrase of time ("stand by on Friday", "by Monday") is no
    preposition an entry can need ("stand by" someone)."""
    return {c.lower_ for c in tok.children if c.dep_ in ("prep", "prt", "agent")
            and not any(g.dep_ == "pobj" and g.ent_type_ in ("DATE", "TIME") for g in c.children)}


def _choose(entries: list[Trigger], objects: set[str], preps: set[str],
            listed_word: bool = False) -> tuple[Optional[Trigger], bool]:
    for entry in entries:
        if entry.objects and not (entry.objects & objects):
            continue
        if entry.preps and not (entry.preps & preps):
            continue
        return entry, entry.conditional
    # a noun listed in an entry names its event even without the entry's objects ("a suspension")
    if listed_word and entries:
        return entries[0], False
    return None, False


def verb_trigger(tok, lex: Lexicon) -> Optional[tuple[Trigger, str, bool]]:
    lemma = tok.lemma_.lower()
    if lemma not in lex.verb_heads and tok.lower_ not in lex.verb_heads:
        return None
    objects = _object_lemmas(tok)
    preps = _preps(tok)
    keys = [f"{lemma} {c.lower_}" for c in tok.children if c.dep_ == "prt"]
    keys += [f"{lemma} {c.lower_}" for c in tok.children if c.dep_ in ("prep", "advmod") and c.lower_ in PARTICLES]
    keys += [f"{lemma} {o}" for o in objects]
    keys.append(lemma)
    if tok.lower_ != lemma:   # the small model's lemmatizer slips ("raped" -> "rap")
        keys.append(tok.lower_)
    for key in keys:
        entries = lex.verbs.get(key)
        if entries:
            entry, cond = _choose(entries, objects, preps)
            if entry is not None:
                return entry, key, cond or key != lemma
    return None


def noun_keys(tok) -> list[str]:
    lemma = tok.lemma_.lower()
    lower = tok.lower_
    mods = [c for c in tok.lefts if c.dep_ in ("compound", "amod", "nmod")]
    keys = []
    for i in range(len(mods)):
        keys.append(" ".join([m.lower_ for m in mods[i:]] + [lemma]))
    if mods:
        keys.append(f"{mods[0].lower_} {lemma}")
        keys.append(f"{mods[-1].lower_} {lemma}")
    for c in tok.rights:
        if c.dep_ == "prep" and c.lower_ == "of":
            keys += [f"{lemma} of {g.lemma_.lower()}" for g in c.children if g.dep_ == "pobj"]
    keys.append(lemma)
    if lower != lemma:
        keys.append(lower)
    if tok.dep_ == "pobj" and tok.head.lower_ == "on":   # "went on strike"
        keys.insert(0, f"on {lemma}")
    return keys


def noun_trigger(tok, lex: Lexicon) -> Optional[tuple[Trigger, str, bool]]:
    if tok.lemma_.lower() not in lex.noun_heads and tok.lower_ not in lex.noun_heads:
        if not any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children):   # "state of emergency"
            return None
    of_objects = set()
    preps = set()
    for c in tok.children:
        if c.dep_ == "prep":
            preps.add(c.lower_)
            for g in c.children:
                if g.dep_ == "pobj":
                    of_objects.add(g.lemma_.lower())
                    # "the deployment of NATO peacekeeping troops": the object's modifiers count too
                    of_objects.update(m.lemma_.lower() for m in g.children if m.dep_ in ("compound", "amod"))
    for key in noun_keys(tok):
        entries = lex.nouns.get(key)
        if entries:
            entry, cond = _choose(entries, of_objects, preps, listed_word=True)
            if entry is not None:
                return entry, key, cond or " " in key
    return None


def _has_argument(tok, lex: Lexicon) -> bool:
    preps = lex.cue_set("target_preps") | lex.cue_set("place_preps") | {"by"}
    for child in tok.children:
        if child.dep_ == "poss":
            return True
        if child.dep_ == "prep" and child.lower_ in preps and any(g.dep_ in ("pobj", "pcomp") for g in child.children):
            return True
        if child.dep_ in ("amod", "compound") and child.ent_type_ in ("NORP", "GPE", "ORG"):
            return True
    return False


def _is_light(tok, light) -> bool:
    return tok.lemma_.lower() in light or tok.lower_ in light


def noun_is_event(tok, lex: Lexicon, trigger_tokens: set[int]) -> tuple[bool, object, str]:
    """Whether a noun with a lexicon entry is used as an event; returns (ok, anchor, how)."""
    if tok.ent_type_ in NAME_LABELS:   # "Samarra Barrage", "Operation Steel Curtain": part of a name
        return False, tok, ""
    if tok.dep_ == "compound":
        # "a mediation effort", "a bombing campaign": the frame noun carries the event
        if tok.head.lemma_.lower() in FRAME_NOUNS:
            ok, anchor, how = noun_is_event(tok.head, lex, trigger_tokens)
            return ok, (anchor if anchor is not tok.head else tok), how
        return False, tok, ""
    head = tok.head
    # "launched ten days of war games", "joined the envoys for talks": the noun hangs on the light
    # verb's object
    if tok.dep_ == "pobj" and head.lower_ in ("of", "for") and head.head.dep_ in ("dobj", "attr") \
            and _is_light(head.head.head, lex.cue_set("light_verbs")):
        return True, head.head.head, f"object of light verb {head.head.head.text!r}"
    light = lex.cue_set("light_verbs")
    # "went on strike", "engaged in talks": a light verb through a preposition
    # ("reiterated its support in the fight against X": a light verb that carries an event noun as its
    # object carries no second one through a preposition; the phrase only says where the first one belongs)
    if tok.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX") \
            and _is_light(head.head, light) and head.head.i not in trigger_tokens \
            and not any(c.dep_ == "dobj" and noun_trigger(c, lex) for c in head.head.children):
        return True, head.head, f"object of light verb {head.head.text!r}"
    if tok.dep_ in ("dobj", "attr", "nsubjpass", "oprd") and head.pos_ in ("VERB", "AUX"):
        if head.i in trigger_tokens:
            return True, tok, f"object of trigger {head.text!r}"
        if _is_light(head, light):
            return True, head, f"object of light verb {head.text!r}"
    if tok.dep_ in ("nsubj",) and head.pos_ in ("VERB", "AUX"):
        if head.lemma_.lower() in lex.cue_set("occurrence_verbs") or head.i in trigger_tokens:
            return True, tok, f"subject of {head.text!r}"
    if tok.dep_ == "pobj" and head.dep_ == "prep" and head.head.i in trigger_tokens:
        return True, tok, f"complement of trigger {head.head.text!r}"
    # "Syria said Israel was responsible for the attack": a predicate adjective with an entry
    if tok.dep_ == "acomp" and tok.pos_ == "ADJ" and head.pos_ in ("VERB", "AUX"):
        return True, head, f"predicate adjective of {head.text!r}"
    if _has_argument(tok, lex):
        return True, tok, "noun with an argument"
    # "cities reduced to rubble by regime bombardment": the cause of what a passive clause reports
    if tok.dep_ == "pobj" and head.lower_ == "by" and any(
            a.pos_ in ("VERB", "AUX") and any(g.dep_ == "nsubjpass" for g in a.children)
            for a in list(head.ancestors)[:3]):
        return True, tok, "'by' phrase of a passive clause"
    return False, tok, ""


# "by" is left out: a passive's agent is the doer ("the city controlled by the militia" names no counterpart)
PARTICIPANT_PREPS = {"against", "with", "to", "on", "for", "at", "from", "upon"}


def _has_participant(verb, lex: Lexicon) -> bool:
    """Whether a verb coded only by a generated entry names whom it is done to: a generated verb sense
    ("respect", "echo", "control") counts as an event between actors when its object is one ("praised
    the mediators", "castigated Iran"), or when it has no object at all ("rioted", "the talks
    collapsed"); "respected the constitution", "echoed the call" name no counterpart."""
    from .arguments import is_agent_like
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    if verb.dep_ in ("acl", "relcl") and verb.tag_ == "VBN":
        objects.append(verb.head)   # "the city controlled by the militia"
    if not objects:
        return True

    def actorish(tok) -> bool:
        if is_agent_like(tok, lex) or tok.lower_ in ("him", "her", "them", "us", "me"):
            return True
        # a passive subject owned by an actor ("the country's embassy was blockaded"); an owned
        # direct object is a thing ("echoed the minister's call")
        return tok.dep_ != "dobj" and any(c.dep_ == "poss" and is_agent_like(c, lex) for c in tok.children)

    if any(actorish(o) for o in objects):
        return True
    return any(c.dep_ == "prep" and c.lower_ in PARTICIPANT_PREPS and any(
        g.dep_ == "pobj" and is_agent_like(g, lex) for g in c.children) for c in verb.children)


def find_candidates(sent, lex: Lexicon) -> list[Candidate]:
    """Compute: every trigger in one sentence (a spaCy Span)."""
    reporting = lex.cue_set("reporting_verbs")
    verbs: list[Candidate] = []
    nouns: list[tuple[object, Trigger, str, bool]] = []
    for tok in sent:
        pos = tok.pos_
        if pos in VERB_POS and tok.dep_ not in ("amod", "compound"):
            if tok.lemma_.lower() in reporting and not any(c.dep_ == "dobj" for c in tok.children):
                continue
            found = verb_trigger(tok, lex)
            if found and found[0].type == "CONSULT" and any(c.dep_ == "auxpass" for c in tok.children):
                found = None   # "would be met with force" is no meeting
            found = verb_sense(tok, found, lex, reporting)
            if found and found[0].generated and not found[2] and not _has_participant(tok, lex):
                found = None
            if found:
                entry, key, cond = found
                verbs.append(Candidate(tok, entry, "verb", tok, key, cond, "verb"))
                continue
        if pos in NOUN_POS or (pos in ("VERB", "ADJ") and tok.dep_ in ("nsubj", "dobj", "pobj", "attr", "nsubjpass")
                               and (pos == "ADJ" or tok.tag_ == "VBG")) or (pos == "ADJ" and tok.dep_ == "acomp"):
            found = noun_trigger(tok, lex)
            found = noun_sense(tok, found, lex)
            if found:
                nouns.append((tok, *found))
    # A verb coded only by a generated (PETRARCH2) entry yields to a written noun entry on its object:
    # "launched a mediation effort", "granted an amnesty" are the noun's event, the verb carries it
    # as a light verb does.
    noun_ids = {tok.i: entry for tok, entry, _, _ in nouns if not entry.generated}
    carried: dict[int, object] = {}
    for cand in list(verbs):
        # "called off the strike": a particle verb names its own event (an ending, see stage.py)
        if not cand.entry.generated or any(c.dep_ == "prt" for c in cand.token.children):
            continue
        for obj in (c for c in cand.token.children if c.dep_ == "dobj"):
            inner = [obj] + [m for m in obj.children if m.dep_ == "compound" and obj.lemma_.lower() in FRAME_NOUNS]
            hit = next((t for t in inner if t.i in noun_ids), None)
            if hit is not None:
                verbs.remove(cand)
                carried[hit.i] = cand.token
                break
    trigger_ids = {c.token.i for c in verbs}
    out = list(verbs)
    for tok, entry, key, cond in nouns:
        if tok.i in carried:
            out.append(Candidate(tok, entry, "noun", carried[tok.i], key, cond,
                                 f"object of {carried[tok.i].text!r}, whose own entry is generated"))
            continue
        ok, anchor, how = noun_is_event(tok, lex, trigger_ids)
        if not ok:
            continue
        # a light verb that is itself a conditional trigger ("imposed sanctions") already coded it
        if anchor.i in trigger_ids and anchor is not tok:
            continue
        out.append(Candidate(tok, entry, "noun", anchor, key, cond, how))
    return _merge_same_event([_joint(c, lex) for c in out])


def _joint(cand: Candidate, lex: Lexicon) -> Candidate:
    """Military exercises held by coordinated actors ("French and Egyptian warships launched war
    games") are military cooperation (CAMEO 062), not one side's show of force (150)."""
    if cand.kind != "noun" or cand.entry.type != "MOBILIZE" or cand.entry.cameo != "150":
        return cand
    from .arguments import is_agent_like
    verb = cand.anchor if cand.anchor is not cand.token else cand.token.head
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    coordinated = any(any(g.dep_ == "conj" for g in s.children) or any(
        m.dep_ == "amod" and any(g.dep_ == "conj" for g in m.children) for m in s.children) for s in subjects)
    # "held drills with the French fleet": a partner in a "with" phrase on the noun or its verb
    partner = any(p.dep_ == "prep" and p.lower_ in ("with", "alongside") and any(
        g.dep_ == "pobj" and is_agent_like(g, lex) for g in p.children)
        for p in list(verb.children) + list(cand.token.children))
    if not (coordinated or partner):
        return cand
    joint = next((e for e in lex.nouns.get("joint exercise", ()) if e.type == "COOPERATE"), None)
    if joint is None:
        return cand
    return Candidate(cand.token, joint, cand.kind, cand.anchor, cand.key, cand.conditioned,
                     cand.how + "; held by coordinated actors, so joint")


def _merge_same_event(cands: list[Candidate]) -> list[Candidate]:
    """A noun that names the same event as the verb it hangs on ("wounded ... in a bomb attack",
    "a roadside bombing killed") is folded into that verb; its more specific mode is kept."""
    by_token = {c.token.i: c for c in cands if c.kind == "verb"}
    keep = []
    for cand in cands:
        # "bombed the town, killing 30 civilians": the participle is the outcome of the same event
        if cand.kind == "verb" and cand.token.dep_ == "advcl" and cand.token.tag_ == "VBG":
            head = by_token.get(cand.token.head.i)
            if head is not None and head.entry.type == cand.entry.type == "ASSAULT":
                continue
        if cand.kind == "noun":
            head = cand.token.head
            if head.dep_ == "prep":
                head = head.head
            verb = by_token.get(head.i)
            # "clashes between A and B killed ten": a noun naming its own sides stays an event of its own
            own_sides = any(c.dep_ == "prep" and c.lower_ in ("between", "among") for c in cand.token.children)
            # "after talks with X, the minister flew home": an event before or after the verb's is another one
            own_sides = own_sides or cand.token.head.lower_ in ("after", "before", "following")
            if verb is not None and verb.entry.type == cand.entry.type and cand.token.dep_ in ("nsubj", "pobj", "dobj") \
                    and not own_sides:
                if cand.entry.mode and not verb.entry.mode:
                    verb.entry = cand.entry
                    verb.how = f"verb, mode from {cand.token.text!r}"
                continue
        keep.append(cand)
    return keep
