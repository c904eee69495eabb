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


def _stage_list(value: Optional[str]) -> Optional[list[str]]:
    """``--stages time,places`` as the list the `pipeline` setting takes."""
    if value is None:
        return None
    return [s.strip() for s in value.split(",") if s.strip()]


STAGES_HELP = ("Comma-separated stages to run, in order, instead of the setting `pipeline` (e.g. `time` or "
               "`nlp,time,places`); only the spaCy components they read are loaded (`dateline stages`).")


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
@click.option("--stages", "stage_names", default=None, help=STAGES_HELP)
@click.option("--profile", is_flag=True, help="Print the time spent in each stage.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.option("--engine", type=click.Choice(["local", "dask"]), default=None,
              help="local: this machine's process pool (default); dask: a Dask cluster writing Parquet shards "
              "(pip install 'dateline[dask]'; docs/scaling.md).")
@click.option("--scheduler", default=None, help="With --engine dask: `local` (a cluster on this machine, the "
              "default) or a scheduler address such as tcp://10.0.0.5:8786.")
@click.option("--shards", default=None, help="With --engine dask: folder or URL (s3://bucket/run) for the Parquet "
              "shards; kept after the run (default: a temporary folder).")
@click.option("--shards-only", is_flag=True, help="With --engine dask: write the shards and stop, without "
              "importing them into --db (later: dateline import SHARDS --db FILE).")
@coded_errors
def run(paths, db, workers, limit, config_file, spacy_model, exclude, stage_names, profile, quiet, as_json, engine,
        scheduler, shards, shards_only) -> None:
    """Read PATHS (files, folders, globs, or - for stdin) into the DuckDB file.

    Plain text (first line `date YYYY-MM-DD`, optional title line), JSON Lines,
    CSV and HTML are read. Articles already stored are skipped, so a re-run adds
    nothing and a killed run resumes.

    Example:

        dateline run examples/corpus --db demo.duckdb --workers 2

        dateline run ../shared/data/timelines/t17 --exclude '*/timelines/*' --db t17.duckdb

        dateline run examples/corpus --engine dask --scheduler local --workers 2 --shards shards/ --db demo.duckdb
    """
    extra = {}
    if exclude:
        from .settings import load_config

        extra["exclude"] = list(load_config(config_file)["exclude"]) + list(exclude)
    if stage_names is not None:
        extra["pipeline"] = _stage_list(stage_names)
    summary = dateline.run(list(paths), db=db, workers=workers, limit=limit, config_file=config_file,
                           spacy_model=spacy_model, progress=not quiet, engine=engine, scheduler=scheduler,
                           shards=shards, shards_only=shards_only, **extra)
    if as_json:
        click.echo(json.dumps(summary.as_dict(), default=str))
        return
    for line in summary.lines():
        click.echo(line)
    if summary.shards:
        click.echo(f"Parquet shards in {summary.shards}" + (" (not imported)" if shards_only else ""))
    if profile:
        total = sum(summary.profile.values()) or 1.0
        for stage, secs in sorted(summary.profile.items(), key=lambda kv: -kv[1]):
            click.echo(f"  {stage:<10} {secs:8.2f} s  {100 * secs / total:5.1f}%")


@main.command(name="import")
@click.argument("shards")
@db_option
@click.option("--views", is_flag=True, help="Make --db (a new file) a set of DuckDB views over local shards instead "
              "of copying the rows.")
@click.option("--link/--no-link", default=None, help="Link events across articles after the import "
              "(default: setting `link`).")
@click.option("--json", "as_json", is_flag=True, help="Print the rows added per table as JSON.")
@coded_errors
def import_(shards, db, views, link, as_json) -> None:
    """Load the Parquet shards of a `dateline run --engine dask` into the DuckDB file.

    SHARDS is a folder or an fsspec URL (s3://bucket/run). Rows already in the
    database are skipped, so importing twice adds nothing. The Python function is
    `dateline.import_shards` (`import` is a Python keyword).

    Example:

        dateline import shards/ --db demo.duckdb && dateline events --db demo.duckdb

        dateline import shards/ --db shards-view.duckdb --views
    """
    out = dateline.import_shards(shards, db=db, views=views, link=link)
    if as_json:
        click.echo(json.dumps(out, default=str))
        return
    rows = ", ".join(f"{n} {t}" for t, n in (out["views"] if views else out["added"]).items() if n) or "nothing new"
    click.echo(("views over " if views else "imported ") + rows + f" from {shards} -> {out['db']}")
    if out.get("link"):
        click.echo(f"linked {out['link']['events_linked']} events into {out['link']['clusters']} clusters")


