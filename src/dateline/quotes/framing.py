"""Phrases that frame a clause as attributed without a reporting verb: "according to X", "in a poll
released Monday", and hearsay adverbs ("reportedly")."""

from __future__ import annotations

from typing import Optional

from .boundaries import _finish_parts
from .common import SUBJECTS, Found, Span, _Doc
from .lexicon import cues

ACCORDING = "'according to' phrase"


def _according_to(d: _Doc, tok) -> Optional[Found]:
    """'according to X, ...' and '..., according to X': the rest of the clause is the content."""
    doc = d.doc
    to = next((c for c in tok.children if c.lower_ == "to"), None)
    if to is None or to.i != tok.i + 1:
        return None
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    source = d.chars(pobj.left_edge.i, pobj.right_edge.i)
    head = tok.head
    sent = tok.sent
    if head.i == tok.i:
        return None
    # The sentence around the phrase (from its paragraph start: timestamps and datelines are
    # often glued to the first sentence of a paragraph). Cutting it down to the clause the phrase
    # hangs from was tried on PolNeAR train and lost (annotators mostly keep the whole sentence).
    span = d.chars(sent.start, sent.end - 1)
    para = d.text.rfind("\n", span[0], tok.idx)
    if para >= 0:
        span = (para + 1, span[1])
    phrase = d.chars(tok.i, max(pobj.right_edge.i, to.i))
    parts = _finish_parts(d, [span], [phrase])
    if not parts:
        return None
    return Found(cue=d.chars(tok.i, to.i), parts=parts, source=source, cue_token=tok.i,
                 source_token=pobj.i, cls="speech", how=ACCORDING)


# "X has reportedly left": the adverb marks the clause as what others said, with no source named.
HEARSAY_ADVERBS = {"reportedly", "allegedly", "purportedly", "supposedly", "reputedly"}


def _hearsay_adverb(d: _Doc, tok) -> Optional[Found]:
    """'Two firms have reportedly looked at the deal': the clause around the adverb is the content."""
    head = tok.head
    if tok.dep_ != "advmod" or head.i == tok.i or head.pos_ not in ("VERB", "AUX", "ADJ"):
        return None
    if (head.lemma_.lower(), head.pos_) in cues():
        return None  # "X reportedly told Y that ...": the adverb is part of the cue verb's group
    doc = d.doc
    lo, hi = head.left_edge.i, head.right_edge.i
    own = next((c for c in head.children if c.dep_ in SUBJECTS and c.i < tok.i), None)
    if own is not None:
        lo = own.left_edge.i  # "When the vote was called, delegates reportedly ...": from the subject on
    spans = []
    if own is None and head.dep_ == "conj":
        # "He won acclaim and was reportedly targeted": the subject is the first verb's.
        subj = next((c for c in head.head.children if c.dep_ in SUBJECTS and c.i < head.i), None)
        if subj is not None:
            spans.append(d.chars(subj.left_edge.i, subj.right_edge.i))
    if lo < tok.i:
        spans.append(d.chars(lo, tok.i - 1))
    if hi > tok.i:
        spans.append(d.chars(tok.i + 1, hi))
    if not spans:
        return None
    cue = d.chars(tok.i, tok.i)
    parts = _finish_parts(d, spans, [cue])
    if not parts or len(d.text[parts[0][0]:parts[-1][1]].split()) < 3 or "\n" in d.text[parts[0][0]:parts[-1][1]]:
        return None
    return Found(cue=cue, parts=parts, source=None, cue_token=tok.i, source_token=None, cls="speech",
                 how=f"hearsay adverb '{tok.lower_}'")


# "In a poll released Monday, Smith led": the poll is the source, "in" the cue, the clause the content.
SURVEY_NOUNS = {"poll", "polls", "survey", "surveys", "polling"}
# Children of the clause that are not part of what the survey found.
SURVEY_DROP = ("advcl", "conj", "cc", "mark", "parataxis", "punct", "prep")


def _survey_phrase(d: _Doc, tok) -> Optional[Found]:
    """'In a poll released Monday, X led Y': the poll phrase frames its clause, like 'according to'."""
    pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
    if pobj is None or pobj.lower_ not in SURVEY_NOUNS or tok.dep_ != "prep":
        return None
    if pobj.lower_ in ("polls", "polling", "surveys") and not any(
            c.pos_ == "PROPN" or c.dep_ in ("compound", "relcl", "acl") or c.lower_ in ("latest", "recent", "new")
            for c in pobj.children):
        return None  # "trails her in the polls", "leading in national polls": standing, not one poll's finding
    head = tok.head
    if head.pos_ not in ("VERB", "AUX"):
        return None
    phrase = (tok.i, pobj.right_edge.i)
    keep = []
    for t in head.subtree:
        if phrase[0] <= t.i <= phrase[1]:
            continue
        keep.append(t.i)
    drop: set[int] = set()
    for c in head.children:
        if c.dep_ in SURVEY_DROP and c.i != tok.i and not (c.dep_ == "prep" and c.i > tok.i and
                                                         c.i > head.i and c.lower_ not in ("in", "on", "at")):
            if c.dep_ == "prep":
                continue  # "by nine points", "from third to second": part of the finding
            drop.update(t.i for t in c.subtree)
    keep = [i for i in keep if i not in drop]
    if not keep or head.i not in keep:
        return None
    spans: list[Span] = []
    start = prev = keep[0]
    for i in keep[1:]:
        if i != prev + 1:
            spans.append(d.chars(start, prev))
            start = i
        prev = i
    spans.append(d.chars(start, prev))
    cue = d.chars(tok.i, tok.i)
    parts = _finish_parts(d, spans, [cue, d.chars(*phrase)])
    if not parts or len(d.text[parts[0][0]:parts[-1][1]].split()) < 2:
        return None
    return Found(cue=cue, parts=parts, source=d.chars(tok.i + 1, pobj.right_edge.i), cue_token=tok.i,
                 source_token=pobj.i, cls="evidence", how="'in a poll' phrase")
