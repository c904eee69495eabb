"""Rules for named periods: months, weekdays, seasons, years, decades, centuries, quarters.

Without a year, the year comes from "last/next/this", from a year given earlier in the
sentence, or from the tense of the governing verb (past: on or before the publication
date; future: on or after it).
"""

from __future__ import annotations

import datetime as dt
from typing import Optional

from . import calendar as cal
from .span import REJECT, Context, Item, Resolved, Span, TenseFn, need_dct, unit_of
from .tense import CONDITIONAL, FUTURE, PAST, PRESENT


def r_decade(sp: Span, ctx: Context, tense: TenseFn) -> Optional[Resolved]:
    if "d" in sp.first:
        v = sp.val("d")
        return Resolved("DATE", v, sp.mod(), "none", 0.9, f"decade {v}0s")
    if "o" in sp.first and "U" in sp.first:
        unit, plural = unit_of(sp.val("U"))
        n = sp.val("o")
        if unit == "CE" and not plural:
            v = f"{n - 1:02d}"
            return Resolved("DATE", v, sp.mod(), "none", 0.9, f"the {n}th century is TimeML {v}")
        if unit in ("Q", "HALF") and not plural:
            limit = 4 if unit == "Q" else 2
            if not 1 <= n <= limit:
                return REJECT
            letter = "Q" if unit == "Q" else "H"
            year, how, anchor = _year_for_part(sp, ctx, tense, n, unit)
            return Resolved("DATE", f"{year}-{letter}{n}", sp.mod(), anchor, 0.85,
                            f"{letter}{n} of {year} ({how})")
        if unit == "D" and not plural:
            return Resolved("DATE", "XXXX-XX-XX", None, "none", 0.4, "an ordinal day of an unnamed period")
        return REJECT
    return None


def _year_for_part(sp: Span, ctx: Context, tense: TenseFn, n: int, unit: str) -> tuple[int, str, str]:
    if "Y" in sp.first:
        return sp.val("Y"), "year given", "none"
    d = need_dct(ctx)
    rel = sp.rel()
    if rel is not None and rel.cls == "L":
        return d.year - 1, "last year", "dct"
    if rel is not None and rel.cls == "X":
        return d.year + 1, "next year", "dct"
    current = (d.month - 1) // (3 if unit == "Q" else 6) + 1
    t = tense()
    if t.label == PAST and n > current:
        return d.year - 1, t.describe() + ", not yet reached this year", "dct"
    return d.year, "year of the publication date", "dct"


def _month_year(ctx: Context, month: int, day: Optional[int], rel: Optional[Item],
                tense: TenseFn) -> tuple[int, str, str, float]:
    """Year of a month (and day) written without one: (year, how, anchor, score)."""
    prev = ctx.previous
    if rel is None and prev is not None and prev.explicit_year and prev.sent_start == ctx.sent_start:
        return prev.start.year, f"year of {prev.value}, given earlier in the sentence", "previous", 0.85
    d = need_dct(ctx)
    key, dkey = (month, day or 0), (d.month, d.day if day else 0)
    if rel is not None:
        word = rel.tok.lower_
        if rel.cls == "L":
            return (d.year if key < dkey else d.year - 1), f"{word!r}: the last one before the publication date", "dct", 0.9
        if rel.cls == "X":
            return (d.year if key > dkey else d.year + 1), f"{word!r}: the next one after the publication date", "dct", 0.9
        return d.year, f"{word!r}: the publication year", "dct", 0.9
    t = tense()
    if t.label == PAST:
        return (d.year if key <= dkey else d.year - 1), t.describe() + ": on or before the publication date", "dct", 0.85
    if t.label in (FUTURE, PRESENT, CONDITIONAL):
        return (d.year if key >= dkey else d.year + 1), t.describe() + ": on or after the publication date", "dct", 0.85
    return d.year, "no tense: the publication year", "dct", 0.7


def r_month(sp: Span, ctx: Context, tense: TenseFn) -> Optional[Resolved]:
    month_cls = "M" if "M" in sp.first else ("m" if "m" in sp.first else None)
    if month_cls is None:
        return None
    month = sp.val(month_cls)
    day = None
    for it in sp.items:
        if it.cls in "no" and isinstance(it.val, int):
            day = it.val
            break
    if month_cls == "m" and day is None and "Y" not in sp.first:
        return REJECT  # "Jan" alone is as likely a name
    if "Y" in sp.first:
        year, how, anchor, score = sp.val("Y"), "year given", "none", 0.95
    else:
        year, how, anchor, score = _month_year(ctx, month, day, sp.rel(), tense)
    if day is not None:
        try:
            value = dt.date(year, month, day).isoformat()
        except ValueError:
            return REJECT
        return Resolved("DATE", value, sp.mod(), anchor, score, f"day {day} of month {month}, {year} ({how})")
    value = f"{year:04d}-{month:02d}"
    return Resolved("DATE", value, sp.mod(), anchor, score, f"month {month} of {year} ({how})")


