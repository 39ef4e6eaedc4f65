"""Site totals are kept per site by the database (migration 0004: tables written by triggers on
reports and report_items). Whatever wrote the reports (the demo, import's executemany, a draft
saved, moved to another site, signed, amended, deleted, raw SQL as the benches write, a
cascaded delete), the totals the site page and the sheet show are the totals of the site's
reports and items counted from scratch, and a site whose reports are all gone shows nothing
released."""
from __future__ import annotations

import json
import random
import sqlite3
import uuid

import pytest

from app.domain import queries, services
from app.domain.transfer import export_document, import_document
from tests.helpers.kept_totals import assert_kept_totals_right

SITE, OTHER = "BS/CHA/CMAA/40117", "BS/CHA/CMAA/71408"


def _item(category: str = "AP_MINE", model: str = "Type 69", quantity: int = 1,
          disposal: str = "DESTROYED_IN_SITU", lat: float = 12.6101) -> dict:
    return {"category": category, "model": model, "quantity": quantity, "condition": "POOR",
            "depth_cm": 15, "disposal": disposal, "lat": lat, "lon": 102.8550}


def _draft(**over) -> dict:
    rep = {"site_reference": SITE, "date": "2025-06-02", "activity": "CLEARANCE",
           "assets": ["MANUAL"], "team": "DU2-MDT-07", "team_leader": "Heng Dara",
           "personnel": 14, "hours_worked": 7, "area_cleared_m2": 600, "clearance_depth_cm": 30,
           "items": [_item()], "notes": "ក្រុមបានធ្វើការតាមផែនការ"}
    rep.update(over)
    return rep


@pytest.fixture
def site_db(db, demo_doc):
    import_document(db, {"format": "safeland/1", "sites": demo_doc["sites"]})
    return db


def test_kept_totals_follow_every_write_path(demo_db):
    db = demo_db
    assert assert_kept_totals_right(db) == 4  # the demo: import's executemany, then signing

    # Import: a new report (executemany) and a new copy of a saved draft (written in place).
    drafts = [r for r in export_document(db)["reports"] if r["status"] == "DRAFT"]
    with_items = [r for r in drafts if r["items"]]
    copy = dict(with_items[0], team="DU4-MDT-99", area_cleared_m2=with_items[0]["area_cleared_m2"] + 37,
                items=[dict(with_items[0]["items"][0], quantity=3, disposal="HANDED_OVER")])
    result = import_document(db, {"format": "safeland/1", "sites": [], "reports": [
        copy, _draft(date="2025-06-01", area_reduced_m2=75)]}, accept_warnings=True)
    assert (result.reports_created, result.reports_updated) == (1, 1)
    assert_kept_totals_right(db)

    # A draft saved, then moved to another site, day and team, with other areas and items.
    rid, _ = services.save_draft(db, _draft(), accept_warnings=True)
    services.save_draft(db, _draft(id=rid, site_reference=OTHER, date="2025-06-04", team="DU4-TS-2",
                                   area_cleared_m2=0, area_reduced_m2=250, clearance_depth_cm=30,
                                   items=[_item("UXO", "82 mm mortar", 2, "HANDED_OVER"),
                                          _item("AT_MINE", "TM-46", 1, lat=12.6105)]),
                        accept_warnings=True)
    assert_kept_totals_right(db)

    # Signed, then amended back to the first site with fewer devices.
    services.sign(db, [rid])
    services.amend(db, rid, _draft(area_cleared_m2=90, items=[_item(quantity=4)]),
                   "entered under the wrong site", accept_warnings=True)
    services.save_and_sign(db, _draft(date="2025-06-03", team="DU2-MDT-08"), accept_warnings=True)
    assert_kept_totals_right(db)

    # A draft deleted: its items go with it.
    services.delete_draft(db, with_items[1]["id"])
    assert queries.get_report(db, with_items[1]["id"]) is None
    assert assert_kept_totals_right(db) == 4


