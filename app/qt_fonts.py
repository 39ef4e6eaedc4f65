"""Noto Sans Khmer from PyPI (fontpkg-noto-sans-khmer), registered with Qt so that screens and
PDFs render Khmer on any machine. Shared by app/ui and app/sheets; call after QApplication (or
QGuiApplication) exists, from the GUI thread."""
from __future__ import annotations

from functools import lru_cache

from PySide6.QtGui import QFontDatabase

KHMER_FAMILY_FALLBACK = "Noto Sans Khmer"


@lru_cache(maxsize=1)
def load_khmer_font() -> str:
    """Register the bundled font once; returns its family name."""
    import fontpkg_noto_sans_khmer as pkg

    family = KHMER_FAMILY_FALLBACK
    for path in sorted((pkg.ROOT / "files").glob("*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            families = QFontDatabase.applicationFontFamilies(font_id)
            if families:
                family = families[0]
    return family