@main.command()
@click.argument("file", type=click.File("r", encoding="utf-8", errors="replace"))
@click.option("--published", default=None, help="Publication date YYYY-MM-DD (else a `date` header line is used).")
@click.option("--json", "as_json", is_flag=True, default=True, help="Print the record as JSON (the default).")
@click.option("--spacy-model", default=None, help="Installed spaCy pipeline to use.")
@click.option("--stages", "stage_names", default=None, help=STAGES_HELP)
@click.option("--config", "config_file", default=None, help="TOML settings file layered over the defaults.")
@coded_errors
def extract(file, published, as_json, spacy_model, stage_names, config_file) -> None:
    """Print the full typed record of one article after every stage (nothing is stored).

    Example:

        dateline extract examples/corpus/01_kharkiv_drones.txt --json

        dateline extract examples/corpus/01_kharkiv_drones.txt --stages time
    """
    from .ingest.reader import HEADER

    text = file.read()
    lines = text.split("\n", 1)
    if published is None and lines and (m := HEADER.match(lines[0].strip())):
        published, text = m.group(1), lines[1] if len(lines) > 1 else ""
    record = dateline.extract(text, published=published, spacy_model=spacy_model, config_file=config_file,
                              pipeline=_stage_list(stage_names))
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
@click.option("--q", "q", default=None, help="Only actors whose name contains this text (any case).")
@click.option("--country", default=None, help="Only actors of this ISO3 country, e.g. RUS.")
@click.option("--sector", default=None, help="Only this sector, e.g. GOV, MIL, REB, CVL, IGO.")
@page_options(50)
@format_option
@coded_errors
def actors(db, q, country, sector, limit, offset, fmt) -> None:
    """List actors, those in most events first, with event, mention and article counts and their first
    and last dates.

    Example:

        dateline actors --db demo.duckdb --country RUS --sector MIL
    """
    emit(dateline.actors(db=db, q=q, country=country, sector=sector, limit=limit, offset=offset), fmt)


@main.command()
@click.argument("name")
@db_option
@click.option("--limit", type=int, default=50, show_default=True, help="Events and quotes at most.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
              help="Output format.")
@coded_errors
def actor(name, db, limit, fmt) -> None:
    """Show one actor (name, KB id or text as written): aliases, identities, roles, events and quotes.

    Example:

        dateline actor "Vladimir Putin" --db demo.duckdb --format json
    """
    info = dateline.actor(name, db=db, limit=limit)
    if fmt == "json":
        click.echo(json.dumps(info, default=str, ensure_ascii=False, indent=1))
        return
    click.echo(f"{info['name']}  ({', '.join(info['kb_ids']) or 'not in the KB'}): "
               f"{info['mentions']} mentions in {info['articles']} articles")
    click.echo("aliases: " + "; ".join(f"{a['text']} ({a['mentions']})" for a in info["aliases"]))
    click.echo("as: " + ("; ".join(f"{r['role']} {r['n']}" for r in info["event_roles"]) or "no event or quote"))
    click.echo(f"events: `dateline events --actor {info['events_actor']} --modality all` lists them all")
    for title, rows in (("roles in the articles", info["roles"]), ("roles in the KB", info["kb_roles"]),
                        ("events", info["events"]), ("quotes", info["quotes"])):
        click.echo(f"\n{title}:")
        emit(rows, "table")


@main.command()
@db_option
@click.option("--speaker", default=None, help="Speaker: ISO3 country, name or KB id of the actor, or the source text.")
@click.option("--about", default=None, help="An actor mentioned inside the quote: ISO3 country, name or KB id.")
@click.option("--from", "date_from", default=None, help="Published on or after YYYY-MM-DD.")
@click.option("--to", "date_to", default=None, help="Published on or before YYYY-MM-DD.")
@page_options(50)
@format_option
@coded_errors
def quotes(db, speaker, about, date_from, date_to, limit, offset, fmt) -> None:
    """List who said what, when: quotes with speaker, cue and content.

    Example:

        dateline quotes --db demo.duckdb --speaker RUS --about TUR --format json
    """
    emit(dateline.quotes(db=db, speaker=speaker, about=about, date_from=date_from, date_to=date_to,
                         limit=limit, offset=offset), fmt)


@main.command()
@click.argument("query")
@db_option
@page_options(20)
@format_option
@coded_errors
def search(query, db, limit, offset, fmt) -> None:
    """Find articles and quotes that contain every word of QUERY (any case), best matches first.

    Titles count double; the total goes to standard error.

    Example:

        dateline search "ceasefire talks" --db demo.duckdb
    """
    result = dateline.search(query, db=db, limit=limit, offset=offset)
    click.echo(f"{result['total']} matches ({result['mode']})", err=True)
    emit(result["items"], fmt)


