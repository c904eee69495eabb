"""Reading inputs into articles or rejects, one input at a time (a corpus is streamed)."""

from __future__ import annotations

import csv
import fnmatch
import glob
import io
import json
import os
import re
import sys
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional, Union

from ..model import Article, Reject
from .dates import check_date, parse_date
from .normalize import article_id, clean_text

Item = Union[Article, Reject]

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
HEADER = re.compile(r"^date:?\s+(\S+)\s*$", re.IGNORECASE)
FOLDER_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
TITLE_MAX = 200
MIN_HTML_WORDS = 8
LONE_CR = re.compile(r"(?<=\r)(?=[^\n])")  # after a "\r" that does not start "\r\n"


def _reject(origin: str, code: str, reason: str, article: Optional[str] = None) -> Reject:
    return Reject(source=origin, article_id=article, stage="ingest", code=code, reason=reason)


# --- where inputs come from ---------------------------------------------------------
def iter_paths(paths: Iterable[str], exclude: Iterable[str] = ()) -> Iterator[Union[Path, str, Reject]]:
    """Files to read, in a stable order: files as given, folders recursively (hidden files and files
    whose name, or path below the folder given, matches an ``exclude`` pattern are skipped), globs
    expanded; ``-`` stands for standard input."""
    exclude = list(exclude)
    for raw in paths:
        raw = str(raw)
        if raw == "-":
            yield "-"
            continue
        matches = sorted(glob.glob(raw, recursive=True)) if glob.has_magic(raw) and not Path(raw).exists() else [raw]
        found = False
        for match in matches:
            path = Path(match)
            if path.is_dir():
                found = True
                for root, dirs, files in os.walk(path):
                    dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                    for name in sorted(files):
                        # from the folder given (its own name included), so a pattern never matches
                        # the folders above it
                        full = f"{path.resolve().name}/{(Path(root) / name).relative_to(path).as_posix()}"
                        if not name.startswith(".") and not any(
                                fnmatch.fnmatch(name, pat) or fnmatch.fnmatch(full, pat) for pat in exclude):
                            yield Path(root) / name
            elif path.exists() or path.is_symlink():
                found = True
                yield path
        if not found:
            yield _reject(raw, "E108", f"No file, folder or glob match for {raw!r}. Check the path.")


def read_inputs(paths: Iterable[str], config: dict) -> Iterator[Item]:
    """Every article or reject from the given paths."""
    for item in iter_paths(paths, config.get("exclude", ())):
        if isinstance(item, Reject):
            yield item
        elif item == "-":
            data = sys.stdin.buffer.read()
            yield from parse_bytes("<stdin>", _sniff_suffix(data[:64]), data, config)
        else:
            yield from read_file(item, config)


def read_file(path: Path, config: dict) -> Iterator[Item]:
    origin = str(path)
    suffix = path.suffix.lower()
    try:
        if suffix in JSONL_SUFFIXES or suffix == ".csv":
            with open(path, "rb") as fh:
                handle = LineDecoder(fh)
                reader = read_jsonl if suffix in JSONL_SUFFIXES else read_csv
                yield from _or_empty(origin, reader(origin, handle, config))
            return
        size = path.stat().st_size
        # A text or HTML file several times the article limit is not one article: reject it unread.
        if size > 4 * int(config["max_article_chars"]) + 1_000_000:
            yield _reject(origin, "E107", f"File is {size:,} bytes, more than one article can be "
                          f"(max_article_chars={config['max_article_chars']:,}). Split it, or raise the setting.")
            return
        data = path.read_bytes()
    except OSError as exc:
        yield _reject(origin, "E103", f"Cannot read {origin!r}: {exc.strerror or exc}. Check that the path exists "
                      "and that you have permission to read it.")
        return
    yield from parse_bytes(origin, suffix, data, config, folder_date=folder_date(path))


def folder_date(path: Path) -> Optional[str]:
    """A date given by the folder the file sits in (``.../2011-02-03/123.txt``), as corpora such as
    Timeline17 file articles by publication date."""
    for parent in list(path.parents)[:2]:
        if FOLDER_DATE.match(parent.name):
            return parent.name
    return None


def _sniff_suffix(head: bytes) -> str:
    head = head.lstrip()
    if head.startswith(b"{"):
        return ".jsonl"
    if head[:1] == b"<":
        return ".html"
    return ".txt"


