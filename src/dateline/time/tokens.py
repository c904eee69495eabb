"""Token classes: each spaCy token becomes one character code (see lexicon.yaml).

The grammar (grammar.yaml) is a set of regular expressions over the string of
these codes, so finding time expressions is one short regex pass per document
instead of regexes over the raw text. Digit tokens (years, days, clock times,
ordinals like "10th", decades like "1990s") are classified here in code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

import yaml

HERE = Path(__file__).resolve().parent
OTHER = "_"

_CLOCK = re.compile(r"^(\d{1,2})(?::(\d{2}))?(a\.?m\.?|p\.?m\.?)?$", re.I)
_ORDINAL = re.compile(r"^(\d{1,2})(st|nd|rd|th)$", re.I)
_DECADE = re.compile(r"^(\d{2}|\d{4})'?s$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_SLASH_YMD = re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$")
_SLASH_MDY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})$")
_GROUPED = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$")


@dataclass(frozen=True)
class Lexicon:
    words: dict[str, tuple[str, Any]]
    mod_words: dict[tuple[str, ...], str]
    future_heads: frozenset[str]
    reporting_verbs: frozenset[str]
    postpone_verbs: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Load lexicon.yaml once per process (a few milliseconds)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load((HERE / "lexicon.yaml").read_text(encoding="utf-8"), Loader=loader)
    words: dict[str, tuple[str, Any]] = {}
    for section in data.values():
        if isinstance(section, dict) and "class" in section:
            for word, value in section["words"].items():
                words[str(word)] = (section["class"], value)
    mods = {tuple(k.split()): v for k, v in data.get("mod_words", {}).items()}
    return Lexicon(words, mods, frozenset(data.get("future_heads", ())),
                   frozenset(data.get("reporting_verbs", ())), frozenset(data.get("postpone_verbs", ())))


def _next_is_name(tok, lex: Lexicon) -> bool:
    if tok.i + 1 >= len(tok.doc):
        return False
    nxt = tok.doc[tok.i + 1]
    return nxt.tag_ in ("NNP", "NNPS") and nxt.text[:1].isupper() and nxt.lower_ not in lex.words


def _is_ascii_digit(ch: str) -> bool:
    return ch.isascii() and ch.isdigit()


def classify_digits(text: str) -> tuple[str, Any]:
    """Class of a token that starts with a digit."""
    if text.isascii() and text.isdigit():  # not "²" or "٣", which str.isdigit() also accepts
        v = int(text)
        if len(text) == 4 and 1000 <= v <= 2199:
            return "Y", v
        if len(text) <= 2 and 1 <= v <= 31:
            return "n", v
        return "N", v
    m = _ORDINAL.match(text)
    if m:
        return "o", int(m.group(1))
    m = _DECADE.match(text)
    if m:
        digits = m.group(1)
        if len(digits) == 2:
            digits = ("20" if int(digits) < 30 else "19") + digits  # "'90s" -> 1990s, "'00s" -> 2000s
        return "d", digits[:3]
    m = _ISO.match(text) or _SLASH_YMD.match(text)
    if m:
        return "I", (int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = _SLASH_MDY.match(text)
    if m:
        year = int(m.group(3))
        if year < 100:
            year += 2000 if year < 50 else 1900
        return "I", (year, int(m.group(1)), int(m.group(2)))
    m = _CLOCK.match(text)
    if m and (m.group(2) is not None or m.group(3)):
        hour, minute = int(m.group(1)), int(m.group(2) or 0)
        if m.group(3) and m.group(3).lower().startswith("p") and hour < 12:
            hour += 12
        if hour <= 24 and minute < 60:
            return "C", f"{hour:02d}:{minute:02d}"
    if _GROUPED.match(text):
        return "N", None
    return OTHER, None


_CLOSING = frozenset({"''", "-RRB-"})  # a closing quote or bracket after the full stop ends the sentence too


def _ends_sentence(doc, i: int) -> bool:
    """Whether a sentence ends after token ``i`` by the tags alone: sentence-final punctuation (Penn
    tag ".", with any closing quotes or brackets after it) or a line break."""
    tok = doc[i]
    if tok.is_space:
        return "\n" in tok.text
    if i + 1 < len(doc) and doc[i + 1].tag_ in _CLOSING:
        return False
    while i >= 0 and doc[i].tag_ in _CLOSING:
        i -= 1
    return i >= 0 and doc[i].tag_ == "."


def starts_sentence(tok) -> bool:
    """``tok.is_sent_start`` where a component set sentences, else read from the tags (:func:`sentence_bounds`)."""
    known = tok.is_sent_start
    if known is not None:
        return known
    return tok.i == 0 or _ends_sentence(tok.doc, tok.i - 1)


def sentence_bounds(doc) -> list[tuple[int, int]]:
    """Token bounds of the sentences: spaCy's when a component set them (the parser, senter), else
    from the tags. The time stage needs no more: its sentences bound the clause search and "the year
    given earlier in the sentence", so a run of the stage alone loads no sentence component."""
    if doc.has_annotation("SENT_START"):
        return [(s.start, s.end) for s in doc.sents]
    from spacy.attrs import IS_SPACE, TAG

    # one array read, then only the few candidate tokens as Token objects
    strings = doc.vocab.strings
    ends = {strings.add(t) for t in (".", *_CLOSING)}
    bounds = []
    start = 0
    for i, (t, space) in enumerate(doc.to_array([TAG, IS_SPACE]).tolist()):
        if (t in ends or space) and _ends_sentence(doc, i):
            bounds.append((start, i + 1))
            start = i + 1
    if start < len(doc):
        bounds.append((start, len(doc)))
    return bounds


