"""The main job and the store: idempotent re-runs, duplicates, resume after a kill, clear store errors."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

import dateline
from dateline.errors import DatelineError
from dateline.model import Record
from dateline.pipeline import register
from dateline.store import open_store
from dateline.store.db import DATA_TABLES, Store

FAST = {"spacy_model": "blank:en", "pipeline": ["nlp"], "workers": 1, "progress": False}

WORDS = ("council farmers wells fees engineers survey season river bridge convoy market school clinic "
         "governor mayor police crowd harvest drought flood road border ferry port village district court "
         "minister envoy talks budget election ballot strike union teachers nurses fuel prices grain").split()


def article_text(i: int) -> str:
    """A distinct made-up article: sentences of words drawn with a seed, so no two share many 5-grams."""
    rng = random.Random(i)
    sents = [" ".join(rng.choice(WORDS) for _ in range(12)).capitalize() + "." for _ in range(8)]
    return " ".join(sents)


def write_corpus(folder: Path, n: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        p = folder / f"{i:05d}.txt"
        p.write_text(f"date 2024-0{1 + i % 9}-1{i % 10}\n" + article_text(i))
        paths.append(p)
    return paths


def counts(db: Path) -> dict[str, int]:
    with open_store(db, read_only=True) as store:
        return store.counts(DATA_TABLES)


def test_rerun_adds_nothing_and_duplicates_are_recorded(tmp_path):
    corpus = tmp_path / "c"
    write_corpus(corpus, 5)
    (corpus / "copy.txt").write_text((corpus / "00001.txt").read_text())  # exact duplicate
    text = (corpus / "00002.txt").read_text()
    cut = text.index(".", len(text) // 2)
    near = text[:cut] + " and the weather" + text[cut:]
    (corpus / "near.txt").write_text(near)  # re-published with a small edit
    db = tmp_path / "x.duckdb"
    first = dateline.run([str(corpus)], db=str(db), **FAST)
    assert (first.read, first.stored, first.duplicates, first.near_duplicates) == (7, 6, 1, 1)
    before = counts(db)
    second = dateline.run([str(corpus)], db=str(db), **FAST)
    assert second.stored == 0 and second.skipped_known == 7
    assert counts(db) == before
    with open_store(db, read_only=True) as store:
        copies = store.query("SELECT article_id, count(*) AS n FROM article_sources GROUP BY 1 HAVING n > 1")
        assert len(copies) == 1 and copies[0]["n"] == 2
        [link] = store.query("SELECT * FROM near_duplicates")
        assert link["similarity"] >= 0.85 and link["article_id"] != link["duplicate_of"]
        assert store.query("SELECT count(*) AS n FROM articles")[0]["n"] == 6  # linked, not merged


def test_bad_inputs_are_kept_as_rejects_and_nothing_stored_is_lost(tmp_path):
    corpus = tmp_path / "c"
    write_corpus(corpus, 3)
    db = tmp_path / "x.duckdb"
    dateline.run([str(corpus)], db=str(db), **FAST)
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_text("")
    (bad / "blob.bin").write_bytes(os.urandom(4096).replace(b"\x00", b"\x01") + b"\x00")
    (bad / "lines.jsonl").write_text('{"text": "A new bridge opened to traffic in the capital on Friday."}\n{oops\n')
    summary = dateline.run([str(bad), str(tmp_path / "missing")], db=str(db), **FAST)
    assert summary.stored == 1
    assert summary.rejects_by_code == {"E101": 1, "E102": 1, "E106": 1, "E108": 1}
    with open_store(db, read_only=True) as store:
        assert store.counts(["articles"])["articles"] == 4
        codes = sorted(r["code"] for r in store.query("SELECT code FROM rejects"))
    assert codes == ["E101", "E102", "E106", "E108"]
    assert sorted(r["code"] for r in dateline.rejects(db=str(db))) == codes


@register("boom", "test.boom.v1", requires=("sentences",), assigns=(), description="fails on purpose")
def _make_boom(config):
    def boom(record: Record, doc) -> None:
        if "explode" in record.article.text:
            raise ValueError("cannot handle this article")
    return boom


def test_a_failing_stage_rejects_that_article_stage_only(tmp_path):
    corpus = tmp_path / "c"
    write_corpus(corpus, 2)
    (corpus / "x.txt").write_text("The crowd tried to explode a myth about the dam, reporters said.")
    db = tmp_path / "x.duckdb"
    summary = dateline.run([str(corpus)], db=str(db), **{**FAST, "pipeline": ["nlp", "boom"],
                                                        "stages": {"boom": "test.boom.v1"}})
    assert summary.stored == 3 and summary.stage_failures == 1
    [rej] = dateline.rejects(db=str(db), stage="boom")
    assert rej["code"] == "E301" and "cannot handle" in rej["reason"]
    with open_store(db, read_only=True) as store:
        stages = {r["path"].rsplit("/", 1)[-1]: r["stages"] for r in store.query("SELECT path, stages FROM articles")}
    assert stages["x.txt"] == ["nlp"] and stages["00000.txt"] == ["nlp", "boom"]


def test_two_workers_store_the_same_as_one(tmp_path):
    corpus = tmp_path / "c"
    write_corpus(corpus, 40)
    one, two = tmp_path / "one.duckdb", tmp_path / "two.duckdb"
    dateline.run([str(corpus)], db=str(one), **FAST)
    dateline.run([str(corpus)], db=str(two), **{**FAST, "workers": 2, "batch_size": 8})
    assert counts(one) == counts(two)
    q = "SELECT id, n_sentences FROM articles ORDER BY id"
    with open_store(one, read_only=True) as a, open_store(two, read_only=True) as b:
        assert a.query(q) == b.query(q)


def test_a_folder_of_ten_thousand_tiny_files(tmp_path):
    folder = tmp_path / "tiny"
    folder.mkdir()
    for i in range(10_000):
        (folder / f"{i}.txt").write_text(f"Item {i}: the ferry left port at dawn with {i} passengers.")
    db = tmp_path / "x.duckdb"
    summary = dateline.run([str(folder)], db=str(db), **{**FAST, "batch_size": 500})
    assert summary.stored == 10_000 and summary.rejected == 0
    assert counts(db)["articles"] == 10_000


def test_locked_database_gives_a_clear_error(tmp_path):
    db = tmp_path / "x.duckdb"
    duckdb.connect(str(db)).close()
    holder = subprocess.Popen([sys.executable, "-c",
                               f"import duckdb, time; c = duckdb.connect({str(db)!r}); print('ok', flush=True); time.sleep(30)"],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ok"
        with pytest.raises(DatelineError) as err:
            dateline.run([str(tmp_path)], db=str(db), **FAST)
        assert err.value.code == "E201" and "another" in str(err.value)
    finally:
        holder.kill()
        holder.wait()


def test_a_file_that_is_not_duckdb_gives_a_clear_error(tmp_path):
    db = tmp_path / "notes.duckdb"
    db.write_text("these are my notes, not a database\n" * 100)
    with pytest.raises(DatelineError) as err:
        dateline.run([str(tmp_path)], db=str(db), **FAST)
    assert err.value.code == "E202"
    assert db.read_text().startswith("these are my notes")  # left untouched


def test_a_newer_schema_is_refused(tmp_path):
    db = tmp_path / "x.duckdb"
    open_store(db).close()
    con = duckdb.connect(str(db))
    con.execute("INSERT INTO schema_migrations (version, name) VALUES (999, 'from the future')")
    con.close()
    with pytest.raises(DatelineError) as err:
        open_store(db)
    assert err.value.code == "E203"


def _config_file(tmp_path: Path) -> Path:
    cfg = tmp_path / "fast.toml"
    cfg.write_text('spacy_model = "blank:en"\npipeline = ["nlp"]\nbatch_size = 16\nworkers = 1\n')
    return cfg


def test_a_write_that_fails_for_want_of_space_is_e205_and_keeps_the_batches_before(tmp_path, monkeypatch):
    """In-process and on any OS (tests/test_crash_resume.py makes real writes fail with a file-size limit):
    the third batch fails halfway through its inserts; the run stops with E205, the batch is rolled back
    whole, the two before it stay, and a re-run ends as a clean run."""
    corpus = tmp_path / "c"
    write_corpus(corpus, 40)
    clean, db = tmp_path / "clean.duckdb", tmp_path / "x.duckdb"
    settings = {**FAST, "batch_size": 8}
    dateline.run([str(corpus)], db=str(clean), **settings)
    real = Store._insert
    batches = {"n": 0}

    def insert(self, table, rows):
        real(self, table, rows)
        if table == "sentences" and rows:  # the articles of this batch are already inserted
            batches["n"] += 1
            if batches["n"] == 3:
                raise duckdb.IOException('IO Error: Could not write file "x.duckdb.wal": No space left on device')

    monkeypatch.setattr(Store, "_insert", insert)
    with pytest.raises(DatelineError) as err:
        dateline.run([str(corpus)], db=str(db), **settings)
    assert err.value.code == "E205" and "No space left" in str(err.value)
    assert "batch of 8 articles was not written" in str(err.value) and "Free disk space" in str(err.value)
    monkeypatch.setattr(Store, "_insert", real)
    kept = counts(db)
    assert kept["articles"] == 16 and kept["sentences"] == 16 * 8 and kept["article_minhash"] == 16
    again = dateline.run([str(corpus)], db=str(db), **settings)
    assert (again.skipped_known, again.stored) == (16, 24)
    assert counts(db) == counts(clean)


# The kill -9 and full-disk tests are in tests/test_crash_resume.py.


def test_readers_during_a_run_get_a_clear_error_and_the_run_is_unharmed(tmp_path):
    """Supported mode (docs/corpus.md): one writing process per DuckDB file. While `dateline run` writes,
    readers (the CLI, `dateline serve`) are refused with E201 instead of blocking or corrupting it;
    after the run they read everything."""
    corpus = tmp_path / "c"
    write_corpus(corpus, 1000)
    cfg = _config_file(tmp_path)
    db = tmp_path / "x.duckdb"
    proc = subprocess.Popen([sys.executable, "-m", "dateline.cli", "run", str(corpus), "--config", str(cfg),
                             "--quiet", "--db", str(db)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    refused = 0
    deadline = time.monotonic() + 60
    while proc.poll() is None and time.monotonic() < deadline:  # bounded: stops when the run ends
        if db.exists():
            try:
                open_store(db, read_only=True).close()
            except DatelineError as err:
                assert err.code == "E201"
                refused += 1
        time.sleep(0.2)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    assert "stored 1000 new" in out
    assert refused > 0, "the run ended before a reader could try"
    assert counts(db)["articles"] == 1000


def test_nominal_place_and_container_are_stored(tmp_path):
    from dateline.model import Article, Place

    text = "A clinic in Herat, Afghanistan was closed."
    rec = Record(article=Article(id="n1", text=text))
    rec.places = [Place(id="n1:p0", text="Herat", start=12, end=17, country="AFG", within="n1:p1"),
                  Place(id="n1:p1", text="Afghanistan", start=19, end=30, country="AFG"),
                  Place(id="n1:p2", text="A clinic", start=0, end=8, kind="nominal")]
    with open_store(tmp_path / "n.duckdb") as store:
        store.write_batch([rec])
        rows = {r["id"]: r for r in store.query("SELECT id, kind, within FROM places")}
    assert rows["n1:p2"]["kind"] == "nominal" and rows["n1:p0"]["kind"] == "toponym"
    assert rows["n1:p0"]["within"] == "n1:p1" and rows["n1:p1"]["within"] is None
