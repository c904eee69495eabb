"""An in-memory snapshot of the events, sorted as the event list is, for fast filtering and paging.

Why: the SQL of :func:`dateline.store.queries.events` sorts and joins every matching event for each
page (100-250 ms on 100,000 events on a loaded 2-core machine); a web UI pages and filters the same
set many times. While ``dateline serve`` holds the DuckDB file open read-only, no other process can
write to it (DuckDB allows one writing process or many reading ones), so a snapshot taken at start
stays true for the life of the server.

Filters keep exactly the meaning of ``queries.events`` (a test checks that both return the same ids
in the same order): type, modality (``asserted`` by default, ``all``), date_from/date_to on the
event's date range, and actor/place, which are resolved with the same SQL as ``queries.events`` and
then cached per value. Memory: about 600 bytes of Arrow columns per event (the evidence sentence is
kept for the list).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any, Callable, Hashable, Optional

import numpy as np
import pyarrow as pa

from ..errors import DatelineError
from ..link.timelines import QUAD_LABELS, quadclass
from ..store import derived
from ..store.queries import MODALITIES, _date

# Columns of one row of the event list; the names follow queries.events, plus display labels.
_INDEX_SQL = """
WITH names AS (
    SELECT u.event_id, u.role, list(coalesce(x.name, x.text) ORDER BY u.i) AS names
    FROM (SELECT id AS event_id, 'source' AS role, unnest(sources) AS actor_id,
                 generate_subscripts(sources, 1) AS i FROM events
          UNION ALL
          SELECT id, 'target', unnest(targets), generate_subscripts(targets, 1) FROM events) u
    JOIN actors x ON x.id = u.actor_id
    GROUP BY u.event_id, u.role)
SELECT e.id, coalesce(e.start_date, a.published) AS date,
       coalesce(e.end_date, e.start_date, a.published) AS date_hi,
       coalesce(e.start_date, e.end_date, a.published) AS date_lo,
       e.type, e.mode, e.modality, e.cameo, e.intensity, e.sources, e.targets,
       coalesce(s.names, []) AS source_names, coalesce(t.names, []) AS target_names,
       e.place, p.name AS place_name, p.lat, p.lon, p.country AS place_country,
       e.trigger_text, substr(a.text, e.sentence_start + 1, e.sentence_end - e.sentence_start) AS sentence,
       e.score, e.reason, e.article_id, a.title AS article_title, a.source AS outlet,
       e.acled_type, e.acled_subtype, e.modality_cue_text, e.modality_cue_start, e.modality_cue_end, e.reported_by,
       e.target_from_place, e.time_value, e.start_date, e.end_date, e.granularity, e.time_from, CAST(e.quantities AS TEXT) AS quantities,
       e.trigger_start, e.trigger_end, e.sentence_id, e.sentence_start, e.sentence_end
FROM events e JOIN articles a ON a.id = e.article_id
LEFT JOIN names s ON s.event_id = e.id AND s.role = 'source'
LEFT JOIN names t ON t.event_id = e.id AND t.role = 'target'
LEFT JOIN places p ON p.id = e.place
ORDER BY date NULLS LAST, e.id
"""
ROW_COLUMNS = ("id", "date", "type", "mode", "modality", "cameo", "intensity", "sources", "targets",
               "source_names", "target_names", "place", "place_name", "lat", "lon", "place_country",
               "trigger_text", "sentence", "score", "reason", "article_id", "article_title", "outlet")

# Kept for one event's page, so that it needs no query on the events table. (Keeping the actor,
# place and time rows here too saved ~1 ms a request but doubled the memory: they are looked up.)
DETAIL_COLUMNS = ("acled_type", "acled_subtype", "modality_cue_text", "modality_cue_start", "modality_cue_end",
                  "reported_by", "target_from_place", "time_value", "start_date", "end_date", "granularity", "time_from", "quantities",
                  "trigger_start", "trigger_end", "sentence_id", "sentence_start", "sentence_end")

# Same SQL as queries.events uses for these two filters.
_ACTOR_SQL = """SELECT DISTINCT ea.event_id FROM event_actors ea JOIN actors x ON x.id = ea.actor_id
                WHERE x.country = ? OR lower(x.name) = lower(?) OR x.kb_id = ? OR lower(x.text) = lower(?)"""
_PLACE_SQL = """SELECT id FROM events WHERE place IN (SELECT id FROM places WHERE lower(name) = lower(?)
                OR lower(text) = lower(?) OR country = ? OR CAST(geonameid AS TEXT) = ?)"""
_EDGES_SQL = """
SELECT ix.pos, coalesce(xs.name, xs.text) AS src, coalesce(xt.name, xt.text) AS tgt,
       xs.country AS src_country, xs.sector AS src_sector, xt.country AS tgt_country, xt.sector AS tgt_sector
