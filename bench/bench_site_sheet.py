"""site_sheet: the PDF of a site with five years of daily reports (1,825: one a day), ms per sheet.

Two rows, each beside a floor measured in the same run, interleaved with it (medians):

- `site_sheet`: `app.sheets.render.write_pdf` in a warm process (gather from SQLite, lay out,
  paint, the Khmer text layer of app.sheets.pdftext, the file). Floor: QPainter drawing the
  same number of text rows (each of the log's rows as one drawText of its cells, the sheet's
  font) to a QPdfWriter at the same resolution, as many rows a page as give the sheet's number
  of pages: Qt's own cost of putting that much text on that many PDF pages. Target < 500 ms.
- `site_sheet_cli`: the real `safeland sheet` command in a fresh interpreter, start to exit,
  from compiled bytecode. Floor: a bare Qt process (QGuiApplication, a QPdfWriter, one page
  with one line of text). Target: at most 3x.

Each row also gives CPU seconds (the process's and its children's) beside the wall times, and
their ratio: on a shared machine the wall times are mostly waiting for a core.

`long_site_document(n)` is also the tests' long site (tests/sheets).
"""
from __future__ import annotations

import datetime as dt
import math
import os
import random
import subprocess
import sys
import time
import uuid
from collections.abc import Iterable
from pathlib import Path
from statistics import median
from typing import Any

from bench.common import row, tmpdir

ROOT = Path(__file__).resolve().parent.parent
LONG_REFERENCE = "BS/CHA/CMAA/70001"


def long_site_document(n_reports: int, reference: str = LONG_REFERENCE, seed: int = 7) -> dict[str, Any]:
    """A safeland/1 document: one site in Siem Reap with `n_reports` daily reports (one a day,
    ending 2025-06-30), two teams (one with a long name that has to wrap), devices most weeks,
    the last five reports drafts. Validates against every import rule."""
    rnd = random.Random(seed)
    site = {
        "reference": reference, "name": "Kouk Trach village rice fields and the old dyke road",
        "hazard_type": "CHA", "contamination": ["AP_MINE", "AT_MINE"], "status": "IN_PROGRESS",
        "operator": "CMAC", "unit": "DU4", "province_code": "17", "district_code": "1706",
        "commune_code": "170601", "village_code": "17060101", "area_m2": 400_000,
        "intended_land_use": "AGRICULTURE",
        "points": [
            {"type": "REFERENCE", "lat": 13.58000, "lon": 103.42000},
            {"type": "BENCHMARK", "bearing_deg": 45, "distance_m": 120},
            {"type": "START", "seq": 1, "bearing_deg": 60, "distance_m": 40},
            {"type": "TURNING", "seq": 2, "bearing_deg": 90, "distance_m": 600},
            {"type": "INTERMEDIATE", "seq": 3, "bearing_deg": 175, "distance_m": 300},
            {"type": "TURNING", "seq": 4, "bearing_deg": 180, "distance_m": 350},
            {"type": "TURNING", "seq": 5, "bearing_deg": 270, "distance_m": 620},
            {"type": "EVIDENCE", "lat": 13.5790, "lon": 103.4250},
        ],
    }
    teams = [("DU4-MDT-03", "Sok Chanthy", ["MANUAL", "MDD"]),
             ("DU4 Mine Detection Rat and Manual Technical Survey Team 01 (APOPO support)",
              "Chea Sophal", ["MDR", "MANUAL", "MECHANICAL"])]
    finds = [("AP_MINE", "PMN-2"), ("AP_MINE", "Type 72A"), ("AT_MINE", "TM-46"), ("UXO", "82 mm mortar")]
    last = dt.date(2025, 6, 30)
    reports = []
    for i in range(n_reports):
        day = last - dt.timedelta(days=n_reports - 1 - i)
        team, leader, assets = teams[i % 2]
        clearance = i % 2 == 0
        items = []
        if rnd.random() < 0.3:
            cat, model = rnd.choice(finds)
            items.append({"category": cat, "model": model, "quantity": rnd.randint(1, 3),
                          "condition": "GOOD", "depth_cm": rnd.randint(5, 30),
                          "disposal": rnd.choice(["DESTROYED_IN_SITU", "DESTROYED_AT_DEMOLITION_SITE"]),
                          "lat": 13.5785, "lon": 103.4240})
        reports.append({
            "site_reference": reference, "date": day.isoformat(),
            "activity": "CLEARANCE" if clearance else "TECHNICAL_SURVEY", "assets": assets,
            "team": team, "team_leader": leader, "personnel": 12, "hours_worked": 7,
            "area_cleared_m2": 400 if clearance else 0, "area_reduced_m2": 0 if clearance else 500,
            "area_cancelled_m2": 0, "clearance_depth_cm": 30 if clearance else None,
            "items": items, "notes": "",
            "status": "DRAFT" if i >= n_reports - 5 else "SIGNED",
        })
        if reports[-1]["status"] == "SIGNED":  # signed as the laptop signs: id, revision, hash
            _sign(reports[-1], f"{reference}/{i}", f"{day.isoformat()}T11:00:00+00:00")
    return {"format": "safeland/1", "sites": [site], "reports": reports}


def _sign(report: dict[str, Any], name: str, signed_at: str) -> None:
    """A signed report in a file carries its hash (import refuses it otherwise: hash_missing)."""
    from safeland_core.records import revision_hash

    report.update(id=str(uuid.uuid5(uuid.NAMESPACE_URL, "safeland-bench:" + name)), revision=1,
                  signed_at=signed_at)
    report["hash"] = revision_hash(report, None)


