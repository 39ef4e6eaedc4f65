"""Old-schema fixtures: a small database written by the Safeland of each past revision
(tests/migrations/fixtures/field-<rev>.db, made by scripts/make_schema_fixture.py; see
docs/testing-fixtures.md), opened with today's code. Every row survives unchanged, the hash
chain still verifies, and signing afterwards queues only the drafts, each revision once."""
from __future__ import annotations

import importlib.util
import json
import shutil
import sqlite3
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _load_maker():  # the script as a module: one manifest code for both sides
    spec = importlib.util.spec_from_file_location("make_schema_fixture",
                                                  ROOT / "scripts" / "make_schema_fixture.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


maker = _load_maker()
REVISIONS = [rev for rev, _ in maker.revisions()]


def test_there_is_a_fixture_for_every_revision():
    """A new migration needs its fixture: scripts/make_schema_fixture.py REV (the docs say how)."""
    from app.db import HEAD_REVISION

    assert REVISIONS[-1] == HEAD_REVISION
    missing = [rev for rev in REVISIONS
               if not (FIXTURES / f"field-{rev}.db").exists()
               or not (FIXTURES / f"field-{rev}.json").exists()]
    assert not missing, (f"no old-schema fixture for revision(s) {missing}: run "
                         f"`.venv/bin/python scripts/make_schema_fixture.py REV` and commit both files")
    extra = sorted({p.stem.removeprefix("field-") for p in FIXTURES.glob("field-*.*")} - set(REVISIONS))
    assert not extra, f"fixtures of unknown revisions: {extra}"


@pytest.mark.parametrize("rev", REVISIONS)
def test_fixture_is_as_committed(rev):
    """The committed file is still at its own revision (never opened in place, which would have
    migrated it), small, and matches its manifest."""
    path = FIXTURES / f"field-{rev}.db"
    assert path.stat().st_size < maker.MAX_BYTES
    assert not path.with_name(path.name + "-wal").exists()
    expected = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    got = maker.manifest(path)
    assert got["revision"] == rev == expected["revision"]
    assert got == {k: v for k, v in expected.items() if k != "made_with"}
    # What the data set is meant to hold (a fixture without these would test little).
    assert expected["drafts"], "no drafts"
    assert max(int(k.rsplit("|", 1)[1]) for k in expected["revisions"]) >= 2, "no amendment"
    assert set(expected["outbox_states"]) == {"APPLIED", "REFUSED", "PENDING"}


def _verify_chain(con: sqlite3.Connection) -> dict[tuple[str, int], str]:
    """Every report's signed revisions chain from 1 with today's revision_hash; the report row
    and the outbox carry the same hashes. Returns {(report, revision): hash}."""
    from safeland_core.records import revision_hash

    chain: dict[tuple[str, int], str] = {}
    by_report: dict[str, list] = {}
    for rid, rev, content, digest, prev in con.execute(
            "SELECT report_id, revision, content, hash, prev_hash FROM report_revisions "
            "ORDER BY report_id, revision"):
        by_report.setdefault(rid, []).append((rev, json.loads(content), digest, prev))
    for rid, revs in by_report.items():
        assert [r[0] for r in revs] == list(range(1, len(revs) + 1)), rid
        prev_hash = None
        for rev, content, digest, prev in revs:
            assert prev == prev_hash, f"{rid} revision {rev}: chain broken"
            assert revision_hash(content, prev) == digest, f"{rid} revision {rev}: hash does not verify"
            chain[(rid, rev)] = digest
            prev_hash = digest
        status, current, row_hash = con.execute(
            "SELECT status, revision, hash FROM reports WHERE id = ?", (rid,)).fetchone()
        assert (current, row_hash) == (revs[-1][0], revs[-1][2]), rid
    for rid, rev, payload in con.execute("SELECT record_id, revision, payload FROM outbox"):
        assert json.loads(payload)["hash"] == chain[(rid, rev)], f"outbox {rid} {rev}"
    return chain


def _outbox(con: sqlite3.Connection) -> Counter:
    return Counter(con.execute("SELECT record_id, revision FROM outbox").fetchall())


@pytest.mark.parametrize("rev", REVISIONS)
def test_old_database_opens_with_todays_code(rev, db_path, safeland):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from app.db import HEAD_REVISION, open_database
    from app.models import Base

    expected = json.loads((FIXTURES / f"field-{rev}.json").read_text(encoding="utf-8"))
    shutil.copyfile(FIXTURES / f"field-{rev}.db", db_path)

    db = open_database(db_path)  # backs up, then migrates to today's head
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}),
                                Base.metadata)
    db.close()
    assert diff == [], "the migrated database differs from today's models"
    if rev != HEAD_REVISION:
        backups = list(db_path.parent.glob("field.*.bak.db"))
        assert len(backups) == 1, "no backup was made before migrating"
        assert maker.manifest(backups[0])["tables"] == expected["tables"], "the backup differs"

    con = sqlite3.connect(db_path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == HEAD_REVISION
        # Every row of every table survives, with the same content in the columns it had then.
        for table, spec in expected["tables"].items():
            now_cols = [c[1] for c in con.execute(f'PRAGMA table_info("{table}")')]
            assert now_cols, f"table {table} is gone"
            dropped = set(spec["columns"]) - set(now_cols)
            assert not dropped, f"{table}: columns {sorted(dropped)} are gone"
            assert maker.table_rows(con, table, spec["columns"], spec["key"]) == spec["rows"], \
                f"{table}: rows changed by the migration"
        chain = _verify_chain(con)
        assert {f"{r}|{v}": h for (r, v), h in chain.items()} == expected["revisions"]
        outbox_before = _outbox(con)
    finally:
        con.close()
    assert set(outbox_before.values()) == {1}

    # Signing afterwards signs exactly the drafts and queues each once; again, nothing.
    r = safeland("sign", "--all")
    assert r.code == 0, r
    n = len(expected["drafts"])
    assert f"Signed {n} report" in r.out, r
    r = safeland("sign", "--all")
    assert r.code == 0 and "Signed 0 reports" in r.out, r

    con = sqlite3.connect(db_path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        drafts = [d for (d,) in con.execute("SELECT id FROM reports WHERE status = 'DRAFT'")]
        assert drafts == []
        outbox_after = _outbox(con)
        chain_after = _verify_chain(con)
        new = set(chain_after) - set(chain)
        assert new == {(d, 1) for d in expected["drafts"]}, "signing changed other reports"
        assert set(outbox_after.values()) == {1}, "a revision is queued twice"
        assert set(outbox_after) - set(outbox_before) == new
        assert set(outbox_after) == set(chain_after), "a signed revision is not queued"
        # The entries HQ had answered keep their state; only the new ones wait.
        states = dict(con.execute("SELECT state, count(*) FROM outbox GROUP BY state").fetchall())
        want = dict(expected["outbox_states"])
        want["PENDING"] = want.get("PENDING", 0) + n
        assert states == want
        spec = expected["tables"]["outbox"]
        rows = maker.table_rows(con, "outbox", spec["columns"], spec["key"])
        assert {k: rows[k] for k in spec["rows"]} == spec["rows"], "old outbox entries changed"
    finally:
        con.close()

    r = safeland("status", "--json")
    assert r.code == 0, r
    counts = json.loads(r.out)
    assert counts["drafts"] == 0
    assert counts["reports"] == len(expected["tables"]["reports"]["rows"])
