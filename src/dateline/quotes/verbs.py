"""Reporting-verb attributions: "X said (that) ...", "“...,” X said", "X called for ...", raising verbs
("The plan seems doomed"), "as X put it" clauses. The content comes from verb_content.py, the source
from source.py."""

from __future__ import annotations

from typing import Optional

from .boundaries import _finish_parts
from .common import CONTRAST_MARKS, SUBJECTS, Found, Span, _Doc, _verb_group
from .conjoined import outer_cue
from .direct import _adjacent_quote
from .lexicon import cues
from .relative import relative_gap
from .source import _source
from .verb_content import CUE_PREPS, _content_from_children


def _starts_own_clause(tok, source_tok: Optional[int]) -> bool:
    """A cue that opens its own attribution even inside another's clause: "..., adding that",
    "X said A and Y said B" (PolNeAR gives each cue its own attribution)."""
    if tok.dep_ == "conj":
        return True
    if tok.dep_ == "advcl" and any(c.dep_ == "nsubj" for c in tok.children) and \
            any(c.dep_ == "mark" and c.lower_ in CONTRAST_MARKS for c in tok.children):
        return True  # "X said A, while Y said B": a second speaker's own attribution
    return tok.tag_ == "VBG" and tok.i > 0 and tok.doc[tok.i - 1].text in (",", "—", "–")


def _raising(d: _Doc, tok) -> Optional[Found]:
    """'The plan seems doomed', 'Turnout is expected to rise': subject and complement, no source."""
    doc = d.doc
    subj = next((c for c in tok.children if c.dep_ in SUBJECTS and c.i < tok.i), None)
    if subj is None and tok.dep_ == "conj":
        # "X held a lead and appeared poised to win": the subject is the first verb's.
        subj = next((c for c in tok.head.children if c.dep_ in SUBJECTS and c.i < tok.head.i), None)
    comp = next((c for c in tok.children if c.i > tok.i and c.dep_ in ("xcomp", "acomp", "attr", "ccomp", "oprd")),
                None)
    if subj is None or comp is None or subj.lower_ == "there" or (subj.lower_ == "it" and comp.dep_ == "ccomp"):
        return None  # "it seems that ...": an empty subject
    if comp.pos_ == "VERB" and (comp.lemma_.lower(), "VERB") in cues():
        return None  # "seemed to indicate X", "is expected to endorse X": the inner cue is the attribution
    gi, gj = _verb_group(d, tok)
    cue = d.chars(gi, gj)
    parts = _finish_parts(d, [d.chars(subj.left_edge.i, subj.right_edge.i),
                              d.chars(comp.left_edge.i, comp.right_edge.i)], [cue])
    if len(parts) != 2:
        return None
    return Found(cue=cue, parts=parts, source=None, cue_token=tok.i, source_token=None, cls="evidence",
                 how=f"raising verb '{tok.lemma_}' with subject and complement")


def _unquoted_lead_dropped(d: _Doc, parts: list[Span], cue: Span) -> list[Span]:
    """Drop unquoted parts before a quotation that itself precedes the cue: in "A. “B,” he said" the
    parser often hangs sentence A on the cue too, but only the quotation was said."""
    if len(parts) < 2:
        return parts
    quoted = [p for p in parts if d.quote_at(p[0]) is not None and p[1] <= cue[0]]
    if not quoted:
        return parts
    return [p for p in parts if not (d.quote_at(p[0]) is None and p[1] <= quoted[0][0])]


def _with_passive_subject(d: _Doc, tok, spans: list[Span], how: str) -> list[Span]:
    """'Smith was named the new director': with no agent, the passive subject is the first content part
    (PolNeAR keeps what the statement is about with what was said of it)."""
    if not spans or how == "passive subject" or any(c.dep_ == "agent" for c in tok.children):
        return spans
    subj = next((c for c in tok.children if c.dep_ == "nsubjpass" and c.i < tok.i), None)
    if subj is None and tok.dep_ == "acl" and tok.tag_ == "VBN" and tok.head.pos_ in ("NOUN", "PROPN") and \
            tok.head.i == tok.i - 1:
        # "a website called 'Cape Breton'": the noun the participle describes, as a passive subject.
        noun = tok.head
        i = noun.left_edge.i
        while i < noun.i and d.doc[i].is_punct:
            i += 1
        first = d.chars(i, noun.i)
        if "\n" in d.text[first[0]:tok.idx] or first[1] > spans[0][0]:
            return spans
        return [first] + spans
    if subj is None or subj.lower_ in ("it", "there"):
        return spans
    first = d.chars(subj.left_edge.i, subj.right_edge.i)
    if first[1] > spans[0][0] or "\n" in d.text[first[0]:tok.idx]:
        return spans
    return [first] + spans


def _opens_with_own_cue(doc, start: int) -> bool:
    """A clause that opens with a participle cue ("Asked whether ..., he said") is its own attribution."""
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    if span is None or not len(span):
        return False
    t = span[0]
    return t.tag_ in ("VBN", "VBG", "VBD") and (t.lemma_.lower(), "VERB") in cues() and \
        not any(c.dep_ in SUBJECTS for c in t.children)


