"""Finding attributions (source + cue + content) in a parsed spaCy Doc.

Spans follow the PolNeAR guidelines: the content of an indirect statement
includes its "that" and leaves out the sentence's final full stop; a direct
quote's content runs from its opening to its closing quotation mark; the
recipient ("told reporters") is left out; a colon that introduces speech is
part of the cue; only the outermost attribution is kept (a cue inside another
statement's content is not a second attribution). A quote interrupted by its
cue ("A," she said, "B.") or continued in the next sentence or paragraph has
several content parts.

Everything here works on character offsets and token indices only; it never
looks at actors, so spans are found even when the actors stage found none.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field
from typing import Optional

from .conjoined import outer_cue
from .lexicon import colon_labels, cues
from .noun_copula import STATEMENT_NOUNS, noun_copula
from .relative import relative_gap
from .marks import QuotedSpan, paragraphs, quoted_spans

Span = tuple[int, int]

# Dependency labels of a verb's clausal complement: what was said or thought.
CLAUSAL = ("ccomp", "xcomp")
# Prepositions that turn a cue verb's object into its content ("talked about", "called for").
CUE_PREPS = {"about", "for", "on", "against"}  # "to", "of": mostly recipients ("wrote to her")
EDGE_PUNCT = set(".,;:—–-… ")
SUBJECTS = ("nsubj", "nsubjpass")
# Links through which a cue without its own subject borrows one ("X said ..., adding", "refused to say",
# "X continued by saying", "voters were more likely to say").
CLIMB = ("conj", "advcl", "xcomp", "pcomp", "acl", "relcl", "prep", "acomp")
# Prepositional phrases after an object that say when or where it was said, not what.
CIRCUMSTANCE_PREPS = {"during", "on", "at", "after", "before", "since", "via", "with"}
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


def _verb_group(d: _Doc, tok) -> tuple[int, int]:
    """Token range of the cue verb with its auxiliaries, negation and adverbs to the left, particle to the right."""
    doc = d.doc
    i = j = tok.i
    while i - 1 >= 0 and doc[i - 1].head.i == tok.i and doc[i - 1].dep_ in ("aux", "auxpass", "neg", "advmod"):
        i -= 1
    while j + 1 < len(doc) and doc[j + 1].head.i == tok.i and doc[j + 1].dep_ == "prt":
        j += 1
    return i, j


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


def _is_time_phrase(prep) -> bool:
    """'in November', 'for days': a prepositional phrase that says when, not what."""
    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    return pobj is not None and (pobj.ent_type_ in ("DATE", "TIME") or pobj.lemma_.lower() in
                                 ("day", "week", "month", "year", "hour", "time", "weekend", "morning", "night"))


def _noun_object(d: _Doc, tok, objs) -> Optional[tuple[list[Span], Optional[int], str]]:
    """'expressed concern that ...', 'voiced hope about ...', 'made comments on ...': the noun joins the cue."""
    if not objs:
        return None
    doc = d.doc
    noun = min(objs, key=lambda c: c.i)
    if noun.i > tok.i and noun.pos_ == "NOUN" and (noun.lemma_.lower(), "NOUN") in cues():
        clause = next((c for c in noun.children if c.i > noun.i and (
            (c.dep_ in ("acl", "ccomp") and c.left_edge.lower_ == "that") or
            (c.dep_ == "prep" and c.lower_ in ("about", "over", "for", "that", "on")))), None)
        if clause is not None and all(t.dep_ in ("amod", "det", "compound", "nummod") for t in doc[tok.i + 1:noun.i]):
            start = clause.i + 1 if clause.dep_ == "prep" else clause.left_edge.i
            cue_end = clause.i if clause.dep_ == "prep" else noun.i
            return [d.chars(start, clause.right_edge.i)], cue_end, "noun object"
    return None


def _that_clause_on_object(tok):
    """'is telling voters at a diner that ...': the parser hangs the that-clause on a noun after the verb
    as a relative clause, but a relative "that" is a subject or object, never a mark: such a clause is
    the verb's complement."""
    for c in tok.children:
        if c.i < tok.i or c.dep_ not in ("dobj", "dative", "prep"):
            continue
        for t in c.subtree:
            if t.dep_ == "relcl" and any(m.dep_ == "mark" and m.lower_ == "that" and m.i == t.left_edge.i
                                         for m in t.children):
                return t
    return None


