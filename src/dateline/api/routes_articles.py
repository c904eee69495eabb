"""Articles (list and one with every annotation), search, and database statistics."""

from __future__ import annotations

from typing import Optional

from fastapi import APIRouter, Depends, Path, Query

from ..errors import DatelineError
from ..model import PLOVER_TYPES
from ..store import queries
from ..store.db import DATA_TABLES
from ..store.queries import MODALITIES
from .db import Database
from .params import get_db, page_params
from .routes_events import ACTOR_COLS, QUOTE_SQL, quote_out
from .schemas import ArticleDetail, ArticleRow, ErrorResponse, SearchResult, Slice, Stats
from ..store.search_queries import MODE, search as run_search

router = APIRouter(tags=["articles"], responses={400: {"model": ErrorResponse}, 404: {"model": ErrorResponse}})


@router.get("/articles", response_model=Slice[ArticleRow], summary="Stored articles, oldest first")
def list_articles(source: Optional[str] = Query(None, max_length=200, description="only this outlet"),
                  date_from: Optional[str] = Query(None, max_length=10, description="published on or after YYYY-MM-DD"),
                  date_to: Optional[str] = Query(None, max_length=10, description="published on or before YYYY-MM-DD"),
                  page: tuple[int, int] = Depends(page_params), db: Database = Depends(get_db)) -> dict:
    """The rows of `dateline articles`, with the same filters."""
    limit, offset = page
    with db.cursor() as st:
        rows = queries.articles(st, limit=limit + 1, offset=offset, source=source, date_from=date_from,
                                date_to=date_to)
    return {"limit": limit, "offset": offset, "has_more": len(rows) > limit, "items": rows[:limit]}


@router.get("/articles/{article_id}", response_model=ArticleDetail, summary="One article with all its annotations")
def get_article(article_id: str = Path(max_length=64), db: Database = Depends(get_db)) -> dict:
    with db.cursor() as st:
        art = st.one("SELECT id, title, url, source, published, published_from, language, flags, text "
                     "FROM articles WHERE id = ?", [article_id])
        if art is None:
            raise DatelineError("E410", f"No article {article_id!r}.", "List article ids at /api/articles.")
        by = [article_id]
        sentences = st.query('SELECT id, start, "end" FROM sentences WHERE article_id = ? ORDER BY idx', by)
        actors = st.query(f"SELECT {ACTOR_COLS} FROM actors WHERE article_id = ? ORDER BY start, id", by)
        places = st.query("SELECT * FROM places WHERE article_id = ? ORDER BY start, id", by)
        times = st.query("SELECT * FROM times WHERE article_id = ? ORDER BY start, id", by)
        quotes = [quote_out(r) for r in st.query(QUOTE_SQL + " WHERE q.article_id = ? ORDER BY q.content_start", by)]
        event_ids = [r["id"] for r in st.query("SELECT id FROM events WHERE article_id = ? ORDER BY sentence_start, id", by)]
    text = art["text"] or ""
    for s in sentences:
        s["text"] = text[s["start"]:s["end"]]
    events = [r for r in (db.index.row(i) for i in event_ids) if r is not None]
    return {**art, "flags": art["flags"] or [], "sentences": sentences, "actors": actors, "places": places,
            "times": times, "events": events, "quotes": quotes}


@router.get("/search", response_model=SearchResult, summary="Search article texts and quotes")
def search(q: str = Query(..., min_length=1, max_length=400, description="words; every one must occur"),
           page: tuple[int, int] = Depends(page_params), db: Database = Depends(get_db)) -> dict:
    """Case-insensitive search for every word of `q` in article titles and texts and in quotes,
    best first. See `mode` in the answer: DuckDB's `fts` extension cannot be installed offline."""
    limit, offset = page

    def make() -> dict:
        with db.cursor() as st:
            return run_search(st, q, limit, offset)
    return db.cache.get(("search", q.lower(), limit, offset), make)


@router.get("/stats", response_model=Stats, summary="What the database holds")
def stats(db: Database = Depends(get_db)) -> dict:
    def make() -> dict:
        with db.cursor() as st:
            have = {r["table_name"] for r in st.query("SELECT table_name FROM information_schema.tables")}
            tables = {t: st.one(f"SELECT count(*) AS n FROM {t}")["n"] for t in DATA_TABLES if t in have}
            by_type = {r["type"]: r["n"] for r in st.query(
                "SELECT type, count(*) AS n FROM events GROUP BY type ORDER BY n DESC, type")}
            by_modality = {r["modality"] or "": r["n"] for r in st.query(
                "SELECT modality, count(*) AS n FROM events GROUP BY modality ORDER BY n DESC, modality")}
            span = st.one("SELECT min(date) AS lo, max(date) AS hi FROM (SELECT coalesce(e.start_date, a.published) "
                          "AS date FROM events e JOIN articles a ON a.id = e.article_id)")
            version = st.one("SELECT coalesce(max(version), 0) AS v FROM schema_migrations")["v"]
        return {"schema_version": version, "tables": tables, "events_by_type": by_type,
                "events_by_modality": by_modality, "first_date": span["lo"], "last_date": span["hi"],
                "search_mode": MODE, "modalities": list(MODALITIES), "types": list(PLOVER_TYPES)}
    return db.cache.get(("stats",), make)
