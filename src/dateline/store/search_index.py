"""A token index over article texts, titles and quote contents, for ``store.search_queries`` (migration 9).

Why: the plain search lowers and scans every text on every new query (1.4 s p95 on 1,000,000
events, 250,000 articles). DuckDB's ``fts`` extension cannot be installed offline (store/search_queries.py).

What: every text is lowered with DuckDB's ``lower`` (what the plain search compares with) and cut
into tokens, maximal runs of letters, digits and combining marks (RE2 ``[\\pL\\pN\\pM]+``, so
Unicode-aware). ``search_postings`` holds one row per (token, document) with the token's count in
the body (``n``) and in the title (``nt``), the document by number (grouping integers is several
times faster than grouping ids); ``search_vocab`` the distinct tokens; ``search_docs`` the documents
indexed, with their number and date (the marker: a writer indexes exactly the documents not in it,
and a reader uses the index only when every searchable document is in it).

Why the results equal the plain substring search: when every character of a query term is a token
character, each occurrence of the term in a text lies inside one token. So the documents containing
the term are those with a token containing it (found in the small vocabulary with the same
``contains``), and its count in a text is the sum over tokens of (count in the token) x (the token's
count), which is what the plain ``replace``-based count gives. Terms holding another character
(``u.s.``, ``state-run``) take the plain SQL. Ranking, ties and the snippet are the plain search's.

All in SQL, after each batch (``derive``), like the query columns of derived.py.
"""

from __future__ import annotations

import duckdb

TOKEN = r"[\pL\pN\pM]+"

TABLES_SQL = """
CREATE TABLE search_docs (kind TEXT, id TEXT, doc INTEGER, published DATE, PRIMARY KEY (kind, id));
CREATE TABLE search_vocab (token TEXT PRIMARY KEY);
CREATE TABLE search_postings (token TEXT, doc INTEGER, n INTEGER, nt INTEGER);
"""

# Documents the plain search reads: every article; quotes with a content and a stored article. A
# quote with a content whose article is not stored is noted as an 'orphan' (the plain search skips
# it) and looked at again by each later call, so it is indexed should its article come.
# The new documents are found by id first, so that only their texts are read (reading every text
# to find them took 0.1-0.6 s a batch on 250,000 articles). Rows written in token order, so the
# zone maps of a backfilled table skip most row groups.
DERIVE_SQL = f"""
CREATE OR REPLACE TEMP TABLE _search_new AS
    SELECT 'article' AS kind, a.id FROM articles a
    WHERE NOT EXISTS (SELECT 1 FROM search_docs d WHERE d.kind = 'article' AND d.id = a.id)
    UNION ALL
    SELECT 'quote' AS kind, q.id FROM quotes q
    WHERE q.content_text IS NOT NULL AND NOT EXISTS (SELECT 1 FROM search_docs d WHERE d.kind = 'quote' AND d.id = q.id);
CREATE OR REPLACE TEMP TABLE _search_pend AS
    SELECT *, (SELECT coalesce(max(doc), 0) FROM search_docs) + CAST(row_number() OVER (ORDER BY kind, id) AS INTEGER)
              AS doc FROM (
    SELECT 'article' AS kind, a.id, a.published, lower(a.text) AS hay, lower(coalesce(a.title, '')) AS thay
    FROM articles a SEMI JOIN _search_new n ON n.kind = 'article' AND n.id = a.id
    UNION ALL
    SELECT CASE WHEN a.id IS NULL THEN 'orphan' ELSE 'quote' END AS kind, q.id, a.published,
           lower(q.content_text) AS hay, '' AS thay
    FROM (SELECT q.* FROM quotes q SEMI JOIN _search_new n ON n.kind = 'quote' AND n.id = q.id) q
    LEFT JOIN articles a ON a.id = q.article_id);
CREATE OR REPLACE TEMP TABLE _search_tok AS
    SELECT token, doc, CAST(sum(b) AS INTEGER) AS n, CAST(sum(t) AS INTEGER) AS nt
    FROM (SELECT unnest(regexp_extract_all(hay, '{TOKEN}')) AS token, doc, 1 AS b, 0 AS t
          FROM _search_pend WHERE kind <> 'orphan'
          UNION ALL
          SELECT unnest(regexp_extract_all(thay, '{TOKEN}')) AS token, doc, 0 AS b, 1 AS t
          FROM _search_pend WHERE kind <> 'orphan')
    GROUP BY token, doc;
INSERT INTO search_postings SELECT token, doc, n, nt FROM _search_tok ORDER BY token, doc;
INSERT OR IGNORE INTO search_vocab SELECT DISTINCT token FROM _search_tok;
DELETE FROM search_docs WHERE kind = 'orphan' AND id IN (SELECT id FROM _search_pend WHERE kind = 'quote');
INSERT OR IGNORE INTO search_docs SELECT kind, id, doc, published FROM _search_pend;
DROP TABLE _search_tok;
DROP TABLE _search_pend;
DROP TABLE _search_new;
"""


