"""Small layouts shared by several views. Thread: GUI."""
from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTableWidget, QVBoxLayout, QWidget


def table_with_buttons(owner: QWidget, table: QTableWidget) -> tuple[QPushButton, QPushButton]:
    """Lay out `table` filling `owner`, with "add" and "remove" buttons under it (their texts
    are set by the owner's retranslate). Returns (add, remove)."""
    add, remove = QPushButton(), QPushButton()
    buttons = QHBoxLayout()
    buttons.addWidget(add)
    buttons.addWidget(remove)
    buttons.addStretch()
    layout = QVBoxLayout(owner)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(table)
    layout.addLayout(buttons)
    return add, remove
