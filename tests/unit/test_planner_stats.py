"""The field database keeps SQLite's planner statistics (issue 14): a database with reports and
no statistics gets them when it is opened; fresh ones are not taken again."""
from __future__ import annotations

import sqlite3

from app.db import open_database


def _stats(path) -> list[tuple]:
    con = sqlite3.connect(path)
    try:
        if not con.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").fetchone():
            return []
        return con.execute("SELECT tbl, idx, stat FROM sqlite_stat1 ORDER BY tbl, idx").fetchall()
    finally:
        con.close()


def test_statistics_are_taken_when_missing_and_kept_when_fresh(demo_db, db_path):
    demo_db.close()
    con = sqlite3.connect(db_path)
    con.execute("DROP TABLE IF EXISTS sqlite_stat1")
    con.commit()
    con.close()
    assert _stats(db_path) == []

    open_database(db_path).close()
    taken = _stats(db_path)
    assert any(tbl == "reports" for tbl, _idx, _stat in taken)

    again = open_database(db_path)
    assert again.optimize() is False  # fresh: nothing to do
    again.close()