def _raw(con: sqlite3.Connection, rnd: random.Random, sites: list[str]) -> None:
    """One write as raw SQL would do it (the benches, a repair by hand): a report with items
    inserted, a report's site, day, team or area changed, an item changed or deleted, or a
    report deleted with its items (the foreign key's cascade)."""
    reports = [r for (r,) in con.execute("SELECT id FROM reports ORDER BY random() LIMIT 1")]
    items = [i for (i,) in con.execute("SELECT id FROM report_items ORDER BY random() LIMIT 1")]
    kind = rnd.choice(["insert"] * 4 + ["move", "edit", "item", "drop_item", "delete"])
    if kind == "insert" or not reports:
        rid, site = str(uuid.uuid4()), rnd.choice(sites)
        con.execute(
            "INSERT INTO reports (id, site_id, date, activity, assets, team, team_leader, personnel,"
            " hours_worked, area_cleared_m2, area_reduced_m2, area_cancelled_m2, notes, status,"
            " revision, own, created_at, updated_at) VALUES (?, ?, ?, 'CLEARANCE', ?, ?, 'Sok', 8,"
            " 7, ?, ?, 0.5, '', ?, 0, 1, '2025-01-01 00:00:00', '2025-01-01 00:00:00')",
            (rid, site, f"2025-03-{rnd.randint(1, 9):02d}", json.dumps(["MANUAL"]),
             f"T{rnd.randint(1, 3)}", rnd.randrange(0, 900, 10), rnd.choice((0, 12.5)),
             rnd.choice(("DRAFT", "SIGNED", "REJECTED"))))
        con.executemany(
            "INSERT INTO report_items (id, report_id, site_id, position, category, model, quantity,"
            " condition, disposal) VALUES (?, ?, ?, ?, ?, ?, ?, 'POOR', ?)",
            [(str(uuid.uuid4()), rid, site, k, *rnd.choice((("AP_MINE", "PMN-2"), ("UXO", "60 mm"))),
              rnd.randint(1, 3), rnd.choice(("DESTROYED_IN_SITU", "HANDED_OVER")))
             for k in range(rnd.randint(0, 3))])
    elif kind == "move":
        site = rnd.choice(sites)
        con.execute("UPDATE reports SET site_id = ? WHERE id = ?", (site, reports[0]))
        con.execute("UPDATE report_items SET site_id = ? WHERE report_id = ?", (site, reports[0]))
    elif kind == "edit":
        con.execute("UPDATE reports SET date = ?, team = ?, area_cleared_m2 = area_cleared_m2 + 5"
                    " WHERE id = ?", (f"2025-03-{rnd.randint(1, 9):02d}", f"T{rnd.randint(1, 3)}",
                                      reports[0]))
    elif kind == "item" and items:
        con.execute("UPDATE report_items SET quantity = quantity + 1, disposal = ? WHERE id = ?",
                    (rnd.choice(("DESTROYED_IN_SITU", "LEFT_MARKED")), items[0]))
    elif kind == "drop_item" and items:
        con.execute("DELETE FROM report_items WHERE id = ?", (items[0],))
    else:
        con.execute("DELETE FROM reports WHERE id = ?", (reports[0],))


def test_kept_totals_follow_raw_sql_and_cascaded_deletes(demo_db):
    db = demo_db
    con = sqlite3.connect(db.path, isolation_level=None)
    con.execute("PRAGMA foreign_keys = ON")
    sites = [s for (s,) in con.execute("SELECT id FROM sites ORDER BY reference")]
    rnd = random.Random(14)
    for n in range(400):
        con.execute("BEGIN")
        _raw(con, rnd, sites)
        con.execute("COMMIT" if n % 7 else "ROLLBACK")  # a rolled-back write leaves no trace
    assert_kept_totals_right(db)

    # Every report of one site deleted: nothing released, no days, no teams, no devices.
    con.execute("DELETE FROM reports WHERE site_id = ?", (sites[0],))
    con.close()
    totals = queries.site_totals(db, sites[0])
    assert (totals.reports, totals.released_m2, totals.days_worked, totals.teams, totals.devices,
            totals.first_date) == (0, 0.0, 0, (), (), None)
    assert assert_kept_totals_right(db) == 4


def test_released_so_far_leaves_out_the_report_being_saved(site_db):
    """The area rule's "released so far" comes from the kept totals less the saved copy of the
    report being saved: filling the site exactly to its area, and saving that draft again, asks
    nothing; a square metre more does."""
    school = "BS/SHA/CMAA/48822"  # 12,000 m²
    services.save_draft(site_db, _draft(site_reference=school, area_cleared_m2=6000, items=[]))
    rid, _ = services.save_draft(site_db, _draft(site_reference=school, date="2025-06-03",
                                                 area_cleared_m2=6000, items=[]))
    assert queries.site_facts(site_db, school, rid).released_m2_others == 6000
    services.save_draft(site_db, _draft(id=rid, site_reference=school, date="2025-06-03",
                                        area_cleared_m2=6000, items=[], personnel=12))
    with pytest.raises(services.NeedsConfirmation) as exc:
        services.save_draft(site_db, _draft(id=rid, site_reference=school, date="2025-06-03",
                                            area_cleared_m2=6001, items=[]))
    assert [i.code for i in exc.value.issues] == ["released_exceeds_area"]
