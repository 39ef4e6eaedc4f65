"""The Qt-free API the desktop app calls from its sync worker: progress, cancel, reachability."""
from __future__ import annotations

from app.sync.outbox import Limits
from tests.helpers.synchq import Rule, assert_exactly_once, outbox, point_device_at


def test_progress_reports_push_then_pull_and_cancel_stops_between_batches(enrolled, hq_db):
    from app.sync.api import run_sync

    seen = []
    out = run_sync(enrolled, progress=seen.append, cancelled=lambda: len(seen) >= 3,
                   limits=Limits(records=30))
    assert out.kind == "interrupted" and not out.ok
    assert "stopped before it finished" in out.message
    assert [p.phase for p in seen] == ["push"] * len(seen)
    assert seen[0].done == 0 and seen[0].total == 90
    assert outbox(enrolled).applied == 60 and outbox(enrolled).pending == 30

    seen.clear()
    out = run_sync(enrolled, progress=seen.append)
    assert out.ok and out.pushed == 30
    phases = list(dict.fromkeys(p.phase for p in seen))
    assert phases == ["push", "pull", "reviews"]  # HQ's decisions come after the sites
    assert_exactly_once(enrolled, hq_db)


def test_hq_reachable_only_when_hq_answers_as_hq(enrolled, proxy, db):
    from app.sync.api import hq_reachable

    assert hq_reachable(enrolled)
    point_device_at(enrolled, proxy.url)
    assert hq_reachable(enrolled)
    proxy.add(Rule("portal"))
    assert not hq_reachable(enrolled)


def test_hq_reachable_is_false_when_not_enrolled(db):
    from app.sync.api import hq_reachable, run_sync

    assert not hq_reachable(db)
    out = run_sync(db)
    assert out.kind == "not_enrolled" and not out.ok
