"""Agreement of the time stage's two tense readings on unlabelled news: from the dependency parse
(a run with other stages, which loads the parser) and from Penn tags alone (``--stages time``).

Usage (from the repository root, in the project's virtualenv):

    python bench/time_tags_vs_parse.py [--t17 ../shared/data/timelines/t17] [--n 160] [--seed 0] [--show]

T17 has no TimeML gold, so this measures agreement, not accuracy: the share of expressions found by
either reading that both find with the same value. Each article's publication date is its folder
name; the first 6,000 characters of each article are read. ``--show`` prints the disagreements.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from pathlib import Path

from dateline.eval import shared_data_dir


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--t17", type=Path, default=(shared_data_dir() or Path("../shared/data")) / "timelines" / "t17")
    ap.add_argument("--n", type=int, default=160, help="articles drawn at random")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--show", action="store_true", help="print each disagreement")
    args = ap.parse_args(argv)
    files = sorted(args.t17.glob("*/InputDocs/*/*.txt"))
    if not files:
        print(f"no T17 articles under {args.t17}: pass --t17", file=sys.stderr)
        return 2
    files = random.Random(args.seed).sample(files, min(args.n, len(files)))

    from dateline.pipeline import Pipeline
    from dateline.settings import load_config
    from dateline.time.tagger import tag

    tags_only = Pipeline.from_config(load_config(pipeline=["time"])).nlp
    parsed = Pipeline.from_config(load_config()).nlp
    n = same = 0
    for f in files:
        text = f.read_text(encoding="utf-8", errors="replace")[:6000]
        dct = dt.date.fromisoformat(f.parent.name)
        a = {(x.start, x.end): x.resolved for x in tag(tags_only(text), dct)}
        b = {(x.start, x.end): x.resolved for x in tag(parsed(text), dct)}
        for key in sorted(set(a) | set(b)):
            n += 1
            x, y = a.get(key), b.get(key)
            if x is not None and y is not None and x.value == y.value:
                same += 1
            elif args.show:
                print(f"{f.parent.parent.parent.name}/{f.name} {text[key[0]:key[1]]!r}: tags "
                      f"{x and x.value} ({x and x.reason}); parse {y and y.value} ({y and y.reason})")
    print(f"pipelines: tags only = {', '.join(tags_only.pipe_names)}; parsed = {', '.join(parsed.pipe_names)}")
    print(f"articles: {len(files)}   expressions: {n}   same value from both readings: {same}/{n} = {same / n:.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
