"""Registration of the time stage: TIMEX3 expressions resolved against the publication date."""

from __future__ import annotations

from ..model import Record, TimeRef
from ..pipeline import register
from .calendar import bounds
from .tagger import Found, tag


def time_refs(record: Record, found: list[Found]) -> list[TimeRef]:
    """Write: one TimeRef per expression, with its interval for later stages."""
    dct = record.article.published
    refs: list[TimeRef] = []
    for f in found:
        r = f.resolved
        start_date = end_date = granularity = None
        if r.type in ("DATE", "TIME"):
            start_date, end_date, granularity = bounds(r.value, r.mod, dct)
        refs.append(TimeRef(
            id=f"{record.article.id}:t{len(refs)}", text=f.text, start=f.start, end=f.end, type=r.type,
            value=r.value, mod=r.mod, anchor=r.anchor, score=round(r.score, 3), reason=r.reason,
            start_date=start_date, end_date=end_date, granularity=granularity))
    return refs


# The tagger reads only the Doc (never the record's sentences or mentions), so the stage runs on its
# own (`--stages time`) without the nlp stage and so without spaCy's NER. It needs only Penn tags
# (numbers, proper nouns, "may" the modal, the verb group that gives the tense; sentence ends are
# read from them too), so a run of this stage alone loads tok2vec and the tagger: no parser,
# attribute_ruler, lemmatizer or senter (they were half of such a run's time). When other stages have
# the parse, lemmas and sentences loaded, the tagger uses them: the governing verb is then read from
# the dependency tree.
@register("time", "dateline.time.v1", requires=("article", "doc"), assigns=("times",),
          spacy=("token.tag",), spacy_optional=("token.dep", "token.head", "token.lemma", "doc.sents"),
          description="TimeML tagger: DATE/TIME/DURATION/SET expressions resolved against the publication "
                      "date, direction from the tense of the governing verb")
def make_time_stage(config: dict):
    def time_stage(record: Record, doc) -> None:
        found = tag(doc, record.article.published)  # compute first
        record.times = time_refs(record, found)  # then write

    return time_stage
