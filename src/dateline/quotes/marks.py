"""Quotation marks: pair them into quoted spans, paragraph by paragraph.

News text mixes curly marks, straight marks, doubled apostrophes ('') and
guillemets, and it is often unbalanced (a lost mark, a quote that runs over
several paragraphs with an opening mark on each new paragraph and no closing
mark until the last). The pairing never fails: a mark it cannot pair is left
out, and a quote still open at the end of a paragraph ends there, flagged
``closed=False`` so the caller can join it to the next paragraph's quote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPENERS = {"“": "”", "„": "”", "«": "»", "‟": "”"}
# Marks whose direction is read from the characters around them.
AMBIGUOUS = ("\"", "''", "``", "″")
_MARK = re.compile(r"''|``|[\"“”„‟«»″]")
_PARA = re.compile(r"\n\s*\n|\n(?=\s*[\"“„«'`])")


@dataclass(frozen=True)
class QuotedSpan:
    """Characters [start, end) including the marks; ``closed`` is False when no closing mark was found."""

    start: int
    end: int
    closed: bool
    para_start: bool  # the opening mark begins its paragraph


def _direction(text: str, i: int, j: int) -> str:
    """'open' or 'close' for an ambiguous mark at text[i:j], from its neighbours."""
    before = text[i - 1] if i > 0 else " "
    after = text[j] if j < len(text) else " "
    if before.isspace() or before in "([{—–-/:":
        return "open"
    if after.isspace() or after in ".,;:!?)]}—–-":
        return "close"
    return "open" if not before.isalnum() else "close"


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph bounds: split at blank lines and at line breaks followed by a quotation mark."""
    out, start = [], 0
    for m in _PARA.finditer(text):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(text)))
    return [(s, e) for s, e in out if e > s]


def quoted_spans(text: str) -> list[QuotedSpan]:
    """Every quoted span of the text, in order; never raises on unbalanced marks."""
    spans: list[QuotedSpan] = []
    for p_start, p_end in paragraphs(text):
        para_first = p_start + (len(text[p_start:p_end]) - len(text[p_start:p_end].lstrip()))
        open_at = -1
        open_ambiguous = False
        for m in _MARK.finditer(text, p_start, p_end):
            mark, i, j = m.group(), m.start(), m.end()
            if mark in AMBIGUOUS:
                kind = "close" if open_at >= 0 and open_ambiguous else _direction(text, i, j)
                if open_at >= 0 and open_ambiguous and _direction(text, i, j) == "open" and \
                        text[i - 1:i].isspace() and not text[j:j + 1].isspace():
                    # Looks like a fresh opening mark: the previous one was left unclosed.
                    kind = "open"
            elif mark in OPENERS:
                kind = "open"
            else:
                kind = "close"
            if kind == "open":
                if open_at >= 0 and not open_ambiguous and mark in AMBIGUOUS:
                    continue  # a straight mark inside a curly quote: a nested quote, left inside
                # Two curly openers in a row: the first was never closed; the quote restarts here.
                open_at, open_ambiguous = i, mark in AMBIGUOUS
            elif open_at >= 0:
                spans.append(QuotedSpan(open_at, j, True, open_at == para_first))
                open_at = -1
            # A closing mark with nothing open is a lost mark: left out.
        if open_at >= 0:
            end = p_end
            while end > open_at and text[end - 1].isspace():
                end -= 1
            spans.append(QuotedSpan(open_at, end, False, open_at == para_first))
    return spans
