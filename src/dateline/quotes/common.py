"""What the attribution rules share: the Found record, the Doc with its quotation lookups, the cue's verb group.

Spans are character offsets (start, end); ``Found.parts`` are the content's pieces in text order.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Optional

from .marks import QuotedSpan, quoted_spans

Span = tuple[int, int]

SUBJECTS = ("nsubj", "nsubjpass")

# Marks of a contrasting clause that may carry its own attribution ("..., while others said ...").
CONTRAST_MARKS = ("while", "whereas", "though", "although")
# A quoted span shorter than this (in words) is a scare quote or a title, not a statement.
MIN_QUOTE_WORDS = 4


@dataclass
class Found:
    """One attribution before it becomes a Quote: character spans and the token of its cue."""

    cue: Span
    parts: list[Span]
    source: Optional[Span]
    cue_token: int
    source_token: Optional[int]
    cls: str
    how: str
    kind: str = "indirect"
    score: float = 0.0
    extra: dict = field(default_factory=dict)

    @property
    def content(self) -> Span:
        return (self.parts[0][0], self.parts[-1][1])

    def ends(self) -> int:
        return max([self.cue[1], self.parts[-1][1]] + ([self.source[1]] if self.source else []))


class _Doc:
    """The Doc with the lookups the rules need: quoted spans and char -> token."""

    def __init__(self, doc, text: Optional[str] = None):
        self.doc = doc
        # Doc.text rebuilds the string token by token (slow on long articles): take the record's text.
        self.text = text if text is not None else doc.text
        self.quotes: list[QuotedSpan] = quoted_spans(self.text)
        self.q_starts = [q.start for q in self.quotes]
        self.q_ends = [q.end for q in self.quotes]
        self.speechy = [self._words(q) >= MIN_QUOTE_WORDS for q in self.quotes]

    def _words(self, q: QuotedSpan) -> int:
        return len(self.text[q.start:q.end].split())

    def quote_at(self, pos: int) -> Optional[int]:
        i = bisect.bisect_right(self.q_starts, pos) - 1
        if i >= 0 and self.quotes[i].start <= pos < self.quotes[i].end:
            return i
        return None

    def quote_ending_at(self, pos: int) -> Optional[int]:
        """The quote whose closing mark ends at ``pos`` (spaces and commas between allowed)."""
        i = bisect.bisect_right(self.q_ends, pos) - 1
        while i >= 0:
            gap = self.text[self.quotes[i].end:pos]
            if gap.strip(" \n\t,") == "":
                return i
            if self.quotes[i].end < pos - 3:
                return None
            i -= 1
        return None

    def quote_starting_at(self, pos: int) -> Optional[int]:
        """The quote that opens at ``pos`` after spaces, a colon or a comma."""
        i = bisect.bisect_left(self.q_starts, pos)
        if i < len(self.quotes):
            gap = self.text[pos:self.quotes[i].start]
            if gap.strip(" \n\t,:") == "" and len(gap) < 6:
                return i
        return None

    def chars(self, i: int, j: int) -> Span:
        """Character span of tokens i..j (inclusive)."""
        doc = self.doc
        return doc[i].idx, doc[j].idx + len(doc[j].text)


def _verb_group(d: _Doc, tok) -> tuple[int, int]:
    """Token range of the cue verb with its auxiliaries, negation and adverbs to the left, particle to the right."""
    doc = d.doc
    i = j = tok.i
    while i - 1 >= 0 and doc[i - 1].head.i == tok.i and doc[i - 1].dep_ in ("aux", "auxpass", "neg", "advmod"):
        i -= 1
    while j + 1 < len(doc) and doc[j + 1].head.i == tok.i and doc[j + 1].dep_ == "prt":
        j += 1
    return i, j
