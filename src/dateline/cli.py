"""The command line: a thin layer over the Python API, same names and parameters."""

from __future__ import annotations

import csv
import functools
import io
import json
import sys
from typing import Any, Callable, Optional

import click

import dateline
from .errors import DatelineError

FORMATS = click.Choice(["table", "json", "csv"])


def db_option(f: Callable) -> Callable:
    return click.option("--db", default=None, help="DuckDB file (default: setting `db`, dateline.duckdb).")(f)


def format_option(f: Callable) -> Callable:
    return click.option("--format", "fmt", type=FORMATS, default="table", show_default=True,
                        help="Output format.")(f)


def page_options(default_limit: int) -> Callable:
    def wrap(f: Callable) -> Callable:
        f = click.option("--limit", type=int, default=default_limit, show_default=True, help="Rows at most.")(f)
        return click.option("--offset", type=int, default=0, show_default=True, help="Rows to skip.")(f)
    return wrap


def coded_errors(f: Callable) -> Callable:
    """Print a DatelineError as one line with its code, and exit 2."""
    @functools.wraps(f)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return f(*args, **kwargs)
        except DatelineError as exc:
            click.echo(f"Error: {exc}", err=True)
            sys.exit(2)
    return wrapper


def emit(rows: list[dict], fmt: str) -> None:
    if fmt == "json":
        click.echo(json.dumps(rows, default=str, ensure_ascii=False, indent=1))
        return
    if not rows:
        click.echo("(no rows)", err=True)
        return
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=list(rows[0]))
        writer.writeheader()
        for row in rows:
            writer.writerow({k: json.dumps(v, default=str) if isinstance(v, (list, dict)) else v for k, v in row.items()})
        click.echo(buf.getvalue(), nl=False)
        return
    cols = list(rows[0])
    cells = [[_cell(r.get(c)) for c in cols] for r in rows]
    widths = [min(60, max(len(c), *(len(row[i]) for row in cells))) for i, c in enumerate(cols)]
    click.echo("  ".join(c.ljust(w) for c, w in zip(cols, widths)))
    for row in cells:
        click.echo("  ".join(v[:w].ljust(w) for v, w in zip(row, widths)))


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.3g}"
    if isinstance(value, (list, tuple)):
        return ",".join(map(str, value))
    return " ".join(str(value).split())


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(dateline.__version__, prog_name="dateline")
def main() -> None:
    """dateline: news articles in, a source-linked record of events out.

    Example:

        dateline run examples/corpus --db demo.duckdb && dateline events --db demo.duckdb
    """


@main.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option("--workers", type=int, default=None, help="Worker processes (default: setting `workers`, 2).")
@click.option("--limit", type=int, default=None, help="Stop after this many new articles.")
@click.option("--config", "config_file", default=None, help="TOML settings file layered over the defaults.")
@click.option("--spacy-model", default=None, help="Installed spaCy pipeline to use instead of the pinned default.")
@click.option("--exclude", multiple=True, help="Skip files whose name or path matches this glob (repeatable), "
              "added to the setting `exclude`.")
