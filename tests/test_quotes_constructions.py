"""Constructions added in issue 7's fourth pass over PolNeAR train, on sentences written for these tests."""

from test_quotes_rules import find, with_cue  # noqa: F401  (the fixture and helper both files use)


# A second cue verb that the parser hangs inside the first cue's clause.

def test_said_and_called_are_two_attributions(find):
    found = find('The mayor said the bridge was safe and called the report "a fabrication."')
    said, called = with_cue(found, "said"), with_cue(found, "called")
    assert said["parts"] == ["the bridge was safe"] and said["source"] == "The mayor"
    assert called["source"] == "The mayor" and called["parts"][0].startswith("the report")


def test_says_and_says_are_two_attributions(find):
    found = find("The mayor says the bridge is safe and says repairs will start soon.")
    assert [f["parts"] for f in found] == [["the bridge is safe"], ["repairs will start soon"]]
    assert all(f["source"] == "The mayor" for f in found)


def test_a_different_verb_form_stays_inside_what_was_said(find):
    # "tell" is not the finite form of "says": the speaker says he would tell him, not two acts.
    found = find("The senator says he would sit the envoy down and tell him to leave.")
    q = with_cue(found, "says")
    assert "tell him to leave" in q["parts"][-1]


# "calling for X to act": the parser makes "for" the mark of an adverbial clause.

def test_calling_for_someone_to_act(find):
    q = with_cue(find("The governor is calling for the state to expand its flood defenses."), "calling")
    assert q["cue"] == "is calling for" and q["source"] == "The governor"
    assert q["parts"] == ["the state to expand its flood defenses"]


# A that-clause misparsed as a relative clause on a noun after the verb.

def test_that_clause_hung_on_the_place_noun(find):
    q = with_cue(find('The candidate is telling voters at a diner that "we need you tomorrow."'), "telling")
    assert q["source"] == "The candidate"
    assert q["parts"] == ['that "we need you tomorrow."']


def test_a_real_relative_clause_is_not_content(find):
    # "that" is the subject of "runs": a true relative clause, and "visited" is no cue.
    assert find("The mayor visited the diner that runs the night shelter.") == []


# A participle comment after a comma is left out of an indirect content.

def test_participle_comment_is_cut(find):
    q = with_cue(find("The union said it would strike in May, putting the talks at risk."), "said")
    assert q["parts"] == ["it would strike in May"]


# Prepositions of a few reporting verbs.

def test_warned_of(find):
    q = with_cue(find("The senator warned of a long battle over the budget."), "warned")
    assert q["parts"] == ["a long battle over the budget"] and q["source"] == "The senator"


# A statement noun as the subject of "be" (quotes/noun_copula.py).

def test_view_is_that(find):
    q = with_cue(find("Her view is that the tax will hurt farmers."), "view")
    assert q["source"] == "Her" and q["parts"] == ["that the tax will hurt farmers"]


def test_argument_was_that_with_a_possessor(find):
    q = with_cue(find("The governor's main argument was that the dam is safe."), "argument")
    assert q["source"].startswith("The governor") and q["parts"] == ["that the dam is safe"]


def test_advice_is_simple_colon(find):
    q = with_cue(find("Her advice is simple: stay home."), "advice")
    assert q["source"] == "Her" and q["parts"] == ["stay home"]


def test_a_judgement_of_a_plan_is_not_content(find):
    assert find("The plan is bold.") == []
    assert find("The problem is that nobody came.") == []


# A cue verb in a relative clause whose object is the noun it modifies (quotes/relative.py).

def test_relative_pronoun_is_the_content(find):
    q = with_cue(find("Voters rejected the tax cut, which the senator proposed last year."), "proposed")
    assert q["parts"] == ["which"] and q["source"] == "the senator"


def test_relative_pronoun_with_its_as_phrase(find):
    q = with_cue(find("Workers repaired the old bridge, which the mayor described as a disaster."), "described")
    assert q["parts"][0] == "which" and q["parts"][-1] == "as a disaster" and q["source"] == "the mayor"


def test_subject_relative_clause_is_not_a_gap(find):
    assert find("The judge who ruled on the case retired.") == []


# Cue nouns with their preposition, also when the parser hangs the preposition on the verb.

def test_voiced_concern_about(find):
    q = with_cue(find("Farmers voiced concern about the new water rules."), "concern")
    assert q["parts"] == ["the new water rules"] and q["source"] == "Farmers"


def test_her_view_on(find):
    q = with_cue(find("Her view on the merger has not changed."), "view")
    assert q["parts"] == ["the merger"] and q["source"] == "Her"


