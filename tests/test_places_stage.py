"""The places stage through the pipeline: spans kept, organisations skipped, roles from the syntax."""

from __future__ import annotations


def _places(extract, text):
    return {p.text: p for p in extract(text, published="2024-05-02").places}


def test_places_from_the_pipeline_keep_evidence(extract):
    text = "Rebels shelled the town of Saraqib in Idlib Province on Monday, officials in Ankara said."
    rec = extract(text, published="2024-05-02")
    assert "places" in rec.stages
    by_text = {p.text: p for p in rec.places}
    assert by_text["Idlib Province"].feature == "admin1"
    for p in rec.places:
        assert text[p.start:p.end] == p.text and p.reason


def test_place_inside_an_organisation_name_is_not_a_place(extract):
    places = _places(extract, "Analysts at the Kyiv School of Economics met reporters in Warsaw on Friday.")
    assert "Kyiv" not in places
    assert places["Warsaw"].country == "POL"


def test_comparison_is_not_a_location(extract):
    places = _places(extract, "The disputed district, about as large as Luxembourg, was shelled on Sunday. "
                              "The ministers met outside Berlin on Tuesday.")
    assert places["Luxembourg"].role == "comparison"
    assert places["Berlin"].role == "location" and places["Berlin"].country == "DEU"


def test_unknown_place_is_kept_without_coordinates(extract):
    places = _places(extract, "Villagers fled the Zorbuxistan Valley after the floods, the mayor said.")
    unknown = [p for p in places.values() if "Zorbuxistan" in p.text]
    assert unknown and unknown[0].lat is None and unknown[0].geonameid is None and unknown[0].score == 0.0


def test_odd_input_does_not_crash(extract):
    for text in ("", "Hi", "🙂 🙂", "Paris, " * 200):
        rec = extract(text)
        assert not [r for r in rec.rejects if r.stage == "places"]


def test_direction_of_a_town_is_a_location_and_bare_name_is_the_city(extract):
    places = _places(extract, "Government troops shelled rebel positions north of Hama on Sunday.")
    assert places["Hama"].role == "location"
    assert places["Hama"].feature == "city" and places["Hama"].country == "SYR"


def test_feature_names_and_names_in_place_positions_are_places_not_actors(extract):
    rec = extract("Water is released from the Samarra Barrage into Lake Tharthar. He condemned the attack "
                  "on a restaurant at al-Hilla.", published="2024-05-02")
    places = {p.text for p in rec.places}
    assert {"the Samarra Barrage", "Lake Tharthar", "al-Hilla"} <= places
    # no person or organisation made of them (the events stage may still take a place as a target)
    assert not [a for a in rec.actors if a.reason.startswith(("unknown person", "unknown organisation"))]


def test_place_span_takes_its_classifier_but_the_name_is_looked_up(extract):
    text = "Shells hit the city of Aleppo and the old quarter of Homs on Monday."
    rec = extract(text, published="2024-05-02")
    aleppo = [p for p in rec.places if p.name == "Aleppo"][0]
    assert aleppo.text == "the city of Aleppo" == text[aleppo.start:aleppo.end]
    assert aleppo.country == "SYR"


def test_a_religious_group_before_a_place_is_no_place(extract):
    places = _places(extract, "Shells fell in Christian east Beirut on Sunday.")
    assert "Christian" not in places and places["Beirut"].country == "LBN"



def test_common_noun_places_are_nominal_and_unresolved(extract):
    text = ("Gunmen attacked a petrol station near the market in Kandahar on Monday. "
            "The city council met the next day and all the schools were closed.")
    places = _places(extract, text)
    assert places["Kandahar"].kind == "toponym"
    for name in ("a petrol station", "the market", "the schools"):
        p = places[name]
        assert p.kind == "nominal" and p.geonameid is None and p.lat is None and p.country is None
        assert text[p.start:p.end] == name
    # "city" modifies "council": no place mention
    assert not any(p.text.endswith("city") for p in places.values())


