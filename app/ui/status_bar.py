"""The status bar: drafts, signed reports waiting for HQ (or, on a laptop not enrolled such as
the demo data, that they cannot be sent until it is), reports HQ returned, last sync
(queries.status_counts), refreshed when reports or the outbox change. The first refresh can
take counts read ahead, while the window was being built (`count_ahead`, the launcher's).
Thread: GUI.
"""
from __future__ import annotations

import logging
from concurrent.futures import Future

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QStatusBar, QToolButton, QWidget

from ..db import Database
from ..domain.rows import Changes, StatusCounts
from . import fmt
from .ops import Backend, QueryOp

log = logging.getLogger("safeland.ui")


class StatusBar(QStatusBar):
    """`updated(waiting)` after each refresh: how many signed revisions wait for HQ."""

    updated = Signal(int)

    def __init__(self, backend: Backend, sync_action: QAction, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._backend = backend
        self._counts: StatusCounts | None = None
        self._ahead: Future[StatusCounts] | None = None
        self.drafts = QLabel()
        self.waiting = QLabel()
        self.last_sync = QLabel()
        self.returned = QLabel()  # reports HQ returned: to amend (shown when there are any)
        self.returned.setObjectName("message")
        self.returned.hide()
        for label in (self.drafts, self.waiting, self.returned, self.last_sync):
            self.addPermanentWidget(label)
        sync_button = QToolButton()
        sync_button.setDefaultAction(sync_action)
        self.addPermanentWidget(sync_button)
        backend.changed.connect(self._on_changed)  # the window refreshes it once it starts

    def count_ahead(self, counted: Future[StatusCounts]) -> None:
        """Let the next refresh take `counted` (the counts of the database as it was opened,
        read on a connection of their own: app.ui.launcher) rather than count again, unless
        reports or the outbox change first."""
        self._ahead = counted

    def refresh(self) -> None:
        ahead, self._ahead = self._ahead, None
        QueryOp(self._backend, _count, success=self._show, parent=self,
                ahead=None if ahead is None else (ahead, lambda counts: counts)).run()

    def _on_changed(self, changes: Changes, _initiator: object) -> None:
        if changes.reports or changes.outbox:
            self._ahead = None  # counted before this change
            self.refresh()

    def _show(self, counts: StatusCounts) -> None:
        self._counts = counts
        self.retranslate()
        self.updated.emit(counts.waiting)

    def retranslate(self) -> None:
        c = self._counts
        if c is None:
            return
        self.drafts.setText(self.tr("Drafts: %1").replace("%1", fmt.number(c.drafts)))
        if c.enrolled:
            self.waiting.setText(self.tr("Signed, waiting for HQ: %1").replace("%1", fmt.number(c.waiting)))
        else:  # the demo data, or a laptop not enrolled yet: nothing is on its way to HQ
            self.waiting.setText(self.tr("Signed: %1, not sent: this laptop cannot sync until it is "
                                         "enrolled with HQ").replace("%1", fmt.number(c.waiting)))
        self.returned.setText(self.tr("Returned by HQ: %1").replace("%1", fmt.number(c.returned)))
        self.returned.setVisible(c.returned > 0)
        self.last_sync.setText(self.tr("Last sync: %1").replace("%1", fmt.datetime(c.last_sync)))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def _count(db: Database) -> StatusCounts:
    from ..domain import queries

    return queries.status_counts(db)
