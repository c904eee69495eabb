"""Search over article texts and quotes: `dateline search`, `dateline.search()` and `/api/search`.

DuckDB's full-text search lives in the ``fts`` extension, which DuckDB downloads on ``INSTALL fts``
(from extensions.duckdb.org: no network here), and its index is built by writing into the database
(``PRAGMA create_fts_index``), which a read-only server cannot do. The wheels on PyPI that carry the
extension are built for DuckDB 1.5 and do not load into 2.0. So the server uses this plain search:
every term must occur (case-insensitive substring), ranked by how often the terms occur, titles
counting double. It reads every text once per new query; results are cached.

On a store with the token index of migration 9 (store/search_index.py) a query whose terms are all
made of letters, digits and marks is answered from the index, with the same results, order, totals
and snippets; other terms (``u.s.``, ``state-run``) and stores without a filled index (an older
database opened read-only, views over shard files) take the plain SQL below.
"""

from __future__ import annotations

from ..errors import DatelineError
from . import search_index
from .queries import _page

MODE = "substring"
MAX_TERMS = 8
MAX_TERM = 100

_SQL = """
WITH art AS (
    SELECT 'article' AS kind, a.id, a.id AS article_id, a.title, a.published, a.text AS body,
           lower(a.text) AS hay, lower(coalesce(a.title, '')) AS thay
    FROM articles a),
quo AS (
    SELECT 'quote' AS kind, q.id, q.article_id, a.title, a.published, q.content_text AS body,
           lower(q.content_text) AS hay, '' AS thay
    FROM quotes q JOIN articles a ON a.id = q.article_id WHERE q.content_text IS NOT NULL),
hits AS (
    SELECT * FROM art WHERE {match_art}
    UNION ALL
    SELECT * FROM quo WHERE {match_quo})
SELECT kind, id, article_id, title, published,
       substr(body, greatest(1, strpos(hay, ?) - 80), 240) AS snippet,
       ({score}) AS score, count(*) OVER () AS total
FROM hits ORDER BY score DESC, published DESC NULLS LAST, id LIMIT ? OFFSET ?
"""


def terms_of(q: str) -> list[str]:
    terms = list(dict.fromkeys(t for t in q.lower().split() if t))
    if not terms:
        raise DatelineError("E401", "The search query is empty.", "Give one or more words, e.g. q=ceasefire talks.")
    if len(terms) > MAX_TERMS or any(len(t) > MAX_TERM for t in terms):
        raise DatelineError("E401", f"At most {MAX_TERMS} terms of {MAX_TERM} characters each.", "Shorten the query.")
    return terms


def search(st, q: str, limit: int = 20, offset: int = 0) -> dict:
    """Every word of ``q`` (case-insensitive substring) in article titles and texts and in quote
    contents, ranked by occurrences (titles count double), newest first on ties; one page."""
    limit, offset = _page(limit, offset)
    terms = terms_of(q)
    if search_index.usable(st.con, terms):
        rows = search_index.search(st, terms, limit, offset)
    else:
        rows = search_plain(st, terms, limit, offset)
    return _result(q, rows, limit, offset)


def search_plain(st, terms: list[str], limit: int, offset: int) -> list[dict]:
    """The search in plain SQL over the texts (the meaning the index path must keep)."""
    one = "(contains(hay, ?) OR contains(thay, ?))"
    match = " AND ".join([one] * len(terms))
    occurrences = "(length(hay) - length(replace(hay, ?, ''))) / length(?) + 2 * (length(thay) - length(replace(thay, ?, ''))) / length(?)"
    sql = _SQL.format(match_art=match, match_quo=match, score=" + ".join([occurrences] * len(terms)))
    params: list = []
    for t in terms:
        params += [t, t]
    params = params + params  # articles, then quotes
    params.append(terms[0])  # snippet around the first term
    for t in terms:
        params += [t, t, t, t]
    return st.query(sql, params + [limit, offset])


def _result(q: str, rows: list[dict], limit: int, offset: int) -> dict:
    total = rows[0]["total"] if rows else 0
    items = [{**{k: r[k] for k in ("kind", "id", "article_id", "title", "published")},
              "snippet": " ".join((r["snippet"] or "").split()), "score": float(r["score"] or 0)} for r in rows]
    return {"q": q, "mode": MODE, "total": int(total), "limit": limit, "offset": offset, "items": items}
