"""Accuracy gates on the gold sets (skipped when ../shared/data is absent)."""

from __future__ import annotations

import pytest

from dateline.eval import events as ev_eval


@pytest.mark.gold
def test_plover_gsr_subset(gold_dir):
    res = ev_eval.evaluate(gold_dir / "events" / "plover-gsr", limit=60, split="odd")
    # held-out half (the lexicon was refined on even records only); full-set figure in docs/events.md
    assert res["metrics"]["event_type_accuracy"] >= 0.5


def test_macro_f1_counts_each_category():
    f1, per = ev_eval.macro_f1([("AGREE", "AGREE"), ("ASSAULT", "COERCE"), ("COERCE", "COERCE")])
    assert per["AGREE"] == 1.0 and per["ASSAULT"] == 0.0
    assert abs(per["COERCE"] - 2 / 3) < 1e-9
    assert abs(f1 - (1 + 0 + 2 / 3) / 3) < 1e-9


def test_old_plover_names_are_mapped():
    assert ev_eval.gold_type({"event": "FIGHT"}) == "ASSAULT"
    assert ev_eval.gold_type({"event": "DEMAND"}) == "REQUEST"
    assert ev_eval.gold_type({"event": "DISAPPROVE"}) == "ACCUSE"
    assert ev_eval.gold_type({"event": "INVESTIGATE"}) == "ACCUSE"
