"""Cross-article event linking: mentions of one real-world event become one cluster.

Pure computation over :class:`Mention` values (built from store rows by the caller; this
module never touches the store). Two mentions may be the same event only if hard rules hold
(compatible type, same modality, dates within a window that depends on the granularity, no
conflicting source actors, no conflicting places); then a score adds the evidence (shared
actors, same place, same day, shared words) and a mention joins the best cluster whose score
reaches the threshold, or starts a new one. The rules live in ``data/linking.yaml``.

Incremental: a :class:`Linker` is loaded with the existing clusters near the new mentions'
dates (blocking by type family and ISO week), and new mentions join them; only touched
clusters are summarised again.
"""

from __future__ import annotations

import collections
import datetime as dt
import hashlib
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Optional

from ..model import EventCluster

DATA = Path(__file__).resolve().parent / "data"
_WORD = re.compile(r"[A-Za-z][A-Za-z\-']+")
_STOP = frozenset("""a an the of in on at to for from by with and or but is are was were be been has have had
it its this that these those as said says say will would could should may might not no than then there their
they them he she his her we our you your i after before over into about more most some other also who which""".split())


@lru_cache(maxsize=1)
def rules() -> dict:
    import yaml

    return yaml.safe_load((DATA / "linking.yaml").read_text(encoding="utf-8"))


@dataclass(frozen=True)
class ActorKey:
    country: Optional[str] = None
    sector: Optional[str] = None
    name: Optional[str] = None

    def keys(self) -> set[str]:
        out = set()
        if self.name:
            out.add("n:" + self.name.lower())
        if self.country:
            out.add(f"c:{self.country}:{self.sector or ''}")
        return out

    def label(self) -> Optional[str]:
        if self.name:
            return self.name
        return " ".join(x for x in (self.country, self.sector) if x) or None


@dataclass(frozen=True)
class PlaceKey:
    name: Optional[str] = None
    geonameid: Optional[int] = None
    feature: Optional[str] = None
    admin1: Optional[str] = None
    country: Optional[str] = None
    lat: Optional[float] = None
    lon: Optional[float] = None

    def label(self) -> str:
        return self.name or self.admin1 or self.country or "?"


@dataclass
class Mention:
    """One event mention, with what linking compares."""

    id: str
    article: str
    type: str
    modality: str = "asserted"
    date: Optional[dt.date] = None
    end_date: Optional[dt.date] = None
    granularity: str = "publication"
    published: Optional[dt.date] = None
    outlet: Optional[str] = None
    sources: list[ActorKey] = field(default_factory=list)
    targets: list[ActorKey] = field(default_factory=list)
    place: Optional[PlaceKey] = None
    quantities: list[dict] = field(default_factory=list)
    text: str = ""
    intensity: Optional[float] = None
    cameo: Optional[str] = None

    @property
    def day(self) -> Optional[dt.date]:
        return self.date or self.published

    def window(self) -> Optional[tuple[dt.date, dt.date]]:
        cached = self.__dict__.get("_window", False)
        if cached is not False:
            return cached
        if self.day is None:
            win = None
        else:
            # A date equal to the publication day is often the stage's default, not a reported date.
            gran = self.granularity if self.date and self.date != self.published else "publication"
            windows = rules()["date_window_days"]
            w = int(windows.get(gran or "unknown", windows["unknown"]))
            win = (self.day - dt.timedelta(days=w), (self.end_date or self.day) + dt.timedelta(days=w))
        self.__dict__["_window"] = win
        return win

    def keys(self, role: str) -> frozenset[str]:
        """The actor keys of one side ("sources" or "targets")."""
        name = "_keys_" + role
        if name not in self.__dict__:
            self.__dict__[name] = frozenset().union(*(a.keys() for a in getattr(self, role)))
        return self.__dict__[name]

    def words(self) -> collections.Counter:
        cached = self.__dict__.get("_words")
        if cached is None:
            cached = collections.Counter(w for w in (x.lower() for x in _WORD.findall(self.text)) if w not in _STOP)
            self.__dict__["_words"] = cached
            self.__dict__["_words_norm"] = math.sqrt(sum(v * v for v in cached.values()))
        return cached

    def words_norm(self) -> float:
        self.words()
        return self.__dict__["_words_norm"]


