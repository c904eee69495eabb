"""Named schema migrations, applied in order, each in its own transaction.

Add a migration at the end; never edit one that has shipped. Column names
follow the output contract of the data model.
"""

from __future__ import annotations

from . import derived, search_index

MIGRATIONS: list[tuple[int, str, str]] = [
    (1, "initial schema", """
CREATE TABLE articles (
    id TEXT PRIMARY KEY, title TEXT, url TEXT, source TEXT, published DATE, published_from TEXT,
    language TEXT, text TEXT, path TEXT, flags TEXT[], stages TEXT[], n_sentences INTEGER,
    ingested_at TIMESTAMP DEFAULT current_timestamp
);
CREATE TABLE article_sources (
    article_id TEXT, origin TEXT, url TEXT, source TEXT, first_seen TIMESTAMP DEFAULT current_timestamp,
    PRIMARY KEY (article_id, origin)
);
CREATE TABLE near_duplicates (
    article_id TEXT, duplicate_of TEXT, similarity DOUBLE, PRIMARY KEY (article_id, duplicate_of)
);
CREATE TABLE article_minhash (article_id TEXT PRIMARY KEY, sig BLOB);
CREATE TABLE sentences (id TEXT PRIMARY KEY, article_id TEXT, idx INTEGER, start INTEGER, "end" INTEGER);
CREATE TABLE mentions (id TEXT PRIMARY KEY, article_id TEXT, text TEXT, start INTEGER, "end" INTEGER, label TEXT);
CREATE TABLE actors (
    id TEXT PRIMARY KEY, article_id TEXT, text TEXT, start INTEGER, "end" INTEGER, name TEXT, country TEXT,
    sector TEXT, kb_id TEXT, score DOUBLE, reason TEXT
);
CREATE TABLE places (
    id TEXT PRIMARY KEY, article_id TEXT, text TEXT, start INTEGER, "end" INTEGER, name TEXT, geonameid BIGINT,
    feature TEXT, lat DOUBLE, lon DOUBLE, admin1 TEXT, country TEXT, score DOUBLE, reason TEXT
);
CREATE TABLE times (
    id TEXT PRIMARY KEY, article_id TEXT, text TEXT, start INTEGER, "end" INTEGER, type TEXT, value TEXT,
    mod TEXT, anchor TEXT, score DOUBLE, reason TEXT
);
CREATE TABLE events (
    id TEXT PRIMARY KEY, article_id TEXT, type TEXT, mode TEXT, cameo TEXT, acled_type TEXT, acled_subtype TEXT,
    intensity DOUBLE, modality TEXT, modality_cue_text TEXT, modality_cue_start INTEGER, modality_cue_end INTEGER,
    reported_by TEXT, sources TEXT[], targets TEXT[], place TEXT,
    time_value TEXT, start_date DATE, end_date DATE, granularity TEXT, time_from TEXT,
    quantities JSON, trigger_text TEXT, trigger_start INTEGER, trigger_end INTEGER,
    sentence_id TEXT, sentence_start INTEGER, sentence_end INTEGER, score DOUBLE, reason TEXT
);
CREATE TABLE event_actors (event_id TEXT, actor_id TEXT, role TEXT, PRIMARY KEY (event_id, actor_id, role));
CREATE TABLE quotes (
    id TEXT PRIMARY KEY, article_id TEXT, kind TEXT, speaker TEXT,
    source_text TEXT, source_start INTEGER, source_end INTEGER, cue_text TEXT, cue_start INTEGER, cue_end INTEGER,
    content_text TEXT, content_start INTEGER, content_end INTEGER, about TEXT[], events TEXT[],
    score DOUBLE, reason TEXT
);
CREATE TABLE clusters (
    id TEXT PRIMARY KEY, type TEXT, n_articles INTEGER, n_sources INTEGER, first_seen DATE, last_seen DATE,
    start_date DATE, end_date DATE, place TEXT, summary JSON
);
CREATE TABLE cluster_members (event_id TEXT PRIMARY KEY, cluster_id TEXT);
CREATE TABLE rejects (
    id TEXT PRIMARY KEY, source TEXT, article_id TEXT, stage TEXT, code TEXT, reason TEXT,
    rejected_at TIMESTAMP DEFAULT current_timestamp
);
CREATE TABLE runs (
    id TEXT PRIMARY KEY, started_at TIMESTAMP, finished_at TIMESTAMP, paths TEXT[], summary JSON
);
"""),
    (2, "actors coreference link", "ALTER TABLE actors ADD COLUMN coref TEXT;"),
    (3, "places role", "ALTER TABLE places ADD COLUMN role TEXT;"),
    (6, "quote content parts", "ALTER TABLE quotes ADD COLUMN content_parts JSON;"),
    # 8, not the next free number: another branch adds a migration too; the numbers only have to differ.
    (8, "places kind (toponym | nominal) and container", "ALTER TABLE places ADD COLUMN kind TEXT DEFAULT 'toponym'; "
                                                        "ALTER TABLE places ADD COLUMN within TEXT;"),
    (4, "time intervals", "ALTER TABLE times ADD COLUMN start_date DATE; ALTER TABLE times ADD COLUMN end_date DATE; "
                          "ALTER TABLE times ADD COLUMN granularity TEXT;"),
    # Copies on events and quotes of what the common filters need, filled for the rows already
    # stored (store/derived.py says why and what; writers fill them with derived.derive). Should the
    # derivation change, add a migration that sets the marker columns to NULL and derives again.
    (7, "query columns", derived.columns_sql() + derived.DERIVE_EVENTS + derived.DERIVE_QUOTES),
    # The token index of the search (store/search_index.py), filled for the documents already
    # stored; writers extend it with search_index.derive. Version 9, not 8: 8 is left to the
    # places migration being written on another branch, so the two cannot clash.
    (9, "search token index", search_index.TABLES_SQL + search_index.DERIVE_SQL),
    # 12, not 10: the numbers between are left to other branches; the numbers only have to differ.
    (12, "actors entity type", "ALTER TABLE actors ADD COLUMN entity_type TEXT;"),
    (13, "events target from the place", "ALTER TABLE events ADD COLUMN target_from_place BOOLEAN DEFAULT false;"),
]

LATEST = max(version for version, _, _ in MIGRATIONS)
