"""Demo data built from DOMAIN.md's true stories: five hazardous areas in five provinces, a few
weeks of daily reports from CMAC's DU2, DU4, DU5 and DU6, devices of several kinds, notes in
Khmer; most reports signed, the last days still drafts. Deterministic (fixed seed and dates)."""
from __future__ import annotations

import datetime as dt
import random
from typing import Any

from ..db import Database
from . import services

SITES: list[dict[str, Any]] = [
    {   # The cashew plantation of 12 May 2025 (DU5 EOD call-out, cluster munitions found by NPA).
        "reference": "BS/CHA/CMAA/60222", "name": "Ka Maen cashew plantation",
        "hazard_type": "CHA", "contamination": ["CLUSTER", "UXO"], "status": "IN_PROGRESS",
        "operator": "CMAC", "unit": "DU5", "province_code": "16", "district_code": "1606",
        "commune_code": "160606", "village_code": "16060601", "intended_land_use": "AGRICULTURE",
        "points": [
            {"type": "REFERENCE", "lat": 13.84391, "lon": 106.96205},
            {"type": "BENCHMARK", "bearing_deg": 118, "distance_m": 240},
            {"type": "START", "seq": 1, "bearing_deg": 75, "distance_m": 30},
            {"type": "TURNING", "seq": 2, "bearing_deg": 90, "distance_m": 160},
            {"type": "TURNING", "seq": 3, "bearing_deg": 180, "distance_m": 150},
            {"type": "TURNING", "seq": 4, "bearing_deg": 265, "distance_m": 170},
            {"type": "END", "seq": 5, "bearing_deg": 2, "distance_m": 140},
            {"type": "EVIDENCE", "lat": 13.84240, "lon": 106.96520},
        ],
    },
    {   # DU4 in Siem Reap: manual teams with dogs and rats (CMAC with APOPO).
        "reference": "BS/CHA/CMAA/71408", "name": "Tram Kang rice fields",
        "hazard_type": "CHA", "contamination": ["AP_MINE"], "status": "IN_PROGRESS",
        "operator": "CMAC", "unit": "DU4", "province_code": "17", "district_code": "1706",
        "commune_code": "170601", "village_code": "17060101", "area_m2": 62000,
        "intended_land_use": "AGRICULTURE",
        "points": [
            {"type": "BENCHMARK", "lat": 13.58712, "lon": 103.42180},
            {"type": "START", "seq": 1, "lat": 13.58790, "lon": 103.42230},
            {"type": "TURNING", "seq": 2, "lat": 13.58795, "lon": 103.42480},
            {"type": "INTERMEDIATE", "seq": 3, "lat": 13.58680, "lon": 103.42500},
            {"type": "TURNING", "seq": 4, "lat": 13.58560, "lon": 103.42510},
            {"type": "TURNING", "seq": 5, "lat": 13.58555, "lon": 103.42240},
        ],
    },
    {   # DU6 in Preah Vihear.
        "reference": "BS/SHA/CMAA/55310", "name": "Choam Khsan forest edge",
        "hazard_type": "SHA", "contamination": ["AP_MINE", "AT_MINE"], "status": "IN_PROGRESS",
        "operator": "CMAC", "unit": "DU6", "province_code": "13", "district_code": "1303",
        "commune_code": "130301", "area_m2": 48000, "intended_land_use": "FOREST",
        "points": [
            {"type": "BENCHMARK", "lat": 14.20410, "lon": 104.93120},
            {"type": "START", "seq": 1, "bearing_deg": 45, "distance_m": 60},
            {"type": "TURNING", "seq": 2, "bearing_deg": 80, "distance_m": 220},
            {"type": "TURNING", "seq": 3, "bearing_deg": 170, "distance_m": 210},
            {"type": "TURNING", "seq": 4, "bearing_deg": 260, "distance_m": 230},
        ],
    },
    {   # The Battambang community clearance project (AP and AT mines, other items).
        "reference": "BS/CHA/CMAA/40117", "name": "Ta Taok community land",
        "hazard_type": "CHA", "contamination": ["AP_MINE", "AT_MINE", "UXO"], "status": "IN_PROGRESS",
        "operator": "CMAC", "unit": "DU2", "province_code": "02", "district_code": "0209",
        "commune_code": "020901", "area_m2": 35000, "intended_land_use": "HOUSING",
        "points": [
            {"type": "BENCHMARK", "lat": 12.61020, "lon": 102.85410},
            {"type": "START", "seq": 1, "lat": 12.61060, "lon": 102.85450},
            {"type": "TURNING", "seq": 2, "lat": 12.61070, "lon": 102.85640},
            {"type": "TURNING", "seq": 3, "lat": 12.60920, "lon": 102.85650},
            {"type": "TURNING", "seq": 4, "lat": 12.60910, "lon": 102.85440},
        ],
    },
    {   # Pailin: surveyed, not yet worked; no polygon recorded yet.
        "reference": "BS/SHA/CMAA/48822", "name": "Sala Krau school path",
        "hazard_type": "SHA", "contamination": ["AP_MINE"], "status": "OPEN",
        "operator": "CMAC", "unit": "DU2", "province_code": "24", "district_code": "2402",
        "area_m2": 12000, "intended_land_use": "SCHOOL", "points": [],
    },
]

