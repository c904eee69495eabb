"""The places stage: resolution with context, the project's table, organisation names, unknown names."""

from __future__ import annotations

import pytest

from dateline.places.gazetteer import gazetteer
from dateline.places.names import fold
from dateline.places.resolve import Toponym, resolve
from dateline.places.toponyms import link_containers, toponym


def _resolve(text: str, names: list[str]):
    gaz = gazetteer()
    tops = []
    for name in names:
        start = text.index(name)
        tops.append(toponym(gaz, name, start, start + len(name)))
    link_containers(text, tops)
    return resolve(gaz, tops)


def test_fold_accents_and_transliterations():
    assert fold("Khān Shaykhūn") == fold("Khan Shaykhun") == fold("KHAN SHAYKHUN")
    assert fold("St. Louis") == fold("Saint Louis")
    entries = gazetteer().lookup(fold("Khan Sheikhoun"))
    assert any(e.cc == "SY" for e in entries)


def test_same_name_in_two_countries_follows_the_article():
    syria = _resolve("Shelling hit Damascus and Homs, and refugees crossed into Lebanon.",
                     ["Damascus", "Homs", "Lebanon"])[0].entry
    maryland = _resolve("The county fair opened in Damascus, Maryland, near Frederick.",
                        ["Damascus", "Maryland", "Frederick"])[0].entry
    assert syria.country == "SYR" and syria.feature == "city"
    assert maryland.country == "USA" and maryland.admin1 == "Maryland"


def test_province_versus_city():
    prov, city = _resolve("Jets struck Idlib Province overnight; in Idlib itself the market closed.",
                          ["Idlib Province", "Idlib"])
    assert prov.entry.feature == "admin1" and prov.entry.gid == 169387
    assert city.entry.feature == "city" and city.entry.gid != 169387


def test_region_from_the_project_table():
    res = _resolve("Aid trucks waited at the edge of Eastern Ghouta for a second day.", ["Eastern Ghouta"])[0]
    assert res.entry.feature == "region" and res.entry.gid < 0
    assert res.entry.lat == pytest.approx(33.55, abs=0.3) and "regions.tsv" in res.reason


def test_state_abbreviation_is_the_container():
    town, state = _resolve("A mill closed in Corbin, Ky., last week.", ["Corbin", "Ky."])
    assert state.entry.name == "Kentucky" and "abbreviation" in state.reason
    assert town.entry.admin1 == "Kentucky"


def test_unknown_name_has_no_coordinates():
    res = _resolve("Scouts camped by Lake Qwertzuiop overnight.", ["Lake Qwertzuiop"])[0]
    assert res.entry is None and res.score == 0.0 and "kept without coordinates" in res.reason


def test_demonym_names_a_country():
    res = _resolve("Ukrainian drones were seen overnight.", ["Ukrainian"])[0]
    assert res.entry.feature == "country" and res.entry.country == "UKR"


def test_user_table_adds_a_region_and_moves_a_point(tmp_path):
    from dateline.places.gazetteer import Gazetteer

    table = tmp_path / "mine.tsv"
    table.write_text("# a user's table\nname\taliases\tfeature\tgeonameid\tlat\tlon\tcountry\tsource\n"
                     "Lower Qirma Valley\tQirma Lowlands\tregion\t\t12.5\t30.25\tSD\tour field map\n"
                     "Idlib\t\tadmin1\t169387\t35.8\t36.6\tSY\tour analysts' point\n", encoding="utf-8")
    gaz = Gazetteer(tables=[table])
    region = gaz.lookup(fold("Qirma Lowlands"))
    assert region and region[0].feature == "region" and region[0].lat == 12.5
    idlib = gaz.get(169387)
    assert (idlib.lat, idlib.lon) == (35.8, 36.6) and idlib.coord == "table:mine.tsv"