def _light_verb_content(d: _Doc, tok) -> tuple[list[Span], Optional[int], str]:
    """'made the case that ...', 'made comments about ...', 'made (it) clear that ...': a light verb is a
    cue only through its noun object or "clear"; its other complements ("made him leave") are not content."""
    clear = next((c for c in tok.children if c.lower_ == "clear" and c.i > tok.i), None)
    if clear is not None:
        clause = next((c for c in list(tok.children) + list(clear.children)
                       if c.i > clear.i and c.dep_ in ("ccomp", "advcl") and c.pos_ in ("VERB", "AUX")), None)
        if clause is not None:
            return [d.chars(clause.left_edge.i, clause.right_edge.i)], clear.i, "'clear' clause"
        return [], None, ""
    return _noun_object(d, tok, [c for c in tok.children if c.dep_ in ("dobj", "attr", "oprd")]) or ([], None, "")


def _content_from_children(d: _Doc, tok, entry) -> tuple[list[Span], Optional[int], str]:
    """Content token spans from the verb's complements; returns (spans, last cue token, how)."""
    doc = d.doc
    # "The move was first reported by MSNBC": the passive subject is the content, the agent the source.
    agent = next((c for c in tok.children if c.dep_ == "agent" and c.i == tok.i + 1), None)
    subj = next((c for c in tok.children if c.dep_ == "nsubjpass" and c.i < tok.i), None)
    if agent is not None and subj is not None and not any(c.dep_ in CLAUSAL for c in tok.children):
        return [d.chars(subj.left_edge.i, subj.right_edge.i)], agent.i, "passive subject"
    if entry.object == "light":
        return _light_verb_content(d, tok)
    comps = [c for c in tok.children if c.dep_ in CLAUSAL or
             (entry.cls == "intent" and c.dep_ == "advcl" and c.i > tok.i and c.left_edge.lower_ == "to") or
             # "asked (him) if he would run": the parser often makes the question an adverbial clause
             (c.dep_ == "advcl" and c.i > tok.i and c.left_edge.lower_ in ("if", "whether")) or
             # "is calling for the state to act": the parser makes "for" the mark of an adverbial clause
             (c.dep_ == "advcl" and c.i > tok.i and c.left_edge.lower_ == "for" and
              "for" in (entry.preps or CUE_PREPS) and c.left_edge.dep_ == "mark")]
    if not comps and entry.cls in ("speech", "thought"):
        misparsed = _that_clause_on_object(tok)
        if misparsed is not None:
            comps = [misparsed]
    if entry.cls == "speech":
        comps = [c for c in comps if c.dep_ == "ccomp" or c.i > tok.i]
        # "..., he said, mentioning X": a participle after a comma is a second act, not what was said.
        comps = [c for c in comps if not (c.dep_ == "xcomp" and c.tag_ == "VBG" and c.left_edge.i > 0 and
                                          doc[c.left_edge.i - 1].text in (",", "—", "–"))]
        # Only a clause complement after the cue, in the cue's paragraph, competes with one before it:
        # "X, he said during a speech to be a delegate" keeps X; a quotation opening the next paragraph
        # is no complement of this cue.
        after = [c for c in comps if c.i > tok.i and c.dep_ == "ccomp" and
                 "\n" not in d.text[tok.idx:doc[c.left_edge.i].idx]]
        before = [c for c in comps if c.i < tok.i and c.dep_ == "ccomp"]
        if after:
            # "Smith, who won twice, said he ...": an unquoted clause before the cue is the parser
            # hanging the sentence's opening on the cue, not a second part of what was said.
            comps = [c for c in comps if c.i > tok.i or d.quote_at(doc[c.left_edge.i].idx) is not None]
        elif before:
            comps = [c for c in comps if c.i < tok.i]
    if entry.object == "recipient" and len(comps) == 1 and comps[0].dep_ == "xcomp":
        # "asked the campaign to stop": PolNeAR keeps who was asked with what they were asked to do.
        obj = next((c for c in tok.children if c.dep_ in ("dobj", "nsubj") and tok.i < c.i < comps[0].i), None)
        if obj is not None:
            return [d.chars(obj.left_edge.i, comps[0].right_edge.i)], None, "object and clause"
    if len(comps) == 1 and comps[0].i > tok.i and comps[0].left_edge.lower_ == "to" and \
            tok.lemma_.lower() in ("call", "prevail"):  # the phrasal verbs "call on", "prevail upon"
        # "called on the council to act": who was called on belongs with what they were asked to do.
        prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("on", "upon") and
                     tok.i < c.i < comps[0].left_edge.i), None)
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
        if pobj is not None and pobj.right_edge.i < comps[0].left_edge.i:
            end = _cut_trailing(d, pobj.left_edge.i, comps[0].right_edge.i)
            return [d.chars(pobj.left_edge.i, end)], prep.i, "'on' object and clause"
    if comps:
        return [d.chars(_clause_start(c, tok), _cut_trailing(d, c.left_edge.i, c.right_edge.i, c.i > tok.i))
                for c in comps], None, "clause"
    if entry.cls == "speech" and tok.i + 1 < len(doc) and doc[tok.i + 1].head.i == tok.i and \
            doc[tok.i + 1].lower_ in ("yes", "no", "so") and \
            (tok.i + 2 >= len(doc) or doc[tok.i + 2].is_punct or doc[tok.i + 2].dep_ == "cc"):
        return [d.chars(tok.i + 1, tok.i + 1)], None, "yes or no"  # "Most said yes", "the report says so"
    # “...,” he said / "This campaign, he says, is different": the statement is the head and the cue
    # clause hangs from it as parataxis; the content is the head's clause around the cue clause.
    if tok.dep_ == "parataxis" and tok.head.pos_ in ("VERB", "AUX"):
        head = tok.head
        spans = []
        if tok.left_edge.i > head.left_edge.i:
            spans.append(d.chars(head.left_edge.i, tok.left_edge.i - 1))
        if head.right_edge.i > tok.right_edge.i:
            spans.append(d.chars(tok.right_edge.i + 1, head.right_edge.i))
        if spans:
            return spans, None, "parataxis"
    objs = [c for c in tok.children if c.dep_ in ("dobj", "attr", "oprd")]
    found = _noun_object(d, tok, objs)
    as_phrase = False
    if found is None and objs:
        # "sees the governor as a threat", "cast him as an outsider": the object with its "as" phrase is
        # the view expressed, whatever the verb's bare object is.
        obj = min(objs, key=lambda c: c.i)
        as_prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "as" and
                        c.i == obj.right_edge.i + 1), None)
        as_phrase = obj.i > tok.i and as_prep is not None and \
            any(c.dep_ in ("pobj", "pcomp") for c in as_prep.children)
    if found is not None:
        return found
    if (entry.object == "content" or as_phrase) and objs:
        first = min(objs, key=lambda c: c.i)
        last = max(objs, key=lambda c: c.i)
        lead: list[Span] = []
        if first.i < tok.i and first.tag_ in ("WP", "WDT") and last.i > tok.i:
            # "what critics call a giveaway": the fronted "what" and the name given are the two parts.
            lead = [d.chars(first.i, first.i)]
            first = min((c for c in objs if c.i > tok.i), key=lambda c: c.i)
        if first.i > tok.i:
            end = last.right_edge.i
            # What follows the object in the same clause belongs to it ("hailed X as bold moves").
            for c in tok.children:
                if c.i > end and c.dep_ not in ("punct", "cc", "conj", "parataxis", "npadvmod", "advmod") and \
                        not (c.dep_ == "prep" and (c.lower_ in CIRCUMSTANCE_PREPS or _is_time_phrase(c))) and \
                        not any(t.text in ",;:—" for t in doc[end + 1:c.left_edge.i]):
                    end = c.right_edge.i
            return lead + [d.chars(first.left_edge.i, _cut_trailing(d, first.left_edge.i, end))], None, \
                "object 'as' phrase" if as_phrase else "'what' and object" if lead else "object"
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ in (entry.preps or CUE_PREPS) and prep.i > tok.i:
            pobj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
            if pobj is None or _is_time_phrase(prep):
                continue  # "spoke on Monday": when, not what
            between = doc[tok.i + 1:prep.i]
            framing = {t.i for c in tok.children if c.dep_ in ("agent", "npadvmod") and tok.i < c.i < prep.i
                       for t in c.subtree}  # "asked by a caller on Monday about X"
            if all(t.dep_ in ("prt", "advmod") or t.i in framing for t in between):
                end = pobj.right_edge.i
                for c in tok.children:  # "referred to X as Y"
                    if c.i == end + 1 and c.dep_ == "prep" and c.lower_ == "as":
                        end = c.right_edge.i
                return [d.chars(pobj.left_edge.i, end)], prep.i, "preposition"
            if entry.object == "recipient":  # "accused Smith of lying": the charge, not the person
                return [d.chars(prep.i, pobj.right_edge.i)], None, "preposition after the recipient"
    return [], None, ""


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


