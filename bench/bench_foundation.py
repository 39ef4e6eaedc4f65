"""Foundation benches: save_report, import, site_totals (issue 2).

- save_report: a report with 5 items through validation and the service, one transaction each;
  floor: raw sqlite3 writing the same 6 rows in one transaction each, same pragmas (WAL,
  synchronous=FULL, foreign keys). ms per save; ratio = ours / floor (target <= 3, issue 14).
- import: 10,000 reports with their items through `import_document` (validation included);
  floor: raw sqlite3 executemany of the same rows into the same tables and indexes in one
  transaction (the kept site totals' triggers fire for it as for us). ratio = floor rate / our
  rate (target <= 1.5, issue 14), each side the best of three runs taken in turns; also the
  CPU time of each (cpu_ratio = ours / floor). Also given: the floor with the triggers
  dropped (the tables as they were before migration 0004) and our ratio to it, which counts
  what keeping the totals costs an import against us.
- site_totals: totals of one site on a database of 200,000 reports and 1,000,000 items
  (1,000 sites of 200 reports), read from the totals the database keeps per site (migration
  0004); floor: the same totals as raw SQL aggregates in the same run (the site's reports
  aggregated, its items aggregated, each on a covering index, as before 0004).
  site_totals_big_site: the same on 5 sites of 40,000 reports each (the worst case; target
  < 20 ms, an absolute target: the ratio to the aggregate says what keeping them saves).
"""
from __future__ import annotations

import copy
import datetime as dt
import json
import random
import sqlite3
import time
import uuid
from collections.abc import Iterable
from pathlib import Path

from bench.common import best_of, row, tmpdir

OUT = Path(__file__).resolve().parent / "out"


def _site(ref: str) -> dict:
    return {"reference": ref, "name": "Bench site", "hazard_type": "CHA", "contamination": ["AP_MINE"],
            "status": "IN_PROGRESS", "operator": "CMAC", "unit": "DU4", "province_code": "17",
            "district_code": "1706", "area_m2": 1e8}


def _report(ref: str, day: int, rnd: random.Random) -> dict:
    return {
        # One day each (10,000 days from 1995 end in 2022): a site, date and team written twice
        # asks for confirmation, which stopped the full-size save bench at its 337th save.
        "site_reference": ref, "date": (dt.date(1995, 1, 1) + dt.timedelta(days=day)).isoformat(),
        "activity": "CLEARANCE", "assets": ["MANUAL", "MDD"], "team": f"DU4-MDT-{day % 7:02d}",
        "team_leader": "Sok Chanthy", "personnel": 12, "hours_worked": 7.5,
        "area_cleared_m2": rnd.randrange(100, 900), "area_reduced_m2": 0, "area_cancelled_m2": 0,
        "clearance_depth_cm": 30, "notes": f"ក្រុមបានធ្វើការតាមផែនការ ({day})",
        # Five finds at five places (the rules warn of an item that repeats another's place).
        "items": [{"category": "AP_MINE", "model": "PMN-2", "quantity": 1, "condition": "POOR",
                   "depth_cm": 15, "disposal": "DESTROYED_IN_SITU", "lat": 13.587 + k * 1e-4,
                   "lon": 103.423} for k in range(5)],
    }


def _raw_connect(path: Path) -> sqlite3.Connection:
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=FULL")
    con.execute("PRAGMA foreign_keys=ON")
    return con


_REPORT_SQL = ("INSERT INTO reports (id, site_id, date, activity, assets, team, team_leader, personnel,"
               " hours_worked, area_cleared_m2, area_reduced_m2, area_cancelled_m2, clearance_depth_cm,"
               " notes, status, revision, own, created_at, updated_at)"
               " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,'DRAFT',0,1,"
               "'2025-01-01 00:00:00','2025-01-01 00:00:00')")
_ITEM_SQL = ("INSERT INTO report_items (id, report_id, site_id, position, category, model, quantity,"
             " condition, depth_cm, disposal, lat, lon) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)")


def _raw_rows(rep: dict, site_id: str) -> tuple[tuple, list[tuple]]:
    rid = str(uuid.uuid4())
    report = (rid, site_id, rep["date"], rep["activity"], json.dumps(rep["assets"]), rep["team"],
              rep["team_leader"], rep["personnel"], rep["hours_worked"], rep["area_cleared_m2"],
              rep["area_reduced_m2"], rep["area_cancelled_m2"], rep["clearance_depth_cm"], rep["notes"])
    items = [(str(uuid.uuid4()), rid, site_id, i, it["category"], it["model"], it["quantity"],
              it["condition"], it["depth_cm"], it["disposal"], it["lat"], it["lon"])
             for i, it in enumerate(rep["items"])]
    return report, items


