"""`safeland sync` on a full disk or a read-only database file: a plain sentence with what to
do, exit 1, nothing lost; once there is room again the next sync completes, exactly once.
Against a real HQ on both backends (how the disk is made full or read-only: see
tests/unit/test_disk_messages.py)."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.synchq import assert_exactly_once, demo_sites, enroll, import_sites, outbox
from tests.unit.test_disk_messages import FULL, capped, read_only

pytestmark = pytest.mark.slow  # real syncs against a real HQ on a full or read-only disk


def _enrolled(db, hq, hq_db):
    from app.domain import demo

    demo.fill(db)
    import_sites(hq_db, demo_sites("DU4"))
    enroll(db, hq_db, hq.url, unit="DU4")


def test_sync_on_a_full_disk_says_free_space_and_loses_nothing(db, db_path, hq, hq_db, capsys):
    from app.cli import main

    _enrolled(db, hq, hq_db)
    with capped(db_path):
        db.engine.dispose()  # new connections: capped
        code = main(["--db", str(db_path), "sync"])
    err = capsys.readouterr().err
    assert code == 1 and FULL in err, err
    assert "Traceback" not in err and "Unexpected error" not in err
    db.engine.dispose()
    assert main(["--db", str(db_path), "sync"]) == 0, capsys.readouterr().err
    counts = outbox(db)
    assert (counts.pending, counts.applied) == (0, 90)
    assert_exactly_once(db, hq_db)


def test_sync_on_a_read_only_file_says_copy_it(db, db_path, hq, hq_db, safeland):
    _enrolled(db, hq, hq_db)
    db.engine.dispose()
    _checkpoint_keep_wal(db_path)
    with read_only(db_path):
        r = safeland("sync")
        assert r.code == 1, r
        assert f"{db_path} is read-only: copy it somewhere you can write" in r.err, r
        assert "Traceback" not in r.err and "Unexpected error" not in r.err
        r = safeland("status")
        assert r.code == 0 or f"{db_path} is read-only" in r.err, r
    r = safeland("sync")  # writable again: HQ's answers are taken, nothing twice
    assert r.code == 0, r
    assert_exactly_once(db, hq_db)


def _checkpoint_keep_wal(path: Path) -> None:
    import sqlite3

    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
