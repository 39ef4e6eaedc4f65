"""A report's history: every signed revision, who signed it and when, and why it was amended
(queries.report_history). Thread: GUI.
"""
from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..domain import queries
from ..domain.queries import Revision
from . import fmt
from .ops import Backend, QueryOp
from .review_banner import decision_rows


class HistoryPanel(QGroupBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, 4)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setMaximumHeight(130)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        self.revisions: list[Revision] = []
        self.decisions: list = []  # HQ's decisions, each shown above the revision it judged
        self.hide()
        self.retranslate()

    def clear(self) -> None:
        self.revisions, self.decisions = [], []
        self.table.setRowCount(0)
        self.hide()

    def load(self, backend: Backend, report_id: str, parent: QWidget) -> None:
        QueryOp(backend, lambda db: queries.report_history(db, report_id), success=self.show_revisions,
                parent=parent).run()
        QueryOp(backend, lambda db: queries.review_state(db, report_id), success=self._got_review,
                parent=parent).run()

    def _got_review(self, state) -> None:  # noqa: ANN001 - queries.ReviewState | None
        self.decisions = decision_rows(state)
        self.show_revisions(self.revisions)

    def show_revisions(self, revisions: list[Revision]) -> None:
        self.revisions = revisions
        rows = []
        for rev in reversed(revisions):
            rows += [v for n, v in reversed(self.decisions) if n == rev.revision]
            rows.append((fmt.number(rev.revision), rev.signed_by, fmt.datetime(rev.signed_at),
                         rev.reason or self.tr("First signature")))
        self.table.setRowCount(len(rows))
        for row, values in enumerate(rows):
            for col, value in enumerate(values):
                self.table.setItem(row, col, QTableWidgetItem(value))
        self.setVisible(bool(revisions))

    def retranslate(self) -> None:
        self.setTitle(self.tr("History"))
        self.table.setHorizontalHeaderLabels([self.tr("Revision"), self.tr("Signed by"),
                                              self.tr("Signed at"), self.tr("Reason")])
        if self.revisions:
            self.show_revisions(self.revisions)
