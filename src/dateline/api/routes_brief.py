"""The situation brief of `dateline brief`: Markdown, self-contained HTML, or its data as JSON."""

from __future__ import annotations

import re
from typing import Optional

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response

from ..brief import gather, render
from .db import Database
from .params import TEXT, get_db
from .schemas import ErrorResponse

router = APIRouter(tags=["brief"], responses={400: {"model": ErrorResponse}})
MEDIA = {"md": "text/markdown; charset=utf-8", "html": "text/html; charset=utf-8"}


@router.get("/brief", summary="A situation brief, every item footnoted to its evidence sentence",
            response_model=None)
def get_brief(query: Optional[str] = Query(None, max_length=TEXT, description="words or phrases, comma or OR "
                                           "separated, in the article text or title, or actor/place names"),
              actor: list[str] = Query([], max_length=TEXT, description="ISO3, COUNTRY:SECTOR, KB id or name; repeat"),
              date_from: Optional[str] = Query(None, max_length=10, description="events on or after YYYY-MM-DD"),
              date_to: Optional[str] = Query(None, max_length=10, description="events on or before YYYY-MM-DD"),
              format: str = Query("html", pattern="^(md|html|json)$", description="md, html or json"),  # noqa: A002
              db: Database = Depends(get_db)):
    """The brief of `dateline brief` for the same filters. ``md`` and ``html`` come as a file to save
    (the HTML page is self-contained: open it offline); ``json`` is the brief's data."""
    actors = tuple(a for a in actor[:10] if a.strip())

    def make() -> dict:
        with db.cursor() as st:
            return gather(st, query=query, actors=actors, date_from=date_from, date_to=date_to)
    data = db.cache.get(("brief", query, actors, date_from, date_to), make)
    if format == "json":
        return data
    name = re.sub(r"[^A-Za-z0-9_-]+", "-", (query or "all").strip())[:60].strip("-") or "all"
    return Response(render(data, format), media_type=MEDIA[format],
                    headers={"content-disposition": f'attachment; filename="brief-{name}.{format}"'})
