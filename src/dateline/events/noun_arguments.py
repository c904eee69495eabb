"""Sources and targets of a noun trigger (:func:`noun_arguments`): possessive, nationality and doer
modifiers, "by" and target phrases, the helper in "with the help of", "between" sides, and the
light verb that carries the noun.
"""

from __future__ import annotations

from .arguments import Arg, _hyphenated, _pobj, _split
from .lexicon import Lexicon
from .subjects import _subject_of
from .verb_arguments import _judges, verb_arguments

NATIONALITY_LABELS = {"NORP", "GPE", "ORG"}
# Compound modifiers that name the doer of an event noun ("regime bombardment", "army raids");
# nouns that name victims or places ("civilian", "border") are left out on purpose
DOER_MODIFIERS = {"regime", "army", "military", "government", "police", "coalition", "rebel", "militia",
                  "insurgent", "militant", "navy", "troop"}
# nouns of helping: "with the help of X" names X as the helper
HELP_NOUNS = {"help", "aid", "assistance", "support", "backing", "cooperation"}
HELP_VERBS = {"help", "aid", "assist", "support", "back"}


def _names_it(verb, lex: Lexicon) -> bool:
    """A verb of naming or describing ("described the shelling as a crime", "calling the bombing a
    violation"): its subject characterises the event its object names and did not do it. "Call" names
    only with a second complement ("called a strike" is the light verb)."""
    lemma = verb.lemma_.lower()
    if lemma not in lex.cue_set("naming_verbs"):
        return False
    return lemma != "call" or any(c.dep_ in ("oprd", "xcomp", "ccomp") or (c.dep_ == "prep" and c.lower_ == "as")
                                  for c in verb.children)


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
        if anchor.lemma_.lower() == "be" or _names_it(anchor, lex):
            # "X was an attack", "called the bombing a violation": the subject names the event, not its agent
            s = []
        if anchor.lemma_.lower() in lex.cue_set("undergoing_light_verbs"):
            # "the doctor faces a manslaughter charge": the subject undergoes it; a doer only from the noun
            targets += [Arg(a.head, a.tokens, f"{a.via} of {anchor.text!r}, who undergoes it") for a in s]
            s = []
            sources = [a for a in sources if a.head.pos_ != "PRON"]
        # "the minister reiterated British support", "the council renewed its support": the owner
        # named on the noun is whose event it is; the light verb's subject speaks for the same side
        # and is no second party. A possessive pronoun ("held their first meeting") stands for the
        # subject, which is kept.
        named = [a for a in sources if a.head.pos_ != "PRON" and "read as" not in a.via]
        sources = named or s or sources
        targets += [a for a in t if a.head is not noun]
    elif noun.dep_ in ("dobj", "attr") and noun.head.pos_ in ("VERB", "AUX") and not sources \
            and not _names_it(noun.head, lex):
        s, _ = verb_arguments(noun.head, lex)
        if noun.head.lemma_.lower() not in lex.cue_set("modality", "demand_verbs") and not _judges(noun.head, lex):
            sources = s
    return sources, targets
