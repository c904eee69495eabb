"""Modality of events, on sentences written for dateline: each modality, its cue kept as evidence."""

from __future__ import annotations

import pytest

PUB = "2024-05-10"


def events_of(rec, plover: str):
    return [e for e in rec.events if e.type == plover]


def one(rec, plover: str):
    found = events_of(rec, plover)
    assert found, f"no {plover} event in {[(e.type, e.trigger.text) for e in rec.events]}"
    return found[0]


def test_asserted_event_has_no_cue(extract):
    rec = extract("Government troops shelled the rebel district on Tuesday.", published=PUB)
    ev = one(rec, "ASSAULT")
    assert ev.modality == "asserted"
    assert ev.modality_cue is None


@pytest.mark.parametrize("text, plover, cue", [
    ("There will be no ground offensive in the valley, the minister said.", "ASSAULT", "no"),
    ("A ground offensive in the province is out of the question.", "ASSAULT", "out of the question"),
    ("The general denied that his soldiers had burned the market.", "COERCE", "denied"),
    ("The army did not withdraw from the border town.", "RETREAT", "not"),
])
def test_negated(extract, text, plover, cue):
    ev = one(extract(text, published=PUB), plover)
    assert ev.modality == "negated"
    assert ev.modality_cue is not None and ev.modality_cue.text == cue


def test_negated_future_is_negated_not_future(extract):
    rec = extract("The navy will not attack the port, the admiral said.", published=PUB)
    ev = one(rec, "ASSAULT")
    assert ev.modality == "negated"
    assert ev.modality_cue.text == "not"


@pytest.mark.parametrize("text, plover, cue", [
    ("If the assault goes ahead, thousands of families will flee.", "ASSAULT", "If"),
    ("The talks will fail unless the militia releases the hostages.", "RETREAT", "unless"),
    ("Officials fear a possible invasion of the island.", "ASSAULT", "possible"),
])
def test_hypothetical_and_conditional(extract, text, plover, cue):
    ev = one(extract(text, published=PUB), plover)
    assert ev.modality == "hypothetical"
    assert ev.modality_cue.text == cue


@pytest.mark.parametrize("text, plover, cue", [
    ("The foreign minister will visit Cairo next month.", "CONSULT", "will"),
    ("The government plans to open talks with the opposition.", "CONSULT", "plans"),
    ("The two sides agreed to hold negotiations in Oslo.", "CONSULT", "agreed"),
])
def test_future(extract, text, plover, cue):
    ev = one(extract(text, published=PUB), plover)
    assert ev.modality == "future"
    assert ev.modality_cue.text == cue


@pytest.mark.parametrize("text, plover, cue", [
    ("The rebels threatened to shell the airport.", "ASSAULT", "threatened"),
    ("The minister warned that the army would storm the camp.", "ASSAULT", "warned"),
    # a reported threat: the threat itself is asserted, the shelling only threatened
    ("Residents said the militia had threatened to bomb the bridge.", "ASSAULT", "threatened"),
])
def test_threatened(extract, text, plover, cue):
    rec = extract(text, published=PUB)
    ev = one(rec, plover)
    assert ev.modality == "threatened"
    assert ev.modality_cue.text == cue
    threat = one(rec, "THREATEN")
    assert threat.modality == "asserted"
    assert threat.score > ev.score   # the threat is the point of the sentence


@pytest.mark.parametrize("text, plover, cue", [
    ("The council called on the army to withdraw from the city.", "RETREAT", "called"),
    ("Aid groups urged both sides to release their prisoners.", "RETREAT", "urged"),
])
def test_demanded(extract, text, plover, cue):
    rec = extract(text, published=PUB)
    ev = one(rec, plover)
    assert ev.modality == "demanded"
    assert ev.modality_cue.text == cue
    assert one(rec, "REQUEST").modality == "asserted"


def test_future_intent_is_coded_as_agree_or_threaten(extract):
    coop = extract("Norway said it will send food aid to the refugees.", published=PUB)
    assert one(coop, "AID").modality == "future"
    assert one(coop, "AGREE").modality == "asserted"
    conf = extract("The union said it would boycott the elections.", published=PUB)
    assert one(conf, "PROTEST").modality == "future"
    assert one(conf, "THREATEN").modality == "asserted"


def test_reported_must_clause_is_a_demand(extract):
    rec = extract("The minister said the rebels must release the hostages.", published=PUB)
    release = one(rec, "RETREAT")
    assert release.modality == "demanded" and release.modality_cue.text == "must"
    main = max(rec.events, key=lambda e: e.score)
    assert main.type == "REQUEST" and main.modality == "asserted"


def test_preparing_force_is_mobilize(extract):
    rec = extract("The army prepared to storm the rebel district.", published=PUB)
    assert one(rec, "ASSAULT").modality == "future"
    main = max(rec.events, key=lambda e: e.score)
    assert main.type == "MOBILIZE"
