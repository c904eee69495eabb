"""Attitude adjectives after a linking verb: "X is confident that ...", "X was critical of ..."."""

from __future__ import annotations

from typing import Optional

from .boundaries import _cut_trailing, _finish_parts
from .common import SUBJECTS, Found, _Doc, _verb_group

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
