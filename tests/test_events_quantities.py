"""Quantities with bounds: killed, injured, arrested, displaced, and crowd sizes."""

from __future__ import annotations

import pytest

PUB = "2024-05-10"


def quantities(rec):
    return [q for e in rec.events for q in e.quantities]


@pytest.mark.parametrize("text, kind, lo, hi", [
    ("Jets bombed the market, killing more than 30 civilians.", "killed", 31, None),
    ("Police arrested at least 12 students on Monday.", "arrested", 12, None),
    ("Gunmen killed dozens of villagers in the raid.", "killed", 24, None),
    ("The shelling wounded about 2,000 people last week.", "injured", 2000, 2000),
    ("Soldiers shot dead up to 40 protesters.", "killed", None, 40),
    ("The explosion killed seven soldiers.", "killed", 7, 7),
])
def test_bounds(extract, text, kind, lo, hi):
    qs = [q for q in quantities(extract(text, published=PUB)) if q.kind == kind]
    assert qs, quantities(extract(text, published=PUB))
    assert (qs[0].min, qs[0].max) == (lo, hi)


def test_quantity_span_points_at_the_text(extract):
    text = "Jets bombed the market, killing more than 30 civilians."
    q = quantities(extract(text, published=PUB))[0]
    assert text[q.start:q.end] == q.text
    assert "30" in q.text


def test_crowd_size(extract):
    rec = extract("Thousands of students marched through the capital.", published=PUB)
    ev = next(e for e in rec.events if e.type == "PROTEST")
    size = [q for q in ev.quantities if q.kind == "size"]
    assert size and size[0].min == 2000
