"""Languages of the window: English (the source strings), Khmer (app/i18n/ui_km.qm for the
window's own strings plus safeland_core/i18n/vocab_km.qm for the controlled vocabulary, both from
Qt Linguist sources), and a pseudo-locale that stretches every string to catch clipped labels.

Switching installs a translator; Qt then sends every widget a LanguageChange event and each view
retranslates itself in place, so nothing typed is lost. Dates and numbers follow QLocale of the
chosen language. Noto Sans Khmer is loaded at start and set as a fallback family of the
application font so Khmer renders on any machine.

Thread: GUI only.
"""
from __future__ import annotations

import logging
import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from safeland_core.labels import QM_PATH as VOCAB_KM_QM

from ..qt_fonts import load_khmer_font

log = logging.getLogger(__name__)

I18N_DIR = Path(__file__).resolve().parent.parent / "i18n"
LANGUAGES = ("en", "km", "pseudo")  # pseudo is for developers: not offered to team leaders


class PseudoTranslator(QTranslator):
    """Made at runtime: every string wrapped in [!! ... !!] with its vowels doubled, about 40 %
    longer, like Khmer text often is. Placeholders (%1, %n, {name}) are left intact."""

    _VOWELS = re.compile(r"(%\w+|\{[^}]*\}|<[^>]*>|&\w+;)|([aeiouAEIOU])")

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str:
        if not source:
            return source
        stretched = self._VOWELS.sub(lambda m: m.group(1) or m.group(2) * 2, source)
        return f"[!! {stretched} !!]"

    def isEmpty(self) -> bool:  # Qt's name; a non-empty translator triggers LanguageChange
        return False


def locale_for(code: str) -> QLocale:
    if code == "km":
        return QLocale(QLocale.Language.Khmer, QLocale.Country.Cambodia)
    return QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)


class Languages:
    """The installed translators of the application, one language at a time."""

    def __init__(self, app: QCoreApplication) -> None:
        self._app = app
        self._translators: list[QTranslator] = []
        self.code = "en"
        self.khmer_family = load_khmer_font()
        _set_fallback_font(self.khmer_family)

    def set(self, code: str) -> str:
        """Switch to `code` ("en", "km" or "pseudo"); returns the language now in force."""
        code = code if code in LANGUAGES else "en"
        if code == self.code and self._translators:
            return code  # in force already: the window is not translated again (each widget)
        for tr in self._translators:
            self._app.removeTranslator(tr)
        self._translators = []
        QLocale.setDefault(locale_for(code))
        if code == "km":
            # The window's strings and the vocabulary come from two files; both or neither, so
            # a half-Khmer window (Khmer captions, English pick lists) never shows.
            loaded = [tr for tr in (self._load(I18N_DIR / "ui_km.qm"), self._load(VOCAB_KM_QM)) if tr]
            if len(loaded) == 2:
                self._translators = loaded
            else:
                code = "en"
        elif code == "pseudo":
            self._translators = [PseudoTranslator(self._app)]
        else:  # English is the source; its .qm holds only the plural forms ("1 report", "2 reports")
            self._translators = [tr for tr in (self._load(I18N_DIR / "ui_en.qm", quiet=True),) if tr]
        for tr in self._translators:
            self._app.installTranslator(tr)
        self.code = code
        return code

    def _load(self, path: Path, quiet: bool = False) -> QTranslator | None:
        """A translator of the compiled file at `path`, or None (logged) when it cannot load."""
        tr = QTranslator(self._app)
        if tr.load(str(path)):
            return tr
        if not quiet:
            log.error("cannot load %s; staying in English", path)
        return None


def _set_fallback_font(khmer_family: str) -> None:
    """Keep the platform's font for Latin text and add Noto Sans Khmer behind it."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    font = QFont(app.font())
    families = [f for f in font.families() if f != khmer_family] or [font.family()]
    font.setFamilies(families + [khmer_family])
    app.setFont(font)
