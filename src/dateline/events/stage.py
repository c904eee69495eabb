"""The events stage: who did what to whom, coded in PLOVER with CAMEO and ACLED, modality kept apart.

Compute first (:func:`compute`: triggers, arguments, modality, quantities for every sentence, as
plain drafts), write second (:func:`write`: new actors for unresolved agents, then the events).
The words that decide are data: ``data/lexicon.yaml`` (triggers), ``data/cues.yaml`` (modality,
light verbs, quantities), ``data/cameo_plover.tsv`` (the CAMEO crosswalk); see docs/events.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from ..model import Actor, Event, EventTime, Quantity, Record, Sentence, TextSpan
from ..pipeline import register
from . import lexicon as lexmod
from .arguments import _split as _split_arg
from .arguments import HELP_NOUNS, owner_args
from .arguments import (Arg, argument_span, dates_from_value, is_agent_like, noun_arguments, overlapping,
                        place_for, time_for, token_chars, verb_arguments)
from .coding import INTENT_CAMEO, acled_for, cameo_for, intent_type, threat_types
from .lexicon import Trigger
from .detect import CLAUSE_DEPS, Candidate, find_candidates
from .modality import ModalityResult, decide, negating_phrase_heads
from .quantities import sentence_counts, size_of

MAX_SENTENCE_TOKENS = 400
# categories whose target PLOVER codes from the location when the text names none
PLACE_TARGET_TYPES = {"PROTEST", "ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "THREATEN", "AID", "RETREAT", "CONCEDE", "REJECT", "REQUEST"}
# personal pronouns kept as (unresolved) actors: "we will defeat ...", "he was bombed and killed"
PERSONAL_PRONOUNS = {"i", "we", "he", "she", "they", "us", "him", "her", "them", "me"}   # longer "sentences" are usually tables or run-on lists; parse-based rules fail there


@dataclass
class Draft:
    cand: Candidate
    type: str
    mode: Optional[str]
    cameo: Optional[str]
    acled: tuple
    intensity: float
    modality: str
    cue: Optional[tuple[int, int, str]]
    sources: list[Arg]
    targets: list[Arg]
    place: Optional[str]
    time: EventTime
    quantities: list[Quantity]
    sentence: Sentence
    score: float
    reason: str
    derived_from: Optional[int] = None
    governor_i: Optional[int] = None      # token index of the word that governs the event's modality
    source_actor_ids: list[str] = field(default_factory=list)
    target_actor_ids: list[str] = field(default_factory=list)


def _depth_penalty(anchor) -> float:
    """Events deep in complements and relative clauses are less often the point of the sentence."""
    pen, cur = 0.0, anchor
    for _ in range(12):
        if cur.head is cur:
            break
        if cur.dep_ in CLAUSE_DEPS:
            pen += 0.08 if cur.dep_ not in ("relcl", "acl") else 0.15
        elif cur.dep_ == "conj":
            pen += 0.03
        else:
            pen += 0.01
        cur = cur.head
    return pen


def _span(obj) -> Optional[tuple[int, int, str]]:
    if obj is None:
        return None
    if hasattr(obj, "start_char"):
        return obj.start_char, obj.end_char, obj.text
    return obj.idx, obj.idx + len(obj.text), obj.text


def _event_time(record: Record, t) -> EventTime:
    if t is None:
        pub = record.article.published
        return EventTime(value=pub.isoformat() if pub else None, start_date=pub, end_date=pub,
                         granularity="day" if pub else None, **{"from": "publication date" if pub else None})
    start = getattr(t, "start_date", None)
    end = getattr(t, "end_date", None)
    gran = getattr(t, "granularity", None)
    if start is None and end is None:
        start, end, gran2 = dates_from_value(t.value)
        gran = gran or gran2
    return EventTime(value=t.value, start_date=start, end_date=end, granularity=gran, **{"from": t.id})


def _sentence_drafts(record: Record, doc, sent, sentence: Sentence, lex) -> list[Draft]:
    low = record.article.text[sentence.start:sentence.end].lower()
    cands = find_candidates(sent, lex)
    if "must" in low or "should" in low or "ought" in low:
        cands += _modal_demands(sent, cands, lex)
    if not cands:
        return []
    # An event is placed at a named place; nominal places ("the city") have no location of their own.
    toponyms = [p for p in record.places if p.kind == "toponym"]
    # the span's own start: sentence bounds are trimmed but the span may start a character earlier
    phrase_heads = negating_phrase_heads(sent, lex, record.article.text[sent.start_char:sent.end_char].lower())
    trigger_ids = {c.token.i: c for c in cands}
    anchor_ids = {c.anchor.i: c for c in cands}
    drafts: list[Draft] = []
    enders: set[int] = set()
    for cand in cands:
        tok, entry = cand.token, cand.entry
        mod = decide(tok, cand.anchor, lex, phrase_heads)
        if cand.key == MODAL_KEY:   # the demand itself was made: asserted, with "must" as evidence
            mod = ModalityResult("asserted", None, f"demand made with {mod.cue.text!r}" if mod.cue else "demand")
        plover = entry.type
        ended = _ended_by(cand, mod, lex, trigger_ids)
        if ended is not None:
            ender, new_type, new_cameo = ended
            emod = decide(ender, ender, lex, phrase_heads)
            cand = Candidate(ender, Trigger(new_type, None, new_cameo, None, lex.intensity(new_type)), "verb", ender,
                             cand.key, cand.conditioned, f"ending of {entry.type} {tok.text!r}")
            tok, entry, mod = ender, cand.entry, emod
            plover = new_type
            enders.add(ender.i)
        # "vowed to fight" is a threat, "vowed to rebuild" a promise
        if tok.lemma_.lower() in lex.cue_set("intent_verbs") and plover == "AGREE":
            inner = [c for c in cands if c is not cand and any(a.i == tok.i for a in c.anchor.ancestors)]
            # the nearest intended event decides: "pledged to investigate the killings" is a promise
            inner.sort(key=lambda c: len(list(c.anchor.ancestors)))
            if inner and inner[0].entry.type in threat_types(lex):
                plover = "THREATEN"
        if cand.key == MODAL_KEY:
            sources = [a for s in _reporting_subjects(tok) for a in _split_arg(s, "speaker of the demand")]
            targets = [a for s in tok.children if s.dep_ in ("nsubj", "nsubjpass") and s.pos_ != "PRON"
                       for a in _split_arg(s, "subject of the demanded clause")]
        elif cand.kind == "verb" and tok.lemma_.lower() in lex.cue_set("undergoer_verbs") and entry.preps:
            # "the town fell to the rebels": the rebels took the town; no actor after "to", no event
            doers = [g for c in tok.children if c.dep_ == "prep" and c.lower_ in entry.preps
                     for g in c.children if g.dep_ == "pobj" and is_agent_like(g, lex)]
            if not doers:
                continue
            sources = [a for g in doers for a in _split_arg(g, "'to' phrase of an undergoer verb")]
            targets = [a for c in tok.children if c.dep_ == "nsubj" for a in _split_arg(c, "undergoer subject")]
        elif cand.kind == "verb":
            sources, targets = verb_arguments(tok, lex)
            if entry.preps:
                sources, targets = _prep_targets(tok, entry, sources, targets)
            sources, targets = _more_verb_sides(tok, entry, sources, targets, lex)
        else:
            sources, targets = noun_arguments(tok, cand.anchor, lex)
        targets = [a for a in targets if a.head.i not in trigger_ids or a.head is tok]
        if plover in ("MOBILIZE", "AID") and cand.kind == "verb":
            # "massed 100,000 troops", "deployed peacekeepers": the force moved is no target
            targets = [a for a in targets if not (a.via == "dobj" and a.head.lemma_.lower() in FORCE_NOUNS)]
        if lex.polarity(plover) == "cooperative":   # "talks on the situation": a topic, not a partner
            targets = [a for a in targets if not a.via.startswith(TOPIC_PREPS)]
        targets = [a for a in targets if a.head.i != tok.i]
        cameo, cameo_note = cameo_for(entry, lex)
        if plover != entry.type:
            cameo = INTENT_CAMEO.get((plover, "ASSAULT"), "130")
        place = place_for(toponyms, sentence.start, sentence.end, tok, cand.anchor, doc, lex)
        tref = time_for(record.times, sentence.start, sentence.end, tok, cand.anchor, doc)
        etime = _event_time(record, tref)
        base = 0.8 if cand.kind == "verb" else (0.78 if cand.anchor is not tok else 0.6)
        score = base + (0.05 if cand.conditioned else 0.0) - _depth_penalty(cand.anchor)
        # an event governed by another event word (threatened to X) ranks below its governor
        governed = mod.governor is not None and (mod.governor.i in trigger_ids or mod.governor.i in anchor_ids)
        reason = (f"{cand.kind} {tok.text!r} matched lexicon key {cand.key!r} -> {plover}"
                  f"{'/' + entry.mode if entry.mode else ''}, CAMEO {cameo or '-'}"
                  f"{' (' + cameo_note + ')' if cameo_note else ''}; {cand.how}; modality {mod.modality}"
                  f" ({mod.via})")
        if tref is None:
            reason += "; time: publication date (no date in the sentence)" if record.article.published \
                else "; time: none in the sentence and no publication date"
        intensity = entry.intensity if plover == entry.type else lex.intensity(plover)
        drafts.append(Draft(cand, plover, entry.mode, cameo, entry.acled or (), intensity, mod.modality, _span(mod.cue), sources, targets,
                            place.id if place else None, etime, [], sentence,
                            round(max(0.05, min(0.99, score)), 3), reason))
        drafts += _fought_alongside(drafts[-1], tok, lex)
        clause = cand.anchor if cand.anchor.pos_ in ("VERB", "AUX") else cand.anchor.head
        future_aux = any(c.dep_ == "aux" and c.lower_ in ("will", "would", "shall", "wo", "'ll") for c in clause.children)
        cue_word = mod.cue.lower_ if hasattr(mod.cue, "lower_") else ""
        intent = intent_type(plover, mod.modality, governed, lex, cue_word=cue_word, future_aux=future_aux)
        if governed:
            drafts[-1].governor_i = mod.governor.i
        if intent:
            d = drafts[-1]
            i_sources, i_targets = sources, targets
            if intent == "REQUEST":
                # "Russia said Sudan must return the helicopter": the speaker demands it of the clause's subject
                speakers = [a for s in _reporting_subjects(clause) for a in _split_arg(s, "speaker of the demand")] \
                    if clause.dep_ == "ccomp" else []
                if speakers:
                    i_sources, i_targets = speakers, sources or targets
            drafts.append(Draft(cand, intent, None, INTENT_CAMEO.get((intent, plover), {
                "AGREE": "030", "THREATEN": "130", "REJECT": "120", "REQUEST": "100", "MOBILIZE": "150"}.get(
                    intent, None)), (),
                lex.intensity(intent), "asserted", d.cue, i_sources, i_targets, d.place, etime, [], sentence,
                round(min(0.99, d.score + 0.06), 3),
                f"intent rule: {plover} with modality {mod.modality} ({mod.via}) is coded {intent} as PLOVER "
                f"codes intentions", derived_from=len(drafts) - 1))
    if enders:   # an ending verb's own generated sense gives way to the ending it codes
        dropped = [i for i, d in enumerate(drafts) if d.cand.token.i in enders and d.cand.entry.generated
                   and d.derived_from is None]
        if dropped:
            keep = [d for i, d in enumerate(drafts) if i not in dropped and d.derived_from not in dropped]
            remap = {id(d): n for n, d in enumerate(keep)}
            for d in keep:
                if d.derived_from is not None:
                    d.derived_from = remap.get(id(drafts[d.derived_from]))
            drafts = keep
    _inherit_targets(drafts, lex)
    _rank_below_governors(drafts)
    _executed_orders(drafts, lex)
    _rallies(drafts, lex)
    _attach_quantities(sent, drafts, lex)
    return drafts


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
                not any(c.dep_ == "neg" for c in tok.children):
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


ALONGSIDE_PREPS = ("alongside",)


def _fought_alongside(d: Draft, verb, lex) -> list[Draft]:
    """ "Hezbollah fought alongside the army": besides the fight, military cooperation (CAMEO 062)
    between the fighters and the side they fought with, who is one more source of the fight.
    "Captured by the police with the help of local militiamen": the helpers cooperated with the doer
    (they are not made doers themselves). Only for an attack or coercion verb with a doer and an actor
    in the phrase."""
    if d.type not in ("ASSAULT", "COERCE") or d.cand.kind != "verb" or not d.sources:
        return []
    allies = [a for c in verb.children if c.dep_ == "prep" and c.lower_ in ALONGSIDE_PREPS
              for g in c.children if g.dep_ == "pobj" and is_agent_like(g, lex)
              for a in _split_arg(g, f"prep {c.lower_!r} of an attack")] if d.type == "ASSAULT" else []
    helpers = [a for c in verb.children if c.dep_ == "prep" and c.lower_ == "with"
               for n in c.children if n.dep_ == "pobj" and n.lemma_.lower() in HELP_NOUNS
               for p in n.children if p.dep_ == "prep" and p.lower_ == "of"
               for g in p.children if g.dep_ == "pobj" and is_agent_like(g, lex)
               for a in _split_arg(g, f"'with the {n.lower_} of' an attack")]
    if not allies and not helpers:
        return []
    fighters = list(d.sources)
    d.sources = fighters + allies   # and the side fought with attacked the same target
    how = "an 'alongside' phrase" if allies else f"'with the ... of' phrase"
    return [Draft(d.cand, "COOPERATE", None, "062", (), lex.intensity("COOPERATE"), d.modality, d.cue,
                  fighters, allies + helpers, d.place, d.time, [], d.sentence, round(max(0.05, d.score - 0.1), 3),
                  f"{verb.text!r} with {how} -> COOPERATE, CAMEO 062 (acting on the same side); "
                  f"modality {d.modality}")]


def _inherit_targets(drafts: list[Draft], lex) -> None:
    """A governing event without a target takes it from what it governs: "demanded that the US
    cancel" (the clause's subject), "threatened to break relations with Russia" (the inner target)."""
    def viable(a):
        return is_agent_like(a.head, lex) or a.head.lower_ in PERSONAL_PRONOUNS

    for d in drafts:
        if any(viable(a) for a in d.targets) or d.derived_from is not None:
            continue
        things = [a.head for a in d.targets]   # objects that are not actors ("a proposal", "crimes")
        d.targets = []
        tok = d.cand.token
        anchors = (tok.i, d.cand.anchor.i)
        # events it governs, and purpose clauses ("began a hunger strike to demand the resignation of X")
        inner = [x for x in drafts if x is not d and x.derived_from is None and (
            x.governor_i in anchors or (x.cand.anchor.dep_ in ("advcl", "xcomp") and x.cand.anchor.head.i in anchors))]
        # "demanded that the US cancel", "allowed the opposition leader to hold a rally"
        for c in tok.children:
            if c.dep_ in ("ccomp", "xcomp", "acl") and (d.type == "REQUEST" or c.dep_ != "acl"):
                subj = [g for g in c.children if g.dep_ in ("nsubj", "nsubjpass")]
                if subj and subj[0].pos_ != "PRON":
                    d.targets.extend(_split_arg(subj[0], "subject of the governed clause"))
        if not d.targets:
            # "rejected an Australian ultimatum", "an investigation into crimes committed by Croat forces"
            if d.cand.kind == "verb":
                things += [c for c in tok.children if c.dep_ == "dobj"]
            for thing in dict.fromkeys(things):
                if not is_agent_like(thing, lex):
                    d.targets.extend(owner_args(thing))
        if not d.targets:
            for x in inner:
                # "committed to destroying ISIL", "stands by Iraq to defeat Daesh": the target of an
                # intended attack is no partner of a cooperative event
                # (and the events below the attack are no nearer: "agreed to target men supplying the regime")
                if lex.polarity(d.type) == "cooperative" and lex.polarity(x.type) == "conflictual":
                    break
                d.targets.extend(a for a in x.targets if is_agent_like(a.head, lex))
                if d.targets:
                    break
    for d in drafts:   # intent events share their source event's arguments
        if d.derived_from is not None and not d.targets:
            d.targets = drafts[d.derived_from].targets


