"""Safeland benchmarks. Each prints one JSON object per line:

    {"bench": NAME, "unit": ..., "value": ..., "floor": ..., "ratio": ..., ...}

where `floor` is the same work done the plainest fastest way in the same run (raw sqlite3, a
bare QApplication, one POST per report...), so the ratio survives a noisy shared machine.

    python bench/run.py --quick          # under a minute in all
    python bench/run.py                  # the full sizes of the issues
    python bench/run.py --only site_totals
    python bench/run.py --only save_report_in_window   # Ctrl+S in the window, 10,000 reports

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


def machine() -> dict:
    return {"bench": "machine", "python": platform.python_version(), "cpu_count": os.cpu_count(),
            "platform": platform.platform(), "processor": platform.processor() or platform.machine()}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--quick", action="store_true", help="small sizes, under 60 s in all")
    p.add_argument("--only", action="append", help="run only these benches (repeatable)")
    args = p.parse_args(argv)
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
        except Exception as exc:  # noqa: BLE001 - one broken bench must not hide the others' figures
            failed += 1
            print(json.dumps({"bench": name, "error": repr(exc)[:1000]}), flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
