"""What the window asks of the database at start-up: each thing once, and only what is shown."""
from __future__ import annotations

from PySide6.QtCore import Qt

from app.domain import queries


def test_the_reports_list_is_counted_once_at_start_up(open_demo_window, monkeypatch, qtbot, wait_idle):
    counted = []
    real = queries.count_reports
    monkeypatch.setattr(queries, "count_reports", lambda db, f: counted.append(f) or real(db, f))
    window = open_demo_window()
    assert counted == [queries.ReportFilter()]
    assert window.reports.model.total == 100 and window.reports.model.rowCount() > 0
    window.tabs.setCurrentWidget(window.reports)
    with qtbot.waitSignal(window.reports.model.counted, timeout=10_000):  # a click on "Site"
        window.reports.table.horizontalHeader().setSortIndicator(1, Qt.SortOrder.AscendingOrder)
    wait_idle(qtbot, window)
    assert len(counted) == 2 and window.reports.model.row_at(0).site_reference == "BS/CHA/CMAA/40117"


def test_a_site_chosen_behind_another_tab_is_loaded_when_its_tab_is_opened(open_demo_window, qtbot,
                                                                           wait_idle):
    window = open_demo_window()
    page = window.sites.page
    window.tabs.setCurrentWidget(window.reports)
    qtbot.waitUntil(lambda: window.sites.list.count() == 5)
    window.sites.select("BS/CHA/CMAA/60222")
    wait_idle(qtbot, window)
    assert page.site is None or page.site.reference != "BS/CHA/CMAA/60222"  # not read while hidden
    with qtbot.waitSignal(page.loaded, timeout=10_000) as loaded:
        window.tabs.setCurrentWidget(window.sites)
    assert loaded.args == ["BS/CHA/CMAA/60222"]
    assert "រតនគិរី" in page.location.text() and "Sammeakki" in page.location.text()


def test_a_change_while_hidden_keeps_the_site_chosen_in_the_list(open_demo_window, qtbot, wait_idle):
    """Chosen behind another tab, then a report is saved elsewhere: the page still shows the
    site highlighted in the list, not the one it showed before."""
    from app.domain.services import Changes

    window = open_demo_window()
    page = window.sites.page
    qtbot.waitUntil(lambda: page.site is not None)
    first = page.site.reference
    window.tabs.setCurrentWidget(window.reports)
    other = next(r for r in window.sites.references() if r != first)
    window.sites.select(other)
    wait_idle(qtbot, window)
    window.backend.changed.emit(Changes(reports=True), None)  # as when the form saves a draft
    wait_idle(qtbot, window)
    with qtbot.waitSignal(page.loaded, timeout=10_000) as loaded:
        window.tabs.setCurrentWidget(window.sites)
    wait_idle(qtbot, window)
    assert loaded.args == [other] and page.site.reference == other
