"""What the report form's buttons do: save a draft, sign, sign an amendment, delete a draft.
Each goes through WriteOp to app.domain.services. Warnings (NeedsConfirmation) ask the user
through the prompts service and, once confirmed, run again with accept_warnings=True.

Thread: GUI.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from ..db import Database
from . import fmt, prompts
from .errors import show_error
from .labels import label
from .messages import issue_text
from .ops import WriteOp

if TYPE_CHECKING:
    from .report_form import ReportForm



class ReportActions:
    def __init__(self, form: ReportForm) -> None:
        self.form = form

    # --- the common path ---------------------------------------------------------------------

    def _write(self, fn: Callable[[Database, bool], Any], success: Callable[[Any], None],
               accept: bool = False) -> None:
        """Run a write; on warnings ask, and run again accepting them."""
        def failed(exc: BaseException) -> None:
            from ..domain.errors import Invalid, NeedsConfirmation

            if isinstance(exc, NeedsConfirmation):
                if self._confirm_warnings(exc.issues):
                    self._write(fn, success, accept=True)
                else:
                    self.form.show_notice(QCoreApplication.translate("ReportActions", "Not saved."))
            elif isinstance(exc, Invalid):
                self.form.issues = list(exc.issues)
                self.form.fields.show_issues(exc.issues, None)
                self._not_saved()
                if any(i.loc[:1] == ("amend_reason",) for i in exc.issues):
                    self.form.reason_message.setText(issue_text(exc.issues[0]))
                elif not any(str(i.loc[0]) in self.form.fields.messages for i in exc.issues if i.loc):
                    show_error(self.form, exc)
            else:
                show_error(self.form, exc)

        WriteOp(self.form.backend, lambda db: fn(db, accept), success=success, failure=failed,
                parent=self.form, label=QCoreApplication.translate("ReportActions", "Saving…")).run()

    def _confirm_warnings(self, issues: list) -> bool:
        lines = list(dict.fromkeys(issue_text(i) for i in issues))
        if any(i.code == "released_exceeds_area" for i in issues):
            lines.append(self.area_figures())
        return prompts.current().confirm(
            self.form, QCoreApplication.translate("ReportActions", "Save anyway?"), "\n".join(lines),
            QCoreApplication.translate("ReportActions", "Save anyway"),
            QCoreApplication.translate("ReportActions", "Check the figures before you continue."))

    def area_figures(self) -> str:
        """The figures behind the land-released warning: the site's area, what its other reports
        released, what this report releases, and what that makes."""
        facts = self.form._facts  # noqa: SLF001 - the form's own actions
        data = self.form.form_data()
        this = sum(_float(data.get(k)) for k in ("area_cleared_m2", "area_reduced_m2", "area_cancelled_m2"))
        area = facts.area_m2 if facts is not None else None
        before = facts.released_m2_others if facts is not None else 0.0
        return "\n".join((
            QCoreApplication.translate("ReportActions", "Site area: %1").replace("%1", fmt.area(area)),
            QCoreApplication.translate("ReportActions", "Released so far by the site's other reports: %1")
            .replace("%1", fmt.area(before)),
            QCoreApplication.translate("ReportActions", "This report: %1").replace("%1", fmt.area(this)),
            QCoreApplication.translate("ReportActions", "Together: %1, that is %2 more than the area")
            .replace("%1", fmt.area(before + this))
            .replace("%2", fmt.area(max(before + this - (area or 0), 0))),
        ))

    def _not_saved(self) -> None:
        """Said in red, beside the title, until the marked fields are put right."""
        self.form.show_notice(
            QCoreApplication.translate("ReportActions", "Not saved: check the marked fields."),
            "error", until_fixed=True)

    def _ready(self) -> bool:
        if self.form.reveal_all_issues():
            return True
        self._not_saved()
        return False

    # --- actions -----------------------------------------------------------------------------

    def save(self) -> None:
        """Ctrl+S: save the draft (or, in amend mode, sign the amendment)."""
        form = self.form
        if form.mode == "amend":
            self.sign()
            return
        if form.mode == "signed" or not self._ready():
            return
        data = form.form_data()

        def saved(report_id: str) -> None:
            form._set_mode("draft", report_id, "DRAFT", 0)  # noqa: SLF001 - the form's own actions
            form.saved_cleanly()
            form.show_notice(QCoreApplication.translate("ReportActions", "Draft saved."), "ok")
            form.saved.emit(report_id)

        def save(db: Database, accept: bool) -> Any:
            from ..domain import services

            return services.save_draft(db, data, accept_warnings=accept)

        self._write(save, saved)

    def sign(self) -> None:
        """Ctrl+Enter: show what is being signed, then save and sign it (or sign the amendment)."""
        form = self.form
        if form.mode == "signed" or not self._ready():
            return
        data = form.form_data()
        if not prompts.current().confirm(
                form, QCoreApplication.translate("ReportActions", "Sign this report?"), self.summary(data),
                QCoreApplication.translate("ReportActions", "Sign"),
                QCoreApplication.translate("ReportActions", "A signed report cannot be edited; a correction "
                                           "is an amendment with a reason.")):
            return
        if form.mode == "amend":
            reason = form.reason.text()
            rid = form.report_id
            assert rid is not None
            def amend(db: Database, accept: bool) -> Any:
                from ..domain import services

                return rid, services.amend(db, rid, data, reason, accept)

            self._write(amend, self._signed)
            return

        def sign(db: Database, accept: bool) -> Any:
            from ..domain import services

            return services.save_and_sign(db, data, accept_warnings=accept)

        self._write(sign, self._signed)

    def _signed(self, report_id: str) -> None:
        form = self.form
        form.saved_cleanly()
        form.signed.emit(report_id)
        form.open_report(report_id, notice=(
            QCoreApplication.translate("ReportActions", "Signed and queued for HQ."), "ok"))

    def delete(self) -> None:
        form = self.form
        rid = form.report_id
        if form.mode != "draft" or rid is None:
            return
        if not prompts.current().confirm(
                form, QCoreApplication.translate("ReportActions", "Delete this draft?"),
                self.summary(form.form_data()), QCoreApplication.translate("ReportActions", "Delete")):
            return
        def delete(db: Database) -> Any:
            from ..domain import services

            return services.delete_draft(db, rid)

        WriteOp(form.backend, delete, success=lambda _c: (form.saved_cleanly(), form.new_report()),
                parent=form).run()

    def summary(self, data: dict[str, Any]) -> str:
        """The lines a team leader reads before signing."""
        items = data.get("items") or []
        lines = [
            QCoreApplication.translate("ReportActions", "Site: %1")
            .replace("%1", str(data.get("site_reference", ""))),
            QCoreApplication.translate("ReportActions", "Date: %1")
            .replace("%1", fmt.long_date(_date(data.get("date")))),
            QCoreApplication.translate("ReportActions", "Activity: %1")
            .replace("%1", label(data.get("activity"))),
            QCoreApplication.translate("ReportActions", "Team: %1, led by %2")
            .replace("%1", str(data.get("team", "")))
            .replace("%2", str(data.get("team_leader", ""))),
            QCoreApplication.translate("ReportActions", "Cleared %1, reduced %2, cancelled %3")
            .replace("%1", fmt.area(_float(data.get("area_cleared_m2"))))
            .replace("%2", fmt.area(_float(data.get("area_reduced_m2"))))
            .replace("%3", fmt.area(_float(data.get("area_cancelled_m2")))),
            QCoreApplication.translate("ReportActions", "Devices found: %1")
            .replace("%1", fmt.number(sum(_int(i.get("quantity")) for i in items))),
        ]
        if self.form.mode == "amend":
            lines.append(QCoreApplication.translate("ReportActions", "Reason for the amendment: %1")
                         .replace("%1", self.form.reason.text()))
        return "\n".join(lines)


def _date(value: Any):  # noqa: ANN202
    import datetime as dt

    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def _float(value: Any) -> float:
    try:
        return float(value or 0)
    except (TypeError, ValueError):
        return 0.0


def _int(value: Any) -> int:
    try:
        return int(value or 0)
    except (TypeError, ValueError):
        return 0
