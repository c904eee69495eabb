"""Deciding an event's modality from the parse, with the cue word kept as evidence.

Order of precedence (the first that applies wins):
1. negated: a `neg` dependent or "no" on the trigger or its clause verb, a negating governor
   ("denied", "refused to", "ruled out"), or a negating phrase on the clause ("is out of the question");
2. hypothetical: the clause is conditional ("if", "unless") or carries "could/might/may", or "would"
   outside reported speech, or the noun is qualified as possible ("a possible war", "any operation");
3. threatened / demanded / future: the event is the complement of a threat ("threatened to shell",
   "the threat of an attack"), of a demand ("called on X to withdraw", "calls for a truce"), or of a
   plan or promise ("plans to", "agreed to", "is willing to");
4. demanded by a modal ("X must withdraw"), future by a modal ("will", "shall", "would" in reported
   speech) or a qualifier ("the planned offensive");
5. asserted.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from .lexicon import Lexicon

# a negating verb negates its complement and object, not an adverbial clause beside it
# ("suspended its work after two staff were killed": the killing happened)
NEGATION_DEPS = {"xcomp", "ccomp", "dobj", "pobj", "prep", "attr", "nsubjpass", "pcomp", "csubj"}
GOVERNOR_DEPS = {"xcomp", "ccomp", "dobj", "pobj", "prep", "acl", "advcl", "attr", "nsubjpass", "pcomp", "csubj"}


@dataclass
class ModalityResult:
    modality: str
    cue: Optional[object]       # token (or span) carrying the cue
    via: str                    # short reason
    governor: Optional[object] = None   # the governing cue word for threat/demand/future


def clause_verb(tok, max_hops: int = 4):
    """The verb of the clause a token sits in (the token itself when it is a verb)."""
    cur = tok
    for _ in range(max_hops):
        if cur.pos_ in ("VERB", "AUX") or cur.dep_ == "ROOT":
            return cur
        if cur.head is cur:
            return cur
        cur = cur.head
    return cur


def _neg_child(tok, lex: Lexicon):
    words = lex.cue_set("modality", "negation_words")
    for c in tok.children:
        if c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no"):
            return c
        if c.dep_ in ("advmod", "preconj", "cc") and c.lower_ in ("never", "neither", "nor") and c.lower_ in words:
            return c
    return None


def _aux(tok):
    return [c for c in tok.children if c.dep_ in ("aux", "auxpass")]


def _is_reported(verb, lex: Lexicon) -> bool:
    cur = verb
    for _ in range(3):
        if cur.dep_ in ("ccomp", "parataxis") or (cur.dep_ == "conj" and cur.head.dep_ == "ccomp"):
            head = cur.head
            if head.lemma_.lower() in lex.cue_set("reporting_verbs") | lex.cue_set("modality", "threat_verbs"):
                return True
        if cur.head is cur:
            break
        cur = cur.head
    return False


def _foreseen(warn, event, lex: Lexicon) -> bool:
    """ "The UN warned of new attacks": the event is what a warning foresees, not what the warner threatens
    (unless it names the warner's own answer: "warned of a crushing response")."""
    from .senses import warned_of

    objs = warned_of(warn, lex)
    return event in objs and event.lemma_.lower() not in lex.cue_set("warn_of", "response_nouns")


def _governor_chain(anchor, max_hops: int = 4, deps=None):
    """Tokens above the anchor through complement, object and preposition links."""
    deps = deps or GOVERNOR_DEPS
    cur = anchor
    for _ in range(max_hops):
        if cur.dep_ == "conj":
            cur = cur.head
            continue
        if cur.dep_ not in deps or cur.head is cur:
            return
        cur = cur.head
        yield cur


def negating_phrase_heads(sent, lex: Lexicon, text: str | None = None) -> dict[int, object]:
    """Clause verbs (by token index) that carry a negating phrase such as "out of the question".
    ``text`` is the sentence's text in lower case (from the article, cheaper than ``sent.text``)."""
    text = text if text is not None else sent.text.lower()
    out: dict[int, object] = {}
    for phrase in lex.cue_set("modality", "negating_phrases"):
        start = text.find(phrase)
        while start >= 0:
            span = sent.doc.char_span(sent.start_char + start, sent.start_char + start + len(phrase),
                                      alignment_mode="expand")
            if span is not None and len(span):
                out[clause_verb(span[0]).i] = span
            start = text.find(phrase, start + 1)
    return out


def decide(token, anchor, lex: Lexicon, phrase_heads: dict[int, object]) -> ModalityResult:
    verb = clause_verb(anchor)
    own = [token] if token is anchor else [token, anchor]
    if verb not in own:
        own.append(verb)

    # 1. negation
    for tok in own:
        neg = _neg_child(tok, lex)
        if neg is not None:
            return ModalityResult("negated", neg, f"negation {neg.text!r}")
    conditional = _conditional(verb, lex)
    if conditional is not None:
        return conditional
    if verb.i in phrase_heads and (anchor is verb or anchor.dep_ in ("nsubj", "nsubjpass", "csubj")
                                   or anchor.head.i == verb.i or token.head.i == verb.i):
        span = phrase_heads[verb.i]
        return ModalityResult("negated", span, f"negating phrase {span.text!r}")
    if verb.dep_ in ("csubj", "csubjpass") and verb.head.i in phrase_heads:
        span = phrase_heads[verb.head.i]
        return ModalityResult("negated", span, f"negating phrase {span.text!r}")
    negating = lex.cue_set("modality", "negating_verbs")
    for gov in _governor_chain(verb if anchor is not verb and token.dep_ in ("nsubj", "nsubjpass") else anchor,
                               deps=NEGATION_DEPS):
        if gov.lemma_.lower() in negating and gov.pos_ in ("VERB", "NOUN", "ADJ"):
            return ModalityResult("negated", gov, f"negating governor {gov.text!r}", gov)
        if gov.lemma_.lower() in lex.cue_set("reporting_verbs"):
            break

    # 2. hypothetical: modals and qualifiers (conditional clauses were checked above)
    for c in _aux(verb):
        low = c.lower_
        if low in ("could", "might", "may") or (low == "would" and not _is_reported(verb, lex)
                                                  and not _governed_by(verb, lex)):
            return ModalityResult("hypothetical", c, f"modal {c.text!r}")
    if token.pos_ in ("NOUN", "PROPN"):
        for c in token.children:
            if c.dep_ in ("amod", "det") and c.lemma_.lower() in lex.cue_set("modality", "hypothetical_words"):
                return ModalityResult("hypothetical", c, f"qualifier {c.text!r}")

    # 3. governed by a threat, a demand or a plan
    threat_v, threat_n = lex.cue_set("modality", "threat_verbs"), lex.cue_set("modality", "threat_nouns")
    demand_v, demand_n = lex.cue_set("modality", "demand_verbs"), lex.cue_set("modality", "demand_nouns")
    future_v = lex.cue_set("modality", "future_verbs")
    start = anchor if anchor.pos_ in ("VERB", "AUX") else anchor
    for gov in _governor_chain(start):
        lemma = gov.lemma_.lower()
        if gov.pos_ in ("VERB", "AUX"):
            if lemma in threat_v:
                if _foreseen(gov, start, lex):
                    return ModalityResult("hypothetical", gov, f"foreseen by {gov.text!r} (warned of)", gov)
                return ModalityResult("threatened", gov, f"governed by {gov.text!r}", gov)
            if lemma in demand_v:
                return ModalityResult("demanded", gov, f"governed by {gov.text!r}", gov)
            if lemma in future_v:
                return ModalityResult("future", gov, f"governed by {gov.text!r}", gov)
            if lemma in lex.cue_set("reporting_verbs"):
                break
        elif gov.pos_ in ("NOUN", "PROPN"):
            if lemma in threat_n:
                return ModalityResult("threatened", gov, f"governed by {gov.text!r}", gov)
            if lemma in demand_n:
                return ModalityResult("demanded", gov, f"governed by {gov.text!r}", gov)
            if lemma in ("plan", "pledge", "promise", "offer", "proposal", "bid", "readiness", "willingness",
                         "intention", "commitment", "determination"):
                return ModalityResult("future", gov, f"governed by {gov.text!r}", gov)
        elif gov.pos_ == "ADJ" and lemma in future_v:
            return ModalityResult("future", gov, f"governed by {gov.text!r}", gov)

    # 4. modals and qualifiers
    demand_modals = lex.cue_set("modality", "demand_modals")
    future_modals = lex.cue_set("modality", "future_modals")
    # "should have killed", "must have known": a modal of the perfect judges or guesses the past; it
    # demands nothing and asserts nothing
    perfect = any(c.lower_ in ("have", "'ve") for c in _aux(verb)) and verb.tag_ == "VBN"
    for c in _aux(verb):
        low = c.lower_
        if perfect and low in ("must", "should", "ought", "could", "might", "may", "would"):
            return ModalityResult("hypothetical", c, f"modal {c.text!r} with a perfect")
        if low in ("must", "should", "ought") or (low in demand_modals and low == "need"):
            return ModalityResult("demanded", c, f"modal {c.text!r}")
        if low in future_modals or low == "would":
            return ModalityResult("future", c, f"modal {c.text!r}")
    if verb.lower_ in ("must", "need") or any(c.lower_ in ("must",) for c in verb.children if c.dep_ == "aux"):
        return ModalityResult("demanded", verb, f"modal {verb.text!r}")
    if token.pos_ in ("NOUN", "PROPN"):
        for c in token.children:
            if c.dep_ in ("amod", "compound") and c.lemma_.lower() in lex.cue_set("modality", "future_words") \
                    and c.lower_ != "new":
                return ModalityResult("future", c, f"qualifier {c.text!r}")
    return ModalityResult("asserted", None, "no modality cue")


def _conditional(verb, lex: Lexicon) -> Optional[ModalityResult]:
    """The antecedent of a conditional ("if", "unless"), or a conjunct or complement inside it."""
    markers = lex.cue_set("modality", "conditional_markers")
    cur = verb
    for _ in range(3):
        for c in cur.children:
            if c.dep_ == "mark" and c.lower_ in markers:
                return ModalityResult("hypothetical", c, f"conditional {c.text!r}")
        if cur.dep_ not in ("conj", "xcomp") or cur.head is cur:
            break
        cur = cur.head
    return None


def _governed_by(verb, lex: Lexicon) -> bool:
    cues = lex.cue_set("modality", "threat_verbs") | lex.cue_set("modality", "future_verbs")
    return any(g.lemma_.lower() in cues for g in _governor_chain(verb))
