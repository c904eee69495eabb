"""Situation briefs over the bundled example corpus: both formats, every footnote, every number.

The database is built once per session from examples/corpus (``brief_db``; the browser test
imports it too). Footnotes are re-read from the stored article text at their offsets; counts are
recomputed through the query API (dateline.store.queries / quote_queries) for the same filters.
"""

from __future__ import annotations

import html.parser
import re
from pathlib import Path

import pytest

import dateline
from dateline.brief import gather, render
from dateline.store import open_store
from dateline.store import queries, quote_queries

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"
_BUILT: dict[str, Path] = {}  # the session's database, also when another module imports the fixture
ALL = 100_000


@pytest.fixture(scope="session")
def brief_db(tmp_path_factory) -> Path:
    if "db" not in _BUILT:
        db = tmp_path_factory.mktemp("brief") / "examples.duckdb"
        dateline.run([str(CORPUS)], db=str(db), workers=1)
        _BUILT["db"] = db
    return _BUILT["db"]


@pytest.fixture()
def store(brief_db):
    st = open_store(brief_db, read_only=True)
    yield st
    st.close()


def _norm(text: str) -> str:
    return " ".join(text.split())


class _Notes(html.parser.HTMLParser):
    """Footnote items (<li id="fn-N" data-article data-spans><q>text</q>), in-page links and resource URLs."""

    def __init__(self):
        super().__init__()
        self.notes, self.links, self.ids, self.resources, self.tags = {}, [], set(), [], []
        self._in_q = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append(tag)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "li" and (a.get("id") or "").startswith("fn-"):
            self._current = {"article": a["data-article"], "spans": a["data-spans"].split(), "text": ""}
            self.notes[int(a["id"][3:])] = self._current
        if tag == "q" and getattr(self, "_current", None) is not None:
            self._in_q = self._current
        if tag == "a" and (a.get("href") or "").startswith("#"):
            self.links.append(a["href"][1:])
        for key in ("src", "srcset", "data", "poster", "background"):
            if a.get(key):
                self.resources.append(a[key])
        if tag == "link" and a.get("href"):
            self.resources.append(a["href"])

    def handle_endtag(self, tag):
        if tag == "q":
            self._in_q = None

    def handle_data(self, data):
        if self._in_q is not None:
            self._in_q["text"] += data


def _check_span(store, article_id: str, span: str) -> str:
    sid, offsets = span.split("@")
    start, end = (int(x) for x in offsets.split("-"))
    row = store.query("""SELECT s.article_id, s.start, s."end", substr(a.text, s.start + 1, s."end" - s.start) AS text
                         FROM sentences s JOIN articles a ON a.id = s.article_id WHERE s.id = ?""", [sid])
    assert row, f"footnote sentence {sid} is not stored"
    assert (row[0]["article_id"], row[0]["start"], row[0]["end"]) == (article_id, start, end)
    return row[0]["text"]


def test_markdown_has_every_section_and_resolving_footnotes(store):
    md = render(gather(store), "md")
    for heading in ("## 1. Overview", "## 2. Timeline of the main events", "## 3. Statements and actions by actor",
                    "## 4. Threatened, denied or speculated", "## 5. Casualty and displacement figures",
                    "## 6. Map and conflict-cooperation chart", "## 7. Sources", "## Notes"):
        assert heading in md
    assert "double-count" in md  # the double-counting caveat of the tallies
    defs = re.findall(r'^\[\^(\d+)\]: "(.*)" \(.*<!-- evidence (\S+) (.*?)-->$', md, flags=re.M)
    assert len(defs) > 30
    numbers = {int(n) for n, *_ in defs}
    assert numbers == set(range(1, len(defs) + 1))
    used = {int(n) for n in re.findall(r"\[\^(\d+)\](?!:)", md)}
    assert used == numbers  # every reference has a note and every note is referenced
    for n, text, article_id, spans in defs:
        stored = " ".join(_norm(_check_span(store, article_id, sp)) for sp in spans.split())
        assert text.replace("\\", "") == stored.replace("\\", ""), f"footnote {n}"


def test_html_is_self_contained_and_every_footnote_resolves(store):
    page = render(gather(store), "html")
    assert not re.search(r"https?://", page), "the example corpus has no URLs, so the page must have none"
    parser = _Notes()
    parser.feed(page)
    assert "script" not in parser.tags and "link" not in parser.tags and "iframe" not in parser.tags
    assert parser.resources == []
    assert "@import" not in page and "url(" not in page
    assert "svg" in parser.tags and page.count("<circle") > 5  # the map and the chart are inline
    assert len(parser.notes) > 30
    for target in parser.links:
        assert target in parser.ids, f"in-page link #{target} goes nowhere"
    for n, note in parser.notes.items():
        stored = " ".join(_norm(_check_span(store, note["article"], sp)) for sp in note["spans"])
        assert _norm(note["text"]) == stored, f"footnote {n}"


