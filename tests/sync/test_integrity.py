"""Integrity of what HQ holds when laptops are copied, amended on two copies, or answered
wrongly: a copied laptop's reused sequence numbers, the hash chain between revisions, the
device that owns a report, and an answer that names other records than were sent. All against a
real HQ over HTTP (SQLite, and PostgreSQL when SAFELAND_TEST_PG_URL is set)."""
from __future__ import annotations

import json
import sqlite3

import httpx
from sqlalchemy import select

from tests.helpers.synchq import (
    Rule,
    assert_exactly_once,
    enroll,
    hq_reports,
    outbox,
    point_device_at,
)


def _copy(db_path, to):
    """A file copy of the laptop's database (a consistent snapshot, as a restore would give)."""
    from app.db import open_database

    src, dst = sqlite3.connect(db_path), sqlite3.connect(to)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()
    return open_database(to)


def _drafts(db) -> list[str]:
    from app.models import Report
    from safeland_core.vocab import ReportStatus

    with db.session() as s:
        return sorted(s.scalars(select(Report.id).where(Report.status == ReportStatus.DRAFT)))


def _amend(db, report_id: str, change: str) -> None:
    from app.domain import services
    from app.domain.queries import get_report

    rep = get_report(db, report_id).model_dump(mode="json")
    rep["notes"] = change
    services.amend(db, report_id, rep, change, accept_warnings=True)


def _signed_report(db) -> str:
    from app.models import OutboxEntry

    with db.session() as s:
        return s.scalar(select(OutboxEntry.record_id).order_by(OutboxEntry.seq).limit(1))


def _device(db) -> tuple[str, str]:
    from app.models import DeviceProfile

    with db.session() as s:
        p = s.get(DeviceProfile, 1)
        return p.device_id, p.device_token


def test_laptop_restored_from_a_copy_reusing_seqs_delivers_both_reports(enrolled, db_path, tmp_path,
                                                                       hq, hq_db):
    """A and its file copy B sign different reports under the same outbox seq. HQ answers B's
    batch with seq_conflict and its highest seq; B renumbers after it and delivers its report.
    A, whose next seq B has now used, renumbers in turn."""
    from app.domain.services import sign
    from app.sync.api import run_sync
    from app.sync.outbox import Limits, next_batch, seq_base

    assert run_sync(enrolled).ok
    b = _copy(db_path, tmp_path / "copy.db")
    try:
        x, y, z = _drafts(enrolled)[:3]
        sign(enrolled, [x])
        out_a = run_sync(enrolled)
        assert out_a.ok and out_a.pushed == 1, out_a.message
        sign(b, [y])

        # The raw exchange: HQ refuses the whole batch, not retryable, telling its highest seq.
        device_id, token = _device(b)
        batch = next_batch(b, device_id, Limits())
        r = httpx.post(f"{hq.url}/api/v1/batches", content=batch.body, timeout=30, headers={
            "Authorization": f"Bearer {token}", "Content-Type": "application/json",
            "Content-Encoding": "gzip", "Idempotency-Key": batch.batch_id})
        assert r.status_code == 422, r.text
        err = r.json()["error"]
        assert err["code"] == "seq_conflict" and err["highest_seq"] == batch.seqs[0]
        assert (y, 1) not in hq_reports(hq_db)

        out_b = run_sync(b)
        assert out_b.ok and out_b.pushed == 1, out_b.message
        assert seq_base(b) == 1
        held = hq_reports(hq_db)
        assert held[(x, 1)] == 1 and held[(y, 1)] == 1
        assert_exactly_once(b, hq_db)

        # A's next seq is the one B's report went under: A renumbers too.
        sign(enrolled, [z])
        out_a = run_sync(enrolled)
        assert out_a.ok and out_a.pushed == 1, out_a.message
        assert hq_reports(hq_db)[(z, 1)] == 1
        assert_exactly_once(enrolled, hq_db)
        assert sum(hq_reports(hq_db).values()) == 93
    finally:
        b.close()


