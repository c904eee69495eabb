"""Pairing quotation marks: curly, straight, doubled apostrophes, unbalanced, across paragraphs."""

from dateline.quotes.marks import paragraphs, quoted_spans


def spans(text):
    return [(text[q.start:q.end], q.closed) for q in quoted_spans(text)]


def test_curly_and_straight_marks_pair():
    text = 'She said “we stay” and he said "we go" and they said \'\'we wait.\'\''
    assert spans(text) == [("“we stay”", True), ('"we go"', True), ("''we wait.''", True)]


def test_lost_closing_mark_ends_at_the_paragraph():
    text = "He said: “We will not leave this town\n\nNext paragraph without marks."
    assert spans(text) == [("“We will not leave this town", False)]


def test_stray_closing_mark_is_ignored():
    assert spans("The result was bad,” he said.") == []


def test_quote_reopened_on_the_next_paragraph():
    text = "“We waited for months.\n\n“Now we act,” she said."
    got = spans(text)
    assert got == [("“We waited for months.", False), ("“Now we act,”", True)]
    assert len(paragraphs(text)) == 2


def test_no_marks_and_empty_text():
    assert spans("") == []
    assert spans("Plain text only.") == []
