"""Data for the national benches (bench_hq_totals, bench_hq_export): an HQ database holding N
reports over 240 sites in 24 provinces and 12 units, 2023-2025, written through hq/store.py in
chunks. Like the real mix: most accepted, some still to review, some amended (two revisions),
a few rejected; a third carry devices found. PostgreSQL when SAFELAND_BENCH_PG_URL (or
SAFELAND_TEST_PG_URL) is set, in a fresh schema dropped afterwards; SQLite otherwise.
"""
from __future__ import annotations

import datetime as dt
import os
import random
import uuid
from collections.abc import Callable
from pathlib import Path

PG_ENVS = ("SAFELAND_BENCH_PG_URL", "SAFELAND_TEST_PG_URL")
ACTIVITIES = ("CLEARANCE", "TECHNICAL_SURVEY", "NON_TECHNICAL_SURVEY", "EOD_SPOT_TASK")
NOTES = ("ដីស្រែ​ខាង​ជើង​ភូមិ។ Lane 3 marked.", "", "Heavy rain after 14:00; work stopped early.")


def database(workdir: Path, name: str) -> tuple[str, str, Callable[[], None]]:
    """(url, backend, cleanup) of a fresh HQ database."""
    pg = next((os.environ[e] for e in PG_ENVS if os.environ.get(e)), None)
    if not pg:
        return f"sqlite:///{workdir / (name + '.db')}", "sqlite", lambda: None
    import psycopg

    pg = pg.replace("postgresql+psycopg://", "postgresql://")
    schema = f"bench_{name}_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(pg, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')

    def drop() -> None:
        with psycopg.connect(pg, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')

    sep = "&" if "?" in pg else "?"
    return f"{pg}{sep}options=-csearch_path%3D{schema}", "postgresql", drop


def _site(n: int, rnd: random.Random) -> dict:
    province = f"{1 + n % 24:02d}"
    lat, lon = 10.8 + rnd.random() * 3.6, 102.6 + rnd.random() * 4.6
    d = 0.002
    return {"id": str(uuid.UUID(int=n + 1)), "reference": f"BS/CHA/CMAA/{10000 + n}",
            "name": f"Site {n}", "hazard_type": "CHA",
            "contamination": ["CLUSTER", "UXO"] if n % 5 == 0 else ["AP_MINE"],
            "status": ("OPEN", "IN_PROGRESS", "COMPLETED")[n % 3], "operator": "CMAC",
            "unit": f"DU{1 + n % 12}", "province_code": province, "district_code": None,
            "commune_code": None, "village_code": None, "area_m2": 40000,
            "intended_land_use": "AGRICULTURE",
            "points": [{"type": "START", "seq": 1, "lat": lat, "lon": lon},
                       {"type": "TURNING", "seq": 2, "lat": lat, "lon": lon + d},
                       {"type": "TURNING", "seq": 3, "lat": lat - d, "lon": lon + d},
                       {"type": "END", "seq": 4, "lat": lat - d, "lon": lon},
                       {"type": "EVIDENCE", "lat": lat - d / 2, "lon": lon + d / 2}],
            "owner": "HQ", "created_at": "2023-01-01T00:00:00", "updated_at": "2023-01-01T00:00:00"}


def fill(db, reports: int, seed: int = 13) -> None:  # noqa: ANN001 - an HQDatabase
    """Write 240 sites and `reports` reports (about 4% more revisions: amendments)."""
    from hq import store
    from hq.models import Site

    rnd = random.Random(seed)
    sites = [_site(n, rnd) for n in range(240)]
    now = dt.datetime(2026, 1, 1)
    with db.session(write=True) as s:
        for n, rec in enumerate(sites):
            s.add(Site(id=rec["id"], reference=rec["reference"], operator="CMAC", unit=rec["unit"],
                       record=rec, area_m2=rec["area_m2"], change_no=n + 1, updated_at=now))
    start = dt.date(2023, 1, 1)
    batch: list[dict] = []
    for n in range(reports):
        site = sites[n % len(sites)]
        day = start + dt.timedelta(days=rnd.randrange(0, 3 * 365))
        activity = ACTIVITIES[rnd.randrange(4)]
        worked = rnd.randrange(100, 3000, 10)
        items = [{"category": "AP_MINE", "model": rnd.choice(("PMN-2", "Type 72A", "MD-82B")),
                  "quantity": rnd.randint(1, 3), "condition": "POOR", "depth_cm": 10,
                  "disposal": rnd.choice(("DESTROYED_IN_SITU", "HANDED_OVER")),
                  "lat": site["points"][0]["lat"] - 0.0005, "lon": site["points"][0]["lon"] + 0.0005}
                 for _ in range(rnd.choice((0, 0, 1, 2)))]
        rid = str(uuid.UUID(int=10**9 + n))
        record = {"id": rid, "site_reference": site["reference"], "date": day.isoformat(),
                  "activity": activity, "assets": ["MANUAL"], "team": f"{site['unit']}-T{n % 7}",
                  "team_leader": "Heng Dara", "personnel": 8, "hours_worked": 7,
                  "area_cleared_m2": worked if activity == "CLEARANCE" else 0,
                  "area_reduced_m2": worked if activity == "TECHNICAL_SURVEY" else 0,
                  "area_cancelled_m2": worked * 5 if activity == "NON_TECHNICAL_SURVEY" else 0,
                  "clearance_depth_cm": None, "items": items, "notes": NOTES[n % 3],
                  "status": "SIGNED", "revision": 1, "signed_at": f"{day}T17:00:00",
                  "hash": uuid.UUID(int=n).hex * 2}
        roll = rnd.random()
        first = ("ACCEPTED" if roll < 0.80 else "RECEIVED" if roll < 0.90 else
                 "RETURNED" if roll < 0.96 else "REJECTED")
        batch.append(_row(record, first, now))
        if first == "RETURNED" or roll > 0.995:  # an amendment: accepted, or waiting
            amended = {**record, "revision": 2, "area_cleared_m2": record["area_cleared_m2"] + 10,
                       "hash": uuid.UUID(int=n).hex[::-1] * 2}
            batch.append(_row(amended, "ACCEPTED" if first == "RETURNED" else "RECEIVED", now))
        if len(batch) >= 5000:
            with db.session(write=True) as s:
                store.add_report_revisions(s, batch)
            batch = []
    if batch:
        with db.session(write=True) as s:
            store.add_report_revisions(s, batch)
    if not db.is_sqlite:
        from sqlalchemy import text

        with db.engine.connect() as conn:
            conn.execute(text("ANALYZE"))
            conn.commit()


def _row(record: dict, status: str, now: dt.datetime) -> dict:
    return {"record_id": record["id"], "revision": record["revision"],
            "site_reference": record["site_reference"], "device_id": None, "seq": None,
            "record": record, "hash": record["hash"], "status": status, "source": "import",
            "received_at": now}
