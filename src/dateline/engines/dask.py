"""Many machines: the same stages on a Dask cluster, writing Parquet shards.

The client reads the inputs and drops duplicates (:mod:`dateline.ingest.feed`, as in the embedded run); partitions of
new articles go to the workers, each of which builds the configured
:class:`~dateline.pipeline.Pipeline` once (a :class:`distributed.WorkerPlugin` loads it when the
worker joins) and writes one Parquet part per partition and table
(:mod:`dateline.store.shards`). At the end the client imports the shards into the DuckDB file
and links events across articles, so every read command works as after an embedded run.

    dateline run corpus/ --engine dask --scheduler local --workers 2 --db out.duckdb
    dateline run s3://bucket/corpus.jsonl --engine dask --scheduler tcp://10.0.0.5:8786 \\
        --shards s3://bucket/run1 --shards-only

At most two partitions per worker thread are in flight, so the client's memory stays bounded.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import json
import logging
import shutil
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, Optional

import dask
from distributed import Client, LocalCluster, WorkerPlugin, as_completed

from ..errors import DatelineError
from ..model import Article, Record
from ..pipeline import Pipeline
from ..store.shards import ShardWriter, import_into, is_url, table_schemas

PLUGIN = "dateline-pipeline"
# Ingest side rows (sources, MinHash signatures, rejects) are written out by the client
# every this many rows, so that a long run does not hold them all.
SIDE_FLUSH_ROWS = 50_000


# --- worker side --------------------------------------------------------------------
@dataclass
class _WorkerState:
    pipeline: Pipeline
    lock: threading.Lock = field(default_factory=threading.Lock)  # one partition at a time per process
    writers: dict[str, ShardWriter] = field(default_factory=dict)

    def writer(self, shards: str) -> ShardWriter:
        if shards not in self.writers:
            self.writers[shards] = ShardWriter(shards)
        return self.writers[shards]


# Keyed by the configuration, so a worker that serves several runs loads each model once.
_STATES: dict[str, _WorkerState] = {}
_STATES_LOCK = threading.Lock()


def _key(config: dict) -> str:
    return json.dumps(config, sort_keys=True, default=str)


def worker_state(config: dict) -> _WorkerState:
    key = _key(config)
    with _STATES_LOCK:
        if key not in _STATES:
            _STATES[key] = _WorkerState(_warm(Pipeline.from_config(config)))
        return _STATES[key]


def _warm(pipe: Pipeline) -> Pipeline:
    """One made-up article through every stage, so that data the stages load on first use (gazetteers,
    lexicons) is loaded when the worker starts, not inside the time budget of a real article."""
    text = "Rebels shelled the town of Maridi on Monday, killing five people, the army said."
    pipe.process([Record(article=Article(id="warm-up", text=text, published=_dt.date(2025, 3, 5),
                                         published_from="user"))])
    pipe.profile.clear()
    return pipe


class PipelinePlugin(WorkerPlugin):
    """Loads the pipeline (spaCy model, gazetteers, lexicons) once when a worker starts or joins."""

    name = PLUGIN

    def __init__(self, config: dict):
        self.config = config

    def setup(self, worker: Any) -> None:
        worker_state(self.config)
        table_schemas()


def process_partition(articles: list[Article], config: dict, shards: str, part: str) -> dict:
    """Run every stage on one partition and write its Parquet parts; returns counts for the summary."""
    state = worker_state(config)
    with state.lock:
        before = dict(state.pipeline.profile)
        records = state.pipeline.process([Record(article=a) for a in articles])
        spent = {k: v - before.get(k, 0.0) for k, v in state.pipeline.profile.items()}
        t0 = time.perf_counter()
        rows = state.writer(shards).write(part, records=records)
        spent["shards"] = time.perf_counter() - t0
    return {
        "records": len(records),
        "events": sum(len(r.events) for r in records),
        "stage_failures": sum(len(r.rejects) for r in records),
        "undated": sum(1 for r in records if r.article.published is None),
        "rows": rows,
        "profile": spent,
    }


# --- client side --------------------------------------------------------------------
@contextlib.contextmanager
def connect(scheduler: str, workers: int, local_directory: str) -> Iterator[Client]:
    """A client on a local cluster (loopback only, no dashboard) or on a running scheduler."""
    if scheduler in (None, "", "local"):
        cluster = LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True,
                               dashboard_address=None, host="127.0.0.1", local_directory=local_directory,
                               silence_logs=logging.ERROR)
        try:
            with Client(cluster) as client:
                yield client
        finally:
            cluster.close()
        return
    if "://" not in scheduler:
        raise DatelineError("E005", f"Bad scheduler {scheduler!r}.",
                            "Pass `local` or the address of a running Dask scheduler, e.g. tcp://10.0.0.5:8786.")
    try:
        client = Client(scheduler, timeout="30s")
    except (OSError, TimeoutError) as exc:
        raise DatelineError("E502", f"Cannot reach the Dask scheduler at {scheduler!r}: {exc}.",
                            "Start it (dask scheduler) or check the address and the network; "
                            "--scheduler local runs a cluster on this machine.") from None
    with client:
        yield client


def _window(client: Client) -> int:
    # Two partitions per worker thread: each worker has the next one queued while it writes.
    return max(2, 2 * sum(client.nthreads().values()))


def run_dask(paths: list[str], config: dict, limit: Optional[int] = None, progress: bool = True,
             shards_only: bool = False):
    """The Dask engine of :func:`dateline.runner.run`; returns the same RunSummary."""
    from ..runner import RunSummary, _progress
    from ..store import open_store
    from ..ingest.feed import Feed

    started = time.perf_counter()
    scheduler = str(config.get("scheduler") or "local")
    shards = config.get("shards")
    if shards is None and (shards_only or scheduler != "local"):
        raise DatelineError("E005", "A run on a cluster, or with --shards-only, needs --shards.",
                            "Pass a folder or URL that every worker can write to, e.g. --shards s3://bucket/run1 "
                            "or a shared folder.")
    tmp = Path(tempfile.mkdtemp(prefix="dateline-dask-"))
    keep_shards = shards is not None
    shards = str(shards) if shards is not None else str(tmp / "shards")
    if not is_url(shards):
        shards = str(Path(shards).resolve())  # workers may have another working directory
    store = None if shards_only else open_store(config["db"])
    summary = RunSummary(db=config["db"] if store else shards)
    summary.engine, summary.shards = "dask", (shards if keep_shards else None)
    run_id = store.start_run(paths) if store else uuid.uuid4().hex[:12]
    bar = _progress(progress)
    feed = Feed(paths, config, size=int(config["batch_size"]), limit=limit, bar=bar)
    if store:
        feed.load_known(store.article_ids(), store.minhashes())

    def collect(future) -> None:
        try:
            out = future.result()
        except Exception as exc:  # a worker lost or a bug outside the per-article guard
            raise DatelineError("E504", f"A Dask task failed: {type(exc).__name__}: {exc}",
                                "Check the worker logs. Parts already written stay in --shards (load them with "
                                "`dateline import`); a re-run skips the articles already stored.") from None
        future.release()
        summary.stored += out["records"]
        summary.events += out["events"]
        summary.stage_failures += out["stage_failures"]
        summary.undated += out["undated"]
        for k, v in out["profile"].items():
            summary.profile[k] = summary.profile.get(k, 0.0) + v

    try:
        side_writer = ShardWriter(shards)
        with contextlib.ExitStack() as stack:
            stack.enter_context(dask.config.set({"temporary-directory": str(tmp)}))
            client = done = None
            in_flight, flushes = 0, 0
            for i, part in enumerate(feed.partitions()):
                if client is None:  # started at the first new article: a re-run of a stored corpus needs none
                    client = stack.enter_context(connect(scheduler, int(config["workers"]), str(tmp)))
                    client.register_plugin(PipelinePlugin(config), name=PLUGIN)
                    done = as_completed()
                done.add(client.submit(process_partition, part, config, shards, f"{run_id}-{i:06d}",
                                       key=f"dateline-{run_id}-{i:06d}", pure=False))
                in_flight += 1
                if feed.pending() >= SIDE_FLUSH_ROWS:
                    side_writer.write(f"{run_id}-ingest-{flushes:04d}", **feed.drain())
                    flushes += 1
                while in_flight >= _window(client):
                    collect(next(done))
                    in_flight -= 1
            for future in done or ():
                collect(future)
        # The last side part writes every table, so each table folder holds a file for read_parquet globs.
        side_writer.write(f"{run_id}-ingest-{flushes:04d}", **feed.drain(), empty=True)
        if store:
            t0 = time.perf_counter()
            imported = import_into(store, shards, link=bool(config.get("link")), run=run_id)
            summary.profile["import"] = time.perf_counter() - t0 - imported.get("link", {}).get("seconds", 0.0)
            if "link" in imported:
                summary.profile["link"] = imported["link"]["seconds"]
    finally:
        if bar is not None:
            bar.close()
        for name in ("read", "rejected", "rejects_by_code", "duplicates", "near_duplicates", "skipped_known"):
            setattr(summary, name, getattr(feed, name))
        summary.seconds = round(time.perf_counter() - started, 3)
        summary.articles_per_s = round(summary.stored / summary.seconds, 2) if summary.seconds else 0.0
        summary.profile = {k: round(v, 3) for k, v in summary.profile.items()}
        try:
            if store:
                store.finish_run(run_id, summary.as_dict())
                store.close()
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    return summary
