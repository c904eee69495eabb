"""The verb lexicon generated from PETRARCH2's CAMEO verb dictionary, and the rules that keep its
broader coverage from coding what is no event. Dictionary snippets and sentences are written here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dateline.events import build_verbs, lexicon

PUB = "2024-05-10"
SHARED = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "actors" / "petrarch2-dictionaries"

# A dictionary in PETRARCH2's format, invented for the test: synonym sets, coded and uncoded blocks,
# patterns with objects, phrases, sets, prepositions, subject conditions and comments naming a verb.
SNIPPET = """\
####### SYNONYM SETS #######

&ENVOY
+MEDIATOR
+PEACE_ENVOY {}

####### VERB PATTERNS #######

---  SCOLD   [111]  ---
SCOLD
UPBRAID {UPBRAIDS UPBRAIDED}
DOMINATE
- * &ENVOY                       [112]   # UPBRAID
- * (FOR LATENESS)               [114]   # SCOLD
- GUARDS * PRISONERS             [173]   # SCOLD
- * ENVOY (FOR DELAY)            [110]   # SCOLD
- * {DRAFT TREATY}               [---]   # SCOLD

---  HAMMER   [190]  ---
HAMMER
DOMINATE
- * OUT {PEACE DEAL}             [0356]  # HAMMER

---  PLEAD   [---]  ---
PLEAD
+CALL_FOR {+CALLS_FOR +CALLED_FOR} [0256]
- * (WITH DONORS)                [0233]  # PLEAD

---  NEED   [100]  ---
NEED

