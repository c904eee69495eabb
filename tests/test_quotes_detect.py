"""Attribution forms on text written for these tests: direct, indirect, mixed, colon, multi-part."""

import pytest

from dateline.quotes.detect import find_attributions


@pytest.fixture(scope="module")
def find(nlp):
    def _find(text):
        out = []
        for f in find_attributions(nlp(text)):
            out.append({
                "kind": f.kind,
                "cue": text[f.cue[0]:f.cue[1]],
                "source": text[f.source[0]:f.source[1]] if f.source else None,
                "parts": [text[s:e] for s, e in f.parts],
            })
        return out
    return _find


def one(found):
    assert len(found) == 1, found
    return found[0]


def test_direct_quote_before_the_cue(find):
    q = one(find("“We will hold the bridge until the convoy arrives,” the commander said."))
    assert q == {"kind": "direct", "cue": "said", "source": "the commander",
                 "parts": ["“We will hold the bridge until the convoy arrives,”"]}


def test_direct_quote_after_a_colon_cue(find):
    q = one(find("The commander said: “We will hold the bridge until the convoy arrives.”"))
    assert q["kind"] == "direct" and q["cue"] == "said:" and q["source"] == "The commander"
    assert q["parts"] == ["“We will hold the bridge until the convoy arrives.”"]


def test_inverted_cue_with_an_appositive_source(find):
    q = one(find("“The harvest is lost,” said Mara Velk, a farmer from the valley."))
    assert q["source"].startswith("Mara Velk, a farmer")
    assert q["parts"] == ["“The harvest is lost,”"]


def test_straight_quotation_marks(find):
    q = one(find('"The harvest is lost this year," the farmer told reporters.'))
    assert q["kind"] == "direct" and q["cue"] == "told"
    assert q["parts"] == ['"The harvest is lost this year,"']  # the recipient is not content


def test_indirect_with_that(find):
    q = one(find("The general said that the troops would withdraw from the river."))
    assert q == {"kind": "indirect", "cue": "said", "source": "The general",
                 "parts": ["that the troops would withdraw from the river"]}


def test_indirect_without_that(find):
    q = one(find("The general said the troops would withdraw from the river."))
    assert q["kind"] == "indirect" and q["parts"] == ["the troops would withdraw from the river"]


def test_according_to_at_the_start(find):
    q = one(find("According to the aid agency, more than 200 families fled the village."))
    assert q["cue"] == "According to" and q["source"] == "the aid agency"
    assert q["parts"] == ["more than 200 families fled the village"]


def test_according_to_in_the_middle(find):
    q = one(find("The convoy, according to local officials, was stopped at the border."))
    assert q["source"] == "local officials"
    assert q["parts"] == ["The convoy", "was stopped at the border"]


def test_mixed_quote(find):
    q = one(find("The envoy said the ceasefire was “a fragile first step” toward a settlement."))
    assert q["kind"] == "mixed"
    assert q["parts"] == ["the ceasefire was “a fragile first step” toward a settlement"]


def test_colon_without_a_verb(find):
    q = one(find("The mayor held firm, however: “No convoy will pass through this city tonight.”"))
    assert q["cue"] == ":" and q["source"] == "The mayor"
    assert q["parts"] == ["“No convoy will pass through this city tonight.”"]


def test_multi_sentence_quote_around_its_cue(find):
    q = one(find("“We asked for water,” she said. “Nobody came. Nobody answered the phone.”"))
    assert q["parts"] == ["“We asked for water,”", "“Nobody came. Nobody answered the phone.”"]
    assert q["kind"] == "direct" and q["source"] == "she"


def test_quote_split_across_paragraphs(find):
    text = ("The spokesman said: “We have waited for months for an answer from the capital.\n\n"
            "“Now we will act on our own, and we will not wait again.”")
    q = one(find(text))
    assert len(q["parts"]) == 2
    assert q["parts"][0].startswith("“We have waited") and q["parts"][1].endswith("wait again.”")


def test_nested_quote_and_nested_cue_give_one_attribution(find):
    q = one(find("“They told us ‘leave now or die,’ and so we left the farm,” the farmer said."))
    assert q["cue"] == "said" and q["parts"][0].startswith("“They told us")
    q = one(find("The minister said the rebels claimed that the town had fallen."))
    assert q["cue"] == "said" and q["parts"] == ["the rebels claimed that the town had fallen"]


@pytest.mark.parametrize("text", [
    "He said: “This statement never closes and runs on to the end",
    "The result was bad,” he said.",
    "“ ” said",
    "“",
    "said",
    "",
    "🙂🙂 “🙂” 🙂",
    "“A” “B” “C” “D” “E” said the chorus, “and more",
])
def test_unbalanced_or_odd_input_never_crashes(find, text):
    for q in find(text):
        assert all(p for p in q["parts"])


def test_unclosed_quote_still_found(find):
    q = one(find("He said: “This statement never closes and runs on to the end"))
    assert q["kind"] == "direct" and q["parts"][0].startswith("“This statement")


def test_parenthetical_cue_splits_the_content(find):
    q = one(find("The truce, the envoy said, would hold until spring."))
    assert q["source"] == "the envoy" and q["parts"] == ["The truce", "would hold until spring"]


@pytest.mark.parametrize("text,cue,source,content", [
    ("The Ruritanian military reportedly told local elders that the offensive would start soon.",
     "reportedly told", "The Ruritanian military", "that the offensive would start soon"),
    ("The general has repeatedly warned that the city could fall.",
     "has repeatedly warned", "The general", "that the city could fall"),
    ("She called for an immediate ceasefire.", "called for", "She", "an immediate ceasefire"),
    ("The minister expressed concern that the talks would collapse.",
     "expressed concern", "The minister", "that the talks would collapse"),
    ("The move was first reported by the local radio.", "was first reported by", "the local radio", "The move"),
])
def test_cue_verb_groups(find, text, cue, source, content):
    q = one(find(text))
    assert (q["cue"], q["source"], q["parts"]) == (cue, source, [content])


def test_speaker_line(find):
    q = one(find("Velk: The border will stay closed until the vote\n\nThe article goes on."))
    assert q["cue"] == ":" and q["source"] == "Velk"
    assert q["parts"] == ["The border will stay closed until the vote"]


def test_raising_verb_has_two_parts_and_no_source(find):
    q = one(find("Turnout is expected to rise."))
    assert q["source"] is None and q["cue"] == "is expected" and q["parts"] == ["Turnout", "to rise"]
