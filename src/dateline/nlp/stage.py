"""The nlp stage: sentences and named-entity mentions from the spaCy Doc."""

from __future__ import annotations

import re

from ..model import Mention, Record, Sentence
from ..pipeline import register


def sentences_and_mentions(doc) -> tuple[list[tuple[int, int]], list[tuple[str, int, int, str]]]:
    """Compute: sentence bounds and entity spans (trailing whitespace trimmed; a NORP span without a
    lower-case bound prefix such as "intra-")."""
    sents = []
    for sent in doc.sents:
        start, end = sent.start_char, sent.end_char
        text = sent.text
        stripped = text.rstrip()
        end -= len(text) - len(stripped)
        start += len(stripped) - len(stripped.lstrip())
        if end > start:
            sents.append((start, end))
    ents = []
    for e in doc.ents:
        text, start = e.text, e.start_char
        if e.label_ == "NORP":
            # "intra-Syrian", "pan-Arab": the bound prefix is no part of the group's name
            m = NORP_PREFIX.match(text)
            if m:
                text, start = text[m.end():], start + m.end()
        ents.append((text, start, e.end_char, e.label_))
    return sents, ents


NORP_PREFIX = re.compile(r"(?:intra|inter|pan|trans)-(?=[A-Z])")


@register("nlp", "dateline.nlp.v1", requires=("article", "doc"), assigns=("sentences", "mentions"),
          spacy=("doc.sents", "doc.ents"),
          description="spaCy sentences and named entities (the model is chosen by `spacy_model`)")
def make_nlp_stage(config: dict):
    def nlp_stage(record: Record, doc) -> None:
        sents, ents = sentences_and_mentions(doc)
        aid = record.article.id
        record.sentences = [Sentence(id=f"{aid}:s{i}", start=s, end=e) for i, (s, e) in enumerate(sents)]
        record.mentions = [Mention(id=f"{aid}:m{i}", text=t, start=s, end=e, label=label)
                           for i, (t, s, e, label) in enumerate(ents)]

    return nlp_stage