def _rank_below_governors(drafts: list[Draft]) -> None:
    """An event whose trigger sits below another event's trigger in the tree ("threatened to shell",
    "refused to deploy", "rejected an appeal for deploying troops") ranks below it."""
    by_anchor: dict[int, Draft] = {}
    for d in drafts:
        if d.derived_from is None:
            by_anchor.setdefault(d.cand.anchor.i, d)
            by_anchor.setdefault(d.cand.token.i, d)
    for d in sorted(drafts, key=lambda x: len(list(x.cand.anchor.ancestors))):
        if d.derived_from is not None:
            continue
        for anc in list(d.cand.anchor.ancestors)[:6]:
            gov = by_anchor.get(anc.i)
            if gov is not None and gov is not d:
                top = max([gov.score] + [x.score for x in drafts if x.derived_from is not None
                                         and drafts[x.derived_from] is gov])
                if d.score >= top:
                    d.score = round(top - 0.05, 3)
                    for x in drafts:  # an intent event derived from it follows it down
                        if x.derived_from is not None and drafts[x.derived_from] is d:
                            x.score = round(d.score + 0.02, 3)
                break


OWN_ENDING_TYPES = {"PROTEST", "ASSAULT"}


def _ended_by(cand: Candidate, mod, lex, trigger_ids: dict):
    """(ending verb, category, CAMEO) when the candidate is an event its governing verb ends:
    "suspended their protests" (a light verb), "stopped shelling the city" (a negating governor).
    The ending verb must not carry a written entry of its own ("lifted the siege" is coded there)."""
    ending = lex.cues.get("ending", {})
    reversal = ending.get("reversal") or {}
    key = f"{cand.entry.type}/{cand.entry.mode}"
    if key not in reversal:
        key = cand.entry.type
    if key not in reversal:
        return None
    verbs = lex.cue_set("ending", "verbs")

    def is_ender(t) -> bool:
        prt = [c.lower_ for c in t.children if c.dep_ == "prt"]
        return t.pos_ in ("VERB", "AUX") and (t.lemma_.lower() in verbs or any(
            f"{t.lemma_.lower()} {p}" in verbs for p in prt))

    ender = None
    # the ended event is the ending verb's object ("stopped work on the first day of a strike" ends no strike)
    if cand.kind == "noun" and cand.token.dep_ == "dobj" and is_ender(cand.token.head):
        ender = cand.token.head
        # a protest or an attack can be stopped by others ("police stopped the attack", "the court
        # halted the demonstration"): that is no concession; only "their protests", "its offensive"
        if cand.entry.type in OWN_ENDING_TYPES and not any(
                c.dep_ == "poss" and c.lower_ in ("its", "their", "his", "her", "our") for c in cand.token.children):
            return None
    elif mod.modality == "negated" and mod.governor is not None and is_ender(mod.governor):
        ender = mod.governor
    if ender is None:
        return None
    own = trigger_ids.get(ender.i)
    if own is not None and own is not cand and not own.entry.generated:
        return None
    new_type, new_cameo = reversal[key]
    return ender, str(new_type).upper(), str(new_cameo)


