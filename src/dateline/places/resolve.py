"""Toponym resolution with the article as context.

Each toponym gets candidates from the gazetteer; a candidate's score adds
- how the name matched (its own name, an alias, a short form),
- a prior from the feature type and the population,
- the kind of area the text names ("Idlib Province" wants an admin1, "Laurel County" an admin2),
- the article's focus: the countries and admin1 areas the other toponyms most likely lie in,
- an explicit container ("Corbin, Ky.", "Damascus, Maryland").
Resolution runs twice: the first pass gives the focus, the second uses it (leaving each toponym's own
vote out). The reason of each place says which of these decided.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Optional

from .gazetteer import Entry, Gazetteer
from .names import fold, strip_admin_word

# Weights, set on the development split (LGL documents with an even index); see docs/places.md.
KIND_SCORE = (0.0, -0.6, -2.0)
FEATURE_PRIOR = {"country": 2.5, "admin1": 1.5, "region": 2.0, "admin2": -0.5, "city": 0.0, "other": -1.0}
POP_WEIGHT = 0.5
HINT_MATCH, HINT_MISMATCH = 3.0, -3.0
COUNTRY_FOCUS, ADMIN1_FOCUS = 3.0, 3.0
CONTAINER_BONUS = 10.0
AREA_CAP = 4.0
ROUNDS = 2
ADMIN1_SUPPORT, ADMIN2_SUPPORT, SUPPORT_CAP = 0.75, 1.0, 4.0
CAPITAL_PRIOR = 2.0
CAPITAL_SHARE = 1.0  # a city that shares its name with its own admin1 wins a bare mention of the name

# The admin word a text uses -> the features it can name.
HINT_FEATURES = {
    "county": ("admin2",), "parish": ("admin2",), "borough": ("admin2", "city"), "township": ("admin2", "city"),
    "district": ("admin2", "admin1"), "raion": ("admin2",), "rayon": ("admin2",),
    "province": ("admin1", "admin2"), "governorate": ("admin1",), "state": ("admin1",), "oblast": ("admin1",),
    "region": ("admin1", "region", "admin2"), "prefecture": ("admin1", "admin2"), "department": ("admin1", "admin2"),
    "municipality": ("admin2", "city"), "canton": ("admin1", "admin2"), "krai": ("admin1",),
    "emirate": ("admin1",), "territory": ("admin1", "region"), "division": ("admin1", "admin2"),
    "wilaya": ("admin1",), "muhafazah": ("admin1",), "city": ("city",),
}


@dataclass
class Toponym:
    """A name in the text to resolve. ``fixed`` candidates come from a table (demonym, state abbreviation)."""

    start: int
    end: int
    text: str
    fixed: list[Entry] = field(default_factory=list)
    fixed_reason: str = ""
    container: Optional[int] = None  # index of the toponym that names the area this one lies in
    hint: Optional[str] = None       # admin word written next to the name ("province")
    written: Optional[str] = None    # the text of start:end when it is more than the name ("the city of X")
    container_by_of: bool = False    # the container follows "of" after an admin word ("the X district of Y")


@dataclass
class Resolution:
    entry: Optional[Entry]
    score: float
    reason: str


def candidates(gaz: Gazetteer, top: Toponym) -> tuple[list[Entry], Optional[str]]:
    if top.fixed:
        return list(top.fixed), top.hint
    key = fold(top.text)
    if key.endswith(" s") and top.text.endswith(("'s", "’s")):
        key = key[:-2]
    hint = top.hint
    found = list(gaz.lookup(key)) if key else []
    bare, word = strip_admin_word(key)
    direct = any(e.kind <= 1 for e in found)
    if word is not None:
        hint = hint or word
        if bare != key and not direct:
            have = {e.gid for e in found}
            found += [e for e in gaz.lookup(bare) if e.gid not in have]
    elif key.endswith(" city") and len(key) > 5 and not direct:
        hint = hint or "city"
        found += list(gaz.lookup(key[:-5]))
    return found, hint


def _prior(e: Entry, hint: Optional[str]) -> float:
    score = KIND_SCORE[min(e.kind, 2)] + FEATURE_PRIOR.get(e.feature, 0.0) + POP_WEIGHT * math.log10(e.pop + 10)
    score += CAPITAL_PRIOR * e.capital * (e.kind == 0)  # national capitals are named far more than their size suggests
    if hint is not None:
        allowed = HINT_FEATURES.get(hint, ())
        score += HINT_MATCH if e.feature in allowed else HINT_MISMATCH
    if e.lat is None:
        score -= 1.0
    return score


def _softmax(scores: list[float]) -> list[float]:
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    total = sum(exps)
    return [x / total for x in exps]


def _contains(container: Entry, e: Entry) -> bool:
    if container.feature == "country":
        return e.cc is not None and e.cc == container.cc and e.gid != container.gid
    if container.feature == "admin1":
        return e.admin1_gid == container.gid and e.gid != container.gid
    if container.feature == "admin2":
        return e.admin2 is not None and e.admin2 == container.name and e.cc == container.cc
    return False


contains = _contains  # public name: the places stage links "Town, Country" pairs with it


def resolve(gaz: Gazetteer, toponyms: list[Toponym]) -> list[Resolution]:
    """Resolve every toponym of one article; the result lists one Resolution per toponym, in order."""
    cands: list[list[Entry]] = []
    priors: list[list[float]] = []
    for top in toponyms:
        found, hint = candidates(gaz, top)
        cands.append(found)
        priors.append([_prior(e, hint) + (_capital_bonus(e, found) if hint is None else 0.0) for e in found])
    seen_names: dict[str, int] = {}
    for i, top in enumerate(toponyms):
        seen_names.setdefault(fold(top.text), i)
    n_names = max(len(seen_names), 1)
    # Which admin1 areas and counties each distinct name could lie in: places named together tend to be
    # near each other ("Paris and Henry County" -> Paris, Tennessee), even when each name alone is ambiguous.
    areas = _Areas(cands, seen_names.values())
    is_container = {t.container for t in toponyms if t.container is not None}
    order = sorted(range(len(toponyms)), key=lambda i: (i not in is_container, i))

    # Round 0 takes the focus from the priors; each later round from the previous round's choices.
    dists = [_softmax(p) if p else [] for p in priors]
    scored: dict[int, list[tuple[float, float, float, float]]] = {}
    for _ in range(ROUNDS):
        votes_c, votes_a = _votes(cands, dists)
        total_c: dict[str, float] = {}
        total_a: dict[int, float] = {}
        for j in seen_names.values():
            for k, v in votes_c[j].items():
                total_c[k] = total_c.get(k, 0.0) + v
            for k, v in votes_a[j].items():
                total_a[k] = total_a.get(k, 0.0) + v
        scored = {}
        for i in order:
            found = cands[i]
            if not found:
                continue
            # The first mention of a name leaves its own vote out; later mentions count it (measured better on
            # the development split than leaving it out everywhere).
            own = seen_names[fold(toponyms[i].text)] == i
            others = max(n_names - 1, 1) if own else n_names
            c = toponyms[i].container
            container = cands[c][_argmax(scored[c])] if c is not None and c in scored else None
            rows = []
            for e, p in zip(found, priors[i]):
                fc = (total_c.get(e.cc, 0.0) - (votes_c[i].get(e.cc, 0.0) if own else 0.0)) / others if e.cc else 0.0
                a1 = e.gid if e.feature == "admin1" else e.admin1_gid
                fa = (total_a.get(a1, 0.0) - (votes_a[i].get(a1, 0.0) if own else 0.0)) / others if a1 else 0.0
                # Capped: a list of fifty states must not turn "California" into a town in one of them.
                area = min(ADMIN1_FOCUS * fa + areas.support(e, i), AREA_CAP)
                cbonus = CONTAINER_BONUS if container is not None and _contains(container, e) else 0.0
                rows.append((p + COUNTRY_FOCUS * fc + area + cbonus, fc, area, cbonus))
            scored[i] = rows
        dists = [_softmax([r[0] for r in scored[i]]) if i in scored else [] for i in range(len(toponyms))]

    # The article's main country: the one most of its names most likely lie in.
    final_c, _ = _votes(cands, dists)
    share: dict[str, float] = {}
    for j in seen_names.values():
        for k, v in final_c[j].items():
            share[k] = share.get(k, 0.0) + v / n_names
    main = max(share, key=share.get) if share else None
    # One sense per article: a name placed by a container ("Damascus, Maryland") keeps that sense elsewhere.
    by_container: dict[str, int] = {}
    for i in scored:
        k = _argmax(scored[i])
        if scored[i][k][3]:
            by_container.setdefault(fold(toponyms[i].text), cands[i][k].gid)
    out: list[Resolution] = []
    for i, top in enumerate(toponyms):
        if i not in scored:
            out.append(Resolution(None, 0.0, "no gazetteer entry for this name; kept without coordinates"))
            continue
        k = _argmax(scored[i])
        gid = by_container.get(fold(top.text))
        same = next((n for n, e in enumerate(cands[i]) if e.gid == gid), None) if gid is not None else None
        if same is not None and not scored[i][k][3] and same != k:
            k = same
            scored[i][k] = scored[i][k][:3] + (CONTAINER_BONUS,)  # the reason then names the container
        s, fc, area, cbonus = scored[i][k]
        e = cands[i][k]
        score = _confidence(cands[i], dists[i][k])
        reason = _reason(top, e, len(cands[i]), fc, area, cbonus)
        if (main and e.cc and e.cc != main and share[main] >= 0.5 and len(cands[i]) > 1
                and any(c.cc == main for c in cands[i])):
            # A same-name place exists in the article's main country: say so, and lower the score.
            score = round(score * 0.5, 3)
            reason += f"; outside the article's main country ({main}), where a place of this name also exists"
        out.append(Resolution(e, score, reason))
    return out


def _argmax(rows: list[tuple]) -> int:
    return max(range(len(rows)), key=lambda k: rows[k][0])


def _votes(cands: list[list[Entry]], dists: list[list[float]]):
    """Per toponym: the probability mass it puts on each country and each admin1 area."""
    votes_c: list[dict[str, float]] = []
    votes_a: list[dict[int, float]] = []
    for found, dist in zip(cands, dists):
        vc: dict[str, float] = {}
        va: dict[int, float] = {}
        for e, p in zip(found, dist):
            if e.cc:
                vc[e.cc] = vc.get(e.cc, 0.0) + p
            a1 = e.gid if e.feature == "admin1" else e.admin1_gid
            if a1:
                va[a1] = va.get(a1, 0.0) + p
        votes_c.append(vc)
        votes_a.append(va)
    return votes_c, votes_a


class _Areas:
    """For each admin1 area and county: how many of the article's distinct names could lie in it.

    Sums are kept over all names once, so a candidate's support costs O(1) (long texts stay linear).
    """

    def __init__(self, cands: list[list[Entry]], names) -> None:
        self.a1_weight: dict[int, float] = {}
        self.a2_count: dict[tuple[str, int], int] = {}
        self.own: dict[int, tuple[dict[int, float], set[tuple[str, int]]]] = {}
        for j in names:
            a1s = {e.gid if e.feature == "admin1" else e.admin1_gid for e in cands[j]} - {None}
            a2s = {(e.name if e.feature == "admin2" else e.admin2, e.admin1_gid) for e in cands[j]
                   if e.feature == "admin2" or e.admin2}
            w = 1.0 / math.sqrt(len(a1s)) if a1s else 0.0
            own_a1 = {a: w for a in a1s}
            for a in a1s:
                self.a1_weight[a] = self.a1_weight.get(a, 0.0) + w
            for a in a2s:
                self.a2_count[a] = self.a2_count.get(a, 0) + 1
            self.own[j] = (own_a1, a2s)

    def support(self, e: Entry, i: int) -> float:
        """Evidence from the other names that could lie in the same admin1 area or county as ``e``."""
        own_a1, own_a2 = self.own.get(i, ({}, set()))
        a1 = e.gid if e.feature == "admin1" else e.admin1_gid
        total = 0.0
        if a1 is not None:
            total += ADMIN1_SUPPORT * (self.a1_weight.get(a1, 0.0) - own_a1.get(a1, 0.0))
        a2 = (e.name if e.feature == "admin2" else e.admin2, e.admin1_gid)
        if a2[0]:
            # a shared county is rarely a coincidence, however ambiguous the names
            total += ADMIN2_SUPPORT * (self.a2_count.get(a2, 0) - (1 if a2 in own_a2 else 0))
        return min(total, SUPPORT_CAP)


def _capital_bonus(e: Entry, found: list[Entry]) -> float:
    """A bare "Idlib" is the city when a city of that name is the seat of the same-named admin1."""
    if e.feature != "city" or e.kind > 1:
        return 0.0
    for other in found:
        if other.feature == "admin1" and other.gid == e.admin1_gid and other.kind >= e.kind:
            return CAPITAL_SHARE + FEATURE_PRIOR["admin1"] + POP_WEIGHT * max(0.0, math.log10((other.pop + 10) / (e.pop + 10)))
    return 0.0


def _confidence(found: list[Entry], prob: float) -> float:
    """A 0..1 score: the chosen place's share among the places of the same name (0.9 for a unique name)."""
    if len(found) == 1:
        return 0.9
    return round(min(0.95, max(0.05, prob)), 3)


def _reason(top: Toponym, e: Entry, n: int, fc: float, fa: float, cbonus: float) -> str:
    parts = [top.fixed_reason] if top.fixed_reason else []
    parts.append(f"{e.feature} '{e.name}'" + (f" in {e.admin1}" if e.admin1 and e.feature != "admin1" else "")
                 + (f", {e.country}" if e.country else ""))
    if n > 1:
        why = []
        if cbonus:
            why.append("named container")
        if fc >= 0.3:
            why.append("article's country focus")
        if fa >= 0.3:
            why.append("article's admin1 focus")
        if not why:
            why.append("feature type and population")
        parts.append(f"chosen among {n} same-name places by " + " and ".join(why))
    if e.coord == "cities":
        parts.append("point: mean of its cities (no GeoNames point packaged)")
    elif e.coord == "parent":
        parts.append("point: that of the area containing it")
    elif e.coord == "csc":
        parts.append("point: countrystatecity centroid")
    elif e.coord and e.coord.startswith("table:"):
        parts.append(f"point from {e.coord[6:]}")
    return "; ".join(parts)
