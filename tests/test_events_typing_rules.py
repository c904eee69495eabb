"""Typing rules for the head verb and its complement, light verbs, endings, orders and categories
the lexicon used to miss. Every sentence here is written for these tests."""

from __future__ import annotations

import pytest

PUB = "2024-05-10"


def main(rec):
    return max(rec.events, key=lambda e: (e.score, -e.trigger.start)) if rec.events else None


def main_type(rec):
    ev = main(rec)
    return ev.type if ev else None


@pytest.mark.parametrize("text, plover", [
    # exercises: one side's show of force (CAMEO 150) unless held with a partner (062)
    ("The navy staged large exercises near the disputed islands.", "MOBILIZE"),
    ("The army conducted military maneuvers near the frontier.", "MOBILIZE"),
    ("Chilean and Peruvian warships began ten days of war games off the coast.", "COOPERATE"),
    ("India held naval drills with the French navy.", "COOPERATE"),
    ("The two navies held joint exercises in the gulf.", "COOPERATE"),
    # moving forces
    ("The government moved troops and tanks to the northern frontier.", "MOBILIZE"),
    ("The governor beefed up security around the airport.", "MOBILIZE"),
    # judicial and economic cooperation
    ("Peru extradited the fugitive banker to Chile on Friday.", "COOPERATE"),
    ("Belgium handed over two suspects in the robbery to the Dutch police.", "COOPERATE"),
    ("The two neighbours resumed trade after a year.", "COOPERATE"),
    # peacekeepers sent are aid (074); letting monitors in is allowing involvement (086)
    ("The UN deployed peacekeeping troops to the border region.", "AID"),
    ("The junta allowed UN monitors to enter the province.", "RETREAT"),
    ("The army pulled its troops out of the valley.", "RETREAT"),
    # agreeing to a demand is acceding (083), not an intention
    ("The mayor agreed to the tenants' demand for repairs.", "CONCEDE"),
    ("The cabinet bowed to pressure from the farmers' unions.", "CONCEDE"),
    # sanctions and halted talks
    ("Washington announced a ban on arms sales to the junta.", "SANCTION"),
    ("The delegation pulled out of the negotiations on Friday.", "SANCTION"),
    # blame and verdicts
    ("The ministry said the militia was responsible for the massacre.", "ACCUSE"),
    ("The tribunal found the former minister guilty of fraud.", "ACCUSE"),
    ("A bomber blew himself up outside the ministry.", "ASSAULT"),
    # retreat and disarmament phrased without "withdraw"
    ("The rebels abandoned their positions around the port.", "RETREAT"),
    ("The army dismantled the checkpoints on the coast road.", "RETREAT"),
    ("The fighters gave up their weapons at the camp.", "RETREAT"),
    ("The two police forces teamed up to trace the smugglers.", "COOPERATE"),
    ("Officials from both ministries spoke by telephone about the floods.", "CONSULT"),
    ("The member state was suspended from the regional bloc.", "SANCTION"),
    ("The coast guard was put on high alert.", "MOBILIZE"),
    ("The union blasted the ministry for the delays.", "ACCUSE"),
    ("Norway protested to Russia about the airspace violation.", "ACCUSE"),
    # an ultimatum is a threat (CAMEO 139)
    ("The alliance gave the regime an ultimatum to pull back its artillery.", "THREATEN"),
])
def test_category_rules(extract, text, plover):
    rec = extract(text, published=PUB)
    assert main_type(rec) == plover, [(e.type, e.trigger.text, e.score, e.reason) for e in rec.events]


