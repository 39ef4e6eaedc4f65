"""The plain values the window shows and hands between threads: the rows the reads return
(`app.domain.queries` and the first screen read ahead, `app.domain.first_screen`), the filter
and keys of the reports list, and the `Changes` a write announces.

Plain dataclasses, no SQLAlchemy, no pydantic: the window's views import their types from here
and nothing of the data layer at module level, so that the first screen shows before SQLAlchemy
is imported (docs/architecture.md, "Who imports the data layer"). `queries` and `services` give
the same names (they import them from here).

Thread: any (frozen values).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from safeland_core.vocab import ReportStatus

from .counts import StatusCounts

__all__ = ["GROUPED", "HQ_STATES", "Changes", "DecidedReport", "DeviceCount", "Profile", "ReportFilter",
           "ReportKey", "ReportRow", "Review", "ReviewState", "Revision", "SiteSummary", "SiteTotals",
           "StatusCounts", "report_key"]


@dataclass(frozen=True)
class Profile:
    operator: str
    unit: str | None
    team: str | None
    team_leader: str | None
    language: str
    hq_url: str | None
    device_id: str | None
    enrolled: bool



@dataclass(frozen=True)
class SiteSummary:
    id: str
    reference: str
    name: str
    status: str
    hazard_type: str
    province_code: str
    district_code: str | None
    commune_code: str | None
    area_m2: float | None
    owner: str
    village_code: str | None = None  # the search finds sites by village name too



@dataclass(frozen=True)
class DeviceCount:
    category: str
    model: str
    quantity: int
    disposals: tuple[str, ...]


@dataclass(frozen=True)
class SiteTotals:
    area_m2: float | None
    cleared_m2: float
    reduced_m2: float
    cancelled_m2: float
    reports: int
    days_worked: int
    teams: tuple[str, ...]
    devices: tuple[DeviceCount, ...]
    first_date: dt.date | None
    last_date: dt.date | None

    @property
    def released_m2(self) -> float:
        return self.cleared_m2 + self.reduced_m2 + self.cancelled_m2

    @property
    def remaining_m2(self) -> float | None:
        if self.area_m2 is None:
            return None
        return max(self.area_m2 - self.released_m2, 0.0)

    @property
    def percent_released(self) -> float | None:
        if not self.area_m2:
            return None
        return min(100.0, 100.0 * self.released_m2 / self.area_m2)

    @property
    def devices_total(self) -> int:
        return sum(d.quantity for d in self.devices)



@dataclass(frozen=True)
class Revision:
    revision: int
    signed_by: str
    signed_at: dt.datetime
    reason: str | None
    hash: str
    prev_hash: str | None
    content: dict[str, Any]



@dataclass(frozen=True)
class ReportFilter:
    site_id: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    team: str | None = None
    status: str | None = None
    # Where the report's latest signed revision stands with HQ: "waiting" (in the outbox),
    # "sent" (HQ applied it), "refused" (HQ refused it, parked with its reason).
    hq: str | None = None


HQ_STATES = {"waiting": "PENDING", "sent": "APPLIED", "refused": "REFUSED"}


@dataclass(frozen=True)
class ReportRow:
    """One line of the reports list."""

    id: str
    date: dt.date
    site_reference: str
    activity: str
    team: str
    released_m2: float
    devices: int
    status: str
    revision: int
    outbox_state: str | None = None  # PENDING, APPLIED, REFUSED of the latest revision; None for a draft
    sent_at: dt.datetime | None = None  # when HQ confirmed the latest revision (UTC)
    review_reason: str | None = None
    review_by: str | None = None

    @property
    def hq(self) -> str | None:
        """"waiting", "sent" or "refused" (HQ_STATES), None for a draft or an imported copy."""
        return {v: k for k, v in HQ_STATES.items()}.get(self.outbox_state or "")



# The list's orders: by date, or by one of these columns then by date; ties by id. Each a
# column of ReportRow (the site's reference for "site").
GROUPED = {"site": "site_reference", "activity": "activity", "team": "team", "status": "status"}


@dataclass(frozen=True)
class ReportKey:
    """Where a row stands in the list's order (keyset paging): the value of the column sorted
    by (None when sorted by date), then its date, then its id."""

    group: str | None
    date: dt.date
    id: str


def report_key(row: ReportRow, sort: str) -> ReportKey:
    column = GROUPED.get(sort)
    return ReportKey(getattr(row, column) if column else None, row.date, row.id)



@dataclass(frozen=True)
class Review:
    """HQ's decision on one signed revision of a report."""

    revision: int
    decision: str  # ACCEPTED, RETURNED, REJECTED
    reason: str | None
    by: str | None
    at: dt.datetime | None  # HQ's clock, UTC


@dataclass(frozen=True)
class ReviewState:
    """Where a report stands with HQ, for the form's banner and the history."""

    report_id: str
    status: str
    revision: int
    current: Review | None  # the decision on the revision the laptop holds now, if any
    decisions: tuple[Review, ...]  # every decision pulled, oldest first
    outbox_state: str | None  # of the latest revision: PENDING, APPLIED, REFUSED
    sent_at: dt.datetime | None
    refusal_reason: str | None

    @property
    def last_returned(self) -> Review | None:
        """HQ's latest RETURNED decision, on this revision or an earlier one (for the amendment
        form: what HQ asked to correct)."""
        returned = [d for d in self.decisions if d.decision == ReportStatus.RETURNED]
        return returned[-1] if returned else None



@dataclass(frozen=True)
class DecidedReport:
    report_id: str
    date: dt.date
    site_reference: str
    status: str
    revision: int
    reason: str | None
    by: str | None


@dataclass(frozen=True)
class Changes:
    """What a write changed; views refresh only for what concerns them."""

    sites: bool = False
    reports: bool = False
    outbox: bool = False
    profile: bool = False
    report_ids: tuple[str, ...] = ()

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.sites or other.sites, self.reports or other.reports,
                       self.outbox or other.outbox, self.profile or other.profile,
                       self.report_ids + other.report_ids)
