"""Queries across articles: event linking over what is stored, clusters, topic, actor and dyad timelines.

The computation lives in :mod:`dateline.link` and never sees the store; these functions read
rows, hand them over, and write the results back. Every filter is a bound parameter.
"""

from __future__ import annotations

import collections
import datetime as dt
import json
import re
import time
from typing import Any, Optional

from ..errors import DatelineError
from ..link import cluster as lk
from ..link.timelines import PERIODS, aggregate, quadclass
from . import derived
from .db import Store
from .queries import MODALITIES, _date, _page, add_range_filters

_MENTION_SQL = """
SELECT e.id, e.article_id, e.type, e.modality, e.start_date, e.end_date, e.granularity, e.cameo, e.intensity,
       e.quantities, a.published, a.source,
       substr(a.text, e.sentence_start + 1, e.sentence_end - e.sentence_start) AS sentence,
       p.name AS place_name, p.geonameid, p.feature, p.admin1, p.country AS place_country, p.lat, p.lon
FROM events e JOIN articles a ON a.id = e.article_id LEFT JOIN places p ON p.id = e.place
WHERE {where}
ORDER BY a.published NULLS LAST, e.id
"""
_ACTOR_SQL = """
SELECT ea.event_id, ea.role, x.country, x.sector, x.name
FROM event_actors ea JOIN actors x ON x.id = ea.actor_id JOIN events e ON e.id = ea.event_id
WHERE {where}
"""
_UNLINKED = "e.id NOT IN (SELECT event_id FROM cluster_members)"
_IN_CLUSTERS = "e.id IN (SELECT m.event_id FROM cluster_members m JOIN _link_clusters c ON c.id = m.cluster_id)"


def _mentions(store: Store, where: str, params: list) -> list[lk.Mention]:
    actors: dict[str, dict[str, list[lk.ActorKey]]] = collections.defaultdict(lambda: {"source": [], "target": []})
    for row in store.query(_ACTOR_SQL.format(where=where), params):
        actors[row["event_id"]].setdefault(row["role"], []).append(
            lk.ActorKey(country=row["country"], sector=row["sector"], name=row["name"]))
    out = []
    for r in store.query(_MENTION_SQL.format(where=where), params):
        place = None
        if r["place_name"] is not None or r["geonameid"] is not None:
            place = lk.PlaceKey(name=r["place_name"], geonameid=r["geonameid"], feature=r["feature"],
                                admin1=r["admin1"], country=r["place_country"], lat=r["lat"], lon=r["lon"])
        quantities = r["quantities"]
        if isinstance(quantities, str):
            try:
                quantities = json.loads(quantities)
            except ValueError:
                quantities = []
        out.append(lk.Mention(
            id=r["id"], article=r["article_id"], type=r["type"], modality=r["modality"] or "asserted",
            date=r["start_date"], end_date=r["end_date"], granularity=r["granularity"] or "unknown",
            published=r["published"], outlet=r["source"], sources=actors[r["id"]]["source"],
            targets=actors[r["id"]]["target"], place=place, quantities=quantities or [],
            text=r["sentence"] or "", intensity=r["intensity"], cameo=r["cameo"]))
    return out


def link(store: Store) -> dict[str, Any]:
    """Link the events not yet in a cluster; existing clusters near their dates are extended.

    Returns counts: new events linked, clusters touched and created, clusters in all, seconds.
    """
    started = time.perf_counter()
    new = _mentions(store, _UNLINKED, [])
    result = {"events_linked": 0, "clusters_touched": 0, "clusters_created": 0, "clusters": 0, "seconds": 0.0}
    if new:
        days = [m.day for m in new if m.day is not None]
        linker = lk.Linker()
        if days:
            pad = dt.timedelta(days=max(int(v) for v in lk.rules()["date_window_days"].values()) + 7)
            lo, hi = min(days) - pad, max(days) + pad
            store.con.execute("CREATE OR REPLACE TEMP TABLE _link_clusters AS SELECT id FROM clusters "
                              "WHERE start_date <= ? AND end_date >= ?", [hi, lo])
            members: dict[str, list[lk.Mention]] = collections.defaultdict(list)
            old = {m.id: m for m in _mentions(store, _IN_CLUSTERS, [])}
            for event_id, cid in store.con.execute(
                    "SELECT m.event_id, m.cluster_id FROM cluster_members m "
                    "JOIN _link_clusters c ON c.id = m.cluster_id ORDER BY m.event_id").fetchall():
                if event_id in old:
                    members[cid].append(old[event_id])
            for cid in sorted(members):
                linker.load(cid, members[cid])
            store.con.execute("DROP TABLE IF EXISTS _link_clusters")
        before = set(linker.clusters)
        linker.link(new)
        touched = sorted(linker.touched)
        records = [lk.summarise(linker.clusters[cid]) for cid in touched]
        _write_clusters(store, records)
        result.update(events_linked=len(new), clusters_touched=len(touched),
                      clusters_created=len(set(touched) - before))
    result["clusters"] = store.con.execute("SELECT count(*) FROM clusters").fetchone()[0]
    result["seconds"] = round(time.perf_counter() - started, 3)
    return result


