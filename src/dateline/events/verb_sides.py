"""Sides of a verb event beyond the general argument rules: a preposition an entry needs, the speaker
of a reported must/should clause, whoever a place is seized from, reciprocal subjects, the victims
of an outcome clause."""

from __future__ import annotations

from .arguments import _split as _split_arg
from .arguments import Arg, is_agent_like
from .detect import Candidate
from .lexicon import Trigger

FORCE_NOUNS = {"troop", "soldier", "force", "reservist", "tank", "warship", "unit", "division", "battalion",
               "reinforcement", "jet", "aircraft", "missile", "brigade", "ship", "peacekeeper", "police", "army",
               "officer", "personnel", "contingent", "marine"}
TOPIC_PREPS = ("prep 'on'", "prep 'at'", "prep 'into'", "prep 'over'", "prep 'against'")
MODAL_KEY = "modal clause"
MODAL_DEMAND = Trigger("REQUEST", None, "100", None, -1.0, note="a reported clause with must/should")


def _prep_targets(verb, entry: Trigger, sources: list[Arg], targets: list[Arg]) -> tuple[list[Arg], list[Arg]]:
    """An entry that needs a preposition ("stand by", "side with", "appeal to") takes that phrase's
    object as its target: "the UK stands by Iraq" is support for Iraq, not an agent 'by' Iraq."""
    preps = [c for c in verb.children if c.dep_ in ("prep", "agent") and c.lower_ in entry.preps]
    if not preps:
        return sources, targets
    objs = {g.i for p in preps for g in p.children if g.dep_ == "pobj"}
    moved = [a for a in sources if a.head.i in objs]
    if not moved or len(moved) == len(sources) and any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return sources, targets
    return [a for a in sources if a not in moved], targets + [a for a in moved if a not in targets]


def _reporting_subjects(verb) -> list:
    head = verb.head
    return [c for c in head.children if c.dep_ == "nsubj" and c.pos_ != "PRON"]


def _modal_demands(sent, cands: list[Candidate], lex) -> list[Candidate]:
    """ "Russia said Sudan must return the helicopter": a reported must/should clause is a demand
    (CAMEO 10) made by the speaker, even when its verb is not in the lexicon."""
    anchors = {c.anchor.i for c in cands} | {c.token.i for c in cands}
    governors = lex.cue_set("reporting_verbs") | {"conclude", "insist", "declare", "stress", "argue", "warn"}
    out = []
    for tok in sent:
        if tok.dep_ != "ccomp" or tok.i in anchors or tok.head.lemma_.lower() not in governors:
            continue
        if any(c.dep_ == "aux" and c.lower_ in ("must", "should", "ought") for c in tok.children) and \
                not any(c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ == "have") for c in tok.children):
            out.append(Candidate(tok, MODAL_DEMAND, "verb", tok, MODAL_KEY, False,
                                 f"clause with a modal of obligation under {tok.head.text!r}"))
    return out


def _more_verb_sides(verb, entry: Trigger, sources: list[Arg], targets: list[Arg], lex) -> tuple[list[Arg], list[Arg]]:
    """Sides of a verb event the general argument rules leave out:
    "recaptured the town from the rebels": whoever a place is seized from is a target;
    "the army and the rebels clashed": a reciprocal verb's coordinated subjects act on each other;
    "attacked a police station, killing three officers": the victims of the outcome clause are targets."""
    targets = list(targets)
    if entry.mode == "seize":
        targets += [a for c in verb.children if c.dep_ == "prep" and c.lower_ == "from"
                    for g in c.children if g.dep_ == "pobj" and is_agent_like(g, lex)
                    for a in _split_arg(g, "prep 'from' of a seizure")]
    if not targets and len(sources) >= 2 and verb.lemma_.lower() in lex.cue_set("reciprocal_verbs") \
            and all(a.via.startswith("nsubj") for a in sources):
        return sources[:1], sources[1:]
    if entry.type == "ASSAULT":
        for c in verb.children:
            if c.dep_ == "advcl" and c.tag_ == "VBG" and any(
                    e.type == "ASSAULT" and not e.objects for e in lex.verbs.get(c.lemma_.lower()) or ()):
                targets += [a for g in c.children if g.dep_ == "dobj" for a in _split_arg(g, f"object of {c.text!r}")]
    return sources, targets
