"""Stage registry and the per-document pipeline.

A stage is registered under a versioned implementation name
(``dateline.time.v1``) with the record fields it needs and the fields it sets,
in the manner of spaCy's ``Language.factory``, and with the spaCy annotations it
reads from the Doc (``token.dep``, ``doc.ents``, ...). The config names one
implementation per stage; :class:`Pipeline` checks that every stage's needs are
met by an earlier one before any article is read, and loads only the spaCy
components the configured stages read (:func:`dateline.nlp.model.plan_components`).
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import importlib
import signal
import threading
import time as _time
import traceback
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Optional

from .errors import DatelineError
from .model import Record, Reject

# A stage function gets the record and the spaCy Doc of its text and adds to the record.
StageFn = Callable[[Record, Any], None]


@dataclass(frozen=True)
class StageSpec:
    stage: str
    impl: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    factory: Callable[[dict], StageFn]
    description: str
    implemented: bool = True
    # spaCy annotations the stage reads from the Doc, in spaCy's names; None: not declared, so
    # the whole spaCy pipeline is loaded for it
    spacy: Optional[tuple[str, ...]] = None
    # annotations the stage uses when another stage has them loaded and does without otherwise
    # (the time stage reads the tense from the parse when there is one, from tags when not);
    # nothing is loaded for them
    spacy_optional: tuple[str, ...] = ()


_REGISTRY: dict[str, StageSpec] = {}

# Modules that register the shipped implementations when imported.
_STAGE_MODULES = (
    "dateline.nlp.stage",
    "dateline.time.stage",
    "dateline.places.stage",
    "dateline.actors.stage",
    "dateline.events.stage",
    "dateline.quotes.stage",
)


def register(stage: str, impl: str, *, requires: Iterable[str], assigns: Iterable[str],
             description: str, implemented: bool = True, spacy: Optional[Iterable[str]] = None,
             spacy_optional: Iterable[str] = ()):
    """Decorator that registers a stage factory ``factory(config) -> stage function``.

    ``spacy`` lists the annotations the stage reads from the spaCy Doc, e.g. ``("token.tag",
    "token.dep", "doc.sents")`` (names in :data:`dateline.nlp.model.ANNOTATIONS`); leave it out and
    every component of the model is loaded when the stage runs. ``spacy_optional`` lists those it
    reads only when present (``doc.has_annotation``): they are not loaded for the stage.
    """
    spacy_optional = tuple(spacy_optional)
    if spacy is not None or spacy_optional:
        from .nlp.model import ANNOTATIONS

        unknown = sorted((set(spacy or ()) | set(spacy_optional)) - ANNOTATIONS)
        if unknown:
            raise ValueError(f"stage {impl!r} declares unknown spaCy annotations {unknown}; "
                             f"known: {sorted(ANNOTATIONS)}")

    def wrap(factory: Callable[[dict], StageFn]) -> Callable[[dict], StageFn]:
        _REGISTRY[impl] = StageSpec(stage, impl, tuple(requires), tuple(assigns), factory,
                                    description, implemented, None if spacy is None else tuple(spacy),
                                    spacy_optional)
        return factory

    return wrap


def registry() -> dict[str, StageSpec]:
    for name in _STAGE_MODULES:
        importlib.import_module(name)
    return dict(_REGISTRY)


def resolve(stages: list[str], impls: dict[str, str]) -> list[StageSpec]:
    """The specs for the configured stages, in order, with their needs checked."""
    reg = registry()
    specs = []
    have = {"article", "doc"}
    for stage in stages:
        impl = impls.get(stage, f"dateline.{stage}.v1")
        spec = reg.get(impl)
        if spec is None or spec.stage != stage:
            known = ", ".join(sorted(s.impl for s in reg.values() if s.stage == stage)) or "none"
            raise DatelineError("E003", f"No implementation {impl!r} for stage {stage!r}.",
                                f"Registered for this stage: {known}. Fix `stages` in your config.")
        missing = [r for r in spec.requires if r not in have]
        if missing:
            raise DatelineError("E004", f"Stage {stage!r} needs {', '.join(missing)}, which no earlier stage sets.",
                                "Put the stage that sets it earlier in `pipeline` in your config.")
        have.update(spec.assigns)
        specs.append(spec)
    return specs


def spacy_needs(specs: Iterable[StageSpec]) -> Optional[frozenset[str]]:
    """The spaCy annotations the stages read together; None when one of them did not declare its own."""
    needs: set[str] = set()
    for spec in specs:
        if spec.spacy is None:
            return None
        needs.update(spec.spacy)
    return frozenset(needs)


@functools.lru_cache(maxsize=1)
def _malloc_trim() -> Optional[Callable[[int], int]]:
    """glibc's malloc_trim, or None elsewhere (macOS, musl, Windows)."""
    try:
        libc = ctypes.CDLL("libc.so.6")
        return libc.malloc_trim
    except (OSError, AttributeError):
        return None


def release_memory() -> None:
    """Give the heap memory freed by a batch back to the operating system.

    spaCy's network allocates its working arrays per batch; after a long article glibc keeps the
    freed pages, so a worker's resident memory stays at its largest batch for the rest of the run
    (measured on T17: 588 MB held after two batches with 80,000-character articles, 263 MB with a
    trim after each batch). One trim per batch costs well under a millisecond."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


class StageTimeout(BaseException):
    """Raised inside a stage when the article's time budget is spent. A BaseException, so that a
    stage's own ``except Exception`` cannot swallow it."""