def _rows_floor(path: str, rows: list[str], pages: int) -> None:
    """The floor: the same rows of text, one drawText each, on as many pages as the sheet."""
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QPainter, QPdfWriter

    from app.sheets.canvas import Canvas
    from app.sheets.render import PDF_DPI, page_layout

    writer = QPdfWriter(path)
    writer.setResolution(PDF_DPI)
    writer.setPageLayout(page_layout("A4"))
    font = Canvas(writer).font(7.5)
    per_page = max(1, math.ceil(len(rows) / pages))
    painter = QPainter(writer)
    painter.setFont(font)
    step = painter.fontMetrics().height() * 1.6
    for i, text in enumerate(rows):
        if i and i % per_page == 0:
            writer.newPage()
        painter.drawText(QPointF(0, step * (1 + i % per_page)), text)
    painter.end()


BARE_QT = """
from PySide6.QtGui import QGuiApplication, QPageSize, QPainter, QPdfWriter
app = QGuiApplication([])
writer = QPdfWriter(OUT)
writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
painter = QPainter(writer)
painter.drawText(100, 100, "Site sheet BS/CHA/CMAA/70001")
painter.end()
"""


def _cpu() -> float:
    """CPU seconds of this process and of its finished children: on a machine shared with
    others' tests the wall time of a step is mostly waiting, its CPU time much less so. From
    getrusage (microseconds) where there is one: `os.times` counts children in clock ticks
    (10 ms), a tenth of the bare Qt process once the machine is quiet (0.09-0.10 s)."""
    try:
        import resource
    except ImportError:  # not on Unix
        t = os.times()
        return t.user + t.system + t.children_user + t.children_system
    me, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime


def _interleaved(a: Any, b: Any, repeat: int) -> tuple[float, float, float, float]:
    """Medians of `a` and `b`, wall then CPU seconds (wall_a, wall_b, cpu_a, cpu_b), run turn
    about so that a noisy neighbour weighs on both."""
    times: list[list[float]] = [[], [], [], []]
    for _ in range(repeat):
        for n, step in ((0, a), (1, b)):
            t0, c0 = time.perf_counter(), _cpu()
            step()
            times[n].append(time.perf_counter() - t0)
            times[n + 2].append(_cpu() - c0)
    wall_a, wall_b, cpu_a, cpu_b = (median(t) for t in times)
    return wall_a, wall_b, cpu_a, cpu_b


def run(quick: bool) -> Iterable[dict]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QLoggingCategory

    from app.db import open_database
    from app.domain.transfer import import_document
    from app.sheets.data import gather
    from app.sheets.render import ensure_app, write_pdf

    QLoggingCategory.setFilterRules("qt.text.font.db=false")  # Latin faces tried for Khmer: noise

    n = 365 if quick else 1825
    where = tmpdir()
    db_path = where / "sheet.db"
    db = open_database(db_path)
    try:
        import_document(db, long_site_document(n), accept_warnings=True)
        ensure_app()
        out = str(where / "sheet.pdf")
        pages = write_pdf(db, LONG_REFERENCE, out)  # warm-up: fonts, translator, gazetteer
        rows = [f"{r.date.isoformat()}  {r.team}  {r.activity}  {', '.join(r.assets)}  "
                f"{r.cleared_m2:,.0f}  {r.reduced_m2:,.0f}  {r.cancelled_m2:,.0f}  {r.devices}  "
                f"{r.status}  {r.revision}" for r in gather(db, LONG_REFERENCE).log]
        floor_pdf = str(where / "floor.pdf")
        value, floor, cpu, cpu_floor = _interleaved(
            lambda: write_pdf(db, LONG_REFERENCE, out), lambda: _rows_floor(floor_pdf, rows, pages),
            3 if quick else 7)
        yield row("site_sheet", "ms per sheet", value * 1000, floor * 1000, reports=n, pages=pages,
                  pdf_bytes=os.path.getsize(out), floor_rows=len(rows), target_ms=500,
                  cpu_ms=round(cpu * 1000, 1), cpu_floor_ms=round(cpu_floor * 1000, 1),
                  cpu_ratio=round(cpu / cpu_floor, 2) if cpu_floor else None)
    finally:
        db.close()
    # Both processes start from compiled bytecode, as an installed program does (pip compiles
    # it): a PYTHONDONTWRITEBYTECODE inherited from the shell would make `safeland sheet`
    # compile its 27 modules of this repository at every run (0.3-0.5 s CPU here), which the bare
    # process, having none, never pays. The bytecode goes to the bench's own folder.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(QT_QPA_PLATFORM="offscreen", PYTHONPYCACHEPREFIX=str(where / "pycache"))
    cli = [sys.executable, "-m", "app.cli", "--db", str(db_path), "sheet", LONG_REFERENCE,
           "-o", str(where / "cli.pdf")]
    bare = [sys.executable, "-c", f"OUT = {str(where / 'bare.pdf')!r}\n" + BARE_QT]
    for cmd in (cli, bare):  # compiled bytecode and a warm page cache for both, as after pip install
        subprocess.run(cmd, cwd=ROOT, env=env, check=True, capture_output=True)
    value, floor, cpu, cpu_floor = _interleaved(
        lambda: subprocess.run(cli, cwd=ROOT, env=env, check=True, capture_output=True),
        lambda: subprocess.run(bare, cwd=ROOT, env=env, check=True, capture_output=True),
        3 if quick else 5)
    yield row("site_sheet_cli", "s per `safeland sheet`", value, floor, reports=n, pages=pages,
              target_ratio=3, cpu_s=round(cpu, 3), cpu_floor_s=round(cpu_floor, 3),
              cpu_ratio=round(cpu / cpu_floor, 2) if cpu_floor else None)
