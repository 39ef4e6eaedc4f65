"""The field database's migrations: linear chain, fresh upgrade equals the models, data survives
upgrades, a backup is made first, a newer schema is refused and left untouched."""
from __future__ import annotations

import sqlite3

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from app.db import (
    NewerSchemaError,
    NotASafelandDatabase,
    alembic_config,
    head_revision,
    make_engine,
    open_database,
)
from app.models import Base


def _script() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def test_revision_chain_is_linear():
    script = _script()
    assert len(script.get_heads()) == 1
    assert len(script.get_bases()) == 1
    revs = list(script.walk_revisions())
    for rev in revs:
        assert not rev.is_merge_point and not rev.is_branch_point, rev.revision


def test_head_constant_matches_alembic():
    """app.db.HEAD_REVISION lets an up-to-date database open without importing Alembic."""
    from app.db import HEAD_REVISION

    assert HEAD_REVISION == _script().get_current_head()


def test_fresh_upgrade_equals_models(db_path):
    db = open_database(db_path)
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}),
                                Base.metadata)
    db.close()
    assert diff == []


def _revisions_oldest_first() -> list[str]:
    return [r.revision for r in reversed(list(_script().walk_revisions()))]


@pytest.mark.slow
@pytest.mark.parametrize("start", _revisions_oldest_first())
def test_data_written_at_each_revision_survives_upgrade(start, tmp_path, demo_doc):
    """Stop at `start`, write a report there with that revision's tables, then upgrade."""
    path = tmp_path / "old.db"
    engine = make_engine(path)
    command.upgrade(alembic_config(engine), start)
    engine.dispose()
    # Write with plain SQL, as the app of that revision would have (columns of revision 0001).
    con = sqlite3.connect(path)
    with con:
        con.execute("INSERT INTO sites (id, reference, name, hazard_type, contamination, status, operator,"
                    " unit, province_code, owner, created_at, updated_at) VALUES"
                    " ('5a0e0000-0000-4000-8000-000000000001', 'BS/CHA/CMAA/1', 'Old site', 'CHA', '[\"AP_MINE\"]', 'OPEN', 'CMAC', 'DU4', '17',"
                    " 'DEVICE', '2025-05-01 00:00:00', '2025-05-01 00:00:00')")
        con.execute("INSERT INTO reports (id, site_id, date, activity, assets, team, team_leader, personnel,"
                    " hours_worked, area_cleared_m2, area_reduced_m2, area_cancelled_m2, clearance_depth_cm,"
                    " notes, status, revision, own, created_at, updated_at) VALUES"
                    " ('5a0e0000-0000-4000-8000-0000000000a1', '5a0e0000-0000-4000-8000-000000000001', '2025-05-02', 'CLEARANCE', '[\"MANUAL\"]', 'T1', 'Sok', 10, 7, 500, 0, 0, 30,"
                    " 'ភ្លៀង', 'DRAFT', 0, 1, '2025-05-02 00:00:00', '2025-05-02 00:00:00')")
        item_cols = [r[1] for r in con.execute("PRAGMA table_info(report_items)")]
        cols = ["id", "report_id", "position", "category", "model", "quantity", "condition", "disposal"]
        vals = ["'5a0e0000-0000-4000-8000-0000000000b1'", "'5a0e0000-0000-4000-8000-0000000000a1'", "0",
                "'AP_MINE'", "'PMN-2'", "2", "'POOR'", "'DESTROYED_IN_SITU'"]
        if "site_id" in item_cols:  # from 0002 on, an item carries its site
            cols.append("site_id")
            vals.append("'5a0e0000-0000-4000-8000-000000000001'")
        con.execute(f"INSERT INTO report_items ({', '.join(cols)}) VALUES ({', '.join(vals)})")
    con.close()
    db = open_database(path)  # upgrades to head
    from app.domain import queries

    rep = queries.get_report(db, "5a0e0000-0000-4000-8000-0000000000a1")
    totals = queries.site_totals(db, "5a0e0000-0000-4000-8000-000000000001")
    db.close()
    assert rep is not None and rep.notes == "ភ្លៀង" and rep.area_cleared_m2 == 500
    assert rep.items[0].model == "PMN-2"
    assert [(d.model, d.quantity) for d in totals.devices] == [("PMN-2", 2)]  # items found their site
    if start != head_revision():
        assert list(tmp_path.glob("old.*.bak.db")), "no backup was made before migrating"


def test_backup_holds_the_data_as_it_was(db_path, demo_doc):
    from app.db import backup
    from app.domain.transfer import import_document

    db = open_database(db_path)
    import_document(db, demo_doc)
    copy = backup(db_path, "-test")
    db.close()
    assert copy.parent == db_path.parent and copy.name.startswith("field.")
    with sqlite3.connect(copy) as con:  # WAL content included: the backup API reads through it
        assert con.execute("SELECT count(*) FROM reports").fetchone()[0] == 100
        assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == head_revision()


def test_newer_schema_is_refused_and_untouched(db_path):
    open_database(db_path).close()
    with sqlite3.connect(db_path) as con:
        con.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    before = db_path.read_bytes()
    with pytest.raises(NewerSchemaError) as exc:
        open_database(db_path)
    assert "newer version of Safeland" in str(exc.value)
    assert db_path.read_bytes() == before
    assert not list(db_path.parent.glob("*.bak.db"))


def test_not_a_database(tmp_path):
    junk = tmp_path / "notes.db"
    junk.write_text("this is not sqlite")
    with pytest.raises(NotASafelandDatabase):
        open_database(junk)
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as con:
        con.execute("CREATE TABLE t (x)")
    with pytest.raises(NotASafelandDatabase):
        open_database(other)


@pytest.mark.slow
def test_cli_reports_newer_schema_plainly(db_path, safeland):
    open_database(db_path).close()
    with sqlite3.connect(db_path) as con:
        con.execute("UPDATE alembic_version SET version_num = 'ffff'")
    res = safeland("status")
    assert res.code == 1 and "newer version of Safeland" in res.err and "Traceback" not in res.err


def test_wal_and_foreign_keys_on_every_connection(db):
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
