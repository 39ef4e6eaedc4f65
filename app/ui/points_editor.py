"""A site's points table. A point is typed as latitude/longitude, as UTM (zone 47N or 48N,
easting, northing: what Cambodian teams read off their GPS and maps), or as bearing and distance
from the previous point; the computed coordinates (WGS84 degrees, as stored, and UTM) show at
once (validation.resolve_points and safeland_core.utm are pure and fast, so they run as the
user types). Read-only for sites HQ owns.

Points shown as stored (`set_points(..., stored=True)`, the site page's) were validated when
they were saved: their coordinates are worked out without the schema (`_resolve_stored`: the
schema's bounds checked again, then geo.chain, as validation.resolve_points does; pinned to it
by tests/ui/test_points_stored.py), so
the window's first screen draws a site without importing pydantic; a typed change goes
through the schema as always.

Which way coordinates are typed is the editor's `coordinates` choice ("LATLON", "UTM47",
"UTM48"): in UTM the two typed coordinate columns are easting and northing. Points are always
given and taken (`set_points`, `points`) as safeland/1 points in WGS84 decimal degrees; a UTM
figure the user did not retype keeps the exact degrees it was shown from.

A self-contained widget (the site page and the *New site…* dialog both use it); public surface:
`edited`, `set_points`, `points`, `resolved`, `add_row`, `recompute`, `set_coordinates`.
Thread: GUI.
"""
from __future__ import annotations

from typing import Any, NamedTuple

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from safeland_core import geo, utm
from safeland_core.vocab import PointType

from . import fmt
from .labels import label, relabel
from .layouts import table_with_buttons

INPUTS = ("seq", "lat", "lon", "bearing_deg", "distance_m")  # typed columns 1..5
COMPUTED = (6, 7)  # computed lat, lon
UTM_COLUMN = 8  # computed UTM ("48N 712345 1520345")
COORDINATES = ("LATLON", "UTM47", "UTM48")  # how coordinates are typed
_TYPED = Qt.ItemDataRole.UserRole + 1  # on a UTM row's easting cell: (easting text, northing text, lat, lon)