def _as_clause_content(d: _Doc, tok, entry) -> list[Span]:
    """'As the Post reported, X ...', 'X ..., as she put it': a cue in an "as" clause with nothing said inside
    it frames the clause it hangs from, which is the content."""
    if tok.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children):
        return []
    if entry.object == "as" and not any(c.dep_ == "dobj" and c.lower_ == "it" for c in tok.children):
        return []  # "put" is a cue only in "as X put it"
    if any(c.dep_ in ("dobj", "ccomp", "xcomp") and c.lower_ != "it" for c in tok.children):
        return []
    head = tok.head
    if head.pos_ in ("NOUN", "PROPN", "PRON") and head.dep_ in SUBJECTS and head.i < tok.i:
        head = head.head  # "The vote, as she put it, was ...": the parser hangs the aside on the subject
    if head.pos_ not in ("VERB", "AUX"):
        return []
    spans = []
    if head.left_edge.i < tok.left_edge.i:
        spans.append(d.chars(head.left_edge.i, tok.left_edge.i - 1))
    if head.right_edge.i > tok.right_edge.i:
        spans.append(d.chars(tok.right_edge.i + 1, head.right_edge.i))
    return spans


def _verb_attribution(d: _Doc, tok, entry) -> Optional[Found]:
    doc = d.doc
    if entry.object == "raising" or (tok.lemma_ == "expect" and any(c.dep_ == "auxpass" for c in tok.children)):
        return _raising(d, tok)
    gi, gj = _verb_group(d, tok)
    if entry.object in ("quote", "as"):  # e.g. "continued": only a quotation next to it is content
        spans, prep_i, how = [], None, ""
    else:
        spans, prep_i, how = _content_from_children(d, tok, entry)
        spans = _with_passive_subject(d, tok, spans, how)
    if not spans and entry.object in ("content", "recipient", "none"):
        gap = relative_gap(tok, entry.preps or tuple(CUE_PREPS), entry.object == "content")
        if gap is not None:
            spans, how = [d.chars(gap[0], gap[1])], "relative clause gap"
            as_prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "as" and c.i > tok.i), None)
            if as_prep is not None:  # "which he described as a disaster": the gap and its "as" phrase
                spans.append(d.chars(as_prep.i, as_prep.right_edge.i))
            if gap[2] is not None:
                prep_i = gap[2]
    if not spans and entry.cls in ("speech", "thought", "evidence"):
        spans = _as_clause_content(d, tok, entry)
        if spans:
            how = "'as X said' clause"
    if entry.object == "as" and how != "'as X said' clause":
        return None
    if prep_i is not None:
        gj = prep_i
    outer = outer_cue(tok)
    source, source_tok = _source(d, outer if outer is not None else tok)
    # The parser sometimes joins paragraphs into one tree: a complement in another paragraph is not content.
    cue_at = tok.idx
    spans = [(s, e) for s, e in spans if "\n" not in d.text[min(e, cue_at):max(s, cue_at)] and
             not (e <= cue_at and _opens_with_own_cue(doc, s))]
    if spans and gj + 1 < len(doc) and doc[gj + 1].lower_ in (entry.preps or CUE_PREPS) and \
            d.text[spans[0][0]:].lstrip().startswith(doc[gj + 1].text + " "):
        # "called for X to do Y": the preposition opens the content clause but belongs to the cue.
        gj += 1
        spans[0] = (doc[gj].idx + len(doc[gj].text), spans[0][1])
    if not spans and entry.cls == "speech" and entry.object != "none":
        lo = min(d.chars(gi, gj)[0], source[0] if source else 10**9)
        hi = max(d.chars(gi, gj)[1], source[1] if source else -1)
        if entry.object == "recipient":  # "telling reporters, “...”"
            for c in tok.children:
                if c.dep_ in ("dobj", "dative") and c.i > tok.i:
                    hi = max(hi, d.chars(c.i, c.right_edge.i)[1])
        q = _adjacent_quote(d, lo, hi)
        if q is not None:
            spans, how = [q], "adjacent quote"
    elif not spans and entry.cls == "speech" and tok.tag_ == "VBG" and tok.i > 0 and doc[tok.i - 1].text == ",":
        # "..., adding, “B.”": a participle cue takes the quotation that follows it, even when it takes no
        # bare object ("add", "comment").
        qi = d.quote_starting_at(d.chars(gi, gj)[1])
        if qi is not None and d.speechy[qi]:
            spans, how = [(d.quotes[qi].start, d.quotes[qi].end)], "quotation after the participle"
    if not spans:
        return None
    # A colon right after the verb introduces the content and belongs to the cue.
    if gj + 1 < len(doc) and doc[gj + 1].text == ":" and spans[0][0] >= doc[gj + 1].idx:
        gj += 1
    cue = d.chars(gi, gj)
    cut = [cue] + ([source] if source else [])
    parts = _unquoted_lead_dropped(d, _finish_parts(d, spans, cut), cue)
    # A part in another paragraph than its cue comes from paragraphs the parser joined into one tree
    # (a quotation running on into the next paragraph is joined later, by _continuations).
    parts = [p for p in parts if "\n" not in d.text[min(p[1], cue[0]):max(p[0], cue[1])]]
    if not parts:
        return None
    return Found(cue=cue, parts=parts, source=source, cue_token=tok.i, source_token=source_tok,
                 cls=entry.cls, how=f"{entry.cls} verb '{tok.lemma_}' with {how}",
                 extra={"split": _starts_own_clause(tok, source_tok),
                        "ancestors": {outer.i} if outer is not None else
                        {tok.head.i} if tok.dep_ == "conj" else {t.i for t in tok.ancestors}})
