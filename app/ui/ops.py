"""The GUI's two doors to the database: `QueryOp` (reads) and `WriteOp` (writes), after Anki's
QueryOp/CollectionOp. Both run their function on the one worker thread of a `Backend`; results
come back on the GUI thread by queued signal. A write returns `Changes` (or `(value, Changes)`),
and the backend's `changed` signal announces it to every view, with the widget that started it
so that a view can ignore its own change.

Long work is quiet, then visible: a busy cursor after 300 ms and, for ops given a label, a
progress dialog after 600 ms (STYLE rule 8).

The database itself may be opened on the worker: `Backend(path)` opens it there
(`app.db.open_database`, which imports SQLAlchemy) when an op first needs it, or on `prepare()`
(the window asks just after its first screen is shown: app.ui.workspace). An op given `ahead`
rows (app.ui.read_ahead) takes them instead of running its read and so needs no database: the
window's first screen is shown from the rows read ahead, and SQLAlchemy is imported after it,
on the worker.

Thread: construct and run ops on the GUI thread only; the op's function runs on the worker.
"""
from __future__ import annotations

import itertools
import logging
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QThread, QTimer, Signal
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from ..domain.rows import Changes
from .read_ahead import taken

if TYPE_CHECKING:
    from ..db import Database
    from ..domain.first_screen import FirstScreen
    from .read_ahead import ReadAhead

# Rows read ahead for an op: the future the launcher's read fills (None: nothing read ahead)
# and what the op takes of them (app.ui.read_ahead.taken).
Ahead = tuple["Future[Any] | None", Callable[[Any], Any]]

log = logging.getLogger(__name__)

BUSY_CURSOR_MS = 300
PROGRESS_DIALOG_MS = 600


class _Worker(QThread):
    """The one worker thread: runs jobs in order, one at a time (so SQLite never reports
    "database is locked" between our own threads). Emits `done(job_id)`; the outcome waits
    in `take(job_id)`. (Only an int crosses the thread boundary in the signal: PySide6 has
    mishandled the reference count of a queued `object` argument that is None.)"""

    done = Signal(int)

    def __init__(self, database: Callable[[], Database]) -> None:
        super().__init__()
        self._database = database
        self._jobs: queue.Queue[tuple[int, Callable[[Database], Any], Ahead | None] | None] = queue.Queue()
        self._results: dict[int, tuple[bool, Any]] = {}
        self._lock = threading.Lock()

    def submit(self, job_id: int, fn: Callable[[Database], Any], ahead: Ahead | None = None) -> None:
        """Queue `fn(db)`; with `ahead`, its rows read ahead instead when there are some (the
        database is then not needed). Job id 0: no outcome is kept. Thread: GUI."""
        self._jobs.put((job_id, fn, ahead))

    def stop(self) -> None:
        """Finish the jobs already queued, then end. Thread: GUI."""
        self._jobs.put(None)
        self.wait()

    def run(self) -> None:  # the worker thread
        while True:
            job = self._jobs.get()
            if job is None:
                return
            job_id, fn, ahead = job
            try:
                result, ok = self._run(fn, ahead), True
            except BaseException as exc:  # noqa: BLE001 - handed to the GUI thread, logged there
                result, ok = exc, False
            if job_id == 0:
                if not ok:
                    log.warning("background job failed: %s", result)
                continue
            with self._lock:
                self._results[job_id] = (ok, result)
            self.done.emit(job_id)

    def _run(self, fn: Callable[[Database], Any], ahead: Ahead | None) -> Any:
        if ahead is None:
            return fn(self._database())
        future, pick = ahead
        return taken(future, pick, lambda: fn(self._database()))

    def take(self, job_id: int) -> tuple[bool, Any]:
        """The outcome of a finished job (once). Thread: GUI."""
        with self._lock:
            return self._results.pop(job_id, (False, RuntimeError("lost job result")))


