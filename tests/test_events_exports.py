"""Event exports: CAMEO/ICEWS-like CSV, PLOVER JSON and ACLED-like CSV from a store."""

from __future__ import annotations

import csv
import json

import pytest

from dateline.errors import DatelineError
from dateline.store import open_store
from dateline.store import queries

TEXT = ("Warplanes bombed two villages near the border on Saturday, killing 12 civilians. "
        "The rebels threatened to shell the airport.")


@pytest.fixture()
def store(tmp_path, extract):
    rec = extract(TEXT, published="2024-05-10")
    # the exports read events, actors and places; other tables are not needed here (and their
    # columns may still be changing while those stages are built)
    rec.times, rec.quotes = [], []
    st = open_store(tmp_path / "t.duckdb")
    st.write_batch([rec])
    yield st
    st.close()


def test_cameo_csv(store, tmp_path):
    out = tmp_path / "e.csv"
    n = queries.export(store, "events", "cameo-csv", str(out))
    rows = list(csv.DictReader(open(out, encoding="utf-8")))
    assert n == len(rows) >= 2
    bomb = next(r for r in rows if r["trigger"] == "bombed")
    assert bomb["cameo_code"] == "195" and bomb["cameo_root"] == "19"
    assert bomb["plover_type"] == "ASSAULT" and bomb["story_id"]
    assert "bombed" in bomb["sentence"] and bomb["evidence"]


def test_plover_json(store, tmp_path):
    out = tmp_path / "e.json"
    queries.export(store, "events", "plover-json", str(out))
    data = json.loads(out.read_text(encoding="utf-8"))
    bomb = next(r for r in data if r["eventText"] == "bombed")
    assert bomb["event"] == "ASSAULT" and bomb["mode"] == "aerial"
    assert bomb["dead"] == 12
    assert bomb["date"].startswith("2024-05")   # "on Saturday", resolved by the time stage or the publication date
    assert {r["modality"] for r in data} >= {"asserted", "threatened"}


def test_acled_csv_only_events_with_an_acled_type(store, tmp_path):
    out = tmp_path / "a.csv"
    queries.export(store, "events", "acled-csv", str(out))
    rows = list(csv.DictReader(open(out, encoding="utf-8")))
    assert rows and all(r["event_type"] for r in rows)
    bomb = next(r for r in rows if "bombed" in r["notes"])
    assert bomb["sub_event_type"] == "Air/drone strike" and bomb["fatalities"] == "12"


def test_event_formats_need_the_events_table(store, tmp_path):
    with pytest.raises(DatelineError):
        queries.export(store, "actors", "cameo-csv", str(tmp_path / "x.csv"))
