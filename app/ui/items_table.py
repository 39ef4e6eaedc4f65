"""The devices-found table of the report form: one row per device (or batch of identical ones).
Rows are the dynamic part of the form, so they are built in code: category, then model with
suggestions from vocab.MODEL_CATALOGUE (QCompleter), quantity, condition, depth, disposal,
coordinates. Values are read back raw; the schema judges them.

Thread: GUI.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QCompleter,
    QHeaderView,
    QLineEdit,
    QTableWidget,
    QWidget,
)

from safeland_core.vocab import MODEL_CATALOGUE, Condition, Disposal, EOCategory

from . import fmt
from .labels import label, relabel
from .layouts import line_height, table_with_buttons

COLUMNS = ("category", "model", "quantity", "condition", "depth_cm", "disposal", "lat", "lon")
NUMERIC = {"quantity", "depth_cm", "lat", "lon"}


def _combo(values: list[str]) -> QComboBox:
    box = QComboBox()
    for v in values:
        box.addItem(label(v), v)
    return box


VISIBLE_ROWS = 5  # a day's devices seen whole at 1366×768 (issue 11)


class ItemsTable(QWidget):
    """Emits `edited` on any change a user makes, and when the user leaves a row just added
    (its problems are shown from then on: an empty new row is not red while it is filled in).

    Keyboard: after *Add device* the focus is in the new row; Tab walks the editors row by
    row, then *Add device*, *Remove selected* and `next_widget` (the field after the table)."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.prev_widget: QWidget | None = None
        self.next_widget: QWidget | None = None
        self._fresh: set[int] = set()  # id() of the first editor of rows not yet left
        self._last_row = -1
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setTabKeyNavigation(False)  # Tab goes through the editors, not the cells
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the editors take the focus
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for col, width in enumerate((190, 170, 60, 100, 70, 210, 95, 95)):
            self.table.setColumnWidth(col, width)
        self.row_height = max(30, line_height(self) + 12)
        self.table.verticalHeader().setDefaultSectionSize(self.row_height)
        self.table.verticalHeader().setMinimumSectionSize(self.row_height)
        self.add_button, self.remove_button = table_with_buttons(self, self.table)
        self.add_button.clicked.connect(self.add_device)
        self.remove_button.clicked.connect(self.remove_selected)
        self._read_only = False
        self._fit_rows()
        QApplication.instance().focusChanged.connect(self._focus_changed)  # type: ignore[union-attr]
        self.retranslate()

    def _fit_rows(self) -> None:
        """Room for VISIBLE_ROWS rows without scrolling (the header and frame included)."""
        header = self.table.horizontalHeader().sizeHint().height()
        frame = 2 * self.table.frameWidth()
        scrollbar = self.table.horizontalScrollBar().sizeHint().height()
        self.table.setMinimumHeight(header + frame + scrollbar + VISIBLE_ROWS * self.row_height)

    def add_device(self) -> None:
        """*Add device*: a new row, the focus in its first cell; not marked until left."""
        row = self.add_row()
        self._fresh.add(id(self.editor(row, COLUMNS[0])))
        self.edited.emit()
        self.table.scrollToBottom()
        self.editor(row, COLUMNS[0]).setFocus(Qt.FocusReason.OtherFocusReason)

    def fresh_rows(self) -> set[int]:
        """Rows just added that the user has not left yet."""
        return {row for row in range(self.table.rowCount())
                if id(self.editor(row, COLUMNS[0])) in self._fresh}

    def forget_fresh(self) -> None:
        """Every row is judged from now on (a save was attempted)."""
        self._fresh.clear()

    def row_of(self, widget: QWidget | None) -> int:
        """The row whose editor is (or holds) `widget`, or -1."""
        while widget is not None and widget is not self.table:
            for row in range(self.table.rowCount()):
                for col in range(len(COLUMNS)):
                    if self.table.cellWidget(row, col) is widget:
                        return row
            widget = widget.parentWidget()
        return -1

    def _focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        if new is not None and new.window() is not self.window():
            return  # a pick list's popup or a completer: still in the same cell
        new_row = self.row_of(new)
        if new_row >= 0:
            self._last_row = new_row
        if not self._fresh:
            return
        old_row = self.row_of(old)
        if old_row >= 0 and old_row != new_row:
            key = id(self.editor(old_row, COLUMNS[0]))
            if key in self._fresh:
                self._fresh.discard(key)
                self.edited.emit()  # validate again: its problems show now

    def _fix_tab_order(self) -> None:
        """Tab goes through the editors row by row, then the buttons, then the next field."""
        chain: list[QWidget] = [self.prev_widget] if self.prev_widget is not None else []
        chain += [self.editor(row, key) for row in range(self.table.rowCount()) for key in COLUMNS]
        chain += [self.add_button, self.remove_button]
        if self.next_widget is not None:
            chain.append(self.next_widget)
        for a, b in zip(chain, chain[1:]):
            QWidget.setTabOrder(a, b)

    def first_focus(self) -> QWidget:
        """Where Tab into the devices lands: the first row's first cell, or *Add device*."""
        return self.editor(0, COLUMNS[0]) if self.table.rowCount() else self.add_button

    # --- rows --------------------------------------------------------------------------------

    def add_row(self, values: dict[str, Any] | None = None) -> int:
        values = values or {}
        row = self.table.rowCount()
        self.table.insertRow(row)
        category = _combo([c.value for c in EOCategory])
        model = QLineEdit()
        completer = QCompleter(QStringListModel([], model), model)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        model.setCompleter(completer)
        condition = _combo([c.value for c in Condition])
        disposal = _combo([d.value for d in Disposal])
        editors: dict[str, QWidget] = {"category": category, "model": model, "condition": condition,
                                       "disposal": disposal}
        for key in NUMERIC:
            edit = QLineEdit()
            edit.setAlignment(fmt.ALIGN_NUMBER)
            editors[key] = edit
        self._set_values(editors, {"condition": "UNKNOWN", "disposal": "DESTROYED_IN_SITU",
                                   "quantity": 1, **values})
        self._suggest(category, completer)
        category.currentIndexChanged.connect(lambda: self._suggest(category, completer))
        for col, key in enumerate(COLUMNS):
            w = editors[key]
            if isinstance(w, QComboBox):
                w.currentIndexChanged.connect(self.edited)
            else:
                w.textEdited.connect(self.edited)  # type: ignore[attr-defined]
            self.table.setCellWidget(row, col, w)
        self._apply_read_only(row)
        self._fix_tab_order()
        return row

    @staticmethod
    def _suggest(category: QComboBox, completer: QCompleter) -> None:
        cat = EOCategory(category.currentData())
        model = completer.model()
        assert isinstance(model, QStringListModel)
        model.setStringList(list(MODEL_CATALOGUE.get(cat, ())))

    @staticmethod
    def _set_values(editors: dict[str, QWidget], values: dict[str, Any]) -> None:
        for key, w in editors.items():
            value = values.get(key)
            if isinstance(w, QComboBox):
                i = w.findData(value)
                if i < 0 and value:
                    w.addItem(str(value), value)  # a value from an extended list: keep it
                    i = w.count() - 1
                w.setCurrentIndex(max(i, 0))
            elif isinstance(w, QLineEdit):
                w.setText("" if value is None else str(value))

    def remove_selected(self) -> None:
        """Remove the selected rows, or else the row the user was last in."""
        rows = sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True)
        if not rows and self.table.currentRow() >= 0:
            rows = [self.table.currentRow()]
        if not rows and 0 <= self._last_row < self.table.rowCount():
            rows = [self._last_row]
        for row in rows:
            self._fresh.discard(id(self.editor(row, COLUMNS[0])))
            self.table.removeRow(row)
        self._last_row = -1
        if rows:
            self._fix_tab_order()
            self.edited.emit()

    def set_items(self, items: list[dict[str, Any]]) -> None:
        self.table.setRowCount(0)
        self._fresh.clear()
        self._last_row = -1
        for values in items:
            self.add_row(values)
        self._fix_tab_order()

    def editor(self, row: int, key: str) -> QWidget:
        return self.table.cellWidget(row, COLUMNS.index(key))

    def items(self) -> list[dict[str, Any]]:
        """The rows as the schema reads them; empty fields are left out."""
        out = []
        for row in range(self.table.rowCount()):
            item: dict[str, Any] = {}
            for key in COLUMNS:
                w = self.editor(row, key)
                if isinstance(w, QComboBox):
                    item[key] = w.currentData()
                elif key in NUMERIC:
                    value = fmt.parse_number_text(w.text())  # type: ignore[attr-defined]
                    if value is not None:
                        item[key] = value
                else:
                    text = w.text().strip()  # type: ignore[attr-defined]
                    if text:
                        item[key] = text
            out.append(item)
        return out

    # --- state -------------------------------------------------------------------------------

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self.add_button.setVisible(not read_only)
        self.remove_button.setVisible(not read_only)
        for row in range(self.table.rowCount()):
            self._apply_read_only(row)

    def _apply_read_only(self, row: int) -> None:
        for key in COLUMNS:
            w = self.editor(row, key)
            if isinstance(w, QLineEdit):
                w.setReadOnly(self._read_only)
            elif w is not None:
                w.setEnabled(not self._read_only)

    def mark(self, problems: dict[tuple[int, str], str]) -> None:
        """Outline the editors with a problem, their message as tooltip."""
        for row in range(self.table.rowCount()):
            for key in COLUMNS:
                w = self.editor(row, key)
                text = problems.get((row, key))
                w.setProperty("problem", bool(text))
                w.setToolTip(text or "")
                w.style().unpolish(w)
                w.style().polish(w)

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([
            self.tr("Category"), self.tr("Model"), self.tr("Qty"), self.tr("Condition"),
            self.tr("Depth (cm)"), self.tr("Disposal"), self.tr("Latitude"), self.tr("Longitude")])
        self.add_button.setText(self.tr("Add dev&ice"))
        self.remove_button.setText(self.tr("Rem&ove selected"))
        for row in range(self.table.rowCount()):
            for key in ("category", "condition", "disposal"):
                box = self.editor(row, key)
                assert isinstance(box, QComboBox)
                relabel(box)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
