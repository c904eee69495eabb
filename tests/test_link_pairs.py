"""The linking scorer: pairs of sentences labelled same/different, scored against the linker."""

from __future__ import annotations

import sys
from pathlib import Path

from dateline.eval import linking as L

sys.path.insert(0, str(Path(__file__).parent))
from test_link_cluster import KRAMATORSK, RUS_MIL, UKR_CVL, first_batch, make_record  # noqa: E402


def test_pairs_file_and_scores(tmp_path):
    recs = {f"corpus/{r.article.id}.txt": r for r in first_batch()}
    recs["corpus/a6.txt"] = make_record("a6", "Outlet Two", "2025-03-12",
                                        "Russian artillery shelled Kramatorsk again on Tuesday.", "ASSAULT", "shelled",
                                        RUS_MIL, UKR_CVL, KRAMATORSK, "2025-03-11")
    text = {k: r.article.text for k, r in recs.items()}
    rows = [("corpus/a1.txt", "corpus/a2.txt", "same"),        # linked: true positive
            ("corpus/a1.txt", "corpus/a3.txt", "different"),   # not linked: true negative
            ("corpus/a1.txt", "corpus/a6.txt", "different"),   # a week apart: true negative
            ("corpus/a2.txt", "corpus/a4.txt", "same")]        # negated claim kept apart: false negative
    tsv = tmp_path / "pairs.tsv"
    tsv.write_text("file_a\tsentence_a\tfile_b\tsentence_b\tlabel\n"
                   + "".join(f"{a}\t{text[a]}\t{b}\t{text[b]}\t{lab}\n" for a, b, lab in rows), encoding="utf-8")
    pairs = L.read_pairs(tsv)
    assert len(pairs) == 4 and pairs[0]["label"] == "same"
    out = L.score_pairs(pairs, recs)
    m = out["metrics"]
    assert (m["tp"], m["fp"], m["fn"], m["tn"]) == (1, 0, 1, 2)
    assert m["precision"] == 1.0 and m["recall"] == 0.5 and m["coverage"] == 1.0
    # a sentence that is not in its article predicts "different"
    out = L.score_pairs([{**pairs[0], "sentence_b": "Nothing like this appears."}], recs)
    assert out["metrics"]["fn"] == 1 and out["metrics"]["coverage"] == 0.0


def test_bad_pairs_file_is_a_coded_error(tmp_path):
    import pytest

    from dateline.errors import DatelineError

    bad = tmp_path / "bad.tsv"
    bad.write_text("a\tb\n1\t2\n", encoding="utf-8")
    with pytest.raises(DatelineError) as err:
        L.read_pairs(bad)
    assert err.value.code == "E402"
