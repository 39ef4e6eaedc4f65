"""Display names of the controlled lists (app.domain.vocab), translated. Stored values stay the
upper-case names; only what the user reads changes with the language.

Thread: GUI.
"""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QComboBox

CTX = "Vocab"

_LABELS: dict[str, str] = {
    # activity
    "NON_TECHNICAL_SURVEY": QT_TRANSLATE_NOOP("Vocab", "Non-technical survey"),
    "TECHNICAL_SURVEY": QT_TRANSLATE_NOOP("Vocab", "Technical survey"),
    "CLEARANCE": QT_TRANSLATE_NOOP("Vocab", "Clearance"),
    "EOD_SPOT_TASK": QT_TRANSLATE_NOOP("Vocab", "EOD spot task"),
    # asset
    "MANUAL": QT_TRANSLATE_NOOP("Vocab", "Manual"),
    "MDD": QT_TRANSLATE_NOOP("Vocab", "Mine detection dogs"),
    "MDR": QT_TRANSLATE_NOOP("Vocab", "Mine detection rats"),
    "MECHANICAL": QT_TRANSLATE_NOOP("Vocab", "Mechanical"),
    "EOD": QT_TRANSLATE_NOOP("Vocab", "EOD"),
    # EO category (and contamination)
    "AP_MINE": QT_TRANSLATE_NOOP("Vocab", "Anti-personnel mine"),
    "AT_MINE": QT_TRANSLATE_NOOP("Vocab", "Anti-tank mine"),
    "UXO": QT_TRANSLATE_NOOP("Vocab", "Unexploded ordnance"),
    "AXO": QT_TRANSLATE_NOOP("Vocab", "Abandoned ordnance"),
    "SUBMUNITION": QT_TRANSLATE_NOOP("Vocab", "Cluster submunition"),
    "IED": QT_TRANSLATE_NOOP("Vocab", "Improvised device"),
    "SAA": QT_TRANSLATE_NOOP("Vocab", "Small-arms ammunition"),
    "CLUSTER": QT_TRANSLATE_NOOP("Vocab", "Cluster munitions"),
    # condition
    "GOOD": QT_TRANSLATE_NOOP("Vocab", "Good"),
    "POOR": QT_TRANSLATE_NOOP("Vocab", "Poor"),
    "DAMAGED": QT_TRANSLATE_NOOP("Vocab", "Damaged"),
    "UNKNOWN": QT_TRANSLATE_NOOP("Vocab", "Unknown"),
    # disposal
    "DESTROYED_IN_SITU": QT_TRANSLATE_NOOP("Vocab", "Destroyed in situ"),
    "DESTROYED_AT_DEMOLITION_SITE": QT_TRANSLATE_NOOP("Vocab", "Destroyed at demolition site"),
    "HANDED_OVER": QT_TRANSLATE_NOOP("Vocab", "Handed over"),
    "LEFT_MARKED": QT_TRANSLATE_NOOP("Vocab", "Left marked"),
    # site status
    "OPEN": QT_TRANSLATE_NOOP("Vocab", "Open"),
    "IN_PROGRESS": QT_TRANSLATE_NOOP("Vocab", "In progress"),
    "COMPLETED": QT_TRANSLATE_NOOP("Vocab", "Completed"),
    "CANCELLED": QT_TRANSLATE_NOOP("Vocab", "Cancelled"),
    # report status
    "DRAFT": QT_TRANSLATE_NOOP("Vocab", "Draft"),
    "SIGNED": QT_TRANSLATE_NOOP("Vocab", "Signed"),
    "ACCEPTED": QT_TRANSLATE_NOOP("Vocab", "Accepted by HQ"),
    "RETURNED": QT_TRANSLATE_NOOP("Vocab", "Returned by HQ"),
    # point type
    "REFERENCE": QT_TRANSLATE_NOOP("Vocab", "Reference point"),
    "BENCHMARK": QT_TRANSLATE_NOOP("Vocab", "Benchmark"),
    "START": QT_TRANSLATE_NOOP("Vocab", "Start point"),
    "TURNING": QT_TRANSLATE_NOOP("Vocab", "Turning point"),
    "INTERMEDIATE": QT_TRANSLATE_NOOP("Vocab", "Intermediate point"),
    "END": QT_TRANSLATE_NOOP("Vocab", "End point"),
    "EVIDENCE": QT_TRANSLATE_NOOP("Vocab", "Evidence point"),
    # owner
    "DEVICE": QT_TRANSLATE_NOOP("Vocab", "This laptop"),
    "HQ": QT_TRANSLATE_NOOP("Vocab", "Headquarters"),
    # hazard type
    "SHA": QT_TRANSLATE_NOOP("Vocab", "Suspected hazardous area"),
    "CHA": QT_TRANSLATE_NOOP("Vocab", "Confirmed hazardous area"),
}


def label(value: object) -> str:
    """The translated name of a controlled-list value (its own text when unknown: HQ may have
    extended the list)."""
    key = str(getattr(value, "value", value) or "")
    source = _LABELS.get(key)
    return QCoreApplication.translate(CTX, source) if source else key


def relabel(box: QComboBox) -> None:
    """Each item of a pick list of controlled-list values, named again in the current language."""
    for i in range(box.count()):
        box.setItemText(i, label(box.itemData(i)))
