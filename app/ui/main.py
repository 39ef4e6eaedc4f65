"""`safeland` with no arguments: open the window on a database.

Start-up is in two steps, so that the team leader sees the window at once on an old laptop:
1. Qt, the log, the fonts and translations, and the main window with its toolbar, tabs and
   status bar, painted: nothing of the data layer is imported yet;
2. once painted, the launcher (app.ui.launcher) brings in the data layer, opens the database and
   fills the window, or says plainly why it cannot.

Thread: GUI (the process's main thread).
"""
from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication

from .. import logs
from .i18n import Languages
from .main_window import MainWindow


def run(db_path: Path | str) -> int:
    """Open the window on `db_path` and run until it closes. Returns the exit status."""
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setOrganizationName("Safeland")
    app.setApplicationName("Safeland")
    logs.setup()
    languages = Languages(app)
    languages.set(str(QSettings().value("language", "en")))
    window = MainWindow(None, languages, db_path=Path(db_path))
    launched: list[object] = []

    def launch() -> None:
        if launched:
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            from .errors import install_excepthook
            from .launcher import Launcher

            install_excepthook()
            launcher = Launcher(languages, window)
            launched.append(launcher)
            opened = launcher.open(Path(db_path))
        finally:
            QApplication.restoreOverrideCursor()
        if not opened:
            window.close()
            app.exit(1)

    window.painted.connect(lambda: QTimer.singleShot(0, launch))
    window.show()
    return app.exec()
