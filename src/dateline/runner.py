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
from typing import Any, Iterable, Iterator, Optional

from .ingest import read_inputs
from .ingest.dedup import Deduplicator
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
        from .errors import DatelineError

        if config["engine"] != "dask":
            raise DatelineError("E005", f"Unknown engine {config['engine']!r}.", f"Use one of: {', '.join(ENGINES)}.")
        return run_dask(paths, config, limit=limit, progress=progress, shards_only=shards_only)
    started = time.perf_counter()
    summary = RunSummary(db=config["db"])
    store = open_store(config["db"])
    run_id = store.start_run(paths)
    dedup = Deduplicator(threshold=float(config["near_duplicate_threshold"]), num_perm=int(config["minhash_perms"]))
    dedup.load(store.article_ids(), store.minhashes())
    known_at_start = set(dedup.seen)
    bar = _progress(progress)
    batch_size = int(config["batch_size"])
    n_workers = max(1, int(config["workers"]))

    # side rows that wait for the next batch commit
    pending_rejects: list[Reject] = []
    pending_sources: list[dict] = []
    pending_near: list[dict] = []
    pending_minhash: list[dict] = []

    def batches() -> Iterator[list[Article]]:
        batch: list[Article] = []
        for item in read_inputs(paths, config):
            summary.read += 1
            if bar is not None:
                bar.update(1)
            if isinstance(item, Reject):
                summary.rejected += 1
                summary.rejects_by_code[item.code] = summary.rejects_by_code.get(item.code, 0) + 1
                pending_rejects.append(item)
                continue
            pending_sources.append({"article_id": item.id, "origin": item.path, "url": item.url, "source": item.source})
            if dedup.is_exact(item.id):
                if item.id in known_at_start:
                    summary.skipped_known += 1
                else:
                    summary.duplicates += 1
                continue
            near, sig = dedup.near(item.id, item.text)
            pending_minhash.append({"article_id": item.id, "sig": sig})
            if near:
                summary.near_duplicates += 1
                pending_near.append({"article_id": item.id, "duplicate_of": near[0], "similarity": near[1]})
            batch.append(item)
            if limit is not None and summary.stored + len(batch) >= limit:
                break
            if len(batch) >= batch_size:
                yield batch
                batch = []
        if batch:
            yield batch

    def write(records: list[Record], spent: dict[str, float]) -> None:
        for k, v in spent.items():
            summary.profile[k] = summary.profile.get(k, 0.0) + v
        failures = [r for rec in records for r in rec.rejects]
        summary.stage_failures += len(failures)
        summary.undated += sum(1 for rec in records if rec.article.published is None)
        summary.events += sum(len(rec.events) for rec in records)
        store.write_batch(records, rejects=_drain(pending_rejects), sources=_drain(pending_sources),
                          near=_drain(pending_near), minhash=_drain(pending_minhash))
        summary.stored += len(records)

    try:
        if n_workers == 1:
            pipe = Pipeline.from_config(config)
            for batch in batches():
                before = dict(pipe.profile)
                records = pipe.process([Record(article=a) for a in batch])
                write(records, {k: v - before.get(k, 0.0) for k, v in pipe.profile.items()})
        else:
            ctx = mp.get_context("spawn")
            with ctx.Pool(n_workers, initializer=_init_worker, initargs=(config,)) as pool:
                in_flight: collections.deque = collections.deque()
                for batch in batches():
                    in_flight.append(pool.apply_async(_process_batch, (batch,)))
                    while len(in_flight) >= n_workers * 2:
                        write(*in_flight.popleft().get())
                while in_flight:
                    write(*in_flight.popleft().get())
        # rejects (and sources) read after the last batch
        store.write_batch([], rejects=_drain(pending_rejects), sources=_drain(pending_sources),
                          near=_drain(pending_near), minhash=_drain(pending_minhash))
        if config.get("link"):  # cross-article event linking over what is stored (dateline.link)
            from .store.timeline_queries import link as _link
            summary.profile["link"] = _link(store)["seconds"]
    finally:
        if bar is not None:
            bar.close()
        summary.seconds = round(time.perf_counter() - started, 3)
        summary.articles_per_s = round(summary.stored / summary.seconds, 2) if summary.seconds else 0.0
        summary.profile = {k: round(v, 3) for k, v in summary.profile.items()}
        try:
            store.finish_run(run_id, summary.as_dict())
        finally:
            store.close()
    return summary


def _drain(items: list) -> list:
    out = list(items)
    items.clear()
    return out


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
