"""Rules that read a sentence's drafts together: a cooperation beside a fight, targets inherited from
governed events, ranking below a governor, orders carried out, calls to unite against someone, and
the counts and sizes attached to the nearest fitting event."""

from __future__ import annotations

from ..model import Quantity
from .arguments import _split as _split_arg
from .arguments import PERSONAL_PRONOUNS, is_agent_like
from .draft import Draft
from .noun_arguments import HELP_NOUNS
from .owners import PATIENT_JUDGING_TYPES, owner_args
from .quantities import sentence_counts, size_of
from .verb_sides import FORCE_NOUNS

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
    how = "an 'alongside' phrase" if allies else "'with the ... of' phrase"
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
        if d.cand.kind == "verb" and d.cand.token.lemma_.lower() in lex.cue_set("topic_verbs"):
            continue   # "discussed the Syria crisis", "discussed plans to free the city": topics, not partners
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
            judging = d.type in PATIENT_JUDGING_TYPES
            for thing in dict.fromkeys(things):
                if not is_agent_like(thing, lex):
                    d.targets.extend(owner_args(thing, patient_of=judging))
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
