"""The nlp stage: mention spans and the tokenizer additions, on sentences written for the test."""

from __future__ import annotations

from dateline.nlp.stage import sentences_and_mentions


def test_bound_prefix_is_no_part_of_a_group_name(nlp):
    text = "The envoy called for a prompt renewal of intra-Syrian talks in Geneva."
    _, ents = sentences_and_mentions(nlp(text))
    norp = [(t, s, e) for t, s, e, label in ents if label == "NORP"]
    assert norp == [("Syrian", text.index("Syrian"), text.index("Syrian") + 6)]


def test_footnote_marks_are_split_from_words(nlp):
    doc = nlp("The treaty was signed by Omar Haddad,[2] and ratified in 2005.[4][5] Then it lapsed.")
    words = [t.text for t in doc]
    assert "Haddad" in words and "[" in words and "2005" in words
    assert len(list(doc.sents)) >= 2
