"""Constructions added in the second pass over PolNeAR train, on sentences written for these tests."""

import pytest

from dateline.quotes.detect import find_attributions


@pytest.fixture(scope="module")
def find(nlp):
    def _find(text):
        out = []
        for f in find_attributions(nlp(text), text):
            out.append({
                "how": f.how,
                "cue": text[f.cue[0]:f.cue[1]],
                "source": text[f.source[0]:f.source[1]] if f.source else None,
                "parts": [text[s:e] for s, e in f.parts],
            })
        return out
    return _find


def with_cue(found, word):
    hits = [f for f in found if word in f["cue"]]
    assert hits, found
    return hits[0]


def test_light_verb_with_a_cue_noun(find):
    q = with_cue(find("The two mayors have made the case that the bridge must be rebuilt first."), "made")
    assert q["cue"].endswith("made the case") and q["source"] == "The two mayors"
    assert q["parts"] == ["that the bridge must be rebuilt first"]


def test_light_verb_made_clear(find):
    q = with_cue(find("The governor made clear that she would not sign the budget."), "made")
    assert q["parts"] == ["that she would not sign the budget"] and q["source"] == "The governor"


def test_light_verb_alone_is_not_a_cue(find):
    assert not [f for f in find("The company made a large profit last year.") if "made" in f["cue"]]


def test_comments_about(find):
    q = with_cue(find("The minister made comments about the new border checks."), "made")
    assert q["parts"] == ["the new border checks"]


def test_in_a_poll_phrase(find):
    q = with_cue(find("In a poll released Monday, the governor led her rival by nine points."), "In")
    assert q["source"] == "a poll released Monday"
    assert q["parts"] == ["the governor led her rival by nine points"]


def test_short_quote_closed_by_a_comma_before_the_cue(find):
    q = with_cue(find("“Never again,” she said, and left the room."), "said")
    assert q["parts"] == ["“Never again,”"] and q["source"] == "she"


def test_short_title_in_quotes_is_not_speech(find):
    # No comma, ! or ? inside the marks: a title or a scare quote, not a statement.
    assert not [f for f in find("He read “The Prince” before he said nothing.") if f["parts"] == ["“The Prince”"]]


@pytest.mark.parametrize("text,cue,content", [
    ("The senator tweeted that the vote had been rigged.", "tweeted", "that the vote had been rigged"),
    ("The council pledged to repair every road by spring.", "pledged", "to repair every road by spring"),
    ("The candidate alleged that the count was flawed.", "alleged", "that the count was flawed"),
    ("Local leaders voted for the new charter.", "voted for", "the new charter"),
])
def test_new_cue_verbs(find, text, cue, content):
    q = with_cue(find(text), cue.split()[0])
    assert q["cue"].endswith(cue) and q["parts"] == [content]


def test_passive_subject_is_a_content_part(find):
    q = with_cue(find("Mr. Ortiz was named the new director of the agency."), "named")
    assert q["parts"] == ["Mr. Ortiz", "the new director of the agency"] and q["source"] is None


def test_dateline_is_not_content(find):
    q = with_cue(find("KHARTOUM, Sudan (AP) — The ceasefire will hold, the general said."), "said")
    assert q["parts"] == ["The ceasefire will hold"]


def test_abbreviation_keeps_its_point(find):
    q = with_cue(find("She said the factories are leaving the U.S."), "said")
    assert q["parts"] == ["the factories are leaving the U.S."]


def test_time_phrase_after_the_object_is_left_out(find):
    q = with_cue(find("The union endorsed the governor in November."), "endorsed")
    assert q["parts"] == ["the governor"]


def test_spoke_on_a_day_is_not_an_attribution(find):
    assert not [f for f in find("The envoy spoke on Monday.") if f["parts"] == ["Monday"]]


def test_asked_participle_has_no_source_and_its_own_content(find):
    found = find("Asked whether she would run again, the mayor smiled.")
    q = with_cue(found, "Asked")
    assert q["source"] is None and q["parts"] == ["whether she would run again"]