def _write_clusters(store: Store, records: list) -> None:
    if not records:
        return
    ids = [c.id for c in records]
    cluster_rows = [{"id": c.id, "type": c.type, "n_articles": c.n_articles, "n_sources": c.n_sources,
                     "first_seen": c.first_seen, "last_seen": c.last_seen, "start_date": c.start_date,
                     "end_date": c.end_date, "place": c.place, "summary": json.dumps(c.summary, default=str)}
                    for c in records]
    member_rows = [{"event_id": e, "cluster_id": c.id} for c in records for e in c.members]
    with store.transaction():
        store.con.execute("DELETE FROM cluster_members WHERE cluster_id IN (SELECT unnest(?))", [ids])
        store.con.execute("DELETE FROM clusters WHERE id IN (SELECT unnest(?))", [ids])
        store._insert("clusters", cluster_rows)
        store._insert("cluster_members", member_rows)


def clusters(store: Store, type: Optional[str] = None, date_from: Optional[str] = None,
             date_to: Optional[str] = None, min_sources: int = 1, limit: int = 50, offset: int = 0) -> list[dict]:
    """Linked events, most widely reported first, with their best-supported values and disagreements."""
    limit, offset = _page(limit, offset)
    where, params = ["n_sources >= ?"], [int(min_sources)]
    if type:
        where.append("type = ?")
        params.append(type.upper())
    if (d := _date(date_from, "from")):
        where.append("coalesce(end_date, start_date) >= ?")
        params.append(d)
    if (d := _date(date_to, "to")):
        where.append("coalesce(start_date, end_date) <= ?")
        params.append(d)
    rows = store.query(
        f"""SELECT id, type, start_date, end_date, place, n_articles, n_sources, first_seen, last_seen, summary
            FROM clusters WHERE {' AND '.join(where)}
            ORDER BY n_sources DESC, n_articles DESC, start_date NULLS LAST, id LIMIT ? OFFSET ?""",
        params + [limit, offset])
    for r in rows:
        summary = json.loads(r["summary"]) if isinstance(r["summary"], str) else (r["summary"] or {})
        r["disagreements"] = {k: v["values"] for k, v in summary.items()
                              if isinstance(v, dict) and not v.get("agree", True)}
        r["summary"] = summary
    return rows


# --- topic timeline ---------------------------------------------------------------------------
def _query_terms(query: str) -> list[str]:
    parts = re.split(r",|\s+OR\s+", query or "")
    return [p.strip().lower() for p in parts if p.strip()]


_ISO_DAY = re.compile(r"^(\d{4}-\d\d-\d\d)")