@contextlib.contextmanager
def deadline(seconds: Optional[float]):
    """Interrupt the block with StageTimeout after ``seconds`` (SIGALRM; main thread on Unix only,
    elsewhere the budget is checked between stages)."""
    usable = bool(seconds) and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def _expired(signum, frame):
        raise StageTimeout()

    previous = signal.signal(signal.SIGALRM, _expired)
    signal.setitimer(signal.ITIMER_REAL, float(seconds))
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@dataclass
class Pipeline:
    """The configured stages, built once per process and applied per batch."""

    specs: list[StageSpec]
    config: dict
    nlp: Any = None
    fns: list[StageFn] = field(default_factory=list)
    budget_s: Optional[float] = None
    profile: dict[str, float] = field(default_factory=dict)

    @classmethod
    def from_config(cls, config: dict) -> "Pipeline":
        from .nlp.model import load_model

        specs = resolve(list(config["pipeline"]), dict(config.get("stages", {})))
        pipe = cls(specs=specs, config=config, budget_s=config.get("doc_time_budget"))
        # only the spaCy components these stages read: `--stages time` loads no NER
        pipe.nlp = load_model(config["spacy_model"], spacy_needs(specs))
        pipe.fns = [spec.factory(config) for spec in specs]
        return pipe

    def docs(self, texts: list[str]):
        """spaCy Docs of ``texts``, in order, parsed in batches of about ``spacy_batch_chars`` characters.

        The network's working memory grows with the text of a batch, not the number of articles,
        so batches are cut by characters: a batch of 32 long articles could take hundreds of MB
        per process at once, for no gain in speed with a small CNN model. For the same reason an
        article longer than ``spacy_chunk_chars`` is parsed in pieces cut at paragraph breaks and
        joined back into one Doc with the same text and offsets (nlp/chunks.py)."""
        from .nlp import chunks

        budget = int(self.config.get("spacy_batch_chars") or 0)
        size = int(self.config.get("spacy_chunk_chars") or 0)
        if budget <= 0 and size <= 0:
            yield from self.nlp.pipe(texts, batch_size=int(self.config.get("batch_size", 32)))
            return
        cut = [chunks.pieces(t, size) for t in texts]
        flat = [p for ps in cut for p in ps]
        parsed = self._pipe_by_chars(flat, budget) if budget > 0 else \
            self.nlp.pipe(flat, batch_size=int(self.config.get("batch_size", 32)))
        for text, ps in zip(texts, cut):
            yield chunks.join([next(parsed) for _ in ps], text)

    def _pipe_by_chars(self, texts: list[str], budget: int):
        batch: list[str] = []
        size = 0
        for text in texts:
            if batch and size + len(text) > budget:
                yield from self.nlp.pipe(batch, batch_size=len(batch))
                batch, size = [], 0
            batch.append(text)
            size += len(text)
        if batch:
            yield from self.nlp.pipe(batch, batch_size=len(batch))

    def process(self, records: list[Record]) -> list[Record]:
        """Run every stage on every record; a failing stage rejects that article's stage, not the batch."""
        t0 = _time.perf_counter()
        docs = list(self.docs([r.article.text for r in records]))
        self.profile["spacy"] = self.profile.get("spacy", 0.0) + _time.perf_counter() - t0
        for record, doc in zip(records, docs):
            self.apply(record, doc)
        del docs
        release_memory()
        return records

    def apply(self, record: Record, doc: Any) -> Record:
        started = _time.perf_counter()
        current = None
        try:
            with deadline(self.budget_s):
                for spec, fn in zip(self.specs, self.fns):
                    current = spec
                    if self.budget_s and _time.perf_counter() - started > self.budget_s:
                        raise StageTimeout()
                    self._run_stage(spec, fn, record, doc)
        except StageTimeout:
            record.rejects.append(Reject(
                source=record.article.path or record.article.id, article_id=record.article.id,
                stage=current.stage if current else "pipeline", code="E302",
                reason=f"Stopped in stage {current.stage if current else '?'!r}: the article used more than "
                       f"{self.budget_s:g} s (setting `doc_time_budget`). The article is kept with what the "
                       "earlier stages found; raise the setting or split the article."))
        return record

    def _run_stage(self, spec: StageSpec, fn: StageFn, record: Record, doc: Any) -> None:
        t0 = _time.perf_counter()
        try:
            fn(record, doc)
            record.stages.append(spec.stage)
        except Exception as exc:  # one bad article never stops a batch
            last = traceback.extract_tb(exc.__traceback__)[-1]
            record.rejects.append(Reject(
                source=record.article.path or record.article.id, article_id=record.article.id,
                stage=spec.stage, code="E301",
                reason=f"{type(exc).__name__}: {exc} (at {last.filename.rsplit('/', 1)[-1]}:{last.lineno}). "
                       "The article is kept without this stage's output; please report it with the text."))
        finally:
            self.profile[spec.stage] = self.profile.get(spec.stage, 0.0) + _time.perf_counter() - t0
