"""The server lets no one in where they don't belong: read-only, parameterised, no paths, limits, headers."""

from __future__ import annotations

import inspect
import re
from pathlib import Path
from urllib.parse import quote

import duckdb
import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")

from fastapi.testclient import TestClient  # noqa: E402

from dateline.api import create_app  # noqa: E402
from dateline.api.serve import serve  # noqa: E402
from dateline.store import Store  # noqa: E402
from test_api_fixtures import api_db  # noqa: E402,F401

STATIC = Path(__file__).resolve().parents[1] / "src" / "dateline" / "web" / "static"
INJECTIONS = ["' OR '1'='1", "x' OR 1=1 --", "'; DROP TABLE events; --", "1) UNION SELECT id, text FROM articles --",
              "%' OR '%'='", "Northland' --", "\\'; SELECT 1; --", "RUS\x00", "' || (SELECT text FROM articles LIMIT 1) || '"]


@pytest.fixture(scope="module")
def client(api_db):
    with TestClient(create_app(api_db), base_url="http://127.0.0.1") as c:
        yield c


def counts(db) -> dict:
    with Store(db, read_only=True) as s:
        return s.counts(("articles", "events", "actors", "quotes"))


@pytest.mark.parametrize("payload", INJECTIONS)
def test_sql_injection_through_every_filter_finds_nothing_and_changes_nothing(client, api_db, payload):
    urls = [("/api/events", p) for p in ("type", "actor", "place", "date_from", "date_to", "modality")]
    urls += [("/api/timeline", p) for p in ("type", "actor", "place")] + [("/api/places", "actor"), ("/api/network", "place")]
    urls += [("/api/articles", "source"), ("/api/articles", "date_from"), ("/api/quotes", "speaker"),
             ("/api/quotes", "about"), ("/api/actors", "q"), ("/api/actors", "sector"), ("/api/clusters", "type"),
             ("/api/search", "q"), ("/api/dyad", "a"), ("/api/timeline/summary", "query")]
    for path, param in urls:
        params = {param: payload, "modality": "all"} if param != "modality" else {param: payload}
        if path == "/api/dyad" and param == "a":
            params["b"] = payload
        r = client.get(path, params=params)
        assert r.status_code in (200, 400), (path, param, r.status_code, r.text[:200])
        body = r.json()
        if r.status_code == 400:
            assert body["error"]["code"] == "E401"
            continue
        rows = body if isinstance(body, list) else body.get("items", body.get("buckets", body.get("edges", [])))
        assert rows == [], (path, param, str(rows)[:200])
    for path in ("/api/events/", "/api/articles/", "/api/actors/"):
        r = client.get(path + quote(payload, safe=""))
        assert r.status_code in (400, 404), (path, r.status_code)
    assert counts(api_db) == {"articles": 3, "events": 5, "actors": 8, "quotes": 1}


@pytest.mark.parametrize("url", [
    "/static/../../../../etc/passwd", "/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/static/..%2f..%2f..%2fetc%2fpasswd",
    "/static/%252e%252e/%252e%252e/etc/passwd", "/static//etc/passwd", "/%2e%2e/%2e%2e/etc/passwd",
    "/static/..%5c..%5cpyproject.toml", "/static/../../../pyproject.toml", "/api/articles/..%2f..%2f..%2fetc%2fpasswd",
    "/api/events/%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/api/actors/..%2F..%2F..%2Fetc%2Fpasswd", "/static/../app.py",
    "/static/%2e%2e/api/app.py", "/static/%2e%2e%2f%2e%2e%2fapi%2fapp.py", "/static/index.html%00.json",
])
def test_no_endpoint_reads_a_path_outside_the_ui(client, url):
    r = client.get(url)
    assert r.status_code in (400, 404), (url, r.status_code)
    assert "root:" not in r.text and "[project]" not in r.text and "create_app" not in r.text
    assert r.headers["content-type"].startswith("application/json") and r.json()["error"]["code"] in ("E410", "E401")


