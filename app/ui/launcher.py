"""Opening a database into the main window, and saying plainly why not.

The launcher takes a lock beside the database file (a second Safeland window on the same file
would write behind the first one's back), opens and migrates the database, and fills the window
with it. Anything that goes wrong gets a plain message and a way forward: choose another file,
open the demo data, or quit; the log keeps the detail.

Imported by app.ui.main once the window is painted. The launcher imports nothing of the data
layer: once the lock is taken it opens the file with plain sqlite3 (app.db.open_plain, checked
and at head) and reads the first screen on that connection in a thread of its own
(app.ui.read_ahead: SQLite's work, which releases the GIL) while the views are built, and the
status bar's figures beside it (or takes those app.ui.main began before the paint, when it got
the lock at once); the views' first ops take those rows. The backend opens the database itself
(`open_database`, SQLAlchemy) on its worker once the first screen is shown, or when an op
first needs it (issue 14 point 4, docs/architecture.md "Who imports the data layer").

Thread: GUI.
"""
from __future__ import annotations

import logging
import sqlite3
from concurrent.futures import Future
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLockFile

from .. import logs
from ..db import connect_plain, open_plain
from ..domain.counts import StatusCounts
from . import prompts
from .i18n import Languages
from .main_window import MainWindow
from .read_ahead import EarlyCounts, ReadAhead

if TYPE_CHECKING:
    from ..db import Database

log = logging.getLogger("safeland.ui")

DEMO_FILE = "safeland-demo.db"
DEMO_PROFILE = ("CMAC", "DU5", "DU5-MDT-02", "Keo Sarath")


