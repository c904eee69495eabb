"""Topic timeline summaries: pick the important days, then the sentences that describe each day.

The method follows the DATEWISE family of news-tls (Ghalandari & Ifrim, 2020), written
anew for dateline and run over plain rows (no store, no model):

1. **Rank days.** A day scores by how many articles point to it from *later* days
   (a retrospective mention is the strongest sign that a day mattered), how many
   mention it at all, how many were published on it, and, when the caller passes them,
   how many independent sources reported events on it (from the event clusters).
2. **Collect candidates.** For each day, the sentences that name it, plus the opening
   sentences of articles published on it or the day after that name no other day.
3. **Choose sentences.** Keep the candidates close to the day's content (TF-IDF vectors;
   a knee point on the similarity curve cuts the tail), then greedily add the sentence
   that brings the summary closest to the centroid, skipping duplicates.

The numbers of days and sentences per day are parameters (the evaluation takes them
from the gold timeline, as news-tls does).
"""

from __future__ import annotations

import collections
import datetime as dt
from dataclasses import dataclass, field
from typing import Iterable, Optional, Sequence

import numpy as np
from scipy import sparse

from .tfidf import Tfidf

# Weights of the day-ranking signals; documented in docs/timelines.md.
RANK_WEIGHTS = {"docs_after": 2.0, "docs_mention": 1.0, "sents_mention": 0.25, "docs_published": 0.5,
                "sources": 1.0}
CLIP_SENTS = 5      # opening sentences of an article that stand for its publication day
PUB_DAYS = 2        # an article speaks for the day it was published and the day before
MAX_SIM = 0.9999    # a candidate this similar to a chosen sentence is a duplicate


@dataclass
class TimelineSentence:
    """One sentence of the collection with what the summariser needs to know about it."""

    text: str
    published: Optional[dt.date]
    article: str
    position: int = 0
    dates: list[dt.date] = field(default_factory=list)
    ref: Optional[str] = None   # caller's id (sentence id, evidence), returned unchanged


@dataclass
class TimelineDay:
    date: dt.date
    score: float
    sentences: list[TimelineSentence]
    signals: dict[str, float]


def rank_days(sents: Sequence[TimelineSentence], start: Optional[dt.date] = None, end: Optional[dt.date] = None,
              sources_per_day: Optional[dict[dt.date, float]] = None,
              weights: Optional[dict[str, float]] = None) -> list[tuple[dt.date, float, dict[str, float]]]:
    """Days in [start, end], best first, with their score and the signals behind it."""
    w = {**RANK_WEIGHTS, **(weights or {})}
    stats: dict[dt.date, collections.Counter] = collections.defaultdict(collections.Counter)
    seen_docs: set[tuple[str, dt.date]] = set()
    published: dict[str, Optional[dt.date]] = {}
    for s in sents:
        published[s.article] = s.published
        for d in dict.fromkeys(s.dates):
            st = stats[d]
            st["sents_mention"] += 1
            if (s.article, d) not in seen_docs:
                seen_docs.add((s.article, d))
                st["docs_mention"] += 1
                if s.published is not None and s.published > d:
                    st["docs_after"] += 1
    for pub in published.values():
        if pub is not None:
            stats[pub]["docs_published"] += 1
    for d, n in (sources_per_day or {}).items():
        stats[d]["sources"] += n
    ranked = []
    for d, st in stats.items():
        if (start and d < start) or (end and d > end):
            continue
        score = sum(w.get(k, 0.0) * v for k, v in st.items())
        ranked.append((d, score, dict(st)))
    ranked.sort(key=lambda x: (-x[1], x[0]))
    return ranked


