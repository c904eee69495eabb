"""A small hand-made database for the API and browser tests (imported by test_api_*.py and test_web_*.py).

Three articles written for these tests, with every span at the right offsets, including hostile text:
an article whose body carries ``<script>alert(1)</script>`` and ``<img src=x onerror=alert(1)>``,
an actor and a place whose names are HTML, and an emoji before the spans (code points vs UTF-16).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dateline.model import (Actor, Article, Event, EventTime, Place, Quantity, Quote, Record, Sentence, TextSpan,
                            TimeRef)
from dateline.store import Store

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
HTML_ACTOR = "Eastern <b>Militia</b>"

TEXT1 = ("Northland forces shelled the port of Easthaven on Monday, killing 12 civilians. "
         "The Southland government condemned the attack and called it a crime.\n\n"
         "\"We will answer this,\" said Mira Holt, the Southland foreign minister.")
TEXT2 = ("🕊️ Envoys of Northland and Southland met in Genfield on Friday to discuss a ceasefire. "
         f"A protester outside held a sign that read {IMG} and shouted {SCRIPT} at the cars.\n\n"
         f"Fighters of the {HTML_ACTOR} attacked a checkpoint near Genfield on Thursday.")
TEXT3 = "Northland denied that it would launch a ground assault on Westport. Residents of Westport stayed indoors."


def at(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def span(text: str, needle: str, nth: int = 0) -> TextSpan:
    s, e = at(text, needle, nth)
    return TextSpan(text=needle, start=s, end=e)


def sentence(aid: str, text: str, n: int, first_words: str) -> Sentence:
    s = text.index(first_words)
    e = text.find(".", s) + 1
    return Sentence(id=f"{aid}:s{n}", start=s, end=e)


def actor(aid: str, text: str, n: int, needle: str, name: str, country: str, sector: str, nth: int = 0) -> Actor:
    s, e = at(text, needle, nth)
    return Actor(id=f"{aid}:a{n}", text=needle, start=s, end=e, name=name, country=country, sector=sector,
                 kb_id="x:" + name.lower().replace(" ", "-"), score=0.9, reason=f"'{needle}' is a {country} {sector} alias in the KB")


def place(aid: str, text: str, n: int, needle: str, name: str, lat: float, lon: float, nth: int = 0) -> Place:
    s, e = at(text, needle, nth)
    return Place(id=f"{aid}:p{n}", text=needle, start=s, end=e, name=name, feature="city", lat=lat, lon=lon,
                 country="NLD", score=0.8, reason="only city of that name in the test gazetteer")


def time_ref(aid: str, text: str, n: int, needle: str, value: str) -> TimeRef:
    s, e = at(text, needle)
    return TimeRef(id=f"{aid}:t{n}", text=needle, start=s, end=e, type="DATE", value=value, anchor="dct", score=0.9,
                   reason="weekday before the publication date")


def records() -> list[Record]:
    a1 = "a1test0000000001"
    s0 = sentence(a1, TEXT1, 0, "Northland forces")
    s1 = sentence(a1, TEXT1, 1, "The Southland government")
    r1 = Record(article=Article(id=a1, title="Port of Easthaven shelled", source="Test Wire", text=TEXT1,
                                published=dt.date(2025, 3, 12), published_from="header"),
                sentences=[s0, s1],
                actors=[actor(a1, TEXT1, 0, "Northland forces", "Northland", "NLX", "MIL"),
                        actor(a1, TEXT1, 1, "civilians", "civilians", "SLX", "CVL"),
                        actor(a1, TEXT1, 2, "The Southland government", "Southland", "SLX", "GOV"),
                        actor(a1, TEXT1, 3, "Mira Holt", "Mira Holt", "SLX", "GOV")],
                places=[place(a1, TEXT1, 0, "Easthaven", "Easthaven", 52.1, 4.3)],
                times=[time_ref(a1, TEXT1, 0, "on Monday", "2025-03-10")])
    r1.events = [
        Event(id=f"{a1}:e0", type="ASSAULT", mode="shelling", intensity=-9.0, modality="asserted",
              sources=[f"{a1}:a0"], targets=[f"{a1}:a1"], place=f"{a1}:p0",
              time=EventTime(value="2025-03-10", start_date=dt.date(2025, 3, 10), end_date=dt.date(2025, 3, 10),
                             granularity="day", **{"from": f"{a1}:t0"}),
              quantities=[Quantity(kind="killed", min=12, max=12, **span(TEXT1, "12 civilians").model_dump())],
              trigger=span(TEXT1, "shelled"), sentence=s0, score=0.9, reason="'shelled' is an ASSAULT verb (mode shelling)"),
        Event(id=f"{a1}:e1", type="ACCUSE", intensity=-2.0, modality="asserted", sources=[f"{a1}:a2"],
              targets=[f"{a1}:a0"], trigger=span(TEXT1, "condemned"), sentence=s1, score=0.7,
              time=EventTime(**{"from": "publication date"}), reason="'condemned' is an ACCUSE verb"),
    ]
    r1.quotes = [Quote(id=f"{a1}:q0", kind="direct", speaker=f"{a1}:a3", source=span(TEXT1, "Mira Holt"),
                       cue=span(TEXT1, "said"), content=span(TEXT1, "We will answer this,"), about=[f"{a1}:a0"],
                       score=0.9, reason="quote marks and the cue 'said'")]

    a2 = "a2test0000000002"
    t0 = sentence(a2, TEXT2, 0, "Envoys of")
    t2 = sentence(a2, TEXT2, 2, "Fighters of")
    r2 = Record(article=Article(id=a2, title=f"Ceasefire talks {SCRIPT}", source="Test Wire", text=TEXT2,
                                published=dt.date(2025, 3, 15), published_from="header"),
                sentences=[t0, sentence(a2, TEXT2, 1, "A protester"), t2],
                actors=[actor(a2, TEXT2, 0, "Northland", "Northland", "NLX", "GOV"),
                        actor(a2, TEXT2, 1, "Southland", "Southland", "SLX", "GOV"),
                        actor(a2, TEXT2, 2, HTML_ACTOR, HTML_ACTOR, "NLX", "REB")],
                places=[place(a2, TEXT2, 0, "Genfield", IMG, 46.2, 6.1),
                        place(a2, TEXT2, 1, "Genfield", "Genfield", 46.2, 6.1, nth=1)],
                times=[time_ref(a2, TEXT2, 0, "on Friday", "2025-03-14"),
                       time_ref(a2, TEXT2, 1, "on Thursday", "2025-03-13")])
    r2.events = [
        Event(id=f"{a2}:e0", type="CONSULT", intensity=1.0, modality="asserted", sources=[f"{a2}:a0"],
              targets=[f"{a2}:a1"], place=f"{a2}:p0", trigger=span(TEXT2, "met"), sentence=t0, score=0.8,
              time=EventTime(value="2025-03-14", start_date=dt.date(2025, 3, 14), end_date=dt.date(2025, 3, 14),
                             granularity="day", **{"from": f"{a2}:t0"}), reason="'met' is a CONSULT verb"),
        Event(id=f"{a2}:e1", type="ASSAULT", intensity=-8.0, modality="asserted", sources=[f"{a2}:a2"],
              targets=[], place=f"{a2}:p1", trigger=span(TEXT2, "attacked"), sentence=t2, score=0.8,
              time=EventTime(value="2025-03-13", start_date=dt.date(2025, 3, 13), end_date=dt.date(2025, 3, 13),
                             granularity="day", **{"from": f"{a2}:t1"}), reason=f"'attacked' is an ASSAULT verb {SCRIPT}"),
    ]

    a3 = "a3test0000000003"
    u0 = sentence(a3, TEXT3, 0, "Northland denied")
    r3 = Record(article=Article(id=a3, title="No ground assault, says Northland", source="Other Post", text=TEXT3,
                                published=dt.date(2025, 3, 20), published_from="header"),
                sentences=[u0, sentence(a3, TEXT3, 1, "Residents")],
                actors=[actor(a3, TEXT3, 0, "Northland", "Northland", "NLX", "GOV")],
                places=[place(a3, TEXT3, 0, "Westport", "Westport", 40.0, -70.0)])
    r3.events = [Event(id=f"{a3}:e0", type="ASSAULT", mode="ground", intensity=-9.0, modality="negated",
                       modality_cue=span(TEXT3, "denied"), sources=[f"{a3}:a0"], place=f"{a3}:p0",
                       trigger=span(TEXT3, "assault"), sentence=u0, score=0.8,
                       time=EventTime(**{"from": "publication date"}), reason="'assault' is an ASSAULT noun")]
    return [r1, r2, r3]


def build_db(path: Path) -> Path:
    store = Store(path)
    try:
        store.write_batch(records())
    finally:
        store.close()
    return path


@pytest.fixture(scope="session")
def api_db(tmp_path_factory) -> Path:
    return build_db(tmp_path_factory.mktemp("api") / "api.duckdb")


def test_fixture_spans_point_at_their_text():
    for rec in records():
        text = rec.article.text
        for item in rec.actors + rec.places + rec.times:
            assert text[item.start:item.end] == item.text
        for e in rec.events:
            assert text[e.trigger.start:e.trigger.end] == e.trigger.text
            assert e.sentence.start <= e.trigger.start < e.trigger.end <= e.sentence.end