@pytest.mark.parametrize("text, plover", [
    # the head verb decides over its complement
    ("The guerrillas threatened to attack the garrison.", "THREATEN"),
    ("The bishops called for talks between the factions.", "REQUEST"),
    ("The factions agreed to a prisoner exchange.", "AGREE"),
    ("The minister accused the governor of rigging the vote.", "ACCUSE"),
    ("The council refused to negotiate with the hijackers.", "REJECT"),
    # a promise to do something that is no use of force stays a promise
    ("The cabinet pledged to investigate the shootings.", "AGREE"),
    ("The commander vowed to crush the uprising.", "THREATEN"),
    # light verbs carry the noun's event
    ("The foreign ministers held talks in Lisbon on Sunday.", "CONSULT"),
    ("The army launched an offensive against the rebels in the hills.", "ASSAULT"),
    ("The envoy launched a mediation effort between the two clans.", "CONSULT"),
    ("The regime granted an amnesty to political prisoners.", "CONCEDE"),
])
def test_head_verb_and_light_verbs(extract, text, plover):
    rec = extract(text, published=PUB)
    assert main_type(rec) == plover, [(e.type, e.trigger.text, e.score, e.reason) for e in rec.events]


@pytest.mark.parametrize("text, plover, trigger", [
    ("The junta ordered the arrest of the union leader.", "COERCE", "arrest"),
    ("The ministry ordered the radio station to suspend broadcasts.", "COERCE", "suspend"),
])
def test_an_order_carries_out_what_it_orders(extract, text, plover, trigger):
    ev = main(extract(text, published=PUB))
    assert ev.type == plover and ev.trigger.text == trigger and ev.modality == "asserted", ev
    assert "carried out by the order" in ev.reason


def test_an_order_to_withdraw_stays_a_demand(extract):
    # only coercive acts are carried out by an order; an order to withdraw is a demand on the other side
    rec = extract("The council ordered the militia to withdraw from the port.", published=PUB)
    assert main_type(rec) == "REQUEST"


@pytest.mark.parametrize("text, plover, cameo", [
    ("The dockers suspended their protests after the port raised wages.", "CONCEDE", "082"),
    ("The rebels stopped shelling the town on Monday.", "RETREAT", "087"),
    ("The rebels suspended the negotiations with the government.", "SANCTION", "161"),
    ("The new cabinet ended press censorship.", "CONCEDE", "081"),
    ("The police ended the detention of the two reporters.", "RETREAT", "0841"),
])
def test_ending_an_event_codes_its_opposite(extract, text, plover, cameo):
    ev = main(extract(text, published=PUB))
    assert (ev.type, ev.cameo) == (plover, cameo), ev.reason


def test_refusing_to_stop_is_a_refusal(extract):
    rec = extract("The rebels refused to stop shelling the town.", published=PUB)
    assert main_type(rec) == "REJECT"


def test_a_target_thing_takes_its_owner_country(extract):
    rec = extract("Turkish jets bombed positions of the Syrian army near the border.", published=PUB)
    ev = next(e for e in rec.events if e.type == "ASSAULT")
    countries = {a.country for a in rec.actors if a.id in ev.targets}
    assert countries == {"SYR"}, [(a.text, a.country) for a in rec.actors if a.id in ev.targets]


def test_a_reported_must_is_a_demand_by_the_speaker(extract):
    rec = extract("Portugal said on Tuesday that Chile must return the seized trawler.", published=PUB)
    ev = main(rec)
    names = {a.id: a.text for a in rec.actors}
    assert ev.type == "REQUEST"
    assert [names[i] for i in ev.sources] == ["Portugal"] and [names[i] for i in ev.targets] == ["Chile"]


def test_pronoun_under_an_adjective_is_the_speaker(extract):
    rec = extract("Norway says it is willing to withdraw its troops from the border zone.", published=PUB)
    ev = main(rec)
    names = {a.id: a.text for a in rec.actors}
    assert ev.type == "AGREE" and [names[i] for i in ev.sources] == ["Norway"]


def test_an_unnamed_source_takes_the_country_of_the_event_place(extract):
    rec = extract("Inmates rioted at a prison in Nairobi on Monday.", published=PUB)
    ev = next(e for e in rec.events if e.type == "PROTEST")
    src = [a for a in rec.actors if a.id in ev.sources]
    assert src and src[0].country == "KEN", [(a.text, a.country, a.reason) for a in src]


