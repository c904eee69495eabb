"""Actor resolution scored on the PLOVER gold standard records (source and target actors).

For each gold source/target actor with a code, its ``actorText`` is located in the sentence; the
system actor overlapping it best is its match. Metrics:

* ``found``: share of gold actors matched to some actor;
* ``country_acc``: of those found, share whose code is exact. The system's code is the actor's
  country, or ``IGO``/``NGO`` for international and non-governmental organisations without a
  country, or ``IMG`` for a transnational armed group (PLOVER's code for al-Qaeda and the like);
  gold codes that are not ISO (JAP, ITL) are mapped to ISO first; IGO and NGO count as one class
  (the gold codes the Red Cross and Amnesty International as IGO);
* ``sector_acc``: of those found where gold has a sector, share whose sector maps to it
  (``SECTOR_MAP``; documented in docs/actors.md).

The records carry no real dates (all are 2000-01-01, the gold's own date, which is passed on).
Development split: records at even positions were used to develop the rules (``dev_*`` metrics);
records at odd positions were held out (``test_*``); the plain metrics are over all records.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Optional

from .common import records_for

GOLD_FILE = "PLOVER_GSR_CAMEO.json"
CODE_FIX = {"JAP": "JPN", "ITL": "ITA", "GMY": "DEU", "UKG": "GBR", "ROM": "ROU"}
# Gold sector (CAMEO agent code, first three letters) -> the dateline sectors that count as right.
SECTOR_MAP: dict[str, set[str]] = {
    "GOV": {"GOV"}, "MIL": {"MIL"}, "REB": {"REB", "INS", "UAF"}, "INS": {"INS", "REB"},
    "UAF": {"UAF", "REB"}, "OPP": {"OPP"}, "CVL": {"CVL", "SUP"}, "CIV": {"CVL", "SUP"},
    "COP": {"COP"}, "JUD": {"JUD"}, "LEG": {"LEG"}, "ELI": {"ELI"}, "REF": {"REF"},
    "MED": {"MED", "HLH"}, "JRN": {"MED"}, "EDU": {"EDU"}, "LAB": {"LAB"}, "MOS": {"REL"},
    "REL": {"REL"}, "PTY": {"PTY"}, "CRM": {"CRM"}, "SPY": {"SPY"}, "BUS": {"BUS"}, "AGR": {"CVL"},
    "SOC": {"CVL"}, "HLH": {"HLH"},
}
ORG_CODES = {"IGO", "NGO", "IMG"}


def gold_sector(raw: Optional[str]) -> Optional[str]:
    if not raw or not raw[:3].isalpha():
        return None
    return raw[:3].upper()


def system_code(actor) -> Optional[str]:
    if actor.country:
        return actor.country
    if actor.sector in ("IGO", "NGO"):
        return actor.sector
    if actor.sector in ("REB", "INS", "UAF") and (actor.kb_id or "").startswith("org:"):
        return "IMG"
    return None


def code_ok(gold_code: str, sys_code: Optional[str]) -> bool:
    # The gold set codes the Red Cross and Amnesty International as IGO and others as NGO: the two
    # organisation codes are taken as one class.
    if gold_code in ("IGO", "NGO"):
        return sys_code in ("IGO", "NGO")
    return sys_code == gold_code


def sector_ok(gold_code: str, gsec: str, sys_sector: Optional[str]) -> bool:
    ok = set(SECTOR_MAP.get(gsec, {gsec}))
    if gold_code in ORG_CODES:
        ok |= {"IGO", "NGO"}  # PLOVER codes a UN body as IGO with sector GOV or MIL
    return sys_sector in ok


def locate(text: str, actor_text: str) -> Optional[tuple[int, int]]:
    """The gold actor's span in the sentence: exact, then case-blind, then its longest word."""
    actor_text = " ".join(actor_text.split())
    if not actor_text:
        return None
    i = text.find(actor_text)
    if i < 0:
        i = text.lower().find(actor_text.lower())
    if i >= 0:
        return i, i + len(actor_text)
    for part in actor_text.split("..."):
        part = part.strip()
        if part and (i := text.find(part)) >= 0:
            return i, i + len(part)
    words = sorted((w for w in actor_text.replace("-", " ").split() if len(w) > 3), key=len, reverse=True)
    for w in words:
        i = text.find(w)
        if i >= 0:
            return i, i + len(w)
    return None


def best_match(actors, span: tuple[int, int]):
    cands = [a for a in actors if a.start < span[1] and span[0] < a.end]
    if not cands:
        return None

    def key(a):
        inter = min(a.end, span[1]) - max(a.start, span[0])
        return (-inter, (a.end - a.start) - (span[1] - span[0]))

    return min(cands, key=key)


def evaluate(gold: Path, limit: Optional[int] = None, **kw) -> dict:
    path = gold / GOLD_FILE if gold.is_dir() else gold
    rows = [r for r in json.loads(path.read_text(encoding="utf-8")) if r.get("text") and r.get("event")]
    if limit:
        rows = rows[:limit]
    texts = [(r["text"], dt.date.fromisoformat(r.get("date") or "2000-01-01")) for r in rows]
    records = records_for(texts, stages=["nlp", "time", "places", "actors"])
    tallies = {part: {"n": 0, "found": 0, "country": 0, "n_sec": 0, "sector": 0, "unlocated": 0}
               for part in ("all", "dev", "test")}
    errors = []
    for pos, (row, rec) in enumerate(zip(rows, records)):
        part = "dev" if pos % 2 == 0 else "test"
        for role in ("source", "target"):
            items = row.get(role)
            if not isinstance(items, list):
                continue
            for g in items:
                code = CODE_FIX.get(g.get("code") or "", g.get("code") or "")
                if not code:
                    continue
                span = locate(row["text"], g.get("actorText") or "")
                match = best_match(rec.actors, span) if span else None
                gsec = gold_sector(g.get("sector"))
                for t in (tallies["all"], tallies[part]):
                    t["n"] += 1
                    t["unlocated"] += span is None
                    if match is None:
                        continue
                    t["found"] += 1
                    t["country"] += code_ok(code, system_code(match))
                    if gsec:
                        t["n_sec"] += 1
                        t["sector"] += sector_ok(code, gsec, match.sector)
                if match is not None and (not code_ok(code, system_code(match)) or (gsec and not sector_ok(code, gsec, match.sector))):
                    errors.append({"id": row["id"], "gold": [g.get("actorText"), code, gsec],
                                   "system": [match.text, system_code(match), match.sector, match.reason]})
    metrics: dict[str, float] = {}
    for part in ("all", "dev", "test"):
        t = tallies[part]
        prefix = "" if part == "all" else f"{part}_"
        metrics[f"{prefix}found"] = round(t["found"] / t["n"], 4) if t["n"] else 0.0
        metrics[f"{prefix}country_acc"] = round(t["country"] / t["found"], 4) if t["found"] else 0.0
        metrics[f"{prefix}sector_acc"] = round(t["sector"] / t["n_sec"], 4) if t["n_sec"] else 0.0
    metrics["n_found"] = tallies["all"]["found"]
    metrics["n_with_sector"] = tallies["all"]["n_sec"]
    metrics["unlocated"] = tallies["all"]["unlocated"]
    result = {"task": "actors", "gold": str(gold), "n_docs": len(rows), "n_gold": tallies["all"]["n"],
              "metrics": metrics}
    if kw.get("errors"):
        result["errors"] = errors
    return result
