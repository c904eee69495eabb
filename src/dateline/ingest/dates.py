"""Publication dates: from a `date YYYY-MM-DD` header line or from metadata."""

from __future__ import annotations

import datetime as dt
import re
from typing import Optional

HEADER = re.compile(r"^\s*date\s*:?\s*(\S.*?)\s*$", re.IGNORECASE)
ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def parse_date(value: object) -> Optional[dt.date]:
    """An ISO date (or datetime) string, a date or a datetime; None when it cannot be read."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if not text:
        return None
    m = ISO.match(text)
    if m:
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
    # Other spellings ("March 5, 2025", "05/03/2025"): dateparser, imported only when needed.
    import dateparser

    # Absolute forms only: "yesterday" in metadata would otherwise be read against today's clock.
    parsed = dateparser.parse(text, settings={"STRICT_PARSING": True, "PARSERS": ["timestamp", "absolute-time"]})
    return parsed.date() if parsed else None


def check_date(date: Optional[dt.date], slack_days: int, today: Optional[dt.date] = None) -> tuple[Optional[dt.date], Optional[str]]:
    """The date if plausible, else None and a flag code (W103 for a date in the future)."""
    if date is None:
        return None, None
    today = today or dt.date.today()
    if date > today + dt.timedelta(days=slack_days):
        return None, "W103"
    if date.year < 1900:
        return None, "W104"
    return date, None
