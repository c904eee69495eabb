"""Offline SVG drawings for the HTML brief: a map of event locations and a dyad intensity chart.

The map is a plain longitude/latitude projection (x = lon, y = -lat, in degrees) cut to the area
of the points. Country outlines come from the web UI's ``world.json`` (Natural Earth 1:110m, public
domain) when it is installed; without it only a 10-degree grid is drawn under the markers.
Everything is inline SVG: no scripts, fonts, tiles or other files are loaded.
"""

from __future__ import annotations

import datetime as dt
import json
from functools import lru_cache
from html import escape
from pathlib import Path
from typing import Optional

WORLD = Path(__file__).resolve().parent.parent / "web" / "static" / "world.json"
COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b")


@lru_cache(maxsize=1)
def _world() -> Optional[dict]:
    try:
        return json.loads(WORLD.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _f(x: float) -> str:
    return f"{x:.2f}".rstrip("0").rstrip(".")


def map_svg(points: list[dict], width: int = 720) -> str:
    """Markers sized by event count over country outlines (or a grid), framed to the points."""
    if not points:
        return ""
    lons = [p["lon"] for p in points]
    lats = [p["lat"] for p in points]
    pad = 8.0
    x0, x1 = max(-180.0, min(lons) - pad), min(180.0, max(lons) + pad)
    y0, y1 = max(-90.0, min(lats) - pad), min(90.0, max(lats) + pad)
    # at least 40 x 25 degrees, so that one point still shows its surroundings
    if x1 - x0 < 40:
        mid = (x0 + x1) / 2
        x0, x1 = max(-180.0, mid - 20), min(180.0, mid + 20)
    if y1 - y0 < 25:
        mid = (y0 + y1) / 2
        y0, y1 = max(-90.0, mid - 12.5), min(90.0, mid + 12.5)
    w, h = x1 - x0, y1 - y0
    height = int(width * h / w)
    scale = w / width  # degrees per pixel
    parts = [f'<svg class="map" role="img" aria-label="Map of event locations" '
             f'width="{width}" height="{height}" viewBox="{_f(x0)} {_f(-y1)} {_f(w)} {_f(h)}">',
             f'<rect x="{_f(x0)}" y="{_f(-y1)}" width="{_f(w)}" height="{_f(h)}" fill="#eef4f8"/>']
    world = _world()
    if world:
        paths = []
        for country in world.get("countries", []):
            for ring in country.get("rings", []):
                xs, ys = ring[0::2], ring[1::2]
                if not xs or max(xs) < x0 or min(xs) > x1 or max(ys) < y0 or min(ys) > y1:
                    continue
                paths.append("M" + " ".join(f"{_f(x)},{_f(-y)}" for x, y in zip(xs, ys)) + "Z")
        parts.append(f'<path d="{" ".join(paths)}" fill="#fbfaf6" stroke="#9aa" stroke-width="{_f(scale)}"/>')
    else:
        grid = []
        for lon in range(-180, 181, 10):
            if x0 <= lon <= x1:
                grid.append(f"M{lon},{_f(-y1)}V{_f(-y0)}")
        for lat in range(-90, 91, 10):
            if y0 <= lat <= y1:
                grid.append(f"M{_f(x0)},{-lat}H{_f(x1)}")
        parts.append(f'<path d="{" ".join(grid)}" fill="none" stroke="#cdd" stroke-width="{_f(scale)}"/>')
    top = max(p["n_events"] for p in points)
    for i, p in enumerate(sorted(points, key=lambda p: -p["n_events"])):
        r = (3 + 9 * (p["n_events"] / top) ** 0.5) * scale
        name = escape(p["name"] or "?")
        parts.append(f'<circle cx="{_f(p["lon"])}" cy="{_f(-p["lat"])}" r="{_f(r)}" fill="#c0392b" fill-opacity="0.7" '
                     f'stroke="#fff" stroke-width="{_f(scale)}"><title>{name}: {p["n_events"]} events</title></circle>')
        if i < 12:
            parts.append(f'<text x="{_f(p["lon"] + r * 1.2)}" y="{_f(-p["lat"] + 4 * scale)}" '
                         f'font-size="{_f(11 * scale)}" font-family="sans-serif" fill="#222">{name}</text>')
    parts.append("</svg>")
    return "".join(parts)


def dyad_chart_svg(dyads: list[dict], width: int = 720, height: int = 280) -> str:
    """Mean PLOVER intensity (-10 conflict .. +10 cooperation) per month, one line per dyad."""
    seen = sorted({p["period"] for d in dyads for p in d["periods"] if p["mean_intensity"] is not None})
    if not seen:
        return ""
    months = [seen[0]]  # every month from the first to the last, so that gaps show as gaps
    while months[-1] < seen[-1]:
        m = months[-1]
        months.append(dt.date(m.year + m.month // 12, m.month % 12 + 1, 1))
    left, right, top, bottom = 44, 36, 16, 64
    pw, ph = width - left - right, height - top - bottom

    def x(m: dt.date) -> float:
        return left + (pw / 2 if len(months) == 1 else pw * months.index(m) / (len(months) - 1))

    def y(v: float) -> float:
        return top + ph * (10 - v) / 20

    parts = [f'<svg class="chart" role="img" '
             f'aria-label="PLOVER intensity per dyad and month" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="11">']
    for v in (-10, -5, 0, 5, 10):
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{_f(y(v))}" y2="{_f(y(v))}" '
                     f'stroke="{"#888" if v == 0 else "#ddd"}"/>'
                     f'<text x="{left - 6}" y="{_f(y(v) + 4)}" text-anchor="end" fill="#555">{v:+d}</text>')
    step = max(1, len(months) // 8)
    for i, m in enumerate(months):
        if i % step == 0:
            parts.append(f'<text x="{_f(x(m))}" y="{top + ph + 14}" text-anchor="middle" fill="#555">'
                         f'{m.strftime("%Y-%m")}</text>')
    for i, d in enumerate(dyads):
        colour = COLOURS[i % len(COLOURS)]
        pts = [(x(p["period"]), y(p["mean_intensity"]), p) for p in d["periods"] if p["mean_intensity"] is not None]
        label = escape(f'{d["source"]} → {d["target"]}')
        if len(pts) > 1:
            parts.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2" '
                         f'points="{" ".join(f"{_f(px)},{_f(py)}" for px, py, _ in pts)}"/>')
        for px, py, p in pts:
            parts.append(f'<circle cx="{_f(px)}" cy="{_f(py)}" r="4" fill="{colour}"><title>{label}, {p["label"]}: '
                         f'mean {p["mean_intensity"]} over {p["n_events"]} events</title></circle>')
        lx = left + (i % 3) * (pw // 3)
        ly = top + ph + 32 + (i // 3) * 14
        parts.append(f'<rect x="{lx}" y="{ly - 8}" width="10" height="10" fill="{colour}"/>'
                     f'<text x="{lx + 14}" y="{ly + 1}" fill="#222">{label}</text>')
    parts.append(f'<text x="{width - right}" y="{top - 4}" text-anchor="end" fill="#555" font-size="10">'
                 f'+10 cooperation … −10 conflict (PLOVER)</text>')
    parts.append("</svg>")
    return "".join(parts)
