"""HQ's review decisions reach the laptop (issue 12, point 3): a real HQ over HTTP decides
through hq.review (as its pages and `safeland-hq review` do), `run_sync` pulls the decisions
after the sites, and the laptop shows them: status, reason, who and when; exactly once; a
decision on a revision the team leader has amended since stays in the history only."""
from __future__ import annotations

import httpx
import pytest
from sqlalchemy import select

PW = "correct horse battery staple"
REASON = "Clearance depth of lane 3 is not recorded; measure and amend."


def _sent(field_db, n: int = 1) -> list[str]:
    from app.models import OutboxEntry

    with field_db.session() as s:
        return list(s.scalars(select(OutboxEntry.record_id).order_by(OutboxEntry.seq).limit(n)))


def _amend(field_db, report_id: str, reason: str) -> None:
    from app.domain import services
    from app.domain.queries import get_report

    rep = get_report(field_db, report_id).model_dump(mode="json")
    rep["notes"] = (rep.get("notes") or "") + " Lane 3 depth measured again: 30 cm."
    services.amend(field_db, report_id, rep, reason, accept_warnings=True)


def _reviewer(hq_db):
    from hq import users

    return users.add_user(hq_db, "sokha", "reviewer", PW)


def _snapshot(field_db) -> dict:
    """Every report row's review columns and every sync_state key: what a pull may change."""
    from app.models import Report, SyncState

    with field_db.session() as s:
        reports = {r.id: (r.status, r.review_reason, r.review_by, r.review_at, r.review_revision)
                   for r in s.scalars(select(Report))}
        state = {k: v for k, v in s.execute(select(SyncState.key, SyncState.value))
                 if k != "last_sync"}
    return {"reports": reports, "state": state}


def test_a_returned_report_reaches_the_laptop_once_with_reason_and_who(enrolled, hq, hq_db):
    from app.domain.queries import get_report, review_state, status_counts
    from app.domain.transfer import export_document
    from app.sync.api import run_sync
    from hq import review

    assert run_sync(enrolled).ok
    returned, rejected, accepted = _sent(enrolled, 3)
    sokha = _reviewer(hq_db)
    review.decide(hq_db, returned, "RETURNED", REASON, sokha, 1)
    review.decide(hq_db, rejected, "REJECTED", "a duplicate of the report of the day before",
                  sokha, 1)
    review.decide(hq_db, accepted, "ACCEPTED", None, sokha, 1)

    out = run_sync(enrolled)
    assert out.ok and out.kind == "ok", out
    assert out.reviews == 3
    assert out.decided == {returned: "RETURNED", rejected: "REJECTED", accepted: "ACCEPTED"}
    assert "HQ returned 1 report, rejected 1 report and accepted 1 report" in out.message

    rep = get_report(enrolled, returned)
    assert rep.status == "RETURNED" and rep.review_reason == REASON
    state = review_state(enrolled, returned)
    assert state.current.by == "sokha" and state.current.revision == 1
    assert state.current.at is not None
    assert state.outbox_state == "APPLIED" and state.sent_at is not None
    assert get_report(enrolled, rejected).status == "REJECTED"
    assert get_report(enrolled, accepted).status == "ACCEPTED"

    counts = status_counts(enrolled)
    assert (counts.returned, counts.rejected, counts.accepted) == (1, 1, 1)
    assert counts.synced == 90 and counts.waiting == 0  # still 90 reports at HQ

    exported = {r["id"]: r for r in export_document(enrolled)["reports"]}
    assert exported[returned]["status"] == "RETURNED"
    assert exported[returned]["review"] == {
        "decision": "RETURNED", "reason": REASON, "by": "sokha",
        "at": exported[returned]["review"]["at"]}
    assert exported[returned]["review"]["at"].endswith("Z")
    assert exported[accepted]["review"]["reason"] is None
    assert sum("review" in r for r in exported.values()) == 3
    assert {r["status"] for i, r in exported.items()
            if i not in (returned, rejected, accepted)} == {"SIGNED", "DRAFT"}

    # The next sync brings nothing new and changes nothing.
    before = _snapshot(enrolled)
    again = run_sync(enrolled)
    assert again.ok and again.reviews == 0 and again.decided == {}
    assert _snapshot(enrolled) == before


def test_a_page_applied_twice_changes_nothing(enrolled, hq, hq_db):
    """The page and its cursor go in one transaction; even applying the very same page a
    second time (as after a crash between HQ's answer and the commit) changes nothing."""
    from app.models import DeviceProfile
    from app.sync.api import run_sync
    from app.sync.reviews import ReviewPage, apply_review_page, saved_review_cursor
    from hq import review

    assert run_sync(enrolled).ok
    rid = _sent(enrolled)[0]
    review.decide(hq_db, rid, "RETURNED", REASON, _reviewer(hq_db), 1)
    with enrolled.session() as s:
        token = s.get(DeviceProfile, 1).device_token
    body = httpx.get(f"{hq.url}/api/v1/reviews", headers={"Authorization": f"Bearer {token}"})
    page = ReviewPage.model_validate(body.json())
    first = apply_review_page(enrolled, page)
    assert first.changed == {rid: "RETURNED"}
    assert saved_review_cursor(enrolled) == page.cursor
    before = _snapshot(enrolled)
    second = apply_review_page(enrolled, page)
    assert second.changed == {} and _snapshot(enrolled) == before
    assert run_sync(enrolled).decided == {}  # and HQ gives nothing after that cursor


