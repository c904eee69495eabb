"""`dateline actors` / `dateline actor NAME` and their Python API, on a store written for the test."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from click.testing import CliRunner

import dateline
from dateline.actors.kb import load_kb
from dateline.actors.stage import compute_actors, write_actors
from dateline.cli import main
from dateline.model import Article, Record
from dateline.store import open_store

TEXTS = [
    ("2018-09-05", "Vladimir Putin met Recep Tayyip Erdogan. The Russian president said he wanted a truce."),
    ("2018-09-07", "Putin warned the rebels. Russian warplanes struck the town."),
]


@pytest.fixture(scope="module")
def db(nlp, tmp_path_factory):
    path = tmp_path_factory.mktemp("actors") / "a.duckdb"
    kb = load_kb()
    records = []
    for i, (day, text) in enumerate(TEXTS):
        date = dt.date.fromisoformat(day)
        rec = Record(article=Article(id=f"art{i}", text=text, published=date, published_from="user"))
        doc = nlp(text)
        write_actors(rec, doc, compute_actors(doc, kb, date))
        records.append(rec)
    store = open_store(path)
    store.write_batch(records)
    store.close()
    return str(path)


def test_actors_api_counts_mentions_and_dates(db):
    rows = dateline.actors(db=db)
    putin = next(r for r in rows if r["kb_id"] == "p:vladimir-putin")
    assert putin["mentions"] == 4 and putin["articles"] == 2
    assert str(putin["first"]) == "2018-09-05" and str(putin["last"]) == "2018-09-07"
    assert all(r["country"] == "RUS" for r in dateline.actors(db=db, country="rus"))
    assert {r["sector"] for r in dateline.actors(db=db, sector="MIL")} == {"MIL"}


def test_actor_api_profile(db):
    info = dateline.actor("Putin", db=db)
    assert info["kb_ids"] == ["p:vladimir-putin"]
    assert info["mentions"] == 4
    assert {"Putin", "The Russian president", "he"} <= {a["text"] for a in info["aliases"]}
    assert any(r["office"] == "president" for r in info["kb_roles"])


def test_cli_actors_and_actor(db):
    runner = CliRunner()
    out = runner.invoke(main, ["actors", "--db", db, "--country", "TUR", "--format", "json"])
    assert out.exit_code == 0, out.output
    assert [r["name"] for r in json.loads(out.output)] == ["Recep Tayyip Erdogan"]
    out = runner.invoke(main, ["actor", "Vladimir Putin", "--db", db])
    assert out.exit_code == 0 and "p:vladimir-putin" in out.output and "aliases:" in out.output


def test_cli_unknown_actor_is_a_coded_error(db):
    out = CliRunner().invoke(main, ["actor", "Nobody Atall", "--db", db])
    assert out.exit_code == 2 and "[E410]" in out.output


def test_actor_list_shows_the_identity_most_mentions_have(tmp_path):
    """A country named twice as its government and once as a place is listed as the government, not
    as whichever sector sorts first."""
    from dateline.model import Actor

    text = "Norland said it would talk. Norland promised aid. Civilians in Norland waited."
    actors = [Actor(id=f"n1:a{i}", text="Norland", start=s, end=s + 7, name="Norland", country="NLX",
                    sector=sector, kb_id="c:NLX", score=0.9, reason="test")
              for i, (s, sector) in enumerate([(0, "GOV"), (28, "GOV"), (63, "CVL")])]
    rec = Record(article=Article(id="n1", text=text, published=dt.date(2024, 1, 2), published_from="user"),
                 actors=actors)
    path = tmp_path / "n.duckdb"
    store = open_store(path)
    store.write_batch([rec])
    store.close()
    [row] = dateline.actors(db=str(path))
    assert (row["country"], row["sector"], row["mentions"]) == ("NLX", "GOV", 3)
