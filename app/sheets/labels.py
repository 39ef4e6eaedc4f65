"""The sheet's labels in English and Khmer, through Qt's translation system.

Two sources, one table. The sheet's own labels are written once, in English, as
`QCoreApplication.translate("SiteSheet", ...)` so `pyside6-lupdate` finds them; their Khmer comes
from app/i18n/sheets_km.qm. The sheet prints both languages whatever the window's language is, so
we evaluate them twice: once with a translator that answers the English source, once with the
Khmer one, each installed on top of the application's own translators for the moment it takes.
The controlled values (activity, disposal, point type...) are the vocabulary catalogue's
(safeland_core/labels.py), keyed by their stored code, so the paper names a value exactly as the
screen does. The table is cached for the process; docs/vocabulary.md says how to regenerate.

Thread: GUI (installs translators on the application). Call after a QGuiApplication exists.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from PySide6.QtCore import QCoreApplication, QTranslator

from safeland_core import labels as vocab

log = logging.getLogger(__name__)

CONTEXT = "SiteSheet"
QM_PATH = Path(__file__).resolve().parent.parent / "i18n" / "sheets_km.qm"


class Bi(NamedTuple):
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
    """The sheet's own labels, keyed by a stable lower-case name. The controlled values are not
    here: they come from the vocabulary catalogue, keyed by their upper-case code."""
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
        "utm": QCoreApplication.translate("SiteSheet", "UTM zone, E, N"),
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
    }


class _SourceTranslator(QTranslator):
    """Answers the English source for the sheet's context, whatever else is installed (the
    window may be in Khmer or in the pseudo-locale)."""

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str:
        return source if context == CONTEXT else ""

    def isEmpty(self) -> bool:  # Qt's name
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
    """Every label in English and Khmer: the sheet's own (lower-case keys) and every controlled
    value (its code). Khmer falls back to English where untranslated."""
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
    table = {k: Bi(en[k], km[k]) for k in en}
    # The catalogue's Khmer from its compiled file, as the window reads it (`vocab.catalogue()`
    # parses the .ts with xml.etree: 2-3 ms more of `safeland sheet`; a test keeps them equal).
    # A code shared by two lists (AP_MINE: contamination and EO category) has one label.
    vocab_km = QTranslator()
    if not vocab_km.load(str(vocab.QM_PATH)):
        log.warning("Khmer vocabulary not found at %s", vocab.QM_PATH)
    table.update((code, Bi(en_label, vocab_km.translate(vocab.CONTEXT, en_label) or en_label))
                 for _, names in vocab.LISTS.values() for code, en_label in names.items())
    return table
