"""UTM (WGS84) beside decimal degrees: Cambodian teams read zones 47N and 48N off their GPS and
maps. Conversions go through PROJ, not hand-written series. Pure functions, any thread.

Stored coordinates stay WGS84 decimal degrees; UTM is how a point may be typed and how it is
shown (screen and site sheet). A point is shown in the zone it lies in (47N west of 102° E is
rare in Cambodia, 48N covers most of the country) unless a zone is asked for.

Which PROJ: the library pyproj ships, called directly. `import pyproj` costs `safeland sheet`
0.13-0.16 s of CPU (its package imports its network and sync modules: `urllib.request`, `ssl`,
`hashlib`, `importlib.metadata`), about a tenth of the command, for the eight points of a
sheet; loading the same libproj through ctypes and making the operation costs 0.015 s. The
operation is the one pyproj makes itself: `Transformer.from_crs(4326, EPSG:326zz or 327zz,
always_xy=True)` is PROJ's pipeline "unitconvert deg->rad, utm zone=zz [south] ellps=WGS84"
(and its inverse), given here as that PROJ string, so PROJ needs no proj.db to build it. A test
(tests/sheets/test_utm_proj.py) keeps the strings equal to pyproj's definitions for every zone
and the figures equal to pyproj's to the last bit on thousands of points. Where that library
cannot be loaded so (another packaging of pyproj, another platform), pyproj is used as before.
"""
from __future__ import annotations

import ctypes
import importlib.machinery
import importlib.util
import logging
import math
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

log = logging.getLogger(__name__)

ZONES = (47, 48)  # the zones Cambodia lies in (northern hemisphere)

Convert = Callable[[float, float], tuple[float, float]]  # (x, y) -> (x, y), PROJ's axis order


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


def pipeline(code: int, inverse: bool = False) -> str:
    """PROJ's operation between WGS84 degrees (longitude first) and the UTM CRS EPSG:`code`,
    as PROJ itself gives it for `Transformer.from_crs(4326, code, always_xy=True)` (and back)."""
    zone, south = code % 100, code // 100 == 327
    utm = f"+proj=utm +zone={zone}{' +south' if south else ''} +ellps=WGS84"
    if inverse:
        return f"+proj=pipeline +step +inv {utm} +step +proj=unitconvert +xy_in=rad +xy_out=deg"
    return f"+proj=pipeline +step +proj=unitconvert +xy_in=deg +xy_out=rad +step {utm}"


class _Coord(ctypes.Structure):
    """PROJ's PJ_COORD: a union of four doubles (here x, y, z, t)."""

    _fields_ = [("v", ctypes.c_double * 4)]


_PJ_FWD = 1
_LogFunction = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.c_int, ctypes.c_char_p)


@_LogFunction
def _proj_said(_data: int | None, level: int, text: bytes | None) -> None:
    # PROJ's messages go to this log, not to stderr: a PROJ string needs no proj.db, and PROJ,
    # which looks for it all the same, would print "Cannot find proj.db" on every operation.
    log.debug("PROJ (level %d): %s", level, (text or b"").decode("utf-8", "replace"))


class _Proj:
    """PROJ's C API (proj.h) through ctypes, one context, one lock: a PROJ context and its
    operations are not to be used by two threads at once, and a conversion takes microseconds."""

    def __init__(self, lib: ctypes.CDLL) -> None:
        lib.proj_context_create.argtypes = []
        lib.proj_context_create.restype = ctypes.c_void_p
        lib.proj_log_func.argtypes = [ctypes.c_void_p, ctypes.c_void_p, _LogFunction]
        lib.proj_log_func.restype = None
        lib.proj_create.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
        lib.proj_create.restype = ctypes.c_void_p
        lib.proj_trans.argtypes = [ctypes.c_void_p, ctypes.c_int, _Coord]
        lib.proj_trans.restype = _Coord
        self._lib = lib
        self._lock = threading.Lock()
        self._ctx = lib.proj_context_create()
        if not self._ctx:
            raise OSError("PROJ made no context")
        lib.proj_log_func(self._ctx, None, _proj_said)

    def operation(self, definition: str) -> Convert:
        with self._lock:
            pj = self._lib.proj_create(self._ctx, definition.encode("ascii"))
        if not pj:
            raise OSError(f"PROJ refused {definition!r}")
        trans, lock = self._lib.proj_trans, self._lock

        def convert(x: float, y: float) -> tuple[float, float]:
            # as pyproj's transform of a 2D point passes it: z 0, no time (HUGE_VAL)
            coord = _Coord((ctypes.c_double * 4)(x, y, 0.0, math.inf))
            with lock:
                out = trans(pj, _PJ_FWD, coord)
            return out.v[0], out.v[1]

        return convert


@cache
def _library() -> _Proj | None:
    """PROJ from pyproj's wheel, without importing pyproj: dlopen one of its extension modules
    (never initialised as a module) and so the libproj it is linked with, whose functions are
    looked up through it. None where that does not work; pyproj is then imported."""
    try:
        spec = importlib.util.find_spec("pyproj")  # finds the package, does not run it
        if spec is None or not spec.submodule_search_locations:
            return None
        folder = Path(next(iter(spec.submodule_search_locations)))
        for suffix in importlib.machinery.EXTENSION_SUFFIXES:
            module = folder / f"_transformer{suffix}"
            if module.is_file():
                return _Proj(ctypes.CDLL(str(module)))
    except (OSError, AttributeError, ImportError, ValueError):
        return None
    return None


def _pyproj_operation(code: int, inverse: bool) -> Convert:
    from pyproj import Transformer

    source, target = (code, 4326) if inverse else (4326, code)
    transform = Transformer.from_crs(source, target, always_xy=True).transform

    def convert(x: float, y: float) -> tuple[float, float]:
        a, b = transform(x, y)
        return float(a), float(b)

    return convert


@lru_cache(maxsize=16)
def operation(code: int, inverse: bool = False, use_pyproj: bool = False) -> Convert:
    """WGS84 (lon, lat) -> EPSG:`code` (easting, northing), or back when `inverse`. Through
    pyproj when `use_pyproj` (the tests' oracle) or when its libproj cannot be called directly."""
    proj = None if use_pyproj else _library()
    if proj is None:
        return _pyproj_operation(code, inverse)
    try:
        return proj.operation(pipeline(code, inverse))
    except OSError:
        return _pyproj_operation(code, inverse)


def to_utm(lat: float, lon: float, zone: int | None = None) -> UTM:
    """WGS84 degrees -> UTM in `zone` (default: the zone the point lies in)."""
    z = zone or zone_of(lon)
    north = lat >= 0
    e, n = operation(epsg(z, north))(lon, lat)
    return UTM(z, e, n, north)


def from_utm(zone: int, easting: float, northing: float, north: bool = True) -> tuple[float, float]:
    """UTM -> WGS84 (lat, lon). Raises ValueError for a zone outside 1..60 or numbers that are
    not finite; whether the point lies in the country is the usual coordinate rule's job."""
    if not (math.isfinite(easting) and math.isfinite(northing)):
        raise ValueError("easting and northing must be numbers")
    lon, lat = operation(epsg(zone, north), inverse=True)(easting, northing)
    if not (math.isfinite(lat) and math.isfinite(lon)):
        raise ValueError("these UTM figures give no point on the earth")
    return lat, lon
