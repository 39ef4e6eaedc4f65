"""Sync in the window: "Sync now", an automatic attempt when HQ becomes reachable, progress in
the status bar, plain messages by kind, the list of reports HQ refused (with "Amend…"), and,
after a sync that brought HQ's decisions, "2 reports returned by HQ: see why", which opens the
reports list filtered to the returned reports.

Sync runs on its own thread (`_SyncJob`), never the GUI's and never the database worker's, so
a slow link does not hold up saving a report. It calls the Qt-free `app.sync.api`; results come
back by queued signal (only ints and strings cross threads). Thread: GUI, except `_SyncJob._run`.
"""
from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..db import Database
from ..domain.rows import Changes
from . import fmt, prompts
from .ops import Backend, QueryOp

if TYPE_CHECKING:
    from ..sync import api  # imported where a sync runs (its thread), not with the window

log = logging.getLogger("safeland.ui.sync")

AUTO_INTERVAL_MS = 60_000  # how often to look for HQ while reports are waiting


class _SyncJob(QObject):
    """One sync job (a sync, an automatic attempt, or an enrollment) on a daemon thread. A run
    cut short because the app quits is safe (nothing is marked sent before HQ's answer, and each
    local write is one transaction), so closing the window never waits on a slow link.
    `progressed` and `done` reach the GUI thread as queued signals."""

    progressed = Signal(str, int, int)
    done = Signal()

    def __init__(self, db: Database, job: Callable[[_SyncJob], Any], manual: bool,
                 enrolling: bool, parent: QObject) -> None:
        super().__init__(parent)
        self.db, self._job, self.manual, self.enrolling = db, job, manual, enrolling
        self.result: Any = None
        self.error: BaseException | None = None
        self.cancel = False
        self._thread = threading.Thread(target=self._run, name="safeland-sync", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def wait(self, seconds: float) -> None:
        self._thread.join(seconds)

    def _run(self) -> None:  # the sync thread
        try:
            self.result = self._job(self)
        except BaseException as exc:  # shown plainly on the GUI thread, logged
            log.exception("sync job failed")
            self.error = exc
        self.done.emit()


def _sync_job(auto: bool) -> Callable[[_SyncJob], api.SyncOutcome | None]:
    def job(run: _SyncJob) -> api.SyncOutcome | None:
        from ..sync import api

        if auto and not api.hq_reachable(run.db):
            return None  # quiet: no connection yet, look again later
        return api.run_sync(run.db, progress=lambda p: run.progressed.emit(p.phase, p.done, p.total),
                            cancelled=lambda: run.cancel)
    return job


class SyncController(QObject):
    """Owns the "Sync now" action's behaviour. `finished(kind)` after each run (tests wait on it)."""

    finished = Signal(str)
    refused_shown = Signal()

    def __init__(self, backend: Backend, action: QAction, status_bar: Any,
                 open_for_amend: Callable[[str], None], parent: QWidget) -> None:
        super().__init__(parent)
        self._backend, self._action, self._status = backend, action, status_bar
        self._open_for_amend = open_for_amend
        self._window = parent
        self._thread: _SyncJob | None = None
        self.enroll_dialog: EnrollDialog | None = None
        self.refused_dialog: RefusedDialog | None = None
        self.last_outcome: api.SyncOutcome | None = None
        self._enrolled = False
        self._waiting = 0
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(160)
        self.progress.setTextVisible(False)
        self.progress.hide()
        status_bar.addWidget(self.progress)
        # "2 reports returned by HQ: see why": stays until followed or a later sync brings
        # other decisions.
        self.decided_link = QLabel()
        self.decided_link.setObjectName("decidedLink")
        self.decided_link.setTextFormat(Qt.TextFormat.RichText)
        self.decided_link.linkActivated.connect(lambda status: self.show_decided(status))
        self.decided_link.hide()
        self._decided: dict[str, str] = {}
        status_bar.addPermanentWidget(self.decided_link)
        action.setEnabled(True)
        self._timer = QTimer(self)
        self._timer.setInterval(AUTO_INTERVAL_MS)
        self._timer.timeout.connect(self.try_automatic)
        self._timer.start()

    # --- state from the window -------------------------------------------------------------

    def set_enrolled(self, enrolled: bool) -> None:
        """From the device profile, whenever the window reads it."""
        self._enrolled = enrolled
        self.retranslate()

    def set_waiting(self, waiting: int) -> None:
        """From the status bar's counts: signed revisions waiting for HQ."""
        self._waiting = waiting

    @property
    def running(self) -> bool:
        return self._thread is not None

    # --- starting runs ---------------------------------------------------------------------

    def sync_now(self) -> None:
        """The user asked: enroll first if needed, else sync and say how it went."""
        if self.running:
            self._thread.cancel = True  # a second press stops the run between batches
            return
        if not self._enrolled:
            self.enroll()
            return
        self._start(_sync_job(auto=False), manual=True)

    def try_automatic(self) -> None:
        """Every minute while reports wait: if HQ answers, sync quietly."""
        if self._enrolled and self._waiting and not self.running:
            self._start(_sync_job(auto=True), manual=False)

    def enroll(self) -> None:
        """Ask for HQ's address and code (a window-modal dialog that does not block)."""
        self.enroll_dialog = EnrollDialog(self._window)
        self.enroll_dialog.accepted.connect(lambda: self.start_enroll(*self.enroll_dialog.values()))
        self.enroll_dialog.open()

    def start_enroll(self, url: str, code: str) -> None:
        def job(run: _SyncJob) -> Any:
            from ..sync import api

            return api.enroll(run.db, url, code)

        self._start(job, manual=True, enrolling=True)

    def _start(self, job: Callable[[_SyncJob], Any], manual: bool, enrolling: bool = False) -> None:
        thread = _SyncJob(self._backend.db, job, manual, enrolling, self)
        thread.progressed.connect(self._progressed, Qt.ConnectionType.QueuedConnection)
        thread.done.connect(self._done, Qt.ConnectionType.QueuedConnection)
        self._thread = thread
        if manual:
            self._status.showMessage(self.tr("Connecting to HQ…"))

        self.retranslate()
        thread.start()

    def _progressed(self, phase: str, done: int, total: int) -> None:
        self.progress.show()
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        text = (self.tr("Sending reports to HQ: %1 of %2") if phase == "push"
                else self.tr("Receiving HQ's decisions: %1 of %2") if phase == "reviews"
                else self.tr("Receiving sites from HQ: %1 of %2"))
        self._status.showMessage(text.replace("%1", str(done)).replace("%2", str(total)))

    # --- results ---------------------------------------------------------------------------

    def _done(self) -> None:
        thread = self._thread
        if thread is None:
            return
        manual, enrolling = thread.manual, thread.enrolling
        self._thread = None
        thread.deleteLater()
        self.progress.hide()
        self.retranslate()
        self._backend.changed.emit(Changes(sites=True, reports=True, outbox=True, profile=enrolling), None)
        if thread.error is not None:
            from ..sync import api  # the sync thread imported it

            kind = getattr(thread.error, "kind", "server")
            text = self._enroll_error_text(kind) if enrolling else self.outcome_text(
                api.SyncOutcome(False, kind, ""))
            self._say(manual, text)
            self.finished.emit(kind)
            return
        if enrolling:
            self._enrolled = True
            self._say(manual, self.tr("This laptop is now enrolled with HQ. Press Sync now to send "
                                      "the signed reports."))
            self.finished.emit("enrolled")
            return
        outcome: api.SyncOutcome | None = thread.result
        self.last_outcome = outcome
        if outcome is None:  # an automatic attempt found no HQ
            self.finished.emit("unreachable")
            return
        text = self.outcome_text(outcome)
        if outcome.kind == "refused":
            self._status.showMessage(text)
            if manual:
                self.show_refused()
        elif outcome.kind in ("ok",) or not manual:
            self._status.showMessage(text)
        else:
            self._say(manual, text)
        for warning in outcome.warnings:
            log.warning("sync warning: %s", warning)
        if outcome.decided:  # a run that brought no decision leaves the last message as it was
            self._show_decided_link(outcome.decided)
        if outcome.skipped_sites:  # assigned sites this laptop could not read: say so
            text += "  " + self.tr("%n site(s) from HQ could not be used here; they are fetched "
                                   "again at the next sync.", "", len(outcome.skipped_sites))
            self._status.showMessage(text)
        if outcome.clock_skew_seconds is not None and abs(outcome.clock_skew_seconds) > 600:
            self._status.showMessage(text + "  " + self.tr(
                "This laptop's clock is wrong by %1 minutes: set the date and time.").replace(
                "%1", str(round(abs(outcome.clock_skew_seconds) / 60))))
        self.finished.emit(outcome.kind)

    def _show_decided_link(self, decided: dict[str, str]) -> None:
        """After a sync that brought decisions: how many reports HQ returned (or, if none,
        rejected) in this run, with a link to them; hidden when it brought neither."""
        self._decided = dict(decided)
        returned = sum(1 for d in decided.values() if d == "RETURNED")
        rejected = sum(1 for d in decided.values() if d == "REJECTED")
        if returned:
            text = self.tr("%n report(s) returned by HQ: %1", "", returned)
            target = "RETURNED"
        elif rejected:
            text = self.tr("%n report(s) rejected by HQ: %1", "", rejected)
            target = "REJECTED"
        else:
            self.decided_link.hide()
            return
        why = self.tr("see why")
        self.decided_link.setText(text.replace("%1", f'<a href="{target}">{why}</a>'))
        self.decided_link.show()

    def show_decided(self, status: str = "RETURNED") -> None:
        """The reports list, filtered to the reports HQ returned (or rejected)."""
        window = self._window
        reports = getattr(window, "reports", None)
        if reports is None:
            return
        window.tabs.setCurrentWidget(reports)
        reports.set_filter(status=status)
        self.decided_link.hide()

    def _say(self, manual: bool, text: str) -> None:
        self._status.showMessage(text)
        if manual:
            prompts.current().inform(self._window, self.tr("Sync"), text)

    def _enroll_error_text(self, kind: str) -> str:
        if kind == "auth":
            return self.tr("HQ refused the enrollment code. Check the code (each works once and "
                           "expires) or ask HQ for a new one.")
        if kind == "offline":
            return self.tr("Could not reach HQ at that address. Check the address and the "
                           "connection, then try again.")
        return self.tr("Enrolling did not work. Nothing on this laptop was changed. Details are "
                       "in the log file.")

    def outcome_text(self, o: api.SyncOutcome) -> str:
        """One plain sentence in the user's language for each kind of outcome."""
        if o.kind == "ok":
            text = (self.tr("Sync complete: %1 sent, %2 updated from HQ.")
                    .replace("%1", self.tr("%n report(s)", "", o.reports_sent))
                    .replace("%2", self.tr("%n site(s)", "", o.pulled_sites)))
            if o.sites_sent:
                text += " " + self.tr("%n new site(s) sent for HQ to confirm.", "", o.sites_sent)
            return text
        if o.kind == "refused":
            return self.tr("HQ refused %n report(s); each is kept here with HQ's reason. Amend "
                           "them and sync again.", "", o.parked or o.refused)
        if o.kind == "offline":
            return self.tr("Could not reach HQ: no connection, or a network login page answered "
                           "instead. Nothing was lost; sync again when you have a connection.")
        if o.kind == "auth":
            return self.tr("HQ no longer accepts this laptop. Ask HQ for a new enrollment code. "
                           "Nothing was lost: every waiting report is still on this laptop.")
        if o.kind == "not_enrolled":
            return self.tr("This laptop is not enrolled with HQ yet. Press Sync now and enter the "
                           "code HQ gave you.")
        if o.kind == "interrupted":
            return self.tr("Sync stopped before it finished. What HQ confirmed is marked as sent; "
                           "the rest is still waiting. Nothing was lost.")
        return self.tr("HQ had a problem and could not take the reports now. Nothing was lost; "
                       "try again later.")

    def show_refused(self) -> None:
        """The refused reports, to amend (read by a query op; a window-modal dialog that does
        not block)."""
        def read(db: Database) -> list[api.RefusedRecord]:
            from ..sync import api

            return api.refused_records(db)

        QueryOp(self._backend, read, success=self._open_refused, parent=self._window).run()

    def _open_refused(self, records: list[api.RefusedRecord]) -> None:
        self.refused_dialog = RefusedDialog(records, self._window)
        self.refused_dialog.accepted.connect(
            lambda: self._open_for_amend(self.refused_dialog.chosen) if self.refused_dialog.chosen else None)
        self.refused_dialog.open()
        self.refused_shown.emit()

    def retranslate(self) -> None:
        if self._decided and self.decided_link.isVisible():
            self._show_decided_link(self._decided)
        if self.running:
            self._action.setText(self.tr("Stop sync"))
            self._action.setToolTip(self.tr("Stop after the batch being sent; nothing is lost."))
        elif self._enrolled:
            self._action.setText(self.tr("Sync now"))
            self._action.setToolTip(self.tr("Send signed reports to HQ and get this unit's sites."))
        else:
            self._action.setText(self.tr("Sync now"))
            self._action.setToolTip(self.tr("Connect this laptop to HQ with the code HQ gave you. "
                                            "Reports are kept safely until then."))

    def language_changed(self) -> None:
        """The last sync's sentence in the status bar, said again in the new language."""
        self.retranslate()
        if not self.running and self.last_outcome is not None and self._status.currentMessage():
            self._status.showMessage(self.outcome_text(self.last_outcome))

    def shutdown(self) -> None:
        """Stop the timer; let a running sync stop between batches and wait for it."""
        self._timer.stop()
        if self._thread is not None:
            self._thread.cancel = True  # stops between batches; a daemon thread never holds up quitting
            self._thread.wait(5.0)


class EnrollDialog(QDialog):
    """HQ's address and the one-time code HQ gave for this laptop."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Connect to HQ"))
        self.url = QLineEdit()
        self.url.setPlaceholderText("https://hq.example.org")
        self.code = QLineEdit()
        form = QFormLayout()
        form.addRow(self.tr("HQ address"), self.url)
        form.addRow(self.tr("Enrollment code"), self.code)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Connect"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        self.message = QLabel()
        self.message.setObjectName("message")
        intro = QLabel(self.tr("Ask HQ to register this laptop; HQ gives an address and "
                               "a one-time code."))
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def _accept(self) -> None:
        url, code = self.values()
        if not url.startswith(("http://", "https://")):
            self.message.setText(self.tr("The address starts with http:// or https://"))
            return
        if not code:
            self.message.setText(self.tr("Enter the code HQ gave you."))
            return
        self.accept()

    def values(self) -> tuple[str, str]:
        return self.url.text().strip(), self.code.text().strip()


class RefusedDialog(QDialog):
    """The reports HQ refused, with its reason; "Amend…" opens one in the form."""

    def __init__(self, records: list[api.RefusedRecord], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Reports refused by HQ"))
        self.records = records
        self.chosen: str | None = None
        self.table = QTableWidget(len(records), 4)
        self.table.setHorizontalHeaderLabels([self.tr("Date"), self.tr("Site"), self.tr("Revision"),
                                              self.tr("HQ's reason")])
        for row, rec in enumerate(records):
            day = fmt.date(dt.date.fromisoformat(rec.date)) if rec.date else ""
            reason = rec.reason or rec.code or ""  # HQ's own words, as HQ wrote them
            for col, value in enumerate((day, rec.site_reference or "", str(rec.revision), reason)):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                self.table.setItem(row, col, item)
        header = self.table.horizontalHeader()
        for col in range(3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        self.table.resizeRowsToContents()
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        if records:
            self.table.selectRow(0)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        self.amend_button = buttons.addButton(self.tr("Amend…"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.amend_button.setEnabled(bool(records))
        buttons.accepted.connect(self._amend)
        buttons.rejected.connect(self.reject)
        intro = QLabel(self.tr("HQ did not accept these reports. Each stays on this laptop; "
                               "amend it with a reason and sync again."))
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(820, 360)

    def _amend(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.records):
            self.chosen = self.records[row].record_id
            self.accept()
