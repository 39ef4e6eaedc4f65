"""The reports list's lazy table model: rows come a page at a time (queries.page_reports) as
the view scrolls to them, through canFetchMore/fetchMore; the total comes from count_reports.
Never the whole table, so 200,000 reports stay instant.

Pages load on the worker; a generation number drops pages of an older filter or sort.
Thread: GUI.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor

from safeland_core.vocab import ReportStatus

from ..domain import queries
from ..domain.queries import ReportFilter, ReportRow
from . import fmt
from .labels import label
from .ops import Backend, QueryOp

PAGE = 200
COLUMNS = ("date", "site", "activity", "team", "released", "devices", "status", "hq")
SORT_KEYS = {0: "date", 1: "site", 2: "activity", 3: "team", 6: "status"}

Index = QModelIndex | QPersistentModelIndex

# Where a report needs the team leader (returned: amend it), where it is done, where it waits.
STATUS_COLOURS = {ReportStatus.DRAFT: "#9a5b00", ReportStatus.RETURNED: "#b3261e",
                  ReportStatus.REJECTED: "#6b2a8a", ReportStatus.ACCEPTED: "#1d6b2f"}


def local_day(value: dt.datetime) -> dt.date:
    """The local calendar day of a stored UTC time (naive UTC, as the database keeps it)."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone().date()


def hq_text(r: ReportRow) -> str:
    """Whether a signed report reached HQ: "waiting for HQ", "sent on 01/12/2026", "refused by
    HQ"; nothing for a draft or a copy imported from another laptop."""
    if r.hq == "waiting":
        return QCoreApplication.translate("ReportsModel", "waiting for HQ")
    if r.hq == "sent":
        return QCoreApplication.translate("ReportsModel", "sent on %1").replace(
            "%1", fmt.date(local_day(r.sent_at)) if r.sent_at else "")
    if r.hq == "refused":
        return QCoreApplication.translate("ReportsModel", "refused by HQ")
    return ""


def review_tooltip(r: ReportRow) -> str:
    return (QCoreApplication.translate("ReportsModel", "%1 by %2: %3")
            .replace("%1", label(r.status)).replace("%2", r.review_by or "HQ")
            .replace("%3", r.review_reason or ""))


