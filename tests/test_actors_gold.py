"""Accuracy floors on the gold sets (subsets, kept quick); skipped when ../shared/data is absent."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.gold


def test_plover_actor_country_and_sector(gold_dir):
    from dateline.eval.actors import evaluate

    res = evaluate(gold_dir / "events" / "plover-gsr", limit=80)
    m = res["metrics"]
    assert res["n_gold"] > 100
    assert m["found"] >= 0.7
    assert m["country_acc"] >= 0.8
    assert m["sector_acc"] >= 0.65


def test_re3d_entity_spans(gold_dir):
    from dateline.eval.entities import evaluate

    res = evaluate(gold_dir / "events" / "re3d-dev", limit=12)
    assert res["n_gold"] > 100
    assert res["metrics"]["span_f1"] >= 0.72  # 0.78 measured on these 12 documents
