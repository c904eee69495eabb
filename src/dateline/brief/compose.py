"""Turn the stored rows of one brief into its sections (plain data; the templates word them).

Nothing here invents text: every value shown comes from a stored record, and every item carries
the numbers of the footnotes that point to its evidence sentences (:class:`Footnotes`).
"""

from __future__ import annotations

import collections
import datetime as dt
from typing import Any, Iterable, Optional

from ..link.timelines import aggregate

# What the sections show at most; totals are always counted over everything.
LIMITS = {"timeline": 15, "speakers": 8, "per_speaker": 8, "per_modality": 25, "actors": 6, "places": 6,
          "dyads": 5, "evidence": 4, "tally_rows": 40, "sides": 5}
CASUALTY_KINDS = ("killed", "injured", "displaced")
# Modalities other than "asserted", in the order the brief lists them, with the heading word.
NOT_HAPPENED = (("threatened", "Threatened"), ("negated", "Denied or said not to have happened"),
                ("hypothetical", "Speculated or conditional"), ("future", "Announced or expected"),
                ("demanded", "Demanded"))
QUOTE_MARKS = "\"“”‘’"
# Fields of a cluster summary whose disagreements the timeline states (figures are listed per report).
DISAGREEMENT_FIELDS = ("date", "place", "source", "target", "type")


class Footnotes:
    """Footnote numbers in order of first citation; each note is one or more stored sentence ids."""

    def __init__(self) -> None:
        self._n: dict[tuple[str, ...], int] = {}

    def cite(self, sentence_ids: Iterable[str]) -> Optional[int]:
        key = tuple(s for s in sentence_ids if s)
        if not key:
            return None
        if key not in self._n:
            self._n[key] = len(self._n) + 1
        return self._n[key]

    def sentence_ids(self) -> list[str]:
        return sorted({s for key in self._n for s in key})

    def resolve(self, sentences: dict[str, dict], articles: dict[str, dict]) -> list[dict]:
        notes = []
        for key, n in sorted(self._n.items(), key=lambda kv: kv[1]):
            spans = [sentences[s] for s in key if s in sentences]
            if not spans:
                continue
            art = articles.get(spans[0]["article_id"], {})
            notes.append({"n": n, "article_id": spans[0]["article_id"],
                          "spans": [{"sentence_id": s["id"], "start": s["start"], "end": s["end"]} for s in spans],
                          "text": " ".join(" ".join(s["text"].split()) for s in spans),
                          "title": label(art), "source": art.get("source"), "published": art.get("published"),
                          "url": art.get("url"), "path": art.get("path")})
        return notes


def label(article: dict) -> Optional[str]:
    """An article's title, else the last parts of the file it was read from."""
    if article.get("title"):
        return article["title"]
    path = (article.get("path") or "").replace("\\", "/")
    return "file " + "/".join(path.split("/")[-3:]) if path else None


def _label(actor: dict) -> str:
    return actor.get("name") or actor.get("country") or "?"


def _key(actor: dict) -> str:
    return actor.get("key") or actor.get("kb_id") or f"{actor.get('name')}|{actor.get('country')}"


def _figure(q: dict) -> Optional[float]:
    """The figure a quantity reports: its lower bound ("at least 12" -> 12), else its upper bound."""
    value = q.get("min") if q.get("min") is not None else q.get("max")
    return float(value) if value is not None else None


def _unquote(text: Optional[str]) -> str:
    """Quote content without its own outer quotation marks (the templates add them)."""
    text = " ".join((text or "").split())
    inner = text.rstrip(",").strip()
    if len(inner) > 1 and inner[0] in QUOTE_MARKS and inner[-1] in QUOTE_MARKS:
        return inner[1:-1].rstrip(",").strip()
    return text


def _num(value: Optional[float]) -> Any:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else round(value, 1)


def _cite_events(notes: Footnotes, events: list[dict], limit: int) -> list[int]:
    out, seen = [], set()
    for e in events:
        if e["article_id"] in seen:
            continue
        seen.add(e["article_id"])
        n = notes.cite([e["sentence_id"]])
        if n is not None and n not in out:
            out.append(n)
        if len(out) >= limit:
            break
    return out