class LineDecoder:
    """The lines of a multi-article file (JSON Lines, CSV), decoded one by one, so that a line with
    invalid UTF-8 flags only the articles read from it (``W101``), as a bad text file flags its article.
    ``bad`` holds the 1-based numbers of such lines."""

    def __init__(self, binary: Iterable[bytes]):
        self.binary = binary
        self.bad: set[int] = set()
        self.n = 0

    def __iter__(self) -> Iterator[str]:
        first = True
        for raw in self.binary:
            if first and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]  # a byte-order mark is not part of the first field
            first = False
            try:
                line, bad = raw.decode("utf-8"), False
            except UnicodeDecodeError:
                line, bad = raw.decode("utf-8", errors="replace"), True
            # a lone "\r" ends a line too (old Mac files); the csv module wants such lines apart
            for piece in (LONE_CR.split(line) if "\r" in line.rstrip("\r\n") else (line,)):
                self.n += 1  # numbered as the readers count them
                if bad:
                    self.bad.add(self.n)
                yield piece

    def flags(self, first: int, last: int) -> list[str]:
        return ["W101"] if any(first <= n <= last for n in self.bad) else []


def _line_flags(handle: Iterable[str], first: int, last: int) -> list[str]:
    return handle.flags(first, last) if isinstance(handle, LineDecoder) else []


def decode(origin: str, data: bytes) -> tuple[Optional[str], list[str], Optional[Reject]]:
    """Text, flags and no reject; or a reject for binary data."""
    head = data[:8192]
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    if b"\x00" in head or (head and controls / len(head) > 0.1):
        return None, [], _reject(origin, "E102", "This looks like a binary file, not text. dateline reads "
                                 "plain text, HTML, JSON Lines and CSV; convert the file (e.g. PDF to text) first.")
    try:
        return data.decode("utf-8-sig"), [], None
    except UnicodeDecodeError:
        # Keep the article: bad bytes become U+FFFD and the article is flagged.
        return data.decode("utf-8", errors="replace"), ["W101"], None


def parse_bytes(origin: str, suffix: str, data: bytes, config: dict,
                folder_date: Optional[str] = None) -> Iterator[Item]:
    if not data.strip():
        yield _reject(origin, "E101", "The input is empty. Remove it or add the article text.")
        return
    text, flags, rej = decode(origin, data)
    if rej:
        yield rej
        return
    if suffix in JSONL_SUFFIXES or suffix == ".csv":
        # line by line, so that invalid UTF-8 flags the articles on those lines only
        reader = read_jsonl if suffix in JSONL_SUFFIXES else read_csv
        yield from _or_empty(origin, reader(origin, LineDecoder(io.BytesIO(data)), config))
        return
    if suffix in HTML_SUFFIXES:
        yield parse_html(origin, text, flags, config, folder_date)
    elif suffix == ".json":
        yield from read_json(origin, text, config, flags)
    else:
        yield parse_text(origin, text, flags, config, folder_date)


def _or_empty(origin: str, items: Iterator[Item]) -> Iterator[Item]:
    """The items of a multi-article file, or one E101 reject when it holds none (an empty or blank file)."""
    empty = True
    for item in items:
        empty = False
        yield item
    if empty:
        yield _reject(origin, "E101", "The file holds no articles (it is empty or blank). Remove it or add articles.")


# --- formats -------------------------------------------------------------------------
def parse_text(origin: str, text: str, flags: list[str], config: dict, folder_date: Optional[str] = None) -> Item:
    """Plain text: optional first line ``date YYYY-MM-DD``, optional title line followed by a blank line.
    Without a header, a date-named folder gives the date."""
    lines = clean_text(text).split("\n")
    published_raw, from_ = None, "none"
    if lines and (m := HEADER.match(lines[0])):
        published_raw, from_ = m.group(1), "header"
        lines = lines[1:]
    elif folder_date:
        published_raw, from_ = folder_date, "metadata"
    while lines and not lines[0].strip():
        lines = lines[1:]
    title = None
    if len(lines) > 2 and 0 < len(lines[0]) <= TITLE_MAX and not lines[1].strip():
        title, lines = lines[0].strip(), lines[2:]
    return make_article(origin, "\n".join(lines), config, flags=flags, title=title,
                        published=published_raw, published_from=from_)


def parse_html(origin: str, html: str, flags: list[str], config: dict, folder_date: Optional[str] = None) -> Item:
    import trafilatura

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    body = (doc.text or "") if doc is not None else ""
    # A few words (a menu entry, a button) are what extractors return for pages without an article.
    if len(body.split()) < MIN_HTML_WORDS:
        return _reject(origin, "E104", "No main text found in this HTML page (it may be a navigation, index or "
                       "script-only page). Save the article page itself, or pass its text as .txt.")
    title = doc.title
    lines = body.split("\n")
    if title and lines and lines[0].strip() == title.strip():
        body = "\n".join(lines[1:])
    return make_article(origin, body, config, flags=flags, title=title, url=doc.url,
                        source=doc.sitename or doc.hostname, published=doc.date or folder_date,
                        published_from="metadata" if (doc.date or folder_date) else "none")


