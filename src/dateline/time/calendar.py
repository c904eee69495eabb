"""Calendar arithmetic and TimeML values <-> date intervals.

``bounds(value, mod, dct)`` turns a TimeML value into (start_date, end_date,
granularity) so that later stages (events) can copy an interval without knowing
TimeML. Granularities: day | week | month | quarter | season | year | decade |
century | unknown.
"""

from __future__ import annotations

import calendar as _cal
import datetime as dt
import re
from typing import Optional

SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
SEASON_ORDER = ("SP", "SU", "FA", "WI")

DAY_VALUE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T.*)?$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})(-WE)?$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
_QUARTER = re.compile(r"^(\d{4})-(Q[1-4]|H[12])$")
_YEAR = re.compile(r"^(\d{4})$")
_DECADE = re.compile(r"^(\d{3})$")
_CENTURY = re.compile(r"^(\d{2})$")


def add_months(d: dt.date, n: int) -> dt.date:
    y, m = divmod(d.month - 1 + n, 12)
    year = d.year + y
    month = m + 1
    return dt.date(year, month, min(d.day, _cal.monthrange(year, month)[1]))


def add_years(d: dt.date, n: int) -> dt.date:
    year = d.year + n
    return dt.date(year, d.month, min(d.day, _cal.monthrange(year, d.month)[1]))


def shift(d: dt.date, n: int, unit: str) -> dt.date:
    """``d`` moved by ``n`` units (D, W, WE, FN, M, Q, HALF, Y, DE, CE)."""
    if unit == "D":
        return d + dt.timedelta(days=n)
    if unit in ("W", "WE"):
        return d + dt.timedelta(weeks=n)
    if unit == "FN":
        return d + dt.timedelta(weeks=2 * n)
    if unit == "M":
        return add_months(d, n)
    if unit == "Q":
        return add_months(d, 3 * n)
    if unit == "HALF":
        return add_months(d, 6 * n)
    if unit == "Y":
        return add_years(d, n)
    if unit == "DE":
        return add_years(d, 10 * n)
    if unit == "CE":
        return add_years(d, 100 * n)
    return d


def week_value(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def value_at(d: dt.date, unit: str) -> Optional[str]:
    """The TimeML value of the ``unit``-long period that contains ``d``."""
    if unit in ("D", "H", "MIN", "S"):
        return d.isoformat()
    if unit == "W" or unit == "FN":
        return week_value(d)
    if unit == "WE":
        return week_value(d) + "-WE"
    if unit == "M":
        return f"{d.year:04d}-{d.month:02d}"
    if unit == "Q":
        return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
    if unit == "HALF":
        return f"{d.year:04d}-H{(d.month - 1) // 6 + 1}"
    if unit == "Y":
        return f"{d.year:04d}"
    if unit == "DE":
        return f"{d.year // 10:03d}"
    if unit == "CE":
        return f"{d.year // 100:02d}"
    return None


def season_of(d: dt.date) -> tuple[int, str]:
    """(year, season) containing ``d``; January and February belong to the previous year's winter."""
    m = d.month
    if m in (12, 1, 2):
        return (d.year if m == 12 else d.year - 1), "WI"
    return d.year, SEASON_ORDER[(m - 3) // 3]


def season_key(year: int, season: str) -> int:
    return year * 4 + SEASON_ORDER.index(season)


def _month_end(y: int, m: int) -> dt.date:
    return dt.date(y, m, _cal.monthrange(y, m)[1])


def _narrow(start: dt.date, end: dt.date, mod: Optional[str]) -> tuple[dt.date, dt.date]:
    """START / MID / END keep the first, middle or last third of the interval."""
    if mod not in ("START", "MID", "END"):
        return start, end
    days = (end - start).days + 1
    if days < 3:
        return start, end
    third = days // 3
    if mod == "START":
        return start, start + dt.timedelta(days=third - 1)
    if mod == "END":
        return end - dt.timedelta(days=third - 1), end
    return start + dt.timedelta(days=third), end - dt.timedelta(days=third)


def bounds(value: Optional[str], mod: Optional[str] = None,
           dct: Optional[dt.date] = None) -> tuple[Optional[dt.date], Optional[dt.date], Optional[str]]:
    """(start_date, end_date, granularity) of a TimeML DATE/TIME value; Nones when it has no fixed place."""
    if not value:
        return None, None, None
    try:
        return _bounds(value, mod, dct)
    except (ValueError, OverflowError):  # no real day (2018-02-30, past year 9999): keep it, without an interval
        return None, None, None


def _bounds(value: str, mod: Optional[str], dct: Optional[dt.date]):
    m = DAY_VALUE.match(value)
    if m:
        d = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        return d, d, "day"
    m = _WEEK.match(value)
    if m:
        monday = dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
        if m.group(3):
            return monday + dt.timedelta(days=5), monday + dt.timedelta(days=6), "week"
        return (*_narrow(monday, monday + dt.timedelta(days=6), mod), "week")
    m = _MONTH.match(value)
    if m:
        y, mo = int(m.group(1)), int(m.group(2))
        return (*_narrow(dt.date(y, mo, 1), _month_end(y, mo), mod), "month")
    m = _SEASON.match(value)
    if m:
        y, s = int(m.group(1)), m.group(2)
        start = dt.date(y, SEASON_START[s], 1)
        end = _month_end(*divmod_month(y, SEASON_START[s] + 2))
        return (*_narrow(start, end, mod), "season")
    m = _QUARTER.match(value)
    if m:
        y, q = int(m.group(1)), m.group(2)
        months = 3 if q[0] == "Q" else 6
        first = (int(q[1]) - 1) * months + 1
        return (*_narrow(dt.date(y, first, 1), _month_end(y, first + months - 1), mod), "quarter")
    m = _YEAR.match(value)
    if m:
        y = int(value)
        return (*_narrow(dt.date(y, 1, 1), dt.date(y, 12, 31), mod), "year")
    m = _DECADE.match(value)
    if m:
        y = int(value) * 10
        return (*_narrow(dt.date(max(y, 1), 1, 1), dt.date(y + 9, 12, 31), mod), "decade")
    m = _CENTURY.match(value)
    if m:
        y = int(value) * 100
        return (*_narrow(dt.date(max(y, 1), 1, 1), dt.date(y + 99, 12, 31), mod), "century")
    if value == "PRESENT_REF" and dct is not None:
        return dct, dct, "day"
    if value == "PAST_REF" and dct is not None:
        return None, dct, "unknown"
    if value == "FUTURE_REF" and dct is not None:
        return dct, None, "unknown"
    return None, None, None


def divmod_month(year: int, month: int) -> tuple[int, int]:
    """(year, month) for a month number that may run past December."""
    y, m = divmod(month - 1, 12)
    return year + y, m + 1
