"""A statement noun as the subject of "be": "Her view is that ...", "His message was clear: ...".

The noun names what was said or thought and the complement of "be" is its content: a that- or
whether-clause, a bare clause ("My advice is, the only way is to vote"), or the clause after a colon
("Her advice is simple: stay home", where the parser makes the colon clause the root). The possessor
is the source ("Her", "The governor's"); without one there is no source ("The question is whether
...").
"""

from __future__ import annotations

from typing import Optional

# Nouns that name a statement, a view or a plan, beyond the cue nouns of data/cues.tsv.
STATEMENT_NOUNS = frozenset({
    "view", "message", "point", "advice", "answer", "response", "reply", "position", "argument", "take",
    "theory", "strategy", "goal", "idea", "conclusion", "verdict", "explanation", "excuse", "slogan",
    "refrain", "mantra", "motto", "pitch", "line", "assessment", "prediction", "forecast", "contention",
    "premise", "thesis", "claim", "complaint", "concern", "fear", "hope", "belief", "suggestion",
    "worry", "plea", "promise", "pledge", "warning", "opinion", "defense",
    "defence", "case", "instruction", "recommendation", "demand", "request", "proposal", "plan",
    "priority", "aim", "objective", "lesson", "takeaway", "guess", "bet", "assumption", "sense",
})


def noun_copula(d, tok, chars, finish) -> Optional[tuple]:
    """(cue span, content parts, source span or None, source token or None) for a statement noun ``tok``
    that is the subject of "be", else None. ``chars`` and ``finish`` are the detector's helpers."""
    be = tok.head
    if tok.dep_ != "nsubj" or be.lemma_ != "be" or be.i < tok.i:
        return None
    doc = d.doc
    if any(t.lower_ in ("it", "there") for t in doc[tok.i:be.i]):
        return None
    content = None
    clause = next((c for c in be.children if c.dep_ == "ccomp" and c.i > be.i), None)
    if clause is not None:
        content = (clause.left_edge.i, clause.right_edge.i)
        if any(c.dep_ in ("attr", "acomp") and c.i < clause.left_edge.i for c in be.children):
            return None  # "the plan is bold, it works": a judgement, not the plan itself
    elif be.dep_ == "ccomp" and be.head.i > be.i:
        # "Her advice is simple: stay home": the colon clause is the parser's root.
        root = be.head
        colon = next((t for t in doc[be.right_edge.i + 1:root.i] if t.text == ":"), None)
        if colon is None:
            return None
        content = (colon.i + 1, root.right_edge.i)
    if content is None:
        return None
    poss = next((c for c in tok.children if c.dep_ == "poss"), None)
    source = chars(poss.left_edge.i, poss.right_edge.i) if poss is not None else None
    cue = chars(tok.i, be.i)
    parts = finish(d, [chars(*content)], [cue] + ([source] if source else []))
    if not parts or "\n" in d.text[cue[1]:parts[0][0]]:
        return None
    return cue, parts, source, poss.i if poss is not None else None