def timeline(store: Store, query: str, dates: int = 10, sentences: int = 1, date_from: Optional[str] = None,
             date_to: Optional[str] = None) -> list[dict]:
    """The most important days for ``query`` and, for each, the sentences that best describe it.

    ``query``: words or phrases separated by commas or `` OR ``; an article is read when it
    contains one, and a summary sentence must contain one. Days are ranked by references from
    later articles, mentions, publications and the number of sources in the event clusters.
    """
    from ..link.dateref import day_refs
    from ..link.tls import TimelineSentence, summarise   # numpy/scipy: loaded only for timelines

    terms = _query_terms(query)
    if not terms:
        raise DatelineError("E401", "--query is empty.", 'Give words to follow, e.g. --query "Idlib, Syria".')
    if not (0 < int(dates) <= 1000) or not (0 < int(sentences) <= 20):
        raise DatelineError("E401", f"--dates must be 1..1000 and --sentences 1..20 (got {dates}, {sentences}).")
    lo, hi = _date(date_from, "from"), _date(date_to, "to")
    where = ["(" + " OR ".join(["contains(lower(a.text), ?)"] * len(terms)) + ")"]
    params: list[Any] = list(terms)
    add_range_filters(where, params, None, lo, hi, "a.published", "a.published")
    store.con.execute("CREATE OR REPLACE TEMP TABLE _tl_articles AS SELECT a.id FROM articles a WHERE "
                      + " AND ".join(where), params)
    rows = store.query("""
        SELECT s.id, s.article_id, s.idx, a.published, a.source,
               substr(a.text, s.start + 1, s."end" - s.start) AS text, s.start, s."end"
        FROM sentences s JOIN articles a ON a.id = s.article_id JOIN _tl_articles t ON t.id = a.id
        ORDER BY a.published NULLS LAST, s.article_id, s.idx""")
    times: dict[str, list[tuple[int, dt.date]]] = collections.defaultdict(list)
    for r in store.query("""SELECT x.article_id, x.start, x.value FROM times x JOIN _tl_articles t ON t.id = x.article_id
                            WHERE x.type = 'DATE' AND x.value IS NOT NULL"""):
        m = _ISO_DAY.match(r["value"] or "")
        if m:
            try:
                times[r["article_id"]].append((r["start"], dt.date.fromisoformat(m.group(1))))
            except ValueError:
                pass
    # events dated to a day lend their date to their sentence
    event_days: dict[str, list[tuple[int, dt.date]]] = collections.defaultdict(list)
    for r in store.query("""SELECT e.article_id, e.sentence_start AS start, e.start_date FROM events e
                            JOIN _tl_articles t ON t.id = e.article_id
                            WHERE e.granularity = 'day' AND e.start_date IS NOT NULL AND e.modality = 'asserted'"""):
        event_days[r["article_id"]].append((r["start"], r["start_date"]))
    sources_per_day: dict[dt.date, float] = collections.defaultdict(float)
    for r in store.query("""SELECT c.start_date, max(c.n_sources) AS n FROM clusters c
                            JOIN cluster_members m ON m.cluster_id = c.id JOIN events e ON e.id = m.event_id
                            JOIN _tl_articles t ON t.id = e.article_id
                            WHERE c.start_date IS NOT NULL AND c.start_date = c.end_date AND c.n_sources > 1
                            GROUP BY c.id, c.start_date"""):
        sources_per_day[r["start_date"]] += r["n"]
    store.con.execute("DROP TABLE IF EXISTS _tl_articles")
    sents = []
    for r in rows:
        text = r["text"] or ""
        if r["article_id"] in times:
            days = [d for start, d in times[r["article_id"]] if r["start"] <= start < r["end"]]
        else:
            days = [d for d, _, _ in day_refs(text, r["published"])]
        days += [d for start, d in event_days.get(r["article_id"], ()) if r["start"] <= start < r["end"]]
        sents.append(TimelineSentence(text=" ".join(text.split()), published=r["published"], article=r["article_id"],
                                      position=r["idx"], dates=days, ref=r["id"]))
    result = summarise(sents, n_dates=int(dates), n_sents=int(sentences), start=lo, end=hi, keywords=terms,
                       sources_per_day=sources_per_day)
    return [{"date": d.date, "score": d.score, "signals": d.signals,
             "sentences": [{"text": s.text, "sentence_id": s.ref, "article_id": s.article, "published": s.published}
                           for s in d.sentences]} for d in result]


# --- actor and dyad timelines -----------------------------------------------------------------
def _actor_filter(alias: str, actor: str) -> tuple[str, list]:
    """SQL matching an actor by ISO3 country, `COUNTRY:SECTOR`, name, KB id or text."""
    m = re.fullmatch(r"([A-Za-z]{3})[: ]([A-Za-z]{3})", actor.strip())
    if m:
        return f"({alias}.country = ? AND {alias}.sector = ?)", [m.group(1).upper(), m.group(2).upper()]
    return (f"({alias}.country = ? OR lower({alias}.name) = lower(?) OR {alias}.kb_id = ? "
            f"OR lower({alias}.text) = lower(?))", [actor.upper(), actor, actor, actor])


def _items(store: Store, a: str, b: Optional[str], modality: Optional[str], lo, hi) -> list[dict]:
    if _fast_ready(store, a, b, modality):
        return _items_fast(store, a, b, modality, lo, hi)
    return _items_plain(store, a, b, modality, lo, hi)


