"""`app.db.open_plain`, the fast door for `safeland sheet` and the window's first screen: it must
open exactly what `open_database` opens, with the same pragmas, and send every file that is not
up to date through `open_database` (backup, migration, the same refusals)."""
from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app.db import HEAD_REVISION, NewerSchemaError, NotASafelandDatabase, open_plain

FIXTURES = Path(__file__).parent / "fixtures"


def _revision(path: Path) -> str:
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    finally:
        con.close()


def test_an_up_to_date_file_opens_with_the_engines_pragmas(demo_db, db_path):
    demo_db.close()
    conn = open_plain(db_path)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert conn.in_transaction is False  # autocommit until an explicit BEGIN
        assert conn.execute("SELECT count(*) FROM reports").fetchone()[0] > 0
    finally:
        conn.close()
    assert list(db_path.parent.glob("*.bak*")) == []  # nothing to back up: nothing migrated


def test_a_missing_file_is_created_at_head(tmp_path):
    path = tmp_path / "new" / "field.db"
    open_plain(path).close()
    assert _revision(path) == HEAD_REVISION


def test_an_older_file_is_backed_up_and_migrated_first(tmp_path):
    path = tmp_path / "field.db"
    shutil.copy(FIXTURES / "field-0003.db", path)
    conn = open_plain(path)
    try:  # the kept totals of 0004 exist and were filled from the old rows
        assert conn.execute("SELECT count(*) FROM site_totals").fetchone()[0] > 0
    finally:
        conn.close()
    assert _revision(path) == HEAD_REVISION
    backups = list(tmp_path.glob("field.*-before-*.bak.db"))
    assert len(backups) == 1 and _revision(backups[0]) == "0003"


def test_a_newer_or_foreign_file_is_refused_untouched(tmp_path, demo_db, db_path):
    demo_db.close()
    con = sqlite3.connect(db_path)
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.commit()
    con.close()
    before = db_path.read_bytes()
    with pytest.raises(NewerSchemaError):
        open_plain(db_path)
    assert db_path.read_bytes() == before

    text = tmp_path / "notes.db"
    text.write_text("not a database")
    with pytest.raises(NotASafelandDatabase):
        open_plain(text)
    assert text.read_text() == "not a database"


def test_opening_an_up_to_date_file_imports_no_sqlalchemy(demo_db, db_path):
    """The point of the door: a process that opens the file plainly never loads SQLAlchemy or
    Alembic (their import is about 0.4 s of `safeland sheet`)."""
    demo_db.close()
    code = ("import sys; from app.db import open_plain; c = open_plain(sys.argv[1]); "
            "c.execute('SELECT 1 FROM reports').fetchone(); c.close(); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'alembic')))")
    out = subprocess.run([sys.executable, "-c", code, str(db_path)], capture_output=True,
                         text=True, check=True, cwd=Path(__file__).parents[2]).stdout
    assert out.strip() == "[]"
