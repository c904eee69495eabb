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


def _trigger(rec, word):
    """The event whose trigger is ``word`` (the first one)."""
    return next(e for e in rec.events if e.trigger.text == word)


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
    charge = _trigger(rec, "charged")
    assert "the police" not in _names(rec, charge.sources)
    # the agent after the last conjunct still serves both
    rec = extract("The commander was bombed and killed by coalition aircraft.", published=PUB)
    bombed = _trigger(rec, "bombed")
    assert _names(rec, bombed.sources) == ["coalition aircraft"]


def test_on_phrase_after_an_actor_object_is_no_target(extract):
    rec = extract("The coalition will defeat the militants on every front.", published=PUB)
    ev = _of_type(rec, "ASSAULT")[0]
    assert _names(rec, ev.targets) == ["the militants"]


def test_light_verb_with_an_event_object_carries_no_second_event(extract):
    # "in the fight" says where the support belongs: the minister is not a fighter
    rec = extract("The minister reiterates British support for Kenya in the fight against the militants.",
                  published=PUB)
    fight = _trigger(rec, "fight")
    assert "The minister" not in _names(rec, fight.sources)


def test_pressure_to_passes_its_object_as_the_doer(extract):
    rec = extract("The allies pressured the junta to lift the blockade of the port.", published=PUB)
    lift = _trigger(rec, "lift")
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
    defeat = _trigger(rec, "defeat")
    assert "Iraq" not in _names(rec, defeat.sources)


def test_second_phrase_of_the_same_preposition_continues_the_noun(extract):
    rec = extract("The ministers reaffirm their support for the Malian people in their fight against terrorism, "
                  "in particular against Ansar Dine.", published=PUB)
    assert ("FightingAgainst", "the Malian people", "Ansar Dine") in _pairs(rec)


def test_doer_modifier_and_passive_clause_give_the_attack_its_sides(extract):
    # "regime bombardment" in the "by" phrase of a passive: the regime attacked the clause's subject
    rec = extract("Old towns such as Hama have been reduced to ruins by regime bombardment.", published=PUB)
    assert ("FightingAgainst", "regime", "Hama") in _pairs(rec)


def test_doer_modifier_is_not_a_victim_noun(extract):
    # a victim noun before the event noun is no doer
    rec = extract("Civilian casualties rose after the raids on the camp.", published=PUB)
    assert not any(s == "Civilian" for _, s, _ in _pairs(rec))


@pytest.mark.parametrize("text, pair", [
    ("The border town fell to the rebels after a week of fighting.", ("FightingAgainst", "the rebels", "border town")),
    ("Kobani fell to the militia in the spring.", ("FightingAgainst", "the militia", "Kobani")),
])
def test_fell_to_an_actor_is_a_seizure_by_that_actor(extract, text, pair):
    assert pair in _pairs(extract(text, published=PUB))


def test_fell_to_a_level_is_no_event(extract):
    rec = extract("Oil exports fell to their lowest level in a decade.", published=PUB)
    assert not rec.events


def test_attack_noun_as_agent_of_a_passive_verb(extract):
    rec = extract("Villages such as Kafr Zeita were destroyed by regime bombardment.", published=PUB)
    assert any(k == "FightingAgainst" and s == "regime" and "Kafr Zeita" in t for k, s, t in _pairs(rec))


@pytest.mark.parametrize("text, pair", [
    ("Clashes between Kurdish fighters and Turkish troops killed ten people.",
     ("FightingAgainst", "Kurdish fighters", "Turkish troops")),
    ("The talks between the government and the rebels collapsed.", ("CommWith", "the government", "the rebels")),
    ("A phone call between Putin and Erdogan took place on Friday.", ("CommWith", "Erdogan", "Putin")),
])
def test_between_phrase_names_both_sides(extract, text, pair):
    pairs = _pairs(extract(text, published=PUB))
    assert pair in pairs or (pair[0] == "CommWith" and (pair[0], pair[2], pair[1]) in pairs)


def test_relative_pronoun_stands_for_the_modified_noun(extract):
    rec = extract("The aid workers, whom the militia ambushed near Tikrit, carried food.", published=PUB)
    assert ("FightingAgainst", "the militia", "aid workers") in {(k, s, t.replace("The ", "")) for k, s, t in _pairs(rec)}


def test_fighting_alongside_is_an_alliance_and_a_shared_fight(extract):
    pairs = _pairs(extract("Kurdish militias fought alongside US special forces against the jihadists.", published=PUB))
    assert ("FightingAgainst", "Kurdish militias", "the jihadists") in pairs
    assert ("FightingAgainst", "US special forces", "the jihadists") in pairs
    assert any(k == "AlliesOf" and {s, t} == {"Kurdish militias", "US special forces"} for k, s, t in pairs)