def test_a_call_to_unite_against_someone_rallies_opposition(extract):
    rec = extract("The radio station called on farmers to unite against the governor.", published=PUB)
    ev = main(rec)
    names = {a.id: a.text for a in rec.actors}
    assert (ev.type, ev.cameo) == ("ACCUSE", "113"), ev.reason
    assert any("governor" in names[i] for i in ev.targets)


def test_a_call_to_support_a_third_party_stays_a_request(extract):
    # CAMEO 053 would make it SUPPORT; dateline keeps it a REQUEST (no AlliesOf pair in diplomatic prose)
    assert main_type(extract("The bishop urged the European states to support the new government.",
                             published=PUB)) == "REQUEST"


@pytest.mark.parametrize("text", [
    "The court halted the demonstration outside the ministry.",
    "Police stopped the attack on the embassy.",
])
def test_stopping_someone_elses_protest_or_attack_is_no_concession(extract, text):
    assert main_type(extract(text, published=PUB)) not in ("CONCEDE", "RETREAT")


def test_halting_ones_own_offensive_is_a_retreat(extract):
    assert main_type(extract("The army halted its offensive in the north.", published=PUB)) == "RETREAT"


@pytest.mark.parametrize("text, stopper", [
    ("Police stopped the attack on the embassy.", "Police"),
    ("Riot police halted the march on parliament.", "Riot police"),
])
def test_who_stops_someone_elses_attack_is_not_its_doer(extract, text, stopper):
    rec = extract(text, published=PUB)
    ev = [e for e in rec.events if e.type in ("ASSAULT", "PROTEST")][0]
    names = {a.id: a.text for a in rec.actors}
    assert stopper not in [names[i] for i in ev.sources], ev.reason
    assert "is not taken for the doer" in ev.reason


@pytest.mark.parametrize("text, modality", [
    ("Police foiled an attack on the embassy.", "negated"),
    ("Soldiers prevented an attack on the base.", "negated"),
    ("Guards thwarted a bombing at the airport.", "negated"),
])
def test_a_prevented_event_is_negated_and_not_the_preventers(extract, text, modality):
    rec = extract(text, published=PUB)
    ev = [e for e in rec.events if e.type == "ASSAULT"][0]
    names = {a.id: a.text for a in rec.actors}
    subject = text.split()[0]
    assert ev.modality == modality, ev.reason
    assert subject not in [names[i] for i in ev.sources]


def test_a_prevented_attack_keeps_the_doer_named_on_it(extract):
    rec = extract("The army prevented the rebels' attack on the town.", published=PUB)
    ev = [e for e in rec.events if e.type == "ASSAULT"][0]
    names = {a.id: a.text for a in rec.actors}
    assert [names[i] for i in ev.sources] == ["the rebels"] and ev.modality == "negated"


def _events(rec, word):
    return [e for e in rec.events if e.trigger.text == word]


def _names(rec, ids):
    by_id = {a.id: a.text for a in rec.actors}
    return [by_id[i] for i in ids]


def test_declining_to_comment_is_no_rejection(extract):
    assert not extract("The ministry declined to comment on the raid.", published=PUB).events
    assert not extract("The officer refused to be named.", published=PUB).events
    assert main_type(extract("The rebels refused to join the talks.", published=PUB)) == "REJECT"


def test_heading_for_a_war_is_no_visit(extract):
    assert not [e for e in extract("Libya is heading for a civil war.", published=PUB).events if e.type == "CONSULT"]
    rec = extract("The minister is heading for Cairo.", published=PUB)
    assert [(e.type, e.mode) for e in _events(rec, "heading")] == [("CONSULT", "visit")]


def test_firing_into_the_air_is_a_show_of_force(extract):
    rec = extract("Police fired into the air to disperse the crowd.", published=PUB)
    fired = _events(rec, "fired")
    assert [(e.type, e.cameo) for e in fired] == [("MOBILIZE", "150")]
    assert not [e for e in rec.events if e.type == "ASSAULT"]
    assert main_type(extract("Gunmen fired on the convoy.", published=PUB)) == "ASSAULT"