class PointsEditor(QWidget):
    """Emits `edited` on a change; `points()` gives the typed points, `resolved` the computed."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, 9)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setDefaultSectionSize(26)
        # Every column in view at 1366×768: the computed coordinates must show without scrolling.
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        for col in (*COMPUTED, UTM_COLUMN):  # computed figures whole; typed columns share the rest
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setMinimumSectionSize(40)
        self.table.itemChanged.connect(self._item_changed)
        self.add_button, self.remove_button = table_with_buttons(self, self.table)
        self.coordinates = "LATLON"
        self.coordinates_label = QLabel()
        self.coordinates_box = QComboBox()
        for key in COORDINATES:
            self.coordinates_box.addItem("", key)
        self.coordinates_box.currentIndexChanged.connect(
            lambda _i: self.set_coordinates(self.coordinates_box.currentData()))
        self.coordinates_label.setBuddy(self.coordinates_box)
        buttons = self.add_button.parentWidget().layout().itemAt(1).layout()  # the buttons' row
        assert isinstance(buttons, QHBoxLayout)
        buttons.addWidget(self.coordinates_label)
        buttons.addWidget(self.coordinates_box)
        self.add_button.clicked.connect(lambda: (self.add_row({"type": "TURNING"}), self.edited.emit()))
        self.remove_button.clicked.connect(self._remove)
        self.resolved: list = []
        self._read_only = False
        self._busy = False
        self.retranslate()

    def set_points(self, points: list[dict[str, Any]], read_only: bool, stored: bool = False) -> None:
        """Show `points`; `stored`: as saved in the database (each validated then), their
        coordinates worked out without validating them again."""
        self._busy = True
        self._read_only = read_only
        self.table.setRowCount(0)
        for p in points:
            self.add_row(p)
        self.coordinates_box.setEnabled(True)  # reading UTM off a read-only site is fine too
        self.add_button.setVisible(not read_only)
        self.remove_button.setVisible(not read_only)
        self._busy = False
        resolved = self._resolve_stored() if stored else None
        if resolved is None:
            self.recompute()
        else:
            self._show_resolved(list(range(self.table.rowCount())), resolved)

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
        if self.coordinates != "LATLON" and not measured and p.get("lat") is not None:
            self._show_utm(row, float(p["lat"]), float(p["lon"]))
        for col in (*COMPUTED, UTM_COLUMN):
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
        """The typed points as safeland/1 points (WGS84 degrees; UTM rows converted)."""
        out = []
        for row in range(self.table.rowCount()):
            p: dict[str, Any] = {"type": self.table.cellWidget(row, 0).currentData()}
            for col, key in enumerate(INPUTS, start=1):
                item = self.table.item(row, col)
                value = fmt.parse_number_text(item.text()) if item else None
                if value is not None:
                    p[key] = value
            if self.coordinates != "LATLON":
                self._from_utm(row, p)
            out.append(p)
        return out

    # --- UTM -----------------------------------------------------------------------------------

    def zone(self) -> int:
        """The UTM zone coordinates are typed in (48 when they are typed as degrees)."""
        return 47 if self.coordinates == "UTM47" else 48

    def set_coordinates(self, mode: str) -> None:
        """Type coordinates as "LATLON" or as UTM ("UTM47", "UTM48"): the typed columns are
        rewritten in the new form from the same points (nothing moves)."""
        if mode not in COORDINATES or mode == self.coordinates:
            return
        points = self.points()
        self.coordinates = mode
        busy, self._busy = self._busy, True
        self.coordinates_box.setCurrentIndex(self.coordinates_box.findData(mode))
        for row, p in enumerate(points):
            measured = p.get("bearing_deg") is not None and p.get("distance_m") is not None
            lat_item, lon_item = self.table.item(row, 2), self.table.item(row, 3)
            lat_item.setData(_TYPED, None)
            lat, lon = p.get("lat"), p.get("lon")
            if measured or not isinstance(lat, (int, float)) or not isinstance(lon, (int, float)):
                continue  # measured, empty or unreadable: left as typed
            if mode == "LATLON":
                lat_item.setText(_plain(lat))
                lon_item.setText(_plain(lon))
            else:
                self._show_utm(row, float(lat), float(lon))
        self._busy = busy
        self.retranslate()
        self.recompute()

    def _show_utm(self, row: int, lat: float, lon: float) -> None:
        """Write a point's easting and northing (to 10 cm, well inside a GPS's precision) in the
        typed columns, remembering the exact degrees they came from."""
        try:
            u = utm.to_utm(lat, lon, zone=self.zone())
        except ValueError:
            return
        e_text, n_text = f"{u.easting:.1f}", f"{u.northing:.1f}"
        self.table.item(row, 2).setText(e_text)
        self.table.item(row, 3).setText(n_text)
        self.table.item(row, 2).setData(_TYPED, (e_text, n_text, lat, lon))

    def _from_utm(self, row: int, p: dict[str, Any]) -> None:
        """A UTM row's `lat`/`lon` keys hold easting/northing as typed: make them degrees."""
        easting, northing = p.pop("lat", None), p.pop("lon", None)
        if easting is None and northing is None:
            return
        shown = self.table.item(row, 2).data(_TYPED)
        if shown and shown[:2] == (self.table.item(row, 2).text(), self.table.item(row, 3).text()):
            p["lat"], p["lon"] = shown[2], shown[3]  # not retyped: the exact degrees
            return
        if easting is None or northing is None:
            return  # half a UTM pair: the schema asks for the position ("give lat and lon...")
        if not isinstance(easting, (int, float)) or not isinstance(northing, (int, float)):
            p["lat"], p["lon"] = easting, northing  # text: the schema says it is not a number
            return
        try:
            lat, lon = utm.from_utm(self.zone(), float(easting), float(northing))
        except ValueError:
            p["lat"], p["lon"] = easting, northing
            return
        p["lat"], p["lon"] = round(lat, 7), round(lon, 7)

    def recompute(self) -> None:
        """Work out every point's coordinates now; a row that cannot be read shows "?"."""
        from pydantic import ValidationError

        from safeland_core.schemas import PointIn
        from safeland_core.validation import resolve_points

        parsed, bad = [], set()
        for row, raw in enumerate(self.points()):
            try:
                parsed.append((row, PointIn.model_validate(raw)))
            except ValidationError:
                bad.add(row)
        resolved, _issues = resolve_points([p for _, p in parsed])
        self._show_resolved([row for row, p in parsed], resolved)

    def _resolve_stored(self) -> list[StoredPoint] | None:
        """validation.resolve_points of the rows as shown, for points that were valid when saved:
        a measured point from the point before it, geodesically; None if a row is not such a
        point (then `recompute` says what is wrong)."""
        rows: list[tuple[str, int | None, geo.Located]] = []
        for raw in self.points():
            kind, seq = raw.get("type"), raw.get("seq")
            values = [raw.get(k) for k in ("lat", "lon", "bearing_deg", "distance_m")]
            if (kind not in _POINT_TYPES or not (seq is None or type(seq) is int)
                    or not all(v is None or _number(v) for v in values)):
                return None
            lat, lon, bearing, distance = (None if v is None else float(v) for v in values)
            if not _within(seq, lat, lon, bearing, distance):
                return None  # not a point as saved: the schema says what is wrong
            rows.append((kind, seq, (lat, lon, bearing, distance)))
        try:
            located = list(geo.chain(values for _kind, _seq, values in rows))
        except ValueError:  # a point with neither lat/lon nor bearing/distance
            return None
        if None in located:  # measured with no point before it
            return None
        return [StoredPoint(kind, seq, at[0], at[1], values[2], values[3])
                for (kind, seq, values), at in zip(rows, located) if at is not None]

    def _show_resolved(self, rows: list[int], resolved: list) -> None:
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
            self.table.item(row, UTM_COLUMN).setText(self.utm_text(r.lat, r.lon) if r else "?")
        self._busy = busy

    def utm_text(self, lat: float, lon: float) -> str:
        """A point in UTM as shown: in the typed zone when typing UTM, else in its own zone."""
        try:
            return utm.to_utm(lat, lon, zone=None if self.coordinates == "LATLON" else self.zone()).label()
        except ValueError:
            return "?"

    def retranslate(self) -> None:
        typed = ((self.tr("Latitude"), self.tr("Longitude")) if self.coordinates == "LATLON"
                 else (self.tr("Easting (m)"), self.tr("Northing (m)")))
        labels = [self.tr("Type"), self.tr("No."), *typed, self.tr("Bearing (°)"),
                  self.tr("Distance (m)"), self.tr("= Latitude"), self.tr("= Longitude"), self.tr("= UTM")]
        # The unit on a second line: nine columns fit the site page at 1366×768.
        self.table.setHorizontalHeaderLabels([t.replace(" (", "\n(", 1) for t in labels])
        self.coordinates_label.setText(self.tr("Coordinates typed as:"))
        for i, text in enumerate((self.tr("Latitude / longitude"), self.tr("UTM zone 47N"),
                                  self.tr("UTM zone 48N"))):
            self.coordinates_box.setItemText(i, text)
        self.add_button.setText(self.tr("Add point"))
        self.remove_button.setText(self.tr("Remove selected"))
        for row in range(self.table.rowCount()):
            relabel(self.table.cellWidget(row, 0))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class StoredPoint(NamedTuple):
    """A point of `resolved` worked out by `_resolve_stored` (the fields of
    validation.ResolvedPoint; `type` as its code)."""

    type: str
    seq: int | None
    lat: float
    lon: float
    bearing_deg: float | None = None
    distance_m: float | None = None


_POINT_TYPES = frozenset(t.value for t in PointType)


def _within(seq: int | None, lat: float | None, lon: float | None, bearing: float | None,
            distance: float | None) -> bool:
    """Inside the bounds safeland_core.schemas.PointIn gives each value."""
    return ((seq is None or 0 <= seq <= 10_000) and (lat is None or -90 <= lat <= 90)
            and (lon is None or -180 <= lon <= 180) and (bearing is None or 0 <= bearing < 360)
            and (distance is None or 0 < distance <= 100_000))


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _plain(value: Any) -> str:
    """A typed number back as text, without losing precision (7 decimals ≈ 1 cm)."""
    if value is None:
        return ""
    return f"{float(value):.7f}".rstrip("0").rstrip(".")
