"""The vocabulary catalogue: one English and one Khmer label for every controlled value.

The screen (app/ui/labels.py), the printed site sheet (app/sheets/labels.py) and HQ's pages and
exports all name a stored code (`EOD_SPOT_TASK`) through this module, so a value reads the same
everywhere. The English is written here, inside `QT_TRANSLATE_NOOP("Vocab", ...)` so that
pyside6-lupdate extracts it; the Khmer lives in one Qt Linguist file, safeland_core/i18n/vocab_km.ts
(compiled to vocab_km.qm for Qt's translator). The core never imports Qt: `label_km` reads the
.ts file with xml.etree, and a test checks it answers what Qt's translator answers.

Regenerate with `scripts/update_translations.sh` (docs/vocabulary.md).

Thread: any. The Khmer table is read once and cached; everything returned is immutable.
"""
from __future__ import annotations

from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from .vocab import (
    Activity,
    Asset,
    Condition,
    Contamination,
    Disposal,
    EOCategory,
    HazardType,
    LandUse,
    Owner,
    PointType,
    ReportStatus,
    SiteStatus,
)

CONTEXT = "Vocab"
TS_PATH = Path(__file__).resolve().parent / "i18n" / "vocab_km.ts"
QM_PATH = TS_PATH.with_suffix(".qm")


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    """Marks `text` for extraction by pyside6-lupdate under `context`; returns it unchanged.

    A local stand-in for Qt's macro of the same name, so the core needs no Qt at all."""
    return text


# HQ's review state that the laptop never stores itself (HQ holds a report it receives as
# RECEIVED until a reviewer decides; the laptop shows "sent on DATE" from its outbox instead).
# Listed with the report statuses so that HQ's pages and exports name it from the same catalogue.
HQ_REVIEW_STATES = frozenset({"RECEIVED"})

# list name -> its enum and code -> English label. The list
# names are those of safeland/1's fields, as HQ's "codes" export sheet prints them.
LISTS: dict[str, tuple[type[StrEnum], dict[str, str]]] = {
    "activity": (Activity, {
        "NON_TECHNICAL_SURVEY": QT_TRANSLATE_NOOP("Vocab", "Non-technical survey"),
        "TECHNICAL_SURVEY": QT_TRANSLATE_NOOP("Vocab", "Technical survey"),
        "CLEARANCE": QT_TRANSLATE_NOOP("Vocab", "Clearance"),
        "EOD_SPOT_TASK": QT_TRANSLATE_NOOP("Vocab", "EOD spot task"),
    }),
    "asset": (Asset, {
        "MANUAL": QT_TRANSLATE_NOOP("Vocab", "Manual"),
        "MDD": QT_TRANSLATE_NOOP("Vocab", "Mine detection dogs"),
        "MDR": QT_TRANSLATE_NOOP("Vocab", "Mine detection rats"),
        "MECHANICAL": QT_TRANSLATE_NOOP("Vocab", "Mechanical"),
        "EOD": QT_TRANSLATE_NOOP("Vocab", "EOD"),
    }),
    "category": (EOCategory, {
        "AP_MINE": QT_TRANSLATE_NOOP("Vocab", "Anti-personnel mine"),
        "AT_MINE": QT_TRANSLATE_NOOP("Vocab", "Anti-tank mine"),
        "UXO": QT_TRANSLATE_NOOP("Vocab", "Unexploded ordnance"),
        "AXO": QT_TRANSLATE_NOOP("Vocab", "Abandoned ordnance"),
        "SUBMUNITION": QT_TRANSLATE_NOOP("Vocab", "Cluster submunition"),
        "IED": QT_TRANSLATE_NOOP("Vocab", "Improvised device"),
        "SAA": QT_TRANSLATE_NOOP("Vocab", "Small-arms ammunition"),
    }),
    # Codes shared with "category" (AP_MINE, AT_MINE, UXO, IED) carry the same label: one
    # value, one name, whichever list it is read from.
    "contamination": (Contamination, {
        "AP_MINE": QT_TRANSLATE_NOOP("Vocab", "Anti-personnel mine"),
        "AT_MINE": QT_TRANSLATE_NOOP("Vocab", "Anti-tank mine"),
        "CLUSTER": QT_TRANSLATE_NOOP("Vocab", "Cluster munitions"),
        "UXO": QT_TRANSLATE_NOOP("Vocab", "Unexploded ordnance"),
        "IED": QT_TRANSLATE_NOOP("Vocab", "Improvised device"),
    }),
    "condition": (Condition, {
        "GOOD": QT_TRANSLATE_NOOP("Vocab", "Good"),
        "POOR": QT_TRANSLATE_NOOP("Vocab", "Poor"),
        "DAMAGED": QT_TRANSLATE_NOOP("Vocab", "Damaged"),
        "UNKNOWN": QT_TRANSLATE_NOOP("Vocab", "Unknown"),
    }),
    "disposal": (Disposal, {
        "DESTROYED_IN_SITU": QT_TRANSLATE_NOOP("Vocab", "Destroyed in situ"),
        "DESTROYED_AT_DEMOLITION_SITE": QT_TRANSLATE_NOOP("Vocab", "Destroyed at demolition site"),
        "HANDED_OVER": QT_TRANSLATE_NOOP("Vocab", "Handed over"),
        "LEFT_MARKED": QT_TRANSLATE_NOOP("Vocab", "Left marked"),
    }),
    "site_status": (SiteStatus, {
        "OPEN": QT_TRANSLATE_NOOP("Vocab", "Open"),
        "IN_PROGRESS": QT_TRANSLATE_NOOP("Vocab", "In progress"),
        "COMPLETED": QT_TRANSLATE_NOOP("Vocab", "Completed"),
        "CANCELLED": QT_TRANSLATE_NOOP("Vocab", "Cancelled"),
    }),
    "report_status": (ReportStatus, {
        "DRAFT": QT_TRANSLATE_NOOP("Vocab", "Draft"),
        "SIGNED": QT_TRANSLATE_NOOP("Vocab", "Signed"),
        "RECEIVED": QT_TRANSLATE_NOOP("Vocab", "Received by HQ"),
        "ACCEPTED": QT_TRANSLATE_NOOP("Vocab", "Accepted by HQ"),
        "RETURNED": QT_TRANSLATE_NOOP("Vocab", "Returned by HQ"),
        "REJECTED": QT_TRANSLATE_NOOP("Vocab", "Rejected by HQ"),
    }),
    "point_type": (PointType, {
        "REFERENCE": QT_TRANSLATE_NOOP("Vocab", "Reference point"),
        "BENCHMARK": QT_TRANSLATE_NOOP("Vocab", "Benchmark"),
        "START": QT_TRANSLATE_NOOP("Vocab", "Start point"),
        "TURNING": QT_TRANSLATE_NOOP("Vocab", "Turning point"),
        "INTERMEDIATE": QT_TRANSLATE_NOOP("Vocab", "Intermediate point"),
        "END": QT_TRANSLATE_NOOP("Vocab", "End point"),
        "EVIDENCE": QT_TRANSLATE_NOOP("Vocab", "Evidence point"),
    }),
    "owner": (Owner, {
        "DEVICE": QT_TRANSLATE_NOOP("Vocab", "This laptop"),
        "HQ": QT_TRANSLATE_NOOP("Vocab", "Headquarters"),
    }),
    "hazard_type": (HazardType, {
        "SHA": QT_TRANSLATE_NOOP("Vocab", "Suspected hazardous area"),
        "CHA": QT_TRANSLATE_NOOP("Vocab", "Confirmed hazardous area"),
    }),
    "intended_land_use": (LandUse, {
        "AGRICULTURE": QT_TRANSLATE_NOOP("Vocab", "Agriculture"),
        "HOUSING": QT_TRANSLATE_NOOP("Vocab", "Housing"),
        "INFRASTRUCTURE": QT_TRANSLATE_NOOP("Vocab", "Infrastructure"),
        "SCHOOL": QT_TRANSLATE_NOOP("Vocab", "School"),
        "FOREST": QT_TRANSLATE_NOOP("Vocab", "Forest"),
        "OTHER": QT_TRANSLATE_NOOP("Vocab", "Other"),
    }),
}