@click.option("--profile", is_flag=True, help="Print the time spent in each stage.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@coded_errors
def run(paths, db, workers, limit, config_file, spacy_model, exclude, profile, quiet, as_json) -> None:
    """Read PATHS (files, folders, globs, or - for stdin) into the DuckDB file.

    Plain text (first line `date YYYY-MM-DD`, optional title line), JSON Lines,
    CSV and HTML are read. Articles already stored are skipped, so a re-run adds
    nothing and a killed run resumes.

    Example:

        dateline run examples/corpus --db demo.duckdb --workers 2

        dateline run ../shared/data/timelines/t17 --exclude '*/timelines/*' --db t17.duckdb
    """
    extra = {}
    if exclude:
        from .settings import load_config

        extra["exclude"] = list(load_config(config_file)["exclude"]) + list(exclude)
    summary = dateline.run(list(paths), db=db, workers=workers, limit=limit, config_file=config_file,
                           spacy_model=spacy_model, progress=not quiet, **extra)
    if as_json:
        click.echo(json.dumps(summary.as_dict(), default=str))
        return
    for line in summary.lines():
        click.echo(line)
    if profile:
        total = sum(summary.profile.values()) or 1.0
        for stage, secs in sorted(summary.profile.items(), key=lambda kv: -kv[1]):
            click.echo(f"  {stage:<10} {secs:8.2f} s  {100 * secs / total:5.1f}%")


@main.command()
@click.argument("file", type=click.File("r", encoding="utf-8", errors="replace"))
@click.option("--published", default=None, help="Publication date YYYY-MM-DD (else a `date` header line is used).")
@click.option("--json", "as_json", is_flag=True, default=True, help="Print the record as JSON (the default).")
@click.option("--spacy-model", default=None, help="Installed spaCy pipeline to use.")
@coded_errors
def extract(file, published, as_json, spacy_model) -> None:
    """Print the full typed record of one article after every stage (nothing is stored).

    Example:

        dateline extract examples/corpus/01_kharkiv_drones.txt --json
    """
    from .ingest.reader import HEADER

    text = file.read()
    lines = text.split("\n", 1)
    if published is None and lines and (m := HEADER.match(lines[0].strip())):
        published, text = m.group(1), lines[1] if len(lines) > 1 else ""
    record = dateline.extract(text, published=published, spacy_model=spacy_model)
    click.echo(record.model_dump_json(indent=1, by_alias=True))


@main.command()
def schema() -> None:
    """Print the JSON schema of the record that `extract` prints.

    Example:

        dateline schema > record.schema.json
    """
    click.echo(json.dumps(dateline.schema(), indent=1))


@main.command()
@db_option
@click.option("--source", default=None, help="Only this source (outlet).")
@click.option("--from", "date_from", default=None, help="Published on or after YYYY-MM-DD.")
@click.option("--to", "date_to", default=None, help="Published on or before YYYY-MM-DD.")
@page_options(50)
@format_option
@coded_errors
def articles(db, source, date_from, date_to, limit, offset, fmt) -> None:
    """List stored articles.

    Example:

        dateline articles --db demo.duckdb --from 2025-01-01 --format csv
    """
    emit(dateline.articles(db=db, source=source, date_from=date_from, date_to=date_to, limit=limit, offset=offset), fmt)


@main.command()
@db_option
@click.option("--code", default=None, help="Only this error code, e.g. E106.")
@click.option("--stage", default=None, help="Only this stage, e.g. ingest.")
@page_options(100)
@format_option
@coded_errors
def rejects(db, code, stage, limit, offset, fmt) -> None:
    """List rejected inputs and stage failures with their reasons.

    Example:

        dateline rejects --db demo.duckdb --code E106
    """
    emit(dateline.rejects(db=db, code=code, stage=stage, limit=limit, offset=offset), fmt)


@main.command()
@db_option
@click.option("--type", "type_", default=None, help="PLOVER type, e.g. ASSAULT.")
@click.option("--actor", default=None, help="Actor: ISO3 country, name or KB id.")
@click.option("--from", "date_from", default=None, help="On or after YYYY-MM-DD.")
@click.option("--to", "date_to", default=None, help="On or before YYYY-MM-DD.")
@click.option("--place", default=None, help="Place name, ISO3 country or GeoNames id.")
@click.option("--modality", default="asserted", show_default=True,
              help="asserted, negated, hypothetical, future, threatened, demanded, or all.")
@page_options(50)
@format_option
@coded_errors
def events(db, type_, actor, date_from, date_to, place, modality, limit, offset, fmt) -> None:
    """List coded events with their evidence sentence.

    Example:

        dateline events --db demo.duckdb --type ASSAULT --modality all --format json
    """
    emit(dateline.events(db=db, type=type_, actor=actor, date_from=date_from, date_to=date_to, place=place,
                         modality=modality, limit=limit, offset=offset), fmt)


@main.command()
@db_option
@click.option("--table", required=True, help="Table to export, e.g. events.")
@click.option("--format", "fmt", type=click.Choice(["parquet", "csv", "jsonl"]), default="parquet", show_default=True)
@click.option("-o", "--output", required=True, help="File to write.")
@coded_errors
def export(db, table, fmt, output) -> None:
    """Export a table to Parquet, CSV or JSON Lines.

    Example:

        dateline export --db demo.duckdb --table events --format csv -o events.csv
    """
    n = dateline.export(table=table, format=fmt, output=output, db=db)
    click.echo(f"wrote {n} rows of {table} to {output}")


@main.command()
@click.option("--config", "config_file", default=None, help="TOML settings file.")
@format_option
@coded_errors
def stages(config_file, fmt) -> None:
    """List the configured stages: what each needs and sets, and whether it is built.

    Example:

        dateline stages --format json
    """
    emit(dateline.stages(config_file=config_file), fmt)


@main.command(name="eval")
@click.argument("task")
@click.option("--gold", default=None, help="Gold data folder or file (default: the set under ../shared/data).")
@click.option("--limit", type=int, default=None, help="Score only the first N documents.")
@click.option("--json", "as_json", is_flag=True, help="Print {task, gold, n_docs, n_gold, metrics} as JSON.")
@coded_errors
def eval_(task, gold, limit, as_json) -> None:
    """Score the pipeline on a gold set: precision, recall, F1 and the task's own measures.

    TASK is one of: events, relations, actors, entities, time, geo, quotes, timeline, linking, all.

    Example:

        dateline eval time --gold ../shared/data/time/te3-platinum-dev --json
    """
    from .eval import format_table

    results = dateline.eval(task, gold=gold, limit=limit)
    results = results if isinstance(results, list) else [results]
    if as_json:
        click.echo(json.dumps(results[0] if len(results) == 1 else results, default=str))
    else:
        click.echo(format_table(results))


if __name__ == "__main__":
    main()
