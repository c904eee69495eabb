"""Events: the filtered list, one event with all its evidence, a timeline, the map and the network."""

from __future__ import annotations

import json

from fastapi import APIRouter, Depends, Path, Query
from fastapi.concurrency import run_in_threadpool

from ..errors import DatelineError
from .db import Database
from .params import MAX_PAGE, EventFilters, event_filters, fast_json, get_db, page_params
from .schemas import ErrorResponse, EventDetail, EventRow, Network, Page, Places, Timeline

router = APIRouter(tags=["events"], responses={400: {"model": ErrorResponse}, 404: {"model": ErrorResponse}})

ACTOR_COLS = "id, text, start, \"end\", name, country, sector, kb_id, score, reason"
QUOTE_SQL = """SELECT q.id, q.article_id, a.published AS date, q.kind, q.speaker,
       (SELECT coalesce(x.name, x.text) FROM actors x WHERE x.id = q.speaker) AS speaker_name,
       q.source_text, q.source_start, q.source_end, q.cue_text, q.cue_start, q.cue_end,
       q.content_text, q.content_start, q.content_end, q.about, q.events, q.score, q.reason
FROM quotes q JOIN articles a ON a.id = q.article_id"""


async def selection(db: Database, filters: EventFilters):
    """The filtered positions: on the event loop when no SQL is needed, else in a worker thread."""
    positions = db.index.select_now(**filters.kw())
    if positions is not None:
        return positions

    def with_sql():
        with db.cursor() as st:
            return db.index.select(st.con, **filters.kw())
    return await run_in_threadpool(with_sql)


@router.get("/events", response_model=Page[EventRow], summary="Events, filtered and paged on the server")
async def list_events(filters: EventFilters = Depends(event_filters), page: tuple[int, int] = Depends(page_params),
                      db: Database = Depends(get_db)):
    """The filters and their meaning are those of `dateline events` and `dateline.events()`;
    by default only asserted events (`modality=all` for every one). Oldest first."""
    limit, offset = page
    positions = await selection(db, filters)
    return fast_json({"total": len(positions), "limit": limit, "offset": offset,
                      "items": db.index.page(positions, limit, offset)})


@router.get("/events/{event_id}", response_model=EventDetail, response_model_by_alias=True,
            summary="One event with the article text and every piece of evidence")
async def get_event(event_id: str = Path(max_length=200), db: Database = Depends(get_db)):
    # On the event loop, not in a thread: the queries are key lookups of a few milliseconds, and
    # the thread hop cost more than it saved (measured with bench/api_load.py).
    e = db.index.row(event_id, detail=True)
    if e is None:
        raise DatelineError("E410", f"No event {event_id!r}.", "Event ids look like <article id>:e<n>; list them at /api/events.")
    time_id = e["time_from"] if e["time_from"] and e["time_from"] != "publication date" else None
    with db.cursor() as st:
        art = st.one("SELECT id, title, url, source, published, text FROM articles WHERE id = ?", [e["article_id"]])
        found = evidence(st, list(e["sources"] or []) + list(e["targets"] or []), e["place"], time_id,
                         place_role=db.has_column("places", "role"))
        quote = st.one(QUOTE_SQL + " WHERE q.id = ?", [e["reported_by"]]) if e["reported_by"] else None
        cluster = (st.one("SELECT cluster_id FROM cluster_members WHERE event_id = ?", [event_id])
                   if db.has_rows("cluster_members") else None)
    text = art["text"] if art else ""
    cue = None
    if e["modality_cue_text"] is not None:
        cue = {"text": e["modality_cue_text"], "start": e["modality_cue_start"], "end": e["modality_cue_end"]}
    return fast_json({
        **{k: e[k] for k in ("id", "type", "mode", "cameo", "acled_type", "acled_subtype", "intensity", "modality",
                             "score", "reason")},
        "modality_cue": cue,
        "reported_by": quote_out(quote) if quote else None,
        "sources": [found[i] for i in e["sources"] or [] if i in found],
        "targets": [found[i] for i in e["targets"] or [] if i in found],
        "target_from_place": bool(e["target_from_place"]),
        "place": found.get(e["place"]) if e["place"] else None,
        "time": {"value": e["time_value"], "start_date": e["start_date"], "end_date": e["end_date"],
                 "granularity": e["granularity"], "from": e["time_from"], "ref": found.get(time_id) if time_id else None},
        "quantities": json.loads(e["quantities"] or "[]") or [],
        "trigger": {"text": e["trigger_text"] or "", "start": e["trigger_start"], "end": e["trigger_end"]},
        "sentence": {"id": e["sentence_id"], "start": e["sentence_start"], "end": e["sentence_end"],
                     "text": text[e["sentence_start"]:e["sentence_end"]]
                     if e["sentence_start"] is not None and e["sentence_end"] is not None else ""},
        "cluster_id": cluster["cluster_id"] if cluster else None,
        "article": art,
    })


