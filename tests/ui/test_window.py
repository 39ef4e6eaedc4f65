"""The real main window, driven the way a team leader uses it: widget methods and actions,
waiting on signals. Each test checks what the user would see, and what was (not) saved."""
from __future__ import annotations

import datetime as dt

from app.db import open_database
from app.domain import queries
from app.domain.queries import ReportFilter

SITE = "BS/CHA/CMAA/71408"  # Tram Kang rice fields, 62,000 m², DU4


def _count(path, **f) -> int:
    db = open_database(path)
    try:
        return queries.count_reports(db, ReportFilter(**f))
    finally:
        db.close()


def _fill(form, **values) -> None:
    """Type into the form as a user would (each field marks itself edited)."""
    fields = form.fields
    if "site" in values:
        fields.site.setCurrentIndex(fields.site.findData(values.pop("site")))
    if "activity" in values:
        fields.activity.setCurrentIndex(fields.activity.findData(values.pop("activity")))
    for asset in values.pop("assets", []):
        fields.assets[asset].setChecked(True)
    for key, text in values.items():
        edit = fields.edits[key]
        edit.setText(text)
        edit.textEdited.emit(text)


def _good_report(form) -> None:
    _fill(form, site=SITE, activity="CLEARANCE", assets=["MANUAL"], team="DU4-MDT-03",
          team_leader="Sok Dara", personnel="14", hours_worked="6.5", area_cleared_m2="600",
          clearance_depth_cm="30")


def test_first_run_sets_up_the_laptop(open_window, db_path, qtbot):
    window = open_window(db_path)
    page = window.first_run
    page.save()  # no team leader yet: asked for at once, nothing saved
    assert page.leader_error.isVisible() and "team leader" in page.leader_error.text()
    assert window.stack.currentWidget() is page
    page.team_leader.setText("Keo Sarath")
    page.operator.setText("   ")
    page.save()
    qtbot.waitUntil(lambda: page.operator_error.text() != "")
    assert "required" in page.operator_error.text().lower() and page.operator_error.isVisible()
    assert window.stack.currentWidget() is page
    page.operator.setText("CMAC")
    page.unit.setText("DU5")
    page.team.setText("DU5-MDT-02")
    page.team_leader.setText("Keo Sarath")
    with qtbot.waitSignal(window.ready, timeout=10_000):
        page.save()
    assert window.stack.currentWidget() is window.tabs
    db = open_database(db_path)
    p = queries.profile(db)
    db.close()
    assert (p.operator, p.unit, p.team, p.team_leader) == ("CMAC", "DU5", "DU5-MDT-02", "Keo Sarath")


def test_create_save_and_sign_a_report(open_window, demo_path, qtbot, prompter, wait_idle):
    window = open_window(demo_path)
    before = _count(demo_path, site_id=None)
    window.act["new"].trigger()
    form = window.form
    assert form.fields.edits["team"].text() == "DU4-MDT-03"  # from this laptop's profile
    _good_report(form)
    with qtbot.waitSignal(form.saved, timeout=10_000):
        window.act["save"].trigger()
    assert form.mode == "draft" and form.report_id
    assert _count(demo_path) == before + 1
    with qtbot.waitSignal(form.signed, timeout=10_000):
        window.act["sign"].trigger()
    kind, title, text = prompter.asked[-1]
    assert kind == "confirm" and SITE in text  # the confirmation shows what is being signed
    wait_idle(qtbot, window)
    assert form.mode == "signed"
    assert form.fields.edits["personnel"].isReadOnly()
    db = open_database(demo_path)
    report = queries.get_report(db, form.report_id)
    waiting = queries.status_counts(db).waiting
    db.close()
    assert report.status.value == "SIGNED" and report.personnel == 14
    qtbot.waitUntil(lambda: str(waiting) in window.status.waiting.text())


def test_pressing_save_twice_makes_one_draft(open_window, demo_path, qtbot, wait_idle):
    """Ctrl+S pressed again before the first save answered: still one report, not two."""
    window = open_window(demo_path)
    before = _count(demo_path)
    window.act["new"].trigger()
    _good_report(window.form)
    window.act["save"].trigger()
    window.act["save"].trigger()
    wait_idle(qtbot, window)
    assert _count(demo_path) == before + 1
    _fill(window.form, personnel="12")
    window.act["save"].trigger()
    wait_idle(qtbot, window)
    assert _count(demo_path) == before + 1  # the edit went to the same draft


