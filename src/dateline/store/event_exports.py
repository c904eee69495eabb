"""Event exports in the shapes other tools load: CAMEO/ICEWS-like CSV, PLOVER JSON, ACLED-like CSV.

Column choices are documented in docs/events.md. Every row keeps the story (article) id, the
sentence and the reason, so an exported event can always be traced back to its evidence.
"""

from __future__ import annotations

import csv
import json
from typing import Any

from .db import Store
from .derived import plain_columns

CAMEO_COLUMNS = ["event_id", "date", "source_name", "source_country", "source_sector", "cameo_code",
                 "cameo_root", "plover_type", "plover_mode", "intensity", "target_name", "target_country",
                 "target_sector", "place_name", "country", "admin1", "latitude", "longitude", "modality",
                 "story_id", "publisher", "sentence", "trigger", "evidence"]
ACLED_COLUMNS = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
                 "sub_event_type", "actor1", "assoc_actor_1", "actor2", "assoc_actor_2", "country", "admin1",
                 "location", "latitude", "longitude", "source", "notes", "fatalities", "modality", "story_id",
                 "evidence"]
DISORDER = {"Battles": "Political violence", "Explosions/Remote violence": "Political violence",
            "Violence against civilians": "Political violence", "Riots": "Political violence; Demonstrations",
            "Protests": "Demonstrations", "Strategic developments": "Strategic developments"}


def _rows(store: Store) -> list[dict[str, Any]]:
    events = store.query(
        f"""SELECT {plain_columns(store.con, 'events', 'e')}, a.published, a.source AS publisher, a.text AS article_text
           FROM events e JOIN articles a ON a.id = e.article_id ORDER BY coalesce(e.start_date, a.published), e.id""")
    actors = {r["id"]: r for r in store.query("SELECT id, text, name, country, sector FROM actors")}
    places = {r["id"]: r for r in store.query(
        "SELECT id, text, name, country, admin1, lat, lon, feature FROM places")}
    for e in events:
        text = e.pop("article_text") or ""
        e["sentence"] = text[e["sentence_start"]:e["sentence_end"]]
        e["source_actors"] = [actors[i] for i in (e["sources"] or []) if i in actors]
        e["target_actors"] = [actors[i] for i in (e["targets"] or []) if i in actors]
        e["place_row"] = places.get(e["place"]) if e["place"] else None
        q = e["quantities"]
        e["quantities"] = json.loads(q) if isinstance(q, str) else (q or [])
        e["date"] = e["start_date"] or e["published"]
    return events


def _names(actors: list[dict]) -> str:
    return "; ".join((a["name"] or a["text"] or "") for a in actors)


def _field(actors: list[dict], key: str) -> str:
    return "; ".join(dict.fromkeys(a[key] for a in actors if a[key]))


def cameo_csv(store: Store, output: str) -> int:
    """One row per event with source, CAMEO code, intensity, target, place and the evidence sentence."""
    rows = _rows(store)
    with open(output, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, CAMEO_COLUMNS)
        w.writeheader()
        for e in rows:
            p = e["place_row"] or {}
            w.writerow({
                "event_id": e["id"], "date": e["date"], "source_name": _names(e["source_actors"]),
                "source_country": _field(e["source_actors"], "country"),
                "source_sector": _field(e["source_actors"], "sector"), "cameo_code": e["cameo"],
                "cameo_root": (e["cameo"] or "")[:2] or None, "plover_type": e["type"], "plover_mode": e["mode"],
                "intensity": e["intensity"], "target_name": _names(e["target_actors"]),
                "target_country": _field(e["target_actors"], "country"),
                "target_sector": _field(e["target_actors"], "sector"), "place_name": p.get("name") or p.get("text"),
                "country": p.get("country"), "admin1": p.get("admin1"), "latitude": p.get("lat"),
                "longitude": p.get("lon"), "modality": e["modality"], "story_id": e["article_id"],
                "publisher": e["publisher"], "sentence": e["sentence"], "trigger": e["trigger_text"],
                "evidence": e["reason"]})
    return len(rows)


def _plover_actor(a: dict) -> dict:
    out = {"actorText": a["text"], "code": a["country"], "sector": a["sector"]}
    return {k: v for k, v in out.items() if v is not None}


def plover_record(e: dict) -> dict:
    """One event in the field names of the PLOVER gold standard records, plus dateline's own fields."""
    rec: dict[str, Any] = {
        "id": e["id"], "date": str(e["date"]) if e["date"] else None,
        "source": [_plover_actor(a) for a in e["source_actors"]],
        "target": [_plover_actor(a) for a in e["target_actors"]],
        "event": e["type"], "eventText": e["trigger_text"], "mode": e["mode"], "text": e["sentence"],
        "language": "en", "publication": e["publisher"], "coder": "dateline",
        "cameo": e["cameo"], "intensity": e["intensity"], "modality": e["modality"],
        "reportedBy": e["reported_by"], "storyId": e["article_id"], "comment": e["reason"],
    }
    p = e["place_row"]
    if p:
        rec["eventLoc"] = {"placeName": p.get("name") or p.get("text"), "country": p.get("country"),
                           "admin1": p.get("admin1"), "lat": p.get("lat"), "lon": p.get("lon")}
    for q in e["quantities"]:
        key = {"killed": "dead", "injured": "injured", "size": "size", "arrested": "arrested",
               "displaced": "displaced"}.get(q.get("kind"))
        if key and key not in rec:
            rec[key] = q.get("min") if q.get("min") is not None else q.get("max")
    return {k: v for k, v in rec.items() if v not in (None, [], "")}


def plover_json(store: Store, output: str) -> int:
    rows = _rows(store)
    with open(output, "w", encoding="utf-8") as fh:
        json.dump([plover_record(e) for e in rows], fh, ensure_ascii=False, indent=1, default=str)
    return len(rows)


def acled_csv(store: Store, output: str) -> int:
    """Events that have an ACLED type, in ACLED's column names; fatalities is the lower bound of killed."""
    rows = [e for e in _rows(store) if e["acled_type"]]
    with open(output, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, ACLED_COLUMNS)
        w.writeheader()
        for e in rows:
            p = e["place_row"] or {}
            killed = [q.get("min") if q.get("min") is not None else q.get("max")
                      for q in e["quantities"] if q.get("kind") == "killed"]
            srcs, tgts = e["source_actors"], e["target_actors"]
            date = e["date"]
            w.writerow({
                "event_id_cnty": e["id"], "event_date": date, "year": date.year if date else None,
                "time_precision": {"day": 1, "week": 2, "month": 3}.get(e["granularity"], 3 if date else None),
                "disorder_type": DISORDER.get(e["acled_type"]), "event_type": e["acled_type"],
                "sub_event_type": e["acled_subtype"], "actor1": _names(srcs[:1]), "assoc_actor_1": _names(srcs[1:]),
                "actor2": _names(tgts[:1]), "assoc_actor_2": _names(tgts[1:]), "country": p.get("country"),
                "admin1": p.get("admin1"), "location": p.get("name") or p.get("text"), "latitude": p.get("lat"),
                "longitude": p.get("lon"), "source": e["publisher"], "notes": e["sentence"],
                "fatalities": int(max(killed)) if killed and max(killed) is not None else 0,
                "modality": e["modality"], "story_id": e["article_id"], "evidence": e["reason"]})
    return len(rows)


EVENT_EXPORTS = {"cameo-csv": cameo_csv, "plover-json": plover_json, "acled-csv": acled_csv}