# What an authority orders ("ordered the arrest of", "ordered the paper to suspend publication") is
# carried out by its order: CAMEO codes the coercive act, not a demand.
EXECUTIVE_VERBS = {"order", "decree", "authorize", "authorise", "direct", "command"}
EXECUTED_TYPES = {"COERCE", "SANCTION", "ASSAULT", "MOBILIZE"}


def _executed_orders(drafts: list[Draft], lex) -> None:
    primary = {d.cand.token.i: d for d in drafts if d.derived_from is None}
    for d in drafts:
        if d.derived_from is not None or d.modality != "demanded" or d.governor_i is None \
                or d.type not in EXECUTED_TYPES:
            continue
        gov = primary.get(d.governor_i)
        if gov is None or gov.cand.token.lemma_.lower() not in EXECUTIVE_VERBS or gov.modality != "asserted":
            continue
        d.modality = "asserted"
        d.cue = None
        d.score = round(min(0.99, gov.score + 0.02), 3)
        d.reason += f"; carried out by the order {gov.cand.token.text!r}, so asserted"
        if not d.sources:
            d.sources = gov.sources


RALLY_VERBS = {"unite", "rally", "mobilize", "mobilise", "stand", "band", "close"}


def _rallies(drafts: list[Draft], lex) -> None:
    """CAMEO 113: a call on others to unite against someone rallies opposition against them ("called on
    Arabs to unite against X": ACCUSE of X). (The symmetric CAMEO 053, a call to support a third party,
    is left a REQUEST: coded as SUPPORT it added AlliesOf pairs re3d does not annotate.)"""
    demand = lex.cue_set("modality", "demand_verbs")
    for d in drafts:
        tok = d.cand.token
        if d.derived_from is not None or d.type != "REQUEST" or d.cand.kind != "verb" \
                or tok.lemma_.lower() not in demand or d.modality != "asserted":
            continue
        for comp in (c for c in tok.children if c.dep_ in ("xcomp", "ccomp", "advcl")):
            verbs = [comp] + [c for c in comp.children if c.dep_ == "conj"]
            against = [g for v in verbs if v.lemma_.lower() in RALLY_VERBS for p in v.children
                       if p.dep_ == "prep" and p.lower_ == "against" for g in p.children if g.dep_ == "pobj"]
            if against:
                d.type, d.cameo, d.intensity = "ACCUSE", "113", lex.intensity("ACCUSE")
                d.mode = "disapprove"
                d.targets = [a for g in against for a in _split_arg(g, "'against' phrase of the rallied clause")]
                d.reason += "; a call to unite against someone rallies opposition (CAMEO 113)"
                break


