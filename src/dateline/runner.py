"""The main job: read inputs, run the stages in worker processes, write batches to the store.

Articles are streamed: at most ``workers * 2`` batches are in flight, so
memory stays bounded whatever the corpus size. Each batch is written in one
transaction, and articles already stored are skipped before any NLP runs, so a
run that was killed resumes where it stopped and a second run adds nothing.
"""

from __future__ import annotations

import collections
import multiprocessing as mp
import sys
import time
from dataclasses import asdict, dataclass, field
from typing import Any, Iterable, Optional

from .errors import DatelineError
from .ingest.feed import Feed
from .ingest.reader import make_article
from .model import Article, Record, Reject
from .nlp.model import check_model
from .pipeline import Pipeline, resolve
from .settings import load_config


@dataclass
class RunSummary:
    db: str
    read: int = 0
    stored: int = 0
    duplicates: int = 0
    near_duplicates: int = 0
    skipped_known: int = 0
    rejected: int = 0
    stage_failures: int = 0
    rejects_by_code: dict[str, int] = field(default_factory=dict)
    undated: int = 0
    seconds: float = 0.0
    articles_per_s: float = 0.0
    events: int = 0
    profile: dict[str, float] = field(default_factory=dict)
    engine: str = "local"
    shards: Optional[str] = None  # the Parquet shard set a Dask run wrote (kept when --shards was given)

    def as_dict(self) -> dict:
        return asdict(self)

    def lines(self) -> list[str]:
        out = [
            f"read {self.read} articles, stored {self.stored} new, skipped {self.skipped_known} already stored, "
            f"{self.duplicates} exact duplicates (sources recorded), {self.near_duplicates} near-duplicates linked",
            f"rejected {self.rejected} inputs"
            + (" (" + ", ".join(f"{c}: {n}" for c, n in sorted(self.rejects_by_code.items())) + ")"
               if self.rejects_by_code else ""),
            f"stage failures {self.stage_failures}; articles without a date {self.undated}; events {self.events}",
            f"{self.seconds:.1f} s, {self.articles_per_s:.1f} articles/s -> {self.db}",
        ]
        return out


# --- worker side --------------------------------------------------------------------
_WORKER_PIPELINE: Optional[Pipeline] = None  # one per worker process, built by the initializer
_WORKER_ERROR: Optional[BaseException] = None


def _init_worker(config: dict) -> None:
    # An exception escaping a Pool initializer makes the pool respawn workers for ever; keep it and
    # raise it from the first task instead, so the main process sees it.
    global _WORKER_PIPELINE, _WORKER_ERROR
    try:
        _WORKER_PIPELINE = Pipeline.from_config(config)
    except BaseException as exc:  # noqa: BLE001 - re-raised by _process_batch
        _WORKER_ERROR = exc


def _process_batch(articles: list[Article]) -> tuple[list[Record], dict[str, float]]:
    if _WORKER_ERROR is not None:
        raise _WORKER_ERROR
    assert _WORKER_PIPELINE is not None
    before = dict(_WORKER_PIPELINE.profile)
    records = _WORKER_PIPELINE.process([Record(article=a) for a in articles])
    spent = {k: v - before.get(k, 0.0) for k, v in _WORKER_PIPELINE.profile.items()}
    return records, spent


# --- main side ----------------------------------------------------------------------
def _progress(enabled: bool):
    if not enabled:
        return None
    from tqdm import tqdm

    return tqdm(unit=" articles", file=sys.stderr, disable=None, dynamic_ncols=True, mininterval=0.5)


