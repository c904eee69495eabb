"""Situation briefs: a corpus and a question in, a footnoted Markdown or self-contained HTML report out.

:func:`gather` reads what a brief needs through :mod:`dateline.store.brief_queries`;
:mod:`.compose` arranges it into sections; :func:`render` words it with the Jinja2 templates in
``templates/``. Every sentence of a brief is a template over stored values, and every item points
to footnotes that quote the stored evidence sentence with its article's title, outlet, date and link.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterable, Optional

from ..errors import DatelineError
from . import compose

FORMATS = ("md", "html")
TEMPLATES = Path(__file__).resolve().parent / "templates"


def gather(store: Any, query: Optional[str] = None, actors: Iterable[str] = (), date_from: Any = None,
           date_to: Any = None) -> dict:
    """The whole brief as plain data: filters, counts, sections, footnotes and sources."""
    from ..store import brief_queries as bq

    actors = [a.strip() for a in (actors or ()) if a and a.strip()]
    ids = bq.article_ids(store, query, actors, date_from, date_to)
    arts = bq.articles_meta(store, ids)
    by_id = {a["id"]: a for a in arts}
    events = bq.events(store, ids, actors, date_from, date_to)
    quotes = bq.statements(store, ids, actors, date_from, date_to)
    clusters = bq.clusters(store, sorted({e["cluster_id"] for e in events if e["cluster_id"]}))
    notes = compose.Footnotes()
    data = {
        "query": query or "", "actors": actors,
        "date_from": str(date_from) if date_from else None, "date_to": str(date_to) if date_to else None,
        "overview": compose.overview(arts, events, notes),
        "timeline": compose.timeline(events, clusters, notes, by_id),
        "statements": compose.statements(quotes, events, notes),
        "not_happened": compose.not_happened(events, notes),
        "tallies": compose.tallies(events, notes),
        "map": compose.map_points(events),
        "dyads": compose.dyads(events),
    }
    data["footnotes"] = notes.resolve(bq.sentences(store, notes.sentence_ids()), by_id)
    cited: dict[str, int] = {}
    for n in data["footnotes"]:
        cited[n["article_id"]] = cited.get(n["article_id"], 0) + 1
    data["sources"] = [{**a, "title": compose.label(a), "n_notes": cited.get(a["id"], 0)} for a in arts]
    return data


def render(data: dict, format: str = "md") -> str:  # noqa: A002 - the CLI's option name
    """The brief as Markdown (``md``) or one self-contained HTML page (``html``)."""
    if format not in FORMATS:
        raise DatelineError("E401", f"Unknown brief format {format!r}.", "Use md or html.")
    import jinja2
    from markupsafe import Markup

    from .svg import dyad_chart_svg, map_svg

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=(format == "html"),
                             trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                             undefined=jinja2.StrictUndefined)
    env.filters["md"] = _md
    env.filters["num"] = _fmt_num
    env.filters["plural"] = _plural
    env.filters["link"] = _link
    extra = {}
    if format == "html":
        extra = {"map_svg": Markup(map_svg(data["map"])),
                 "chart_svg": Markup(dyad_chart_svg(data["dyads"]))}
    text = env.get_template(f"brief.{format}.j2").render(b=data, **extra)
    return _tidy_markdown(text) if format == "md" else text


def _tidy_markdown(text: str) -> str:
    """One blank line around headings and between paragraphs; none at the top."""
    text = re.sub(r"\n(#{1,6} )", r"\n\n\1", text)
    text = re.sub(r"(\n#{1,6} [^\n]*)\n(?!\n)", r"\1\n\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def _md(value: Any) -> str:
    """One line of Markdown-safe text."""
    text = " ".join(str("" if value is None else value).split())
    for ch in ("\\", "|", "*", "_", "[", "]", "<", ">", "`"):
        text = text.replace(ch, "\\" + ch)
    return text


def _link(url: Any) -> Optional[str]:
    """An article's link when it is a plain http(s) URL (never javascript: or data:), else None."""
    text = str(url or "").strip()
    if re.match(r"(?i)^https?://[^\s<>\"']+$", text):
        return text
    return None


def _fmt_num(value: Any) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}" if isinstance(value, int) else str(value)


def _plural(n: int, word: str, many: Optional[str] = None) -> str:
    return f"{_fmt_num(n)} {word if n == 1 else (many or word + 's')}"


def brief(store: Any, query: Optional[str] = None, actors: Iterable[str] = (), date_from: Any = None,
          date_to: Any = None, format: str = "md") -> str:  # noqa: A002
    """Gather and render in one call."""
    if format not in FORMATS:
        raise DatelineError("E401", f"Unknown brief format {format!r}.", "Use md or html.")
    return render(gather(store, query, actors, date_from, date_to), format)