@dataclass
class Cluster:
    id: str
    members: list[Mention] = field(default_factory=list)
    lo: Optional[dt.date] = None
    hi: Optional[dt.date] = None
    source_keys: set[str] = field(default_factory=set)
    target_keys: set[str] = field(default_factory=set)
    places: set[PlaceKey] = field(default_factory=set)
    words: collections.Counter = field(default_factory=collections.Counter)
    words_sq: float = 0.0
    days: set[dt.date] = field(default_factory=set)
    types: set[str] = field(default_factory=set)
    families: set[str] = field(default_factory=set)
    modality: str = "asserted"

    def add(self, m: Mention) -> None:
        if not self.members:
            self.modality = m.modality
        self.members.append(m)
        self.types.add(m.type)
        self.families.add(family(m.type))
        win = m.window()
        if win:
            self.lo = win[0] if self.lo is None else min(self.lo, win[0])
            self.hi = win[1] if self.hi is None else max(self.hi, win[1])
        self.source_keys |= m.keys("sources")
        self.target_keys |= m.keys("targets")
        if m.place is not None:
            self.places.add(m.place)
        if m.day is not None:
            self.days.add(m.day)
        for w, k in m.words().items():
            old = self.words.get(w, 0)
            self.words[w] = old + k
            self.words_sq += (old + k) ** 2 - old ** 2


def cluster_id(first_member: str) -> str:
    return "cl:" + hashlib.sha1(first_member.encode()).hexdigest()[:16]