def _fast_ready(store: Store, a: str, b: Optional[str], modality: Optional[str]) -> bool:
    """Whether the derived columns can answer (and the modality is known: the error comes first)."""
    if modality and modality != "all" and modality not in MODALITIES:
        raise DatelineError("E401", f"Unknown modality {modality!r}.", f"Use one of {', '.join(MODALITIES)} or all.")
    return not (derived.SEP in a or (b is not None and derived.SEP in b)
                or not derived.ready(store.con, "events") or not derived.ready(store.con, "quotes"))


def _key_match(column: str, actor: str) -> tuple[str, list]:
    """:func:`_actor_filter` over a derived key column (store/derived.py)."""
    m = re.fullmatch(r"([A-Za-z]{3})[: ]([A-Za-z]{3})", actor.strip())
    if m:
        return derived.sector_match(column, m.group(1).upper(), m.group(2).upper())
    return derived.actor_match(column, actor)


def _fast_filters(a: str, b: Optional[str], modality: Optional[str], lo, hi) -> tuple[list, list, list, list]:
    """The conditions of the fast path: (over events ``e``) and (over quotes ``q``), with parameters."""
    sa, psa = _key_match("e.source", a)
    ta, pta = _key_match("e.target", a)
    if b is None:
        where, params = [f"({sa} OR {ta})"], psa + pta
    else:
        sb, psb = _key_match("e.source", b)
        tb, ptb = _key_match("e.target", b)
        where, params = [f"(({sa} AND {tb}) OR ({ta} AND {sb}))"], psa + ptb + pta + psb
    where.append("e.has_article")
    add_range_filters(where, params, modality, lo, hi, "e.list_date", "e.list_date")
    fs, ps = _key_match("q.speaker", a)
    qwhere, qparams = [fs], list(ps)
    if b is not None:  # about B first: most quotes are about no one
        fb, pb = _key_match("q.about", b)
        qwhere, qparams = [fb, fs], pb + ps
    return where, params, qwhere, qparams


def _items_fast(store: Store, a: str, b: Optional[str], modality: Optional[str], lo, hi,
                ids: Optional[list[str]] = None) -> list[dict]:
    """:func:`_items` over the derived columns: one scan of events and one of quotes, no actor joins.
    With ``ids``, only the items of those event and quote ids."""
    where, params, qwhere, qparams = _fast_filters(a, b, modality, lo, hi)
    if ids is not None:
        where, qwhere = where + ["list_contains(?, e.id)"], qwhere + ["list_contains(?, q.id)"]
        params, qparams = params + [ids], qparams + [ids]
    # The matching rows first (reading only the filter columns), then their other columns.
    events = store.query(f"""
        WITH hit AS (SELECT e.rowid AS r FROM events e WHERE {' AND '.join(where)})
        SELECT e.id, e.list_date AS date, e.type, e.cameo, e.intensity, e.modality, e.article_id,
               e.sentence AS text, e.dyad_sources AS sources, e.dyad_targets AS targets, m.cluster_id
        FROM events e LEFT JOIN cluster_members m ON m.event_id = e.id
        WHERE e.rowid IN (SELECT r FROM hit)""", params)
    items = [_event_item(r) for r in events]
    items += _statements(store, qwhere, qparams, lo, hi, speaker="q.speaker_name")
    items.sort(key=lambda it: (it["date"] or dt.date.max, it["kind"], it["id"]))
    return items


_QUAD_SQL = "(SELECT * FROM (VALUES {rows}) t(key, quad))"


