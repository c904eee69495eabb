"""Helpers shared by the benchmark scripts: corpus sampling, timing a command with its process tree's memory."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Optional

import psutil

ROOT = Path(__file__).resolve().parents[1]
T17 = ROOT.parent / "shared" / "data" / "timelines" / "t17"


def sample_corpus(n: Optional[int], source: Optional[Path] = None) -> tuple[Path, str]:
    """A folder of up to ``n`` articles (symlinks keep T17's date folders), and a description.

    Default source: the T17 input articles in ../shared/data; without it, the bundled examples.
    """
    if source is None:
        source = T17 if T17.is_dir() else ROOT / "examples" / "corpus"
    if source == T17:
        files = sorted(p for p in T17.glob("*/InputDocs/*/*") if p.is_file() and p.stat().st_size > 0)
    else:
        files = sorted(p for p in source.rglob("*") if p.is_file() and not p.name.startswith("README"))
    if n and n < len(files):
        step = len(files) / n  # spread over all topics, deterministic
        files = [files[int(i * step)] for i in range(n)]
    out = Path(tempfile.mkdtemp(prefix="dateline-bench-"))
    for i, f in enumerate(files):
        sub = out / f.parent.name  # the date folder, where there is one
        sub.mkdir(exist_ok=True)
        os.symlink(f, sub / f"{i:05d}_{f.name}")
    return out, f"{len(files)} articles from {source}"


def measure(cmd: list[str], env: Optional[dict] = None) -> tuple[float, float, str]:
    """Wall seconds, peak RSS of the whole process tree in MB, and stdout of a command."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, **(env or {})})
    ps = psutil.Process(proc.pid)
    peak = 0.0
    while proc.poll() is None:
        try:
            procs = [ps] + ps.children(recursive=True)
            rss = sum(p.memory_info().rss for p in procs if p.is_running())
            peak = max(peak, rss / 1e6)
        except psutil.Error:
            pass
        time.sleep(0.05)
    out, err = proc.communicate()
    seconds = time.perf_counter() - t0
    if proc.returncode != 0:
        sys.exit(f"command failed ({proc.returncode}): {' '.join(cmd)}\n{err[-2000:]}")
    return seconds, peak, out


def median(values: list[float]) -> float:
    return statistics.median(values)