def overview(arts: list[dict], events: list[dict], notes: Footnotes) -> dict:
    asserted = [e for e in events if e["modality"] == "asserted"]
    dates = sorted(e["date"] for e in asserted if e["date"] is not None) or \
        sorted(a["published"] for a in arts if a["published"] is not None)
    outlets = sorted({a["source"] for a in arts if a["source"]})
    actors: dict[str, list] = collections.defaultdict(list)
    for e in events:
        for a in {_key(x): x for x in e["sources"] + e["targets"]}.values():
            actors[_key(a)].append((a, e))
    places: dict[str, list] = collections.defaultdict(list)
    for e in events:
        if e["place_name"]:
            places[e["place_name"]].append(e)
    top_actors = sorted(actors.values(), key=lambda v: (-len(v), _label(v[0][0])))[:LIMITS["actors"]]
    top_places = sorted(places.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:LIMITS["places"]]
    return {
        "start": dates[0] if dates else None, "end": dates[-1] if dates else None,
        "n_articles": len(arts), "n_sources": len(outlets), "sources": outlets,
        "n_no_source": sum(1 for a in arts if not a["source"]),
        "n_events": len(events), "n_asserted": len(asserted), "n_not_asserted": len(events) - len(asserted),
        "actors": [{"name": _label(v[0][0]), "n_events": len(v), "notes": _cite_events(notes, [e for _, e in v], 1)}
                   for v in top_actors],
        "places": [{"name": name, "n_events": len(evs), "notes": _cite_events(notes, evs, 1)}
                   for name, evs in top_places],
    }


def _casualties(members: list[dict], notes: Footnotes, articles: dict[str, dict]) -> list[dict]:
    """Per kind: every figure reported, by whom; the range when the reports differ."""
    out = []
    for kind in CASUALTY_KINDS:
        reports = []
        for e in members:
            for q in e["quantities"]:
                if q.get("kind") == kind and _figure(q) is not None:
                    art = articles.get(e["article_id"], {})
                    reports.append({"value": _num(_figure(q)), "text": " ".join(str(q.get("text", "")).split()),
                                    "title": label(art), "source": art.get("source"),
                                    "published": art.get("published"), "note": notes.cite([e["sentence_id"]])})
        if reports:
            values = [r["value"] for r in reports]
            out.append({"kind": kind, "low": min(values), "high": max(values),
                        "agree": len(set(values)) == 1, "reports": reports})
    return out


def timeline(events: list[dict], clusters: dict[str, dict], notes: Footnotes, articles: dict[str, dict]) -> dict:
    """The most widely reported real-world events (linked clusters, else single mentions), by date."""
    groups: dict[str, list[dict]] = collections.defaultdict(list)
    for e in events:
        if e["modality"] == "asserted":
            groups[e["cluster_id"] or e["id"]].append(e)

    def weight(item):
        gid, members = item
        c = clusters.get(gid, {})
        return (-(c.get("n_sources") or len({m["source"] or m["article_id"] for m in members})),
                -len({m["article_id"] for m in members}), -len(members), gid)

    chosen = sorted(groups.items(), key=weight)[:LIMITS["timeline"]]

    def start_of(item):
        c = clusters.get(item[0]) or {}
        days = [m["date"] for m in item[1] if m["date"] is not None]
        return (c.get("start_date") or (min(days) if days else dt.date.max), item[0])

    chosen.sort(key=start_of)  # by date, so that footnotes are numbered in reading order
    items = []
    for gid, members in chosen:
        c = clusters.get(gid)
        dates = sorted(m["date"] for m in members if m["date"] is not None)
        start = (c or {}).get("start_date") or (dates[0] if dates else None)
        end = (c or {}).get("end_date") or (dates[-1] if dates else None)
        sources = collections.Counter(_label(a) for m in members for a in {_key(x): x for x in m["sources"]}.values())
        targets = collections.Counter(_label(a) for m in members for a in {_key(x): x for x in m["targets"]}.values())
        top_s = sorted(sources, key=lambda k: (-sources[k], k))[:LIMITS["sides"]]
        top_t = sorted(targets, key=lambda k: (-targets[k], k))[:LIMITS["sides"]]
        place_names = sorted({m["place_name"] for m in members if m["place_name"]})
        disagree = []
        for field, values in sorted(((c or {}).get("disagreements") or {}).items()):
            if field in DISAGREEMENT_FIELDS and isinstance(values, dict) and len(values) > 1:
                ranked = sorted(values.items(), key=lambda kv: (-kv[1], str(kv[0])))
                disagree.append({"field": field, "values": ranked[:LIMITS["sides"]],
                                 "more": len(ranked) - len(ranked[:LIMITS["sides"]])})
        items.append({
            "id": gid, "cluster": c is not None, "type": members[0]["type"] if c is None else c["type"],
            "start": start, "end": end if end != start else None,
            "sources": top_s, "targets": top_t, "more_sources": len(sources) - len(top_s),
            "more_targets": len(targets) - len(top_t), "places": place_names[:LIMITS["sides"]],
            "more_places": max(0, len(place_names) - LIMITS["sides"]),
            "n_mentions": len(members), "n_articles": len({m["article_id"] for m in members}),
            "casualties": _casualties(members, notes, articles), "disagreements": disagree,
            "notes": _cite_events(notes, members, LIMITS["evidence"]),
        })
    return {"n_groups": len(groups),
            "n_clustered": sum(1 for g in groups if clusters.get(g, {}).get("n_articles", 0) > 1),
            "n_asserted": sum(len(v) for v in groups.values()), "items": items}


