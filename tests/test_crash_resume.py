"""Crash and resume over a 1,000-article corpus with corrupt files in the middle: `kill -9` at random
points, a full disk (simulated), each followed by a re-run that must end with the tables of one clean run.

CI runs a few points; `make stress` runs the full setting (DATELINE_KILL_POINTS=20, DATELINE_DISK_FULL=all).
"""

from __future__ import annotations

import json
import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dateline.store import open_store
from dateline.store.db import DATA_TABLES

sys.path.insert(0, str(Path(__file__).parent))
from test_run_store import write_corpus  # noqa: E402  (the same made-up articles as the store tests)

N_TEXT = 1000
BATCH = 16

# Corrupt inputs, named so that they sort among the articles (a kill or a full disk lands before or after
# them). Sentences written for this test. Each: what the file holds, and what it must leave in the store.
JSONL_GOOD = ['{"text": "The harbour master said the night ferry would sail again once the storm passed.", '
              '"published": "2024-04-02"}',
              '{"text": "Teachers in the river district voted to accept the new pay offer on Tuesday.", '
              '"published": "2024-04-03"}']
CSV_TEXT = ('text,published\n'
            '"Engineers finished the survey of the old stone bridge before the flood season.",2024-05-01\n'
            '"The mayor said the market would stay shut, and then,2024-05-02\n'
            '"this line is swallowed by the open quote.",2024-05-03\n'
            '"Nurses at the border clinic received a delayed shipment of vaccines.",2024-05-04\n')
HTML_NO_TEXT = '<html><head><title>Port news</title></head><body><nav><a href="/">Home</a> <a href="/w">W'
HTML_CUT = ('<html><head><title>Grain prices</title></head><body><article><p>Grain prices rose sharply in the '
            'northern markets this week as the drought cut the harvest and fuel costs climbed again.</p><p>Union '
            'leaders said farmers would meet the minister on Thursday to ask for help with transport</p><p>The mi')
UTF8_BAD = (b"date 2024-06-01\nThe council approved a budget for new wells in the dry villages \xff\xfe\xc3 "
            b"after a long debate, and the governor promised that work would start before the hot season.")

EXPECTED_REJECTS = {("00300_cut.jsonl:3", "E106"), ("00500_garbage.txt", "E102"), ("00700_nav_cut.html", "E104"),
                    ("00850_quote.csv:3", "E105")}
N_ARTICLES = N_TEXT + 1 + 2 + 1 + 2  # the texts, the bad UTF-8 one (kept, W101), JSONL 2, cut HTML 1, CSV 2


