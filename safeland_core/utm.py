"""UTM (WGS84) beside decimal degrees: Cambodian teams read zones 47N and 48N off their GPS and
maps. Conversions go through PROJ (pyproj), not hand-written series. Pure functions, any thread.

Stored coordinates stay WGS84 decimal degrees; UTM is how a point may be typed and how it is
shown (screen and site sheet). A point is shown in the zone it lies in (47N west of 102° E is
rare in Cambodia, 48N covers most of the country) unless a zone is asked for.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from pyproj import Transformer

ZONES = (47, 48)  # the zones Cambodia lies in (northern hemisphere)


@dataclass(frozen=True)
class UTM:
    zone: int
    easting: float
    northing: float
    north: bool = True

    def label(self) -> str:
        """As printed on the sheet and shown on screen: "48N 712345 1520345" (whole metres)."""
        return (f"{self.zone}{'N' if self.north else 'S'} "
                f"{round(self.easting):d} {round(self.northing):d}")


def zone_of(lon: float) -> int:
    """The standard 6° UTM zone of a longitude (no Norway/Svalbard exceptions near Cambodia)."""
    return int(math.floor((lon + 180.0) / 6.0)) % 60 + 1


def epsg(zone: int, north: bool = True) -> int:
    if not 1 <= zone <= 60:
        raise ValueError(f"UTM zone must be between 1 and 60 (got {zone})")
    return (32600 if north else 32700) + zone


@lru_cache(maxsize=8)
def _to_utm(code: int) -> Transformer:
    return Transformer.from_crs(4326, code, always_xy=True)


@lru_cache(maxsize=8)
def _from_utm(code: int) -> Transformer:
    return Transformer.from_crs(code, 4326, always_xy=True)


def to_utm(lat: float, lon: float, zone: int | None = None) -> UTM:
    """WGS84 degrees -> UTM in `zone` (default: the zone the point lies in)."""
    z = zone or zone_of(lon)
    north = lat >= 0
    e, n = _to_utm(epsg(z, north)).transform(lon, lat)
    return UTM(z, float(e), float(n), north)


def from_utm(zone: int, easting: float, northing: float, north: bool = True) -> tuple[float, float]:
    """UTM -> WGS84 (lat, lon). Raises ValueError for a zone outside 1..60 or numbers that are
    not finite; whether the point lies in the country is the usual coordinate rule's job."""
    if not (math.isfinite(easting) and math.isfinite(northing)):
        raise ValueError("easting and northing must be numbers")
    lon, lat = _from_utm(epsg(zone, north)).transform(easting, northing)
    if not (math.isfinite(lat) and math.isfinite(lon)):
        raise ValueError("these UTM figures give no point on the earth")
    return float(lat), float(lon)
