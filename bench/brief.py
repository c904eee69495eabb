"""Time `dateline brief` over a database built from the T17 articles (goal: < 30 s once the DB exists).

Building the full database takes long (2,811 s for the 3,996 T17 files with one worker on this
loaded 2-core machine); build it once, then pass it with --db:

    dateline run ../shared/data/timelines/t17 --exclude '*/timelines/*' --db t17.duckdb
    python bench/brief.py --db t17.duckdb --query "Egypt, Mubarak"

Each query is run ``--repeat`` times in a fresh process-level call of the Python API
(``dateline.brief``: open the file read-only, gather, render) for Markdown and HTML; the best and
median wall times are printed, with the brief's size.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import dateline  # noqa: E402
from _common import sample_corpus  # noqa: E402
from dateline.store import open_store  # noqa: E402

QUERIES = ("Egypt, Mubarak", "Libya, Gaddafi", "H1N1, swine flu", "")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", help="an existing dateline database (else one is built from a T17 sample)")
    ap.add_argument("--sample", type=int, default=300, help="articles in the sample when --db is not given")
    ap.add_argument("--query", action="append", help="query to time (repeatable; default: a few T17 topics and "
                                                     "the whole database)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    if args.db:
        db, what = args.db, f"existing database {args.db}"
    else:
        folder, desc = sample_corpus(args.sample)
        db = str(Path(tempfile.mkdtemp(prefix="dateline-brief-")) / "sample.duckdb")
        t0 = time.perf_counter()
        dateline.run([str(folder)], db=db, workers=1)
        what = f"sample database of {desc} (built in {time.perf_counter() - t0:.0f} s)"
    with open_store(db, read_only=True) as st:
        counts = st.counts(("articles", "events", "quotes", "clusters"))
    results = []
    for query in args.query or QUERIES:
        for fmt in ("md", "html"):
            times, size = [], 0
            for _ in range(args.repeat):
                t0 = time.perf_counter()
                text = dateline.brief(query=query or None, db=db, format=fmt)
                times.append(time.perf_counter() - t0)
                size = len(text)
            results.append({"query": query or "(all)", "format": fmt, "best_s": round(min(times), 2),
                            "median_s": round(statistics.median(times), 2), "chars": size})
    out = {"database": what, "counts": counts, "goal_s": 30, "results": results,
           "max_s": max(r["median_s"] for r in results)}
    if args.json:
        print(json.dumps(out, indent=1))
        return
    print(f"database: {what}; {counts}")
    for r in results:
        print(f"  {r['query']:<20} {r['format']:<5} best {r['best_s']:>6.2f} s  median {r['median_s']:>6.2f} s  "
              f"{r['chars']:>9,} chars")
    print(f"slowest median {out['max_s']:.2f} s (goal < 30 s)")


if __name__ == "__main__":
    main()
