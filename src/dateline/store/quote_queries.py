"""Read-side query for quotes: who said what, when, about whom, with the evidence.

Shared by the CLI (`dateline quotes`), the Python API (`dateline.quotes`) and the HTTP API.
Every filter is a bound parameter.
"""

from __future__ import annotations

from typing import Optional

from .db import Store
from .queries import _date, _page

# An actor matches a filter value by ISO3 country, canonical name, KB id or its text in the article.
_ACTOR_MATCH = "(x.country = ? OR lower(x.name) = lower(?) OR x.kb_id = ? OR lower(x.text) = lower(?))"


def quotes(store: Store, speaker: Optional[str] = None, about: Optional[str] = None,
           date_from: Optional[str] = None, date_to: Optional[str] = None,
           limit: int = 50, offset: int = 0) -> list[dict]:
    """Quotes with speaker, cue, content and the article's date (a quote is dated by its article).

    ``speaker`` matches the resolved speaker actor (country, name, KB id or text) or, when no actor was
    resolved, the source text as written; ``about`` matches an actor mentioned inside the content.
    """
    limit, offset = _page(limit, offset)
    where, params = ["TRUE"], []
    if speaker:
        where.append(f"""(q.speaker IN (SELECT x.id FROM actors x WHERE {_ACTOR_MATCH})
                         OR (q.speaker IS NULL AND lower(q.source_text) LIKE '%' || lower(?) || '%'))""")
        params += [speaker.upper(), speaker, speaker, speaker, speaker]
    if about:
        where.append(f"""EXISTS (SELECT 1 FROM actors x WHERE list_contains(q.about, x.id) AND {_ACTOR_MATCH})""")
        params += [about.upper(), about, about, about]
    if (d := _date(date_from, "from")):
        where.append("a.published >= ?")
        params.append(d)
    if (d := _date(date_to, "to")):
        where.append("a.published <= ?")
        params.append(d)
    return store.query(
        f"""SELECT q.id, a.published AS date, q.kind, q.speaker,
                   (SELECT coalesce(x.name, x.text) FROM actors x WHERE x.id = q.speaker) AS speaker_name,
                   q.source_text AS source, q.cue_text AS cue, q.content_text AS content,
                   q.about, q.events, q.score, q.reason, q.article_id
            FROM quotes q JOIN articles a ON a.id = q.article_id
            WHERE {' AND '.join(where)} ORDER BY date NULLS LAST, q.article_id, q.content_start
            LIMIT ? OFFSET ?""",
        params + [limit, offset])