def _attach_quantities(sent, drafts: list[Draft], lex) -> None:
    counts = sentence_counts(sent, lex)
    kinds_for = {"killed": ("ASSAULT",), "injured": ("ASSAULT",), "arrested": ("COERCE", "ASSAULT"),
                 "displaced": ("COERCE", "ASSAULT", "RETREAT")}
    primary = [d for d in drafts if d.derived_from is None]
    for c in counts:
        fitting = [d for d in primary if d.type in kinds_for.get(c.kind, ())] or primary
        if not fitting:
            continue
        best = min(fitting, key=lambda d: abs(d.cand.token.i - c.noun.i))
        best.quantities.append(Quantity(kind=c.kind, min=c.min, max=c.max, text=c.text, start=c.start, end=c.end))
    size_types = set(lex.cues.get("quantities", {}).get("size_types", []))
    for d in primary:
        if d.type in size_types:
            heads = [a.head for a in d.sources]
            if d.type == "MOBILIZE":   # "massed 100,000 troops": the force's size
                heads += [c for c in d.cand.token.children if c.dep_ == "dobj" and c.lemma_.lower() in FORCE_NOUNS]
            for head in heads:
                s = size_of(head, lex)
                if s is not None and not any(q.start == s.start for q in d.quantities):
                    d.quantities.append(Quantity(kind="size", min=s.min, max=s.max, text=s.text,
                                                 start=s.start, end=s.end))
                    break


