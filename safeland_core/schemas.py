"""The `safeland/1` interchange format as pydantic v2 models.

These models are the shape of the data everywhere it crosses a boundary: the report form, import
and export, sync batches and HQ. Field names are stable: add fields, never rename. Rules that need
one field only live here as field constraints or validators raising `PydanticCustomError` with a
stable code; rules across fields, records or the database live in `validation.py`.
"""
from __future__ import annotations

import datetime as dt
import re
import time
import uuid
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    StringConstraints,
    model_validator,
)
from pydantic_core import CoreSchema, PydanticCustomError, core_schema

from .geo import CAMBODIA
from .vocab import (
    Activity,
    Asset,
    Condition,
    Contamination,
    Disposal,
    EOCategory,
    HazardType,
    LandUse,
    PointType,
    ReportStatus,
    SiteStatus,
)

FORMAT = "safeland/1"
EARLIEST_DATE = dt.date(1992, 1, 1)  # mine action records in Cambodia start in 1992

# Text rules, on every string field: no NUL character and no lone surrogate (neither can be
# stored by PostgreSQL, nor encoded as UTF-8), within the limits of HQ's columns (String(64)
# references and hashes, String(200) names).
BAD_TEXT = re.compile("[\x00\ud800-\udfff]")


def clean_text(value: str) -> str:
    """The text rule (code `bad_text`): refuse a NUL character or a lone surrogate. The message
    names the character by its code point, never by itself (it could not be printed)."""
    bad = BAD_TEXT.search(value)
    if bad:
        char = bad.group()
        what = "a NUL character" if char == "\x00" else "a lone surrogate"
        raise PydanticCustomError("bad_text", "contains {what} (U+{point}) at position {pos}",
                                  {"what": what, "point": f"{ord(char):04X}", "pos": bad.start()})
    return value


def _number(value: object) -> object:
    """Strict numbers: a number in the file, not text ("7") and not a boolean (true is not 1).
    An int field still takes 7.0, a float field takes 7."""
    if isinstance(value, (bool, str, bytes, bytearray)):
        kind = "a boolean" if isinstance(value, bool) else "text"
        raise PydanticCustomError("wrong_type", "expected a number, got {kind}", {"kind": kind})
    return value


# A field whose rule is a Python function (above, and _date_in_range below) is checked first by
# pydantic-core alone, with a core constraint that accepts only values the function would pass
# (a number: pydantic-core's strict mode; a text: no NUL; a date: before today in Cambodia);
# only what that refuses goes through the Python function, which then decides, as before. The
# Python calls were a third of validating a report (26 numbers, 9 texts and the date of a
# report with five items, issue 14). The two are the branches of a left-to-right union, so a
# value refused by both carries each branch's errors, tagged with its branch in `loc`:
# validation.issues_from_pydantic keeps the Python branch's (the errors users always saw) and
# drops the core branch's. tests/unit/test_schema_same_answers.py holds every value and error
# to those of the models before (tests/unit/data/schemas_before.py).
CORE_BRANCH = "core-first[pydantic-core]"
PYTHON_BRANCH = "rule[python]"
NO_NUL = "^[^\\x00]*$"  # pydantic-core refuses a lone surrogate itself (string_unicode)


class _CoreFirst:
    """Annotated metadata, written after the field's Python validator: the field's schema
    without that validator and with `constraints` in its place, tried first (CORE_BRANCH); the
    field's schema as written second (PYTHON_BRANCH). `constraints` must accept no value the
    validator would refuse, and change none it would pass."""

    def __init__(self, **constraints: Any) -> None:
        self.constraints = constraints

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        rule = handler(source)
        if rule["type"] not in ("function-before", "function-after"):
            raise TypeError(f"_CoreFirst follows a BeforeValidator or AfterValidator, not {rule['type']}")
        core = dict(rule["schema"])
        if any(k in core for k in self.constraints):
            raise TypeError(f"_CoreFirst would replace a constraint of {core}")
        core.update(self.constraints)
        # Written out as the rule's own schema writes it (a union's serializer would warn of a
        # default that is not of the field's type: an area's 0).
        return core_schema.union_schema([(core, CORE_BRANCH), (rule, PYTHON_BRANCH)],
                                        mode="left_to_right",
                                        serialization=core_schema.simple_ser_schema(core["type"]))