def test_numbers_equal_the_query_api_without_filters(store):
    data = gather(store)
    md = render(data, "md")
    o = data["overview"]
    n_articles = len(queries.articles(store, limit=ALL))
    every = queries.events(store, modality="all", limit=ALL)
    asserted = queries.events(store, limit=ALL)
    assert o["n_articles"] == n_articles == 18
    assert o["n_sources"] == len({a["source"] for a in queries.articles(store, limit=ALL) if a["source"]})
    assert (o["n_events"], o["n_asserted"]) == (len(every), len(asserted))
    assert f"draws on {n_articles} articles" in md
    assert f"{len(asserted)} reported as having happened" in md
    assert data["timeline"]["n_asserted"] == len(asserted)
    for group in data["not_happened"]["groups"]:
        n = len(queries.events(store, modality=group["modality"], limit=ALL))
        assert group["n"] == n
        assert f"### {group['heading']} ({n})" in md
    assert data["not_happened"]["n"] == len(every) - len(asserted)
    spoken = [q for q in quote_queries.quotes(store, limit=ALL) if q["speaker"] is not None]
    assert data["statements"]["n_statements"] == len(spoken)
    assert f"{len(spoken)} statements by" in md
    # casualty totals: the quantities of the asserted events the query API lists
    ids = [e["id"] for e in asserted]
    rows = store.query("""SELECT q.kind, count(*) AS n, sum(coalesce(q.min, q.max)) AS total, max(coalesce(q.min, q.max)) AS top
                          FROM (SELECT unnest(from_json(quantities, '[{"kind":"VARCHAR","min":"DOUBLE","max":"DOUBLE"}]'),
                                              recursive := true) FROM events WHERE id IN (SELECT unnest(?))) q
                          WHERE q.kind IN ('killed', 'injured', 'displaced') AND coalesce(q.min, q.max) IS NOT NULL
                          GROUP BY q.kind""", [ids])
    expect = {r["kind"]: (r["n"], r["total"], r["top"]) for r in rows}
    got = {t["kind"]: (t["n_reports"], t["sum"], t["max"]) for t in data["tallies"]["totals"]}
    assert got == expect and "killed" in got
    killed = got["killed"]
    assert f"killed: {killed[0]} reports, sum {killed[1]:,}, highest {killed[2]:,}" in md


def test_numbers_equal_the_query_api_with_actor_and_dates(store):
    kw = {"date_from": "2025-03-01", "date_to": "2025-03-31"}
    data = gather(store, actors=["RUS"], **kw)
    asserted = queries.events(store, actor="RUS", limit=ALL, **kw)
    every = queries.events(store, actor="RUS", modality="all", limit=ALL, **kw)
    assert asserted and data["overview"]["n_asserted"] == len(asserted)
    assert data["overview"]["n_events"] == len(every)
    spoken = [q for q in quote_queries.quotes(store, speaker="RUS", limit=ALL, **kw) if q["speaker"] is not None]
    assert data["statements"]["n_statements"] == len(spoken)
    shown = [r for sp in data["statements"]["speakers"] for r in sp["rows"] if r["kind"] == "statement"]
    assert shown and all(kw["date_from"] <= str(r["date"]) <= kw["date_to"] for r in shown)


def test_query_matches_text_title_and_names(store):
    data = gather(store, query="Kharkiv, Odesa")
    ids = {a["id"] for a in data["sources"]}
    by_text = {r["id"] for r in store.query(
        "SELECT id FROM articles WHERE contains(lower(text), 'kharkiv') OR contains(lower(text), 'odesa')")}
    assert by_text and by_text <= ids
    assert data["overview"]["n_articles"] == len(ids) < 18
    assert data["query"] == "Kharkiv, Odesa"


def test_empty_result_says_so_in_both_formats(store):
    data = gather(store, query="no-such-words-anywhere")
    assert data["overview"]["n_articles"] == 0 and not data["footnotes"]
    md, page = render(data, "md"), render(data, "html")
    for text in (md, page):
        assert "No articles matched this query." in text
        assert "No threatened or denied actions were found for this query." in text
        assert "No statements by identified speakers were found for this query." in text
        assert "No casualty or displacement figures were reported for this query." in text


def test_cli_and_python_api(brief_db, tmp_path):
    from click.testing import CliRunner

    from dateline.cli import main

    out = tmp_path / "b.html"
    res = CliRunner().invoke(main, ["brief", "--db", str(brief_db), "--query", "El Fasher", "--actor", "SDN",
                                    "--format", "html", "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert out.read_text(encoding="utf-8").startswith("<!doctype html>")
    text = dateline.brief(query="El Fasher", db=str(brief_db), actor="SDN")
    assert text.startswith("# Situation brief: El Fasher") and "Filters: actors SDN;" in text
    bad = CliRunner().invoke(main, ["brief", "--db", str(brief_db), "--from", "2024-13-01"])
    assert bad.exit_code == 2 and "E401" in bad.output


def test_http_endpoint(brief_db):
    pytest.importorskip("fastapi")
    pytest.importorskip("httpx")
    from fastapi.testclient import TestClient

    from dateline.api.app import create_app

    client = TestClient(create_app(brief_db, allowed_hosts=["testserver"], warm=False))
    r = client.get("/api/brief", params={"query": "Tbilisi", "format": "md"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/markdown")
    assert r.text.startswith("# Situation brief: Tbilisi") and "attachment" in r.headers["content-disposition"]
    r = client.get("/api/brief", params={"query": "Tbilisi", "format": "json"})
    body = r.json()
    assert body["overview"]["n_articles"] == gather_count(brief_db, "Tbilisi") > 0
    assert len(body["footnotes"]) == len(set(n["n"] for n in body["footnotes"])) > 0
    assert client.get("/api/brief", params={"date_from": "2024-99-01"}).json()["error"]["code"] == "E401"


def gather_count(db, query):
    with open_store(db, read_only=True) as st:
        return gather(st, query=query)["overview"]["n_articles"]
