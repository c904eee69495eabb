"""The timeline metrics: ROUGE as ROUGE-1.5.5 computes it, tilse's many-to-one alignment, date F1.

Expected numbers were printed by the ROUGE-1.5.5 Perl script (through tilse 0.2.1's pyrouge,
options -n 2 -m -s -t 2 -f A) and by tilse's ``evaluate_align_date_content_costs_many_to_one``
on these sentences, which were written for this test.
"""

from __future__ import annotations

import datetime as dt

import pytest

from dateline.eval import timeline as T

CASES = [
    (["Rebels shelled the northern city on Monday , killing 30 civilians ."],
     [["Thirty civilians were killed when rebels shelled the northern city ."]],
     [(6, 8, 7), (3, 7, 6)]),
    (["The ministers agreed to reopen the grain corridor after talks in Istanbul .", "Shipping resumed ."],
     [["Talks in Istanbul ended with an agreement on the grain corridor .", "The first ship sailed on Friday ."]],
     [(5, 9, 10), (2, 8, 9)]),
    (["Protesters marched through the capital , demanding the president 's resignation ."],
     [["Thousands of protesters demanded the resignation of the president ."],
      ["Police dispersed marchers in the capital with tear gas ."]],
     [(5, 12, 11), (0, 10, 9)]),
    (["Went running , the children ran ; studies were studied -- well-known ^ caret <b> tag"],
     [["The child runs and goes to study a well known study ."]],
     [(3, 7, 4), (0, 6, 3)]),
]


@pytest.mark.parametrize("pred, refs, expected", CASES)
def test_rouge_counts_match_the_perl_script(pred, refs, expected):
    out = T.rouge_counts(pred, refs)
    assert [out["rouge_1"], out["rouge_2"]] == expected


def test_porter_and_exceptions_as_rouge():
    assert T.porter_rouge("studies") == "studi"
    assert T.porter_rouge("agreement") == "agreem"     # step 4 as the script has it after its 2004 change
    assert T.rouge_tokens(["The children went"]) == ["child"]   # WordNet exception; "went" is a SMART stop word
    assert "the" not in T.rouge_tokens(["the the the attack"])


def test_many_to_one_alignment_matches_tilse():
    D = dt.date
    pred = {D(2024, 12, 1): ["Riot police fired tear gas at protesters outside parliament ."],
            D(2024, 12, 4): ["Rights groups said 48 people were detained ."],
            D(2024, 12, 20): ["The new president was sworn in ."]}
    ref = {D(2024, 12, 1): ["Police used tear gas and water cannon against protesters outside parliament ."],
           D(2024, 12, 3): ["Rights groups say at least 48 people were detained and many beaten ."],
           D(2024, 12, 29): ["A new president takes office amid protests ."],
           D(2024, 12, 30): ["Protests continue for a month ."]}
    out = T.align_m1_rouge(pred, [ref])
    assert out["rouge_1"]["precision"] == pytest.approx(0.542857, abs=1e-6)
    assert out["rouge_1"]["recall"] == pytest.approx(0.38, abs=1e-6)
    assert out["rouge_1"]["f_score"] == pytest.approx(0.447059, abs=1e-6)
    assert out["rouge_2"]["f_score"] == pytest.approx(0.296296, abs=1e-6)
    dates = T.date_prf(pred, ref)
    assert dates["precision"] == pytest.approx(1 / 3) and dates["recall"] == pytest.approx(1 / 4)
    assert T.align_m1_rouge({}, [ref])["rouge_1"]["f_score"] == 0.0


def test_average_takes_f_from_mean_precision_and_recall():
    a = {"rouge_1": {"precision": 1.0, "recall": 0.0}, "rouge_2": {"precision": 0.0, "recall": 0.0},
         "dates": {"precision": 0.5, "recall": 0.5}}
    b = {"rouge_1": {"precision": 0.0, "recall": 1.0}, "rouge_2": {"precision": 0.0, "recall": 0.0},
         "dates": {"precision": 0.5, "recall": 0.5}}
    avg = T.average([a, b])
    assert avg["rouge_1"] == pytest.approx(0.5)   # F of (0.5, 0.5), not the mean of two zero F-scores
    assert avg["dates"] == pytest.approx(0.5)


def test_read_timeline_blocks(tmp_path):
    f = tmp_path / "tl.txt"
    f.write_text("2024-12-01\nPolice used tear gas .\nMany were hurt .\n" + "-" * 32 + "\n"
                 "2024-12-0\nA malformed date line is kept as text by tilse .\n" + "-" * 32 + "\n", encoding="utf-8")
    tl = T.read_timeline(f)
    assert tl[dt.date(2024, 12, 1)] == ["Police used tear gas .", "Many were hurt ."]


@pytest.mark.gold
def test_t17_topic_above_news_tls_floor(gold_dir):
    t17 = gold_dir / "timelines" / "t17"
    if not t17.is_dir():
        pytest.skip("Timeline17 not in ../shared/data")
    res = T.evaluate(t17, topic="haiti")
    m = res["metrics"]
    assert res["n_gold"] == 1
    assert m["date_f1"] >= 0.6 and m["ar1_f1"] >= 0.15 and m["ar2_f1"] >= 0.05