def test_bad_values_show_messages_and_save_nothing(open_window, demo_path, qtbot, wait_idle):
    window = open_window(demo_path)
    before = _count(demo_path)
    window.act["new"].trigger()
    form = window.form
    _good_report(form)
    _fill(form, personnel="500", hours_worked="many")
    qtbot.waitUntil(lambda: form.fields.messages["personnel"].has_message)
    assert "between 1 and 200" in form.fields.messages["personnel"].text()  # the limit, named
    assert form.fields.messages["hours_worked"].has_message
    window.act["save"].trigger()
    wait_idle(qtbot, window)
    assert "Not saved" in form.notice.text() and form.notice.property("severity") == "error"
    assert form.mode == "new"
    assert _count(demo_path) == before
    # fixing the value clears its message as the user types, and "Not saved" goes with it
    _fill(form, personnel="12", hours_worked="7")
    qtbot.waitUntil(lambda: not form.fields.messages["personnel"].has_message)
    qtbot.waitUntil(lambda: form.notice.text() == "")


def test_a_clearance_without_depth_is_refused_beside_the_field(open_window, demo_path, qtbot):
    window = open_window(demo_path)
    window.act["new"].trigger()
    form = window.form
    _good_report(form)
    _fill(form, clearance_depth_cm="")
    window.act["save"].trigger()
    qtbot.waitUntil(lambda: form.fields.messages["clearance_depth_cm"].has_message)
    assert "depth" in form.fields.messages["clearance_depth_cm"].text()


def test_a_warning_needs_confirmation(open_window, demo_path, qtbot, prompter, wait_idle):
    window = open_window(demo_path)
    before = _count(demo_path)
    window.act["new"].trigger()
    form = window.form
    _good_report(form)
    _fill(form, area_cleared_m2="60000")  # far beyond what is left of 62,000 m²
    qtbot.waitUntil(lambda: form.fields.messages["area_cleared_m2"].has_message, timeout=10_000)
    assert form.fields.messages["area_cleared_m2"].property("severity") == "warning"
    prompter.answers = [False]  # "Cancel" at the confirmation
    window.act["save"].trigger()
    qtbot.waitUntil(lambda: any(k == "confirm" for k, _t, _x in prompter.asked))
    wait_idle(qtbot, window)
    assert "more than the site's area of 62,000 m²" in prompter.asked[-1][2]
    assert _count(demo_path) == before and form.mode == "new"
    prompter.answers = [True]  # now "Save anyway"
    with qtbot.waitSignal(form.saved, timeout=10_000):
        window.act["save"].trigger()
    assert _count(demo_path) == before + 1


def test_amend_a_signed_report_with_a_reason(open_window, demo_path, qtbot, prompter, wait_idle):
    db = open_database(demo_path)
    row = queries.page_reports(db, ReportFilter(status="SIGNED", site_id=str(queries.get_site(db, SITE).id)),
                               limit=1)[0]
    db.close()
    window = open_window(demo_path)
    form = window.form
    window.show_report(row.id)
    qtbot.waitUntil(lambda: form.mode == "signed" and bool(form.history.revisions), timeout=10_000)
    assert form.fields.edits["personnel"].isReadOnly()
    form.begin_amend()
    assert form.mode == "amend" and not form.fields.edits["personnel"].isReadOnly()
    _fill(form, personnel="3")
    window.act["sign"].trigger()  # no reason yet
    qtbot.waitUntil(lambda: form.reason_message.has_message)
    assert "why" in form.reason_message.text()
    wait_idle(qtbot, window)
    form.reason.setText("personnel miscounted")
    form.reason.textEdited.emit("personnel miscounted")
    with qtbot.waitSignal(form.signed, timeout=10_000):
        window.act["sign"].trigger()
    qtbot.waitUntil(lambda: len(form.history.revisions) == 2, timeout=10_000)
    assert form.history.revisions[-1].reason == "personnel miscounted"
    assert form.history.table.item(0, 3).text() == "personnel miscounted"  # newest first
    assert form.mode == "signed" and form.revision == 2


