"""The token index of the search (store/search_index.py, migration 9) gives exactly what the plain
substring search gives (rows, order, totals, scores, snippets), on texts written to be awkward:
mixed case, non-ASCII letters and combining marks, punctuation inside words, repeated words, terms
that are parts of words, titles, quotes (one whose article is missing), NULL dates and titles."""

from __future__ import annotations

import datetime as dt
import random

import duckdb
import pyarrow as pa
import pytest

from dateline.store.search_queries import search, search_plain, terms_of
from dateline.store import open_store, search_index

WORDS = ["Aid", "aid", "AIDS", "raid", "said", "aide", "talks", "Talks,", "ceasefire", "cease-fire", "U.S.",
         "café", "CAFÉ", "Türkiye", "İzmir", "straße", "STRASSE", "Σοφία", "ΣΟΦΙΑ", "東京", "naïve", "nai\u0308ve",
         "state-run", "2024", "10%", "e-mail", "o'clock", "night.", "night", "aidaid", "aaa", "aa"]


def _rows(n: int, seed: int = 7) -> dict[str, list[dict]]:
    rng = random.Random(seed)
    out: dict[str, list[dict]] = {"articles": [], "quotes": []}
    day0 = dt.date(2024, 1, 1)
    for i in range(n):
        aid = f"doc{i:03d}"
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randrange(0, 40)))
        if i % 4 == 0:
            text = "aid aid aid. " + text  # repeated words: scores differ, ties break on date and id
        title = None if i % 6 == 0 else " ".join(rng.choice(WORDS) for _ in range(3))
        published = None if i % 5 == 0 else day0 + dt.timedelta(days=rng.randrange(0, 9))
        out["articles"].append({"id": aid, "title": title, "text": text, "published": published})
        for k in range(2):
            content = None if (i + k) % 7 == 0 else " ".join(rng.choice(WORDS) for _ in range(rng.randrange(1, 9)))
            out["quotes"].append({"id": f"{aid}:q{k}", "article_id": aid, "kind": "direct", "content_text": content})
    # a quote whose article is not stored: the plain search leaves it out, and so must the index
    out["quotes"].append({"id": "orphan:q0", "article_id": "missing", "kind": "direct", "content_text": "aid talks"})
    return out


def _fill(con, rows) -> None:
    for table, data in rows.items():
        con.register("_r", pa.Table.from_pylist(data))
        con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _r")
        con.unregister("_r")


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    st = open_store(tmp_path_factory.mktemp("fts") / "fts.duckdb")
    with st.transaction():
        _fill(st.con, _rows(80))
        search_index.derive(st.con)
    yield st
    st.close()


QUERIES = ["aid", "AID", "ai", "a", "aid talks", "talks aid", "raid", "said aide", "cafe", "café", "CAFÉ talks",
           "türkiye", "TÜRKIYE", "İzmir", "i̇zmir", "izmir", "straße", "strasse", "σοφία", "ΣΟΦΊΑ", "東京", "京",
           "naïve", "nai\u0308ve", "2024", "aaa", "aa", "aidaid", "night", "nothing", "aid aid", "ceasefire fire"]
# terms holding other characters: the plain SQL answers (results are the same by construction)
PLAIN_ONLY = ["u.s.", "state-run", "10%", "night.", "cease-fire", "talks,", "o'clock"]


def test_every_document_is_indexed(store):
    assert search_index.ready(store.con)
    kinds = store.query("SELECT kind FROM search_docs WHERE id = 'orphan:q0'")
    assert kinds == [{"kind": "orphan"}]
    assert not store.query("SELECT 1 FROM search_postings p JOIN search_docs d ON d.doc = p.doc "
                           "WHERE d.id = 'orphan:q0'")
    assert store.query("SELECT count(DISTINCT doc) = count(*) AS ok FROM search_docs")[0]["ok"]


def test_an_orphan_quote_is_indexed_when_its_article_comes(tmp_path):
    st = open_store(tmp_path / "orphan.duckdb")
    with st.transaction():
        _fill(st.con, {"quotes": [{"id": "late:q0", "article_id": "late", "kind": "direct",
                                   "content_text": "Talks on aid"}]})
        search_index.derive(st.con)
    assert search_index.ready(st.con) and search(st, "aid", 10, 0)["total"] == 0
    with st.transaction():
        _fill(st.con, {"articles": [{"id": "late", "title": "Late", "text": "no match here",
                                     "published": dt.date(2024, 5, 1)}]})
        search_index.derive(st.con)
    assert search_index.ready(st.con)
    assert st.query("SELECT kind FROM search_docs WHERE id = 'late:q0'") == [{"kind": "quote"}]
    assert search(st, "aid", 10, 0)["total"] == 1
    assert search_index.search(st, ["aid"], 10, 0) == search_plain(st, ["aid"], 10, 0)
    st.close()


