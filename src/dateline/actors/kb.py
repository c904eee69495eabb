"""The actor knowledge base at run time: loaded once per process from ``kb/compiled.json.gz``.

The compiled file is built by ``python -m dateline.actors.build_kb`` from the tables in ``kb/``
(see docs/actors.md). A user file (YAML, setting ``actors_kb`` or the environment variable
``DATELINE_ACTORS_KB``) adds people and organisations on top; its entries win over shipped ones.
"""

from __future__ import annotations

import datetime as dt
import functools
import gzip
import json
import os
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from ..errors import DatelineError

KB_FILE = Path(__file__).resolve().parent / "kb" / "compiled.json.gz"
ENV_USER_FILE = "DATELINE_ACTORS_KB"


@functools.lru_cache(maxsize=65536)
def norm(text: str) -> str:
    """Lower case, accents stripped, typographic apostrophes made plain (the KB's key form)."""
    if text.isascii():
        return text.lower()
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.replace("\u2019", "'").replace("`", "'").lower()


@dataclass(frozen=True)
class Role:
    sector: Optional[str]
    country: Optional[str]
    org: Optional[str]
    office: str
    start: Optional[str]
    end: Optional[str]


@dataclass(frozen=True)
class Entity:
    kb_id: str
    name: str
    type: str  # p person, o org, c country
    country: Optional[str]
    sector: Optional[str]
    roles: tuple[Role, ...]
    own: bool  # from dateline's own tables (True) or converted PETRARCH2 facts (False)


@dataclass
class KB:
    version: str
    entities: dict[str, list]
    aliases: dict[str, list]
    demonyms: dict[str, str]
    capitals: dict[str, str]
    countries: dict[str, dict]
    roles: dict[str, list]
    offices: dict[str, dict[str, list]]
    first: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    _cache: dict[str, Entity] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.index()

    def index(self) -> None:
        """First token -> [(number of tokens, key)], longest first: the phrase matcher's table."""
        first: dict[str, set[tuple[int, str]]] = {}
        for table in (self.aliases, self.demonyms, self.capitals):
            for key in table:
                toks = key.split(" ")
                first.setdefault(toks[0], set()).add((len(toks), key))
        self.first = {k: sorted(v, reverse=True) for k, v in first.items()}

    def entity(self, kb_id: str) -> Optional[Entity]:
        ent = self._cache.get(kb_id)
        if ent is None:
            row = self.entities.get(kb_id)
            if row is None:
                return None
            name, typ, country, sector, roles, src = row
            ent = Entity(kb_id, name, typ, country, sector, tuple(Role(*r) for r in roles), src == 0)
            self._cache[kb_id] = ent
        return ent

    def country_name(self, iso3: Optional[str]) -> Optional[str]:
        return self.countries.get(iso3, {}).get("name") if iso3 else None

    def office_holder(self, holder: str, office: str, date: Optional[dt.date]) -> Optional[str]:
        """The KB id of who held ``office`` for ``holder`` (ISO3 or org id) on ``date`` (latest if no date)."""
        rows = self.offices.get(holder, {}).get(office) or []
        if not rows:
            return None
        if date is None:
            open_rows = [r for r in rows if r[2] is None]
            return (open_rows or sorted(rows, key=lambda r: r[2] or "9999"))[-1][0]
        day = date.isoformat()
        for kb_id, start, end in rows:
            if (start is None or start <= day) and (end is None or day <= end):
                return kb_id
        return None


def role_at(ent: Entity, date: Optional[dt.date]) -> tuple[Optional[Role], str]:
    """The entity's role on ``date`` and how it holds: current, former, not-yet, undated or no-date."""
    if not ent.roles:
        return None, "undated"
    if date is None:
        return ent.roles[-1], "no-date"
    day = date.isoformat()
    current = [r for r in ent.roles if (r.start is None or r.start <= day) and (r.end is None or day <= r.end)]
    if current:
        # A dated role says more than an open-ended "elite" fallback.
        current.sort(key=lambda r: (r.sector == "ELI", r.start is None and r.end is None))
        role = current[0]
        return role, "current" if (role.start or role.end) else "undated"
    ended = [r for r in ent.roles if r.end is not None and r.end < day]
    if ended:
        return max(ended, key=lambda r: r.end), "former"
    return ent.roles[0], "not-yet"


def _load_compiled(path: Path) -> dict:
    try:
        return json.loads(gzip.decompress(path.read_bytes()))
    except (OSError, ValueError) as exc:
        raise DatelineError("E005", f"Cannot read the actor knowledge base {str(path)!r}: {exc}.",
                            "Rebuild it with `python -m dateline.actors.build_kb`.") from None


@functools.lru_cache(maxsize=4)
def load_kb(user_file: Optional[str] = None) -> KB:
    """The shipped KB, with the user's file layered over it; cached per process."""
    data = _load_compiled(KB_FILE)
    kb = KB(version=data["version"], entities=data["entities"], aliases=data["aliases"],
            demonyms=data["demonyms"], capitals=data["capitals"], countries=data["countries"],
            roles=data["roles"], offices=data["offices"])
    user_file = user_file or os.environ.get(ENV_USER_FILE) or None
    if user_file:
        from .user_kb import merge_user_file

        merge_user_file(kb, Path(user_file))
        kb.index()
    return kb
