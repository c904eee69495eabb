"""Cross-article event linking: hand-built records written to a temporary DuckDB, then linked."""

from __future__ import annotations

import datetime as dt

import pytest

from dateline.link import cluster as lk
from dateline.model import Actor, Article, Event, EventTime, Place, Quantity, Quote, Record, Sentence, TextSpan
from dateline.store import open_store
from dateline.store import timeline_queries as tq

KRAMATORSK = dict(name="Kramatorsk", geonameid=704508, feature="city", lat=48.72, lon=37.56, admin1="Donetsk",
                  country="UKR")
RYAZAN = dict(name="Ryazan", geonameid=500096, feature="city", lat=54.63, lon=39.74, admin1="Ryazan", country="RUS")


def make_record(aid: str, outlet: str, published: str, text: str, etype: str, trigger: str, src: tuple, tgt: tuple,
                place: dict | None, date: str | None, killed: int | None = None, modality: str = "asserted",
                cameo: str | None = None, intensity: float | None = None, quote_about: bool = False) -> Record:
    """One article with one event: source and target actors as (country, sector, name, surface text)."""
    art = Article(id=aid, source=outlet, published=dt.date.fromisoformat(published), text=text)
    rec = Record(article=art)
    rec.sentences = [Sentence(id=f"{aid}:s0", start=0, end=len(text))]
    actors = []
    for role, (country, sector, name, surface) in (("s", src), ("t", tgt)):
        start = text.find(surface)
        actors.append(Actor(id=f"{aid}:a{role}", text=surface, start=start, end=start + len(surface), name=name,
                            country=country, sector=sector, score=0.9, reason="test"))
    rec.actors = actors
    if place:
        start = text.find(place["name"])
        rec.places = [Place(id=f"{aid}:p0", text=place["name"], start=start, end=start + len(place["name"]),
                            score=0.9, reason="test", **place)]
    t0 = text.find(trigger)
    qty = []
    if killed is not None:
        qt = str(killed)
        qs = text.find(qt)
        qty = [Quantity(kind="killed", min=killed, max=killed, text=qt, start=qs, end=qs + len(qt))]
    d = dt.date.fromisoformat(date) if date else None
    rec.events = [Event(
        id=f"{aid}:e0", type=etype, modality=modality, cameo=cameo, intensity=intensity,
        sources=[actors[0].id], targets=[actors[1].id], place=rec.places[0].id if place else None,
        time=EventTime(value=date, start_date=d, end_date=d, granularity="day" if d else None),
        quantities=qty, trigger=TextSpan(text=trigger, start=t0, end=t0 + len(trigger)),
        sentence=rec.sentences[0], score=0.8, reason="test")]
    if quote_about:
        rec.quotes = [Quote(id=f"{aid}:q0", kind="indirect", speaker=actors[0].id,
                            content=TextSpan(text=text, start=0, end=len(text)), about=[actors[1].id])]
    return rec


RUS_MIL = ("RUS", "MIL", None, "Russian artillery")
UKR_CVL = ("UKR", "CVL", None, "civilians")


@pytest.fixture()
def store(tmp_path):
    s = open_store(tmp_path / "link.duckdb")
    yield s
    s.close()


def first_batch() -> list[Record]:
    return [
        make_record("a1", "Outlet One", "2025-03-04",
                    "Russian artillery shelled Kramatorsk on Monday, killing 30 civilians.",
                    "ASSAULT", "shelled", RUS_MIL, UKR_CVL, KRAMATORSK, "2025-03-03", killed=30, cameo="194",
                    intensity=-9.0),
        make_record("a2", "Outlet Two", "2025-03-04",
                    "Russian artillery struck Kramatorsk, and 32 civilians died, officials said.",
                    "ASSAULT", "struck", RUS_MIL, UKR_CVL, KRAMATORSK, "2025-03-03", killed=32, cameo="194",
                    intensity=-9.0),
        make_record("a3", "Outlet Three", "2025-03-04",
                    "Ukrainian drones hit a refinery in Ryazan overnight, local officials said.",
                    "ASSAULT", "hit", ("UKR", "MIL", None, "Ukrainian drones"), ("RUS", "BUS", None, "refinery"),
                    RYAZAN, "2025-03-03", cameo="195", intensity=-9.5),
        make_record("a4", "Outlet One", "2025-03-04",
                    "Russian artillery will not shell civilians, a spokesman claimed.",
                    "ASSAULT", "shell", RUS_MIL, UKR_CVL, None, "2025-03-03", modality="negated"),
    ]