def compute(record: Record, doc, lex=None) -> list[Draft]:
    """Compute: event drafts for every sentence of the record (nothing is written)."""
    lex = lex or lexmod.load()
    drafts: list[Draft] = []
    text_len = len(record.article.text)
    for sentence in record.sentences:
        if sentence.end > text_len:
            continue
        span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
        if span is None or not len(span) or len(span) > MAX_SENTENCE_TOKENS:
            continue
        drafts.extend(_sentence_drafts(record, doc, span, sentence, lex))
    return drafts


def _link(record: Record, args: list[Arg], lex, new_actors: dict, role: str) -> list[str]:
    ids: list[str] = []
    for arg in args:
        found = []
        for start, end in token_chars(arg.tokens):
            found += [a for a in overlapping(record.actors, start, end) if a not in found]
        if found:
            # an actor not yet used by another conjunct first, then the one on the head, then the tightest
            found.sort(key=lambda a: (a.id in ids, not (a.start <= arg.head.idx < a.end), a.end - a.start))
            if found[0].id not in ids:
                ids.append(found[0].id)
            continue
        if role == "target" and arg.head.pos_ == "NOUN" and arg.head.lower_ not in PERSONAL_PRONOUNS:
            # "shelled positions of the Palestinian forces", "a camp for Congolese refugees": a thing
            # or place no actor names is the target through the actor it belongs to
            owners = [a for o in owner_args(arg.head) + _for_args(arg.head) for s, e in token_chars(o.tokens)
                      for a in overlapping(record.actors, s, e) if a.country]
            if owners:
                for a in owners:
                    if a.id not in ids:
                        ids.append(a.id)
                continue
        if not (is_agent_like(arg.head, lex) or arg.head.lower_ in PERSONAL_PRONOUNS):
            continue
        start, end = argument_span(arg)
        key = (start, end)
        if key not in new_actors:
            # a place named as a participant ("visited Russia", "shelled Jericho") stands for its
            # country, as PLOVER codes it; the country comes from the resolved place, nothing else
            place = next((p for p in overlapping(record.places, start, end) if p.country
                          and (arg.head.ent_type_ in ("GPE", "LOC", "FAC")
                               or getattr(p, "role", None) == "origin")), None)
            note = f"; country from the place {place.text!r} ({place.country})" if place else ""
            actor = Actor(id=record.new_id("a", record.actors), text=record.article.text[start:end], start=start,
                          end=end, name=None, country=place.country if place else None, sector=None,
                          score=0.3, reason=f"unresolved event argument ({role}, via {arg.via}); no actor "
                                            f"overlaps it{note}")
            record.actors.append(actor)
            new_actors[key] = actor
        if new_actors[key].id not in ids:
            ids.append(new_actors[key].id)
    return ids