KHMER_NOTES = [
    "ក្រុមបានធ្វើការតាមផែនការ អាកាសធាតុល្អ",            # the team worked to plan, good weather
    "ភ្លៀងធ្លាក់ពេលរសៀល ការងារបានផ្អាកមួយម៉ោង",          # rain in the afternoon, work stopped an hour
    "ប្រជាពលរដ្ឋក្នុងភូមិបានរាយការណ៍អំពីគ្រាប់មិនទាន់ផ្ទុះ",  # villagers reported unexploded ordnance
    "",
    "Vegetation cut back on the north edge before search.",
]

# (site reference, team, team leader, activity, assets, personnel, m² per day, finds per day)
TEAMS = [
    ("BS/CHA/CMAA/71408", "DU4-MDT-03", "Sok Chanthy", "CLEARANCE", ["MANUAL", "MDD"], 14, (900, 1600)),
    ("BS/CHA/CMAA/71408", "DU4-MDR-01", "Chea Sophal", "TECHNICAL_SURVEY", ["MDR"], 8, (800, 1500)),
    ("BS/SHA/CMAA/55310", "DU6-TS-02", "Meas Vanna", "TECHNICAL_SURVEY", ["MANUAL", "MECHANICAL"], 12,
     (1000, 2000)),
    ("BS/CHA/CMAA/40117", "DU2-MDT-07", "Heng Dara", "CLEARANCE", ["MANUAL"], 16, (500, 1000)),
    ("BS/CHA/CMAA/60222", "DU5-MDT-02", "Keo Sarath", "CLEARANCE", ["MANUAL"], 12, (300, 700)),
]

FINDS = {
    "BS/CHA/CMAA/71408": [("AP_MINE", "PMN-2"), ("AP_MINE", "Type 72A"), ("AP_MINE", "PMN")],
    "BS/SHA/CMAA/55310": [("AP_MINE", "MD-82B"), ("AT_MINE", "TM-46"), ("UXO", "82 mm mortar")],
    "BS/CHA/CMAA/40117": [("AP_MINE", "Type 69"), ("AT_MINE", "TM-57"), ("UXO", "105 mm projectile")],
    "BS/CHA/CMAA/60222": [("SUBMUNITION", "BLU-24/B"), ("UXO", "60 mm mortar")],
}

FIRST_DAY = dt.date(2025, 5, 12)
WORK_DAYS = 20  # four working weeks
DRAFT_DAYS = 2  # the last two working days are still drafts


def _work_days() -> list[dt.date]:
    days: list[dt.date] = []
    day = FIRST_DAY
    while len(days) < WORK_DAYS:
        if day.weekday() < 5:
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def _lat_lon(site: dict[str, Any]) -> tuple[float, float]:
    first = next(p for p in site["points"] if "lat" in p)
    return first["lat"], first["lon"]


