"""Everything a site sheet shows, gathered from the field database into named tuples.

Read only (one read transaction, never a write) and free of Qt, so it can run on the query
worker and be tested without a display. `render.py` draws what this returns.

Read with plain SQL through `sqlite3`, not through the ORM and the domain's queries: the sheet
reads columns, not objects. `gather` takes either the connection `app.db.open_plain` gives
(`safeland sheet`: no SQLAlchemy is imported at all, about 0.4 s of the command) or the window's
`Database`, whose engine lends one of its own driver connections. The site's totals are summed
from the rows the log prints (a test keeps them equal to `app.domain.queries.site_totals`, the
site page's).
"""
# No `from __future__ import annotations` here: typing.NamedTuple compiles every annotation given
# as a string (55 of them: 2 ms of `safeland sheet`); the classes below are evaluated as written.
import datetime as dt
import json
import sqlite3
from typing import TYPE_CHECKING, Any, NamedTuple

from safeland_core import gazetteer
from safeland_core.gazetteer import Place
from safeland_core.utm import to_utm
from safeland_core.vocab import PERIMETER_TYPES, PointType, ReportStatus

if TYPE_CHECKING:
    from ..db import Database


class SiteNotFound(LookupError):
    """No site has this reference (or id). The message is for the user."""

    def __init__(self, reference: str):
        self.reference = reference
        super().__init__(f"no site with reference {reference!r} in this database")


# Read-only records as named tuples, not frozen dataclasses: a frozen dataclass costs 0.5 ms to
# define (its methods compiled at import) and 1 µs to make, four times a tuple (1,826 log rows).


class SheetPoint(NamedTuple):
    """One row of the points table and one mark on the sketch."""

    type: str  # PointType value
    label: str  # what the sketch and the table print: "1", "2", "BM", "RP", "E1"
    lat: float
    lon: float
    bearing_deg: float | None
    distance_m: float | None
    utm: str = ""  # "48N 330139 1502930": zone, easting, northing (WGS84, whole metres)


class LogRow(NamedTuple):
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


class DeviceLine(NamedTuple):
    """Devices of one category and model found at the site, with how many went each way."""

    category: str
    model: str
    quantity: int
    disposals: tuple[tuple[str, int], ...]  # (Disposal value, quantity), largest first


class SheetTotals(NamedTuple):
    """The site's figures over all its reports, drafts included (the site page's totals,
    app.domain.queries.SiteTotals, from the same rows)."""

    area_m2: float | None
    cleared_m2: float
    reduced_m2: float
    cancelled_m2: float
    reports: int
    days_worked: int
    teams: tuple[str, ...]
    devices_total: int
    first_date: dt.date | None
    last_date: dt.date | None

    @property
    def released_m2(self) -> float:
        return self.cleared_m2 + self.reduced_m2 + self.cancelled_m2

    @property
    def remaining_m2(self) -> float | None:
        return None if self.area_m2 is None else max(self.area_m2 - self.released_m2, 0.0)

    @property
    def percent_released(self) -> float | None:
        return min(100.0, 100.0 * self.released_m2 / self.area_m2) if self.area_m2 else None


class SheetData(NamedTuple):
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
    totals: SheetTotals
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


class _Point(NamedTuple):
    """A site point as stored (its coordinates worked out when it was saved)."""

    type: PointType
    seq: int | None
    lat: float
    lon: float
    bearing_deg: float | None
    distance_m: float | None


def polygon_order(points: list[_Point]) -> list[_Point]:
    """The perimeter points in polygon order: by number (seq), the unnumbered after them, each
    group in list order. The order the site rules check the polygon in
    (safeland_core.validation.perimeter; a test keeps the two equal): that module, with the
    pydantic schemas it imports, cost `safeland sheet` 0.2-0.4 s to import for this one sort."""
    ring = [(p.seq if p.seq is not None else 10_001 + i, i, p)
            for i, p in enumerate(points) if p.type in PERIMETER_TYPES]
    return [p for _, _, p in sorted(ring, key=lambda t: (t[0], t[1]))]


def _labelled(points: list[_Point]) -> tuple[list[SheetPoint], list[SheetPoint]]:
    """Give each point the label the sheet prints, and the perimeter ring in polygon order."""
    ring_pts = polygon_order(points)
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


_SITE = ("SELECT id, reference, name, operator, unit, hazard_type, status, contamination, "
         "intended_land_use, province_code, district_code, commune_code, village_code, area_m2 "
         "FROM sites WHERE id = ? OR reference = ?")
_POINTS = ("SELECT type, seq, lat, lon, bearing_deg, distance_m FROM site_points "
           "WHERE site_id = ? ORDER BY position")
_LOG = ("SELECT r.date, r.team, r.activity, r.assets, r.area_cleared_m2, r.area_reduced_m2, "
        "r.area_cancelled_m2, (SELECT coalesce(sum(i.quantity), 0) FROM report_items i "
        "WHERE i.report_id = r.id), r.status, r.revision "
        "FROM reports r WHERE r.site_id = ? ORDER BY r.date, r.team, r.created_at")
