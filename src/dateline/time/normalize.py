"""What a time expression means: its TimeML type, value and mod.

``interpret`` reads the token classes inside a span (not the pattern that found it),
so it also works on spans found elsewhere (gold spans in evaluation, spaCy entities).
Direction comes from an explicit word ("last", "next", "ago", "later") or else from
the tense of the governing verb; "two days later" moves from the last mentioned
date; everything else is anchored to the publication date (DCT).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Callable, Optional

from . import calendar as cal
from .tense import CONDITIONAL, FUTURE, PAST, PRESENT, Tense
from .tokens import prefix_mod

UNIT_ORDER = ("S", "MIN", "H", "D", "WE", "W", "FN", "M", "Q", "HALF", "Y", "DE", "CE", "ML")
GRAN_UNIT = {"day": "D", "week": "W", "month": "M", "quarter": "Q", "season": "Q", "year": "Y",
             "decade": "DE", "century": "CE"}
_COARSER = {"S": "D", "MIN": "D", "H": "D", "D": "M", "WE": "M", "W": "M", "FN": "M", "M": "Y", "Q": "Y",
            "HALF": "Y", "Y": "DE", "DE": "CE", "CE": "CE", "ML": "CE"}
_DURATION = {"S": ("PT", 1, "S"), "MIN": ("PT", 1, "M"), "H": ("PT", 1, "H"), "D": ("P", 1, "D"),
             "WE": ("P", 2, "D"), "W": ("P", 1, "W"), "FN": ("P", 2, "W"), "M": ("P", 1, "M"),
             "Q": ("P", 3, "M"), "HALF": ("P", 6, "M"), "Y": ("P", 1, "Y"), "DE": ("P", 10, "Y"),
             "CE": ("P", 100, "Y"), "ML": ("P", 1000, "Y")}
_VAGUE_DURATION = {"DE": "PXDE", "CE": "PXCE", "WE": "PXD", "FN": "PXW", "Q": "PXM", "HALF": "PXM", "ML": "PXCE"}


@dataclass
class Item:
    tok: Any
    cls: str
    val: Any


@dataclass
class Anchor:
    """The last mentioned date, which "two days later" and "the year" refer to."""

    value: str
    start: dt.date
    granularity: str
    sent_start: int
    explicit_year: bool


@dataclass
class Context:
    dct: Optional[dt.date]
    previous: Optional[Anchor] = None
    sent_start: int = 0


@dataclass
class Resolved:
    type: str
    value: Optional[str]
    mod: Optional[str] = None
    anchor: str = "none"
    score: float = 0.0
    reason: str = ""


# "for years", "within weeks": a bare plural unit after these is a duration
_DURATION_PREPOSITIONS = {"for", "within", "over", "after", "in", "during", "lasting", "took", "take", "takes"}


class _Reject:
    """A rule's answer for a span that is not a time expression ("Jan" alone, "the last")."""


REJECT = _Reject()


class NeedsDCT(Exception):
    """Raised inside a rule that needs the publication date when the article has none."""


def _dct(ctx: Context) -> dt.date:
    if ctx.dct is None:
        raise NeedsDCT
    return ctx.dct


def unit_of(val: str) -> tuple[str, bool]:
    """('D', plural?) from a lexicon unit code such as 'DP'."""
    if val.endswith("P") and val not in ("P",):
        return val[:-1], True
    return val, False


def duration_value(n: Any, unit: str) -> str:
    prefix, factor, letter = _DURATION[unit]
    if n == "X" or n is None:
        return _VAGUE_DURATION.get(unit, f"{prefix}X{letter}")
    return f"{prefix}{n * factor}{letter}"


UNIT_NAMES = {"S": "second", "MIN": "minute", "H": "hour", "D": "day", "WE": "weekend", "W": "week",
              "FN": "fortnight", "M": "month", "Q": "quarter", "HALF": "half-year", "Y": "year", "DE": "decade",
              "CE": "century", "ML": "millennium"}


def name(unit: str) -> str:
    return UNIT_NAMES.get(unit, unit)


