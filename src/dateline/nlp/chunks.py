"""Long articles parsed in pieces and joined back into one Doc.

spaCy's working memory grows with the length of the text it parses at once (an 80,000-character
article costs about 290 MB in tok2vec alone), so an article longer than ``spacy_chunk_chars`` is cut
at paragraph breaks (else at line breaks, else after a sentence's full stop, else at a space), its
pieces are parsed as separate texts, and ``Doc.from_docs`` joins them. The pieces are exact slices of
the text, so the joined Doc has the same text and the same character offsets; only a sentence or a
parse cannot cross a cut, and cuts fall where a paragraph ends.
"""

from __future__ import annotations

import re
from typing import Any

# Where a cut may go, best first: after a blank line, after a line break, after ". ", after a space.
_CUTS = (re.compile(r"\n\s*\n"), re.compile(r"\n"), re.compile(r"[.!?]['\"”’)]?\s"), re.compile(r"\s"))


def cut_points(text: str, size: int) -> list[int]:
    """Offsets at which to cut ``text`` into pieces of at most about ``size`` characters (none when it
    is short enough). A piece is at least half of ``size`` unless no boundary allows it."""
    if size <= 0 or len(text) <= size:
        return []
    cuts, start = [], 0
    while len(text) - start > size:
        lo, hi = start + size // 2, start + size
        at = None
        for pattern in _CUTS:
            ends = [m.end() for m in pattern.finditer(text, lo, hi)]
            if ends:
                at = ends[-1]
                break
        if at is None or at <= start:
            at = hi  # one long run with no space: cut it where it must be
        cuts.append(at)
        start = at
    return cuts


def pieces(text: str, size: int) -> list[str]:
    """``text`` cut at :func:`cut_points`; joined, the pieces are ``text``."""
    bounds = [0, *cut_points(text, size), len(text)]
    return [text[a:b] for a, b in zip(bounds, bounds[1:])]


def join(docs: list[Any], text: str) -> Any:
    """One Doc from the Docs of consecutive pieces of ``text``."""
    if len(docs) == 1:
        return docs[0]
    from spacy.tokens import Doc

    doc = Doc.from_docs(docs, ensure_whitespace=False)
    if doc.text != text:  # never expected: the pieces are slices of the text
        raise ValueError("joined pieces do not give back the article text")
    return doc
