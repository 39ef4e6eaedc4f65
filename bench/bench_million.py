"""A laptop after years: a million reports, each signed one with its revision and outbox rows.

- million_start_data: the real `safeland --db FILE` from process start until its first screen
  holds its data (as gui_start_data), against the floor: a bare QApplication showing an empty
  QMainWindow, both fresh interpreters in the same run. Target ratio <= 4.
- million_start_cold: the same once on a fresh copy of the file (the page cache dropped first
  when the machine allows it, full size only: `cold` in the row says which).
- million_sitting_memory: one sitting in a fresh interpreter: start, open the biggest site,
  scroll the whole reports list to its end (page after page as the view fetches them; the
  row says how long it took; SCROLL_LIMIT_S only stops a run that hangs), back to the top,
  filter to the big site and scroll that to its end, filter by team, open ten reports. VmRSS
  sampled every 50 ms by a thread, VmHWM read at the end. Target under 250 MB.
- million_filter_stats: a filtered list (count and first page through app.domain.queries) on
  the database with the planner's statistics, against the same without them (sqlite_stat1
  dropped on a copy); both figures in the row.

`.venv/bin/python -m bench.bench_million --start-only` runs million_start_data alone (about half a
minute once the database is built), for comparing start-up changes on the same minutes.

Built once with raw executemany on the schema Alembic makes (app.db.open_database), cached
under bench/out/ (quick mode: 20,000 reports).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
import uuid
from collections.abc import Iterable
from pathlib import Path

from bench.bench_gui import CHILD_APP, CHILD_FLOOR, OUT, ROOT, _child, start_database
from bench.common import row

BIG_SITE_SHARE = 0.1  # a tenth of the reports at one site: the "big site"
SCROLL_LIMIT_S = 3600.0  # a scroll to the end stops here only if something hangs


def build_database(n_reports: int) -> Path:
    OUT.mkdir(exist_ok=True)
    path = OUT / f"million-{n_reports}-v1.db"
    if path.exists():
        return path

    tmp = start_database(path)
    con = sqlite3.connect(tmp)
    con.execute("PRAGMA journal_mode=WAL")
    sites = [r[0] for r in con.execute("SELECT id FROM sites ORDER BY reference")]
    big = sites[0]
    teams = [f"DU{u}-{k}-{n:02d}" for u in (2, 4, 5, 6) for k in ("MDT", "MDR", "TS") for n in (1, 2, 3)]
    rnd = random.Random(2026)
    start = dt.date(2015, 1, 1)
    now = "2025-06-01 00:00:00"
    reports: list[tuple] = []
    items: list[tuple] = []
    revisions: list[tuple] = []
    outbox: list[tuple] = []

    def flush() -> None:
        con.executemany(
            "INSERT INTO reports (id, site_id, date, activity, assets, team, team_leader, personnel, "
            "hours_worked, area_cleared_m2, area_reduced_m2, area_cancelled_m2, clearance_depth_cm, "
            "notes, status, revision, amend_reason, own, signed_at, hash, prev_hash, created_at, "
            "updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", reports)
        con.executemany("INSERT INTO report_items (id, report_id, site_id, position, category, model, "
                        "quantity, condition, depth_cm, disposal, lat, lon) "
                        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", items)
        con.executemany("INSERT INTO report_revisions (id, report_id, revision, content, hash, "
                        "prev_hash, reason, signed_by, signed_at) VALUES (?,?,?,?,?,?,?,?,?)",
                        revisions)
        con.executemany("INSERT INTO outbox (record_type, record_id, revision, payload, state, "
                        "created_at, sent_at) VALUES (?,?,?,?,?,?,?)", outbox)
        for lst in (reports, items, revisions, outbox):
            lst.clear()

    with con:
        for i in range(n_reports):
            rid = str(uuid.UUID(int=rnd.getrandbits(128)))
            day = (start + dt.timedelta(days=i * 3650 // n_reports)).isoformat()
            draft = i >= n_reports - 50
            site = big if rnd.random() < BIG_SITE_SHARE else rnd.choice(sites)
            team = rnd.choice(teams)
            cleared = rnd.randrange(0, 1500, 10)
            found = rnd.random() < 0.25
            amended = not draft and rnd.random() < 0.01
            revision = 0 if draft else (2 if amended else 1)
            content = {"id": rid, "site": site, "date": day, "activity": "CLEARANCE",
                       "assets": ["MANUAL"], "team": team, "team_leader": "Sok Dara",
                       "personnel": 10, "hours_worked": 6.5, "area_cleared_m2": cleared,
                       "area_reduced_m2": 0.0, "area_cancelled_m2": 0.0, "clearance_depth_cm": 30,
                       "notes": "", "items": ([{"category": "AP_MINE", "model": "PMN-2", "quantity": 1,
                                                "condition": "POOR", "depth_cm": 15,
                                                "disposal": "DESTROYED_IN_SITU"}] if found else [])}
            prev: str | None = None
            h: str | None = None
            for rev in range(1, revision + 1):
                content["revision"] = rev
                text = json.dumps(content, separators=(",", ":"))
                h = hashlib.sha256(text.encode()).hexdigest()
                revisions.append((str(uuid.UUID(int=rnd.getrandbits(128))), rid, rev, text, h, prev,
                                  "typo in the area" if rev == 2 else None, "Sok Dara", now))
                pending = i >= n_reports - 2000 or (rev == 2 and rnd.random() < 0.3)
                outbox.append(("report", rid, rev, text, "PENDING" if pending else "APPLIED", now,
                               None if pending else now))
                prev = h if rev < revision else prev
            reports.append((rid, site, day, "CLEARANCE", '["MANUAL"]', team, "Sok Dara", 10, 6.5,
                            cleared, 0.0, 0.0, 30, "", "DRAFT" if draft else "SIGNED", revision,
                            "typo in the area" if amended else None, True,
                            None if draft else now, h, prev, now, now))
            if found:
                items.append((str(uuid.UUID(int=rnd.getrandbits(128))), rid, site, 0, "AP_MINE",
                              "PMN-2", 1, "POOR", 15, "DESTROYED_IN_SITU", 13.58, 103.42))
            if len(reports) >= 20_000:
                flush()
        flush()
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    tmp.replace(path)
    return path


def _count(db: Path, sql: str = "SELECT count(*) FROM reports") -> int:
    con = sqlite3.connect(db)
    try:
        return int(con.execute(sql).fetchone()[0])
    finally:
        con.close()


def _fresh_copy(db: Path, name: str) -> Path:
    target = OUT / name
    for p in OUT.glob(name + "*"):
        p.unlink()
    shutil.copyfile(db, target)
    return target


def _drop_caches() -> bool:
    try:
        os.sync()
        Path("/proc/sys/vm/drop_caches").write_text("1\n")
        return True
    except OSError:
        return False


def bench_start(db: Path, repeat: int, drop: bool, cold: bool = True) -> Iterable[dict]:
    n = _count(db)
    _child(CHILD_FLOOR)
    _child(CHILD_APP, str(db))  # warm the page cache, compile bytecode
    data, floors, kbs = [], [], []
    for _ in range(repeat):
        _p, shown, kb = _child(CHILD_APP, str(db))
        data.append(shown)
        kbs.append(kb)
        floors.append(_child(CHILD_FLOOR)[0])
    floor = statistics.median(floors)
    yield row("million_start_data", "s", statistics.median(data), floor, target_ratio=4,
              reports=n, runs=repeat, start_peak_mb=round(max(kbs) / 1024, 1))
    if not cold:
        return
    # Cold: a fresh copy of the file (its pages not in the cache as the app's), and the whole
    # page cache dropped first where the machine lets us.
    cold_db = _fresh_copy(db, "million-cold.db")
    dropped = drop and _drop_caches()  # not in --quick: CI must not empty a shared machine's cache
    _p, shown, kb = _child(CHILD_APP, str(cold_db))
    floor_cold = _child(CHILD_FLOOR)[0]
    yield row("million_start_cold", "s", shown, floor_cold, reports=n,
              cold="drop_caches and a fresh copy" if dropped else "a fresh copy only",
              peak_mb=round(kb / 1024, 1))
    for p in OUT.glob("million-cold.db*"):
        p.unlink()


SITTING = r"""
import json, os, sys, threading, time
os.environ["QT_QPA_PLATFORM"] = "offscreen"
budget = float(sys.argv[2])  # the most a scroll may take (SCROLL_LIMIT_S)
peak = {"rss": 0, "samples": 0}
marks = []
def status(key):
    for ln in open("/proc/self/status"):
        if ln.startswith(key):
            return int(ln.split()[1])
    return 0
