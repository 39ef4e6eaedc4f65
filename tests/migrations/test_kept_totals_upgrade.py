"""Migration 0004 fills the kept site totals from what an older database holds: a laptop's
database of revision 0003 (the committed fixture, written by the Safeland of that revision),
opened with today's code, shows every site's totals as its reports and items give them, with
every report and item still there, and keeps them right through the writes that follow."""
from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from tests.helpers.kept_totals import assert_kept_totals_right

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _counts(path: Path) -> dict[str, int]:
    con = sqlite3.connect(path)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("sites", "reports", "report_items", "report_revisions", "outbox")}
    finally:
        con.close()


def test_upgrade_from_0003_counts_the_totals_of_the_reports_there(db_path):
    from app.db import open_database
    from app.domain import services

    shutil.copyfile(FIXTURES / "field-0003.db", db_path)
    before = _counts(db_path)
    db = open_database(db_path)  # backs up, migrates to head
    try:
        assert _counts(db_path) == before
        assert assert_kept_totals_right(db) == 4
        # The writes after the upgrade keep them: the drafts signed, one deleted first.
        con = sqlite3.connect(db_path)
        draft = con.execute("SELECT id FROM reports WHERE status = 'DRAFT' ORDER BY id").fetchone()[0]
        con.close()
        services.delete_draft(db, draft)
        services.sign(db)
        assert assert_kept_totals_right(db) == 4
    finally:
        db.close()
