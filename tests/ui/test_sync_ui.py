"""Sync from the window, against a real HQ over HTTP: enrolling with a code, "Sync now", the
status bar counts, a refused report listed with HQ's reason and opened for amending, and the
quiet automatic attempt when HQ is down."""
from __future__ import annotations

import pytest

from tests.helpers.databases import copy_database
from tests.helpers.synchq import (
    assert_exactly_once,
    demo_sites,
    enroll,
    hq_reports,
    import_sites,
    new_code,
    outbox,
)

pytestmark = pytest.mark.usefixtures("_fast_retries")


@pytest.fixture
def demo_window(open_window, tmp_path, demo_db_template):
    """A window on the demo data (90 signed reports waiting, 10 drafts), not yet enrolled."""
    from app.db import open_database
    from app.domain import services

    path = copy_database(demo_db_template, tmp_path / "field.db")
    db = open_database(path)
    services.save_profile(db, "CMAC", "DU4", "DU4-MDT-03", "Sok Chanthy")
    db.close()
    return open_window(path)


def _enrolled_behind_the_window(qtbot, window, hq, hq_db) -> None:
    """Enroll the window's database directly (as `safeland enroll` would), then let the window
    notice through the app-wide "what changed" signal."""
    from app.domain.services import Changes

    enroll(window.backend.db, hq_db, hq.url, unit="DU4")
    window.backend.changed.emit(Changes(profile=True), None)
    qtbot.waitUntil(lambda: window.sync._enrolled and window.sync._waiting == 90, timeout=10_000)


def test_enroll_then_sync_now_sends_everything_once(qtbot, demo_window, hq, hq_db):
    window = demo_window
    import_sites(hq_db, demo_sites("DU4"))
    assert "90" in window.status.waiting.text()
    # Not enrolled yet: "Sync now" asks for HQ's address and code first.
    window.act["sync"].trigger()
    dialog = window.sync.enroll_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.url.setText(hq.url)
    dialog.code.setText(new_code(hq_db, unit="DU4"))
    with qtbot.waitSignal(window.sync.finished, timeout=60_000) as blocker:
        dialog._accept()
    assert blocker.args == ["enrolled"]
    qtbot.waitUntil(lambda: bool(window.profile and window.profile.enrolled), timeout=10_000)

    with qtbot.waitSignal(window.sync.finished, timeout=60_000) as blocker:
        window.act["sync"].trigger()
    assert blocker.args == ["ok"], window.sync.last_outcome
    assert "Sync complete: 90 reports sent, 5 sites updated from HQ." in window.status.currentMessage()
    qtbot.waitUntil(lambda: "waiting for HQ: 0" in window.status.waiting.text(), timeout=10_000)
    assert "never" not in window.status.last_sync.text()
    assert_exactly_once(window.backend.db, hq_db)
    assert sum(hq_reports(hq_db).values()) == 90


def test_wrong_code_says_so_and_changes_nothing(qtbot, demo_window, hq, hq_db, prompter):
    window = demo_window
    with qtbot.waitSignal(window.sync.finished, timeout=60_000):
        window.sync.start_enroll(hq.url, "not-a-code")
    assert any("refused the enrollment code" in text for _k, _t, text in prompter.asked)
    assert not window.profile.enrolled
    assert outbox(window.backend.db).pending == 90


def test_refused_reports_are_listed_and_opened_for_amending(qtbot, demo_window, hq, hq_db):
    window = demo_window
    moved = "BS/CHA/CMAA/40117"  # HQ assigned it to DU2: this DU4 laptop's reports on it are refused
    import_sites(hq_db, demo_sites("DU4", {moved: "DU2"}))
    _enrolled_behind_the_window(qtbot, window, hq, hq_db)
    with qtbot.waitSignals([window.sync.finished, window.sync.refused_shown], timeout=60_000):
        window.sync.sync_now()
    assert window.sync.last_outcome.kind == "refused"
    assert "HQ refused 18 reports" in window.status.currentMessage()
    dialog = window.sync.refused_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.table.rowCount() == 18
    assert moved in dialog.table.item(0, 1).text()
    assert "DU2" in dialog.table.item(0, 3).text() or moved in dialog.table.item(0, 3).text()
    chosen = dialog.records[0].record_id
    dialog._amend()
    qtbot.waitUntil(lambda: window.form.report_id == chosen and window.form.mode == "amend", timeout=10_000)
    assert window.tabs.currentWidget() is window.form
    assert_exactly_once(window.backend.db, hq_db)


def test_automatic_attempt_is_quiet_when_hq_is_down(qtbot, demo_window, hq, hq_db, prompter):
    window = demo_window
    import_sites(hq_db, demo_sites("DU4"))
    _enrolled_behind_the_window(qtbot, window, hq, hq_db)
    hq.stop()
    with qtbot.waitSignal(window.sync.finished, timeout=60_000) as blocker:
        window.sync.try_automatic()
    assert blocker.args == ["unreachable"]
    assert prompter.asked == []  # no dialog for an automatic attempt
    assert outbox(window.backend.db).pending == 90


def test_sync_message_names_new_sites_apart_from_reports(demo_window, languages):
    """One sync that carried a site found in the field and two reports: the status bar says
    two reports and one new site for HQ to confirm, not "3 reports sent", in both languages."""
    from app.sync.api import SyncOutcome

    outcome = SyncOutcome(True, "ok", "", pushed=3, sites_sent=1, pulled_sites=0)
    assert demo_window.sync.outcome_text(outcome) == (
        "Sync complete: 2 reports sent, 0 sites updated from HQ. "
        "1 new site sent for HQ to confirm.")
    languages.set("km")
    text = demo_window.sync.outcome_text(outcome)
    assert "ទីតាំងថ្មី 1 ត្រូវបានផ្ញើទៅទីស្នាក់ការកណ្ដាលដើម្បីបញ្ជាក់" in text and "របាយការណ៍ 2" in text
