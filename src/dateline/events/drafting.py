"""Drafting a sentence's events from its trigger candidates: modality, category, arguments, CAMEO,
place, time, score and reason, then the rules that read the drafts together (across_drafts.py)."""

from __future__ import annotations

from ..model import Record, Sentence
from .across_drafts import (_attach_quantities, _executed_orders, _fought_alongside, _inherit_targets,
                            _rallies, _rank_below_governors)
from .arguments import _split as _split_arg
from .arguments import is_agent_like
from .coding import INTENT_CAMEO, cameo_for, intent_type, threat_types
from .detect import Candidate, find_candidates
from .draft import Draft, _depth_penalty, _event_time, _span
from .endings import OWN_ENDING_TYPES, _ended_by
from .lexicon import Trigger
from .modality import ModalityResult, decide, negating_phrase_heads
from .noun_arguments import noun_arguments
from .place_time import place_for, time_for
from .verb_arguments import verb_arguments
from .verb_sides import (FORCE_NOUNS, MODAL_KEY, TOPIC_PREPS, _modal_demands, _more_verb_sides, _prep_targets,
                         _reporting_subjects)


def _lifted_by_its_own_trigger(cand: Candidate, trigger_ids: dict, lex) -> bool:
    """A noun event ("state of emergency", "ban", "sanctions") that is the object of an ending or easing
    verb coded as an event of its own ("will lift the state of emergency", "ended the curfew"): the verb's
    event is the news; the noun's own event would be coded again, with the verb's modality."""
    tok = cand.token
    if cand.kind != "noun" or tok.dep_ != "dobj":
        return False
    verb = tok.head
    ender = trigger_ids.get(verb.i)
    return ender is not None and ender is not cand and (
        verb.lemma_.lower() in lex.cue_set("ending", "easing_verbs") or verb.lemma_.lower() in lex.cue_set("ending", "verbs"))


def _prevented(noun, plover: str, sources: list, mod: ModalityResult, lex) -> tuple[list, ModalityResult, str]:
    """ "Police foiled an attack on the embassy", "troops repelled an assault by the rebels": the subject
    of a verb of preventing did not do the event its object names. Only a doer named on the noun (its
    owner or "by" phrase) stays; a negating preventer ("foiled", "prevented") negates the event.
    Returns the sources, the modality and a note for the reason ("" when no rule applied)."""
    verb = noun.head
    if noun.dep_ != "dobj":
        return sources, mod, ""
    lemma = verb.lemma_.lower()
    stopped = lemma in ("stop", "halt") and plover in OWN_ENDING_TYPES and not any(c.dep_ == "poss" for c in noun.children)
    if not stopped and lemma not in lex.cue_set("prevention_verbs"):
        return sources, mod, ""
    # "police stopped the attack": whose attack is not said ("stopped its attack" is the doer's own
    # ending, endings.py); the stopper is not taken for the attacker
    subjects = {c.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")}
    kept = [a for a in sources if a.head.i not in subjects]
    if not stopped and mod.modality == "asserted" and lemma in lex.cue_set("modality", "negating_verbs"):
        mod = ModalityResult("negated", verb, f"prevented by {verb.text!r}", verb)
    return kept, mod, f"; the subject of {verb.text!r} is not taken for the doer"


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
        if _lifted_by_its_own_trigger(cand, trigger_ids, lex):
            continue   # "will lift the state of emergency": the lifting codes it; no second, future emergency
        prevented_note = ""
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
        elif cand.kind == "verb" and tok.lemma_.lower() in lex.cue_set("victim_verbs"):
            # "three soldiers died in clashes": the dead are targets; "he died at home" is no event
            if not (entry.conditional or cand.conditioned):
                continue
            sources = []
            targets = [a for c in tok.children if c.dep_ == "nsubj" for a in _split_arg(c, "who died")]
        elif cand.kind == "verb":
            sources, targets = verb_arguments(tok, lex)
            if tok.lemma_.lower() in lex.cue_set("undergoing_light_verbs"):
                # "the doctor is facing a charge" (a sense of its own): the subject undergoes it
                targets = [a for a in sources if a.via.startswith("nsubj")] + targets
                sources = [a for a in sources if not a.via.startswith("nsubj")]
            if entry.preps:
                sources, targets = _prep_targets(tok, entry, sources, targets)
            sources, targets = _more_verb_sides(tok, entry, sources, targets, lex)
        else:
            sources, targets = noun_arguments(tok, cand.anchor, lex)
            sources, mod, prevented_note = _prevented(tok, plover, sources, mod, lex)
        targets = [a for a in targets if a.head.i not in trigger_ids or a.head is tok]
        if plover in ("MOBILIZE", "AID") and cand.kind == "verb":
            # "massed 100,000 troops", "deployed peacekeepers": the force moved is no target
            targets = [a for a in targets if not (a.via == "dobj" and a.head.lemma_.lower() in FORCE_NOUNS)]
        if plover == "SUPPORT" and sources and all(
                a.head.lemma_.lower() in lex.cue_set("equipment_nouns") for a in sources):
            continue   # "troops, backed by tanks and helicopters": equipment supports no one
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
        reason += prevented_note
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
