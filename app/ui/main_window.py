"""The main window: a toolbar with the keyboard shortcuts, three tabs (sites, reports, the daily
report form) or the first-run page, and the status bar.

Start-up paints this window before the data layer is imported: the window is built first with
its toolbar, tabs and status bar (`MainWindow(None, languages)`), and `attach(backend)` then
fills it with the views, which reach the database through app.ui.workspace. Importing
SQLAlchemy and pydantic costs several times what Qt itself costs to start, so a team leader sees
the window at once and its rows a moment later (docs/performance.md, gui_start).

This module imports Qt and nothing of the data layer; keep it that way.

Thread: GUI.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QPaintEvent
from PySide6.QtWidgets import QLabel, QMainWindow, QStackedWidget, QStatusBar, QTabWidget, QToolBar, QWidget

from .i18n import Languages

if TYPE_CHECKING:
    from .ops import Backend
    from .workspace import Workspace

STYLE = """
QLabel#pageTitle { font-size: 14pt; font-weight: 600; }
QLabel#message { color: #b3261e; }
QLabel#message[severity="warning"] { color: #8a5300; }
QLabel#notice[severity="error"] { color: #ffffff; background: #b3261e; font-weight: 600; padding: 0 6px; }
QLabel#notice[severity="warning"], QLabel#autosave[severity="warning"] {
    color: #6b3f00; background: #ffe2a8; font-weight: 600; padding: 0 6px; }