def run(paths: Iterable[str], db: Optional[str] = None, workers: Optional[int] = None, limit: Optional[int] = None,
        config_file: Optional[str] = None, spacy_model: Optional[str] = None, progress: bool = True,
        profile: bool = False, engine: Optional[str] = None, scheduler: Optional[str] = None,
        shards: Optional[str] = None, shards_only: bool = False, **settings: Any) -> RunSummary:
    """Read ``paths`` (files, folders, globs or ``-``) into the DuckDB file ``db``.

    Example::

        summary = dateline.run(["examples/corpus"], db="demo.duckdb")
        print(summary.stored, summary.rejects_by_code)
    """
    from .store import open_store

    config = load_config(config_file, db=db, workers=workers, spacy_model=spacy_model, engine=engine,
                         scheduler=scheduler, shards=shards, **settings)
    # Configuration errors surface here, before any worker starts or the store is touched.
    resolve(list(config["pipeline"]), dict(config.get("stages", {})))
    check_model(config["spacy_model"])
    paths = [str(p) for p in paths]
    if config["engine"] != "local":  # many machines: the same stages on Dask, Parquet shards (dateline.engines)
        from .engines import ENGINES, run_dask

        if config["engine"] != "dask":
            raise DatelineError("E005", f"Unknown engine {config['engine']!r}.", f"Use one of: {', '.join(ENGINES)}.")
        return run_dask(paths, config, limit=limit, progress=progress, shards_only=shards_only)
    started = time.perf_counter()
    summary = RunSummary(db=config["db"])
    store = open_store(config["db"])
    run_id = store.start_run(paths)
    bar = _progress(progress)
    n_workers = max(1, int(config["workers"]))
    feed = Feed(paths, config, size=int(config["batch_size"]), limit=limit, bar=bar)
    feed.load_known(store.article_ids(), store.minhashes())

    def write(records: list[Record], spent: dict[str, float]) -> None:
        for k, v in spent.items():
            summary.profile[k] = summary.profile.get(k, 0.0) + v
        failures = [r for rec in records for r in rec.rejects]
        summary.stage_failures += len(failures)
        summary.undated += sum(1 for rec in records if rec.article.published is None)
        summary.events += sum(len(rec.events) for rec in records)
        # the side rows ingest produced so far go in the same transaction as the batch
        store.write_batch(records, **feed.drain())
        summary.stored += len(records)

    failed: Optional[BaseException] = None
    try:
        if n_workers == 1:
            pipe = Pipeline.from_config(config)
            for batch in feed.partitions():
                before = dict(pipe.profile)
                records = pipe.process([Record(article=a) for a in batch])
                write(records, {k: v - before.get(k, 0.0) for k, v in pipe.profile.items()})
        else:
            ctx = mp.get_context("spawn")
            with ctx.Pool(n_workers, initializer=_init_worker, initargs=(config,)) as pool:
                in_flight: collections.deque = collections.deque()
                for batch in feed.partitions():
                    in_flight.append(pool.apply_async(_process_batch, (batch,)))
                    while len(in_flight) >= n_workers * 2:
                        write(*in_flight.popleft().get())
                while in_flight:
                    write(*in_flight.popleft().get())
        # rejects (and sources) read after the last batch
        store.write_batch([], **feed.drain())
        if config.get("link"):  # cross-article event linking over what is stored (dateline.link)
            from .store.timeline_queries import link as _link
            summary.profile["link"] = _link(store)["seconds"]
    except BaseException as exc:
        # A write that fails (E205: disk full) raises from write(); with workers the Pool's exit
        # terminates them, so nothing hangs. Committed batches stay; the failed one was rolled back.
        failed = exc
        raise
    finally:
        if bar is not None:
            bar.close()
        for name in ("read", "rejected", "rejects_by_code", "duplicates", "near_duplicates", "skipped_known"):
            setattr(summary, name, getattr(feed, name))
        summary.seconds = round(time.perf_counter() - started, 3)
        summary.articles_per_s = round(summary.stored / summary.seconds, 2) if summary.seconds else 0.0
        summary.profile = {k: round(v, 3) for k, v in summary.profile.items()}
        record = summary.as_dict()
        if failed is not None:
            record["error"] = str(failed) or type(failed).__name__
        try:
            store.finish_run(run_id, record)
            if failed is None:
                store.checkpoint()  # a full disk at the very end is reported, not swallowed at close
        except DatelineError:
            if failed is None:
                raise
            # the first error is the one to report; this one (often the same full disk) would hide it
        finally:
            store.close()
    return summary


def extract(text: str, published: Optional[str] = None, title: Optional[str] = None,
            config_file: Optional[str] = None, spacy_model: Optional[str] = None, **settings: Any) -> Record:
    """Run every configured stage on one text and return its full typed record (nothing is stored).

    Example::

        rec = dateline.extract("Rebels shelled the town on Monday.", published="2025-03-05")
        print([e.type for e in rec.events])
    """
    from .errors import DatelineError

    config = load_config(config_file, spacy_model=spacy_model, **settings)
    item = make_article("<text>", text, config, flags=[], title=title, published=published,
                        published_from="user" if published else "none")
    if isinstance(item, Reject):
        raise DatelineError(item.code, item.reason)
    return _pipeline(config).process([Record(article=item)])[0]


_PIPELINES: dict[str, Pipeline] = {}


def _pipeline(config: dict) -> Pipeline:
    """One pipeline per configuration and process, so repeated extract() calls load the model once."""
    import json

    key = json.dumps(config, sort_keys=True, default=str)
    if key not in _PIPELINES:
        _PIPELINES[key] = Pipeline.from_config(config)
    return _PIPELINES[key]
