"""Sites found in the field, end to end against a real HQ over HTTP (issue 12, point 4): the
laptop proposes a site and writes reports on it, one sync carries both up, HQ holds the site
PROPOSED with its reports, a reviewer confirms it under the national reference (or returns it),
the next sync brings the decision down, and the reports follow the site by its id."""
from __future__ import annotations

import datetime as dt
import gzip
import json
import subprocess
import sys

import httpx
import pytest
from sqlalchemy import select

from tests.helpers.synchq import enroll

UNIT = "DU4"
NATIONAL = "BS/CHA/CMAA/77001"


def _site(name: str = "Phnom Kulen stream bank", lat: float = 13.60) -> dict:
    """A new hazardous area found by survey in Siem Reap (Banteay Srei), away from any other."""
    return {"name": name, "hazard_type": "SHA", "contamination": ["AP_MINE"],
            "province_code": "17", "district_code": "1701", "intended_land_use": "AGRICULTURE",
            "points": [{"type": "BENCHMARK", "lat": lat - 0.001, "lon": 104.0},
                       {"type": "TURNING", "seq": 1, "lat": lat, "lon": 104.0},
                       {"type": "TURNING", "seq": 2, "bearing_deg": 90, "distance_m": 120},
                       {"type": "TURNING", "seq": 3, "bearing_deg": 180, "distance_m": 80},
                       {"type": "TURNING", "seq": 4, "bearing_deg": 270, "distance_m": 120}]}


def _report(reference: str, day: int, cleared: float = 100) -> dict:
    return {"site_reference": reference, "date": (dt.date(2025, 5, 1) + dt.timedelta(days=day))
            .isoformat(), "activity": "NON_TECHNICAL_SURVEY", "assets": ["MANUAL"],
            "team": "DU4-NTS-1", "team_leader": "Sok Dara", "personnel": 4, "hours_worked": 6,
            "area_cancelled_m2": cleared}


@pytest.fixture
def laptop(db, hq, hq_db):
    """An empty laptop of CMAC/DU4, enrolled with HQ (HQ holds no site at all)."""
    from app.domain import services

    services.save_profile(db, "CMAC", UNIT, "DU4-NTS-1", "Sok Dara")
    enroll(db, hq_db, hq.url, unit=UNIT)
    return db


@pytest.fixture
def reviewer(hq_db):
    from hq.users import add_user

    return add_user(hq_db, "chenda", "reviewer", "long enough password", None)


def _propose(db, **site) -> tuple[str, str]:
    from app.domain.proposals import propose_sites
    from app.domain.queries import get_site

    ids, _ = propose_sites(db, {"format": "safeland/1", "sites": [_site(**site)]})
    found = get_site(db, ids[0])
    assert found is not None
    return ids[0], found.reference


def _sign(db, reference: str, day: int) -> str:
    from app.domain import services

    rid, _ = services.save_and_sign(db, _report(reference, day))
    return rid


def _sync(db):
    from app.sync.api import run_sync

    out = run_sync(db)
    assert out.ok, out.message
    return out


def _hq_site(hq_db, site_id: str):
    from hq.models import Site

    with hq_db.session() as s:
        return s.get(Site, site_id)


def _hq_filing(hq_db) -> dict[str, str]:
    """record id -> the reference HQ files it under, for every revision HQ holds."""
    from hq.models import Report

    with hq_db.session() as s:
        return {rid: ref for rid, ref in s.execute(select(Report.record_id, Report.site_reference))}


def _laptop_site(db, site_id: str):
    from app.models import Site

    with db.session() as s:
        return s.get(Site, site_id)


def _outbox(db) -> list[tuple[int, str, str, int, str]]:
    from app.models import OutboxEntry

    with db.session() as s:
        return [tuple(r) for r in s.execute(select(
            OutboxEntry.seq, OutboxEntry.record_type, OutboxEntry.record_id, OutboxEntry.revision,
            OutboxEntry.state).order_by(OutboxEntry.seq))]


