"""Find time expressions in a parsed Doc and resolve them in reading order.

``tag(doc, dct)`` is the whole tagger: token classes (tokens.py), the grammar's
matches over the class string (grammar.yaml), filters for numbers that are not
dates, then ``interpret`` (normalize.py) span by span, carrying the last mentioned
date forward for "two days later". ``resolve_spans`` does the second half only, for
spans found elsewhere (gold spans in the evaluation).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

import yaml

from . import calendar as cal
from .normalize import Anchor, Context, Item, Resolved, interpret
from .tense import Tense, tense_from_tags, tense_of
from .tokens import HERE, Lexicon, classify_doc, lexicon, sentence_bounds

# "in 2009 and 2010 ..." : after these words a four-digit number is a year even before a plural noun
_YEAR_PREPOSITIONS = {"in", "since", "until", "till", "by", "during", "before", "after", "through"}


@dataclass
class Found:
    start: int  # character offsets into the text
    end: int
    text: str
    tok_start: int
    tok_end: int
    pattern: str
    resolved: Resolved


@lru_cache(maxsize=1)
def grammar() -> list[tuple[str, re.Pattern]]:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load((HERE / "grammar.yaml").read_text(encoding="utf-8"), Loader=loader)
    return [(name, re.compile(rx)) for name, rx in data["patterns"].items()]


# Every match holds one of these classes ("the", "a", "of" or a comma alone never make a time)
_TRIGGERS = re.compile(r"[MmWSUYodICKZkPs]|EL|[nN]c")
# stretches of classed tokens; one "_" may sit inside ("1957 and 58"), two end a stretch
_ISLANDS = re.compile(r"[^_]+(?:_[^_]+)*")


def find_spans(doc, codes: str) -> list[tuple[int, int, str]]:
    """Token spans (start, end exclusive, pattern) of the grammar's matches; longest wins."""
    matches = []
    patterns = grammar()
    for island in _ISLANDS.finditer(codes):
        text = island.group()
        if not _TRIGGERS.search(text):
            continue
        base = island.start()
        for order, (name, rx) in enumerate(patterns):
            for m in rx.finditer(text):
                if m.end() > m.start():
                    matches.append((m.end() - m.start(), order, base + m.start(), base + m.end(), name))
    matches.sort(key=lambda t: (-t[0], t[1], t[2]))
    taken = bytearray(len(codes))
    spans = []
    for _, _, s, e, name in matches:
        if any(taken[s:e]):
            continue
        spans.append((s, e, name))
        for i in range(s, e):
            taken[i] = 1
    spans.sort()
    return spans


def _counts_a_plural(doc, tok, prev, parsed: bool) -> bool:
    """"2000 troops": the number modifies a plural noun after it, with no determiner before the number
    ("the 2000 elections" is a year). From the parse when there is one, else from the tags: the plural
    noun follows, directly or after one adjective ("1500 armed fighters")."""
    if parsed:
        return tok.dep_ == "nummod" and tok.head.tag_ == "NNS" and tok.head.i > tok.i \
            and not any(c.dep_ in ("det", "poss") and c.i < tok.i for c in tok.head.children)
    if prev is not None and prev.tag_ in ("DT", "PDT", "PRP$", "POS"):
        return False
    n = len(doc)
    nxt = doc[tok.i + 1] if tok.i + 1 < n else None
    if nxt is not None and nxt.tag_.startswith("JJ") and tok.i + 2 < n:
        nxt = doc[tok.i + 2]
    return nxt is not None and nxt.tag_ == "NNS"


def _keep(doc, codes: str, s: int, e: int, parsed: bool = True) -> Optional[tuple[int, int]]:
    """Filters for matches that are not time expressions; may trim the span. None drops it."""
    # trailing comma or hyphen never belongs to the expression
    while e > s and codes[e - 1] in ",-":
        e -= 1
    while s < e and codes[s] in ",-":
        s += 1
    # "after this year's blows": "before"/"after" open a phrase; only "earlier"/"later" belong to it
    if codes[s] == "R" and doc[s].lower_ in ("before", "after"):
        s += 1
    if e <= s:
        return None
    last = doc[e - 1]
    nxt = doc[e] if e < len(doc) else None
    # "two days after the attack": the span is "two days" (a duration), the rest is an event
    if codes[e - 1] == "R" and last.lower_ in ("before", "after") and nxt is not None and not nxt.is_punct:
        e -= 1
        nxt = doc[e]
    # "a 22-year-old man", "children 6 months and older": an age, not a duration
    if "U" in codes[s:e] and nxt is not None:
        after = doc[e + 1] if nxt.text in ("-", "–") and e + 1 < len(doc) else nxt
        if after.lower_ in ("old", "olds"):
            return None
        if nxt.lower_ in ("and", "or") and e + 1 < len(doc) and doc[e + 1].lower_ in ("older", "younger", "over", "under"):
            return None
    span_codes = codes[s:e]
    if span_codes == "Y":
        tok = doc[s]
        # "2000 troops", "1500 fighters": a count of a plural noun, not a year
        prev = doc[s - 1] if s > 0 else None
        if _counts_a_plural(doc, tok, prev, parsed) and not (prev is not None and prev.lower_ in _YEAR_PREPOSITIONS):
            return None
        if prev is not None and prev.text in ("$", "€", "£", "#", "No.", "no."):
            return None
        # "Resolution 2118", "Flight 1549": a number that names something
        if prev is not None and prev.tag_.startswith("NN") and prev.text[:1].isupper() and codes[s - 1] == "_":
            return None
        if nxt is not None and (nxt.text in ("%", "km", "m", "kg") or nxt.lower_ in ("percent", "per")):
            return None
    if span_codes in ("n", "N", "qn", "qN"):
        if nxt is not None and nxt.tag_.startswith("NN"):
            return None  # "1990 and 12 soldiers"
    return s, e