def statements(quotes: list[dict], events: list[dict], notes: Footnotes) -> dict:
    """Per speaker: statements and the speaker's own actions side by side, in date order."""
    speakers: dict[str, list[dict]] = collections.defaultdict(list)
    for q in quotes:
        speakers[_key({"kb_id": q["kb_id"], "name": q["speaker"], "country": q["country"]})].append(q)
    acting: dict[str, list[dict]] = collections.defaultdict(list)
    for e in events:
        if e["modality"] == "asserted":
            for a in {_key(x): x for x in e["sources"]}.values():
                acting[_key(a)].append(e)
    chosen = sorted(speakers.items(), key=lambda kv: (-len(kv[1]), kv[1][0]["speaker"] or ""))[:LIMITS["speakers"]]
    out = []
    for key, qs in chosen:
        acts = acting.get(key, [])
        rows = [{"date": q["date"], "kind": "statement", "cue": (q["cue"] or "").rstrip(":,") or None,
                 "content": _unquote(q["content"]),
                 "note": notes.cite(q["sentence_ids"] or [])} for q in qs[:LIMITS["per_speaker"]]]
        rows += [{"date": e["date"], "kind": "action", "type": e["type"], "trigger": e["trigger_text"],
                  "intensity": e["intensity"], "targets": sorted({_label(t) for t in e["targets"]}),
                  "note": notes.cite([e["sentence_id"]])} for e in acts[:LIMITS["per_speaker"]]]
        rows.sort(key=lambda r: (r["date"] or dt.date.max, r["kind"] != "statement"))
        periods = [p for p in aggregate([{"date": e["date"], "kind": "event", "type": e["type"], "cameo": e["cameo"],
                                          "intensity": e["intensity"]} for e in acts], "month")
                   if p["mean_intensity"] is not None]
        qdates = sorted(q["date"] for q in qs if q["date"] is not None)
        out.append({"speaker": qs[0]["speaker"], "country": qs[0]["country"], "n_statements": len(qs),
                    "n_actions": len(acts), "first": qdates[0] if qdates else None,
                    "last": qdates[-1] if qdates else None, "rows": rows,
                    "shift": [{"period": p["period"].strftime("%Y-%m"), "mean_intensity": p["mean_intensity"],
                               "n_events": p["n_events"]} for p in periods]})
    return {"n_statements": len(quotes), "n_speakers": len(speakers), "speakers": out}


