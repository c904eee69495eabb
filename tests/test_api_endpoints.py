"""Every endpoint of the HTTP API on a small hand-made database: answers, filters, paging, errors with codes."""

from __future__ import annotations

import json

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")

from fastapi.testclient import TestClient  # noqa: E402

from dateline.api import create_app  # noqa: E402
from dateline.store import Store, queries  # noqa: E402
from test_api_fixtures import HTML_ACTOR, IMG, SCRIPT, TEXT1, api_db  # noqa: E402,F401

A1, A2, A3 = "a1test0000000001", "a2test0000000002", "a3test0000000003"


@pytest.fixture(scope="module")
def client(api_db):
    with TestClient(create_app(api_db), base_url="http://127.0.0.1") as c:
        yield c


def ok(client, url: str) -> dict:
    r = client.get(url)
    assert r.status_code == 200, (url, r.status_code, r.text[:300])
    assert r.headers["content-type"].startswith("application/json")
    return r.json()


def bad(client, url: str, status: int = 400, code: str = "E401") -> dict:
    r = client.get(url)
    assert r.status_code == status, (url, r.status_code, r.text[:300])
    body = r.json()
    assert body["error"]["code"] == code and body["error"]["message"], body
    return body


def test_events_list_defaults_to_asserted_and_pages(client):
    page = ok(client, "/api/events")
    assert page["total"] == 4 and [e["id"] for e in page["items"]] == [
        f"{A1}:e0", f"{A1}:e1", f"{A2}:e1", f"{A2}:e0"]
    first = page["items"][0]
    assert first["type"] == "ASSAULT" and first["source_names"] == ["Northland"] and first["place_name"] == "Easthaven"
    assert first["sentence"].startswith("Northland forces shelled")
    assert ok(client, "/api/events?modality=all")["total"] == 5
    p2 = ok(client, "/api/events?limit=2&offset=2")
    assert p2["total"] == 4 and [e["id"] for e in p2["items"]] == [f"{A2}:e1", f"{A2}:e0"]
    assert ok(client, "/api/events?offset=100")["items"] == []


@pytest.mark.parametrize("params, expected", [
    ("type=assault", {f"{A1}:e0", f"{A2}:e1"}),
    ("type=ASSAULT&modality=negated", {f"{A3}:e0"}),
    ("actor=SLX", {f"{A1}:e0", f"{A1}:e1", f"{A2}:e0"}),
    ("actor=northland&modality=all", {f"{A1}:e0", f"{A1}:e1", f"{A2}:e0", f"{A3}:e0"}),
    ("actor=x:southland&modality=all", {f"{A1}:e1", f"{A2}:e0"}),  # a KB id
    ("place=Easthaven", {f"{A1}:e0"}),
    ("place=NLD&modality=all", {f"{A1}:e0", f"{A2}:e0", f"{A2}:e1", f"{A3}:e0"}),
    ("date_from=2025-03-13&date_to=2025-03-14", {f"{A2}:e0", f"{A2}:e1"}),
    ("date_from=2025-03-21&modality=all", set()),
])
def test_event_filters(client, params, expected):
    assert {e["id"] for e in ok(client, f"/api/events?{params}")["items"]} == expected


@pytest.mark.parametrize("kw", [
    {}, {"modality": "all"}, {"type": "ASSAULT"}, {"actor": "SLX"}, {"actor": "Northland", "modality": "all"},
    {"place": "Genfield"}, {"date_from": "2025-03-11", "date_to": "2025-03-14", "modality": "all"},
    {"actor": "nobody"}, {"type": "AID"},
])
def test_event_list_equals_the_store_query(client, api_db, kw):
    """The API's in-memory snapshot answers exactly as `dateline events` does, in the same order."""
    with Store(api_db, read_only=True) as store:
        expected = [r["id"] for r in queries.events(store, limit=100, **kw)]
    params = "&".join(f"{k}={v}" for k, v in kw.items())
    assert [e["id"] for e in ok(client, f"/api/events?{params}&limit=100")["items"]] == expected