def weekday_date(d: dt.date, wd: int, direction: str) -> dt.date:
    today = d.isoweekday()
    if direction == "last":
        return d - dt.timedelta(days=(today - wd) % 7 or 7)
    if direction == "next":
        return d + dt.timedelta(days=(wd - today) % 7 or 7)
    if direction == "this":
        return d + dt.timedelta(days=wd - today)
    if direction == "after":
        return d + dt.timedelta(days=(wd - today) % 7)
    return d - dt.timedelta(days=(today - wd) % 7)


def r_weekday(sp: Span, ctx: Context, tense: TenseFn) -> Optional[Resolved]:
    if "W" not in sp.first:
        return None
    wd = sp.val("W")
    d = need_dct(ctx)
    rel = sp.rel()
    name = sp.first["W"].tok.text
    if rel is not None:
        direction = {"L": "last", "X": "next", "H": "this"}[rel.cls]
        how, score = f"{rel.tok.lower_!r} {name}", 0.9
    else:
        t = tense()
        if t.label in (FUTURE, PRESENT, CONDITIONAL):
            direction, how, score = "after", t.describe() + ": on or after the publication date", 0.85
        elif t.label == PAST:
            direction, how, score = "before", t.describe() + ": on or before the publication date", 0.85
        else:
            direction, how, score = "before", "no tense: news reports what has happened, on or before the publication date", 0.7
    day = weekday_date(d, wd, direction)
    pod = sp.val("P")
    if pod:
        return Resolved("TIME", f"{day.isoformat()}T{pod}", None, "dct", score, f"{name} {pod}, {how}")
    return Resolved("DATE", day.isoformat(), None, "dct", score, f"{name}: {how}")


def r_season(sp: Span, ctx: Context, tense: TenseFn) -> Optional[Resolved]:
    if "S" not in sp.first:
        return None
    s = sp.val("S")
    if "Y" in sp.first:
        return Resolved("DATE", f"{sp.val('Y')}-{s}", sp.mod(), "none", 0.95, f"season {s} of {sp.val('Y')}")
    d = need_dct(ctx)
    cy, cs = cal.season_of(d)
    current = cal.season_key(cy, cs)
    candidates = [(y, cal.season_key(y, s)) for y in (d.year - 2, d.year - 1, d.year, d.year + 1)]
    rel = sp.rel()
    prev = ctx.previous
    if rel is None and prev is not None and prev.explicit_year and prev.sent_start == ctx.sent_start:
        year = prev.start.year  # "in the autumn of 2017 and through the winter": that winter
        return Resolved("DATE", f"{year}-{s}", sp.mod(), "previous", 0.8,
                        f"season {s} of {year}, the year given earlier in the sentence ({prev.value})")
    if rel is not None and rel.cls == "L":
        year = max(y for y, k in candidates if k < current)
        how, anchor, score = f"{rel.tok.lower_!r}: the last one before the publication date", "dct", 0.9
    elif rel is not None and rel.cls == "X":
        year = min(y for y, k in candidates if k > current)
        how, anchor, score = f"{rel.tok.lower_!r}: the next one after the publication date", "dct", 0.9
    elif rel is not None:
        year = cy if cs == s else d.year
        how, anchor, score = f"{rel.tok.lower_!r}: the publication year", "dct", 0.9
    else:
        t = tense()
        if t.label == PAST:
            year = max(y for y, k in candidates if k <= current)
            how, score = t.describe() + ": on or before the publication date", 0.8
        elif t.label in (FUTURE, PRESENT, CONDITIONAL):
            year = min(y for y, k in candidates if k >= current)
            how, score = t.describe() + ": on or after the publication date", 0.8
        else:
            year, how, score = d.year, "no tense: the publication year", 0.6
        anchor = "dct"
    return Resolved("DATE", f"{year}-{s}", sp.mod(), anchor, score, f"season {s} of {year} ({how})")


def r_year(sp: Span, ctx: Context, tense: TenseFn) -> Optional[Resolved]:
    if "Y" not in sp.first:
        return None
    y = sp.val("Y")
    return Resolved("DATE", f"{y:04d}", sp.mod(), "none", 0.95, f"year {y}")


def r_year_continuation(sp: Span, ctx: Context, tense: TenseFn) -> Optional[Resolved]:
    """"1957 and 58": a two-digit number joined to a year is a year of the same century."""
    if sp.codes not in ("n", "N", "qn", "qN"):
        return None
    tok = sp.items[-1].tok
    v = sp.items[-1].val
    if not isinstance(v, int) or not 0 <= v <= 99 or len(tok.text) != 2:
        return REJECT
    doc = tok.doc
    j = sp.items[0].tok.i - 1
    if j >= 1 and doc[j].lower_ in ("and", "or", "-", "–", "to", "through") and doc[j - 1].text.isascii() and doc[j - 1].text.isdigit() \
            and len(doc[j - 1].text) == 4:
        century = int(doc[j - 1].text) // 100
        year = century * 100 + v
        return Resolved("DATE", f"{year:04d}", None, "none", 0.8, f"'{tok.text}' continues the year {doc[j - 1].text}")
    return REJECT
