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


def test_identity_words_are_groups_whatever_the_tagger_said(nlp):
    from spacy.tokens import Span

    from dateline.nlp.model import _identity_labels

    doc = nlp("She wrote about the Yazidi faith in Kurdish, and about Sunnis and Smith.")
    words = [t.text for t in doc]
    # as the tagger sometimes reads them: a person, a place, an organisation
    doc.ents = [Span(doc, words.index("Yazidi"), words.index("Yazidi") + 1, label="PERSON"),
                Span(doc, words.index("Kurdish"), words.index("Kurdish") + 1, label="GPE"),
                Span(doc, words.index("Sunnis"), words.index("Sunnis") + 1, label="ORG"),
                Span(doc, words.index("Smith"), words.index("Smith") + 1, label="PERSON")]
    labels = {e.text: e.label_ for e in _identity_labels(doc).ents}
    assert labels == {"Yazidi": "NORP", "Kurdish": "NORP", "Sunnis": "NORP", "Smith": "PERSON"}


def test_the_identity_component_runs_after_the_tagger(nlp):
    assert "dateline_identities" in nlp.pipe_names
    assert nlp.pipe_names.index("dateline_identities") > nlp.pipe_names.index("ner")


def test_a_blank_line_ends_a_sentence(nlp):
    # a headline without a full stop is not read into the next paragraph's first sentence
    doc = nlp("Minister welcomes the deal in the fight against the militia\n\nMinister Osei said: it is good.")
    sents = [s.text.strip() for s in doc.sents]
    assert sents[0] == "Minister welcomes the deal in the fight against the militia"
    assert sents[1].startswith("Minister Osei said")
    # a single line break (hard-wrapped text) is left to the parser
    doc = nlp("The talks with\nPresident Osei ended on Monday.")
    assert len(list(doc.sents)) == 1


def test_a_line_break_ends_a_sentence_unless_the_text_is_hard_wrapped(nlp):
    body = ("Officials in the capital said on Monday that the talks between the two delegations would "
            "resume next week after a pause of several days, and that both sides had agreed to a new agenda.")
    doc = nlp("Ministers meet in Geneva over the border dispute\nNadia Osei\n" + body)
    starts = [s.text.strip() for s in doc.sents]
    assert starts[:2] == ["Ministers meet in Geneva over the border dispute", "Nadia Osei"]
    wrapped = ("Officials in the capital said on Monday that the talks\nbetween the two delegations would "
               "resume next\nweek after a pause of several days, and that both\nsides had agreed to a new agenda.")
    assert len(list(nlp(wrapped).sents)) == 1


def test_hard_wrapped_text_is_recognised():
    from dateline.nlp.model import hard_wrapped

    assert hard_wrapped("short line\nanother short line\nand a third")
    assert not hard_wrapped("A headline\n" + "word " * 60)
    assert hard_wrapped("")


def test_the_paragraph_component_runs_before_the_parser(nlp):
    assert nlp.pipe_names.index("dateline_paragraphs") < nlp.pipe_names.index("parser")
