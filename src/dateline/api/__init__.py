"""The read-only HTTP API (FastAPI) over a dateline DuckDB file; it also serves the web UI.

    from dateline.api import create_app
    app = create_app("demo.duckdb")      # then: uvicorn, or `dateline serve demo.duckdb`
"""

from __future__ import annotations


def create_app(db_path, **kw):
    """The FastAPI app for one DuckDB file (see :func:`dateline.api.app.create_app`)."""
    from .app import create_app as _create_app

    return _create_app(db_path, **kw)


__all__ = ["create_app"]
