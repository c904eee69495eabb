"""Columns derived from other tables and kept on ``events`` and ``quotes`` for the common queries.

Why: on 1,000,000 events the filters of :func:`queries.events` and :func:`timeline_queries.dyad`
joined events to articles (for the date) and to 2.25M actor rows compared with ``lower()`` (for an
actor), so every query read and lowered millions of strings (0.6-5 s). The values those filters
need are copied onto the event row once, when it is written, and a query scans one table.

The derived values are computed by SQL from the stored rows (never in Python), with the same
functions the plain queries use (``lower``, ``upper``, ``coalesce``), so a filter on a derived
column means exactly what the plain SQL means; a test compares both on a database built for it.

* ``has_article``: the event's article is stored (the plain queries inner-join articles). It is
  also the marker of a derived row: NULL means "not derived yet", so :func:`derive` fills exactly
  the rows written since the last call, and :func:`ready` tells a reader whether every row has them.
* ``list_date``, ``date_lo``, ``date_hi``: ``coalesce`` of the event's dates with the article's
  publication date, as the list order and the date filters use them.
* ``source_codes``/``source_words``, ``target_codes``/``target_words``: the match keys of the event's
  actors in that role (from ``event_actors``), as one string ``\\x1fKEY\\x1fKEY\\x1f``; a filter is
  three ``contains``. Codes: ``c:COUNTRY``, ``k:KB_ID``, ``s:COUNTRY:SECTOR``; words:
  ``l:lower(name)``, ``l:lower(text)``. A value holding the separator is left out (and a query value
  holding it takes the plain SQL), so a key can only match a whole key.
* ``source_actors``, ``target_actors``: the event list's actor labels (actors of the event's own
  lists, by id); ``dyad_sources``, ``dyad_targets``: the dyad timeline's actor names per role.
* ``place_name``, ``place_name_key``, ``place_text_key``, ``place_country``, ``place_gid``: the
  place's name and the place filter's values.
* ``sentence``: the evidence sentence, cut from the article as the plain SQL cuts it (a page of
  events would otherwise fetch one long article text per row: ~100 bytes a row instead).
* on quotes, ``speaker_codes``/``_words`` and ``about_codes``/``_words``: keys of the speaker and of
  the actors spoken about; ``speaker_name``: the speaker's name as the dyad timeline shows it.
"""

from __future__ import annotations

import duckdb

SEP = "\x1f"

EVENT_COLUMNS = {
    "has_article": "BOOLEAN", "list_date": "DATE", "date_lo": "DATE", "date_hi": "DATE",
    "source_codes": "TEXT", "source_words": "TEXT", "target_codes": "TEXT", "target_words": "TEXT",
    "source_actors": "TEXT", "target_actors": "TEXT", "dyad_sources": "TEXT", "dyad_targets": "TEXT",
    "place_name": "TEXT", "place_name_key": "TEXT", "place_text_key": "TEXT", "place_country": "TEXT",
    "place_gid": "TEXT", "sentence": "TEXT",
}
QUOTE_COLUMNS = {"speaker_codes": "TEXT", "speaker_words": "TEXT", "about_codes": "TEXT", "about_words": "TEXT",
                 "speaker_name": "TEXT"}
# Left out of exports and shard files: they are the store's own copies, rebuilt on import.
DERIVED_COLUMNS = {"events": tuple(EVENT_COLUMNS), "quotes": tuple(QUOTE_COLUMNS)}

# The keys of one actor row ``x`` (NULL parts drop out: ``'c:' || NULL`` is NULL). Codes are short
# and words long, so they are kept apart: a filter on a code reads only the short column.
_KEEP = "lambda s: s IS NOT NULL AND NOT contains(s, chr(31))"
_CODES = f"list_filter(['c:' || x.country, 'k:' || x.kb_id, 's:' || x.country || ':' || x.sector], {_KEEP})"
_WORDS = f"list_filter(['l:' || lower(x.name), 'l:' || lower(x.text)], {_KEEP})"
# A list of keys as one string: separator, keys joined by the separator, separator ('' for none).
_JOIN = "coalesce(CASE WHEN len({k}) > 0 THEN chr(31) || array_to_string({k}, chr(31)) || chr(31) END, '')"
_LABEL = "coalesce(x.country || ' ' || x.sector, x.country, x.name, x.text)"

