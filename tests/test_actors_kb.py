"""The actor knowledge base: its data files, the compiled file, date validity and a user's own file."""

from __future__ import annotations

import datetime as dt

import pytest

from dateline.actors.build_kb import KB_DIR, read_psv
from dateline.actors.kb import KB_FILE, load_kb, role_at
from dateline.actors.stage import compute_actors


def test_compiled_kb_is_small_and_loads():
    # Its load time is a benchmark's business, not a unit test's: a timed assert fails on a busy machine.
    assert KB_FILE.stat().st_size < 3_000_000
    load_kb.cache_clear()
    kb = load_kb()
    assert kb.version == "1"
    assert len(kb.entities) > 10_000


def test_source_tables_are_well_formed():
    countries = {r["iso3"] for r in read_psv(KB_DIR / "countries.psv")}
    assert len(countries) >= 193
    for row in read_psv(KB_DIR / "people.psv"):
        assert row["country"] in countries or row["country"].startswith("org:"), row
        assert row["start"], row
        assert not row["end"] or row["end"] >= row["start"], row
    sectors = {"GOV", "MIL", "COP", "JUD", "LEG", "SPY", "REB", "INS", "UAF", "OPP", "PTY", "IGO", "NGO", "MED",
               "BUS", "REL", "CRM", "CVL", "REF", "HLH", "EDU", "LAB", "SUP", "ELI"}
    for name in ("orgs.psv", "people.psv", "roles.psv"):
        for row in read_psv(KB_DIR / name):
            assert row["sector"] in sectors, (name, row)


def test_every_kb_person_alias_reaches_its_entry():
    kb = load_kb()
    assert ["p:antonio-guterres", ""] in kb.aliases["guterres"]
    assert ["org:isis", "IS"] in kb.aliases["is"]  # an acronym that must appear in capitals


def test_role_at_dates():
    kb = load_kb()
    merkel = kb.entity("p:angela-merkel")
    assert role_at(merkel, dt.date(2015, 1, 1))[1] == "current"
    assert role_at(merkel, dt.date(2023, 1, 1))[1] == "former"
    assert role_at(merkel, dt.date(2001, 1, 1))[1] == "not-yet"
    assert kb.office_holder("GBR", "prime minister", dt.date(2020, 1, 1)) == "p:boris-johnson"
    assert kb.office_holder("GBR", "prime minister", dt.date(2017, 1, 1)) == "p:theresa-may"


def test_user_file_adds_people_and_organisations(tmp_path, nlp):
    user = tmp_path / "my_actors.yaml"
    user.write_text(
        "version: 1\n"
        "people:\n"
        "  - name: Zora Kettleby\n"
        "    aliases: [Kettleby]\n"
        "    country: KEN\n"
        "    roles:\n"
        "      - {sector: GOV, role: interior minister, start: 2024-01-15}\n"
        "orgs:\n"
        "  - id: org:lakeside-militia\n"
        "    name: Lakeside Militia\n"
        "    aliases: [LSM]\n"
        "    country: KEN\n"
        "    sector: UAF\n", encoding="utf-8")
    kb = load_kb(str(user))
    text = "Zora Kettleby said the LSM had attacked the village."
    drafts = compute_actors(nlp(text), kb, dt.date(2024, 6, 1))
    by_kb = {d.kb_id: d for d in drafts if d.kb_id}
    assert by_kb["u:zora-kettleby"].country == "KEN" and by_kb["u:zora-kettleby"].sector == "GOV"
    assert by_kb["org:lakeside-militia"].sector == "UAF"
    before = compute_actors(nlp(text), kb, dt.date(2020, 6, 1))
    assert [d.sector for d in before if d.kb_id == "u:zora-kettleby"] == [None]  # not yet in office


def test_bad_user_file_gives_a_coded_error(tmp_path):
    from dateline.errors import DatelineError

    bad = tmp_path / "bad.yaml"
    bad.write_text("people: [unclosed", encoding="utf-8")
    with pytest.raises(DatelineError) as err:
        load_kb(str(bad))
    assert err.value.code == "E005"
