"""Build ``static/world.json``, the offline world map of the UI, from Natural Earth data in a PyPI package.

Source: Natural Earth 1:110m admin-0 countries (public domain), as shipped in the geopandas 0.14.4
wheel (``geopandas/datasets/naturalearth_lowres``; later geopandas releases dropped it). Only the
wheel file is read (it is a zip), with a small shapefile reader below, so nothing is installed.
Coordinates are rounded to 0.1 degree and repeated points dropped, which keeps the file small and
is finer than the map can show.

    pip download --no-deps --dest /tmp/ne geopandas==0.14.4
    python -m dateline.web.build_world /tmp/ne/geopandas-0.14.4-py3-none-any.whl

The output is committed: the UI needs no network and no geospatial package at run time.
"""

from __future__ import annotations

import argparse
import io
import json
import struct
import zipfile
from pathlib import Path

PACKAGE = "geopandas==0.14.4"
MEMBER = "geopandas/datasets/naturalearth_lowres/naturalearth_lowres"
OUT = Path(__file__).resolve().parent / "static" / "world.json"
ATTRIBUTION = "Made with Natural Earth (naturalearthdata.com), public domain; 1:110m admin-0 countries via " + PACKAGE


def read_dbf(data: bytes) -> list[dict]:
    """Rows of a dBASE III table (the attribute file of a shapefile)."""
    n_rows, header_len, row_len = struct.unpack("<IHH", data[4:12])
    fields, pos = [], 32
    while data[pos] != 0x0D:
        name = data[pos:pos + 11].split(b"\0")[0].decode("ascii")
        fields.append((name, data[pos + 16]))
        pos += 32
    rows = []
    for i in range(n_rows):
        at = header_len + i * row_len + 1  # first byte: deletion flag
        row = {}
        for name, length in fields:
            row[name] = data[at:at + length].decode("utf-8", "replace").strip()
            at += length
        rows.append(row)
    return rows


def read_shp(data: bytes) -> list[list[list[tuple[float, float]]]]:
    """Polygon records of a shapefile: per record, its rings of (lon, lat)."""
    records, pos = [], 100
    while pos < len(data):
        _, length = struct.unpack(">ii", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + 2 * length]
        pos += 8 + 2 * length
        shape_type = struct.unpack("<i", body[:4])[0]
        if shape_type == 0:
            records.append([])
            continue
        n_parts, n_points = struct.unpack("<ii", body[36:44])
        parts = list(struct.unpack(f"<{n_parts}i", body[44:44 + 4 * n_parts])) + [n_points]
        at = 44 + 4 * n_parts
        points = [struct.unpack("<dd", body[at + 16 * k:at + 16 * k + 16]) for k in range(n_points)]
        records.append([points[parts[j]:parts[j + 1]] for j in range(n_parts)])
    return records


def simplify(ring: list[tuple[float, float]], step: float = 0.1) -> list[float]:
    """Round to ``step`` degrees and drop repeats; a flat [lon, lat, lon, lat, ...] list."""
    out: list[float] = []
    last = None
    for lon, lat in ring:
        p = (round(round(lon / step) * step, 1), round(round(lat / step) * step, 1))
        if p != last:
            out += p
            last = p
    return out


def build(wheel: Path) -> dict:
    with zipfile.ZipFile(wheel) as zf:
        shp = zf.read(MEMBER + ".shp")
        dbf = zf.read(MEMBER + ".dbf")
    countries = []
    for attrs, rings in zip(read_dbf(dbf), read_shp(shp)):
        flat = [r for r in (simplify(ring) for ring in rings) if len(r) >= 8]
        if flat:
            countries.append({"name": attrs.get("name"), "iso3": attrs.get("iso_a3"), "rings": flat})
    return {"attribution": ATTRIBUTION, "projection": "lon/lat degrees (WGS84)", "countries": countries}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("wheel", type=Path, help="the geopandas 0.14.4 wheel file")
    ap.add_argument("-o", "--output", type=Path, default=OUT)
    args = ap.parse_args()
    world = build(args.wheel)
    buf = io.StringIO()
    json.dump(world, buf, separators=(",", ":"))
    args.output.write_text(buf.getvalue(), encoding="utf-8")
    print(f"wrote {len(world['countries'])} countries to {args.output} ({len(buf.getvalue()) // 1024} KB)")


if __name__ == "__main__":
    main()
