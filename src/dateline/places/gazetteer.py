"""The gazetteer: name lookups over the SQLite index, with the project's and the user's tables laid over it.

Opening it costs a few milliseconds (SQLite pages are read on demand); lookups are cached per process.
The index is built on first use when missing (see build.py).
"""

from __future__ import annotations

import os
import sqlite3
import sys
import threading
import zlib
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable, Optional

from . import build
from .names import fold

MAX_CANDIDATES = 40
FEATURES = ("country", "admin1", "admin2", "city", "region", "other")


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer place, as a candidate for a name (``kind``: 0 its name, 1 an alias, 2 a short form)."""

    gid: int
    name: str
    feature: str
    lat: Optional[float]
    lon: Optional[float]
    pop: int
    cc: Optional[str]
    country: Optional[str]
    admin1: Optional[str]
    admin1_gid: Optional[int]
    admin2: Optional[str]
    coord: Optional[str]
    capital: int = 0  # 1 for the capital city of a country
    kind: int = 0

    @property
    def has_geonameid(self) -> bool:
        return self.gid > 0


def _data_file(name: str) -> Path:
    return Path(str(resources.files("dateline.places").joinpath("data", name)))


def read_table(path: Path) -> list[dict]:
    """Rows of a places table (regions.tsv format; see docs/places.md)."""
    rows = []
    header: list[str] | None = None
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.split("\t")
            if header is None:
                header = cells
                continue
            rows.append(dict(zip(header, cells + [""] * (len(header) - len(cells)))))
    return rows


def read_pairs(name: str) -> list[tuple[str, str]]:
    out = []
    with open(_data_file(name), encoding="utf-8") as fh:
        for line in fh:
            if line.strip() and not line.startswith("#"):
                a, _, b = line.rstrip("\n").partition("\t")
                out.append((a.strip(), b.strip()))
    return out


class Gazetteer:
    """Candidates for a folded name: ``gazetteer.lookup("damascus")``."""

    def __init__(self, path: Path | None = None, tables: Iterable[Path] = ()) -> None:
        path = path or build.index_path()
        if not path.exists():
            try:
                build.build(path)
            except OSError as exc:  # a read-only home: build into the temporary directory instead
                import tempfile

                path = Path(tempfile.gettempdir()) / f"dateline-{os.getuid()}" / path.name
                print(f"dateline: cannot write {exc.filename or path.parent} ({exc.strerror}); "
                      f"set DATELINE_CACHE to a writable folder. Using {path.parent}.", file=sys.stderr)
                if not path.exists():
                    build.build(path)
        # check_same_thread=False: lookups are read-only; one connection serves the process.
        self._con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self._con.execute("PRAGMA mmap_size=268435456")  # pages mapped, not copied: cheaper lookups
        self._lock = threading.Lock()
        self._extra_names: dict[str, list[tuple[int, int]]] = {}
        self._extra_places: dict[int, Entry] = {}
        self._points: dict[int, tuple[float, float, str]] = {}
        self._by_a2: dict[str, Entry] = {}
        for table in [_data_file("regions.tsv"), *tables]:
            self._lay_over(read_table(Path(table)), Path(table).name)
        self.lookup = lru_cache(maxsize=50_000)(self._lookup)

    # -- tables ---------------------------------------------------------------------------------------
    def _lay_over(self, rows: list[dict], source: str) -> None:
        for n, row in enumerate(rows, start=1):
            name = row.get("name", "").strip()
            if not name:
                continue
            # Places without a GeoNames id get a stable negative id (the stage reports them with geonameid null).
            gid = (int(row["geonameid"]) if row.get("geonameid", "").strip()
                   else -(zlib.crc32(f"{source}:{name}".encode()) % 10**9 + 1))
            lat, lon = row.get("lat", "").strip(), row.get("lon", "").strip()
            known = self._row(gid) if gid > 0 else None
            if known is not None:
                if lat and lon:
                    self._points[gid] = (float(lat), float(lon), f"table:{source}")
            else:
                feature = row.get("feature", "").strip() or "region"
                cc = row.get("country", "").strip() or None
                country = self.country_by_a2(cc) if cc else None
                self._extra_places[gid] = Entry(
                    gid, name, feature if feature in FEATURES else "other",
                    # A table entry has no population; it counts as a large place (the table lists notable ones).
                    float(lat) if lat else None, float(lon) if lon else None, int(row.get("population") or 10**6), cc,
                    country.country if country else None, None, None, None, f"table:{source}")
            for alias in [name, *[a for a in row.get("aliases", "").split("|") if a.strip()]]:
                self._extra_names.setdefault(fold(alias), []).append((gid, 0 if alias == name else 1))
        self.lookup = lru_cache(maxsize=50_000)(self._lookup)

    # -- lookups --------------------------------------------------------------------------------------
    def _query(self, sql: str, args: tuple) -> list[tuple]:
        with self._lock:
            return self._con.execute(sql, args).fetchall()

    def _entry(self, row: tuple, kind: int) -> Entry:
        entry = Entry(*row, kind=kind)
        point = self._points.get(entry.gid)
        if point is not None:
            entry = replace(entry, lat=point[0], lon=point[1], coord=point[2])
        return entry

    def _row(self, gid: int) -> Optional[tuple]:
        rows = self._query("SELECT * FROM places WHERE gid = ?", (gid,))
        return rows[0] if rows else None

    def get(self, gid: int) -> Optional[Entry]:
        if gid in self._extra_places:
            return self._extra_places[gid]
        row = self._row(gid)
        return self._entry(row, 0) if row else None

    def _lookup(self, key: str) -> tuple[Entry, ...]:
        # The most populous MAX_CANDIDATES places of a name are enough ("Springfield" has 60-odd); it bounds
        # the cost of common names.
        rows = self._query("SELECT p.*, n.kind FROM names n JOIN places p USING (gid) WHERE n.key = ? "
                           "ORDER BY n.kind > 1, p.pop DESC LIMIT ?", (key, MAX_CANDIDATES))
        found: dict[int, Entry] = {}
        for row in rows:
            found[row[0]] = self._entry(row[:-1], row[-1])
        for gid, kind in self._extra_names.get(key, ()):
            base = self._extra_places.get(gid) or found.get(gid) or self.get(gid)
            if base is not None and (gid not in found or kind < found[gid].kind):
                found[gid] = replace(base, kind=kind)
        return tuple(found.values())

    def country_by_a2(self, a2: str) -> Optional[Entry]:
        if a2 not in self._by_a2:
            rows = self._query("SELECT * FROM places WHERE feature = 'country' AND cc = ?", (a2,))
            self._by_a2[a2] = self._entry(rows[0], 0) if rows else None
        return self._by_a2[a2]

    def admin1_by_code(self, a2: str, name: str) -> Optional[Entry]:
        """The admin1 area of a country with this name (for "Corbin, Ky." once "Ky." is read as Kentucky)."""
        for entry in self.lookup(fold(name)):
            if entry.feature == "admin1" and entry.cc == a2:
                return entry
        return None


_SHARED: dict[tuple, Gazetteer] = {}


def gazetteer(tables: Iterable[str | Path] = ()) -> Gazetteer:
    """The process-wide gazetteer (opened once per process and per set of user tables)."""
    env = os.environ.get("DATELINE_PLACES_TABLES", "")
    paths = tuple(Path(p) for p in [*tables, *[x for x in env.split(os.pathsep) if x]])
    if paths not in _SHARED:
        missing = [str(p) for p in paths if not p.exists()]
        if missing:
            print(f"dateline: places table(s) not found, ignored: {', '.join(missing)}", file=sys.stderr)
            paths_ok = tuple(p for p in paths if p.exists())
        else:
            paths_ok = paths
        _SHARED[paths] = Gazetteer(tables=paths_ok)
    return _SHARED[paths]
