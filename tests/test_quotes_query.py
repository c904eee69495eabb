"""`dateline quotes` and `dateline.quotes(...)` over a store written from records made here."""

import json

import pytest
from click.testing import CliRunner

import dateline
from dateline.cli import main
from dateline.model import Actor, Article, Quote, Record, TextSpan
from dateline.store import open_store

TEXT = "“We will not sign,” said Mara Velk. The council said that Ruritania had agreed."


def span(phrase):
    s = TEXT.index(phrase)
    return TextSpan(text=phrase, start=s, end=s + len(phrase))


@pytest.fixture()
def db(tmp_path):
    import datetime as dt

    rec = Record(article=Article(id="art1", text=TEXT, published=dt.date(2024, 5, 2), published_from="user"))
    rec.actors = [Actor(id="art1:a0", text="Mara Velk", start=span("Mara Velk").start, end=span("Mara Velk").end,
                        name="Mara Velk", country="RUR"),
                  Actor(id="art1:a1", text="Ruritania", start=span("Ruritania").start, end=span("Ruritania").end,
                        name="Ruritania", country="RUR")]
    rec.quotes = [
        Quote(id="art1:q0", kind="direct", speaker="art1:a0", source=span("Mara Velk"), cue=span("said"),
              content=span("“We will not sign,”"), score=0.9, reason="test"),
        Quote(id="art1:q1", kind="indirect", speaker=None, source=span("The council"), cue=span("said that"),
              content=span("that Ruritania had agreed"), about=["art1:a1"],
              content_parts=[span("that Ruritania"), span("had agreed")], score=0.8, reason="test"),
    ]
    path = tmp_path / "q.duckdb"
    store = open_store(path)
    store.write_batch([rec])
    store.close()
    return str(path)


def test_api_filters(db):
    assert [r["id"] for r in dateline.quotes(db=db)] == ["art1:q0", "art1:q1"]
    assert [r["id"] for r in dateline.quotes(db=db, speaker="Mara Velk")] == ["art1:q0"]
    assert [r["id"] for r in dateline.quotes(db=db, speaker="council")] == ["art1:q1"]  # unresolved: source text
    assert [r["id"] for r in dateline.quotes(db=db, about="RUR")] == ["art1:q1"]
    assert dateline.quotes(db=db, date_from="2024-05-03") == []
    assert len(dateline.quotes(db=db, date_to="2024-05-02", limit=1, offset=1)) == 1
    row = dateline.quotes(db=db, speaker="RUR")[0]
    assert row["speaker_name"] == "Mara Velk" and row["content"] == "“We will not sign,”"


def test_cli_json_and_coded_error(db):
    runner = CliRunner()
    res = runner.invoke(main, ["quotes", "--db", db, "--about", "Ruritania", "--format", "json"])
    assert res.exit_code == 0, res.output
    assert [r["id"] for r in json.loads(res.output)] == ["art1:q1"]
    res = runner.invoke(main, ["quotes", "--db", db, "--from", "May 2"])
    assert res.exit_code == 2 and "E401" in res.output


def test_full_pipeline_sets_quotes(extract):
    rec = extract("“The harvest is lost,” said the farmer. According to the aid agency, 200 families fled.")
    assert "quotes" in rec.stages
    assert [q.kind for q in rec.quotes] == ["direct", "indirect"]
    assert all(q.id.startswith(rec.article.id + ":q") for q in rec.quotes)
