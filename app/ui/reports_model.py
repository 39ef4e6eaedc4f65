"""The reports list's lazy table model: rows come a page at a time (queries.page_reports) as
the view scrolls to them, through canFetchMore/fetchMore; the total comes from count_reports.

Keyset paging and a bounded window (issue 14: a laptop with a million reports): each page is
read after the key of the last row of the one before (constant cost however deep), the model
keeps every page's last key (a few dozen bytes a page) but the rows of only the KEEP pages the
view read last; a page forgotten is read again, as the same range of keys, when the view shows
one of its rows. So memory stays flat however far the list is scrolled.

Pages load on the worker; a generation number drops pages of an older filter or sort.
Thread: GUI.
"""
from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections import OrderedDict
from typing import TYPE_CHECKING, Any

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

from ..db import Database
from ..domain.rows import ReportFilter, ReportKey, ReportRow, report_key
from . import fmt
from .labels import label
from .ops import Backend, QueryOp

if TYPE_CHECKING:
    from concurrent.futures import Future

    from ..domain.first_screen import FirstScreen

PAGE = 200
KEEP = 10  # pages of rows kept: 2,000 rows, about 1 MB, many screens either side of the view
COLUMNS = ("date", "site", "activity", "team", "released", "devices", "status", "hq")
SORT_KEYS = {0: "date", 1: "site", 2: "activity", 3: "team", 6: "status"}

