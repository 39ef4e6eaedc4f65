"""The sheet's UTM column comes from PROJ called directly (safeland_core.utm, no `import
pyproj`): the same figures as pyproj's Transformer, to the last bit.

pyproj is the oracle here: its `Transformer.from_crs(4326, EPSG:326zz/327zz, always_xy=True)`
and back. The direct path gives PROJ the operation as a PROJ string; these tests keep that
string equal to the one pyproj's PROJ makes for every zone, and the numbers equal on thousands
of points: in Cambodia, across zones 47 and 48 and their boundary, on every zone of both
hemispheres, and off the earth (where both say "no point").
"""
from __future__ import annotations

import math
import random

import pytest
from pyproj import Transformer

from safeland_core import utm

CODES = [utm.epsg(zone, north) for zone in range(1, 61) for north in (True, False)]


def test_the_direct_path_is_the_one_used_here():
    """Else every test below would compare pyproj with itself."""
    assert utm._library() is not None
    assert utm.operation(32648) is not utm.operation(32648, use_pyproj=True)


@pytest.mark.parametrize("inverse", [False, True])
def test_the_operation_is_the_one_pyproj_makes_for_every_zone(inverse):
    for code in CODES:
        source, target = (code, 4326) if inverse else (4326, code)
        theirs = Transformer.from_crs(source, target, always_xy=True).definition
        assert utm.pipeline(code, inverse).replace("+", "") == theirs, code


def _same(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return all(x == y or (not math.isfinite(x) and not math.isfinite(y)) for x, y in zip(a, b))


def test_cambodian_points_to_utm_equal_pyproj_to_the_bit():
    rnd = random.Random(14)
    points = [(rnd.uniform(9.5, 15.0), rnd.uniform(101.8, 108.0)) for _ in range(4000)]
    points += [(13.0 + i / 100, 102.0) for i in range(100)]  # the 47/48 boundary
    for zone in (47, 48, None):
        for lat, lon in points:
            z = zone or utm.zone_of(lon)
            ours = utm.to_utm(lat, lon, zone)
            theirs = utm.operation(utm.epsg(z), use_pyproj=True)(lon, lat)
            assert (ours.easting, ours.northing) == theirs, (lat, lon, zone)


def test_every_zone_both_ways_equals_pyproj():
    rnd = random.Random(3)
    for code in CODES:
        zone = code % 100
        central = -183.0 + 6 * zone
        forward = utm.operation(code)
        forward_oracle = utm.operation(code, use_pyproj=True)
        back = utm.operation(code, inverse=True)
        back_oracle = utm.operation(code, inverse=True, use_pyproj=True)
        for _ in range(60):
            lon, lat = central + rnd.uniform(-4.0, 4.0), rnd.uniform(-84.0, 84.0)
            assert forward(lon, lat) == forward_oracle(lon, lat), (code, lon, lat)
            e, n = rnd.uniform(150_000, 850_000), rnd.uniform(0, 9_300_000)
            assert back(e, n) == back_oracle(e, n), (code, e, n)


def test_off_the_earth_both_say_no_point():
    wild = [(0.0, 91.0), (200.0, 10.0), (105.0, -95.0), (math.inf, 0.0), (math.nan, 13.0),
            (280.0, 89.99)]
    for lon, lat in wild:
        assert _same(utm.operation(32648)(lon, lat),
                     utm.operation(32648, use_pyproj=True)(lon, lat)), (lon, lat)
    for e, n in [(1e12, 1e12), (-5e9, 3.0), (500_000.0, 1e15)]:
        assert _same(utm.operation(32648, inverse=True)(e, n),
                     utm.operation(32648, inverse=True, use_pyproj=True)(e, n)), (e, n)
        if not all(map(math.isfinite, utm.operation(32648, inverse=True)(e, n))):
            with pytest.raises(ValueError):
                utm.from_utm(48, e, n)