def test_one_event_carries_all_its_evidence(client):
    e = ok(client, f"/api/events/{A1}:e0")
    text = e["article"]["text"]
    assert text == TEXT1
    assert text[e["trigger"]["start"]:e["trigger"]["end"]] == "shelled"
    assert e["sentence"]["text"].startswith("Northland forces shelled")
    [src] = e["sources"]
    assert src["name"] == "Northland" and text[src["start"]:src["end"]] == "Northland forces" and src["reason"]
    assert e["targets"][0]["text"] == "civilians" and e["target_from_place"] is False
    assert e["place"]["name"] == "Easthaven" and e["place"]["reason"]
    assert e["time"]["from"] == f"{A1}:t0" and e["time"]["ref"]["text"] == "on Monday" and e["time"]["ref"]["reason"]
    [q] = e["quantities"]
    assert q["kind"] == "killed" and q["min"] == 12 and text[q["start"]:q["end"]] == "12 civilians"
    assert e["reason"] and e["modality"] == "asserted"
    neg = ok(client, f"/api/events/{A3}:e0")
    assert neg["modality"] == "negated" and neg["modality_cue"]["text"] == "denied"
    assert neg["time"]["from"] == "publication date" and neg["time"]["ref"] is None
    bad(client, "/api/events/nope:e9", 404, "E410")


def test_articles_list_and_detail(client):
    page = ok(client, "/api/articles")
    assert [a["id"] for a in page["items"]] == [A1, A2, A3] and page["has_more"] is False
    assert ok(client, "/api/articles?limit=1")["has_more"] is True
    assert [a["id"] for a in ok(client, "/api/articles?date_from=2025-03-14")["items"]] == [A2, A3]
    assert [a["id"] for a in ok(client, "/api/articles?source=Other%20Post")["items"]] == [A3]
    art = ok(client, f"/api/articles/{A1}")
    assert art["text"] == TEXT1 and len(art["sentences"]) == 2 and len(art["actors"]) == 4
    assert {e["id"] for e in art["events"]} == {f"{A1}:e0", f"{A1}:e1"}
    assert art["quotes"][0]["content"]["text"] == "We will answer this," and art["quotes"][0]["speaker_name"] == "Mira Holt"
    assert art["times"][0]["value"] == "2025-03-10"
    bad(client, "/api/articles/doesnotexist", 404, "E410")


def test_actors_list_and_actor_page(client):
    """/api/actors and /api/actors/{name} answer with the rows of `dateline actors` and `dateline actor`."""
    page = ok(client, "/api/actors")
    names = [a["name"] for a in page["items"]]
    assert names[0] == "Northland" and HTML_ACTOR in names and page["total"] == len(names)
    assert page["items"][0]["events"] >= page["items"][-1]["events"]
    assert [a["name"] for a in ok(client, "/api/actors?country=SLX&sector=GOV")["items"]] == ["Southland", "Mira Holt"]
    assert [a["name"] for a in ok(client, "/api/actors?q=hol")["items"]] == ["Mira Holt"]
    assert ok(client, "/api/actors?q=hol")["total"] == 1
    actor = ok(client, "/api/actors/Northland")
    assert actor["mentions"] == 3 and actor["articles"] == 3
    assert {a["text"] for a in actor["aliases"]} == {"Northland", "Northland forces"}
    assert {r["role"]: r["n"] for r in actor["event_roles"]} == {"source": 3, "target": 1}
    assert {(r["country"], r["sector"]) for r in actor["roles"]} == {("NLX", "MIL"), ("NLX", "GOV")}
    assert actor["events"]["total"] == 4 and actor["timeline"][0]["period"] == "2025-03-01"
    speaker = ok(client, "/api/actors/Mira%20Holt")
    assert [q["content"] for q in speaker["quotes"] if q["role"] == "speaker"] == ["We will answer this,"]
    assert {"role": "speaker", "n": 1} in speaker["event_roles"]
    bad(client, "/api/actors/Nobody%20At%20All", 404, "E410")


def test_http_actors_answer_as_the_python_api(client, api_db):
    """The same function behind both: the HTTP rows are the Python API's rows."""
    import dateline

    rows = dateline.actors(db=api_db, limit=100)
    assert [(r["name"], r["mentions"], r["events"]) for r in ok(client, "/api/actors?limit=100")["items"]] == \
        [(r["name"], r["mentions"], r["events"]) for r in rows]
    info = dateline.actor("Northland", db=api_db)
    http = ok(client, "/api/actors/Northland")
    assert {k: http[k] for k in ("name", "kb_ids", "mentions", "event_roles", "events_actor")} == \
        {k: info[k] for k in ("name", "kb_ids", "mentions", "event_roles", "events_actor")}
    assert [e["id"] for e in http["events"]["items"]] == [e["id"] for e in info["events"]]