def build_document(seed: int = 1992) -> dict[str, Any]:
    rnd = random.Random(seed)
    by_ref = {s["reference"]: s for s in SITES}
    reports: list[dict[str, Any]] = [{
        # 12 May 2025: the CBU-25/A dispenser, about 80 cm deep, destroyed in situ.
        "site_reference": "BS/CHA/CMAA/60222", "date": "2025-05-12", "activity": "EOD_SPOT_TASK",
        "assets": ["EOD"], "team": "DU5-EOD-1", "team_leader": "Keo Sarath", "personnel": 6,
        "hours_worked": 7.5, "area_cleared_m2": 0, "area_reduced_m2": 0, "area_cancelled_m2": 0,
        "items": [
            {"category": "SUBMUNITION", "model": "BLU-24/B", "quantity": 121, "condition": "POOR",
             "depth_cm": 80, "disposal": "DESTROYED_IN_SITU", "lat": 13.84240, "lon": 106.96520},
            {"category": "UXO", "model": "CBU-25/A dispenser", "quantity": 1, "condition": "DAMAGED",
             "depth_cm": 80, "disposal": "DESTROYED_IN_SITU", "lat": 13.84240, "lon": 106.96520},
        ],
        "notes": "ទីតាំងចម្ការស្វាយចន្ទី។ បំផ្លាញនៅនឹងកន្លែង រណ្ដៅជ្រៅប្រហែល ៣.៥ ម៉ែត្រ ទទឹង ៥ ម៉ែត្រ។ "
                 "Found by NPA on 9 and 10 May; crater about 3.5 m deep and 5 m across.",
    }]
    for day in _work_days():
        for ref, team, leader, activity, assets, people, (lo, hi) in TEAMS:
            if ref == "BS/CHA/CMAA/60222" and day == FIRST_DAY:
                continue  # the EOD team held the site that day
            lat0, lon0 = _lat_lon(by_ref[ref])
            worked = rnd.randrange(lo, hi, 10)
            cleared = worked if activity == "CLEARANCE" else 0
            reduced = worked if activity == "TECHNICAL_SURVEY" else 0
            items = []
            for _ in range(rnd.choice((0, 0, 0, 1, 1, 2))):
                cat, model = rnd.choice(FINDS[ref])
                items.append({
                    "category": cat, "model": model,
                    "quantity": 1 if cat != "SUBMUNITION" else rnd.randint(1, 4),
                    "condition": rnd.choice(("GOOD", "POOR", "POOR", "DAMAGED")),
                    "depth_cm": rnd.randrange(5, 30 if cat == "AP_MINE" else 60, 5),
                    "disposal": rnd.choice(("DESTROYED_IN_SITU", "DESTROYED_IN_SITU",
                                            "DESTROYED_AT_DEMOLITION_SITE")),
                    "lat": round(lat0 - rnd.uniform(0.0003, 0.0012), 6),
                    "lon": round(lon0 + rnd.uniform(0.0003, 0.0020), 6),
                })
            reports.append({
                "site_reference": ref, "date": day.isoformat(), "activity": activity,
                "assets": assets, "team": team, "team_leader": leader,
                "personnel": people - rnd.randint(0, 2), "hours_worked": rnd.choice((6, 6.5, 7, 7.5)),
                "area_cleared_m2": cleared, "area_reduced_m2": reduced, "area_cancelled_m2": 0,
                "clearance_depth_cm": 30 if activity == "CLEARANCE" else None,
                "items": items, "notes": rnd.choice(KHMER_NOTES),
            })
    return {"format": "safeland/1", "sites": SITES, "reports": reports}


def fill(db: Database) -> tuple[int, int]:
    """Fill an empty database; returns (sites, reports). Signs all but the last days' reports,
    in the same transaction as the import: the demo is written whole or not at all."""
    from sqlalchemy import func, select

    from ..models import Report, Site
    from .transfer import import_in_session

    doc = build_document()
    last_days = [d for d in _work_days()[-DRAFT_DAYS:]]
    with db.session(write=True) as s:
        if s.scalar(select(func.count()).select_from(Site)):
            raise services.Invalid([services.Issue(
                (), "not_empty", "the database already holds data; demo needs an empty one")])
        import_in_session(s, doc)
        to_sign = list(s.scalars(select(Report.id).where(Report.date.not_in(last_days))
                                 .order_by(Report.date)))
        services.sign_in_session(s, to_sign)
    return len(doc["sites"]), len(doc["reports"])
