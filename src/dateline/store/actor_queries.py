"""Read-side queries for actors: the actor list with mention counts, and one actor's profile.

Shared by the CLI (`dateline actors`, `dateline actor NAME`), the Python API (`dateline.actors`,
`dateline.actor`) and the HTTP API. Every filter is a bound parameter.
"""

from __future__ import annotations

from typing import Optional

from ..errors import DatelineError
from .db import Store
from .queries import _page

# One actor across articles: its KB id, else its resolved name with country and sector.
_KEY = "coalesce(x.kb_id, 'name:' || coalesce(x.name, x.text) || '|' || coalesce(x.country, '') || '|' || coalesce(x.sector, ''))"


def actors(store: Store, country: Optional[str] = None, sector: Optional[str] = None,
           limit: int = 50, offset: int = 0) -> list[dict]:
    """Actors with how often and in how many articles they are mentioned, and their first and last dates."""
    limit, offset = _page(limit, offset)
    where, params = ["TRUE"], []
    if country:
        where.append("x.country = ?")
        params.append(country.upper())
    if sector:
        where.append("x.sector = ?")
        params.append(sector.upper())
    return store.query(
        # min(), not any_value() or mode(): the same database must always list the same rows.
        f"""SELECT min(coalesce(x.name, x.text)) AS name, min(x.kb_id) AS kb_id,
                   min(x.country) AS country, min(x.sector) AS sector,
                   count(*) AS mentions, count(DISTINCT x.article_id) AS articles,
                   min(a.published) AS first, max(a.published) AS last
            FROM actors x JOIN articles a ON a.id = x.article_id
            WHERE {' AND '.join(where)}
            GROUP BY {_KEY}
            ORDER BY mentions DESC, name, kb_id NULLS LAST, country NULLS LAST, sector NULLS LAST LIMIT ? OFFSET ?""",
        params + [limit, offset])


def actor(store: Store, name: str, limit: int = 50) -> dict:
    """One actor by name, KB id, text as written or ISO3 country: aliases, roles, events and quotes."""
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
        raise DatelineError("E401", f"No actor {name!r} in the database.",
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
    events = store.query(
        """SELECT e.id, coalesce(e.start_date, a.published) AS date, e.type, e.modality, ea.role,
                  substr(a.text, e.sentence_start + 1, e.sentence_end - e.sentence_start) AS sentence
           FROM event_actors ea JOIN events e ON e.id = ea.event_id JOIN articles a ON a.id = e.article_id
           WHERE list_contains(?, ea.actor_id)
           ORDER BY date NULLS LAST, e.id LIMIT ?""", [ids, limit])
    quotes = store.query(
        """SELECT q.id, a.published AS date, q.kind, q.content_text AS content,
                  CASE WHEN list_contains(?, q.speaker) THEN 'speaker' ELSE 'about' END AS role
           FROM quotes q JOIN articles a ON a.id = q.article_id
           WHERE list_contains(?, q.speaker) OR list_has_any(q.about, ?)
           ORDER BY date NULLS LAST, q.id LIMIT ?""", [ids, ids, ids, limit])
    return {
        "name": names[0] if names else rows[0]["text"], "kb_ids": kb_ids,
        "aliases": [{"text": t, "mentions": n} for t, n in sorted(texts.items(), key=lambda kv: -kv[1])],
        "roles": sorted(roles.values(), key=lambda r: -r["mentions"]),
        "kb_roles": _kb_roles(kb_ids),
        "mentions": len(rows), "articles": len({r["article_id"] for r in rows}),
        "events": events, "quotes": quotes,
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
