"""The first screen read in plain SQL (app.domain.first_screen, read by the window's launcher
before SQLAlchemy is imported) gives exactly what its queries give: the profile, the sites
list and their proposal states, the teams, the reports list's count and first page, the
first site with its points, its totals and its latest reports, the form's state kept. On an
empty laptop, on the demo laptop, and on the demo laptop after answers, amendments,
refusals, proposed sites and another laptop's copies (tests.unit.test_status_counts)."""
from __future__ import annotations

from app.db import open_plain
from app.domain import first_screen, proposals, queries, services
from app.domain.first_screen import read_first_screen
from safeland_core.records import site_record
from safeland_core.schemas import SiteIn
from tests.unit.test_status_counts import _mixed_laptop

PAGE = 40  # fewer than the demo's reports: the page's edge is inside the list


SITE_PAGE = 7
KEY = "report-form"


def _plain(path, page: int = PAGE):
    conn = open_plain(path)
    try:
        conn.execute("BEGIN")
        return read_first_screen(conn, page, SITE_PAGE, KEY)
    finally:
        conn.close()


def _site(path, site_id: str, page: int):
    conn = open_plain(path)
    try:
        return (first_screen.site(conn, site_id), first_screen.site_totals(conn, site_id),
                first_screen.first_page(conn, page, site_id))
    finally:
        conn.close()


def _assert_site_same(db, site_id: str, page: int = SITE_PAGE) -> None:
    found, totals, rows = _site(db.path, site_id, page)
    assert SiteIn.model_validate(site_record(found)) == queries.get_site(db, site_id)
    area, cleared, reduced, cancelled, count, days, teams, devices, first, last = totals
    assert queries.SiteTotals(area, cleared, reduced, cancelled, count, days, teams,
                              tuple(queries.DeviceCount(*d) for d in devices), first,
                              last) == queries.site_totals(db, site_id)
    assert [queries.ReportRow(*r) for r in rows] == queries.page_reports(
        db, queries.ReportFilter(site_id=site_id), 0, page)


def _assert_same(db, page: int = PAGE) -> None:
    got = _plain(db.path, page)
    prof = queries.profile(db)
    assert (None if got.profile is None else queries.Profile(*got.profile)) == prof
    assert [queries.SiteSummary(*s) for s in got.sites] == queries.list_sites(db)
    assert got.proposals == proposals.proposal_states(db)
    assert got.teams == queries.teams(db)
    assert got.count == queries.count_reports(db)
    assert [queries.ReportRow(*r) for r in got.page] == queries.page_reports(
        db, queries.ReportFilter(), 0, page)
    assert got.autosave == services.autosave_get(db, KEY)
    sites = queries.list_sites(db)
    assert (got.site is None) == (not sites)
    if sites:
        assert got.site.reference == sites[0].reference
        _assert_site_same(db, sites[0].id)
    for s in sites:  # every site, each with every one of its reports
        _assert_site_same(db, s.id, page=10_000)


def test_an_empty_laptop(db):
    assert _plain(db.path).profile is None and _plain(db.path).page == []
    _assert_same(db)


def test_the_demo_laptop_every_row_of_the_list(demo_db):
    assert _plain(demo_db.path).site_totals[4] > 0  # the first site has reports
    _assert_same(demo_db)
    _assert_same(demo_db, page=10_000)  # every report, in the list's order


def test_the_demo_laptop_after_answers_amendments_proposals_and_imports(demo_db, demo_doc, tmp_path):
    _mixed_laptop(demo_db, demo_doc, tmp_path / "other.db")
    services.autosave_put(demo_db, KEY, {"site": "BS/CHA/CMAA/40117", "personnel": 9})
    got = _plain(demo_db.path, 10_000)
    assert got.autosave == {"site": "BS/CHA/CMAA/40117", "personnel": 9}
    assert got.proposals and any(r[9] == "APPLIED" and r[10] is not None for r in got.page)
    assert any(r[8] == 2 for r in got.page)  # an amended report: its latest revision's state
    _assert_same(demo_db)
    _assert_same(demo_db, page=10_000)
