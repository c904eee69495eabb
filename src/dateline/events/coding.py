"""Coding decisions that follow the trigger: CAMEO code and root, ACLED type, intent events.

PLOVER codes an intention by the polarity of what is intended: a promise or plan to cooperate is
AGREE, to use force or pressure is THREATEN, a refusal of cooperation REJECT, and "X must do Y" said
by someone is REQUEST. :func:`intent_type` applies that rule to an event whose modality is future,
negated future or demanded when no event word governs it (a bare "will", "is willing to", "must").
"""

from __future__ import annotations

from typing import Optional

from .lexicon import Lexicon, Trigger

# CAMEO codes used for events derived by the intent rule (root 03 intent to cooperate, 13 threaten,
# 12 reject, 10 demand), refined by the intended category where CAMEO has a code for it.
INTENT_CAMEO = {
    ("AGREE", "AID"): "033", ("AGREE", "COOPERATE"): "031", ("AGREE", "CONSULT"): "036",
    ("AGREE", "RETREAT"): "035", ("AGREE", "CONCEDE"): "035", ("AGREE", "SUPPORT"): "032",
    ("THREATEN", "ASSAULT"): "138", ("THREATEN", "COERCE"): "137", ("THREATEN", "SANCTION"): "131",
    ("THREATEN", "PROTEST"): "133", ("THREATEN", "MOBILIZE"): "138",
    ("REJECT", "AID"): "122", ("REJECT", "COOPERATE"): "121", ("REJECT", "CONSULT"): "125",
    ("REJECT", "RETREAT"): "124", ("REJECT", "CONCEDE"): "124", ("REJECT", "SUPPORT"): "120",
}
CIVILIAN_WORDS = {"civilian", "resident", "villager", "people", "child", "woman", "family", "refugee",
                  "worker", "student", "patient", "worshipper", "shopper", "passenger", "farmer", "man"}
PROTESTER_WORDS = {"protester", "demonstrator", "crowd", "marcher", "rally", "protest", "demonstration"}
STATE_SECTORS = {"GOV", "MIL", "POL", "JUD"}


def cameo_for(entry: Trigger, lex: Lexicon) -> tuple[Optional[str], str]:
    """The entry's CAMEO code, checked against the crosswalk; returns (code, note)."""
    code = entry.cameo
    if not code:
        return None, "no CAMEO code in the lexicon entry"
    row = lex.cameo.get(code)
    if row is None:
        return code, "CAMEO code not in the crosswalk"
    return code, ""


def acled_for(plover: str, entry: Trigger, target_heads: list, source_sectors: list[str],
              modality: str) -> tuple[Optional[str], Optional[str]]:
    """ACLED event and sub-event type, refined by who the target and the source are."""
    if modality != "asserted":
        return None, None
    acled = entry.acled
    target_words = {t.lemma_.lower() for t in target_heads}
    if plover == "ASSAULT":
        if target_words & PROTESTER_WORDS:
            return "Protests", "Excessive force against protesters"
        if acled and acled[0] == "Battles" and target_words & CIVILIAN_WORDS:
            return "Violence against civilians", "Attack"
        if acled:
            return acled[0], acled[1]
        return "Battles", "Armed clash"
    if plover == "COERCE" and entry.mode == "seize" and acled and acled[1].endswith("overtakes territory"):
        if set(source_sectors) & STATE_SECTORS:
            return "Battles", "Government regains territory"
        return acled[0], acled[1]
    if plover == "PROTEST" and acled and acled[0] == "Protests" and target_words & {"police", "force"}:
        return "Riots", "Violent demonstration"
    if acled:
        return acled[0], acled[1]
    return None, None


def threat_types(lex: Lexicon) -> frozenset[str]:
    """Categories whose intended use is a threat (cues.yaml intent_derivation.threat_types)."""
    found = lex.cue_set("intent_derivation", "threat_types")
    return frozenset(x.upper() for x in found) or frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "PROTEST", "THREATEN"})


def intent_type(inner: str, modality: str, via_governor_event: bool, lex: Lexicon,
                cue_word: str = "", future_aux: bool = False) -> Optional[str]:
    """The PLOVER category of the expressed intention, or None when no intent event is derived."""
    if via_governor_event:
        return None
    rule = lex.cues.get("intent_derivation", {})
    polarity = lex.polarity(inner)
    if modality == "future" and inner not in ("AGREE", "THREATEN", "REQUEST", "REJECT", "ACCUSE"):
        if polarity == "cooperative":
            return rule.get("cooperative", "AGREE")
        if inner in ("ASSAULT", "COERCE") and cue_word in lex.cue_set("intent_derivation", "preparation_words"):
            return rule.get("prepared_conflictual", "MOBILIZE")
        if polarity == "conflictual" and inner != "MOBILIZE" and inner in threat_types(lex):
            # a planned deployment is no threat by itself; nor is a planned inquiry ("will investigate")
            return rule.get("conflictual", "THREATEN")
    # "will not accept", "failed to reach", "is out of the question"; a plain "did not meet" is no refusal
    plain = cue_word in ("not", "n't", "never", "no", "without", "nor", "neither")
    if modality == "negated" and polarity == "cooperative" and (future_aux or not plain):
        return rule.get("negated_cooperative")
    if modality == "demanded" and cue_word in ("must", "should", "ought", "need") and inner != "REQUEST":
        return rule.get("demanded", "REQUEST")
    return None
