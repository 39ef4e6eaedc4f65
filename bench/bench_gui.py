"""The desktop app with a big database: start-up, filtering the reports list, peak memory.

- gui_start: from process start to the main window's first paint, running the real `safeland
  --db FILE` on a database of 200,000 reports; floor: a bare QApplication showing an empty
  QMainWindow, both as fresh subprocesses in the same run. Target ratio ≤ 4.
- gui_start_data: the same run until the first screen holds its data (profile read, sites
  listed with the first site's page, status bar counted, reports list's first page, worker idle),
  against the same floor. No target of its own; reported so the first paint cannot hide it.
- list_filter: apply a filter to the reports list until the view holds its first rows (count
  and first page through the worker); floor: the same count and page as raw sqlite3. Target
  under 100 ms.
- gui_peak_memory: ru_maxrss of the gui_start subprocess once its data are shown. Target under 300 MB.

The database is built once with raw inserts and cached under bench/out/ (quick mode: 20,000).
"""
from __future__ import annotations

import compileall
import datetime as dt
import json
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import time
import uuid
from collections.abc import Iterable
from pathlib import Path

from bench.common import row, run_until

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"

# Both children time their window's first paint the same way: an application-wide event filter
# that sees the first Paint event of their QMainWindow. The app child then runs the real
# `safeland` command (app.cli.main), which reuses the QApplication made here, and also records
# when the first screen holds its data: the profile read, the sites listed and the first one's
# page shown, the status bar counted, the reports list's first page in, and the worker idle.
PAINT_PROBE = r"""
import resource, sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
class FirstPaint(QObject):
    window = None
    def eventFilter(self, obj, event):
        if self.window is None and event.type() == QEvent.Type.Paint and isinstance(obj, QMainWindow):
            self.window = obj
            print("PAINTED", time.time(), flush=True)
            app.removeEventFilter(self)
            QTimer.singleShot(0, on_painted)
        return False
probe = FirstPaint()
app.installEventFilter(probe)
def rss():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
"""

CHILD_APP = PAINT_PROBE + r"""
def on_painted():
    check()
def check():
    w = probe.window
    ws = getattr(w, "ws", None)
    if (ws is not None and ws.profile is not None and w.backend.pending == 0
            and w.sites.list.count() and w.sites.page.totals is not None
            and w.status.drafts.text()
            and (w.reports.model.total == 0 or w.reports.model.row_at(0) is not None)):
        print("DATA", time.time(), rss(), flush=True)
        w.close()
    else:
        QTimer.singleShot(2, check)
from app.cli import main
sys.exit(main(["--db", sys.argv[1]]))
"""

CHILD_FLOOR = PAINT_PROBE + r"""
def on_painted():
    print("DATA", time.time(), rss(), flush=True)
    app.quit()
w = QMainWindow()
w.resize(1366, 768)
w.show()
app.exec()
"""


def start_database(path: Path) -> Path:
    """`path`'s work file (.part, leftovers of a broken build removed): the real schema (the
    app's migrations), the demo sites and a profile, ready for raw inserts."""
    sys.path.insert(0, str(ROOT))
    from app.db import open_database
    from app.domain import demo, services
    from app.domain.transfer import import_document

    tmp = path.with_suffix(".part")
    for leftover in tmp.parent.glob(tmp.name + "*"):
        leftover.unlink()
    db = open_database(tmp)
    import_document(db, {"format": "safeland/1", "sites": demo.SITES, "reports": []})
    services.save_profile(db, "CMAC", "DU4", "DU4-MDT-03", "Sok Dara")
    db.close()
    return tmp


