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
            "ratio": round(r, 2) if r is not None else None, **extra}


def tmpdir() -> Path:
    return Path(tempfile.mkdtemp(prefix="safeland-bench-"))