def _for_args(thing) -> list[Arg]:
    """Beneficiaries named in a "for" phrase: "a camp for Congolese refugees"."""
    return [a for g in thing.children if g.dep_ == "prep" and g.lower_ == "for"
            for o in g.children if o.dep_ == "pobj" for a in _split_arg(o, f"'for' phrase of {thing.text!r}")]


def _place_as_target(record: Record, d: Draft, new_actors: dict) -> list[str]:
    """PLOVER's convention when the text names no target: the event's location stands for it
    ("students demonstrated in Serbia" -> target Serbia)."""
    place = next((p for p in record.places if p.id == d.place), None)
    if place is None or not place.country:
        return []
    found = [a for a in overlapping(record.actors, place.start, place.end)]
    if found:
        return [found[0].id] if found[0].id not in d.source_actor_ids else []
    key = (place.start, place.end)
    if key not in new_actors:
        actor = Actor(id=record.new_id("a", record.actors), text=place.text, start=place.start, end=place.end,
                      country=place.country, score=0.2,
                      reason=f"unresolved event argument: no target in the parse, so the event's place "
                             f"{place.text!r} stands for it (PLOVER convention); country from the place")
        record.actors.append(actor)
        new_actors[key] = actor
    return [new_actors[key].id]


def _identity(by_id: dict, actor_id: str):
    """What an actor mention stands for: its knowledge-base entry, else the first mention of its
    coreference chain."""
    a = by_id.get(actor_id)
    seen = set()
    while a is not None and a.coref and a.coref in by_id and a.id not in seen:
        seen.add(a.id)
        a = by_id[a.coref]
    if a is None:
        return actor_id
    return ("kb", a.kb_id) if a.kb_id else ("mention", a.id)


