"""A light, regex-only finder of day-level date references in a sentence.

It exists for corpus-scale work where a full parse of every article would cost
too much (timeline summaries over thousands of articles): "March 17", "17 March
2011", "Jan. 5", "2011-03-17", weekday names, "yesterday", "today", "last
night". Each reference is resolved against the publication date; a month and
day without a year take the year that puts them nearest the publication date.
Only day-level dates are returned; months, years and durations are skipped
because a timeline entry is a day.

The time stage gives richer ``record.times``; this module is the cheap path
when those are absent (see :func:`day_refs`).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Optional

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
# Words that shift the publication date by a fixed number of days.
RELATIVE = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1, "last night": -1,
            "this morning": 0, "this afternoon": 0, "this evening": 0, "earlier today": 0}

_MONTH_RE = (r"(?P<mon>January|February|March|April|May|June|July|August|September|October|November|December|"
             r"Jan\.?|Feb\.?|Mar\.|Apr\.?|Jun\.|Jul\.|Aug\.?|Sept\.?|Sep\.|Oct\.?|Nov\.?|Dec\.?)")
_YEAR_RE = r"(?:\s*,?\s*(?P<year>(?:19|20)\d\d)\b)?"
_PATTERNS = [
    re.compile(r"\b(?P<iso_y>(?:19|20)\d\d)-(?P<iso_m>[01]\d)-(?P<iso_d>[0-3]\d)\b"),
    re.compile(_MONTH_RE + r"\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b(?!\s*(?:%|per|,?\s*000))" + _YEAR_RE),
    re.compile(r"\b(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH_RE.replace("?P<mon>", "?P<mon>")
               + r"(?![a-z])" + _YEAR_RE),
    re.compile(r"\b(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"),
    re.compile(r"\b(?P<rel>[Yy]esterday|[Tt]oday|[Tt]onight|[Tt]omorrow|[Ll]ast night|[Tt]his morning|"
               r"[Tt]his afternoon|[Tt]his evening|[Ee]arlier today)\b"),
]
# "next Monday" points forward, "last Monday" back, a bare weekday to the most recent one.
_NEXT = re.compile(r"(?:next|coming|this coming)\s+$", re.IGNORECASE)
_LAST = re.compile(r"(?:last|previous|past)\s+$", re.IGNORECASE)


def _nearest_year(month: int, day: int, pub: dt.date) -> Optional[dt.date]:
    best = None
    for year in (pub.year - 1, pub.year, pub.year + 1):
        try:
            cand = dt.date(year, month, day)
        except ValueError:
            continue
        if best is None or _distance(cand, pub) < _distance(best, pub):
            best = cand
    return best


def _distance(cand: dt.date, pub: dt.date) -> int:
    # News mostly looks back: a date more than a week ahead counts double, so "11 April"
    # written in September is last April, not next.
    days = (cand - pub).days
    return days * 2 if days > 7 else abs(days)


def day_refs(sentence: str, published: Optional[dt.date]) -> list[tuple[dt.date, int, int]]:
    """Day-level dates referred to in ``sentence``: (date, start, end), in text order.

    Relative references ("Friday", "yesterday") need ``published``; without it only
    absolute dates with a year are returned.
    """
    out: list[tuple[dt.date, int, int]] = []
    taken: list[tuple[int, int]] = []
    for pat in _PATTERNS:
        for m in pat.finditer(sentence):
            span = m.span()
            if any(span[0] < e and s < span[1] for s, e in taken):
                continue
            date = _resolve(m, sentence, published)
            if date is not None:
                out.append((date, span[0], span[1]))
                taken.append(span)
    out.sort(key=lambda x: x[1])
    return out


def _resolve(m: re.Match, sentence: str, pub: Optional[dt.date]) -> Optional[dt.date]:
    groups = m.groupdict()
    try:
        if groups.get("iso_y"):
            return dt.date(int(groups["iso_y"]), int(groups["iso_m"]), int(groups["iso_d"]))
        if groups.get("mon"):
            month = MONTHS[groups["mon"].rstrip(".").lower()]
            day = int(groups["day"])
            if not 1 <= day <= 31:
                return None
            if groups.get("year"):
                return dt.date(int(groups["year"]), month, day)
            return _nearest_year(month, day, pub) if pub else None
    except ValueError:
        return None
    if pub is None:
        return None
    if groups.get("wd"):
        target = WEEKDAYS[groups["wd"].lower()]
        before = sentence[max(0, m.start() - 20):m.start()]
        delta = (pub.weekday() - target) % 7
        if _NEXT.search(before):
            return pub + dt.timedelta(days=(target - pub.weekday()) % 7 or 7)
        if _LAST.search(before):
            return pub - dt.timedelta(days=delta or 7)
        return pub - dt.timedelta(days=delta)
    if groups.get("rel"):
        return pub + dt.timedelta(days=RELATIVE[groups["rel"].lower()])
    return None