DERIVE_EVENTS = f"""
UPDATE events SET has_article = d.has_article, list_date = d.list_date, date_lo = d.date_lo, date_hi = d.date_hi,
    source_codes = d.source_codes, source_words = d.source_words, target_codes = d.target_codes,
    target_words = d.target_words, source_actors = d.source_actors, target_actors = d.target_actors,
    dyad_sources = d.dyad_sources, dyad_targets = d.dyad_targets, place_name = d.place_name,
    place_name_key = d.place_name_key, place_text_key = d.place_text_key, place_country = d.place_country,
    place_gid = d.place_gid, sentence = d.sentence
FROM (
    WITH pend AS (SELECT id, article_id, place, start_date, end_date, sources, targets, sentence_start,
                         sentence_end FROM events WHERE has_article IS NULL),
    -- by role in event_actors: what the actor filters and the dyad timeline read
    xa AS (
        SELECT ea.event_id, ea.role, coalesce(x.name, x.country, x.text) AS name, {_CODES} AS codes,
               {_WORDS} AS words
        FROM event_actors ea JOIN pend ON pend.id = ea.event_id JOIN actors x ON x.id = ea.actor_id),
    byrole AS (
        SELECT event_id, role, flatten(list(codes)) AS codes, flatten(list(words)) AS words,
               string_agg(DISTINCT name, ', ' ORDER BY name) AS names
        FROM xa GROUP BY event_id, role),
    -- by the events' own lists: what the event list shows (actors in the list, by id)
    listed AS (
        SELECT u.id, u.role, string_agg({_LABEL}, '; ' ORDER BY x.id) AS label
        FROM (SELECT DISTINCT id, 'source' AS role, unnest(sources) AS xid FROM pend
              UNION SELECT DISTINCT id, 'target' AS role, unnest(targets) AS xid FROM pend) u
        JOIN actors x ON x.id = u.xid GROUP BY u.id, u.role)
    SELECT e.id, a.id IS NOT NULL AS has_article,
           coalesce(e.start_date, a.published) AS list_date,
           coalesce(e.start_date, e.end_date, a.published) AS date_lo,
           coalesce(e.end_date, e.start_date, a.published) AS date_hi,
           {_JOIN.format(k="s.codes")} AS source_codes, {_JOIN.format(k="s.words")} AS source_words,
           {_JOIN.format(k="t.codes")} AS target_codes, {_JOIN.format(k="t.words")} AS target_words,
           ls.label AS source_actors, lt.label AS target_actors, s.names AS dyad_sources, t.names AS dyad_targets,
           p.name AS place_name, lower(p.name) AS place_name_key, lower(p.text) AS place_text_key,
           p.country AS place_country, CAST(p.geonameid AS TEXT) AS place_gid,
           substr(a.text, e.sentence_start + 1, e.sentence_end - e.sentence_start) AS sentence
    FROM pend e LEFT JOIN articles a ON a.id = e.article_id
    LEFT JOIN byrole s ON s.event_id = e.id AND s.role = 'source'
    LEFT JOIN byrole t ON t.event_id = e.id AND t.role = 'target'
    LEFT JOIN listed ls ON ls.id = e.id AND ls.role = 'source'
    LEFT JOIN listed lt ON lt.id = e.id AND lt.role = 'target'
    LEFT JOIN places p ON p.id = e.place) d
WHERE events.id = d.id;
"""

