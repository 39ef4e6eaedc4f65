"""HQ's decisions in the window (issue 12 point 3, issue 11 point 12), against a real HQ over
HTTP: after *Sync now* the window says "2 reports returned by HQ: see why", which leads to the
reports list filtered to them; the list shows the status and whether each report reached HQ and
filters by it; a returned report shows HQ's reason, who and when, and offers *Amend…* with the
reason beside the amendment form; the history lists HQ's decisions; the demo data (not
enrolled) does not claim its reports are on their way to HQ."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from tests.helpers.databases import copy_database
from tests.helpers.synchq import demo_sites, enroll, import_sites

pytestmark = pytest.mark.usefixtures("_fast_retries")

PW = "correct horse battery staple"
REASON = "Clearance depth of lane 3 is not recorded; measure and amend."


@pytest.fixture
def decided(tmp_path, demo_db_template, hq, hq_db):
    """A laptop database whose 90 signed reports HQ holds; HQ then returned two of them,
    rejected one and accepted one (not yet pulled). Returns (path, returned ids, rejected,
    accepted)."""
    from app.db import open_database
    from app.domain import services
    from app.models import OutboxEntry
    from app.sync.api import run_sync
    from hq import review, users

    path = copy_database(demo_db_template, tmp_path / "field.db")
    db = open_database(path)
    services.save_profile(db, "CMAC", "DU4", "DU4-MDT-03", "Sok Chanthy")
    import_sites(hq_db, demo_sites("DU4"))
    enroll(db, hq_db, hq.url, unit="DU4")
    assert run_sync(db).ok
    with db.session() as s:
        ids = list(s.scalars(select(OutboxEntry.record_id).order_by(OutboxEntry.seq).limit(4)))
    db.close()
    sokha = users.add_user(hq_db, "sokha", "reviewer", PW)
    for rid in ids[:2]:
        review.decide(hq_db, rid, "RETURNED", REASON, sokha, 1)
    review.decide(hq_db, ids[2], "REJECTED", "a copy of another team's report", sokha, 1)
    review.decide(hq_db, ids[3], "ACCEPTED", None, sokha, 1)
    return path, ids[:2], ids[2], ids[3]


def _sync(qtbot, window) -> None:
    with qtbot.waitSignal(window.sync.finished, timeout=60_000) as blocker:
        window.sync.sync_now()
    assert blocker.args == ["ok"], window.sync.last_outcome


def test_after_sync_see_why_leads_to_the_returned_reports(qtbot, open_window, decided, wait_idle):
    path, returned, rejected, accepted = decided
    window = open_window(path)
    qtbot.waitUntil(lambda: window.sync._enrolled, timeout=10_000)
    _sync(qtbot, window)
    link = window.sync.decided_link
    assert link.isVisible()
    assert "2 reports returned by HQ:" in link.text() and "see why" in link.text()
    assert window.sync.last_outcome.decided_count("RETURNED") == 2
    qtbot.waitUntil(lambda: "Returned by HQ: 2" in window.status.returned.text(), timeout=10_000)

    with qtbot.waitSignal(window.reports.model.counted, timeout=10_000) as counted:
        link.linkActivated.emit("RETURNED")  # what a click on "see why" does
    assert counted.args == [2]
    assert window.tabs.currentWidget() is window.reports
    assert not link.isVisible()
    qtbot.waitUntil(lambda: window.reports.model.rowCount() == 2, timeout=10_000)
    model = window.reports.model
    status_col, hq_col = 6, 7
    assert {model.row_at(r).id for r in range(2)} == set(returned)
    today = dt.date.today().strftime("%d/%m/%Y")
    for r in range(2):
        assert model.index(r, status_col).data() == "Returned by HQ"
        assert REASON in model.index(r, status_col).data(3)  # the tooltip: HQ's reason and who
        assert model.index(r, hq_col).data() == f"sent on {today}"
    from PySide6.QtCore import Qt

    assert model.headerData(hq_col, Qt.Orientation.Horizontal) == "HQ"


def test_the_list_filters_by_where_reports_stand_with_hq(qtbot, open_window, decided, wait_idle):
    path, returned, rejected, accepted = decided
    window = open_window(path)
    view = window.reports
    qtbot.waitUntil(lambda: window.sync._enrolled, timeout=10_000)
    _sync(qtbot, window)
    wait_idle(qtbot, window)
    for status, n in (("REJECTED", 1), ("ACCEPTED", 1), ("DRAFT", 10)):
        with qtbot.waitSignal(view.model.counted, timeout=10_000) as counted:
            view.set_filter(status=status)
        assert counted.args == [n], status
    with qtbot.waitSignal(view.model.counted, timeout=10_000) as counted:
        view.set_filter(hq="sent")
    assert counted.args == [90]
    assert view.status.currentText() == "Sent to HQ"
    # Amend one: it waits for HQ again, and the list says so.
    from app.domain import services
    from app.domain.queries import get_report

    rep = get_report(window.backend.db, returned[0]).model_dump(mode="json")
    rep["clearance_depth_cm"] = 30
    rep["notes"] = (rep.get("notes") or "") + " depth measured"
    services.amend(window.backend.db, returned[0], rep, "depth measured", accept_warnings=True)
    with qtbot.waitSignal(view.model.counted, timeout=10_000) as counted:
        view.set_filter(hq="waiting")
    assert counted.args == [1]
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=10_000)
    assert view.model.index(0, 7).data() == "waiting for HQ"
    assert view.model.index(0, 6).data() == "Signed (r2)"


def test_a_returned_report_shows_why_and_offers_amend(qtbot, open_window, decided, wait_idle):
    path, returned, rejected, accepted = decided
    window = open_window(path)
    qtbot.waitUntil(lambda: window.sync._enrolled, timeout=10_000)
    _sync(qtbot, window)
    form, banner = window.form, window.form.review
    with qtbot.waitSignal(banner.shown, timeout=10_000):
        window.show_report(returned[0])
    assert banner.isVisible() and banner.property("tone") == "returned"
    assert banner.title.text().startswith("Returned by HQ on ")
    assert "by sokha (revision 1)" in banner.title.text()
    assert banner.reason.text() == f"What to correct: {REASON}"
    assert banner.amend_button.isVisible()
    wait_idle(qtbot, window)
    history = form.history.table
    rows = [[history.item(r, c).text() for c in range(4)] for r in range(history.rowCount())]
    assert rows[0][0] == "1" and rows[0][1] == "sokha (HQ)"
    assert rows[0][3] == f"Returned by HQ: {REASON}"
    assert rows[1][3] == "First signature"

    banner.amend_button.click()
    assert form.mode == "amend"
    assert banner.isVisible() and not banner.amend_button.isVisible()
    assert "HQ returned this report" in banner.title.text() and REASON in banner.reason.text()

    # A rejected one says why it does not count and offers no amendment; an accepted one, who.
    with qtbot.waitSignal(banner.shown, timeout=10_000):
        window.show_report(rejected)
    assert banner.reason.text() == "Why it does not count: a copy of another team's report"
    assert not banner.amend_button.isVisible()
    with qtbot.waitSignal(banner.shown, timeout=10_000):
        window.show_report(accepted)
    assert banner.title.text().startswith("Accepted by HQ on ") and not banner.reason.isVisible()


def test_a_signed_report_says_whether_it_reached_hq(qtbot, open_demo_window, wait_idle):
    """The demo data: signed reports wait, and the status bar says they cannot go (not
    "90 reports waiting for HQ": the demo is never enrolled)."""
    from app.models import Report

    window = open_demo_window()
    qtbot.waitUntil(lambda: bool(window.status.waiting.text()), timeout=10_000)
    text = window.status.waiting.text()
    assert "waiting for HQ" not in text
    assert text == "Signed: 90, not sent: this laptop cannot sync until it is enrolled with HQ"
    with window.backend.db.session() as s:
        rid = s.scalar(select(Report.id).where(Report.status == "SIGNED"))
    with qtbot.waitSignal(window.form.review.shown, timeout=10_000):
        window.show_report(rid)
    assert window.form.review.title.text() == "Waiting for HQ: it goes with the next sync."