def _dyad_fast(store: Store, a: str, b: Optional[str], period: str, modality: Optional[str], lo, hi,
               limit: int, offset: int) -> tuple[int, list[dict], list[dict]]:
    """(item count, periods, page of items) as :func:`aggregate` and a slice of :func:`_items` give
    them, with the counting and ordering in SQL: an actor with 100,000 events is counted without
    reading its sentences, and only the page's items are read whole."""
    from ..link.timelines import QUAD_LABELS, _quad_table

    where, params, qwhere, qparams = _fast_filters(a, b, modality, lo, hi)
    qdates, qdparams = ["q.rowid IN (SELECT r FROM qhit)"], []
    add_range_filters(qdates, qdparams, None, lo, hi, "a.published", "a.published")
    quad = _QUAD_SQL.format(rows=", ".join(f"('{k}', {v})" for k, v in _quad_table().items()))
    unit = {"day": "day", "week": "week", "month": "month"}[period]
    matched = f"""
        hit AS (SELECT e.rowid AS r FROM events e WHERE {' AND '.join(where)}),
        qhit AS (SELECT q.rowid AS r FROM quotes q WHERE {' AND '.join(qwhere)}),
        items AS (
            SELECT e.id, e.list_date AS date, 'event' AS kind, e.intensity,
                   coalesce(qc.quad, qt.quad) AS quad
            FROM events e LEFT JOIN {quad} qc ON qc.key = left(trim(e.cameo), 2)
                          LEFT JOIN {quad} qt ON qt.key = upper(e.type)
            WHERE e.rowid IN (SELECT r FROM hit)
            UNION ALL
            SELECT q.id, a.published AS date, 'statement' AS kind, NULL AS intensity, NULL AS quad
            FROM quotes q JOIN articles a ON a.id = q.article_id WHERE {' AND '.join(qdates)})"""
    all_params = params + qparams + qdparams
    labels = [label.replace(" ", "_") for label in QUAD_LABELS.values()]
    periods = store.query(f"""
        WITH {matched}
        SELECT date_trunc('{unit}', date)::DATE AS period,
               count(*) FILTER (WHERE kind = 'event') AS n_events,
               count(*) FILTER (WHERE kind = 'statement') AS n_statements,
               round(avg(intensity) FILTER (WHERE kind = 'event'), 3) AS mean_intensity,
               {', '.join(f"count(*) FILTER (WHERE quad = {q}) AS {lab}" for q, lab in zip(QUAD_LABELS, labels))}
        FROM items GROUP BY ALL ORDER BY period NULLS LAST""", all_params)
    # items without a date count, but belong to no period
    total = sum(p["n_events"] + p["n_statements"] for p in periods)
    periods = [p for p in periods if p["period"] is not None]
    page = [r["id"] for r in store.query(f"""
        WITH {matched}
        SELECT id FROM items ORDER BY date NULLS LAST, kind, id LIMIT ? OFFSET ?""", all_params + [limit, offset])]
    items = _items_fast(store, a, b, modality, lo, hi, ids=page) if page else []
    return total, periods, items


def _event_item(r: dict) -> dict:
    return {"date": r["date"], "kind": "event", "type": r["type"], "cameo": r["cameo"],
            "quadclass": quadclass(r["cameo"], r["type"]), "intensity": r["intensity"], "modality": r["modality"],
            "sources": r["sources"], "targets": r["targets"], "text": " ".join((r["text"] or "").split()),
            "id": r["id"], "article_id": r["article_id"], "cluster_id": r["cluster_id"]}


def _statements(store: Store, qwhere: list[str], qparams: list, lo, hi,
                speaker: str = "(SELECT coalesce(x.name, x.text) FROM actors x WHERE x.id = q.speaker)") -> list[dict]:
    """Quotes passing ``qwhere`` (over ``q``) and the publication dates, as timeline items."""
    # the matching quotes first, reading only the filter columns; then their text, date and speaker
    where, params = ["q.rowid IN (SELECT r FROM hit)"], list(qparams)
    add_range_filters(where, params, None, lo, hi, "a.published", "a.published")
    out = []
    for r in store.query(f"""
            WITH hit AS (SELECT q.rowid AS r FROM quotes q WHERE {' AND '.join(qwhere)})
            SELECT q.id, a.published AS date, q.kind, q.content_text, q.article_id,
                   {speaker} AS speaker
            FROM quotes q JOIN articles a ON a.id = q.article_id WHERE {' AND '.join(where)}""", params):
        out.append({"date": r["date"], "kind": "statement", "type": None, "cameo": None, "quadclass": None,
                    "intensity": None, "modality": None, "sources": r["speaker"], "targets": None,
                    "text": " ".join((r["content_text"] or "").split()), "id": r["id"],
                    "article_id": r["article_id"], "cluster_id": None})
    return out