def test_places_timeline_network(client):
    places = ok(client, "/api/places?modality=all")
    assert places["n_events"] == 5 and places["n_mapped"] == 4
    assert {(p["name"], p["n_events"]) for p in places["items"]} == {("Easthaven", 1), (IMG, 1), ("Genfield", 1),
                                                                     ("Westport", 1)}
    assert ok(client, "/api/places?type=CONSULT")["items"][0]["lat"] == 46.2
    tl = ok(client, "/api/timeline?modality=all&period=day")
    assert tl["n_events"] == 5
    days = {b["period"]: b for b in tl["buckets"]}
    assert days["2025-03-10"]["n_events"] == 1 and days["2025-03-10"]["material_conflict"] == 1
    assert days["2025-03-14"]["verbal_cooperation"] == 1 and days["2025-03-14"]["mean_intensity"] == 1.0
    assert [b["period"] for b in ok(client, "/api/timeline?period=week")["buckets"]] == ["2025-03-10"]
    assert ok(client, "/api/timeline?period=year")["buckets"][0]["n_events"] == 4
    net = ok(client, "/api/network?modality=all")
    edges = {(e["source"], e["target"]): e["n_events"] for e in net["edges"]}
    assert edges == {("Northland", "civilians"): 1, ("Southland", "Northland"): 1, ("Northland", "Southland"): 1}
    assert {n["label"] for n in net["nodes"]} == {"Northland", "Southland", "civilians"}


def test_quotes_clusters_dyad_search_stats(client):
    quotes = ok(client, "/api/quotes")
    assert [q["id"] for q in quotes["items"]] == [f"{A1}:q0"] and quotes["has_more"] is False
    assert ok(client, "/api/quotes?speaker=Mira%20Holt")["items"][0]["speaker_name"] == "Mira Holt"
    assert ok(client, "/api/quotes?about=Northland")["items"][0]["id"] == f"{A1}:q0"
    assert ok(client, "/api/quotes?speaker=Northland")["items"] == []
    assert ok(client, "/api/clusters")["items"] == []
    d = ok(client, "/api/dyad?a=Northland&b=Southland&modality=all")
    assert d["actors"] == ["Northland", "Southland"]
    assert {i["id"] for i in d["items"] if i["kind"] == "event"} == {f"{A1}:e1", f"{A2}:e0"}
    assert sum(p["n_events"] for p in d["periods"]) == 2
    s = ok(client, "/api/search?q=Easthaven%20shelled")
    assert s["mode"] == "substring" and s["total"] == 1 and s["items"][0]["id"] == A1
    assert "shelled" in s["items"][0]["snippet"]
    s = ok(client, "/api/search?q=ANSWER")
    assert {(h["kind"], h["id"]) for h in s["items"]} == {("article", A1), ("quote", f"{A1}:q0")}
    assert ok(client, "/api/search?q=zzzzzz")["total"] == 0
    st = ok(client, "/api/stats")
    assert st["tables"]["events"] == 5 and st["tables"]["articles"] == 3
    assert st["events_by_type"]["ASSAULT"] == 3 and st["events_by_modality"]["negated"] == 1
    assert st["first_date"] == "2025-03-10" and "ASSAULT" in st["types"] and "all" not in st["modalities"]


@pytest.mark.parametrize("url", [
    "/api/events?limit=0", "/api/events?limit=501", "/api/events?limit=abc", "/api/events?offset=-1",
    "/api/events?date_from=yesterday", "/api/events?date_to=2025-13-01", "/api/events?modality=maybe",
    "/api/timeline?period=decade", "/api/dyad?a=", "/api/dyad?b=RUS", "/api/dyad?a=RUS&period=year",
    "/api/search", "/api/search?q=", "/api/search?q=%20%20", "/api/search?q=" + "+".join(f"w{i}" for i in range(9)),
    "/api/places?limit=99999", "/api/network?limit=0", "/api/clusters?min_sources=0",
    "/api/articles?date_from=2025-02-30", "/api/quotes?date_to=soon", "/api/actors?country=TOOLONG",
    "/api/events?actor=" + "x" * 201,
])
def test_bad_parameters_get_a_400_with_a_code(client, url):
    body = bad(client, url)
    assert body["error"]["hint"] or body["error"]["message"]


def test_openapi_documents_every_field(client):
    spec = ok(client, "/api/openapi.json")
    paths = set(spec["paths"])
    for p in ("/api/events", "/api/events/{event_id}", "/api/articles", "/api/articles/{article_id}", "/api/actors",
              "/api/actors/{name}", "/api/places", "/api/quotes", "/api/clusters", "/api/timeline", "/api/dyad",
              "/api/search", "/api/stats", "/api/network"):
        assert p in paths, p
    undocumented = []
    for name, schema in spec["components"]["schemas"].items():
        if name in ("HTTPValidationError", "ValidationError") or name.startswith("ValidationError"):
            continue
        for field, prop in schema.get("properties", {}).items():
            if not prop.get("description"):
                undocumented.append(f"{name}.{field}")
    assert undocumented == []
    params = spec["paths"]["/api/events"]["get"]["parameters"]
    assert {p["name"] for p in params} == {"type", "actor", "date_from", "date_to", "place", "modality", "limit", "offset"}


