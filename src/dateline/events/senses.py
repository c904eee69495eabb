"""Senses of a trigger word that name no event, or another event than the lexicon entry says: "released
a statement", "helped spark a revolution", "warned of new attacks", "fired into the air", "the unions
called a strike". Each rule reads the parse around one token; the word lists are in cues.yaml."""

from __future__ import annotations

from typing import Optional

from .arguments import is_agent_like, names_people
from .lexicon import Lexicon, Trigger

Found = Optional[tuple[Trigger, str, bool]]


def _thing_helps(verb, lex: Lexicon) -> bool:
    """The subject of a verb of aid is a thing, not an actor ("his death helped spark a revolution")."""
    if verb.lemma_.lower() not in ("help", "contribute") or not any(c.dep_ in ("xcomp", "ccomp") for c in verb.children):
        return False   # only the helping of a result ("helped spark", "helped the crops grow")
    subj = [c for c in verb.children if c.dep_ == "nsubj"]
    return bool(subj) and all(s.pos_ == "NOUN" and not s.ent_type_ and not is_agent_like(s, lex) for s in subj)


def warned_of(verb, lex: Lexicon) -> list:
    """The objects of a "warned of/about" phrase of a warning verb with no object or clause of its own."""
    if verb.lemma_.lower() not in lex.cue_set("warn_of", "verbs") or any(
            c.dep_ in ("dobj", "ccomp", "xcomp", "dative") for c in verb.children):
        return []
    return [g for c in verb.children if c.dep_ == "prep" and c.lower_ in ("of", "about", "against")
            for g in c.children if g.dep_ == "pobj"]


def _warns_of_others(verb, lex: Lexicon) -> bool:
    objs = warned_of(verb, lex)
    return bool(objs) and not any(g.lemma_.lower() in lex.cue_set("warn_of", "response_nouns") for g in objs)


def _names_no_event(verb, lex: Lexicon) -> bool:
    """The verb's object or complement makes it no event (cues.yaml ``non_event_objects``: "released a
    statement", "pleaded not guilty"), it needs an object or a to-infinitive and has neither
    (``object_needed_verbs``), or its subject is a natural cause (``natural_causes``: "an overdose killed
    the singer")."""
    lemma = verb.lemma_.lower()
    causes = lex.cue_set("natural_causes")
    if any(c.dep_ == "nsubj" and c.lemma_.lower() in causes for c in verb.children) or any(
            g.lemma_.lower() in causes for c in verb.children if c.dep_ == "agent" for g in c.children):
        return True   # "an overdose killed him", "the ports destroyed by the earthquake"
    # "shook from side to side": the idiom, not "side with" someone
    if lemma == "side" and verb.i > 0 and verb.doc[verb.i - 1].lower_ in ("to", "from") and any(
            t.lower_ == "side" for t in verb.doc[max(0, verb.i - 3):verb.i]):
        return True
    particles = lex.cue_set("non_event_particles", lemma)
    if particles and any(c.dep_ == "prt" and c.lower_ in particles for c in verb.children):
        return True
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass", "acomp", "oprd", "advmod")]
    # "closed down the station" read as a preposition: its object is the verb's
    objects += [g for c in verb.children if c.dep_ == "prep" and c.lower_ in ("down", "off", "up", "out")
                for g in c.children if g.dep_ == "pobj"]
    if verb.dep_ in ("acl", "relcl") and verb.tag_ == "VBN":
        objects.append(verb.head)   # "a report released today"
    if lemma in lex.cue_set("object_needed_verbs") and not objects and not any(
            c.dep_ in ("xcomp", "ccomp") for c in verb.children):
        return True
    if lemma in lex.cue_set("people_object_verbs") and objects and not any(_people_like(o, lex) for o in objects):
        return True
    listed = lex.cue_set("non_event_objects", lemma)
    return bool(listed) and any(o.lemma_.lower() in listed for o in objects)


def _people_like(tok, lex: Lexicon) -> bool:
    """People as the object of "release" or "free": who the shared test names, a name the tagger missed
    ("released Haddad"), a relative pronoun, or people counted ("dozens of prisoners")."""
    if names_people(tok, lex) or tok.pos_ == "PROPN" or tok.lower_ in ("who", "whom"):
        return True
    return any(names_people(g, lex) for p in tok.children if p.dep_ == "prep" and p.lower_ == "of"
               for g in p.children if g.dep_ == "pobj")


def _goes_somewhere(verb, entry: Trigger, lex: Lexicon) -> bool:
    """A generated sense conditioned on a preposition ("head for", "rush to") needs that phrase to name a
    place or a party; without the phrase (a particle, "head back") it stands."""
    objs = [g for c in verb.children if c.dep_ == "prep" and c.lower_ in entry.preps
            for g in c.children if g.dep_ == "pobj"]
    return not objs or any(g.ent_type_ in ("GPE", "LOC", "FAC") or is_agent_like(g, lex) for g in objs)


