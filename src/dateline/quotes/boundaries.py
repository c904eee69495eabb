"""Content boundaries: trimming edge punctuation and datelines, snapping to quotation marks, cutting the
author's trailing comment, keeping an unquoted span in one paragraph, and cutting cue and source out of
a content (``_finish_parts``, which every rule calls last)."""

from __future__ import annotations

import re

from .common import CONTRAST_MARKS, SUBJECTS, Span, _Doc

EDGE_PUNCT = set(".,;:—–-… ")


def _trim_text(text: str, span: Span) -> Span:
    """Trim a span that was cut in the middle of a clause (also drops a dangling "and")."""
    s, e = _trim(text, span)
    words = text[s:e].rsplit(None, 1)
    if len(words) == 2 and words[1].lower() in ("and", "but", "or") + CONTRAST_MARKS:
        e = s + len(words[0])
    return _trim(text, (s, e))


# A dateline glued to an article's first sentence: "WASHINGTON —", "CAMBRIDGE, Mass., Dec. 11 (UPI) —".
_DATELINE = re.compile(r"[A-Z][A-Z.'’ ]{2,30}(?:,[^—–\n]{0,40}?)?(?:\s*\([A-Za-z]+\))?\s+(?:—|–|--|-)\s+")


_ABBREVIATION = re.compile(r"(?:\b[A-Za-z]\.){2,}$|\b(?:Inc|Jr|Sr|Corp|Ltd|Co)\.$")


def _trim(text: str, span: Span) -> Span:
    """Drop spaces and edge punctuation, but keep a quote's closing mark and a final ? or !."""
    s, e = span
    while s < e and (text[s] in EDGE_PUNCT or text[s].isspace()):
        s += 1
    m = _DATELINE.match(text, s, e)
    if m is not None and m.end() < e and text[s:s + 3].isupper():
        s = m.end()
    while e > s and (text[e - 1] in EDGE_PUNCT or text[e - 1].isspace()):
        e -= 1
    if e < len(text) and text[e] == "." and _ABBREVIATION.search(text, max(s, e - 12), e + 1):
        e += 1  # "... jobs away from the U.S.": the abbreviation's point is not the sentence's
    return s, e


def _snap_to_quotes(d: _Doc, span: Span) -> Span:
    """Widen a content span to whole quotations it mostly covers (marks are part of the content)."""
    s, e = span
    # A span that starts at an opening mark (or ends at a closing one) is the whole quotation: the
    # parser often stops at the first sentence inside it.
    qi = d.quote_at(s)
    if qi is not None and d.speechy[qi] and s - d.quotes[qi].start <= 2 and d.quotes[qi].end > e:
        return d.quotes[qi].start, d.quotes[qi].end
    qi = d.quote_at(max(s, e - 1))
    if qi is not None and d.speechy[qi] and d.quotes[qi].start < s and \
            d.text[e:d.quotes[qi].end].strip(" ,.;:!?”\"'»") == "":
        return d.quotes[qi].start, d.quotes[qi].end
    qi = d.quote_at(s)
    if qi is not None:
        q = d.quotes[qi]
        if q.start < s and s - q.start <= 2:
            s = q.start
    qj = d.quote_at(max(s, e - 1))
    if qj is not None:
        q = d.quotes[qj]
        # A content never ends inside a quotation that opened inside it (a mixed quote's fragment).
        if q.end > e and (d.text[e:q.end].strip(" ,.;:!?”\"'»") == "" or (q.start >= s and q.closed)):
            e = q.end
    elif e < len(d.text):
        # The closing mark right after the span, e.g. the comma before it was trimmed.
        k = d.quote_ending_at(e + 3)
        if k is not None and d.quotes[k].start < e <= d.quotes[k].end:
            e = d.quotes[k].end
    return s, e


