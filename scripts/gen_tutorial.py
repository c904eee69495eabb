"""Build docs/tutorial.md from scripts/tutorial_template.md by running each `{{ command }}` in a fresh
folder and pasting what it prints.

    python scripts/gen_tutorial.py           # write docs/tutorial.md
    python scripts/gen_tutorial.py --check   # run the commands, exit 1 if their key output differs

Lines with timings are dropped, so the page compares across machines.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "scripts" / "tutorial_template.md"
PAGE = ROOT / "docs" / "tutorial.md"
COMMAND = re.compile(r"^\{\{ (.+) \}\}$", re.MULTILINE)
TIMING = re.compile(r"\d+(\.\d+)? s, \d+(\.\d+)? articles/s")
MAX_LINES = 14


def run_all(template: str) -> list[str]:
    """Output of every command, run in order in one scratch folder that links to examples/."""
    outputs = []
    with tempfile.TemporaryDirectory(prefix="dateline-tutorial-") as tmp:
        os.symlink(ROOT / "examples", Path(tmp) / "examples")
        env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
               "COLUMNS": "200"}
        for cmd in COMMAND.findall(template):
            # pipefail: a failing dateline command before `| cut` must fail the page
            res = subprocess.run(["bash", "-o", "pipefail", "-c", cmd], cwd=tmp, capture_output=True, text=True,
                                 env=env)
            if res.returncode != 0:
                raise SystemExit(f"tutorial command failed: {cmd}\n{res.stderr[-2000:]}")
            lines = [line.rstrip() for line in res.stdout.splitlines() if not TIMING.search(line)]
            if len(lines) > MAX_LINES:
                lines = lines[:MAX_LINES] + ["..."]
            outputs.append("\n".join(lines))
    return outputs


def render(template: str, outputs: list[str]) -> str:
    pending = iter(outputs)

    def block(m: re.Match) -> str:
        return f"```console\n$ {m.group(1)}\n{next(pending)}\n```"
    return COMMAND.sub(block, template)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    template = TEMPLATE.read_text()
    page = render(template, run_all(template))
    if args.check:
        if not PAGE.exists() or PAGE.read_text() != page:
            import difflib

            diff = difflib.unified_diff(PAGE.read_text().splitlines() if PAGE.exists() else [],
                                        page.splitlines(), "docs/tutorial.md", "what the commands print", lineterm="")
            print("\n".join(list(diff)[:80]), file=sys.stderr)
            return 1
        return 0
    PAGE.write_text(page)
    return 0


if __name__ == "__main__":
    sys.exit(main())
