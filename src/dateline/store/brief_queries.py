"""Read-side queries for situation briefs: the articles, events, statements and evidence sentences
that one brief is built from (``dateline brief``, ``dateline.brief``, ``/api/brief``).

The filters follow the other queries so that a brief's numbers can be checked against them:
events are dated and filtered by date and actor exactly as :func:`dateline.store.queries.events`
does, statements (quotes) are dated by their article as :func:`dateline.store.quote_queries.quotes`
does, and actors match by ISO3 country, name, KB id or text (``COUNTRY:SECTOR`` too) as
:func:`dateline.store.timeline_queries.dyad` does. Every filter is a bound parameter.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, Iterable, Optional

from .db import Store
from .queries import _date, add_range_filters
from .timeline_queries import _actor_filter, _query_terms

_EVENT_DATE_FROM = "coalesce(e.end_date, e.start_date, a.published) >= ?"  # as queries.events
_EVENT_DATE_TO = "coalesce(e.start_date, e.end_date, a.published) <= ?"


def _actors_sql(alias: str, actors: Iterable[str]) -> tuple[str, list]:
    """SQL true when actor row ``alias`` matches any of ``actors`` (empty: always true)."""
    parts, params = [], []
    for a in actors:
        if a and a.strip():
            sql, p = _actor_filter(alias, a.strip())
            parts.append(sql)
            params += p
    return ("(" + " OR ".join(parts) + ")", params) if parts else ("TRUE", [])


def _dates(date_from: Any, date_to: Any) -> tuple[Optional[dt.date], Optional[dt.date]]:
    return _date(date_from, "from"), _date(date_to, "to")


def _event_where(actors: Iterable[str], lo: Optional[dt.date], hi: Optional[dt.date]) -> tuple[list[str], list]:
    where, params = [], []
    if lo:
        where.append(_EVENT_DATE_FROM)
        params.append(lo)
    if hi:
        where.append(_EVENT_DATE_TO)
        params.append(hi)
    match, mp = _actors_sql("x", actors)
    if mp:
        where.append(f"e.id IN (SELECT ea.event_id FROM event_actors ea JOIN actors x ON x.id = ea.actor_id WHERE {match})")
        params += mp
    return where, params


def article_ids(store: Store, query: Optional[str] = None, actors: Iterable[str] = (),
                date_from: Any = None, date_to: Any = None) -> list[str]:
    """Articles of the brief, in publication order.

    ``query``: words or phrases separated by commas or `` OR ``; an article matches when its text or
    title contains one (case-insensitive) or one of its actors or places has that name (or KB id).
    ``actors``: the article mentions one of them. Dates: the article was published in the range or
    reports an event dated in it.
    """
    actors = [a for a in actors if a and a.strip()]
    lo, hi = _dates(date_from, date_to)
    where, params = ["TRUE"], []
    terms = _query_terms(query or "")
    if terms:
        where.append("(" + " OR ".join(["contains(lower(a.text), ?) OR contains(lower(coalesce(a.title, '')), ?)"]
                                        * len(terms))
                     + " OR a.id IN (SELECT article_id FROM actors WHERE list_contains(?, lower(name)) "
                       "OR list_contains(?, lower(kb_id)))"
                     + " OR a.id IN (SELECT article_id FROM places WHERE list_contains(?, lower(name))))")
        for t in terms:
            params += [t, t]
        params += [terms, terms, terms]
    if actors:
        match, mp = _actors_sql("x", actors)
        where.append(f"a.id IN (SELECT x.article_id FROM actors x WHERE {match})")
        params += mp
    if lo or hi:
        pub, pp = [], []
        ev, ep = [], []
        if lo:
            pub.append("a.published >= ?")
            pp.append(lo)
            ev.append(_EVENT_DATE_FROM)
            ep.append(lo)
        if hi:
            pub.append("a.published <= ?")
            pp.append(hi)
            ev.append(_EVENT_DATE_TO)
            ep.append(hi)
        where.append(f"(({' AND '.join(pub)}) OR a.id IN (SELECT e.article_id FROM events e "
                     f"JOIN articles a ON a.id = e.article_id WHERE {' AND '.join(ev)}))")
        params += pp + ep
    rows = store.query(f"SELECT a.id FROM articles a WHERE {' AND '.join(where)} ORDER BY a.published NULLS LAST, a.id",
                       params)
    return [r["id"] for r in rows]


def articles_meta(store: Store, ids: list[str]) -> list[dict]:
    """Title, outlet, date and link of articles, in publication order."""
    if not ids:
        return []
    return store.query("""SELECT id, title, source, url, published, path FROM articles
                          WHERE id IN (SELECT unnest(?)) ORDER BY published NULLS LAST, id""", [ids])


def events(store: Store, ids: list[str], actors: Iterable[str] = (), date_from: Any = None,
           date_to: Any = None) -> list[dict]:
    """Every event (any modality) of the articles ``ids`` that passes the event filters, with its
    date, place, cluster, quantities and actors."""
    if not ids:
        return []
    lo, hi = _dates(date_from, date_to)
    where, params = _event_where(actors, lo, hi)
    rows = store.query(
        f"""SELECT e.id, e.article_id, e.type, e.modality, e.cameo, e.intensity, e.trigger_text,
                   e.modality_cue_text, coalesce(e.start_date, a.published) AS date, e.quantities,
                   e.sentence_id, p.name AS place_name, p.lat, p.lon, m.cluster_id, a.source
            FROM events e JOIN articles a ON a.id = e.article_id
                 LEFT JOIN places p ON p.id = e.place LEFT JOIN cluster_members m ON m.event_id = e.id
            WHERE e.article_id IN (SELECT unnest(?)) {''.join(' AND ' + w for w in where)}
            ORDER BY date NULLS LAST, e.id""", [ids] + params)
    by_id = {r["id"]: r for r in rows}
    for r in rows:
        r["sources"], r["targets"] = [], []
        q = r["quantities"]
        if q == "[]":
            q = []
        elif isinstance(q, str):
            try:
                q = json.loads(q)
            except ValueError:
                q = []
        r["quantities"] = q or []
    if rows:
        for x in store.query("""SELECT ea.event_id, ea.role, coalesce(x.name, x.text) AS name, x.country, x.sector, x.kb_id
                                FROM event_actors ea JOIN actors x ON x.id = ea.actor_id
                                WHERE ea.event_id IN (SELECT unnest(?)) ORDER BY ea.event_id, x.start""",
                             [list(by_id)]):
            side = "sources" if x["role"] == "source" else "targets"
            names = by_id[x["event_id"]][side]
            # key: one actor across articles, as actor_queries groups them (KB id, else name and country)
            entry = {"name": x["name"], "country": x["country"], "sector": x["sector"], "kb_id": x["kb_id"],
                     "key": x["kb_id"] or f"{x['name']}|{x['country']}"}
            if entry not in names:
                names.append(entry)
    return rows


def statements(store: Store, ids: list[str], actors: Iterable[str] = (), date_from: Any = None,
               date_to: Any = None) -> list[dict]:
    """Quotes with a resolved speaker in the articles ``ids`` (published in the range; spoken by one
    of ``actors`` when given), with the ids of the sentences they span."""
    if not ids:
        return []
    lo, hi = _dates(date_from, date_to)
    where, params = [], []
    add_range_filters(where, params, None, lo, hi, "a.published", "a.published")
    match, mp = _actors_sql("x", actors)
    if mp:
        where.append(match)
        params += mp
    return store.query(
        f"""SELECT q.id, q.article_id, a.published AS date, q.kind, q.cue_text AS cue, q.content_text AS content,
                   coalesce(x.name, x.text) AS speaker, x.country, x.sector, x.kb_id,
                   (SELECT list(s.id ORDER BY s.idx) FROM sentences s WHERE s.article_id = q.article_id
                      AND s.start < greatest(q.content_end, coalesce(q.source_end, 0), coalesce(q.cue_end, 0))
                      AND s."end" > least(q.content_start, coalesce(q.source_start, q.content_start),
                                          coalesce(q.cue_start, q.content_start))) AS sentence_ids
            FROM quotes q JOIN articles a ON a.id = q.article_id JOIN actors x ON x.id = q.speaker
            WHERE q.article_id IN (SELECT unnest(?)) {''.join(' AND ' + w for w in where)}
            ORDER BY date NULLS LAST, q.article_id, q.content_start""", [ids] + params)


def clusters(store: Store, cluster_ids: list[str]) -> dict[str, dict]:
    """Cluster rows by id, with the summary parsed and its disagreements (as ``clusters()`` gives them)."""
    if not cluster_ids:
        return {}
    out = {}
    for r in store.query("""SELECT id, type, start_date, end_date, place, n_articles, n_sources, summary
                            FROM clusters WHERE id IN (SELECT unnest(?))""", [cluster_ids]):
        summary = json.loads(r["summary"]) if isinstance(r["summary"], str) else (r["summary"] or {})
        r["summary"] = summary
        r["disagreements"] = {k: v["values"] for k, v in summary.items()
                              if isinstance(v, dict) and not v.get("agree", True)}
        out[r["id"]] = r
    return out


def sentences(store: Store, sentence_ids: list[str]) -> dict[str, dict]:
    """Stored sentences by id: article, offsets and the text read from ``articles.text`` at those offsets."""
    if not sentence_ids:
        return {}
    rows = store.query("""SELECT s.id, s.article_id, s.start, s."end",
                                 substr(a.text, s.start + 1, s."end" - s.start) AS text
                          FROM sentences s JOIN articles a ON a.id = s.article_id
                          WHERE s.id IN (SELECT unnest(?))""", [sorted(set(sentence_ids))])
    return {r["id"]: r for r in rows}
