"""Accuracy gate on the TempEval-3 platinum documents in ../shared/data (skipped when absent).

Measured on te3-platinum-dev (10 documents, 63 DATE/TIME values): value_acc 0.936, span_f1 0.982.
This is the only TimeML set here and it was used during development, so the floors sit below.
"""

from __future__ import annotations

import pytest

from dateline.eval.time import evaluate, read_gold


@pytest.mark.gold
def test_reader_keeps_gold_offsets(gold_dir):
    docs = read_gold(gold_dir / "time" / "te3-platinum-dev", limit=2)
    assert docs and all(d.dct is not None for d in docs)
    for d in docs:
        for t in d.timexes:
            assert d.text[t.start:t.end] == t.text


@pytest.mark.gold
def test_value_accuracy_and_span_f1_floors(gold_dir):
    result = evaluate(gold_dir / "time" / "te3-platinum-dev", limit=None)
    m = result["metrics"]
    assert result["n_gold"] >= 60
    assert m["value_acc"] >= 0.88
    assert m["value_acc_found"] >= 0.86
    assert m["span_f1"] >= 0.92
    assert m["span_exact_f1"] >= 0.82
