"""The window's first screen read in plain SQL on a DB-API sqlite3 connection, without SQLAlchemy.

The launcher reads these on its `app.db.open_plain` connection in a thread of its own, while the
data layer and the views are imported (as it counts the status bar: app.domain.counts), and the
views' first ops take them instead of reading again through the ORM (issue 14 point 4,
docs/performance.md). Each reader gives the fields of its `app.domain.queries` counterpart, in
the order of that function's dataclass, converted as SQLAlchemy converts them (dates, times);
the worker builds the dataclasses (app.ui.read_ahead). The queries stay the definition:
tests/unit/test_first_screen.py pins each reader to its query (same rows, same values).

Thread: any; the caller's connection, one thread at a time, inside the caller's transaction.
"""
from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

PAGE_COLUMNS = (
    "r.id, r.date, (SELECT s.reference FROM sites AS s WHERE s.id = r.site_id), r.activity, r.team, "
    "r.area_cleared_m2 + r.area_reduced_m2 + r.area_cancelled_m2, "
    "(SELECT coalesce(sum(i.quantity), 0) FROM report_items AS i WHERE i.report_id = r.id), "
    "r.status, r.revision, "
    "(SELECT o.state FROM outbox AS o WHERE o.record_id = r.id AND o.revision = r.revision), "
    "(SELECT o.sent_at FROM outbox AS o WHERE o.record_id = r.id AND o.revision = r.revision), "
    "r.review_reason, r.review_by")


def _datetime(value: str | None) -> dt.datetime | None:
    return None if value is None else dt.datetime.fromisoformat(value)


def profile(conn: sqlite3.Connection) -> tuple[Any, ...] | None:
    """`queries.profile`'s fields, None when the laptop has no profile yet."""
    row = conn.execute("SELECT operator, unit, team, team_leader, language, hq_url, device_id, "
                       "device_token FROM device_profile WHERE id = 1").fetchone()
    return None if row is None else (*row[:7], bool(row[7]))


def list_sites(conn: sqlite3.Connection) -> list[tuple[Any, ...]]:
    """`queries.list_sites`'s rows (every site, by reference)."""
    return [tuple(r) for r in conn.execute(
        "SELECT id, reference, name, status, hazard_type, province_code, district_code, "
        "commune_code, area_m2, owner, village_code FROM sites ORDER BY reference")]


def proposal_states(conn: sqlite3.Connection) -> dict[str, str]:
    """`proposals.proposal_states`: reference -> proposal state of the sites found in the field."""
    return {ref: state for ref, state in conn.execute(
        "SELECT reference, proposal_state FROM sites WHERE proposal_state IS NOT NULL")}


def teams(conn: sqlite3.Connection) -> list[str]:
    """`queries.teams`: every team with a report, in order, one index seek per team (a loose
    scan of ix_reports_team_date, as queries._distinct)."""
    return [t for (t,) in conn.execute(
        "WITH RECURSIVE found(value) AS ("
        "SELECT (SELECT team FROM reports ORDER BY team LIMIT 1) "
        "UNION ALL SELECT (SELECT team FROM reports WHERE team > found.value ORDER BY team LIMIT 1) "
        "FROM found WHERE found.value IS NOT NULL) "
        "SELECT value FROM found WHERE value IS NOT NULL")]


def count_reports(conn: sqlite3.Connection) -> int:
    """`queries.count_reports` unfiltered."""
    return int(conn.execute("SELECT count(*) FROM reports").fetchone()[0])


def first_page(conn: sqlite3.Connection, limit: int, site_id: str | None = None) -> list[tuple[Any, ...]]:
    """`queries.page_reports(db, ReportFilter(site_id=site_id), 0, limit)`: the first page of
    the reports list (of one site's reports with `site_id`), by date descending then id
    descending (ix_reports_date; ix_reports_site_totals for a site)."""
    where, args = ("WHERE r.site_id = ? ", (site_id, limit)) if site_id else ("", (limit,))
    rows = conn.execute(f"SELECT {PAGE_COLUMNS} FROM reports AS r {where}"
                        "ORDER BY r.date DESC, r.id DESC LIMIT ?", args)
    return [(r[0], dt.date.fromisoformat(r[1]), *r[2:10], _datetime(r[10]), *r[11:]) for r in rows]


SITE_COLUMNS = ("id", "reference", "name", "hazard_type", "contamination", "status", "operator",
                "unit", "province_code", "district_code", "commune_code", "village_code", "area_m2",
                "intended_land_use", "owner", "created_at", "updated_at", "proposal_state",
                "proposal_reason", "provisional_reference")