@main.command()
@db_option
@click.option("--table", required=True, help="Table to export, e.g. events.")
@click.option("--format", "fmt", type=click.Choice(["parquet", "csv", "jsonl", "cameo-csv", "plover-json", "acled-csv"]),
              default="parquet", show_default=True,
              help="cameo-csv, plover-json and acled-csv are event exports (with --table events).")
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
@click.option("--split", default=None, help="Part of the gold set, where the task has parts: events/relations/geo "
              "all|even|odd (the half not used in development is the held-out figure); quotes train|dev.")
@click.option("--json", "as_json", is_flag=True, help="Print {task, gold, n_docs, n_gold, metrics} as JSON.")
@coded_errors
def eval_(task, gold, limit, split, as_json) -> None:
    """Score the pipeline on a gold set: precision, recall, F1 and the task's own measures.

    TASK is one of: events, relations, actors, entities, time, geo, quotes, timeline, linking, all.

    Example:

        dateline eval time --gold ../shared/data/time/te3-platinum-dev --json
    """
    from .eval import format_table

    results = dateline.eval(task, gold=gold, limit=limit, **({"split": split} if split else {}))
    results = results if isinstance(results, list) else [results]
    if as_json:
        click.echo(json.dumps(results[0] if len(results) == 1 else results, default=str))
    else:
        click.echo(format_table(results))



# --- across articles: linking, clusters, timelines (dateline.link) ---------------------------
REPORT_FORMATS = click.Choice(["table", "json", "md", "html"])


@main.command()
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
@coded_errors
def link(db, as_json) -> None:
    """Link stored event mentions across articles into clusters (new events join existing ones).

    `dateline run` does this at its end when the setting `link` is true.

    Example:

        dateline link --db demo.duckdb
    """
    out = dateline.link(db=db)
    if as_json:
        click.echo(json.dumps(out))
        return
    click.echo(f"linked {out['events_linked']} events: {out['clusters_created']} new clusters, "
               f"{out['clusters_touched']} touched, {out['clusters']} in all ({out['seconds']:.2f} s)")


@main.command()
@db_option
@click.option("--type", "type_", default=None, help="PLOVER type, e.g. ASSAULT.")
@click.option("--from", "date_from", default=None, help="On or after YYYY-MM-DD.")
@click.option("--to", "date_to", default=None, help="On or before YYYY-MM-DD.")
@click.option("--min-sources", type=int, default=1, show_default=True, help="Reported by at least this many sources.")
@page_options(50)
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv", "md"]), default="table",
              show_default=True, help="Output format.")
@coded_errors
def clusters(db, type_, date_from, date_to, min_sources, limit, offset, fmt) -> None:
    """List linked events (one real-world event, several reports), most sources first, with disagreements.

    Example:

        dateline clusters --db demo.duckdb --type ASSAULT --min-sources 2
    """
    from .link.report import clusters_markdown

    rows = dateline.clusters(db=db, type=type_, date_from=date_from, date_to=date_to, min_sources=min_sources,
                             limit=limit, offset=offset)
    if fmt == "md":
        click.echo(clusters_markdown(rows), nl=False)
        return
    if fmt in ("table", "csv"):
        rows = [{"id": r["id"], "date": r["start_date"], "type": r["type"], "place": r["place"],
                 "sources": r["n_sources"], "articles": r["n_articles"], "first_seen": r["first_seen"],
                 "last_seen": r["last_seen"],
                 "disagreements": "; ".join(f"{k}: {'/'.join(v)}" for k, v in r["disagreements"].items())}
                for r in rows]
    emit(rows, fmt)


@main.command()
@db_option
@click.option("--query", required=True, help='Words or phrases to follow, separated by commas or OR: "Idlib, Syria".')
@click.option("--dates", type=int, default=10, show_default=True, help="Days in the timeline at most.")
@click.option("--sentences", type=int, default=1, show_default=True, help="Sentences per day.")
@click.option("--from", "date_from", default=None, help="Articles published on or after YYYY-MM-DD.")
@click.option("--to", "date_to", default=None, help="Articles published on or before YYYY-MM-DD.")
@click.option("--format", "fmt", type=REPORT_FORMATS, default="table", show_default=True, help="Output format.")
@coded_errors
def timeline(db, query, dates, sentences, date_from, date_to, fmt) -> None:
    """The most important days for a topic and the sentences that best describe each day.

    Days are ranked by references from later articles, mentions, publications and the
    number of sources that reported events on them.

    Example:

        dateline timeline --db demo.duckdb --query "El Fasher" --dates 5 --sentences 2 --format md
    """
    from .link.report import timeline_html, timeline_markdown

    days = dateline.timeline(query, db=db, dates=dates, sentences=sentences, date_from=date_from, date_to=date_to)
    if fmt == "md":
        click.echo(timeline_markdown(query, days), nl=False)
    elif fmt == "html":
        click.echo(timeline_html(query, days), nl=False)
    elif fmt == "json":
        emit(days, "json")
    else:
        emit([{"date": d["date"], "score": d["score"], "sentence": s["text"], "article_id": s["article_id"]}
              for d in days for s in d["sentences"]], "table")


