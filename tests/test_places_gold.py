"""Accuracy gate on a small slice of LGL (gold spans given); the floor sits below the measured figure."""

from __future__ import annotations

import pytest

from dateline.eval import geo


@pytest.mark.gold
def test_lgl_resolution_floor(gold_dir):
    res = geo.evaluate(gold_dir / "geo" / "lgl", limit=60, split="odd", e2e=False)
    assert res["metrics"]["acc_161km"] >= 0.78
    assert res["metrics"]["exact_id_acc"] >= 0.74
