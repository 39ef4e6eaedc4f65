"""safeland_core.utm against published coordinates (issue 11, point 17).

The reference pair is the example of GeographicLib's GeoConvert manual page (Charles Karney;
`GeoConvert -u` on "33.3 44.4" gives "38n 444140.54 3684706.36", WGS84), a conversion made by
an independent implementation of the transverse Mercator series (Karney 2011), not by PROJ.
The others are properties every UTM conversion has: the central meridian's easting is
500,000 m, the equator's northing 0, and a point on a zone boundary is mirrored across it.
"""
from __future__ import annotations

import pytest

from safeland_core import utm


def test_geoconvert_manual_example():
    p = utm.to_utm(33.3, 44.4)
    assert (p.zone, p.north) == (38, True)
    assert p.easting == pytest.approx(444140.54, abs=0.01)
    assert p.northing == pytest.approx(3684706.36, abs=0.01)
    lat, lon = utm.from_utm(38, 444140.54, 3684706.36)
    assert (lat, lon) == (pytest.approx(33.3, abs=1e-7), pytest.approx(44.4, abs=1e-7))


def test_central_meridian_and_equator_of_zone_48():
    p = utm.to_utm(0.0, 105.0)
    assert (p.zone, p.easting, p.northing) == (48, pytest.approx(500000.0, abs=1e-6),
                                              pytest.approx(0.0, abs=1e-6))
    assert utm.to_utm(12.5, 105.0).easting == pytest.approx(500000.0, abs=1e-6)


def test_the_47_48_boundary_at_102_east_is_mirrored():
    west = utm.to_utm(13.0, 102.0, zone=47)
    east = utm.to_utm(13.0, 102.0, zone=48)
    assert west.easting + east.easting == pytest.approx(1_000_000.0, abs=1e-3)
    assert west.northing == pytest.approx(east.northing, abs=1e-3)


def test_zone_of_cambodian_points():
    assert utm.to_utm(13.58790, 103.42230).label() == "48N " + " ".join(
        str(round(v)) for v in (utm.to_utm(13.58790, 103.42230).easting,
                                utm.to_utm(13.58790, 103.42230).northing))
    assert utm.zone_of(101.9) == 47 and utm.zone_of(102.0) == 48 and utm.zone_of(107.9) == 48


@pytest.mark.parametrize(("lat", "lon"), [(9.5, 102.0), (15.0, 108.0), (12.61060, 102.85450),
                                          (13.84240, 106.96520)])
def test_round_trip_within_a_millimetre(lat, lon):
    p = utm.to_utm(lat, lon)
    back = utm.from_utm(p.zone, p.easting, p.northing)
    assert back == (pytest.approx(lat, abs=1e-8), pytest.approx(lon, abs=1e-8))


def test_bad_figures_are_refused():
    with pytest.raises(ValueError):
        utm.from_utm(61, 500000, 1500000)
    with pytest.raises(ValueError):
        utm.from_utm(48, float("nan"), 1500000)