# Verbs that link a subject to an attitude adjective: "is confident that", "seemed eager to", "remains wary of".
LINKING = {"be", "seem", "appear", "remain", "sound", "look", "feel", "become", "grow", "stay"}


def _adjective_attribution(d: _Doc, tok, entry) -> Optional[Found]:
    """'X is confident that ...', 'X was critical of ...', 'it is unclear whether ...': an attitude
    adjective after a linking verb; its clause or prepositional object is the content, the subject the source."""
    head = tok.head
    if tok.dep_ not in ("acomp", "oprd") or head.lemma_.lower() not in LINKING:
        return None
    doc = d.doc
    content = None
    cue_end = tok.i
    for c in tok.children:
        if c.i < tok.i:
            continue
        if c.dep_ in ("ccomp", "xcomp") and c.pos_ in ("VERB", "AUX"):
            content = (c.left_edge.i, c.right_edge.i)
            break
        if c.dep_ == "prep" and c.lower_ in entry.preps and c.i == tok.i + 1:
            pobj = next((x for x in c.children if x.dep_ in ("pobj", "pcomp")), None)
            if pobj is not None:
                content, cue_end = (pobj.left_edge.i, pobj.right_edge.i), c.i
                break
    if content is None:
        # "It is unclear whether ...": the clause may hang from the linking verb.
        c = next((c for c in head.children if c.i > tok.i and c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX")), None)
        if c is None:
            return None
        content = (c.left_edge.i, c.right_edge.i)
    subj = next((c for c in head.children if c.dep_ in SUBJECTS and c.i < head.i), None)
    source = source_tok = None
    if subj is not None and subj.lower_ not in ("it", "there") and subj.pos_ != "DET":
        source, source_tok = d.chars(subj.left_edge.i, subj.right_edge.i), subj.i
    gi, _ = _verb_group(d, head)
    cue = d.chars(min(gi, head.i), cue_end)
    parts = _finish_parts(d, [d.chars(content[0], _cut_trailing(d, content[0], content[1]))],
                          [cue] + ([source] if source else []))
    if not parts:
        return None
    return Found(cue=cue, parts=parts, source=source, cue_token=tok.i, source_token=source_tok, cls=entry.cls,
                 how=f"{entry.cls} adjective '{tok.lemma_}'")


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


# Verbs whose subject holds the view, voices the criticism or gives the support named by their object noun.
LIGHT_HOLDERS = {"have", "express", "voice", "raise", "offer", "give", "lodge", "level", "share", "air", "throw"}


def _noun_attribution(d: _Doc, tok, entry) -> Optional[Found]:
    """'his warning that ...', 'the statement that ...': a cue noun with a that-clause."""
    clause = next((c for c in tok.children if c.dep_ in ("acl", "ccomp", "relcl") and
                   any(m.lower_ == "that" and m.dep_ == "mark" for m in c.children)), None)
    if clause is None and entry.cls == "intent":
        # "her promise to cut taxes", "his desire to win": an intention noun with its infinitive.
        clause = next((c for c in tok.children if c.dep_ == "acl" and c.i > tok.i and
                       any(a.lower_ == "to" and a.dep_ == "aux" for a in c.children)), None)
    poss = next((c for c in tok.children if c.dep_ == "poss"), None)
    if poss is None:
        # "criticism from Democrats", "a call by the mayor for ...": the speaker in a "from"/"by" phrase.
        by = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("from", "by") and c.i > tok.i), None)
        poss = next((c for c in by.children if c.dep_ == "pobj" and c.pos_ in ("PROPN", "NOUN", "PRON")), None) \
            if by is not None else None
    if (clause is None or clause.i < tok.i) and entry.preps:
        # "his calls for a ceasefire", "her support for the bill": the preposition's object.
        prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in entry.preps and c.i == tok.i + 1),
                    None)
        if prep is None and tok.dep_ == "dobj" and tok.i + 1 < len(d.doc):
            # "voiced sharp criticism of the plan": the parser hangs the noun's preposition on the verb.
            nxt = d.doc[tok.i + 1]
            if nxt.dep_ == "prep" and nxt.head.i == tok.head.i and nxt.lower_ in entry.preps:
                prep = nxt
                if poss is None and tok.head.lemma_.lower() in LIGHT_HOLDERS:
                    poss = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
        pobj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None) if prep is not None else None
        if pobj is None:
            return None
        cue = d.chars(tok.i, prep.i)
        end = pobj.right_edge.i
        if poss is None:
            # "support for the bill from farmers": the parser hangs the speaker's "from" phrase on the object.
            by = next((c for c in pobj.children if c.dep_ == "prep" and c.lower_ in ("from", "by") and
                       c.right_edge.i == end), None)
            who = next((c for c in by.children if c.dep_ == "pobj" and c.pos_ in ("PROPN", "NOUN")), None) \
                if by is not None else None
            if who is not None and by.i > pobj.i:
                poss, end = who, by.i - 1
        parts = _finish_parts(d, [d.chars(pobj.left_edge.i, _cut_trailing(d, pobj.left_edge.i, end))], [cue])
        if not parts:
            return None
        source = d.chars(poss.left_edge.i, poss.right_edge.i) if poss is not None else None
        return Found(cue=cue, parts=parts, source=source, cue_token=tok.i,
                     source_token=poss.i if poss is not None else None, cls=entry.cls,
                     how=f"{entry.cls} noun '{tok.lemma_} {prep.lower_}'")
    if clause is None or clause.i < tok.i:
        return None
    source = d.chars(poss.left_edge.i, poss.right_edge.i) if poss is not None else None
    cue = d.chars(tok.i, tok.i)
    parts = _finish_parts(d, [d.chars(clause.left_edge.i, clause.right_edge.i)], [cue])
    if not parts:
        return None
    return Found(cue=cue, parts=parts, source=source, cue_token=tok.i,
                 source_token=poss.i if poss is not None else None, cls=entry.cls,
                 how=f"{entry.cls} noun '{tok.lemma_}' with a that-clause")


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


