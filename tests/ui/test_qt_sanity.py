"""The installed Qt bindings must not leak references to None (PySide6 6.12.0 on Python 3.11
does: a long session or a long site sheet then aborts the whole app)."""
from __future__ import annotations

import sys

from PySide6.QtCore import QRectF


def test_void_qt_calls_keep_none_alive():
    rect = QRectF()
    before = sys.getrefcount(None)
    for _ in range(1000):
        rect.setWidth(1.0)
    assert sys.getrefcount(None) >= before - 10
