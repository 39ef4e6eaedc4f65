"""Reports whose national figures are known by hand (tests of hq/totals.py and hq/exports.py).

Sites (demo_sites, with two units): BS/CHA/CMAA/60222 (province 16, contamination CLUSTER and
UXO, unit DU5), BS/CHA/CMAA/71408 (province 17, AP_MINE, unit DU4), and the others of DU4.

    report  site   date        activity   areas (cancel/reduce/clear)  items            state
    A       71408  2025-05-12  CLEARANCE  0/0/1000                     2 PMN-2 destroyed ACCEPTED
    B       71408  2025-05-12  TECH SURV  0/3000/0 (same team, day)    -                ACCEPTED
    C       60222  2025-06-03  NTS        20000/0/0                    -                ACCEPTED
    D       60222  2025-06-04  CLEARANCE  rev1 0/0/500 ACCEPTED, rev2 0/0/800 RECEIVED (amended)
    E       71408  2025-06-05  CLEARANCE  rev1 0/0/700 RETURNED, rev2 0/0/900 ACCEPTED
                                          + 1 TM-46 handed over, 3 BLU-24/B destroyed
    F       71408  2025-06-06  CLEARANCE  0/0/5000                                      REJECTED
    G       60222  2026-01-10  CLEARANCE  0/0/250                                       RECEIVED

Accepted: A, B, C, D@1, E@2 -> cancelled 20000, reduced 3000, cleared 1000+500+900 = 2400.
Still to review (latest RECEIVED): D@2 (800 cleared), G (250 cleared).
"""
from __future__ import annotations

import datetime as dt
import uuid

from tests.helpers.synchq import demo_sites, import_sites

PW = "correct horse battery staple"
LONG_NOTE = ("ស្រែ​ខាង​ជើង​ភូមិ " * 30) + "end of the long note."  # well over 255 characters

IDS = {k: str(uuid.UUID(int=n + 1)) for n, k in enumerate("ABCDEFG")}
TEAM_DU4, TEAM_DU5 = "DU4-MDT-1", "DU5-EOD-1"


def _report(key: str, site: str, date: str, activity: str, team: str, areas=(0, 0, 0),
            items=(), revision: int = 1, notes: str = "") -> dict:
    cancel, reduce, clear = areas
    return {"id": IDS[key], "site_reference": site, "date": date, "activity": activity,
            "assets": ["MANUAL"], "team": team, "team_leader": "Heng Dara", "personnel": 8,
            "hours_worked": 7, "area_cleared_m2": clear, "area_reduced_m2": reduce,
            "area_cancelled_m2": cancel, "clearance_depth_cm": None, "items": list(items),
            "notes": notes, "status": "SIGNED", "revision": revision,
            "signed_at": f"{date}T10:00:00", "hash": f"{key}{revision}".ljust(64, "0")}


def _item(category, model, qty, disposal, lat=13.1, lon=103.2):
    return {"category": category, "model": model, "quantity": qty, "condition": "POOR",
            "depth_cm": 10, "disposal": disposal, "lat": lat, "lon": lon}


S71408, S60222 = "BS/CHA/CMAA/71408", "BS/CHA/CMAA/60222"

REVISIONS = [
    ("A", _report("A", S71408, "2025-05-12", "CLEARANCE", TEAM_DU4, (0, 0, 1000),
                  [_item("AP_MINE", "PMN-2", 2, "DESTROYED_IN_SITU")], notes=LONG_NOTE), "ACCEPTED"),
    ("B", _report("B", S71408, "2025-05-12", "TECHNICAL_SURVEY", TEAM_DU4, (0, 3000, 0)), "ACCEPTED"),
    ("C", _report("C", S60222, "2025-06-03", "NON_TECHNICAL_SURVEY", TEAM_DU5, (20000, 0, 0),
                  notes="ការស្ទង់មិនប្រើបច្ចេកទេស"), "ACCEPTED"),
    ("D", _report("D", S60222, "2025-06-04", "CLEARANCE", TEAM_DU5, (0, 0, 500)), "ACCEPTED"),
    ("D", _report("D", S60222, "2025-06-04", "CLEARANCE", TEAM_DU5, (0, 0, 800), revision=2), None),
    ("E", _report("E", S71408, "2025-06-05", "CLEARANCE", TEAM_DU4, (0, 0, 700)), "RETURNED"),
    ("E", _report("E", S71408, "2025-06-05", "CLEARANCE", TEAM_DU4, (0, 0, 900),
                  [_item("AT_MINE", "TM-46", 1, "HANDED_OVER"),
                   _item("SUBMUNITION", "BLU-24/B", 3, "DESTROYED_AT_DEMOLITION_SITE")],
                  revision=2), "ACCEPTED"),
    ("F", _report("F", S71408, "2025-06-06", "CLEARANCE", TEAM_DU4, (0, 0, 5000)), "REJECTED"),
    ("G", _report("G", S60222, "2026-01-10", "CLEARANCE", TEAM_DU5, (0, 0, 250)), None),
]


def build(hq_db):
    """Write the table above into HQ (sites, revisions, decisions); returns the reviewer."""
    from hq import review, store, users

    import_sites(hq_db, demo_sites("DU4", {S60222: "DU5"}))
    reviewer = users.add_user(hq_db, "sokha", "reviewer", PW)
    now = dt.datetime(2026, 1, 20, 8, 0)
    for key, record, decision in REVISIONS:
        with hq_db.session(write=True) as s:
            store.add_report_revisions(s, [{
                "record_id": record["id"], "revision": record["revision"],
                "site_reference": record["site_reference"], "device_id": None, "seq": None,
                "record": record, "hash": record["hash"], "status": "RECEIVED",
                "source": "import", "received_at": now}])
        if decision:
            reason = None if decision == "ACCEPTED" else f"{decision.lower()} report {key}"
            review.decide(hq_db, record["id"], decision, reason, reviewer, record["revision"])
    return reviewer
