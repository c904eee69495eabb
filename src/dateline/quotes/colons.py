"""Colon forms: a colon before an unclaimed quotation ("X held firm, however: “...”") and "Name: statement"
lines (headlines, interview transcripts). The colon is the cue."""

from __future__ import annotations

from typing import Optional

from .boundaries import _finish_parts, _trim
from .common import SUBJECTS, Found, _Doc
from .lexicon import colon_labels
from .marks import paragraphs


def _colon_attribution(d: _Doc, qi: int) -> Optional[Found]:
    """'X held firm, however: “...”': a colon before an unclaimed quotation is the cue."""
    q = d.quotes[qi]
    k = q.start - 1
    while k >= 0 and d.text[k].isspace():
        k -= 1
    if k < 0 or d.text[k] != ":":
        return None
    doc = d.doc
    span = doc.char_span(k, k + 1, alignment_mode="expand")
    if span is None:
        return None
    colon = span[0]
    sent = colon.sent
    root = sent.root
    subj = next((c for c in root.children if c.dep_ in SUBJECTS), None) if root.i < colon.i else None
    if subj is None and colon.i > sent.start:
        # The parser made the quotation the sentence's root: the clause before the colon is the one
        # whose subject speaks ("Senator X delivered a blunt message to Y: “...”").
        head = doc[colon.i - 1]
        while head.head.i != head.i and sent.start <= head.head.i < colon.i:
            head = head.head
        if head.pos_ in ("VERB", "AUX"):
            subj = next((c for c in head.children if c.dep_ == "nsubj" and c.i < head.i), None)
    if subj is not None:
        source, source_tok = d.chars(subj.left_edge.i, subj.right_edge.i), subj.i
    elif colon.i > sent.start and colon.i - sent.start <= 6:
        source, source_tok = d.chars(sent.start, colon.i - 1), colon.i - 1
    else:
        source, source_tok = None, None
    if source is not None and source[1] > k:
        source = None
    return Found(cue=(k, k + 1), parts=[(q.start, q.end)], source=source, cue_token=colon.i,
                 source_token=source_tok, cls="speech", how="colon before a quotation")


FINITE_TAGS = ("VBD", "VBZ", "VBP", "MD")


def _label_colons(d: _Doc) -> list[Found]:
    """'Name: statement' at the start of a paragraph: headlines ("Ryan: FBI decision defies explanation")
    and interview transcripts ("TAPPER: Do you think ...?"). The colon is the cue."""
    out = []
    labels = colon_labels()
    text = d.text
    for p_start, p_end in paragraphs(text):
        head = text[p_start:min(p_end, p_start + 60)]
        k = head.find(":")
        if k <= 0 or k + 1 >= len(head) or not head[k + 1].isspace():
            continue
        prefix = head[:k].strip()
        if not prefix or not prefix[0].isupper() or len(prefix.split()) > 6 or prefix.lower() in labels \
                or any(ch.isdigit() for ch in prefix) or any(m in prefix for m in "\"“”"):
            continue
        colon = p_start + k
        if len(text[colon + 1:p_end].split()) < 3:
            continue
        span = d.doc.char_span(p_start + (len(text[p_start:colon]) - len(text[p_start:colon].lstrip())), colon,
                               alignment_mode="expand")
        if span is None or any(t.tag_ in FINITE_TAGS for t in span) or span[0].tag_ == "VB":
            continue  # a finite verb or an imperative ("Follow X on Twitter:") is no speaker's name
        src_start = span.start_char
        src_end = colon
        low = text[src_start:src_end]
        m = low.lower().find(" on ")  # "CNN President On Trump: ..." -> the source is "CNN President"
        if m > 0:
            src_end = src_start + m
        parts = _finish_parts(d, [(colon + 1, p_end)], [])
        if parts:
            out.append(Found(cue=(colon, colon + 1), parts=parts, source=_trim(text, (src_start, src_end)),
                             cue_token=span.end if span.end < len(d.doc) else span.end - 1,
                             source_token=span.root.i, cls="speech", how="'Speaker: ...' line"))
    return out
