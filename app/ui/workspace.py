"""What fills the main window once its database is open: the first-run page, the three views,
the status bar and sync, and the window's actions that reach the database (through the ops).

The window (app.ui.main_window) is painted before this module, and with it the data layer, is
imported. Strings keep the "MainWindow" translation context they had when this lived there.

Thread: GUI.
"""
from __future__ import annotations

import os
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, QTimer
from PySide6.QtWidgets import QTabWidget, QWidget

from ..db import Database
from ..domain.rows import Changes, Profile
from .first_run import FirstRunPage
from .ops import Backend, QueryOp, WriteOp
from .reports_view import ReportsView
from .settings_dialog import SettingsDialog
from .sites_view import SitesView
from .status_bar import StatusBar
from .sync_ui import SyncController

if TYPE_CHECKING:
    from .main_window import MainWindow
    from .report_form import ReportForm

FORM_TAB = 2
AFTER_FIRST_SCREEN_MS = 100  # the form built and the database opened this long after it


class Workspace(QObject):
    """The views of one open database inside `window`; wires the window's actions to them."""

    def __init__(self, window: MainWindow, backend: Backend) -> None:
        super().__init__(window)
        self.window = window
        self.backend = backend
        self.profile: Profile | None = None
        self.first_run = FirstRunPage(backend)
        self.sites = SitesView(backend)
        self.reports = ReportsView(backend)
        self._form: ReportForm | None = None  # built after the first screen (`form`)
        self._started = False  # the main tabs shown: the form starts once built
        self._place_views(window.tabs)
        window.stack.addWidget(self.first_run)
        act = window.act
        slots = {
            "new": self.new_report,
            "save": lambda: self._in_form(self.form.actions.save),
            "sign": lambda: self._in_form(self.form.actions.sign),
            "sites": lambda: window.tabs.setCurrentWidget(self.sites),
            "reports": lambda: window.tabs.setCurrentWidget(self.reports),
            "form": lambda: window.tabs.setCurrentWidget(self.form),
            "settings": self.open_settings,
            "sync": lambda: self.sync.sync_now(),
            "find": self.find_site,
        }
        for name, slot in slots.items():
            act[name].triggered.connect(slot)
        self.status = StatusBar(backend, act["sync"])
        window.setStatusBar(self.status)
        self.sync = SyncController(backend, act["sync"], self.status, self.amend_report, window)
        self.status.updated.connect(self.sync.set_waiting)
        backend.changed.connect(self._on_changed)
        self.first_run.done.connect(self._profile_saved)
        self.first_run.demo_requested.connect(window.open_demo)
        self.first_run.language_chosen.connect(lambda code: self.set_language(code, persist=False))
        self.reports.open_report.connect(self.show_report)
        self.sites.page.open_report.connect(self.show_report)
        window.tabs.currentChanged.connect(lambda i: self.form if i == FORM_TAB else None)
        backend.idle.connect(self._first_idle)

    def _place_views(self, tabs: QTabWidget) -> None:
        """The views take the places the window kept for them, with their tab titles."""
        for i, view in enumerate((self.sites, self.reports)):
            _place(tabs, i, view)
        tabs.setCurrentIndex(0)

    @property
    def form(self) -> ReportForm:
        """The daily report form (the third tab), built when first needed or just after the
        first screen, which does not show it (its modules, widgets and first reads were 30-40 ms
        of the first screen at a million reports: docs/performance.md)."""
        if self._form is None:
            from .report_form import ReportForm

            form = self._form = ReportForm(self.backend)
            _place(self.window.tabs, FORM_TAB, form)
            form.signed.connect(lambda _rid: self.status.refresh())
            form.recovered.connect(lambda: self.window.tabs.setCurrentWidget(form))
            if self._started:
                form.start()
        return self._form

    def _first_idle(self) -> None:
        """The first screen (or the first-run page) is shown: a moment later, so that it is
        drawn first, build the form and open the database on the worker (Backend.prepare)."""
        self.backend.idle.disconnect(self._first_idle)
        QTimer.singleShot(AFTER_FIRST_SCREEN_MS, self._after_first_screen)

    def _after_first_screen(self) -> None:
        if self.backend.closed:
            return
        self.form  # noqa: B018 - built (and started) now
        self.backend.prepare()

    # --- start -------------------------------------------------------------------------------

    def start(self) -> None:
        """Show the first-run page or the main tabs, depending on the device profile."""
        QueryOp(self.backend, _profile, success=self._got_profile, parent=self.window, ahead=(
            self.backend.claim_ahead("profile"),
            lambda screen: screen.profile and Profile(*screen.profile))).run()

    def _got_profile(self, profile: Profile | None) -> None:
        self.profile = profile
        self.sync.set_enrolled(bool(profile and profile.enrolled))
        if profile is None:
            self.window.stack.setCurrentWidget(self.first_run)
            language = self.first_run.language
            language.blockSignals(True)  # the window's language, already in force
            language.setCurrentIndex(max(language.findData(self.window.languages.code), 0))
            language.blockSignals(False)
            self.first_run.operator.setFocus()
            self.status.refresh()
        else:
            self.set_language(profile.language, persist=False)
            self._show_main()
        self.window.ready.emit()

    def _show_main(self) -> None:
        self.window.stack.setCurrentWidget(self.window.tabs)
        self.sites.start()
        self.reports.start()
        self._started = True
        if self._form is not None:  # else it starts once built, after the first screen
            self._form.start()
        self.status.refresh()

    def _on_changed(self, changes: Changes, _initiator: object) -> None:
        if changes.profile and self.profile is not None:  # enrolled, say: reread, then recount
            QueryOp(self.backend, _profile, success=self._profile_reread, parent=self.window).run()

    def _profile_reread(self, profile: Profile | None) -> None:
        self.profile = profile
        self.sync.set_enrolled(bool(profile and profile.enrolled))
        self.status.refresh()

    def _profile_saved(self) -> None:
        QueryOp(self.backend, _profile, success=self._got_profile, parent=self.window).run()

    # --- actions -----------------------------------------------------------------------------

    def _in_form(self, action) -> None:  # noqa: ANN001
        if self.window.stack.currentWidget() is self.window.tabs:
            self.window.tabs.setCurrentWidget(self.form)
            action()

    def new_report(self) -> None:
        """Ctrl+N: a new report; on a site's page, for that site. Asks first when the form
        holds unsaved work (ReportForm.request_new)."""
        if self.window.stack.currentWidget() is not self.window.tabs:
            return
        site = None
        if self.window.tabs.currentWidget() is self.sites and self.sites.page.site is not None:
            site = self.sites.page.site.reference
        self.window.tabs.setCurrentWidget(self.form)
        self.form.request_new(site)

    def show_report(self, report_id: str) -> None:
        """Open a report in the form (asks first when the form holds unsaved work; "keep
        writing" leaves the team leader in the form, at their report)."""
        self.window.tabs.setCurrentWidget(self.form)
        self.form.request_open(report_id)

    def amend_report(self, report_id: str) -> None:
        """Open a new revision of a report (HQ refused it) in the form."""
        self.window.tabs.setCurrentWidget(self.form)
        self.form.request_open(report_id, amend=True)

    def find_site(self) -> None:
        """Ctrl+F: the sites' search box, its text selected."""
        if self.window.stack.currentWidget() is not self.window.tabs:
            return
        self.window.tabs.setCurrentWidget(self.sites)
        self.sites.focus_search()

    def open_settings(self) -> None:
        languages = self.window.languages
        # The pseudo-locale (clipping check) is for developers: offered with SAFELAND_DEVELOPER=1
        developer = os.environ.get("SAFELAND_DEVELOPER") == "1"
        dialog = SettingsDialog(self.profile, languages.code, developer=developer, parent=self.window)
        if dialog.exec() != SettingsDialog.DialogCode.Accepted:
            return
        v = dialog.values()
        self.set_language(v["language"])
        if self.profile is not None and v["operator"].strip():
            def save(db: Database) -> Changes:
                from ..domain import services

                return services.save_profile(db, v["operator"], v["unit"], v["team"],
                                             v["team_leader"], languages.code)

            WriteOp(self.backend, save, success=lambda _c: self._profile_saved(),
                    parent=self.window).run()

    def set_language(self, code: str, persist: bool = True) -> None:
        """Switch the window's language live; with `persist`, keep it in the device profile."""
        code = self.window.languages.set(code)
        QSettings().setValue("language", code)
        if persist and self.profile is not None:
            def save(db: Database) -> Changes:
                from ..domain import services

                return services.set_language(db, code)

            WriteOp(self.backend, save, parent=self.window).run()

    def retranslate(self) -> None:
        self.sync.language_changed()

    def shutdown(self) -> None:
        """Save the form's state one last time, stop the worker, close the database."""
        form = self._form
        if form is not None:
            form.stop_autosave()
        self.sync.shutdown()
        self.backend.close(flush=form.final_autosave() if form is not None else None)


def _profile(db: Database) -> Profile | None:
    from ..domain import queries

    return queries.profile(db)


def _place(tabs: QTabWidget, index: int, view: QWidget) -> None:
    """`view` takes the place the window kept for it at `index`, with its tab title (and the
    tab stays the current one if it was)."""
    current = tabs.currentIndex()
    text = tabs.tabText(index)
    placeholder = tabs.widget(index)
    tabs.removeTab(index)
    tabs.insertTab(index, view, text)
    tabs.setCurrentIndex(current)
    placeholder.deleteLater()