def test_xss_payloads_come_back_as_plain_json_data(client):
    r = client.get(f"/api/articles/{A2}")
    assert r.headers["content-type"].startswith("application/json")
    art = r.json()
    assert SCRIPT in art["text"] and IMG in art["text"] and art["title"].endswith(SCRIPT)
    assert any(a["name"] == HTML_ACTOR for a in art["actors"])
    assert r.headers["x-content-type-options"] == "nosniff"


def test_fast_answers_match_their_documented_models(client):
    """The hot endpoints write JSON directly; their answers must still be what the schema says."""
    from dateline.api.schemas import EventDetail, EventRow, Page, Timeline

    Page[EventRow].model_validate(ok(client, "/api/events?modality=all"))
    Timeline.model_validate(ok(client, "/api/timeline?period=day&modality=all"))
    for eid in (f"{A1}:e0", f"{A1}:e1", f"{A2}:e1", f"{A3}:e0"):
        EventDetail.model_validate(ok(client, f"/api/events/{eid}"))


def test_serve_reports_coded_errors(tmp_path, api_db):
    from click.testing import CliRunner

    from dateline.cli import main

    missing = CliRunner().invoke(main, ["serve", str(tmp_path / "none.duckdb")])
    assert missing.exit_code == 2 and "E108" in missing.output
    not_db = tmp_path / "notes.duckdb"
    not_db.write_text("not a database")
    assert "E202" in CliRunner().invoke(main, ["serve", str(not_db)]).output
    assert "E401" in CliRunner().invoke(main, ["serve", str(api_db), "--workers", "0"]).output
    assert "E401" in CliRunner().invoke(main, ["serve", str(api_db), "--port", "70000"]).output


def test_an_empty_database_answers_with_empty_lists(tmp_path):
    db = tmp_path / "empty.duckdb"
    Store(db).close()
    with TestClient(create_app(db), base_url="http://127.0.0.1") as c:
        assert ok(c, "/api/events")["total"] == 0 and ok(c, "/api/events")["items"] == []
        assert ok(c, "/api/timeline")["buckets"] == [] and ok(c, "/api/places")["items"] == []
        assert ok(c, "/api/network") == {"nodes": [], "edges": []}
        assert ok(c, "/api/stats")["tables"]["events"] == 0 and ok(c, "/api/actors")["items"] == []
        assert ok(c, "/api/search?q=anything")["total"] == 0
        bad(c, "/api/events/x:e0", 404, "E410")


def test_every_answer_field_is_documented_and_mentions_are_the_data_model(client):
    from dateline import model
    from dateline.api import schemas

    spec = client.app.openapi()
    undocumented = [f"{name}.{field}" for name, sch in spec["components"]["schemas"].items()
                    if name not in ("HTTPValidationError", "ValidationError")
                    for field, prop in sch.get("properties", {}).items() if "description" not in prop]
    assert undocumented == []
    for api_cls, model_cls in ((schemas.ActorMention, model.Actor), (schemas.PlaceMention, model.Place),
                               (schemas.TimeMention, model.TimeRef), (schemas.Quantity, model.Quantity),
                               (schemas.Span, model.TextSpan)):
        assert issubclass(api_cls, model_cls) and set(api_cls.model_fields) == set(model_cls.model_fields)


def test_search_is_one_function_in_cli_python_and_http(client, api_db):
    import dateline
    from click.testing import CliRunner

    from dateline.cli import main

    py = dateline.search("answer", db=str(api_db))
    http = ok(client, "/api/search?q=answer")
    assert [(h["kind"], h["id"]) for h in py["items"]] == [(h["kind"], h["id"]) for h in http["items"]]
    assert py["total"] == http["total"] == 2
    out = CliRunner().invoke(main, ["search", "answer", "--db", str(api_db), "--format", "json"])
    assert out.exit_code == 0, out.output
    assert [h["id"] for h in json.loads(out.stdout)] == [h["id"] for h in py["items"]]
    bad_cli = CliRunner().invoke(main, ["search", "   ", "--db", str(api_db)])
    assert bad_cli.exit_code == 2 and "[E401]" in bad_cli.output
