"""*Import GPS waypoints…*: a GPX file from a handheld GPS becomes a site's points.

The waypoints are listed in file order with the type the default mapping gives them
(app.domain.gpx: BM, RP, SP / EP, E1, E2..., others turning points). The team leader can change
a waypoint's type, leave it out, and move it up or down (the perimeter is numbered in the order
shown). The polygon is checked with the usual site rules as the mapping changes; *Save as the
site's points* stays off while it has errors. Saving is the site page's (one transaction,
warnings asked once: app.domain.site_points).

Thread: GUI. Reading the file and the checks are quick (a handheld holds a few hundred
waypoints at most), so they run here.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from safeland_core import utm
from safeland_core.schemas import SiteIn
from safeland_core.validation import has_errors, validate_site
from safeland_core.vocab import PointType

from ..domain import gpx
from . import fmt, prompts
from .labels import label, relabel
from .messages import issue_text

LEAVE_OUT = ""  # the type combo's "leave out" entry


class GpxDialog(QDialog):
    """Emits `accepted_points(points)` (safeland/1 points) when the team leader saves; the
    caller saves them and closes the dialog."""

    accepted_points = Signal(list)

    def __init__(self, site: SiteIn, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModal(True)
        self.site = site
        self.waypoints: list[gpx.Waypoint] = []
        self.path: Path | None = None
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 7)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.up_button, self.down_button = QPushButton(), QPushButton()
        self.up_button.clicked.connect(lambda: self.move(-1))
        self.down_button.clicked.connect(lambda: self.move(1))
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.save_button.clicked.connect(self._save)
        self.cancel_button.clicked.connect(self.reject)
        moves = QHBoxLayout()
        moves.addWidget(self.up_button)
        moves.addWidget(self.down_button)
        moves.addStretch()
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(moves)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(900, 520)  # fits 1366×768 with the window's frame around it
        self.retranslate()

    # --- loading -----------------------------------------------------------------------------

    def load(self, path: str | Path) -> bool:
        """Read the file's waypoints; a file that cannot be used is said plainly (False)."""
        try:
            waypoints = gpx.read_waypoints(path)
        except gpx.GpxError as exc:
            prompts.current().inform(self.parentWidget(), self.tr("Import GPS waypoints"),
                                     self.tr("This file cannot be read as GPS waypoints."), str(exc))
            return False
        self.path = Path(path)
        self.set_waypoints(waypoints)
        return True

    def set_waypoints(self, waypoints: list[gpx.Waypoint],
                      types: list[PointType | None] | None = None) -> None:
        """Show these waypoints, each with its type (default: by its name; None: left out)."""
        self.waypoints = list(waypoints)
        kinds = types if types is not None else [gpx.default_type(w.name) for w in waypoints]
        self.table.setRowCount(0)
        for w, kind in zip(self.waypoints, kinds):
            self._add_row(w, kind)
        self._fit_types()
        self.check()

    def _fit_types(self) -> None:
        """The type column as wide as its widest pick list (Khmer names are long)."""
        widths = [self.table.cellWidget(r, 1).sizeHint().width() for r in range(self.table.rowCount())]
        if widths:
            self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
            self.table.setColumnWidth(1, max(widths) + 24)  # the arrow and the frame

    def _add_row(self, w: gpx.Waypoint, kind: PointType | None, row: int | None = None) -> None:
        row = self.table.rowCount() if row is None else row
        self.table.insertRow(row)
        name = QTableWidgetItem(w.name)
        name.setData(Qt.ItemDataRole.UserRole, w)
        self.table.setItem(row, 0, name)
        box = QComboBox()
        box.addItem(self.tr("(leave out)"), LEAVE_OUT)
        for t in PointType:
            box.addItem(label(t), t.value)
        box.setCurrentIndex(box.findData(kind.value if kind is not None else LEAVE_OUT))
        box.currentIndexChanged.connect(lambda _i: self.check())
        self.table.setCellWidget(row, 1, box)
        try:
            utm_text = utm.to_utm(w.lat, w.lon).label()
        except ValueError:
            utm_text = "?"
        values = (f"{w.lat:.6f}", f"{w.lon:.6f}", utm_text,
                  fmt.number(w.elevation, 1) if w.elevation is not None else "",
                  fmt.datetime(w.time) if w.time is not None else "")
        for col, text in enumerate(values, start=2):
            item = QTableWidgetItem(text)
            if col < 6:
                item.setTextAlignment(fmt.ALIGN_NUMBER)
            self.table.setItem(row, col, item)

    # --- the mapping -------------------------------------------------------------------------

    def rows(self) -> list[tuple[gpx.Waypoint, PointType | None]]:
        """Each waypoint in the order shown, with its chosen type (None: left out)."""
        out = []
        for row in range(self.table.rowCount()):
            w = self.table.item(row, 0).data(Qt.ItemDataRole.UserRole)
            value = self.table.cellWidget(row, 1).currentData()
            out.append((w, PointType(value) if value else None))
        return out

    def set_type(self, row: int, kind: PointType | None) -> None:
        box = self.table.cellWidget(row, 1)
        box.setCurrentIndex(box.findData(kind.value if kind is not None else LEAVE_OUT))

    def move(self, step: int, row: int | None = None) -> None:
        """Move a waypoint (the selected one by default) up (-1) or down (+1)."""
        row = self.table.currentRow() if row is None else row
        target = row + step
        if row < 0 or not 0 <= target < self.table.rowCount():
            return
        rows = self.rows()
        w, kind = rows.pop(row)
        rows.insert(target, (w, kind))
        self.set_waypoints([r[0] for r in rows], [r[1] for r in rows])
        self.table.selectRow(target)

    def points(self) -> list[dict[str, Any]]:
        """The chosen waypoints as safeland/1 points, perimeter numbered in the order shown."""
        kept = [(w, kind) for w, kind in self.rows() if kind is not None]
        return gpx.to_points([w for w, _ in kept], [k for _, k in kept])

    def check(self) -> list:
        """The usual site rules on the mapped points; errors shown and Save off while any."""
        data = self.site.model_dump(mode="json", exclude={"owner", "created_at", "updated_at"})
        data["points"] = self.points()
        data["area_m2"] = None
        _site, _resolved, issues = validate_site(data)
        errors = [i for i in issues if i.severity == "error"]
        self.message.setText("\n".join(dict.fromkeys(issue_text(i) for i in errors)))
        self.message.setVisible(bool(errors))
        self.save_button.setEnabled(not has_errors(issues) and bool(data["points"]))
        self._summarise()
        return issues

    def _save(self) -> None:
        if not has_errors(self.check()):
            self.accepted_points.emit(self.points())

    # --- text --------------------------------------------------------------------------------

    def _summarise(self) -> None:
        kept = sum(1 for _w, kind in self.rows() if kind is not None)
        name = self.path.name if self.path is not None else ""
        self.summary.setText(self.tr("%1: %2 waypoints, %3 to import as the points of site %4. "
                                     "Check each waypoint's type and the order of the boundary.")
                             .replace("%1", name).replace("%2", fmt.number(len(self.waypoints)))
                             .replace("%3", fmt.number(kept)).replace("%4", self.site.reference))

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Import GPS waypoints — %1").replace("%1", self.site.reference))
        self.table.setHorizontalHeaderLabels([
            self.tr("Waypoint"), self.tr("Point type"), self.tr("Latitude"), self.tr("Longitude"),
            self.tr("UTM"), self.tr("Elevation (m)"), self.tr("Time")])
        self.up_button.setText(self.tr("Move &up"))
        self.down_button.setText(self.tr("Move &down"))
        self.save_button.setText(self.tr("&Save as the site's points"))
        for row in range(self.table.rowCount()):
            box = self.table.cellWidget(row, 1)
            relabel(box)
            box.setItemText(0, self.tr("(leave out)"))
        self._fit_types()
        self._summarise()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