def test_same_entity_is_no_second_party(extract):
    # two mentions resolved to the same knowledge-base entry: no pair of a party with itself
    rec = extract("Russia criticised Russia over the vote.", published=PUB)
    assert not [k for k, _, _ in _pairs(rec)]
    assert _of_type(rec, "ACCUSE") and not _of_type(rec, "ACCUSE")[0].targets


def test_with_the_help_of_names_a_helper_of_the_doer(extract):
    rec = extract("He was captured by the border police with the help of local militiamen in May.", published=PUB)
    pairs = _pairs(rec)
    assert any(k == "AlliesOf" and {s, t} == {"the border police", "local militiamen"} for k, s, t in pairs)
    # the helpers give the help; they are not its recipients
    assert not [e for e in rec.events if e.type in ("AID", "SUPPORT") and "local militiamen" in _names(rec, e.targets)]


@pytest.mark.parametrize("text, pair", [
    # whoever a place is seized from is a target of the seizure
    ("The Iraqi army recaptured Baiji from the militants.", ("FightingAgainst", "The Iraqi army", "the militants")),
    # a reciprocal verb's coordinated subjects act on each other
    ("Government forces and the rebels clashed near the border.", ("FightingAgainst", "Government forces", "the rebels")),
    # the victims of an outcome clause are targets of the attack
    ("Insurgents attacked a police station, killing three officers.", ("FightingAgainst", "Insurgents", "officers")),
    # the purpose of an offensive is its launcher's
    ("The army launched an offensive to retake the city from the rebels.", ("FightingAgainst", "The army", "the rebels")),
])
def test_more_sides_of_verb_events(extract, text, pair):
    assert pair in _pairs(extract(text, published=PUB))


def test_talks_in_a_time_adjunct_are_the_subjects_and_an_event_of_their_own(extract):
    pairs = _pairs(extract("After talks with the Kurdish leadership, the minister flew to Erbil.", published=PUB))
    assert any(k == "CommWith" and {s, t} == {"the minister", "the Kurdish leadership"} for k, s, t in pairs)


def test_attack_in_a_time_adjunct_is_not_the_subjects(extract):
    pairs = _pairs(extract("After the attack on the convoy, the army withdrew from the valley.", published=PUB))
    assert not [p for p in pairs if p[0] == "FightingAgainst" and p[1] == "the army"]


def test_claimed_responsibility_names_the_doer(extract):
    pairs = _pairs(extract("The militia claimed responsibility for the attack on the police.", published=PUB))
    assert ("FightingAgainst", "The militia", "the police") in pairs


def test_supporting_people_in_need_is_aid_not_alliance(extract):
    rec = extract("Local charities supporting refugees met the minister.", published=PUB)
    assert not [k for k, _, _ in _pairs(rec) if k == "AlliesOf"]
    rec = extract("The charity supports refugees in the border camps.", published=PUB)
    assert [e.type for e in rec.events] == ["AID"]


def test_three_who_met_are_all_paired(extract):
    # a meeting of three keeps every pair (reciprocal pairs of CONSULT sources), not only the first's
    pairs = _pairs(extract("The Turkish, Iranian and Russian ministers met in Astana.", published=PUB)) \
        | _pairs(extract("Ankara, Tehran and Moscow met in Astana on Monday.", published=PUB))
    assert any(k == "CommWith" and {s, t} == {"Tehran", "Moscow"} for k, s, t in pairs)


# ---------------------------------------------------------------- fourth pass (issue #3, relations)

def test_a_named_instrument_and_the_body_in_its_title_are_no_participants(extract):
    rec = extract("The council voted to adopt Resolution 1441 and urged the government to comply with "
                  "Security Council Resolution 1373.", published=PUB)
    targets = {t for e in rec.events for t in _names(rec, e.targets)}
    assert not any("Resolution" in t or "Security Council" in t for t in targets)
    comply = _trigger(rec, "comply")
    assert comply.targets == []


def test_a_ceasefire_is_no_party_to_support(extract):
    rec = extract("The ministers agreed to support a nationwide Cessation of Hostilities.", published=PUB)
    support = _of_type(rec, "SUPPORT")[0]
    assert support.targets == []


def test_what_is_discussed_is_no_partner(extract):
    rec = extract("The ministers discussed the Libya crisis with their Egyptian counterparts.", published=PUB)
    talks = _of_type(rec, "CONSULT")[0]
    assert _names(rec, talks.targets) == ["their Egyptian counterparts"]
    rec = extract("The ministers discussed the Libya crisis on Monday.", published=PUB)
    assert _of_type(rec, "CONSULT")[0].targets == []
    rec = extract("The envoys discussed military and humanitarian planning for operations to free the city of "
                  "Hodeidah.", published=PUB)
    talks = _trigger(rec, "discussed")
    assert talks.targets == []


