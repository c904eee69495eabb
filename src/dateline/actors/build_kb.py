"""Build the compiled actor knowledge base from its sources.

Run ``python -m dateline.actors.build_kb`` (needs the ``dev`` extra for pycountry). It reads

* ``kb/countries.psv``, ``kb/people.psv``, ``kb/orgs.psv``, ``kb/roles.psv`` (dateline's own tables),
* pycountry (pinned in the ``dev`` extra) for official and common country names,
* ``kb/petrarch.psv``: facts converted from the PETRARCH2 dictionaries (MIT). When the dictionaries
  are present at ``../shared/data/actors/petrarch2-dictionaries`` (or ``--petrarch DIR``), that file is
  regenerated from them first; otherwise the committed copy is used,

and writes ``kb/compiled.json.gz`` (gzipped JSON, the only file the stage loads). The build is deterministic: the same
sources give the same bytes.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from pathlib import Path
from typing import Iterable, Optional

KB_DIR = Path(__file__).resolve().parent / "kb"
KB_VERSION = "1"
# Country codes PETRARCH uses that are not ISO 3166 alpha-3.
CAMEO_TO_ISO = {"ROM": "ROU", "ZAR": "COD", "TMP": "TLS", "BUR": "MMR", "YUG": "SRB", "SRB": "SRB",
                "KOS": "XKX", "PAL": "PSE", "PSE": "PSE", "SAF": "ZAF", "GMY": "DEU", "UKG": "GBR",
                "HKG": "CHN", "MAC": "CHN", "TAW": "TWN", "TWN": "TWN", "VAT": "VAT"}
# Sector codes dateline keeps from CAMEO role codes (others become None).
SECTORS = ("GOV", "MIL", "REB", "INS", "OPP", "CVL", "IGO", "NGO", "MED", "BUS", "JUD", "LEG", "COP", "SPY",
           "UAF", "PTY", "ELI", "REF", "REL", "LAB", "EDU", "HLH", "CRM", "SUP")
# Aliases that begin with a title are left to the title rules.
TITLE_START = re.compile(r"^(PRESIDENT|PRIME|FOREIGN|DEFEN[CS]E|GENERAL|GEN\.|KING|QUEEN|PRINCE|SHEIKH|MINISTER|"
                         r"SECRETARY|CHAIRMAN|LEADER|DR\.|MR\.|MRS\.|AMBASSADOR|SENATOR|GOVERNOR|COLONEL|"
                         r"[A-Z]+IAN_|[A-Z]+ESE_|[A-Z]+ISH_|FORMER|EX-|VICE|DEPUTY|CHIEF|HEAD|THE_)")


def read_psv(path: Path) -> list[dict]:
    """Rows of a pipe-separated table: '#' lines are comments, the first other line is the header."""
    header: Optional[list[str]] = None
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [c.strip() for c in line.split("|")]
        if header is None:
            header = cells
            continue
        if len(cells) != len(header):
            raise ValueError(f"{path.name}: {len(cells)} cells, {len(header)} expected: {line!r}")
        rows.append(dict(zip(header, cells)))
    return rows


def split(value: str) -> list[str]:
    return [v.strip() for v in value.split(";") if v.strip()]


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", norm(text)).strip("-")


def norm(text: str) -> str:
    """The lookup key of a name: lower case, plain ASCII letters, one space between words."""
    import unicodedata

    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("\u2019", "'").replace("`", "'")
    return " ".join(text.lower().split())


def full_date(value: str, end: bool = False) -> Optional[str]:
    """YYYY, YYYY-MM or YYYY-MM-DD to an ISO date (the first day, or the last when ``end``)."""
    if not value:
        return None
    parts = value.split("-")
    if len(parts) == 1:
        return f"{parts[0]}-12-31" if end else f"{parts[0]}-01-01"
    if len(parts) == 2:
        return f"{value}-28" if end else f"{value}-01"
    return value


# --- PETRARCH2 conversion ----------------------------------------------------------------------

def _petrarch_date(code: str) -> Optional[str]:
    # YYMMDD; two-digit years above 30 are 19xx (the dictionaries date from 2014).
    if not re.fullmatch(r"\d{6}", code):
        return None
    yy = int(code[:2])
    year = 1900 + yy if yy > 30 else 2000 + yy
    return f"{year}-{code[2:4]}-{code[4:6]}"


def _petrarch_name(raw: str) -> str:
    words = raw.strip().strip("_").replace("_", " ").split()
    return " ".join(w.capitalize() if not re.fullmatch(r"[A-Z]\.?", w) else w for w in words)


def _parse_code(code: str) -> tuple[Optional[str], Optional[str]]:
    """A CAMEO actor code (RUSGOV, IGOUNOKID, USAMIL) -> (ISO country or None, sector or None)."""
    code = code.strip().upper()
    head, rest = code[:3], code[3:]
    if head in ("IGO", "NGO", "MNC", "INT", "NGM", "IMG"):
        sector = {"IGO": "IGO", "NGO": "NGO", "MNC": "BUS", "NGM": "NGO", "IMG": "REB"}.get(head)
        return None, sector
    country = CAMEO_TO_ISO.get(head, head)
    sector = rest[:3] if rest[:3] in SECTORS else None
    return country, sector


def convert_petrarch(src: Path, iso3: set[str]) -> list[str]:
    """PETRARCH2 actor dictionaries -> rows of ``petrarch.psv`` (name|country|sector|start|end|aliases)."""
    rows: list[str] = []
    for fname in ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt",
                  "Phoenix.MilNonState.actors.txt"):
        path = src / fname
        if not path.exists():
            continue
        entry: Optional[dict] = None
        entries: list[dict] = []
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            body = line.split("#", 1)[0]
            codes = re.findall(r"\[([^\]]*)\]", body)
            text = re.sub(r"\[[^\]]*\]", "", body).strip()
            if line[0] not in " \t+" and text:
                entry = {"name": text, "aliases": [], "codes": []}
                entries.append(entry)
            elif line.startswith("+") and entry is not None and text:
                entry["aliases"].append(text.lstrip("+"))
            if entry is not None:
                entry["codes"].extend(codes)
        for e in entries:
            roles = []
            for code in e["codes"]:
                parts = code.split()
                if not parts or parts[0].startswith("~") or parts[0] == "---":
                    continue
                country, sector = _parse_code(parts[0])
                if country is not None and country not in iso3:
                    continue
                start = end = None
                if len(parts) > 1:
                    rng = parts[1]
                    if rng.startswith(">"):
                        start = _petrarch_date(rng[1:])
                    elif rng.startswith("<"):
                        end = _petrarch_date(rng[1:])
                    elif "-" in rng:
                        a, b = rng.split("-", 1)
                        start, end = _petrarch_date(a), _petrarch_date(b)
                # Roles that ended before 1985 never matter for news dateline reads.
                if end and end < "1985-01-01":
                    continue
                roles.append((country or "", sector or "", start or "", end or ""))
            # Keep what a news reader of 1995 onwards needs: organisations other than companies, and
            # people with a role (other than a former official's) held in 2000 or later.
            live = [r for r in roles if r[1] not in ("ELI", "BUS") and (not r[3] or r[3] >= "2000-01-01")]
            if not live or all(not r[1] and not r[0] for r in live):
                continue
            # A role still open in the 2014 snapshot is only known to hold until the snapshot.
            roles = [(c, s, st, en or ("2014-01-30" if st and s not in ("", "ELI") else en)) for c, s, st, en in roles
                     if s != "BUS"]
            name = _petrarch_name(e["name"])
            if len(name) < 3 or TITLE_START.match(e["name"].upper()):
                continue
            if re.fullmatch(r"[A-Z]{3}", " ".join(e["codes"]).strip()):
                continue  # a country's own block: names and misspellings pycountry and countries.psv cover
            aliases = sorted({_petrarch_name(a) for a in e["aliases"]
                              if not TITLE_START.match(a.upper()) and len(a) > 3} - {name})[:6]
            for country, sector, start, end in dict.fromkeys(roles):
                rows.append("|".join([name, country, sector, start, end, ";".join(aliases)]))
    return rows


def write_petrarch(src: Path, iso3: set[str]) -> int:
    rows = convert_petrarch(src, iso3)
    header = (
        "# Converted by dateline.actors.build_kb from the PETRARCH2 actor dictionaries\n"
        "# (github.com/openeventdata/petrarch2, commit 676801cd, data/dictionaries/Phoenix.*.actors.txt),\n"
        "# Copyright (c) 2014 Open Event Data Alliance, MIT License (see kb/NOTICE). Facts only: names,\n"
        "# CAMEO country and sector codes, date ranges. Roles that ended before 1985 are left out.\n"
        "# Columns (pipe-separated): name|country|sector|start|end|aliases\n"
        "name|country|sector|start|end|aliases\n")
    (KB_DIR / "petrarch.psv").write_text(header + "\n".join(rows) + "\n", encoding="utf-8")
    return len(rows)


# --- compiling -----------------------------------------------------------------------------------

class Builder:
    def __init__(self) -> None:
        self.entities: dict[str, dict] = {}
        self.aliases: dict[str, list] = {}  # norm alias -> [[kb_id, exact-case form or ""]]
        self.offices: dict[str, dict[str, list]] = {}

    def alias(self, text: str, kb_id: str) -> None:
        text = text.strip()
        if len(text) < 2:
            return
        key = token_key(text)
        # All-capital acronyms (IS, WHO, AA) must appear in capitals in the text.
        exact = text if (text.replace(".", "").isupper() and len(text.replace(".", "")) <= 5) else ""
        entry = [kb_id, exact]
        bucket = self.aliases.setdefault(key, [])
        if entry not in bucket and not any(b[0] == kb_id and not b[1] for b in bucket):
            bucket.append(entry)

    def entity(self, kb_id: str, **fields) -> dict:
        ent = self.entities.get(kb_id)
        if ent is None:
            ent = self.entities[kb_id] = {"name": fields["name"], "type": fields["type"],
                                          "country": fields.get("country"), "sector": fields.get("sector"),
                                          "roles": [], "src": fields.get("src", "dateline")}
        return ent


def build(petrarch_dir: Optional[Path] = None, out: Path = KB_DIR / "compiled.json.gz") -> dict:
    import pycountry

    b = Builder()
    iso3 = {c.alpha_3 for c in pycountry.countries} | {"XKX"}

    countries: dict[str, dict] = {}
    demonyms: dict[str, str] = {}
    capitals: dict[str, str] = {}
    for row in read_psv(KB_DIR / "countries.psv"):
        code = row["iso3"]
        pc = pycountry.countries.get(alpha_3=code)
        names = split(row["aliases"])
        if pc is not None:
            names += [pc.name] + [getattr(pc, a) for a in ("official_name", "common_name") if hasattr(pc, a)]
        display = names[0] if names else code
        countries[code] = {"name": display}
        kb_id = f"c:{code}"
        b.entity(kb_id, name=display, type="country", country=code, sector="GOV")
        for name in dict.fromkeys(names):
            b.alias(name, kb_id)
        for dem in split(row["demonyms"]):
            demonyms.setdefault(token_key(dem), code)
            if not dem.endswith(("s", "ese", "ish", "ch", "i")) or dem.endswith(("Saudi", "Iraqi")):
                demonyms.setdefault(token_key(dem + "s"), code)
        for cap in split(row["capitals"]):
            capitals.setdefault(token_key(cap), code)

    # Own people first: they win over converted facts for the same name.
    people = read_psv(KB_DIR / "people.psv")
    surnames: dict[str, set[str]] = {}
    for row in people:
        kb_id = f"p:{slug(row['name'])}"
        country = row["country"] if not row["country"].startswith("org:") else None
        org = row["country"] if row["country"].startswith("org:") else None
        ent = b.entity(kb_id, name=row["name"], type="person", country=country, sector=row["sector"])
        if ent["country"] is None and country:
            ent["country"] = country
        start, end = full_date(row["start"]), full_date(row["end"], end=True)
        ent["roles"].append([row["sector"], country, org, row["role"], start, end])
        b.alias(row["name"], kb_id)
        for a in split(row["aliases"]):
            b.alias(a, kb_id)
        last = row["name"].split()[-1]
        for sur in (last, last[3:] if last.lower().startswith(("al-", "el-")) else ""):
            if len(sur) > 3 and not sur.endswith(".") and sur[0].isupper():
                surnames.setdefault(sur, set()).add(kb_id)
        if row["role"]:
            holder = row["country"] or "-"
            b.offices.setdefault(holder, {}).setdefault(row["role"], []).append([kb_id, start, end])
    for key, ids in surnames.items():
        for kb_id in sorted(ids):
            b.alias(key, kb_id)

    for row in read_psv(KB_DIR / "orgs.psv"):
        kb_id = row["id"]
        ent = b.entity(kb_id, name=row["name"], type="org", country=row["country"] or None, sector=row["sector"])
        ent["roles"].append([row["sector"], row["country"] or None, None, "", full_date(row["start"]),
                             full_date(row["end"], end=True)])
        b.alias(row["name"], kb_id)
        for a in split(row["aliases"]):
            b.alias(a, kb_id)

    if petrarch_dir is not None and petrarch_dir.is_dir():
        n = write_petrarch(petrarch_dir, iso3)
        print(f"converted {n} PETRARCH2 role rows from {petrarch_dir}", file=sys.stderr)
    own_names = {norm(e["name"]) for e in b.entities.values()}
    ppath = KB_DIR / "petrarch.psv"
    if ppath.exists():
        for row in read_psv(ppath):
            if norm(row["name"]) in own_names:
                continue
            kb_id = f"pp:{slug(row['name'])}"
            is_person = " " in row["name"] and row["sector"] in ("GOV", "ELI", "MIL", "JUD", "LEG", "OPP", "")
            ent = b.entity(kb_id, name=row["name"], type="person" if is_person else "org",
                           country=row["country"] or None, sector=row["sector"] or None, src="petrarch2")
            ent["roles"].append([row["sector"] or None, row["country"] or None, None, "", row["start"] or None,
                                 row["end"] or None])
            b.alias(row["name"], kb_id)
            for a in split(row["aliases"]):
                b.alias(a, kb_id)

    roles = {}
    for row in read_psv(KB_DIR / "roles.psv"):
        roles[row["phrase"]] = [row["sector"], row["kind"], row["office"] or None]

    entities = {}
    for kb_id, ent in sorted(b.entities.items()):
        ent["roles"].sort(key=lambda r: (r[4] or "", r[5] or "9999"))
        if ent["type"] == "person" and ent["roles"]:
            # The entity's default country/sector: its latest role.
            ent["country"] = ent["country"] or ent["roles"][-1][1]
        # Compact rows keep the file small: [name, type, country, sector, roles, source].
        entities[kb_id] = [ent["name"], ent["type"][0], ent["country"], ent["sector"], ent["roles"],
                           0 if ent["src"] == "dateline" else 1]
    # Lookup keys are the normalised spaCy tokens of a name joined by one space ("al - assad"), so the
    # stage compares token sequences of the Doc without re-tokenising; a leading "the" is dropped.
    aliases = b.aliases
    kb = {
        "version": KB_VERSION,
        "sources": ["dateline own tables (countries, people, orgs, roles)", f"pycountry {pycountry.__version__}",
                    "PETRARCH2 dictionaries (MIT, Open Event Data Alliance 2014)"],
        "countries": dict(sorted(countries.items())),
        "demonyms": dict(sorted(demonyms.items())),
        "capitals": dict(sorted(capitals.items())),
        "roles": dict(sorted(roles.items())),
        "entity_fields": ["name", "type (p person, o org, c country)", "country", "sector",
                          "roles [sector, country, org, office, start, end]", "source (0 dateline, 1 petrarch2)"],
        "entities": entities,
        "aliases": dict(sorted(aliases.items())),
        "offices": {k: dict(sorted(v.items())) for k, v in sorted(b.offices.items())},
    }
    data = json.dumps(kb, ensure_ascii=False, separators=(",", ":"), sort_keys=False).encode("utf-8")
    # gzip with a fixed mtime: the same sources give the same bytes.
    out.write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
    return kb


_TOKENIZER = None


def token_key(text: str) -> str:
    """The lookup key of a name: its normalised spaCy tokens joined by spaces, without a leading 'the'."""
    global _TOKENIZER
    if _TOKENIZER is None:
        import spacy

        _TOKENIZER = spacy.blank("en").tokenizer
    toks = [norm(t.text) for t in _TOKENIZER(text) if not t.is_space]
    if len(toks) > 1 and toks[0] == "the":
        toks = toks[1:]
    return " ".join(toks)


def default_petrarch_dir() -> Optional[Path]:
    for base in [Path.cwd(), *Path(__file__).resolve().parents]:
        cand = base / ".." / "shared" / "data" / "actors" / "petrarch2-dictionaries"
        if cand.is_dir():
            return cand.resolve()
    return None


def main(argv: Optional[Iterable[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--petrarch", type=Path, default=None,
                        help="PETRARCH2 dictionaries folder (default: ../shared/data/actors/petrarch2-dictionaries)")
    parser.add_argument("--no-petrarch", action="store_true", help="Use the committed kb/petrarch.psv as it is.")
    args = parser.parse_args(list(argv) if argv is not None else None)
    src = None if args.no_petrarch else (args.petrarch or default_petrarch_dir())
    kb = build(src)
    size = (KB_DIR / "compiled.json.gz").stat().st_size
    print(f"wrote kb/compiled.json.gz: {len(kb['entities'])} entities, {len(kb['aliases'])} aliases, "
          f"{size / 1e6:.2f} MB", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