def test_being_backed_by_weapons_is_no_support(extract):
    rec = extract("The troops, backed by tanks and helicopters, attacked the town.", published=PUB)
    assert not [e for e in rec.events if e.type == "SUPPORT"]
    rec = extract("The troops, backed by France, attacked the town.", published=PUB)
    [support] = [e for e in rec.events if e.type == "SUPPORT"]
    assert _names(rec, support.sources) == ["France"]


def test_who_is_forced_to_act_acts(extract):
    rec = extract("Rebels were forced to retreat from the town on Monday.", published=PUB)
    [retreat] = _events(rec, "retreat")
    assert _names(rec, retreat.sources) == ["Rebels"]


@pytest.mark.parametrize("text, trigger, sources", [
    # one person is no "they"
    ("They retreated to the airbase, said a resident.", "retreated", ["They"]),
    ("Hungary said it will close the border.", "close", ["Hungary"]),
    ("The rebels said they would attack the town.", "attack", ["The rebels"]),
])
def test_a_pronoun_is_the_speaker_only_when_it_can_refer_to_it(extract, text, trigger, sources):
    rec = extract(text, published=PUB)
    assert _names(rec, _events(rec, trigger)[0].sources) == sources


def test_revolutionaries_and_loyalists_are_agents(extract):
    rec = extract("The revolutionaries captured 20 soldiers.", published=PUB)
    assert _names(rec, _events(rec, "captured")[0].sources) == ["revolutionaries"]
    rec = extract("Loyalists looted the shops.", published=PUB)
    assert _names(rec, _events(rec, "looted")[0].sources) == ["Loyalists"]


def test_committing_an_act_is_no_pledge(extract):
    rec = extract("The militia committed atrocities in the village.", published=PUB)
    assert [(e.type, _names(rec, e.sources)) for e in rec.events] == [("ASSAULT", ["The militia"])]
    rec = extract("The army committed a massacre in the town.", published=PUB)
    assert [e.type for e in rec.events] == ["ASSAULT"]
    assert not [e for e in extract("He committed this act before the trial.", published=PUB).events if e.type == "AGREE"]
    assert main_type(extract("The government committed to holding elections.", published=PUB)) == "AGREE"


def test_a_phrase_of_time_is_no_preposition_an_entry_needs(extract):
    assert not extract("Members of the guard stand by Friday in Cairo.", published=PUB).events
    rec = extract("The UK stands by Iraq.", published=PUB)
    assert [(e.type, _names(rec, e.targets)) for e in rec.events] == [("SUPPORT", ["Iraq"])]


@pytest.mark.parametrize("text, modality", [
    ("He denied giving anything that should have killed the singer.", "hypothetical"),
    ("The rebels would have attacked the town.", "hypothetical"),
    ("The army must withdraw from the city.", "demanded"),
])
def test_a_modal_with_a_perfect_demands_nothing(extract, text, modality):
    rec = extract(text, published=PUB)
    primary = [e for e in rec.events if not e.reason.startswith("intent rule")]
    assert primary[0].modality == modality, primary[0].reason
    if modality == "hypothetical":
        assert not [e for e in rec.events if e.type == "REQUEST"]


def test_who_dies_is_a_victim_and_a_death_alone_is_no_event(extract):
    assert not extract("The singer died at his home in June.", published=PUB).events
    rec = extract("Three soldiers died in clashes with the rebels.", published=PUB)
    [died] = _events(rec, "died")
    assert died.type == "ASSAULT" and died.sources == [] and _names(rec, died.targets) == ["soldiers"]


def test_pleading_not_guilty_is_no_appeal(extract):
    assert not [e for e in extract("He pleaded not guilty to the charge.", published=PUB).events
                if e.type == "REQUEST"]
    assert main_type(extract("The envoy pleaded for restraint.", published=PUB)) == "REQUEST"