def test_a_decision_on_a_revision_amended_since_stays_in_the_history(enrolled, hq, hq_db):
    """HQ returns revision 1 while the team leader, not knowing, amends it: the amendment goes
    up first, then the decision comes down; the report stays SIGNED (revision 2 waits for HQ's
    own decision), and the return is in its history with HQ's reason."""
    from app.domain.queries import get_report, review_state
    from app.sync.api import run_sync
    from hq import review

    assert run_sync(enrolled).ok
    rid = _sent(enrolled)[0]
    sokha = _reviewer(hq_db)
    review.decide(hq_db, rid, "RETURNED", REASON, sokha, 1)
    _amend(enrolled, rid, "depth measured again")

    out = run_sync(enrolled)
    assert out.ok and out.pushed == 1 and out.reviews == 1, out
    assert out.decided == {}  # nothing changed the report's current status
    rep = get_report(enrolled, rid)
    assert rep.status == "SIGNED" and rep.revision == 2 and rep.review_reason is None
    state = review_state(enrolled, rid)
    assert state.current is None
    assert [(d.revision, d.decision, d.reason, d.by) for d in state.decisions] == \
        [(1, "RETURNED", REASON, "sokha")]
    assert state.last_returned.reason == REASON

    # HQ accepts revision 2: the report is ACCEPTED and both decisions are in the history.
    review.decide(hq_db, rid, "ACCEPTED", None, sokha, 2)
    out = run_sync(enrolled)
    assert out.decided == {rid: "ACCEPTED"}
    state = review_state(enrolled, rid)
    assert state.status == "ACCEPTED" and state.current.revision == 2
    assert [(d.revision, d.decision) for d in state.decisions] == \
        [(1, "RETURNED"), (2, "ACCEPTED")]


@pytest.mark.slow  # `safeland` in a subprocess
def test_status_counts_reports_not_revisions(enrolled, hq, hq_db, safeland):
    """One report amended once and synced is one synced report, not two ("Synced: 2" was
    wrong); a returned one amended is waiting again, no longer returned."""
    import json

    from app.sync.api import run_sync
    from hq import review

    assert run_sync(enrolled).ok
    rid, other = _sent(enrolled, 2)
    sokha = _reviewer(hq_db)
    review.decide(hq_db, rid, "RETURNED", REASON, sokha, 1)
    review.decide(hq_db, other, "REJECTED", "not this unit's work", sokha, 1)
    assert run_sync(enrolled).ok
    status = json.loads(safeland("status", "--json").out)
    assert (status["synced"], status["signed_waiting"], status["returned"],
            status["rejected"]) == (90, 0, 1, 1)
    assert status["enrolled"] is True and status["reports"] == 100

    _amend(enrolled, rid, "depth measured again")
    status = json.loads(safeland("status", "--json").out)
    assert (status["synced"], status["signed_waiting"], status["returned"]) == (89, 1, 0)
    assert run_sync(enrolled).ok
    status = json.loads(safeland("status", "--json").out)
    assert (status["synced"], status["signed_waiting"], status["returned"]) == (90, 0, 0)
    text = safeland("status").out
    assert "Synced: 90" in text and "Returned by HQ: 0" in text and "Rejected by HQ: 1" in text


@pytest.mark.slow  # `safeland` in a subprocess
def test_safeland_sync_names_the_returned_reports_and_why(enrolled, hq, hq_db, safeland):
    from app.sync.api import run_sync
    from hq import review

    assert run_sync(enrolled).ok
    rid = _sent(enrolled)[0]
    review.decide(hq_db, rid, "RETURNED", REASON, _reviewer(hq_db), 1)
    r = safeland("sync")
    assert r.code == 0, r
    assert "HQ returned 1 report" in r.out and "safeland amend" in r.out
    assert f"RETURNED by sokha: report {rid}" in r.out and REASON in r.out
    r = safeland("sync")
    assert r.code == 0 and rid not in r.out  # once


@pytest.mark.slow  # `safeland` in a subprocess
def test_a_demo_database_says_it_cannot_sync(demo_db, safeland):
    import json

    status = json.loads(safeland("status", "--json").out)
    assert status["enrolled"] is False and status["signed_waiting"] == 90
    text = safeland("status").out
    assert "waiting for HQ" not in text
    assert "Signed, not sent: 90" in text and "not enrolled" in text


@pytest.mark.slow  # waits out SQLite's busy timeout
def test_a_locked_database_keeps_both_the_decisions_and_the_cursor_as_they_were(
        enrolled, db_path, hq, hq_db):
    """Another program holds the write lock when the decisions come: the page and its cursor
    roll back together, nothing is lost, and the next sync applies the page."""
    import sqlite3

    from app.domain.queries import get_report, review_state
    from app.sync.api import run_sync
    from app.sync.reviews import saved_review_cursor
    from hq import review

    assert run_sync(enrolled).ok
    rid = _sent(enrolled)[0]
    review.decide(hq_db, rid, "RETURNED", REASON, _reviewer(hq_db), 1)
    holder: list[sqlite3.Connection] = []

    def progress(p) -> None:
        if p.phase == "reviews" and not holder:
            other = sqlite3.connect(db_path, isolation_level=None)
            other.execute("BEGIN EXCLUSIVE")
            holder.append(other)

    out = run_sync(enrolled, progress=progress)
    assert out.kind == "interrupted" and "busy or full" in out.message
    assert out.decided == {}
    holder[0].rollback()
    holder[0].close()
    assert get_report(enrolled, rid).status == "SIGNED"
    assert review_state(enrolled, rid).decisions == ()
    cursor_before = saved_review_cursor(enrolled)

    again = run_sync(enrolled)
    assert again.ok and again.decided == {rid: "RETURNED"}
    assert saved_review_cursor(enrolled) != cursor_before
    assert get_report(enrolled, rid).review_reason == REASON
