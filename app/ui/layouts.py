"""Small layouts and widgets shared by several views. Thread: GUI."""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFontMetrics, QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

# Latin and Khmer (with a subscript consonant and vowels above and below), to measure a line that
# holds either script: the application font falls back to Noto Sans Khmer, whose lines are taller.
LINE_SAMPLE = "Ág ញ៉ុំ ក្សេ ស្ត្រី"


def line_height(widget: QWidget) -> int:
    """The height of one line of `widget`'s font, whichever script the line is in."""
    fm = QFontMetrics(widget.font())
    return max(fm.height(), fm.boundingRect(LINE_SAMPLE).height()) + 2


def plain_caption(text: str) -> str:
    """A caption without its Alt-letter: "Team &leader" -> "Team leader", "ក្រុម (&T)" -> "ក្រុម"."""
    import re

    return re.sub(r"\s*\(&\w\)$", "", text).replace("&&", "\0").replace("&", "").replace("\0", "&")


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


class MessageLine(QLabel):
    """One line kept for a message, whether there is one or not, so the fields around it never
    move as messages come and go (a click lands where the user aimed). A message longer than
    the line ends in "…" and is shown whole in the tooltip. `text()` is the whole message;
    `severity` ("error" or "warning") picks the colour through the window's style sheet."""

    def __init__(self, parent: QWidget | None = None, name: str = "message") -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self._full = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self._fit()

    def text(self) -> str:  # type: ignore[override]
        return self._full

    def setText(self, text: str) -> None:  # type: ignore[override]
        self._full = " · ".join(line for line in (text or "").splitlines() if line.strip())
        self._elide()

    def clear(self) -> None:
        self.setText("")

    @property
    def has_message(self) -> bool:
        return bool(self._full)

    def set_severity(self, severity: str) -> None:
        if self.property("severity") != severity:
            self.setProperty("severity", severity)
            self.style().unpolish(self)
            self.style().polish(self)

    def _fit(self) -> None:
        self.setFixedHeight(line_height(self))

    def _elide(self) -> None:
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, max(self.width(), 20))
        QLabel.setText(self, shown)
        self.setToolTip(self._full if shown != self._full else "")

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit()
            self._elide()
