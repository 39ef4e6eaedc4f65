"""Errors sorted before the user sees them (STYLE rule 9): each kind gets its own plain
sentence; the log keeps the traceback. Never a traceback in a dialog.

Thread: GUI (the classification itself is pure and may run anywhere).
"""
from __future__ import annotations

import logging
import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from .. import diskerrors, logs
from ..db import DatabaseError, NewerSchemaError, NotASafelandDatabase
from . import prompts
from .messages import issue_text

log = logging.getLogger("safeland.ui")

# Kinds of failure, each with its own way forward.
DISK_FULL, READ_ONLY_FILE, READ_ONLY_FOLDER, LOCKED, NEWER, DAMAGED, REFUSED, UNEXPECTED = (
    "disk_full", "read_only_file", "read_only_folder", "locked", "newer", "damaged", "refused",
    "unexpected")

# The database the window has open, so a read-only message can name the file or the folder
# (set by the launcher; the sorting itself is app.diskerrors', shared with the command line).
_database_path: Path | None = None


def set_database_path(path: Path | None) -> None:
    """Thread: GUI. The file a disk message should name."""
    global _database_path
    _database_path = path


@dataclass(frozen=True)
class Sorted:
    kind: str
    title: str
    text: str


def _sqlite_cause(exc: BaseException) -> BaseException:
    from sqlalchemy.exc import DBAPIError  # here: the window starts before SQLAlchemy is imported

    return exc.orig if isinstance(exc, DBAPIError) and exc.orig is not None else exc


def _disk(exc: BaseException, db_path: Path | None) -> Sorted | None:
    """Full disk, read-only file, read-only folder: app.diskerrors sorts, the window words it."""
    found = diskerrors.disk_error_kind(exc, db_path or _database_path)
    if found is None:
        return None
    kind, where = found
    if kind == diskerrors.READONLY_FOLDER:
        title = QCoreApplication.translate("Errors", "The folder is read-only")
        text = QCoreApplication.translate(
            "Errors", "Safeland could not save because the folder %1 is read-only (Safeland "
            "writes small files beside the database there). Nothing was saved. Copy the database "
            "to a folder you can write, such as Documents, and open it from there, or ask whoever "
            "looks after this laptop to make the folder writable.")
        return Sorted(READ_ONLY_FOLDER, title, text.replace("%1", where or ""))
    if kind == diskerrors.READONLY_FILE:
        title = QCoreApplication.translate("Errors", "The database is read-only")
        text = QCoreApplication.translate(
            "Errors", "Safeland could not save because the database %1 is read-only. Nothing was "
            "saved. Copy it to a folder you can write, such as Documents, and open it from there, "
            "or ask whoever looks after this laptop to make it writable.")
        return Sorted(READ_ONLY_FILE, title, text.replace("%1", where or ""))
    title = QCoreApplication.translate("Errors", "The disk is full")
    text = QCoreApplication.translate(
        "Errors", "Safeland could not save because the disk is full. Nothing was half-saved. Free "
        "some space (empty the recycle bin, remove old files) and try again.")
    return Sorted(DISK_FULL, title, text)


def classify(exc: BaseException, db_path: Path | None = None) -> Sorted:
    """Which kind of failure this is, and the sentence for it."""
    disk = _disk(exc, db_path)
    if disk is not None:
        return disk
    cause = _sqlite_cause(exc)
    text = str(cause).lower()
    if isinstance(exc, NewerSchemaError):
        return Sorted(NEWER, QCoreApplication.translate("Errors", "Made by a newer Safeland"),
                      QCoreApplication.translate(
                          "Errors", "This database was written by a newer version of Safeland. "
                          "Update Safeland to open it. The file has not been changed."))
    if isinstance(exc, NotASafelandDatabase) or isinstance(cause, sqlite3.DatabaseError) and (
            "not a database" in text or "malformed" in text or "corrupt" in text):
        return Sorted(DAMAGED, QCoreApplication.translate("Errors", "The database cannot be read"),
                      QCoreApplication.translate(
                          "Errors", "This file is damaged or is not a Safeland database. Choose "
                          "another file, or open the demo data. Safeland makes a dated backup beside "
                          "your database before every upgrade."))
    from sqlalchemy.exc import OperationalError

    from ..domain.errors import ServiceError  # with the schema's rules: not at start-up

    if isinstance(cause, sqlite3.OperationalError) and "locked" in text or \
            isinstance(exc, OperationalError) and "locked" in text:
        return Sorted(LOCKED, QCoreApplication.translate("Errors", "The database is busy"),
                      QCoreApplication.translate(
                          "Errors", "Another program is using the database. Close it and try again."))
    if isinstance(exc, ServiceError):
        return Sorted(REFUSED, QCoreApplication.translate("Errors", "Not saved"),
                      "\n".join(issue_text(i) for i in exc.issues[:10]))
    if isinstance(exc, DatabaseError):
        return Sorted(DAMAGED, QCoreApplication.translate("Errors", "The database cannot be opened"),
                      QCoreApplication.translate(
                          "Errors", "Safeland cannot open this database. Choose another file, or open "
                          "the demo data."))
    return Sorted(UNEXPECTED, QCoreApplication.translate("Errors", "Something went wrong"),
                  QCoreApplication.translate(
                      "Errors", "Safeland met an unexpected problem. Your reports are saved as you "
                      "type, so nothing should be lost. If it happens again, send the log file to "
                      "your unit's data officer."))


def show_error(parent: QWidget | None, exc: BaseException) -> Sorted:
    """Log the detail, show the plain sentence. Returns what was shown (tests read it)."""
    from ..domain.errors import ServiceError

    if isinstance(exc, ServiceError):
        log.info("refused: %s", exc)
    else:
        log.error("operation failed", exc_info=(type(exc), exc, exc.__traceback__))
    sorted_ = classify(exc)
    detail = "" if sorted_.kind == REFUSED else QCoreApplication.translate(
        "Errors", "Details are in the log file: %1").replace("%1", str(logs.log_path()))
    prompts.current().inform(parent, sorted_.title, sorted_.text, detail)
    return sorted_


def install_excepthook() -> None:
    """Any exception escaping a slot is logged and shown as a plain message."""
    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        log.error("uncaught exception", exc_info=(kind, exc, tb))
        try:
            show_error(None, exc)
        except Exception:  # the hook must never raise
            log.exception("could not show the error")

    sys.excepthook = hook