def _fresh(name: str, sites: int = 1):  # noqa: ANN202 - (Database, [site ids])
    from app.db import open_database
    from app.domain.transfer import import_document

    db = open_database(tmpdir() / name)
    import_document(db, {"format": "safeland/1", "sites": [_site(f"B/{i}") for i in range(sites)]})
    with db.session() as s:
        query = __import__("sqlalchemy").text("SELECT id FROM sites ORDER BY reference")
        ids = [r[0] for r in s.execute(query)]
    return db, ids


def bench_save_report(quick: bool) -> dict:
    from app.domain import services

    n = 100 if quick else 500
    rnd = random.Random(1)
    reps = [_report("B/0", i, rnd) for i in range(n)]

    db, _ = _fresh("save.db")
    t0, c0 = time.perf_counter(), time.process_time()
    for rep in reps:
        services.save_draft(db, rep)
    ours, ours_cpu = (time.perf_counter() - t0) / n, (time.process_time() - c0) / n
    db.close()

    db2, [site_id] = _fresh("save_raw.db")
    path = db2.path
    db2.close()
    con = _raw_connect(path)
    t0, c0 = time.perf_counter(), time.process_time()
    for rep in reps:
        report, items = _raw_rows(rep, site_id)
        con.execute("BEGIN IMMEDIATE")
        con.execute(_REPORT_SQL, report)
        con.executemany(_ITEM_SQL, items)
        con.execute("COMMIT")
    floor, floor_cpu = (time.perf_counter() - t0) / n, (time.process_time() - c0) / n
    con.close()
    # The CPU each side spent (process time): on a loaded machine our side, which is Python
    # work, waits for a core in proportion to it, while the floor mostly waits for the fsync.
    return row("save_report", "ms per save", ours * 1000, floor * 1000, saves=n, target_ratio=3,
               cpu_ms=round(ours_cpu * 1000, 3), floor_cpu_ms=round(floor_cpu * 1000, 3))


def bench_import(quick: bool) -> dict:
    from app.domain.transfer import import_document

    n = 2_000 if quick else 10_000
    rnd = random.Random(2)
    doc = {"format": "safeland/1", "sites": [_site("B/0")],
           "reports": [_report("B/0", i, rnd) for i in range(n)]}

    def ours() -> tuple[float, float]:
        from app.db import open_database

        db = open_database(tmpdir() / "import.db")
        d = copy.deepcopy(doc)
        t0, c0 = time.perf_counter(), time.process_time()
        import_document(db, d, accept_warnings=True)  # its generated days repeat (site, date, team)
        t, c = time.perf_counter() - t0, time.process_time() - c0
        db.close()
        return t, c

    def floor(kept_totals: bool = True) -> tuple[float, float]:
        db, [site_id] = _fresh("import_raw.db")
        path = db.path
        db.close()
        con = _raw_connect(path)
        if not kept_totals:  # the floor as it was before migration 0004 (no triggers)
            for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
                con.execute(f"DROP TRIGGER {name}")
        t0, c0 = time.perf_counter(), time.process_time()
        reports, items = [], []
        for rep in doc["reports"]:
            r, its = _raw_rows(rep, site_id)
            reports.append(r)
            items += its
        con.execute("BEGIN IMMEDIATE")
        con.executemany(_REPORT_SQL, reports)
        con.executemany(_ITEM_SQL, items)
        con.execute("COMMIT")
        t, c = time.perf_counter() - t0, time.process_time() - c0
        con.close()
        return t, c

    # Each side three times, taking turns, so a neighbour's burst on this shared machine
    # falls on both; the best of each. CPU time too: on a loaded machine the wall clock also
    # counts the waits for a core, the CPU time only the work.
    runs: dict[str, list[tuple[float, float]]] = {"ours": [], "floor": [], "bare": []}
    for _ in range(3):
        runs["ours"].append(ours())
        runs["floor"].append(floor())
        runs["bare"].append(floor(kept_totals=False))
    (t_ours, c_ours), (t_floor, c_floor), (t_bare, _) = (
        (min(t for t, _ in r), min(c for _, c in r)) for r in runs.values())
    rate, floor_rate = n / t_ours, n / t_floor
    return row("import", "reports per second", rate, floor_rate, ratio=floor_rate / rate,
               reports=n, items=5 * n, target_ratio=1.5,
               cpu_s=round(c_ours, 3), floor_cpu_s=round(c_floor, 3), cpu_ratio=round(c_ours / c_floor, 2),
               floor_without_kept_totals=round(n / t_bare, 1),
               ratio_without_kept_totals=round(t_ours / t_bare, 2))


