"""Speaker resolution (name, apposition, nominal, pronoun), about-actors and reported-by events.

The actors are built by hand so that these tests check the quotes stage alone.
"""

import pytest

from dateline.model import Actor, Article, Event, Mention, Record, Sentence, TextSpan
from dateline.quotes.stage import make_quotes_stage

TEXT = ("Mara Velk, a former diplomat, met the council of Ostrava on Monday. "
        "“The border must stay open,” the diplomat said. "
        "Later she added that Ruritania had shelled the bridge. "
        "The Ostrava council said it would send food.")


@pytest.fixture(scope="module")
def record(nlp):
    doc = nlp(TEXT)
    aid = "t"
    actors, mentions = [], []
    for n, (phrase, person) in enumerate([("Mara Velk", True), ("council of Ostrava", False),
                                          ("Ruritania", False), ("The Ostrava council", False)]):
        s = TEXT.index(phrase)
        actors.append(Actor(id=f"{aid}:a{n}", text=phrase, start=s, end=s + len(phrase), name=phrase))
        mentions.append(Mention(id=f"{aid}:m{n}", text=phrase, start=s, end=s + len(phrase),
                                label="PERSON" if person else "ORG"))
    trig = TEXT.index("shelled")
    sent = Sentence(id=f"{aid}:s2", start=TEXT.index("Later"), end=TEXT.index("bridge.") + 7)
    event = Event(id=f"{aid}:e0", type="ASSAULT", trigger=TextSpan(text="shelled", start=trig, end=trig + 7),
                  sentence=sent)
    rec = Record(article=Article(id=aid, text=TEXT), mentions=mentions, actors=actors, events=[event])
    make_quotes_stage({})(rec, doc)
    return rec


def quote_with(record, cue):
    found = [q for q in record.quotes if q.cue and q.cue.text == cue]
    assert found, [q.cue.text for q in record.quotes]
    return found[0]


def test_nominal_source_resolves_to_the_described_actor(record):
    q = quote_with(record, "said")
    assert q.source.text == "the diplomat"
    assert q.speaker == "t:a0" and "nominal" in q.reason


def test_pronoun_source_resolves_to_the_last_person(record):
    q = quote_with(record, "added")
    assert q.source.text == "she" and q.speaker == "t:a0" and "pronoun" in q.reason


def test_named_source_resolves_to_its_actor(record):
    q = [q for q in record.quotes if q.source and q.source.text == "The Ostrava council"][0]
    assert q.speaker == "t:a3"


def test_about_and_reported_by(record):
    q = quote_with(record, "added")
    assert q.about == ["t:a2"]
    assert q.events == ["t:e0"]
    assert record.events[0].reported_by == q.id


def test_quote_ids_are_stable_and_unique(record):
    ids = [q.id for q in record.quotes]
    assert ids == [f"t:q{i}" for i in range(len(ids))]


def test_stage_on_empty_and_odd_text(nlp):
    stage = make_quotes_stage({})
    for text in ["", "said", "🙂 “", "x " * 2000]:
        rec = Record(article=Article(id="e", text=text))
        stage(rec, nlp(text))
        assert isinstance(rec.quotes, list)
