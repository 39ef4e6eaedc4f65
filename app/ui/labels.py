"""Display names of the controlled lists on screen, in the window's language.

The names themselves are the vocabulary catalogue's (safeland_core/labels.py): English written
there, Khmer in safeland_core/i18n/vocab_km.qm, which app/ui/i18n.py installs beside the
window's own translator. So the screen, the printed sheet and HQ name a value alike. Stored
values stay the upper-case codes; only what the user reads changes with the language.

Thread: GUI.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox

from safeland_core.labels import CONTEXT, source


def label(value: object) -> str:
    """The translated name of a controlled-list value (its own text when unknown: HQ may have
    extended the list)."""
    english = source(value)
    if english is None:
        return str(getattr(value, "value", value) or "")
    return QCoreApplication.translate(CONTEXT, english)


def relabel(box: QComboBox) -> None:
    """Each item of a pick list of controlled-list values, named again in the current language."""
    for i in range(box.count()):
        box.setItemText(i, label(box.itemData(i)))
