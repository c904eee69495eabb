"""Geoparsing on LGL (GeoNames ids) and GeoVirus (Wikipedia pages and coordinates).

Metrics (docs/evaluation.md):
- ``acc_161km``: gold spans given; share of gold toponyms with coordinates whose resolved point lies within
  161 km (100 miles) of the gold point (unresolved counts as wrong);
- ``exact_id_acc``: gold spans given; share of gold toponyms with a GeoNames id resolved to that id
  (LGL only; null for GeoVirus, which has no GeoNames ids);
- ``e2e_precision``/``e2e_recall``/``e2e_f1``: the places stage finding toponyms itself, a found place
  matching a gold toponym when the spans overlap;
- ``e2e_acc_161km``: end to end; share of gold toponyms with coordinates that a found, overlapping place
  puts within 161 km.
``split`` picks documents by index: ``all``, ``even`` (the development half) or ``odd``.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from .common import overlaps, prf, records_for

KM = 161.0


@dataclass
class GoldToponym:
    start: int
    end: int
    text: str
    geonameid: Optional[int]
    lat: Optional[float]
    lon: Optional[float]


def _float(x: Optional[str]) -> Optional[float]:
    try:
        return float(x) if x not in (None, "") else None
    except ValueError:
        return None


def load(gold: Path) -> tuple[str, list[tuple[str, list[GoldToponym]]]]:
    """(corpus name, [(text, toponyms)]) for LGL-style or GeoVirus-style XML, given a file or its folder."""
    path = gold
    if gold.is_dir():
        xmls = sorted(gold.glob("*.xml"))
        if not xmls:
            raise FileNotFoundError(f"no XML file in {gold}")
        path = xmls[0]
    root = ET.parse(path).getroot()
    docs = []
    kind = "lgl"
    for art in root.iter("article"):
        text = art.findtext("text") or ""
        tops: list[GoldToponym] = []
        if art.find("toponyms") is not None:
            for t in art.find("toponyms"):
                g = t.find("gaztag")
                gid = g.get("geonameid") if g is not None else None
                tops.append(GoldToponym(int(t.findtext("start")), int(t.findtext("end")), t.findtext("phrase") or "",
                                        int(gid) if gid else None,
                                        _float(g.findtext("lat")) if g is not None else None,
                                        _float(g.findtext("lon")) if g is not None else None))
        elif art.find("locations") is not None:
            kind = "geovirus"
            for loc in art.find("locations"):
                name = loc.findtext("name") or ""
                start, end = int(loc.findtext("start")), int(loc.findtext("end"))
                if text[start:end] != name and text[start - 1:end - 1] == name:
                    start, end = start - 1, end - 1  # GeoVirus counts offsets from 1
                tops.append(GoldToponym(start, end, name, None,
                                        _float(loc.findtext("lat")), _float(loc.findtext("lon"))))
        docs.append((text, tops))
    return kind, docs


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def _near(lat, lon, g: GoldToponym) -> bool:
    return lat is not None and g.lat is not None and km(lat, lon, g.lat, g.lon) <= KM


def _select(docs: list, split: str, limit: Optional[int]) -> list:
    if split == "even":
        docs = docs[0::2]
    elif split == "odd":
        docs = docs[1::2]
    return docs[:limit] if limit else docs


def evaluate(gold: Path, limit: Optional[int] = None, split: str = "all", e2e: bool = True,
             errors: Optional[list] = None, **kw) -> dict:
    from ..places.gazetteer import gazetteer
    from ..places.resolve import resolve
    from ..places.toponyms import link_containers, toponym

    kind, docs = load(Path(gold))
    docs = _select(docs, split, limit)
    gaz = gazetteer()
    n_coord = n_near = n_id = n_id_ok = 0
    for text, golds in docs:
        tops = [toponym(gaz, g.text, g.start, g.end) for g in golds]
        link_containers(text, tops)
        for g, res in zip(golds, resolve(gaz, tops)):
            e = res.entry
            if g.lat is not None:
                n_coord += 1
                ok = e is not None and _near(e.lat, e.lon, g)
                n_near += ok
            if g.geonameid is not None:
                n_id += 1
                n_id_ok += e is not None and e.gid == g.geonameid
            if errors is not None and g.lat is not None and not (e is not None and _near(e.lat, e.lon, g)):
                errors.append((g, e, res.reason, text[max(0, g.start - 60):g.end + 60]))
    metrics: dict = {"acc_161km": round(n_near / n_coord, 4) if n_coord else None,
                     "exact_id_acc": round(n_id_ok / n_id, 4) if n_id else None}
    if e2e:
        records = records_for([(t, None) for t, _ in docs], stages=["nlp", "places"])
        tp = fp = fn = near = 0
        for rec, (_, golds) in zip(records, docs):
            # Toponyms only: the gold marks names, and a nominal place ("the city") has no coordinates.
            rec.places = [p for p in rec.places if p.kind == "toponym"]
            spans = [(p.start, p.end) for p in rec.places]
            matched = set()
            for g in golds:
                hit = [p for p in rec.places if overlaps((p.start, p.end), (g.start, g.end))]
                if hit:
                    matched.update(id(p) for p in hit)
                    if g.lat is not None and any(_near(p.lat, p.lon, g) for p in hit):
                        near += 1
                else:
                    fn += 1
            tp_g = sum(1 for g in golds if any(overlaps(s, (g.start, g.end)) for s in spans))
            tp += tp_g
            fp += sum(1 for p in rec.places if id(p) not in matched)
        scores = prf(tp, fp, fn, prefix="e2e_")
        metrics.update(scores)
        metrics["e2e_acc_161km"] = round(near / n_coord, 4) if n_coord else None
    return {"task": "geo", "gold": str(gold), "n_docs": len(docs), "n_gold": sum(len(g) for _, g in docs),
            "split": split, "metrics": metrics}