def test_the_ui_files_are_served_with_their_types(client):
    assert client.get("/").headers["content-type"].startswith("text/html")
    assert client.get("/static/app.js").headers["content-type"].startswith("text/javascript")
    assert client.get("/static/world.json").json()["countries"]


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE"])
def test_only_reads_are_allowed(client, method):
    for url in ("/api/events", "/api/articles/x", "/", "/static/app.js"):
        r = client.request(method, url)
        assert r.status_code == 405 and r.json()["error"]["code"] == "E411", (method, url)


def test_request_size_limits(client):
    r = client.request("GET", "/api/events", content=b"x" * 10)
    assert r.status_code == 413 and r.json()["error"]["code"] == "E412"
    r = client.get("/api/events?actor=" + "a" * 5000)
    assert r.status_code == 414 and r.json()["error"]["code"] == "E412"
    assert client.get("/api/events?limit=501").json()["error"]["code"] == "E401"
    assert client.get("/api/search?q=" + "a" * 401).status_code == 400


def test_unknown_hosts_are_refused_against_dns_rebinding(api_db):
    with TestClient(create_app(api_db, warm=False), base_url="http://evil.example") as c:
        r = c.get("/api/events")
        assert r.status_code == 400 and r.json()["error"]["code"] == "E413"
    with TestClient(create_app(api_db, warm=False), base_url="http://localhost:8000") as c:
        assert c.get("/api/stats").status_code == 200


def test_cors_is_closed_unless_origins_are_given(client, api_db):
    r = client.get("/api/events", headers={"Origin": "http://evil.example"})
    assert r.status_code == 200 and "access-control-allow-origin" not in r.headers
    assert client.options("/api/events", headers={"Origin": "http://evil.example",
                                                  "Access-Control-Request-Method": "GET"}).status_code == 405
    app = create_app(api_db, warm=False, cors_origins=["http://notebook.local:8888"])
    with TestClient(app, base_url="http://127.0.0.1") as c:
        ok = c.get("/api/stats", headers={"Origin": "http://notebook.local:8888"})
        assert ok.headers["access-control-allow-origin"] == "http://notebook.local:8888"
        assert "access-control-allow-origin" not in c.get("/api/stats", headers={"Origin": "http://evil.example"}).headers


@pytest.mark.parametrize("url", ["/", "/static/app.js", "/api/events", "/api/events/none", "/api/events?limit=0", "/nothing"])
def test_security_headers_on_every_response(client, url):
    h = client.get(url).headers
    csp = h["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp and "http" not in csp
    assert h["x-content-type-options"] == "nosniff" and h["x-frame-options"] == "DENY"
    assert h["referrer-policy"] == "no-referrer" and h["cross-origin-resource-policy"] == "same-origin"


def test_read_only_and_other_readers_are_not_blocked(client, api_db):
    db = client.app.state.db
    with pytest.raises(duckdb.Error):
        db.con.execute("CREATE TABLE intruder (x INTEGER)")
    with pytest.raises(duckdb.Error):
        db.con.cursor().execute("DELETE FROM events")
    other = duckdb.connect(str(api_db), read_only=True)  # a second reading process's view
    assert other.execute("SELECT count(*) FROM events").fetchone()[0] == 5
    other.close()


def test_loopback_is_the_default_address():
    assert inspect.signature(serve).parameters["host"].default == "127.0.0.1"
    from click.testing import CliRunner

    from dateline.cli import main

    out = CliRunner().invoke(main, ["serve", "--help"]).output
    assert "127.0.0.1" in out and "Example:" in out


def test_ui_code_builds_no_html_from_strings_and_loads_nothing_from_elsewhere():
    js = (STATIC / "app.js").read_text(encoding="utf-8")
    for bad in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function", "setAttribute(\"style\""):
        assert bad not in js, bad
    html = (STATIC / "index.html").read_text(encoding="utf-8")
    assert not re.search(r"<script(?![^>]*\bsrc=)", html), "inline script"
    assert " style=" not in html and "<style" not in html and " on" + "click=" not in html
    for text in (html, js, (STATIC / "style.css").read_text(encoding="utf-8")):
        urls = set(re.findall(r"https?://[^\s\"')]+", text))
        assert urls <= {"http://www.w3.org/2000/svg"}, urls
