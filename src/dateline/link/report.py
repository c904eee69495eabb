"""Markdown and HTML reports of timelines, dyads and clusters (plain text in, plain text out)."""

from __future__ import annotations

import html
from typing import Any


def _md_cell(value: Any) -> str:
    return " ".join(str("" if value is None else value).split()).replace("|", "\\|")


def timeline_markdown(query: str, days: list[dict]) -> str:
    lines = [f"# Timeline: {query}", ""]
    if not days:
        lines.append("_No dated sentences matched the query._")
    for day in days:
        lines.append(f"## {day['date']}")
        lines.append("")
        for s in day["sentences"]:
            lines.append(f"- {s['text']} <sub>[{s['article_id']}, {s['published']}]</sub>")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def timeline_html(query: str, days: list[dict]) -> str:
    body = []
    for day in days:
        items = "".join(f"<li>{html.escape(s['text'])} <small>[{html.escape(str(s['article_id']))}, "
                        f"{html.escape(str(s['published']))}]</small></li>" for s in day["sentences"])
        body.append(f"<section><h2>{html.escape(str(day['date']))}</h2><ul>{items}</ul></section>")
    if not days:
        body.append("<p><em>No dated sentences matched the query.</em></p>")
    return _page(f"Timeline: {query}", "".join(body))


def dyad_markdown(result: dict) -> str:
    title = " and ".join(result["actors"])
    lines = [f"# {title}: events and statements by {result['period']}", ""]
    if result["periods"]:
        cols = list(result["periods"][0])
        lines += ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
        lines += ["| " + " | ".join(_md_cell(p[c]) for c in cols) + " |" for p in result["periods"]]
        lines.append("")
    for it in result["items"]:
        what = it["type"] or "statement"
        lines.append(f"- **{it['date']}** {what} ({_md_cell(it['sources'])} -> {_md_cell(it['targets'])}): "
                     f"{_md_cell(it['text'])} <sub>[{it['id']}]</sub>")
    if not result["items"]:
        lines.append("_No events or statements._")
    return "\n".join(lines).rstrip() + "\n"


def dyad_html(result: dict) -> str:
    rows = ""
    if result["periods"]:
        cols = list(result["periods"][0])
        rows = ("<table><tr>" + "".join(f"<th>{html.escape(c)}</th>" for c in cols) + "</tr>"
                + "".join("<tr>" + "".join(f"<td>{html.escape(str('' if p[c] is None else p[c]))}</td>" for c in cols)
                          + "</tr>" for p in result["periods"]) + "</table>")
    items = "".join(f"<li><b>{html.escape(str(it['date']))}</b> {html.escape(it['type'] or 'statement')}: "
                    f"{html.escape(it['text'])} <small>[{html.escape(it['id'])}]</small></li>" for it in result["items"])
    return _page(" and ".join(result["actors"]), rows + f"<ul>{items}</ul>")


def clusters_markdown(rows: list[dict]) -> str:
    lines = ["# Linked events", "", "| date | type | place | sources | articles | disagreements |", "|---|---|---|---|---|---|"]
    for r in rows:
        dis = "; ".join(f"{k}: {', '.join(f'{v} ({n})' for v, n in vals.items())}"
                        for k, vals in r.get("disagreements", {}).items())
        lines.append(f"| {r['start_date']} | {r['type']} | {_md_cell(r['place'])} | {r['n_sources']} | "
                     f"{r['n_articles']} | {_md_cell(dis)} |")
    return "\n".join(lines) + "\n"


def _page(title: str, body: str) -> str:
    return (f"<!doctype html><html><head><meta charset=\"utf-8\"><title>{html.escape(title)}</title>"
            "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto}td,th{padding:.2em .6em;"
            "border-bottom:1px solid #ddd}small{color:#666}</style></head>"
            f"<body><h1>{html.escape(title)}</h1>{body}</body></html>\n")