@main.command()
@click.argument("a")
@click.argument("b", required=False)
@db_option
@click.option("--period", type=click.Choice(["day", "week", "month"]), default="month", show_default=True,
              help="Counting period.")
@click.option("--modality", default="asserted", show_default=True,
              help="asserted, negated, hypothetical, future, threatened, demanded, or all.")
@click.option("--from", "date_from", default=None, help="On or after YYYY-MM-DD.")
@click.option("--to", "date_to", default=None, help="On or before YYYY-MM-DD.")
@page_options(200)
@click.option("--format", "fmt", type=REPORT_FORMATS, default="table", show_default=True, help="Output format.")
@coded_errors
def dyad(a, b, db, period, modality, date_from, date_to, limit, offset, fmt) -> None:
    """Timeline of actor A, or of the pair A and B: dated events and statements, with counts,
    mean PLOVER intensity and QuadClass per period. Actors: ISO3 (RUS), COUNTRY:SECTOR (RUS:MIL) or a name.

    Example:

        dateline dyad RUS UKR --db demo.duckdb --period week --format md
    """
    from .link.report import dyad_html, dyad_markdown

    out = dateline.dyad(a, b, db=db, period=period, modality=modality, date_from=date_from, date_to=date_to,
                        limit=limit, offset=offset)
    if fmt == "md":
        click.echo(dyad_markdown(out), nl=False)
    elif fmt == "html":
        click.echo(dyad_html(out), nl=False)
    elif fmt == "json":
        emit(out, "json")
    else:
        emit(out["periods"], "table")
        click.echo("")
        emit([{k: it[k] for k in ("date", "kind", "type", "quadclass", "intensity", "sources", "targets", "text")}
              for it in out["items"]], "table")


@main.command()
@click.argument("db")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; loopback by default (0.0.0.0 opens it to the network).")
@click.option("--port", type=int, default=8000, show_default=True, help="Port to listen on.")
@click.option("--workers", type=int, default=1, show_default=True,
              help="Server processes; each holds its own snapshot of the events (about one per core).")
@coded_errors
def serve(db, host, port, workers) -> None:
    """Serve the read-only HTTP API (/api, OpenAPI at /api/openapi.json) and the web UI for DB.

    Example:

        dateline serve demo.duckdb --port 8000
    """
    from .api.serve import serve as _serve

    _serve(db, host=host, port=port, workers=workers)


@main.command()
@db_option
@click.option("--query", default=None, help='Words or phrases separated by commas or OR, matched in article text and '
              'title (case-insensitive) and against actor and place names: "Kharkiv, Odesa".')
@click.option("--actor", "actors", multiple=True, help="Only events, statements and articles of this actor: ISO3 "
              "(RUS), COUNTRY:SECTOR (RUS:MIL), KB id or name. Repeat for several.")
@click.option("--from", "date_from", default=None, help="Events dated on or after YYYY-MM-DD.")
@click.option("--to", "date_to", default=None, help="Events dated on or before YYYY-MM-DD.")
@click.option("--format", "fmt", type=click.Choice(["md", "html"]), default="md", show_default=True,
              help="Markdown, or one self-contained HTML page (map and chart inline, nothing loaded).")
@click.option("-o", "--output", default=None, help="Write to this file instead of standard output.")
@coded_errors
def brief(db, query, actors, date_from, date_to, fmt, output) -> None:
    """A situation brief: overview, timeline of the main events, statements and actions by actor,
    threats and denials, casualty tallies, map and dyad chart, and sources, every item footnoted
    to its stored evidence sentence.

    Example:

        dateline brief --db demo.duckdb --query "Kharkiv" --actor RUS --format html -o kharkiv.html
    """
    text = dateline.brief(query=query, db=db, actor=actors, date_from=date_from, date_to=date_to,
                          format=fmt, output=output)
    if output:
        click.echo(f"Wrote {output}", err=True)
    else:
        click.echo(text, nl=False)


if __name__ == "__main__":
    main()