def _outermost(found: list[Found], text: str) -> list[Found]:
    """Keep only attributions whose cue is not inside another one's content (PolNeAR: no nesting)."""

    def inside(pos: int, f: Found) -> bool:
        return any(s <= pos < e for s, e in f.parts)

    # "X said A and Y added B": the second cue's own clause is cut off the first content, not nested in it.
    for a in found:
        if not a.extra.get("split"):
            continue
        for b in found:
            # Only when the cue hangs from the other cue ("said A and added B", "said A, adding B").
            if b is a or not inside(a.cue[0], b) or b.cue_token not in a.extra.get("ancestors", ()):
                continue
            cut = a.source[0] if a.source and inside(a.source[0], b) else a.cue[0]
            if cut > b.parts[0][0]:
                parts = [(s, min(e, cut)) for s, e in b.parts if s < cut]
                b.parts = [p for p in (_trim_text(text, p) for p in parts) if p[1] > p[0]] or b.parts
    # "X said A, according to Y": the 'according to' phrase frames the whole sentence, so it is the
    # outer attribution and the cue inside its content is the nested one.
    framing = [f for f in found if f.how == ACCORDING]
    keep = []
    for a in found:
        nested = a.how != ACCORDING and any(inside(a.cue[0], f) for f in framing) and \
            any(b.how == ACCORDING and inside(b.cue[0], a) for b in found)
        for b in found:
            if nested:
                break
            if b is a or a.cue[0] < b.parts[0][0] or a.cue[0] >= b.parts[-1][1]:
                continue
            if a.how == ACCORDING and b.how != ACCORDING and inside(a.cue[0], b):
                continue
            if inside(a.cue[0], b) and not inside(b.cue[0], a):
                nested = True
                break
            if inside(a.cue[0], b) and inside(b.cue[0], a) and \
                    (b.parts[-1][1] - b.parts[0][0]) > (a.parts[-1][1] - a.parts[0][0]):
                nested = True
                break
        if not nested:
            keep.append(a)
    # Two cues with the same content (e.g. conjoined verbs): the first one keeps it.
    seen: set[tuple[Span, ...]] = set()
    out = []
    for f in keep:
        key = tuple(f.parts)
        if key in seen:
            continue
        seen.add(key)
        out.append(f)
    return out


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


