"""Actor queries the store does not offer (yet): the actor list and one actor's profile.

Written against the tables directly, with the actor matching of ``queries.events`` (ISO3 country,
canonical name, KB id, or the text as written). To be moved next to the store's other queries when
it has an actor module; the HTTP API is the only caller.
"""

from __future__ import annotations

from typing import Optional

MATCH = "(x.country = ? OR lower(x.name) = lower(?) OR x.kb_id = ? OR lower(x.text) = lower(?))"


def match_params(name: str) -> list:
    return [name.upper(), name, name, name]


def actor_list(st, q: Optional[str], country: Optional[str], sector: Optional[str], limit: int,
               offset: int) -> tuple[int, list[dict]]:
    """Actors grouped by canonical name (else the text), most events first; (total, rows)."""
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
    rows = st.query(f"""
        WITH x AS (SELECT id, article_id, coalesce(name, text) AS label, country, sector, kb_id
                   FROM actors x WHERE {' AND '.join(where)}),
        ev AS (SELECT ea.actor_id, count(DISTINCT ea.event_id) AS n FROM event_actors ea GROUP BY ea.actor_id)
        SELECT x.label, min(x.country) AS country, min(x.sector) AS sector, min(x.kb_id) AS kb_id,
               count(*) AS n_mentions, count(DISTINCT x.article_id) AS n_articles,
               coalesce(sum(ev.n), 0)::BIGINT AS n_events, count(*) OVER () AS total
        FROM x LEFT JOIN ev ON ev.actor_id = x.id
        GROUP BY x.label ORDER BY n_events DESC, n_mentions DESC, x.label LIMIT ? OFFSET ?""",
        params + [limit, offset])
    return (rows[0]["total"] if rows else 0), rows


def actor_profile(st, name: str) -> dict:
    """Identities, aliases, roles and the mention count of the actor ``name``."""
    m = match_params(name)
    identities = st.query(f"""SELECT name, country, sector, kb_id, count(*) AS n FROM actors x WHERE {MATCH}
                              GROUP BY ALL ORDER BY n DESC, name NULLS LAST LIMIT 20""", m)
    aliases = st.query(f"""SELECT text AS value, count(*) AS n FROM actors x WHERE {MATCH}
                           GROUP BY text ORDER BY n DESC, text LIMIT 30""", m)
    roles = st.query(f"""SELECT ea.role AS value, count(DISTINCT ea.event_id) AS n FROM event_actors ea
                         JOIN actors x ON x.id = ea.actor_id WHERE {MATCH} GROUP BY ea.role ORDER BY n DESC""", m)
    spoke = st.one(f"""SELECT count(*) AS n FROM quotes q WHERE q.speaker IN (SELECT x.id FROM actors x WHERE {MATCH})""", m)
    if spoke and spoke["n"]:
        roles.append({"value": "speaker", "n": spoke["n"]})
    return {"identities": identities, "aliases": aliases, "roles": roles,
            "n_mentions": sum(r["n"] for r in identities) if len(identities) < 20 else
            st.one(f"SELECT count(*) AS n FROM actors x WHERE {MATCH}", m)["n"]}