@lru_cache(maxsize=1)
def _families() -> dict[str, str]:
    """Type -> block key: types linked by `compatible_types` share one block."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    for a, b in rules().get("compatible_types", []):
        parent[find(a)] = find(b)
    return {t: find(t) for t in list(parent)}


def family(event_type: str) -> str:
    return _families().get(event_type, event_type)


def haversine_km(a: PlaceKey, b: PlaceKey) -> Optional[float]:
    if None in (a.lat, a.lon, b.lat, b.lon):
        return None
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


_RANK = {"country": 0, "admin1": 1, "region": 1, "admin2": 2, "city": 3, "other": 3, None: 3}


def place_relation(a: PlaceKey, b: PlaceKey) -> str:
    """same | contains | different | unknown."""
    if a.geonameid and a.geonameid == b.geonameid:
        return "same"
    if a.name and b.name and a.name.lower() == b.name.lower() and (a.country == b.country or not a.country or not b.country):
        return "same"
    if a.country and b.country and a.country != b.country:
        return "different"
    big, small = (a, b) if _RANK.get(a.feature, 3) <= _RANK.get(b.feature, 3) else (b, a)
    if big.feature == "country" and big.country and big.country == small.country:
        return "contains"
    if big.feature in ("admin1", "region") and big.admin1 and big.admin1 == small.admin1:
        return "contains"
    dist = haversine_km(a, b)
    if dist is not None:
        return "same" if dist <= float(rules()["max_place_km"]) else "different"
    if a.admin1 and b.admin1:
        return "same" if a.admin1 == b.admin1 else "different"
    return "unknown"


def score(m: Mention, c: Cluster, need: float = float("-inf")) -> Optional[float]:
    """The evidence that ``m`` reports the event of ``c``; None when a hard rule says no, or when
    the score cannot reach ``need`` even with identical words (the costly part is skipped)."""
    win = m.window()
    if win is None or c.lo is None or win[1] < c.lo or win[0] > c.hi or m.modality != c.modality:
        return None
    # against the members' own days, not the hull of their windows, so a cluster cannot drift
    if not any(win[0] <= d <= win[1] for d in c.days):
        return None
    if family(m.type) not in c.families:
        return None
    w = rules()["weights"]
    total = w["same_type"] if m.type in c.types else w["same_type"] / 2
    m_src, m_tgt = m.keys("sources"), m.keys("targets")
    if m_src and c.source_keys:
        if not m_src & c.source_keys:
            if not m_src & c.target_keys:   # roles swapped by one report: weak, not a conflict
                return None
            total += w["actor_overlap"] / 2
        else:
            total += w["actor_overlap"]
    else:
        total += w["actor_missing"]
    if m_tgt and c.target_keys:
        total += w["actor_overlap"] if m_tgt & c.target_keys else 0.0
    else:
        total += w["actor_missing"]
    if m.place is not None and c.places:
        if m.place in c.places:
            total += w["same_place"]
        else:
            rel = {place_relation(m.place, p) for p in c.places}
            if "same" in rel:
                total += w["same_place"]
            elif "contains" in rel:
                total += w["same_place"] / 2
            elif rel == {"different"}:
                return None
    else:
        total += w["place_missing"]
    if m.day in c.days:
        total += w["same_day"]
    elif any(abs((m.day - d).days) <= 1 for d in c.days):
        total += w["near_day"]
    if total + w["shared_words"] < need:
        return None
    mw = m.words()
    if mw and c.words_sq:
        dot = sum(v * c.words.get(k, 0) for k, v in mw.items())
        total += w["shared_words"] * dot / (m.words_norm() * math.sqrt(c.words_sq))
    return total


class Linker:
    """Clusters, blocked by (type family, day of their date window); new mentions join or start clusters."""

    def __init__(self) -> None:
        self.clusters: dict[str, Cluster] = {}
        self.blocks: dict[tuple[str, int], set[str]] = collections.defaultdict(set)
        self.indexed: dict[str, tuple[int, int, frozenset]] = {}
        self.touched: set[str] = set()

    def load(self, cid: str, members: Iterable[Mention]) -> None:
        """An existing cluster (as stored), not marked touched."""
        c = self.clusters.setdefault(cid, Cluster(cid))
        for m in members:
            c.add(m)
        self._index(c)

    def _index(self, c: Cluster) -> None:
        """Index the cluster under every day of its window (only the days not indexed yet)."""
        if c.lo is None:
            return
        fams = frozenset(family(t) for t in c.types)
        lo, hi = c.lo.toordinal(), c.hi.toordinal()
        old_lo, old_hi, old_fams = self.indexed.get(c.id, (lo, lo - 1, fams))
        for f in fams:
            days = range(lo, hi + 1) if f not in old_fams else \
                [d for d in range(lo, hi + 1) if d < old_lo or d > old_hi]
            for day in days:
                self.blocks[(f, day)].add(c.id)
        self.indexed[c.id] = (min(lo, old_lo), max(hi, old_hi), fams | old_fams)

    def add(self, m: Mention) -> str:
        """Link one mention; returns its cluster id."""
        best, best_score = None, float(rules()["threshold"])
        win = m.window()
        if win is not None:
            cands: set[str] = set()
            fam = family(m.type)
            for day in range(win[0].toordinal(), win[1].toordinal() + 1):
                cands |= self.blocks.get((fam, day), set())
            for cid in sorted(cands):
                s = score(m, self.clusters[cid], best_score)
                if s is not None and s >= best_score and (best is None or s > best_score or cid < best):
                    best, best_score = cid, s
        if best is None:
            best = cluster_id(m.id)
            self.clusters[best] = Cluster(best)
        c = self.clusters[best]
        c.add(m)
        self._index(c)
        self.touched.add(best)
        return best

    def link(self, mentions: Iterable[Mention]) -> dict[str, str]:
        """Link mentions in date order (stable); returns {event id: cluster id}."""
        order = sorted(mentions, key=lambda m: (m.day or dt.date.max, m.article, m.id))
        return {m.id: self.add(m) for m in order}


# --- cluster summaries ---------------------------------------------------------------------
def _vote(values: Iterable[tuple[Any, str]]) -> Optional[dict]:
    """{value, values: {value: n articles}}: the value most articles support (ties: smallest)."""
    support: dict[Any, set[str]] = collections.defaultdict(set)
    for value, article in values:
        if value is not None and value != "":
            support[value].add(article)
    if not support:
        return None
    best = sorted(support, key=lambda v: (-len(support[v]), str(v)))[0]
    return {"value": best, "values": {str(v): len(a) for v, a in sorted(support.items(), key=lambda kv: str(kv[0]))},
            "agree": len(support) == 1}


def summarise(c: Cluster) -> EventCluster:
    """The cluster record: members, counts, first/last report, and the best value per field."""
    ms = c.members
    articles = {m.article for m in ms}
    outlets = {m.outlet or m.article for m in ms}
    pubs = [m.published for m in ms if m.published]
    days = [m.day for m in ms if m.day]
    summary: dict[str, Any] = {}
    for name, values in (
        ("type", [(m.type, m.article) for m in ms]),
        ("date", [(m.date.isoformat() if m.date else None, m.article) for m in ms]),
        ("place", [(m.place.label() if m.place else None, m.article) for m in ms]),
        ("source", [(a.label(), m.article) for m in ms for a in m.sources]),
        ("target", [(a.label(), m.article) for m in ms for a in m.targets]),
        ("modality", [(m.modality, m.article) for m in ms]),
        ("cameo", [(m.cameo, m.article) for m in ms]),
    ):
        if (v := _vote(values)) is not None:
            summary[name] = v
    kinds = sorted({q.get("kind") for m in ms for q in m.quantities if q.get("kind")})
    for kind in kinds:
        vals = [(_qty(q), m.article) for m in ms for q in m.quantities if q.get("kind") == kind]
        if (v := _vote(vals)) is not None:
            summary[kind] = v
    intens = [m.intensity for m in ms if m.intensity is not None]
    if intens:
        summary["intensity"] = round(sum(intens) / len(intens), 3)
    summary["evidence"] = [{"event": m.id, "text": m.text[:300]} for m in ms[:3]]
    best_type = summary["type"]["value"] if "type" in summary else ms[0].type
    best_place = next((m.place.label() for m in ms if m.place and summary.get("place", {}).get("value") == m.place.label()), None)
    return EventCluster(
        id=c.id, type=best_type, members=[m.id for m in ms], n_articles=len(articles), n_sources=len(outlets),
        first_seen=min(pubs) if pubs else None, last_seen=max(pubs) if pubs else None,
        start_date=min(days) if days else None,
        end_date=max((m.end_date or m.day) for m in ms if m.day) if days else None,
        place=best_place, summary=summary)


def _qty(q: dict):
    lo, hi = q.get("min"), q.get("max")
    if lo is None and hi is None:
        return None
    if lo is not None and hi is not None and lo != hi:
        return f"{_num(lo)}-{_num(hi)}"
    return _num(lo if lo is not None else hi)


def _num(x: float):
    return int(x) if float(x).is_integer() else x


def mentions_from_record(rec) -> list[Mention]:
    """The event mentions of one :class:`~dateline.model.Record` (for linking without a store)."""
    actors = {a.id: a for a in rec.actors}
    places = {p.id: p for p in rec.places}
    out = []
    for e in rec.events:
        p = places.get(e.place) if e.place else None
        place = PlaceKey(name=p.name or p.text, geonameid=p.geonameid, feature=p.feature, admin1=p.admin1,
                         country=p.country, lat=p.lat, lon=p.lon) if p else None
        text = rec.article.text[e.sentence.start:e.sentence.end]
        out.append(Mention(
            id=e.id, article=rec.article.id, type=e.type, modality=e.modality, date=e.time.start_date,
            end_date=e.time.end_date, granularity=e.time.granularity or "unknown", published=rec.article.published,
            outlet=rec.article.source,
            sources=[ActorKey(actors[i].country, actors[i].sector, actors[i].name) for i in e.sources if i in actors],
            targets=[ActorKey(actors[i].country, actors[i].sector, actors[i].name) for i in e.targets if i in actors],
            place=place, quantities=[q.model_dump() for q in e.quantities], text=text, intensity=e.intensity,
            cameo=e.cameo))
    return out
