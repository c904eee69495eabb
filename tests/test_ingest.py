"""Ingest: formats, dates, and every kind of bad input the foundation issue lists."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from dateline.ingest import read_inputs
from dateline.ingest.normalize import article_id
from dateline.model import Article, Reject
from dateline.settings import load_config

CONFIG = load_config(config_file=None)

STORY = ("Government troops shelled two villages north of the river on Tuesday, killing at least "
         "eight people, local officials said. The army denied targeting civilians.")


def read(*paths, **overrides) -> list:
    config = {**CONFIG, **overrides}
    return list(read_inputs([str(p) for p in paths], config))


def only(items, kind):
    return [i for i in items if isinstance(i, kind)]


def test_text_with_date_header_and_title(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(f"date 2024-05-07\nVillages shelled\n\n{STORY}\n", encoding="utf-8")
    [art] = read(f)
    assert isinstance(art, Article)
    assert art.published == dt.date(2024, 5, 7) and art.published_from == "header"
    assert art.title == "Villages shelled"
    assert art.text == STORY
    assert art.id == article_id(STORY)


def test_undated_article_is_kept_and_flagged(tmp_path):
    f = tmp_path / "b.txt"
    f.write_text(STORY, encoding="utf-8")
    [art] = read(f)
    assert isinstance(art, Article) and art.published is None
    assert art.published_from == "none" and "W102" in art.flags


def test_folder_named_by_date_gives_the_date(tmp_path):
    d = tmp_path / "2011-02-03"
    d.mkdir()
    (d / "1.htm.txt").write_text(STORY, encoding="utf-8")
    [art] = read(tmp_path)
    assert art.published == dt.date(2011, 2, 3) and art.published_from == "metadata"


@pytest.mark.parametrize("header,flag", [("date 2999-01-01", "W103"), ("date yesterday", "W104"),
                                         ("date 2024-13-45", "W104")])
def test_bad_date_header_is_flagged_not_fatal(tmp_path, header, flag):
    f = tmp_path / "c.txt"
    f.write_text(f"{header}\n{STORY}", encoding="utf-8")
    [art] = read(f)
    assert isinstance(art, Article)
    assert art.published is None and flag in art.flags
    assert not art.text.startswith("date")


def test_a_sentence_starting_with_date_is_not_a_header(tmp_path):
    f = tmp_path / "d.txt"
    f.write_text("Date palms burned after the strike on the oasis.\nMore text follows here.", encoding="utf-8")
    [art] = read(f)
    assert art.text.startswith("Date palms")


def test_empty_file_is_rejected(tmp_path):
    f = tmp_path / "empty.txt"
    f.write_text("  \n\n", encoding="utf-8")
    [rej] = read(f)
    assert isinstance(rej, Reject) and rej.code == "E101" and rej.stage == "ingest"
    assert "empty" in rej.reason


def test_binary_file_is_rejected(tmp_path):
    f = tmp_path / "photo.jpg"
    f.write_bytes(bytes(range(256)) * 40)
    [rej] = read(f)
    assert rej.code == "E102" and "binary" in rej.reason


def test_invalid_utf8_is_replaced_and_flagged(tmp_path):
    f = tmp_path / "latin1.txt"
    f.write_bytes("Troops entered the town of Saint-Éloi on Monday.".encode("latin-1"))
    [art] = read(f)
    assert isinstance(art, Article) and "W101" in art.flags
    assert "\ufffd" in art.text


def test_huge_single_line_is_rejected_without_reading_it_whole(tmp_path):
    f = tmp_path / "huge.txt"
    with open(f, "w") as fh:
        fh.write("word " * (10 * 1024 * 1024))  # 50 MB on one line
    [rej] = read(f)
    assert rej.code == "E107" and "Split" in rej.reason


def test_article_over_the_limit_is_rejected(tmp_path):
    f = tmp_path / "long.txt"
    f.write_text("word " * 5000, encoding="utf-8")
    [rej] = read(f, max_article_chars=1000)
    assert rej.code == "E107"


def test_html_main_text_and_metadata(tmp_path):
    f = tmp_path / "page.html"
    f.write_text(f"""<html><head><title>Shelling north of the river</title>
