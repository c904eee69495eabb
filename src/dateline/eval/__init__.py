"""Evaluation on public gold sets: one module per task, one table for all.

Each task module has ``evaluate(gold: Path, limit: int | None, **kw) -> dict`` returning
``{"task", "gold", "n_docs", "n_gold", "metrics": {name: number}}``; metric names are
documented in docs/evaluation.md and kept stable.
"""

from __future__ import annotations

import importlib
import inspect
from pathlib import Path
from typing import Optional

from ..errors import DatelineError

# task -> (module, default gold folders under the shared data directory)
TASKS: dict[str, tuple[str, tuple[str, ...]]] = {
    "events": ("dateline.eval.events", ("events/plover-gsr",)),
    "relations": ("dateline.eval.relations", ("events/re3d-dev",)),
    "actors": ("dateline.eval.actors", ("events/plover-gsr",)),
    "entities": ("dateline.eval.entities", ("events/re3d-dev",)),
    "time": ("dateline.eval.time", ("time/te3-platinum-dev",)),
    "geo": ("dateline.eval.geo", ("geo/lgl", "geo/geovirus")),
    "quotes": ("dateline.eval.quotes", ("quotes/polnear",)),
    "timeline": ("dateline.eval.timeline", ("timelines/t17",)),
    "linking": ("dateline.eval.linking", ("@examples/linking_pairs.tsv",)),
}


def shared_data_dir() -> Optional[Path]:
    """``../shared/data`` beside the checkout (or beside the working directory), if present."""
    here = Path(__file__).resolve()
    candidates = [Path.cwd() / ".." / "shared" / "data"] + [p / ".." / "shared" / "data" for p in here.parents]
    for cand in candidates:
        if cand.is_dir():
            return cand.resolve()
    return None


def repo_dir() -> Optional[Path]:
    for p in [Path.cwd(), *Path(__file__).resolve().parents]:
        if (p / "examples").is_dir() and (p / "pyproject.toml").exists():
            return p
    return None


def default_gold(task: str) -> list[Path]:
    out = []
    for rel in TASKS[task][1]:
        if rel.startswith("@"):
            base = repo_dir()
            if base is not None:
                out.append(base / rel[1:])
            continue
        base = shared_data_dir()
        if base is not None:
            out.append(base / rel)
    return out


def evaluate(task: str, gold: Optional[str] = None, limit: Optional[int] = None, **kw) -> dict | list[dict]:
    """Score one task (or ``all``) on its gold set(s)."""
    if task == "all":
        results: list[dict] = []
        for name in TASKS:
            res = evaluate(name, None, limit, **kw)
            results.extend(res if isinstance(res, list) else [res])
        return results
    if task not in TASKS:
        raise DatelineError("E403", f"Unknown evaluation task {task!r}.", f"Tasks: {', '.join(TASKS)}, all.")
    paths = [Path(gold)] if gold else default_gold(task)
    if not paths or not all(p.exists() for p in paths):
        where = ", ".join(map(str, paths)) or "../shared/data"
        raise DatelineError("E402", f"Gold data for {task!r} not found at {where}.",
                            "Pass --gold PATH, or place the gold sets in ../shared/data beside the checkout.")
    module = importlib.import_module(TASKS[task][0])
    if "split" in kw and "split" not in inspect.signature(module.evaluate).parameters:
        raise DatelineError("E401", f"The task {task!r} has no --split.", "Leave out --split for this task.")
    results = [module.evaluate(p, limit, **kw) for p in paths]
    return results[0] if len(results) == 1 else results


def format_table(results: list[dict]) -> str:
    """One table: task, gold set, documents, gold items, then each metric."""
    lines = [f"{'task':<10} {'gold':<22} {'docs':>6} {'gold n':>7}  metrics"]
    for r in results:
        metrics = "  ".join(f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}" for k, v in r["metrics"].items())
        lines.append(f"{r['task']:<10} {Path(str(r['gold'])).name:<22} {r['n_docs']:>6} {r['n_gold']:>7}  {metrics}")
    return "\n".join(lines)
