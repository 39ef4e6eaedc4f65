"""A full disk, a read-only database file, a read-only folder: each its own plain sentence with
what to do, exit 1, nothing written, for import, sign and status (issue 10, finding 4; sync is
in tests/hq/test_sync_disk.py, it needs an HQ).

How each is made, honestly, also as root (where chmod does not stop writes):
- full disk: SQLite's own cap, `PRAGMA max_page_count` set to the file's size on the field
  database's connections (SQLITE_FULL, the very error a full disk gives); and, where this
  process may mount, a real 1 MB tmpfs filled to the last byte (ENOSPC from the kernel).
- read-only file and folder: `chattr +i` (immutable: even root cannot write) when running as
  root, else chmod. Skipped, saying why, when neither is possible.
"""
from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import subprocess
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import Engine, event

pytestmark = pytest.mark.slow  # the real safeland command in subprocesses, on full and read-only disks

FULL = "The disk is full: free some space and try again; nothing was written."


def _cli(capsys, db_path: Path, *args: str) -> tuple[int, str]:
    from app.cli import main

    code = main(["--db", str(db_path), *args])
    out = capsys.readouterr()
    assert "Traceback" not in out.err and "Unexpected error" not in out.err, out.err
    return code, out.err


def _counts(path: Path) -> tuple[int, int, int]:
    """(reports, drafts, outbox entries), read with plain sqlite3 (read-only, no side files)."""
    con = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
    try:
        return (con.execute("SELECT count(*) FROM reports").fetchone()[0],
                con.execute("SELECT count(*) FROM reports WHERE status='DRAFT'").fetchone()[0],
                con.execute("SELECT count(*) FROM outbox").fetchone()[0])
    finally:
        con.close()


@contextmanager
def capped(path: Path):
    """Every new connection to `path` may not grow the file: SQLITE_FULL on the first write
    that needs a new page."""
    target = os.path.realpath(path)

    def cap(dbapi_conn, _record) -> None:
        files = [row[2] for row in dbapi_conn.execute("PRAGMA database_list")]
        if files and files[0] and os.path.realpath(files[0]) == target:
            pages = dbapi_conn.execute("PRAGMA page_count").fetchone()[0]
            dbapi_conn.execute(f"PRAGMA max_page_count = {max(pages, 1)}")

    event.listen(Engine, "connect", cap)
    try:
        yield
    finally:
        event.remove(Engine, "connect", cap)


def _chattr(flag: str, path: Path) -> bool:
    if not shutil.which("chattr"):
        return False
    return subprocess.run(["chattr", flag, str(path)], capture_output=True).returncode == 0


@contextmanager
def read_only(path: Path):
    """`path` (a file or a folder) read-only even for root: chattr +i, else chmod."""
    if os.geteuid() == 0:
        if not _chattr("+i", path):
            pytest.skip("running as root and chattr +i is not available here: no honest way "
                        "to make a file read-only for this process")
        try:
            yield
        finally:
            _chattr("-i", path)
        return
    mode = path.stat().st_mode
    path.chmod(0o555 if path.is_dir() else 0o444)
    try:
        yield
    finally:
        path.chmod(mode)


def _checkpoint(path: Path) -> None:
    """Fold the WAL into the file and drop the -wal/-shm files, as a closed app leaves it."""
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.execute("PRAGMA journal_mode=DELETE")
    con.close()
    for side in ("-wal", "-shm"):
        Path(str(path) + side).unlink(missing_ok=True)


@pytest.fixture
def demo_file(tmp_path, demo_doc):
    """A field database with the demo (drafts to sign) in its own folder, closed, and the demo
    as a safeland/1 file with 100 new reports to import."""
    import json

    from app.db import open_database
    from app.domain import demo

    folder = tmp_path / "field"
    folder.mkdir()
    path = folder / "field.db"
    db = open_database(path)
    demo.fill(db)
    db.close()
    _checkpoint(path)
    doc = json.loads(json.dumps(demo_doc))
    for n, rep in enumerate(doc["reports"]):
        rep.pop("id", None)
        rep["notes"] = f"re-imported copy {n}"
    new = tmp_path / "new.json"
    new.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path, new


# --- the sorting itself ----------------------------------------------------------------------

