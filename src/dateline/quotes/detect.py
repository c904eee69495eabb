"""Finding attributions (source + cue + content) in a parsed spaCy Doc.

Spans follow the PolNeAR guidelines: the content of an indirect statement
includes its "that" and leaves out the sentence's final full stop; a direct
quote's content runs from its opening to its closing quotation mark; the
recipient ("told reporters") is left out; a colon that introduces speech is
part of the cue; only the outermost attribution is kept (a cue inside another
statement's content is not a second attribution). A quote interrupted by its
cue ("A," she said, "B.") or continued in the next sentence or paragraph has
several content parts.

Everything here works on character offsets and token indices only; it never
looks at actors, so spans are found even when the actors stage found none.

This module runs the rules over the cue candidates in text order and combines what they find; the rules
live beside it, one construction or concern a module:
- common.py: the Found record, the Doc with its quotation lookups, the cue's verb group;
- boundaries.py: content boundaries (trimming, quotation marks, trailing comments, cue and source cut out);
- source.py: a cue verb's source; verb_content.py: what a reporting verb's complements say;
- verbs.py: reporting-verb attributions; adjectives.py and nouns.py: attitude adjectives and cue nouns;
- framing.py: "according to", poll phrases and hearsay adverbs;
- colons.py: a colon before a quotation and "Name: statement" lines;
- direct.py: quotations next to a cue, continuations and the kind;
- outermost.py: only outermost attributions are kept.
Other constructions: conjoined.py, noun_copula.py, relative.py.
"""

from __future__ import annotations

import functools
from typing import Optional

from .adjectives import _adjective_attribution
from .colons import _colon_attribution, _label_colons
from .common import Found, _Doc
from .direct import _continuations, _kind
from .framing import HEARSAY_ADVERBS, _according_to, _hearsay_adverb, _survey_phrase
from .lexicon import cues
from .noun_copula import STATEMENT_NOUNS
from .nouns import _noun_attribution, _noun_copula
from .outermost import _outermost
from .verbs import _verb_attribution

SCORES = {"speech": 0.85, "thought": 0.7, "intent": 0.7, "stance": 0.65, "evidence": 0.6}


@functools.lru_cache(maxsize=8)
def _cue_hashes(vocab, n_entries: int) -> frozenset:
    """Hashes of the cue lemmas (and of "according") in a vocab's string store."""
    strings = vocab.strings
    return frozenset(strings.add(w) for w in {lemma for lemma, _ in cues()} | {"according", "in"} | HEARSAY_ADVERBS |
                     STATEMENT_NOUNS)


def _candidate_indices(doc, lex) -> list[int]:
    """Token indices whose lemma or form may be a cue; one array read instead of a Python loop over tokens."""
    if len(doc) == 0:
        return []
    from spacy.attrs import LEMMA, LOWER

    wanted = _cue_hashes(doc.vocab, len(lex))
    arr = doc.to_array([LEMMA, LOWER])
    return [i for i, (lemma, lower) in enumerate(arr.tolist()) if lemma in wanted or lower in wanted]


def find_attributions(doc, text: Optional[str] = None) -> list[Found]:
    """Compute: every outermost attribution of the Doc (whose text is ``text``), in text order."""
    d = _Doc(doc, text)
    lex = cues()
    found: list[Found] = []
    for i in _candidate_indices(doc, lex):
        tok = doc[i]
        pos = tok.pos_
        qi = d.quote_at(tok.idx)
        if qi is not None and d.speechy[qi]:
            continue  # a cue inside a quotation is part of what was said
        if tok.lower_ == "in":
            f = _survey_phrase(d, tok)
            if f is not None:
                found.append(f)
            continue
        if tok.lower_ == "according":
            f = _according_to(d, tok)
            if f is not None:
                found.append(f)
            continue
        if tok.lower_ in HEARSAY_ADVERBS:
            f = _hearsay_adverb(d, tok)
            if f is not None:
                found.append(f)
            continue
        if pos not in ("VERB", "NOUN", "ADJ"):
            continue
        if pos == "NOUN" and tok.dep_ == "nsubj" and tok.lemma_.lower() in STATEMENT_NOUNS:
            f = _noun_copula(d, tok)
            if f is not None:
                found.append(f)
                continue
        entry = lex.get((tok.lemma_.lower(), pos))
        if entry is None:
            continue
        if pos == "VERB":
            f = _verb_attribution(d, tok, entry)
        elif pos == "ADJ":
            f = _adjective_attribution(d, tok, entry)
        else:
            f = _noun_attribution(d, tok, entry)
        if f is not None:
            found.append(f)
    claimed = set()
    for f in found:
        for s, e in f.parts:
            qi = d.quote_at(s)
            if qi is not None:
                claimed.add(qi)
    for qi in range(len(d.quotes)):
        if qi not in claimed and d.speechy[qi]:
            f = _colon_attribution(d, qi)
            if f is not None:
                found.append(f)
    found.extend(_label_colons(d))
    found.sort(key=lambda f: f.cue[0])
    found = _outermost(found, d.text)
    _continuations(d, found)
    for f in found:
        f.kind = _kind(d, f)
        f.score = round(SCORES.get(f.cls, 0.6) + (0.1 if f.kind == "direct" else 0.0), 2)
    return found