_STRICT = _CoreFirst(strict=True)  # an int or float (not a bool, not text); an int field an int
_NO_NUL = _CoreFirst(pattern=NO_NUL)


MAX_NAME = 200  # HQ's String(200) columns (operator, unit) and every name
MAX_REFERENCE = 64  # HQ's String(64) columns: sites.reference, reports.site_reference
MAX_HASH = 64  # HQ's reports.hash String(64); a sha256 in hex is 64 characters
MAX_NOTES = 10_000
MAX_REVISION = 1_000_000  # HQ's reports.revision is a PostgreSQL integer

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_NAME),
                 AfterValidator(clean_text), _NO_NUL]
# Each text alias spelled out (a type checker reads no alias a function builds).
OptText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=0, max_length=MAX_NAME),
                    AfterValidator(clean_text), _NO_NUL] | None
Reference = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_REFERENCE),
                      AfterValidator(clean_text), _NO_NUL]
LongText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=0, max_length=MAX_NOTES),
                     AfterValidator(clean_text), _NO_NUL]
Hash = Annotated[str, StringConstraints(strip_whitespace=True, min_length=0, max_length=MAX_HASH),
                 AfterValidator(clean_text), _NO_NUL]
Code = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^\d{2,8}$")]
# Numbers: the bounds first, then the strictness check, then _STRICT (_CoreFirst, above). A
# bound written after a BeforeValidator is checked by a Python function pydantic wraps around the
# field (two Python calls a number, half the time of validating a report); written before it,
# pydantic-core checks it in the number's own schema. The checks, their order and their errors
# are the same.
Int = Annotated[int, BeforeValidator(_number), _STRICT]
Float = Annotated[float, BeforeValidator(_number), _STRICT]
# m²; 100 km² is far above any one record
Area = Annotated[float, Field(ge=0, le=100_000_000), BeforeValidator(_number), _STRICT]
Depth = Annotated[int, Field(ge=0, le=500), BeforeValidator(_number), _STRICT]  # cm
Lat = Annotated[float, Field(ge=-90, le=90), BeforeValidator(_number), _STRICT]
Lon = Annotated[float, Field(ge=-180, le=180), BeforeValidator(_number), _STRICT]

# Every time zone's offset is a whole number of quarter hours, so a calendar date anywhere
# changes only at a quarter hour of UTC: CAMBODIA.today() holds until the next one. Read once a
# quarter hour instead of once a report (the machine's local date costs a look at its time zone,
# a fifth of validating a report at HQ). (valid from, valid until: time.time(); the date)
_QUARTER_HOUR = 900.0
_today: tuple[float, float, dt.date] = (0.0, 0.0, EARLIEST_DATE)


def _latest_today() -> dt.date:
    """CAMBODIA.today(): the later of today in Cambodia and on this machine."""
    global _today
    start, until, day = _today
    now = time.time()
    if not start <= now < until:  # a new quarter hour, or the clock was set back
        start = now // _QUARTER_HOUR * _QUARTER_HOUR
        day = CAMBODIA.today()
        _today = (start, start + _QUARTER_HOUR, day)
    return day


def _date_in_range(value: dt.date) -> dt.date:
    """The date of information: not after today (here or in Cambodia), not before 1992."""
    if value > _latest_today():
        raise PydanticCustomError("date_in_future", "the date {date} is in the future",
                                  {"date": value.isoformat()})
    if value < EARLIEST_DATE:
        raise PydanticCustomError("date_too_early", "the date {date} is before 1992",
                                  {"date": value.isoformat()})
    return value


# In pydantic-core first: from 1992 to yesterday in Cambodia (UTC+7; today there is never
# later than the later of today there and here, which _date_in_range allows).
Date = Annotated[dt.date, AfterValidator(_date_in_range),
                 _CoreFirst(ge=EARLIEST_DATE, now_op="past", now_utc_offset=CAMBODIA.utc_offset_hours * 3600)]


class _Model(BaseModel):
    # Unknown fields are ignored so a newer safeland/1 file (which only adds fields) still reads.
    model_config = ConfigDict(extra="ignore", use_enum_values=False, str_strip_whitespace=True)


