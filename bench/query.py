"""Query latency on a large database: the five most common questions, p50 and p95 over repeats.

    python bench/make_synthetic_db.py /tmp/synth1m.duckdb --events 1000000
    python bench/query.py /tmp/synth1m.duckdb

Each query runs through the same functions the CLI, the Python API and the HTTP API call
(``dateline.store.queries.events``, ``timeline_queries.dyad``, ``store.search_queries.search``), with the
filter values varied from one repeat to the next, on one read-only connection. The goal (issue 10):
p95 < 100 ms for each on 1,000,000 events. The machine is shared: the load average is printed too.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time
from pathlib import Path

from dateline.store.search_queries import search
from dateline.store import open_store
from dateline.store import queries, timeline_queries

ACTORS = ["RUS", "UKR", "TUR", "SYR", "SDN", "MMR", "USA", "CHN", "IRN", "ISR"]
TYPES = ["ASSAULT", "PROTEST", "AID", "CONSULT", "COERCE", "THREATEN", "AGREE", "SANCTION"]
WORDS = ["ceasefire", "officials", "tense night", "state television", "aid", "talks", "statement", "shelled"]


def percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("db", type=Path)
    ap.add_argument("--repeat", type=int, default=40)
    args = ap.parse_args()
    store = open_store(args.db, read_only=True)
    n_events = store.query("SELECT count(*) AS n FROM events")[0]["n"]
    places = [r["name"] for r in store.query(
        "SELECT name FROM places GROUP BY name ORDER BY count(*) DESC LIMIT 30")]
    rng = random.Random(1)

    def by_actor():
        return queries.events(store, actor=rng.choice(ACTORS), limit=50)

    def by_type_and_dates():
        year = rng.choice([2024, 2025])
        month = rng.randint(1, 10)
        return queries.events(store, type=rng.choice(TYPES), date_from=f"{year}-{month:02d}-01",
                              date_to=f"{year}-{month + 2:02d}-28", limit=50)

    def dyad():
        a, b = rng.sample(ACTORS, 2)
        return timeline_queries.dyad(store, a, b)

    def actor_timeline():  # one actor, every event of it: tens of thousands of rows counted per month
        return timeline_queries.dyad(store, rng.choice(ACTORS), modality="all")

    def by_place():
        return queries.events(store, place=rng.choice(places), limit=50)

    def full_text():
        return search(store, " ".join(rng.sample(WORDS, 2)), 20, 0)

    cases = {"events by actor": by_actor, "events by type and date range": by_type_and_dates,
             "dyad timeline": dyad, "events by place": by_place, "full-text search": full_text,
             "actor timeline (no B)": actor_timeline}
    print(f"{args.db}: {n_events:,} events; {args.repeat} repeats each; load average {os.getloadavg()[0]:.1f}")
    worst = 0.0
    for name, fn in cases.items():
        fn()  # warm-up: DuckDB's buffer cache, imports
        times = []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            fn()
            times.append((time.perf_counter() - t0) * 1000)
        p95 = percentile(times, 0.95)
        worst = max(worst, p95)
        print(f"{name:<32} p50 {statistics.median(times):7.1f} ms   p95 {p95:7.1f} ms")
    print(f"worst p95 {worst:.1f} ms (goal < 100 ms); load average after {os.getloadavg()[0]:.1f}")
    store.close()


if __name__ == "__main__":
    main()
