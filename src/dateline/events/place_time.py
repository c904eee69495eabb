"""The place and time of an event: the place nearest the trigger under a locative preposition
(:func:`place_for`), the DATE/TIME reference attached to the trigger's clause (:func:`time_for`),
and a TimeML value read as a date range (:func:`dates_from_value`).
"""

from __future__ import annotations

import datetime as dt
import re

from .lexicon import Lexicon


def place_for(places, sent_start: int, sent_end: int, trigger, anchor, doc, lex: Lexicon):
    """The place in the sentence introduced by a locative preposition, nearest the trigger (one attached
    to the trigger's clause first), or a place naming the trigger noun ("the Idlib offensive"). Places
    with role "comparison" ("the size of Belgium") or "origin" (a demonym, "Russian") are skipped."""
    preps = lex.cue_set("place_preps")
    best, best_d = None, None
    for p in places:
        if not (sent_start <= p.start and p.end <= sent_end):
            continue
        if getattr(p, "role", None) in ("comparison", "origin"):
            continue
        span = doc.char_span(p.start, p.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        root = span.root
        cur, ok = root, False
        for _ in range(4):  # "in the city of Idlib", "in northern Hama province"
            if cur.dep_ == "pobj" and cur.head.lower_ in preps:
                ok = True
                break
            if cur.dep_ in ("compound", "amod", "poss", "appos", "pobj", "prep", "nmod", "conj") and cur.head is not cur:
                cur = cur.head
                continue
            break
        modifier = root.head is trigger and root.dep_ in ("compound", "amod", "nmod")
        if not ok and not modifier:
            continue
        in_trigger = modifier or anchor.is_ancestor(root) or trigger.is_ancestor(root)
        d = abs(p.start - trigger.idx) - (1000 if in_trigger else 0)
        if best_d is None or d < best_d:
            best, best_d = p, d
    return best


_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})")
_SEASON = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "AU": (9, 11), "WI": (12, 2)}


def _month_end(year: int, month: int) -> dt.date:
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def dates_from_value(value) -> tuple:
    """TimeML value -> (start_date, end_date, granularity)."""
    if not value:
        return None, None, "unknown"
    try:
        if m := _DAY.match(value):
            d = dt.date(int(m[1]), int(m[2]), int(m[3]))
            return d, d, "day"
        if m := _WEEK.match(value):
            d = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return d, d + dt.timedelta(days=6), "week"
        if m := _MONTH.match(value):
            y, mo = int(m[1]), int(m[2])
            return dt.date(y, mo, 1), _month_end(y, mo), "month"
        if len(value) == 7 and value[4] == "-" and value[5:] in _SEASON:
            y = int(value[:4])
            a, b = _SEASON[value[5:]]
            return dt.date(y, a, 1), _month_end(y + (b < a), b), "season"
        if m := _YEAR.match(value):
            y = int(m[1])
            return dt.date(y, 1, 1), dt.date(y, 12, 31), "year"
    except ValueError:
        pass
    return None, None, "unknown"


def time_for(times, sent_start: int, sent_end: int, trigger, anchor, doc):
    """The DATE/TIME reference in the sentence attached to the trigger's clause, else the nearest."""
    best, best_d = None, None
    for t in times:
        if not (sent_start <= t.start and t.end <= sent_end) or t.type not in ("DATE", "TIME"):
            continue
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        attached = span is not None and len(span) and (anchor.is_ancestor(span.root) or span.root.head in (anchor, trigger))
        d = abs(t.start - trigger.idx) - (1000 if attached else 0)
        if best_d is None or d < best_d:
            best, best_d = t, d
    return best