QLabel#notice[severity="info"] { background: #fff4d6; border: 1px solid #e0c36b; padding: 0 6px; }
QLabel#notice[severity="ok"] { color: #1e5c2a; font-weight: 600; }
QLabel#banner { background: #fff4d6; border: 1px solid #e0c36b; padding: 6px; }
QLabel#error { color: #b3261e; font-weight: 600; }
QLabel#opening { color: #555; font-size: 12pt; }
QLineEdit[problem="true"], QComboBox[problem="true"] { border: 2px solid #b3261e; }
"""

ACTIONS = {  # name: shortcuts
    "new": [QKeySequence.StandardKey.New],
    "save": [QKeySequence.StandardKey.Save],
    "sign": [QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")],
    "sites": [QKeySequence("Ctrl+1")],
    "reports": [QKeySequence("Ctrl+2")],
    "form": [QKeySequence("Ctrl+3")],
    "settings": [QKeySequence("Ctrl+,")],
    "sync": [QKeySequence("F5")],
    "find": [QKeySequence.StandardKey.Find],
    "quit": [QKeySequence.StandardKey.Quit, QKeySequence("Ctrl+Q")],
}


class MainWindow(QMainWindow):
    """`painted()` after the window's first paint; `ready()` once the first screen is shown;
    `open_demo()` when the user asks for the demo data (the launcher opens it in its own file).

    `MainWindow(backend, languages)` opens a database at once; `MainWindow(None, languages,
    db_path=...)` shows the window while the database is still being opened, and
    `attach(backend)` fills it."""

    painted = Signal()
    ready = Signal()
    open_demo = Signal()

    def __init__(self, backend: Backend | None, languages: Languages, demo: bool = False,
                 parent: QWidget | None = None, db_path: Path | None = None) -> None:
        super().__init__(parent)
        self.languages = languages
        self.demo = demo
        self.db_path = backend.path if backend is not None else db_path
        self.ws: Workspace | None = None
        self._painted = False
        self.setStyleSheet(STYLE)
        self.opening = QLabel()
        self.opening.setObjectName("opening")
        self.opening.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.tabs = QTabWidget()
        for page in (self.opening, QWidget(), QWidget()):  # the views take their places in attach()
            self.tabs.addTab(page, "")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.tabs)
        self.setCentralWidget(self.stack)
        self._make_actions()
        self.setStatusBar(QStatusBar())
        self.resize(1366, 768)
        self.retranslate()
        if backend is not None:
            self.attach(backend)

    def _make_actions(self) -> None:
        self.act: dict[str, QAction] = {}
        toolbar = QToolBar()
        toolbar.setObjectName("main")
        toolbar.setMovable(False)
        for name, keys in ACTIONS.items():
            action = QAction(self)
            action.setShortcuts(list(dict.fromkeys(QKeySequence(k) for k in keys)))
            action.setEnabled(name == "quit")  # the others wait for the database
            self.addAction(action)
            self.act[name] = action
        # Ctrl+Q closes the window: closeEvent saves the form's state one last time first.
        self.act["quit"].triggered.connect(self.close)
        for name in ("new", "save", "sign", None, "settings", "sync"):
            if name is None:
                toolbar.addSeparator()
            else:
                toolbar.addAction(self.act[name])
        self.addToolBar(toolbar)

    def attach(self, backend: Backend) -> None:
        """Fill the window with the views of the open database `backend`."""
        from .workspace import Workspace  # the data layer: imported once the window is painted

        self.db_path = backend.path
        self.ws = ws = Workspace(self, backend)
        self.first_run, self.sites, self.reports = ws.first_run, ws.sites, ws.reports
        self.status, self.sync = ws.status, ws.sync
        for action in self.act.values():
            action.setEnabled(True)
        self.retranslate()

    # --- what the workspace holds, for the launcher and the tests ----------------------------

    @property
    def backend(self) -> Backend:
        return self._workspace().backend

    @property
    def form(self):  # noqa: ANN201 - report_form.ReportForm (built after the first screen)
        return self._workspace().form

    @property
    def profile(self):  # noqa: ANN201 - queries.Profile | None
        return self._workspace().profile

    def _workspace(self) -> Workspace:
        if self.ws is None:
            raise RuntimeError("no database is open in this window yet")
        return self.ws

    def start(self) -> None:
        self._workspace().start()

    def set_language(self, code: str, persist: bool = True) -> None:
        if self.ws is not None:
            self.ws.set_language(code, persist)
        else:
            self.languages.set(code)

    def show_report(self, report_id: str) -> None:
        self._workspace().show_report(report_id)

    def amend_report(self, report_id: str) -> None:
        self._workspace().amend_report(report_id)

    # --- text, painting and closing ----------------------------------------------------------

    def retranslate(self) -> None:
        name = self.db_path.name if self.db_path else ""
        self.setWindowTitle(self.tr("Safeland — %1").replace("%1", name)
                            + (self.tr(" (demo data)") if self.demo else ""))
        if self.ws is None:
            self.opening.setText(self.tr("Opening %1…").replace("%1", name))
        # The tabs have no Alt-letter (Ctrl+1, 2, 3 reach them): their letters would take the
        # ones the pages' own fields need (Alt+S for Site, Alt+D for Date...).
        for i, (text, key) in enumerate(((self.tr("Sites"), "Ctrl+1"), (self.tr("Reports"), "Ctrl+2"),
                                         (self.tr("Daily report"), "Ctrl+3"))):
            self.tabs.setTabText(i, text)
            native = QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)
            self.tabs.setTabToolTip(i, f"{text} ({native})")
        texts = {"new": self.tr("New report"), "save": self.tr("Save"), "sign": self.tr("Sign…"),
                 "sites": self.tr("Sites"), "reports": self.tr("Reports"),
                 "form": self.tr("Daily report"), "settings": self.tr("Settings…"),
                 "sync": self.tr("Sync now"), "find": self.tr("Find a site"), "quit": self.tr("Quit")}
        for name, text in texts.items():
            self.act[name].setText(text)
            keys = self.act[name].shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            self.act[name].setToolTip(f"{text} ({keys})" if keys else text)
        if self.ws is not None:
            self.ws.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.painted.emit()

    def shutdown(self) -> None:
        """Save the form's state one last time, stop the worker, close the database."""
        if self.ws is not None:
            self.ws.shutdown()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)
