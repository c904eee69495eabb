"""Tense of the verb that governs a time expression, from the spaCy parse or from tags alone.

"Diplomats met on Wednesday" points back from the publication date, "Diplomats will
meet on Wednesday" forward. With a dependency parse we walk from the expression's head
up the tree to the first verb and read its tag and auxiliaries (Penn tags, so this works
without spaCy's attribute_ruler). Without one (a run of the time stage alone loads no
parser: the parse is most of the cost of such a run) :func:`tense_from_tags` finds the
verb group of the expression's clause from Penn tags and reads the same cues from it.
Verb lemmas come from spaCy's lemmatizer when it ran, else from the inflected forms of
the few verbs the rules ask about (:func:`lemma`).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Optional, Sequence

PAST, FUTURE, PRESENT, CONDITIONAL = "past", "future", "present", "conditional"

_FUTURE_AUX = {"will", "'ll", "shall", "wo", "ll"}
_PAST_AUX = {"was", "were", "had", "did"}
_PERFECT_AUX = {"has", "have", "'ve"}
_PROGRESSIVE_AUX = {"is", "are", "am", "'s", "'re", "'m"}
_MODAL_FUTURE = {"can", "may", "might", "could", "should", "must", "ca"}


# Irregular forms of the verbs the rules ask about (the lexicon's verb lists, "be", "go", "have", "do");
# the regular ones are made by _inflect. A lemma is only ever compared with these lists, so other
# verbs need no lemma.
_IRREGULAR = {
    "be": ("is", "are", "am", "was", "were", "been", "being", "'s", "'re", "'m"),
    "have": ("has", "had", "having", "'ve"), "do": ("does", "did", "done", "doing"),
    "go": ("goes", "went", "gone", "going"), "say": ("said",), "tell": ("told",), "write": ("wrote", "written"),
    "seek": ("sought",), "set": ("set",), "put": ("put",), "hold": ("held",), "make": ("made",),
}


def _inflect(verb: str) -> set[str]:
    """Regular -s, -ed and -ing forms of ``verb`` (a final consonant doubled or not: both are kept)."""
    forms = {verb}
    if verb.endswith("y") and verb[-2:-1] not in tuple("aeiou"):
        forms |= {verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing"}
    elif verb.endswith("e"):
        forms |= {verb + "s", verb + "d", verb[:-1] + "ing"}
    else:
        plural = verb + ("es" if verb.endswith(("s", "sh", "ch", "x", "z", "o")) else "s")
        forms |= {plural, verb + "ed", verb + "ing", verb + verb[-1] + "ed", verb + verb[-1] + "ing"}
    return forms


@functools.lru_cache(maxsize=1)
def _verb_forms() -> dict[str, str]:
    from .tokens import lexicon

    lex = lexicon()
    out: dict[str, str] = {}
    for verb in sorted(lex.future_heads | lex.reporting_verbs | lex.postpone_verbs | {"be", "go", "have", "do"}):
        for form in _inflect(verb) | set(_IRREGULAR.get(verb, ())):
            out.setdefault(form, verb)
    return out


def lemma(tok) -> str:
    """The lower-case lemma: spaCy's when its lemmatizer ran, else from the known verbs' forms."""
    if tok.lemma:  # 0 when no lemmatizer ran
        return tok.lemma_.lower()
    low = tok.lower_
    return _verb_forms().get(low, low)


@dataclass(frozen=True)
class Tense:
    label: Optional[str]  # past | future | present | conditional | None (no verb found)
    verb: Optional[str] = None  # the governing verb's text, for the reason
    cue: Optional[str] = None  # the word that decided it ("will", "said", "plans")

    def describe(self) -> str:
        if self.label is None:
            return f"no tense read from {self.verb!r}" if self.verb else "no governing verb"
        if self.verb is None:
            return f"{self.label} ({self.cue!r})"
        cue = f" ({self.cue})" if self.cue and self.cue != self.verb else ""
        return f"{self.label} tense of {self.verb!r}{cue}"


def governing_verb(tok, max_steps: int = 8):
    """The first verb on the path from ``tok`` to the sentence root, or None."""
    t = tok
    for _ in range(max_steps):
        if t.tag_.startswith("VB") and t.dep_ not in ("amod", "compound"):
            return t
        if t.head is t or t.head.i == t.i:
            return None
        t = t.head
    return None


def verb_tense(verb, future_heads: frozenset[str], reporting: frozenset[str], depth: int = 0) -> Tense:
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    lowers = {a.lower_ for a in auxes}
    text = verb.text
    if lowers & _FUTURE_AUX:
        return Tense(FUTURE, text, "will")
    # "going to meet", "plans to meet", "is expected to meet", "agreed to meet"
    if verb.dep_ == "xcomp" and lemma(verb.head) in future_heads:
        return Tense(FUTURE, text, verb.head.text)
    if verb.dep_ == "xcomp" and "to" in lowers and verb.head.tag_ in ("VBZ", "VBP", "VBD") and lemma(verb.head) == "be":
        return Tense(FUTURE, text, f"{verb.head.text} to")  # "the council is to vote on Friday": a plan
    if lemma(verb) in ("go",) and any(c.dep_ == "xcomp" for c in verb.children):
        return Tense(FUTURE, text, "going to")
    if (aux := _auxiliary_tense(verb, lowers, text)) is not None:
        return aux
    if verb.tag_ == "VBN":
        if lowers & _PROGRESSIVE_AUX:  # "is scheduled on Monday": a present passive
            return Tense(FUTURE if lemma(verb) in future_heads else PRESENT, text, text)
        if lemma(verb) in future_heads:  # "the summit, scheduled for March 3": a plan
            return Tense(FUTURE, text, text)
        return Tense(PAST, text, text)  # a reduced relative: "the man killed on Monday"
    if verb.tag_ == "VBG" and lowers & _PROGRESSIVE_AUX:
        return Tense(FUTURE, text, "is " + text)  # "are meeting on Monday" is an arrangement
    if verb.tag_ in ("VBZ", "VBP"):
        if lemma(verb) in reporting:
            return Tense(PAST, text, text)  # "says": reports what happened
        if lemma(verb) == "be":
            return Tense(None, text, text)  # "Friday's attack is the worst": the copula says nothing of when
        return Tense(PRESENT, text, text)
    if verb.tag_ == "VB" and not lowers and verb.dep_ in ("ROOT", "conj") \
            and not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children):
        return Tense(FUTURE, text, "imperative")  # "Call me on Sunday": an imperative asks for later
    if verb.tag_ == "VB" and "to" in lowers and verb.head.tag_.startswith("NN"):
        return Tense(FUTURE, text, "to " + text)  # "a programme to run through June": prospective
    if verb.tag_ == "VB" and "to" in lowers and depth < 2 and verb.head is not verb:
        # an infinitive ("... to meet on Monday") looks ahead of its clause: past only after a simple past
        head = governing_verb(verb.head)
        if head is not None and head is not verb:
            h = verb_tense(head, future_heads, reporting, depth + 1)
            if h.label == PAST and head.tag_ != "VBD":
                return Tense(FUTURE, text, f"to {text} after {head.text!r}")
            return h
    if verb.tag_ == "VBG" and depth < 2 and verb.head is not verb:
        head = governing_verb(verb.head)  # "... on Monday, killing 30": the clause it hangs on
        if head is not None and head is not verb:
            return verb_tense(head, future_heads, reporting, depth + 1)
    return Tense(None, text, None)


def tense_of(span_root, lex) -> Tense:
    """Tense for the expression whose head token is ``span_root``; ``lex`` gives the verb lists."""
    prep = span_root.head if span_root.dep_ == "pobj" else None
    if prep is not None and prep.lower_ == "since":
        return Tense(PAST, None, "since")
    if prep is not None and prep.lower_ in ("until", "till", "to") and lemma(prep.head) in lex.postpone_verbs:
        return Tense(FUTURE, prep.head.text, f"{prep.head.text} {prep.text}")
    verb = governing_verb(span_root)
    if verb is None:
        return Tense(None)
    return verb_tense(verb, lex.future_heads, lex.reporting_verbs)


# --- tags alone: the verb group of the expression's clause -------------------------------------------

_VERB_TAGS = frozenset({"VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "MD"})
_GROUP_TAGS = _VERB_TAGS | {"RB", "TO"}  # "will not meet", "has already left", "plans to meet"
# Clause boundaries: punctuation, coordinating conjunctions, wh-words that open a relative clause ...
_BOUNDARY_TAGS = frozenset({",", ":", "-LRB-", "-RRB-", "``", "''", "NFP", ".", "CC", "WDT", "WP", "WP$", "WRB"})
# ... and the subordinators that open an adverbial or a complement clause (tagged IN)
_SUBORDINATORS = frozenset({"because", "although", "though", "while", "whereas", "if", "unless", "that", "once",
                            "whether"})
# "the planned talks", "a rising toll": a lone participle after these and before a noun is an adjective
_BEFORE_ADJECTIVE = frozenset({"DT", "PDT", "PRP$", "POS", "JJ", "JJR", "JJS", "CD"})


@dataclass(frozen=True)
class _Chain:
    """Verbs of one verb group up to (or from) an infinitive "to": "has been", "to be held"."""

    verbs: tuple  # tokens tagged VB*/MD, in order; the last is the main verb
    to: bool  # an infinitive: "to" opens the chain


@dataclass(frozen=True)
class _Group:
    start: int  # token offsets in the Doc, end exclusive
    end: int
    chains: tuple  # of _Chain; "plans to sign" is two


def _is_boundary(tok) -> bool:
    return tok.tag_ in _BOUNDARY_TAGS or (tok.tag_ == "IN" and tok.lower_ in _SUBORDINATORS)


def verb_groups(doc, start: int, end: int) -> list[_Group]:
    """The verb groups of tokens ``start:end`` (a sentence), from Penn tags."""
    groups: list[_Group] = []
    i = start
    while i < end:
        if doc[i].tag_ not in _GROUP_TAGS:
            i += 1
            continue
        j = i
        while j < end and doc[j].tag_ in _GROUP_TAGS:
            j += 1
        s, e = i, j
        i = j
        while s < e and doc[s].tag_ == "RB":
            s += 1
        while e > s and doc[e - 1].tag_ in ("RB", "TO"):  # "went to Geneva": "to" is a preposition
            e -= 1
        chains: list[_Chain] = []
        verbs: list = []
        to = False
        for k in range(s, e):
            t = doc[k]
            if t.tag_ == "TO":
                if verbs:
                    chains.append(_Chain(tuple(verbs), to))
                verbs, to = [], True
            elif t.tag_ in _VERB_TAGS:
                verbs.append(t)
        if verbs:
            chains.append(_Chain(tuple(verbs), to))
        if not chains:
            continue
        if len(chains) == 1 and len(chains[0].verbs) == 1 and not chains[0].to and chains[0].verbs[0].tag_ in ("VBN", "VBG"):
            v = chains[0].verbs[0]
            if v.i > start and doc[v.i - 1].tag_ in _BEFORE_ADJECTIVE and v.i + 1 < end \
                    and doc[v.i + 1].tag_.startswith(("NN", "JJ")):
                continue  # an adjective, not a verb
        groups.append(_Group(s, e, tuple(chains)))
    return groups


def _clause(doc, s: int, e: int, sent_start: int, sent_end: int) -> tuple[int, int]:
    """Token bounds of the clause around ``s:e``: up to the nearest boundary on either side."""
    left = s
    while left > sent_start and not _is_boundary(doc[left - 1]):
        left -= 1
    right = e
    while right < sent_end and not _is_boundary(doc[right]):
        right += 1
    return left, right


def _chain_tense(doc, groups: list[_Group], g: int, c: int, lex, sent_start: int, depth: int = 0) -> Tense:
    """Tense of chain ``c`` of group ``g``: the rules of :func:`verb_tense`, read from the verb group."""
    group = groups[g]
    chain = group.chains[c]
    verb = chain.verbs[-1]
    lowers = {t.lower_ for t in chain.verbs} if verb.tag_ == "MD" else {t.lower_ for t in chain.verbs[:-1]}
    text = verb.text
    head = group.chains[c - 1].verbs[-1] if c > 0 else None
    if lowers & _FUTURE_AUX:
        return Tense(FUTURE, text, "will")
    if head is not None and (lemma(head) in lex.future_heads or (lemma(head) == "be" and len(group.chains[c - 1].verbs) == 1)):
        return Tense(FUTURE, text, head.text)  # "plans to meet", "going to meet", "agreed to meet", "is to meet"
    if chain.to and c == 0 and group.start > 0 and lemma(doc[group.start - 1]) in lex.future_heads:
        return Tense(FUTURE, text, doc[group.start - 1].text)  # "is due to be published"
    if (aux := _auxiliary_tense(verb, lowers, text)) is not None:
        return aux
    lem = lemma(verb)
    if verb.tag_ == "VBN":
        if lowers & _PROGRESSIVE_AUX:  # "is scheduled on Monday": a present passive
            return Tense(FUTURE if lem in lex.future_heads else PRESENT, text, text)
        if lem in lex.future_heads:  # "the summit, scheduled for March 3": a plan
            return Tense(FUTURE, text, text)
        return Tense(PAST, text, text)  # a reduced relative: "the man killed on Monday"
    if verb.tag_ == "VBG" and lowers & _PROGRESSIVE_AUX:
        return Tense(FUTURE, text, "is " + text)  # "are meeting on Monday" is an arrangement
    if verb.tag_ in ("VBZ", "VBP"):
        if lem in lex.reporting_verbs:
            return Tense(PAST, text, text)  # "says": reports what happened
        if lem == "be":
            return Tense(None, text, text)  # the copula says nothing of when
        return Tense(PRESENT, text, text)
    if verb.tag_ == "VB" and not lowers and not chain.to and c == 0:
        if all(t.is_punct for t in doc[sent_start:group.start]):
            return Tense(FUTURE, text, "imperative")  # "Call me on Sunday": an imperative asks for later
        if g > 0 and depth < 2 and doc[group.start - 1].tag_ == "CC":
            # "will meet and sign the accord on Monday", "managed to cap the well and stop the spill in
            # July": a coordinated bare verb shares the auxiliaries of the verb before it
            return _chain_tense(doc, groups, g - 1, len(groups[g - 1].chains) - 1, lex, sent_start, depth + 1)
    if verb.tag_ == "VB" and chain.to:
        if head is not None:  # "... decided to meet": the chain it hangs on
            h = _chain_tense(doc, groups, g, c - 1, lex, sent_start, depth + 1)
        else:
            before = doc[group.start - 1] if group.start > 0 else None
            if before is not None and before.tag_.startswith("NN"):
                return Tense(FUTURE, text, "to " + text)  # "a programme to run through June": prospective
            if depth >= 2 or g == 0:
                return Tense(None, text, None)
            h = _chain_tense(doc, groups, g - 1, len(groups[g - 1].chains) - 1, lex, sent_start, depth + 1)
            head = groups[g - 1].chains[-1].verbs[-1]
        # an infinitive looks ahead of its clause: past only after a simple past
        if h.label == PAST and head.tag_ != "VBD":
            return Tense(FUTURE, text, f"to {text} after {head.text!r}")
        return h
    if verb.tag_ == "VBG" and not lowers and depth < 2 and (c > 0 or g > 0):
        # "... on Monday, killing 30": the clause it hangs on
        if c > 0:
            return _chain_tense(doc, groups, g, c - 1, lex, sent_start, depth + 1)
        return _chain_tense(doc, groups, g - 1, len(groups[g - 1].chains) - 1, lex, sent_start, depth + 1)
    return Tense(None, text, None)


def tense_from_tags(doc, s: int, e: int, lex, sent_start: int, sent_end: int,
                    cache: Optional[dict] = None) -> Tense:
    """Tense for the expression at tokens ``s:e`` of an unparsed Doc, in the sentence ``sent_start:sent_end``.

    The governing verb group is the nearest one before the expression in its clause, else the
    nearest after it in the clause ("Diplomats on Monday met"), else, for a fronted adjunct, the first
    after the comma that closes it ("... said that on Monday, rebels shelled ..."), else the nearest
    before it in the sentence ("... met on Monday and Tuesday"), else the nearest after it past a comma ("Last week,
    rebels shelled ...")."""
    prev = doc[s - 1] if s > sent_start else None
    if prev is not None and prev.lower_ == "since":
        return Tense(PAST, None, "since")
    if cache is None:
        groups = verb_groups(doc, sent_start, sent_end)
    else:  # one Doc's sentences, each read once however many expressions it holds
        groups = cache.get((sent_start, sent_end))
        if groups is None:
            groups = cache[(sent_start, sent_end)] = verb_groups(doc, sent_start, sent_end)
    if not groups:
        return Tense(None)
    left, right = _clause(doc, s, e, sent_start, sent_end)
    before = [k for k, g in enumerate(groups) if g.end <= s]
    after = [k for k, g in enumerate(groups) if g.start >= e]
    if prev is not None and prev.lower_ in ("until", "till", "to") and before and groups[before[-1]].start >= left:
        verb = groups[before[-1]].chains[-1].verbs[-1]
        if lemma(verb) in lex.postpone_verbs:
            return Tense(FUTURE, verb.text, f"{verb.text} {prev.text}")  # "postponed until Saturday"
    # a clause of its own at the start of the sentence or after "that", "because" ... and closed by a
    # comma is a fronted adjunct: "... reveals that in late April, the office denied ..."
    fronted = right < sent_end and doc[right].tag_ == "," and (
        all(t.is_punct for t in doc[sent_start:left])
        or (doc[left - 1].tag_ == "IN" and doc[left - 1].lower_ in _SUBORDINATORS))
    if before and groups[before[-1]].start >= left:
        k = before[-1]
    elif after and groups[after[0]].end <= right:
        k = after[0]
    elif fronted and after:
        k = after[0]
    elif before:
        k = before[-1]
    elif after and any(t.tag_ == "," for t in doc[e:groups[after[0]].start]):
        k = after[0]  # a fronted adjunct: "Last week, rebels shelled ..."; not a subject ("the downfall in
        # August and now his death will go ...")
    else:
        return Tense(None)
    # "agreed to plead guilty on Thursday": the nearest verb, the infinitive; "on Thursday agreed to
    # plead guilty": the finite verb the expression stands before
    chain = len(groups[k].chains) - 1 if groups[k].end <= s else 0
    return _chain_tense(doc, groups, k, chain, lex, sent_start)


def _auxiliary_tense(verb, lowers: set, text: str) -> Optional["Tense"]:
    """What the auxiliaries and a past form say, read the same way from the parse and from the tags:
    "would" is conditional, a modal that looks ahead (may, could, must, ...) future, a past form or a
    past or perfect auxiliary past."""
    if "would" in lowers:
        return Tense(CONDITIONAL, text, "would")
    if lowers & _MODAL_FUTURE:
        return Tense(FUTURE, text, next(iter(lowers & _MODAL_FUTURE)))
    if verb.tag_ == "VBD" or lowers & _PAST_AUX or lowers & _PERFECT_AUX:
        return Tense(PAST, text, text)
    return None
