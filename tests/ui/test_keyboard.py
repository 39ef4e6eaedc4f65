"""Issue 11, point 7: the window works from the keyboard. No two controls on screen share an
Alt-letter, in English or Khmer, on any page and in every mode of the report form; Enter moves
through the first-run form; Ctrl+F reaches the search and Down/Enter the results; after *Add
device* the focus is in the new row and Tab from its last cell goes on to the next field."""
from __future__ import annotations

import re
from collections import Counter

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QTabBar, QWidget

from tests.ui.test_window import SITE, _good_report

MNEMONIC = re.compile(r"&(?!&)(\w)")


def mnemonics(top: QWidget) -> Counter:
    """The Alt-letters of the controls the user can see in `top` (hidden ones take no keys)."""
    found: list[str] = []

    def add(text: str, where: str) -> None:
        m = MNEMONIC.search(text or "")
        if m:
            found.append(f"{m.group(1).upper()}:{where}")

    for w in top.findChildren(QWidget):
        if not w.isVisibleTo(top):
            continue
        if isinstance(w, QAbstractButton):
            add(w.text(), w.text())
        elif isinstance(w, QLabel) and w.buddy() is not None:
            add(w.text(), w.text())
        elif isinstance(w, QGroupBox):
            add(w.title(), w.title())
        elif isinstance(w, QTabBar):
            for i in range(w.count()):
                if w.isTabVisible(i):
                    add(w.tabText(i), w.tabText(i))
    return Counter(found)


def _clashes(top: QWidget) -> dict[str, list[str]]:
    by_letter: dict[str, list[str]] = {}
    for item in mnemonics(top):
        letter, where = item.split(":", 1)
        by_letter.setdefault(letter, []).append(where)
    return {k: v for k, v in by_letter.items() if len(v) > 1}


@pytest.mark.parametrize("lang", ["en", "km"])
def test_no_two_controls_share_an_alt_letter(lang, open_demo_window, qtbot, wait_idle, demo_path):
    from app.db import open_database
    from app.domain import queries
    from app.domain.queries import ReportFilter
    from app.ui.settings_dialog import SettingsDialog

    window = open_demo_window()
    window.set_language(lang)
    qtbot.wait(50)  # LanguageChange goes through the event queue
    seen: dict[str, dict] = {}
    window.tabs.setCurrentWidget(window.sites)
    window.sites.select(SITE)
    qtbot.waitUntil(lambda: window.sites.page.site is not None
                    and window.sites.page.site.reference == SITE, timeout=10_000)
    for tab in range(window.sites.page.details.count()):
        window.sites.page.details.setCurrentIndex(tab)
        seen[f"sites tab {tab}"] = _clashes(window)
    window.tabs.setCurrentWidget(window.reports)
    seen["reports"] = _clashes(window)

    form = window.form
    window.tabs.setCurrentWidget(form)
    window.act["new"].trigger()
    seen["new report"] = _clashes(window)
    _good_report(form)
    with qtbot.waitSignal(form.saved, timeout=10_000):
        window.act["save"].trigger()
    seen["draft"] = _clashes(window)
    db = open_database(demo_path)
    signed = queries.page_reports(db, ReportFilter(status="SIGNED"), limit=1)[0].id
    db.close()
    window.show_report(signed)
    qtbot.waitUntil(lambda: form.mode == "signed" and bool(form.history.revisions), timeout=10_000)
    form.history.set_unfolded(True)
    seen["signed"] = _clashes(window)
    form.begin_amend()
    seen["amend"] = _clashes(window)

    dialog = SettingsDialog(window.profile, lang, parent=window)
    seen["settings"] = _clashes(dialog)
    from app.ui.sync_ui import EnrollDialog

    enroll = EnrollDialog(window)
    seen["enroll"] = _clashes(enroll)
    enroll.deleteLater()
    dialog.deleteLater()
    window.form.dirty = False
    assert {page: c for page, c in seen.items() if c} == {}
    assert len(mnemonics(window)) > 10  # the check saw the form's controls


@pytest.mark.parametrize("lang", ["en", "km"])
def test_the_first_run_page_has_unique_alt_letters_and_enter_moves_on(lang, open_window, db_path, qtbot):
    window = open_window(db_path)
    window.set_language(lang)
    qtbot.wait(50)
    page = window.first_run
    assert _clashes(window) == {}
    page.operator.setFocus()
    qtbot.keyClick(page.operator, Qt.Key.Key_Return)
    assert page.unit.hasFocus()
    qtbot.keyClick(page.unit, Qt.Key.Key_Return)
    qtbot.keyClick(page.team, Qt.Key.Key_Return)
    assert page.team_leader.hasFocus()
    qtbot.keyClick(page.team_leader, Qt.Key.Key_Return)  # empty: a message, nothing saved
    assert page.leader_error.isVisible() and page.leader_error.text()
    assert window.stack.currentWidget() is page
    page.unit.setText("DU5")
    page.team.setText("DU5-MDT-02")
    qtbot.keyClicks(page.team_leader, "Keo Sarath")
    with qtbot.waitSignal(window.ready, timeout=10_000):
        qtbot.keyClick(page.team_leader, Qt.Key.Key_Return)  # the last field: Enter saves
    assert window.stack.currentWidget() is window.tabs
    window.set_language("en")


def test_ctrl_f_searches_and_down_reaches_the_results(open_demo_window, qtbot):
    window = open_demo_window()
    sites = window.sites
    window.tabs.setCurrentWidget(window.reports)
    qtbot.waitUntil(lambda: sites.list.count() == 5)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is sites and sites.search.hasFocus()
    with qtbot.waitSignal(sites.shown, timeout=5000):
        qtbot.keyClicks(sites.search, "71408")
    assert sites.list.count() == 1
    qtbot.keyClick(sites.search, Qt.Key.Key_Down)
    assert sites.list.hasFocus() and sites.list.currentRow() == 0
    sites.search.setFocus()
    qtbot.keyClick(sites.search, Qt.Key.Key_Return)
    assert sites.list.hasFocus()
    qtbot.waitUntil(lambda: sites.page.site is not None and sites.page.site.reference == SITE)


def test_add_device_puts_the_focus_in_the_new_row_and_tab_goes_on(open_demo_window, qtbot):
    from app.ui.items_table import COLUMNS

    window = open_demo_window()
    window.act["new"].trigger()
    items = window.form.fields.items
    qtbot.mouseClick(items.add_button, Qt.MouseButton.LeftButton)
    assert items.editor(0, "category").hasFocus()
    qtbot.mouseClick(items.add_button, Qt.MouseButton.LeftButton)
    assert items.editor(1, "category").hasFocus()
    last = items.editor(1, COLUMNS[-1])
    last.setFocus()
    qtbot.keyClick(last, Qt.Key.Key_Tab)
    assert items.add_button.hasFocus()  # the next field, not the tab bar
    qtbot.keyClick(items.add_button, Qt.Key.Key_Tab)
    qtbot.keyClick(items.remove_button, Qt.Key.Key_Tab)
    assert window.form.fields.notes.hasFocus()
    depth = window.form.fields.edits["clearance_depth_cm"]
    depth.setFocus()
    qtbot.keyClick(depth, Qt.Key.Key_Tab)
    assert items.editor(0, "category").hasFocus()  # from the last field above into the devices
    window.form.dirty = False
