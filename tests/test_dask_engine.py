"""The Dask engine: the same records as the embedded run, Parquet shards typed like the DuckDB tables,
an idempotent import, views over shards, and coded errors."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

import dateline
from dateline.cli import main
from dateline.errors import DatelineError
from dateline.store import open_store
from dateline.store.db import DATA_TABLES
from dateline.store.derived import plain_columns
from dateline.store.shards import SHARD_TABLES, ShardWriter, import_shards, shard_files

pytest.importorskip("distributed", reason="the Dask engine is the optional `dask` extra")

# Made-up articles written for this test: events, places, dates, a statement.
ARTICLES = {
    "a1.txt": ("2025-03-04", "Rebels shelled the town of Maridi on Monday, killing five people.\n\n"
               "The army said it would respond. Residents fled towards the river."),
    "a2.txt": ("2025-03-05", "Government troops arrested 12 protesters in Juba on Tuesday.\n\n"
               "Police used tear gas to disperse the crowd outside parliament."),
    "a3.txt": ("2025-03-06", "Kenya and Uganda signed a trade agreement in Nairobi on Wednesday.\n\n"
               "\"This deal opens our markets,\" the Kenyan trade minister said."),
    "a4.txt": ("2025-03-07", "Drones struck a fuel depot near Kherson on Thursday, Ukrainian officials said.\n\n"
               "No casualties were reported. Russia denied any involvement."),
    "a5.txt": ("2025-03-08", "Thousands of teachers marched in Nairobi on Friday to demand higher wages.\n\n"
               "The union threatened a national strike if talks fail."),
    "a6.txt": ("2025-03-09", "Militants attacked a police post in northern Mali on Saturday, killing three officers.\n\n"
               "The junta vowed to hunt down the attackers."),
    "a7.txt": ("2025-03-10", "The United Nations sent aid convoys to Darfur on Sunday.\n\n"
               "Aid workers said 40,000 people had been displaced by the fighting."),
    "a8.txt": ("2025-03-11", "Myanmar's military bombed a village in Sagaing on Monday, killing seven civilians.\n\n"
               "The junta said it had targeted rebel fighters."),
}

COMPARED = ("articles", "sentences", "mentions", "actors", "places", "times", "events", "event_actors",
            "quotes", "rejects", "article_sources", "near_duplicates", "article_minhash", "clusters",
            "cluster_members")
# Columns that differ between two runs by nature (when a row was written).
VOLATILE = {"ingested_at", "first_seen", "rejected_at"}


def write_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, (date, text) in ARTICLES.items():
        (folder / name).write_text(f"date {date}\n{text}\n", encoding="utf-8")
    (folder / "copy_of_a1.txt").write_text((folder / "a1.txt").read_text())  # exact duplicate: a source row
    (folder / "empty.txt").write_text("")  # rejected at ingest (E101)
    return folder


def table_rows(db: Path, table: str) -> list[tuple]:
    with open_store(db, read_only=True) as store:
        cols = [r[0] for r in store.con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
            [table]).fetchall() if r[0] not in VOLATILE]
        sql = "SELECT " + ", ".join(f'"{c}"' for c in cols) + f" FROM {table}"
        return sorted(map(repr, store.con.execute(sql).fetchall()))


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """One embedded run and one Dask run (local cluster, 2 workers) over the same corpus."""
    base = tmp_path_factory.mktemp("dask")
    corpus = write_corpus(base / "corpus")
    embedded = dateline.run([str(corpus)], db=str(base / "embedded.duckdb"), workers=1, progress=False)
    # batch_size 3: three partitions, so both workers get some
    distributed = dateline.run([str(corpus)], db=str(base / "dask.duckdb"), engine="dask", scheduler="local",
                               workers=2, shards=str(base / "shards"), batch_size=3, progress=False)
    return base, embedded, distributed


def test_dask_run_gives_the_same_records_as_the_embedded_run(runs):
    base, embedded, distributed = runs
    assert distributed.engine == "dask" and distributed.shards == str(base / "shards")
    for field in ("read", "stored", "duplicates", "rejected", "events", "stage_failures"):
        assert getattr(distributed, field) == getattr(embedded, field), field
    assert embedded.stored == 8 and embedded.duplicates == 1 and embedded.rejected == 1
    assert embedded.events > 0
    with open_store(base / "embedded.duckdb", read_only=True) as a, open_store(base / "dask.duckdb",
                                                                               read_only=True) as b:
        assert a.counts(DATA_TABLES) == b.counts(DATA_TABLES)
    for table in COMPARED:  # same ids and the same values, row for row
        assert table_rows(base / "dask.duckdb", table) == table_rows(base / "embedded.duckdb", table), table
    assert dateline.events(db=str(base / "dask.duckdb"), modality="all") == \
        dateline.events(db=str(base / "embedded.duckdb"), modality="all")


def test_shards_have_the_columns_and_types_of_the_duckdb_tables(runs):
    base, _, _ = runs
    with open_store(base / "embedded.duckdb", read_only=True) as store:
        for table in SHARD_TABLES:
            files = shard_files(str(base / "shards"), table)
            assert files, f"no part file for {table}"
            # without the store's query columns (store/derived.py): the import derives them
            want = store.con.execute(f"DESCRIBE SELECT {plain_columns(store.con, table)} FROM {table}").fetchall()
            got = duckdb.sql(f"DESCRIBE SELECT * FROM read_parquet({files!r})").fetchall()
            # DuckDB's JSON type is text underneath; the shards hold it as VARCHAR and the import casts back
            assert [(r[0], r[1]) for r in got] == [(r[0], r[1].replace("JSON", "VARCHAR")) for r in want], table


def test_import_is_idempotent_and_matches_the_run(runs, tmp_path):
    base, embedded, _ = runs
    db = tmp_path / "imported.duckdb"
    first = import_shards(str(base / "shards"), str(db))
    assert first["added"]["articles"] == embedded.stored
    assert first["added"]["events"] == embedded.events
    again = import_shards(str(base / "shards"), str(db))
    assert set(again["added"].values()) == {0}
    for table in ("articles", "events", "actors", "places", "times", "quotes", "rejects", "clusters"):
        assert table_rows(db, table) == table_rows(base / "embedded.duckdb", table), table


def test_import_through_an_fsspec_url(runs, tmp_path):
    base, embedded, _ = runs
    out = dateline.import_shards("file://" + str(base / "shards"), db=str(tmp_path / "url.duckdb"), link=False)
    assert out["added"]["articles"] == embedded.stored and "link" not in out


def test_views_over_the_shards_answer_the_read_commands(runs, tmp_path):
    base, _, _ = runs
    db = tmp_path / "views.duckdb"
    result = CliRunner().invoke(main, ["import", str(base / "shards"), "--db", str(db), "--views", "--json"])
    assert result.exit_code == 0, result.output
    views = json.loads(result.output)["views"]
    assert views["articles"] == 8
    assert dateline.events(db=str(db), modality="all") == dateline.events(db=str(base / "embedded.duckdb"),
                                                                          modality="all")


def test_shard_writer_lets_duckdb_reject_a_column_the_schema_lacks(tmp_path):
    writer = ShardWriter(str(tmp_path / "s"))
    with pytest.raises(duckdb.BinderException, match="no_such_column"):
        writer.arrow("articles", [{"id": "x", "no_such_column": 1}])
    # a value pyarrow will not cast is cast by DuckDB, as in the embedded store
    data = writer.arrow("sentences", [{"id": "x:s0", "article_id": "x", "idx": "3", "start": 0, "end": 5}])
    assert data.column("idx").to_pylist() == [3]


def test_coded_errors(tmp_path):
    corpus = write_corpus(tmp_path / "c")
    with pytest.raises(DatelineError, match=r"\[E005\].*engine"):
        dateline.run([str(corpus)], db=str(tmp_path / "x.duckdb"), engine="ray", progress=False)
    with pytest.raises(DatelineError, match=r"\[E005\].*--shards"):
        dateline.run([str(corpus)], engine="dask", shards_only=True, progress=False)
    with pytest.raises(DatelineError, match=r"\[E005\].*--shards"):
        dateline.run([str(corpus)], engine="dask", scheduler="tcp://127.0.0.1:9", progress=False)
    result = CliRunner().invoke(main, ["import", str(tmp_path / "nothing"), "--db", str(tmp_path / "y.duckdb")])
    assert result.exit_code == 2 and "[E503]" in result.output


def test_scaling_docs_cover_every_flag_and_error_code():
    docs = (Path(__file__).resolve().parents[1] / "docs" / "scaling.md").read_text(encoding="utf-8")
    run_help = main.commands["run"].get_help(main.make_context("dateline", ["run", "x"]))
    for flag in ("--engine", "--scheduler", "--shards", "--shards-only"):
        assert flag in run_help and flag in docs, flag
    import_help = main.commands["import"].get_help(main.make_context("dateline", ["import", "x"]))
    for flag in ("--views", "--no-link", "--db"):
        assert flag in import_help and "dateline import" in docs and flag in docs, flag
    from dateline.errors import CODES

    for code in ("E501", "E502", "E503", "E504"):
        assert code in CODES and f"| {code} |" in docs, code
