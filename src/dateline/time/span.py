"""The pieces every normalisation rule shares: a span's items and features, the context
(publication date, last mentioned date) and the result.

A rule is ``rule(span, context, tense) -> Resolved | REJECT | None``: a reading, "this is
not a time expression", or "not mine, try the next rule" (see normalize.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Callable, Optional

from .tense import Tense
from .tokens import prefix_mod

# unit codes of lexicon.yaml, finest first (P at the end of a code in the lexicon marks a plural)
UNIT_ORDER = ("S", "MIN", "H", "D", "WE", "W", "FN", "M", "Q", "HALF", "Y", "DE", "CE", "ML")
# calendar.bounds granularity -> the unit that measures it
GRAN_UNIT = {"day": "D", "week": "W", "month": "M", "quarter": "Q", "season": "Q", "year": "Y",
             "decade": "DE", "century": "CE"}
# "a few days later": the unit one step coarser names what is known
COARSER = {"S": "D", "MIN": "D", "H": "D", "D": "M", "WE": "M", "W": "M", "FN": "M", "M": "Y", "Q": "Y",
           "HALF": "Y", "Y": "DE", "DE": "CE", "CE": "CE", "ML": "CE"}
# unit -> (TimeML duration prefix, multiplier, letter): 2 decades -> P20Y
DURATION_FORMS = {"S": ("PT", 1, "S"), "MIN": ("PT", 1, "M"), "H": ("PT", 1, "H"), "D": ("P", 1, "D"),
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


class _Reject:
    """A rule's answer for a span that is not a time expression ("Jan" alone, "the last")."""


REJECT = _Reject()


class NeedsDCT(Exception):
    """Raised inside a rule that needs the publication date when the article has none."""


def need_dct(ctx: Context) -> dt.date:
    if ctx.dct is None:
        raise NeedsDCT
    return ctx.dct


def unit_of(val: str) -> tuple[str, bool]:
    """('D', plural?) from a lexicon unit code such as 'DP'."""
    if val.endswith("P") and val not in ("P",):
        return val[:-1], True
    return val, False


def duration_value(n: Any, unit: str) -> str:
    prefix, factor, letter = DURATION_FORMS[unit]
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
