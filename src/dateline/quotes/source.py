"""Source selection for a cue verb: its subject (the nearer of two), an agent, or the subject of the verb
or noun the cue clause hangs from."""

from __future__ import annotations

from typing import Optional

from .boundaries import _trim
from .common import SUBJECTS, Span, _Doc

# Links through which a cue without its own subject borrows one ("X said ..., adding", "refused to say",
# "X continued by saying", "voters were more likely to say").
CLIMB = ("conj", "advcl", "xcomp", "pcomp", "acl", "relcl", "prep", "acomp")


def _nearest_subject(verb, deps: tuple[str, ...] = SUBJECTS):
    """The verb's subject; of two before it, the nearer: the parser glues a timestamp or heading line
    ("12:15 p.m.: President X says ...") to the sentence as a first subject."""
    subjects = [c for c in verb.children if c.dep_ in deps]
    if len(subjects) > 1 and subjects[-1].i < verb.i:
        doc = verb.doc
        gap = doc[subjects[-2].right_edge.i + 1:subjects[-1].left_edge.i]
        if [t.text for t in gap] != [","]:
            return subjects[-1]  # "Organisers, most of them students, said": an apposition, the first speaks
    return subjects[0] if subjects else None


def _source(d: _Doc, tok) -> tuple[Optional[Span], Optional[int]]:
    """The subject of the cue verb (or of the verb it hangs from), with its appositions."""
    subj = _nearest_subject(tok, ("nsubj",))
    if subj is None and tok.lemma_.lower() in ("ask", "press") and tok.dep_ == "advcl" and \
            not any(c.dep_ == "agent" for c in tok.children) and \
            (tok.i == tok.sent.start or d.doc[tok.i - 1].lower_ in ("when", "once", "after", "if")):
        return None, None  # "Asked whether ..., she said": she was asked; who asked is not said
    if subj is None:
        agent = next((c for c in tok.children if c.dep_ == "agent"), None)
        if agent is not None:
            subj = next((c for c in agent.children if c.dep_ == "pobj"), None)
    if subj is None:
        subj = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
    head = tok
    while subj is None and head.dep_ in CLIMB and head.head.i != head.i:
        # "a website called X": the noun is what is named, not who named it; after a comma ("Velk, a
        # state ally, called the plan weak") the parser has misread the noun's own verb.
        if head.i == tok.i and tok.dep_ == "acl" and tok.tag_ == "VBN" and d.doc[tok.i - 1].text != ",":
            return None, None
        if head.dep_ == "acl" and head.tag_ == "VBG" and head.head.dep_ in ("pobj", "dobj"):
            # "emailed supporters saying ...", "put out a statement saying ...": the participle hangs on
            # the object, but the one who speaks is the subject of the clause the object belongs to.
            verb = head.head
            while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
                verb = verb.head
            head = verb
            subj = _nearest_subject(head)
            continue
        if head.dep_ in ("acl", "relcl") and head.head.pos_ in ("NOUN", "PROPN", "PRON"):
            # "Clinton, refusing to ...", "the one blasting ...": the noun the cue clause modifies.
            noun = head.head
            i = noun.left_edge.i
            while i < noun.i and d.doc[i].is_punct:
                i += 1
            span = d.chars(i, noun.i)
            if "\n" in d.text[span[0]:span[1]]:
                return None, None
            return span, noun.i
        head = head.head
        subj = _nearest_subject(head)
    raised = subj is not None and head.i != tok.i and tok.dep_ == "xcomp" and tok.head.i == head.i and \
        head.lemma_.lower() in ("expect", "seem", "appear")  # "X is expected to endorse": X endorses
    if subj is None or (subj.dep_ == "nsubjpass" and not raised) or subj.lower_ == "there":
        return None, None  # passive cues ("was asked") and empty subjects have no source
    i, j = subj.left_edge.i, subj.right_edge.i
    # Keep the parenthetical comma of "X, a former diplomat, said" (PolNeAR includes it).
    doc = d.doc
    if j + 1 < len(doc) and doc[j + 1].text == "," and j + 1 < tok.i and \
            any(t.text == "," for t in doc[i:j + 1]):
        j += 1
    while i <= j and doc[i].is_punct and doc[i].text not in "“\"'":
        i += 1
    if i > j:
        return None, None
    span = d.chars(i, j)
    if "\n" in d.text[span[0]:span[1]]:  # a subject glued to a dateline or an earlier paragraph
        span = (d.text.rindex("\n", span[0], span[1]) + 1, span[1])
        span = _trim(d.text, span)
        if span[1] <= span[0]:
            return None, None
    return span, subj.i
