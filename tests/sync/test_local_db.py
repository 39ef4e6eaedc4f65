"""The laptop's own database misbehaving during a pull, and a long queue: the pull page and its
cursor are one transaction (both or neither), and memory stays bounded however long the queue."""
from __future__ import annotations

import shutil
import sqlite3
import tracemalloc
import uuid

import pytest
from sqlalchemy import event

from app.db import Database, make_engine, open_database
from app.domain.queries import list_sites
from app.models import SyncState
from tests.helpers.synchq import assert_exactly_once, demo_sites, enroll, import_sites, outbox


def _cursor(db) -> str | None:
    with db.session() as s:
        row = s.get(SyncState, "pull_cursor")
        return row.value if row else None


def _more_sites(n: int) -> list[dict]:
    """n more DU4 sites, copies of the Siem Reap polygon moved a little each time."""
    base = demo_sites("DU4")[1]
    out = []
    for i in range(n):
        site = {**base, "reference": f"BS/CHA/CMAA/9{i:04d}", "name": f"Extra site {i}",
                "points": [{**p, "lat": p["lat"] + 0.01 * (i + 1)} for p in base["points"]]}
        out.append(site)
    return out


@pytest.mark.slow
def test_database_locked_during_pull_rolls_back_and_keeps_the_cursor(enrolled, db_path, hq_db):
    from app.sync.api import run_sync

    import_sites(hq_db, _more_sites(10))
    holder: list[sqlite3.Connection] = []

    def progress(p) -> None:
        if p.phase == "pull" and not holder:
            other = sqlite3.connect(db_path, isolation_level=None)
            other.execute("BEGIN EXCLUSIVE")  # another program holds the write lock
            holder.append(other)

    out = run_sync(enrolled, progress=progress)
    assert out.kind == "interrupted" and not out.ok
    assert "busy or full" in out.message
    assert _cursor(enrolled) is None
    assert {s.owner for s in list_sites(enrolled)} == {"DEVICE"}  # no site half-written
    assert outbox(enrolled).applied == 90  # the push before it stands: HQ confirmed it

    holder[0].rollback()
    holder[0].close()
    again = run_sync(enrolled)
    assert again.ok and again.pulled_sites == 15
    assert _cursor(enrolled) is not None
    assert_exactly_once(enrolled, hq_db)


@pytest.mark.slow
def test_disk_full_during_pull_rolls_back_and_keeps_the_cursor(enrolled, db_path, hq_db):
    """The disk filling up is simulated with PRAGMA max_page_count on every connection the sync
    uses (a tiny real filesystem needs root to mount): once set, SQLite answers SQLITE_FULL,
    "database or disk is full", exactly as on a full disk."""
    from app.sync.api import run_sync

    import_sites(hq_db, _more_sites(40))
    engine = make_engine(db_path)
    full = {"on": False}

    @event.listens_for(engine, "checkout")
    def _limit(dbapi_conn, _rec, _proxy):
        cur = dbapi_conn.cursor()
        if full["on"]:
            pages = cur.execute("PRAGMA page_count").fetchone()[0]
            cur.execute(f"PRAGMA max_page_count = {pages}")
        else:
            cur.execute("PRAGMA max_page_count = 1073741823")
        cur.close()

    db = Database(db_path, engine)

    def progress(p) -> None:
        if p.phase == "pull":
            full["on"] = True

    try:
        out = run_sync(db, progress=progress)
        assert out.kind == "interrupted" and not out.ok
        assert _cursor(db) is None
        assert len(list_sites(db)) == 5 and {s.owner for s in list_sites(db)} == {"DEVICE"}
        full["on"] = False
        again = run_sync(db)
        assert again.ok and again.pulled_sites == 45
        assert _cursor(db) is not None
        assert_exactly_once(db, hq_db)
    finally:
        db.close()


@pytest.fixture(scope="session")
def five_thousand_signed(tmp_path_factory):
    """A laptop database with 5,000 signed reports queued for HQ (built once, copied per test)."""
    from app.domain import services
    from app.domain.transfer import import_document

    path = tmp_path_factory.mktemp("queue") / "queue.db"
    db = open_database(path)
    site = demo_sites("DU4")[1]
    base = {"site_reference": site["reference"], "date": "2025-05-13", "activity": "CLEARANCE",
            "assets": ["MANUAL", "MDD"], "team": "DU4-MDT-03", "team_leader": "Sok Chanthy",
            "personnel": 12, "hours_worked": 7, "area_cleared_m2": 10, "clearance_depth_cm": 30,
            "items": [{"category": "AP_MINE", "model": "PMN-2", "quantity": 1, "condition": "POOR",
                       "depth_cm": 15, "disposal": "DESTROYED_IN_SITU", "lat": 13.587, "lon": 103.423}]}
    reports = [dict(base, id=str(uuid.uuid4()), notes=f"ថ្ងៃទី {i} day {i}") for i in range(5000)]
    import_document(db, {"format": "safeland/1", "sites": [site], "reports": reports},
                    accept_warnings=True)
    services.sign(db)
    db.close()
    return path


@pytest.mark.slow
def test_5000_queued_reports_go_with_bounded_memory(five_thousand_signed, db_path, hq_db,
                                                    hq_process):
    """HQ runs in its own process so only the laptop's memory is measured."""
    from app.sync.api import run_sync

    shutil.copy(five_thousand_signed, db_path)
    db = open_database(db_path)
    try:
        import_sites(hq_db, demo_sites("DU4"))
        enroll(db, hq_db, hq_process.url)
        assert outbox(db).pending == 5000
        tracemalloc.start()
        try:
            out = run_sync(db)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert out.ok, out.message
        assert out.pushed == 5000
        # The queue's JSON alone is about 5 MB; one batch of 500 at a time stays far below.
        assert peak < 16_000_000, f"peak {peak / 1e6:.1f} MB"
        assert_exactly_once(db, hq_db)
    finally:
        db.close()