@pytest.mark.parametrize("text, trigger, target", [
    ("The doctor is facing a manslaughter charge.", "facing", "The doctor"),
    ("The party drew criticism from the UN.", "criticism", "The party"),
])
def test_who_faces_or_draws_it_undergoes_it(extract, text, trigger, target):
    rec = extract(text, published=PUB)
    [ev] = _events(rec, trigger)
    assert target in _names(rec, ev.targets) and target not in _names(rec, ev.sources)


@pytest.mark.parametrize("text, trigger, sources, targets", [
    ("If convicted, he may face four years in jail.", "convicted", [], ["he"]),
    ("Once captured, the fighters were taken to the capital.", "captured", [], ["the fighters"]),
    ("Backed by France, the rebels attacked the town.", "Backed", ["France"], ["the rebels"]),
])
def test_a_passive_participle_clause_happened_to_the_main_subject(extract, text, trigger, sources, targets):
    rec = extract(text, published=PUB)
    [ev] = _events(rec, trigger)
    assert (_names(rec, ev.sources), _names(rec, ev.targets)) == (sources, targets)


def test_warning_of_others_acts_is_no_threat(extract):
    assert not extract("He warned of a looming disaster next year.", published=PUB).events
    rec = extract("The UN warned of new attacks on civilians.", published=PUB)
    assert not [e for e in rec.events if e.type == "THREATEN"]
    [attacks] = _events(rec, "attacks")
    assert attacks.modality == "hypothetical"
    assert main_type(extract("Iran warned of a crushing response.", published=PUB)) == "THREATEN"
    assert main_type(extract("The minister warned the rebels to stop.", published=PUB)) == "THREATEN"




def test_a_people_target_is_not_replaced_by_the_place(extract):
    rec = extract("The commissioner urged Europeans to postpone travel to Kenya.", published=PUB)
    [urged] = _events(rec, "urged")
    assert _names(rec, urged.targets) == ["Europeans"] and not urged.target_from_place
    # an unnamed group acted on takes the country of the event's place (PLOVER's convention)
    rec = extract("The government outlawed the largest extremist organisation in Northern Ireland.", published=PUB)
    [outlawed] = _events(rec, "outlawed")
    by_id = {a.id: a for a in rec.actors}
    [org] = [by_id[i] for i in outlawed.targets]
    assert "organisation" in org.text and org.country == "GBR", org.reason


def test_being_encouraged_to_act_is_an_appeal_to_the_subject(extract):
    rec = extract("Doctors have been encouraged to prescribe the drug only if necessary.", published=PUB)
    [ev] = _events(rec, "encouraged")
    assert (ev.type, ev.cameo) == ("REQUEST", "020") and _names(rec, ev.targets) == ["Doctors"]


def test_caught_up_in_is_no_capture(extract):
    assert not extract("Many people will be caught up in the first wave of infection.", published=PUB).events


@pytest.mark.parametrize("text, trigger, sources", [
    ("The official accused NATO of striking a secondary school.", "striking", ["NATO"]),
    ("The minister thanked the army for protecting the civilians.", "protecting", ["the army"]),
])
def test_the_one_judged_did_what_the_phrase_says(extract, text, trigger, sources):
    rec = extract(text, published=PUB)
    assert _names(rec, _events(rec, trigger)[0].sources) == sources


def test_the_doer_named_on_the_occasion(extract):
    rec = extract("Two men were killed in a NATO airstrike on the camp.", published=PUB)
    [killed] = _events(rec, "killed")
    assert any("NATO" in n for n in _names(rec, killed.sources))


@pytest.mark.parametrize("text, trigger, speaker", [
    ("Russia criticised the campaign, calling the bombing of Tripoli a violation.", "bombing", "Russia"),
    ("The minister described the shelling of the town as a crime.", "shelling", "The minister"),
])
def test_who_names_an_event_did_not_do_it(extract, text, trigger, speaker):
    rec = extract(text, published=PUB)
    assert speaker not in _names(rec, _events(rec, trigger)[0].sources)


