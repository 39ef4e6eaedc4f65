"""site_sheet: the PDF of a site with a year of daily reports (365), ms per sheet.

Floor, same run: Qt writing one empty A4 page to PDF with QPdfWriter (the fixed cost of Qt's
PDF engine: file, page tree, no fonts). Target: under 500 ms a sheet.

`long_site_document(n)` is also the tests' long site (tests/sheets).
"""
from __future__ import annotations

import datetime as dt
import os
import random
import uuid
from collections.abc import Iterable
from typing import Any

from bench.common import best_of, row, tmpdir

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


def _empty_pdf(path: str) -> None:
    from PySide6.QtGui import QPageSize, QPainter, QPdfWriter

    writer = QPdfWriter(path)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    painter = QPainter(writer)
    painter.end()


def run(quick: bool) -> Iterable[dict]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QLoggingCategory

    from app.db import open_database
    from app.domain.transfer import import_document
    from app.sheets.render import ensure_app, write_pdf

    QLoggingCategory.setFilterRules("qt.text.font.db=false")  # Latin faces tried for Khmer: noise

    n = 60 if quick else 365
    where = tmpdir()
    db = open_database(where / "sheet.db")
    try:
        import_document(db, long_site_document(n), accept_warnings=True)
        ensure_app()
        out = str(where / "sheet.pdf")
        pages = write_pdf(db, LONG_REFERENCE, out)  # warm-up: fonts, translator, gazetteer
        repeat = 3 if quick else 7
        value = best_of(lambda: write_pdf(db, LONG_REFERENCE, out), repeat)
        floor = best_of(lambda: _empty_pdf(str(where / "empty.pdf")), repeat)
        yield row("site_sheet", "ms per sheet", value * 1000, floor * 1000, reports=n, pages=pages,
                  pdf_bytes=os.path.getsize(out), target_ms=500)
    finally:
        db.close()
