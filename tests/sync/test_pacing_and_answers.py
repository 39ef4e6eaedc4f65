"""What issue 14 changed on the wire and in the client: HQ's batch answers come back gzipped
and small, and the laptop sizes its batches by the answer times it sees (BatchPacer), so a
busy HQ gets smaller batches instead of requests that pass the client's timeout."""
from __future__ import annotations

import httpx

from app.sync.outbox import Limits, next_batch
from app.sync.transport import BatchPacer


def test_batch_answer_is_gzipped_and_under_30_bytes_a_report(enrolled, hq):
    from app.models import DeviceProfile

    with enrolled.session() as s:
        prof = s.get(DeviceProfile, 1)
        device_id, token = prof.device_id, prof.device_token
    batch = next_batch(enrolled, device_id, Limits(records=90))
    assert batch is not None and len(batch.seqs) == 90
    r = httpx.post(f"{hq.url}/api/v1/batches", content=batch.body, timeout=60, headers={
        "Authorization": f"Bearer {token}", "Content-Type": "application/json",
        "Content-Encoding": "gzip", "Accept-Encoding": "gzip", "Idempotency-Key": batch.batch_id})
    assert r.status_code == 200, r.text[:300]
    assert r.headers["content-encoding"] == "gzip"
    assert r.num_bytes_downloaded / 90 <= 30, r.num_bytes_downloaded
    results = r.json()["results"]
    assert [x["status"] for x in results] == ["APPLIED"] * 90
    assert "code" not in results[0] and "reason" not in results[0]  # no nulls on the wire

    plain = httpx.post(f"{hq.url}/api/v1/batches", content=batch.body, timeout=60, headers={
        "Authorization": f"Bearer {token}", "Content-Type": "application/json",
        "Content-Encoding": "gzip", "Accept-Encoding": "identity",
        "Idempotency-Key": batch.batch_id})
    assert "content-encoding" not in plain.headers  # a client that does not accept gzip
    assert plain.json() == r.json()  # the repeat gets the same answer


def test_pacer_probes_then_grows_toward_its_goal_and_never_past_the_ceiling():
    pacer = BatchPacer(timeout=60.0)  # goal: an answer within 10 s
    assert pacer.size(500) == 100  # the first batch is a probe
    pacer.answered(100, 0.5)  # 5 ms a report: 2,000 would take 10 s
    assert pacer.size(500) == 200  # at most doubling
    pacer.answered(200, 1.0)
    pacer.answered(400, 2.0)
    assert pacer.size(500) == 500  # the protocol's cap
    assert pacer.size(40) == 40  # and the run's own Limits


def test_pacer_shrinks_when_hq_answers_slowly_and_quarters_on_a_timeout():
    pacer = BatchPacer(timeout=60.0)
    pacer.answered(500, 30.0)  # a busy HQ: 60 ms a report
    assert pacer.size(500) == 166  # what it would answer in 10 s
    assert 166 * 30.0 / 500 <= pacer.goal
    pacer.timed_out()
    assert pacer.size(500) == 41
    for _ in range(10):
        pacer.timed_out()
    assert pacer.size(500) == 1  # never zero
