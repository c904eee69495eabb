"""The time stage in the pipeline: TimeRef fields that later stages (events) copy, and the calendar."""

from __future__ import annotations

import datetime as dt

from dateline.pipeline import registry
from dateline.time.calendar import bounds


def test_stage_is_registered_and_implemented():
    spec = registry()["dateline.time.v1"]
    assert spec.implemented
    assert spec.requires == ("article", "doc")  # reads only the Doc: runs without the nlp stage
    assert spec.assigns == ("times",)


def test_record_times_carry_evidence_interval_and_reason(extract):
    text = "Rebels shelled the market on Monday. The UN will send aid at the end of July."
    record = extract(text, published="2018-08-18")
    by_text = {t.text: t for t in record.times}
    monday = by_text["Monday"]
    assert text[monday.start:monday.end] == "Monday"
    assert monday.id == f"{record.article.id}:t0"
    assert (monday.type, monday.value, monday.anchor) == ("DATE", "2018-08-13", "dct")
    assert (monday.start_date, monday.end_date, monday.granularity) == (dt.date(2018, 8, 13), dt.date(2018, 8, 13), "day")
    assert monday.reason and 0 < monday.score <= 1
    july = by_text["the end of July"]
    assert (july.value, july.mod, july.granularity) == ("2019-07", "END", "month")
    assert july.start_date == dt.date(2019, 7, 22) and july.end_date == dt.date(2019, 7, 31)


def test_durations_have_no_interval(extract):
    record = extract("The siege lasted three weeks.", published="2018-08-18")
    (t,) = record.times
    assert (t.type, t.value, t.start_date, t.granularity) == ("DURATION", "P3W", None, None)


def test_bounds_of_timeml_values():
    assert bounds("2018-W33") == (dt.date(2018, 8, 13), dt.date(2018, 8, 19), "week")
    assert bounds("2018-W33-WE") == (dt.date(2018, 8, 18), dt.date(2018, 8, 19), "week")
    assert bounds("2018-SU") == (dt.date(2018, 6, 1), dt.date(2018, 8, 31), "season")
    assert bounds("2018-WI") == (dt.date(2018, 12, 1), dt.date(2019, 2, 28), "season")
    assert bounds("2013-Q1") == (dt.date(2013, 1, 1), dt.date(2013, 3, 31), "quarter")
    assert bounds("199") == (dt.date(1990, 1, 1), dt.date(1999, 12, 31), "decade")
    assert bounds("2018-08-10T15:00") == (dt.date(2018, 8, 10), dt.date(2018, 8, 10), "day")
    assert bounds("2018", "START") == (dt.date(2018, 1, 1), dt.date(2018, 5, 1), "year")
    assert bounds("PRESENT_REF", dct=dt.date(2018, 8, 18)) == (dt.date(2018, 8, 18), dt.date(2018, 8, 18), "day")
    assert bounds("2018-02-30") == (None, None, None)
    assert bounds("P3D") == (None, None, None)


def test_docs_example_is_what_the_stage_gives(extract):
    from pathlib import Path

    page = (Path(__file__).resolve().parents[1] / "docs" / "time.md").read_text(encoding="utf-8")
    record = extract("Diplomats met on Wednesday and will meet again on Wednesday.", published="2018-08-18")
    for t in record.times:
        assert repr((t.text, t.value, t.reason)) in page  # docs/time.md shows this output verbatim
