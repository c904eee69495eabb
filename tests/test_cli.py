"""The CLI: a thin layer over the Python API, with coded errors and the listing formats."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from dateline.cli import main

ARTICLE = ("date 2025-02-11\nPort reopens after blockade\n\n"
           "The harbour authority reopened the northern port on Monday after a four-day blockade by "
           "striking dockworkers, the authority said. Union leaders said they would resume the strike "
           "if wages were not raised by March.\n")


@pytest.fixture()
def corpus(tmp_path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "port.txt").write_text(ARTICLE)
    (folder / "bad.jsonl").write_text('{"text": "A second, shorter report about the harbour reopening on Monday."}\n{bad\n')
    (folder / "config.toml").write_text("")  # not an article: empty, so rejected with E101
    return folder


@pytest.fixture()
def fast_config(tmp_path) -> Path:
    cfg = tmp_path / "fast.toml"
    cfg.write_text('spacy_model = "blank:en"\npipeline = ["nlp"]\nworkers = 1\n')
    return cfg


def invoke(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_run_then_list_and_export(tmp_path, corpus, fast_config):
    db = str(tmp_path / "x.duckdb")
    res = invoke("run", str(corpus), "--db", db, "--config", str(fast_config), "--quiet")
    assert res.exit_code == 0, res.output
    assert "stored 2 new" in res.output and "E106: 1" in res.output and "E101: 1" in res.output

    rows = json.loads(invoke("articles", "--db", db, "--format", "json").output)
    assert {r["title"] for r in rows} == {"Port reopens after blockade", None}
    assert {str(r["published"]) for r in rows} == {"2025-02-11", "None"}

    out = invoke("rejects", "--db", db, "--format", "csv").output
    codes = sorted(r["code"] for r in csv.DictReader(io.StringIO(out)))
    assert codes == ["E101", "E106"]

    table = invoke("articles", "--db", db).output.splitlines()
    assert table[0].split()[:2] == ["id", "published"] and len(table) == 3

    for fmt, reader in (("parquet", "read_parquet"), ("csv", "read_csv_auto"), ("jsonl", "read_json_auto")):
        target = tmp_path / f"articles.{fmt}"
        res = invoke("export", "--db", db, "--table", "articles", "--format", fmt, "-o", str(target))
        assert res.exit_code == 0 and "wrote 2 rows" in res.output
        assert duckdb.connect().execute(f"SELECT count(*) FROM {reader}('{target}')").fetchone()[0] == 2


def test_listing_a_missing_database_is_a_coded_error(tmp_path):
    res = CliRunner().invoke(main, ["articles", "--db", str(tmp_path / "none.duckdb")])
    assert res.exit_code == 2 and "[E108]" in res.output


def test_bad_query_parameters_are_coded_errors(tmp_path, corpus, fast_config):
    db = str(tmp_path / "x.duckdb")
    invoke("run", str(corpus), "--db", db, "--config", str(fast_config), "--quiet")
    res = CliRunner().invoke(main, ["events", "--db", db, "--from", "last tuesday"])
    assert res.exit_code == 2 and "[E401]" in res.output and "YYYY-MM-DD" in res.output
    res = CliRunner().invoke(main, ["export", "--db", db, "--table", "secrets", "-o", str(tmp_path / "x.csv")])
    assert res.exit_code == 2 and "[E204]" in res.output


def test_unknown_stage_in_config_is_a_coded_error(tmp_path, corpus):
    cfg = tmp_path / "bad.toml"
    cfg.write_text('pipeline = ["nlp", "sentiment"]\nspacy_model = "blank:en"\n')
    res = CliRunner().invoke(main, ["run", str(corpus), "--db", str(tmp_path / "x.duckdb"), "--config", str(cfg)])
    assert res.exit_code == 2 and "[E003]" in res.output


def test_unknown_setting_is_a_coded_error(tmp_path):
    cfg = tmp_path / "bad.toml"
    cfg.write_text('colour = "blue"\n')
    res = CliRunner().invoke(main, ["stages", "--config", str(cfg)])
    assert res.exit_code == 2 and "[E005]" in res.output and "colour" in res.output


def test_stages_lists_every_default_stage_in_order():
    rows = json.loads(invoke("stages", "--format", "json").output)
    assert [r["stage"] for r in rows] == ["nlp", "time", "places", "actors", "events", "quotes"]
    assert all(r["impl"] == f"dateline.{r['stage']}.v1" for r in rows)


def test_schema_describes_the_record():
    schema = json.loads(invoke("schema").output)
    assert set(schema["properties"]) >= {"article", "sentences", "actors", "places", "times", "events", "quotes"}


def test_extract_prints_the_full_record(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(ARTICLE)
    res = invoke("extract", str(f))
    assert res.exit_code == 0
    rec = json.loads(res.output)
    assert rec["article"]["published"] == "2025-02-11"
    assert rec["sentences"] and rec["stages"][0] == "nlp"
    text = rec["article"]["text"]
    for s in rec["sentences"]:
        assert 0 <= s["start"] < s["end"] <= len(text)


def test_every_command_has_an_example_in_its_help():
    for name, command in main.commands.items():
        assert "Example:" in (command.help or ""), f"`dateline {name}` help has no Example:"


def test_api_functions_survive_importing_the_stage_packages_of_the_same_name(tmp_path, corpus, fast_config):
    import dateline
    import dateline.eval  # noqa: F401  (a package named like the API function)
    import dateline.events.stage  # noqa: F401

    db = str(tmp_path / "x.duckdb")
    dateline.run([str(corpus)], db=db, config_file=str(fast_config), progress=False)
    assert dateline.events(db=db, modality="all") == []
    assert len(dateline.articles(db=db)) == 2
    import dateline.events.stage as stage_module
    assert stage_module.__name__ == "dateline.events.stage"
