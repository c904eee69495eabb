"""The FastAPI application: ``create_app(db_path)`` serves the JSON API under /api and the web UI at /.

Read-only: one DuckDB connection opened read-only, GET and HEAD only, every query parameterised.
Errors are JSON with a code: ``{"error": {"code": "E401", "message": ..., "hint": ...}}``.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Iterable, Optional

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

import dateline

from ..errors import DatelineError
from .db import Database
from .guard import LOOPBACK_HOSTS, Guard

log = logging.getLogger("dateline.api")
WEB = Path(__file__).resolve().parent.parent / "web" / "static"

STATUS = {"E401": 400, "E410": 404, "E411": 405, "E412": 413, "E413": 400, "E204": 400}


def error_response(status: int, code: str, message: str, hint: str = "") -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message, "hint": hint}}, status_code=status,
                        headers={"cache-control": "no-store"})


def create_app(db_path: str | Path, allowed_hosts: Optional[Iterable[str]] = None,
               cors_origins: Iterable[str] = (), warm: bool = True) -> FastAPI:
    """The app for one DuckDB file. ``allowed_hosts``: Host header names served (default: loopback
    names only, against DNS rebinding; ``["*"]`` for any). ``cors_origins``: origins allowed to read
    the API from another site's pages (default none). ``warm``: build the event snapshot now."""
    db = Database(db_path)
    if warm:
        db.index  # noqa: B018 - build the snapshot before the first request, not during it
    app = FastAPI(title="dateline", version=dateline.__version__,
                  description="Read-only HTTP API over a dateline DuckDB file: events with their evidence, "
                              "actors, places, quotes, clusters, timelines and dyads. Offsets are character "
                              "offsets into the article text.",
                  openapi_url="/api/openapi.json", docs_url=None, redoc_url=None)  # docs UIs load CDN scripts
    app.state.db = db

    from . import routes_actors, routes_articles, routes_brief, routes_events

    for module in (routes_events, routes_articles, routes_actors, routes_brief):
        app.include_router(module.router, prefix="/api")

    @app.exception_handler(DatelineError)
    async def _dateline_error(request: Request, exc: DatelineError):
        return error_response(STATUS.get(exc.code, 500), exc.code, exc.message, exc.hint)

    @app.exception_handler(RequestValidationError)
    async def _bad_params(request: Request, exc: RequestValidationError):
        parts = []
        for err in exc.errors()[:5]:
            where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "path"))
            parts.append(f"{where}: {err.get('msg', 'invalid')}")
        return error_response(400, "E401", "Bad parameter: " + "; ".join(parts) + ".",
                              "See /api/openapi.json for every parameter and its range.")

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException):
        if exc.status_code == 404:
            return error_response(404, "E410", "Nothing at this address.", "The API lives under /api; see /api/openapi.json.")
        if exc.status_code == 405:
            return error_response(405, "E411", "Method not allowed: the HTTP API is read-only.", "Use GET.")
        return error_response(exc.status_code, "E419", str(exc.detail))

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception):
        log.exception("error serving %s", request.url.path)
        return error_response(500, "E419", "The server failed on this request.",
                              "The error is in the server's log; please report it with the URL.")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(WEB / "index.html", media_type="text/html; charset=utf-8")

    app.mount("/static", StaticFiles(directory=WEB, follow_symlink=False), name="static")
    app.add_middleware(Guard, allowed_hosts=LOOPBACK_HOSTS if allowed_hosts is None else tuple(allowed_hosts),
                       cors_origins=tuple(cors_origins))
    return app