def test_answer_naming_other_records_than_sent_marks_nothing(enrolled, hq_db, proxy):
    """An answer whose results carry the seqs sent but another record id is not HQ's answer to
    this batch: the run stops (server), nothing is marked, the next run is clean."""
    from app.sync.api import run_sync

    def swap(body: bytes) -> bytes:
        doc = json.loads(body)
        doc["results"][0]["record_id"] = "00000000-0000-4000-8000-000000000000"
        return json.dumps(doc).encode()

    point_device_at(enrolled, proxy.url)
    proxy.add(Rule("rewrite", match="POST /api/v1/batches", times=1, transform=swap))
    out = run_sync(enrolled)
    assert out.kind == "server" and not out.ok
    assert outbox(enrolled).pending == 90 and outbox(enrolled).applied == 0
    proxy.rules.clear()
    assert run_sync(enrolled).ok
    assert_exactly_once(enrolled, hq_db)


def test_revision_amended_from_another_copy_breaks_the_chain(enrolled, db_path, tmp_path, hq_db):
    """Two copies amend one report: A's revision 2 reaches HQ, B's is a revision_conflict; B's
    revision 3 (chained to B's revision 2) is refused chain_broken, not taken."""
    from app.sync.api import refused_records, run_sync

    assert run_sync(enrolled).ok
    b = _copy(db_path, tmp_path / "copy.db")
    try:
        rid = _signed_report(enrolled)
        _amend(enrolled, rid, "corrected on A")
        assert run_sync(enrolled).ok
        _amend(b, rid, "corrected on B")
        out = run_sync(b)
        assert out.kind == "refused" and out.refused == 1, (out.message, out.detail)
        _amend(b, rid, "corrected again on B")
        out = run_sync(b)
        assert out.kind == "refused" and out.refused == 1 and out.pushed == 0
        # The list to amend from shows what is still to correct: revision 2 was amended by 3.
        refused = {(r.revision, r.code) for r in refused_records(b)}
        assert refused == {(3, "chain_broken")}
        held = hq_reports(hq_db)
        assert (rid, 3) not in held and held[(rid, 2)] == 1
    finally:
        b.close()


def test_a_revision_from_another_device_is_refused_not_owner(enrolled, db_path, tmp_path, hq, hq_db):
    """A copy of the laptop enrolled as a second device may not amend the first device's
    reports; once HQ revokes the first device, the new one of the same unit takes them over."""
    from app.sync.api import refused_records, run_sync
    from hq.devices import revoke

    assert run_sync(enrolled).ok
    first_device, _ = _device(enrolled)
    b = _copy(db_path, tmp_path / "copy.db")
    try:
        enroll(b, hq_db, hq.url, unit="DU4")
        assert _device(b)[0] != first_device
        rid = _signed_report(b)
        _amend(b, rid, "amended on the second device")
        out = run_sync(b)
        assert out.kind == "refused" and out.refused == 1, out.message
        assert [(r.revision, r.code) for r in refused_records(b)] == [(2, "not_owner")]
        assert (rid, 2) not in hq_reports(hq_db)

        revoke(hq_db, first_device)
        _amend(b, rid, "amended again, first device revoked")
        out = run_sync(b)
        assert out.pushed == 1 and out.refused == 0, out.message
        assert hq_reports(hq_db)[(rid, 3)] == 1  # chained through the parked revision 2
    finally:
        b.close()


def test_revision_whose_previous_hq_never_had_is_chain_broken(enrolled, hq, hq_db):
    """A revision 2 whose revision 1 never reached HQ (and was not parked there) is refused."""
    from app.models import OutboxEntry
    from safeland_core.protocol import batch_id_for
    from safeland_core.records import revision_hash

    device_id, token = _device(enrolled)
    with enrolled.session() as s:
        rec = dict(s.scalar(select(OutboxEntry.payload).order_by(OutboxEntry.seq).limit(1)))
    rec.update(revision=2, prev_hash=rec["hash"], notes="revision 2 sent alone")
    rec["hash"] = revision_hash(rec, rec["prev_hash"])
    entries = [{"seq": 1, "type": "report", "record_id": rec["id"], "revision": 2, "record": rec}]
    bid = batch_id_for(device_id, [(1, rec["id"], 2)])
    r = httpx.post(f"{hq.url}/api/v1/batches", timeout=30, headers={
        "Authorization": f"Bearer {token}"}, json={
        "format": "safeland-batch/1", "batch_id": bid, "device_id": device_id, "entries": entries})
    assert r.status_code == 200, r.text
    result = r.json()["results"][0]
    assert (result["status"], result["code"]) == ("REFUSED", "chain_broken")
    assert not hq_reports(hq_db)