def test_asked_by_someone_about_something(find):
    text = "When asked by a host on Thursday about raising taxes, the governor said: “Not this year, not ever.”"
    q = with_cue(find(text), "asked")
    assert q["parts"] == ["raising taxes"] and q["source"].startswith("a host")
    assert with_cue(find(text), "said")["parts"] == ["“Not this year, not ever.”"]


def test_raising_verb_leaves_an_inner_cue_its_attribution(find):
    q = with_cue(find("The newspaper is expected to endorse the governor."), "endorse")
    assert q["parts"] == ["the governor"] and q["source"] == "The newspaper"


def test_unquoted_sentence_before_a_quote_is_not_content(find):
    text = ("The company removed the post on Thursday. “We work hard to keep such content off the site "
            "every single day,” a spokesman said.")
    q = with_cue(find(text), "said")
    assert q["parts"] == ["“We work hard to keep such content off the site every single day,”"]


def test_parts_stay_in_the_cue_paragraph(find):
    text = ("Officials released the plan on Tuesday.\n\n"
            "“Closing the camp is an imperative,” Ms. Hale said. “It has been a stain on our record.”\n\n"
            "While aid groups praised the plan, they said it did not go far enough.")
    found = find(text)
    hale = next(f for f in found if f["source"] == "Ms. Hale")
    assert hale["parts"] == ["“Closing the camp is an imperative,”", "“It has been a stain on our record.”"]
    they = next(f for f in found if f["source"] == "they")
    assert they["parts"] == ["it did not go far enough"]


def test_said_yes_or_no(find):
    q = with_cue(find("Asked whether the talks would resume, the envoy said no."), "said")
    assert q["parts"] == ["no"] and q["source"] == "the envoy"
    assert with_cue(find("He said so many things."), "said")["parts"] == ["so many things"]


def test_short_whole_sentence_quote_continues_a_direct_quote(find):
    text = "“The river crossing will stay open for every family that needs it,” the officer said. “We mean it.”"
    q = with_cue(find(text), "said")
    assert q["parts"] == ["“The river crossing will stay open for every family that needs it,”", "“We mean it.”"]


def test_see_and_know_need_a_clause(find):
    assert not [f for f in find("We saw a surge in arrivals this week.") if "saw" in f["cue"]]
    q = with_cue(find("The minister knows that the deal could collapse."), "knows")
    assert q["parts"] == ["that the deal could collapse"]


def test_cue_under_a_preposition_borrows_the_subject(find):
    q = with_cue(find("The governor ended the meeting by saying that the curfew would be lifted."), "saying")
    assert q["source"] == "The governor" and q["parts"] == ["that the curfew would be lifted"]


def test_object_with_as_phrase(find):
    q = with_cue(find("Many farmers see the new tariff as a threat to their harvest income."), "see")
    assert q["source"] == "Many farmers"
    assert q["parts"] == ["the new tariff as a threat to their harvest income"]


def test_bare_object_of_see_is_not_content(find):
    assert not [f for f in find("The farmers saw the new tractor in the barn.") if "saw" in f["cue"]]


def test_fronted_what_with_the_name_given(find):
    q = with_cue(find("The deal was what critics have called a “giveaway to developers.”"), "called")
    assert q["source"] == "critics"
    assert q["parts"] == ["what", "a “giveaway to developers.”"]


def test_third_pass_reporting_verbs(find):
    q = with_cue(find("The senator railed against the new fishing quotas."), "railed")
    assert q["parts"] == ["the new fishing quotas"] and q["source"] == "The senator"
    q = with_cue(find("The coach credited her players with the late comeback."), "credited")
    assert q["parts"][0].startswith("her players") and q["source"] == "The coach"
    q = with_cue(find("Critics charged that the audit had been rushed."), "charged")
    assert q["parts"] == ["that the audit had been rushed"]


def test_charge_without_a_clause_is_not_a_cue(find):
    assert not [f for f in find("The shop charged ten dollars for the repair.") if "charged" in f["cue"]]