def _cut_trailing(d: _Doc, i: int, j: int, after_cue: bool = True) -> int:
    """Last token of content i..j without a trailing relative clause or participle comment after a comma
    or dash ("..., which he called a disaster": PolNeAR leaves the author's addition out) and without a
    closing "in an interview with ..." (where it was said). Cutting appositions and adverbial clauses
    too was tried on PolNeAR train and lost more than it won."""
    doc = d.doc
    for k in range(i + 1, j + 1):
        # "... in an interview with CNN on Sunday", "... during a speech in Ohio": where it was said
        # (the parser hangs it on the statement's verb) is no part of what was said.
        t = doc[k]
        if t.dep_ == "prep" and t.lower_ in ("in", "during") and t.right_edge.i >= j - 1 and \
                i < t.head.i <= j and d.quote_at(t.idx) is None:
            pobj = next((c for c in t.children if c.dep_ == "pobj"), None)
            if pobj is not None and pobj.lemma_.lower() in SPEECH_EVENTS:
                return k - 1
    for k in range(i + 1, j):
        if doc[k].text not in (",", "—", "–", "--") or d.quote_at(doc[k].idx) is not None:
            continue
        first = doc[k + 1]
        root = first
        while root.head.i != root.i and k < root.head.i <= j:
            root = root.head
        if root.head.i >= k or root.right_edge.i < j - 1:
            continue
        if root.dep_ == "relcl":
            return k - 1
        # "..., putting them at odds with X": a participle clause after a comma, with no subject of its
        # own, is the author's comment on what was said (PolNeAR leaves it out more often than not).
        # Before its cue ("A struck B, killing three, officials said") the participle is part of what
        # was said.
        if after_cue and root.dep_ in ("advcl", "xcomp", "conj") and root.tag_ == "VBG" and root.i == k + 1 and \
                root.lemma_.lower() in COMMENT_PARTICIPLES and not any(c.dep_ in SUBJECTS for c in root.children):
            return k - 1
    return j


FOCUS_ADVERBS = ("only", "simply", "merely", "just")
# Participles by which an author comments on what was said (", putting them at odds with ...", ", echoing
# ...", ", marking ..."); a participle that reports an event (", killing three") stays in the content.
COMMENT_PARTICIPLES = {"put", "make", "mark", "bring", "echo", "reflect", "draw", "prompt", "raise", "set", "give",
                       "place", "signal", "underscore", "highlight", "follow", "refer", "reference", "compare",
                       "contradict", "repeat", "reiterate", "suggest", "allude", "hint", "tap", "appear", "seem"}


def _clause_start(c, tok) -> int:
    """First token of a complement clause after its cue, without what the parser hangs on the clause but
    belongs to the cue: "said Friday (that) ...", "said last week ...", "said only that ..."."""
    i = c.left_edge.i
    if c.i < tok.i or i <= tok.i:
        return i
    moved = True
    while moved and i < c.i:
        moved = False
        for x in c.children:
            if x.left_edge.i != i or x.i >= c.i:
                continue
            if (x.dep_ == "npadvmod" and x.ent_type_ in ("DATE", "TIME")) or \
                    (x.dep_ == "advmod" and x.lower_ in FOCUS_ADVERBS and x.i + 1 < len(x.doc) and
                     x.doc[x.i + 1].lower_ == "that"):
                i = x.right_edge.i + 1
                moved = True
    return i


# Occasions of speech whose "in"/"during" phrase closes a content: "in an interview with X", "during a
# speech". Wider lists ("at a rally", "on a show", "in a tweet") lost on PolNeAR train.
SPEECH_EVENTS = {"interview", "statement", "speech", "briefing", "op-ed"}


def _one_paragraph(d: _Doc, span: Span, cue_at: int) -> Span:
    """An unquoted span stays in one paragraph: the one nearest the cue (the parser may join paragraphs)."""
    s, e = span
    if "\n" not in d.text[s:e]:
        return span
    pieces, start = [], s
    for k in range(s, e):
        if d.text[k] == "\n" and d.quote_at(k) is None:
            pieces.append((start, k))
            start = k + 1
    pieces.append((start, e))
    pieces = [p for p in pieces if d.text[p[0]:p[1]].strip()]
    if not pieces:
        return span
    return min(pieces, key=lambda p: 0 if p[0] <= cue_at <= p[1] else min(abs(p[0] - cue_at), abs(p[1] - cue_at)))


def _finish_parts(d: _Doc, spans: list[Span], cut: list[Span]) -> list[Span]:
    """Trim, snap to quotation marks, and cut the cue and source out of the content."""
    out: list[Span] = []
    for s, e in sorted(spans):
        pieces = [(s, e)]
        for cs, ce in cut:
            nxt = []
            for ps, pe in pieces:
                if ce <= ps or cs >= pe:
                    nxt.append((ps, pe))
                    continue
                if cs > ps:
                    nxt.append((ps, cs))
                if ce < pe:
                    nxt.append((ce, pe))
            pieces = nxt
        for p in pieces:
            p = _snap_to_quotes(d, _trim(d.text, _one_paragraph(d, p, cut[0][0] if cut else p[0])))
            if p[1] > p[0]:
                out.append(p)
    out.sort()
    merged: list[Span] = []
    for p in out:
        if merged and p[0] <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], p[1]))
        else:
            merged.append(p)
    return merged