def test_plain_disk_error_sorts_sqlite_sqlalchemy_and_os_errors(tmp_path):
    from sqlalchemy.exc import OperationalError

    from app.diskerrors import disk_error_kind, plain_disk_error

    db = tmp_path / "f.db"
    full = OperationalError("INSERT", {}, sqlite3.OperationalError("database or disk is full"))
    assert plain_disk_error(full, db) == FULL
    assert disk_error_kind(OSError(errno.ENOSPC, "No space left on device"), db)[0] == "full"
    ro = OperationalError("INSERT", {}, sqlite3.OperationalError("attempt to write a readonly database"))
    assert plain_disk_error(ro, db).startswith(f"{db} is read-only: copy it somewhere you can write")
    assert disk_error_kind(OSError(errno.EROFS, "Read-only file system", str(db)), db)[0] \
        in ("readonly_file", "readonly_folder")
    try:
        raise RuntimeError("wrapped") from OSError(errno.ENOSPC, "No space left on device")
    except RuntimeError as exc:
        assert plain_disk_error(exc, db) == FULL  # found anywhere in the chain
    assert plain_disk_error(ValueError("something else"), db) is None
    locked = OperationalError("INSERT", {}, sqlite3.OperationalError("database is locked"))
    assert plain_disk_error(locked, db) is None


# --- a full disk ----------------------------------------------------------------------------

def test_full_disk_import_and_sign_say_so_and_write_nothing(demo_file, capsys):
    path, new = demo_file
    before = _counts(path)
    with capped(path):
        code, err = _cli(capsys, path, "import", str(new), "--accept-warnings")
        assert code == 1 and FULL in err, err
        code, err = _cli(capsys, path, "sign", "--all")
        assert code == 1 and FULL in err, err
    assert _counts(path) == before  # nothing was written
    code, err = _cli(capsys, path, "sign", "--all")  # room again: it goes through
    assert code == 0, err


def test_a_really_full_filesystem_says_so(demo_file, tmp_path, safeland):
    """A tmpfs just larger than the database, filled to the last byte: the kernel's ENOSPC,
    through SQLite."""
    path, new = demo_file
    mnt = tmp_path / "small"
    mnt.mkdir()
    size_kb = path.stat().st_size // 1024 + 512
    if subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs", str(mnt)],
                      capture_output=True).returncode != 0:
        pytest.skip("this process may not mount a tmpfs; the max_page_count test covers SQLITE_FULL")
    try:
        small = mnt / "field.db"
        shutil.copy(path, small)
        fd = os.open(mnt / "filler", os.O_CREAT | os.O_WRONLY, 0o600)
        try:
            while True:
                os.write(fd, b"\0" * 4096)
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
        finally:
            os.close(fd)
        before = _counts(small)
        for args in (("import", str(new), "--accept-warnings"), ("sign", "--all")):
            r = safeland(*args, db=small)
            assert r.code == 1 and FULL in r.err, r
            assert "Traceback" not in r.err
        assert _counts(small) == before
    finally:
        subprocess.run(["umount", "-l", str(mnt)], capture_output=True)


# --- read-only file and folder --------------------------------------------------------------

def test_read_only_database_file_says_copy_it(demo_file, safeland):
    path, new = demo_file
    before = _counts(path)
    with read_only(path):
        for args in (("import", str(new), "--accept-warnings"), ("sign", "--all")):
            r = safeland(*args, db=path)
            assert r.code == 1, r
            assert f"{path} is read-only: copy it somewhere you can write" in r.err, r
            assert "Traceback" not in r.err and "Unexpected error" not in r.err
        r = safeland("status", db=path)  # reading still works, or says the same sentence
        assert r.code == 0 or f"{path} is read-only" in r.err, r
    assert _counts(path) == before


def test_read_only_folder_says_copy_the_database(demo_file, safeland):
    """SQLite must create -wal/-shm files beside the database: a read-only folder stops even
    reading. Each command says which folder and what to do."""
    path, new = demo_file
    before = _counts(path)
    with read_only(path.parent):
        for args in (("import", str(new), "--accept-warnings"), ("sign", "--all"), ("status",)):
            r = safeland(*args, db=path)
            assert r.code == 1, r
            assert f"The folder {path.parent} is read-only" in r.err, r
            assert "copy the database to a folder you can write" in r.err
            assert "Traceback" not in r.err and "Unexpected error" not in r.err
    assert _counts(path) == before


def test_import_of_deeply_nested_json_says_so(tmp_path, db_path, safeland):
    bad = tmp_path / "deep.json"
    bad.write_text("[" * 100_000 + "]" * 100_000)
    r = safeland("import", str(bad))
    assert r.code == 1 and "not accepted: nested deeper than 20 levels" in r.err, r
    assert "Unexpected error" not in r.err and "Traceback" not in r.err
    huge = tmp_path / "huge.json"
    huge.write_text('{"format": "safeland/1", "sites": [], "reports": [{"revision": ' + "1" * 400 + "}]}")
    r = safeland("import", str(huge))
    assert r.code == 1 and "reports[0].revision: an integer longer than 20 digits" in r.err, r