def test_hearsay_adverb(find):
    q = with_cue(find("Two rival firms have reportedly looked at the bakery chain and walked away."), "reportedly")
    assert q["source"] is None
    assert q["parts"] == ["Two rival firms have", "looked at the bakery chain and walked away"]


def test_attitude_adjective_with_a_clause(find):
    q = with_cue(find("The mayor is confident that the new bridge will open in May."), "confident")
    assert q["source"] == "The mayor" and q["cue"] == "is confident"
    assert q["parts"] == ["that the new bridge will open in May"]


def test_attitude_adjective_with_its_preposition(find):
    q = with_cue(find("Local farmers were critical of the water plan."), "critical")
    assert q["source"] == "Local farmers" and q["cue"] == "were critical of"
    assert q["parts"] == ["the water plan"]


def test_attitude_adjective_needs_a_complement(find):
    assert not [f for f in find("The old teacher was proud.") if "proud" in f["cue"]]


def test_noun_with_infinitive_intent(find):
    q = with_cue(find("The council broke its promise to repave every road by spring."), "promise")
    assert q["parts"] == ["to repave every road by spring"] and q["source"] == "its"


def test_noun_with_its_preposition(find):
    q = with_cue(find("Her opposition to the toll increase surprised the board."), "opposition")
    assert q["parts"] == ["the toll increase"] and q["source"] == "Her"


def test_as_clause_frames_the_sentence(find):
    q = with_cue(find("As the local paper reported, the factory will close in June."), "reported")
    assert q["source"] == "the local paper"
    assert q["parts"] == ["the factory will close in June"]


def test_as_she_put_it(find):
    q = with_cue(find("The vote, as the chairwoman put it, was a warning to the board."), "put")
    assert q["source"] == "the chairwoman"
    assert q["parts"] == ["The vote", "was a warning to the board"]


def test_put_is_not_a_cue_outside_the_idiom(find):
    assert not [f for f in find("She put the books on the shelf.") if "put" in f["cue"]]


def test_participle_naming_a_noun(find):
    q = with_cue(find("The firm had a friendly culture called “The Oak Way.”"), "called")
    assert q["source"] is None
    assert q["parts"] == ["a friendly culture", "“The Oak Way.”"]


def test_clause_before_the_cue_beats_an_infinitive_after_it(find):
    q = with_cue(find("Her loyalty has moved from the mayor to the governor, Smith said during a speech to be elected."),
                 "said")
    assert q["parts"] == ["Her loyalty has moved from the mayor to the governor"]


def test_called_on_someone_to_act(find):
    q = with_cue(find("The union called on the city council to reopen the library."), "called")
    assert q["cue"] == "called on" and q["source"] == "The union"
    assert q["parts"] == ["the city council to reopen the library"]


def test_participle_cue_takes_the_following_quotation(find):
    q = with_cue(find("The mayor waved to the crowd, commenting, “What a day for this old town!”"), "commenting")
    assert q["parts"] == ["“What a day for this old town!”"] and q["source"] == "The mayor"


def test_noun_cue_with_a_from_phrase_source(find):
    q = with_cue(find("The plan drew criticism of its costs from local farmers."), "criticism")
    assert q["source"] == "local farmers"


def test_raising_verb_borrows_the_subject_of_its_conjunct(find):
    q = with_cue(find("The mayor held a clear lead and appeared poised to win the runoff."), "appeared")
    assert q["source"] is None
    assert q["parts"] == ["The mayor", "poised to win the runoff"]


def test_raising_verb_with_a_referring_it(find):
    q = with_cue(find("The new law seemed fair, and it appears likely to pass the senate."), "appears")
    assert q["parts"] == ["it", "likely to pass the senate"]
    assert not [f for f in find("It seems that the bridge will stay closed.") if "seems" in f["cue"]]


def test_decide_takes_a_clause_not_a_bare_object(find):
    assert not [f for f in find("The judge decided the case in a single day.") if "decided" in f["cue"]]
    q = with_cue(find("The board decided that the school would stay open."), "decided")
    assert q["parts"] == ["that the school would stay open"]
