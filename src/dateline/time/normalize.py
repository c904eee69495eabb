"""What a time expression means: its TimeML type, value and mod.

``interpret`` reads the token classes inside a span (not the pattern that found it),
so it also works on spans found elsewhere (gold spans in evaluation, spaCy entities).
Direction comes from an explicit word ("last", "next", "ago", "later") or else from
the tense of the governing verb; "two days later" moves from the last mentioned
date; everything else is anchored to the publication date (DCT). The rules live in
named.py (months, weekdays, seasons, years) and relative.py (units, durations, days
relative to the DCT); the few here are the ones that need no calendar reasoning.
"""

from __future__ import annotations

import datetime as dt
from typing import Optional

from . import calendar as cal
from .named import r_decade, r_month, r_season, r_weekday, r_year, r_year_continuation
from .relative import r_deictic, r_unit
from .span import (REJECT, Anchor, Context, Item, NeedsDCT, Resolved, Span, TenseFn, duration_value, need_dct,
                   unit_of)

__all__ = ["Anchor", "Context", "Item", "Resolved", "interpret"]


def interpret(items: list[Item], ctx: Context, tense: TenseFn) -> Optional[Resolved]:
    """The TimeML reading of a span, or None when the span is not a time expression."""
    if not items:
        return None
    sp = Span(items)
    try:
        for rule in _RULES:
            out = rule(sp, ctx, tense)
            if out is REJECT:
                return None
            if out is not None:
                return out
    except NeedsDCT:
        return Resolved(_guess_type(sp), None, sp.mod(), "none", 0.2,
                        "relative expression, but the article has no publication date")
    except (OverflowError, ValueError):  # a date before year 1 or after 9999: keep the span, not a value
        return Resolved(_guess_type(sp), None, sp.mod(), "none", 0.1, "the date falls outside the calendar")
    return None


def _guess_type(sp: Span) -> str:
    if sp.has("es"):
        return "SET"
    if sp.has("C") or (sp.has("c") and sp.has("nN")):
        return "TIME"
    if "U" in sp.first and sp.count() is not None and not sp.has("GR"):
        return "DURATION"
    return "DATE"


# --- rules, tried in order -------------------------------------------------------------------

def r_reference(sp: Span, ctx: Context, tense: TenseFn) -> Optional[Resolved]:
    if "K" in sp.first and len(sp.first) <= 2:
        v = sp.val("K")
        return Resolved("DATE", v, None, "dct", 0.9, f"{sp.first['K'].tok.lower_!r} refers to {v}")
    if "k" in sp.first and "E" in sp.first:
        return Resolved("DATE", "FUTURE_REF", None, "dct", 0.85, "'the future' refers to FUTURE_REF")
    if sp.codes.startswith("E") and "L" in sp.first and not sp.has("UnNQAMWSYP"):
        if sp.val("L") == "past":
            return Resolved("DATE", "PAST_REF", None, "dct", 0.8, "'the past' refers to PAST_REF")
        return REJECT
    return None


def r_set(sp: Span, ctx: Context, tense: TenseFn) -> Optional[Resolved]:
    if "s" in sp.first:
        return Resolved("SET", sp.val("s"), None, "none", 0.85, f"frequency adverb {sp.first['s'].tok.text!r}")
    if "e" not in sp.first:
        return None
    if "W" in sp.first:
        value = f"XXXX-WXX-{sp.val('W')}"
    elif "S" in sp.first:
        value = f"XXXX-{sp.val('S')}"
    elif "M" in sp.first:
        value = f"XXXX-{sp.val('M'):02d}"
    elif "P" in sp.first:
        value = f"XXXX-XX-XXT{sp.val('P')}"
    elif "U" in sp.first:
        unit, _ = unit_of(sp.val("U"))
        n = sp.count() or 1
        value = duration_value(n, unit)
    else:
        return None
    return Resolved("SET", value, None, "none", 0.85, f"'{sp.first['e'].tok.text} ...' repeats: {value}")


def r_numeric(sp: Span, ctx: Context, tense: TenseFn) -> Optional[Resolved]:
    if "I" in sp.first:
        y, m, d = sp.val("I")
    elif "Y-n-n" in sp.codes:
        i = sp.codes.index("Y-n-n")
        y, m, d = sp.items[i].val, sp.items[i + 2].val, sp.items[i + 4].val
    else:
        return None
    try:
        value = dt.date(y, m, d).isoformat()
    except ValueError:
        return REJECT
    return Resolved("DATE", value, None, "none", 0.95, f"numeric date {value}")


def r_clock(sp: Span, ctx: Context, tense: TenseFn) -> Optional[Resolved]:
    hhmm = None
    if "C" in sp.first:
        hhmm = sp.val("C")
        marks = [it.tok.lower_ for it in sp.items if it.cls == "c"]
        hour = int(hhmm[:2])
        if any(m.startswith("p") for m in marks) and hour < 12:
            hhmm = f"{hour + 12:02d}{hhmm[2:]}"  # "4:33 p.m."
        elif any(m.startswith("a") for m in marks) and hour == 12:
            hhmm = "00" + hhmm[2:]  # "12:08 a.m."
    elif "c" in sp.first and "Y" in sp.first and sp.codes.index("Y") < sp.codes.index("c"):
        hour, minute = divmod(sp.val("Y"), 100)  # "1800 GMT": military time
        if hour > 24 or minute > 59 or sp.first["c"].tok.lower_[0] in "ap":
            return REJECT
        hhmm = f"{hour:02d}:{minute:02d}"
    elif "c" in sp.first and sp.has("nN"):
        hour = sp.val("n", sp.val("N"))
        if not isinstance(hour, int) or hour > 24:
            return None
        marks = [it.tok.lower_ for it in sp.items if it.cls == "c"]
        if any(m.startswith("p") for m in marks) and hour < 12:
            hour += 12
        elif any(m.startswith("a") for m in marks) and hour == 12:
            hour = 0
        elif not any(m[0] in "ap" for m in marks) and not any(m == "o'clock" for m in marks):
            # "48 GMT" is not a time; a zone name alone after a bare number is not enough
            return None
        hhmm = f"{hour:02d}:00"
    if hhmm is None:
        return None
    rest = [it for it in sp.items if it.cls not in "nNCc,Y"]
    if rest:
        day = interpret(rest, ctx, tense)
        if day is None or not day.value or not cal.DAY_VALUE.match(day.value):
            return Resolved("TIME", f"XXXX-XX-XXT{hhmm}", None, "none", 0.5, f"clock time {hhmm}; day unknown")
        return Resolved("TIME", f"{day.value[:10]}T{hhmm}", None, day.anchor, day.score,
                        f"clock time {hhmm} on {day.reason}")
    prev = ctx.previous
    if prev is not None and prev.granularity == "day":
        return Resolved("TIME", f"{prev.start.isoformat()}T{hhmm}", None, "previous", 0.6,
                        f"clock time {hhmm} on the last mentioned day {prev.value}")
    d = need_dct(ctx)
    return Resolved("TIME", f"{d.isoformat()}T{hhmm}", None, "dct", 0.6,
                    f"clock time {hhmm} on the publication date")


_RULES = (r_reference, r_set, r_numeric, r_clock, r_decade, r_deictic, r_month, r_weekday, r_season,
          r_year, r_unit, r_year_continuation)
