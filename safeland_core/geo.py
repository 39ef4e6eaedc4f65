"""Geodesy on the WGS84 ellipsoid (geographiclib) and polygon validity (shapely/GEOS).

Teams often measure a point as a bearing and distance from the previous point; we turn those
into coordinates with the direct geodesic problem, and measure areas and leg lengths with the
inverse one, so figures match what a GPS or QGIS would say. Pure functions, safe on any thread.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from geographiclib.geodesic import Geodesic
from geographiclib.polygonarea import PolygonArea

WGS84 = Geodesic.WGS84

# The country profile: where coordinates may lie (DESIGN.md, default Cambodia).
@dataclass(frozen=True)
class CountryProfile:
    name: str
    lat_min: float
    lat_max: float
    lon_min: float
    lon_max: float
    utc_offset_hours: int  # the country's clock (Cambodia: UTC+7, no daylight saving)

    def contains(self, lat: float, lon: float) -> bool:
        return self.lat_min <= lat <= self.lat_max and self.lon_min <= lon <= self.lon_max

    def today(self) -> dt.date:
        """Today where the work is done, or where this machine is if that is later: a report
        dated today in Phnom Penh is not "in the future" on an HQ server that runs on UTC."""
        local = (dt.datetime.now(dt.UTC) + dt.timedelta(hours=self.utc_offset_hours)).date()
        return max(local, dt.date.today())


CAMBODIA = CountryProfile("Cambodia", 9.5, 15.0, 102.0, 108.0, 7)

MAX_LEG_M = 5000.0  # GICHD geocheck: no two consecutive perimeter points more than 5 km apart
CLOSE_TOLERANCE_M = 1.0  # an explicit closing point within 1 m of the first counts as the same point


def destination(lat: float, lon: float, bearing_deg: float, distance_m: float) -> tuple[float, float]:
    """The point `distance_m` metres from (lat, lon) along initial bearing `bearing_deg` (true north)."""
    g = WGS84.Direct(lat, lon, bearing_deg, distance_m)
    return round(g["lat2"], 7), round(g["lon2"], 7)


Located = tuple[float | None, float | None, float | None, float | None]  # lat, lon, bearing, distance


def chain(points: Iterable[Located]) -> Iterator[tuple[float, float] | None]:
    """Each point's coordinates, in order: a point measured by bearing and distance from the
    last point before it that has coordinates (geodesically), any other from its lat/lon; None
    for a measured point with no point before it. Raises ValueError for a point with neither
    (the schema's PointIn refuses such a point)."""
    last: tuple[float, float] | None = None
    for lat, lon, bearing, distance in points:
        if bearing is not None and distance is not None:
            if last is None:
                yield None
                continue
            last = destination(last[0], last[1], bearing, distance)
        elif lat is not None and lon is not None:
            last = (lat, lon)
        else:
            raise ValueError("a point has neither lat/lon nor bearing/distance")
        yield last


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    return WGS84.Inverse(lat1, lon1, lat2, lon2)["s12"]


def bearing_distance(lat1: float, lon1: float, lat2: float, lon2: float) -> tuple[float, float]:
    """Initial bearing (0-360, true north) and distance in metres from point 1 to point 2."""
    g = WGS84.Inverse(lat1, lon1, lat2, lon2)
    return g["azi1"] % 360.0, g["s12"]


def ring_area_m2(ring: list[tuple[float, float]]) -> float:
    """Geodesic area in m² of a ring of (lat, lon), open or closed."""
    pts = _open_ring(ring)
    if len(pts) < 3:
        return 0.0
    poly = PolygonArea(WGS84, False)
    for lat, lon in pts:
        poly.AddPoint(lat, lon)
    _, _, area = poly.Compute(False, True)
    return abs(area)


def _open_ring(ring: list[tuple[float, float]]) -> list[tuple[float, float]]:
    pts = list(ring)
    if len(pts) > 1 and distance_m(*pts[0], *pts[-1]) <= CLOSE_TOLERANCE_M:
        pts = pts[:-1]
    return pts


@dataclass(frozen=True)
class RingProblem:
    code: str
    message: str
    index: int | None = None  # index into the ring given, when one point is to blame
    args: tuple[str, ...] = ()  # the figures a translated message needs (validation.Issue.args)


def check_ring(ring: list[tuple[float, float]]) -> list[RingProblem]:
    """GICHD-style geochecks on a perimeter given as (lat, lon) in order.

    The ring closes itself from the last point back to the first; a last point repeating the
    first is accepted as an explicit closure. Rules: at least 3 distinct points, no leg (the
    closing leg included) longer than 5 km, a valid simple polygon (no self-intersection) with
    an area.
    """
    pts = _open_ring(ring)
    distinct = {(round(lat, 7), round(lon, 7)) for lat, lon in pts}
    if len(distinct) < 3:
        return [RingProblem("polygon_too_few_points",
                            f"a polygon needs at least 3 distinct turning points, found {len(distinct)}",
                            args=(str(len(distinct)),))]
    problems: list[RingProblem] = []
    n = len(pts)
    for i in range(n):
        j = (i + 1) % n
        leg = distance_m(*pts[i], *pts[j])
        if leg > MAX_LEG_M:
            what = "closing leg" if j == 0 else f"leg {i + 1}-{j + 1}"
            problems.append(RingProblem(
                "polygon_leg_too_long",
                f"{what} is {leg / 1000:.2f} km long; consecutive points may be at most 5 km apart",
                index=j, args=(str(i + 1), str(j + 1), f"{leg / 1000:.2f}")))
    # shapely (GEOS, with numpy) is imported here, not at start-up: only checks need it.
    from shapely.geometry import Polygon
    from shapely.validation import explain_validity

    # shapely works in the plane; for areas of a few km² lon/lat is fine for topology.
    poly = Polygon([(lon, lat) for lat, lon in pts])
    if not poly.is_valid:
        legs = crossing_legs(pts)
        if legs is not None:
            (a, b), (c, d) = legs
            problems.append(RingProblem(
                "polygon_self_intersecting",
                f"the boundary crosses itself: leg {a}-{b} crosses leg {c}-{d}",
                args=(str(a), str(b), str(c), str(d))))
        else:
            problems.append(RingProblem("polygon_self_intersecting",
                                        f"the polygon is not simple: {explain_validity(poly)}"))
    elif ring_area_m2(pts) < 1.0:
        problems.append(RingProblem("polygon_not_closed",
                                    "the points do not enclose an area (they lie on one line)"))
    return problems


def crossing_legs(pts: list[tuple[float, float]]) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """The first two legs of an open ring of (lat, lon) that cross, as 1-based point numbers
    ((1, 2), (3, 4)); None when no two legs cross (the ring is invalid another way) or the ring
    is too long to search pair by pair."""
    from shapely.geometry import LineString

    n = len(pts)
    if n > 2000:
        return None
    segs = [LineString([(pts[i][1], pts[i][0]), (pts[(i + 1) % n][1], pts[(i + 1) % n][0])])
            for i in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            if j == i + 1 or (i == 0 and j == n - 1):
                if segs[i].overlaps(segs[j]) or segs[i].contains(segs[j]) or segs[j].contains(segs[i]):
                    return (i + 1, (i + 1) % n + 1), (j + 1, (j + 1) % n + 1)
                continue  # neighbours share an end point
            if segs[i].intersects(segs[j]):
                return (i + 1, (i + 1) % n + 1), (j + 1, (j + 1) % n + 1)
    return None


# --- sites among each other (GICHD geocheck: overlaps) ----------------------------------------

BBox = tuple[float, float, float, float]  # min lat, min lon, max lat, max lon


def bbox(ring: list[tuple[float, float]] | tuple[tuple[float, float], ...]) -> BBox:
    lats = [lat for lat, _ in ring]
    lons = [lon for _, lon in ring]
    return min(lats), min(lons), max(lats), max(lons)


def bbox_meet(a: BBox, b: BBox) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


def overlap_m2(ring_a: list[tuple[float, float]], ring_b: list[tuple[float, float]]) -> float:
    """Geodesic area in m² shared by two perimeters of (lat, lon). The intersection is found in
    the plane by shapely (fine for topology at a few km); its area is measured on the ellipsoid.
    An invalid ring (checked elsewhere) is mended with a zero buffer rather than raising."""
    from shapely.geometry import Polygon

    a = Polygon([(lon, lat) for lat, lon in _open_ring(ring_a)])
    b = Polygon([(lon, lat) for lat, lon in _open_ring(ring_b)])
    if not a.is_valid:
        a = a.buffer(0)
    if not b.is_valid:
        b = b.buffer(0)
    shared = a.intersection(b)
    total = 0.0
    for poly in getattr(shared, "geoms", [shared]):
        if poly.geom_type != "Polygon" or poly.is_empty:
            continue  # a shared edge or corner has no area
        total += ring_area_m2([(lat, lon) for lon, lat in poly.exterior.coords])
        total -= sum(ring_area_m2([(lat, lon) for lon, lat in hole.coords]) for hole in poly.interiors)
    return max(total, 0.0)
