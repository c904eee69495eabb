"""Rules for expressions relative to the publication date or to the last mentioned date:
"yesterday", "this morning", "last week", "six years ago", "two days later", "the next day",
"the year", "the weekend", and durations ("three hours", "the next several months").
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Optional

from . import calendar as cal
from .named import weekday_date
from .span import (GRAN_UNIT, REJECT, UNIT_ORDER, Context, Item, Resolved, Span, TenseFn, duration_value,
                   name, need_dct, unit_of, COARSER, DURATION_FORMS)
from .tense import CONDITIONAL, FUTURE, PRESENT

# "for years", "within weeks": a bare plural unit after these is a duration
_DURATION_PREPOSITIONS = {"for", "within", "over", "after", "in", "during", "lasting", "took", "take", "takes"}


def r_deictic(sp: Span, ctx: Context, tense: TenseFn) -> Optional[Resolved]:
    if "Z" in sp.first:
        raw = str(sp.val("Z"))
        offset, _, pod = raw.partition(":")
        pod = sp.val("P") or pod
        d = need_dct(ctx) + dt.timedelta(days=int(offset))
        word = sp.first["Z"].tok.lower_
        if pod:
            return Resolved("TIME", f"{d.isoformat()}T{pod}", None, "dct", 0.9,
                            f"{word!r} with part of day {pod}, from the publication date")
        return Resolved("DATE", d.isoformat(), None, "dct", 0.95, f"{word!r} from the publication date")
    if "P" in sp.first and not sp.has("WMYUnNCc"):
        rel = sp.rel()
        if rel is None:
            return REJECT
        pod = sp.val("P")
        if rel.cls == "X" and "E" in sp.first and ctx.previous is not None and ctx.previous.granularity == "day":
            d = ctx.previous.start + dt.timedelta(days=1)
            return Resolved("TIME", f"{d.isoformat()}T{pod}", None, "previous", 0.75,
                            f"'the next {pod}' after the last mentioned day {ctx.previous.value}")
        offset = {"L": -1, "X": 1, "H": 0}[rel.cls]
        if rel.cls == "L" and pod != "NI":
            offset = -1
        d = need_dct(ctx) + dt.timedelta(days=offset)
        return Resolved("TIME", f"{d.isoformat()}T{pod}", None, "dct", 0.85,
                        f"'{rel.tok.lower_} {sp.first['P'].tok.lower_}' from the publication date")
    return None


def r_unit(sp: Span, ctx: Context, tense: TenseFn) -> Optional[Resolved]:
    if "U" not in sp.first:
        return None
    unit, plural = unit_of(sp.val("U"))
    if unit == "HALF":
        return REJECT  # "half" is a time unit only in "the first half of 2013"
    if unit in ("S", "MIN", "H") and sp.has("LXHR") and not sp.has("nNAQ"):
        return REJECT  # "the next hour": leave it
    n = sp.count()
    if "G" in sp.first:
        return _ago(sp, ctx, unit, n)
    shift_item = sp.first.get("R")
    rel = sp.rel()
    if shift_item is not None and rel is None and (n is not None or "E" in sp.first):
        return _shifted(sp, ctx, unit, plural, n if n is not None else 1, shift_item)
    if n is not None and "J" not in sp.first:
        value = duration_value(n, unit)
        return Resolved("DURATION", value, None, "none", 0.9, f"duration of {n} {name(unit)}(s)")
    if rel is not None and rel.val == "same" and (plural or "E" in sp.first):
        return REJECT  # "that years of war ...", "the same year" is fine but "the that" is not English
    if "J" in sp.first or (plural and rel is not None):
        value = duration_value("X", unit)
        return Resolved("DURATION", value, None, "none", 0.8, "an unknown number of " + name(unit) + "s")
    if plural:
        first = sp.items[0].tok
        before = first.doc[first.i - 1].lower_ if first.i > 0 else ""
        if len(sp.items) == 1 and before in _DURATION_PREPOSITIONS and unit in DURATION_FORMS:
            return Resolved("DURATION", duration_value("X", unit), None, "none", 0.7,
                            f"'{before} {first.text}': an unknown number of {name(unit)}s")
        return REJECT
    if rel is not None:
        return _relative_unit(sp, ctx, unit, rel)
    if "E" in sp.first:
        return _definite_unit(sp, ctx, unit, tense)
    return None


def _ago(sp: Span, ctx: Context, unit: str, n: Any) -> Resolved:
    if n is None or n == "X":
        return Resolved("DATE", "PAST_REF", None, "dct", 0.7, "an unknown time ago")
    d = cal.shift(need_dct(ctx), -n, unit)
    gran = "D" if unit in ("S", "MIN", "H") else unit
    return Resolved("DATE", cal.value_at(d, gran), None, "dct", 0.85,
                    f"{n} {name(unit)}(s) before the publication date")


def _shifted(sp: Span, ctx: Context, unit: str, plural: bool, n: Any, item: Item) -> Resolved:
    word = item.tok.lower_
    sign = int(item.val)
    prev = ctx.previous
    if prev is not None:
        base, base_unit, anchor = prev.start, GRAN_UNIT.get(prev.granularity, "D"), "previous"
        frm = f"the last mentioned date {prev.value}"
    else:
        base, base_unit, anchor = need_dct(ctx), "D", "dct"
        frm = "the publication date (no earlier date in the text)"
    if "E" in sp.first and unit == "D" and not plural and sp.count() is None and word in ("before", "after") \
            and _followed_by_word(sp):
        return _event_day(ctx)
    if n == "X":
        gran = COARSER.get(unit, "Y")
        d = base
    else:
        gran = unit
        d = cal.shift(base, sign * n, unit)
    if prev is not None and anchor == "previous" and UNIT_ORDER.index(base_unit) > UNIT_ORDER.index(gran):
        value = prev.value  # "two days later" after "in July": the day is not known, the month is
    else:
        value = cal.value_at(d, "D" if gran in ("S", "MIN", "H") else gran)
    return Resolved("DATE", value, None, anchor, 0.75 if anchor == "previous" else 0.5,
                    f"{n} {name(unit)}(s) {word} than {frm}")


def _followed_by_word(sp: Span) -> bool:
    last = sp.items[-1].tok
    nxt = last.doc[last.i + 1] if last.i + 1 < len(last.doc) else None
    return nxt is not None and not nxt.is_punct


def _event_day(ctx: Context) -> Resolved:
    prev = ctx.previous
    if prev is not None:
        return Resolved("DATE", f"{prev.start.year}-XX-XX", None, "previous", 0.4,
                        f"a day fixed by an event, not a date: only the year of {prev.value} is known")
    return Resolved("DATE", "XXXX-XX-XX", None, "none", 0.3, "a day fixed by an event, not a date")


def _relative_unit(sp: Span, ctx: Context, unit: str, rel: Item) -> Resolved:
    word = rel.tok.lower_
    mod = sp.mod()
    if rel.cls == "L" and rel.val == "past" and "E" in sp.first and mod is None:
        return Resolved("DURATION", duration_value(1, unit), None, "none", 0.8,
                        f"'the past {name(unit)}' is a span of one {name(unit)} up to now")
    prev = ctx.previous
    if rel.val == "same" or (rel.cls in "LX" and "E" in sp.first and unit == "D"):
        step = 0 if rel.val == "same" else (1 if rel.cls == "X" else -1)
        if prev is not None:
            d = cal.shift(prev.start, step, unit)
            gran = unit if UNIT_ORDER.index(GRAN_UNIT.get(prev.granularity, "D")) <= UNIT_ORDER.index(unit) \
                else GRAN_UNIT[prev.granularity]
            return Resolved("DATE", cal.value_at(d, gran), mod, "previous", 0.75,
                            f"'{word} {name(unit)}' from the last mentioned date {prev.value}")
    step = {"L": -1, "X": 1, "H": 0}[rel.cls]
    d = cal.shift(need_dct(ctx), step, unit)
    value = cal.value_at(d, unit)
    return Resolved("DATE", value, mod, "dct", 0.9, f"'{word} {name(unit)}' from the publication date")


def _definite_unit(sp: Span, ctx: Context, unit: str, tense: TenseFn) -> Optional[Resolved]:
    """"the year", "the end of the month", "the day": the unit around the current narrative time."""
    if unit == "D" and sp.mod() is None:
        prev = ctx.previous
        if _followed_by_word(sp) and sp.items[-1].tok.doc[sp.items[-1].tok.i + 1].lower_ in (
                "before", "after", "of", "when"):
            return _event_day(ctx)
        if prev is not None and prev.granularity == "day":
            return Resolved("DATE", prev.value[:10], None, "previous", 0.6,
                            f"'the day': the last mentioned day {prev.value}")
        return _event_day(ctx)
    if unit not in ("W", "M", "Q", "HALF", "Y", "DE", "CE", "WE"):
        return REJECT
    prev = ctx.previous
    if prev is not None and UNIT_ORDER.index(GRAN_UNIT.get(prev.granularity, "CE")) <= UNIT_ORDER.index(unit):
        return Resolved("DATE", cal.value_at(prev.start, unit), sp.mod(), "previous", 0.7,
                        f"'the {name(unit)}' around the last mentioned date {prev.value}")
    d = need_dct(ctx)
    if unit == "WE":
        t = tense()
        ahead = t.label in (FUTURE, PRESENT, CONDITIONAL)
        day = weekday_date(d, 6, "after" if ahead else "before")
        if not ahead and d.isoweekday() == 7:
            day = d  # published on a Sunday: "the weekend" is this one
        return Resolved("DATE", cal.value_at(day, "WE"), None, "dct", 0.7,
                        f"'the weekend': {t.describe()}, the {'next' if ahead else 'last'} one")
    return Resolved("DATE", cal.value_at(d, unit), sp.mod(), "dct", 0.65,
                    f"'the {name(unit)}' around the publication date")