ACCORDING = "'according to' phrase"
SCORES = {"speech": 0.85, "thought": 0.7, "intent": 0.7, "stance": 0.65, "evidence": 0.6}


@functools.lru_cache(maxsize=8)
def _cue_hashes(vocab, n_entries: int) -> frozenset:
    """Hashes of the cue lemmas (and of "according") in a vocab's string store."""
    strings = vocab.strings
    return frozenset(strings.add(w) for w in {lemma for lemma, _ in cues()} | {"according", "in"} | HEARSAY_ADVERBS |
                     STATEMENT_NOUNS)


def _noun_copula(d: _Doc, tok) -> Optional[Found]:
    """'Her view is that ...', 'His advice was simple: ...' (quotes/noun_copula.py)."""
    got = noun_copula(d, tok, d.chars, _finish_parts)
    if got is None:
        return None
    cue, parts, source, source_tok = got
    entry = cues().get((tok.lemma_.lower(), "NOUN"))
    cls = entry.cls if entry is not None else "speech"
    return Found(cue=cue, parts=parts, source=source, cue_token=tok.i, source_token=source_tok, cls=cls,
                 how=f"{cls} noun '{tok.lemma_}' as the subject of 'be'")


def _candidate_indices(doc, lex) -> list[int]:
    """Token indices whose lemma or form may be a cue; one array read instead of a Python loop over tokens."""
    if len(doc) == 0:
        return []
    from spacy.attrs import LEMMA, LOWER

    wanted = _cue_hashes(doc.vocab, len(lex))
    arr = doc.to_array([LEMMA, LOWER])
    return [i for i, (lemma, lower) in enumerate(arr.tolist()) if lemma in wanted or lower in wanted]


