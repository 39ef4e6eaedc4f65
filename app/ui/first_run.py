"""First run: set up this laptop (operator, unit, team, team leader, language), or open the
demo data. Shown by the main window while the database has no device profile.

Thread: GUI.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..db import Database
from ..domain.rows import Changes
from .messages import issue_text
from .ops import Backend, WriteOp


class FirstRunPage(QWidget):
    """Emits `done` once the profile is saved, `demo_requested` for the demo data."""

    done = Signal()
    demo_requested = Signal()
    language_chosen = Signal(str)

    def __init__(self, backend: Backend, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._backend = backend
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.operator = QLineEdit("CMAC")
        self.unit = QLineEdit()
        self.team = QLineEdit()
        self.team_leader = QLineEdit()
        self.language = QComboBox()
        self.language.addItem("English", "en")
        self.language.addItem("ខ្មែរ (Khmer)", "km")
        self.language.currentIndexChanged.connect(
            lambda: self.language_chosen.emit(self.language.currentData()))
        self.operator_error = QLabel()
        self.operator_error.setObjectName("error")
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._labels = [QLabel() for _ in range(5)]
        for label, field in zip(self._labels, (self.operator, self.unit, self.team,
                                               self.team_leader, self.language)):
            label.setBuddy(field)
            self.form.addRow(label, field)
        self.form.insertRow(1, "", self.operator_error)
        self.form.setRowVisible(self.operator_error, False)  # no gap until there is a message
        self.leader_error = QLabel()
        self.leader_error.setObjectName("error")
        self.form.insertRow(5, "", self.leader_error)
        self.form.setRowVisible(self.leader_error, False)
        # Enter moves on to the next field; on the last one it saves.
        edits = (self.operator, self.unit, self.team, self.team_leader)
        for edit, after in zip(edits, edits[1:]):
            edit.returnPressed.connect(after.setFocus)
        self.team_leader.returnPressed.connect(self.save)
        self.save_button = QPushButton()
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.demo_button = QPushButton()
        self.demo_button.clicked.connect(self.demo_requested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.demo_button)
        buttons.addStretch()
        box = QWidget()
        box.setMaximumWidth(640)
        inner = QVBoxLayout(box)
        inner.addWidget(self.title)
        inner.addWidget(self.intro)
        inner.addLayout(self.form)
        inner.addLayout(buttons)
        outer = QVBoxLayout(self)
        outer.addStretch()
        outer.addWidget(box, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Welcome to Safeland"))
        self.intro.setText(self.tr(
            "Set up this laptop once: who writes the daily reports here. You can change it later "
            "in Settings. Or look around first with the demo data (kept in a separate file)."))
        for label, text in zip(self._labels, (self.tr("&Operator"), self.tr("&Unit"),
                                              self.tr("&Team"), self.tr("Team &leader"),
                                              self.tr("La&nguage"))):
            label.setText(text)
        self.operator.setPlaceholderText(self.tr("e.g. CMAC"))
        self.unit.setPlaceholderText(self.tr("e.g. DU5"))
        self.team.setPlaceholderText(self.tr("e.g. DU5-MDT-02"))
        self.team_leader.setPlaceholderText(self.tr("your name"))
        self.save_button.setText(self.tr("&Save and start"))
        self.demo_button.setText(self.tr("Open the &demo data"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def save(self) -> None:
        """Save the profile through services.save_profile on the worker."""
        values = (self.operator.text(), self.unit.text(), self.team.text(), self.team_leader.text(),
                  self.language.currentData())
        self.operator_error.clear()
        self.form.setRowVisible(self.operator_error, False)
        self.leader_error.clear()
        self.form.setRowVisible(self.leader_error, False)
        if not self.team_leader.text().strip():
            # The reports this laptop signs carry the team leader's name: ask for it now.
            self.leader_error.setText(self.tr("Type the team leader's name: it goes on every report "
                                              "signed on this laptop."))
            self.form.setRowVisible(self.leader_error, True)
            self.team_leader.setFocus()
            return

        def failed(exc: BaseException) -> None:
            from ..domain.errors import Invalid

            if isinstance(exc, Invalid):
                self.operator_error.setText(issue_text(exc.issues[0]))
                self.form.setRowVisible(self.operator_error, True)
                self.operator.setFocus()
            else:
                from .errors import show_error

                show_error(self, exc)

        def save(db: Database) -> Changes:
            from ..domain import services

            return services.save_profile(db, *values)

        WriteOp(self._backend, save, success=lambda _changes: self.done.emit(), failure=failed,
                parent=self).run()