_COMMON = 'id, text, start, "end", name, country, score, reason'
_EVIDENCE = {
    "actor": f"SELECT 'actor' AS kind, {_COMMON}, sector, kb_id, NULL::BIGINT AS geonameid, NULL AS feature, "
             "NULL::DOUBLE AS lat, NULL::DOUBLE AS lon, NULL AS admin1, NULL AS role, NULL AS type, NULL AS value, "
             "NULL AS mod, NULL AS anchor FROM actors WHERE id IN ({marks})",
    "place": f"SELECT 'place' AS kind, {_COMMON}, NULL AS sector, NULL AS kb_id, geonameid, feature, lat, lon, admin1, "
             "{role} AS role, NULL AS type, NULL AS value, NULL AS mod, NULL AS anchor FROM places WHERE id = ?",
    "time": "SELECT 'time' AS kind, id, text, start, \"end\", NULL AS name, NULL AS country, score, reason, NULL AS sector, "
            "NULL AS kb_id, NULL::BIGINT AS geonameid, NULL AS feature, NULL::DOUBLE AS lat, NULL::DOUBLE AS lon, "
            "NULL AS admin1, NULL AS role, type, value, mod, anchor FROM times WHERE id = ?",
}
_FIELDS = {"actor": ("id", "text", "start", "end", "name", "country", "sector", "kb_id", "score", "reason"),
           "place": ("id", "text", "start", "end", "name", "geonameid", "feature", "lat", "lon", "admin1", "country",
                     "score", "reason", "role"),
           "time": ("id", "text", "start", "end", "type", "value", "mod", "anchor", "score", "reason")}


def evidence(st, actor_ids: list[str], place_id, time_id, place_role: bool = True) -> dict[str, dict]:
    """The actor, place and time rows of one event, by id, in one query (each part is a key lookup).
    ``place_role``: whether the places table has the column (databases before schema version 3 do not)."""
    parts, params = [], []
    actor_ids = list(dict.fromkeys(actor_ids))
    if actor_ids:
        parts.append(_EVIDENCE["actor"].format(marks=", ".join("?" * len(actor_ids))))
        params += actor_ids
    if place_id:
        parts.append(_EVIDENCE["place"].format(role="role" if place_role else "NULL"))
        params.append(place_id)
    if time_id:
        parts.append(_EVIDENCE["time"])
        params.append(time_id)
    if not parts:
        return {}
    return {r["id"]: {k: r[k] for k in _FIELDS[r["kind"]]} for r in st.query(" UNION ALL ".join(parts), params)}


def quote_out(r: dict) -> dict:
    """A quote row with its three spans nested."""
    out = {k: r[k] for k in ("id", "article_id", "date", "kind", "speaker", "speaker_name", "about", "events",
                             "score", "reason")}
    for part in ("source", "cue", "content"):
        start = r.get(f"{part}_start")
        out[part] = None if start is None else {"text": r[f"{part}_text"] or "", "start": start, "end": r[f"{part}_end"]}
    out["about"] = out["about"] or []
    out["events"] = out["events"] or []
    return out


@router.get("/timeline", response_model=Timeline, summary="Events per day, week, month or year")
async def timeline(filters: EventFilters = Depends(event_filters),
                   period: str = Query("month", max_length=8, description="day | week | month | year"),
                   db: Database = Depends(get_db)):
    """Counts, mean intensity and QuadClass counts (cooperation vs conflict) of the filtered events."""
    positions = await selection(db, filters)
    return fast_json({"period": period, "n_events": len(positions), "buckets": db.index.timeline(positions, period)})


@router.get("/places", response_model=Places, summary="Mapped places of the filtered events, with counts")
def places(filters: EventFilters = Depends(event_filters),
           limit: int = Query(1000, ge=1, le=5000, description="places at most, most events first"),
           db: Database = Depends(get_db)) -> dict:
    with db.cursor() as st:
        positions = db.index.select(st.con, **filters.kw())
    items = db.index.places(positions, limit)
    mapped = int((db.index.place_code[positions] >= 0).sum())
    return {"n_events": len(positions), "n_mapped": mapped, "items": items}


@router.get("/network", response_model=Network, summary="Who acts on whom, weighted by event counts")
def network(filters: EventFilters = Depends(event_filters),
            limit: int = Query(60, ge=1, le=MAX_PAGE, description="edges at most, most events first"),
            db: Database = Depends(get_db)) -> dict:
    with db.cursor() as st:
        positions = db.index.select(st.con, **filters.kw())
    return db.index.network(positions, limit)

