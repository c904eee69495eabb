"""What a reporting verb's complements say: its clause ("said (that) ..."), its object ("called the plan
weak"), a preposition's object ("called for ...", "talked about ..."), a light verb's noun ("made the
case that ..."), the head clause of a parenthetical cue ("This, he says, is new")."""

from __future__ import annotations

from typing import Optional

from .boundaries import _clause_start, _cut_trailing
from .common import Span, _Doc
from .lexicon import cues

# Dependency labels of a verb's clausal complement: what was said or thought.
CLAUSAL = ("ccomp", "xcomp")
# Prepositions that turn a cue verb's object into its content ("talked about", "called for").
CUE_PREPS = {"about", "for", "on", "against"}  # "to", "of": mostly recipients ("wrote to her")

# Prepositional phrases after an object that say when or where it was said, not what.
CIRCUMSTANCE_PREPS = {"during", "on", "at", "after", "before", "since", "via", "with"}


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
