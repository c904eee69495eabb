"""How the entities eval types and picks the spans the stages produce (no gold data needed)."""

from __future__ import annotations

from dateline.eval.entities import predict
from dateline.model import Actor, Article, Mention, Record

ROLES = {"soldier": ["MIL", "person", None], "minister": ["GOV", "person", "minister"],
         "army": ["MIL", "group", None]}


def _record(text: str, actors: list[tuple[str, str]], mentions: list[tuple[str, str]] = ()) -> Record:
    rec = Record(article=Article(id="t", text=text))
    out = []
    for n, (words, reason) in enumerate(actors):
        start = text.index(words)
        out.append(Actor(id=f"t:a{n}", text=words, start=start, end=start + len(words), reason=reason))
    rec.actors = out
    rec.mentions = [Mention(id=f"t:m{n}", text=w, start=text.index(w), end=text.index(w) + len(w), label=lab)
                    for n, (w, lab) in enumerate(mentions)]
    return rec


def _typed(text, actors, mentions=()):
    return {text[s:e]: t for s, e, t in predict(_record(text, actors, mentions), ROLES)}


def test_plural_person_role_and_demonym_noun_are_groups():
    text = "Iraqi soldiers and the minister met two Moroccans."
    got = _typed(text, [("Iraqi soldiers", "role 'soldier' + demonym 'Iraqi'"),
                        ("the minister", "role 'minister'; no country in the text"),
                        ("Moroccans", "demonym 'Moroccans' as a noun -> people of Morocco (CVL)")])
    assert got == {"Iraqi soldiers": "Organisation", "the minister": "Person", "Moroccans": "Organisation"}


def test_pronouns_are_typed_by_what_they_refer_to():
    text = "I said we would help them, and they agreed."
    got = _typed(text, [("I", "first-person 'I' -> the speaker Jane Doe"),
                        ("we", "first-person plural 'we' -> the group of the speaker Jane Doe"),
                        ("they", "plural pronoun 'they' -> the rebels")])
    assert got == {"I": "Person", "we": "Organisation", "they": "Organisation"}


def test_an_actor_inside_a_longer_one_is_not_scored_alone():
    text = "The members of the Security Council met."
    got = _typed(text, [("The members of the Security Council", "role 'member' + 'of United Nations'"),
                        ("the Security Council", "KB alias 'Security Council' -> UN Security Council")],
                 [("the Security Council", "ORG")])
    assert got == {"The members of the Security Council": "Organisation"}


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
