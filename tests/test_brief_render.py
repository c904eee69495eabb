"""Brief building blocks without a database: footnote numbering, Markdown escaping, the SVG map and chart."""

from __future__ import annotations

import datetime as dt

import pytest

from dateline.brief import _md, compose, render, svg
from dateline.errors import DatelineError


def test_footnotes_number_in_order_of_first_citation_and_reuse_numbers():
    notes = compose.Footnotes()
    assert notes.cite(["a:s3"]) == 1
    assert notes.cite(["b:s0", "b:s1"]) == 2
    assert notes.cite(["a:s3"]) == 1
    assert notes.cite([]) is None and notes.cite([None]) is None
    sentences = {"a:s3": {"id": "a:s3", "article_id": "a", "start": 10, "end": 20, "text": "Shells  hit\nthe town."},
                 "b:s0": {"id": "b:s0", "article_id": "b", "start": 0, "end": 5, "text": "One."},
                 "b:s1": {"id": "b:s1", "article_id": "b", "start": 6, "end": 10, "text": "Two."}}
    resolved = notes.resolve(sentences, {"a": {"title": None, "path": "x/y/z/a.txt"}})
    assert [n["n"] for n in resolved] == [1, 2]
    assert resolved[0]["text"] == "Shells hit the town." and resolved[0]["title"] == "file y/z/a.txt"
    assert resolved[1]["text"] == "One. Two." and [s["start"] for s in resolved[1]["spans"]] == [0, 6]


def test_markdown_escaping_keeps_tables_and_emphasis_intact():
    assert _md("a | b *c* [d]\n e") == "a \\| b \\*c\\* \\[d\\] e"


def test_unknown_format_is_a_coded_error():
    with pytest.raises(DatelineError) as err:
        render({}, "pdf")
    assert err.value.code == "E401"


def test_tallies_sum_lower_bounds_per_place_month_and_kind():
    ev = {"modality": "asserted", "date": dt.date(2025, 3, 13), "place_name": "Kharkiv", "article_id": "a",
          "sentence_id": "a:s0", "quantities": [{"kind": "killed", "min": 12.0, "max": None},
                                                {"kind": "size", "min": 86.0, "max": 86.0}]}
    later = {**ev, "article_id": "b", "sentence_id": "b:s1", "quantities": [{"kind": "killed", "min": 14.0, "max": 14.0}]}
    denied = {**ev, "modality": "negated", "quantities": [{"kind": "killed", "min": 100.0, "max": 100.0}]}
    out = compose.tallies([ev, later, denied], compose.Footnotes())
    assert out["rows"] == [{"place": "Kharkiv", "period": "2025-03", "kind": "killed", "n_reports": 2, "sum": 26,
                            "max": 14, "notes": [1, 2], "n_articles": 2}]
    assert out["totals"] == [{"kind": "killed", "n_reports": 2, "sum": 26, "max": 14}]


def test_map_without_world_outlines_draws_a_grid(monkeypatch):
    points = [{"name": "Kharkiv", "lat": 49.98, "lon": 36.25, "n_events": 4},
              {"name": "Odesa <x>", "lat": 46.48, "lon": 30.72, "n_events": 1}]
    with_world = svg.map_svg(points)
    monkeypatch.setattr(svg, "_world", lambda: None)
    grid = svg.map_svg(points)
    assert grid.count("<circle") == 2 and "Odesa &lt;x&gt;" in grid and "<x>" not in grid
    assert len(with_world) > len(grid) and "V" in grid  # vertical grid lines instead of outlines
    assert svg.map_svg([]) == ""


def test_dyad_chart_spans_every_month_and_scales_intensity():
    dyads = [{"source": "RUS", "target": "UKR", "n_events": 3, "periods": [
        {"period": dt.date(2025, 1, 1), "label": "2025-01", "n_events": 2, "mean_intensity": -9.5},
        {"period": dt.date(2025, 3, 1), "label": "2025-03", "n_events": 1, "mean_intensity": 4.0}]}]
    chart = svg.dyad_chart_svg(dyads)
    assert ">2025-02<" in chart  # the gap month is on the axis
    assert chart.count("<circle") == 2 and "RUS → UKR" in chart and "<polyline" in chart
    assert svg.dyad_chart_svg([]) == ""


def test_only_plain_http_links_are_rendered():
    from dateline.brief import _link

    assert _link("https://example.org/a?b=1") == "https://example.org/a?b=1"
    for bad in ("javascript:alert(1)", "data:text/html,x", 'https://x.org/"onmouseover=', None, ""):
        assert _link(bad) is None