def test_proposed_site_confirmed_and_its_reports_follow_it(laptop, hq_db, reviewer):
    from hq.proposals import confirm

    site_id, provisional = _propose(laptop)
    assert provisional.startswith("PROV-DU4-") and provisional.endswith(site_id[:8].upper())
    first, second = _sign(laptop, provisional, 1), _sign(laptop, provisional, 2)
    # The site is queued ahead of the first report that uses it.
    kinds = [(kind, rid) for _seq, kind, rid, _rev, _st in _outbox(laptop)]
    assert kinds == [("site", site_id), ("report", first), ("report", second)]

    out = _sync(laptop)  # one sync carries the proposal and both reports
    assert out.pushed == 3 and out.refused == 0
    # The team leader is told two reports and one new site went, not "3 reports sent".
    assert (out.reports_sent, out.sites_sent) == (2, 1)
    assert "2 reports sent" in out.message and "1 new site sent for HQ to confirm" in out.message
    held = _hq_site(hq_db, site_id)
    assert (held.proposal_state, held.reference, held.unit) == ("PROPOSED", provisional, UNIT)
    assert held.provisional_reference == provisional and held.record["owner"] == "DEVICE"
    assert _hq_filing(hq_db) == {first: provisional, second: provisional}
    assert {st for *_x, st in _outbox(laptop)} == {"APPLIED"}
    # A proposed site is not in anybody's feed yet: the laptop keeps it as its own.
    assert _laptop_site(laptop, site_id).owner == "DEVICE"

    done = confirm(hq_db, site_id, NATIONAL, reviewer)
    assert (done.reference, done.provisional_reference) == (NATIONAL, provisional)
    held = _hq_site(hq_db, site_id)
    assert (held.proposal_state, held.reference, held.record["owner"]) == ("CONFIRMED", NATIONAL, "HQ")
    assert _hq_filing(hq_db) == {first: NATIONAL, second: NATIONAL}  # filed with the site

    out = _sync(laptop)
    assert out.pulled_sites == 1
    mine = _laptop_site(laptop, site_id)  # the same row: same id
    assert (mine.reference, mine.owner, mine.proposal_state, mine.provisional_reference) == \
        (NATIONAL, "HQ", "CONFIRMED", provisional)
    from app.domain.queries import get_report

    for rid in (first, second):  # both reports stay with the site
        rep = get_report(laptop, rid)
        assert rep is not None and rep.site_reference == NATIONAL

    # A report signed after the confirmation goes up under the national reference, same site.
    third = _sign(laptop, NATIONAL, 3)
    out = _sync(laptop)
    assert out.pushed == 1
    assert _hq_filing(hq_db)[third] == NATIONAL
    from hq.models import Report

    with hq_db.session() as s:
        record = s.scalar(select(Report.record).where(Report.record_id == third))
    assert record["site_id"] == site_id and record["site_reference"] == NATIONAL


def test_report_signed_before_confirmation_sent_after_it_is_filed_on_the_site(
        laptop, hq_db, reviewer):
    """The outbox keeps the record as signed (provisional reference): HQ files it by site id."""
    from hq.proposals import confirm

    site_id, provisional = _propose(laptop)
    _sync(laptop)  # the proposal alone
    late = _sign(laptop, provisional, 4)  # signed on the laptop, not yet sent
    confirm(hq_db, site_id, NATIONAL, reviewer)
    out = _sync(laptop)  # pushes the report (provisional reference), then pulls the site
    assert out.pushed == 1 and out.refused == 0
    assert _hq_filing(hq_db)[late] == NATIONAL
    assert _laptop_site(laptop, site_id).reference == NATIONAL


def test_returned_site_comes_down_with_the_reason_and_is_proposed_again(laptop, hq_db, reviewer):
    from app.domain.proposals import propose_sites
    from hq.proposals import return_site

    site_id, provisional = _propose(laptop, name="Kbal Spean ridge", lat=13.70)
    report = _sign(laptop, provisional, 1)
    _sync(laptop)
    return_site(hq_db, site_id, "The polygon misses the eastern minefield marker; walk it again",
                reviewer)
    assert _hq_site(hq_db, site_id).proposal_state == "RETURNED"
    _sync(laptop)
    mine = _laptop_site(laptop, site_id)
    assert (mine.proposal_state, mine.owner) == ("RETURNED", "DEVICE")
    assert "eastern minefield marker" in mine.proposal_reason
    assert _hq_filing(hq_db)[report] == provisional  # the report stays at HQ, on the site

    # Corrected (a fifth turning point) and proposed again: the same site, its next proposal.
    corrected = dict(_site(name="Kbal Spean ridge", lat=13.70), id=site_id)
    corrected["points"] = corrected["points"] + [{"type": "TURNING", "seq": 5, "bearing_deg": 45,
                                                  "distance_m": 30}]
    propose_sites(laptop, {"format": "safeland/1", "sites": [corrected]})
    mine = _laptop_site(laptop, site_id)
    assert (mine.proposal_state, mine.proposal_reason, mine.reference) == ("PROPOSED", None, provisional)
    assert [(k, rev) for _s, k, rid, rev, _st in _outbox(laptop) if rid == site_id] == \
        [("site", 1), ("site", 2)]
    _sync(laptop)
    held = _hq_site(hq_db, site_id)
    assert (held.proposal_state, held.proposal_revision, held.proposal_reason) == ("PROPOSED", 2, None)
    assert len(held.record["points"]) == 6