POINT_COLUMNS = ("type", "seq", "lat", "lon", "bearing_deg", "distance_m")


def site(conn: sqlite3.Connection, site_id: str) -> SimpleNamespace | None:
    """The site's row and its points (in the order entered) as attributes, what
    `safeland_core.records.site_record` reads of the ORM's row in `queries.get_site`."""
    row = conn.execute(f"SELECT {', '.join(SITE_COLUMNS)} FROM sites WHERE id = ?",
                       (site_id,)).fetchone()
    if row is None:
        return None
    found = SimpleNamespace(**dict(zip(SITE_COLUMNS, row, strict=True)))
    found.contamination = json.loads(found.contamination)
    found.created_at, found.updated_at = _datetime(found.created_at), _datetime(found.updated_at)
    found.points = [SimpleNamespace(**dict(zip(POINT_COLUMNS, p, strict=True))) for p in conn.execute(
        f"SELECT {', '.join(POINT_COLUMNS)} FROM site_points WHERE site_id = ? "
        "ORDER BY position", (site_id,))]
    return found


def site_totals(conn: sqlite3.Connection, site_id: str) -> tuple[Any, ...]:
    """`queries.site_totals`' fields, from the totals the database keeps per site (migration
    0004), the devices as (category, model, quantity, disposals) in order."""
    area, count, cleared, reduced, cancelled = conn.execute(
        "SELECT s.area_m2, t.reports, t.cleared_m2, t.reduced_m2, t.cancelled_m2 FROM sites AS s "
        "LEFT OUTER JOIN site_totals AS t ON t.site_id = s.id WHERE s.id = ?", (site_id,)).fetchone() or (
        None, None, None, None, None)
    days, first, last = conn.execute(
        "SELECT count(*), min(date), max(date) FROM site_days WHERE site_id = ?", (site_id,)).fetchone()
    teams = [t for (t,) in conn.execute("SELECT team FROM site_teams WHERE site_id = ?", (site_id,))]
    devices: dict[tuple[str, str], tuple[int, set[str]]] = {}
    for cat, model, disposal, qty in conn.execute(
            "SELECT category, model, disposal, quantity FROM site_devices WHERE site_id = ?", (site_id,)):
        total, disposals = devices.get((cat, model), (0, set()))
        disposals.add(disposal)
        devices[(cat, model)] = (total + int(qty), disposals)
    return (area, float(cleared or 0.0), float(reduced or 0.0), float(cancelled or 0.0),
            int(count or 0), int(days), tuple(sorted(teams)),
            tuple((c, m, q, tuple(sorted(d))) for (c, m), (q, d) in sorted(devices.items())),
            None if first is None else dt.date.fromisoformat(first),
            None if last is None else dt.date.fromisoformat(last))


def autosave(conn: sqlite3.Connection, key: str) -> dict[str, Any] | None:
    """`services.autosave_get`: the form's state kept under `key`, if any."""
    row = conn.execute("SELECT data FROM autosave WHERE key = ?", (key,)).fetchone()
    return None if row is None else dict(json.loads(row[0]))


@dataclass(frozen=True)
class FirstScreen:
    """What the first screen shows, read in one transaction (one snapshot of the file)."""

    profile: tuple[Any, ...] | None
    sites: list[tuple[Any, ...]]
    proposals: dict[str, str]
    teams: list[str]
    count: int
    page: list[tuple[Any, ...]]
    site: SimpleNamespace | None  # the first site by reference (the sites list opens it)
    site_totals: tuple[Any, ...] | None
    site_page: list[tuple[Any, ...]]  # its latest reports
    autosave: dict[str, Any] | None  # the form's state kept, if any


def read_first_screen(conn: sqlite3.Connection, page: int, site_page: int,
                      autosave_key: str) -> FirstScreen:
    """The first screen's rows, read on `conn` (in the caller's transaction: begin one first
    for a consistent snapshot); `page` rows of the reports list, `site_page` of the first
    site's, the form's state kept under `autosave_key`."""
    sites = list_sites(conn)
    first = sites[0][0] if sites else None
    return FirstScreen(profile(conn), sites, proposal_states(conn), teams(conn),
                       count_reports(conn), first_page(conn, page),
                       None if first is None else site(conn, first),
                       None if first is None else site_totals(conn, first),
                       [] if first is None else first_page(conn, site_page, first),
                       autosave(conn, autosave_key))
