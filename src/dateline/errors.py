"""Error codes. Every message says what happened and what to do about it.

Codes are stable: scripts and the rejects table refer to them.
"""

from __future__ import annotations

CODES: dict[str, str] = {
    # setup
    "E001": "spaCy model not installed",
    "E002": "spaCy model does not match the pinned release",
    "E003": "unknown stage or stage implementation in the config",
    "E004": "a stage needs a field that no earlier stage sets",
    "E005": "bad setting",
    # ingest
    "E101": "empty input",
    "E102": "binary input",
    "E103": "unreadable path",
    "E104": "HTML page without main text",
    "E105": "CSV without a text column, or a malformed CSV row",
    "E106": "broken JSON line",
    "E107": "article too long",
    "E108": "no such path",
    "E109": "unsupported file type",
    # store
    "E201": "database is locked by another process",
    "E202": "file is not a DuckDB database",
    "E203": "database schema is newer than this version of dateline",
    "E204": "unknown table",
    "E205": "cannot write the database (disk full, file-size limit or I/O error)",
    # stages
    "E301": "a stage failed on this article",
    "E302": "a stage ran over its time budget on this article",
    # queries and evaluation
    "E401": "bad query parameter",
    "E402": "gold data not found",
    "E403": "unknown evaluation task",
    # HTTP API (dateline serve)
    "E410": "no such item",
    "E411": "method not allowed: the HTTP API is read-only",
    "E412": "request too large",
    "E413": "host not allowed",
    "E419": "internal server error",
    # distributed runs (dateline run --engine dask, dateline import)
    "E501": "the optional Dask engine is not installed",
    "E502": "cannot reach the Dask scheduler",
    "E503": "no usable Parquet shards at the given location",
    "E504": "a Dask task failed",
    # warnings kept with an article (flags)
    "W101": "invalid UTF-8 replaced",
    "W102": "no publication date",
    "W103": "publication date in the future, ignored",
    "W104": "unparseable date header, ignored",
}


class DatelineError(Exception):
    """An error with a code and a hint that says what to do."""

    def __init__(self, code: str, message: str, hint: str = ""):
        self.code = code
        self.message = message
        self.hint = hint
        super().__init__(self.__str__())

    def __str__(self) -> str:
        text = f"[{self.code}] {self.message}"
        if self.hint:
            text += f" {self.hint}"
        return text
