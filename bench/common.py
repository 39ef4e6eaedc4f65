"""Helpers shared by the benches: timing, a row builder, temporary databases."""
from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


def best_of(fn: Callable[[], object], repeat: int = 5) -> float:
    """Median wall time of `fn` over `repeat` runs, in seconds (median resists a noisy neighbour)."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def row(bench: str, unit: str, value: float, floor: float, ratio: float | None = None, **extra: Any) -> dict:
    """ratio defaults to value/floor (both costs: lower is better)."""
    r = ratio if ratio is not None else (value / floor if floor else None)
    return {"bench": bench, "unit": unit, "value": round(value, 4), "floor": round(floor, 4),
            "ratio": _round_ratio(r), **extra}


def _round_ratio(r: float | None) -> float | None:
    """Two decimals, or three significant digits for a ratio under 0.1 (kept totals read at a
    few thousandths of the raw aggregate would otherwise print 0.0)."""
    if r is None:
        return None
    return round(r, 2) if abs(r) >= 0.1 else float(f"{r:.3g}")


def tmpdir() -> Path:
    return Path(tempfile.mkdtemp(prefix="safeland-bench-"))


def run_until(predicate: Callable[[], bool], limit_s: float = 60.0) -> bool:
    """Run the Qt event loop until `predicate()` holds, or `limit_s` seconds; whether it holds.

    The predicate can hold for an instant and then not (the worker idle between one job and the
    next that a timer submits), so the wait ends only when it still holds after the event loop
    has returned; otherwise it waits again. (A wait that stopped at the first instant made a
    bench look stalled: docs/performance.md, save_report_in_window.)"""
    from PySide6.QtCore import QEventLoop, QTimer

    deadline = time.perf_counter() + limit_s
    while not predicate() and time.perf_counter() < deadline:
        loop = QEventLoop()
        poll = QTimer()
        poll.timeout.connect(lambda loop=loop: loop.quit() if predicate() else None)
        poll.start(1)
        limit = QTimer()
        limit.setSingleShot(True)
        limit.timeout.connect(loop.quit)
        limit.start(max(1, int((deadline - time.perf_counter()) * 1000)))
        loop.exec()
        poll.stop()
        limit.stop()
    return predicate()
