"""Issue 11, points 1 and 2: no way of leaving the report form throws away what is typed without
asking (or keeping it), and an autosave that cannot be written says so on screen and in the log.

Each way out is driven as the team leader would: the form's own *New report* button, the toolbar
and Ctrl+N, a report opened from the reports list or a site's page, *Amend…* on a report HQ
refused, and closing the window (which keeps the draft for the next start)."""
from __future__ import annotations

import logging

import pytest
from PySide6.QtCore import Qt

from app.db import open_database
from app.domain import queries
from app.domain.queries import ReportFilter
from tests.ui.test_window import SITE, _fill
from tests.unit.test_disk_messages import capped

PERSONNEL = "17"


def _typing(window) -> None:
    form = window.form
    window.act["new"].trigger()
    _fill(form, site=SITE, personnel=PERSONNEL, hours_worked="6")
    assert form.dirty


def _other_report(path) -> str:
    db = open_database(path)
    try:
        return queries.page_reports(db, ReportFilter(status="SIGNED"), limit=1)[0].id
    finally:
        db.close()


def _leave_by_form_button(window, qtbot, path):
    qtbot.mouseClick(window.form._buttons["new"], Qt.MouseButton.LeftButton)


def _leave_by_toolbar(window, qtbot, path):
    window.act["new"].trigger()


def _leave_by_ctrl_n(window, qtbot, path):
    window.form.fields.edits["personnel"].setFocus()
    qtbot.keyClick(window.form.fields.edits["personnel"], Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)


def _leave_by_reports_list(window, qtbot, path):
    view = window.reports
    window.tabs.setCurrentWidget(view)
    qtbot.waitUntil(lambda: view.model.rowCount() > 0, timeout=10_000)
    view._activated(view.model.index(0, 0))  # Enter or a double-click on the first row


def _leave_by_site_page(window, qtbot, path):
    window.tabs.setCurrentWidget(window.sites)
    page = window.sites.page
    window.sites.select(SITE)
    qtbot.waitUntil(lambda: page.site is not None and page.site.reference == SITE and bool(page._report_rows),
                    timeout=10_000)
    page._open(page.reports.model().index(0, 0))


def _leave_by_amend_refused(window, qtbot, path):
    window.amend_report(_other_report(path))


WAYS = {"form's New report button": _leave_by_form_button, "toolbar New report": _leave_by_toolbar,
        "Ctrl+N": _leave_by_ctrl_n, "reports list": _leave_by_reports_list,
        "site page's reports": _leave_by_site_page, "Amend a refused report": _leave_by_amend_refused}


@pytest.mark.parametrize("way", list(WAYS))
def test_every_way_out_of_a_dirty_form_asks_first(way, open_demo_window, demo_path, qtbot, prompter,
                                                   wait_idle):
    window = open_demo_window()
    form = window.form
    _typing(window)
    asked = len(prompter.asked)
    prompter.answers = [False]  # "Cancel": keep writing
    WAYS[way](window, qtbot, demo_path)
    wait_idle(qtbot, window)
    assert len(prompter.asked) == asked + 1, f"{way}: left the form without asking"
    assert prompter.asked[-1][0] == "confirm" and "not been saved" in prompter.asked[-1][2]
    assert form.fields.edits["personnel"].text() == PERSONNEL and form.dirty
    assert form.mode == "new" and window.tabs.currentWidget() is form

    prompter.answers = [True]  # now discard, as asked
    WAYS[way](window, qtbot, demo_path)
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: form.fields.edits["personnel"].text() != PERSONNEL, timeout=10_000)
    assert not form.dirty


def test_closing_the_window_keeps_the_draft_for_the_next_start(open_window, demo_path, qtbot, prompter):
    window = open_window(demo_path)
    _typing(window)
    window.close()  # the final autosave runs as the window closes: no question needed
    again = open_window(demo_path)
    form = again.form
    qtbot.waitUntil(lambda: form.fields.edits["personnel"].text() == PERSONNEL, timeout=10_000)
    assert "Recovered" in form.notice.text() and form.dirty


def test_ctrl_q_quits_after_the_final_autosave(open_window, demo_path, qtbot):
    window = open_window(demo_path)
    _typing(window)
    window.act["quit"].trigger()
    qtbot.waitUntil(lambda: not window.isVisible())
    again = open_window(demo_path)
    qtbot.waitUntil(lambda: again.form.fields.edits["personnel"].text() == PERSONNEL, timeout=10_000)


def test_a_failed_autosave_is_shown_and_logged(open_demo_window, demo_path, qtbot, caplog):
    """A full disk (SQLite's own page cap on the window's connections: the very SQLITE_FULL a
    full disk gives): the form says autosave failed and why, the log has it; once there is
    room again the warning goes."""
    window = open_demo_window()
    form = window.form
    _typing(window)
    with qtbot.waitSignal(form.autosaved, timeout=10_000):
        pass
    with capped(demo_path), caplog.at_level(logging.INFO, logger="safeland.ui"):
        window.backend.submit(lambda db: db.engine.dispose(), lambda *_: None)  # new, capped connections
        form.fields.notes.setPlainText("Ground hard after the rains; " * 300)  # needs new pages
        with qtbot.waitSignal(form.autosave_failed, timeout=10_000):
            pass
        assert "Autosave failed" in form.autosave_warning.text()
        assert "disk is full" in form.autosave_warning.text().lower()
        assert form.autosave_warning.isVisible() and form.autosave_warning.property("severity") == "warning"
        assert "Free some space" in form.autosave_warning.toolTip()
        assert any(r.levelno == logging.ERROR and "autosave failed" in r.getMessage() for r in caplog.records)
    window.backend.submit(lambda db: db.engine.dispose(), lambda *_: None)  # room again
    with qtbot.waitSignal(form.autosaved, timeout=10_000):
        pass
    assert form.autosave_warning.text() == ""