def write_corrupt_files(folder: Path) -> None:
    (folder / "00100_bad_utf8.txt").write_bytes(UTF8_BAD)
    # the last line cut off mid-string, as a copy interrupted by a full disk would leave it
    (folder / "00300_cut.jsonl").write_text("\n".join(JSONL_GOOD) + '\n{"text": "The convoy reached the ri')
    garbage = random.Random(7).randbytes(4096)
    (folder / "00500_garbage.txt").write_bytes(garbage[:100] + b"\x00" + garbage[100:])  # binary with a .txt name
    (folder / "00700_nav_cut.html").write_text(HTML_NO_TEXT)  # cut mid-tag before any article text
    (folder / "00750_article_cut.html").write_text(HTML_CUT)  # cut mid-tag after the text: the text is kept
    (folder / "00850_quote.csv").write_text(CSV_TEXT)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The corpus, a config and one clean run of it (shared by every test here to keep CI short)."""
    root = tmp_path_factory.mktemp("crash")
    folder = root / "c"
    write_corpus(folder, N_TEXT)
    write_corrupt_files(folder)
    cfg = root / "fast.toml"
    cfg.write_text(f'spacy_model = "blank:en"\npipeline = ["nlp"]\nbatch_size = {BATCH}\nworkers = 1\n')
    clean = root / "clean.duckdb"
    proc = subprocess.Popen(_cmd(folder, cfg, clean) + ["--json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    t0 = _wait_for_file(clean, proc)
    out, err = proc.communicate(timeout=600)
    seconds = time.perf_counter() - t0  # from the store's opening to the end: the span a kill should hit
    assert proc.returncode == 0, err
    summary = json.loads(out)
    assert summary["stored"] == N_ARTICLES and summary["rejects_by_code"] == {"E102": 1, "E104": 1, "E105": 1,
                                                                             "E106": 1}
    return {"folder": folder, "cfg": cfg, "clean": clean, "seconds": seconds, "size": clean.stat().st_size}


def _wait_for_file(path: Path, proc: subprocess.Popen) -> float:
    """When ``path`` appears (the run has imported everything and opened the store), or the run ended."""
    while not path.exists() and proc.poll() is None:
        time.sleep(0.01)
    return time.perf_counter()


def _cmd(folder: Path, cfg: Path, db: Path, wrapper: Path | None = None) -> list[str]:
    head = [sys.executable, str(wrapper)] if wrapper else [sys.executable, "-m", "dateline.cli"]
    return head + ["run", str(folder), "--config", str(cfg), "--quiet", "--db", str(db)]


def _remove_db(db: Path) -> None:
    for p in (db, Path(f"{db}.wal")):
        p.unlink(missing_ok=True)
    shutil.rmtree(f"{db}.tmp", ignore_errors=True)


def assert_same_as_clean(db: Path, clean: Path, folder: Path) -> None:
    """Same ids and counts as the clean run, no duplicates, every corrupt file one reject with its code."""
    with open_store(clean, read_only=True) as a, open_store(db, read_only=True) as b:
        assert b.counts(DATA_TABLES) == a.counts(DATA_TABLES)
        for q in ("SELECT id, published, n_sentences, flags FROM articles ORDER BY id",
                  "SELECT id FROM sentences ORDER BY id",
                  "SELECT id, source, code FROM rejects ORDER BY id",
                  "SELECT article_id, origin FROM article_sources ORDER BY ALL"):
            assert b.query(q) == a.query(q), q
        assert b.query("SELECT count(*) AS n FROM (SELECT id FROM articles GROUP BY id HAVING count(*) > 1)")[0]["n"] == 0
        rejects = b.query("SELECT source, code, count(*) AS n FROM rejects GROUP BY ALL")
        assert {(Path(r["source"]).name, r["code"]) for r in rejects} == EXPECTED_REJECTS
        assert all(r["n"] == 1 for r in rejects), rejects  # exactly once: a re-run adds no second row
        assert all(r["source"].startswith(str(folder)) for r in rejects)
        [bad] = b.query("SELECT flags FROM articles WHERE path LIKE '%00100_bad_utf8.txt'")
        assert "W101" in bad["flags"]  # invalid UTF-8 is kept, with replacement characters, and flagged


# --- kill -9 ------------------------------------------------------------------------------------------
# `make stress` sets DATELINE_KILL_POINTS=20 for twenty kill points; CI runs three.
KILL_SEEDS = range(1, 1 + int(os.environ.get("DATELINE_KILL_POINTS", "3")))


@pytest.mark.parametrize("seed", KILL_SEEDS)
def test_kill_9_then_rerun_equals_a_clean_run(corpus, tmp_path, seed):
    """SIGKILL at a random point, re-run: the same tables as one clean run (no duplicates, no half batch,
    each corrupt file one reject)."""
    crashed = tmp_path / "crashed.duckdb"
    cmd = _cmd(corpus["folder"], corpus["cfg"], crashed)
    rng = random.Random(seed)
    for attempt in range(4):  # a run that ends before the kill is tried again, killed sooner
        _remove_db(crashed)
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        # anywhere from the store's opening to the closing checkpoint (not in the seconds of imports before)
        _wait_for_file(crashed, proc)
        time.sleep(corpus["seconds"] * rng.uniform(0.0, 1.0) / (attempt + 1))
        proc.send_signal(signal.SIGKILL)
        if proc.wait() == -signal.SIGKILL:
            break
    else:
        pytest.fail("the run always finished before it could be killed")
    rerun = subprocess.run(cmd + ["--json"], check=True, capture_output=True, text=True)
    resumed = json.loads(rerun.stdout)
    print(f"kill point {seed}: {resumed['skipped_known']} of {N_ARTICLES} articles stored before the kill")
    # (the kill may land after the last batch, in the closing steps: then the re-run stores nothing new)
    assert resumed["stored"] + resumed["skipped_known"] == N_ARTICLES
    assert resumed["rejected"] == len(EXPECTED_REJECTS)  # read again; stored once (checked below)
    assert_same_as_clean(crashed, corpus["clean"], corpus["folder"])


# --- a full disk --------------------------------------------------------------------------------------
# A per-process file-size limit (RLIMIT_FSIZE, no root needed) with SIGXFSZ ignored: every write that would
# take a file past the limit fails with EFBIG, as on a full disk. DuckDB then fails a WAL append (commit),
# a checkpoint into the database file, or the migrations of a new file.
CHECKPOINT_SHIM = '''
import sys, duckdb
_connect = duckdb.connect
def connect(*args, **kwargs):  # checkpoint often, so the database file itself is written mid-run
    con = _connect(*args, **kwargs)
    con.execute("SET checkpoint_threshold = '%s'")
    return con
duckdb.connect = connect
from dateline.cli import main
sys.argv = ["dateline"] + sys.argv[1:]
main()
'''

# name: (limit as a share of the clean database's size, checkpoint threshold or None for DuckDB's 16 MB,
# workers). Which write fails depends on the sizes DuckDB writes; every case must end the same way.
DISK_SCENARIOS = {
    "wal-append-mid-run": (0.25, None, 1),
    "checkpoint-mid-run": (0.6, "4MB", 1),  # (4MB: DuckDB 2.0 first checkpoints after ~450 of these articles)
    "new-file-migrations": (0.004, None, 1),
    "wal-append-early": (0.06, None, 1),
    "wal-append-late": (0.38, None, 1),
    "checkpoint-at-the-end": (0.8, None, 1),
    "checkpoint-every-batch": (0.8, "256KB", 1),
    "second-checkpoint-mid-run": (0.95, "4MB", 1),
    "two-workers": (0.25, None, 2),
}
# CI runs the first two (a commit and a checkpoint that fail); `make stress` sets DATELINE_DISK_FULL=all.
_N_DISK = os.environ.get("DATELINE_DISK_FULL", "2")
DISK_RUN = list(DISK_SCENARIOS)[: len(DISK_SCENARIOS) if _N_DISK == "all" else int(_N_DISK)]


def _limit_file_size(limit: int):
    def pre() -> None:  # runs in the child, before exec
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return pre


@pytest.mark.skipif(not hasattr(resource, "RLIMIT_FSIZE"), reason="needs POSIX file-size limits")
@pytest.mark.parametrize("scenario", DISK_RUN)
def test_full_disk_stops_with_e205_keeps_what_is_committed_and_a_rerun_completes(corpus, tmp_path, scenario):
    share, threshold, workers = DISK_SCENARIOS[scenario]
    limit = int(corpus["size"] * share)
    db = tmp_path / "full.duckdb"
    shim = None
    if threshold:
        shim = tmp_path / "shim.py"
        shim.write_text(CHECKPOINT_SHIM % threshold)
    cmd = _cmd(corpus["folder"], corpus["cfg"], db, shim) + ["--workers", str(workers)]
    failed = subprocess.run(cmd, capture_output=True, text=True, timeout=300, preexec_fn=_limit_file_size(limit))
    # a clear coded error that says what to do; no traceback, no hang (the timeout), nothing printed as done
    assert failed.returncode == 2, (failed.returncode, failed.stderr[-2000:])
    assert "[E205]" in failed.stderr and "Free disk space" in failed.stderr, failed.stderr[-2000:]
    assert "Traceback" not in failed.stderr and "stored" not in failed.stdout

    # What the failed run left (WAL replayed on open): whole batches, each with all its rows.
    kept = 0
    if db.exists():
        with open_store(db, read_only=True) as store:
            kept = store.counts(["articles"])["articles"]
            assert store.query("SELECT count(*) AS n FROM articles a WHERE NOT EXISTS "
                               "(SELECT 1 FROM article_minhash m WHERE m.article_id = a.id)")[0]["n"] == 0
            [row] = store.query("SELECT (SELECT count(*) FROM sentences) AS s, "
                                "(SELECT coalesce(sum(n_sentences), 0) FROM articles) AS n")
            assert row["s"] == row["n"], "an article stored without all its sentences"
    assert kept % BATCH == 0 or kept == N_ARTICLES, f"{kept} articles: a half-written batch"

    print(f"{scenario}: limit {limit:,} bytes, {kept} articles kept; {failed.stderr.strip().splitlines()[-1][:160]}")
    rerun = subprocess.run(cmd + ["--json"], capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    resumed = json.loads(rerun.stdout)
    assert resumed["skipped_known"] == kept, "an article committed before the failure was lost"
    assert resumed["stored"] == N_ARTICLES - kept
    assert_same_as_clean(db, corpus["clean"], corpus["folder"])
