"""Where a signed report stands with HQ, at the top of the report form: waiting for HQ, sent on
DATE, refused, or HQ's decision (accepted, returned, rejected) with its reason, who decided
and when. A returned report offers *Amend…*; while it is amended, HQ's reason stays beside the
amendment form. `decision_rows` gives the history panel its rows of HQ's decisions.

Reads through queries.review_state (QueryOp) and reloads itself when reports change (a sync
pulled decisions). Thread: GUI.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from safeland_core.vocab import ReportStatus

from ..db import Database
from ..domain.rows import Changes, Review, ReviewState
from . import fmt
from .labels import label
from .ops import Backend, QueryOp

STYLE = """
QFrame#reviewBanner { border: 1px solid #c9c9c9; border-radius: 3px; background: #f4f6f8; }
QFrame#reviewBanner[tone="returned"] { border: 2px solid #b3261e; background: #fdecea; }
QFrame#reviewBanner[tone="rejected"] { border: 2px solid #6b2a8a; background: #f5eefa; }
QFrame#reviewBanner[tone="accepted"] { border: 1px solid #1d6b2f; background: #eaf6ec; }
QFrame#reviewBanner[tone="refused"] { border: 2px solid #b3261e; background: #fdecea; }
QLabel#reviewTitle { font-weight: 600; }
"""


def decided_line(d: Review) -> str:
    """"Returned by HQ on 01/12/2026 by sokha (revision 1)"."""
    when = fmt.datetime(d.at) if d.at else "—"
    text = QCoreApplication.translate("ReviewBanner", "%1 on %2 by %3 (revision %4)")
    return (text.replace("%1", label(d.decision)).replace("%2", when)
            .replace("%3", d.by or "HQ").replace("%4", fmt.number(d.revision)))


def decision_rows(state: ReviewState | None) -> list[tuple[int, tuple[str, str, str, str]]]:
    """HQ's decisions as rows of the history table (revision, by, at, what and why), each with
    the revision it was made on, oldest first."""
    if state is None:
        return []
    rows = []
    for d in state.decisions:
        what = label(d.decision) + (f": {d.reason}" if d.reason else "")
        by = QCoreApplication.translate("ReviewBanner", "%1 (HQ)").replace("%1", d.by or "HQ")
        rows.append((d.revision, (fmt.number(d.revision), by,
                                  fmt.datetime(d.at) if d.at else "—", what)))
    return rows


class ReviewBanner(QFrame):
    """`amend_requested()` when the team leader presses *Amend…* on a returned report;
    `shown()` after each state is shown (tests wait on it)."""

    amend_requested = Signal()
    shown = Signal()

    def __init__(self, backend: Backend, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewBanner")
        self.setStyleSheet(STYLE)
        self._backend = backend
        self.report_id: str | None = None
        self.state: ReviewState | None = None
        self.amending = False
        self.title = QLabel()
        self.title.setObjectName("reviewTitle")
        self.title.setWordWrap(True)
        self.reason = QLabel()
        self.reason.setWordWrap(True)
        self.reason.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.amend_button = QPushButton()
        self.amend_button.clicked.connect(self.amend_requested)
        text = QVBoxLayout()
        text.setContentsMargins(0, 0, 0, 0)
        text.addWidget(self.title)
        text.addWidget(self.reason)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 6, 8, 6)
        row.addLayout(text, 1)
        row.addWidget(self.amend_button, 0, Qt.AlignmentFlag.AlignTop)
        backend.changed.connect(self._on_changed)
        self.hide()
        self.retranslate()

    # --- loading -----------------------------------------------------------------------------

    def load(self, report_id: str) -> None:
        self.report_id = report_id
        QueryOp(self._backend, lambda db: review_state(db, report_id),
                success=lambda st: self._got(report_id, st), parent=self).run()

    def clear(self) -> None:
        self.report_id, self.state, self.amending = None, None, False
        self.hide()

    def set_amending(self, amending: bool) -> None:
        """In the amendment form: HQ's reason (what to correct) stays shown beside it."""
        self.amending = amending
        self.retranslate()

    def _got(self, report_id: str, state: ReviewState | None) -> None:
        if report_id != self.report_id:
            return  # another report was opened meanwhile
        self.state = state
        self.retranslate()
        self.shown.emit()

    def _on_changed(self, changes: Changes, _initiator: object) -> None:
        if changes.reports and self.report_id and not self.amending:
            self.load(self.report_id)

    # --- text --------------------------------------------------------------------------------

    def _tone(self, tone: str) -> None:
        self.setProperty("tone", tone)
        self.style().unpolish(self)
        self.style().polish(self)

    def retranslate(self) -> None:
        self.amend_button.setText(self.tr("Amend…"))
        st = self.state
        if st is None or st.status == ReportStatus.DRAFT:
            self.hide()
            return
        reason, tone, amend = "", "", False
        if self.amending:
            asked = st.last_returned
            if asked is None:
                self.hide()
                return
            title = self.tr("HQ returned this report: correct what HQ asks, then sign the amendment.")
            reason = (self.tr("%1: %2").replace("%1", decided_line(asked))
                      .replace("%2", asked.reason or ""))
            tone = "returned"
        elif st.current is not None:
            d = st.current
            title = decided_line(d)
            tone = d.decision.lower()
            if d.decision == ReportStatus.RETURNED:
                reason = self.tr("What to correct: %1").replace("%1", d.reason or "")
                amend = True
            elif d.decision == ReportStatus.REJECTED:
                reason = self.tr("Why it does not count: %1").replace("%1", d.reason or "")
        elif st.outbox_state == "REFUSED":
            title = self.tr("Refused by HQ: amend it and sync again.")
            reason = st.refusal_reason or ""
            tone = "refused"
            amend = True
        elif st.outbox_state == "APPLIED":
            title = self.tr("Sent to HQ on %1; HQ has not decided yet.").replace(
                "%1", fmt.datetime(st.sent_at) if st.sent_at else "—")
        elif st.outbox_state == "PENDING":
            title = self.tr("Waiting for HQ: it goes with the next sync.")
        else:
            self.hide()  # a copy imported from another laptop: this one never sends it
            return
        if not self.amending and st.current is None and st.last_returned is not None:
            reason = (reason + "\n" if reason else "") + self.tr(
                "This amendment answers HQ's return of revision %1: %2").replace(
                "%1", fmt.number(st.last_returned.revision)).replace(
                "%2", st.last_returned.reason or "")
        self.title.setText(title)
        self.reason.setText(reason)
        self.reason.setVisible(bool(reason))
        self.amend_button.setVisible(amend)
        self._tone(tone)
        self.show()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def review_state(db: Database, report_id: str) -> ReviewState | None:
    """queries.review_state. Thread: the worker (the data layer imported there)."""
    from ..domain import queries

    return queries.review_state(db, report_id)