@pytest.mark.parametrize("q", QUERIES)
def test_index_equals_plain_sql(store, q):
    terms = terms_of(q)
    assert search_index.word_terms(store.con, terms)
    for limit, offset in ((20, 0), (7, 5), (500, 0)):
        fast = search_index.search(store, terms, limit, offset)
        plain = search_plain(store, terms, limit, offset)
        assert fast == plain
    assert search(store, q, 500, 0)["total"] == len(search_plain(store, terms, 500, 0))


def test_parts_of_words_match_as_before(store):
    """Substring semantics are kept: `ai` finds `said`, `raid`, `aide`."""
    terms = terms_of("ai")
    got = search_index.search(store, terms, 500, 0)
    assert got and len(got) > len(search_index.search(store, terms_of("aid"), 500, 0)) - 1


@pytest.mark.parametrize("q", PLAIN_ONLY)
def test_terms_with_punctuation_take_the_plain_sql(store, q):
    assert not search_index.word_terms(store.con, terms_of(q))
    assert search(store, q, 500, 0)["items"] == search(store, q + " ", 500, 0)["items"]


def test_random_word_parts_equal_plain_sql(store):
    rng = random.Random(11)
    vocab = [r["token"] for r in store.query("SELECT token FROM search_vocab ORDER BY token")]
    for _ in range(40):
        terms = []
        for tok in rng.sample(vocab, rng.randrange(1, 3)):
            i = rng.randrange(len(tok))
            terms.append(tok[i:rng.randrange(i + 1, len(tok) + 1)])
        terms = list(dict.fromkeys(terms))
        assert search_index.search(store, terms, 30, 0) == search_plain(store, terms, 30, 0), terms


def test_older_database_is_migrated_with_its_rows(tmp_path):
    """A database without the index (schema 7) gets it, filled, when opened for writing; opened
    read-only before that, the plain SQL answers the same."""
    path = tmp_path / "old.duckdb"
    open_store(path).close()
    con = duckdb.connect(str(path))
    con.execute("DROP TABLE search_docs; DROP TABLE search_vocab; DROP TABLE search_postings")
    con.execute("DELETE FROM schema_migrations WHERE version = 9")
    _fill(con, _rows(30, seed=3))
    con.close()
    with open_store(path, read_only=True) as ro:
        assert not search_index.ready(ro.con)
        before = search(ro, "aid talks", 50, 0)
    with open_store(path) as rw:
        assert rw.version() >= 9 and search_index.ready(rw.con)
        assert search(rw, "aid talks", 50, 0) == before and before["total"]
        assert search_index.search(rw, ["aid", "talks"], 50, 0) == search_plain(rw, ["aid", "talks"], 50, 0)


def test_a_run_fills_the_index(extract, tmp_path):
    """Store.write_batch (what `dateline run` calls) indexes the batch: the index answers, and a
    second batch is added without indexing the first twice."""
    rec = extract("Russian troops shelled the Ukrainian city of Kharkiv on Monday, officials said. "
                  "France sent aid to Ukraine on Tuesday.", published="2024-03-05")
    rec2 = extract("Officials in Kyiv said talks on aid would resume.", published="2024-03-06")
    with open_store(tmp_path / "run.duckdb") as st:
        st.write_batch([rec])
        assert search_index.ready(st.con)
        n1 = st.query("SELECT count(*) AS n FROM search_postings")[0]["n"]
        st.write_batch([rec2])
        assert search_index.ready(st.con)
        dup = st.query("SELECT count(*) AS n FROM (SELECT token, doc FROM search_postings "
                       "GROUP BY ALL HAVING count(*) > 1)")[0]["n"]
        assert dup == 0 and st.query("SELECT count(*) AS n FROM search_postings")[0]["n"] > n1
        for q in ("said", "aid", "officials kharkiv", "ai"):
            terms = terms_of(q)
            assert search_index.search(st, terms, 20, 0) == search_plain(st, terms, 20, 0)
        assert search(st, "officials said", 20, 0)["total"] == 2


def test_usable_is_ready_and_word_terms(store, tmp_path):
    assert search_index.usable(store.con, ["aid", "türkiye"])
    assert not search_index.usable(store.con, ["aid", "u.s."])
    con = duckdb.connect(str(tmp_path / "bare.duckdb"))
    con.execute("CREATE TABLE articles (id TEXT, title TEXT, text TEXT, published DATE)")
    assert not search_index.usable(con, ["aid"]) and not search_index.ready(con)
    con.close()
