"""Guard against a reference-counting bug of the PySide6 6.12 abi3 wheels on Python 3.11.

Every call of a Qt method that returns nothing (`QRectF.setWidth`, `QTextOption.setWrapMode`,
`QPainter.drawLine`...) drops one reference to `None` without taking it. Python 3.12+ made
`None` immortal, so the bug is harmless there; on 3.11 a site sheet with a year of reports makes
enough such calls (~5,000) to deallocate `None` and abort the interpreter
("Fatal Python error: none_dealloc").

`guard()` checks for the bug with one call and, only when present, gives `None` a very large
reference count (what 3.12's immortal objects do). Idempotent; any thread.
"""
from __future__ import annotations

import ctypes
import sys
import threading

_PIN = 1 << 40  # more void calls than any process will ever make
_lock = threading.Lock()
_done = False


def leaks_none() -> bool:
    """True when a void Qt call drops a reference to None."""
    from PySide6.QtCore import QRectF

    rect = QRectF()
    before = sys.getrefcount(None)
    for _ in range(10):
        rect.setWidth(1.0)
    return sys.getrefcount(None) < before


def guard() -> bool:
    """Apply the pin if this PySide6 has the bug; returns whether it was applied (now or before)."""
    global _done
    with _lock:
        if _done:
            return True
        if sys.version_info >= (3, 12) or sys.implementation.name != "cpython" or not leaks_none():
            return False
        # ob_refcnt is the first field of every CPython object (non-debug builds).
        ctypes.c_ssize_t.from_address(id(None)).value += _PIN
        _done = True
        return True