def classify(tok, lex: Lexicon) -> tuple[str, Any]:
    """(class code, value) of one spaCy token."""
    text = tok.text
    if not text:
        return OTHER, None
    hit = lex.words.get(tok.lower_)
    if hit is not None:
        cls = hit[0]
        if cls in "MWm":  # month and weekday names are capitalised in edited news
            if not text[0].isupper() or (tok.lower_ == "may" and tok.tag_ == "MD"):
                return OTHER, None
            if cls == "W" and _next_is_name(tok, lex):  # "The Sunday Times", "Tuesday Group"
                return OTHER, None
        elif cls == "S":
            if tok.lower_ == "fall" and not tok.tag_.startswith("NN"):
                return OTHER, None
            if tok.lower_ == "fall" and tok.i + 2 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "of" \
                    and not _is_ascii_digit(tok.doc[tok.i + 2].text[:1]):
                return OTHER, None  # "the fall of Aleppo" is an event, "the fall of 2017" a season
            # "the Arab Spring", "Prague Spring": a capitalised season after a name is a name
            if text[0].isupper() and tok.i > 0 and not starts_sentence(tok):
                prev = tok.doc[tok.i - 1]
                if prev.text[:1].isupper() and prev.lower_ not in lex.words:
                    return OTHER, None
        return hit
    c0 = text[0]
    if c0.isascii() and c0.isdigit():
        return classify_digits(text)
    head, _, rest = text.partition("-")
    if _is_ascii_digit(rest[:1]) and head.lower() in _PREFIX_MODS:  # "mid-1980s", "late-2017" as one token
        cls, val = classify_digits(rest)
        return (cls, val) if cls in "Yd" else (OTHER, None)
    if text in ("-", "–", "—") or tok.tag_ == "HYPH":
        return "-", None
    if text == ",":
        return ",", None
    if text in ("'", "’", "‘"):
        return "q", None
    return OTHER, None


_PUNCT = frozenset(("-", "–", "—", ",", "'", "’", "‘"))
# lower-case text hash -> True when the token may belong to a class (lexicon word, digits, punctuation
# the grammar uses); per process, so each distinct word is looked at once
_MAYBE: dict[int, bool] = {}


# a prefix glued to a year or decade ("mid-1980s") and the TimeML mod it sets
_PREFIX_MODS = {"mid": "MID", "early": "START", "late": "END"}


def prefix_mod(text: str) -> Optional[str]:
    head, _, rest = text.partition("-")
    return _PREFIX_MODS.get(head.lower()) if _is_ascii_digit(rest[:1]) else None


def _may_have_class(text: str, words: dict) -> bool:
    return text in words or _is_ascii_digit(text[:1]) or text in _PUNCT or prefix_mod(text) is not None


def classify_doc(doc, lex: Optional[Lexicon] = None) -> tuple[str, list]:
    """The class string of a Doc (one character per token) and the token values."""
    from spacy.attrs import LOWER

    lex = lex or lexicon()
    n = len(doc)
    if n == 0:
        return "", []
    codes = [OTHER] * n
    values: list = [None] * n
    words = lex.words
    strings = doc.vocab.strings
    maybe = _MAYBE
    # one array read instead of a Token object per word: most words are in no class
    for i, h in enumerate(doc.to_array([LOWER]).tolist()):
        hit = maybe.get(h)
        if hit is None:
            hit = maybe[h] = _may_have_class(strings[h], words)
        if hit:
            codes[i], values[i] = classify(doc[i], lex)
    return "".join(codes), values
