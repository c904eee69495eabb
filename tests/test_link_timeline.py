"""Topic timeline summaries, date references, actor/dyad aggregation, and their CLI/API."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from dateline.cli import main
from dateline.link import tls
from dateline.link.dateref import day_refs
from dateline.link.timelines import aggregate, period_start, quadclass
from dateline.store import open_store

sys.path.insert(0, str(Path(__file__).parent))
from test_link_cluster import KRAMATORSK, RUS_MIL, UKR_CVL, first_batch, make_record  # noqa: E402

PUB = dt.date(2025, 3, 6)   # a Thursday


def test_day_refs_resolve_against_publication_date():
    got = [d for d, _, _ in day_refs("Talks opened on Monday and a deal came on 4 March 2025 .", PUB)]
    assert got == [dt.date(2025, 3, 3), dt.date(2025, 3, 4)]
    assert [d for d, _, _ in day_refs("Yesterday the port was hit ; next Friday ships sail .", PUB)] == \
        [dt.date(2025, 3, 5), dt.date(2025, 3, 7)]
    # a month and day without a year: the nearest year, looking back rather than far ahead
    assert day_refs("The blast of Nov. 11 was the worst .", dt.date(2025, 3, 6))[0][0] == dt.date(2024, 11, 11)
    assert day_refs("Some 25 percent of March 2025 trade", PUB) == []
    assert day_refs("", PUB) == [] and day_refs("🙂 " * 50, None) == []


def _sent(text, pub, art, pos, dates=()):
    return tls.TimelineSentence(text=text, published=pub, article=art, position=pos, dates=list(dates))


def corpus():
    d1, d2, d3 = dt.date(2025, 3, 3), dt.date(2025, 3, 10), dt.date(2025, 3, 5)
    out = []
    # day d1 is referred to by several later articles; d3 only by its own publication
    for i in range(4):
        pub = d1 + dt.timedelta(days=2 + i)
        out.append(_sent("Drones struck the port city , killing twelve dock workers on Monday .", pub, f"a{i}", 0, [d1]))
        out.append(_sent(f"Officials counted the damage at warehouse {i} .", pub, f"a{i}", 1))
    out.append(_sent("The port reopened for grain ships after repairs .", d2, "b1", 0))
    out.append(_sent("Grain ships left the port under escort .", d2, "b1", 1))
    out.append(_sent("A minor fire broke out in a port office .", d3, "c1", 0))
    return out


def test_summarise_ranks_days_referred_to_by_later_articles_first():
    ranked = tls.rank_days(corpus())
    assert ranked[0][0] == dt.date(2025, 3, 3) and ranked[0][2]["docs_after"] == 4
    days = tls.summarise(corpus(), n_dates=2, n_sents=1, keywords=["port"])
    assert [d.date for d in days] == sorted(d.date for d in days)
    assert dt.date(2025, 3, 3) in [d.date for d in days]
    first = next(d for d in days if d.date == dt.date(2025, 3, 3))
    assert "Drones struck" in first.sentences[0].text
    assert all("port" in s.text for d in days for s in d.sentences)


def test_summarise_skips_duplicates_and_odd_input():
    days = tls.summarise(corpus(), n_dates=1, n_sents=3)
    texts = [s.text for s in days[0].sentences]
    assert len(texts) == len(set(texts))
    assert tls.summarise([], n_dates=3) == []
    assert tls.summarise([_sent("", None, "x", 0)], n_dates=3) == []
    assert tls.knee_value([0.9, 0.8, 0.1, 0.05, 0.01]) in (0.8, 0.1)


def test_quadclass_and_aggregation():
    assert quadclass("190") == 4 and quadclass("051") == 1 and quadclass("07") == 2 and quadclass("112") == 3
    assert quadclass(None, "ACCUSE") == 3 and quadclass(None, "AID") == 2 and quadclass(None, None) is None
    assert period_start(dt.date(2025, 3, 6), "week") == dt.date(2025, 3, 3)
    items = [{"date": dt.date(2025, 3, 3), "kind": "event", "type": "ASSAULT", "cameo": "190", "intensity": -9},
             {"date": dt.date(2025, 3, 4), "kind": "event", "type": "CONSULT", "cameo": None, "intensity": 1},
             {"date": dt.date(2025, 3, 20), "kind": "statement"}]
    weeks = aggregate(items, "week")
    assert [w["period"] for w in weeks] == [dt.date(2025, 3, 3), dt.date(2025, 3, 17)]
    assert weeks[0]["n_events"] == 2 and weeks[0]["mean_intensity"] == -4.0
    assert weeks[0]["material_conflict"] == 1 and weeks[0]["verbal_cooperation"] == 1
    assert weeks[1]["n_statements"] == 1 and weeks[1]["mean_intensity"] is None


@pytest.fixture()
def db(tmp_path):
    path = tmp_path / "tl.duckdb"
    store = open_store(path)
    batch = first_batch()
    batch.append(make_record("a7", "Outlet Two", "2025-03-08",
                             "Russian artillery units said they would stop shelling Kramatorsk.", "CONCEDE", "stop",
                             RUS_MIL, UKR_CVL, KRAMATORSK, "2025-03-08", cameo="08", intensity=5.0, quote_about=True))
    store.write_batch(batch)
    store.close()
    return str(path)


def test_cli_link_clusters_timeline_dyad(db):
    runner = CliRunner()
    res = runner.invoke(main, ["link", "--db", db, "--json"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.output)["events_linked"] == 5
    res = runner.invoke(main, ["clusters", "--db", db, "--min-sources", "2", "--format", "json"])
    rows = json.loads(res.output)
    assert len(rows) == 1 and rows[0]["disagreements"]["killed"] == {"30": 1, "32": 1}
    res = runner.invoke(main, ["timeline", "--db", db, "--query", "Kramatorsk", "--dates", "2", "--format", "md"])
    assert res.exit_code == 0 and res.output.startswith("# Timeline: Kramatorsk") and "## 2025-03-03" in res.output
    res = runner.invoke(main, ["timeline", "--db", db, "--query", "Kramatorsk", "--format", "html"])
    assert "<h2>2025-03-03</h2>" in res.output
    res = runner.invoke(main, ["dyad", "RUS", "UKR", "--db", db, "--period", "week", "--format", "json"])
    out = json.loads(res.output)
    assert out["n_items"] == 5     # 4 asserted events either way + 1 statement by RUS about UKR
    assert out["periods"][0]["material_conflict"] == 3
    res = runner.invoke(main, ["dyad", "RUS:MIL", "--db", db, "--modality", "all", "--format", "md"])
    assert res.exit_code == 0 and "CONCEDE" in res.output
    res = runner.invoke(main, ["timeline", "--db", db, "--query", " "])
    assert res.exit_code == 2 and "E401" in res.output
    res = runner.invoke(main, ["dyad", "RUS", "--db", db, "--period", "year"])
    assert res.exit_code == 2


def test_api_matches_cli(db):
    import dateline

    assert dateline.link(db=db)["events_linked"] == 5
    days = dateline.timeline("Kramatorsk, Ryazan", db=db, dates=3, sentences=2)
    assert days and all(isinstance(d["date"], dt.date) for d in days)
    assert dateline.clusters(db=db, type="ASSAULT", min_sources=2)[0]["n_sources"] == 2
    assert dateline.dyad("UKR", "RUS", db=db)["n_items"] == 4   # UKR's statements about RUS: none
