"""Linking overhead: `dateline run` over T17 articles with and without cross-article linking.

Runs, as fresh processes: (1) `dateline run` with the setting `link = false`; (2) `dateline link`
on that database (the linking step alone); (3) `dateline run` with `link = true` into a new
database. Prints both ratios: run with linking / run without, and (run + link) / run. The target
is at most 1.3. Dates come from T17's date folders (ingest reads them).

    python bench/linking_overhead.py            # every T17 article (about 3,900; slow)
    python bench/linking_overhead.py --n 400    # a spread sample
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

from _common import measure, sample_corpus


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=0, help="articles (0 = all T17 articles)")
    ap.add_argument("--source", type=Path, default=None, help="corpus folder (default: T17, else examples)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--json", action="store_true", help="print the result as JSON")
    args = ap.parse_args()

    corpus, desc = sample_corpus(args.n or None, args.source)
    tmp = Path(tempfile.mkdtemp(prefix="dateline-linkbench-"))
    py = sys.executable
    try:
        (tmp / "nolink.toml").write_text("link = false\n")
        (tmp / "link.toml").write_text("link = true\n")
        base = [py, "-m", "dateline.cli", "run", str(corpus), "--workers", str(args.workers), "--quiet", "--json"]
        t_plain, _, out = measure(base + ["--db", str(tmp / "a.duckdb"), "--config", str(tmp / "nolink.toml")])
        plain = json.loads(out)
        t_link, _, out = measure([py, "-m", "dateline.cli", "link", "--db", str(tmp / "a.duckdb"), "--json"])
        linked = json.loads(out)
        t_with, _, out = measure(base + ["--db", str(tmp / "b.duckdb"), "--config", str(tmp / "link.toml")])
        with_link = json.loads(out)
    finally:
        shutil.rmtree(corpus, ignore_errors=True)
        shutil.rmtree(tmp, ignore_errors=True)
    result = {
        "corpus": desc, "stored": plain["stored"], "events": plain["events"],
        "run_without_link_s": round(t_plain, 2), "run_with_link_s": round(t_with, 2),
        "link_command_s": round(t_link, 2), "link_step_in_run_s": with_link.get("profile", {}).get("link"),
        "clusters": linked["clusters"], "events_linked": linked["events_linked"],
        "ratio_run_with_over_without": round(t_with / t_plain, 3),
        "ratio_run_plus_link_over_run": round((t_plain + t_link) / t_plain, 3),
    }
    if args.json:
        print(json.dumps(result))
        return
    print(f"corpus: {desc}; {plain['stored']} stored, {plain['events']} events")
    print(f"dateline run, link = false : {t_plain:8.1f} s")
    print(f"dateline run, link = true  : {t_with:8.1f} s  (link step {result['link_step_in_run_s']} s)")
    print(f"dateline link alone        : {t_link:8.1f} s  ({linked['events_linked']} events -> {linked['clusters']} clusters)")
    print(f"ratio with/without linking : {result['ratio_run_with_over_without']:.3f}   "
          f"(run + link) / run: {result['ratio_run_plus_link_over_run']:.3f}   target <= 1.3")


if __name__ == "__main__":
    main()
