"""Settings: the language of the window and this laptop's profile (operator, unit, team, team
leader). The language switches live: nothing typed in the report form is lost.

Thread: GUI.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ..domain.rows import Profile

LANGUAGE_NAMES = (("en", "English"), ("km", "ខ្មែរ (Khmer)"))


class SettingsDialog(QDialog):
    def __init__(self, profile: Profile | None, language: str, developer: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.language = QComboBox()
        for code, name in LANGUAGE_NAMES + ((("pseudo", "Pseudo (clipping check)"),) if developer else ()):
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(self.language.findData(language), 0))
        p = profile
        self.operator = QLineEdit(p.operator if p else "")
        self.unit = QLineEdit(p.unit or "" if p else "")
        self.team = QLineEdit(p.team or "" if p else "")
        self.team_leader = QLineEdit(p.team_leader or "" if p else "")
        self._captions = [QLabel() for _ in range(5)]
        form = QFormLayout()
        for caption, field in zip(self._captions, (self.language, self.operator, self.unit, self.team,
                                                   self.team_leader)):
            caption.setBuddy(field)
            form.addRow(caption, field)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok |
                                        QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        self.retranslate()

    def values(self) -> dict[str, str]:
        return {"language": self.language.currentData(), "operator": self.operator.text(),
                "unit": self.unit.text(), "team": self.team.text(), "team_leader": self.team_leader.text()}

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Settings"))
        for caption, text in zip(self._captions, (self.tr("Lan&guage"), self.tr("&Operator"),
                                                  self.tr("&Unit"), self.tr("&Team"),
                                                  self.tr("Team &leader"))):
            caption.setText(text)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
