"""Quotations as content: a speech-like quotation next to a cue ("“...,” X said."), quotations that
continue a direct quote in the next sentence or paragraph, and the kind (direct, mixed, indirect)."""

from __future__ import annotations

import bisect
from typing import Optional

from .common import Found, Span, _Doc


def _ends_like_speech(d: _Doc, qi: int) -> bool:
    """A short quotation closed by a comma, ! or ? inside its marks ("Okay," she said) is speech, not a title."""
    q = d.quotes[qi]
    inner = d.text[q.start:q.end].rstrip("”\"'’»″` ")
    return q.closed and len(inner) > 2 and inner[-1] in ",!?"


def _short_sentence(d: _Doc, qi: int) -> bool:
    """A short quotation that is a whole sentence ("“Marco gets it.”"): speech when it follows a quote."""
    q = d.quotes[qi]
    inner = d.text[q.start:q.end].strip("“”„‟«»\"'‘’″` ")
    return q.closed and len(inner) > 3 and inner[0].isupper() and inner[-1] in ".!?"


def _adjacent_quote(d: _Doc, start: int, end: int) -> Optional[Span]:
    """A speech-like quotation just before ``start`` or just after ``end`` (for "...," X said.)."""
    qi = d.quote_ending_at(start)
    if qi is not None and (d.speechy[qi] or _ends_like_speech(d, qi)):
        return d.quotes[qi].start, d.quotes[qi].end
    qi = d.quote_starting_at(end)
    if qi is not None and d.speechy[qi]:
        return d.quotes[qi].start, d.quotes[qi].end
    return None


def _continuations(d: _Doc, found: list[Found]) -> None:
    """Join quotations that continue a direct quote in the next sentence or paragraph."""
    if not found:
        return
    claimed = [False] * len(d.quotes)
    for f in found:
        for s, e in f.parts:
            for qi in range(bisect.bisect_left(d.q_starts, s), len(d.quotes)):
                if d.quotes[qi].start >= e:
                    break
                claimed[qi] = True
    by_end = sorted(found, key=lambda f: f.ends())
    ends = [f.ends() for f in by_end]
    for qi, q in enumerate(d.quotes):
        if claimed[qi] or not (d.speechy[qi] or _short_sentence(d, qi)):
            continue
        k = bisect.bisect_right(ends, q.start) - 1
        if k < 0:
            continue
        f = by_end[k]
        gap = d.text[f.ends():q.start]
        # The rest of the cue's sentence may sit between: "A," X told reporters on Monday. "B."
        rest = gap.strip()
        tail_ok = rest == "" or rest in ".," or (
            rest[-1] in ".?!" and "\n" not in rest and len(rest.split()) <= 25 and
            not any(m in rest for m in "\"“”«»"))
        if tail_ok and gap.count("\n") <= 2:
            # "“A,” X told a rally, saying B. “C.”": C continues the quotation, not the paraphrase.
            if d.quote_at(f.parts[0][0]) is None and k > 0:
                prev = by_end[k - 1]
                if d.quote_at(prev.parts[0][0]) is not None and "\n" not in d.text[prev.ends():f.cue[0]]:
                    f = prev
            f.parts.append((q.start, q.end))
            f.parts.sort()
            by_end.sort(key=lambda x: x.ends())
            ends = [x.ends() for x in by_end]
            claimed[qi] = True


def _kind(d: _Doc, f: Found) -> str:
    quoted = 0
    total = 0
    has_quote = False
    for s, e in f.parts:
        total += e - s
        qi = bisect.bisect_left(d.q_starts, s)
        while qi < len(d.quotes) and d.quotes[qi].start < e:
            q = d.quotes[qi]
            if d.speechy[qi] or q.end - q.start > 2:
                has_quote = True
                quoted += min(q.end, e) - max(q.start, s)
            qi += 1
    if not has_quote:
        return "indirect"
    return "direct" if quoted >= total - 2 * len(f.parts) else "mixed"
