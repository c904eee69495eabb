"""Parquet shards of records: written by distributed workers, imported into (or viewed from) DuckDB.

Layout of a shard set (a local folder or any fsspec URL: ``s3://bucket/run``, ``gs://...``)::

    SHARDS/articles/part-<run>-<n>.parquet
    SHARDS/events/part-<run>-<n>.parquet
    ...                                 one folder per table in SHARD_TABLES

A part holds the rows of :func:`~dateline.store.rows.record_rows` (the embedded store's rows)
typed with the Arrow schema of the DuckDB tables: the same columns and types, so importing is a
plain ``INSERT OR IGNORE ... BY NAME`` and is idempotent (every table has a primary key).
A part is written under a temporary name and renamed, so a reader never sees half a file.
"""

from __future__ import annotations

import datetime as _dt
import functools
import posixpath
import uuid
from pathlib import Path
from typing import Any, Iterable, Optional

from ..errors import DatelineError
from ..model import Record, Reject
from . import derived
from .db import RECORD_TABLES, Store, open_store
from .rows import record_rows, reject_row

# Tables a shard set holds: the record tables (workers) and the ingest side tables (client).
SIDE_TABLES = ("article_sources", "near_duplicates", "article_minhash")
SHARD_TABLES = RECORD_TABLES + SIDE_TABLES


def is_url(location: str) -> bool:
    return "://" in str(location)


def filesystem(location: str):
    """The fsspec filesystem of a location and the path inside it (local folders need no fsspec)."""
    try:
        import fsspec
    except ImportError:
        raise DatelineError("E501", f"Reading or writing {location!r} needs fsspec, which is not installed.",
                            "Install the extra: pip install 'dateline[dask]' (and s3fs or gcsfs for object stores).") from None
    fs, _, paths = fsspec.get_fs_token_paths(str(location))
    return fs, paths[0].rstrip("/")


class ShardWriter:
    """Writes parts of a shard set; one per process, reused for every part.

    Rows come from :func:`~dateline.store.rows.record_rows`, as in the embedded store, and are typed with
    the Arrow schema of the DuckDB tables (read once from an in-memory store with the same migrations).
    A table whose rows do not fit that schema as they are goes through the in-memory DuckDB store
    instead, so DuckDB's own casts (or its error for an unknown column) apply exactly as in the embedded run.
    """

    def __init__(self, location: str):
        self.location = str(location)
        self.fs, self.root = filesystem(self.location)
        self.store, self.schemas, self.defaults = table_schemas()

    def write(self, part: str, records: Iterable[Record] = (), rejects: Iterable[Reject] = (),
              sources: Iterable[dict] = (), near: Iterable[dict] = (), minhash: Iterable[dict] = (),
              tables: Optional[Iterable[str]] = None, empty: bool = False) -> dict[str, int]:
        """Write one part; returns rows per table. ``empty`` also writes tables without rows (so that
        every table folder holds at least one file and ``read_parquet`` globs never come up empty)."""
        import pyarrow.parquet as pq

        by_table = table_rows(records, rejects=rejects, sources=sources, near=near, minhash=minhash)
        counts: dict[str, int] = {}
        for table in tables or SHARD_TABLES:
            rows = by_table[table]
            if not rows and not empty:
                continue
            data = self.arrow(table, rows)
            folder = posixpath.join(self.root, table)
            self.fs.makedirs(folder, exist_ok=True)
            final = posixpath.join(folder, f"part-{part}.parquet")
            tmp = final + f".{uuid.uuid4().hex[:8]}.tmp"
            with self.fs.open(tmp, "wb") as fh:
                pq.write_table(data, fh, compression="zstd")
            self.fs.mv(tmp, final)
            counts[table] = data.num_rows
        return counts

    def arrow(self, table: str, rows: list[dict]):
        """The rows of one table as an Arrow table with exactly the DuckDB table's columns and types."""
        import pyarrow as pa

        schema = self.schemas[table]
        if rows and set(rows[0]) <= set(schema.names):
            if self.defaults[table]:
                now = _dt.datetime.now()
                rows = [{**{c: now for c in self.defaults[table]}, **r} for r in rows]
            try:
                return pa.Table.from_pylist(rows, schema=schema)
            except (pa.ArrowException, OverflowError, TypeError, ValueError):
                pass  # let DuckDB cast, as the embedded store does
        if not rows:
            return schema.empty_table()
        con = self.store.con
        con.register("_rows", pa.Table.from_pylist(rows))
        try:  # one statement, no transaction: an unknown column raises DuckDB's own Binder Error
            con.execute(f"INSERT OR IGNORE INTO {table} BY NAME SELECT * FROM _rows")
            return con.sql(f"SELECT {derived.plain_columns(con, table)} FROM {table}").to_arrow_table()
        finally:
            con.unregister("_rows")
            con.execute(f"DELETE FROM {table}")


@functools.lru_cache(maxsize=1)
def table_schemas() -> tuple[Store, dict, dict[str, set[str]]]:
    """An in-memory store with every migration, the Arrow schema of each shard table, and the columns
    filled by a DEFAULT (ingested_at, first_seen, rejected_at), which the writer sets as DuckDB would.
    Built once per process (a worker builds it when it starts, see dateline.engines.dask)."""
    store = open_store(":memory:")
    schemas = {t: store.con.sql(f"SELECT {derived.plain_columns(store.con, t)} FROM {t} LIMIT 0").to_arrow_table().schema for t in SHARD_TABLES}
    defaults = {t: {r[0] for r in store.con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = ? AND column_default IS NOT NULL",
        [t]).fetchall()} for t in SHARD_TABLES}
    return store, schemas, defaults