DERIVE_QUOTES = f"""
UPDATE quotes SET speaker_codes = d.speaker_codes, speaker_words = d.speaker_words, about_codes = d.about_codes,
    about_words = d.about_words, speaker_name = d.speaker_name
FROM (
    WITH pend AS (SELECT id, speaker, about FROM quotes WHERE speaker_codes IS NULL),
    ab AS (SELECT q.id, flatten(list({_CODES})) AS codes, flatten(list({_WORDS})) AS words
           FROM (SELECT id, unnest(about) AS aid FROM pend) q JOIN actors x ON x.id = q.aid GROUP BY q.id),
    sp AS (SELECT q.id, {_CODES} AS codes, {_WORDS} AS words, coalesce(x.name, x.text) AS name
           FROM pend q JOIN actors x ON x.id = q.speaker)
    SELECT q.id, {_JOIN.format(k="sp.codes")} AS speaker_codes, {_JOIN.format(k="sp.words")} AS speaker_words,
           {_JOIN.format(k="ab.codes")} AS about_codes, {_JOIN.format(k="ab.words")} AS about_words,
           sp.name AS speaker_name
    FROM pend q LEFT JOIN ab ON ab.id = q.id LEFT JOIN sp ON sp.id = q.id) d
WHERE quotes.id = d.id;
"""


def columns_sql() -> str:
    """The ALTER TABLE statements adding the derived columns (migration 7)."""
    out = [f"ALTER TABLE events ADD COLUMN {c} {t};" for c, t in EVENT_COLUMNS.items()]
    out += [f"ALTER TABLE quotes ADD COLUMN {c} {t};" for c, t in QUOTE_COLUMNS.items()]
    return "\n".join(out)


def derive(con) -> None:
    """Fill the derived columns of the rows written since the last call (call it after the article,
    actors and places of those rows are written, in the same transaction)."""
    con.execute(DERIVE_EVENTS)
    con.execute(DERIVE_QUOTES)
    from . import search_index  # the search's token index is filled at the same moment

    search_index.derive(con)


def ready(con, table: str = "events") -> bool:
    """Whether every row of ``table`` has its derived columns (False on an older schema, on views
    over shard files, or while rows wait for :func:`derive`): readers then use the plain SQL."""
    marker = "has_article" if table == "events" else "speaker_codes"
    try:
        return con.execute(f"SELECT count(*) FROM {table} WHERE {marker} IS NULL").fetchone()[0] == 0
    except duckdb.Error:  # no such column (older schema, views over Parquet shards)
        return False


def actor_match(side: str, actor: str) -> tuple[str, list] | None:
    """SQL true when the actors of ``side`` (``e.source``, ``q.speaker``: the prefix of its
    ``_codes`` and ``_words`` columns) include one matching ``actor`` as the plain filter
    ``x.country = upper(?) OR lower(x.name) = lower(?) OR x.kb_id = ? OR lower(x.text) = lower(?)``
    does; None when ``actor`` holds the separator (the caller uses the plain SQL)."""
    if SEP in actor:
        return None
    sql = (f"(contains({side}_codes, chr(31) || 'c:' || ? || chr(31)) OR contains({side}_codes, chr(31) || 'k:' || ? "
           f"|| chr(31)) OR contains({side}_words, chr(31) || 'l:' || lower(?) || chr(31)))")
    return sql, [actor.upper(), actor, actor]


def sector_match(side: str, country: str, sector: str) -> tuple[str, list]:
    """SQL true when ``side`` has an actor with this country and sector (``RUS:GOV``)."""
    return f"contains({side}_codes, chr(31) || 's:' || ? || ':' || ? || chr(31))", [country, sector]


def plain_columns(con, table: str, alias: str = "") -> str:
    """``*`` without the derived columns this table has (none on an older schema or a view over
    shard files): for exports and copies, which hold the data, not the store's query copies."""
    skip = DERIVED_COLUMNS.get(table, ())
    if skip:
        have = {r[0] for r in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ?", [table]).fetchall()}
        skip = tuple(c for c in skip if c in have)
    star = f"{alias}.*" if alias else "*"
    return f"{star} EXCLUDE ({', '.join(skip)})" if skip else star