---  STEWARD   [060]  ---
STEWARD
MANAGE
SUPERINTEND
- * {JOINT VENTURE}              [061]   # SUPERINTEND
"""


@pytest.fixture()
def entries(tmp_path):
    path = tmp_path / "CAMEO.2.0.txt"
    path.write_text(SNIPPET, encoding="utf-8")
    sets, blocks = build_verbs.read_dictionary(path)
    return build_verbs.build_entries(sets, blocks, lexicon.read_crosswalk())


def _find(entries, verb, **cond):
    return [e for e in entries if verb in e["verbs"] and all(sorted(e.get(k, [])) == sorted(v) for k, v in cond.items())]


def test_block_code_gives_unconditional_entries(entries):
    scold = _find(entries, "scold", objects=[], preps=[])
    assert [e["type"] for e in scold] == ["ACCUSE"] and scold[0]["cameo"] == "111"
    assert _find(entries, "upbraid", objects=[], preps=[])   # a synonym of the block


def test_unspecified_root_code_goes_to_the_block_verb_only(entries):
    # 060 is "material cooperation, not specified": the block's own verb keeps it, its WordNet
    # synonyms do not ("manage" a town is no cooperation), but their patterns stay
    assert _find(entries, "steward", objects=[], preps=[])
    assert not _find(entries, "manage", objects=[], preps=[])
    assert not _find(entries, "superintend", objects=[], preps=[])
    assert _find(entries, "superintend", objects=["joint venture"])


def test_ambiguous_and_generic_verbs_get_no_unconditional_entry(entries):
    # "dominate" is listed under ACCUSE and under ASSAULT: ambiguous
    assert not _find(entries, "dominate", objects=[], preps=[])
    # "need" names no event without its object
    assert not _find(entries, "need", objects=[], preps=[])


def test_patterns_become_conditions(entries):
    # a synonym set, for the verb the comment names only
    envoy = _find(entries, "upbraid", objects=["mediator", "peace envoy"])
    assert envoy and envoy[0]["cameo"] == "112"
    assert not _find(entries, "scold", objects=["mediator", "peace envoy"])
    # a prepositional phrase: preposition and object
    assert _find(entries, "scold", objects=["lateness"], preps=["for"])
    # a particle and a two-word phrase: "hammer out a peace deal" is AGREE
    deal = _find(entries, "hammer", objects=["peace deal"], preps=["out"])
    assert deal and deal[0]["type"] == "AGREE"
    # an appeal (CAMEO 02) is REQUEST, and a multi-word verb keeps its preposition
    call = _find(entries, "call", preps=["for"])
    assert call and call[0]["type"] == "REQUEST"
    assert _find(entries, "plead", objects=["donor", "donors"], preps=["with"])


def test_patterns_the_lexicon_cannot_test_are_left_out(entries):
    # a subject condition, two objects, and an explicit "no event"
    assert not _find(entries, "scold", objects=["prisoner"])
    assert not _find(entries, "scold", objects=["envoy"], preps=["for"])
    assert not _find(entries, "scold", objects=["draft treaty"])


def test_generated_file_loads_fast_and_yields_to_written_entries():
    lex = lexicon.load()
    generated = [e for e in lex.entries if e.generated]
    assert len(generated) > 1000
    # "arrest" is COERCE in the written lexicon, whatever the generated patterns say
    assert not lex.verbs["arrest"][0].generated
    data = json.loads((lexicon.DATA / lexicon.GENERATED).read_text(encoding="utf-8"))
    assert data["generated"] is True and "PETRARCH2" in data["about"] and "MIT" in data["about"]


@pytest.mark.skipif(not (SHARED / "CAMEO.2.0.txt").exists(), reason="../shared/data PETRARCH2 dictionaries absent")
def test_build_is_deterministic_and_matches_the_committed_file(tmp_path):
    out = tmp_path / "lexicon_petrarch.json"
    build_verbs.build(SHARED, out)
    assert out.read_bytes() == (lexicon.DATA / lexicon.GENERATED).read_bytes()


def _events(rec):
    return sorted(rec.events, key=lambda e: -e.score)


def _names(rec, ids):
    by_id = {a.id: a.text for a in rec.actors}
    return [by_id[i] for i in ids]


@pytest.mark.parametrize("text, plover", [
    ("The court acquitted the opposition leader on Monday.", "CONCEDE"),
    ("The army besieged the rebel town for a month.", "COERCE"),
    ("The minister castigated Iran over the missile test.", "ACCUSE"),
    ("Gunmen abducted two aid workers near the border.", "ASSAULT"),
])
def test_generated_verbs_code_events(extract, text, plover):
    rec = extract(text, published=PUB)
    assert rec.events and _events(rec)[0].type == plover


def test_governing_verbs_are_no_cooperation(extract):
    # "controlled by" names who holds the town, not a partner: no COOPERATE pair between them
    rec = extract("The port town has been controlled by the rebel militia since March.", published=PUB)
    assert not [e for e in rec.events if e.type in ("COOPERATE", "SUPPORT", "AGREE")]


def test_generated_verb_sense_needs_a_participant(extract):
    # "respect" codes SUPPORT only when what is respected is an actor
    assert not [e for e in extract("The parties respected the ruling.", published=PUB).events if e.type == "SUPPORT"]


def test_entry_preposition_gives_the_target(extract):
    rec = extract("Britain stands by Jordan.", published=PUB)
    ev = _events(rec)[0]
    assert ev.type == "SUPPORT"
    assert _names(rec, ev.sources) == ["Britain"] and _names(rec, ev.targets) == ["Jordan"]


def test_commitment_to_attack_is_a_threat_and_lends_no_partner(extract):
    rec = extract("The alliance is committed to destroying the armed group.", published=PUB)
    top = _events(rec)[0]
    assert top.type == "THREATEN"
    rec = extract("The government is committed to supporting the refugees.", published=PUB)
    assert _events(rec)[0].type == "AGREE"


def test_cooperative_event_does_not_inherit_the_target_of_an_intended_attack(extract):
    rec = extract("The two ministers agreed to bomb the militia camps.", published=PUB)
    agree = [e for e in rec.events if e.type == "AGREE"]
    assert agree and not any("militia" in t for e in agree for t in _names(rec, e.targets))


def test_refusal_and_request_take_their_place_as_target(extract):
    # PLOVER's convention, now for REJECT and REQUEST too: with no target in the text, the place stands for it
    rec = extract("The rebels refused to take part in the conference in Nigeria.", published=PUB)
    ev = _events(rec)[0]
    assert ev.type == "REJECT"
    assert [a.country for a in rec.actors if a.id in ev.targets] == ["NGA"]
    rec = extract("Thousands of refugees sought asylum in Germany last year.", published=PUB)
    ev = _events(rec)[0]
    assert ev.type == "REQUEST"
    assert [a.country for a in rec.actors if a.id in ev.targets] == ["DEU"]


def test_owner_on_the_noun_is_the_source_not_a_second_party(extract):
    # the light verb's subject speaks for the side named on the noun: one source, not two partners
    rec = extract("The foreign minister reiterated British support for the Kurdish fighters.", published=PUB)
    ev = [e for e in rec.events if e.type == "SUPPORT"][0]
    assert _names(rec, ev.sources) == ["British"]
    # a possessive pronoun stands for the subject, which stays the source
    rec = extract("The envoys held their first meeting with the president.", published=PUB)
    ev = [e for e in rec.events if e.type == "CONSULT"][0]
    assert _names(rec, ev.sources) == ["The envoys"]
