"""The sheet's labels in English and Khmer, through Qt's translation system.

Every label is written once, in English, as `QCoreApplication.translate("SiteSheet", ...)` so
`pyside6-lupdate` finds it (see docs/sheets.md for the regenerate command). The Khmer comes from
app/i18n/sheets_km.qm. The sheet prints both languages whatever the window's language is, so we
evaluate the table twice: once with a translator that answers the English source, once with the
Khmer one, each installed on top of the application's own translators for the moment it takes
(the table is then cached for the process).

Thread: GUI (installs translators on the application). Call after a QGuiApplication exists.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator

log = logging.getLogger(__name__)

CONTEXT = "SiteSheet"
QM_PATH = Path(__file__).resolve().parent.parent / "i18n" / "sheets_km.qm"


@dataclass(frozen=True)
class Bi:
    """One label in both languages."""

    en: str
    km: str

    def both(self, sep: str = " / ") -> str:
        return f"{self.en}{sep}{self.km}" if self.km and self.km != self.en else self.en

    def arg(self, *values: object) -> Bi:
        """Fill %1, %2... in both languages."""
        en, km = self.en, self.km
        for n, v in enumerate(values, 1):
            en, km = en.replace(f"%{n}", str(v)), km.replace(f"%{n}", str(v))
        return Bi(en, km)


def _strings() -> dict[str, str]:
    """Every label of the sheet, keyed by a stable name. Vocabulary values use their stored name
    as the key (vocab.ACTIVITY etc. are looked up with `vocab(kind, value)`)."""
    return {
        "title": QCoreApplication.translate("SiteSheet", "Site sheet"),
        "operator": QCoreApplication.translate("SiteSheet", "Operator"),
        "unit": QCoreApplication.translate("SiteSheet", "Unit"),
        "reference": QCoreApplication.translate("SiteSheet", "Reference"),
        "site_name": QCoreApplication.translate("SiteSheet", "Site name"),
        "hazard_type": QCoreApplication.translate("SiteSheet", "Hazard type"),
        "status": QCoreApplication.translate("SiteSheet", "Status"),
        "contamination": QCoreApplication.translate("SiteSheet", "Contamination"),
        "land_use": QCoreApplication.translate("SiteSheet", "Intended land use"),
        "printed_on": QCoreApplication.translate("SiteSheet", "Printed on"),
        "data_as_of": QCoreApplication.translate("SiteSheet", "Data as of"),
        "no_reports_date": QCoreApplication.translate("SiteSheet", "no reports yet"),
        "hq": QCoreApplication.translate("SiteSheet", "Reached HQ"),
        "all_sent": QCoreApplication.translate("SiteSheet", "All sent to HQ"),
        "not_all_sent": QCoreApplication.translate("SiteSheet", "NOT ALL SENT to HQ"),
        "drafts_waiting": QCoreApplication.translate("SiteSheet", "%1 drafts, %2 waiting"),
        "location": QCoreApplication.translate("SiteSheet", "Location"),
        "province": QCoreApplication.translate("SiteSheet", "Province"),
        "district": QCoreApplication.translate("SiteSheet", "District"),
        "commune": QCoreApplication.translate("SiteSheet", "Commune"),
        "village": QCoreApplication.translate("SiteSheet", "Village"),
        "not_recorded": QCoreApplication.translate("SiteSheet", "not recorded"),
        "sketch": QCoreApplication.translate("SiteSheet", "Sketch of the hazardous area"),
        "no_polygon": QCoreApplication.translate("SiteSheet", "No polygon recorded"),
        "north": QCoreApplication.translate("SiteSheet", "N"),
        "scale": QCoreApplication.translate("SiteSheet", "Scale"),
        "at_100": QCoreApplication.translate("SiteSheet", "printed at 100 %"),
        "ref_point_off": QCoreApplication.translate(
            "SiteSheet", "Reference point: %1 m at %2° from the centre of the area"),
        "hazard_area": QCoreApplication.translate("SiteSheet", "Hazardous area (hatched)"),
        "points": QCoreApplication.translate("SiteSheet", "Points"),
        "no_points": QCoreApplication.translate("SiteSheet", "No points recorded"),
        "type": QCoreApplication.translate("SiteSheet", "Type"),
        "number": QCoreApplication.translate("SiteSheet", "No."),
        "latitude": QCoreApplication.translate("SiteSheet", "Latitude"),
        "longitude": QCoreApplication.translate("SiteSheet", "Longitude"),
        "bearing": QCoreApplication.translate("SiteSheet", "Bearing °"),
        "distance": QCoreApplication.translate("SiteSheet", "Distance m"),
        "release": QCoreApplication.translate("SiteSheet", "Land release"),
        "area": QCoreApplication.translate("SiteSheet", "Area"),
        "cleared": QCoreApplication.translate("SiteSheet", "Cleared"),
        "reduced": QCoreApplication.translate("SiteSheet", "Reduced"),
        "cancelled": QCoreApplication.translate("SiteSheet", "Cancelled"),
        "remaining": QCoreApplication.translate("SiteSheet", "Remaining"),
        "released": QCoreApplication.translate("SiteSheet", "Released"),
        "area_unknown": QCoreApplication.translate("SiteSheet", "Area not recorded: percentage unknown"),
        "reports_days": QCoreApplication.translate("SiteSheet", "%1 reports over %2 days"),
        "teams": QCoreApplication.translate("SiteSheet", "Teams"),
        "devices": QCoreApplication.translate("SiteSheet", "Devices found"),
        "category": QCoreApplication.translate("SiteSheet", "Category"),
        "model": QCoreApplication.translate("SiteSheet", "Model"),
        "quantity": QCoreApplication.translate("SiteSheet", "Quantity"),
        "disposal": QCoreApplication.translate("SiteSheet", "Disposal"),
        "total": QCoreApplication.translate("SiteSheet", "Total"),
        "none_found": QCoreApplication.translate("SiteSheet", "No devices found"),
        "log": QCoreApplication.translate("SiteSheet", "Daily log"),
        "continued": QCoreApplication.translate("SiteSheet", "continued"),
        "date": QCoreApplication.translate("SiteSheet", "Date"),
        "team": QCoreApplication.translate("SiteSheet", "Team"),
        "activity": QCoreApplication.translate("SiteSheet", "Activity"),
        "assets": QCoreApplication.translate("SiteSheet", "Assets"),
        "cleared_m2": QCoreApplication.translate("SiteSheet", "Cleared m²"),
        "reduced_m2": QCoreApplication.translate("SiteSheet", "Reduced m²"),
        "cancelled_m2": QCoreApplication.translate("SiteSheet", "Cancelled m²"),
        "devices_col": QCoreApplication.translate("SiteSheet", "Devices"),
        "signed_col": QCoreApplication.translate("SiteSheet", "Signed?"),
        "revision": QCoreApplication.translate("SiteSheet", "Rev."),
        "no_reports": QCoreApplication.translate("SiteSheet", "No daily reports yet"),
        "signatures": QCoreApplication.translate("SiteSheet", "Signatures"),
        "team_leader": QCoreApplication.translate("SiteSheet", "Team leader"),
        "qa_officer": QCoreApplication.translate("SiteSheet", "QA officer"),
        "name": QCoreApplication.translate("SiteSheet", "Name"),
        "signature": QCoreApplication.translate("SiteSheet", "Signature"),
        "page": QCoreApplication.translate("SiteSheet", "Page %1 of %2"),
        "legend": QCoreApplication.translate("SiteSheet", "Key"),
        # hazard types
        "SHA": QCoreApplication.translate("SiteSheet", "SHA (suspected)"),
        "CHA": QCoreApplication.translate("SiteSheet", "CHA (confirmed)"),
        # site and report statuses
        "OPEN": QCoreApplication.translate("SiteSheet", "Open"),
        "IN_PROGRESS": QCoreApplication.translate("SiteSheet", "In progress"),
        "COMPLETED": QCoreApplication.translate("SiteSheet", "Completed"),
        "CANCELLED": QCoreApplication.translate("SiteSheet", "Cancelled (site)"),
        "DRAFT": QCoreApplication.translate("SiteSheet", "Draft"),
        "SIGNED": QCoreApplication.translate("SiteSheet", "Signed"),
        "ACCEPTED": QCoreApplication.translate("SiteSheet", "Accepted"),
        "RETURNED": QCoreApplication.translate("SiteSheet", "Returned"),
        # activities
        "NON_TECHNICAL_SURVEY": QCoreApplication.translate("SiteSheet", "Non-technical survey"),
        "TECHNICAL_SURVEY": QCoreApplication.translate("SiteSheet", "Technical survey"),
        "CLEARANCE": QCoreApplication.translate("SiteSheet", "Clearance"),
        "EOD_SPOT_TASK": QCoreApplication.translate("SiteSheet", "EOD spot task"),
        # assets
        "MANUAL": QCoreApplication.translate("SiteSheet", "Manual"),
        "MDD": QCoreApplication.translate("SiteSheet", "Dogs (MDD)"),
        "MDR": QCoreApplication.translate("SiteSheet", "Rats (MDR)"),
        "MECHANICAL": QCoreApplication.translate("SiteSheet", "Mechanical"),
        "EOD": QCoreApplication.translate("SiteSheet", "EOD"),
        # point types
        "REFERENCE": QCoreApplication.translate("SiteSheet", "Reference point"),
        "BENCHMARK": QCoreApplication.translate("SiteSheet", "Benchmark"),
        "START": QCoreApplication.translate("SiteSheet", "Start point"),
        "TURNING": QCoreApplication.translate("SiteSheet", "Turning point"),
        "INTERMEDIATE": QCoreApplication.translate("SiteSheet", "Intermediate point"),
        "END": QCoreApplication.translate("SiteSheet", "End point"),
        "EVIDENCE": QCoreApplication.translate("SiteSheet", "Evidence point"),
        # contamination and EO categories
        "AP_MINE": QCoreApplication.translate("SiteSheet", "AP mine"),
        "AT_MINE": QCoreApplication.translate("SiteSheet", "AT mine"),
        "CLUSTER": QCoreApplication.translate("SiteSheet", "Cluster munitions"),
        "UXO": QCoreApplication.translate("SiteSheet", "UXO"),
        "AXO": QCoreApplication.translate("SiteSheet", "AXO"),
        "SUBMUNITION": QCoreApplication.translate("SiteSheet", "Submunition"),
        "IED": QCoreApplication.translate("SiteSheet", "IED"),
        "SAA": QCoreApplication.translate("SiteSheet", "Small-arms ammunition"),
        # disposal
        "DESTROYED_IN_SITU": QCoreApplication.translate("SiteSheet", "Destroyed in situ"),
        "DESTROYED_AT_DEMOLITION_SITE": QCoreApplication.translate("SiteSheet",
                                                                   "Destroyed at demolition site"),
        "HANDED_OVER": QCoreApplication.translate("SiteSheet", "Handed over"),
        "LEFT_MARKED": QCoreApplication.translate("SiteSheet", "Left marked"),
        # intended land use
        "AGRICULTURE": QCoreApplication.translate("SiteSheet", "Agriculture"),
        "HOUSING": QCoreApplication.translate("SiteSheet", "Housing"),
        "INFRASTRUCTURE": QCoreApplication.translate("SiteSheet", "Infrastructure"),
        "SCHOOL": QCoreApplication.translate("SiteSheet", "School"),
        "FOREST": QCoreApplication.translate("SiteSheet", "Forest"),
        "OTHER": QCoreApplication.translate("SiteSheet", "Other"),
    }


class _SourceTranslator(QTranslator):
    """Answers the English source for the sheet's context, whatever else is installed (the
    window may be in Khmer or in the pseudo-locale)."""

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str:
        return source if context == CONTEXT else ""

    def isEmpty(self) -> bool:
        return False


def _evaluate(translator: QTranslator, build: Callable[[], dict[str, str]]) -> dict[str, str]:
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("site sheet labels need a QGuiApplication")
    app.installTranslator(translator)
    try:
        return build()
    finally:
        app.removeTranslator(translator)


@lru_cache(maxsize=1)
def labels() -> dict[str, Bi]:
    """Every label in English and Khmer. Khmer falls back to English where untranslated."""
    en = _evaluate(_SourceTranslator(), _strings)
    km_translator = QTranslator()
    if not km_translator.load(str(QM_PATH)):
        log.warning("Khmer labels of the site sheet not found at %s", QM_PATH)
        km = dict(en)
    else:
        km = _evaluate(km_translator, _strings)
        # An untranslated label falls through to whatever the window has installed (possibly
        # the pseudo-locale): print the English there instead.
        km = {k: km[k] if km_translator.translate(CONTEXT, en[k]) else en[k] for k in en}
    return {k: Bi(en[k], km[k]) for k in en}
