"""The store: one DuckDB file with a versioned schema."""

from .db import Store, open_store

__all__ = ["Store", "open_store"]
