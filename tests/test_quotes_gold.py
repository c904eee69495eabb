"""Accuracy floor on a few PolNeAR dev articles (skipped without ../shared/data), and the scorer."""

import pytest

from dateline.eval.quotes import metrics, normalise, read_split, score_doc
from dateline.quotes.detect import find_attributions


@pytest.mark.gold
def test_polnear_dev_floor(gold_dir, nlp):
    path = gold_dir / "quotes" / "polnear"
    if not path.is_dir():
        pytest.skip("PolNeAR not present under ../shared/data/quotes/polnear")
    docs = read_split(path, "dev", limit=8)
    counts: dict[str, int] = {}
    for _, text, gold in docs:
        pred = [{"content": f.parts, "source": [f.source] if f.source else None}
                for f in find_attributions(nlp(text), text)]
        for k, v in score_doc(text, gold, pred).items():
            counts[k] = counts.get(k, 0) + v
    m = metrics(counts)
    # Measured on these 8 dev articles (detector alone): exact 0.59, overlap 0.81, source 0.75.
    assert m["content_exact_f1"] >= FLOORS["content_exact_f1"]
    assert m["content_overlap_f1"] >= FLOORS["content_overlap_f1"]
    assert m["source_overlap_f1"] >= FLOORS["source_overlap_f1"]


FLOORS = {"content_exact_f1": 0.52, "content_overlap_f1": 0.75, "source_overlap_f1": 0.66}


def test_scorer_on_hand_made_spans():
    text = "“A b,” he said. “C d.” She said x y."
    gold = [{"content": [(0, 6), (16, 22)], "source": [(7, 9)]}, {"content": [(32, 35)], "source": [(23, 26)]}]
    pred = [{"content": [(0, 6), (16, 22)], "source": [(7, 9)]}, {"content": [(32, 34)], "source": None}]
    c = score_doc(text, gold, pred)
    assert (c["exact_tp"], c["overlap_tp"], c["source_tp"], c["source_pred"]) == (1, 2, 1, 1)
    assert normalise("a\n\nb", [(0, 1), (3, 4)]) == ((0, 4),)