<meta property="article:published_time" content="2024-05-08T10:00:00Z"></head>
<body><nav>Home | World | Sport</nav><article><h1>Shelling north of the river</h1>
<p>{STORY}</p><p>Aid groups said they had not been able to reach the area since the weekend,
and called for safe passage for medical teams and food convoys.</p></article>
<footer>All rights reserved</footer></body></html>""", encoding="utf-8")
    [art] = read(f)
    assert isinstance(art, Article)
    assert art.published == dt.date(2024, 5, 8) and art.published_from == "metadata"
    assert "shelled two villages" in art.text and "Home | World" not in art.text


def test_html_without_main_text_is_rejected(tmp_path):
    f = tmp_path / "nav.html"
    f.write_text("<html><head><script>var x = 1;</script></head><body><nav><a href='/'>Home</a></nav></body></html>")
    [rej] = read(f)
    assert rej.code == "E104"


def test_csv_with_named_columns(tmp_path):
    f = tmp_path / "a.csv"
    f.write_text('text,title,url,published,source\n"' + STORY + '",Shelling,https://example.org/1,2024-05-07,Example Wire\n')
    [art] = read(f)
    assert art.source == "Example Wire" and art.url == "https://example.org/1"
    assert art.published == dt.date(2024, 5, 7) and art.path.endswith("a.csv:2")


def test_csv_without_text_column_is_rejected(tmp_path):
    f = tmp_path / "b.csv"
    f.write_text("body,title\nsomething,else\n")
    [rej] = read(f)
    assert rej.code == "E105" and "columns.text" in rej.reason


def test_csv_text_column_can_be_renamed(tmp_path):
    f = tmp_path / "b.csv"
    f.write_text(f'body,title\n"{STORY}",else\n')
    [art] = read(f, columns={**CONFIG["columns"], "text": "body"})
    assert isinstance(art, Article) and art.text == STORY


def test_jsonl_with_a_broken_line_in_the_middle(tmp_path):
    f = tmp_path / "a.jsonl"
    good = [{"text": STORY, "published": "2024-05-07"}, {"text": STORY + " A second report.", "title": "t"}]
    f.write_text(json.dumps(good[0]) + "\n{not json\n" + json.dumps(good[1]) + "\n")
    items = read(f)
    assert len(only(items, Article)) == 2
    [rej] = only(items, Reject)
    assert rej.code == "E106" and rej.source.endswith("a.jsonl:2")


def test_unreadable_path_is_rejected(tmp_path):
    link = tmp_path / "dangling.txt"
    link.symlink_to(tmp_path / "missing-target.txt")
    [rej] = read(link)
    assert rej.code == "E103"


def test_missing_path_is_rejected(tmp_path):
    [rej] = read(tmp_path / "nope" / "*.txt")
    assert rej.code == "E108"


def test_glob_and_excluded_names(tmp_path):
    for name in ("a.txt", "b.txt", "README.md"):
        (tmp_path / name).write_text(STORY + name)
    assert len(read(tmp_path)) == 2  # README is excluded from folders by default
    assert len(read(tmp_path / "*.txt")) == 2


def test_exclude_patterns_match_below_the_folder_given(tmp_path):
    corpus = tmp_path / "timelines" / "t"
    for sub in ("docs", "gold"):
        (corpus / sub).mkdir(parents=True)
        (corpus / sub / "a.txt").write_text(STORY + sub)
    items = read(corpus, exclude=["*/gold/*"])
    assert [i.path.rsplit("/", 2)[-2] for i in items] == ["docs"]
    assert len(read(corpus, exclude=["*/timelines/*"])) == 2  # the folders above do not count


def test_a_glob_that_names_folders_reads_them(tmp_path):
    for day in ("2024-01-01", "2024-01-02"):
        (tmp_path / "topic" / day).mkdir(parents=True)
        (tmp_path / "topic" / day / "1.txt").write_text(STORY + day)
    items = read(tmp_path / "*" / "2024-*")
    assert sorted(str(i.published) for i in items) == ["2024-01-01", "2024-01-02"]


def test_same_text_with_other_spacing_has_the_same_id():
    assert article_id(STORY) == article_id("  " + STORY.replace(" ", "\n  ").upper())
    assert article_id(STORY) != article_id(STORY + " Extra.")


def test_csv_with_a_broken_quote_rejects_that_row_and_reads_on(tmp_path):
    """A quote left open used to swallow the rows after it into one bogus article; now that row is an
    E105 reject and the rows after it are read."""
    f = tmp_path / "c.csv"
    f.write_text('text,published\n'
                 '"The mayor opened the new footbridge over the canal on Friday.",2024-03-01\n'
                 '"The council met to discuss water fees, and then,2024-03-02\n'
                 '"Farmers sold their grain early.",2024-03-03\n'
                 '"Nurses at the district clinic ended their strike on Sunday.",2024-03-04\n')
    items = read(f)
    assert [type(x).__name__ for x in items] == ["Article", "Reject", "Article"]
    first, rej, last = items
    assert first.path.endswith("c.csv:2") and rej.source.endswith("c.csv:3")
    assert rej.code == "E105" and "line 3" in rej.reason and "quot" in rej.reason
    assert last.text.startswith("Nurses") and last.published == dt.date(2024, 3, 4)
    assert not any("water fees" in x.text for x in (first, last))  # no row merged into another


def test_csv_with_a_quote_never_closed_at_the_end(tmp_path):
    f = tmp_path / "d.csv"
    f.write_text('text\n"Aid convoys reached the border town on Monday."\n"The ferry service resumed and\n')
    art, rej = read(f)
    assert art.text.startswith("Aid convoys") and rej.code == "E105" and rej.source.endswith("d.csv:3")


def test_invalid_utf8_in_jsonl_flags_only_the_article_on_that_line(tmp_path):
    f = tmp_path / "mixed.jsonl"
    good = json.dumps({"text": "The ferry to the island resumed service on Monday."}).encode()
    bad = json.dumps({"text": "Troops entered the town of Saint-XX on Monday."}).encode().replace(b"XX", "É".encode("latin-1"))
    f.write_bytes(good + b"\n" + bad + b"\n" + good.replace(b"Monday", b"Tuesday") + b"\n")
    first, second, third = read(f)
    assert "W101" not in first.flags and "W101" not in third.flags
    assert "W101" in second.flags and "\ufffd" in second.text


def test_invalid_utf8_in_csv_flags_the_row_even_when_it_spans_lines(tmp_path):
    f = tmp_path / "mixed.csv"
    f.write_bytes(b"\xef\xbb\xbftext,published\r\n"  # with a byte-order mark and Windows line ends
                  b'"The port reopened after the storm.",2024-03-01\r\n'
                  b'"Police closed the road near Caf\xe9 Central.\r\nTraffic was diverted.",2024-03-02\r\n'
                  b'"Schools reopened in the district.",2024-03-03\r\n')
    first, second, third = read(f)
    assert [a.published for a in (first, second, third)] == [dt.date(2024, 3, d) for d in (1, 2, 3)]
    assert "W101" in second.flags and "Traffic was diverted" in second.text
    assert "W101" not in first.flags and "W101" not in third.flags


def test_csv_with_old_mac_line_ends(tmp_path):
    f = tmp_path / "mac.csv"
    f.write_bytes(b'text,published\r"The bridge reopened.",2024-05-01\r"The market moved.",2024-05-02\r')
    first, second = read(f)
    assert first.text == "The bridge reopened." and second.published == dt.date(2024, 5, 2)
