"""Safeland benchmarks. Each prints one JSON object per line:

    {"bench": NAME, "unit": ..., "value": ..., "floor": ..., "ratio": ..., ...}

where `floor` is the same work done the plainest fastest way in the same run (raw sqlite3, a
bare QApplication, one POST per report...), so the ratio survives a noisy shared machine.

    python bench/run.py --quick          # a couple of minutes in all (CI runs it)
    python bench/run.py                  # the full sizes of the issues
    python bench/run.py --only site_totals
    python bench/run.py --only save_report_in_window   # Ctrl+S in the window, 10,000 reports
    python bench/run.py --quick --check  # exit 1 when a ratio is far past its target (CI)

Absolute times are never checked: the machines are shared and one time means little. A ratio is
checked against FAR_PAST below, a few times looser than the issue's target, so only a real
regression (not a noisy neighbour) fails; each failure says which bench, its ratio and limit.

Each bench lives in bench/bench_<name>.py and exposes `run(quick: bool) -> Iterable[dict]`.
"""
from __future__ import annotations

import argparse
import importlib
import json
import os
import platform
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


# bench -> (target, limit): a ratio worse than `limit` fails --check. For "lower is better"
# ratios (ours / floor) limit > target; for "higher is better" (ours / floor as a share of the
# floor's rate, hq_ingest_concurrent) limit < target.
FAR_PAST: dict[str, tuple[float, float]] = {
    # Set above the worst this 2-core machine measured while six other engineers' tests ran on
    # it (load average 9-13: save_report 25, import 4.0, HQ ingest quick 0.10; docs/
    # performance.md), so only a real regression fails CI, not a busy neighbour.
    "save_report": (3, 12),
    "import": (1.5, 6),
    # Kept totals (field migration 0004) read at 0.003-0.3 of the raw aggregate: above 1 they
    # would be aggregated from scratch again.
    "site_totals_big_site": (0.1, 1),
    "gui_start": (4, 15),
    "hq_ingest_concurrent": (0.5, 0.03),
    "sync_slow_link": (2, 6),
}


def far_past(r: dict) -> str | None:
    """A sentence when the row's ratio is far past its target, else None."""
    limits = FAR_PAST.get(str(r.get("bench")))
    ratio = r.get("ratio")
    if limits is None or not isinstance(ratio, (int, float)):
        return None
    target, limit = limits
    higher_better = limit < target
    if (ratio < limit) if higher_better else (ratio > limit):
        side = "below" if higher_better else "above"
        return (f"{r['bench']}: ratio {ratio} is {side} {limit}, far past its target {target} "
                f"(value {r.get('value')} {r.get('unit')}, floor {r.get('floor')})")
    return None


def machine() -> dict:
    return {"bench": "machine", "python": platform.python_version(), "cpu_count": os.cpu_count(),
            "platform": platform.platform(), "processor": platform.processor() or platform.machine()}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--quick", action="store_true", help="small sizes, under 60 s in all")
    p.add_argument("--only", action="append", help="run only these benches (repeatable)")
    p.add_argument("--check", action="store_true",
                   help="exit 1 when a ratio is far past its target (FAR_PAST)")
    args = p.parse_args(argv)
    problems: list[str] = []
    print(json.dumps(machine()), flush=True)
    names = sorted(f.stem.removeprefix("bench_") for f in HERE.glob("bench_*.py"))
    failed = 0
    for name in names:
        if args.only and name not in args.only:
            continue
        module = importlib.import_module(f"bench.bench_{name}")
        try:
            for row in module.run(quick=args.quick):
                print(json.dumps(row, ensure_ascii=False), flush=True)
                if (problem := far_past(row)) is not None:
                    problems.append(problem)
        except Exception as exc:  # noqa: BLE001 - one broken bench must not hide the others' figures
            failed += 1
            print(json.dumps({"bench": name, "error": repr(exc)[:1000]}), flush=True)
    for problem in problems:
        print(f"bench check: {problem}", file=sys.stderr, flush=True)
    if args.check:
        # CI: a ratio far past its target fails; a bench that could not run (its error line is
        # above) is reported, not failed, so one machine's missing piece does not stop a merge.
        if failed:
            print(f"bench check: {failed} bench file(s) could not run; see their error lines",
                  file=sys.stderr, flush=True)
        return 1 if problems else 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
