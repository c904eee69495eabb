"""The time stage on sentences written for these tests: one test per expression class."""

from __future__ import annotations

import datetime as dt

import pytest

from dateline.time.tagger import tag

SAT = dt.date(2018, 8, 18)  # a Saturday in ISO week 33
JAN = dt.date(2019, 1, 15)  # a Tuesday in January


@pytest.fixture(scope="module")
def time_only_nlp():
    """The spaCy components a run of the time stage alone loads: tags and sentences, no parse, no lemmas."""
    from dateline.pipeline import Pipeline
    from dateline.settings import load_config

    return Pipeline.from_config(load_config(pipeline=["time"])).nlp


@pytest.fixture(scope="module", params=["full", "time-only"])
def times(request, nlp, time_only_nlp):
    """times(text, dct) -> {expression text: Resolved}; every test runs with the full pipeline (the
    tense from the dependency parse) and with the time stage's own (the tense from tags alone)."""
    model = nlp if request.param == "full" else time_only_nlp

    def _times(text: str, dct: dt.date | None = SAT):
        return {f.text: f.resolved for f in tag(model(text), dct)}

    return _times


def test_weekday_future_tense_points_forward(times):
    out = times("Diplomats from both countries will meet on Wednesday in Geneva.")
    assert out["Wednesday"].value == "2018-08-22"
    assert "future" in out["Wednesday"].reason


def test_weekday_past_tense_points_back(times):
    out = times("Diplomats from both countries met on Wednesday in Geneva.")
    assert out["Wednesday"].value == "2018-08-15"


def test_weekday_arrangements_and_plans_point_forward(times):
    assert times("The envoys are meeting on Tuesday.")["Tuesday"].value == "2018-08-21"
    assert times("The two sides agreed to resume talks on Monday.")["Monday"].value == "2018-08-20"
    assert times("The ministers plan to sign the accord on Thursday.")["Thursday"].value == "2018-08-23"


@pytest.mark.parametrize("text, expression, value", [
    ("Diplomats on Wednesday met in Geneva.", "Wednesday", "2018-08-15"),  # the verb after, same clause
    ("On Wednesday, the ministers will sign the accord.", "Wednesday", "2018-08-22"),  # a fronted adjunct
    ("The ministers will meet and sign the accord on Thursday.", "Thursday", "2018-08-23"),  # shared "will"
    ("The vote, which will be held on Tuesday, was announced by the council.", "Tuesday", "2018-08-21"),
    ("The council met in June and the new rules took effect in July.", "July", "2018-07"),
    ("The council is to vote on Friday, officials said.", "Friday", "2018-08-24"),  # "is to": a plan
    ("The report says that on Thursday, the ministers will sign the accord.", "Thursday", "2018-08-23"),
    ("The ruling was postponed until Friday.", "Friday", "2018-08-24"),
    ("The office has stayed closed since Monday.", "Monday", "2018-08-13"),
])
def test_the_governing_verb_of_the_clause_gives_the_direction(times, text, expression, value):
    assert times(text)[expression].value == value


def test_a_plan_stated_with_an_adjective_points_forward(times):
    assert times("The report is due to be published in May.", JAN)["May"].value == "2019-05"


def test_weekday_named_on_the_publication_day_is_that_day(times):
    assert times("Shelling resumed on Saturday, residents said.")["Saturday"].value == "2018-08-18"


def test_weekday_with_part_of_day_is_a_time(times):
    out = times("Militias clashed with police on Monday night near the port.")
    assert out["Monday night"].type == "TIME"
    assert out["Monday night"].value == "2018-08-13TNI"


def test_last_week(times):
    out = times("Last week, the rebels shelled two villages.")
    assert out["Last week"].value == "2018-W32"
    assert out["Last week"].anchor == "dct"


def test_end_of_july_keeps_the_mod(times):
    out = times("At the end of July, the minister said the border would stay closed.")
    assert "the end of July" in out  # the preposition stays outside the span, as in TimeML
    assert out["the end of July"].value == "2018-07"
    assert out["the end of July"].mod == "END"


def test_seasons(times):
    assert times("The offensive resumed this spring.")["this spring"].value == "2018-SP"
    assert times("Last summer, the town changed hands twice.", JAN)["Last summer"].value == "2018-SU"
    assert times("Aid groups fear food will run out next winter.")["next winter"].value == "2018-WI"
    early = times("Fighting stopped in early autumn 2016.")["early autumn 2016"]
    assert (early.value, early.mod) == ("2016-FA", "START")


def test_month_across_the_year_boundary(times):
    # the publication date is in January: a past May is last year's, a future May this year's
    assert times("The elections were held in May.", JAN)["May"].value == "2018-05"
    assert times("The elections will be held in May.", JAN)["May"].value == "2019-05"
    assert times("Talks collapsed in December.", JAN)["December"].value == "2018-12"