class Span:
    """Feature view of a span's items."""

    def __init__(self, items: list[Item]):
        self.items = items
        self.codes = "".join(i.cls for i in items)
        self.first: dict[str, Item] = {}
        for it in items:
            self.first.setdefault(it.cls, it)

    def has(self, classes: str) -> bool:
        return any(c in self.first for c in classes)

    def val(self, cls: str, default: Any = None) -> Any:
        it = self.first.get(cls)
        return default if it is None else it.val

    def mod(self) -> Optional[str]:
        found = self.val("B") or self.val("b")
        if found is None:
            for it in self.items:
                if it.cls in "Yd":
                    return prefix_mod(it.tok.text)
        return found

    def count(self) -> Any:
        """The number in a duration: 2 in "two days", X in "several days", 1 in "a week"."""
        if "Q" in self.first:
            return self.first["Q"].val
        for it in self.items:
            if it.cls == "n" or it.cls == "N":
                return it.val if it.val is not None else "X"
        if "A" in self.first:
            return 1
        return None

    def rel(self) -> Optional[Item]:
        """The direction word; "last"/"next" win over "this"/"that" ("this coming week")."""
        found = None
        for it in self.items:
            if it.cls in "LX":
                return it
            if it.cls == "H" and found is None:
                found = it
        return found


TenseFn = Callable[[], Tense]


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
    d = _dct(ctx)
    return Resolved("TIME", f"{d.isoformat()}T{hhmm}", None, "dct", 0.6,
                    f"clock time {hhmm} on the publication date")


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
    d = _dct(ctx)
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


def r_deictic(sp: Span, ctx: Context, tense: TenseFn) -> Optional[Resolved]:
    if "Z" in sp.first:
        raw = str(sp.val("Z"))
        offset, _, pod = raw.partition(":")
        pod = sp.val("P") or pod
        d = _dct(ctx) + dt.timedelta(days=int(offset))
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
        d = _dct(ctx) + dt.timedelta(days=offset)
        return Resolved("TIME", f"{d.isoformat()}T{pod}", None, "dct", 0.85,
                        f"'{rel.tok.lower_} {sp.first['P'].tok.lower_}' from the publication date")
    return None


def _month_year(ctx: Context, month: int, day: Optional[int], rel: Optional[Item],
                tense: TenseFn) -> tuple[int, str, str, float]:
    """Year of a month (and day) written without one: (year, how, anchor, score)."""
    prev = ctx.previous
    if rel is None and prev is not None and prev.explicit_year and prev.sent_start == ctx.sent_start:
        return prev.start.year, f"year of {prev.value}, given earlier in the sentence", "previous", 0.85
    d = _dct(ctx)
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
    d = _dct(ctx)
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
    d = _dct(ctx)
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
        if len(sp.items) == 1 and before in _DURATION_PREPOSITIONS and unit in _DURATION:
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
    d = cal.shift(_dct(ctx), -n, unit)
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
        base, base_unit, anchor = _dct(ctx), "D", "dct"
        frm = "the publication date (no earlier date in the text)"
    if "E" in sp.first and unit == "D" and not plural and sp.count() is None and word in ("before", "after") \
            and _followed_by_word(sp):
        return _event_day(ctx)
    if n == "X":
        gran = _COARSER.get(unit, "Y")
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
    d = cal.shift(_dct(ctx), step, unit)
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
    d = _dct(ctx)
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
    if j >= 1 and doc[j].lower_ in ("and", "or", "-", "–", "to", "through") and doc[j - 1].text.isdigit() \
            and len(doc[j - 1].text) == 4:
        century = int(doc[j - 1].text) // 100
        year = century * 100 + v
        return Resolved("DATE", f"{year:04d}", None, "none", 0.8, f"'{tok.text}' continues the year {doc[j - 1].text}")
    return REJECT


_RULES = (r_reference, r_set, r_numeric, r_clock, r_decade, r_deictic, r_month, r_weekday, r_season,
          r_year, r_unit, r_year_continuation)
