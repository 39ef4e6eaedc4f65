"""The `safeland/1` interchange format as pydantic v2 models.

These models are the shape of the data everywhere it crosses a boundary: the report form, import
and export, sync batches and HQ. Field names are stable: add fields, never rename. Rules that need
one field only live here as field constraints or validators raising `PydanticCustomError` with a
stable code; rules across fields, records or the database live in `validation.py`.
"""
from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator
from pydantic_core import PydanticCustomError

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

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
OptText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)] | None
Code = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^\d{2,8}$")]
Area = Annotated[float, Field(ge=0, le=100_000_000)]  # m²; 100 km² is far above any one record
Depth = Annotated[int, Field(ge=0, le=500)]  # cm
Lat = Annotated[float, Field(ge=-90, le=90)]
Lon = Annotated[float, Field(ge=-180, le=180)]


class _Model(BaseModel):
    # Unknown fields are ignored so a newer safeland/1 file (which only adds fields) still reads.
    model_config = ConfigDict(extra="ignore", use_enum_values=False, str_strip_whitespace=True)


class PointIn(_Model):
    """A point of a site. Either lat/lon, or bearing/distance from the previous point."""

    type: PointType
    seq: Annotated[int, Field(ge=0, le=10_000)] | None = None
    lat: Lat | None = None
    lon: Lon | None = None
    bearing_deg: Annotated[float, Field(ge=0, lt=360)] | None = None
    distance_m: Annotated[float, Field(gt=0, le=100_000)] | None = None

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
    reference: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]
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


class ItemIn(_Model):
    category: EOCategory
    model: Text
    quantity: Annotated[int, Field(ge=1, le=100_000)]
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
    site_reference: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]
    date: dt.date
    activity: Activity
    assets: Annotated[list[Asset], Field(min_length=1)]
    team: Text
    team_leader: Text
    personnel: Annotated[int, Field(ge=1, le=200)]
    hours_worked: Annotated[float, Field(ge=0, le=24)]
    area_cleared_m2: Area = 0
    area_reduced_m2: Area = 0
    area_cancelled_m2: Area = 0
    clearance_depth_cm: Depth | None = None
    items: list[ItemIn] = Field(default_factory=list)
    notes: Annotated[str, StringConstraints(max_length=10_000)] = ""
    status: ReportStatus = ReportStatus.DRAFT
    # Written by export, read back by import:
    revision: Annotated[int, Field(ge=0)] = 0
    amend_reason: str | None = None
    review_reason: str | None = None
    signed_at: dt.datetime | None = None
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None
    hash: str | None = None
    prev_hash: str | None = None

    @field_validator("date")
    @classmethod
    def _date_in_range(cls, value: dt.date) -> dt.date:
        if value > CAMBODIA.today():
            raise PydanticCustomError("date_in_future", "the date {date} is in the future",
                                      {"date": value.isoformat()})
        if value < EARLIEST_DATE:
            raise PydanticCustomError("date_too_early", "the date {date} is before 1992",
                                      {"date": value.isoformat()})
        return value

    @property
    def released_m2(self) -> float:
        return self.area_cleared_m2 + self.area_reduced_m2 + self.area_cancelled_m2


class Document(_Model):
    """A whole safeland/1 file. Records are validated one by one (see validation.py)."""

    format: Literal["safeland/1"]
    sites: list[dict] = Field(default_factory=list)
    reports: list[dict] = Field(default_factory=list)