def test_month_takes_the_year_given_earlier_in_the_sentence(times):
    assert times("In 2014, the group seized the city and in June it declared a state.")["June"].value == "2014-06"


def test_durations(times):
    out = times("The siege lasted three hours. The truce held for a decade after a 30-day pause.")
    assert out["three hours"].value == "PT3H"
    assert out["a decade"].value == "P10Y"
    assert out["30-day"].value == "P30D"
    assert {r.type for r in out.values()} == {"DURATION"}
    assert times("Prices doubled over the past two years.")["the past two years"].value == "P2Y"


def test_the_next_several_months(times):
    out = times("The blockade could last for the next several months, officials warned.")
    r = out["the next several months"]
    assert (r.type, r.value) == ("DURATION", "PXM")


def test_two_days_later_moves_from_the_last_mentioned_date(times):
    out = times("Rebels attacked the garrison on Monday. Two days later, the army retook the hill.")
    assert out["Monday"].value == "2018-08-13"
    later = out["Two days later"]
    assert later.value == "2018-08-15"
    assert later.anchor == "previous"


def test_relative_and_reference_words(times):
    out = times("The president is currently abroad; he left yesterday and returns tomorrow. "
                "Prices rose six years ago. Earlier this month, the curfew ended. Fighting eased in recent weeks.")
    assert out["currently"].value == "PRESENT_REF"
    assert out["yesterday"].value == "2018-08-17"
    assert out["tomorrow"].value == "2018-08-19"
    assert out["six years ago"].value == "2012"
    assert out["Earlier this month"].value == "2018-08"
    assert out["recent weeks"].value == "PXW"


def test_absolute_dates_years_and_decades(times):
    out = times("The accord of September 17, 2018 followed talks in the 1990s and the first quarter of 2013; "
                "the blast on 2018-03-01 came in the mid-1980s.")
    assert out["September 17, 2018"].value == "2018-09-17"
    assert out["the 1990s"].value == "199"
    assert out["the first quarter of 2013"].value == "2013-Q1"
    assert out["2018-03-01"].value == "2018-03-01"
    assert (out["the mid-1980s"].value, out["the mid-1980s"].mod) == ("198", "MID")


def test_sets(times):
    out = times("Protesters march every Friday; inspectors visit twice a week.")
    assert out["every Friday"].type == "SET"
    assert out["every Friday"].value == "XXXX-WXX-5"
    assert out["twice a week"].value == "P1W"


@pytest.mark.parametrize("text", [
    "Turkey set up 12 observation posts around the province.",
    "Two F-16 jets and 2,000 troops were sent, and 1500 fighters joined them.",
    "A 22-year-old man and children 6 months and older were treated.",
    "Resolution 2118 was adopted unanimously.",
    "The Sunday Times reported the fall of Aleppo.",
    "May the talks succeed, he said.",
])
def test_numbers_and_names_that_are_not_dates(times, text):
    assert times(text) == {}


def test_without_a_publication_date_relative_values_stay_open(times):
    out = times("Rebels attacked on Monday, a year after the accord of 12 March 2017.", None)
    assert out["Monday"].value is None
    assert "publication date" in out["Monday"].reason
    assert out["12 March 2017"].value == "2017-03-12"


@pytest.mark.parametrize("text", ["", " ", "😀 🎉", "Monday", "2019", "- , '", "the the of of"])
def test_odd_inputs_do_not_crash(nlp, text):
    found = tag(nlp(text), SAT)
    assert all(f.start < f.end for f in found)


def test_long_text_is_tagged(nlp):
    text = "Rebels shelled the town on Monday and talks resumed in March. " * 400
    found = tag(nlp(text), SAT)
    assert len(found) == 800


@pytest.mark.parametrize("dct", [dt.date(1, 1, 1), dt.date(9999, 12, 31)])
def test_publication_dates_at_the_calendar_edges_do_not_crash(nlp, dct):
    found = tag(nlp("Yesterday, last week and two days later; next year, on Monday, in the 1990s."), dct)
    assert found  # the spans are kept; values that fall off the calendar are None
    assert all(f.resolved.value is None or isinstance(f.resolved.value, str) for f in found)


def test_without_a_parse_sentences_and_lemmas_come_from_the_tags(time_only_nlp):
    from dateline.time.tense import lemma
    from dateline.time.tokens import sentence_bounds

    doc = time_only_nlp("Talks were delayed. The envoys said on Monday that they planned to return.")
    assert not doc.has_annotation("DEP") and not doc.has_annotation("SENT_START")
    assert [doc[s:e].text for s, e in sentence_bounds(doc)] == [
        "Talks were delayed.", "The envoys said on Monday that they planned to return."]
    by_text = {t.text: lemma(t) for t in doc}
    assert (by_text["delayed"], by_text["said"], by_text["planned"], by_text["were"]) == ("delay", "say", "plan", "be")
