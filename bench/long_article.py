"""Memory and time of one long article: parsed whole against parsed in pieces (``spacy_chunk_chars``).

Each setting runs in a fresh process (model load, then the article through every default stage),
alternating, ``--repeat`` times; printed are the medians of the peak memory (whole process), of the
seconds spent on the article, and the events found. The article is T17 articles joined with blank
lines (from ../shared/data), else the bundled examples, up to ``--chars`` characters.

    python bench/long_article.py                    # 80,000 characters, 3 repeats
    python bench/long_article.py --chars 300000
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from _common import measure, median, sample_corpus

CHILD = r"""
import json, sys, time
from dateline.ingest.normalize import article_id
from dateline.model import Article, Record
from dateline.pipeline import Pipeline
from dateline.settings import load_config
config = load_config()
config["spacy_chunk_chars"] = int(sys.argv[2])
pipe = Pipeline.from_config(config)
pipe.docs(["warm up."]).__next__()
text = open(sys.argv[1], encoding="utf-8").read()
t0 = time.perf_counter()
rec = pipe.process([Record(article=Article(id=article_id(text), text=text))])[0]
print(json.dumps({"seconds": time.perf_counter() - t0, "events": len(rec.events), "actors": len(rec.actors),
                  "rejects": [r.code for r in rec.rejects]}))
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--chars", type=int, default=80_000)
    ap.add_argument("--chunk", type=int, default=20_000, help="spacy_chunk_chars of the chunked run")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    corpus, desc = sample_corpus(400)
    parts, size = [], 0
    for f in sorted(p for p in corpus.rglob("*") if p.is_file()):
        body = f.read_text(encoding="utf-8", errors="replace").strip()
        parts.append(body)
        size += len(body) + 2
        if size >= args.chars:
            break
    text = "\n\n".join(parts)[:args.chars]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "long.txt"
        path.write_text(text, encoding="utf-8")
        runs: dict[str, list[dict]] = {"whole": [], "pieces": []}
        for _ in range(args.repeat):
            for name, chunk in (("whole", 0), ("pieces", args.chunk)):
                _, peak, out = measure([sys.executable, "-c", CHILD, str(path), str(chunk)])
                runs[name].append({"peak_mb": peak, **json.loads(out.strip().splitlines()[-1])})
    print(f"one article of {len(text):,} characters from {desc}; {args.repeat} runs each, medians")
    for name, rs in runs.items():
        print(f"{name:7s} peak {median([r['peak_mb'] for r in rs]):7.0f} MB   "
              f"{median([r['seconds'] for r in rs]):6.2f} s   events {rs[0]['events']}  actors {rs[0]['actors']}"
              f"  rejects {rs[0]['rejects']}")
    w, p = (median([r["peak_mb"] for r in runs[k]]) for k in ("whole", "pieces"))
    tw, tp = (median([r["seconds"] for r in runs[k]]) for k in ("whole", "pieces"))
    print(f"pieces / whole: peak memory {p / w:.2f}, time {tp / tw:.2f}")


if __name__ == "__main__":
    main()
