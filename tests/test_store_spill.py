"""A failed write to DuckDB's spill folder (FILE.tmp/, where a query larger than the memory limit
goes) is E205 like any failed write, and leaves what is committed intact.

The spill is forced with a small ``memory_limit`` and the failure with a per-process file-size limit
(RLIMIT_FSIZE, SIGXFSZ ignored), in a child process so the limit never touches the test runner.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

resource = pytest.importorskip("resource")

CHILD = textwrap.dedent('''
    import resource, signal, sys
    from dateline.errors import DatelineError
    from dateline.store import open_store

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    store = open_store(sys.argv[1])
    with store.transaction("first"):
        store.con.execute("CREATE TABLE kept AS SELECT range AS i FROM range(1000)")
    store.checkpoint()
    store.con.execute("SET memory_limit = '30MB'; SET threads = 1; SET preserve_insertion_order = false")
    resource.setrlimit(resource.RLIMIT_FSIZE, (5_000_000, 5_000_000))
    try:
        with store.transaction("while sorting a large batch"):
            store.con.execute("CREATE TABLE big AS SELECT md5(i::VARCHAR) || md5((i + 1)::VARCHAR) AS h, i "
                              "FROM range(3000000) r(i) ORDER BY h")
        print("NO ERROR")
    except DatelineError as exc:
        print(exc.code, str(exc))
    store.close()
''')


def test_failed_spill_write_is_e205_and_keeps_what_is_committed(tmp_path):
    db = tmp_path / "spill.duckdb"
    out = subprocess.run([sys.executable, "-c", CHILD, str(db)], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    line = out.stdout.strip().splitlines()[-1]
    assert line.startswith("E205"), line
    assert ".tmp" in line and "while sorting a large batch" in line and "Free disk space" in line
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM kept").fetchone()[0] == 1000
        assert not con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = 'big'").fetchone()[0]
    finally:
        con.close()