def test_resending_a_batch_with_a_site_changes_nothing(laptop, hq, hq_db):
    """Exactly once: the same batch again gets the same answer, and HQ holds one site and one
    copy of each report."""
    from app.sync.outbox import Limits, next_batch
    from hq.models import Receipt, Report, Site

    site_id, provisional = _propose(laptop)
    _sign(laptop, provisional, 1)
    _sign(laptop, provisional, 2)
    with laptop.session() as s:
        from app.models import DeviceProfile

        prof = s.get(DeviceProfile, 1)
        device_id, token = prof.device_id, prof.device_token
    batch = next_batch(laptop, device_id, Limits())
    assert batch is not None
    doc = json.loads(gzip.decompress(batch.body))
    assert [e["type"] for e in doc["entries"]] == ["site", "report", "report"]
    assert doc["entries"][1]["record"]["site_id"] == site_id

    headers = {"Authorization": f"Bearer {token}", "Content-Encoding": "gzip",
               "Content-Type": "application/json", "Idempotency-Key": batch.batch_id}
    answers = [httpx.post(f"{hq.url}/api/v1/batches", content=batch.body, headers=headers).json()
               for _ in range(2)]
    assert answers[0] == answers[1]
    assert [r["status"] for r in answers[0]["results"]] == ["APPLIED"] * 3
    out = _sync(laptop)  # the laptop, which never saw the answers, sends the same entries again
    assert out.pushed == 3 and out.refused == 0
    with hq_db.session() as s:
        assert s.scalar(select(Site.proposal_revision).where(Site.id == site_id)) == 1
        assert len(list(s.scalars(select(Report.record_id)))) == 2
        assert len(list(s.scalars(select(Receipt.seq).where(Receipt.record_id == site_id)))) == 1
    assert {st for *_x, st in _outbox(laptop)} == {"APPLIED"}


def test_hq_refuses_a_proposal_for_another_unit_and_its_reports(laptop, hq, hq_db):
    """A laptop cannot propose for another unit: the site and the reports on it are parked."""
    from app.models import DeviceProfile

    with laptop.session(write=True) as s:
        s.get(DeviceProfile, 1).unit = "DU6"  # a laptop whose profile says another unit
    site_id, provisional = _propose(laptop)
    _sign(laptop, provisional, 1)
    from app.sync.api import run_sync

    out = run_sync(laptop)
    assert out.refused == 2 and out.pushed == 0
    from app.models import OutboxEntry

    with laptop.session() as s:
        codes = [c for c in s.scalars(select(OutboxEntry.refusal_code).order_by(OutboxEntry.seq))]
    assert codes == ["site_not_in_unit", "site_unknown"]
    assert _hq_site(hq_db, site_id) is None


def test_site_id_is_not_signed_and_an_old_laptops_record_is_filed_by_reference(
        laptop, hq, hq_db, reviewer):
    """An older laptop sends no `site_id`: the record still matches its hash (the field is not
    signed), and HQ files it by reference, the provisional one included once the site took
    the national reference."""
    from app.sync.outbox import Limits, next_batch
    from hq.proposals import confirm
    from safeland_core.records import hash_matches, revision_hash
    from safeland_core.schemas import ReportIn

    site_id, provisional = _propose(laptop)
    _sync(laptop)
    rid = _sign(laptop, provisional, 5)
    confirm(hq_db, site_id, NATIONAL, reviewer)
    with laptop.session() as s:
        from app.models import DeviceProfile

        prof = s.get(DeviceProfile, 1)
        device_id, token = prof.device_id, prof.device_token
    batch = next_batch(laptop, device_id, Limits())
    doc = json.loads(gzip.decompress(batch.body))
    [entry] = doc["entries"]
    record = entry["record"]
    assert record["site_id"] == site_id
    old = {k: v for k, v in record.items() if k != "site_id"}  # as an older build writes it
    assert revision_hash(old, old["prev_hash"]) == record["hash"] == revision_hash(record, None)
    assert hash_matches(ReportIn.model_validate(old))
    entry["record"] = old
    body = gzip.compress(json.dumps(doc).encode())
    answer = httpx.post(f"{hq.url}/api/v1/batches", content=body, headers={
        "Authorization": f"Bearer {token}", "Content-Encoding": "gzip",
        "Content-Type": "application/json", "Idempotency-Key": batch.batch_id}).json()
    assert [r["status"] for r in answer["results"]] == ["APPLIED"], answer
    assert _hq_filing(hq_db)[rid] == NATIONAL


