"""The fields of a daily report (every field of safeland/1's report), each with its message
label beside it. Reads and writes plain dicts; knows nothing of the database. The report form
(report_form.py) composes it.

Thread: GUI.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, QEvent, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from safeland_core.validation import WARNING, Issue
from safeland_core.vocab import Activity, Asset

from ..domain.queries import SiteSummary
from . import fmt
from .items_table import ItemsTable
from .labels import label, relabel
from .messages import issue_text

TEXT_FIELDS = ("team", "team_leader")
NUMBER_FIELDS = ("personnel", "hours_worked", "area_cleared_m2", "area_reduced_m2",
                 "area_cancelled_m2", "clearance_depth_cm")


class ReportFields(QWidget):
    """Emits `edited(field)` when the user changes a field."""

    edited = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.site = QComboBox()
        self.site.setMinimumContentsLength(24)
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("dd/MM/yyyy")  # day first, as in Cambodia; same in both languages
        self.date.setMinimumDate(QDate(1992, 1, 1))
        self.activity = QComboBox()
        for a in Activity:
            self.activity.addItem(label(a), a.value)
        self.assets = {a.value: QCheckBox() for a in Asset}
        self.edits: dict[str, QLineEdit] = {k: QLineEdit() for k in TEXT_FIELDS + NUMBER_FIELDS}
        for key in NUMBER_FIELDS:
            self.edits[key].setAlignment(fmt.ALIGN_NUMBER)
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setMinimumHeight(60)
        self.items = ItemsTable()
        self.messages: dict[str, QLabel] = {}
        self.captions: dict[str, QLabel] = {}

        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(2)
        assets_box = QWidget()
        assets_row = QHBoxLayout(assets_box)
        assets_row.setContentsMargins(0, 0, 0, 0)
        for box in self.assets.values():
            assets_row.addWidget(box)
        assets_row.addStretch()
        layout_rows = [
            [("site_reference", self.site, 3), ("date", self.date, 1)],
            [("activity", self.activity, 1), ("assets", assets_box, 3)],
            [("team", self.edits["team"], 1), ("team_leader", self.edits["team_leader"], 1),
             ("personnel", self.edits["personnel"], 1), ("hours_worked", self.edits["hours_worked"], 1)],
            [("area_cleared_m2", self.edits["area_cleared_m2"], 1),
             ("area_reduced_m2", self.edits["area_reduced_m2"], 1),
             ("area_cancelled_m2", self.edits["area_cancelled_m2"], 1),
             ("clearance_depth_cm", self.edits["clearance_depth_cm"], 1)],
        ]
        r = 0
        for fields in layout_rows:
            col = 0
            for key, widget, span in fields:
                caption = QLabel()
                caption.setBuddy(widget)
                message = QLabel()
                message.setObjectName("message")
                message.setWordWrap(True)
                message.hide()
                self.captions[key], self.messages[key] = caption, message
                grid.addWidget(caption, r, col, 1, span)
                grid.addWidget(widget, r + 1, col, 1, span)
                grid.addWidget(message, r + 2, col, 1, span)
                col += span
            r += 3
        for c in range(4):
            grid.setColumnStretch(c, 1)
        self.items_box = QGroupBox()
        items_layout = QVBoxLayout(self.items_box)
        items_layout.addWidget(self.items)
        for key in ("items", "notes"):
            self.messages[key] = QLabel()
            self.messages[key].setObjectName("message")
            self.messages[key].setWordWrap(True)
            self.messages[key].hide()
        items_layout.addWidget(self.messages["items"])
        self.captions["notes"] = QLabel()
        self.captions["notes"].setBuddy(self.notes)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(grid)
        layout.addWidget(self.items_box, 1)
        layout.addWidget(self.captions["notes"])
        layout.addWidget(self.notes)
        layout.addWidget(self.messages["notes"])
        self._connect()
        self.retranslate()

    def _connect(self) -> None:
        self.site.currentIndexChanged.connect(lambda: self.edited.emit("site_reference"))
        self.date.dateChanged.connect(lambda: self.edited.emit("date"))
        self.activity.currentIndexChanged.connect(lambda: self.edited.emit("activity"))
        for box in self.assets.values():
            box.toggled.connect(lambda _on: self.edited.emit("assets"))
        for key, edit in self.edits.items():
            edit.textEdited.connect(lambda _t, k=key: self.edited.emit(k))
        self.notes.textChanged.connect(lambda: self.edited.emit("notes"))
        self.items.edited.connect(lambda: self.edited.emit("items"))

    # --- sites -------------------------------------------------------------------------------

    def set_sites(self, sites: list[SiteSummary]) -> None:
        current = self.site.currentData()
        self.site.blockSignals(True)
        self.site.clear()
        self.site.addItem(self.tr("Choose a site…"), None)
        for s in sites:
            self.site.addItem(f"{s.reference} — {s.name}", s.reference)
        self._select_site(current)
        self.site.blockSignals(False)

    def _select_site(self, reference: str | None) -> None:
        i = self.site.findData(reference) if reference else 0
        if i < 0:  # a site not (yet) in the list: keep the value so nothing is lost
            self.site.addItem(str(reference), reference)
            i = self.site.count() - 1
        self.site.setCurrentIndex(i)

    # --- values ------------------------------------------------------------------------------

    def data(self) -> dict[str, Any]:
        """The form as the schema reads it; empty fields are left out so the schema says
        "required" (or uses its default) rather than "wrong type"."""
        out: dict[str, Any] = {
            "date": fmt.from_qdate(self.date.date()).isoformat(),
            "activity": self.activity.currentData(),
            "assets": [k for k, box in self.assets.items() if box.isChecked()],
            "items": self.items.items(),
            "notes": self.notes.toPlainText(),
        }
        if self.site.currentData():
            out["site_reference"] = self.site.currentData()
        for key in TEXT_FIELDS:
            if self.edits[key].text().strip():
                out[key] = self.edits[key].text().strip()
        for key in NUMBER_FIELDS:
            value = fmt.parse_number_text(self.edits[key].text())
            if value is not None:
                out[key] = value
        return out

    def load(self, values: dict[str, Any]) -> None:
        """Fill from a record (or a saved form state); emits no `edited`."""
        self.blockSignals(True)
        try:
            self._select_site(values.get("site_reference"))
            date = values.get("date")
            if isinstance(date, str):
                date = dt.date.fromisoformat(date)
            self.date.setDate(fmt.to_qdate(date or dt.date.today()))
            i = self.activity.findData(str(values.get("activity") or Activity.CLEARANCE.value))
            self.activity.setCurrentIndex(max(i, 0))
            assets = {str(a) for a in values.get("assets") or ()}
            for key, box in self.assets.items():
                box.setChecked(key in assets)
            for key, edit in self.edits.items():
                value = values.get(key)
                edit.setText("" if value is None else _plain(value))
            self.notes.setPlainText(values.get("notes") or "")
            self.items.set_items([dict(i) for i in values.get("items") or ()])
        finally:
            self.blockSignals(False)

    def set_read_only(self, read_only: bool) -> None:
        for w in (self.site, self.date, self.activity, *self.assets.values()):
            w.setEnabled(not read_only)
        for edit in self.edits.values():
            edit.setReadOnly(read_only)
        self.notes.setReadOnly(read_only)
        self.items.set_read_only(read_only)

    def show_issues(self, issues: list[Issue], shown: set[str] | None) -> list[str]:
        """Put each issue's message beside its field (all fields, or only those in `shown`).
        Returns the keys with a message that is not placed beside a field."""
        by_field: dict[str, list[Issue]] = {}
        item_problems: dict[tuple[int, str], str] = {}
        loose = []
        for issue in issues:
            key = str(issue.loc[0]) if issue.loc else ""
            if shown is not None and key not in shown:
                continue
            if key == "items" and len(issue.loc) >= 3 and isinstance(issue.loc[1], int):
                item_problems[(issue.loc[1], str(issue.loc[2]))] = issue_text(issue)
            if key in self.messages:
                by_field.setdefault(key, []).append(issue)
            else:
                loose.append(key)
        for key, message in self.messages.items():
            found = by_field.get(key, [])
            if key == "items":
                texts = [self.tr("Device %1, %2: %3").replace("%1", str(int(i.loc[1]) + 1))
                         .replace("%2", self.column_name(str(i.loc[2]))).replace("%3", issue_text(i))
                         if len(i.loc) >= 3 and isinstance(i.loc[1], int) else issue_text(i)
                         for i in found]
            else:
                texts = [issue_text(i) for i in found]
            warning = bool(found) and all(i.severity == WARNING for i in found)
            message.setProperty("severity", "warning" if warning else "error")
            message.style().unpolish(message)
            message.style().polish(message)
            message.setText("\n".join(dict.fromkeys(texts)))
            message.setVisible(bool(found))
        self.items.mark(item_problems)
        return loose

    def column_name(self, key: str) -> str:
        from .items_table import COLUMNS

        col = COLUMNS.index(key) if key in COLUMNS else -1
        return self.items.table.horizontalHeaderItem(col).text() if col >= 0 else key

    def focus_field(self, key: str) -> None:
        widget = {"site_reference": self.site, "date": self.date, "activity": self.activity,
                  "assets": next(iter(self.assets.values())), "notes": self.notes,
                  "items": self.items.table}.get(key) or self.edits.get(key)
        if widget is not None:
            widget.setFocus()

    def retranslate(self) -> None:
        captions = {
            "site_reference": self.tr("&Site"), "date": self.tr("&Date of information"),
            "activity": self.tr("&Activity"), "assets": self.tr("Assets used"),
            "team": self.tr("&Team"), "team_leader": self.tr("Team &leader"),
            "personnel": self.tr("&Personnel"), "hours_worked": self.tr("&Hours worked"),
            "area_cleared_m2": self.tr("Cleared (m²)"), "area_reduced_m2": self.tr("Reduced (m²)"),
            "area_cancelled_m2": self.tr("Cancelled (m²)"),
            "clearance_depth_cm": self.tr("Clearance depth (cm)"), "notes": self.tr("&Notes"),
        }
        for key, text in captions.items():
            self.captions[key].setText(text)
        if self.site.count():
            self.site.setItemText(0, self.tr("Choose a site…"))
        relabel(self.activity)
        for key, box in self.assets.items():
            box.setText(label(key))
        self.items_box.setTitle(self.tr("Devices found"))
        self.notes.setPlaceholderText(self.tr("What happened today (Khmer or English)"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def _plain(value: Any) -> str:
    """25000.0 reads as 25000 in a field."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