def test_filter_the_reports_list(open_window, demo_path, qtbot, wait_idle):
    window = open_window(demo_path)
    view = window.reports
    window.tabs.setCurrentWidget(view)
    qtbot.waitUntil(lambda: view.team.count() > 1)
    with qtbot.waitSignal(view.model.counted, timeout=10_000) as counted:
        view.set_filter(team="DU4-MDR-01", status="SIGNED")
    wait_idle(qtbot, window)
    expected = _count(demo_path, team="DU4-MDR-01", status="SIGNED")
    assert counted.args == [expected] and expected > 0
    assert view.model.rowCount() == expected
    assert {view.model.row_at(r).team for r in range(view.model.rowCount())} == {"DU4-MDR-01"}
    assert view.count.text().endswith(str(expected))
    with qtbot.waitSignal(view.model.counted, timeout=10_000):
        view.set_filter(date_from=dt.date(2025, 5, 12), date_to=dt.date(2025, 5, 12))
    wait_idle(qtbot, window)
    assert {view.model.row_at(r).date for r in range(view.model.rowCount())} == {dt.date(2025, 5, 12)}


def test_switch_to_khmer_keeps_the_form(open_window, demo_path, qtbot, wait_idle):
    window = open_window(demo_path)
    window.act["new"].trigger()
    form = window.form
    _fill(form, personnel="9")
    window.set_language("km")
    # Qt delivers LanguageChange to the widgets through the event queue
    qtbot.waitUntil(lambda: window.tabs.tabText(2) == "របាយការណ៍ប្រចាំថ្ងៃ")
    assert form.fields.captions["personnel"].text() != "&Personnel"
    assert any("\u1780" <= ch <= "\u17ff" for ch in form.fields.captions["personnel"].text())
    assert form.fields.edits["personnel"].text() == "9"  # nothing typed is lost
    wait_idle(qtbot, window)
    db = open_database(demo_path)
    assert queries.profile(db).language == "km"
    db.close()
    window.set_language("en")
    qtbot.waitUntil(lambda: window.tabs.tabText(2) == "Daily report")


def test_autosaved_draft_is_recovered_after_a_crash(open_window, demo_path, qtbot):
    window = open_window(demo_path)
    window.act["new"].trigger()
    form = window.form
    _good_report(form)
    form.fields.notes.setPlainText("Two PMN-2 found near the well; ព្រំ២")
    with qtbot.waitSignal(form.autosaved, timeout=10_000):
        pass
    # The lid closes: no save, no close event, the worker simply stops.
    window.backend.close()
    window.hide()
    again = open_window(demo_path)
    form2 = again.form
    qtbot.waitUntil(lambda: "Recovered" in form2.notice.text(), timeout=10_000)
    assert form2.fields.site.currentData() == SITE
    assert form2.fields.edits["personnel"].text() == "14"
    assert "PMN-2" in form2.fields.notes.toPlainText()
    assert form2.dirty


def test_a_report_opened_at_once_after_a_crash_asks_before_leaving_the_recovered_draft(
        open_window, demo_path, qtbot, prompter):
    """The team leader clicks a report before the form is built (just after the first screen):
    the draft typed before the crash is recovered first, and leaving it is asked, not done."""
    window = open_window(demo_path)
    window.act["new"].trigger()
    _good_report(window.form)
    window.form.fields.notes.setPlainText("Two PMN-2 found near the well")
    with qtbot.waitSignal(window.form.autosaved, timeout=10_000):
        pass
    window.backend.close()  # the lid closes: no save, no close event
    window.hide()
    db = open_database(demo_path)
    draft = next(r for r in queries.page_reports(db, ReportFilter(), 0, 50)
                 if r.status == "DRAFT")
    db.close()
    again = open_window(demo_path, start=False, form_now=False)
    with qtbot.waitSignal(again.ready, timeout=10_000):
        again.start()
    assert again.ws is not None and again.ws._form is None  # the click builds the form
    prompter.answers = [False]  # "Leave this report?": no, keep writing
    again.ws.show_report(str(draft.id))
    form = again.form
    qtbot.waitUntil(lambda: any(t == "Leave this report?" for _k, t, _x in prompter.asked),
                    timeout=10_000)
    assert "PMN-2" in form.fields.notes.toPlainText()
    assert form.dirty and form.report_id != str(draft.id)


def test_start_from_yesterdays_report(open_window, demo_path, qtbot):
    window = open_window(demo_path)
    window.act["new"].trigger()
    form = window.form
    form.fields.site.setCurrentIndex(form.fields.site.findData(SITE))
    form.start_from_yesterday()
    qtbot.waitUntil(lambda: form.fields.edits["personnel"].text() != "", timeout=10_000)
    db = open_database(demo_path)
    last = queries.last_report(db, SITE)
    db.close()
    assert form.fields.edits["team"].text() == last.team
    assert form.fields.edits["personnel"].text() == str(last.personnel)
    assert {k for k, b in form.fields.assets.items() if b.isChecked()} == {a.value for a in last.assets}
