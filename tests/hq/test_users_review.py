"""HQ users and review (issue 12): the decision rules over a real push and amendment on both
backends, the devices' review feed (each decision exactly once), the export's status/review,
and the `safeland-hq user` / `review` commands."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import httpx
import pytest
from sqlalchemy import select

from tests.helpers.synchq import ROOT, demo_sites, enroll, import_sites

pytestmark = pytest.mark.slow  # real pushes, amendments and safeland-hq commands in subprocesses

PW = "correct horse battery staple"


def hq_cli(url: str, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "hq.cli", "--database-url", url, *args],
                          cwd=ROOT, capture_output=True, text=True, env=dict(os.environ),
                          input=stdin, timeout=120)


def _first_sent(field_db) -> str:
    from app.models import OutboxEntry

    with field_db.session() as s:
        return s.scalar(select(OutboxEntry.record_id).order_by(OutboxEntry.seq).limit(1))


def _amend(field_db, report_id: str, reason: str) -> None:
    from app.domain import services
    from app.domain.queries import get_report

    rep = get_report(field_db, report_id).model_dump(mode="json")
    rep["notes"] = (rep.get("notes") or "") + " (clearance depth checked again)"
    services.amend(field_db, report_id, rep, reason, accept_warnings=True)


def _token(field_db) -> str:
    from app.models import DeviceProfile

    with field_db.session() as s:
        return s.get(DeviceProfile, 1).device_token


def test_review_rules_over_a_real_push_and_amendment(db, hq, hq_db, tmp_path):
    from app.domain import demo
    from app.sync.api import run_sync
    from hq import review, users
    from hq.models import AuditEvent, Review
    from hq.review import ReviewRefused
    from hq.sites import export_document

    demo.fill(db)
    import_sites(hq_db, demo_sites("DU4"))
    enroll(db, hq_db, hq.url, unit="DU4")
    assert run_sync(db).ok
    rid = _first_sent(db)
    rev = users.add_user(hq_db, "sokha", "reviewer", PW)
    viewer = users.add_user(hq_db, "dara", "viewer", PW)

    view = review.report_view(hq_db, rev, rid)
    assert view.state == "RECEIVED" and view.latest.revision == 1
    assert [e.kind for e in view.activity] == ["received"]

    # A viewer may not decide; a return or a rejection needs a reason.
    with pytest.raises(ReviewRefused) as e:
        review.decide(hq_db, rid, "ACCEPTED", None, viewer, 1)
    assert e.value.status == 403
    for decision in ("RETURNED", "REJECTED"):
        with pytest.raises(ReviewRefused) as e:
            review.decide(hq_db, rid, decision, "   ", rev, 1)
        assert (e.value.status, e.value.code) == (422, "reason_required")

    review.decide(hq_db, rid, "RETURNED", "Clearance depth is missing for lane 3", rev, 1)
    with pytest.raises(ReviewRefused) as e:
        review.decide(hq_db, rid, "ACCEPTED", None, rev, 1)
    assert (e.value.status, e.value.code) == (409, "already_decided")

    # The team amends the returned report: it arrives as RECEIVED again, at revision 2.
    _amend(db, rid, "added the clearance depth HQ asked for")
    assert run_sync(db).ok
    view = review.report_view(hq_db, rev, rid)
    assert view.state == "RECEIVED" and view.latest.revision == 2
    assert [e.kind for e in view.activity] == ["received", "RETURNED", "amended"]
    assert view.activity[2].reason == "added the clearance depth HQ asked for"
    assert [c[0] for c in view.revisions[1].changes] == ["notes"]

    # A decision made on the page of revision 1 comes too late.
    with pytest.raises(ReviewRefused) as e:
        review.decide(hq_db, rid, "ACCEPTED", None, rev, 1)
    assert (e.value.status, e.value.code) == (409, "not_latest_revision")
    review.decide(hq_db, rid, "ACCEPTED", None, rev, 2)

    with hq_db.session() as s:
        rows = [(r.revision, r.decision, r.reason, r.username)
                for r in s.scalars(select(Review).order_by(Review.id))]
        trail = [(a.actor, a.action, a.target) for a in s.scalars(
            select(AuditEvent).where(AuditEvent.action.like("review.%")).order_by(AuditEvent.id))]
    assert rows == [(1, "RETURNED", "Clearance depth is missing for lane 3", "sokha"),
                    (2, "ACCEPTED", None, "sokha")]  # a row per decision, none overwritten
    assert trail == [("sokha", "review.returned", rid), ("sokha", "review.accepted", rid)]

    # The device gets both decisions once; the next pull has nothing new.
    auth = {"Authorization": f"Bearer {_token(db)}"}
    page = httpx.get(f"{hq.url}/api/v1/reviews", headers=auth).json()
    assert page["format"] == "safeland-reviews/1" and page["more"] is False
    assert [(r["record_id"], r["revision"], r["decision"], r["by"]) for r in page["reviews"]] == \
        [(rid, 1, "RETURNED", "sokha"), (rid, 2, "ACCEPTED", "sokha")]
    again = httpx.get(f"{hq.url}/api/v1/reviews", params={"cursor": page["cursor"]},
                      headers=auth).json()
    assert again["reviews"] == [] and again["cursor"] == page["cursor"]
    # Another cursor (the sites feed's) is not this feed's.
    sites_cursor = httpx.get(f"{hq.url}/api/v1/sites", headers=auth).json()["cursor"]
    bad = httpx.get(f"{hq.url}/api/v1/reviews", params={"cursor": sites_cursor}, headers=auth)
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "bad_cursor"
    assert httpx.get(f"{hq.url}/api/v1/reviews").status_code == 401

    # A device of another unit gets none of them.
    from app.db import open_database

    other = open_database(tmp_path / "other.db")
    try:
        enroll(other, hq_db, hq.url, unit="DU5")
        page = httpx.get(f"{hq.url}/api/v1/reviews",
                         headers={"Authorization": f"Bearer {_token(other)}"}).json()
        assert page["reviews"] == []
    finally:
        other.close()

    exported = {r["id"]: r for r in export_document(hq_db)["reports"]}
    assert exported[rid]["status"] == "ACCEPTED" and exported[rid]["revision"] == 2
    assert exported[rid]["review"]["decision"] == "ACCEPTED"
    assert exported[rid]["review"]["by"] == "sokha" and exported[rid]["review"]["at"].endswith("Z")
    assert {r["status"] for i, r in exported.items() if i != rid} == {"SIGNED"}
    assert all("review" not in r for i, r in exported.items() if i != rid)


def test_user_and_review_commands(hq_url, hq_db, demo_doc, tmp_path):
    from hq.models import AuditEvent, User

    for s in demo_doc["sites"]:
        s.update(operator="CMAC", unit="DU4")
    rid = demo_doc["reports"][0]["id"] = "5b1f3c2e-8d4a-4f6b-9c1d-2e3f4a5b6c7d"
    doc = tmp_path / "demo.json"
    doc.write_text(json.dumps(demo_doc, ensure_ascii=False), encoding="utf-8")
    assert hq_cli(hq_url, "import", str(doc)).returncode == 0

    r = hq_cli(hq_url, "user", "add", "--username", "Sokha", "--role", "reviewer",
               "--unit", "DU4", "--password-stdin", stdin=PW + "\n")
    assert r.returncode == 0, r.stderr
    assert "sokha" in r.stdout and "DU4" in r.stdout
    r = hq_cli(hq_url, "user", "add", "--username", "sokha", "--role", "viewer",
               "--password-stdin", stdin=PW + "\n")
    assert r.returncode == 1 and "already" in r.stderr
    r = hq_cli(hq_url, "user", "add", "--username", "dara", "--role", "viewer",
               "--password-stdin", stdin="short\n")
    assert r.returncode == 1 and "at least 10 characters" in r.stderr
    r = hq_cli(hq_url, "user", "add", "--username", "dara", "--role", "viewer")
    assert r.returncode == 2  # never a password on the command line
    r = hq_cli(hq_url, "user", "add", "--username", "dara", "--role", "boss",
               "--password-stdin", stdin=PW + "\n")
    assert r.returncode == 2

    r = hq_cli(hq_url, "review", rid, "--return", "", "--by", "sokha")
    assert r.returncode == 1 and "reason" in r.stderr
    r = hq_cli(hq_url, "review", rid, "--accept", "--by", "nobody")
    assert r.returncode == 1 and "no enabled HQ user nobody" in r.stderr
    r = hq_cli(hq_url, "review", "no-such-report", "--accept", "--by", "sokha")
    assert r.returncode == 1 and "not_found" in r.stderr
    r = hq_cli(hq_url, "review", rid, "--accept", "--by", "sokha", "--revision", "2")
    assert r.returncode == 1 and "not_latest_revision" in r.stderr
    r = hq_cli(hq_url, "review", rid, "--reject", "duplicate of yesterday's report", "--by", "sokha")
    assert r.returncode == 0, r.stderr
    assert "REJECTED by sokha" in r.stdout
    r = hq_cli(hq_url, "review", rid, "--accept", "--by", "sokha")
    assert r.returncode == 1 and "already REJECTED" in r.stderr

    r = hq_cli(hq_url, "user", "reset-password", "sokha", "--password-stdin",
               stdin="another long passphrase\n")
    assert r.returncode == 0, r.stderr
    assert hq_cli(hq_url, "user", "disable", "sokha").returncode == 0
    r = hq_cli(hq_url, "review", rid, "--accept", "--by", "sokha")
    assert r.returncode == 1 and "no enabled HQ user" in r.stderr
    listed = json.loads(hq_cli(hq_url, "user", "list", "--json").stdout)
    assert listed == [{"username": "sokha", "role": "reviewer", "unit": "DU4", "disabled": True}]

    with hq_db.session() as s:
        user = s.scalar(select(User))
        actions = [a.action for a in s.scalars(select(AuditEvent).order_by(AuditEvent.id))]
    assert user.password_hash.startswith("$argon2id$") and PW not in user.password_hash
    assert user.session_version == 3  # reset and disable each ended the open sessions
    assert actions == ["user.add", "review.rejected", "user.reset_password", "user.disable"]
    out = tmp_path / "out.json"
    assert hq_cli(hq_url, "export", "-o", str(out)).returncode == 0
    exported = {r["id"]: r for r in json.loads(out.read_text())["reports"]}
    assert exported[rid]["status"] == "REJECTED"
    assert exported[rid]["review"]["reason"] == "duplicate of yesterday's report"


def test_device_changes_are_audited(hq_url, hq_db):
    from hq.models import AuditEvent

    r = hq_cli(hq_url, "device", "add", "--operator", "CMAC", "--unit", "DU5", "--name",
               "DU5 EOD laptop", "--json")
    assert r.returncode == 0, r.stderr
    device_id = json.loads(r.stdout)["device_id"]
    assert hq_cli(hq_url, "device", "revoke", device_id).returncode == 0
    with hq_db.session() as s:
        rows = [(a.action, a.target, a.actor.startswith("cli")) for a in
                s.scalars(select(AuditEvent).order_by(AuditEvent.id))]
    assert rows == [("device.add", device_id, True), ("device.revoke", device_id, True)]


def test_reports_held_before_review_existed_become_received(hq_url, tmp_path):
    """hq0002 on a database that already holds reports: they were SIGNED, now RECEIVED."""
    from alembic import command
    from sqlalchemy import text

    from hq.db import alembic_config, make_engine, open_hq

    if hq_url.startswith("sqlite"):  # the run's HQ template is migrated already: start empty
        hq_url = f"sqlite:///{tmp_path / 'before-review.db'}"

    engine = make_engine(hq_url)
    command.upgrade(alembic_config(engine), "hq0001")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO reports (record_id, revision, site_reference, record, "
                          "status, source, received_at) VALUES ('r1', 1, 'S', '{}', 'SIGNED', "
                          "'import', '2026-11-30 10:00:00')"))
    engine.dispose()
    db = open_hq(hq_url)
    try:
        from hq.models import Report

        with db.session() as s:
            assert s.scalar(select(Report.status)) == "RECEIVED"
    finally:
        db.close()


def test_queue_filters_and_counts(hq_db, demo_doc):
    """The review queue on both backends: filters by unit, site, state, date and team (JSON
    fields of the stored record), counts by state, a unit-limited user's view."""
    import datetime as dt
    import uuid

    from hq import review, users
    from hq.review import QueueFilter
    from hq.sites import import_document

    sites = demo_sites("DU4", {"BS/CHA/CMAA/60222": "DU5"})
    for r in demo_doc["reports"]:
        r["id"] = str(uuid.uuid4())
    import_document(hq_db, {"format": "safeland/1", "sites": sites, "reports": demo_doc["reports"]})
    everyone = users.add_user(hq_db, "rev", "reviewer", PW)
    du5 = users.add_user(hq_db, "rev5", "reviewer", PW, unit="DU5")
    reports = demo_doc["reports"]
    n_du5 = sum(r["site_reference"] == "BS/CHA/CMAA/60222" for r in reports)

    q = review.queue(hq_db, everyone, QueueFilter())
    assert q.total == len(reports) and q.counts["RECEIVED"] == len(reports)
    assert q.units == ["DU4", "DU5"] and len(q.sites) == 5
    first = q.rows[0]
    review.decide(hq_db, first.record_id, "RETURNED", "the benchmark is missing", everyone)
    q = review.queue(hq_db, everyone, QueueFilter())
    assert q.counts["RECEIVED"] == len(reports) - 1 and q.counts["RETURNED"] == 1
    assert [r.record_id for r in review.queue(hq_db, everyone, QueueFilter(state="RETURNED")).rows] \
        == [first.record_id]
    assert review.queue(hq_db, everyone, QueueFilter(state=None)).total == len(reports)

    assert review.queue(hq_db, everyone, QueueFilter(unit="DU5", state=None)).total == n_du5
    assert review.queue(hq_db, du5, QueueFilter(state=None)).total == n_du5
    assert review.queue(hq_db, du5, QueueFilter(unit="DU4", state=None)).total == 0
    assert review.queue(hq_db, du5, QueueFilter()).units == ["DU5"]
    site = review.queue(hq_db, everyone, QueueFilter(site="BS/CHA/CMAA/71408", state=None))
    assert site.total == sum(r["site_reference"] == "BS/CHA/CMAA/71408" for r in reports)

    day = dt.date.fromisoformat(reports[0]["date"])
    on_day = review.queue(hq_db, everyone, QueueFilter(date_from=day, date_to=day, state=None))
    assert on_day.total == sum(r["date"] == reports[0]["date"] for r in reports)
    assert {r.date for r in on_day.rows} == {reports[0]["date"]}
    team = reports[0]["team"]
    by_team = review.queue(hq_db, everyone, QueueFilter(team=team.lower()[:6], state=None))
    assert by_team.total == sum(team.lower()[:6] in r["team"].lower() for r in reports) > 0
    assert review.queue(hq_db, everyone, QueueFilter(team="%", state=None)).total == 0
