"""Property-based tests: every input is stored or rejected with a code; no crash, no offsets outside the text.

CI runs a small number of cases; `make fuzz` runs at least 10,000 (DATELINE_FUZZ_EXAMPLES) and prints
the count.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import conftest
from dateline.errors import CODES
from dateline.ingest import read_inputs
from dateline.ingest.normalize import article_id
from dateline.model import Article, Record, Reject
from dateline.settings import load_config

EXAMPLES = int(os.environ.get("DATELINE_FUZZ_EXAMPLES", "60"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=not os.environ.get("DATELINE_FUZZ_EXAMPLES"),
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                       HealthCheck.data_too_large])
CONFIG = load_config()

ODD = ["\u200f", "\u200e", "\u202e", "\u200d", "\u200b", "\u0301", "\u0308", "\ufeff", "\x00", "\u2028",
       "\U0001F525", "\U0001F1FA\U0001F1E6", "\u00a0", "\r\n", "\t", "\"", "\u201c", "\u201d", "'", "\u2019",
       "<", ">", "&", "{", "}", ",", "\n\n"]
NEWS = ["Rebels shelled the town on Monday, killing 12 civilians.", "The minister said talks would resume.",
        "\u201cWe will not retreat,\u201d the commander told reporters.", "Police arrested 40 protesters in Nairobi.",
        "There will be no ground offensive, Moscow said.", "If the ceasefire fails, the army could advance.",
        "About 2,000 families fled Khartoum last week.", "date 2024-02-30", "According to the UN, aid arrived."]

text_parts = st.one_of(st.sampled_from(ODD), st.sampled_from(NEWS), st.text(max_size=40))
news_like = st.lists(text_parts, max_size=25).map(" ".join)
any_text = st.one_of(news_like, st.text(max_size=400))


def count_case() -> None:
    conftest.FUZZ_CASES["n"] += 1


def check_item(item) -> None:
    assert isinstance(item, (Article, Reject))
    if isinstance(item, Reject):
        assert item.code in CODES and item.reason
    else:
        assert item.text and len(item.text) <= CONFIG["max_article_chars"]
        assert item.id == article_id(item.text)
        assert all(f in CODES for f in item.flags)
        if item.published is not None:
            assert item.published <= dt.date.today() + dt.timedelta(days=CONFIG["future_date_slack_days"])


@FUZZ
@given(data=st.one_of(st.binary(max_size=3000), any_text.map(lambda t: t.encode("utf-8", "surrogatepass"))),
       suffix=st.sampled_from([".txt", ".html", ".jsonl", ".json", ".csv", "", ".md"]))
def test_ingest_any_bytes(tmp_path_factory, data, suffix):
    count_case()
    folder = tmp_path_factory.mktemp("fz")
    path = folder / f"input{suffix}"
    path.write_bytes(data)
    items = list(read_inputs([str(path)], CONFIG))
    assert items, "every input gives at least an article or a reject"
    for item in items:
        check_item(item)


@FUZZ
@given(header=st.one_of(st.text(max_size=30), st.dates().map(str), st.sampled_from(
    ["2024-02-30", "9999-12-31", "0001-01-01", "2024-1-1", "yesterday", "1e10", "2024-06-01T25:00", "-1"])),
       body=news_like)
def test_hostile_date_headers(tmp_path_factory, header, body):
    count_case()
    path = tmp_path_factory.mktemp("fz") / "a.txt"
    path.write_text(f"date {header}\n{body}", encoding="utf-8", errors="surrogatepass")
    for item in read_inputs([str(path)], CONFIG):
        check_item(item)


@FUZZ
@given(lines=st.lists(st.one_of(st.text(max_size=80), st.sampled_from(
    ['{"text": "Troops withdrew from the border post."}', '{"text": 5}', "[1, 2]", "null", '{"text": ""}',
     '{"published": "2024-13-01", "text": "Aid arrived."}', "{broken"])), max_size=12))
def test_malformed_jsonl_and_csv(tmp_path_factory, lines):
    count_case()
    folder = tmp_path_factory.mktemp("fz")
    (folder / "a.jsonl").write_text("\n".join(lines), encoding="utf-8", errors="surrogatepass")
    (folder / "b.csv").write_text("text,published\n" + "\n".join(lines), encoding="utf-8", errors="surrogatepass")
    for item in read_inputs([str(folder)], CONFIG):
        check_item(item)


def spans_of(rec: Record):
    for s in rec.sentences:
        yield "sentence", s.start, s.end, None
    for group in (rec.mentions, rec.actors, rec.places, rec.times):
        for x in group:
            yield type(x).__name__, x.start, x.end, x.text
    for e in rec.events:
        yield "trigger", e.trigger.start, e.trigger.end, e.trigger.text
        yield "event sentence", e.sentence.start, e.sentence.end, None
        for q in e.quantities:
            yield "quantity", q.start, q.end, q.text
    for q in rec.quotes:
        for part in (q.source, q.cue, q.content):
            if part is not None:
                yield "quote", part.start, part.end, part.text


@FUZZ
@given(text=any_text, published=st.one_of(st.none(), st.dates(min_value=dt.date(1990, 1, 1),
                                                               max_value=dt.date(2030, 12, 31))))
def test_every_stage_on_any_text(extract, text, published):
    count_case()
    text = text.replace("\x00", "")
    if not text.strip():
        return
    rec = extract(text, published.isoformat() if published else None)
    n = len(rec.article.text)
    for kind, start, end, span_text in spans_of(rec):
        assert 0 <= start <= end <= n, f"{kind} span {start}:{end} outside a text of {n} characters"
        if span_text is not None:
            assert rec.article.text[start:end] == span_text, f"{kind} text does not match its offsets"
    failures = [r for r in rec.rejects if r.code == "E301"]
    assert not failures, failures[0].reason
    ids = {a.id for a in rec.actors}
    for e in rec.events:
        assert set(e.sources) <= ids and set(e.targets) <= ids
        assert e.place is None or e.place in {p.id for p in rec.places}