# "as X put it" when the parser hangs the aside on the subject.

def test_as_she_put_it_after_the_subject(find):
    q = with_cue(find("The vote, as the mayor put it, was a warning."), "put")
    assert q["source"] == "the mayor" and q["parts"] == ["The vote", "was a warning"]


# "in the polls": a standing, not one poll's finding.

def test_standing_in_the_polls_is_not_an_attribution(find):
    assert find("The senator trails the governor in the polls.") == []


def test_a_named_poll_frames_its_clause(find):
    q = with_cue(find("In the latest Harbor Times poll, the governor led by nine points."), "In")
    assert q["parts"] == ["the governor led by nine points"]


# Lexicon additions of the fourth pass.

def test_cast_with_an_as_phrase(find):
    q = with_cue(find("The challenger has cast himself as an outsider."), "cast")
    assert q["parts"] == ["himself as an outsider"] and q["source"] == "The challenger"


def test_cast_without_an_as_phrase_is_not_a_cue(find):
    assert find("The farmers cast their ballots early.") == []


# A second speaker in a contrasting clause.

def test_while_others_said_is_a_second_attribution(find):
    found = find("Most farmers said the plan had failed, while a third of them said it worked.")
    first, second = found[0], found[-1]
    assert first["parts"] == ["the plan had failed"] and first["source"] == "Most farmers"
    assert second["parts"] == ["it worked"] and second["source"] == "a third of them"


# What the parser hangs on the clause but belongs to the cue or its occasion.

def test_date_between_cue_and_clause_is_left_out(find):
    q = with_cue(find("The mayor said Friday he had met the governor twice."), "said")
    assert q["parts"] == ["he had met the governor twice"]


def test_closing_interview_phrase_is_left_out(find):
    q = with_cue(find("The senator said his party would win the seat in an interview on Sunday."), "said")
    assert q["parts"] == ["his party would win the seat"]


# Line labels and imperatives before a colon are not speakers.

def test_the_latest_label_is_not_a_speaker(find):
    found = find("The Latest: Mayor Velk tells farmers the dam is safe.\n\nMore text follows here.")
    assert all(f["cue"] != ":" for f in found)
    q = with_cue(found, "tells")
    assert q["parts"] == ["the dam is safe"] and q["source"] == "Mayor Velk"


def test_an_imperative_before_a_colon_is_not_a_speaker(find):
    found = find("Follow the reporter on the web: harbor example dot org slash news.")
    assert all(f["cue"] != ":" for f in found)


# The speaker of a colon before a quotation, when the parser makes the quotation the sentence's root.

def test_colon_quotation_source_from_the_clause_before(find):
    text = 'Mr. Velk said the plan might work: "In business, the question always is whether the other side will deal."'
    q = [f for f in find(text) if f["cue"] == ":"][0]
    assert q["source"] == "Mr. Velk" and q["parts"][0].startswith('"In business')


def test_colon_quotation_source_is_the_subject_only(find):
    q = with_cue(find('The union shot back: "That would be good for everyone in this town."'), ":")
    assert q["source"] == "The union"


# A timestamp line glued to the sentence as a first subject: the subject next to the verb speaks.

def test_timestamp_line_is_not_the_speaker(find):
    text = ("The rally ended at noon.\n\n___.\n\n12:15 p.m.:\n\nPresident Ann Holt says that contrary to the "
            "claims of some candidates, she is not plotting to raise taxes.")
    q = with_cue(find(text), "says")
    assert q["source"] == "President Ann Holt"


def test_likely_to_say_borrows_the_subject(find):
    q = with_cue(find("Rural voters were more likely to say that the economy was their top issue."), "say")
    assert q["source"] == "Rural voters"


def test_participle_on_an_object_takes_the_clause_subject(find):
    q = with_cue(find("His office put out a statement saying the county could not vet every request."), "saying")
    assert q["source"] == "His office" and q["parts"] == ["the county could not vet every request"]


def test_speaker_with_apposition_before_a_misread_participle(find):
    q = with_cue(find("Holt, a county ally, called Ohio’s standards “strong.”"), "called")
    assert q["source"] == "Holt"


def test_event_participle_stays_in_the_content(find):
    q = with_cue(find("The rebels said that their fighters had ambushed a convoy, killing twelve soldiers."), "said")
    assert q["parts"] == ["that their fighters had ambushed a convoy, killing twelve soldiers"]


def test_apposition_subject_is_not_the_speaker(find):
    q = with_cue(find("Protest organisers, most of them students, said they would march again."), "said")
    assert q["source"].startswith("Protest organisers")