def sampler():
    while True:
        peak["rss"] = max(peak["rss"], status("VmRSS:"))
        peak["samples"] += 1
        time.sleep(0.05)
threading.Thread(target=sampler, daemon=True).start()
def mark(step, **kw):
    marks.append({"step": step, "rss_mb": round(status("VmRSS:") / 1024, 1),
                  "t": round(time.perf_counter() - t0, 2), **kw})
t0 = time.perf_counter()
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv)
from app.db import open_database
from app.ui.i18n import Languages
from app.ui.main_window import MainWindow
from app.ui.ops import Backend
from bench.common import run_until
langs = Languages(app); langs.set("en")
window = MainWindow(Backend(open_database(sys.argv[1])), langs)
window.resize(1366, 768); window.show()
ready = {"v": False}
window.ready.connect(lambda: ready.update(v=True))
window.start()
idle = lambda: window.backend.pending == 0
run_until(lambda: ready["v"] and idle())
mark("started")
ws = window.ws
ws.window.tabs.setCurrentWidget(ws.sites)
ws.sites.select(sys.argv[3])
run_until(lambda: idle() and ws.sites.page.site is not None)
run_until(idle)
mark("big site open")
view, model = ws.reports, ws.reports.model
window.tabs.setCurrentWidget(view)
def scroll(limit_s):
    end = time.perf_counter() + limit_s
    while time.perf_counter() < end:
        run_until(lambda: model.canFetchMore() or (idle() and not model.canFetchMore()))
        if not model.canFetchMore():
            return True
        model.fetchMore()
        view.table.scrollToBottom()
    return False
