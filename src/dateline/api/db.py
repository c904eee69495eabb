"""The server's one read-only DuckDB connection, a cursor per request, and the event snapshot.

DuckDB's supported pattern for threads: one connection, and ``connection.cursor()`` (a new
connection to the same database) in each thread. The file is opened read-only, so the server can
never change it, and DuckDB's file lock keeps other processes from writing while it is open.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Optional

from ..store import Store
from .index import _LRU, EventIndex


class CursorStore:
    """What the query functions of :mod:`dateline.store` need from a Store, over one cursor."""

    def __init__(self, cursor, path: str):
        self.con = cursor
        self.path = path

    def query(self, sql: str, params: Optional[list] = None) -> list[dict]:
        cur = self.con.execute(sql, params or [])
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, row)) for row in cur.fetchall()]

    def one(self, sql: str, params: Optional[list] = None) -> Optional[dict]:
        rows = self.query(sql, params)
        return rows[0] if rows else None


class Database:
    """The DuckDB file behind the API (opened read-only) and its in-memory event snapshot."""

    def __init__(self, path: str | Path):
        self.path = str(path)
        self.store = Store(self.path, read_only=True)  # coded errors: E108 no file, E201 locked, E202, E203
        self.con = self.store.con
        self._index: Optional[EventIndex] = None
        self._lock = threading.Lock()
        # Answers that are slow to compute and cannot change while the file is open read-only.
        self.cache = _LRU(512)

    @property
    def index(self) -> EventIndex:
        if self._index is None:
            with self._lock:
                if self._index is None:
                    cur = self.con.cursor()
                    try:
                        self._index = EventIndex(cur)
                    finally:
                        cur.close()
        return self._index

    @contextmanager
    def cursor(self) -> Iterator[CursorStore]:
        cur = self.con.cursor()
        try:
            yield CursorStore(cur, self.path)
        finally:
            cur.close()

    def has_rows(self, table: str) -> bool:
        """Whether a table has any row (asked once per table; the file cannot change while open)."""
        def make() -> bool:
            with self.cursor() as st:
                return bool(st.one(f"SELECT count(*) AS n FROM (SELECT 1 FROM {table} LIMIT 1)")["n"])
        return self.cache.get(("has_rows", table), make)

    def has_column(self, table: str, column: str) -> bool:
        def make() -> bool:
            with self.cursor() as st:
                return bool(st.one("SELECT 1 AS x FROM information_schema.columns WHERE table_name = ? AND column_name = ?",
                                   [table, column]))
        return self.cache.get(("has_column", table, column), make)

    def close(self) -> None:
        self.store.close()
