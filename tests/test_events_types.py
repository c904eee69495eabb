"""Event detection and typing: PLOVER types, nominal triggers, compound sources, the lexicon files."""

from __future__ import annotations

import pytest

from dateline.events import lexicon
from dateline.events.detect import find_candidates
from dateline.model import PLOVER_TYPES

PUB = "2024-05-10"


def main_type(rec):
    return max(rec.events, key=lambda e: e.score).type if rec.events else None


@pytest.mark.parametrize("text, plover", [
    ("The two governments agreed to reopen the border crossing.", "AGREE"),
    ("The foreign minister met his Turkish counterpart in Ankara.", "CONSULT"),
    ("The ministry praised the mediators for their patience.", "SUPPORT"),
    ("Donors gave the agency five million dollars for shelters.", "AID"),
    ("The militia released twelve hostages on Sunday.", "RETREAT"),
    ("The union demanded that the ministry raise wages.", "REQUEST"),
    ("The opposition accused the police of torturing detainees.", "ACCUSE"),
    ("The rebels rejected the peace plan on Friday.", "REJECT"),
    ("The militia threatened to shell the airport.", "THREATEN"),
    ("Thousands of students demonstrated in the capital.", "PROTEST"),
    ("The bloc imposed sanctions on three generals.", "SANCTION"),
    ("The army deployed tanks along the frontier.", "MOBILIZE"),
    ("Police arrested forty protesters near the parliament.", "COERCE"),
    ("Warplanes bombed two villages overnight.", "ASSAULT"),
])
def test_main_event_type(extract, text, plover):
    assert main_type(extract(text, published=PUB)) == plover


@pytest.mark.parametrize("text, plover, trigger", [
    ("The bombing of the hospital drew wide condemnation.", "ASSAULT", "bombing"),
    ("Talks in Geneva ended without a deal.", "CONSULT", "Talks"),
    ("The army launched an offensive on the northern province.", "ASSAULT", "offensive"),
    ("The envoys held talks with the rebel leaders.", "CONSULT", "talks"),
])
def test_nominal_triggers(extract, text, plover, trigger):
    rec = extract(text, published=PUB)
    assert any(e.type == plover and e.trigger.text == trigger for e in rec.events), rec.events


def test_light_verb_passes_its_subject_to_the_noun(extract):
    rec = extract("The army launched an offensive on the northern province.", published=PUB)
    ev = next(e for e in rec.events if e.trigger.text == "offensive")
    names = {a.id: a.text for a in rec.actors}
    assert [names[i] for i in ev.sources] and "army" in names[ev.sources[0]]


def test_compound_sources_split(extract):
    rec = extract("Russian and regime warplanes bombed the town, killing 30 civilians.", published=PUB)
    ev = next(e for e in rec.events if e.trigger.text == "bombed")
    assert len(ev.sources) == 2
    texts = {a.id: a.text for a in rec.actors}
    joined = " ".join(texts[i] for i in ev.sources)
    assert "Russian" in joined and "regime" in joined
    assert ev.mode == "aerial" and ev.cameo == "195"
    assert ev.acled_type == "Explosions/Remote violence" and ev.acled_subtype == "Air/drone strike"


def test_unresolved_agent_becomes_an_actor_with_reason(extract):
    rec = extract("Gunmen abducted three aid workers near the dam.", published=PUB)
    ev = next(e for e in rec.events if e.type == "ASSAULT")
    src = next(a for a in rec.actors if a.id == ev.sources[0])
    assert src.text == "Gunmen"
    assert "unresolved event argument" in src.reason


def test_every_event_has_evidence(extract):
    text = "Rebels seized the airport on Monday after a short battle."
    rec = extract(text, published=PUB)
    assert rec.events
    for ev in rec.events:
        assert text[ev.trigger.start:ev.trigger.end] == ev.trigger.text
        assert ev.sentence.start <= ev.trigger.start < ev.sentence.end
        assert ev.reason and 0 < ev.score <= 1
        assert ev.type in PLOVER_TYPES
        assert ev.intensity is not None and -10 <= ev.intensity <= 10


def test_time_falls_back_to_publication_date(extract):
    rec = extract("Protesters blocked the main highway with tractors.", published=PUB)
    ev = rec.events[0]
    assert ev.time.from_ == "publication date"
    assert str(ev.time.start_date) == PUB
    assert "publication date" in ev.reason


def test_lexicon_entries_are_valid_and_their_examples_code(nlp):
    lex = lexicon.load()
    assert set(lex.categories) == set(PLOVER_TYPES)
    for entry in lex.entries:
        row = lex.cameo.get(entry.cameo)
        assert row is not None, f"{entry.type} {entry.cameo}: not in the crosswalk"
        # a deviation from the crosswalk must be explained in the entry
        assert row[0] == entry.type or entry.note, f"{entry.type} {entry.cameo} vs crosswalk {row[0]}"
        for example in entry.examples:
            found = {c.entry.type for c in find_candidates(nlp(example)[:], lex)}
            assert entry.type in found, f"{example!r} codes {found}, not {entry.type}"


def test_user_lexicon_extends_the_shipped_one(nlp, tmp_path):
    extra = tmp_path / "mine.yaml"
    extra.write_text('triggers:\n  - type: PROTEST\n    mode: demo\n    cameo: "141"\n    verbs: [flashmob]\n',
                     encoding="utf-8")
    lex = lexicon.load([extra])
    assert lex.verbs["flashmob"][0].type == "PROTEST"
    assert "bomb" in lex.verbs        # the shipped entries are still there


def test_odd_input_does_not_crash(extract):
    for text in ["", "Hi.", "🙂🙂🙂", "attack " * 300]:
        rec = extract(text)
        assert not [r for r in rec.rejects if r.stage == "events"]


def test_tear_gas_is_crowd_control_not_shelling(extract):
    rec = extract("Riot police fired tear gas at the marchers outside the ministry.", published=PUB)
    ev = next(e for e in rec.events if e.trigger.text == "fired")
    assert ev.type == "COERCE" and ev.acled_subtype == "Protest with intervention"


def test_a_passive_meet_is_no_meeting(extract):
    rec = extract("Any incursion would be met with force, the ministry said.", published=PUB)
    assert not [e for e in rec.events if e.type == "CONSULT"]


def test_mobilized_force_is_a_size_not_a_target(extract):
    rec = extract("The navy massed more than 40 warships off the coast.", published=PUB)
    ev = next(e for e in rec.events if e.type == "MOBILIZE")
    assert not ev.targets            # the warships are the force, not its target
    assert [(q.kind, q.min) for q in ev.quantities] == [("size", 41)]
