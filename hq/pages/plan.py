"""A site's polygon drawn to scale as SVG (no map tiles): WGS84 points projected onto a local
plane around the site (equirectangular; sites are at most a few km across, where the error is
far below a metre per hundred), north up, with a scale bar and the devices found."""
from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from safeland_core.vocab import PERIMETER_TYPES

WIDTH, HEIGHT, MARGIN = 640, 440, 44
M_PER_DEG_LAT = 110_574.0
NICE = (5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000)
SHORT = {"REFERENCE": "RP", "BENCHMARK": "BM", "START": "SP", "END": "EP", "EVIDENCE": "E",
         "TURNING": "T", "INTERMEDIATE": "I"}


@dataclass(frozen=True)
class Mark:
    x: float
    y: float
    label: str
    kind: str  # perimeter, other, evidence, device


@dataclass(frozen=True)
class Plan:
    width: int
    height: int
    polygon: str  # "x,y x,y ..." for <polygon points>
    marks: list[Mark]
    bar_px: float
    bar_m: int
    extent_m: tuple[float, float]


def plan(points: list[dict[str, Any]], devices: Sequence[tuple[float, float, str]] = ()) -> Plan | None:
    """The drawing of a site's points (records with lat/lon) and of devices found (lat, lon,
    label); None when fewer than one point has coordinates."""
    located = [p for p in points if p.get("lat") is not None and p.get("lon") is not None]
    if not located:
        return None
    lat0 = sum(p["lat"] for p in located) / len(located)
    lon0 = sum(p["lon"] for p in located) / len(located)
    kx = M_PER_DEG_LAT * math.cos(math.radians(lat0))

    def metres(lat: float, lon: float) -> tuple[float, float]:
        return (lon - lon0) * kx, (lat - lat0) * M_PER_DEG_LAT

    xy = [metres(p["lat"], p["lon"]) for p in located]
    dev_xy = [metres(lat, lon) for lat, lon, _ in devices]
    every = xy + dev_xy
    xs, ys = [a for a, _ in every], [b for _, b in every]
    dx, dy = max(max(xs) - min(xs), 1.0), max(max(ys) - min(ys), 1.0)
    scale = min((WIDTH - 2 * MARGIN) / dx, (HEIGHT - 2 * MARGIN) / dy)  # px per metre, both axes
    ox = (WIDTH - dx * scale) / 2 - min(xs) * scale
    oy = (HEIGHT - dy * scale) / 2 + max(ys) * scale

    def px(x: float, y: float) -> tuple[float, float]:
        return round(ox + x * scale, 1), round(oy - y * scale, 1)  # north up

    marks, ring = [], []
    for p, (x, y) in zip(located, xy):
        kind = ("perimeter" if p["type"] in PERIMETER_TYPES else
                "evidence" if p["type"] == "EVIDENCE" else "other")
        label = SHORT.get(p["type"], p["type"][:2]) + (str(p["seq"]) if p["type"] in
                                                      ("TURNING", "INTERMEDIATE", "EVIDENCE")
                                                      and p.get("seq") is not None else "")
        sx, sy = px(x, y)
        marks.append(Mark(sx, sy, label, kind))
        if kind == "perimeter":
            ring.append((p.get("seq") or 0, sx, sy))
    for (x, y), (_, _, label) in zip(dev_xy, devices):
        sx, sy = px(x, y)
        marks.append(Mark(sx, sy, label, "device"))
    ring.sort(key=lambda r: r[0])
    bar_m = next((n for n in NICE if n * scale >= (WIDTH - 2 * MARGIN) / 6), NICE[-1])
    return Plan(WIDTH, HEIGHT, " ".join(f"{X},{Y}" for _, X, Y in ring), marks,
                round(bar_m * scale, 1), bar_m, (round(dx), round(dy)))
