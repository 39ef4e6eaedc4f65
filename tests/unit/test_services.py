"""The services a team leader's actions go through: drafts, signing, amending, totals."""
from __future__ import annotations

import copy
import json

import pytest
from sqlalchemy import func, select

from app.domain import queries, services
from app.domain.services import Invalid, NeedsConfirmation
from app.domain.transfer import export_document, import_document
from app.models import OutboxEntry, Report, ReportRevision
from app.store import outbox
from app.store.outbox import OutboxState
from safeland_core.records import revision_hash

SITE = "BS/CHA/CMAA/40117"


def _draft(**over) -> dict:
    rep = {
        "site_reference": SITE, "date": "2025-06-02", "activity": "CLEARANCE",
        "assets": ["MANUAL"], "team": "DU2-MDT-07", "team_leader": "Heng Dara",
        "personnel": 14, "hours_worked": 7, "area_cleared_m2": 600, "clearance_depth_cm": 30,
        "items": [{"category": "AP_MINE", "model": "Type 69", "quantity": 1, "condition": "POOR",
                   "depth_cm": 15, "disposal": "DESTROYED_IN_SITU", "lat": 12.6101, "lon": 102.8550}],
        "notes": "ក្រុមបានធ្វើការតាមផែនការ",
    }
    rep.update(over)
    return rep


@pytest.fixture
def site_db(db, demo_doc):
    import_document(db, {"format": "safeland/1", "sites": demo_doc["sites"]})
    return db


def _outbox(db) -> list[OutboxEntry]:
    with db.session() as s:
        return list(s.scalars(select(OutboxEntry).order_by(OutboxEntry.seq)))


def test_draft_saved_then_edited_in_place(site_db):
    rid, changes = services.save_draft(site_db, _draft())
    assert changes.reports and changes.report_ids == (rid,)
    services.save_draft(site_db, _draft(id=rid, personnel=9, items=[]))
    rep = queries.get_report(site_db, rid)
    assert rep.personnel == 9 and rep.items == [] and rep.status == "DRAFT"
    assert queries.count_reports(site_db) == 1
    assert _outbox(site_db) == []  # drafts never go to HQ


def test_invalid_draft_writes_nothing(site_db):
    with pytest.raises(Invalid) as exc:
        services.save_draft(site_db, _draft(personnel=0, clearance_depth_cm=None))
    assert {i.path for i in exc.value.issues} == {"personnel"}
    with pytest.raises(Invalid) as exc:
        services.save_draft(site_db, _draft(clearance_depth_cm=None))
    assert [i.code for i in exc.value.issues] == ["clearance_depth_required"]
    assert queries.count_reports(site_db) == 0


def test_warning_needs_confirmation_then_saves(site_db):
    big = _draft(area_cleared_m2=40_000)  # the site is 35,000 m²
    with pytest.raises(NeedsConfirmation) as exc:
        services.save_draft(site_db, big)
    assert exc.value.issues[0].code == "released_exceeds_area"
    assert queries.count_reports(site_db) == 0
    services.save_draft(site_db, big, accept_warnings=True)
    assert queries.count_reports(site_db) == 1


def test_sign_freezes_and_queues_in_one_transaction(site_db):
    rid, _ = services.save_draft(site_db, _draft())
    changes = services.sign(site_db, [rid])
    assert changes.outbox and changes.report_ids == (rid,)
    rep = queries.get_report(site_db, rid)
    assert rep.status == "SIGNED" and rep.revision == 1 and rep.hash
    [entry] = _outbox(site_db)
    assert (entry.record_id, entry.revision, entry.state) == (rid, 1, "PENDING")
    assert entry.payload["hash"] == rep.hash and entry.payload["items"][0]["model"] == "Type 69"
    with pytest.raises(Invalid) as exc:
        services.save_draft(site_db, _draft(id=rid, personnel=3))
    assert exc.value.issues[0].code == "signed_frozen"
    with pytest.raises(Invalid):
        services.delete_draft(site_db, rid)
    with pytest.raises(Invalid) as exc:
        services.sign(site_db, [rid])
    assert exc.value.issues[0].code == "already_signed"


def test_sign_is_all_or_nothing(site_db):
    good, _ = services.save_draft(site_db, _draft())
    with pytest.raises(Invalid):
        services.sign(site_db, [good, "no-such-report"])
    assert queries.get_report(site_db, good).status == "DRAFT"
    assert _outbox(site_db) == []


def test_amend_keeps_history_and_chains_hashes(site_db):
    rid, _ = services.save_draft(site_db, _draft())
    services.sign(site_db, [rid])
    with pytest.raises(Invalid) as exc:
        services.amend(site_db, rid, _draft(personnel=12), reason=" ")
    assert exc.value.issues[0].code == "reason_required"
    with pytest.raises(Invalid) as exc:
        services.amend(site_db, rid, _draft(), reason="no change")
    assert exc.value.issues[0].code == "amend_no_change"
    services.amend(site_db, rid, _draft(personnel=12), reason="two deminers were counted twice")
    rep = queries.get_report(site_db, rid)
    assert (rep.revision, rep.personnel, rep.amend_reason) == (2, 12, "two deminers were counted twice")
    history = queries.report_history(site_db, rid)
    assert [h.revision for h in history] == [1, 2]
    assert history[0].content["personnel"] == 14  # the previous revision stays readable
    assert history[1].prev_hash == history[0].hash
    # Tamper-evident: each hash is recomputable from the content and the previous hash.
    for h in history:
        assert revision_hash(dict(h.content), h.prev_hash) == h.hash
    assert [(e.revision, e.state) for e in _outbox(site_db)] == [(1, "PENDING"), (2, "PENDING")]