def not_happened(events: list[dict], notes: Footnotes) -> dict:
    groups = []
    for modality, heading in NOT_HAPPENED:
        evs = [e for e in events if e["modality"] == modality]
        if not evs:
            continue
        groups.append({"modality": modality, "heading": heading, "n": len(evs), "items": [
            {"date": e["date"], "type": e["type"], "trigger": e["trigger_text"], "cue": e["modality_cue_text"],
             "sources": sorted({_label(a) for a in e["sources"]}), "targets": sorted({_label(a) for a in e["targets"]}),
             "place": e["place_name"], "note": notes.cite([e["sentence_id"]])}
            for e in evs[:LIMITS["per_modality"]]]})
    return {"n": sum(g["n"] for g in groups), "groups": groups}


def tallies(events: list[dict], notes: Footnotes) -> dict:
    """Killed, injured and displaced per place and month: reports, articles, sum and highest figure."""
    rows: dict[tuple, dict] = {}
    totals = {k: {"kind": k, "n_reports": 0, "sum": 0.0, "max": None} for k in CASUALTY_KINDS}
    for e in events:
        if e["modality"] != "asserted":
            continue
        for q in e["quantities"]:
            kind, value = q.get("kind"), _figure(q)
            if kind not in CASUALTY_KINDS or value is None:
                continue
            month = e["date"].strftime("%Y-%m") if e["date"] else "undated"
            r = rows.setdefault((e["place_name"] or "", month, kind), {
                "place": e["place_name"], "period": month, "kind": kind, "n_reports": 0, "articles": set(),
                "sum": 0.0, "max": None, "notes": []})
            r["n_reports"] += 1
            r["articles"].add(e["article_id"])
            r["sum"] += value
            r["max"] = value if r["max"] is None else max(r["max"], value)
            n = notes.cite([e["sentence_id"]]) if len(r["notes"]) < LIMITS["evidence"] else None
            if n is not None and n not in r["notes"]:
                r["notes"].append(n)
            t = totals[kind]
            t["n_reports"] += 1
            t["sum"] += value
            t["max"] = value if t["max"] is None else max(t["max"], value)
    out = sorted(rows.values(), key=lambda r: (r["period"], r["place"] or "~", CASUALTY_KINDS.index(r["kind"])))
    for r in out:
        r["n_articles"] = len(r.pop("articles"))
        r["sum"], r["max"] = _num(r["sum"]), _num(r["max"])
    for t in totals.values():
        t["sum"], t["max"] = _num(t["sum"]), _num(t["max"])
    return {"n_rows": len(out), "rows": out[:LIMITS["tally_rows"]],
            "totals": [t for t in totals.values() if t["n_reports"]]}


def map_points(events: list[dict]) -> list[dict]:
    points: dict[tuple, dict] = {}
    for e in events:
        if e["modality"] == "asserted" and e["lat"] is not None and e["lon"] is not None:
            p = points.setdefault((e["place_name"], round(e["lat"], 3), round(e["lon"], 3)),
                                  {"name": e["place_name"], "lat": e["lat"], "lon": e["lon"], "n_events": 0})
            p["n_events"] += 1
    return sorted(points.values(), key=lambda p: (-p["n_events"], p["name"] or ""))


def dyads(events: list[dict]) -> list[dict]:
    """The most active source -> target pairs (country, else name) with mean PLOVER intensity per month."""
    pairs: dict[tuple[str, str], list[dict]] = collections.defaultdict(list)
    for e in events:
        if e["modality"] != "asserted":
            continue
        for s in {x.get("country") or _label(x) for x in e["sources"]}:
            for t in {x.get("country") or _label(x) for x in e["targets"]}:
                if s != t:
                    pairs[(s, t)].append(e)
    top = sorted(pairs.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:LIMITS["dyads"]]
    out = []
    for (s, t), evs in top:
        periods = aggregate([{"date": e["date"], "kind": "event", "type": e["type"], "cameo": e["cameo"],
                              "intensity": e["intensity"]} for e in evs], "month")
        out.append({"source": s, "target": t, "n_events": len(evs),
                    "periods": [{"period": p["period"], "label": p["period"].strftime("%Y-%m"),
                                 "n_events": p["n_events"], "mean_intensity": p["mean_intensity"]} for p in periods]})
    return out