_DEVICES = ("SELECT i.category, i.model, i.disposal, sum(i.quantity) FROM report_items i "
            "JOIN reports r ON i.report_id = r.id WHERE r.site_id = ? "
            "GROUP BY i.category, i.model, i.disposal")
_OUTBOX = ("SELECT state, count(*) FROM outbox WHERE record_id IN "
           "(SELECT id FROM reports WHERE site_id = ?) GROUP BY state")


def gather(source: "Database | sqlite3.Connection", site_reference: str,
           now: dt.datetime | None = None) -> SheetData:
    """All the sheet needs for one site (by reference or id), read in one transaction, so the
    log, the totals and the counts agree. `source`: a plain connection (`app.db.open_plain`;
    left open, its transaction, if any, left as it was) or a `Database` (read through one of its
    engine's connections). Raises SiteNotFound. Thread: any."""
    if isinstance(source, sqlite3.Connection):
        return _gather(source, site_reference, now)
    with source.engine.connect() as conn:  # the engine's own driver connection, pragmas and all
        return _gather(conn.connection.dbapi_connection, site_reference, now)  # type: ignore[arg-type]


def _gather(conn: sqlite3.Connection, site_reference: str, now: dt.datetime | None) -> SheetData:
    own = not conn.in_transaction
    if own:
        conn.execute("BEGIN")  # one read transaction: a save in between cannot split the sheet
    try:
        cur = conn.execute(_SITE, (site_reference, site_reference))
        row = cur.fetchone()
        if row is None:
            raise SiteNotFound(site_reference)
        site = dict(zip((c[0] for c in cur.description), row))
        site_id = str(site["id"])
        resolved = [_Point(PointType(kind), seq, lat, lon, bearing, distance)
                    for kind, seq, lat, lon, bearing, distance
                    in conn.execute(_POINTS, (site_id,))
                    if lat is not None and lon is not None]
        assets_of: dict[str | None, tuple[str, ...]] = {}  # a team's assets repeat every day

        def parsed(assets: str | None) -> tuple[str, ...]:
            hit = assets_of.get(assets)
            if hit is None:
                hit = assets_of[assets] = tuple(_json(assets) or ())
            return hit

        log = tuple(LogRow(dt.date.fromisoformat(day), team, activity, parsed(assets),
                           cleared, reduced, cancelled, int(devices), status, revision)
                    for day, team, activity, assets, cleared, reduced, cancelled, devices, status,
                    revision in conn.execute(_LOG, (site_id,)))
        found: dict[tuple[str, str], list[tuple[str, int]]] = {}
        for cat, model, disposal, qty in conn.execute(_DEVICES, (site_id,)):
            found.setdefault((cat, model), []).append((disposal, int(qty)))
        by_state = dict(conn.execute(_OUTBOX, (site_id,)).fetchall())
    finally:
        if own and conn.in_transaction:
            conn.execute("ROLLBACK")  # nothing was written: ending the read is all it does
    points, ring = _labelled(resolved)
    devices = tuple(DeviceLine(cat, model, sum(q for _, q in ways),
                               tuple(sorted(ways, key=lambda w: (-w[1], w[0]))))
                    for (cat, model), ways in sorted(found.items()))
    return SheetData(
        reference=site["reference"], name=site["name"], operator=site["operator"],
        unit=site["unit"], hazard_type=site["hazard_type"], status=site["status"],
        contamination=tuple(_json(site["contamination"]) or ()),
        intended_land_use=site["intended_land_use"] or None,
        places=tuple(gazetteer.location(site["province_code"], site["district_code"],
                                        site["commune_code"], site["village_code"])),
        points=tuple(points), ring=tuple(ring), totals=_totals(site["area_m2"], log, devices),
        log=log, devices=devices,
        drafts=sum(1 for r in log if r.status == ReportStatus.DRAFT.value),
        pending=int(by_state.get("PENDING", 0)), refused=int(by_state.get("REFUSED", 0)),
        printed_on=now or dt.datetime.now().replace(microsecond=0))


def _json(text: str | None) -> Any:
    """A JSON column as SQLAlchemy's JSON type stores it (text; NULL or 'null' for none)."""
    return None if text is None else json.loads(text)


def _totals(area: float | None, log: tuple[LogRow, ...], devices: tuple[DeviceLine, ...]) -> SheetTotals:
    days = {r.date for r in log}
    return SheetTotals(
        area, float(sum(r.cleared_m2 or 0.0 for r in log)),
        float(sum(r.reduced_m2 or 0.0 for r in log)),
        float(sum(r.cancelled_m2 or 0.0 for r in log)), len(log), len(days),
        tuple(sorted({r.team for r in log})), sum(d.quantity for d in devices),
        min(days) if days else None, max(days) if days else None)
