"""A user's own actors (YAML), layered over the shipped knowledge base at load time.

Format (docs/actors.md)::

    version: 1
    people:
      - name: Jane Roe
        aliases: [J. Roe]
        country: KEN
        roles:
          - {sector: GOV, role: foreign minister, start: 2024-01-15, end: null}
    orgs:
      - id: org:lakeside-militia
        name: Lakeside Militia
        aliases: [LSM]
        country: KEN
        sector: UAF
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Optional

from ..errors import DatelineError


def _date(value: Any, end: bool = False) -> Optional[str]:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    parts = text.split("-")
    if len(parts) == 1:
        return f"{text}-12-31" if end else f"{text}-01-01"
    if len(parts) == 2:
        return f"{text}-28" if end else f"{text}-01"
    return text


def _slug(text: str) -> str:
    import re

    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def merge_user_file(kb, path: Path) -> None:
    """Add the file's people and organisations to ``kb`` (their aliases win over shipped ones)."""
    import yaml

    from .build_kb import token_key

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise DatelineError("E005", f"Cannot read the user actor file {str(path)!r}: {exc}.",
                            "Fix the YAML (see docs/actors.md) or unset `actors_kb`.") from None
    if not isinstance(data, dict):
        raise DatelineError("E005", f"The user actor file {str(path)!r} is not a mapping.",
                            "Start it with `version: 1` and `people:` / `orgs:` lists (docs/actors.md).")
    for item in data.get("people") or []:
        kb_id = item.get("id") or f"u:{_slug(item['name'])}"
        roles = []
        for r in item.get("roles") or []:
            country = r.get("country", item.get("country"))
            org = country if str(country or "").startswith("org:") else None
            country = None if org else country
            roles.append([r.get("sector"), country, org, r.get("role") or "", _date(r.get("start")),
                          _date(r.get("end"), end=True)])
            if r.get("role"):
                holder = org or country or "-"
                kb.offices.setdefault(holder, {}).setdefault(r["role"], []).insert(
                    0, [kb_id, _date(r.get("start")), _date(r.get("end"), end=True)])
        roles.sort(key=lambda r: (r[4] or "", r[5] or "9999"))
        sector = item.get("sector") or (roles[-1][0] if roles else None)
        kb.entities[kb_id] = [item["name"], "p", item.get("country"), sector, roles, 0]
        _aliases(kb, token_key, kb_id, [item["name"], *(item.get("aliases") or [])])
    for item in data.get("orgs") or []:
        kb_id = item.get("id") or f"u:{_slug(item['name'])}"
        roles = [[item.get("sector"), item.get("country"), None, "", _date(item.get("start")),
                  _date(item.get("end"), end=True)]]
        kb.entities[kb_id] = [item["name"], "o", item.get("country"), item.get("sector"), roles, 0]
        _aliases(kb, token_key, kb_id, [item["name"], *(item.get("aliases") or [])])
    kb._cache.clear()


def _aliases(kb, token_key, kb_id: str, names: list[str]) -> None:
    for name in names:
        key = token_key(str(name))
        if not key:
            continue
        bare = str(name).replace(".", "")
        exact = str(name) if bare.isupper() and len(bare) <= 5 else ""
        kb.aliases[key] = [[kb_id, exact]] + [e for e in kb.aliases.get(key, []) if e[0] != kb_id]
