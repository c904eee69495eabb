"""Phrase matching: KB names, country names, demonyms and capitals on the Doc's normalised tokens."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Optional

from .kb import KB



class _Tokens:
    """doc[i], made once per index and kept."""

    __slots__ = ("doc", "cache", "n")

    def __init__(self, doc):
        self.doc, self.cache, self.n = doc, {}, len(doc)

    def __getitem__(self, i: int):
        tok = self.cache.get(i)
        if tok is None:
            tok = self.cache[i] = self.doc[i]
        return tok

    def __len__(self) -> int:
        return self.n


@functools.lru_cache(maxsize=1)
def pos_names() -> dict[int, str]:
    """spaCy's POS symbol ids to names; built on first use, so that importing the stage modules (as
    the main process of a run does to check the configuration) does not import spaCy."""
    from spacy import symbols

    return {getattr(symbols, n): n for n in ("NOUN", "PROPN", "PRON", "ADJ", "VERB", "DET", "ADP", "NUM")}


@dataclass
class Match:
    start: int
    end: int
    key: str
    entities: list = field(default_factory=list)  # [[kb_id, exact]]
    demonym: Optional[str] = None
    capital: Optional[str] = None
    inner: list = field(default_factory=list)  # matches inside a longer NER entity


def match_phrases(doc, kb: KB, ntok: list[str], toks: Optional[list] = None, text: Optional[str] = None) -> list[Match]:
    """Longest KB, country, demonym and capital names, left to right, on normalised tokens."""
    toks = toks if toks is not None else _Tokens(doc)
    text = text if text is not None else doc.text  # Doc.text joins every token on each call
    out: list[Match] = []
    i, n = 0, len(toks)
    while i < n:
        cands = kb.first.get(ntok[i])
        found = None
        if cands:
            for length, key in cands:
                if i + length > n:
                    continue
                if length > 1 and " ".join(ntok[i:i + length]) != key:
                    continue
                m = _accept(text, toks, kb, i, i + length, key)
                if m is not None:
                    found = m
                    break
        if found is not None:
            out.append(found)
            i = found.end
        else:
            i += 1
    return out


def _accept(doc_text: str, toks: list, kb: KB, start: int, end: int, key: str) -> Optional[Match]:
    first = toks[start]
    last = toks[end - 1]
    text = doc_text[first.idx:last.idx + len(last.text)]
    ents = kb.aliases.get(key) or []
    # Acronyms (IS, WHO, AA) only in capitals; other one-word names only capitalised.
    ents = [e for e in ents if (not e[1] or text.replace(" ", "") == e[1].replace(" ", ""))]
    capitalised = first.text[:1].isupper()
    if end - start == 1 and not capitalised:
        return None
    if end - start > 1 and not capitalised and not first.lower_ in ("al", "el", "ad", "as"):
        if not any(c.isupper() for c in text):
            return None
    dem = kb.demonyms.get(key)
    cap = kb.capitals.get(key)
    if not ents and not dem and not cap:
        return None
    if end - start == 1 and first.is_sent_start and not ents and dem is None and first.pos_ not in ("PROPN",):
        return None
    return Match(start, end, key, ents, dem, cap)
