"""Actors, quotes, clusters, dyads and the topic timeline summary."""

from __future__ import annotations

from typing import Any, Optional

from fastapi import APIRouter, Depends, Path, Query

from ..errors import DatelineError
from ..store import actor_queries, quote_queries, timeline_queries
from .db import Database
from .params import TEXT, get_db, page_params
from .schemas import ActorDetail, ActorSummary, ClusterRow, Dyad, ErrorResponse, Page, QuoteRow, Slice

router = APIRouter(tags=["actors"], responses={400: {"model": ErrorResponse}, 404: {"model": ErrorResponse}})


@router.get("/actors", response_model=Page[ActorSummary], summary="Actors, most events first")
def list_actors(q: Optional[str] = Query(None, max_length=TEXT, description="part of the name"),
                country: Optional[str] = Query(None, max_length=3, description="ISO 3166 alpha-3"),
                sector: Optional[str] = Query(None, max_length=10, description="sector code, e.g. GOV"),
                page: tuple[int, int] = Depends(page_params), db: Database = Depends(get_db)) -> dict:
    """The rows of `dateline actors`, with the same filters."""
    limit, offset = page

    def make() -> dict:
        with db.cursor() as st:
            rows = actor_queries.actors(st, q=q, country=country, sector=sector, limit=limit, offset=offset)
            total = actor_queries.count_actors(st, q=q, country=country, sector=sector)
        return {"total": total, "limit": limit, "offset": offset, "items": rows}
    return db.cache.get(("actors", q, country, sector, limit, offset), make)


@router.get("/actors/{name}", response_model=ActorDetail, summary="One actor: aliases, roles, events, quotes, timeline")
def get_actor(name: str = Path(min_length=1, max_length=TEXT, description="name, KB id, text as written or ISO3"),
              db: Database = Depends(get_db)) -> dict:
    """The answer of `dateline actor NAME`; its events as a page of the event list, and a timeline."""
    with db.cursor() as st:
        info = actor_queries.actor(st, name, limit=50)
        positions = db.index.select(st.con, actor=info["events_actor"], modality="all")
    return {**info, "events": {"total": len(positions), "limit": 50, "offset": 0,
                               "items": db.index.page(positions, 50, 0)},
            "timeline": db.index.timeline(positions, "month")}


@router.get("/quotes", response_model=Slice[QuoteRow], summary="Who said what, when, about whom")
def list_quotes(speaker: Optional[str] = Query(None, max_length=TEXT, description="speaker: ISO3, name, KB id or text"),
                about: Optional[str] = Query(None, max_length=TEXT, description="an actor the quote is about"),
                date_from: Optional[str] = Query(None, max_length=10, description="published on or after YYYY-MM-DD"),
                date_to: Optional[str] = Query(None, max_length=10, description="published on or before YYYY-MM-DD"),
                page: tuple[int, int] = Depends(page_params), db: Database = Depends(get_db)) -> dict:
    """The rows of `dateline quotes`, with the same filters."""
    limit, offset = page
    with db.cursor() as st:
        rows = quote_queries.quotes(st, speaker=speaker, about=about, date_from=date_from, date_to=date_to,
                                    limit=limit + 1, offset=offset)
    return {"limit": limit, "offset": offset, "has_more": len(rows) > limit, "items": rows[:limit]}


@router.get("/clusters", response_model=Slice[ClusterRow], summary="Real-world events reported by several articles")
def list_clusters(type: Optional[str] = Query(None, max_length=40, description="PLOVER type"),
                  date_from: Optional[str] = Query(None, max_length=10, description="on or after YYYY-MM-DD"),
                  date_to: Optional[str] = Query(None, max_length=10, description="on or before YYYY-MM-DD"),
                  min_sources: int = Query(1, ge=1, le=1000, description="reported by at least this many outlets"),
                  page: tuple[int, int] = Depends(page_params), db: Database = Depends(get_db)) -> dict:
    """The rows of `dateline clusters`, most widely reported first."""
    limit, offset = page
    with db.cursor() as st:
        rows = timeline_queries.clusters(st, type=type, date_from=date_from, date_to=date_to,
                                         min_sources=min_sources, limit=limit + 1, offset=offset)
    return {"limit": limit, "offset": offset, "has_more": len(rows) > limit, "items": rows[:limit]}


@router.get("/dyad", response_model=Dyad, summary="Two actors over time: cooperation vs conflict")
def dyad(a: str = Query(..., min_length=1, max_length=TEXT, description="first actor: ISO3, COUNTRY:SECTOR, name"),
         b: Optional[str] = Query(None, max_length=TEXT, description="second actor (empty: every event of A)"),
         period: str = Query("month", max_length=8, description="day | week | month"),
         modality: Optional[str] = Query("asserted", max_length=20, description="modality, or all"),
         date_from: Optional[str] = Query(None, max_length=10, description="on or after YYYY-MM-DD"),
         date_to: Optional[str] = Query(None, max_length=10, description="on or before YYYY-MM-DD"),
         page: tuple[int, int] = Depends(page_params), db: Database = Depends(get_db)) -> dict:
    """The answer of `dateline dyad`: events between A and B in either direction and A's statements
    about B, counted per period with mean intensity and QuadClass."""
    limit, offset = page

    def make() -> dict:
        with db.cursor() as st:
            return timeline_queries.dyad(st, a=a, b=b or None, period=period, modality=modality,
                                         date_from=date_from, date_to=date_to, limit=limit, offset=offset)
    return db.cache.get(("dyad", a, b, period, modality, date_from, date_to, limit, offset), make)


@router.get("/timeline/summary", summary="The key dates of a topic and the sentences that tell them")
def timeline_summary(query: str = Query(..., min_length=1, max_length=TEXT, description="words or phrases, comma-separated"),
                     dates: int = Query(10, ge=1, le=100, description="dates at most"),
                     sentences: int = Query(1, ge=1, le=5, description="sentences per date"),
                     date_from: Optional[str] = Query(None, max_length=10, description="on or after YYYY-MM-DD"),
                     date_to: Optional[str] = Query(None, max_length=10, description="on or before YYYY-MM-DD"),
                     db: Database = Depends(get_db)) -> list[dict[str, Any]]:
    """The answer of `dateline timeline --query`: dates ranked by references and sources."""
    def make() -> list:
        with db.cursor() as st:
            return timeline_queries.timeline(st, query=query, dates=dates, sentences=sentences,
                                             date_from=date_from, date_to=date_to)
    return db.cache.get(("tls", query, dates, sentences, date_from, date_to), make)