@pytest.mark.parametrize("text, plover", [
    ("The unions called a strike for Monday.", "PROTEST"),
    ("The teachers' strike entered its third week.", "PROTEST"),
    ("Workers staged a one-day strike.", "PROTEST"),
    ("The army launched a strike on the camp.", "ASSAULT"),
    ("Israel carried out an air strike on the town.", "ASSAULT"),
])
def test_a_strike_of_work_is_a_protest(extract, text, plover):
    rec = extract(text, published=PUB)
    assert [e.type for e in _events(rec, "strike")] == [plover]


def test_going_to_war_is_no_meeting(extract):
    assert not [e for e in extract("The rationale for going to war in Iraq was weak.", published=PUB).events
                if e.type == "CONSULT"]
    rec = extract("The minister went to Cairo for talks.", published=PUB)
    assert [e.type for e in _events(rec, "went")] == ["CONSULT"]


def test_kidnappers_are_agents(extract):
    rec = extract("The journalist, just released by kidnappers, was taken to hospital.", published=PUB)
    [released] = _events(rec, "released")
    assert _names(rec, released.sources) == ["kidnappers"] and _names(rec, released.targets) == ["The journalist"]




@pytest.mark.parametrize("text, codes", [
    ("The samples of the cement are released for testing.", False),
    ("Our experts will read the report as soon as it is released.", False),
    ("The militia freed dozens of prisoners.", True),
    ("The army released him on Monday.", True),
])
def test_release_frees_people_only(extract, text, codes):
    rec = extract(text, published=PUB)
    assert bool([e for e in rec.events if e.type == "RETREAT"]) is codes


# Senses that name no event (cues.yaml non_event_objects, object_needed_verbs, natural_causes,
# non_event_particles), each beside a sentence where the same word does code.
@pytest.mark.parametrize("text", [
    "The army released a statement on Monday.",
    "A research group report released today says the war will last years.",
    "She delivered a speech in the square.",
    "The insurgency began to decline in the spring.",
    "An overdose killed the singer.",
    "The flood killed 20 people in the valley.",
    "The cost of fertilizer has shot up nearly 50 dollars a bag.",
    "Wheat futures closed at 5 dollars on Friday.",
    "They are trying to strike a balance between the two demands.",
    "The two ports were destroyed by the earthquake.",
    "The whole building shook from side to side.",
    "Thank goodness our building is alright.",
    "I have heard that many people are at the hotel.",
    "His death helped spark a revolution.",
    "Doctors treated the injured at the hospital.",
])
def test_senses_that_name_no_event_code_nothing(extract, text):
    assert not extract(text, published=PUB).events


@pytest.mark.parametrize("text, plover", [
    ("The rebels released three hostages.", "RETREAT"),
    ("The convoy delivered food to the town.", "AID"),
    ("The minister declined the invitation.", "REJECT"),
    ("The group threatened to deliver devastating blows to the capital.", "THREATEN"),
    ("A bomb killed 20 people in the market.", "ASSAULT"),
    ("Police closed the road to the airport.", "COERCE"),
    ("The rebels struck the base at dawn.", "ASSAULT"),
    ("Gunmen shot two guards at the gate.", "ASSAULT"),
    ("The ports were destroyed by the rebels.", "COERCE"),
    ("The rebels sided with the army.", "SUPPORT"),
    ("The UN helped the refugees return home.", "AID"),
    ("Gunmen wounded three guards.", "ASSAULT"),
    ("Government opponents marched in the capital.", "PROTEST"),
])
def test_the_event_senses_of_the_same_words_still_code(extract, text, plover):
    assert main_type(extract(text, published=PUB)) == plover


def test_lifting_a_state_of_emergency_codes_no_emergency(extract):
    rec = extract("The president will lift the state of emergency next week.", published=PUB)
    assert [e.type for e in rec.events if not e.reason.startswith("intent rule")] == ["CONCEDE"]
    assert not [e for e in rec.events if e.type in ("COERCE", "THREATEN")]
    rec = extract("The army imposed a state of emergency in the north.", published=PUB)
    assert main_type(rec) == "COERCE"