class Launcher:
    """Opens databases into windows, one window per database, and says plainly why not."""

    def __init__(self, languages: Languages, window: MainWindow | None = None) -> None:
        """`window`: a window already shown, still without a database, to open into."""
        self.languages = languages
        self.window: MainWindow | None = window
        self._lock: QLockFile | None = None

    def open(self, path: Path, demo_data: bool = False,
             counted: EarlyCounts | None = None) -> bool:
        """Open `path` in a window (replacing the current one). False when the user quit.
        `counted`: the status bar's counts of `path` read before the lock (app.ui.read_ahead.
        count_early), taken if the lock is had at once and nothing was written since; for the
        first try only (another file, or the same after an error, is counted again)."""
        while True:
            lock = QLockFile(str(path) + ".lock")
            lock.setStaleLockTime(0)  # a lock is stale only when its process is gone
            path.parent.mkdir(parents=True, exist_ok=True)
            if not lock.tryLock(200):
                counted = None  # another window has it: it may have written since
                choice = prompts.current().choose(
                    self.window, QCoreApplication.translate("Launcher", "Already open"),
                    QCoreApplication.translate(
                        "Launcher", "This database is already open in another Safeland window. "
                        "Use that window, or choose another file."),
                    [QCoreApplication.translate("Launcher", "Choose another file…"),
                     QCoreApplication.translate("Launcher", "Quit")],
                    str(path))
                path = self._other_file(path) if choice == 0 else None
                if path is None:
                    return False
                continue
            if counted is not None and not counted.still_current(path):
                counted = None  # written to before we held the lock (a Safeland closing)
            try:
                plain = open_plain(path)  # checked, migrated if need be; no SQLAlchemy
                # The demo data are written first (_fill_demo): their rows come after that.
                ahead = None if demo_data else _read_ahead(plain, path, counted)
                if ahead is None:
                    plain.close()
            except Exception as exc:  # sorted and shown below, logged with detail
                lock.unlock()
                counted = None  # whatever comes next is counted afresh
                log.error("cannot open %s", path, exc_info=exc)
                next_path = self._way_forward(path, exc)
                if next_path is None:
                    return False
                path, demo_data = next_path
                continue
            self._show(path, lock, demo_data, ahead)
            return True

    def _way_forward(self, path: Path, exc: BaseException) -> tuple[Path, bool] | None:
        from .errors import DISK_FULL, classify

        problem = classify(exc, path)
        detail = QCoreApplication.translate(
            "Launcher", "File: %1\nDetails are in the log file: %2").replace(
            "%1", str(path)).replace("%2", str(logs.log_path()))
        if problem.kind == DISK_FULL:
            choices = [QCoreApplication.translate("Launcher", "Try again"),
                       QCoreApplication.translate("Launcher", "Quit")]
            return (path, False) if prompts.current().choose(
                self.window, problem.title, problem.text, choices, detail) == 0 else None
        choices = [QCoreApplication.translate("Launcher", "Choose another file…"),
                   QCoreApplication.translate("Launcher", "Open the demo data"),
                   QCoreApplication.translate("Launcher", "Quit")]
        choice = prompts.current().choose(self.window, problem.title, problem.text, choices, detail)
        if choice == 0:
            other = self._other_file(path)
            return (other, False) if other else None
        if choice == 1:
            return path.with_name(DEMO_FILE), True
        return None

    def _other_file(self, path: Path) -> Path | None:
        chosen = prompts.current().choose_file(
            self.window, QCoreApplication.translate("Launcher", "Choose a Safeland database"),
            str(path.parent))
        return Path(chosen) if chosen else None

    def _show(self, path: Path, lock: QLockFile, demo_data: bool,
              ahead: ReadAhead | None = None) -> None:
        from .errors import set_database_path
        from .ops import Backend

        set_database_path(path)
        old, old_lock = self.window, self._lock
        backend = Backend(path)  # the database opened on its worker (at head: open_plain said so)
        backend.ahead = ahead
        try:
            if old is not None and old.ws is None:  # the window painted while the database opened
                window, old = old, None
                window.demo = demo_data
                window.attach(backend)
            else:
                window = MainWindow(backend, self.languages, demo=demo_data)
                window.show()
        except BaseException:
            backend.close()  # stops its worker thread and closes the database
            lock.unlock()
            raise
        if ahead is not None:
            window.status.count_ahead(ahead.counts)
        window.open_demo.connect(self.open_demo)
        self.window, self._lock = window, lock
        if old is not None:
            old.close()
        if old_lock is not None:
            old_lock.unlock()
        if demo_data:
            self._fill_demo(window)
        else:
            window.start()

    def _fill_demo(self, window: MainWindow) -> None:
        from ..domain.rows import Changes
        from .ops import WriteOp

        def fill(db: Database) -> Changes:
            from ..domain import demo, services

            if not services_empty(db):
                return services.Changes()
            demo.fill(db)
            services.save_profile(db, *DEMO_PROFILE, language=self.languages.code)
            return services.Changes(sites=True, reports=True, outbox=True, profile=True)

        WriteOp(window.backend, fill, success=lambda _c: window.start(), parent=window,
                label=QCoreApplication.translate("Launcher", "Writing the demo data…")).run()

    def open_demo(self) -> None:
        """The demo data live in their own file beside the database, never mixed with real
        reports (which would otherwise sync to HQ)."""
        current = self.window.backend.path if self.window else Path(".")
        self.open(current.with_name(DEMO_FILE), demo_data=True)


def count_ahead(conn: sqlite3.Connection) -> Future[StatusCounts]:
    """The status bar's counts alone read on `conn` (a plain connection, closed once read) in a
    thread of their own, started now. Thread: GUI; the reading, its own."""
    return ReadAhead(conn, screen=False).counts


def _read_ahead(plain: sqlite3.Connection, path: Path,
                counted: Future[StatusCounts] | None = None) -> ReadAhead:
    """The first screen on `plain` and the status bar's counts on a second connection (unless
    `counted` already), each in a thread of its own (app.ui.read_ahead); the connections closed
    once read."""
    if counted is not None:
        return ReadAhead(plain, counted=counted)
    try:
        second = connect_plain(path)
    except BaseException:
        plain.close()
        raise
    return ReadAhead(plain, counts_conn=second)


def services_empty(db: Database) -> bool:
    from ..domain.queries import status_counts

    return status_counts(db).sites == 0
