"""Read-side queries for actors: the actor list with mention and event counts, and one actor's profile.

Shared by the CLI (`dateline actors`, `dateline actor NAME`), the Python API (`dateline.actors`,
`dateline.actor`) and the HTTP API. Every filter is a bound parameter.
"""

from __future__ import annotations

from typing import Optional

from ..errors import DatelineError
from .db import Store
from .queries import _page, events

# One actor across articles: its KB id, else its resolved name with country and sector.
_KEY = "coalesce(x.kb_id, 'name:' || coalesce(x.name, x.text) || '|' || coalesce(x.country, '') || '|' || coalesce(x.sector, ''))"


def _where(q: Optional[str], country: Optional[str], sector: Optional[str]) -> tuple[str, list]:
    where, params = ["TRUE"], []
    if q:
        where.append("contains(lower(coalesce(x.name, x.text)), lower(?))")
        params.append(q)
    if country:
        where.append("x.country = ?")
        params.append(country.upper())
    if sector:
        where.append("x.sector = ?")
        params.append(sector.upper())
    return " AND ".join(where), params


def actors(store: Store, q: Optional[str] = None, country: Optional[str] = None, sector: Optional[str] = None,
           limit: int = 50, offset: int = 0) -> list[dict]:
    """Actors (one per KB entry, else per name, country and sector), those in most events first, with
    their mention, article and event counts and first and last dates. ``q``: part of the name."""
    limit, offset = _page(limit, offset)
    where, params = _where(q, country, sector)
    return store.query(
        # min(), not any_value() or mode(): the same database must always list the same rows.
        f"""WITH x AS (SELECT x.id, x.article_id, x.name, x.text, x.kb_id, x.country, x.sector, {_KEY} AS k
                       FROM actors x WHERE {where}),
                 -- the country and sector most of its mentions have (not the alphabetically first:
                 -- a country named as a place and as a government is shown as what it mostly is)
                 pairs AS (SELECT k, country, sector, count(*) AS n FROM x GROUP BY ALL),
                 best AS (SELECT k, first(country ORDER BY sector IS NULL, n DESC, country NULLS LAST, sector) AS country,
                                    first(sector ORDER BY sector IS NULL, n DESC, country NULLS LAST, sector) AS sector
                          FROM pairs GROUP BY k)
            SELECT min(coalesce(x.name, x.text)) AS name, min(x.kb_id) AS kb_id,
                   any_value(b.country) AS country, any_value(b.sector) AS sector,
                   count(DISTINCT x.id) AS mentions, count(DISTINCT x.article_id) AS articles,
                   count(DISTINCT ea.event_id) AS events,
                   min(a.published) AS first, max(a.published) AS last
            FROM x JOIN best b ON b.k = x.k JOIN articles a ON a.id = x.article_id
                   LEFT JOIN event_actors ea ON ea.actor_id = x.id
            GROUP BY x.k
            ORDER BY events DESC, mentions DESC, name, kb_id NULLS LAST, country NULLS LAST, sector NULLS LAST
            LIMIT ? OFFSET ?""",
        params + [limit, offset])


def count_actors(store: Store, q: Optional[str] = None, country: Optional[str] = None,
                 sector: Optional[str] = None) -> int:
    """How many rows :func:`actors` has in all, with the same filters (for a pager)."""
    where, params = _where(q, country, sector)
    return store.query(f"SELECT count(DISTINCT {_KEY}) AS n FROM actors x WHERE {where}", params)[0]["n"]


