"""Read-side queries shared by the CLI, the Python API and the HTTP API.

Every filter is a bound parameter; table and column names come from fixed lists.
"""

from __future__ import annotations

import datetime as dt
from typing import Optional

from ..errors import DatelineError
from .db import DATA_TABLES, Store
from . import derived
from .derived import plain_columns

MODALITIES = ("asserted", "negated", "hypothetical", "future", "threatened", "demanded")
EXPORT_FORMATS = ("parquet", "csv", "jsonl")
EVENT_EXPORT_FORMATS = ("cameo-csv", "plover-json", "acled-csv")  # table events only (store/event_exports.py)
EXPORTABLE = DATA_TABLES + ("runs",)


def _date(value: Optional[str], name: str) -> Optional[dt.date]:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise DatelineError("E401", f"--{name} {value!r} is not a date.", "Use YYYY-MM-DD.") from None


def _page(limit: int, offset: int) -> tuple[int, int]:
    if not (0 < int(limit) <= 100_000) or int(offset) < 0:
        raise DatelineError("E401", f"limit must be 1..100000 and offset >= 0 (got {limit}, {offset}).")
    return int(limit), int(offset)


def articles(store: Store, limit: int = 50, offset: int = 0, source: Optional[str] = None,
             date_from: Optional[str] = None, date_to: Optional[str] = None) -> list[dict]:
    limit, offset = _page(limit, offset)
    where, params = ["TRUE"], []
    if source:
        where.append("source = ?")
        params.append(source)
    if (d := _date(date_from, "from")):
        where.append("published >= ?")
        params.append(d)
    if (d := _date(date_to, "to")):
        where.append("published <= ?")
        params.append(d)
    return store.query(
        f"""SELECT id, published, published_from, title, source, path, flags, n_sentences,
                   (SELECT count(*) FROM article_sources s WHERE s.article_id = a.id) AS n_copies
            FROM articles a WHERE {' AND '.join(where)} ORDER BY published NULLS LAST, id LIMIT ? OFFSET ?""",
        params + [limit, offset])


def rejects(store: Store, limit: int = 100, offset: int = 0, code: Optional[str] = None,
            stage: Optional[str] = None) -> list[dict]:
    limit, offset = _page(limit, offset)
    where, params = ["TRUE"], []
    if code:
        where.append("code = ?")
        params.append(code)
    if stage:
        where.append("stage = ?")
        params.append(stage)
    return store.query(f"SELECT source, article_id, stage, code, reason, rejected_at FROM rejects "
                       f"WHERE {' AND '.join(where)} ORDER BY rejected_at, source LIMIT ? OFFSET ?", params + [limit, offset])


def events(store: Store, type: Optional[str] = None, actor: Optional[str] = None, date_from: Optional[str] = None,
           date_to: Optional[str] = None, place: Optional[str] = None, modality: Optional[str] = "asserted",
           limit: int = 50, offset: int = 0) -> list[dict]:
    """Events with their sentence; by default only asserted ones (``modality='all'`` for every one)."""
    limit, offset = _page(limit, offset)
    if modality and modality != "all" and modality not in MODALITIES:
        raise DatelineError("E401", f"Unknown modality {modality!r}.", f"Use one of {', '.join(MODALITIES)} or all.")
    lo, hi = _date(date_from, "from"), _date(date_to, "to")
    if derived.ready(store.con) and (not actor or derived.SEP not in actor):
        return _events_fast(store, type, actor, lo, hi, place, modality, limit, offset)
    return events_plain(store, type, actor, lo, hi, place, modality, limit, offset)



def add_range_filters(where: list[str], params: list, modality: Optional[str], lo, hi,
                      lo_col: str, hi_col: str) -> None:
    """Append the modality and date-range conditions every event listing shares. ``lo_col`` is the
    column compared with the range's start (an event's latest date), ``hi_col`` with its end."""
    if modality and modality != "all":
        where.append("e.modality = ?")
        params.append(modality)
    if lo:
        where.append(f"{lo_col} >= ?")
        params.append(lo)
    if hi:
        where.append(f"{hi_col} <= ?")
        params.append(hi)

def events_plain(store: Store, type, actor, lo, hi, place, modality, limit: int, offset: int) -> list[dict]:
    """:func:`events` in plain SQL over the joined tables (the meaning the fast path must keep)."""
    where, params = ["TRUE"], []
    if type:
        where.append("e.type = ?")
        params.append(type.upper())
    add_range_filters(where, params, modality, lo, hi, "coalesce(e.end_date, e.start_date, a.published)",
                      "coalesce(e.start_date, e.end_date, a.published)")
    if actor:
        where.append("""e.id IN (SELECT ea.event_id FROM event_actors ea JOIN actors x ON x.id = ea.actor_id
                        WHERE x.country = ? OR lower(x.name) = lower(?) OR x.kb_id = ? OR lower(x.text) = lower(?))""")
        params += [actor.upper(), actor, actor, actor]
    if place:
        where.append("e.place IN (SELECT id FROM places WHERE lower(name) = lower(?) OR lower(text) = lower(?) "
                     "OR country = ? OR CAST(geonameid AS TEXT) = ?)")
        params += [place, place, place.upper(), place]
    return store.query(
        f"""WITH page AS (
                SELECT {plain_columns(store.con, 'events', 'e')}, coalesce(e.start_date, a.published) AS date,
                       substr(a.text, e.sentence_start + 1, e.sentence_end - e.sentence_start) AS sentence
                FROM events e JOIN articles a ON a.id = e.article_id
                WHERE {' AND '.join(where)} ORDER BY date NULLS LAST, e.id LIMIT ? OFFSET ?)
            {_EVENT_ROWS}""",
        params + [limit, offset])


