"""Disk trouble in plain words: a full disk, a read-only database file, a read-only folder.

`plain_disk_error(exc, db_path)` sorts an exception (SQLite's or SQLAlchemy's OperationalError,
or an OSError, anywhere in its chain) into one sentence that says what happened and what to do,
or None when it is not disk trouble. Used by the command line (app/cli.py); the window can use
the same sorting (its translated wording is the window's own).

In every case SQLite has rolled the transaction back, so nothing was written: the sentences say
so. Kinds: `full`, `readonly_file`, `readonly_folder`.
"""
from __future__ import annotations

import errno
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

FULL, READONLY_FILE, READONLY_FOLDER = "full", "readonly_file", "readonly_folder"

_FULL_ERRNOS = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
_READONLY_ERRNOS = {errno.EROFS, errno.EACCES, errno.EPERM}


def _chain(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    todo: list[BaseException | None] = [exc]
    while todo:
        e = todo.pop()
        if e is None or id(e) in seen:
            continue
        seen.add(id(e))
        yield e
        todo.extend([getattr(e, "orig", None), e.__cause__, e.__context__])


def disk_error_kind(exc: BaseException, db_path: Path | str | None = None) -> tuple[str, str | None] | None:
    """(kind, the path concerned or None) for disk trouble, else None."""
    for e in _chain(exc):
        if isinstance(e, OSError) and not isinstance(e, sqlite3.Error):
            if e.errno in _FULL_ERRNOS:
                return FULL, e.filename
            if e.errno in _READONLY_ERRNOS:
                return _readonly(e.filename or db_path, e.errno == errno.EROFS)
        if isinstance(e, sqlite3.Error) or type(e).__name__ == "OperationalError":
            found = message_kind(str(e), db_path)
            if found is not None:
                return found
    return None


def message_kind(message: str, db_path: Path | str | None = None) -> tuple[str, str | None] | None:
    """The same sorting for SQLite's message alone (e.g. a SyncOutcome's detail)."""
    message = message.lower()
    if "database or disk is full" in message or ("disk i/o error" in message and _full(db_path)):
        return FULL, str(db_path) if db_path else None
    if "attempt to write a readonly database" in message or "readonly database" in message:
        return _readonly(db_path, False, folder_first=True)
    if "unable to open database file" in message:
        return _readonly(db_path, False, folder_first=True)
    return None


def _full(db_path: Path | str | None) -> bool:
    """Whether the database's filesystem has (almost) no room left: a disk I/O error there is
    most likely the disk filling up mid-write."""
    if not db_path:
        return False
    try:
        st = os.statvfs(Path(db_path).parent)
    except OSError:
        return False
    return st.f_bavail * st.f_frsize < 1_000_000


def _readonly(path: Path | str | None, mount: bool, folder_first: bool = False) -> tuple[str, str | None]:
    """A read-only file, or a folder SQLite cannot create its -wal/-journal files in. The
    folder is to blame when the file itself could be opened for writing but a new file beside
    it cannot be created (probed for real: as root, os.access says yes to everything)."""
    if path is None:
        return READONLY_FILE, None
    p = Path(path)
    if folder_first or mount:
        if not _can_create_in(p.parent):
            return READONLY_FOLDER, str(p.parent)
    return READONLY_FILE, str(p)


def _can_create_in(folder: Path) -> bool:
    probe = folder / f".safeland-write-probe-{os.getpid()}"
    try:
        fd = os.open(probe, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        return True
    except OSError:
        return False
    os.close(fd)
    try:
        os.unlink(probe)
    except OSError:
        pass
    return True


def plain_disk_error(exc: BaseException, db_path: Path | str | None = None) -> str | None:
    """One plain sentence (English) for disk trouble behind `exc`, or None."""
    found = disk_error_kind(exc, db_path)
    return None if found is None else sentence(*found)


def plain_disk_message(message: str | None, db_path: Path | str | None = None) -> str | None:
    """`plain_disk_error` for SQLite's message text alone."""
    found = message_kind(message or "", db_path)
    return None if found is None else sentence(*found)


def sentence(kind: str, where: str | None) -> str:
    """The plain sentence for a kind of disk trouble (English; the window translates its own)."""
    if kind == FULL:
        return "The disk is full: free some space and try again; nothing was written."
    if kind == READONLY_FOLDER:
        return (f"The folder {where} is read-only, and Safeland must create small files beside "
                "the database there: copy the database to a folder you can write (and open it "
                "with --db), or ask whoever looks after this computer to make the folder "
                "writable; nothing was written.")
    name = where or "The database"
    return (f"{name} is read-only: copy it somewhere you can write (and open it with --db), or "
            "ask whoever looks after this computer to make it writable; nothing was written.")
