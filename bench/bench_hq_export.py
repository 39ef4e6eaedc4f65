"""hq_export: `safeland-hq export --format xlsx|gpkg` of 200,000 reports (quick: 10,000) on
PostgreSQL (bench/hq_national.py): table rows written per second and the process's peak memory.
Each export runs in its own process, so its peak RSS is its own (os.wait4); the same export of a
tenth of the reports shows that the peak does not grow with the size (streaming).

Floor: the same reports only read, streamed from the database in the same chunks and decoded
(no file written), in rows per second of the export's own row count. ratio = floor / value: how
many times slower than reading alone writing the file makes it.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

from bench.common import tmpdir
from bench.hq_national import database, fill

ROOT = Path(__file__).resolve().parents[1]

CHILD = """
import json, sys, time
sys.path.insert(0, {root!r})
from hq.db import open_hq
from hq import exports
db = open_hq({url!r}, migrate=False)
f = exports.ExportFilter(date_to={to!r} and __import__("datetime").date.fromisoformat({to!r}))
t0 = time.perf_counter()
if {fmt!r} == "read":
    n = sum(1 for _ in exports.reports(db, f))
    counts = {{"reports": n}}
else:
    counts = exports.export(db, {path!r}, {fmt!r}, f).counts
print(json.dumps({{"seconds": time.perf_counter() - t0, "counts": counts}}))
"""


def _child(url: str, fmt: str, path: str, to: str | None) -> dict:
    code = CHILD.format(root=str(ROOT), url=url, fmt=fmt, path=path, to=to)
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, cwd=ROOT)
    out = proc.stdout.read() if proc.stdout else b""
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise RuntimeError(f"export {fmt} failed ({proc.returncode})")
    result = json.loads(out.decode().strip().splitlines()[-1])
    result["peak_rss_mb"] = round(usage.ru_maxrss / 1024, 1)  # kB on Linux
    return result


def run(quick: bool) -> Iterable[dict]:
    from hq.db import open_hq

    n = 10_000 if quick else 200_000
    work = tmpdir()
    url, backend, drop = database(work, "export")
    db = open_hq(url)
    try:
        fill(db, n)
        db.close()
        # The reports of 2023 only (about a third): the same export, a smaller size.
        small_to = "2023-04-30"
        read = _child(url, "read", "", None)
        for fmt in ("xlsx", "gpkg"):
            big = _child(url, fmt, str(work / f"all.{fmt}"), None)
            small = _child(url, fmt, str(work / f"small.{fmt}"), small_to)
            rows = sum(big["counts"].values())
            rate = rows / big["seconds"]
            floor = rows / read["seconds"]
            yield {"bench": f"hq_export_{fmt}", "unit": "rows/s", "value": round(rate),
                   "floor": round(floor), "ratio": round(floor / rate, 2), "reports": n,
                   "rows": rows, "seconds": round(big["seconds"], 1), "backend": backend,
                   "peak_rss_mb": big["peak_rss_mb"],
                   "peak_rss_mb_small": small["peak_rss_mb"],
                   "small_reports": small["counts"].get("reports"),
                   "file_mb": round((work / f"all.{fmt}").stat().st_size / 2**20, 1)}
    finally:
        drop()
