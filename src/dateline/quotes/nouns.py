"""Cue nouns: "his warning that ...", "her calls for ...", and a statement noun as the subject of "be"
("Her view is that ...", quotes/noun_copula.py)."""

from __future__ import annotations

from typing import Optional

from .boundaries import _cut_trailing, _finish_parts
from .common import Found, _Doc
from .lexicon import cues
from .noun_copula import noun_copula

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
