"""Generate the reference pages of the docs from the code: CLI help, settings, data model, tables.

    python scripts/gen_reference.py           # write docs/reference/*.md
    python scripts/gen_reference.py --check   # exit 1 if a page is stale (used by the tests)
"""

from __future__ import annotations

import argparse
import sys
import typing
from pathlib import Path

import click

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "reference"


def cli_page() -> str:
    from dateline.cli import main

    lines = ["# CLI reference", "", "Generated from the commands' own help by `scripts/gen_reference.py`; "
             "do not edit by hand.", ""]
    ctx = click.Context(main, info_name="dateline", terminal_width=100, max_content_width=100)
    lines += ["```text", main.get_help(ctx), "```", ""]
    for name in sorted(main.commands):
        cmd = main.commands[name]
        sub = click.Context(cmd, info_name=f"dateline {name}", parent=ctx, terminal_width=100, max_content_width=100)
        lines += [f"## dateline {name}", "", "```text", cmd.get_help(sub), "```", ""]
    return "\n".join(lines)


def settings_page() -> str:
    from dateline.settings import SETTINGS

    lines = ["# Settings", "", "Declared once in `src/dateline/settings.py`. Defaults, then a user TOML file "
             "(`dateline.toml` in the working directory, or `--config FILE`), then command-line flags.", "",
             "| setting | default | meaning |", "| --- | --- | --- |"]
    for s in SETTINGS:
        default = repr(s.default).replace("|", "\\|")
        lines.append(f"| `{s.name}` | `{default}` | {s.help.replace('|', '/')} |")
    lines += ["", "Example `dateline.toml`:", "", "```toml", 'db = "my-corpus.duckdb"', "workers = 2",
              'pipeline = ["nlp", "time", "places", "actors", "events", "quotes"]', "", "[columns]",
              'text = "body"', "```", ""]
    return "\n".join(lines)


# Meanings of field names that recur across the model, where the field itself has no description.
COMMON = {
    "id": "stable id of the item (`<article id>:<kind><n>` for items of an article)",
    "text": "the characters of the span as they stand in the article",
    "start": "character offset where the span starts in `article.text`",
    "end": "character offset where the span ends (exclusive)",
    "score": "confidence in [0, 1] of the resolution or coding",
    "reason": "why it was coded this way: the rule, pattern, alias or model that decided",
    "name": "canonical name", "title": "headline", "url": "link to the original article",
    "language": "ISO 639-1 language code of the text", "type": "kind of item (see the ontology pages)",
    "mode": "PLOVER mode of the event type", "kind": "kind of item", "label": "spaCy entity label",
    "lat": "latitude (WGS84)", "lon": "longitude (WGS84)", "admin1": "first-level administrative area",
    "geonameid": "GeoNames id", "schema_version": "version of the record layout",
    "stage": "pipeline stage", "code": "error code (see the errors page)", "source": "where it came from",
    "members": "ids of the member items", "trigger": "the word or phrase that signals the event",
    "sentence": "the sentence the item comes from", "content": "what was said (the quoted or reported span)",
    "cue": "the attribution cue (said, told, according to ...)", "min": "lower bound", "max": "upper bound",
    "mod": "TimeML modifier (START, MID, END, APPROX ...)", "value": "normalised value",
}


def _type_name(annotation) -> str:
    text = str(annotation).replace("typing.", "").replace("datetime.", "").replace("dateline.model.", "")
    text = text.replace("<class '", "").replace("'>", "")
    return text.replace("|", "or")


def model_page() -> str:
    from dateline import model
    from dateline.store.migrations import MIGRATIONS

    lines = ["# Data model", "", "One typed record (`dateline.model.Record`) flows through the stages; each stage adds "
             "to it. Offsets are character offsets into `article.text`; every list item has a stable `id` "
             "(`<article id>:<kind><n>`); references between items are by id. Generated from "
             "`src/dateline/model.py` by `scripts/gen_reference.py`.", ""]
    classes = [getattr(model, n) for n in dir(model)]
    classes = [c for c in classes if isinstance(c, type) and issubclass(c, model.BaseModel)
               and c.__module__ == model.__name__ and not c.__name__.startswith("_")]
    for cls in sorted(classes, key=lambda c: c.__name__):
        lines += [f"## {cls.__name__}", "", (cls.__doc__ or "").strip().split("\n\n")[0], "",
                  "| field | type | meaning |", "| --- | --- | --- |"]
        for name, field in cls.model_fields.items():
            shown = field.alias or name
            desc = (field.description or COMMON.get(name, "")).replace("|", "/")
            lines.append(f"| `{shown}` | {_type_name(field.annotation)} | {desc} |")
        lines.append("")
    lines += ["## Database tables", "", "The DuckDB file holds these tables (columns follow the field names above; "
              "nested spans are flattened, e.g. `trigger_text`, `trigger_start`). Schema migrations:", ""]
    for version, name, _ in sorted(MIGRATIONS):
        lines.append(f"- {version}: {name}")
    lines.append("")
    return "\n".join(lines)


def errors_page() -> str:
    from dateline.errors import CODES

    lines = ["# Error and warning codes", "", "Every error names its code and says what to do. Rejected inputs are "
             "stored with their code (`dateline rejects`); warnings (W...) are kept as flags on the article.", "",
             "| code | meaning |", "| --- | --- |"]
    lines += [f"| {code} | {text} |" for code, text in CODES.items()]
    return "\n".join(lines) + "\n"


PAGES = {"errors.md": errors_page, "cli.md": cli_page, "settings.md": settings_page, "data-model.md": model_page}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    stale = []
    OUT.mkdir(parents=True, exist_ok=True)
    for name, fn in PAGES.items():
        text = fn()
        path = OUT / name
        if args.check:
            if not path.exists() or path.read_text() != text:
                stale.append(name)
        else:
            path.write_text(text)
    if stale:
        print(f"stale reference pages: {', '.join(stale)}; run `python scripts/gen_reference.py`", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
