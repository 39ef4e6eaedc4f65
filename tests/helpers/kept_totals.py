"""The site totals counted from scratch, as `queries.site_totals` counted them before migration
0004 (one aggregate over the site's reports and one over its items, every status counted), to
compare with the totals the database now keeps per site. Shared by tests/unit, tests/sync and
tests/migrations."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest


def scratch_totals(con: sqlite3.Connection, site_id: str) -> dict:
    count, cleared, reduced, cancelled, days, first, last = con.execute(
        "SELECT count(*), total(area_cleared_m2), total(area_reduced_m2), total(area_cancelled_m2),"
        " count(DISTINCT date), min(date), max(date) FROM reports WHERE site_id = ?",
        (site_id,)).fetchone()
    teams = sorted(t for (t,) in con.execute(
        "SELECT DISTINCT team FROM reports WHERE site_id = ?", (site_id,)))
    devices: dict[tuple[str, str], tuple[int, set[str]]] = {}
    for cat, model, disposal, qty in con.execute(
            "SELECT category, model, disposal, sum(quantity) FROM report_items WHERE site_id = ?"
            " GROUP BY category, model, disposal", (site_id,)):
        total, disposals = devices.get((cat, model), (0, set()))
        devices[(cat, model)] = (total + qty, disposals | {disposal})
    return {"reports": count, "cleared": pytest.approx(cleared), "reduced": pytest.approx(reduced),
            "cancelled": pytest.approx(cancelled), "days": days, "first": first, "last": last,
            "teams": teams,
            "devices": sorted((c, m, q, sorted(d)) for (c, m), (q, d) in devices.items())}


def kept_totals(db, site_id: str) -> dict:
    from app.domain.queries import site_totals

    t = site_totals(db, site_id)
    return {"reports": t.reports, "cleared": t.cleared_m2, "reduced": t.reduced_m2,
            "cancelled": t.cancelled_m2, "days": t.days_worked,
            "first": t.first_date.isoformat() if t.first_date else None,
            "last": t.last_date.isoformat() if t.last_date else None, "teams": list(t.teams),
            "devices": sorted((d.category, d.model, d.quantity, list(d.disposals))
                              for d in t.devices)}


def assert_kept_totals_right(db) -> int:
    """Every site's kept totals equal its totals counted from scratch; no kept row is left for
    a site without reports or items. Returns how many sites have reports (a test that checks
    nothing would say 0)."""
    con = sqlite3.connect(Path(db.path))
    try:
        sites = [s for (s,) in con.execute("SELECT id FROM sites ORDER BY reference")]
        for site_id in sites:
            assert kept_totals(db, site_id) == scratch_totals(con, site_id), site_id
        with_reports = {s for (s,) in con.execute("SELECT DISTINCT site_id FROM reports")}
        with_items = {s for (s,) in con.execute("SELECT DISTINCT site_id FROM report_items")}
        for table, wanted in (("site_totals", with_reports), ("site_days", with_reports),
                              ("site_teams", with_reports), ("site_devices", with_items)):
            kept = {s for (s,) in con.execute(f"SELECT DISTINCT site_id FROM {table}")}
            assert kept == wanted, f"{table} keeps rows of sites without reports"
        return len(with_reports)
    finally:
        con.close()