# The columns of a page of events, from ``page`` (events with ``date`` and ``sentence``).
_EVENT_ROWS = """
            SELECT p.id, p.date, p.type, p.mode, p.modality, p.cameo, p.intensity,
                   (SELECT string_agg(coalesce(x.country || ' ' || x.sector, x.country, x.name, x.text), '; ' ORDER BY x.id)
                      FROM actors x WHERE list_contains(p.sources, x.id)) AS source_actors,
                   (SELECT string_agg(coalesce(x.country || ' ' || x.sector, x.country, x.name, x.text), '; ' ORDER BY x.id)
                      FROM actors x WHERE list_contains(p.targets, x.id)) AS target_actors,
                   pl.name AS place_name, p.trigger_text, p.sentence, p.sources, p.targets, p.place,
                   p.score, p.reason, p.article_id
            FROM page p LEFT JOIN places pl ON pl.id = p.place
            ORDER BY p.date NULLS LAST, p.id"""


def _events_fast(store: Store, type, actor, lo, hi, place, modality, limit: int, offset: int) -> list[dict]:
    """:func:`events` over the derived columns (store/derived.py): the page is chosen and read from
    the events table alone."""
    where, params = ["e.has_article"], []
    if type:
        where.append("e.type = ?")
        params.append(type.upper())
    add_range_filters(where, params, modality, lo, hi, "e.date_hi", "e.date_lo")
    if actor:
        src, p1 = derived.actor_match("e.source", actor)
        tgt, p2 = derived.actor_match("e.target", actor)
        where.append(f"({src} OR {tgt})")
        params += p1 + p2
    if place:
        where.append("(e.place_name_key = lower(?) OR e.place_text_key = lower(?) OR e.place_country = ? "
                     "OR e.place_gid = ?)")
        params += [place, place, place.upper(), place]
    # The page's ids first, reading only the filter and order columns of every row; then the page's
    # rows, looked up in the primary-key index (one parameter per value: DuckDB does not use the
    # index for a list parameter), instead of the wide columns of every row that passes.
    ids = [r[0] for r in store.con.execute(
        f"""SELECT e.id FROM events e WHERE {' AND '.join(where)}
            ORDER BY e.list_date NULLS LAST, e.id LIMIT ? OFFSET ?""", params + [limit, offset]).fetchall()]
    if not ids:
        return []
    marks = ", ".join("?" * len(ids)) if len(ids) <= 1000 else "SELECT unnest(?::TEXT[])"
    return store.query(
        f"""WITH page AS MATERIALIZED (SELECT * FROM events WHERE id IN ({marks}))
            SELECT e.id, e.list_date AS date, e.type, e.mode, e.modality, e.cameo, e.intensity, e.source_actors,
                   e.target_actors, e.place_name, e.trigger_text, e.sentence, e.sources, e.targets, e.place,
                   e.score, e.reason, e.article_id
            FROM page e ORDER BY e.list_date NULLS LAST, e.id""", ids if len(ids) <= 1000 else [ids])


def export(store: Store, table: str, format: str, output: str) -> int:
    """Write one table to Parquet, CSV or JSON Lines with DuckDB's own writers; returns the row count."""
    if table not in EXPORTABLE:
        raise DatelineError("E204", f"Unknown table {table!r}.", f"Tables: {', '.join(EXPORTABLE)}.")
    if format in EVENT_EXPORT_FORMATS:
        if table != "events":
            raise DatelineError("E401", f"Format {format!r} exports the events table only.", "Use --table events.")
        from .event_exports import EVENT_EXPORTS
        return EVENT_EXPORTS[format](store, output)
    if format not in EXPORT_FORMATS:
        raise DatelineError("E401", f"Unknown export format {format!r}.",
                            f"Use one of {', '.join(EXPORT_FORMATS + EVENT_EXPORT_FORMATS)}.")
    options = {"parquet": "(FORMAT parquet)", "csv": "(FORMAT csv, HEADER)", "jsonl": "(FORMAT json)"}[format]
    escaped = output.replace("'", "''")
    # without the store's own copies for queries (store/derived.py): they are not part of the data
    store.con.execute(f"COPY (SELECT {plain_columns(store.con, table)} FROM {table}) TO '{escaped}' {options}")
    return store.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
