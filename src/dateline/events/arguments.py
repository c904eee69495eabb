"""Arguments of an event from the dependency parse: sources, targets, place and time.

Sources: the subject of the trigger (or of the light verb that carries a noun trigger), the "by"
phrase of a passive or of a noun ("attacked by militiamen", "the shelling by the army"), a
possessive or a nationality modifier of a noun trigger ("Russia's offensive", "Israeli tanks").
A complement without its own subject takes the controller: the object of "urged X to" and "called
on X to", else the subject of the governing verb. Targets: the direct object, the passive subject,
and on/against/with/to phrases. Conjoined heads and conjoined modifiers split into one argument
each ("Russian and regime warplanes" is two sources).

This module holds what the argument rules share: the Arg, splitting a head into one argument per
conjunct (``_split``), the objects of a preposition, pronouns, and the helpers that link arguments
to actors. The rules live beside it, one concern a module:
- subjects.py: the subject (or controller) of a verb, the speaker behind a pronoun, conjoined verbs;
- verb_arguments.py: sources and targets of a verb trigger (``verb_arguments``);
- noun_arguments.py: sources and targets of a noun trigger (``noun_arguments``);
- owners.py: who a non-actor object or an act belongs to (``owner_args``, ``is_action_noun``);
- place_time.py: the event's place and time (``place_for``, ``time_for``, ``dates_from_value``).
"""

from __future__ import annotations

from dataclasses import dataclass

from .lexicon import Lexicon

SUBJ = ("nsubj", "csubj")


@dataclass
class Arg:
    head: object           # the head token of the argument
    tokens: list            # tokens whose characters identify an actor (head, modifiers, the conjunct)
    via: str                # which link found it (nsubj, agent, dobj, prep 'on', ...)


def _core(tok) -> list:
    """The head and its name-like modifiers (compound, amod, poss, flat name parts)."""
    out = [tok]
    for c in tok.children:
        if c.dep_ in ("compound", "amod", "poss", "nmod", "flat", "nummod"):
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


RELATIVE_PRONOUNS = {"which", "who", "whom", "that"}
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


# ------------------------------------------------------------------ linking arguments to actors

def overlapping(items, start: int, end: int) -> list:
    return [x for x in items if x.start < end and start < x.end]


def token_chars(tokens) -> list[tuple[int, int]]:
    return [(t.idx, t.idx + len(t.text)) for t in tokens]


PERSONAL_PRONOUNS = {"i", "we", "he", "she", "they", "us", "him", "her", "them", "me"}


def names_people(tok, lex: Lexicon) -> bool:
    """A word that names people: a person, group or nationality, a personal pronoun, or an agent noun that
    is no place or thing ("villagers", not "village"; cues.yaml ``place_like_nouns``)."""
    if tok.ent_type_ in ("NORP", "PERSON", "ORG") or tok.lower_ in PERSONAL_PRONOUNS:
        return True
    lemma = tok.lemma_.lower()
    return tok.pos_ == "NOUN" and lemma in lex.cue_set("agent_nouns") and lemma not in lex.cue_set("place_like_nouns")


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
