"""Waypoints from a handheld GPS (a GPX file, as a Garmin writes it) become a site's points.

The default mapping (DESIGN.md, `safeland site points SITE_REFERENCE --gpx FILE`): in file
order, every waypoint is a turning point, except those named BM (benchmark), RP (reference),
SP / EP (start / end) or E1, E2... (evidence). The perimeter points (start, turning, end) are
numbered 1, 2, 3... in the order given. The window's *Import GPS waypoints…* dialog lets the
team leader change each waypoint's type and the order before saving.

gpxpy is in the desktop extra, so this parser lives in the field app's domain, not in
safeland_core (HQ never reads GPX). Saving goes through services.save_site: the usual site
rules (polygon closed, not self-intersecting, legs under 5 km, inside the country), one
transaction, nothing written on an error. Thread: any (the app calls it on its workers).
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from safeland_core.validation import Issue
from safeland_core.vocab import PERIMETER_TYPES, PointType

from .site_points import PointsSaved, replace_points

__all__ = ["GpxError", "PointsSaved", "Waypoint", "default_type", "parse_waypoints", "read_waypoints",
           "replace_points", "to_points", "waypoint_of", "with_waypoint"]

MAX_BYTES = 20_000_000  # a handheld's whole memory of waypoints is well under 1 MB

_NAMED = {"BM": PointType.BENCHMARK, "RP": PointType.REFERENCE, "SP": PointType.START,
          "EP": PointType.END}
_EVIDENCE = re.compile(r"^E\d+$")


class GpxError(ValueError):
    """A GPX file that cannot be used: not XML, not GPX, or without waypoints. The message is
    a plain sentence naming the file."""


@dataclass(frozen=True)
class Waypoint:
    name: str
    lat: float
    lon: float
    elevation: float | None = None
    time: dt.datetime | None = None


def default_type(name: str) -> PointType:
    """A waypoint's point type by its name: BM, RP, SP, EP, E1, E2... (any case, spaces
    ignored); any other name is a turning point."""
    key = "".join(name.split()).upper()
    if key in _NAMED:
        return _NAMED[key]
    if _EVIDENCE.match(key):
        return PointType.EVIDENCE
    return PointType.TURNING


def parse_waypoints(data: bytes | str, source: str = "the file") -> list[Waypoint]:
    """The waypoints (`<wpt>`) of a GPX 1.0 or 1.1 document, in file order. Tracks and routes
    are left out: a team marks a site's corners as waypoints. Raises GpxError."""
    import gpxpy
    import gpxpy.gpx

    if isinstance(data, bytes):
        if len(data) > MAX_BYTES:
            raise GpxError(f"{source} is larger than {MAX_BYTES // 1_000_000} MB: not a GPS file")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise GpxError(f"{source} is not a GPX file (not UTF-8 text)") from exc
    else:
        text = data
    try:
        gpx = gpxpy.parse(text)
    except gpxpy.gpx.GPXXMLSyntaxException as exc:
        raise GpxError(f"{source} is not a GPX file (the XML cannot be read: {_first_line(exc)})") from exc
    except (gpxpy.gpx.GPXException, ValueError) as exc:
        raise GpxError(f"{source} is not a GPX file ({_first_line(exc)})") from exc
    out = []
    for n, w in enumerate(gpx.waypoints, 1):
        if w.latitude is None or w.longitude is None:
            continue
        name = (w.name or "").strip() or f"#{n}"
        out.append(Waypoint(name, float(w.latitude), float(w.longitude),
                            float(w.elevation) if w.elevation is not None else None, w.time))
    if not out:
        raise GpxError(f"{source} holds no waypoints: mark the site's points as waypoints on the GPS "
                       "(tracks are not read)")
    return out


def read_waypoints(path: str | Path) -> list[Waypoint]:
    """`parse_waypoints` of a file; a missing or unreadable file is a GpxError too."""
    p = Path(path)
    try:
        if p.stat().st_size > MAX_BYTES:
            raise GpxError(f"{p} is larger than {MAX_BYTES // 1_000_000} MB: not a GPS file")
        data = p.read_bytes()
    except OSError as exc:
        raise GpxError(f"cannot read {p}: {exc.strerror or exc}") from exc
    return parse_waypoints(data, str(p))


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]


def to_points(waypoints: Sequence[Waypoint],
              types: Sequence[PointType | str] | None = None) -> list[dict[str, Any]]:
    """safeland/1 points from waypoints in the order given, each with its type (default: by
    name). Perimeter points are numbered 1, 2, 3... in that order."""
    kinds = [PointType(t) for t in types] if types is not None else [default_type(w.name) for w in waypoints]
    if len(kinds) != len(waypoints):
        raise ValueError("one type per waypoint")
    points: list[dict[str, Any]] = []
    seq = 0
    for w, kind in zip(waypoints, kinds):
        p: dict[str, Any] = {"type": kind.value, "lat": round(w.lat, 7), "lon": round(w.lon, 7)}
        if kind in PERIMETER_TYPES:
            seq += 1
            p["seq"] = seq
        points.append(p)
    return points


def with_waypoint(issue: Issue, waypoints: Sequence[Waypoint],
                  types: Sequence[PointType | str] | None = None) -> Issue:
    """The issue with the waypoints it is about named in its message (for the CLI): a
    point's issue names its waypoint; a boundary that crosses itself names the two legs'."""
    name = waypoint_of(issue.loc, waypoints)
    if name:
        return replace(issue, message=f"{issue.message} (waypoint {name})")
    if issue.code == "polygon_self_intersecting" and len(issue.args) == 4:
        kinds = ([PointType(t) for t in types] if types is not None
                 else [default_type(w.name) for w in waypoints])
        ring = [w.name for w, k in zip(waypoints, kinds) if k in PERIMETER_TYPES]
        try:
            a, b, c, d = (ring[int(x) - 1] for x in issue.args)
        except (IndexError, ValueError):
            return issue
        return replace(issue, message=f"{issue.message} (waypoints {a} to {b} cross {c} to {d})")
    return issue


def waypoint_of(issue_loc: tuple, waypoints: Sequence[Waypoint]) -> str | None:
    """The waypoint an issue at `points[i]...` is about, by name, or None."""
    if len(issue_loc) >= 2 and issue_loc[0] == "points" and isinstance(issue_loc[1], int):
        i = issue_loc[1]
        if 0 <= i < len(waypoints):
            return waypoints[i].name
    return None
