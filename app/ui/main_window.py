"""The main window: first-run set-up, then three tabs (sites, reports, the daily report form),
a toolbar with the keyboard shortcuts, and the status bar. Composes the views; holds no data
of its own beyond the backend it was given.

Thread: GUI.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QSettings, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QTabWidget, QToolBar, QWidget

from ..domain import queries, services
from ..domain.queries import Profile
from . import prompts
from .first_run import FirstRunPage
from .i18n import Languages
from .ops import Backend, QueryOp, WriteOp
from .report_form import ReportForm
from .reports_view import ReportsView
from .settings_dialog import SettingsDialog
from .sites_view import SitesView
from .status_bar import StatusBar
from .sync_ui import SyncController

STYLE = """
QLabel#pageTitle { font-size: 14pt; font-weight: 600; }
QLabel#message { color: #b3261e; }
QLabel#message[severity="warning"] { color: #8a5300; }
QLabel#banner { background: #fff4d6; border: 1px solid #e0c36b; padding: 6px; }
QLineEdit[problem="true"], QComboBox[problem="true"] { border: 2px solid #b3261e; }
"""


class MainWindow(QMainWindow):
    """`ready()` once the first screen is shown; `open_demo()` when the user asks for the demo
    data (the launcher opens it in its own file)."""

    ready = Signal()
    open_demo = Signal()

    def __init__(self, backend: Backend, languages: Languages, demo: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.backend = backend
        self.languages = languages
        self.demo = demo
        self.profile: Profile | None = None
        self.setStyleSheet(STYLE)
        self.first_run = FirstRunPage(backend)
        self.sites = SitesView(backend)
        self.reports = ReportsView(backend)
        self.form = ReportForm(backend)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.sites, "")
        self.tabs.addTab(self.reports, "")
        self.tabs.addTab(self.form, "")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.first_run)
        self.stack.addWidget(self.tabs)
        self.setCentralWidget(self.stack)
        self._make_actions()
        self.status = StatusBar(backend, self.act["sync"])
        self.setStatusBar(self.status)
        self.sync = SyncController(backend, self.act["sync"], self.status, self.amend_report, self)
        self.status.updated.connect(self.sync.set_waiting)
        backend.changed.connect(self._on_changed)
        self.first_run.done.connect(self._profile_saved)
        self.first_run.demo_requested.connect(self.open_demo)
        self.first_run.language_chosen.connect(lambda code: self.set_language(code, persist=False))
        self.reports.open_report.connect(self.show_report)
        self.sites.page.open_report.connect(self.show_report)
        self.form.signed.connect(lambda _rid: self.status.refresh())
        self.form.recovered.connect(lambda: self.tabs.setCurrentWidget(self.form))
        self.resize(1366, 768)
        self.retranslate()

    def _make_actions(self) -> None:
        self.act: dict[str, QAction] = {}
        specs = {
            "new": ([QKeySequence.StandardKey.New], self.new_report),
            "save": ([QKeySequence.StandardKey.Save], lambda: self._in_form(self.form.actions.save)),
            "sign": ([QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")],
                     lambda: self._in_form(self.form.actions.sign)),
            "sites": ([QKeySequence("Ctrl+1")], lambda: self.tabs.setCurrentWidget(self.sites)),
            "reports": ([QKeySequence("Ctrl+2")], lambda: self.tabs.setCurrentWidget(self.reports)),
            "form": ([QKeySequence("Ctrl+3")], lambda: self.tabs.setCurrentWidget(self.form)),
            "settings": ([QKeySequence("Ctrl+,")], self.open_settings),
            "sync": ([QKeySequence("F5")], lambda: self.sync.sync_now()),
        }
        toolbar = QToolBar()
        toolbar.setObjectName("main")
        toolbar.setMovable(False)
        for name, (keys, slot) in specs.items():
            action = QAction(self)
            action.setShortcuts(keys)
            action.triggered.connect(slot)
            self.addAction(action)
            self.act[name] = action
        for name in ("new", "save", "sign", None, "settings", "sync"):
            if name is None:
                toolbar.addSeparator()
            else:
                toolbar.addAction(self.act[name])
        self.addToolBar(toolbar)

    # --- start -------------------------------------------------------------------------------

    def start(self) -> None:
        """Show the first-run page or the main tabs, depending on the device profile."""
        QueryOp(self.backend, queries.profile, success=self._got_profile, parent=self).run()

    def _got_profile(self, profile: Profile | None) -> None:
        self.profile = profile
        self.sync.set_enrolled(bool(profile and profile.enrolled))
        if profile is None:
            self.stack.setCurrentWidget(self.first_run)
            self.first_run.operator.setFocus()
        else:
            self.set_language(profile.language, persist=False)
            self._show_main()
        self.ready.emit()

    def _show_main(self) -> None:
        self.stack.setCurrentWidget(self.tabs)
        self.sites.start()
        self.reports.start()
        self.form.start()
        self.status.refresh()

    def _on_changed(self, changes: services.Changes, _initiator: object) -> None:
        if changes.profile and self.profile is not None:  # enrolled, say: reread, then recount
            QueryOp(self.backend, queries.profile, success=self._profile_reread, parent=self).run()

    def _profile_reread(self, profile: Profile | None) -> None:
        self.profile = profile
        self.sync.set_enrolled(bool(profile and profile.enrolled))
        self.status.refresh()

    def _profile_saved(self) -> None:
        QueryOp(self.backend, queries.profile, success=self._got_profile, parent=self).run()

    # --- actions -----------------------------------------------------------------------------

    def _in_form(self, action) -> None:  # noqa: ANN001
        if self.stack.currentWidget() is self.tabs:
            self.tabs.setCurrentWidget(self.form)
            action()

    def new_report(self) -> None:
        if self.stack.currentWidget() is not self.tabs:
            return
        self.tabs.setCurrentWidget(self.form)
        if self.form.dirty and not prompts.current().confirm(
                self, self.tr("Start a new report?"),
                self.tr("The report you are writing has not been saved. Start a new one anyway?"),
                self.tr("Start a new report")):
            return
        self.form.new_report()
        self.form.fields.site.setFocus()

    def show_report(self, report_id: str) -> None:
        self.tabs.setCurrentWidget(self.form)
        self.form.open_report(report_id)

    def amend_report(self, report_id: str) -> None:
        """Open a new revision of a report (HQ refused it) in the form."""
        self.tabs.setCurrentWidget(self.form)
        self.form.open_report(report_id, amend=True)

    def open_settings(self) -> None:
        dialog = SettingsDialog(self.profile, self.languages.code, developer=True, parent=self)
        if dialog.exec() != SettingsDialog.DialogCode.Accepted:
            return
        v = dialog.values()
        self.set_language(v["language"])
        if self.profile is not None and v["operator"].strip():
            WriteOp(self.backend, lambda db: services.save_profile(
                db, v["operator"], v["unit"], v["team"], v["team_leader"], self.languages.code),
                success=lambda _c: self._profile_saved(), parent=self).run()

    def set_language(self, code: str, persist: bool = True) -> None:
        """Switch the window's language live; with `persist`, keep it in the device profile."""
        code = self.languages.set(code)
        QSettings().setValue("language", code)
        if persist and self.profile is not None:
            WriteOp(self.backend, lambda db: services.set_language(db, code), parent=self).run()

    # --- text and closing --------------------------------------------------------------------

    def retranslate(self) -> None:
        title = self.tr("Safeland — %1").replace("%1", self.backend.db.path.name)
        self.setWindowTitle(title + (self.tr(" (demo data)") if self.demo else ""))
        for i, text in enumerate((self.tr("&Sites"), self.tr("&Reports"), self.tr("&Daily report"))):
            self.tabs.setTabText(i, text)
        texts = {"new": self.tr("New report"), "save": self.tr("Save"), "sign": self.tr("Sign…"),
                 "sites": self.tr("Sites"), "reports": self.tr("Reports"),
                 "form": self.tr("Daily report"), "settings": self.tr("Settings…"),
                 "sync": self.tr("Sync now")}
        for name, text in texts.items():
            self.act[name].setText(text)
            keys = self.act[name].shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            self.act[name].setToolTip(f"{text} ({keys})" if keys else text)
        self.sync.retranslate()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def shutdown(self) -> None:
        """Save the form's state one last time, stop the worker, close the database."""
        self.form._autosave_timer.stop()
        self.sync.shutdown()
        self.backend.close(flush=self.form.final_autosave())

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self.shutdown()
        super().closeEvent(event)
