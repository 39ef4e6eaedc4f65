"""The fields of a daily report (every field of safeland/1's report), each with its message
label beside it. Reads and writes plain dicts; knows nothing of the database. The report form
(report_form.py) composes it.

Thread: GUI.
"""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

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

from safeland_core.vocab import Activity, Asset

from ..domain.rows import SiteSummary
from . import fmt
from .items_table import ItemsTable
from .labels import label, relabel
from .layouts import MessageLine, line_height, plain_caption
from .messages import issue_text

if TYPE_CHECKING:
    from safeland_core.validation import Issue

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
        # Notes give way to the devices: three lines, more by scrolling inside the box.
        self.notes.setFixedHeight(3 * line_height(self.notes) + 10)
        self.items = ItemsTable()
        self.items.next_widget = self.notes  # Tab from the last device goes on to the notes
        self.messages: dict[str, MessageLine] = {}
        self.captions: dict[str, QLabel] = {}
        # Where each field sits: (row grid, column, span). Every field has a message line kept
        # under it (MessageLine), so the form never moves as messages come and go; a message
        # may run on under its right-hand neighbours while they have none of their own.
        self._place: dict[str, tuple[QGridLayout, int, int]] = {}
        self._row_fields: list[tuple[QGridLayout, list[str], int]] = []

        assets_box = QWidget()
        assets_row = QHBoxLayout(assets_box)
        assets_row.setContentsMargins(0, 0, 0, 0)
        for box in self.assets.values():
            assets_row.addWidget(box)
        assets_row.addStretch()
        self.assets_box = assets_box
        # Two rows at 1366 px: what the team did (site, date, activity, team) above, the figures
        # below; the columns' stretch follows what each field holds.
        layout_rows = [
            [("site_reference", self.site, 5), ("date", self.date, 2), ("activity", self.activity, 3),
             ("team", self.edits["team"], 2), ("team_leader", self.edits["team_leader"], 2)],
            [("assets", assets_box, 6), ("personnel", self.edits["personnel"], 1),
             ("hours_worked", self.edits["hours_worked"], 1),
             ("area_cleared_m2", self.edits["area_cleared_m2"], 1),
             ("area_reduced_m2", self.edits["area_reduced_m2"], 1),
             ("area_cancelled_m2", self.edits["area_cancelled_m2"], 1),
             ("clearance_depth_cm", self.edits["clearance_depth_cm"], 1)],
        ]
        rows = QVBoxLayout()
        rows.setSpacing(4)
        for fields in layout_rows:
            grid = QGridLayout()
            grid.setHorizontalSpacing(10)
            grid.setVerticalSpacing(1)
            for col, (key, widget, stretch) in enumerate(fields):
                caption = QLabel()
                caption.setBuddy(widget)
                message = MessageLine()
                self.captions[key], self.messages[key] = caption, message
                grid.addWidget(caption, 0, col)
                grid.addWidget(widget, 1, col)
                grid.addWidget(message, 2, col)
                grid.setColumnStretch(col, stretch)
                self._place[key] = (grid, col, 1)
            self._row_fields.append((grid, [k for k, _w, _s in fields], len(fields)))
            rows.addLayout(grid)
        self.items_box = QGroupBox()
        items_layout = QVBoxLayout(self.items_box)
        items_layout.setContentsMargins(6, 4, 6, 2)
        items_layout.setSpacing(1)
        items_layout.addWidget(self.items, 1)
        for key in ("items", "notes"):
            self.messages[key] = MessageLine()
        items_layout.addWidget(self.messages["items"])
        self.captions["notes"] = QLabel()
        self.captions["notes"].setBuddy(self.notes)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(rows)
        layout.addWidget(self.items_box, 1)
        notes = QVBoxLayout()
        notes.setSpacing(1)
        notes.addWidget(self.captions["notes"])
        notes.addWidget(self.notes)
        notes.addWidget(self.messages["notes"])
        notes.addStretch()
        # The notes share their row with what the form puts beside them (the report's history).
        self.notes_row = QHBoxLayout()
        self.notes_row.addLayout(notes, 3)
        layout.addLayout(self.notes_row)
        order: list[QWidget] = [self.site, self.date, self.activity, self.edits["team"],
                                self.edits["team_leader"], *self.assets.values(),
                                *(self.edits[k] for k in ("personnel", "hours_worked",
                                                           "area_cleared_m2", "area_reduced_m2",
                                                           "area_cancelled_m2", "clearance_depth_cm"))]
        for a, b in zip(order, order[1:]):
            QWidget.setTabOrder(a, b)
        self.items.prev_widget = order[-1]
        self.items._fix_tab_order()  # noqa: SLF001 - the table's chain hangs off the fields'
        self._connect()
        self.retranslate()

    def _connect(self) -> None:
        self.site.currentIndexChanged.connect(lambda: self.edited.emit("site_reference"))
        self.date.dateChanged.connect(lambda: self.edited.emit("date"))
        self.activity.currentIndexChanged.connect(lambda: self.edited.emit("activity"))
        for box in self.assets.values():
            box.toggled.connect(lambda _on: self.edited.emit("assets"))
        for key, edit in self.edits.items():
            edit.textEdited.connect(lambda _t, k=key: self._field_edited(k))
        self.notes.textChanged.connect(lambda: self.edited.emit("notes"))
        self.items.edited.connect(lambda: self.edited.emit("items"))

    def _field_edited(self, key: str) -> None:
        if key in self.AREA_FIELDS:
            self.last_area_field = key
        self.edited.emit(key)

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

    def show_issues(self, issues: list[Issue], shown: set[str] | None,
                    fresh_rows: set[int] | None = None) -> list[str]:
        """Put each issue's message under its field (all fields, or only those in `shown`);
        device rows in `fresh_rows` (just added, not yet left by the user) are not marked.
        Returns the keys with a message that is not placed under a field."""
        from safeland_core.validation import WARNING  # the issues came from it: imported

        fresh = fresh_rows if fresh_rows is not None else self.items.fresh_rows()
        by_field: dict[str, list[Issue]] = {}
        item_problems: dict[tuple[int, str], str] = {}
        loose = []
        for issue in issues:
            key = str(issue.loc[0]) if issue.loc else ""
            if shown is not None and key not in shown:
                continue
            on_row = key == "items" and len(issue.loc) >= 2 and isinstance(issue.loc[1], int)
            if on_row and issue.loc[1] in fresh:
                continue
            if on_row and len(issue.loc) >= 3:
                item_problems[(issue.loc[1], str(issue.loc[2]))] = issue_text(issue)
            key = self._field_for(issue, key)
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
            message.set_severity("warning" if warning else "error")
            message.setText("\n".join(dict.fromkeys(texts)))
        self._span_messages()
        self.items.mark(item_problems)
        return loose

    # The land released is judged on the three areas together: its warning goes under the one
    # the user changed last (or under "Cleared" before any was touched).
    AREA_FIELDS = ("area_cleared_m2", "area_reduced_m2", "area_cancelled_m2")
    last_area_field = "area_cleared_m2"

    def _field_for(self, issue: Issue, key: str) -> str:
        if issue.code == "released_exceeds_area" and key in self.AREA_FIELDS:
            return self.last_area_field
        return key

    def _span_messages(self) -> None:
        """Each message line runs from its field to the next field that has a message of its
        own (or the end of the row), so a long message fits on its one line more often; the
        empty lines it runs over are hidden (the row keeps its height: the line is visible)."""
        for grid, keys, columns in self._row_fields:
            with_message = [i for i, k in enumerate(keys) if self.messages[k].has_message]
            covered: set[int] = set()
            for n, i in enumerate(with_message):
                end = with_message[n + 1] if n + 1 < len(with_message) else columns
                span = end - i
                covered.update(range(i + 1, end))
                self._place_message(grid, keys[i], i, span)
            for i, key in enumerate(keys):
                if i not in with_message:
                    self._place_message(grid, key, i, 1)
                self.messages[key].setVisible(i not in covered)

    def _place_message(self, grid: QGridLayout, key: str, col: int, span: int) -> None:
        if self._place[key][2] == span:
            return
        message = self.messages[key]
        grid.removeWidget(message)
        grid.addWidget(message, 2, col, 1, span)
        self._place[key] = (grid, col, span)

    def column_name(self, key: str) -> str:
        from .items_table import COLUMNS

        col = COLUMNS.index(key) if key in COLUMNS else -1
        return self.items.table.horizontalHeaderItem(col).text() if col >= 0 else key

    def field_name(self, key: str) -> str:
        """A field's caption as a name, without its Alt-letter."""
        caption = self.captions.get(key)
        return plain_caption(caption.text()) if caption is not None else key

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
            "area_cleared_m2": self.tr("Cl&eared (m²)"), "area_reduced_m2": self.tr("Red&uced (m²)"),
            "area_cancelled_m2": self.tr("&Cancelled (m²)"),
            "clearance_depth_cm": self.tr("Clea&rance depth (cm)"), "notes": self.tr("&Notes"),
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