def summarise(sents: Sequence[TimelineSentence], n_dates: int = 10, n_sents: int = 1,
              start: Optional[dt.date] = None, end: Optional[dt.date] = None,
              keywords: Iterable[str] = (), sources_per_day: Optional[dict[dt.date, float]] = None,
              weights: Optional[dict[str, float]] = None) -> list[TimelineDay]:
    """The timeline: up to ``n_dates`` days in date order, each with up to ``n_sents`` sentences.

    ``keywords``: a summary sentence must contain one of them (lower-case substring), as a
    query would; empty means no filter. Only articles published in [start, end] are read.
    """
    pool = [s for s in sents if s.text.strip()
            and not (start and s.published and s.published < start)
            and not (end and s.published and s.published > end)]
    if not pool or n_dates <= 0 or n_sents <= 0:
        return []
    vec = Tfidf()
    X = vec.fit_transform([s.text for s in pool])
    by_ment: dict[dt.date, list[int]] = collections.defaultdict(list)
    by_pub: dict[dt.date, list[int]] = collections.defaultdict(list)
    for i, s in enumerate(pool):
        if s.dates:
            for d in dict.fromkeys(s.dates):
                by_ment[d].append(i)
        elif s.position < CLIP_SENTS and s.published is not None:
            for k in range(PUB_DAYS):
                by_pub[s.published - dt.timedelta(days=k)].append(i)
    kws = [k.lower() for k in keywords if k.strip()]

    def allowed(i: int) -> bool:
        return not kws or any(k in pool[i].text.lower() for k in kws)

    out: list[TimelineDay] = []
    for d, score, signals in rank_days(pool, start, end, sources_per_day, weights):
        if len(out) >= n_dates:
            break
        cands = _candidates(by_ment.get(d, []), by_pub.get(d, []), X)
        chosen = _centroid_opt(cands, X, n_sents, allowed)
        if chosen:
            out.append(TimelineDay(d, round(score, 3), [pool[i] for i in chosen], signals))
    out.sort(key=lambda day: day.date)
    return out


def _candidates(ment: list[int], pub: list[int], X: sparse.csr_matrix) -> list[int]:
    """The day's sentences close to its content: words shared by mention and publication sentences."""
    if ment and pub:
        c_ment = np.asarray(X[ment].sum(axis=0)).ravel()
        c_pub = np.asarray(X[pub].sum(axis=0)).ravel()
        both = (c_ment > 0) & (c_pub > 0)
        centre = np.where(both, c_ment / len(ment) + c_pub / len(pub), 0.0)
        norm = np.linalg.norm(centre)
        if norm == 0:
            return ment + pub
        idx = ment + pub
        sims = np.asarray(X[idx] @ (centre / norm)).ravel()
        thresh = knee_value(np.sort(sims)[::-1])
        keep = [i for i, sim in zip(idx, sims) if sim > 0 and sim > thresh]
        return keep or idx
    return ment or pub


def knee_value(values: np.ndarray) -> float:
    """The value at the knee of a descending curve: the point farthest from the first-to-last line."""
    n = len(values)
    if n < 3:
        return float(values[-1]) if n else 0.0
    coords = np.column_stack([np.arange(n), values])
    line = coords[-1] - coords[0]
    norm = np.linalg.norm(line)
    if norm == 0:
        return float(values[0])
    line = line / norm
    rel = coords - coords[0]
    proj = np.outer(rel @ line, line)
    dist = np.linalg.norm(rel - proj, axis=1)
    return float(values[int(np.argmax(dist))])


def _centroid_opt(cands: list[int], X: sparse.csr_matrix, k: int, allowed) -> list[int]:
    """Greedily add the sentence that brings the summary vector closest to the candidates' centroid."""
    cands = list(dict.fromkeys(cands))
    if not cands:
        return []
    M = X[cands]
    centroid = np.asarray(M.sum(axis=0)).ravel()
    cnorm = np.linalg.norm(centroid)
    if cnorm == 0:
        return []
    centroid /= cnorm
    dots = np.asarray(M @ centroid).ravel()          # x_i . c
    gram = None if len(cands) > 1500 else (M @ M.T).toarray()
    remaining = set(range(len(cands)))
    selected: list[int] = []
    summ_dot, summ_sq = 0.0, 0.0
    summ = np.zeros(M.shape[1])
    while remaining and len(selected) < k:
        idx = np.array(sorted(remaining))
        if selected:
            cross = (np.asarray(M[idx] @ summ).ravel())
            scores = (summ_dot + dots[idx]) / np.sqrt(np.maximum(summ_sq + 2 * cross + 1.0, 1e-12))
        else:
            scores = dots[idx]
        for j in idx[np.argsort(-scores, kind="stable")]:
            remaining.discard(int(j))
            if not allowed(cands[j]):
                continue
            if selected and _max_sim(j, selected, M, gram) > MAX_SIM:
                continue
            selected.append(int(j))
            row = np.asarray(M[j].todense()).ravel()
            summ += row
            summ_dot = float(summ @ centroid)
            summ_sq = float(summ @ summ)
            break
    return [cands[j] for j in selected]


def _max_sim(j: int, selected: list[int], M: sparse.csr_matrix, gram) -> float:
    if gram is not None:
        return float(max(gram[j, s] for s in selected))
    return float(np.asarray((M[selected] @ M[j].T).todense()).max())


__all__ = ["TimelineSentence", "TimelineDay", "rank_days", "summarise", "knee_value"]