def write(record: Record, drafts: list[Draft], lex=None) -> None:
    """Write: actors for unresolved agents, then one Event per draft."""
    lex = lex or lexmod.load()
    new_actors: dict = {}
    events: list[Event] = []
    for d in drafts:
        d.source_actor_ids = _link(record, d.sources, lex, new_actors, "source")
        # a target that is a source again, or refers back to the same actor ("the regime ... its own
        # forces" resolved to one entity), is no second party
        by_id = {a.id: a for a in record.actors}
        same = {_identity(by_id, i) for i in d.source_actor_ids}
        d.target_actor_ids = [i for i in _link(record, d.targets, lex, new_actors, "target")
                              if i not in d.source_actor_ids and _identity(by_id, i) not in same]
        made_here = {a.id for a in new_actors.values() if not a.country}
        place = next((p for p in record.places if p.id == d.place), None) if d.place else None
        if place is not None and place.country:
            # an unnamed agent this stage made ("prisoners rioted at a jail in Dili") is of the
            # country where the event happens, as PLOVER codes unidentified actors
            for a in new_actors.values():
                if a.id in d.source_actor_ids and not a.country and a.id in made_here:
                    a.country = place.country
                    a.reason += f"; country from the event's place {place.text!r} (PLOVER convention)"
        if d.place and d.type in PLACE_TARGET_TYPES and all(i in made_here for i in d.target_actor_ids):
            # no target, or only things no actor names ("villages near the border", "the bridge"):
            # the place's country stands for the target, as PLOVER codes it
            placed = _place_as_target(record, d, new_actors)
            if placed:
                d.target_actor_ids = placed
    for d in drafts:
        tok = d.cand.token
        source_sectors = [a.sector for a in record.actors if a.id in d.source_actor_ids and a.sector]
        target_heads = [a.head for a in d.targets]
        acled_type, acled_sub = (None, None)
        if d.derived_from is None:
            entry = d.cand.entry if d.type == d.cand.entry.type else Trigger(d.type, None, d.cameo, None, d.intensity)
            acled_type, acled_sub = acled_for(d.type, entry, target_heads, source_sectors, d.modality)
        cue = TextSpan(text=d.cue[2], start=d.cue[0], end=d.cue[1]) if d.cue else None
        events.append(Event(
            id=f"{record.article.id}:e{len(record.events) + len(events)}", type=d.type, mode=d.mode,
            cameo=d.cameo, acled_type=acled_type, acled_subtype=acled_sub, intensity=d.intensity,
            modality=d.modality, modality_cue=cue, sources=d.source_actor_ids, targets=d.target_actor_ids,
            place=d.place, time=d.time, quantities=d.quantities,
            trigger=TextSpan(text=tok.text, start=tok.idx, end=tok.idx + len(tok.text)),
            sentence=d.sentence, score=d.score, reason=d.reason))
    record.events.extend(events)


@register("events", "dateline.events.v1", requires=("sentences", "mentions", "actors", "times", "places"),
          assigns=("events",),
          spacy=("token.tag", "token.pos", "token.lemma", "token.dep", "token.head", "doc.sents", "doc.ents",
                 "token.ent_type"),
          description="PLOVER events with mode, intensity, CAMEO and ACLED codes, arguments, modality and "
                      "quantities from the dependency parse and a YAML trigger lexicon")
def make_events_stage(config: dict):
    lex = lexmod.load()

    def events_stage(record: Record, doc) -> None:
        if doc is None or not record.sentences:
            return
        write(record, compute(record, doc, lex), lex)

    return events_stage
