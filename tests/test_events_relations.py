"""Argument rules that decide actor pairs (issue #3, relations), with sentences written for dateline.

Each test names the rule it pins down; the relation pairs come from ``dateline.eval.relations``.
"""

from __future__ import annotations

import pytest

from dateline.eval.relations import predicted_pairs

PUB = "2024-03-01"


def _names(rec, ids):
    by_id = {a.id: a.text for a in rec.actors}
    return [by_id[i] for i in ids]


def _of_type(rec, plover):
    return [e for e in rec.events if e.type == plover]


def _pairs(rec):
    text = rec.article.text
    return {(k, text[a[0]:a[1]], text[b[0]:b[1]]) for k, a, b in predicted_pairs(rec)}


def test_such_as_examples_are_participants(extract):
    rec = extract("Gunmen attacked aid groups such as Oxfam near the border.", published=PUB)
    ev = _of_type(rec, "ASSAULT")[0]
    assert "Oxfam" in _names(rec, ev.targets)


def test_owned_nominalisation_object_of_phrase_is_no_party(extract):
    # the praise goes to the army that retook the town, not to the town
    rec = extract("The senator welcomed the Kenyan army's recapture of Garissa.", published=PUB)
    ev = _of_type(rec, "SUPPORT")[0]
    assert _names(rec, ev.targets) == ["the Kenyan army"]


def test_judging_verb_subject_takes_no_part_in_the_judged_act(extract):
    rec = extract("The minister condemned the bombing of the market in Kabul.", published=PUB)
    bombing = [e for e in _of_type(rec, "ASSAULT") if e.trigger.text == "bombing"][0]
    assert "The minister" not in _names(rec, bombing.sources)


def test_as_well_as_conjunct_misread_as_a_clause_subject_is_a_target(extract):
    rec = extract("In Ankara the minister met with the National Coalition, as well as local French and UK "
                  "charities focused on supporting refugees.", published=PUB)
    ev = _of_type(rec, "CONSULT")[0]
    assert "the National Coalition" in _names(rec, ev.targets)
    assert "UK" in _names(rec, ev.targets)


def test_conjoined_passive_takes_the_agent_only_from_a_later_conjunct(extract):
    rec = extract("The journalist was arrested by the police in May and charged with espionage.", published=PUB)
    arrest = _of_type(rec, "COERCE")[0]
    assert _names(rec, arrest.sources) == ["the police"]
    charge = [e for e in rec.events if e.trigger.text == "charged"][0]
    assert "the police" not in _names(rec, charge.sources)
    # the agent after the last conjunct still serves both
    rec = extract("The commander was bombed and killed by coalition aircraft.", published=PUB)
    bombed = [e for e in rec.events if e.trigger.text == "bombed"][0]
    assert _names(rec, bombed.sources) == ["coalition aircraft"]


def test_on_phrase_after_an_actor_object_is_no_target(extract):
    rec = extract("The coalition will defeat the militants on every front.", published=PUB)
    ev = _of_type(rec, "ASSAULT")[0]
    assert _names(rec, ev.targets) == ["the militants"]


def test_light_verb_with_an_event_object_carries_no_second_event(extract):
    # "in the fight" says where the support belongs: the minister is not a fighter
    rec = extract("The minister reiterates British support for Kenya in the fight against the militants.",
                  published=PUB)
    fight = [e for e in rec.events if e.trigger.text == "fight"][0]
    assert "The minister" not in _names(rec, fight.sources)


def test_pressure_to_passes_its_object_as_the_doer(extract):
    rec = extract("The allies pressured the junta to lift the blockade of the port.", published=PUB)
    lift = [e for e in rec.events if e.trigger.text == "lift"][0]
    assert _names(rec, lift.sources) == ["the junta"]


@pytest.mark.parametrize("text, present, absent", [
    # two sources with a named target act side by side towards it
    ("Britain and France support the rebels.",
     {("AlliesOf", "Britain", "the rebels"), ("AlliesOf", "France", "the rebels")},
     {("AlliesOf", "Britain", "France")}),
    # with no target the event is reciprocal between its sources
    ("Britain and France met in Paris.", {("CommWith", "Britain", "France")}, set()),
])
def test_reciprocal_pairs_only_without_a_target(extract, text, present, absent):
    pairs = _pairs(extract(text, published=PUB))
    assert present <= pairs
    assert not (absent & pairs)


def test_burning_of_a_person_by_a_group_is_an_attack_between_them(extract):
    rec = extract("Witnesses described the burning of two aid workers by the militia.", published=PUB)
    # the count is no part of the group's span (docs/actors.md)
    assert ("FightingAgainst", "the militia", "aid workers") in _pairs(rec)


def test_judged_act_gives_its_doer_as_the_target(extract):
    rec = extract("The minister condemned the shelling of the hospital by the rebels.", published=PUB)
    ev = _of_type(rec, "ACCUSE")[0]
    assert _names(rec, ev.targets) == ["the rebels"]


@pytest.mark.parametrize("text, backer, backed, foe", [
    ("The army stands by Mali to defeat the jihadists.", "The army", "Mali", "the jihadists"),
    ("Britain supports the Kurds to defeat the militants.", "Britain", "Kurds", "the militants"),
    ("The alliance has supported the Kurdish forces in their efforts to defeat the militants.", "alliance",
     "the Kurdish forces", "the militants"),
])
def test_purpose_clause_under_backing_is_done_by_both_sides(extract, text, backer, backed, foe):
    pairs = _pairs(extract(text, published=PUB))
    assert {("FightingAgainst", backer, foe), ("FightingAgainst", backed, foe)} <= pairs


def test_purpose_clause_under_other_verbs_keeps_one_doer(extract):
    rec = extract("Britain sent troops to Iraq to defeat the militants.", published=PUB)
    defeat = [e for e in rec.events if e.trigger.text == "defeat"][0]
    assert "Iraq" not in _names(rec, defeat.sources)


def test_second_phrase_of_the_same_preposition_continues_the_noun(extract):
    rec = extract("The ministers reaffirm their support for the Malian people in their fight against terrorism, "
                  "in particular against Ansar Dine.", published=PUB)
    assert ("FightingAgainst", "the Malian people", "Ansar Dine") in _pairs(rec)
