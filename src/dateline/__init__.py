"""dateline: news articles in, a source-linked record of events out.

The Python API has the names and parameters of the CLI commands::

    import dateline
    dateline.run(["examples/corpus"], db="demo.duckdb")
    dateline.events(db="demo.duckdb", type="ASSAULT")
    record = dateline.extract("Rebels shelled the town on Monday.", published="2025-03-05")
"""

from __future__ import annotations

from typing import Any, Optional

__version__ = "0.1.0"

__all__ = ["run", "extract", "articles", "rejects", "events", "export", "stages", "schema", "eval", "__version__"]


def run(paths, db: Optional[str] = None, workers: Optional[int] = None, limit: Optional[int] = None, **kw: Any):
    """Read articles from files, folders, globs or ``-`` into a DuckDB file; returns a RunSummary."""
    from .runner import run as _run

    return _run(paths, db=db, workers=workers, limit=limit, **kw)


def extract(text: str, published: Optional[str] = None, **kw: Any):
    """The full typed :class:`~dateline.model.Record` of one text after every stage (nothing stored)."""
    from .runner import extract as _extract

    return _extract(text, published=published, **kw)


def _read(db: Optional[str], fn_name: str, **kw: Any):
    from .settings import load_config
    from .store import open_store
    from .store import queries

    store = open_store(db or load_config()["db"], read_only=True)
    try:
        return getattr(queries, fn_name)(store, **kw)
    finally:
        store.close()


def articles(db: Optional[str] = None, **kw: Any) -> list[dict]:
    """Stored articles (filters: source, date_from, date_to; limit, offset)."""
    return _read(db, "articles", **kw)


def rejects(db: Optional[str] = None, **kw: Any) -> list[dict]:
    """Rejected inputs and stage failures with their codes and reasons (filters: code, stage)."""
    return _read(db, "rejects", **kw)


def events(db: Optional[str] = None, **kw: Any) -> list[dict]:
    """Coded events (filters: type, actor, date_from, date_to, place, modality; limit, offset)."""
    return _read(db, "events", **kw)


def export(table: str, format: str, output: str, db: Optional[str] = None) -> int:
    """Write a table to Parquet, CSV or JSON Lines; returns the number of rows."""
    return _read(db, "export", table=table, format=format, output=output)


def stages(config_file: Optional[str] = None) -> list[dict]:
    """The configured stages in order, with what each needs and sets and whether it is built yet."""
    from .pipeline import resolve
    from .settings import load_config

    config = load_config(config_file)
    return [{"stage": s.stage, "impl": s.impl, "requires": list(s.requires), "assigns": list(s.assigns),
             "built": s.implemented, "description": s.description}
            for s in resolve(list(config["pipeline"]), dict(config.get("stages", {})))]


def schema() -> dict:
    """The JSON schema of the record that ``extract`` returns."""
    from .model import Record

    return Record.model_json_schema(by_alias=True)


def eval(task: str, gold: Optional[str] = None, limit: Optional[int] = None, **kw: Any) -> dict:  # noqa: A001
    """Score the pipeline on a gold set; returns {task, gold, n_docs, n_gold, metrics}."""
    from .eval import evaluate

    return evaluate(task, gold=gold, limit=limit, **kw)
