"""A site's points table. A point is typed as latitude/longitude, or as bearing and distance
from the previous point; the computed coordinates show at once (validation.resolve_points is
pure and fast, so it runs as the user types). Read-only for sites HQ owns.

Thread: GUI.
"""
from __future__ import annotations

from typing import Any

from pydantic import ValidationError
from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from safeland_core.schemas import PointIn
from safeland_core.validation import resolve_points
from safeland_core.vocab import PointType

from . import fmt
from .labels import label, relabel
from .layouts import table_with_buttons

INPUTS = ("seq", "lat", "lon", "bearing_deg", "distance_m")  # typed columns 1..5
COMPUTED = (6, 7)  # computed lat, lon


class PointsEditor(QWidget):
    """Emits `edited` on a change; `points()` gives the typed points, `resolved` the computed."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, 8)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setDefaultSectionSize(26)
        # Every column in view at 1366×768: the computed coordinates must show without scrolling.
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setMinimumSectionSize(40)
        self.table.itemChanged.connect(self._item_changed)
        self.add_button, self.remove_button = table_with_buttons(self, self.table)
        self.add_button.clicked.connect(lambda: (self.add_row({"type": "TURNING"}), self.edited.emit()))
        self.remove_button.clicked.connect(self._remove)
        self.resolved: list = []
        self._read_only = False
        self._busy = False
        self.retranslate()

    def set_points(self, points: list[dict[str, Any]], read_only: bool) -> None:
        self._busy = True
        self._read_only = read_only
        self.table.setRowCount(0)
        for p in points:
            self.add_row(p)
        self.add_button.setVisible(not read_only)
        self.remove_button.setVisible(not read_only)
        self._busy = False
        self.recompute()

    def add_row(self, p: dict[str, Any]) -> None:
        busy, self._busy = self._busy, True
        row = self.table.rowCount()
        self.table.insertRow(row)
        kind = QComboBox()
        for t in PointType:
            kind.addItem(label(t), t.value)
        kind.setCurrentIndex(max(kind.findData(p.get("type")), 0))
        kind.setEnabled(not self._read_only)
        kind.currentIndexChanged.connect(self._type_changed)
        self.table.setCellWidget(row, 0, kind)
        measured = p.get("bearing_deg") is not None
        for col, key in enumerate(INPUTS, start=1):
            value = p.get(key)
            if key in ("lat", "lon") and measured:
                value = None  # measured points show their coordinates as computed only
            item = QTableWidgetItem(_plain(value))
            item.setTextAlignment(fmt.ALIGN_NUMBER)
            if self._read_only:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.table.setItem(row, col, item)
        for col in COMPUTED:
            item = QTableWidgetItem("")
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            item.setTextAlignment(fmt.ALIGN_NUMBER)
            self.table.setItem(row, col, item)
        self._busy = busy
        if not busy:
            self.recompute()

    def _remove(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True)
        for row in rows:
            self.table.removeRow(row)
        if rows:
            self.recompute()
            self.edited.emit()

    def _item_changed(self, _item: QTableWidgetItem) -> None:
        if not self._busy:
            self.recompute()
            self.edited.emit()

    def _type_changed(self) -> None:
        if not self._busy:
            self.recompute()
            self.edited.emit()

    def points(self) -> list[dict[str, Any]]:
        out = []
        for row in range(self.table.rowCount()):
            p: dict[str, Any] = {"type": self.table.cellWidget(row, 0).currentData()}
            for col, key in enumerate(INPUTS, start=1):
                item = self.table.item(row, col)
                value = fmt.parse_number_text(item.text()) if item else None
                if value is not None:
                    p[key] = value
            out.append(p)
        return out

    def recompute(self) -> None:
        """Work out every point's coordinates now; a row that cannot be read shows "?"."""
        parsed, bad = [], set()
        for row, raw in enumerate(self.points()):
            try:
                parsed.append((row, PointIn.model_validate(raw)))
            except ValidationError:
                bad.add(row)
        resolved, _issues = resolve_points([p for _, p in parsed])
        rows = [row for row, p in parsed]
        self.resolved = resolved
        self._busy, busy = True, self._busy
        by_row = dict(zip(rows, resolved)) if len(resolved) == len(rows) else {}
        for row in range(self.table.rowCount()):
            r = by_row.get(row)
            for col, value in zip(COMPUTED, (r.lat, r.lon) if r else ("?", "?")):
                item = self.table.item(row, col)
                # 5 decimals (about 1 m) fit the column; the tooltip has the stored 7.
                item.setText(f"{value:.5f}" if isinstance(value, float) else value)
                item.setToolTip(f"{value:.7f}" if isinstance(value, float) else "")
        self._busy = busy

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([
            self.tr("Type"), self.tr("No."), self.tr("Latitude"), self.tr("Longitude"),
            self.tr("Bearing (°)"), self.tr("Distance (m)"), self.tr("= Latitude"),
            self.tr("= Longitude")])
        self.add_button.setText(self.tr("Add point"))
        self.remove_button.setText(self.tr("Remove selected"))
        for row in range(self.table.rowCount()):
            relabel(self.table.cellWidget(row, 0))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def _plain(value: Any) -> str:
    """A typed number back as text, without losing precision (7 decimals ≈ 1 cm)."""
    if value is None:
        return ""
    return f"{float(value):.7f}".rstrip("0").rstrip(".")