class Backend(QObject):
    """One open database, its worker thread, and the app-wide "what changed" signal."""

    changed = Signal(object, object)  # Changes, initiator (the widget that asked, or None)
    idle = Signal()  # no op in flight any more (tests wait on this)

    def __init__(self, db: Database | Path, parent: QObject | None = None) -> None:
        """`db`: an open database, or the path of one already checked and at head
        (`app.db.open_plain`), opened on the worker when an op first needs it."""
        super().__init__(parent)
        self._db: Database | None = None if isinstance(db, Path) else db
        self.path: Path = db if isinstance(db, Path) else db.path
        self._opening = threading.Lock()
        self._ids = itertools.count(1)
        self._pending: dict[int, Callable[[bool, Any], None]] = {}
        self._worker = _Worker(lambda: self.db)
        self._worker.done.connect(self._finished, Qt.ConnectionType.QueuedConnection)
        self._worker.start()
        self._closed = False
        self.ahead: ReadAhead | None = None  # the first screen read ahead (the launcher's)
        self._prepared = False

    def claim_ahead(self, part: str) -> Future[FirstScreen] | None:
        """The first screen's rows for `part` read ahead (app.ui.read_ahead), once, while no
        write has been submitted; else None (read through the queries). Thread: GUI."""
        return None if self.ahead is None else self.ahead.claim(part)

    @property
    def db(self) -> Database:
        """The open database, opened now if it is not yet (SQLAlchemy imported then). Thread:
        the worker, as a rule (its ops); any thread may ask, one opens it."""
        with self._opening:
            if self._db is None:
                from ..db import open_database

                self._db = open_database(self.path)
            return self._db

    @property
    def closed(self) -> bool:
        return self._closed

    def prepare(self) -> None:
        """Open the database on the worker and import the data layer there, after the ops queued
        by then, with no op waiting on it, once: the window asks just after its first screen is
        shown (so that no op of it queues behind the imports), and a team leader's first action
        finds them ready. Thread: GUI."""
        if not self._prepared and not self._closed:
            self._prepared = True
            self._worker.submit(0, _import_data_layer)

    @property
    def pending(self) -> int:
        return len(self._pending)

    def submit(self, fn: Callable[[Database], Any], callback: Callable[[bool, Any], None],
               ahead: Ahead | None = None) -> None:
        """Run `fn(db)` on the worker (or, with `ahead`, take the rows read ahead if there are
        some: app.ui.read_ahead.taken); `callback(ok, result_or_exception)` on the GUI thread."""
        if self._closed:
            log.warning("op submitted after the backend closed; ignored")
            return
        job_id = next(self._ids)
        self._pending[job_id] = callback
        self._worker.submit(job_id, fn, ahead)

    def _finished(self, job_id: int) -> None:
        ok, result = self._worker.take(job_id)
        callback = self._pending.pop(job_id, None)
        try:
            if callback is not None:
                callback(ok, result)
        finally:
            if not self._pending:
                self.idle.emit()

    def close(self, flush: Callable[[Database], Any] | None = None) -> None:
        """Run `flush` (e.g. the form's last autosave) after the queued jobs, stop the worker
        and close the database. Blocks the GUI thread: only for when the window goes away."""
        if self._closed:
            return
        self._closed = True
        if flush is not None:
            self._worker.submit(0, flush)
        self._worker.stop()
        self._pending.clear()
        if self._db is not None:
            self._db.close()


def _import_data_layer(db: Database) -> None:
    """Backend.prepare's job: `db` is opened to call it; the reads and writes imported."""
    from ..domain import proposals, queries, services  # noqa: F401
    from ..sync import api  # noqa: F401


@dataclass
class _Op:
    backend: Backend
    fn: Callable[[Database], Any]
    success: Callable[[Any], None] | None = None
    failure: Callable[[BaseException], None] | None = None
    parent: QWidget | None = None
    label: str | None = None  # when given, a progress dialog shows after 600 ms
    ahead: Ahead | None = None  # rows read ahead to take instead of running `fn` (read_ahead)
    _timers: list[QTimer] = field(default_factory=list, init=False)
    _busy: bool = field(default=False, init=False)
    _dialog: QProgressDialog | None = field(default=None, init=False)

    def run(self) -> None:
        """Start the op. Thread: GUI."""
        self._arm(BUSY_CURSOR_MS, self._show_busy)
        if self.label:
            self._arm(PROGRESS_DIALOG_MS, self._show_dialog)
        self.backend.submit(self.fn, self._done, self.ahead)

    def _arm(self, ms: int, slot: Callable[[], None]) -> None:
        timer = QTimer()
        timer.setSingleShot(True)
        timer.timeout.connect(slot)
        timer.start(ms)
        self._timers.append(timer)

    def _show_busy(self) -> None:
        self._busy = True
        QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)

    def _show_dialog(self) -> None:
        self._dialog = QProgressDialog(self.label or "", "", 0, 0, self.parent)
        self._dialog.setCancelButton(None)
        self._dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self._dialog.setMinimumDuration(0)
        self._dialog.show()

    def _quiet(self) -> None:
        for timer in self._timers:
            timer.stop()
        self._timers.clear()
        if self._busy:
            QApplication.restoreOverrideCursor()
            self._busy = False
        if self._dialog is not None:
            self._dialog.close()
            self._dialog.deleteLater()
            self._dialog = None

    def _done(self, ok: bool, result: Any) -> None:
        self._quiet()
        if ok:
            self._succeeded(result)
        elif self.failure is not None:
            self.failure(result)
        else:
            from .errors import show_error

            show_error(self.parent, result)

    def _succeeded(self, result: Any) -> None:
        if self.success is not None:
            self.success(result)


class QueryOp(_Op):
    """A read: `fn(db)` returns plain objects (never ORM rows); `success(value)` gets them."""


class WriteOp(_Op):
    """A write through app.domain.services: `fn(db)` returns `Changes` or `(value, Changes)`.
    After `success(value)`, the backend announces the changes with `parent` as initiator."""

    def run(self) -> None:
        if self.backend.ahead is not None:  # the ops after this one must see what it writes
            self.backend.ahead.forget()
        super().run()

    def _succeeded(self, result: Any) -> None:
        value, changes = result if isinstance(result, tuple) else (result, result)
        if self.success is not None:
            self.success(value)
        if isinstance(changes, Changes):
            self.backend.changed.emit(changes, self.parent)
