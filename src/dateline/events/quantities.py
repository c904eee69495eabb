"""Counts of people killed, injured, arrested, displaced, and crowd or force sizes, with bounds.

Bounds (documented in docs/events.md): "more than 30" -> min 31 (people are counted in whole
numbers), "at least 12" -> min 12, "up to 100" -> max 100, "fewer than 10" -> max 9, "about 2,000"
-> min = max = 2000 (an approximate figure is kept as the figure), a bare number -> min = max,
vague words by the table in cues.yaml ("dozens" -> min 24, "thousands" -> min 2000).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from .lexicon import Lexicon

WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
         "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
         "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
         "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a hundred": 100,
         "dozen": 12, "a dozen": 12, "half a dozen": 6}
SCALE = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}


@dataclass
class Count:
    kind: str
    min: Optional[float]
    max: Optional[float]
    start: int
    end: int
    text: str
    noun: object


def parse_number(tokens) -> Optional[float]:
    """'2,000', '2.5 million', 'thirty', 'five hundred' -> number."""
    value: Optional[float] = None
    for tok in tokens:
        low = tok.lower_.replace(",", "")
        if low in SCALE and value is not None:
            value *= SCALE[low]
            continue
        try:
            num = float(low)
        except ValueError:
            num = WORDS.get(low)
            if num is None:
                continue
        value = num if value is None else value + num
    return value


def _bounds(phrase: str, number: float, lex: Lexicon) -> tuple[Optional[float], Optional[float]]:
    q = lex.cues.get("quantities", {})
    phrase = f" {phrase} "
    def has(key):
        return any(f" {w} " in phrase for w in q.get(key, []))
    whole = float(number).is_integer()
    if has("more_than"):
        return (number + 1 if whole else number), None
    if has("at_least"):
        return number, None
    if has("less_than"):
        return None, (number - 1 if whole else number)
    if has("at_most"):
        return None, number
    return number, number


def _count_of(noun, lex: Lexicon):
    """The number that counts a noun: its nummod (with quantmod words), or 'thousands of X'."""
    vague = lex.cues.get("quantities", {}).get("vague", {})
    nums = [c for c in noun.children if c.dep_ == "nummod"]
    if nums:
        num = nums[0]
        toks = sorted([num] + [c for c in num.subtree if c is not num], key=lambda t: t.i)
        toks = [t for t in toks if t.i < noun.i]
        return toks, num
    # "dozens of civilians", "thousands of protesters": the noun hangs on the vague number
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lower_ in vague | WORDS.keys() | {"tens", "hundreds"}:
        head = noun.head.head
        toks = sorted([t for t in head.subtree if t.i < noun.head.i], key=lambda t: t.i)
        return toks, head
    if noun.lower_ in vague or noun.pos_ == "NUM":
        toks = sorted([t for t in noun.subtree if t.i <= noun.i], key=lambda t: t.i)
        return toks, noun
    return None, None


def measure(tokens, lex: Lexicon) -> tuple[Optional[float], Optional[float], str]:
    vague = lex.cues.get("quantities", {}).get("vague", {})
    text = " ".join(t.lower_ for t in tokens)
    for phrase, (lo, hi) in sorted(vague.items(), key=lambda kv: -len(kv[0])):
        if f" {phrase} " in f" {text} ":
            return (float(lo) if lo is not None else None), (float(hi) if hi is not None else None), text
    number = parse_number(tokens)
    if number is None:
        return None, None, text
    lo, hi = _bounds(text, number, lex)
    return lo, hi, text


def sentence_counts(sent, lex: Lexicon) -> list[Count]:
    """Compute: casualty and arrest counts in a sentence (objects and passive subjects of the verbs in cues.yaml)."""
    q = lex.cues.get("quantities", {})
    verbs, nouns = q.get("verbs", {}), q.get("nouns", {})
    out: list[Count] = []
    for tok in sent:
        kind = None
        heads = []
        if tok.pos_ == "VERB" and tok.lemma_.lower() in verbs:
            kind = verbs[tok.lemma_.lower()]
            intrans = tok.lemma_.lower() in ("die", "perish", "flee")
        elif tok.pos_ == "VERB" and any(c.lower_ == "dead" for c in tok.children):   # "shot dead"
            kind, intrans = "killed", False
        if kind is not None and tok.pos_ == "VERB":
            for c in tok.children:
                if c.dep_ in ("dobj", "nsubjpass") or (intrans and c.dep_ == "nsubj"):
                    heads.append(c)
                    heads.extend(c.conjuncts)
        elif tok.pos_ in ("NOUN", "ADJ") and tok.lemma_.lower() in nouns and tok.dep_ != "compound":
            kind = nouns[tok.lemma_.lower()]
            heads.append(tok)
        for noun in heads:
            toks, num = _count_of(noun, lex)
            if not toks:
                continue
            lo, hi, _ = measure(toks, lex)
            if lo is None and hi is None:
                continue
            span_toks = sorted(set(toks) | {noun}, key=lambda t: t.i)
            start, end = span_toks[0].idx, span_toks[-1].idx + len(span_toks[-1].text)
            out.append(Count(kind, lo, hi, start, end, sent.doc[span_toks[0].i:span_toks[-1].i + 1].text, noun))
    return out


def size_of(arg_head, lex: Lexicon) -> Optional[Count]:
    """The size of an acting crowd or force: "thousands of students", "500 soldiers"."""
    toks, num = _count_of(arg_head, lex)
    if not toks:
        return None
    lo, hi, _ = measure(toks, lex)
    if lo is None and hi is None:
        return None
    span_toks = sorted(set(toks) | {arg_head}, key=lambda t: t.i)
    start, end = span_toks[0].idx, span_toks[-1].idx + len(span_toks[-1].text)
    return Count("size", lo, hi, start, end, arg_head.doc[span_toks[0].i:span_toks[-1].i + 1].text, arg_head)
