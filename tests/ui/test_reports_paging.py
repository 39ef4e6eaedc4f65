"""The reports list pages by key and keeps only a window of pages in memory (issue 14 point 4:
a laptop with a million reports): scrolled to its end it has shown every report exactly once,
in the order of the column sorted by; scrolled back it shows the right rows again; a save
keeps the selection. The real view and model offscreen, on a real database file; pages and
the window made small (20 rows, 3 pages) so that 600 reports are many pages."""
from __future__ import annotations

import datetime as dt
import random
import sqlite3
import uuid

import pytest
from PySide6.QtCore import Qt

from app.domain import services
from app.ui import reports_model
from app.ui.ops import Backend, WriteOp

SORTS = {0: "date", 1: "site", 2: "activity", 3: "team", 6: "status"}
COLUMN = {"site": 2, "activity": 3, "team": 4, "status": 5}  # in _all_reports' rows
EXTRA = 500


def _add_reports(path) -> None:
    """500 more reports in 2024, many on each day (ties broken by id), of every activity,
    several teams and statuses, at the demo's five sites."""
    rnd = random.Random(14)
    con = sqlite3.connect(path)
    with con:
        sites = [r[0] for r in con.execute("SELECT id FROM sites")]
        rows = []
        for n in range(EXTRA):
            rows.append((str(uuid.UUID(int=rnd.getrandbits(128))), rnd.choice(sites),
                         (dt.date(2024, 1, 1) + dt.timedelta(days=n // 25)).isoformat(),
                         rnd.choice(["CLEARANCE", "TECHNICAL_SURVEY", "NON_TECHNICAL_SURVEY",
                                     "EOD_SPOT_TASK"]), '["MANUAL"]',
                         rnd.choice(["DU4-MDT-03", "DU2-MDT-07", "DU5-EOD-1"]), "Sok Dara", 10,
                         6.5, 100.0, 0.0, 0.0, 30, "", rnd.choice(["DRAFT", "ACCEPTED", "RETURNED"]),
                         0, True, "2024-06-01 00:00:00", "2024-06-01 00:00:00"))
        con.executemany(
            "INSERT INTO reports (id, site_id, date, activity, assets, team, team_leader, "
            "personnel, hours_worked, area_cleared_m2, area_reduced_m2, area_cancelled_m2, "
            "clearance_depth_cm, notes, status, revision, own, created_at, updated_at) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
    con.close()


def _all_reports(path) -> list[tuple]:
    con = sqlite3.connect(path)
    try:
        return list(con.execute(
            "SELECT r.id, r.date, s.reference, r.activity, r.team, r.status "
            "FROM reports r JOIN sites s ON s.id = r.site_id"))
    finally:
        con.close()


def _expected(path, sort: str, descending: bool) -> list[str]:
    """The list's order: the column sorted by, then the date, then the id."""
    col = COLUMN.get(sort)
    rows = sorted(_all_reports(path), key=lambda r: ((r[col] if col else ""), r[1], r[0]),
                  reverse=descending)
    return [r[0] for r in rows]


@pytest.fixture
def big_path(demo_path, monkeypatch):
    monkeypatch.setattr(reports_model, "PAGE", 20)
    monkeypatch.setattr(reports_model, "KEEP", 3, raising=False)  # (the old model had none)
    _add_reports(demo_path)
    return demo_path


@pytest.fixture
def reports_view(big_path, qtbot, languages):
    from app.db import open_database
    from app.ui.reports_view import ReportsView

    backend = Backend(open_database(big_path))
    view = ReportsView(backend)
    qtbot.addWidget(view)
    view.resize(1000, 600)
    view.show()
    yield view
    backend.close()


def _idle(qtbot, view) -> None:
    qtbot.waitUntil(lambda: view._backend.pending == 0, timeout=10_000)


def _scroll_to_end(qtbot, view) -> list[str]:
    """Scroll page after page to the end, as the view does; the ids of each page loaded."""
    model, seen = view.model, []

    def got(n: int) -> None:
        seen.extend(model.row_at(r).id for r in range(model.rowCount() - n, model.rowCount()))

    model.page_loaded.connect(got)
    try:
        _idle(qtbot, view)
        while model.canFetchMore():
            model.fetchMore()
            view.table.scrollToBottom()
            _idle(qtbot, view)
    finally:
        model.page_loaded.disconnect(got)
    return seen


@pytest.mark.parametrize("descending", [True, False])
@pytest.mark.parametrize("column", list(SORTS))
def test_scrolled_to_the_end_every_report_once_in_order(reports_view, big_path, qtbot, column,
                                                        descending):
    view = reports_view
    view.start()
    _idle(qtbot, view)
    order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
    view.table.sortByColumn(column, order)
    seen = _scroll_to_end(qtbot, view)
    assert seen == _expected(big_path, SORTS[column], descending)
    assert view.model.rowCount() == view.model.total == 100 + EXTRA
    assert view.model.rows_kept <= 3 * 20  # the window, not the whole list


def test_scrolling_back_shows_the_right_rows(reports_view, big_path, qtbot):
    view, model = reports_view, reports_view.model
    view.start()
    _scroll_to_end(qtbot, view)
    expected = _expected(big_path, "date", True)
    for row in (0, 250, 0, len(expected) - 1):  # forgotten pages, read again as they are shown
        view.table.scrollTo(model.index(row, 0), view.table.ScrollHint.PositionAtTop)
        qtbot.waitUntil(lambda row=row: model.data(model.index(row, 0)) is not None, timeout=10_000)
        _idle(qtbot, view)
        first = view.table.rowAt(0)
        shown = [model.row_at(r) for r in range(first, min(first + 15, len(expected)))]
        assert [r.id for r in shown if r is not None] == expected[first:first + 15]
    assert model.rows_kept <= 3 * 20


def _draft(date: str) -> dict:
    return {"site_reference": "BS/CHA/CMAA/71408", "date": date, "activity": "CLEARANCE",
            "assets": ["MANUAL"], "team": "DU4-MDT-03", "team_leader": "Sok Dara",
            "personnel": 9, "hours_worked": 6, "area_cleared_m2": 50, "clearance_depth_cm": 30,
            "items": [], "notes": ""}


@pytest.mark.parametrize("date", ["2025-06-02", "2024-01-10"])  # at the top (forgotten), just above
def test_a_save_keeps_the_selection_and_the_place(reports_view, big_path, qtbot, date):
    view, model = reports_view, reports_view.model
    view.start()
    _idle(qtbot, view)
    while model.rowCount() < 400:  # deep in the list: the first pages forgotten
        model.fetchMore()
        view.table.scrollToBottom()
        _idle(qtbot, view)
    view.table.selectRow(390)
    view.table.scrollTo(model.index(390, 0))
    chosen, scroll = model.row_at(390).id, view.table.verticalScrollBar().value()
    with qtbot.waitSignal(model.refreshed, timeout=10_000):
        WriteOp(view._backend, lambda db: services.save_draft(db, _draft(date),
                                                              accept_warnings=True)).run()
    _idle(qtbot, view)
    assert model.row_at(view.table.currentIndex().row()).id == chosen
    assert view.table.verticalScrollBar().value() == scroll
    assert model.total == 100 + EXTRA + 1
    # Scrolled back to the top, the new report is there, and the selection moved with the
    # rows it pushed down: the same report is still the one selected.
    view.table.scrollToTop()
    qtbot.waitUntil(lambda: model.data(model.index(0, 0)) is not None, timeout=10_000)
    _idle(qtbot, view)
    expected = _expected(big_path, "date", True)
    assert [model.row_at(r).id for r in range(10)] == expected[:10]
    assert model.row_at(view.table.currentIndex().row()).id == chosen