def test_same_event_from_two_outlets_is_one_cluster_with_disagreement_kept(store):
    store.write_batch(first_batch())
    out = tq.link(store)
    assert out["events_linked"] == 4
    rows = tq.clusters(store, limit=10)
    assert len(rows) == 3      # Kramatorsk (2 outlets), Ryazan, and the negated claim apart
    top = rows[0]
    assert top["n_sources"] == 2 and top["n_articles"] == 2
    assert top["place"] == "Kramatorsk" and top["type"] == "ASSAULT"
    assert top["summary"]["killed"]["values"] == {"30": 1, "32": 1}
    assert "killed" in top["disagreements"]
    members = {r["event_id"] for r in store.query("SELECT event_id FROM cluster_members WHERE cluster_id = ?",
                                                  [top["id"]])}
    assert members == {"a1:e0", "a2:e0"}


def test_incremental_batch_joins_existing_cluster_without_relinking(store):
    store.write_batch(first_batch())
    tq.link(store)
    before = {r["id"]: r for r in tq.clusters(store, limit=10)}
    store.write_batch([make_record(
        "a5", "Outlet Four", "2025-03-05",
        "The shelling of Kramatorsk by Russian artillery on Monday killed 30 civilians, the governor said.",
        "ASSAULT", "shelling", RUS_MIL, UKR_CVL, KRAMATORSK, "2025-03-03", killed=30, cameo="194")])
    out = tq.link(store)
    assert out["events_linked"] == 1 and out["clusters_created"] == 0 and out["clusters_touched"] == 1
    after = {r["id"]: r for r in tq.clusters(store, limit=10)}
    assert set(after) == set(before)
    top = max(after.values(), key=lambda r: r["n_sources"])
    assert top["n_sources"] == 3 and top["last_seen"] == dt.date(2025, 3, 5)
    assert top["summary"]["killed"]["value"] == 30
    assert top["summary"]["killed"]["values"] == {"30": 2, "32": 1}
    # a second run with nothing new changes nothing
    assert tq.link(store)["events_linked"] == 0


def test_dates_too_far_apart_are_different_events(store):
    recs = first_batch()[:1] + [make_record(
        "a6", "Outlet Two", "2025-03-12", "Russian artillery shelled Kramatorsk again on Tuesday.",
        "ASSAULT", "shelled", RUS_MIL, UKR_CVL, KRAMATORSK, "2025-03-11")]
    store.write_batch(recs)
    tq.link(store)
    assert store.query("SELECT count(*) AS n FROM clusters")[0]["n"] == 2


def test_place_relation_and_windows():
    a = lk.PlaceKey(**KRAMATORSK)
    b = lk.PlaceKey(**RYAZAN)
    province = lk.PlaceKey(name="Donetsk Oblast", feature="admin1", admin1="Donetsk", country="UKR")
    assert lk.place_relation(a, a) == "same"
    assert lk.place_relation(a, b) == "different"
    assert lk.place_relation(province, a) == "contains"
    m = lk.Mention(id="x", article="x", type="ASSAULT", date=dt.date(2025, 3, 3), granularity="month")
    lo, hi = m.window()
    assert (hi - lo).days == 62
    assert lk.family("COERCE") == lk.family("ASSAULT") != lk.family("AGREE")
