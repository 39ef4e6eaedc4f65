"""Everything a site sheet shows, gathered from the field database into plain frozen dataclasses.

Read only (one read session per query, never a write) and free of Qt, so it can run on the query
worker and be tested without a display. `render.py` draws what this returns.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select

from safeland_core import gazetteer
from safeland_core.gazetteer import Place
from safeland_core.utm import to_utm
from safeland_core.validation import ResolvedPoint, perimeter
from safeland_core.vocab import PERIMETER_TYPES, PointType, ReportStatus

from ..db import Database
from ..domain.queries import SiteTotals, get_site, site_totals
from ..models import Item, OutboxEntry, Report


class SiteNotFound(LookupError):
    """No site has this reference (or id). The message is for the user."""

    def __init__(self, reference: str):
        self.reference = reference
        super().__init__(f"no site with reference {reference!r} in this database")


@dataclass(frozen=True)
class SheetPoint:
    """One row of the points table and one mark on the sketch."""

    type: str  # PointType value
    label: str  # what the sketch and the table print: "1", "2", "BM", "RP", "E1"
    lat: float
    lon: float
    bearing_deg: float | None
    distance_m: float | None
    utm: str = ""  # "48N 330139 1502930": zone, easting, northing (WGS84, whole metres)


@dataclass(frozen=True)
class LogRow:
    """One daily report, as the daily log prints it."""

    date: dt.date
    team: str
    activity: str
    assets: tuple[str, ...]
    cleared_m2: float
    reduced_m2: float
    cancelled_m2: float
    devices: int
    status: str  # ReportStatus value
    revision: int


@dataclass(frozen=True)
class DeviceLine:
    """Devices of one category and model found at the site, with how many went each way."""

    category: str
    model: str
    quantity: int
    disposals: tuple[tuple[str, int], ...]  # (Disposal value, quantity), largest first


@dataclass(frozen=True)
class SheetData:
    reference: str
    name: str
    operator: str
    unit: str | None
    hazard_type: str
    status: str
    contamination: tuple[str, ...]
    intended_land_use: str | None
    places: tuple[Place, ...]  # province first; unknown codes left out
    points: tuple[SheetPoint, ...]  # as entered (the points table)
    ring: tuple[SheetPoint, ...]  # perimeter in polygon order (the sketch); () when none
    totals: SiteTotals
    devices: tuple[DeviceLine, ...]  # by category, then model
    log: tuple[LogRow, ...]  # by date of information, then team
    drafts: int  # reports of the site not yet signed
    pending: int  # signed revisions of the site's reports waiting in the outbox
    refused: int  # revisions HQ refused (they reached HQ but were parked)
    printed_on: dt.datetime

    @property
    def data_as_of(self) -> dt.date | None:
        """The latest date of information among the site's reports."""
        return self.totals.last_date

    @property
    def all_sent(self) -> bool:
        """Whether everything on the sheet has reached HQ: no draft, nothing waiting."""
        return self.drafts == 0 and self.pending == 0

    @property
    def has_polygon(self) -> bool:
        return len(self.ring) >= 3


def _labelled(points: list[ResolvedPoint]) -> tuple[list[SheetPoint], list[SheetPoint]]:
    """Give each point the label the sheet prints, and the perimeter ring in polygon order."""
    ring_pts = perimeter(points)
    ring_label = {id(p): str(p.seq if p.seq is not None else n + 1) for n, p in enumerate(ring_pts)}
    evidence = 0
    out: list[SheetPoint] = []
    by_id: dict[int, SheetPoint] = {}
    for p in points:
        if p.type in PERIMETER_TYPES:
            label = ring_label[id(p)]
        elif p.type == PointType.BENCHMARK:
            label = "BM"
        elif p.type == PointType.REFERENCE:
            label = "RP"
        else:
            evidence += 1
            label = f"E{evidence}"
        sp = SheetPoint(p.type.value, label, p.lat, p.lon, p.bearing_deg, p.distance_m,
                        to_utm(p.lat, p.lon).label())
        by_id[id(p)] = sp
        out.append(sp)
    return out, [by_id[id(p)] for p in ring_pts]


def gather(db: Database, site_reference: str, now: dt.datetime | None = None) -> SheetData:
    """All the sheet needs for one site (by reference or id). Raises SiteNotFound. Thread: any."""
    site = get_site(db, site_reference)
    if site is None or site.id is None:
        raise SiteNotFound(site_reference)
    site_id = str(site.id)
    resolved = [ResolvedPoint(p.type, p.seq, p.lat, p.lon, p.bearing_deg, p.distance_m)
                for p in site.points if p.lat is not None and p.lon is not None]
    points, ring = _labelled(resolved)
    totals = site_totals(db, site_id)
    devices = (select(func.coalesce(func.sum(Item.quantity), 0))
               .where(Item.report_id == Report.id).correlate(Report).scalar_subquery())
    with db.session() as s:
        log = tuple(LogRow(r.date, r.team, r.activity, tuple(r.assets or ()), r.area_cleared_m2,
                           r.area_reduced_m2, r.area_cancelled_m2, int(r.devices), r.status,
                           r.revision)
                    for r in s.execute(
                        select(Report.date, Report.team, Report.activity, Report.assets,
                               Report.area_cleared_m2, Report.area_reduced_m2,
                               Report.area_cancelled_m2, devices.label("devices"), Report.status,
                               Report.revision)
                        .where(Report.site_id == site_id)
                        .order_by(Report.date, Report.team, Report.created_at)))
        found: dict[tuple[str, str], list[tuple[str, int]]] = {}
        for cat, model, disposal, qty in s.execute(
                select(Item.category, Item.model, Item.disposal, func.sum(Item.quantity))
                .join(Report, Item.report_id == Report.id).where(Report.site_id == site_id)
                .group_by(Item.category, Item.model, Item.disposal)):
            found.setdefault((cat, model), []).append((disposal, int(qty)))
        drafts = s.scalar(select(func.count()).select_from(Report).where(
            Report.site_id == site_id, Report.status == ReportStatus.DRAFT.value))
        report_ids = select(Report.id).where(Report.site_id == site_id)
        by_state = dict(s.execute(
            select(OutboxEntry.state, func.count()).where(OutboxEntry.record_id.in_(report_ids))
            .group_by(OutboxEntry.state)).all())
    return SheetData(
        reference=site.reference, name=site.name, operator=site.operator, unit=site.unit,
        hazard_type=site.hazard_type.value, status=site.status.value,
        contamination=tuple(c.value for c in site.contamination),
        intended_land_use=site.intended_land_use.value if site.intended_land_use else None,
        places=tuple(gazetteer.location(site.province_code, site.district_code,
                                        site.commune_code, site.village_code)),
        points=tuple(points), ring=tuple(ring), totals=totals, log=log,
        devices=tuple(DeviceLine(cat, model, sum(q for _, q in ways),
                                 tuple(sorted(ways, key=lambda w: (-w[1], w[0]))))
                      for (cat, model), ways in sorted(found.items())),
        drafts=int(drafts or 0), pending=int(by_state.get("PENDING", 0)),
        refused=int(by_state.get("REFUSED", 0)),
        printed_on=now or dt.datetime.now().replace(microsecond=0))
