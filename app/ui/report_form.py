"""The daily report form: new, draft, signed (read-only) and amend modes; validation as the
user types (validate_report is pure, run on the GUI thread after a short pause); drafts save
themselves (services.autosave_put every few seconds and on close) so a crash loses nothing.

Writes go through WriteOp to app.domain.services; the site's facts come by QueryOp.
Thread: GUI.
"""
from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ..db import Database
from ..domain.rows import Changes, Profile, SiteSummary
from . import fmt, prompts
from .history_panel import HistoryPanel
from .labels import label
from .layouts import MessageLine
from .ops import Backend, QueryOp
from .report_actions import ReportActions
from .report_fields import ReportFields
from .review_banner import ReviewBanner

if TYPE_CHECKING:
    from concurrent.futures import Future

    from safeland_core.validation import SiteFacts

    from ..domain.first_screen import FirstScreen

log = logging.getLogger("safeland.ui")

AUTOSAVE_KEY = "report-form"
NEW, DRAFT, SIGNED, AMEND = "new", "draft", "signed", "amend"


class ReportForm(QWidget):
    """`saved(report_id)` after a draft is saved, `signed(report_id)` after signing or amending,
    `autosaved()` after each autosave, `autosave_failed()` when one could not be written,
    `validated()` after each validation pass."""

    saved = Signal(str)
    signed = Signal(str)
    autosaved = Signal()
    autosave_failed = Signal()
    validated = Signal()
    recovered = Signal()

    AUTOSAVE_MS = 3000
    VALIDATE_MS = 150

    def __init__(self, backend: Backend, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.backend = backend
        self.mode = NEW
        self.report_id: str | None = None
        self.new_id = str(uuid.uuid4())  # the UUID a new report will be saved under
        self.status = "DRAFT"
        self.revision = 0
        self.dirty = False
        self.issues: list = []
        self._touched: set[str] = set()
        self._show_all = False
        self._facts: SiteFacts | None = None  # set by _load_facts before each validation
        self._facts_for: tuple[str | None, str | None] | None = None  # none asked for yet
        self._profile: Profile | None = None

        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.state = QLabel()
        # One line for what just happened or what is wrong ("Draft saved.", "Not saved: check
        # the marked fields.", a recovered report): always there, so nothing below it moves.
        # `banner` is the same line (a notice a view wants the team leader to read first).
        self.notice = MessageLine(name="notice")
        self.banner = self.notice
        self._notice_until_fixed = False
        self.back_button = QPushButton()
        self.back_button.clicked.connect(self.back_to_current)
        self.back_button.hide()
        self.fields = ReportFields()
        self.reason_caption = QLabel()
        self.reason = QLineEdit()
        self.reason_caption.setBuddy(self.reason)
        self.reason_message = MessageLine()
        self.history = HistoryPanel()
        self.review = ReviewBanner(backend)  # HQ's decision, or whether the report reached HQ
        self.review.amend_requested.connect(self.begin_amend)
        self.history.revision_chosen.connect(self.show_revision)
        self.viewing: int | None = None  # a past revision shown read-only, or None
        self._current: Any = None  # the report as saved, when one is shown
        self.autosave_warning = MessageLine(name="autosave")
        self._autosave_failing = False
        self.actions = ReportActions(self)
        self._buttons = {name: QPushButton() for name in
                         ("new", "yesterday", "save", "sign", "amend", "delete")}
        self._buttons["new"].clicked.connect(lambda: self.request_new())
        self._buttons["yesterday"].clicked.connect(self.start_from_yesterday)
        self._buttons["save"].clicked.connect(self.actions.save)
        self._buttons["sign"].clicked.connect(self.actions.sign)
        self._buttons["amend"].clicked.connect(self.begin_amend)
        self._buttons["delete"].clicked.connect(self.actions.delete)

        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addSpacing(16)
        head.addWidget(self.notice, 1)
        head.addWidget(self.back_button)
        head.addWidget(self.state)
        self._reason_box = QWidget()
        reason_row = QHBoxLayout(self._reason_box)
        reason_row.setContentsMargins(0, 0, 0, 0)
        reason_row.addWidget(self.reason_caption)
        reason_row.addWidget(self.reason, 3)
        reason_row.addWidget(self.reason_message, 2)
        buttons = QHBoxLayout()
        for name in ("new", "yesterday"):
            buttons.addWidget(self._buttons[name])
        buttons.addWidget(self.autosave_warning, 1)
        for name in ("delete", "amend", "save", "sign"):
            buttons.addWidget(self._buttons[name])
        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(9, 0, 9, 0)
        body_layout.setSpacing(4)
        body_layout.addWidget(self.fields, 1)
        self.fields.notes_row.addWidget(self.history, 2)
        self.history.field_name = self.fields.field_name
        self.history.item_field_name = self.fields.column_name
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(9, 6, 9, 6)
        layout.setSpacing(4)
        layout.addLayout(head)
        layout.addWidget(self.review)  # HQ's decision (and its reason beside an amendment)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self._reason_box)
        layout.addLayout(buttons)

        self._validate_timer = QTimer(self, singleShot=True, interval=self.VALIDATE_MS)
        self._validate_timer.timeout.connect(self.validate)
        self._autosave_timer = QTimer(self, interval=self.AUTOSAVE_MS)
        self._autosave_timer.timeout.connect(self.autosave)
        self._autosave_timer.start()
        self.fields.edited.connect(self._on_edited)
        self.reason.textEdited.connect(lambda _t: self._on_edited("amend_reason"))
        backend.changed.connect(self._on_changed)
        self._apply_mode()
        self.retranslate()

    # --- loading -----------------------------------------------------------------------------

    def start(self) -> None:
        """Load sites and profile; recover an autosaved form if there is one."""
        self.reload_sites(self.backend.claim_ahead("form_sites"))
        self._reset()
        QueryOp(self.backend, _profile, success=self._got_profile, parent=self, ahead=(
            self.backend.claim_ahead("form_profile"),
            lambda screen: screen.profile and Profile(*screen.profile))).run()
        # Until the autosave is read, a request to show something else waits for it: a form
        # built on a team leader's first click (Workspace.form) must recover the draft, and then
        # ask before leaving it, not open the other report over it.
        self._waiting = []
        QueryOp(self.backend, _autosave_get, success=self._recover, failure=self._recover_failed,
                parent=self, ahead=(self.backend.claim_ahead("autosave"),
                                    lambda screen: screen.autosave)).run()

    def reload_sites(self, ahead: Future[FirstScreen] | None = None) -> None:
        """The sites to choose from; `ahead`: as read ahead at start (app.ui.read_ahead)."""
        def read(db: Database) -> list[SiteSummary]:
            from ..domain import queries

            return queries.list_sites(db)

        QueryOp(self.backend, read, success=self.fields.set_sites, parent=self,
                ahead=(ahead, lambda screen: [SiteSummary(*r) for r in screen.sites])).run()

    def _got_profile(self, profile: Profile | None) -> None:
        self._profile = profile
        if self.mode == NEW and not self.dirty and profile is not None:
            for key in ("team", "team_leader"):
                if not self.fields.edits[key].text() and getattr(profile, key):
                    self.fields.edits[key].setText(getattr(profile, key))

    def _recover(self, saved: dict[str, Any] | None) -> None:
        if saved:
            self.restore_state(saved)
            self.show_notice(self.tr("Recovered the report you were writing when Safeland last "
                                     "closed. Check it, then save or sign it."), "info")
            self.recovered.emit()
        self._run_waiting()

    def _recover_failed(self, exc: BaseException) -> None:
        from .errors import show_error

        show_error(self, exc)
        self._run_waiting()

    def _run_waiting(self) -> None:
        waiting, self._waiting = self._waiting, None
        for request in waiting or ():
            request()

    # None once the start's autosave is read (or before start()); else the requests to show
    # something else made meanwhile, run in order after it (start()).
    _waiting: list[Callable[[], Any]] | None = None

    # --- leaving the form: every way asks first when something typed is not saved -----------

    def confirm_leave(self) -> bool:
        """True when the form may show something else: nothing typed is unsaved, or the team
        leader chose to discard it. (Closing the window keeps it: the last autosave.)"""
        if not self.dirty or self.mode == SIGNED:
            return True
        return prompts.current().confirm(
            self, QCoreApplication.translate("MainWindow", "Start a new report?")
            if self._leaving_for_new else self.tr("Leave this report?"),
            QCoreApplication.translate(
                "MainWindow", "The report you are writing has not been saved. Start a new one anyway?")
            if self._leaving_for_new else
            self.tr("The report you are writing has not been saved. Open the other one anyway? "
                    "What you typed here is lost."),
            QCoreApplication.translate("MainWindow", "Start a new report")
            if self._leaving_for_new else self.tr("Open it, discard my changes"))

    _leaving_for_new = False

    def request_new(self, site_reference: str | None = None) -> bool:
        """*New report* (the form's button, the toolbar, Ctrl+N): asks first when the form holds
        unsaved work. With `site_reference`, the new report is for that site. True when done
        (or to be done once the form's start has read its autosave)."""
        if self._waiting is not None:
            self._waiting.append(lambda: self.request_new(site_reference))
            return True
        self._leaving_for_new = True
        try:
            if not self.confirm_leave():
                return False
        finally:
            self._leaving_for_new = False
        self.new_report()
        if site_reference:
            self.fields.load({**self.fields.data(), "site_reference": site_reference})
            self._load_facts()
            self.fields.date.setFocus()
        else:
            self.fields.site.setFocus()
        return True

    def request_open(self, report_id: str, amend: bool = False) -> bool:
        """Show another report (from the reports list, a site page, HQ's refusals): asks first
        when the form holds unsaved work. True when it is being opened (or to be, once the
        form's start has read its autosave)."""
        if self._waiting is not None:
            self._waiting.append(lambda: self.request_open(report_id, amend))
            return True
        if report_id == self.report_id and self.dirty and not amend:
            return True  # the report being edited: keep what is typed
        if not self.confirm_leave():
            return False
        self.open_report(report_id, amend)
        return True

    def new_report(self) -> None:
        """An empty form (today's date, this laptop's team). Does not ask: request_new() does."""
        self._reset()
        self.backend.submit(_autosave_clear,
                            lambda ok, r: None if ok else self._autosave_problem(r, clearing=True))
        self._schedule_validation()

    def _reset(self) -> None:
        # The report's UUID is made here, on the device, before the first save: saving twice
        # (Ctrl+S pressed again before the first answer) then updates the same draft.
        self.new_id = str(uuid.uuid4())
        self.viewing, self._current = None, None
        self._set_mode(NEW, None, "DRAFT", 0)
        self.fields.load({"date": dt.date.today().isoformat(), "activity": "CLEARANCE",
                          "team": getattr(self._profile, "team", None),
                          "team_leader": getattr(self._profile, "team_leader", None)})
        self.reason.clear()
        self.history.clear()
        self.review.clear()
        self.show_notice("")
        self._touched.clear()
        self._show_all = False
        self.dirty = False

    def open_report(self, report_id: str, amend: bool = False,
                    notice: tuple[str, str] | None = None) -> None:
        """Show a report; with `amend`, open a new revision of it at once (refused by HQ);
        `notice` (text, severity) is shown once it is there."""
        def shown(report: Any) -> None:
            self._show_report(report)
            if amend:
                self.begin_amend()
            if notice is not None:
                self.show_notice(*notice)

        def read(db: Database) -> Any:
            from ..domain import queries

            return queries.get_report(db, report_id)

        QueryOp(self.backend, read, success=shown, parent=self).run()

    def _show_report(self, report: Any) -> None:
        if report is None:
            return
        record = report.model_dump(mode="json")
        mode = DRAFT if report.status.value == "DRAFT" else SIGNED
        self.viewing, self._current = None, record
        self._set_mode(mode, str(report.id), report.status.value, report.revision)
        self.fields.load(record)
        self.reason.clear()
        self.show_notice("")
        self._touched.clear()
        self._show_all = False
        self.dirty = False
        self.history.load(self.backend, str(report.id), self)
        self.review.load(str(report.id))
        self._schedule_validation()

    # --- past revisions ----------------------------------------------------------------------

    def show_revision(self, revision: int) -> None:
        """Show a past signed revision, read-only, beside what changed from the one before it
        (the history lists the changes); *Back to the current revision* returns."""
        if self.mode != SIGNED or self._current is None:
            return
        rev = self.history.revision(revision)
        if rev is None:
            return
        if revision == self.revision:
            self.back_to_current()
            return
        self.viewing = revision
        self.fields.load(rev.content)
        self.fields.show_issues([], set())
        self._apply_mode()
        self.show_notice(self.tr("You are looking at revision %1 of %2, as it was signed on %3: "
                                 "read-only.").replace("%1", fmt.number(revision))
                         .replace("%2", fmt.number(self.revision))
                         .replace("%3", fmt.datetime(rev.signed_at)), "info")

    def back_to_current(self) -> None:
        if self.viewing is None or self._current is None:
            return
        self.viewing = None
        self.fields.load(self._current)
        self.history.select_revision(self.revision)
        self._apply_mode()
        self.show_notice("")
        self._schedule_validation()

    # --- notices -----------------------------------------------------------------------------

    def show_notice(self, text: str, severity: str = "", until_fixed: bool = False) -> None:
        """The line beside the title: "" (plain), "info" (read this), "warning" or "error".
        With `until_fixed` it goes by itself once the form has no error left."""
        self.notice.set_severity(severity)
        self.notice.setText(text)
        self._notice_until_fixed = until_fixed and bool(text)

    def start_from_yesterday(self) -> None:
        """Copy team, team leader, personnel and assets (and the site and activity when none is
        chosen yet) from the most recent report of this site, or of any site."""
        site = self.fields.site.currentData()

        def read(db: Database) -> Any:
            from ..domain import queries

            return queries.last_report(db, site) or queries.last_report(db)

        QueryOp(self.backend, read, success=self._copy_from, parent=self).run()

    def _copy_from(self, report: Any) -> None:
        if report is None:
            self.show_notice(self.tr("No earlier report to start from."))
            return
        values = self.fields.data()
        prev = report.model_dump(mode="json")
        for key in ("team", "team_leader", "personnel", "assets"):
            values[key] = prev.get(key)
        values.setdefault("site_reference", prev["site_reference"])
        if not self.dirty:
            values["activity"] = prev["activity"]
        self.fields.load(values)
        self._on_edited("team")

    # --- modes -------------------------------------------------------------------------------

    def stop_autosave(self) -> None:
        """No more autosaves (the window is closing; final_autosave() saves the last state)."""
        self._autosave_timer.stop()

    def _set_mode(self, mode: str, report_id: str | None, status: str, revision: int) -> None:
        self.mode, self.report_id, self.status, self.revision = mode, report_id, status, revision
        self._apply_mode()

    def _apply_mode(self) -> None:
        editable = self.mode in (NEW, DRAFT, AMEND)
        past = self.viewing is not None
        self.fields.set_read_only(not editable)
        self._reason_box.setVisible(self.mode == AMEND)
        self._buttons["save"].setVisible(self.mode in (NEW, DRAFT))
        self._buttons["sign"].setVisible(editable)
        self._buttons["amend"].setVisible(self.mode == SIGNED and not past)
        self._buttons["delete"].setVisible(self.mode == DRAFT)
        self._buttons["yesterday"].setVisible(self.mode in (NEW, DRAFT))
        self.back_button.setVisible(past)
        self.review.set_amending(self.mode == AMEND)
        self.retranslate()

    def begin_amend(self) -> None:
        """Open a new revision of a signed report; it needs a reason."""
        if self.mode != SIGNED:
            return
        self.back_to_current()
        self.mode = AMEND
        self._touched.clear()
        self._show_all = False
        self._apply_mode()
        self.reason.setFocus()

    @property
    def read_only(self) -> bool:
        return self.mode == SIGNED

    # --- validation --------------------------------------------------------------------------

    def _on_edited(self, key: str) -> None:
        self.dirty = True
        self._touched.add(key)
        if self.notice.property("severity") == "info":
            self.show_notice("")  # a recovered report's notice: read once the user is at work
        if key == "site_reference":
            self._load_facts()
        self._schedule_validation()

    def _schedule_validation(self) -> None:
        self._validate_timer.start()

    def _load_facts(self) -> None:
        ref, rid = self.fields.site.currentData(), self.report_id
        if (ref, rid) == self._facts_for:
            return
        from safeland_core.validation import SiteFacts  # the rules: imported once typing starts

        self._facts_for = (ref, rid)
        self._facts = SiteFacts(None)
        if not ref:
            return
        def read(db: Database) -> SiteFacts | None:
            from ..domain import queries

            return queries.site_facts(db, ref, rid)

        QueryOp(self.backend, read, success=lambda facts: self._got_facts((ref, rid), facts),
                parent=self).run()

    def _got_facts(self, key: tuple, facts: SiteFacts | None) -> None:
        if key == self._facts_for:
            self._facts = facts
            self.validate()

    def validate(self) -> list:
        """Check the form with the schema's rules and show the messages. Pure: writes nothing."""
        from safeland_core.validation import has_errors, validate_report

        self._load_facts()
        data = self.form_data()
        _, self.issues = validate_report(data, self._facts)
        if self.mode == AMEND and not self.reason.text().strip():
            from safeland_core.validation import Issue

            self.issues.append(Issue(("amend_reason",), "reason_required", "reason required"))
        shown = None if self._show_all else self._touched
        if self.viewing is None:
            self.fields.show_issues(self.issues, shown)
        reason_issue = [i for i in self.issues if i.loc[:1] == ("amend_reason",)]
        from .messages import issue_text

        self.reason_message.setText(issue_text(reason_issue[0]) if reason_issue and (
            shown is None or "amend_reason" in shown) else "")
        if self._notice_until_fixed and not has_errors(self.issues):
            self.show_notice("")
        self.validated.emit()
        return self.issues

    def reveal_all_issues(self) -> bool:
        """Show every message (before a save); True when there is no error."""
        from safeland_core.validation import WARNING, has_errors

        self._show_all = True
        self.fields.items.forget_fresh()  # a save was attempted: every row is judged now
        issues = self.validate()
        errors = [i for i in issues if i.severity != WARNING]
        if errors:
            self.fields.focus_field(str(errors[0].loc[0]) if errors[0].loc else "")
        return not has_errors(issues)

    def form_data(self) -> dict[str, Any]:
        data = self.fields.data()
        data["id"] = self.report_id or self.new_id
        return data

    # --- autosave ----------------------------------------------------------------------------

    def state_dict(self) -> dict[str, Any]:
        """Everything typed, as typed (possibly invalid), to survive a crash."""
        return {"mode": self.mode, "id": self.report_id, "new_id": self.new_id, "status": self.status,
                "revision": self.revision, "values": self.fields.data(),
                "amend_reason": self.reason.text()}

    def restore_state(self, saved: dict[str, Any]) -> None:
        self.new_id = saved.get("new_id") or str(uuid.uuid4())
        self._set_mode(saved.get("mode", NEW), saved.get("id"), saved.get("status", "DRAFT"),
                       int(saved.get("revision") or 0))
        self.fields.load(saved.get("values") or {})
        self.reason.setText(saved.get("amend_reason") or "")
        self.dirty = True
        self._touched = set((saved.get("values") or {}).keys())
        if self.report_id:
            self.history.load(self.backend, self.report_id, self)
            self.review.load(self.report_id)
        self._schedule_validation()

    def autosave(self) -> None:
        """Keep the form's state in the database if it changed since the last save. A failure
        (a full disk, a read-only file) is logged and shown under the form until it works."""
        if not self.dirty or self.mode == SIGNED:
            return
        state = self.state_dict()
        self.backend.submit(lambda db: _autosave_put(db, state), self._autosave_done)

    def _autosave_done(self, ok: bool, result: Any) -> None:
        if not ok:
            self._autosave_problem(result)
            return
        if self._autosave_failing:
            log.info("autosave works again")
            self._autosave_failing = False
            self.autosave_warning.clear()
            self.autosave_warning.set_severity("")
        self.autosaved.emit()

    def _autosave_problem(self, exc: BaseException, clearing: bool = False) -> None:
        """Say plainly that what is typed is not kept (the reason beside it), log the detail
        once per run of failures, and try again at the next autosave."""
        from .errors import classify

        if not self._autosave_failing:
            log.error("autosave failed" if not clearing else "could not clear the autosaved form",
                      exc_info=(type(exc), exc, exc.__traceback__))
        else:
            log.warning("autosave failed again: %s", exc)
        self._autosave_failing = True
        problem = classify(exc)
        text = (self.tr("Autosave failed: %1. What you type is not kept if Safeland closes now.")
                if not clearing else
                self.tr("Could not remove the recovery copy: %1. It may come back at the next start."))
        self.autosave_warning.set_severity("warning")
        self.autosave_warning.setText(text.replace("%1", problem.title))
        self.autosave_warning.setToolTip(problem.text)
        self.autosave_failed.emit()

    def final_autosave(self):  # noqa: ANN201 - a job for Backend.close
        """The last autosave, as a job the backend runs before it closes (window closing)."""
        if not self.dirty or self.mode == SIGNED:
            return None
        state = self.state_dict()

        def flush(db: Any) -> None:
            try:
                _autosave_put(db, state)
            except Exception:
                log.exception("the last autosave failed as the window closed")
                raise

        return flush

    def saved_cleanly(self) -> None:
        """After a successful save or signature: nothing left to recover."""
        self.dirty = False
        self._touched.clear()
        self._show_all = False
        self.backend.submit(_autosave_clear,
                            lambda ok, r: None if ok else self._autosave_problem(r, clearing=True))

    # --- changes from elsewhere --------------------------------------------------------------

    def _on_changed(self, changes: Changes, initiator: object) -> None:
        if changes.sites:
            self.reload_sites()
        if initiator is self:
            return
        if changes.reports and self.fields.site.currentData():
            self._facts_for = (None, None)
            self._load_facts()
        if changes.profile:
            QueryOp(self.backend, _profile, success=self._got_profile, parent=self).run()

    # --- text --------------------------------------------------------------------------------

    def retranslate(self) -> None:
        titles = {NEW: self.tr("New daily report"), DRAFT: self.tr("Daily report (draft)"),
                  SIGNED: self.tr("Daily report (signed, read-only)"),
                  AMEND: self.tr("Amending a signed report")}
        self.title.setText(titles[self.mode] if self.viewing is None else
                           self.tr("Daily report, revision %1 (read-only)").replace(
                               "%1", fmt.number(self.viewing)))
        if self.mode in (SIGNED, AMEND):
            self.state.setText(self.tr("%1, revision %2").replace("%1", label(self.status))
                               .replace("%2", fmt.number(self.revision)))
        elif self.mode == DRAFT:
            self.state.setText(label("DRAFT"))
        else:
            self.state.setText("")
        self.reason_caption.setText(self.tr("Reason &for the amendment"))
        self.reason.setPlaceholderText(self.tr("e.g. wrong area typed; 1,200 m² cleared, not 12,000"))
        self.back_button.setText(self.tr("&Back to the current revision"))
        # Alt+letters: unique on the form in every mode, in both languages (tests/ui/test_keyboard.py)
        texts = {"new": self.tr("Ne&w report"), "yesterday": self.tr("Start from &yesterday's report"),
                 "save": self.tr("Sa&ve draft"), "sign": self.tr("Si&gn…"),
                 "amend": self.tr("A&mend…"), "delete": self.tr("Delete dra&ft")}
        if self.mode == AMEND:
            texts["sign"] = self.tr("Si&gn amendment…")
        for name, text in texts.items():
            self._buttons[name].setText(text)
        self.history.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.validate()
        super().changeEvent(event)


# The form's reads and writes on the worker (the data layer imported there, not with the form).

def _profile(db: Database) -> Profile | None:
    from ..domain import queries

    return queries.profile(db)


def _autosave_get(db: Database) -> dict[str, Any] | None:
    from ..domain import services

    return services.autosave_get(db, AUTOSAVE_KEY)


def _autosave_put(db: Database, state: dict[str, Any]) -> None:
    from ..domain import services

    services.autosave_put(db, AUTOSAVE_KEY, state)


def _autosave_clear(db: Database) -> None:
    from ..domain import services

    services.autosave_clear(db, AUTOSAVE_KEY)