LABOUR_STRIKE = Trigger("PROTEST", "boycott", "143", ("Protests", "Peaceful protest"), -6.5,
                        note="a strike that stops work")


def _labour_strike(noun, lex: Lexicon) -> bool:
    """ "The unions called a strike", "the teachers' strike": a strike of work, not an attack."""
    if noun.lemma_.lower() != "strike":
        return False
    if any(c.lower_ in lex.cue_set("labour_strike", "weapons") for c in noun.children
           if c.dep_ in ("compound", "amod", "nmod", "poss")):
        return False
    people = lex.cue_set("labour_strike", "people")
    if any(c.dep_ in ("poss", "compound") and c.lemma_.lower() in people for c in noun.children):
        return True
    head = noun.head
    verbs = lex.cue_set("labour_strike", "verbs")
    if noun.dep_ in ("dobj", "nsubjpass") and (head.lemma_.lower() in verbs or head.lower_ in verbs):
        subj = [c for c in head.children if c.dep_ == "nsubj"]
        # "the army called a strike on the camp" has an attack's target; a labour strike has none
        return not any(c.dep_ == "prep" and c.lower_ in ("on", "against") for c in noun.children) \
            and not any(s.lemma_.lower() in ("army", "military", "air force", "navy") for s in subj)
    return False


AIR_FIRE = Trigger("MOBILIZE", None, "150", None, -7.0, note="shots fired into the air: a show of force")
APPEAL = Trigger("REQUEST", None, "020", None, -1.0, note="a verb of approval with an object and a to-infinitive")


def verb_sense(tok, found: Found, lex: Lexicon, reporting: frozenset) -> Found:
    """The lexicon's match for a verb, dropped or recoded by the sense rules above."""
    if found and tok.tag_ == "VBN" and tok.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass", "conj") \
            and any(c.dep_ == "det" for c in tok.children):
        found = None   # "helped the wounded", "among the dead": people, no event
    if found and found[0].type == "AID" and _thing_helps(tok, lex):
        found = None   # "his death helped spark a revolution", "the rains helped": no one aided anyone
    if found and _warns_of_others(tok, lex):
        found = None   # "the UN warned of new attacks": a foreseen act of others, no threat
    if found and _names_no_event(tok, lex):
        found = None   # "released a statement", "delivered a speech", "the insurgency began to decline"
    if found and tok.lemma_.lower() in lex.cue_set("perpetration_verbs") and any(
            c.dep_ == "dobj" for c in tok.children):
        found = None   # "committed atrocities": the object names the act (commit is a light verb then)
    if found and found[0].type == "ASSAULT" and tok.lemma_.lower() in lex.cue_set("air_fire", "verbs") and any(
            c.dep_ == "prep" and g.dep_ == "pobj" and g.lemma_.lower() in lex.cue_set("air_fire", "objects")
            for c in tok.children for g in c.children):
        found = (AIR_FIRE, f"{tok.lemma_.lower()} into the air", True)   # shots at no one: a show of force
    if found and found[0].type == "REJECT" and any(
            c.dep_ == "xcomp" and c.lemma_.lower() in lex.cue_set("comment_verbs") for c in tok.children):
        found = None   # "declined to comment", "refused to be named": a statement, no rejection
    if found and found[0].generated and found[0].type == "CONSULT" and found[0].preps and not found[0].objects \
            and not _goes_somewhere(tok, found[0], lex):
        found = None   # "heading for a civil war", "going to war" are no visits: a journey ends at a place or a party
    if found and found[0].type != "REQUEST" and tok.lemma_.lower() in lex.cue_set("appeal_verbs") \
            and any(c.dep_ in ("dobj", "nsubjpass") for c in tok.children) \
            and any(c.dep_ == "xcomp" for c in tok.children):
        found = (APPEAL, f"{tok.lemma_.lower()} + object + to-infinitive", False)
    if found and found[0].type == "CONSULT" and tok.tag_ == "VBG" and tok.dep_ == "advcl" \
            and tok.head.lemma_.lower() in reporting:
        found = None   # "Speaking after the fall of the city, the minister said": the statement itself
    return found


def noun_sense(tok, found: Found, lex: Lexicon) -> Found:
    """The lexicon's match for a noun, recoded by the sense rules above (a strike of work)."""
    if found and found[0].type == "ASSAULT" and _labour_strike(tok, lex):
        return (LABOUR_STRIKE, "strike (of work)", False)
    return found