def _from_mapping(origin: str, obj: Any, config: dict, flags: list[str]) -> Item:
    cols = config["columns"]
    if not isinstance(obj, dict):
        return _reject(origin, "E106", f"Expected a JSON object, got {type(obj).__name__}.")
    text = obj.get(cols["text"])
    if not isinstance(text, str) or not text.strip():
        return _reject(origin, "E101", f"No text under the key {cols['text']!r}. Set `columns.text` in "
                       "your config if the text is under another key.")
    published = obj.get(cols["published"])
    return make_article(origin, text, config, flags=list(flags), title=_str(obj.get(cols["title"])),
                        url=_str(obj.get(cols["url"])), source=_str(obj.get(cols["source"])),
                        published=published, published_from="metadata" if published else "none")


def _str(value: Any) -> Optional[str]:
    return str(value) if value not in (None, "") else None


def read_jsonl(origin: str, handle: Iterable[str], config: dict, flags: Iterable[str] = ()) -> Iterator[Item]:
    limit = int(config["max_article_chars"])
    for n, line in enumerate(handle, 1):
        where = f"{origin}:{n}"
        if not line.strip():
            continue
        if len(line) > 2 * limit:
            yield _reject(where, "E107", f"Line {n} is {len(line):,} characters, over max_article_chars={limit:,}.")
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield _reject(where, "E106", f"Line {n} is not valid JSON ({exc.msg} at column {exc.colno}); "
                          "the other lines are read. Fix or remove that line.")
            continue
        yield _from_mapping(where, obj, config, list(flags) + _line_flags(handle, n, n))


def read_json(origin: str, text: str, config: dict, flags: list[str]) -> Iterator[Item]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield _reject(origin, "E106", f"Not valid JSON ({exc.msg} at line {exc.lineno}). "
                      "Use JSON Lines (one article per line) for large corpora.")
        return
    items = data if isinstance(data, list) else [data]
    for n, obj in enumerate(items):
        yield _from_mapping(f"{origin}[{n}]", obj, config, flags)


def read_csv(origin: str, handle: Iterable[str], config: dict, flags: Iterable[str] = ()) -> Iterator[Item]:
    cols = config["columns"]
    csv.field_size_limit(max(int(config["max_article_chars"]) * 4, 131072))
    # strict: a broken quote is an error rather than a field that silently swallows the rows after it
    reader = csv.DictReader(handle, strict=True)
    try:
        header = reader.fieldnames or []
    except csv.Error as exc:
        yield _reject(origin, "E105", f"Cannot read the CSV header: {exc}.")
        return
    if cols["text"] not in header:
        yield _reject(origin, "E105", f"The CSV has no {cols['text']!r} column (columns: {', '.join(header) or 'none'}). "
                      "Rename the column, or set `columns.text` in your config.")
        return
    n = 1
    while True:
        line = reader.reader.line_num + 1  # physical line where the next row starts
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            # Like a broken JSON line: reject that row and read on from the next line (the reader starts
            # afresh there). The lines the broken field ran over belong to the rejected row.
            if reader.reader.line_num < line:
                return  # nothing was consumed: stop rather than fail on the same place again
            n += 1
            yield _reject(f"{origin}:{n}", "E105", f"CSV row {n} (from line {line}) is malformed: {exc} "
                          "(a quote that is not closed, or not doubled inside a quoted field); the rows after "
                          "it are read. Fix the quoting of that row.")
            continue
        n += 1
        yield _from_mapping(f"{origin}:{n}", row, config, list(flags) + _line_flags(handle, line, reader.reader.line_num))


# --- the article --------------------------------------------------------------------
def make_article(origin: str, text: str, config: dict, *, flags: list[str], title: Optional[str] = None,
                 url: Optional[str] = None, source: Optional[str] = None, published: Any = None,
                 published_from: str = "none") -> Item:
    text = clean_text(text)
    if not text:
        return _reject(origin, "E101", "The article has no text. Remove it or add the text.")
    limit = int(config["max_article_chars"])
    if len(text) > limit:
        return _reject(origin, "E107", f"The article is {len(text):,} characters, over max_article_chars={limit:,}. "
                       "Split it into articles, or raise the setting.")
    flags = list(flags)
    date = None
    if published not in (None, ""):
        date = parse_date(published)
        if date is None:
            flags.append("W104")
        else:
            date, flag = check_date(date, int(config["future_date_slack_days"]))
            if flag:
                flags.append(flag)
    if date is None:
        published_from = "none"
        flags.append("W102")
    elif published_from == "none":
        published_from = "user"
    return Article(id=article_id(text), title=title, url=url, source=source, published=date,
                   published_from=published_from, text=text, path=origin, flags=flags)
