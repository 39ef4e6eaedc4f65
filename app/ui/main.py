"""`safeland` with no arguments: open the window on a database.

Start-up is in two steps, so that the team leader sees the window at once on an old laptop:
1. Qt, the log, the fonts and translations, and the main window with its toolbar, tabs and
   status bar, painted: nothing of the data layer is imported yet, but the status bar's counts
   are being read already, on a read-only sqlite3 connection in a thread of their own
   (app.ui.read_ahead.count_early: 0.15-0.2 s of SQLite at a million reports);
2. once painted, the launcher (app.ui.launcher) brings in the data layer, opens the database and
   fills the window, or says plainly why it cannot.

Thread: GUI (the process's main thread).
"""
from __future__ import annotations

import logging
import sys
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication

from .. import logs
from . import prompts
from .i18n import Languages
from .main_window import MainWindow

log = logging.getLogger("safeland.ui")


def run(db_path: Path | str) -> int:
    """Open the window on `db_path` and run until it closes. Returns the exit status."""
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setOrganizationName("Safeland")
    app.setApplicationName("Safeland")
    logs.setup()
    languages = Languages(app)
    languages.set(str(QSettings().value("language", "en")))
    path = Path(db_path)
    # The status bar's counts (0.15-0.2 s of SQLite at a million reports) start now, beside the
    # window's painting and the views' building (app.ui.read_ahead.count_early).
    from .read_ahead import count_early

    counted = count_early(path)
    window = MainWindow(None, languages, db_path=path)
    launcher = None  # kept alive while the app runs: it owns the database's lock

    def launch() -> None:
        nonlocal launcher
        if launcher is not None or window.isHidden():  # launched already, or closed meanwhile
            return
        window.setCursor(Qt.CursorShape.WaitCursor)  # the window's only: prompts keep the arrow
        try:
            from .launcher import Launcher  # imports the data layer once the file is open

            sys.excepthook = _first_excepthook
            launcher = Launcher(languages, window)
            opened = launcher.open(path, counted=counted)
        except Exception:  # anything the launcher did not sort: say so, log it
            log.exception("cannot start on %s", path)
            prompts.current().inform(
                window, QCoreApplication.translate("Launcher", "Safeland cannot start"),
                QCoreApplication.translate("Launcher", "Safeland could not open %1.")
                .replace("%1", str(path)),
                QCoreApplication.translate("Errors", "Details are in the log file: %1").replace(
                    "%1", str(logs.log_path())))
            opened = False
        finally:
            window.unsetCursor()
        if not opened:
            window.close()
            app.exit(1)

    window.painted.connect(lambda: QTimer.singleShot(0, launch))
    window.show()
    QTimer.singleShot(1000, launch)  # in case a platform never paints a hidden or minimised window
    return app.exec()


def _first_excepthook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    """Until the first exception escapes a slot: then app.ui.errors' hook (log it, show a plain
    message) takes over, for this one and the next. app.ui.errors sorts SQLAlchemy's errors, so
    importing it at start would bring in the whole data layer before the database is even open
    (about 0.6 s of the first screen's time on a laptop: docs/performance.md)."""
    from .errors import install_excepthook

    install_excepthook()
    sys.excepthook(kind, exc, tb)
