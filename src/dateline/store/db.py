"""The DuckDB store: open (with clear errors), migrate, write batches, read."""

from __future__ import annotations

import json
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator, Optional

import duckdb

from ..errors import DatelineError
from ..model import Record, Reject
from . import derived
from .migrations import LATEST, MIGRATIONS
from .rows import record_rows, reject_row

# Tables in the order a batch is written; children after their article.
RECORD_TABLES = ("articles", "sentences", "mentions", "actors", "places", "times", "events",
                 "event_actors", "quotes", "rejects")
DATA_TABLES = RECORD_TABLES + ("article_sources", "near_duplicates", "article_minhash",
                               "clusters", "cluster_members")


def open_store(path: str | Path, read_only: bool = False) -> "Store":
    return Store(path, read_only=read_only)


class Store:
    """One DuckDB file. Writes happen in one transaction per batch."""

    def __init__(self, path: str | Path, read_only: bool = False):
        self.path = str(path)
        if read_only and self.path != ":memory:" and not Path(self.path).exists():
            raise DatelineError("E108", f"No database at {self.path!r}.",
                                "Run `dateline run PATHS --db FILE` first, or pass the right --db.")
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as exc:
            raise _open_error(self.path, exc) from None
        if not read_only:
            self.migrate()
        else:
            self._check_version()

    # --- schema -----------------------------------------------------------------
    def version(self) -> int:
        has = self.con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_migrations'").fetchone()[0]
        if not has:
            return 0
        return self.con.execute("SELECT coalesce(max(version), 0) FROM schema_migrations").fetchone()[0]

    def _check_version(self) -> int:
        version = self.version()
        if version > LATEST:
            raise DatelineError("E203", f"{self.path!r} has schema version {version}; this dateline knows {LATEST}.",
                                "Upgrade dateline (pip install -U dateline).")
        return version

    def migrate(self) -> None:
        with self.transaction("Nothing was written."):
            self.con.execute("CREATE TABLE IF NOT EXISTS schema_migrations "
                             "(version INTEGER PRIMARY KEY, name TEXT, applied_at TIMESTAMP DEFAULT current_timestamp)")
        self._check_version()
        applied = {row[0] for row in self.con.execute("SELECT version FROM schema_migrations").fetchall()}
        # By version, and every one not yet applied (not only those above the highest applied).
        for version, name, sql in sorted(MIGRATIONS):
            if version in applied:
                continue
            with self.transaction(f"Migration {version} ({name}) was not applied; nothing else was written."):
                self.con.execute(sql)
                self.con.execute("INSERT INTO schema_migrations (version, name) VALUES (?, ?)", [version, name])

    # --- writing ----------------------------------------------------------------
    @contextmanager
    def transaction(self, what: str = "") -> Iterator[None]:
        """All or nothing. A write that fails for want of space (full disk, quota, file-size limit, failed
        fsync) becomes E205; DuckDB keeps the database as of the last commit (a commit that failed is
        truncated from the WAL). Other DuckDB errors are raised as they are."""
        try:
            self.con.execute("BEGIN TRANSACTION")
        except duckdb.Error as exc:
            raise self._maybe_write_error(exc, what) from None
        try:
            yield
        except BaseException as exc:
            self._rollback()
            if isinstance(exc, duckdb.Error):
                raise self._maybe_write_error(exc, what) from None
            raise
        try:
            self.con.execute("COMMIT")
        except duckdb.Error as exc:
            self._rollback()
            raise self._maybe_write_error(exc, what) from None

    def _rollback(self) -> None:
        # Never hide the error that made us roll back: after a failed commit DuckDB has already
        # aborted the transaction, and after an I/O error the rollback itself may fail.
        try:
            self.con.execute("ROLLBACK")
        except duckdb.Error:
            pass

    def _maybe_write_error(self, exc: duckdb.Error, what: str = "") -> Exception:
        return write_error(self.path, exc, what) if is_write_failure(exc) else exc

    def checkpoint(self) -> None:
        """Fold the write-ahead log into the database file now, so a failure to do so (a full disk)
        is an error the run reports rather than one DuckDB swallows when the connection closes."""
        try:
            self.con.execute("CHECKPOINT")
        except duckdb.Error as exc:
            raise self._maybe_write_error(exc, f"Everything this run stored is committed in {self.path}.wal "
                                               "(keep that file next to the database); it could not be "
                                               "folded into the database file.") from None

    def _insert(self, table: str, rows: list[dict]) -> None:
        if not rows:
            return
        import pyarrow as pa

        data = pa.Table.from_pylist(rows)
        view = f"_batch_{table}"
        self.con.register(view, data)
        try:
            self.con.execute(f"INSERT OR IGNORE INTO {table} BY NAME SELECT * FROM {view}")
        finally:
            self.con.unregister(view)

    def write_batch(self, records: Iterable[Record], rejects: Iterable[Reject] = (),
                    sources: Iterable[dict] = (), near: Iterable[dict] = (), minhash: Iterable[dict] = ()) -> None:
        """Write records and their side rows in one transaction: all of the batch or none of it."""
        by_table: dict[str, list[dict]] = {t: [] for t in RECORD_TABLES}
        for rec in records:
            for table, rows in record_rows(rec).items():
                by_table[table].extend(rows)
        by_table["rejects"].extend(reject_row(r) for r in rejects)
        n = len(by_table["articles"])
        what = (f"This batch of {n} articles was not written; the batches before it are stored." if n
                else "These rejects and sources were not written; the batches before them are stored.")
        with self.transaction(what):
            for table in RECORD_TABLES:
                self._insert(table, by_table[table])
            self._insert("article_sources", list(sources))
            self._insert("near_duplicates", list(near))
            self._insert("article_minhash", list(minhash))
            derived.derive(self.con)  # the query columns of the events and quotes just written

    def start_run(self, paths: list[str]) -> str:
        run_id = uuid.uuid4().hex[:12]
        with self.transaction("Nothing was stored by this run."):
            self.con.execute("INSERT INTO runs (id, started_at, paths) VALUES (?, current_timestamp, ?)",
                             [run_id, paths])
        return run_id

    def finish_run(self, run_id: str, summary: dict) -> None:
        with self.transaction("The batches stored so far are kept; only the run's summary row is missing."):
            self.con.execute("UPDATE runs SET finished_at = current_timestamp, summary = ? WHERE id = ?",
                             [json.dumps(summary), run_id])

    # --- reading ----------------------------------------------------------------
    def article_ids(self) -> set[str]:
        return {row[0] for row in self.con.execute("SELECT id FROM articles").fetchall()}

    def minhashes(self) -> list[tuple[str, bytes]]:
        return self.con.execute("SELECT article_id, sig FROM article_minhash").fetchall()

    def counts(self, tables: Iterable[str] = DATA_TABLES) -> dict[str, int]:
        return {t: self.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}

    def query(self, sql: str, params: Optional[list] = None) -> list[dict]:
        cur = self.con.execute(sql, params or [])
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, row)) for row in cur.fetchall()]

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _open_error(path: str, exc: Exception) -> DatelineError:
    text = str(exc)
    if is_write_failure(exc) and "lock" not in text.lower():
        return write_error(path, exc, "Nothing was written.")
    if "lock" in text.lower():
        return DatelineError("E201", f"The database {path!r} is locked by another process.",
                             "Wait for the other dateline run (or program) to finish, or use another --db file.")
    if "not a valid DuckDB database" in text or "database file" in text.lower() or "magic" in text.lower():
        return DatelineError("E202", f"{path!r} is not a DuckDB database ({text.splitlines()[0]}).",
                             "Pass a new file name with --db, or the path of a database dateline made.")
    return DatelineError("E202", f"Cannot open {path!r} as a DuckDB database: {text.splitlines()[0]}",
                         "Check the path and permissions, or pass another --db file.")


# What DuckDB says when a write cannot reach the disk: ENOSPC, EFBIG (a file-size limit), EDQUOT, or a
# commit / checkpoint / temporary-file write that failed for one of them.
# Matched on the message, not the exception class: DuckDB raises IOException for a file that is not a
# database too, and that is E202.
_WRITE_FAILURE = ("could not write", "no space left", "file too large", "disk quota", "could not truncate",
                  "could not fsync", "failed to create checkpoint", "database has been invalidated")


def is_write_failure(exc: BaseException) -> bool:
    text = str(exc).lower()
    return any(m in text for m in _WRITE_FAILURE)


def write_error(path: str, exc: BaseException, what: str = "") -> DatelineError:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return DatelineError(
        "E205", f"Cannot write the database {path!r} ({text}).{' ' + what if what else ''}",
        "Free disk space (or raise the quota or file-size limit), then run the same command again: "
        "it keeps what is stored and continues after it. DuckDB also writes FILE.wal and a FILE.tmp "
        "folder next to the database; both need space.")