def test_export_after_confirmation_imports_on_another_laptop(laptop, hq_db, reviewer, safeland,
                                                             tmp_path):
    """A laptop's export after HQ confirmed its site: each signed report is written as it was
    signed (the provisional reference, which its hash covers; `site_id` beside it), and another
    laptop imports the file whole, every report on the confirmed site, hashes kept. Importing
    the file back into the first laptop changes nothing."""
    from app.domain import services
    from hq.proposals import confirm
    from safeland_core.records import hash_matches
    from safeland_core.schemas import ReportIn

    site_id, provisional = _propose(laptop)
    before, amended = _sign(laptop, provisional, 1), _sign(laptop, provisional, 2)
    draft, _ = services.save_draft(laptop, _report(provisional, 3))
    _sync(laptop)
    confirm(hq_db, site_id, NATIONAL, reviewer)
    _sync(laptop)
    after = _sign(laptop, NATIONAL, 4)
    services.amend(laptop, amended, _report(NATIONAL, 2, cleared=150), "area re-measured")

    exported = tmp_path / "confirmed.json"
    assert safeland("export", "-o", str(exported)).code == 0
    doc = json.loads(exported.read_text(encoding="utf-8"))
    by_id = {r["id"]: r for r in doc["reports"]}
    # Signed before the confirmation: as signed. Signed or amended after it, and the draft:
    # the national reference. Every report names its site by id too.
    assert {rid: by_id[rid]["site_reference"] for rid in (before, amended, after, draft)} == \
        {before: provisional, amended: NATIONAL, after: NATIONAL, draft: NATIONAL}
    assert {r["site_id"] for r in doc["reports"]} == {site_id}
    assert by_id[amended]["revision"] == 2
    for rid in (before, amended, after):
        assert hash_matches(ReportIn.model_validate(by_id[rid])), rid
    (site,) = doc["sites"]
    assert (site["reference"], site["provisional_reference"]) == (NATIONAL, provisional)

    other = tmp_path / "other.db"
    res = safeland("import", str(exported), db=other)
    assert res.code == 0, res
    assert "4 reports created" in res.out
    again = tmp_path / "again.json"
    assert safeland("export", "-o", str(again), db=other).code == 0
    copy = json.loads(again.read_text(encoding="utf-8"))
    # The other laptop holds the same site and the same reports, each under the reference it
    # was signed with and the same hash, so its own export is the same file.
    assert copy["sites"][0]["reference"] == NATIONAL
    assert {r["id"]: (r["site_id"], r["site_reference"], r["hash"]) for r in copy["reports"]} == \
        {r["id"]: (r["site_id"], r["site_reference"], r["hash"]) for r in doc["reports"]}

    res = safeland("import", str(exported))
    assert res.code == 0, res
    assert "0 reports created, 0 updated" in res.out

    # A laptop that holds the site already takes the reports in a file of their own: the
    # report signed under the provisional reference is found by its site_id, or without one
    # (an older file) by the site's provisional reference.
    third = tmp_path / "third.db"
    sites_only, with_id, without_id = (tmp_path / f"{n}.json" for n in ("s", "a", "b"))
    sites_only.write_text(json.dumps({"format": "safeland/1", "sites": doc["sites"]}))
    with_id.write_text(json.dumps({"format": "safeland/1", "reports": [by_id[before]]}))
    bare = {k: v for k, v in by_id[amended].items() if k != "site_id"}
    without_id.write_text(json.dumps({"format": "safeland/1", "reports": [bare]}))
    assert safeland("import", str(sites_only), db=third).code == 0
    for path in (with_id, without_id):
        res = safeland("import", str(path), db=third)
        assert res.code == 0 and "1 reports created" in res.out, res  # the fixed summary line

    # Another HQ (`safeland-hq import` of the same file) files every report on the site's
    # national reference and holds each record as signed, its hash matching.
    from hq.db import open_hq
    from hq.models import Report

    url = f"sqlite:///{tmp_path / 'other-hq.db'}"
    run = subprocess.run([sys.executable, "-m", "hq.cli", "--database-url", url, "import",
                          str(exported)], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert "4 reports created" in run.stdout
    other_hq = open_hq(url)
    try:
        with other_hq.session() as s:
            held = {rid: (ref, rec) for rid, ref, rec in
                    s.execute(select(Report.record_id, Report.site_reference, Report.record))}
    finally:
        other_hq.close()
    assert {rid: ref for rid, (ref, _rec) in held.items()} == dict.fromkeys(by_id, NATIONAL)
    assert held[before][1]["site_reference"] == provisional
    for rid in (before, amended, after):
        assert hash_matches(ReportIn.model_validate(held[rid][1])), rid
