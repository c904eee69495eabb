"""Long articles are parsed in pieces cut at paragraph breaks and joined back into one Doc."""

from __future__ import annotations

import random

import pytest

from dateline.nlp.chunks import cut_points, pieces
from dateline.pipeline import Pipeline

PARAGRAPHS = [
    "Police in the river town of Almsford arrested six men on Tuesday after a night of looting.",
    "The regional governor, Clara Voss, said the curfew would stay in place until Friday.",
    "Aid workers from the Red Cross delivered water to 300 families in the eastern district.",
    "Farmers blocked the main road to the capital, demanding lower fuel prices.",
    "Army engineers repaired the damaged bridge over the Lenn river on Wednesday.",
]


def test_pieces_join_back_to_the_text_and_respect_the_size():
    rng = random.Random(7)
    for _ in range(200):
        words = [rng.choice(["troops", "fired", "on", "the", "town.", "Aid\n", "\n\n", "arrived", "x" * 30])
                 for _ in range(rng.randint(0, 400))]
        text = " ".join(words)
        size = rng.choice([50, 120, 400])
        ps = pieces(text, size)
        assert "".join(ps) == text
        assert all(len(p) <= size for p in ps)


def test_cuts_prefer_paragraph_breaks():
    text = "\n\n".join(PARAGRAPHS * 4)
    cuts = cut_points(text, 400)
    assert cuts and all(text[c - 2:c] == "\n\n" for c in cuts)
    assert cut_points(text, len(text)) == [] and cut_points(text, 0) == []


def test_a_run_with_no_space_is_cut_where_it_must_be():
    assert pieces("y" * 250, 100) == ["y" * 100, "y" * 100, "y" * 50]


@pytest.fixture(scope="module")
def long_text():
    return "\n\n".join(PARAGRAPHS * 6)


def test_chunked_doc_has_the_text_offsets_and_entities_of_each_paragraph(nlp, long_text):
    pipe = Pipeline(specs=[], config={"spacy_batch_chars": 1000, "spacy_chunk_chars": 500, "batch_size": 8}, nlp=nlp)
    [doc] = list(pipe.docs([long_text]))
    assert doc.text == long_text
    assert all(long_text[t.idx:t.idx + len(t.text)] == t.text for t in doc)
    # every paragraph's entities, where the paragraph parsed alone puts them
    start = 0
    for para in long_text.split("\n\n"):
        alone = {(e.start_char + start, e.end_char + start, e.label_) for e in nlp(para).ents}
        found = {(e.start_char, e.end_char, e.label_) for e in doc.ents if start <= e.start_char < start + len(para)}
        assert found == alone
        start += len(para) + 2
    assert all(s.text.strip() for s in doc.sents)


def test_long_article_through_every_stage_keeps_offsets(pipeline, long_text):
    from dateline.ingest.normalize import article_id
    from dateline.model import Article, Record

    old = pipeline.config.get("spacy_chunk_chars")
    pipeline.config["spacy_chunk_chars"] = 500
    try:
        rec = pipeline.process([Record(article=Article(id=article_id(long_text), text=long_text))])[0]
    finally:
        pipeline.config["spacy_chunk_chars"] = old
    text = rec.article.text
    assert len(rec.events) >= 6 and not rec.rejects
    for ev in rec.events:
        assert text[ev.trigger.start:ev.trigger.end] == ev.trigger.text
    assert sum(a.text == "Clara Voss" for a in rec.actors) == 6
