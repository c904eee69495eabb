"""How the entities eval types and picks the spans the stages produce (no gold data needed)."""

from __future__ import annotations

from dateline.eval.entities import predict
from dateline.model import Actor, Article, Mention, Record

ROLES = {"soldier": ["MIL", "person", None], "minister": ["GOV", "person", "minister"],
         "army": ["MIL", "group", None]}


def _record(text: str, actors: list[tuple[str, str]], mentions: list[tuple[str, str]] = ()) -> Record:
    """``actors``: (words, entity_type) pairs."""
    rec = Record(article=Article(id="t", text=text))
    out = []
    for n, (words, etype) in enumerate(actors):
        start = text.index(words)
        out.append(Actor(id=f"t:a{n}", text=words, start=start, end=start + len(words), entity_type=etype))
    rec.actors = out
    rec.mentions = [Mention(id=f"t:m{n}", text=w, start=text.index(w), end=text.index(w) + len(w), label=lab)
                    for n, (w, lab) in enumerate(mentions)]
    return rec


def _typed(text, actors, mentions=()):
    return {text[s:e]: t for s, e, t in predict(_record(text, actors, mentions), ROLES)}


def test_actors_are_typed_by_their_entity_type_not_their_reason():
    # re3d's Organisation is "a group of people, a government, a company, or a family"; its Nationality
    # is an ethnic or religious identity. An actor without a type (the author of a work) is not scored.
    text = "Iraqi soldiers and the minister met three Egyptians, ethnic Albanians and the report's authors."
    got = _typed(text, [("Iraqi soldiers", "group"), ("the minister", "person"), ("three Egyptians", "group"),
                        ("ethnic Albanians", "ethnic group"), ("authors", None)])
    assert got == {"Iraqi soldiers": "Organisation", "the minister": "Person", "three Egyptians": "Organisation",
                   "ethnic Albanians": "Nationality"}


def test_an_actor_inside_a_longer_one_is_not_scored_alone():
    text = "The members of the Security Council met."
    got = _typed(text, [("The members of the Security Council", "group"), ("the Security Council", "group")],
                 [("the Security Council", "ORG")])
    assert got == {"The members of the Security Council": "Organisation"}


def test_person_and_organisation_entities_the_actors_stage_declined_are_not_scored():
    # "Operation Desert Hammer" is tagged ORG but names an event: the actors stage makes no actor of it,
    # and the eval does not type the bare entity itself. Place-like entities still count.
    text = "Operation Desert Hammer began near Tell Hamra."
    got = _typed(text, [], [("Operation Desert Hammer", "ORG"), ("Tell Hamra", "GPE")])
    assert got == {"Tell Hamra": "Location"}


def test_plural_demonym_place_is_a_group_and_singular_a_nationality():
    from dateline.model import Place

    text = "Thousands of Syrians fled the Syrian border town."
    rec = _record(text, [])
    rec.places = [Place(id="t:p0", text="Syrians", start=13, end=20, country="SYR"),
                  Place(id="t:p1", text="Syrian", start=30, end=36, country="SYR")]
    got = {text[s:e]: t for s, e, t in predict(rec, ROLES, {"syrian": "SYR", "syrians": "SYR"})}
    assert got == {"Syrians": "Organisation", "Syrian": "Nationality"}


def test_nominal_place_is_a_location_and_a_town_country_pair_one_span():
    from dateline.model import Place

    text = "A school in Mosul, Iraq was shelled."
    rec = _record(text, [])
    rec.places = [Place(id="t:p0", text="Mosul", start=12, end=17, country="IRQ", within="t:p1"),
                  Place(id="t:p1", text="Iraq", start=19, end=23, country="IRQ"),
                  Place(id="t:p2", text="A school", start=0, end=8, kind="nominal")]
    got = {text[s:e]: t for s, e, t in predict(rec, ROLES, {})}
    assert got == {"Mosul, Iraq": "Location", "A school": "Location"}


def test_a_demonym_of_the_places_table_is_a_nationality():
    from dateline.model import Place

    # "Kurdish" is in the places stage's demonym table though not the actors KB's.
    text = "The book was written in Kurdish."
    rec = _record(text, [])
    rec.places = [Place(id="t:p0", text="Kurdish", start=24, end=31, country="IRQ", role="origin")]
    got = {text[s:e]: t for s, e, t in predict(rec, ROLES, {})}
    assert got == {"Kurdish": "Nationality"}


def test_coordinates_are_locations():
    from dateline.model import Place

    text = "Coordinates: 12°30′N 40°15′E"
    rec = _record(text, [])
    rec.places = [Place(id="t:p0", text="12°30′N 40°15′E", start=13, end=28, lat=12.5, lon=40.25,
                        kind="coordinates")]
    got = {text[s:e]: t for s, e, t in predict(rec, ROLES, {})}
    assert got == {"12°30′N 40°15′E": "Location"}


def test_a_norp_on_a_word_that_is_no_nationality_is_not_scored():
    # The tagger's NORP also falls on town and person names; only words that could be a nationality,
    # ethnic or religious identity count ("Lebanese", "Kurdish", "Alawites", a known demonym).
    text = "Lebanese and Kurdish traders met Alawites west of Zumarra and spoke to Hamad."
    got = _typed(text, [], [("Lebanese", "NORP"), ("Kurdish", "NORP"), ("Alawites", "NORP"),
                            ("Zumarra", "NORP"), ("Hamad", "NORP")])
    assert got == {"Lebanese": "Nationality", "Kurdish": "Nationality", "Alawites": "Nationality"}


def test_the_author_named_inside_a_work_is_scored():
    # "new EU sanctions" is a work (an actor without a type); the organisation the tagger found in it is
    # scored. An ORG outside any actor still is not.
    text = "New EU sanctions hit the Acme Group."
    got = _typed(text, [("New EU sanctions", None)], [("EU", "ORG"), ("Acme Group", "ORG")])
    assert got == {"EU": "Organisation"}
