"""Events another verb ends: "suspended their protests", "stopped shelling the city"."""

from __future__ import annotations

from .detect import Candidate

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
