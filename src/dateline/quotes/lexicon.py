"""The cue lexicon (data/cues.tsv), read once per process."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).parent / "data"


@dataclass(frozen=True)
class Cue:
    lemma: str
    pos: str
    cls: str  # speech | thought | intent | stance | evidence
    object: str  # content | recipient | none | quote
    preps: tuple[str, ...] = ()  # prepositions whose object is the content; empty: the default set


@functools.lru_cache(maxsize=1)
def cues() -> dict[tuple[str, str], Cue]:
    """(lemma, POS) -> cue entry."""
    out: dict[tuple[str, str], Cue] = {}
    for line in (DATA / "cues.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        lemma, pos, cls, obj = cols[:4]
        preps = tuple(p.strip() for p in cols[4].split(",") if p.strip()) if len(cols) > 4 else ()
        out[(lemma, pos)] = Cue(lemma, pos, cls, obj, preps)
    return out


@functools.lru_cache(maxsize=1)
def colon_labels() -> frozenset[str]:
    """Line labels that are not speakers (data/colon_labels.txt)."""
    lines = (DATA / "colon_labels.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip().lower() for w in lines if w.strip() and not w.startswith("#"))
