"""Scale-out: the same corpus through the embedded run and a local Dask cluster of 1 and 2 workers.

Every run is a fresh `dateline run` process (model loading included, as a user sees it), in turn,
``--repeat`` times; the script prints the median articles/s of each, the speed-up of 2 Dask workers
over 1 and of Dask over the embedded run, the peak memory of each process tree, and whether the
databases hold the same rows (counts per table and the same event ids).

    python bench/scale_dask.py                    # 200 T17 articles from ../shared/data, 3 repeats
    python bench/scale_dask.py --n 400 --repeat 5
    python bench/scale_dask.py --source examples/corpus --n 0 --repeat 1

The machine may be shared: read the medians, and the time of day printed with them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import sys
import tempfile
from pathlib import Path

import duckdb

from _common import measure, median, sample_corpus

TABLES = ("articles", "sentences", "mentions", "actors", "places", "times", "events", "event_actors", "quotes",
          "rejects", "clusters")


def snapshot(db: Path) -> dict:
    con = duckdb.connect(str(db), read_only=True)
    try:
        counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
        events = con.execute("SELECT string_agg(id, ',' ORDER BY id) FROM events").fetchone()[0]
    finally:
        con.close()
    return {"counts": counts, "event_ids": events}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=200, help="articles (0 = all)")
    ap.add_argument("--source", type=Path, default=None, help="corpus folder (default: T17, else examples)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--embedded-workers", type=int, default=2, help="processes of the embedded run")
    ap.add_argument("--dask-workers", default="1,2", help="local Dask cluster sizes, comma-separated")
    ap.add_argument("--batch-size", type=int, default=32, help="articles per batch (and per Dask partition)")
    ap.add_argument("--stages", default=None, help="comma-separated stages to run (default: the default pipeline)")
    ap.add_argument("--json", action="store_true", help="print the result as JSON")
    args = ap.parse_args()

    # resolved: the sample is made of symlinks, which a relative source would break
    corpus, desc = sample_corpus(args.n or None, args.source.resolve() if args.source else None)
    py = sys.executable
    configs = {f"embedded, {args.embedded_workers} processes": ["--workers", str(args.embedded_workers)]}
    for n in (int(x) for x in args.dask_workers.split(",")):
        configs[f"dask local, {n} worker{'s' if n > 1 else ''}"] = ["--engine", "dask", "--scheduler", "local",
                                                                    "--workers", str(n)]
    names = list(configs)
    times: dict[str, list[float]] = {k: [] for k in configs}
    peaks: dict[str, list[float]] = {k: [] for k in configs}
    snaps: dict[str, list[dict]] = {k: [] for k in configs}
    stored = None
    started = dt.datetime.now(dt.timezone.utc)
    work = Path(tempfile.mkdtemp(prefix="dateline-scale-"))
    settings = work / "bench.toml"  # the same settings for every run, whatever dateline.toml lies here
    settings.write_text(f"batch_size = {args.batch_size}\n"
                        + (f"pipeline = {json.dumps(args.stages.split(','))}\n" if args.stages else ""))
    try:
        for i in range(args.repeat):
            for name, flags in configs.items():
                db = work / f"{names.index(name)}-{i}.duckdb"
                secs, mem, out = measure([py, "-m", "dateline.cli", "run", str(corpus), "--db", str(db), "--quiet",
                                          "--json", "--config", str(settings), *flags])
                summary = json.loads(out)
                stored = summary["stored"]
                times[name].append(secs)
                peaks[name].append(mem)
                snaps[name].append({**snapshot(db), "stage_failures": summary["stage_failures"]})
                db.unlink()
                print(f"run {i + 1} {name}: {secs:.1f} s, {stored} stored, {summary['events']} events, "
                      f"peak {mem:.0f} MB", file=sys.stderr)
    finally:
        shutil.rmtree(corpus, ignore_errors=True)
        shutil.rmtree(work, ignore_errors=True)
    finished = dt.datetime.now(dt.timezone.utc)

    if not stored:
        sys.exit("no article was stored: check the corpus (dateline rejects --db ...)")
    rates = {k: stored / median(v) for k, v in times.items()}
    dask_names = [k for k in names if k.startswith("dask")]
    first = snaps[names[0]][-1]
    out = {
        "corpus": desc, "articles": stored, "repeat": args.repeat, "batch_size": args.batch_size,
        "measured_utc": f"{started:%Y-%m-%d %H:%M}-{finished:%H:%M}",
        "runs": {k: {"median_s": round(median(times[k]), 2), "articles_per_s": round(rates[k], 2),
                     "peak_mb": round(max(peaks[k]))} for k in names},
        "speedup_dask_2_over_1": (round(rates[dask_names[1]] / rates[dask_names[0]], 3)
                                  if len(dask_names) > 1 else None),
        "dask_over_embedded": {k: round(rates[k] / rates[names[0]], 3) for k in dask_names},
        # per repeat: the same counts per table and the same event ids as the embedded run of that repeat
        "identical_to_embedded": {k: [snaps[k][i] == snaps[names[0]][i] for i in range(args.repeat)]
                                  for k in dask_names},
        "stage_failures": {k: [s["stage_failures"] for s in snaps[k]] for k in names},
        "counts": first["counts"],
    }
    if args.json:
        print(json.dumps(out))
        return
    print(f"corpus: {desc}; {args.repeat} runs each, measured {out['measured_utc']} UTC")
    for k in names:
        r = out["runs"][k]
        print(f"{k:<26}: median {r['median_s']:7.2f} s  {r['articles_per_s']:6.2f} articles/s  peak {r['peak_mb']} MB")
    if out["speedup_dask_2_over_1"] is not None:
        print(f"speed-up, Dask 2 workers over 1: {out['speedup_dask_2_over_1']:.3f}x")
    for k, v in out["dask_over_embedded"].items():
        print(f"{k} / embedded (articles/s): {v:.3f}; same rows as the embedded run, per repeat: "
              f"{out['identical_to_embedded'][k]}")
    print("stage failures per run (E301/E302, e.g. the time budget on a loaded machine): "
          + "; ".join(f"{k} {v}" for k, v in out["stage_failures"].items()))
    print("rows: " + ", ".join(f"{t} {n}" for t, n in first["counts"].items()))
    for k in dask_names:
        for i, (x, y) in enumerate(zip(snaps[k], snaps[names[0]])):
            diff = {t: (x["counts"][t], y["counts"][t]) for t in TABLES if x["counts"][t] != y["counts"][t]}
            if x != y:
                print(f"  repeat {i + 1}, {k} differs from the embedded run: counts (dask, embedded) {diff}; "
                      f"same event ids: {x['event_ids'] == y['event_ids']}; "
                      f"stage failures {x['stage_failures']} vs {y['stage_failures']}")


if __name__ == "__main__":
    main()