def derive(con) -> None:
    """Index the documents written since the last call (same transaction as the batch)."""
    con.execute(DERIVE_SQL)


def ready(con) -> bool:
    """Whether every document the plain search reads is indexed (False on an older schema, on
    views over shard files, or while documents wait for :func:`derive`)."""
    # One row in search_docs per article and per quote with a content (orphans included), so
    # counting is enough, and reads no text (under a millisecond on 250,000 articles).
    try:
        return con.execute("""
            SELECT (SELECT count(*) FROM articles) + (SELECT count(*) FROM quotes WHERE content_text IS NOT NULL)
                 = (SELECT count(*) FROM search_docs)""").fetchone()[0]
    except duckdb.Error:  # no such table (older schema, views over Parquet shards)
        return False


def usable(con, terms: list[str]) -> bool:
    """:func:`ready` and :func:`word_terms` in one round trip (what a search asks first)."""
    try:
        return bool(con.execute(f"""
            SELECT (SELECT count(*) FROM articles) + (SELECT count(*) FROM quotes WHERE content_text IS NOT NULL)
                   = (SELECT count(*) FROM search_docs)
               AND list_bool_and([regexp_full_match(t, '{TOKEN}') FOR t IN ?::TEXT[]])""", [terms]).fetchone()[0])
    except duckdb.Error:
        return False


def word_terms(con, terms: list[str]) -> bool:
    """True when every term is made of token characters only (the index answers exactly)."""
    return bool(con.execute(f"SELECT list_bool_and([regexp_full_match(t, '{TOKEN}') FOR t IN ?::TEXT[]])",
                            [terms]).fetchone()[0])


# Per term the matching tokens and the term's count in each; per document the sum over its tokens,
# and a bit per term found (all set: every term occurs); the plain search's order and page.
SEARCH_SQL = """
WITH t AS (SELECT unnest(?::TEXT[]) AS term, unnest(range(?)) AS i),
m AS (SELECT t.i, v.token, (length(v.token) - length(replace(v.token, t.term, ''))) // length(t.term) AS k
      FROM search_vocab v JOIN t ON contains(v.token, t.term)),
hits AS MATERIALIZED (SELECT p.doc, CAST(sum(m.k * (p.n + 2 * p.nt)) AS DOUBLE) AS score
         FROM search_postings p JOIN m ON p.token = m.token GROUP BY p.doc
         HAVING bit_or(CAST(1 AS BIGINT) << m.i) = ?)
SELECT d.kind, d.id, d.published, h.score, (SELECT count(*) FROM hits) AS total
FROM hits h JOIN search_docs d ON d.doc = h.doc
ORDER BY h.score DESC, d.published DESC NULLS LAST, d.id LIMIT ? OFFSET ?
"""

# The page's titles and snippets (cut as the plain search cuts them), by primary key: two small
# look-ups (one query joining quotes to articles scans the articles: 12 ms on 250,000).
_SNIP = "substr({c}, greatest(1, strpos(lower({c}), ?) - 80), 240) AS snippet"
QUOTES_SQL = f"SELECT id, article_id, {_SNIP.format(c='content_text')} FROM quotes WHERE id IN (SELECT unnest(?::TEXT[]))"
ARTICLES_SQL = f"SELECT id, title, {_SNIP.format(c='text')} FROM articles WHERE id IN (SELECT unnest(?::TEXT[]))"


def search(st, terms: list[str], limit: int, offset: int) -> list[dict]:
    """The plain search's rows (kind, id, article_id, title, published, snippet, score, total) from
    the index; the caller checks :func:`ready` and :func:`word_terms` first."""
    rows = st.query(SEARCH_SQL, [terms, len(terms), (1 << len(terms)) - 1, limit, offset])
    quote_ids = [r["id"] for r in rows if r["kind"] == "quote"]
    quotes = {r["id"]: r for r in st.query(QUOTES_SQL, [terms[0], quote_ids])} if quote_ids else {}
    article_ids = [r["id"] for r in rows if r["kind"] == "article"] + [q["article_id"] for q in quotes.values()]
    articles = {r["id"]: r for r in st.query(ARTICLES_SQL, [terms[0], article_ids])} if article_ids else {}
    out = []
    for r in rows:
        if r["kind"] == "article":
            a = articles[r["id"]]
            extra = {"article_id": r["id"], "title": a["title"], "snippet": a["snippet"]}
        else:
            q = quotes[r["id"]]
            extra = {"article_id": q["article_id"], "title": articles[q["article_id"]]["title"], "snippet": q["snippet"]}
        out.append({"kind": r["kind"], "id": r["id"], "article_id": extra["article_id"], "title": extra["title"],
                    "published": r["published"], "snippet": extra["snippet"], "score": r["score"], "total": r["total"]})
    return out