FROM event_actors s
JOIN event_actors t ON t.event_id = s.event_id AND s.role = 'source' AND t.role = 'target'
JOIN actors xs ON xs.id = s.actor_id JOIN actors xt ON xt.id = t.actor_id
JOIN _dateline_ix ix ON ix.id = s.event_id
"""
PERIODS = ("day", "week", "month", "year")


class _LRU:
    """A small thread-safe least-recently-used cache."""

    def __init__(self, size: int):
        self.size = size
        self.data: OrderedDict = OrderedDict()
        self.lock = threading.Lock()

    def peek(self, key: Hashable) -> Any:
        """The cached value, or None (without computing it)."""
        with self.lock:
            return self.data.get(key)

    def get(self, key: Hashable, make: Callable[[], Any]) -> Any:
        with self.lock:
            if key in self.data:
                self.data.move_to_end(key)
                return self.data[key]
        value = make()  # outside the lock: two threads may both compute; both get the same answer
        with self.lock:
            self.data[key] = value
            self.data.move_to_end(key)
            while len(self.data) > self.size:
                self.data.popitem(last=False)
        return value


class EventIndex:
    """Every event, in list order, as an Arrow table plus NumPy columns for the filters."""

    def __init__(self, con):
        table = _arrow(con, _INDEX_SQL).combine_chunks()
        self.n = table.num_rows
        self.rows = table.select(list(ROW_COLUMNS))
        self.detail = table.select(list(DETAIL_COLUMNS))
        self.pos = {event_id: i for i, event_id in enumerate(table.column("id").to_pylist())}
        self.date = _days(table.column("date"))
        self.date_lo = _days(table.column("date_lo"))
        self.date_hi = _days(table.column("date_hi"))
        self.type_codes, self.types = _codes(table.column("type"))
        self.modality_codes, self.modalities = _codes(table.column("modality"))
        intensity = table.column("intensity").to_numpy(zero_copy_only=False)
        self.intensity = np.asarray(intensity, dtype=float)
        types = table.column("type").to_pylist()
        cameos = table.column("cameo").to_pylist()
        self.quad = np.array([quadclass(c, t) or 0 for c, t in zip(cameos, types)], dtype=np.int8)
        self._places(table)
        self._edges(con)
        self._by_filter = _LRU(256)
        self._by_actor = _LRU(1024)
        self._by_place = _LRU(1024)

    # --- build ----------------------------------------------------------------------------------
    def _places(self, table: pa.Table) -> None:
        """A code per event for its mapped place (name and coordinates), -1 when it has none."""
        names = table.column("place_name").to_pylist()
        lats = table.column("lat").to_pylist()
        lons = table.column("lon").to_pylist()
        countries = table.column("place_country").to_pylist()
        keys: dict[tuple, int] = {}
        self.place_list: list[dict] = []
        codes = np.full(self.n, -1, dtype=np.int32)
        for i, (name, lat, lon, country) in enumerate(zip(names, lats, lons, countries)):
            if lat is None or lon is None:
                continue
            key = (name, round(lat, 4), round(lon, 4))
            code = keys.get(key)
            if code is None:
                code = keys[key] = len(self.place_list)
                self.place_list.append({"name": name, "lat": lat, "lon": lon, "country": country})
            codes[i] = code
        self.place_code = codes

    def _edges(self, con) -> None:
        """Source-to-target actor pairs of every event, as codes, for the network."""
        ix = pa.table({"id": self.rows.column("id"), "pos": pa.array(np.arange(self.n, dtype=np.int64))})
        con.register("_dateline_ix", ix)
        try:
            rows = con.execute(_EDGES_SQL).fetchall()
        finally:
            con.unregister("_dateline_ix")
        labels: dict[str, int] = {}
        self.actor_list: list[dict] = []

        def code(label: str, country: Optional[str], sector: Optional[str]) -> int:
            c = labels.get(label)
            if c is None:
                c = labels[label] = len(self.actor_list)
                self.actor_list.append({"label": label, "country": country, "sector": sector})
            return c

        self.edge_pos = np.array([r[0] for r in rows], dtype=np.int64)
        self.edge_src = np.array([code(r[1] or "?", r[3], r[4]) for r in rows], dtype=np.int64)
        self.edge_tgt = np.array([code(r[2] or "?", r[5], r[6]) for r in rows], dtype=np.int64)

    # --- filters --------------------------------------------------------------------------------
    def select(self, cur, type: Optional[str] = None, actor: Optional[str] = None,
               date_from: Optional[str] = None, date_to: Optional[str] = None, place: Optional[str] = None,
               modality: Optional[str] = "asserted") -> np.ndarray:
        """Positions (in list order) of the events that pass the filters of ``queries.events``."""
        key = self.key(type, actor, date_from, date_to, place, modality)
        return self._by_filter.get(key, lambda: self._select(cur, *key))

    def select_now(self, **filters) -> Optional[np.ndarray]:
        """Like :meth:`select` when no SQL is needed (no actor or place filter, or theirs are cached);
        else None. Lets the async endpoints answer without a thread hop."""
        key = self.key(**filters)
        hit = self._by_filter.peek(key)
        if hit is not None:
            return hit
        _, actor, _, _, place, _ = key
        if (actor and self._by_actor.peek(actor) is None) or (place and self._by_place.peek(place) is None):
            return None
        return self._by_filter.get(key, lambda: self._select(None, *key))

    @staticmethod
    def key(type: Optional[str] = None, actor: Optional[str] = None, date_from: Optional[str] = None,
            date_to: Optional[str] = None, place: Optional[str] = None, modality: Optional[str] = "asserted") -> tuple:
        """The filters, checked (E401) and normalised: the cache key of a selection."""
        if modality and modality != "all" and modality not in MODALITIES:
            raise DatelineError("E401", f"Unknown modality {modality!r}.", f"Use one of {', '.join(MODALITIES)} or all.")
        lo, hi = _date(date_from, "from"), _date(date_to, "to")
        return (type.upper() if type else None, actor or None, lo, hi, place or None,
                None if modality in (None, "", "all") else modality)

    def _select(self, cur, type, actor, lo, hi, place, modality) -> np.ndarray:
        mask = np.ones(self.n, dtype=bool)
        if type:
            mask &= _eq(self.type_codes, self.types, type)
        if modality:
            mask &= _eq(self.modality_codes, self.modalities, modality)
        if lo:
            mask &= self.date_hi >= np.datetime64(lo, "D")
        if hi:
            mask &= self.date_lo <= np.datetime64(hi, "D")
        if actor:
            mask &= self._member(self._by_actor, cur, _ACTOR_SQL, actor, [actor.upper(), actor, actor, actor])
        if place:
            mask &= self._member(self._by_place, cur, _PLACE_SQL, place, [place, place, place.upper(), place])
        out = np.flatnonzero(mask)
        out.setflags(write=False)
        return out

    def _member(self, cache: _LRU, cur, sql: str, value: str, params: list) -> np.ndarray:
        def make() -> np.ndarray:
            nonlocal sql, params
            fast = _fast_member(cur, sql, value)
            if fast:
                sql, params = fast
            mask = np.zeros(self.n, dtype=bool)
            hits = [self.pos[r[0]] for r in cur.execute(sql, params).fetchall() if r[0] in self.pos]
            mask[np.array(hits, dtype=np.int64)] = True
            mask.setflags(write=False)
            return mask
        return cache.get(value, make)

    # --- reads ----------------------------------------------------------------------------------
    def page(self, positions: np.ndarray, limit: int, offset: int) -> list[dict]:
        chosen = positions[offset:offset + limit]
        if len(chosen) == 0:
            return []
        return self.rows.take(pa.array(chosen)).to_pylist()

    def row(self, event_id: str, detail: bool = False) -> Optional[dict]:
        """One event as in the list; with ``detail``, also its offsets, time and quantities."""
        i = self.pos.get(event_id)
        if i is None:
            return None
        out = self.rows.slice(i, 1).to_pylist()[0]
        if detail:
            out.update(self.detail.slice(i, 1).to_pylist()[0])
        return out

    def timeline(self, positions: np.ndarray, period: str = "month") -> list[dict]:
        """Per period: events, mean and summed intensity, and counts per QuadClass."""
        if period not in PERIODS:
            raise DatelineError("E401", f"Unknown period {period!r}.", f"Use one of {', '.join(PERIODS)}.")
        days = self.date[positions]
        keep = ~np.isnat(days)
        days, chosen = days[keep], positions[keep]
        if len(days) == 0:
            return []
        starts = _period_start(days, period)
        uniq, inv = np.unique(starts, return_inverse=True)
        counts = np.bincount(inv, minlength=len(uniq))
        inten = self.intensity[chosen]
        has = ~np.isnan(inten)
        sums = np.bincount(inv[has], weights=inten[has], minlength=len(uniq))
        n_int = np.bincount(inv[has], minlength=len(uniq))
        quads = {q: np.bincount(inv[self.quad[chosen] == q], minlength=len(uniq)) for q in QUAD_LABELS}
        with np.errstate(invalid="ignore", divide="ignore"):
            means = np.round(sums / n_int, 3)
        means = [None if n == 0 else m for m, n in zip(means.tolist(), n_int.tolist())]
        columns = {"period": [d.item() for d in uniq.astype("datetime64[D]")], "n_events": counts.tolist(),
                   "mean_intensity": means, "sum_intensity": np.round(sums, 3).tolist()}
        for q, label in QUAD_LABELS.items():
            columns[label.replace(" ", "_")] = quads[q].tolist()
        names = list(columns)
        return [dict(zip(names, values)) for values in zip(*columns.values())]

    def places(self, positions: np.ndarray, limit: int) -> list[dict]:
        """Mapped places of the chosen events, with their event counts, most events first."""
        codes = self.place_code[positions]
        codes = codes[codes >= 0]
        if len(codes) == 0:
            return []
        counts = np.bincount(codes, minlength=len(self.place_list))
        order = np.argsort(-counts, kind="stable")[:limit]
        return [{**self.place_list[c], "n_events": int(counts[c])} for c in order if counts[c] > 0]

    def network(self, positions: np.ndarray, limit: int) -> dict:
        """Who acts on whom among the chosen events: edges weighted by event counts."""
        chosen = np.zeros(self.n, dtype=bool)
        chosen[positions] = True
        keep = chosen[self.edge_pos] if len(self.edge_pos) else np.zeros(0, dtype=bool)
        k = max(len(self.actor_list), 1)
        pair = self.edge_src[keep] * k + self.edge_tgt[keep]
        if len(pair) == 0:
            return {"nodes": [], "edges": []}
        inten = self.intensity[self.edge_pos[keep]]
        uniq, inv, counts = np.unique(pair, return_inverse=True, return_counts=True)
        has = ~np.isnan(inten)
        sums = np.bincount(inv[has], weights=inten[has], minlength=len(uniq))
        n_int = np.bincount(inv[has], minlength=len(uniq))
        order = np.argsort(-counts, kind="stable")[:limit]
        edges, used = [], {}
        for j in order:
            s, t = divmod(int(uniq[j]), k)
            edges.append({"source": self.actor_list[s]["label"], "target": self.actor_list[t]["label"],
                          "n_events": int(counts[j]),
                          "mean_intensity": round(float(sums[j] / n_int[j]), 3) if n_int[j] else None})
            used[s] = used.get(s, 0) + int(counts[j])
            used[t] = used.get(t, 0) + int(counts[j])
        nodes = [{**self.actor_list[c], "n_events": n} for c, n in sorted(used.items(), key=lambda kv: -kv[1])]
        return {"nodes": nodes, "edges": edges}


def _fast_member(cur, sql: str, value: str) -> Optional[tuple[str, list]]:
    """The same event ids as ``_ACTOR_SQL``/``_PLACE_SQL`` from the derived columns of events
    (store/derived.py: one table instead of a join to every actor or place), when they are there."""
    if not derived.ready(cur):
        return None
    if sql is _ACTOR_SQL:
        src, tgt = derived.actor_match("e.source", value), derived.actor_match("e.target", value)
        if src is None or tgt is None:
            return None
        return f"SELECT e.id FROM events e WHERE {src[0]} OR {tgt[0]}", src[1] + tgt[1]
    return ("SELECT e.id FROM events e WHERE e.place_name_key = lower(?) OR e.place_text_key = lower(?) "
            "OR e.place_country = ? OR e.place_gid = ?", [value, value, value.upper(), value])


def _arrow(con, sql: str) -> pa.Table:
    """The result as an Arrow table, whichever DuckDB release this is (the method was renamed in 2.0)."""
    rel = con.sql(sql)
    return rel.to_arrow_table() if hasattr(rel, "to_arrow_table") else rel.arrow()


def _days(col: pa.ChunkedArray) -> np.ndarray:
    return np.asarray(col.to_numpy(zero_copy_only=False), dtype="datetime64[D]")


def _codes(col: pa.ChunkedArray) -> tuple[np.ndarray, list]:
    encoded = col.combine_chunks().dictionary_encode() if col.num_chunks else pa.array([], pa.string()).dictionary_encode()
    codes = encoded.indices.to_numpy(zero_copy_only=False)
    codes = np.where(np.isnan(codes.astype(float)), -1, codes).astype(np.int32) if codes.dtype.kind == "f" else codes
    return np.asarray(codes, dtype=np.int32), encoded.dictionary.to_pylist()


def _eq(codes: np.ndarray, values: list, value: str) -> np.ndarray:
    try:
        return codes == values.index(value)
    except ValueError:
        return np.zeros(len(codes), dtype=bool)


def _period_start(days: np.ndarray, period: str) -> np.ndarray:
    if period == "day":
        return days
    if period == "month":
        return days.astype("datetime64[M]").astype("datetime64[D]")
    if period == "year":
        return days.astype("datetime64[Y]").astype("datetime64[D]")
    n = days.astype(np.int64)
    return (n - (n + 3) % 7).astype("datetime64[D]")  # 1970-01-01 was a Thursday; weeks start on Monday