def find_attributions(doc, text: Optional[str] = None) -> list[Found]:
    """Compute: every outermost attribution of the Doc (whose text is ``text``), in text order."""
    d = _Doc(doc, text)
    lex = cues()
    found: list[Found] = []
    for i in _candidate_indices(doc, lex):
        tok = doc[i]
        pos = tok.pos_
        qi = d.quote_at(tok.idx)
        if qi is not None and d.speechy[qi]:
            continue  # a cue inside a quotation is part of what was said
        if tok.lower_ == "in":
            f = _survey_phrase(d, tok)
            if f is not None:
                found.append(f)
            continue
        if tok.lower_ == "according":
            f = _according_to(d, tok)
            if f is not None:
                found.append(f)
            continue
        if tok.lower_ in HEARSAY_ADVERBS:
            f = _hearsay_adverb(d, tok)
            if f is not None:
                found.append(f)
            continue
        if pos not in ("VERB", "NOUN", "ADJ"):
            continue
        if pos == "NOUN" and tok.dep_ == "nsubj" and tok.lemma_.lower() in STATEMENT_NOUNS:
            f = _noun_copula(d, tok)
            if f is not None:
                found.append(f)
                continue
        entry = lex.get((tok.lemma_.lower(), pos))
        if entry is None:
            continue
        if pos == "VERB":
            f = _verb_attribution(d, tok, entry)
        elif pos == "ADJ":
            f = _adjective_attribution(d, tok, entry)
        else:
            f = _noun_attribution(d, tok, entry)
        if f is not None:
            found.append(f)
    claimed = set()
    for f in found:
        for s, e in f.parts:
            qi = d.quote_at(s)
            if qi is not None:
                claimed.add(qi)
    for qi in range(len(d.quotes)):
        if qi not in claimed and d.speechy[qi]:
            f = _colon_attribution(d, qi)
            if f is not None:
                found.append(f)
    found.extend(_label_colons(d))
    found.sort(key=lambda f: f.cue[0])
    found = _outermost(found, d.text)
    _continuations(d, found)
    for f in found:
        f.kind = _kind(d, f)
        f.score = round(SCORES.get(f.cls, 0.6) + (0.1 if f.kind == "direct" else 0.0), 2)
    return found
