"""Questions and notices to the user go through one small service that tests replace
(STYLE rule 7): `prompts.current()` is what the app asks; `prompts.install(fake)` swaps it.

Thread: GUI only.
"""
from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QMessageBox, QWidget


class Prompter:
    """The real thing: modal message boxes with plain words, never a traceback."""

    def confirm(self, parent: QWidget | None, title: str, text: str, ok: str, detail: str = "") -> bool:
        """Ask a yes/no question; True when the user chose `ok`."""
        box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton,
                          parent)
        if detail:
            box.setInformativeText(detail)
        yes = box.addButton(ok, QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(yes)
        box.exec()
        return box.clickedButton() is yes

    def choose(self, parent: QWidget | None, title: str, text: str, choices: Sequence[str],
               detail: str = "") -> int:
        """Offer ways forward; returns the index of the chosen one (the last is the way out)."""
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.NoButton,
                          parent)
        if detail:
            box.setInformativeText(detail)
        buttons = [box.addButton(c, QMessageBox.ButtonRole.AcceptRole if i < len(choices) - 1
                                 else QMessageBox.ButtonRole.RejectRole)
                   for i, c in enumerate(choices)]
        box.setDefaultButton(buttons[0])
        box.exec()
        clicked = box.clickedButton()
        return buttons.index(clicked) if clicked in buttons else len(choices) - 1

    def inform(self, parent: QWidget | None, title: str, text: str, detail: str = "") -> None:
        box = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok,
                          parent)
        if detail:
            box.setInformativeText(detail)
        box.exec()


    def choose_file(self, parent: QWidget | None, title: str, start: str) -> str | None:
        """A database file to open or create; None when the user cancelled."""
        from PySide6.QtWidgets import QFileDialog

        path, _filter = QFileDialog.getSaveFileName(
            parent, title, start, "Safeland database (*.db);;All files (*)",
            options=QFileDialog.Option.DontConfirmOverwrite)
        return path or None


_current: Prompter = Prompter()


def current() -> Prompter:
    return _current


def install(prompter: Prompter) -> Prompter:
    """Replace the prompter (tests); returns the previous one."""
    global _current
    previous, _current = _current, prompter
    return previous