class PointIn(_Model):
    """A point of a site. Either lat/lon, or bearing/distance from the previous point."""

    type: PointType
    seq: Annotated[int, Field(ge=0, le=10_000), BeforeValidator(_number), _STRICT] | None = None
    lat: Lat | None = None
    lon: Lon | None = None
    bearing_deg: Annotated[float, Field(ge=0, lt=360), BeforeValidator(_number), _STRICT] | None = None
    distance_m: Annotated[float, Field(gt=0, le=100_000), BeforeValidator(_number), _STRICT] | None = None

    @model_validator(mode="after")
    def _position_given(self) -> PointIn:
        has_ll = self.lat is not None and self.lon is not None
        has_bd = self.bearing_deg is not None and self.distance_m is not None
        if not has_ll and not has_bd:
            raise PydanticCustomError(
                "point_position_missing",
                "give lat and lon, or bearing_deg and distance_m from the previous point")
        return self

    @property
    def measured(self) -> bool:
        """True when the point was given as bearing and distance."""
        return self.bearing_deg is not None and self.distance_m is not None


class SiteIn(_Model):
    id: uuid.UUID | None = None
    reference: Reference
    name: Text
    hazard_type: HazardType
    contamination: Annotated[list[Contamination], Field(min_length=1)]
    status: SiteStatus = SiteStatus.OPEN
    operator: Text
    unit: OptText = None
    province_code: Code
    district_code: Code | None = None
    commune_code: Code | None = None
    village_code: Code | None = None
    area_m2: Area | None = None
    intended_land_use: LandUse | None = None
    points: list[PointIn] = Field(default_factory=list)
    # Written by export, read back by import:
    owner: Literal["DEVICE", "HQ"] | None = None
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None
    # A site found in the field and proposed to HQ (docs/format.md, "Sites found in the field"):
    # PROPOSED (waiting for HQ), CONFIRMED (HQ took it), RETURNED (HQ's reason in
    # proposal_reason); the provisional reference the laptop gave it, kept once HQ gives the
    # national one. None for sites HQ assigned.
    proposal_state: Literal["PROPOSED", "CONFIRMED", "RETURNED"] | None = None
    proposal_reason: LongText | None = None
    provisional_reference: Reference | None = None


PROPOSAL_STATES = ("PROPOSED", "CONFIRMED", "RETURNED")
# The provisional reference of a site found in the field: `PROV-<unit>-<8 hex of its id>`. No
# national reference starts so (they read like `BS/CHA/CMAA/60222`), and HQ refuses to confirm
# a site under a reference that does.
PROVISIONAL_PREFIX = "PROV-"


class ItemIn(_Model):
    category: EOCategory
    model: Text
    quantity: Annotated[int, Field(ge=1, le=100_000), BeforeValidator(_number), _STRICT]
    condition: Condition = Condition.UNKNOWN
    depth_cm: Depth | None = None
    disposal: Disposal
    lat: Lat | None = None
    lon: Lon | None = None

    @model_validator(mode="after")
    def _both_coordinates(self) -> ItemIn:
        if (self.lat is None) != (self.lon is None):
            raise PydanticCustomError("coordinates_incomplete", "give both lat and lon, or neither")
        return self


class ReportIn(_Model):
    id: uuid.UUID | None = None
    site_reference: Reference
    date: Date
    activity: Activity
    assets: Annotated[list[Asset], Field(min_length=1)]
    team: Text
    team_leader: Text
    personnel: Annotated[int, Field(ge=1, le=200), BeforeValidator(_number), _STRICT]
    hours_worked: Annotated[float, Field(ge=0, le=24), BeforeValidator(_number), _STRICT]
    area_cleared_m2: Area = 0
    area_reduced_m2: Area = 0
    area_cancelled_m2: Area = 0
    clearance_depth_cm: Depth | None = None
    items: list[ItemIn] = Field(default_factory=list)
    notes: LongText = ""
    status: ReportStatus = ReportStatus.DRAFT
    # Written by export, read back by import:
    revision: Annotated[int, Field(ge=0, le=MAX_REVISION), BeforeValidator(_number), _STRICT] = 0
    amend_reason: LongText | None = None
    review_reason: LongText | None = None
    signed_at: dt.datetime | None = None
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None
    hash: Hash | None = None
    prev_hash: Hash | None = None

    @property
    def released_m2(self) -> float:
        return self.area_cleared_m2 + self.area_reduced_m2 + self.area_cancelled_m2


class Document(_Model):
    """A whole safeland/1 file. Records are validated one by one (see validation.py)."""

    format: Literal["safeland/1"]
    sites: list[dict] = Field(default_factory=list)
    reports: list[dict] = Field(default_factory=list)
