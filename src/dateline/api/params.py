"""Query parameters shared by the endpoints: the event filters of the CLI and the Python API, and paging."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass
from typing import Any, Optional

from fastapi import Query, Request
from fastapi.responses import Response

from .db import Database

MAX_PAGE = 500  # rows per page at most (the CLI allows more; a web page never needs more)
TEXT = 200  # characters at most in a text filter


@dataclass
class EventFilters:
    """The event filters of `dateline events` and `dateline.events()`."""

    type: Optional[str] = None
    actor: Optional[str] = None
    date_from: Optional[str] = None
    date_to: Optional[str] = None
    place: Optional[str] = None
    modality: Optional[str] = "asserted"

    def kw(self) -> dict:
        return asdict(self)


# The dependencies are coroutines so that FastAPI calls them on the event loop, not in a thread.
async def event_filters(
        type: Optional[str] = Query(None, max_length=40, description="PLOVER type, e.g. ASSAULT"),
        actor: Optional[str] = Query(None, max_length=TEXT, description="actor: ISO3 country, name, KB id or text as written"),
        date_from: Optional[str] = Query(None, max_length=10, description="on or after YYYY-MM-DD"),
        date_to: Optional[str] = Query(None, max_length=10, description="on or before YYYY-MM-DD"),
        place: Optional[str] = Query(None, max_length=TEXT, description="place name, ISO3 country or GeoNames id"),
        modality: Optional[str] = Query("asserted", max_length=20,
                                        description="asserted, negated, hypothetical, future, threatened, demanded, or all"),
) -> EventFilters:
    return EventFilters(type, actor, date_from, date_to, place, modality)


async def page_params(limit: int = Query(50, ge=1, le=MAX_PAGE, description=f"rows per page, 1..{MAX_PAGE}"),
                      offset: int = Query(0, ge=0, le=10_000_000, description="rows to skip")) -> tuple[int, int]:
    return limit, offset


async def get_db(request: Request) -> Database:
    return request.app.state.db


def _plain(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    raise TypeError(f"cannot encode {type(value).__name__}")


def fast_json(data: Any) -> Response:
    """JSON straight from plain rows, for the hot endpoints: skips FastAPI's re-validation of the
    response model (the models still document the answer; tests check that answers match them)."""
    body = json.dumps(data, default=_plain, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return Response(body.encode("utf-8"), media_type="application/json")