Index = QModelIndex | QPersistentModelIndex
ROLES = {Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.TextAlignmentRole,
         Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.UserRole}

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
        self._pages: OrderedDict[int, list[ReportRow]] = OrderedDict()  # kept, read last at the end
        self._ends: list[ReportKey] = []  # the key of each fetched page's last row
        self._starts: list[int] = [0]  # the first row of each page; the last, rows fetched
        self._reading: set[int] = set()  # forgotten pages being read again
        self._total = 0
        self._loading = False  # a next page (or a refresh) is on its way
        self._at_end = False  # the last page came back short: nothing more to fetch
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
        self._pages.clear()
        self._ends, self._starts = [], [0]
        self._reading.clear()
        self._total = 0
        self._loading = self._at_end = False
        self.endResetModel()
        gen, f = self._generation, self.filter
        # The first screen's count and first page were read ahead (unfiltered, by date).
        first = f == ReportFilter() and (self.sort_key, self.descending) == ("date", True)

        def count(db: Database) -> int:
            from ..domain import queries

            return queries.count_reports(db, f)

        QueryOp(self._backend, count, success=lambda n: self._got_count(gen, n),
                ahead=(self._backend.claim_ahead("count"), lambda screen: screen.count)
                if first else None).run()
        self._fetch_page(self._backend.claim_ahead("page") if first else None)

    def refresh(self) -> None:
        """Read again the pages kept (a report was saved, signed...) without starting over: the
        list keeps its place, its scroll and its selection (issue 11). Each page is read as the
        same range of keys, so a row saved into it is inserted where it sorts, and the pages
        after it do not shift under the view; the pages forgotten are read when shown."""
        if not self._started or not self._ends:
            self.reload()
            return
        self._generation += 1
        self._reading.clear()
        gen, f, key, desc = self._generation, self.filter, self.sort_key, self.descending
        ranges = [(p, self._ends[p - 1] if p else None, self._ends[p]) for p in sorted(self._pages)]
        self._loading = True

        def read(db: Database) -> tuple[int, list[tuple[int, list[ReportRow]]]]:
            from ..domain import queries

            return queries.count_reports(db, f), [
                (p, queries.page_reports(db, f, 0, None, key, desc, after=a, upto=u))
                for p, a, u in ranges]

        QueryOp(self._backend, read, success=lambda got: self._got_refresh(gen, *got)).run()

    def _got_refresh(self, gen: int, total: int, pages: list[tuple[int, list[ReportRow]]]) -> None:
        if gen != self._generation:
            return
        self._loading = self._at_end = False
        for p, rows in pages:
            self._replace(p, rows)
        self._total = total
        self.counted.emit(total)
        self.refreshed.emit()

    def _replace(self, p: int, rows: list[ReportRow]) -> None:
        """Page `p` read again: its rows in place, rows inserted or removed at its end when it
        grew or shrank (the rows after it move with it)."""
        first, old = self._starts[p], self._starts[p + 1] - self._starts[p]
        if len(rows) > old:
            self.beginInsertRows(QModelIndex(), first + old, first + len(rows) - 1)
        elif len(rows) < old:
            self.beginRemoveRows(QModelIndex(), first + len(rows), first + old - 1)
        self._pages[p] = rows
        shift = len(rows) - old
        for q in range(p + 1, len(self._starts)):
            self._starts[q] += shift
        if len(rows) > old:
            self.endInsertRows()
        elif len(rows) < old:
            self.endRemoveRows()
        if rows:
            self.dataChanged.emit(self.index(first, 0), self.index(first + len(rows) - 1, len(COLUMNS) - 1))
        self._keep(p)

    def _keep(self, p: int) -> None:
        """Page `p` was read: keep it, forget the page read longest ago beyond KEEP."""
        self._pages.move_to_end(p)
        while len(self._pages) > KEEP:
            self._pages.popitem(last=False)

    def row_of(self, report_id: str) -> int:
        """The row of the report among the rows kept, -1 if not among them."""
        for p, rows in self._pages.items():
            for i, r in enumerate(rows):
                if r.id == report_id:
                    return self._starts[p] + i
        return -1

    def _got_count(self, gen: int, total: int) -> None:
        if gen == self._generation:
            self._total = total
            self.counted.emit(total)

    @property
    def total(self) -> int:
        return self._total

    @property
    def rows_kept(self) -> int:
        """How many rows the model holds in memory (at most KEEP pages' worth, give or take
        the rows saved into them since)."""
        return sum(len(rows) for rows in self._pages.values())

    def row_at(self, row: int) -> ReportRow | None:
        """The row's report, None while its page is not in memory (it is then being read)."""
        p = bisect_right(self._starts, row) - 1
        rows = self._pages.get(p)
        if rows is None:
            self._read_again(p)
            return None
        self._pages.move_to_end(p)
        return rows[row - self._starts[p]]

    def _read_again(self, p: int) -> None:
        if p in self._reading or not 0 <= p < len(self._ends):
            return
        self._reading.add(p)
        gen, f, key, desc = self._generation, self.filter, self.sort_key, self.descending
        after, upto = (self._ends[p - 1] if p else None), self._ends[p]

        def read(db: Database) -> list[ReportRow]:
            from ..domain import queries

            return queries.page_reports(db, f, 0, None, key, desc, after=after, upto=upto)

        QueryOp(self._backend, read, success=lambda rows: self._got_again(gen, p, rows)).run()

    def _got_again(self, gen: int, p: int, rows: list[ReportRow]) -> None:
        if gen != self._generation:
            return
        self._reading.discard(p)
        self._replace(p, rows)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:
        if parent.isValid() or self._loading or self._at_end:
            return False
        return self._starts[-1] < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:
        if not parent.isValid():
            self._fetch_page()

    def _fetch_page(self, ahead: Future[FirstScreen] | None = None) -> None:
        """The next page; `ahead`: the first page read ahead (app.ui.read_ahead), for the first."""
        if self._loading:
            return
        self._loading = True
        gen, f, after = self._generation, self.filter, (self._ends[-1] if self._ends else None)
        key, desc = self.sort_key, self.descending

        def read(db: Database) -> list[ReportRow]:
            from ..domain import queries

            return queries.page_reports(db, f, 0, PAGE, key, desc, after=after)

        QueryOp(self._backend, read, success=lambda rows: self._got_page(gen, rows),
                ahead=None if after is not None else (
                    ahead, lambda screen: [ReportRow(*r) for r in screen.page])).run()

    def _got_page(self, gen: int, rows: list[ReportRow]) -> None:
        if gen != self._generation:
            return
        self._loading = False
        self._at_end = len(rows) < PAGE
        if rows:
            first = self._starts[-1]
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._pages[len(self._ends)] = rows
            self._ends.append(report_key(rows[-1], self.sort_key))
            self._starts.append(first + len(rows))
            self.endInsertRows()
            self._keep(len(self._ends) - 1)
        self.page_loaded.emit(len(rows))

    # --- Qt's model API ----------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else self._starts[-1]

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in ROLES:  # the view asks ten roles a cell a paint
            return None
        r = self.row_at(index.row())
        if r is None:  # its page is being read again: shown blank for that instant
            return None
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
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, len(COLUMNS) - 1))
