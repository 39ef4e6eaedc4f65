"""The reports list: filter by site, date range, team and status (the team leader's and HQ's:
accepted, returned, rejected) or where a signed report stands with HQ (waiting, sent,
refused); sort by clicking a header; the count of matching reports. Double-click or Enter opens
a report in the form.

Thread: GUI.
"""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QEvent, QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from safeland_core.vocab import ReportStatus

from ..db import Database
from ..domain.rows import Changes, ReportFilter, SiteSummary
from . import fmt
from .labels import label
from .ops import Backend, QueryOp
from .reports_model import ReportsModel

NO_DATE = QDate(1991, 12, 31)  # the minimum of the date edits, shown as "any"
HQ_PREFIX = "hq:"  # the status list's entries that filter by where a report stands with HQ


class ReportsView(QWidget):
    open_report = Signal(str)

    def __init__(self, backend: Backend, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._backend = backend
        self.model = ReportsModel(backend)
        self.site = QComboBox()
        self.site.setMinimumContentsLength(16)
        self.team = QComboBox()
        self.team.setMinimumContentsLength(10)
        self.status = QComboBox()
        self.date_from = self._date_edit()
        self.date_to = self._date_edit()
        self.clear_button = QPushButton()
        self.clear_button.clicked.connect(self.clear_filter)
        self.count = QLabel()
        self.count.setObjectName("count")
        self._captions = [QLabel() for _ in range(5)]
        bar = QHBoxLayout()
        for caption, widget in zip(self._captions, (self.site, self.date_from, self.date_to,
                                                    self.team, self.status)):
            caption.setBuddy(widget)
            bar.addWidget(caption)
            bar.addWidget(widget)
        bar.addWidget(self.clear_button)
        bar.addStretch()
        bar.addWidget(self.count)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        for col, width in enumerate((100, 160, 160, 120, 110, 70, 250)):
            self.table.setColumnWidth(col, width)
        self.table.activated.connect(self._activated)
        self.table.doubleClicked.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        self.model.counted.connect(self._show_count)
        self.model.refreshed.connect(self._reselect)
        self._keep: str | None = None
        self._scroll = 0
        for combo in (self.site, self.team, self.status):
            combo.currentIndexChanged.connect(self.apply_filter)
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(self.apply_filter)
        backend.changed.connect(self._on_changed)
        self._filling = False
        self.retranslate()

    def _date_edit(self) -> QDateEdit:
        edit = QDateEdit()
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("dd/MM/yyyy")
        edit.setMinimumDate(NO_DATE)
        edit.setDate(NO_DATE)
        return edit

    def start(self) -> None:
        """Fill the pick lists and load the first page."""
        self._fill_choices()
        self.model.reload()

    def _fill_choices(self) -> None:
        def read(db: Database) -> tuple[list[SiteSummary], list[str]]:
            from ..domain import queries

            return queries.list_sites(db), queries.teams(db)

        QueryOp(self._backend, read, success=self._got_choices, parent=self, ahead=(
            self._backend.claim_ahead("choices"),
            lambda screen: ([SiteSummary(*r) for r in screen.sites], screen.teams))).run()

    def _got_choices(self, choices: tuple) -> None:
        sites, teams = choices
        self._filling = True
        site, team = self.site.currentData(), self.team.currentData()
        self.site.clear()
        self.site.addItem(self.tr("All sites"), None)
        for s in sites:
            self.site.addItem(s.reference, s.id)
            self.site.setItemData(self.site.count() - 1, s.name, Qt.ItemDataRole.ToolTipRole)
        self.team.clear()
        self.team.addItem(self.tr("All teams"), None)
        for t in teams:
            self.team.addItem(t, t)
        self.site.setCurrentIndex(max(self.site.findData(site), 0))
        self.team.setCurrentIndex(max(self.team.findData(team), 0))
        self._filling = False

    def current_filter(self) -> ReportFilter:
        def day(edit: QDateEdit) -> dt.date | None:
            return None if edit.date() == NO_DATE else fmt.from_qdate(edit.date())

        status, hq = self.status.currentData(), None
        if status and status.startswith(HQ_PREFIX):  # where it stands with HQ, not a status
            status, hq = None, status[len(HQ_PREFIX):]
        return ReportFilter(site_id=self.site.currentData(), date_from=day(self.date_from),
                            date_to=day(self.date_to), team=self.team.currentData(),
                            status=status, hq=hq)

    def apply_filter(self) -> None:
        if self._filling:
            return
        self.count.setText(self.tr("Counting…"))
        self.model.set_filter(self.current_filter())

    def set_filter(self, site_id: str | None = None, team: str | None = None,
                   status: str | None = None, date_from: dt.date | None = None,
                   date_to: dt.date | None = None, hq: str | None = None) -> None:
        """Set every filter at once (one query, not five). `hq`: "waiting", "sent" or
        "refused" (instead of a status: both are picked in the same list)."""
        self._filling = True
        self.site.setCurrentIndex(max(self.site.findData(site_id), 0))
        self.team.setCurrentIndex(max(self.team.findData(team), 0))
        self.status.setCurrentIndex(max(self.status.findData(HQ_PREFIX + hq if hq else status), 0))
        self.date_from.setDate(fmt.to_qdate(date_from) if date_from else NO_DATE)
        self.date_to.setDate(fmt.to_qdate(date_to) if date_to else NO_DATE)
        self._filling = False
        self.apply_filter()

    def clear_filter(self) -> None:
        self.set_filter()

    def _show_count(self, total: int) -> None:
        self.count.setText(self.tr("Reports: %1").replace("%1", fmt.number(total)))

    def _reselect(self) -> None:
        row = self.model.row_of(self._keep) if self._keep is not None else -1
        if row >= 0:
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
        self.table.verticalScrollBar().setValue(self._scroll)

    def _activated(self, index: QModelIndex) -> None:
        row = self.model.row_at(index.row()) if index.isValid() else None
        if row is not None:
            self.open_report.emit(row.id)

    def _on_changed(self, changes: Changes, _initiator: object) -> None:
        if changes.reports:
            # In place: the list stays where the team leader left it, selection included.
            index = self.table.currentIndex()
            row = self.model.row_at(index.row()) if index.isValid() else None
            self._keep = row.id if row is not None else None
            self._scroll = self.table.verticalScrollBar().value()
            self.model.refresh()
            self._fill_choices()
        elif changes.sites:
            self._fill_choices()

    def retranslate(self) -> None:
        for caption, text in zip(self._captions, (self.tr("&Site"), self.tr("&From"), self.tr("T&o"),
                                                  self.tr("Te&am"), self.tr("Stat&us"))):
            caption.setText(text)
        for edit in (self.date_from, self.date_to):
            edit.setSpecialValueText(self.tr("any"))
        self._filling = True
        status = self.status.currentData()
        self.status.clear()
        self.status.addItem(self.tr("Any status"), None)
        for s in ReportStatus:
            self.status.addItem(label(s), s.value)
        self.status.insertSeparator(self.status.count())
        for key, text in (("waiting", self.tr("Waiting for HQ")), ("sent", self.tr("Sent to HQ")),
                          ("refused", self.tr("Refused by HQ"))):
            self.status.addItem(text, HQ_PREFIX + key)
        self.status.setCurrentIndex(max(self.status.findData(status), 0))
        if self.site.count():
            self.site.setItemText(0, self.tr("All sites"))
        if self.team.count():
            self.team.setItemText(0, self.tr("All teams"))
        self._filling = False
        self.clear_button.setText(self.tr("&Clear filter"))
        self.model.retranslate()
        if self.model.total or self.count.text():
            self._show_count(self.model.total)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