def test_draft_can_be_deleted(site_db):
    rid, _ = services.save_draft(site_db, _draft())
    services.delete_draft(site_db, rid)
    assert queries.get_report(site_db, rid) is None


def test_site_totals(demo_db):
    site = queries.get_site(demo_db, "BS/CHA/CMAA/60222")
    totals = queries.site_totals(demo_db, str(site.id))
    doc = export_document(demo_db)
    mine = [r for r in doc["reports"] if r["site_reference"] == site.reference]
    assert totals.cleared_m2 == sum(r["area_cleared_m2"] for r in mine)
    assert totals.reports == len(mine) and totals.days_worked == len({r["date"] for r in mine})
    assert set(totals.teams) == {"DU5-EOD-1", "DU5-MDT-02"}
    blu = next(d for d in totals.devices if d.model == "BLU-24/B")
    assert blu.category == "SUBMUNITION" and blu.quantity >= 121
    assert "DESTROYED_IN_SITU" in blu.disposals
    # The polygon of 60222 is measured by bearing and distance; its area is computed.
    assert 20_000 < totals.area_m2 < 30_000
    assert totals.remaining_m2 == pytest.approx(totals.area_m2 - totals.released_m2)
    assert 0 < totals.percent_released < 100


def test_bearing_distance_points_are_computed(db, demo_doc):
    import_document(db, {"format": "safeland/1", "sites": demo_doc["sites"][:1]})
    site = queries.get_site(db, "BS/CHA/CMAA/60222")
    ref, bench = site.points[0], site.points[1]
    assert bench.bearing_deg == 118 and bench.distance_m == 240
    from safeland_core.geo import bearing_distance

    bearing, dist = bearing_distance(ref.lat, ref.lon, bench.lat, bench.lon)
    assert bearing == pytest.approx(118, abs=0.01) and dist == pytest.approx(240, abs=0.05)


def test_status_counts(demo_db):
    counts = queries.status_counts(demo_db)
    assert counts.drafts == 10 and counts.waiting == 90 and counts.synced == 0
    assert json.loads(json.dumps(counts.as_json()))["signed_waiting"] == 90


def test_reports_page_and_filter(demo_db):
    site = queries.get_site(demo_db, SITE)
    f = queries.ReportFilter(site_id=str(site.id), status="DRAFT")
    assert queries.count_reports(demo_db, f) == 2
    rows = queries.page_reports(demo_db, f, sort="date", descending=False)
    assert [r.site_reference for r in rows] == [SITE, SITE]
    assert rows[0].date <= rows[1].date


def test_teams_and_counts_over_every_report(demo_db):
    with demo_db.session() as s:
        expected = sorted(set(s.scalars(select(Report.team))))
        total = s.scalar(select(func.count()).select_from(Report))
    assert len(expected) > 1 and queries.teams(demo_db) == expected  # each once, in order
    assert queries.count_reports(demo_db) == total == 100
    assert queries.count_reports(demo_db, queries.ReportFilter(team=expected[0])) < total


def test_an_empty_database_has_no_teams(db):
    assert queries.teams(db) == [] and queries.count_reports(db) == 0


def test_import_no_op_and_draft_update(db, demo_doc):
    first = import_document(db, demo_doc)
    assert (first.sites_created, first.reports_created) == (5, 100)
    again = import_document(db, copy.deepcopy(demo_doc))
    assert again.reports_created == 0 and again.reports_updated == 0 and again.unchanged == 105
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Report)) == 100
        assert s.scalar(select(func.count()).select_from(ReportRevision)) == 0


def test_save_and_sign_is_one_step(site_db):
    rid, changes = services.save_and_sign(site_db, _draft())
    assert changes.outbox and queries.get_report(site_db, rid).status == "SIGNED"
    assert [(e.record_id, e.revision) for e in _outbox(site_db)] == [(rid, 1)]
    with pytest.raises(Invalid):  # invalid: neither saved nor signed
        services.save_and_sign(site_db, _draft(personnel=0))
    assert queries.count_reports(site_db) == 1


def test_an_id_in_capitals_is_the_same_report(db, demo_doc):
    import uuid

    rid = str(uuid.uuid4())
    demo_doc["reports"][5]["id"] = rid
    import_document(db, demo_doc)
    demo_doc["reports"][5]["id"] = rid.upper()
    again = import_document(db, demo_doc)
    assert again.reports_created == 0 and queries.count_reports(db) == 100
    # Saved again under its id in capitals: the same draft, and its own saved area is not
    # counted beside the new one (which brings the site exactly to its area: no warning).
    facts = queries.site_facts(db, demo_doc["reports"][5]["site_reference"], rid)
    fill_up = facts.area_m2 - facts.released_m2_others
    rid2, _ = services.save_draft(db, dict(demo_doc["reports"][5], id=rid.upper(), personnel=3,
                                           area_cleared_m2=fill_up))
    assert rid2 == rid and queries.get_report(db, rid).personnel == 3


def test_a_refusal_stops_counting_once_amended(site_db):
    """`status` counts refused reports still to correct, not every refusal ever made."""
    rid, _ = services.save_and_sign(site_db, _draft())
    with site_db.session(write=True) as s:  # as HQ's explicit refusal leaves it
        entry = s.scalar(select(OutboxEntry).where(OutboxEntry.record_id == rid))
        outbox.mark(s, [(entry.seq, OutboxState.REFUSED, "site_not_in_unit", "not DU2's")])
    assert queries.status_counts(site_db).refused == 1
    services.amend(site_db, rid, _draft(personnel=9), reason="moved to the right site")
    counts = queries.status_counts(site_db)
    assert (counts.refused, counts.waiting) == (0, 1)
