"""dateline: news articles in, a source-linked record of events out.

The Python API has the names and parameters of the CLI commands::

    import dateline
    dateline.run(["examples/corpus"], db="demo.duckdb")
    dateline.events(db="demo.duckdb", type="ASSAULT")
    record = dateline.extract("Rebels shelled the town on Monday.", published="2025-03-05")
"""

from __future__ import annotations

import sys
import types
from typing import Any, Optional

__version__ = "0.1.0"

__all__ = ["run", "import_shards", "extract", "articles", "rejects", "events", "quotes", "export", "stages", "schema", "eval", "link", "clusters", "timeline",

           "dyad", "actors", "actor", "search", "brief", "__version__"]


# --- API names shared with stage packages -----------------------------------------------------
class _CallableModule(types.ModuleType):
    """A stage package that shares its name with an API function (``dateline/events/`` and
    ``dateline.events()``) and can be called as that function."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return _API_FUNCTIONS[self.__name__.rsplit(".", 1)[-1]](*args, **kwargs)


class _Package(types.ModuleType):
    """Importing ``dateline.events.stage`` binds the attribute ``dateline.events`` to the stage package,
    hiding the API function of that name. The package is then made callable as the function, so both
    ``dateline.events(db=...)`` and ``import dateline.events.stage`` keep working."""

    def __setattr__(self, name: str, value: Any) -> None:
        current = self.__dict__.get(name)
        if isinstance(value, types.ModuleType) and isinstance(current, types.FunctionType):
            _API_FUNCTIONS[name] = current
            value.__class__ = _CallableModule
        super().__setattr__(name, value)


_API_FUNCTIONS: dict[str, Any] = {}
sys.modules[__name__].__class__ = _Package


def run(paths, db: Optional[str] = None, workers: Optional[int] = None, limit: Optional[int] = None, **kw: Any):
    """Read articles from files, folders, globs or ``-`` into a DuckDB file; returns a RunSummary."""
    from .runner import run as _run

    return _run(paths, db=db, workers=workers, limit=limit, **kw)


def import_shards(shards: str, db: Optional[str] = None, views: bool = False, link: Optional[bool] = None) -> dict:
    """Load the Parquet shards of a Dask run (folder or fsspec URL) into a DuckDB file; the CLI command is
    ``dateline import`` (``import`` is a Python keyword). Idempotent. ``views=True`` makes ``db`` (a new
    file) views over local shards instead. ``link`` defaults to the setting. Returns rows per table."""
    from .settings import load_config
    from .store import shards as _shards

    config = load_config()
    db = db or config["db"]
    if views:
        return {"shards": str(shards), "db": db, "views": _shards.create_views(shards, db)}
    return _shards.import_shards(shards, db, link=config["link"] if link is None else link)


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
    """The configured stages in order, with what each needs and sets, the spaCy annotations it reads (and
    those it uses only when another stage has them loaded), and whether it is built yet."""
    from .pipeline import resolve
    from .settings import load_config

    config = load_config(config_file)
    return [{"stage": s.stage, "impl": s.impl, "requires": list(s.requires), "assigns": list(s.assigns),
             "spacy": None if s.spacy is None else list(s.spacy), "spacy_optional": list(s.spacy_optional),
             "built": s.implemented,
             "description": s.description}
            for s in resolve(list(config["pipeline"]), dict(config.get("stages", {})))]


def schema() -> dict:
    """The JSON schema of the record that ``extract`` returns."""
    from .model import Record

    return Record.model_json_schema(by_alias=True)


def eval(task: str, gold: Optional[str] = None, limit: Optional[int] = None, **kw: Any) -> dict:  # noqa: A001
    """Score the pipeline on a gold set; returns {task, gold, n_docs, n_gold, metrics}."""
    from .eval import evaluate

    return evaluate(task, gold=gold, limit=limit, **kw)


def _read_across(db: Optional[str], fn_name: str, read_only: bool = True, **kw: Any):
    """Call a cross-article query (dateline.store.timeline_queries) on the DuckDB file."""
    from .settings import load_config
    from .store import open_store
    from .store import timeline_queries

    store = open_store(db or load_config()["db"], read_only=read_only)
    try:
        return getattr(timeline_queries, fn_name)(store, **kw)
    finally:
        store.close()


def link(db: Optional[str] = None) -> dict:
    """Link stored event mentions not yet in a cluster (new ones join existing clusters); returns counts."""
    return _read_across(db, "link", read_only=False)


def clusters(db: Optional[str] = None, **kw: Any) -> list[dict]:
    """Linked events, most sources first (filters: type, date_from, date_to, min_sources; limit, offset)."""
    return _read_across(db, "clusters", **kw)


def timeline(query: str, db: Optional[str] = None, dates: int = 10, sentences: int = 1, **kw: Any) -> list[dict]:
    """The most important days for ``query`` and the sentences that best describe each (date_from, date_to)."""
    return _read_across(db, "timeline", query=query, dates=dates, sentences=sentences, **kw)


def dyad(a: str, b: Optional[str] = None, db: Optional[str] = None, **kw: Any) -> dict:
    """Events between actors A and B (every event of A when B is None) and A's statements, per period
    (period: day | week | month; modality, date_from, date_to; limit, offset)."""
    return _read_across(db, "dyad", a=a, b=b, **kw)



def search(q: str, db: Optional[str] = None, limit: int = 20, offset: int = 0) -> dict:
    """Articles and quotes that contain every word of ``q`` (any case), best matches first:
    {q, mode, total, limit, offset, items: [{kind, id, article_id, title, published, snippet, score}]}."""
    from .settings import load_config
    from .store import open_store
    from .store.search_queries import search as _search

    store = open_store(db or load_config()["db"], read_only=True)
    try:
        return _search(store, q, limit=limit, offset=offset)
    finally:
        store.close()


def quotes(db: Optional[str] = None, speaker: Optional[str] = None, about: Optional[str] = None,
           date_from: Optional[str] = None, date_to: Optional[str] = None, limit: int = 50, offset: int = 0) -> list[dict]:
    """Who said what, when: quotes with speaker, cue and content (filters: speaker, about, date_from, date_to)."""
    from .settings import load_config
    from .store import open_store
    from .store.quote_queries import quotes as _quotes

    store = open_store(db or load_config()["db"], read_only=True)
    try:
        return _quotes(store, speaker=speaker, about=about, date_from=date_from, date_to=date_to,
                       limit=limit, offset=offset)
    finally:
        store.close()



def _read_actors(db: Optional[str], fn_name: str, **kw: Any):
    from .settings import load_config
    from .store import actor_queries, open_store

    store = open_store(db or load_config()["db"], read_only=True)
    try:
        return getattr(actor_queries, fn_name)(store, **kw)
    finally:
        store.close()


def actors(db: Optional[str] = None, q: Optional[str] = None, country: Optional[str] = None,
           sector: Optional[str] = None, limit: int = 50, offset: int = 0) -> list[dict]:
    """Actors, those in most events first, with event, mention and article counts and first/last dates
    (filters: part of the name, country, sector)."""
    return _read_actors(db, "actors", q=q, country=country, sector=sector, limit=limit, offset=offset)


def actor(name: str, db: Optional[str] = None, limit: int = 50) -> dict:
    """One actor by name, KB id or text: aliases, identities (stored and from the KB), how often it was
    source, target or speaker, its events and the quotes by or about it."""
    return _read_actors(db, "actor", name=name, limit=limit)


def brief(query: Optional[str] = None, db: Optional[str] = None, actor=(), date_from: Optional[str] = None,
          date_to: Optional[str] = None, format: str = "md", output: Optional[str] = None) -> str:  # noqa: A002
    """A situation brief (Markdown or self-contained HTML) for ``query`` (words in the text or title, or
    actor/place names), ``actor`` (one or several: ISO3, COUNTRY:SECTOR, KB id or name) and event dates;
    every item is footnoted to its stored evidence sentence. Writes ``output`` when given; returns the text."""
    from pathlib import Path

    from .brief import brief as _brief
    from .settings import load_config
    from .store import open_store

    actors = [actor] if isinstance(actor, str) else list(actor or ())
    store = open_store(db or load_config()["db"], read_only=True)
    try:
        text = _brief(store, query=query, actors=actors, date_from=date_from, date_to=date_to, format=format)
    finally:
        store.close()
    if output:
        Path(output).write_text(text, encoding="utf-8")
    return text