class ReportsModel(QAbstractTableModel):
    """`counted(total)` when the count for the filter is known; `page_loaded(rows)` after each
    page; `refreshed()` after refresh()."""

    counted = Signal(int)
    page_loaded = Signal(int)
    refreshed = Signal()  # after refresh(): the rows shown were read again in place

    def __init__(self, backend: Backend) -> None:
        super().__init__()
        self._backend = backend
        self._rows: list[ReportRow] = []
        self._total = 0
        self._loading = False
        self._generation = 0
        self._started = False
        self.filter = ReportFilter()
        self.sort_key = "date"
        self.descending = True

    # --- loading -----------------------------------------------------------------------------

    def set_filter(self, f: ReportFilter) -> None:
        self.filter = f
        self.reload()

    def reload(self) -> None:
        """Forget the rows and fetch the first page and the count again (the first call starts
        the model: until then it loads nothing)."""
        self._started = True
        self._generation += 1
        self.beginResetModel()
        self._rows = []
        self._total = 0
        self._loading = False
        self.endResetModel()
        gen, f = self._generation, self.filter
        QueryOp(self._backend, lambda db: queries.count_reports(db, f),
                success=lambda n: self._got_count(gen, n)).run()
        self._fetch_page()

    def refresh(self) -> None:
        """Read again the rows already shown (a report was saved, signed...) without starting
        over: the list keeps its place, its scroll and its selection (issue 11). One query for
        as many rows as are loaded; rows are changed, added or removed at the end in place."""
        if not self._started:
            self.reload()
            return
        self._generation += 1
        gen, f, key, desc = self._generation, self.filter, self.sort_key, self.descending
        n = max(len(self._rows), PAGE)
        self._loading = True
        QueryOp(self._backend, lambda db: (queries.count_reports(db, f),
                                           queries.page_reports(db, f, 0, n, key, desc)),
                success=lambda got: self._got_refresh(gen, *got)).run()

    def _got_refresh(self, gen: int, total: int, rows: list[ReportRow]) -> None:
        if gen != self._generation:
            return
        self._loading = False
        old = len(self._rows)
        if len(rows) > old:
            self.beginInsertRows(QModelIndex(), old, len(rows) - 1)
            self._rows = rows
            self.endInsertRows()
        elif len(rows) < old:
            self.beginRemoveRows(QModelIndex(), len(rows), old - 1)
            self._rows = rows
            self.endRemoveRows()
        else:
            self._rows = rows
        if rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, len(COLUMNS) - 1))
        self._total = total
        self.counted.emit(total)
        self.refreshed.emit()

    def row_of(self, report_id: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == report_id), -1)

    def _got_count(self, gen: int, total: int) -> None:
        if gen == self._generation:
            self._total = total
            self.counted.emit(total)

    @property
    def total(self) -> int:
        return self._total

    def row_at(self, row: int) -> ReportRow:
        return self._rows[row]

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:
        if parent.isValid() or self._loading:
            return False
        return len(self._rows) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:
        if not parent.isValid():
            self._fetch_page()

    def _fetch_page(self) -> None:
        if self._loading:
            return
        self._loading = True
        gen, f, offset = self._generation, self.filter, len(self._rows)
        key, desc = self.sort_key, self.descending
        QueryOp(self._backend, lambda db: queries.page_reports(db, f, offset, PAGE, key, desc),
                success=lambda rows: self._got_page(gen, rows)).run()

    def _got_page(self, gen: int, rows: list[ReportRow]) -> None:
        if gen != self._generation:
            return
        self._loading = False
        if rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()
        self.page_loaded.emit(len(rows))

    # --- Qt's model API ----------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self._rows[index.row()]
        col = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                "date": lambda: fmt.date(r.date), "site": lambda: r.site_reference,
                "activity": lambda: label(r.activity), "team": lambda: r.team,
                "released": lambda: fmt.number(r.released_m2), "devices": lambda: fmt.number(r.devices),
                "status": lambda: label(r.status) + (f" (r{r.revision})" if r.revision > 1 else ""),
                "hq": lambda: hq_text(r),
            }[col]()
        if role == Qt.ItemDataRole.TextAlignmentRole and col in ("released", "devices"):
            return int(fmt.ALIGN_NUMBER)
        if role == Qt.ItemDataRole.ForegroundRole and col == "status" and r.status in STATUS_COLOURS:
            return QColor(STATUS_COLOURS[r.status])
        if role == Qt.ItemDataRole.ForegroundRole and col == "hq" and r.hq == "refused":
            return QColor(STATUS_COLOURS[ReportStatus.RETURNED])
        if role == Qt.ItemDataRole.ToolTipRole and col == "status" and r.review_reason:
            return review_tooltip(r)
        if role == Qt.ItemDataRole.UserRole:
            return r.id
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (QCoreApplication.translate("ReportsModel", "Date"),
                QCoreApplication.translate("ReportsModel", "Site"),
                QCoreApplication.translate("ReportsModel", "Activity"),
                QCoreApplication.translate("ReportsModel", "Team"),
                QCoreApplication.translate("ReportsModel", "Released (m²)"),
                QCoreApplication.translate("ReportsModel", "Devices"),
                QCoreApplication.translate("ReportsModel", "Status"),
                QCoreApplication.translate("ReportsModel", "HQ"))[section]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = SORT_KEYS.get(column)
        if key is None:
            return
        self.sort_key = key
        self.descending = order == Qt.SortOrder.DescendingOrder
        if self._started:  # the view sorts once as it is set up: the first reload() will do
            self.reload()

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(COLUMNS) - 1))