def test_who_feels_appalled_by_an_attack_was_not_attacked(extract):
    rec = extract("I am appalled by this latest attack by the junta.", published=PUB)
    attack = _trigger(rec, "attack")
    assert _names(rec, attack.sources) == ["the junta"]
    assert "I" not in _names(rec, attack.targets)


def test_who_is_encouraged_by_a_decision_approves_of_it(extract):
    rec = extract("The council is encouraged by the decision of President Ruto.", published=PUB)
    ev = _trigger(rec, "encouraged")
    assert _names(rec, ev.sources) == ["council"]
    assert "President Ruto" in _names(rec, ev.targets)


def test_the_patient_of_a_judged_act_is_not_the_one_judged(extract):
    rec = extract("The envoy welcomed the liberation of Mosul.", published=PUB)
    welcome = _of_type(rec, "SUPPORT")[0]
    assert welcome.targets == []
    # a request for an act whose "of" phrase is its doer still targets the doer
    rec = extract("European ministers demanded the withdrawal of Serbian forces.", published=PUB)
    demand = _of_type(rec, "REQUEST")[0]
    assert "Serbian forces" in _names(rec, demand.targets)


def test_encouraging_someone_to_act_is_an_appeal(extract):
    rec = extract("The envoy encouraged both parties to resume talks.", published=PUB)
    ev = _trigger(rec, "encouraged")
    assert (ev.type, ev.cameo) == ("REQUEST", "020")
    assert _names(rec, ev.targets) == ["both parties"]
    assert not _of_type(rec, "SUPPORT")


def test_speaking_before_a_statement_is_no_meeting(extract):
    rec = extract("Speaking to reporters in Geneva, the minister said the talks would resume.", published=PUB)
    assert not [e for e in rec.events if e.trigger.text == "Speaking"]
    # speaking to someone as the event itself is still a meeting
    rec = extract("The minister was speaking to the rebel leaders in Geneva.", published=PUB)
    talks = _trigger(rec, "speaking")
    assert talks.type == "CONSULT" and "the rebel leaders" in _names(rec, talks.targets)


@pytest.mark.parametrize("text, trigger, sources", [
    # who is helped in a fight fights it
    ("The minister reiterated British support for the Somali government in the fight against al-Shabaab.",
     "fight", ["the Somali government"]),
    ("France supported the army in the fight against the rebels.", "fight", ["the army"]),
    # acting as part of a coalition makes the coalition a source
    ("Norway is working as part of the Global Coalition to defeat the militia.", "defeat",
     ["Norway", "the Global Coalition"]),
    # killed in a raid by someone names the doer
    ("The commander was killed in a raid by special forces near the border.", "killed", ["special forces"]),
    ("He was targeted and killed in a raid conducted by the army on Monday.", "targeted", ["the army"]),
    ("He was targeted and killed in a raid conducted by the army on Monday.", "killed", ["the army"]),
    # the agent of the verb itself still wins
    ("The commander was killed by police in a raid by special forces.", "killed", ["police"]),
])
def test_sources_from_the_fight_the_coalition_and_the_raid(extract, text, trigger, sources):
    rec = extract(text, published=PUB)
    assert _names(rec, _trigger(rec, trigger).sources) == sources


def test_a_target_from_the_place_is_marked_and_makes_no_pair(extract):
    rec = extract("Gunmen opened fire in Mogadishu on Monday.", published=PUB)
    ev = _of_type(rec, "ASSAULT")[0]
    assert ev.target_from_place is True
    assert _names(rec, ev.targets) == ["Mogadishu"]
    assert not _pairs(rec)
    rec = extract("Gunmen attacked the police in Mogadishu on Monday.", published=PUB)
    ev = _of_type(rec, "ASSAULT")[0]
    assert ev.target_from_place is False
    assert ("FightingAgainst", "Gunmen", "the police") in _pairs(rec)


def test_the_place_target_mark_is_stored(extract, tmp_path):
    from dateline.store.db import open_store

    rec = extract("Gunmen opened fire in Mogadishu on Monday. Gunmen attacked the police in Kismayo.", published=PUB)
    store = open_store(tmp_path / "t.duckdb")
    try:
        store.write_batch([rec])
        rows = store.query("SELECT trigger_text, target_from_place FROM events ORDER BY trigger_start")
    finally:
        store.close()
    marks = {r["trigger_text"]: r["target_from_place"] for r in rows}
    assert marks["opened"] is True and marks["attacked"] is False
