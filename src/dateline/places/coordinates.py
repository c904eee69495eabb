"""Geographic coordinates written in the text ("35°12′N 43°52′E", "35.200°N 43.867°E", "35.200; 43.867"):
places given by their point rather than their name, as encyclopaedia pages and military reports give them.
"""

from __future__ import annotations

import re
from typing import Iterator

_DEG = r"(?P<{p}d>\d{{1,3}}(?:\.\d+)?)\s?°\s?(?:(?P<{p}m>\d{{1,2}}(?:\.\d+)?)\s?[′']\s?)?" \
       r"(?:(?P<{p}s>\d{{1,2}}(?:\.\d+)?)\s?[″\"]\s?)?(?P<{p}h>[{h}])"
# Degrees (with minutes and seconds) and a hemisphere for each axis: "35°12′N 43°52′E", "35.200°N 43.867°E".
HEMISPHERE = re.compile(_DEG.format(p="a", h="NS") + r",?\s+" + _DEG.format(p="o", h="EW"))
# A bare decimal pair "lat; lon" (the form geo microformats print), with at least three decimals on each side
# ("a ratio of 1.25;3.5" is no point).
DECIMAL_PAIR = re.compile(r"(?<![\d.])(?P<lat>-?\d{1,2}\.\d{3,});\s(?P<lon>-?\d{1,3}\.\d{3,})(?![\d.])")


def _value(d: str, m: str | None, s: str | None) -> float:
    return float(d) + float(m or 0) / 60 + float(s or 0) / 3600


def find_coordinates(text: str) -> Iterator[tuple[int, int, float, float]]:
    """(start, end, lat, lon) of each coordinate pair in ``text``; pairs out of range are skipped."""
    for m in HEMISPHERE.finditer(text):
        lat = _value(m["ad"], m["am"], m["as"]) * (-1 if m["ah"] == "S" else 1)
        lon = _value(m["od"], m["om"], m["os"]) * (-1 if m["oh"] == "W" else 1)
        if abs(lat) <= 90 and abs(lon) <= 180:
            yield m.start(), m.end(), round(lat, 5), round(lon, 5)
    for m in DECIMAL_PAIR.finditer(text):
        lat, lon = float(m["lat"]), float(m["lon"])
        if abs(lat) <= 90 and abs(lon) <= 180:
            yield m.start(), m.end(), lat, lon