def _tense_fn(doc, s: int, e: int, lex: Lexicon, parsed: bool, sent: tuple[int, int], groups: dict):
    cache: list[Tense] = []

    def get() -> Tense:
        if not cache:
            if parsed:
                cache.append(tense_of(doc[s:e].root, lex))
            else:  # no parser loaded (the time stage alone): the verb group of the clause, from tags
                cache.append(tense_from_tags(doc, s, e, lex, *sent, cache=groups))
        return cache[0]

    return get


def _mod_before(doc, s: int, lex: Lexicon) -> Optional[str]:
    if s == 0:
        return None
    one = doc[s - 1].lower_
    if s >= 2:
        two = (doc[s - 2].lower_, one)
        if two in lex.mod_words:
            return lex.mod_words[two]
    return lex.mod_words.get((one,))


def resolve_token_spans(doc, spans: list[tuple[int, int, str]], dct: Optional[dt.date], codes: str,
                        values: list, lex: Optional[Lexicon] = None, trim: bool = True) -> list[Found]:
    """Interpret token spans in reading order, carrying the last mentioned date forward."""
    lex = lex or lexicon()
    ctx = Context(dct=dct)
    out: list[Found] = []
    sent_start, sent_end = 0, -1
    parsed = doc.has_annotation("DEP")
    sentences = iter(sentence_bounds(doc)) if spans else iter(())
    groups: dict = {}  # verb groups by sentence, for the tense read from tags
    for s, e, name in spans:
        if trim:
            kept = _keep(doc, codes, s, e, parsed)
            if kept is None:
                continue
            s, e = kept
        while s >= sent_end:  # spans are visited in order, so one walk through the sentences
            sent_start, sent_end = next(sentences, (sent_end, len(doc)))
        ctx.sent_start = sent_start
        items = [Item(doc[i], codes[i], values[i]) for i in range(s, e)]
        res = interpret(items, ctx, _tense_fn(doc, s, e, lex, parsed, (sent_start, sent_end), groups))
        if res is None:
            continue
        if res.mod is None and res.type in ("DURATION", "DATE"):
            res.mod = _mod_before(doc, s, lex)  # "more than a week": the words stay outside the span
        span = doc[s:e]
        out.append(Found(span.start_char, span.end_char, span.text, s, e, name, res))
        _remember(ctx, res, sent_start, codes[s:e])
    return out


def _remember(ctx: Context, res: Resolved, sent_start: int, span_codes: str) -> None:
    """Keep a concrete DATE/TIME as the anchor of later "two days later" and "the year"."""
    if res.type not in ("DATE", "TIME") or not res.value or res.value.endswith("_REF") or "X" in res.value:
        return
    start, _, gran = cal.bounds(res.value)
    if start is None or gran in ("decade", "century", None):
        return
    ctx.previous = Anchor(res.value, start, gran, sent_start, "Y" in span_codes or "I" in span_codes)


def tag(doc, dct: Optional[dt.date]) -> list[Found]:
    """All time expressions of a Doc, resolved against the publication date ``dct``."""
    lex = lexicon()
    codes, values = classify_doc(doc, lex)
    spans = find_spans(doc, codes)
    return resolve_token_spans(doc, spans, dct, codes, values, lex)


def resolve_spans(doc, char_spans: list[tuple[int, int]], dct: Optional[dt.date]) -> list[Optional[Found]]:
    """Interpret given character spans (e.g. gold TIMEX3 extents), in order; None where no reading."""
    lex = lexicon()
    codes, values = classify_doc(doc, lex)
    token_spans = []
    index = []
    for k, (cs, ce) in enumerate(char_spans):
        span = doc.char_span(cs, ce, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        token_spans.append((span.start, span.end, "given"))
        index.append(k)
    found = resolve_token_spans(doc, token_spans, dct, codes, values, lex, trim=False)
    out: list[Optional[Found]] = [None] * len(char_spans)
    by_tok = {(f.tok_start, f.tok_end): f for f in found}
    for k, (s, e, _) in zip(index, token_spans):
        out[k] = by_tok.get((s, e))
    return out