def table_rows(records: Iterable[Record], rejects: Iterable[Reject] = (), sources: Iterable[dict] = (),
               near: Iterable[dict] = (), minhash: Iterable[dict] = ()) -> dict[str, list[dict]]:
    """Rows per shard table, as ``Store.write_batch`` builds them."""
    by_table: dict[str, list[dict]] = {t: [] for t in SHARD_TABLES}
    for rec in records:
        for table, rows in record_rows(rec).items():
            by_table[table].extend(rows)
    by_table["rejects"].extend(reject_row(r) for r in rejects)
    by_table["article_sources"].extend(sources)
    by_table["near_duplicates"].extend(near)
    by_table["article_minhash"].extend(minhash)
    return by_table


def shard_files(shards: str, table: str, run: str = "") -> list[str]:
    """The part files of one table (of one run when ``run`` is given), sorted; full URLs for remote sets."""
    pattern = f"part-{run}-*.parquet" if run else "*.parquet"
    if not is_url(shards):  # local folders need no fsspec (importing works without the dask extra)
        return sorted(str(f) for f in (Path(shards) / table).glob(pattern))
    fs, root = filesystem(shards)
    protocol = str(shards).split("://", 1)[0]
    return [f if "://" in f else f"{protocol}://{f}" for f in sorted(fs.glob(posixpath.join(root, table, pattern)))]


def _check_shards(shards: str) -> None:
    if not any(shard_files(shards, t) for t in ("articles", "rejects")):
        raise DatelineError("E503", f"No shards at {shards!r} (no articles/*.parquet or rejects/*.parquet).",
                            "Pass the --shards folder or URL of a `dateline run --engine dask` run.")


def import_shards(shards: str, db: str, link: bool = True) -> dict[str, Any]:
    """Load a shard set into the DuckDB file ``db`` (INSERT OR IGNORE: importing twice adds nothing),
    then link events across articles when ``link``. Returns rows added per table and the link counts."""
    store = open_store(db)
    try:
        return import_into(store, shards, link=link)
    finally:
        store.close()


def import_into(store: Store, shards: str, link: bool = True, run: str = "") -> dict[str, Any]:
    """Import into an open store; only the parts of one run when ``run`` is given (the end of a Dask run)."""
    _check_shards(str(shards))
    before = store.counts(SHARD_TABLES)
    with store.transaction():
        for table in SHARD_TABLES:
            files = shard_files(str(shards), table, run)
            if files:
                _insert_files(store, table, files, remote=is_url(str(shards)))
        derived.derive(store.con)  # shards carry no query columns: they are the store's own copies
    after = store.counts(SHARD_TABLES)
    out: dict[str, Any] = {"shards": str(shards), "db": store.path,
                           "added": {t: after[t] - before[t] for t in SHARD_TABLES}}
    if link:
        from .timeline_queries import link as _link

        out["link"] = _link(store)
    return out


def _insert_files(store: Store, table: str, files: list[str], remote: bool) -> None:
    if not remote:
        # DuckDB reads local parts itself, in parallel; union_by_name accepts parts written before
        # a migration added a column (the missing column is NULL).
        store.con.execute(f"INSERT OR IGNORE INTO {table} BY NAME "
                          f"SELECT * FROM read_parquet(?, union_by_name = true)", [files])
        return
    # Object stores: read through fsspec and pyarrow, so DuckDB needs no network extension.
    import pyarrow.parquet as pq

    fs, _ = filesystem(files[0])
    for f in files:
        data = pq.read_table(f.split("://", 1)[1] if "://" in f else f, filesystem=fs)
        view = f"_shard_{table}"
        store.con.register(view, data)
        try:
            store.con.execute(f"INSERT OR IGNORE INTO {table} BY NAME SELECT * FROM {view}")
        finally:
            store.con.unregister(view)


def create_views(shards: str, db: str) -> dict[str, int]:
    """Make ``db`` a DuckDB file whose record tables are views over local Parquet shards.

    Every read command (``dateline events --db DB`` ...) then queries the shards in place; nothing is
    copied. Linking writes the clusters tables, which stay ordinary tables. Returns rows per view.
    """
    if is_url(str(shards)):
        raise DatelineError("E503", f"Views need a local shard folder; {shards!r} is a URL.",
                            "Use `dateline import SHARDS --db FILE` to copy remote shards into DuckDB.")
    _check_shards(str(shards))
    root = Path(shards).resolve()
    store = open_store(db)
    try:
        counts = {}
        for table in SHARD_TABLES:
            pattern = str(root / table / "*.parquet").replace("'", "''")
            kind = store.con.execute("SELECT table_type FROM information_schema.tables WHERE table_name = ?",
                                     [table]).fetchone()
            if kind and kind[0] == "BASE TABLE":
                if store.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]:
                    raise DatelineError("E503", f"{db!r} already holds rows in {table}; views would hide them.",
                                        "Pass a new --db file for the views, or import the shards instead.")
                store.con.execute(f"DROP TABLE {table}")
            store.con.execute(f"CREATE OR REPLACE VIEW {table} AS "
                              f"SELECT * FROM read_parquet('{pattern}', union_by_name = true)")
            counts[table] = store.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        return counts
    finally:
        store.close()
