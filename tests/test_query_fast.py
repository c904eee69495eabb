"""The fast paths of the event list and the dyad timeline (derived columns, store/derived.py) give
exactly what the plain SQL over the joined tables gives, on a database built to hold the awkward
cases: mixed case and non-ASCII names, NULL countries, an event whose article is missing, events
without actors or place, a list naming an actor twice or an actor that is not stored, quotes about
several actors, NULL dates."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import random

import pytest

from dateline.store import derived, open_store, queries, timeline_queries

COUNTRIES = [("RUS", "Russia"), ("UKR", "Ukraine"), ("FRA", "France"), ("TUR", "Türkiye"), (None, "Wagner")]
SECTORS = [("GOV", "government"), ("MIL", "army"), (None, "group")]
PLACES = [("Lviv", 702550, "UA"), ("Paris", 2988507, "FR"), ("Ankara", 323786, "TR"), ("İzmir", 311046, "TR")]
MODALITIES = ["asserted", "asserted", "negated", "future"]
TYPES = ["ASSAULT", "CONSULT", "AID", "THREATEN"]


def _rows(n_articles: int, seed: int = 3) -> dict[str, list[dict]]:
    rng = random.Random(seed)
    out: dict[str, list[dict]] = {t: [] for t in ("articles", "actors", "places", "events", "event_actors", "quotes")}
    day0 = dt.date(2024, 1, 1)
    for i in range(n_articles):
        aid = f"art{i:04d}"
        published = None if i % 11 == 0 else day0 + dt.timedelta(days=rng.randrange(0, 200))
        text = ""
        actors = []
        for k in range(4):
            code, cname = rng.choice(COUNTRIES)
            sector, sname = rng.choice(SECTORS)
            surface = f"{cname} {sname}".upper() if k == 3 else f"{cname} {sname}"
            xid = f"{aid}:a{k}"
            out["actors"].append({"id": xid, "article_id": aid, "text": surface, "start": 0, "end": len(surface),
                                  "name": None if k == 2 else f"{cname} ({sname})", "country": code,
                                  "sector": sector, "kb_id": f"{code}:{sector}" if code and sector else None,
                                  "score": 0.9, "reason": "written for this test"})
            actors.append(xid)
        pname, gid, cc = rng.choice(PLACES)
        pid = f"{aid}:p0"
        out["places"].append({"id": pid, "article_id": aid, "text": pname.lower() if i % 3 else pname, "start": 0,
                              "end": len(pname), "name": pname, "geonameid": gid, "feature": "city", "lat": 1.0,
                              "lon": 2.0, "admin1": None, "country": cc, "score": 0.8, "reason": "test"})
        for k in range(3):
            s0 = len(text)
            text += f"Sentence {k} of report {i}: one side met the other near the river. "
            src, tgt = rng.sample(actors, 2)
            sources = [src] if k else [src, src, f"{aid}:missing"]  # a repeated id and one not stored
            targets = [] if (i + k) % 7 == 0 else [tgt]
            start = None if (i + k) % 5 == 0 else (published or day0) - dt.timedelta(days=k)
            end = [start, start and start + dt.timedelta(days=9), None][k]  # a range, an open end
            if start is None and i % 2:
                end = day0 + dt.timedelta(days=rng.randrange(0, 200))  # an end without a start
            eid = f"{aid}:e{k}"
            out["events"].append({
                "id": eid, "article_id": aid if (i, k) != (4, 1) else "no-such-article", "type": rng.choice(TYPES),
                "modality": rng.choice(MODALITIES), "intensity": float(k), "cameo": None, "sources": sources,
                "targets": targets, "place": pid if k != 1 else None, "start_date": start, "end_date": end,
                "quantities": json.dumps([]), "trigger_text": "met", "trigger_start": s0, "trigger_end": s0 + 3,
                "sentence_id": f"{aid}:s{k}", "sentence_start": s0, "sentence_end": len(text) - 1, "score": 0.5,
                "reason": "test"})
            for role, ids in (("source", sources), ("target", targets)):
                for x in dict.fromkeys(ids):
                    out["event_actors"].append({"event_id": eid, "actor_id": x, "role": role})
        out["quotes"].append({"id": f"{aid}:q0", "article_id": aid, "kind": "direct", "speaker": actors[0],
                              "content_text": f"We spoke about it, said speaker {i}", "about": actors[1:3],
                              "events": [], "score": 0.9, "reason": "test"})
        out["articles"].append({"id": aid, "title": f"Report {i}", "published": published, "text": text,
                                "source": "Test Wire", "language": "en", "flags": [], "stages": [],
                                "n_sentences": 3})
    return out


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("fast") / "fast.duckdb"
    st = open_store(path)
    rows = _rows(60)
    with st.transaction():
        for table in ("articles", "actors", "places", "events", "event_actors", "quotes"):
            st._insert(table, rows[table])
        derived.derive(st.con)
    yield st
    st.close()


ACTOR_VALUES = ["RUS", "rus", "Russia (army)", "russia ARMY", "UKR:MIL", "TÜRKIYE GROUP", "türkiye (group)",
                "Wagner group", "nobody", "RUS:GOV", "ukr mil", "FRA"]
PLACE_VALUES = ["Lviv", "PARIS", "tr", "TR", "702550", "İzmir", "i̇zmir", "nowhere"]


def test_every_row_is_derived(store):
    assert derived.ready(store.con) and derived.ready(store.con, "quotes")
    assert store.query("SELECT count(*) AS n FROM events WHERE NOT has_article")[0]["n"] == 1


@pytest.mark.parametrize("modality", ["asserted", "all", "negated"])
def test_event_list_fast_path_equals_plain_sql(store, modality):
    cases = [{}] + [{"actor": a} for a in ACTOR_VALUES] + [{"place": p} for p in PLACE_VALUES] + [
        {"type": "assault"}, {"date_from": "2024-02-01"}, {"date_to": "2024-03-15"},
        {"type": "CONSULT", "date_from": "2024-01-20", "date_to": "2024-04-30", "actor": "UKR"},
        {"actor": "FRA", "place": "Paris"}]
    compared = 0
    for kw, (limit, offset) in itertools.product(cases, [(50, 0), (7, 3), (5000, 0)]):
        lo, hi = queries._date(kw.get("date_from"), "from"), queries._date(kw.get("date_to"), "to")
        fast = queries.events(store, modality=modality, limit=limit, offset=offset, **kw)
        plain = queries.events_plain(store, kw.get("type"), kw.get("actor"), lo, hi, kw.get("place"),
                                     modality, limit, offset)
        assert fast == plain, kw
        compared += bool(plain)
    assert compared > 40  # most cases do match something


def test_dyad_fast_path_equals_plain_sql(store):
    pairs = [(a, None) for a in ACTOR_VALUES] + list(itertools.permutations(["RUS", "Ukraine (army)", "FRA:GOV",
                                                                              "türkiye group"], 2))
    for (a, b), modality in itertools.product(pairs, ["asserted", "all"]):
        for lo, hi in [(None, None), (dt.date(2024, 2, 1), dt.date(2024, 5, 1))]:
            fast = timeline_queries._items(store, a, b, modality, lo, hi)
            assert fast == timeline_queries._items_plain(store, a, b, modality, lo, hi), (a, b, modality, lo)
    out = timeline_queries.dyad(store, "RUS", "UKR", limit=3, offset=1)
    assert len(out["items"]) == 3


@pytest.mark.parametrize("period", ["day", "week", "month"])
def test_dyad_counted_in_sql_equals_counting_every_item(store, period):
    """The fast dyad counts periods and picks its page in SQL; the plain one reads every item and
    counts in Python (link/timelines.aggregate). Both give the same answer."""
    from dateline.link.timelines import aggregate

    pairs = [(a, None) for a in ACTOR_VALUES] + [("RUS", "UKR"), ("UKR", "RUS"), ("FRA:GOV", "RUS")]
    compared = 0
    for (a, b), modality, (lo, hi), (limit, offset) in itertools.product(
            pairs, ["asserted", "all"], [(None, None), ("2024-02-01", "2024-05-01")], [(200, 0), (5, 3)]):
        out = timeline_queries.dyad(store, a, b, period=period, modality=modality, date_from=lo, date_to=hi,
                                    limit=limit, offset=offset)
        items = timeline_queries._items_plain(store, a, b, modality, queries._date(lo, "from"), queries._date(hi, "to"))
        want = aggregate(items, period)
        assert out["n_items"] == len(items) and out["items"] == items[offset:offset + limit], (a, b, modality, lo)
        assert [{k: v for k, v in p.items() if k != "mean_intensity"} for p in out["periods"]] == \
            [{k: v for k, v in p.items() if k != "mean_intensity"} for p in want]
        assert [p["mean_intensity"] for p in out["periods"]] == \
            pytest.approx([p["mean_intensity"] for p in want], abs=1e-3, nan_ok=True)
        compared += bool(items)
    assert compared > 20


def test_rederiving_gives_the_same_columns(store):
    """The migration's backfill and the writers run the same SQL: clearing and deriving again
    (what the migration does to an older database) changes nothing."""
    cols = ", ".join(derived.DERIVED_COLUMNS["events"])
    qcols = ", ".join(derived.DERIVED_COLUMNS["quotes"])
    before = (store.query(f"SELECT id, {cols} FROM events ORDER BY id"),
              store.query(f"SELECT id, {qcols} FROM quotes ORDER BY id"))
    with store.transaction():
        store.con.execute(f"UPDATE events SET {', '.join(c + ' = NULL' for c in derived.DERIVED_COLUMNS['events'])}")
        store.con.execute(f"UPDATE quotes SET {', '.join(c + ' = NULL' for c in derived.DERIVED_COLUMNS['quotes'])}")
        assert not derived.ready(store.con)
        derived.derive(store.con)
    assert (store.query(f"SELECT id, {cols} FROM events ORDER BY id"),
            store.query(f"SELECT id, {qcols} FROM quotes ORDER BY id")) == before


def test_a_value_holding_the_separator_takes_the_plain_sql(store):
    odd = "RUS" + derived.SEP + "c:RUS"
    assert derived.actor_match("e.source", odd) is None
    assert queries.events(store, actor=odd) == []
    assert timeline_queries.dyad(store, odd)["n_items"] == 0


def test_older_database_is_migrated_with_its_rows(tmp_path):
    """A database at schema 6 (no derived columns) gets them, filled, when opened for writing."""
    from dateline.store.migrations import MIGRATIONS

    path = tmp_path / "old.duckdb"
    st = open_store(path)
    st.close()
    import duckdb

    con = duckdb.connect(str(path))
    for c in derived.DERIVED_COLUMNS["events"]:
        con.execute(f"ALTER TABLE events DROP COLUMN {c}")
    for c in derived.DERIVED_COLUMNS["quotes"]:
        con.execute(f"ALTER TABLE quotes DROP COLUMN {c}")
    con.execute("DELETE FROM schema_migrations WHERE version = 7")
    rows = _rows(12, seed=5)
    for table in ("articles", "actors", "places", "events", "event_actors", "quotes"):
        con.register("_r", __import__("pyarrow").Table.from_pylist(rows[table]))
        con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _r")
        con.unregister("_r")
    con.close()
    with open_store(path, read_only=True) as ro:  # not migrated: the plain SQL answers
        assert not derived.ready(ro.con)
        plain = queries.events(ro, actor="rus", modality="all")
    with open_store(path) as rw:
        assert rw.version() == max(v for v, _, _ in MIGRATIONS)
        assert derived.ready(rw.con) and derived.ready(rw.con, "quotes")
        assert queries.events(rw, actor="rus", modality="all") == plain and plain


def test_a_run_writes_the_derived_columns(extract, tmp_path):
    """Store.write_batch (what `dateline run` calls) fills the columns: the fast path answers."""
    rec = extract("Russian troops shelled the Ukrainian city of Kharkiv on Monday, officials said. "
                  "France sent aid to Ukraine on Tuesday.", published="2024-03-05")
    assert rec.events
    with open_store(tmp_path / "run.duckdb") as st:
        st.write_batch([rec])
        assert derived.ready(st.con) and derived.ready(st.con, "quotes")
        row = st.query("SELECT has_article, list_date FROM events LIMIT 1")[0]
        assert row["has_article"] is True and row["list_date"] is not None
        for actor in ("RUS", "UKR", "FRA", "Ukraine"):
            assert queries.events(st, actor=actor, modality="all") == queries.events_plain(
                st, None, actor, None, None, None, "all", 50, 0)


def test_api_snapshot_filters_equal_plain_sql(store):
    """The HTTP API's snapshot resolves actor and place values with the derived columns too."""
    from dateline.api import index

    for sql, values in ((index._ACTOR_SQL, ACTOR_VALUES), (index._PLACE_SQL, PLACE_VALUES)):
        for v in values:
            fast_sql, fast_params = index._fast_member(store.con, sql, v)
            plain = {r[0] for r in store.con.execute(sql, [v.upper(), v, v, v] if sql is index._ACTOR_SQL
                                                     else [v, v, v.upper(), v]).fetchall()}
            assert {r[0] for r in store.con.execute(fast_sql, fast_params).fetchall()} == plain, v