def actor(store: Store, name: str, limit: int = 50) -> dict:
    """One actor by name, KB id, text as written or ISO3 country: aliases, identities (country and sector
    in the articles, and in the KB), how often it was source, target or speaker, its events (the rows of
    ``dateline events --actor <events_actor> --modality all``) and the quotes by it or about it."""
    if not name or not name.strip():
        raise DatelineError("E401", "No actor name given.", "Pass a name, a KB id or an ISO3 code.")
    limit, _ = _page(limit, 0)
    key = name.strip()
    rows = store.query(
        """SELECT x.id, x.text, x.name, x.country, x.sector, x.kb_id, x.article_id, a.published
           FROM actors x JOIN articles a ON a.id = x.article_id
           WHERE x.kb_id = ? OR lower(x.name) = lower(?) OR lower(x.text) = lower(?)
              OR (length(?) = 3 AND x.country = upper(?) AND x.sector = 'GOV' AND x.kb_id = 'c:' || upper(?))""",
        [key, key, key, key, key, key])
    if not rows:
        raise DatelineError("E410", f"No actor {name!r} in the database.",
                            "List them with `dateline actors`, then use a name or KB id from that list.")
    kb_ids = sorted({r["kb_id"] for r in rows if r["kb_id"]})
    if kb_ids:
        # Every mention resolved to the same KB entries, whatever its text ("Putin", "the Russian president").
        more = store.query(
            """SELECT x.id, x.text, x.name, x.country, x.sector, x.kb_id, x.article_id, a.published
               FROM actors x JOIN articles a ON a.id = x.article_id WHERE list_contains(?, x.kb_id)""", [kb_ids])
        seen = {r["id"] for r in rows}
        rows += [r for r in more if r["id"] not in seen]
    names = sorted({r["name"] for r in rows if r["name"]})
    ids = [r["id"] for r in rows]
    texts: dict[str, int] = {}
    for r in rows:
        texts[r["text"]] = texts.get(r["text"], 0) + 1
    roles: dict[tuple, dict] = {}
    for r in rows:
        k = (r["country"], r["sector"])
        entry = roles.setdefault(k, {"country": r["country"], "sector": r["sector"], "mentions": 0,
                                     "first": r["published"], "last": r["published"]})
        entry["mentions"] += 1
        for side, pick in (("first", min), ("last", max)):
            vals = [v for v in (entry[side], r["published"]) if v is not None]
            entry[side] = pick(vals) if vals else None
    event_roles = store.query(
        """SELECT ea.role, count(DISTINCT ea.event_id) AS n FROM event_actors ea
           WHERE list_contains(?, ea.actor_id) GROUP BY ea.role ORDER BY n DESC, ea.role""", [ids])
    spoke = store.query("SELECT count(*) AS n FROM quotes q WHERE list_contains(?, q.speaker)", [ids])[0]["n"]
    if spoke:
        event_roles.append({"role": "speaker", "n": spoke})
    # One KB entry: its id finds every mention, whatever the text; else the name as given.
    events_actor = kb_ids[0] if len(kb_ids) == 1 else key
    quotes = store.query(
        """SELECT q.id, a.published AS date, q.kind,
                  CASE WHEN list_contains(?, q.speaker) THEN 'speaker' ELSE 'about' END AS role,
                  (SELECT coalesce(x.name, x.text) FROM actors x WHERE x.id = q.speaker) AS speaker_name,
                  q.source_text AS source, q.cue_text AS cue, q.content_text AS content, q.article_id
           FROM quotes q JOIN articles a ON a.id = q.article_id
           WHERE list_contains(?, q.speaker) OR list_has_any(q.about, ?)
           ORDER BY date NULLS LAST, q.id LIMIT ?""", [ids, ids, ids, limit])
    return {
        "name": names[0] if names else rows[0]["text"], "kb_ids": kb_ids,
        "aliases": [{"text": t, "mentions": n} for t, n in sorted(texts.items(), key=lambda kv: (-kv[1], kv[0]))],
        "roles": sorted(roles.values(), key=lambda r: -r["mentions"]),
        "kb_roles": _kb_roles(kb_ids),
        "mentions": len(rows), "articles": len({r["article_id"] for r in rows}),
        "event_roles": event_roles, "events_actor": events_actor,
        "events": events(store, actor=events_actor, modality="all", limit=limit),
        "quotes": quotes,
    }


def _kb_roles(kb_ids: list[str]) -> list[dict]:
    """The knowledge base's dated roles of these entries (empty when the KB cannot be read)."""
    try:
        from ..actors.kb import load_kb

        kb = load_kb()
    except Exception:  # the profile still shows what the database holds
        return []
    out = []
    for kb_id in kb_ids:
        ent = kb.entity(kb_id)
        if ent is None:
            continue
        for r in ent.roles:
            out.append({"kb_id": kb_id, "sector": r.sector, "country": r.country, "org": r.org,
                        "office": r.office or None, "start": r.start, "end": r.end})
    return out
