"""Real faults between the laptop and HQ. After each, every signed report is at HQ exactly once
and nothing on the laptop was lost."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time

import httpx
import pytest
from sqlalchemy import func, select

from app.sync.outbox import Limits
from app.sync.transport import RetryPolicy
from tests.helpers.synchq import (
    ROOT,
    FaultProxy,
    Rule,
    assert_exactly_once,
    hq_reports,
    outbox,
    point_device_at,
)


def _policy(sleeps: list[float] | None = None, attempts: int = 4) -> RetryPolicy:
    def sleep(seconds: float) -> None:
        if sleeps is not None:
            sleeps.append(seconds)
        time.sleep(min(seconds, 1.5))

    return RetryPolicy(attempts=attempts, base=0.05, cap=0.5, timeout=20, sleep=sleep)


def test_answer_lost_after_hq_committed_is_retried_without_duplicate(enrolled, hq_db, proxy):
    from app.sync.api import run_sync

    point_device_at(enrolled, proxy.url)
    cut = proxy.add(Rule("cut_after_commit", match="POST /api/v1/batches", times=1))
    out = run_sync(enrolled, policy=_policy(), limits=Limits(records=40))
    assert cut.hits == 1
    assert out.ok, out.message
    assert out.pushed == 90  # the lost answer's 40 were counted once, from the repeated answer
    assert sum(1 for line in proxy.seen if "POST /api/v1/batches" in line) == 4  # 3 batches + 1 retry
    assert_exactly_once(enrolled, hq_db)


def test_the_same_batch_sent_twice_at_once_is_applied_once(enrolled, hq, hq_db):
    from app.models import DeviceProfile
    from app.sync.outbox import next_batch

    with enrolled.session() as s:
        prof = s.get(DeviceProfile, 1)
        device_id, token = prof.device_id, prof.device_token
    batch = next_batch(enrolled, device_id, Limits(records=90))
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json",
               "Content-Encoding": "gzip", "Idempotency-Key": batch.batch_id}
    answers: list[httpx.Response] = []
    barrier = threading.Barrier(4)

    def send() -> None:
        barrier.wait()
        answers.append(httpx.post(f"{hq.url}/api/v1/batches", content=batch.body, headers=headers,
                                  timeout=60))

    threads = [threading.Thread(target=send) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [a.status_code for a in answers] == [200] * 4
    bodies = [a.json() for a in answers]
    assert all(b == bodies[0] for b in bodies), "the copies got different answers"
    assert bodies[0]["highest_seq"] == max(batch.seqs)
    held = hq_reports(hq_db)
    assert len(held) == 90 and set(held.values()) == {1}

    # The laptop then syncs normally: HQ answers as before, nothing doubles.
    from app.sync.api import run_sync

    assert run_sync(enrolled).ok
    assert_exactly_once(enrolled, hq_db)


@pytest.mark.slow
@pytest.mark.parametrize("fault", ["kill_mid_body", "cut_after_commit"])
def test_hq_killed_mid_batch_and_restarted(db, hq_db, hq_process, fault):
    """HQ dies (SIGKILL) while half a batch is on the wire (kill_mid_body), or just as a whole
    batch reached it, committed or not (cut_after_commit): the laptop says HQ is unreachable and
    keeps everything, nothing marked sent; after HQ restarts, one more sync delivers every report
    exactly once."""
    from app.domain import demo
    from app.sync.api import run_sync
    from tests.helpers.synchq import demo_sites, enroll, import_sites

    demo.fill(db)
    import_sites(hq_db, demo_sites("DU4"))
    enroll(db, hq_db, hq_process.url)
    proxy = FaultProxy(hq_process.port)
    try:
        point_device_at(db, proxy.url)
        proxy.add(Rule(fault, match="POST /api/v1/batches", times=1, hook=hq_process.kill))
        out = run_sync(db, policy=_policy(attempts=2), limits=Limits(records=30))
        assert out.kind == "offline" and not out.ok
        assert "Nothing was lost" in out.message
        assert outbox(db).pending == 90  # the answer never came: nothing is marked sent

        hq_process.start()
        out = run_sync(db, policy=_policy())
        assert out.ok, out.message
        assert out.pushed == 90
    finally:
        proxy.close()
    assert_exactly_once(db, hq_db)


@pytest.mark.slow
def test_client_killed_mid_sync_and_run_again(enrolled, db_path, hq, hq_db, safeland):
    """`safeland sync` is killed (SIGKILL) after HQ has applied two batches, while it waits for
    the answer to the third (the proxy holds that request, so HQ never sees it): exactly the
    two confirmed batches are marked; the next run sends the rest, and nothing is doubled."""
    proxy = FaultProxy(hq.port)
    try:
        point_device_at(enrolled, proxy.url)
        hold = proxy.add(Rule("hold", match="POST /api/v1/batches", after=2))
        env = {**os.environ, "SAFELAND_SYNC_BATCH_RECORDS": "10"}
        proc = subprocess.Popen([sys.executable, "-m", "app.cli", "--db", str(db_path), "sync"],
                                cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            assert hold.reached.wait(120), "the third batch never came"
            assert proc.poll() is None, "sync finished before it could be killed"
            proc.send_signal(signal.SIGKILL)
            proc.wait(30)
        finally:
            hold.release.set()
        counts = outbox(enrolled)
        assert (counts.applied, counts.pending) == (20, 70)  # the two confirmed, the rest wait
        assert len(hq_reports(hq_db)) == 20
        proxy.rules.clear()
        r = safeland("sync")
        assert r.code == 0, r
    finally:
        proxy.close()
    assert_exactly_once(enrolled, hq_db)


@pytest.mark.slow
def test_captive_portal_200_html_is_not_success(enrolled, hq_db, proxy, safeland):
    point_device_at(enrolled, proxy.url)
    proxy.add(Rule("portal"))
    r = safeland("sync")
    assert r.code == 3, r
    assert "login page" in r.err and "Nothing was lost" in r.err
    assert outbox(enrolled).pending == 90
    assert not hq_reports(hq_db)

    proxy.rules.clear()
    assert safeland("sync").code == 0
    assert_exactly_once(enrolled, hq_db)


def test_revoked_token_mid_run_stops_says_so_and_keeps_everything(enrolled, hq, hq_db):
    from app.domain.queries import count_reports
    from app.models import DeviceProfile
    from app.sync.api import run_sync
    from hq.devices import revoke
    from tests.helpers.synchq import enroll

    with enrolled.session() as s:
        device_id = s.get(DeviceProfile, 1).device_id
    reports_before = count_reports(enrolled)

    def progress(p) -> None:
        if p.phase == "push" and p.done == 20:
            revoke(hq_db, device_id)  # HQ revokes the laptop between two batches

    out = run_sync(enrolled, progress=progress, policy=_policy(), limits=Limits(records=20))
    assert out.kind == "auth" and not out.ok
    assert "revoked" in out.message and "Nothing was lost" in out.message
    counts = outbox(enrolled)
    assert (counts.applied, counts.pending) == (20, 70)
    assert count_reports(enrolled) == reports_before
    assert len(hq_reports(hq_db)) == 20

    # Enrolled again with a fresh code, the laptop sends the rest; nothing doubles.
    enroll(enrolled, hq_db, hq.url)
    assert run_sync(enrolled).ok
    assert_exactly_once(enrolled, hq_db)


@pytest.mark.slow
def test_5xx_and_429_with_retry_after_are_retried(enrolled, hq_db, proxy):
    from app.sync.api import run_sync

    point_device_at(enrolled, proxy.url)
    proxy.add(Rule("status", match="POST /api/v1/batches", times=1, status=503,
                   headers={"Retry-After": "1"}))
    proxy.add(Rule("status", match="POST /api/v1/batches", times=1, status=429,
                   headers={"Retry-After": "1"}))
    proxy.add(Rule("status", match="POST /api/v1/batches", times=1, status=500))
    sleeps: list[float] = []
    out = run_sync(enrolled, policy=_policy(sleeps, attempts=5))
    assert out.ok, out.message
    assert sum(1 for s in sleeps if s >= 1.0) >= 2  # HQ's Retry-After was honoured twice
    assert_exactly_once(enrolled, hq_db)


@pytest.mark.slow
def test_hq_failing_for_good_is_a_server_error_and_loses_nothing(enrolled, hq_db, proxy, safeland):
    point_device_at(enrolled, proxy.url)
    proxy.add(Rule("status", match="POST /api/v1/batches", status=500))
    r = safeland("sync")
    assert r.code == 3, r
    assert "HQ had a problem (error 500)" in r.err
    assert outbox(enrolled).pending == 90
    proxy.rules.clear()
    assert safeland("sync").code == 0
    assert_exactly_once(enrolled, hq_db)


@pytest.mark.slow
def test_unreachable_hq_exits_3(enrolled, safeland):
    from tests.helpers.synchq import free_port

    point_device_at(enrolled, f"http://127.0.0.1:{free_port()}")
    r = safeland("sync")
    assert r.code == 3, r
    assert "Could not reach HQ" in r.err
    assert outbox(enrolled).pending == 90


def test_device_clock_days_wrong_warns_and_hq_keeps_its_own_time(enrolled, hq_db, monkeypatch):
    import datetime as dt

    from app.sync import transport
    from app.sync.api import run_sync
    from hq.models import Report

    real = transport.device_now
    monkeypatch.setattr(transport, "device_now", lambda: real() + dt.timedelta(days=3))
    out = run_sync(enrolled)
    assert out.ok
    assert any("3 days ahead of HQ's clock" in w for w in out.warnings)
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    with hq_db.session() as s:
        latest = s.scalar(select(func.max(Report.received_at)))
    assert abs((latest - now).total_seconds()) < 3600  # HQ's receive time, not the laptop's
    assert_exactly_once(enrolled, hq_db)


@pytest.mark.slow
def test_not_enrolled_says_how_to_enrol(db, safeland):
    from app.domain import demo

    demo.fill(db)
    r = safeland("sync")
    assert r.code == 2, r
    assert "safeland enroll --hq URL --code CODE" in r.err