def _big_db(reports: int, items_per: int, sites: int) -> Path:
    """A database of `reports` reports over `sites` sites, built once with raw inserts."""
    OUT.mkdir(exist_ok=True)
    path = OUT / f"totals-{reports}-{sites}-v3.db"  # v3: schema 0004, totals kept by triggers
    if path.exists():
        return path
    from app.db import open_database

    tmp = path.with_suffix(".tmp")
    for p in tmp.parent.glob(tmp.name + "*"):
        p.unlink()
    db = open_database(tmp)
    db.close()
    con = _raw_connect(tmp)
    con.execute("PRAGMA synchronous=OFF")
    rnd = random.Random(3)
    site_ids = [str(uuid.uuid4()) for _ in range(sites)]
    con.execute("BEGIN")
    con.executemany("INSERT INTO sites (id, reference, name, hazard_type, contamination, status, operator,"
                    " unit, province_code, area_m2, owner, created_at, updated_at) VALUES"
                    " (?, ?, 'Bench site', 'CHA', '[\"AP_MINE\"]', 'IN_PROGRESS', 'CMAC', 'DU4', '17', 1e7,"
                    " 'DEVICE', '2025-01-01', '2025-01-01')",
                    [(sid, f"B/{i:05d}") for i, sid in enumerate(site_ids)])
    models = [("AP_MINE", "PMN-2"), ("AP_MINE", "Type 72A"), ("AT_MINE", "TM-46"), ("UXO", "82 mm mortar")]
    batch_r, batch_i = [], []
    for n in range(reports):
        rid = str(uuid.uuid4())
        sid = site_ids[n % sites]
        batch_r.append((rid, sid, f"2025-{1 + n // 28 % 12:02d}-{1 + n % 28:02d}", "CLEARANCE", '["MANUAL"]',
                        f"T{n % 9}", "Sok", 12, 7.0, rnd.randrange(100, 900), 0, 0, 30, ""))
        for k in range(items_per):
            cat, model = models[(n + k) % len(models)]
            batch_i.append((str(uuid.uuid4()), rid, sid, k, cat, model, 1, "POOR", 10, "DESTROYED_IN_SITU",
                            None, None))
        if len(batch_r) >= 20_000:
            con.executemany(_REPORT_SQL, batch_r)
            con.executemany(_ITEM_SQL, batch_i)
            batch_r, batch_i = [], []
    con.executemany(_REPORT_SQL, batch_r)
    con.executemany(_ITEM_SQL, batch_i)
    con.execute("COMMIT")
    # For the floor only: the covering index the items aggregate had before the totals were
    # kept (schema 0003), so the raw SQL is at its best, not a table scan.
    con.execute("CREATE INDEX bench_floor_items_site ON report_items"
                " (site_id, category, model, disposal, quantity)")
    con.execute("ANALYZE")
    con.close()
    tmp.rename(path)
    return path


def bench_site_totals(quick: bool, sites: int | None = None, name: str = "site_totals") -> dict:
    """Totals of one site; `sites` sets how the reports spread (5 sites: 40,000 reports each,
    decades of daily work at one site, the worst case)."""
    from app.db import open_database
    from app.domain.queries import site_totals

    n = 20_000 if quick else 200_000
    sites = sites or (1000 if not quick else 100)
    path = _big_db(n, 5, sites)
    db = open_database(path)
    with db.session() as s:
        query = __import__("sqlalchemy").text("SELECT id FROM sites ORDER BY reference LIMIT 1 OFFSET 3")
        site_id = s.execute(query).scalar()
    site_totals(db, site_id)  # warm the page cache, as a second look at a site would
    ours = best_of(lambda: site_totals(db, site_id), 7)
    db.close()
    con = sqlite3.connect(path)

    def raw_totals() -> tuple:
        """The same totals as plain SQL: one aggregate over the site's reports (areas, count,
        days, first and last date, teams) and one over its items (devices by kind and
        disposal), rows left as sqlite3 gives them."""
        reports = con.execute(
            "SELECT sum(area_cleared_m2), sum(area_reduced_m2), sum(area_cancelled_m2), count(*),"
            " count(DISTINCT date), min(date), max(date), group_concat(DISTINCT team)"
            " FROM reports WHERE site_id = ?", (site_id,)).fetchone()
        items = con.execute(
            "SELECT category, model, disposal, sum(quantity) FROM report_items WHERE site_id = ?"
            " GROUP BY category, model, disposal", (site_id,)).fetchall()
        return reports, items

    raw_totals()
    floor = best_of(raw_totals, 7)
    con.close()
    return row(name, "ms", ours * 1000, floor * 1000, reports=n, items=5 * n,
               reports_at_site=n // sites, target_ms=20 if sites == 5 else 50,
               floor_kind="the same totals as raw SQL (reports aggregate + items aggregate, each"
                          " on its covering index)")


def run(quick: bool) -> Iterable[dict]:
    yield bench_save_report(quick)
    yield bench_import(quick)
    yield bench_site_totals(quick)
    yield bench_site_totals(quick, sites=5, name="site_totals_big_site")