def timed_scroll(step):
    t = time.perf_counter()
    end = scroll(budget)
    mark(step, rows=model.rowCount(), to_end=end, total=model._total, rows_kept=model.rows_kept,
         seconds=round(time.perf_counter() - t, 1))
view.clear_filter(); run_until(idle)
timed_scroll("whole list scrolled to its end")
view.table.scrollToTop()
run_until(lambda: idle() and model.row_at(0) is not None)
mark("back at the top", first=model.row_at(0).id, rows_kept=model.rows_kept)
view.set_filter(site_id=sys.argv[4]); run_until(idle)
timed_scroll("big site's list scrolled to its end")
view.set_filter(team="DU4-MDT-02"); run_until(idle)
mark("filtered by team", rows=model.rowCount(), total=model._total)
for i in range(10):
    rid = model.row_at(i * 10).id
    window.form.dirty = False
    window.show_report(rid)
    run_until(lambda: idle() and window.form.report_id == rid)
mark("ten reports opened")
window.form.dirty = False
window.shutdown()
print("SITTING", json.dumps({"peak_sampled_kb": peak["rss"], "hwm_kb": status("VmHWM:"),
                             "samples": peak["samples"], "marks": marks}), flush=True)
"""


def bench_sitting(db: Path, budget_s: float = SCROLL_LIMIT_S) -> Iterable[dict]:
    con = sqlite3.connect(db)
    ref, sid, n_site = con.execute(
        "SELECT s.reference, s.id, count(*) FROM reports r JOIN sites s ON s.id = r.site_id "
        "GROUP BY s.id ORDER BY count(*) DESC LIMIT 1").fetchone()
    con.close()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT),
           "SAFELAND_LOG": str(OUT / "bench-million.log")}
    copy = _fresh_copy(db, "million-sitting.db")  # the sitting opens reports; keep the cache clean
    try:
        proc = subprocess.run([sys.executable, "-c", SITTING, str(copy), str(budget_s), ref, sid],
                              capture_output=True, text=True, env=env, cwd=ROOT, timeout=3600)
    finally:
        for p in OUT.glob("million-sitting.db*"):
            p.unlink()
    got = [ln for ln in proc.stdout.splitlines() if ln.startswith("SITTING ")]
    if not got:
        raise RuntimeError(f"sitting failed: {proc.stdout[-500:]} {proc.stderr[-2000:]}")
    s = json.loads(got[0].removeprefix("SITTING "))
    peak_mb = max(s["peak_sampled_kb"], s["hwm_kb"]) / 1024
    yield {"bench": "million_sitting_memory", "unit": "MB", "value": round(peak_mb, 1),
           "target": 250, "hwm_mb": round(s["hwm_kb"] / 1024, 1),
           "sampled_peak_mb": round(s["peak_sampled_kb"] / 1024, 1), "samples": s["samples"],
           "reports": _count(db), "big_site_reports": n_site, "steps": s["marks"]}


def bench_filter_stats(db: Path, repeat: int) -> Iterable[dict]:
    """A filtered list through the app's queries, with and without the planner's statistics."""
    sys.path.insert(0, str(ROOT))
    from app.db import Database, make_engine
    from app.domain import queries
    from app.domain.queries import ReportFilter

    filters = [ReportFilter(team="DU4-MDT-02"), ReportFilter(status="DRAFT"),
               ReportFilter(team="DU5-TS-01", status="SIGNED"),
               ReportFilter(date_from=dt.date(2020, 1, 1), date_to=dt.date(2020, 3, 31))]
    bare = _fresh_copy(db, "million-nostats.db")
    con = sqlite3.connect(bare)
    con.execute("DROP TABLE IF EXISTS sqlite_stat1")
    con.execute("DROP TABLE IF EXISTS sqlite_stat4")
    con.close()
    stats = _fresh_copy(db, "million-stats.db")
    Database(stats, make_engine(stats)).optimize(force=True)  # what open_database does at open

    def timed(path: Path) -> float:
        d = Database(path, make_engine(path))  # no optimize: the file as it is
        times = []
        try:
            for _ in range(repeat):
                for f in filters:
                    t0 = time.perf_counter()
                    queries.count_reports(d, f)
                    queries.page_reports(d, f, 0, 200, "date", True)
                    times.append(time.perf_counter() - t0)
        finally:
            d.close()
        return statistics.median(times)

    timed(stats)  # warm
    with_stats, without = timed(stats), timed(bare)
    for p in list(OUT.glob("million-nostats.db*")) + list(OUT.glob("million-stats.db*")):
        p.unlink()
    yield row("million_filter_stats", "s", without, with_stats, reports=_count(db),
              with_stats_s=round(with_stats, 4), without_stats_s=round(without, 4),
              note="value: without statistics; floor: with them (bounded ANALYZE at open)")


def run(quick: bool) -> Iterable[dict]:
    db = build_database(20_000 if quick else 1_000_000)
    yield from bench_start(db, repeat=2 if quick else 3, drop=not quick)
    yield from bench_filter_stats(db, repeat=1 if quick else 3)
    yield from bench_sitting(db)


if __name__ == "__main__":
    if "--start-only" in sys.argv:  # the warm start alone
        quick = "--quick" in sys.argv
        rows = bench_start(build_database(20_000 if quick else 1_000_000), 3, False, cold=False)
    else:
        rows = run(quick="--quick" in sys.argv)
    for r in rows:
        print(json.dumps(r), flush=True)