def _items_plain(store: Store, a: str, b: Optional[str], modality: Optional[str], lo, hi) -> list[dict]:
    """:func:`_items` in plain SQL over the joined tables (the meaning the fast path must keep)."""
    fa, pa = _actor_filter("x", a)
    where, params = [], []
    if b is None:
        where.append(f"e.id IN (SELECT ea.event_id FROM event_actors ea JOIN actors x ON x.id = ea.actor_id WHERE {fa})")
        params += pa
    else:
        fb, pb = _actor_filter("y", b)
        pair = ("SELECT ea.event_id FROM event_actors ea JOIN actors x ON x.id = ea.actor_id "
                "JOIN event_actors eb ON eb.event_id = ea.event_id AND eb.role <> ea.role "
                f"JOIN actors y ON y.id = eb.actor_id WHERE {fa} AND {fb}")
        where.append(f"e.id IN ({pair})")
        params += pa + pb
    if modality and modality != "all":
        if modality not in MODALITIES:
            raise DatelineError("E401", f"Unknown modality {modality!r}.", f"Use one of {', '.join(MODALITIES)} or all.")
    add_range_filters(where, params, modality, lo, hi, "coalesce(e.start_date, a.published)",
                      "coalesce(e.start_date, a.published)")
    # Joins over the matched events only, not subqueries per event: this runs on millions of events.
    events = store.query(f"""
        WITH ev AS (
            SELECT e.id, coalesce(e.start_date, a.published) AS date, e.type, e.cameo, e.intensity, e.modality,
                   substr(a.text, e.sentence_start + 1, e.sentence_end - e.sentence_start) AS text, e.article_id
            FROM events e JOIN articles a ON a.id = e.article_id
            WHERE {' AND '.join(where)}),
        names AS (
            SELECT ea.event_id, ea.role,
                   string_agg(DISTINCT coalesce(x.name, x.country, x.text), ', '
                              ORDER BY coalesce(x.name, x.country, x.text)) AS names
            FROM event_actors ea JOIN ev ON ev.id = ea.event_id JOIN actors x ON x.id = ea.actor_id
            GROUP BY ea.event_id, ea.role)
        SELECT ev.*, s.names AS sources, t.names AS targets, m.cluster_id
        FROM ev LEFT JOIN names s ON s.event_id = ev.id AND s.role = 'source'
                LEFT JOIN names t ON t.event_id = ev.id AND t.role = 'target'
                LEFT JOIN cluster_members m ON m.event_id = ev.id""", params)
    items = [_event_item(r) for r in events]
    # statements: quotes spoken by A (about B, for a dyad)
    fs, ps = _actor_filter("x", a)
    qwhere, qparams = [f"q.speaker IN (SELECT x.id FROM actors x WHERE {fs})"], list(ps)
    if b is not None:
        fb, pb = _actor_filter("y", b)
        # unnest once over A's quotes and join, not a correlated EXISTS per quote (minutes on 1M rows)
        qwhere.append(f"""q.id IN (SELECT ab.qid FROM (SELECT q2.id AS qid, unnest(q2.about) AS aid FROM quotes q2
                                                     WHERE q2.speaker IN (SELECT x.id FROM actors x WHERE {fs})) ab
                                 JOIN actors y ON y.id = ab.aid WHERE {fb})""")
        qparams += list(ps) + pb
    items += _statements(store, qwhere, qparams, lo, hi)
    items.sort(key=lambda it: (it["date"] or dt.date.max, it["kind"], it["id"]))
    return items


def dyad(store: Store, a: str, b: Optional[str] = None, period: str = "month", modality: Optional[str] = "asserted",
         date_from: Optional[str] = None, date_to: Optional[str] = None, limit: int = 200, offset: int = 0) -> dict:
    """Events between A and B (either direction; with ``b=None`` every event of A) and A's
    statements (about B), with counts, mean intensity and QuadClass per period."""
    if period not in PERIODS:
        raise DatelineError("E401", f"Unknown period {period!r}.", f"Use one of {', '.join(PERIODS)}.")
    if not a or not a.strip():
        raise DatelineError("E401", "An actor is needed.", "Give an ISO3 code (RUS), COUNTRY:SECTOR or a name.")
    limit, offset = _page(limit, offset)
    lo, hi = _date(date_from, "from"), _date(date_to, "to")
    # One actor alone can have 100,000 items: count them in SQL. A pair has few, and reading them
    # once is faster than the two scans counting in SQL takes (measured on 1M events).
    if b is None and _fast_ready(store, a, b, modality):
        n, periods, page = _dyad_fast(store, a, b, period, modality, lo, hi, limit, offset)
    else:
        items = _items(store, a, b, modality, lo, hi)
        n, periods, page = len(items), aggregate(items, period), items[offset:offset + limit]
    return {"actors": [a] + ([b] if b else []), "period": period, "n_items": n, "periods": periods, "items": page}