def test_nominal_place_is_not_an_event_location(extract):
    rec = extract("Militants bombed a hospital in Kandahar on Monday.", published="2024-05-02")
    kinds = {p.id: p.kind for p in rec.places}
    assert "nominal" in kinds.values()
    assert rec.events and all(kinds.get(e.place, "toponym") == "toponym" for e in rec.events)


def test_town_country_pair_is_linked_and_a_list_is_not(extract):
    places = _places(extract, "Clashes were reported in Mosul, Iraq on Friday. Ministers from Syria, Jordan "
                              "and Egypt met in Cairo.")
    assert places["Mosul"].within == places["Iraq"].id
    assert places["Syria"].within is None and places["Jordan"].within is None


def test_name_joined_to_a_common_noun_place_is_a_place(extract):
    places = _places(extract, "Jets pounded Aleppo and other towns in the north on Sunday. Historic cities "
                              "such as Palmyra were damaged.")
    assert places["Aleppo"].kind == "toponym" and places["Aleppo"].country == "SYR"
    assert places["other towns"].kind == "nominal"
    assert "Palmyra" in places


def test_person_joined_to_a_facility_noun_is_no_place(extract):
    places = _places(extract, "A former worker sued Bartholomew Quayle and the church in Atlanta last year.")
    assert not any("Quayle" in name for name in places)


def test_a_name_used_as_a_place_is_a_place_throughout_the_article(extract):
    # The tagger reads "Zor Mughar" as a person each time; "in Zor Mughar" shows it is a place, and the
    # other mentions are the same place, not a person.
    rec = extract("Clashes erupted in Zor Mughar. Troops later entered Zor Mughar and Zor Mughar was calm.")
    assert [p.text for p in rec.places if p.kind == "toponym"] == ["Zor Mughar"] * 3
    assert not [a for a in rec.actors if "Zor Mughar" in a.text]


def test_subject_of_is_a_village_is_a_place_and_the_complement_no_nominal_place(extract):
    rec = extract("Bakhira is a village in eastern Syria.")
    places = {p.text: p for p in rec.places}
    assert "Bakhira" in places and "a village" not in places
    assert not [a for a in rec.actors if a.text == "Bakhira"]


def test_name_before_governorate_is_a_place(extract):
    rec = extract("Fighters left Qardaha governorate.")
    assert "Qardaha governorate" in {p.text for p in rec.places}
    assert not [a for a in rec.actors if "Qardaha" in a.text]


def test_coordinates_are_places_with_their_point(extract):
    rec = extract("The dam lies at 35°12′N 43°52′W, its gauge at 35.200; -43.867, on the river.")
    coords = [p for p in rec.places if p.kind == "coordinates"]
    assert [(p.text, p.lat, p.lon) for p in coords] == [("35°12′N 43°52′W", 35.2, -43.86667),
                                                         ("35.200; -43.867", 35.2, -43.867)]
    assert all(p.geonameid is None and p.score == 1.0 for p in coords)


def test_ratio_is_no_coordinate(extract):
    rec = extract("The ratio rose from 1.25;3.50 to 2.5 last year.")
    assert not [p for p in rec.places if p.kind == "coordinates"]


def test_classifier_with_modifiers_and_an_of_container(extract):
    rec = extract("Shelling hit the Jadida district of Mosul and the ancient village of Maaloula.")
    places = {p.text: p for p in rec.places}
    assert "the ancient village of Maaloula" in places
    # the district is not in the gazetteer; "of" after its admin word says it lies in Mosul
    district = places["the Jadida district"]
    assert district.within == places["Mosul"].id


def test_a_name_classifying_an_area_noun_takes_it_in(extract):
    places = _places(extract, "Shelling hit the Wadi Zamzam area on Monday. Farmers left the Idlib "
                              "countryside.")
    assert "the Wadi Zamzam area" in places
    p = places["the Idlib countryside"]
    assert p.country == "SYR"  # the name, not the noun, is looked up


def test_a_feature_named_without_its_feature_word_is_that_place(extract):
    rec = extract("The Haditha Barrage holds back the Euphrates River. In summer the Euphrates runs low "
                  "below the dam.", published="2024-05-02")
    assert "the Euphrates" in {p.text for p in rec.places}
    assert "Euphrates" not in {a.text for a in rec.actors}
