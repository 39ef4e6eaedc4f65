"""Issue 11, points 5, 6, 8, 9 (the window's half), 13 and 14, at 1366×768 as the team leader's
laptop shows the window: five devices seen and editable without scrolling on a draft, an
amendment and a signed report; fields that stay put while messages come and go; Ctrl+N on a
site's page; the reports list keeping its place after a save; the land-released warning under
the field and its figures in *Save anyway?*; "Not saved" that shows and goes; a new device row
that is not red until left; past revisions and what changed; dates in one form."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint

from app.db import open_database
from app.domain import queries, services
from app.domain.queries import ReportFilter
from tests.ui.test_window import SITE, _count, _fill, _good_report

DEVICE = {"category": "AP_MINE", "model": "PMN-2", "quantity": 1, "condition": "POOR", "depth_cm": 15,
          "disposal": "DESTROYED_IN_SITU", "lat": 11.0541, "lon": 104.7561}


def _five_devices(form) -> None:
    for n in range(5):
        form.fields.items.add_row({**DEVICE, "depth_cm": 10 + n})


def _fits_five(form, qtbot) -> None:
    table = form.fields.items.table
    qtbot.waitUntil(lambda: table.viewport().height() >= 5 * form.fields.items.row_height, timeout=5000)
    assert form.scroll.verticalScrollBar().maximum() == 0, "the form scrolls at 1366x768"
    for row in range(5):  # each row whole inside the table's viewport: seen and editable
        rect = table.visualRect(table.model().index(row, 0))
        assert table.viewport().rect().contains(rect), row


def _signed_with_two_revisions(path) -> str:
    db = open_database(path)
    try:
        site_id = str(queries.get_site(db, SITE).id)
        row = queries.page_reports(db, ReportFilter(status="SIGNED", site_id=site_id), limit=1)[0]
        record = queries.get_report(db, row.id).model_dump(mode="json")
        record["personnel"] = (record.get("personnel") or 10) + 1
        record["items"] = [dict(DEVICE, depth_cm=10 + n) for n in range(5)]
        services.amend(db, row.id, record, "five devices were found, not the ones first typed")
        return row.id
    finally:
        db.close()


@pytest.mark.parametrize("lang", ["en", "km"])
def test_five_devices_fit_on_a_draft_an_amendment_and_a_signed_report(
        lang, open_demo_window, demo_path, qtbot, wait_idle):
    rid = _signed_with_two_revisions(demo_path)
    window = open_demo_window()
    window.set_language(lang)
    window.resize(1366, 768)
    form = window.form
    window.act["new"].trigger()
    _good_report(form)
    _five_devices(form)
    _fits_five(form, qtbot)                         # a draft
    form.dirty = False
    window.show_report(rid)
    qtbot.waitUntil(lambda: form.mode == "signed" and len(form.history.revisions) == 2, timeout=10_000)
    assert form.fields.items.table.rowCount() == 5
    _fits_five(form, qtbot)                         # signed, history folded
    form.begin_amend()
    _fits_five(form, qtbot)                         # an amendment
    window.set_language("en")


def test_fields_do_not_move_when_messages_come_and_go(open_demo_window, qtbot):
    window = open_demo_window()
    window.resize(1366, 768)
    form = window.form
    window.act["new"].trigger()
    _good_report(form)
    _five_devices(form)
    qtbot.wait(300)
    fields = form.fields
    watched = [fields.edits["personnel"], fields.edits["clearance_depth_cm"], fields.items.table,
               fields.notes, fields.items.add_button]

    def where() -> list[QPoint]:
        return [w.mapTo(window, QPoint(0, 0)) for w in watched] + [form.fields.items.table.size()]

    before = where()
    _fill(form, personnel="500", hours_worked="many", area_cleared_m2="70000")
    qtbot.waitUntil(lambda: form.fields.messages["personnel"].has_message, timeout=5000)
    window.act["save"].trigger()
    qtbot.waitUntil(lambda: "Not saved" in form.notice.text(), timeout=5000)
    assert where() == before
    _fill(form, personnel="12", hours_worked="6", area_cleared_m2="600")
    qtbot.waitUntil(lambda: not form.fields.messages["personnel"].has_message, timeout=5000)
    assert where() == before


def test_not_saved_is_plain_to_see_and_goes_when_fixed(open_demo_window, qtbot, wait_idle):
    window = open_demo_window()
    form = window.form
    window.act["new"].trigger()
    _good_report(form)
    _fill(form, personnel="500")
    window.act["save"].trigger()
    wait_idle(qtbot, window)
    notice = form.notice
    assert notice.text() == "Not saved: check the marked fields." and notice.property("severity") == "error"
    assert notice.font().weight() >= 600 or notice.fontInfo().bold()  # bold, on red (the style sheet)
    assert notice.palette().color(notice.foregroundRole()).name() == "#ffffff"
    _fill(form, personnel="14")
    qtbot.waitUntil(lambda: notice.text() == "", timeout=5000)


def test_land_released_warning_sits_under_the_field_and_save_anyway_shows_the_figures(
        open_demo_window, demo_path, qtbot, prompter, wait_idle):
    window = open_demo_window()
    form = window.form
    window.act["new"].trigger()
    _good_report(form)
    _fill(form, area_reduced_m2="70000")  # the reduced area is the one that goes too far
    messages = form.fields.messages
    qtbot.waitUntil(lambda: messages["area_reduced_m2"].has_message, timeout=10_000)
    assert messages["area_reduced_m2"].property("severity") == "warning"
    assert not messages["area_cleared_m2"].has_message
    prompter.answers = [False]
    window.act["save"].trigger()
    qtbot.waitUntil(lambda: any(k == "confirm" for k, _t, _x in prompter.asked), timeout=10_000)
    wait_idle(qtbot, window)
    kind, title, text = prompter.asked[-1]
    assert title == "Save anyway?"
    db = open_database(demo_path)
    facts = queries.site_facts(db, SITE)
    db.close()
    assert f"Site area: {facts.area_m2:,.0f} m²" in text
    assert f"{facts.released_m2_others:,.0f} m²" in text and "This report: 70,600 m²" in text


def test_a_new_device_row_is_not_red_until_the_user_leaves_it(open_demo_window, qtbot):
    window = open_demo_window()
    form = window.form
    window.act["new"].trigger()
    _good_report(form)
    items = form.fields.items
    items.add_device()
    model = items.editor(0, "model")
    model.setFocus()
    model.setText("")
    model.textEdited.emit("")
    items.editor(0, "quantity").setText("")
    items.editor(0, "quantity").textEdited.emit("")
    qtbot.wait(400)
    assert not any(items.editor(0, k).property("problem") for k in ("quantity", "model"))
    assert not form.fields.messages["items"].has_message
    form.fields.notes.setFocus()  # the user leaves the row
    qtbot.waitUntil(lambda: bool(items.editor(0, "quantity").property("problem")), timeout=5000)
    assert form.fields.messages["items"].has_message
    form.dirty = False


def test_ctrl_n_on_a_site_page_starts_a_report_for_that_site(open_demo_window, qtbot):
    window = open_demo_window()
    window.tabs.setCurrentWidget(window.sites)
    window.sites.select("BS/CHA/CMAA/60222")
    qtbot.waitUntil(lambda: window.sites.page.site is not None
                    and window.sites.page.site.reference == "BS/CHA/CMAA/60222", timeout=10_000)
    window.act["new"].trigger()
    form = window.form
    assert window.tabs.currentWidget() is form and form.mode == "new"
    assert form.fields.site.currentData() == "BS/CHA/CMAA/60222"


def test_saving_keeps_the_reports_list_where_it_was(open_demo_window, demo_path, qtbot, wait_idle):
    window = open_demo_window()
    view = window.reports
    window.tabs.setCurrentWidget(view)
    qtbot.waitUntil(lambda: view.model.rowCount() >= 100, timeout=10_000)
    view.table.selectRow(60)
    view.table.scrollTo(view.model.index(60, 0))
    scroll = view.table.verticalScrollBar().value()
    chosen = view.model.row_at(60).id
    assert scroll > 0
    form = window.form
    window.tabs.setCurrentWidget(form)
    window.act["new"].trigger()
    _good_report(form)
    _fill(form, personnel="9")
    with qtbot.waitSignal(view.model.refreshed, timeout=10_000):
        window.act["save"].trigger()
    wait_idle(qtbot, window)
    assert view.model.rowCount() == _count(demo_path)  # the new draft is in the list
    assert view.table.verticalScrollBar().value() == scroll
    assert view.model.row_at(view.table.currentIndex().row()).id == chosen


def test_a_past_revision_opens_read_only_with_what_changed(open_demo_window, demo_path, qtbot):
    rid = _signed_with_two_revisions(demo_path)
    window = open_demo_window()
    form = window.form
    window.show_report(rid)
    history = form.history
    qtbot.waitUntil(lambda: len(history.revisions) == 2, timeout=10_000)
    assert not history.unfolded  # folded, to leave the devices their room
    history.set_unfolded(True)
    current = form.fields.edits["personnel"].text()
    shown = [history.changes.item(i).text() for i in range(history.changes.count())]
    assert shown[0] == "What revision 2 changed:"
    assert any(f"{int(current) - 1} → {current}" in t for t in shown)
    lines = history.change_lines(2)
    assert any(line.startswith("Personnel: ") and f"→ {current}" in line for line in lines), lines
    assert any("Device 1" in line for line in lines), lines
    history.table.setCurrentCell(1, 0)  # revision 1 (newest first)
    assert form.viewing == 1 and form.fields.edits["personnel"].isReadOnly()
    assert form.fields.edits["personnel"].text() == str(int(current) - 1)
    assert "revision 1" in form.title.text() and form.back_button.isVisible()
    assert not form._buttons["amend"].isVisible()
    assert "First signature" in history.changes.item(1).text()  # nothing before revision 1
    form.back_button.click()
    assert form.viewing is None and form.fields.edits["personnel"].text() == current
    assert form._buttons["amend"].isVisible()


def test_dates_are_day_first_everywhere(open_demo_window, qtbot, wait_idle):
    from app.ui import fmt

    assert fmt.datetime(dt.datetime(2026, 12, 1, 12, 59, tzinfo=dt.UTC)).startswith(
        dt.datetime(2026, 12, 1, 12, 59, tzinfo=dt.UTC).astimezone().strftime("%d/%m/%Y"))
    window = open_demo_window()
    db = window.backend.db
    services.autosave_put(db, "x", {})  # nothing: only to have the window's counts read
    wait_idle(qtbot, window)
    window.status.refresh()
    wait_idle(qtbot, window)
    text = window.status.last_sync.text()
    assert "never" in text or "/20" in text
    assert fmt.date(dt.date(2025, 6, 2)) == "02/06/2025"
