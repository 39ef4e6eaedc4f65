"""A report's history: every signed revision, who signed it and when, and why it was amended
(queries.report_history), and what each revision changed from the one before it (fields and
devices, old → new). Choosing a revision asks the form to show it, read-only
(`revision_chosen`). It folds to one line so the devices keep their room at 1366×768.

Thread: GUI.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QListWidget,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..db import Database
from ..domain.rows import Revision
from . import fmt
from .labels import label
from .ops import Backend, QueryOp
from .review_banner import decision_rows, review_state

# The fields of a revision compared, in the order of the form.
FIELDS = ("site_reference", "date", "activity", "team", "team_leader", "assets", "personnel",
          "hours_worked", "area_cleared_m2", "area_reduced_m2", "area_cancelled_m2",
          "clearance_depth_cm", "notes")
ITEM_FIELDS = ("category", "model", "quantity", "condition", "depth_cm", "disposal", "lat", "lon")
CODED = {"activity", "category", "condition", "disposal"}


def changes_between(old: dict[str, Any] | None, new: dict[str, Any]) -> list[tuple[str, Any, Any]]:
    """What `new` changed from `old`: (where, old value, new value). `where` is a field name,
    or ("items", n, field) for a device's field, or ("items", n) for a device added (old None)
    or removed (new None). Pure."""
    if old is None:
        return []
    out: list[tuple[Any, Any, Any]] = []
    for key in FIELDS:
        a, b = old.get(key), new.get(key)
        if key == "assets":
            a, b = sorted(a or []), sorted(b or [])
        if _norm(a) != _norm(b):
            out.append((key, a, b))
    old_items, new_items = list(old.get("items") or []), list(new.get("items") or [])
    for n in range(max(len(old_items), len(new_items))):
        a = old_items[n] if n < len(old_items) else None
        b = new_items[n] if n < len(new_items) else None
        if a is None or b is None:
            out.append((("items", n), a, b))
            continue
        for key in ITEM_FIELDS:
            if _norm(a.get(key)) != _norm(b.get(key)):
                out.append((("items", n, key), a.get(key), b.get(key)))
    return out


def _norm(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if value == "":
        return None
    return value


class HistoryPanel(QWidget):
    """`revision_chosen(n)` when the user picks a revision to look at."""

    revision_chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field_name: Callable[[str], str] = lambda key: key  # set by the form: its captions
        self.item_field_name: Callable[[str], str] = lambda key: key
        self.toggle = QToolButton()
        self.toggle.setCheckable(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.toggle.setAutoRaise(True)
        self.toggle.toggled.connect(self.set_unfolded)
        self.table = QTableWidget(0, 4)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.currentCellChanged.connect(lambda row, *_: self._row_chosen(row))
        self.changes = QListWidget()
        self.changes.setWordWrap(True)
        self.body = QWidget()
        body = QHBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.addWidget(self.table, 3)
        body.addWidget(self.changes, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.toggle, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.body, 1)
        layout.addStretch(0)  # folded: the toggle stays at the top
        self.body.hide()
        self.revisions: list[Revision] = []
        self.decisions: list = []  # HQ's decisions, each shown above the revision it judged
        self._shown: int | None = None
        self._row_revision: list[int | None] = []  # each row's revision (None: a decision)
        self.hide()
        self.retranslate()

    # --- folding -----------------------------------------------------------------------------

    @property
    def unfolded(self) -> bool:
        return self.toggle.isChecked()

    def set_unfolded(self, on: bool) -> None:
        if self.toggle.isChecked() != on:
            self.toggle.setChecked(on)  # comes back here through toggled
            return
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow)
        self.body.setVisible(on)

    # --- revisions ---------------------------------------------------------------------------

    def clear(self) -> None:
        self.revisions, self.decisions = [], []
        self._row_revision = []
        self._shown = None
        self.table.setRowCount(0)
        self.changes.clear()
        self.hide()

    def load(self, backend: Backend, report_id: str, parent: QWidget) -> None:
        def history(db: Database) -> list[Revision]:
            from ..domain import queries

            return queries.report_history(db, report_id)

        QueryOp(backend, history, success=self.show_revisions, parent=parent).run()
        QueryOp(backend, lambda db: review_state(db, report_id), success=self._got_review,
                parent=parent).run()

    def _got_review(self, state) -> None:  # noqa: ANN001 - queries.ReviewState | None
        self.decisions = decision_rows(state)
        self.show_revisions(self.revisions)

    def revision(self, number: int) -> Revision | None:
        return next((r for r in self.revisions if r.revision == number), None)

    def show_revisions(self, revisions: list[Revision]) -> None:
        self.revisions = revisions
        self.table.blockSignals(True)
        rows: list[tuple[int | None, tuple[str, ...]]] = []
        for rev in reversed(revisions):  # newest first, HQ's decisions above the one they judged
            rows += [(None, v) for n, v in reversed(self.decisions) if n == rev.revision]
            rows.append((rev.revision, (fmt.number(rev.revision), rev.signed_by,
                                        fmt.datetime(rev.signed_at),
                                        rev.reason or self.tr("First signature"))))
        self._row_revision = [n for n, _v in rows]
        self.table.setRowCount(len(rows))
        for row, (_n, values) in enumerate(rows):
            for col, value in enumerate(values):
                self.table.setItem(row, col, QTableWidgetItem(value))
        self.table.blockSignals(False)
        self.setVisible(bool(revisions))
        self._update_toggle()
        if revisions:
            self.select_revision(self._shown if self.revision(self._shown or 0) else revisions[-1].revision,
                                 announce=False)

    def select_revision(self, number: int, announce: bool = False) -> None:
        """Mark revision `number` and list what it changed (`announce`: tell the form too)."""
        row = next((i for i, n in enumerate(self._row_revision) if n == number), -1)
        if row < 0:
            return
        self.table.blockSignals(True)
        self.table.setCurrentCell(row, 0)
        self.table.blockSignals(False)
        self._show_changes(number)
        if announce:
            self.revision_chosen.emit(number)

    def _row_chosen(self, row: int) -> None:
        number = self._row_revision[row] if 0 <= row < len(self._row_revision) else None
        if number is not None:  # a revision's row, not one of HQ's decisions
            self._show_changes(number)
            self.revision_chosen.emit(number)

    def change_lines(self, number: int) -> list[str]:
        """What revision `number` changed from the one before it, one line each."""
        rev = self.revision(number)
        before = self.revision(number - 1)
        if rev is None:
            return []
        if before is None:
            return [self.tr("First signature: nothing before it to compare.")]
        lines = []
        for where, old, new in changes_between(before.content, rev.content):
            if isinstance(where, tuple) and len(where) == 2:
                device = self.tr("Device %1").replace("%1", fmt.number(where[1] + 1))
                if old is None:
                    lines.append(self.tr("%1 added: %2").replace("%1", device).replace("%2", _device(new)))
                else:
                    lines.append(self.tr("%1 removed: %2").replace("%1", device).replace("%2", _device(old)))
                continue
            if isinstance(where, tuple):
                name = self.tr("Device %1, %2").replace("%1", fmt.number(where[1] + 1)).replace(
                    "%2", self.item_field_name(where[2]))
                key = where[2]
            else:
                name, key = self.field_name(where), where
            lines.append(self.tr("%1: %2 → %3").replace("%1", name).replace("%2", _value(key, old))
                         .replace("%3", _value(key, new)))
        return lines or [self.tr("No field changed.")]

    def _show_changes(self, number: int) -> None:
        self._shown = number
        self.changes.clear()
        self.changes.addItem(self.tr("What revision %1 changed:").replace("%1", fmt.number(number)))
        for line in self.change_lines(number):
            self.changes.addItem("  " + line)

    def _update_toggle(self) -> None:
        n = len(self.revisions)
        self.toggle.setText(self.tr("Histor&y: %n signed revision(s)", "", n) if n else self.tr("Histor&y"))

    def retranslate(self) -> None:
        self._update_toggle()
        self.table.setHorizontalHeaderLabels([self.tr("Revision"), self.tr("Signed by"),
                                              self.tr("Signed at"), self.tr("Reason")])
        self.table.setToolTip(self.tr("Choose a revision to see it as it was signed"))
        if self.revisions:
            self.show_revisions(self.revisions)


def _value(key: str, value: Any) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if key in CODED:
        return label(value)
    if key == "assets":
        return ", ".join(label(a) for a in value)
    if key == "date":
        try:
            return fmt.date(dt.date.fromisoformat(str(value)))
        except ValueError:
            return str(value)
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        decimals = 6 if key in ("lat", "lon") else (0 if float(value).is_integer() else 1)
        return fmt.number(value, decimals)
    return str(value)


def _device(item: dict[str, Any] | None) -> str:
    if not item:
        return "—"
    text = label(item.get("category"))
    if item.get("model"):
        text += f" {item['model']}"
    return f"{text} ×{fmt.number(item.get('quantity') or 1)}"
