"""The first screen read ahead: while the data layer and the views are imported, the launcher
reads what the first screen shows (app.domain.first_screen) and then the status bar's counts
(app.domain.counts) on its plain sqlite3 connection, in a thread of their own (SQLite's work
releases the GIL), and the views' first ops take those rows instead of reading them again
through the ORM (issue 14 point 4, docs/performance.md).

Each part is taken once, by the op that shows it first, and only while no write has been
submitted to the backend: the op runs on the worker in its place in the order of the ops (it
waits there for the rows), and no write comes before it, so it shows what its query would
have read. Any other time the op reads through its query as always.

Thread: `ReadAhead` is made and claimed on the GUI thread; `taken` runs on the worker.
"""
from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import TypeVar

from ..db import HEAD_REVISION
from ..domain.counts import StatusCounts, status_counts_plain
from ..domain.first_screen import FirstScreen, read_first_screen

log = logging.getLogger("safeland.ui")

T = TypeVar("T")
PARTS = ("profile", "sites", "choices", "count", "page", "site", "form_profile", "form_sites",
         "autosave")
# What the views' first ops read (their modules import the data layer; tests/ui/
# test_start_up_work.py checks these agree with app.ui.reports_model.PAGE,
# app.ui.site_page.REPORTS_SHOWN and app.ui.report_form.AUTOSAVE_KEY).
PAGE = 200
SITE_PAGE = 100
AUTOSAVE_KEY = "report-form"


class Missing(LookupError):
    """Raised by a `pick` when the rows read ahead are not the ones its op wants."""


class ReadAhead:
    """The first screen's rows (`screen`) and the status bar's counts (`counts`), read on
    `conn` in a thread of their own, started now; with `counts_conn`, the counts on that one in
    a second thread, beside the rows (each SQLite's work, which releases the GIL: on a laptop
    with a million reports the two together took 0.2 s one after the other, about the time the
    window takes to build its views). Each connection is closed once read."""

    def __init__(self, conn: sqlite3.Connection, screen: bool = True,
                 counts_conn: sqlite3.Connection | None = None,
                 counted: Future[StatusCounts] | None = None) -> None:
        """`counted`: the counts read already (`count_early`): not read again."""
        self.screen: Future[FirstScreen] = Future()
        self.counts: Future[StatusCounts] = counted or Future()
        self._unclaimed = set(PARTS) if screen else set()
        if not screen:
            self.screen.cancel()
        reads: list[tuple[Future, Callable[[sqlite3.Connection], object]]] = [(self.screen, _first_screen)]
        if counted is None:
            reads.append((self.counts, status_counts_plain))
        elif counts_conn is not None:
            counts_conn.close()
            counts_conn = None
        jobs = [(conn, reads)] if counts_conn is None else [(conn, reads[:1]), (counts_conn, reads[1:])]
        for connection, its_reads in jobs:
            threading.Thread(target=_read, args=(connection, its_reads), name="safeland-read-ahead",
                             daemon=True).start()

    def claim(self, part: str) -> Future[FirstScreen] | None:
        """The rows for `part` (one of PARTS), once; None if taken already. Thread: GUI."""
        if part not in self._unclaimed:
            return None
        self._unclaimed.discard(part)
        return self.screen

    def forget(self) -> None:
        """A write was submitted: what was read ahead may be out of date. Thread: GUI."""
        self._unclaimed.clear()


class EarlyCounts(Future[StatusCounts]):
    """count_early's counts, and what the database's files were when they began."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path, self._stamp = path, _file_stamp(path)

    def still_current(self, path: Path) -> bool:
        """The counts are of `path` and nothing was committed to it since they began: its file
        and its WAL (where every commit goes, in WAL mode) have the size and time they had.
        Thread: GUI (the launcher, once it holds the lock)."""
        return path == self.path and _file_stamp(path) == self._stamp


def _file_stamp(path: Path) -> list[tuple[int, int] | None]:
    """The database file's and its WAL's time and size; an empty WAL as none (a reader of a
    file in WAL mode may create it: only a commit fills it)."""
    stamp: list[tuple[int, int] | None] = []
    for file in (path, path.with_name(path.name + "-wal")):
        try:
            st = file.stat()
        except OSError:
            stamp.append(None)
        else:
            stamp.append((st.st_mtime_ns, st.st_size) if st.st_size else None)
    return stamp


def count_early(path: Path) -> EarlyCounts | None:
    """The status bar's counts of the database at `path`, read from now in a thread of their
    own, before the window is even shown and before the launcher takes the database's lock (a
    read in WAL takes no lock, and a read-only connection changes nothing); None when the
    file is not a database at head, or cannot be read so (the launcher opens, migrates or
    refuses it, and counts then). The launcher takes them only if it then gets the lock on that
    same file at once and nothing was committed to it since they began
    (`EarlyCounts.still_current`: a Safeland closing may write until it lets the lock go).
    Thread: GUI."""
    try:
        with open(path, "rb") as fh:
            if fh.read(16) != b"SQLite format 3\x00":
                return None
        counted = EarlyCounts(path)  # the file as it is before the count reads it
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=0,
                               isolation_level=None, check_same_thread=False)
    except (OSError, sqlite3.Error):
        return None
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error:
        row = None
    if row is None or row[0] != HEAD_REVISION:
        conn.close()
        return None
    threading.Thread(target=_read, args=(conn, [(counted, status_counts_plain)]),
                     name="safeland-count-early", daemon=True).start()
    return counted


def _read(conn: sqlite3.Connection,
          reads: list[tuple[Future, Callable[[sqlite3.Connection], object]]]) -> None:
    try:
        for future, read in reads:
            if not future.set_running_or_notify_cancel():
                continue
            try:
                future.set_result(read(conn))
            except BaseException as exc:  # noqa: BLE001 - the ops read again on the worker
                future.set_exception(exc)
    finally:
        conn.close()


def _first_screen(conn: sqlite3.Connection) -> FirstScreen:
    conn.execute("BEGIN")
    try:
        return read_first_screen(conn, PAGE, SITE_PAGE, AUTOSAVE_KEY)
    finally:
        conn.execute("COMMIT")


def taken(ahead: Future[FirstScreen] | None, pick: Callable[[FirstScreen], T],
          read: Callable[[], T]) -> T:
    """`pick` of the rows read ahead (waited for here, in the order of the ops), or `read()`
    when there are none, they could not be read, or `pick` raised Missing. Thread: the worker."""
    if ahead is not None:
        try:
            screen = ahead.result()
        except Exception as exc:  # noqa: BLE001 - read again below; the log keeps why
            log.info("the first screen read ahead failed (%s); reading it again", exc)
        else:
            try:
                return pick(screen)
            except Missing:
                pass
    return read()