def build_database(n_reports: int) -> Path:
    """A field database with the demo sites and `n_reports` reports (about 1 in 4 with a device),
    written with raw inserts; cached between runs."""
    OUT.mkdir(exist_ok=True)
    path = OUT / f"gui-{n_reports}-v2.db"  # v2: schema 0002 (items carry their site)
    if path.exists():
        return path
    tmp = start_database(path)
    con = sqlite3.connect(tmp)
    sites = [r[0] for r in con.execute("SELECT id FROM sites")]
    teams = [f"DU{u}-{k}-{n:02d}" for u in (2, 4, 5, 6) for k in ("MDT", "MDR", "TS") for n in (1, 2, 3)]
    rnd = random.Random(2025)
    start = dt.date(2015, 1, 1)
    now = "2025-06-01 00:00:00"
    reports, items = [], []
    for i in range(n_reports):
        rid = str(uuid.UUID(int=rnd.getrandbits(128)))
        day = start + dt.timedelta(days=i * 3650 // n_reports)
        status = "DRAFT" if i >= n_reports - 50 else "SIGNED"
        cleared = rnd.randrange(0, 1500, 10)
        site = rnd.choice(sites)
        reports.append((rid, site, day.isoformat(), "CLEARANCE", '["MANUAL"]',
                        rnd.choice(teams), "Sok Dara", rnd.randint(6, 16), 6.5, cleared, 0.0, 0.0, 30,
                        "", status, 0 if status == "DRAFT" else 1, True, now, now))
        if rnd.random() < 0.25:
            items.append((str(uuid.UUID(int=rnd.getrandbits(128))), rid, site, 0, "AP_MINE", "PMN-2", 1,
                          "POOR", 15, "DESTROYED_IN_SITU", 13.58, 103.42))
    with con:
        con.executemany(
            "INSERT INTO reports (id, site_id, date, activity, assets, team, team_leader, personnel, "
            "hours_worked, area_cleared_m2, area_reduced_m2, area_cancelled_m2, clearance_depth_cm, "
            "notes, status, revision, own, created_at, updated_at) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", reports)
        con.executemany("INSERT INTO report_items (id, report_id, site_id, position, category, model, "
                        "quantity, condition, depth_cm, disposal, lat, lon) "
                        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", items)
    con.execute("ANALYZE")
    con.close()
    tmp.replace(path)
    return path


def _child(code: str, *args: str) -> tuple[float, float, int]:
    """Seconds from launching a fresh interpreter to its window's first paint and to its first
    screen's data shown, and its peak RSS (kB)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT),
           "SAFELAND_LOG": str(OUT / "bench-gui.log")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed app has its bytecode compiled
    t0 = time.time()
    proc = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=300)
    marks = {ln.split()[0]: ln.split()[1:] for ln in proc.stdout.splitlines()
             if ln.startswith(("PAINTED", "DATA"))}
    if set(marks) != {"PAINTED", "DATA"}:
        raise RuntimeError(f"child failed: {proc.stdout[-500:]} {proc.stderr[-2000:]}")
    return (float(marks["PAINTED"][0]) - t0, float(marks["DATA"][0]) - t0, int(marks["DATA"][1]))


def bench_start(db: Path, repeat: int) -> Iterable[dict]:
    """gui_start: the window painted; gui_start_data: its first screen filled (sites, counts)."""
    painted, shown, floors, rss = [], [], [], []
    compileall.compile_dir(ROOT / "app", quiet=1)  # as pip does for an installed package
    _child(CHILD_FLOOR)  # warm the OS file cache for both
    _child(CHILD_APP, str(db))
    for _ in range(repeat):
        first_paint, data, kb = _child(CHILD_APP, str(db))
        painted.append(first_paint)
        shown.append(data)
        rss.append(kb)
        floors.append(_child(CHILD_FLOOR)[0])
    floor = statistics.median(floors)
    yield row("gui_start", "s", statistics.median(painted), floor, target_ratio=4,
              reports=_count(db), runs=repeat)
    yield row("gui_start_data", "s", statistics.median(shown), floor, reports=_count(db), runs=repeat)
    yield {"bench": "gui_peak_memory", "unit": "MB", "value": round(max(rss) / 1024, 1),
           "target": 300, "reports": _count(db)}


FILTERS = [
    {"team": "DU4-MDT-02"},
    {"status": "DRAFT"},
    {"date_from": dt.date(2020, 1, 1), "date_to": dt.date(2020, 3, 31)},
    {"team": "DU5-TS-01", "status": "SIGNED"},
]


def bench_filter(db: Path, repeat: int) -> Iterable[dict]:
    """In this process: the real window, its reports tab, filters applied one after another."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    from PySide6.QtWidgets import QApplication

    from app.db import open_database
    from app.domain.queries import ReportFilter
    from app.ui.i18n import Languages
    from app.ui.main_window import MainWindow
    from app.ui.ops import Backend

    app = QApplication.instance() or QApplication(sys.argv)
    langs = Languages(app)
    langs.set("en")
    window = MainWindow(Backend(open_database(db)), langs)
    window.show()
    window.tabs.setCurrentWidget(window.reports)


    ready = {"v": False}
    window.ready.connect(lambda: ready.update(v=True))
    window.start()
    run_until(lambda: ready["v"] and window.backend.pending == 0)
    view, model = window.reports, window.reports.model
    times, floors = [], []
    for _ in range(repeat):
        for f in FILTERS:
            shown = {"rows": False}

            def first_rows(_n: int, shown=shown) -> None:  # noqa: ANN001
                shown["rows"] = True

            model.page_loaded.connect(first_rows)
            t0 = time.perf_counter()
            view.set_filter(**{("site_id" if k == "site" else k): v for k, v in f.items()})
            run_until(lambda: shown["rows"])  # noqa: B023 - called within this iteration; the count was queued first, so it is in too
            times.append(time.perf_counter() - t0)
            model.page_loaded.disconnect(first_rows)
            floors.append(_raw_filter(db, ReportFilter(**f)))
    window.form.dirty = False
    window.shutdown()
    yield row("list_filter", "s", statistics.median(times), statistics.median(floors),
              target_s=0.1, worst=round(max(times), 4), reports=_count(db),
              filters=len(FILTERS), runs=repeat)


def _raw_filter(db: Path, f) -> float:  # noqa: ANN001
    """The same count and first page straight from sqlite3 (the floor)."""
    where, args = ["1=1"], []
    for col, val, op in (("team", f.team, "="), ("status", f.status, "="),
                         ("date", f.date_from and f.date_from.isoformat(), ">="),
                         ("date", f.date_to and f.date_to.isoformat(), "<=")):
        if val:
            where.append(f"r.{col} {op} ?")
            args.append(val)
    w = " AND ".join(where)
    con = sqlite3.connect(db)
    t0 = time.perf_counter()
    con.execute(f"SELECT count(r.id) FROM reports r WHERE {w}", args).fetchone()
    con.execute(
        "SELECT r.id, r.date, s.reference, r.activity, r.team, "
        "r.area_cleared_m2 + r.area_reduced_m2 + r.area_cancelled_m2, "
        "(SELECT coalesce(sum(quantity), 0) FROM report_items i WHERE i.report_id = r.id), "
        f"r.status, r.revision FROM reports r JOIN sites s ON s.id = r.site_id WHERE {w} "
        "ORDER BY r.date DESC, r.id DESC LIMIT 200", args).fetchall()
    elapsed = time.perf_counter() - t0
    con.close()
    return elapsed


def _count(db: Path) -> int:
    con = sqlite3.connect(db)
    try:
        return con.execute("SELECT count(*) FROM reports").fetchone()[0]
    finally:
        con.close()


def run(quick: bool) -> Iterable[dict]:
    db = build_database(20_000 if quick else 200_000)
    yield from bench_start(db, repeat=3 if quick else 5)
    yield from bench_filter(db, repeat=1 if quick else 3)


if __name__ == "__main__":
    for r in run(quick="--quick" in sys.argv):
        print(json.dumps(r))