# code -> English, across lists (a code shared by two lists has one label: the test checks it).
_EN: dict[str, str] = {code: en for _, labels in LISTS.values() for code, en in labels.items()}


class Entry(NamedTuple):
    """One row of the catalogue, as HQ's codes sheet prints it."""

    list: str
    code: str
    en: str
    km: str


def _code(value: object) -> str:
    """The stored code of an enum member or a plain string ("" for None)."""
    return str(getattr(value, "value", value) or "")


def source(value: object) -> str | None:
    """The English label of a controlled value as written in the catalogue (Qt's source text
    for context "Vocab"), or None when the code is not in the catalogue."""
    return _EN.get(_code(value))


def label_en(value: object) -> str:
    """The English label of a controlled value; the code itself when unknown (HQ may have
    extended the list)."""
    code = _code(value)
    return _EN.get(code, code)


def label_km(value: object) -> str:
    """The Khmer label of a controlled value, read from vocab_km.ts without Qt; the English
    label where the Khmer is missing, and the code itself when unknown."""
    en = label_en(value)
    return khmer_table().get(en) or en


def catalogue() -> list[Entry]:
    """Every (list, code, English, Khmer), in the order of LISTS and of each list."""
    return [Entry(name, code, en, khmer_table().get(en) or en)
            for name, (_, labels) in LISTS.items() for code, en in labels.items()]


@lru_cache(maxsize=1)
def khmer_table(path: Path = TS_PATH) -> dict[str, str]:
    """English source -> Khmer of context "Vocab" in a Qt Linguist file.

    Mirrors what pyside6-lrelease compiles: a translation marked obsolete or vanished is dropped,
    an empty one is absent (Qt then answers the source). Unfinished ones are compiled by default
    and so are kept here; the vocabulary test requires none to be unfinished anyway."""
    import xml.etree.ElementTree as ET  # here, not at the top: the printed sheet never reads the .ts

    table: dict[str, str] = {}
    for context in ET.parse(path).getroot().iter("context"):
        if context.findtext("name") != CONTEXT:
            continue
        for message in context.iter("message"):
            translation = message.find("translation")
            src = message.findtext("source")
            if translation is None or src is None:
                continue
            if translation.get("type") in ("obsolete", "vanished"):
                continue
            text = (translation.text or "").strip()
            if text:
                table[src] = text
    return table
