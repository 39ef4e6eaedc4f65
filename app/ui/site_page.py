"""A site's page: location (gazetteer names in Khmer and English), points and the sketch drawn
to scale, land-release totals with a progress bar, devices found by category and model, the
site's daily reports, and "Print site sheet…".

Sites this laptop owns are editable (services.save_site); sites HQ assigned are read-only, and
so is a site found in the field while HQ holds its proposal. A site HQ returned shows HQ's
reason and *Correct and propose again…* (app.ui.new_site_dialog).
Thread: GUI.
"""
from __future__ import annotations

from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from safeland_core import gazetteer

from ..db import Database
from ..domain.first_screen import POINT_COLUMNS, FirstScreen
from ..domain.rows import Changes, DeviceCount, ReportFilter, ReportRow, SiteTotals
from . import fmt, prompts
from .labels import label
from .messages import issue_text
from .ops import Backend, QueryOp, WriteOp
from .points_editor import PointsEditor
from .read_ahead import Missing
from .sketch import SketchPoint, SketchWidget

if TYPE_CHECKING:
    from safeland_core.schemas import SiteIn

REPORTS_SHOWN = 100


class SitePage(QWidget):
    open_report = Signal(str)
    loaded = Signal(str)  # the site's reference, once everything is shown

    def __init__(self, backend: Backend, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._backend = backend
        # The site shown: a SiteIn read through its query, or the record read ahead for the
        # first screen (app.domain.first_screen.site: the same fields, not validated again).
        self._site: Any = None
        self.totals: SiteTotals | None = None
        self._places: list = []
        self._wanted: str | None = None  # a site to load once the page is shown
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        self.title.setWordWrap(True)
        self.subtitle = QLabel()
        self.subtitle.setWordWrap(True)
        self.proposal = QLabel()
        self.proposal.setObjectName("message")
        self.proposal.setWordWrap(True)
        self.proposal.hide()
        self.propose_again = QPushButton()
        self.propose_again.hide()
        self.propose_again.clicked.connect(lambda: self.correct_and_propose())
        self.location = QLabel()
        self.location.setWordWrap(True)
        self.location.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.print_button = QPushButton()
        self.print_button.clicked.connect(self.print_sheet)
        self.pdf_button = QPushButton()  # "Save sheet as PDF…", beside the print button
        self.pdf_button.clicked.connect(self.save_sheet_pdf)
        self.save_button = QPushButton()
        self.save_button.clicked.connect(lambda: self.save_points())
        self.gpx_button = QPushButton()
        self.gpx_button.clicked.connect(self.import_gpx)
        self.gpx_dialog: Any = None
        self.points_message = QLabel()
        self.points_message.setObjectName("message")
        self.points_message.setWordWrap(True)
        self.points = PointsEditor()
        self.points.edited.connect(self._points_edited)
        self.sketch = SketchWidget()
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setTextVisible(False)  # the figure is a label of its own, never over the bar
        self.progress_label = QLabel()
        self.progress_label.setAlignment(fmt.ALIGN_NUMBER)
        self.figures = {k: QLabel() for k in ("area", "cleared", "reduced", "cancelled", "remaining")}
        self._figure_captions = {k: QLabel() for k in self.figures}
        self.devices = _table(3)
        self.reports = _table(5)
        self.reports.doubleClicked.connect(self._open)
        self.reports.activated.connect(self._open)
        self._report_rows: list[ReportRow] = []
        self.boxes = {k: QGroupBox()
                      for k in ("location", "points", "sketch", "totals", "devices", "reports")}
        self._build()
        backend.changed.connect(self._on_changed)
        self.retranslate()

    @property
    def site(self) -> SiteIn | None:
        """The site shown, as the schema's SiteIn (the record read ahead validated when first
        asked: what queries.get_site gives, tests/unit/test_first_screen.py)."""
        if self._site is not None and isinstance(self._site, SimpleNamespace):
            from safeland_core.records import site_record
            from safeland_core.schemas import SiteIn

            self._site = SiteIn.model_validate(site_record(self._site))
        return self._site

    def _build(self) -> None:
        head = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(self.title)
        titles.addWidget(self.subtitle)
        titles.addWidget(self.proposal)
        head.addLayout(titles, 1)
        head.addWidget(self.propose_again, 0, Qt.AlignmentFlag.AlignTop)
        head.addWidget(self.print_button, 0, Qt.AlignmentFlag.AlignTop)
        head.addWidget(self.pdf_button, 0, Qt.AlignmentFlag.AlignTop)
        QVBoxLayout(self.boxes["location"]).addWidget(self.location)
        pts = QVBoxLayout(self.boxes["points"])
        pts.addWidget(self.points)
        pts.addWidget(self.points_message)
        actions = QHBoxLayout()
        actions.addWidget(self.gpx_button)
        actions.addStretch()
        actions.addWidget(self.save_button)
        pts.addLayout(actions)
        QVBoxLayout(self.boxes["sketch"]).addWidget(self.sketch)
        totals = QFormLayout(self.boxes["totals"])
        for key, value in self.figures.items():
            value.setAlignment(fmt.ALIGN_NUMBER)
            totals.addRow(self._figure_captions[key], value)
        totals.addRow(self.progress_label, self.progress)
        QVBoxLayout(self.boxes["devices"]).addWidget(self.devices)
        QVBoxLayout(self.boxes["reports"]).addWidget(self.reports)
        self.details = QTabWidget()
        self.details.addTab(self.boxes["points"], "")
        self.details.addTab(self.boxes["devices"], "")
        self.details.addTab(self.boxes["reports"], "")
        left = QVBoxLayout()
        left.addWidget(self.boxes["location"])
        left.addWidget(self.boxes["sketch"], 1)
        right = QVBoxLayout()
        right.addWidget(self.boxes["totals"])
        right.addWidget(self.details, 1)
        grid = QHBoxLayout()
        grid.addLayout(left, 3)  # the points table needs the width: typed, computed and UTM columns
        grid.addLayout(right, 8)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addLayout(grid, 1)

    # --- loading -----------------------------------------------------------------------------

    def show_site(self, reference: str) -> None:
        """Show this site: loaded now if the page is on screen, else when it is next shown (the
        sites list selects its first site at start-up, behind whichever tab is open; a site's
        totals walk all its reports)."""
        self._wanted = reference
        if self.isVisible():
            self._load(reference)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._wanted is not None:
            self._load(self._wanted)

    def _load(self, reference: str) -> None:
        self._wanted = None

        def placed(site: SiteIn | None, totals: SiteTotals | None, rows: list[ReportRow]) -> tuple:
            if site is None:
                return None, None, [], []
            places = gazetteer.location(site.province_code, site.district_code, site.commune_code,
                                        site.village_code)
            return site, totals, rows, places

        def load(db: Database) -> tuple:
            from ..domain import queries

            site = queries.get_site(db, reference)
            if site is None:
                return placed(None, None, [])
            sid = str(site.id)
            return placed(site, queries.site_totals(db, sid),
                          queries.page_reports(db, ReportFilter(site_id=sid), 0, REPORTS_SHOWN))

        QueryOp(self._backend, load, success=self._show, parent=self, ahead=(
            self._backend.claim_ahead("site"),
            lambda screen: placed(*_site_ahead(screen, reference)))).run()

    def _show(self, loaded: tuple) -> None:
        site, totals, rows, places = loaded
        if site is None:
            return
        same = self._site is not None and self._site.reference == site.reference
        scroll = self.reports.verticalScrollBar().value() if same else 0  # a save keeps the list's place
        self._site, self.totals, self._report_rows, self._places = site, totals, rows, places
        # Drawn once, at the next paint: shown, the progress bar paints itself at once on each
        # new value (QProgressBar.setValue repaints: 15 ms of the first screen at a million).
        self.setUpdatesEnabled(False)
        try:
            fixed = site.owner == "HQ" or site.proposal_state is not None  # HQ's, or HQ holds it
            self.points.set_points(_points_shown(site), read_only=fixed, stored=True)
            self.save_button.setVisible(not fixed)
            self.gpx_button.setVisible(not fixed)
            self.propose_again.setVisible(site.proposal_state == "RETURNED" and site.owner != "HQ")
            self.save_button.setEnabled(False)
            self.points_message.hide()
            self._update_sketch()
            self.retranslate()
            self.reports.verticalScrollBar().setValue(scroll)
        finally:
            self.setUpdatesEnabled(True)
        self.loaded.emit(site.reference)

    def _update_sketch(self) -> None:
        self.sketch.set_points([SketchPoint(str(getattr(p.type, "value", p.type)), p.seq, p.lat, p.lon)
                                for p in self.points.resolved])

    def _points_edited(self) -> None:
        self._update_sketch()
        self.save_button.setEnabled(True)

    def _on_changed(self, changes: Changes, _initiator: object) -> None:
        shown = self._wanted or (self._site.reference if self._site is not None else None)
        if shown is not None and (changes.reports or changes.sites):  # a site chosen while hidden wins
            self.show_site(shown)

    def _open(self, index: Any) -> None:
        if index.isValid():
            self.open_report.emit(self._report_rows[index.row()].id)

    # --- actions -----------------------------------------------------------------------------

    def save_points(self, accept_warnings: bool = False) -> None:
        """Save the edited points of a site this laptop owns (site_points.replace_points, one
        transaction). Every warning asks first, in one question: the rules among sites (an
        overlap with another site, a point given twice) and a change of the site's area."""
        if self.site is None or self.site.owner == "HQ":
            return
        self.save_points_list(self.points.points(), accept_warnings)

    def save_points_list(self, points: list[dict[str, Any]], accept_warnings: bool = False,
                         done: Any = None) -> None:
        """Replace the site's points with `points` (the editor's, or the GPX dialog's), asking
        about warnings first; `done()` runs once saved."""
        if self.site is None or self.site.owner == "HQ":
            return
        reference = self.site.reference

        def failed(exc: BaseException) -> None:
            from ..domain.errors import Invalid, NeedsConfirmation

            if isinstance(exc, NeedsConfirmation):
                text = "\n".join(dict.fromkeys(issue_text(i) for i in exc.issues))
                if prompts.current().confirm(
                        self, self.tr("Save anyway?"), text,
                        self.tr("Save anyway")):
                    self.save_points_list(points, accept_warnings=True, done=done)
            elif isinstance(exc, Invalid):
                self.points_message.setText("\n".join(dict.fromkeys(issue_text(i) for i in exc.issues)))
                self.points_message.show()
            else:
                from .errors import show_error

                show_error(self, exc)

        def saved(_v: object) -> None:
            self.points_message.hide()
            if done is not None:
                done()

        def save(db: Database) -> tuple[Any, Changes]:
            from ..domain import site_points

            replaced = site_points.replace_points(db, reference, points, accept_warnings=accept_warnings)
            return replaced, replaced.changes

        WriteOp(self._backend, save, success=saved, failure=failed, parent=self).run()

    def import_gpx(self, path: str | None = None) -> None:
        """*Import GPS waypoints…*: choose a GPX file (or open `path`), map its waypoints in the
        dialog (app.ui.gpx_dialog), then save them as this site's points, asking about warnings
        (an area change among them) as *Save points* does. The dialog is `self.gpx_dialog`."""
        if self.site is None or self.site.owner == "HQ":
            return
        from .gpx_dialog import GpxDialog

        if path is None:
            from PySide6.QtWidgets import QFileDialog

            path, _filter = QFileDialog.getOpenFileName(
                self, self.tr("Import GPS waypoints"), "",
                self.tr("GPS exchange files (*.gpx);;All files (*)"))
            if not path:
                return
        dialog = GpxDialog(self.site, self)
        if not dialog.load(path):
            dialog.deleteLater()
            return
        dialog.accepted_points.connect(lambda pts: self.save_points_list(pts, done=dialog.accept))
        dialog.finished.connect(lambda _result: setattr(self, "gpx_dialog", None))
        dialog.finished.connect(dialog.deleteLater)
        self.gpx_dialog = dialog
        dialog.open()

    def correct_and_propose(self) -> QWidget | None:
        """Open the returned site in *New site…* to correct it and propose it again."""
        if self.site is None or self.site.proposal_state != "RETURNED":
            return None
        from .new_site_dialog import NewSiteDialog

        dialog = NewSiteDialog(self._backend, returned=self.site, parent=self)
        dialog.open()
        return dialog

    def print_sheet(self) -> None:
        """Open the site sheet's print preview (app.ui.print_sheet, written separately)."""
        if self.site is None:
            return
        try:
            from . import print_sheet
        except ImportError:
            prompts.current().inform(self, self.tr("Site sheet"),
                                     self.tr("Printing site sheets is not available in this version yet."))
            return
        print_sheet.open_print_preview(self, self._backend.db, self.site.reference)

    def save_sheet_pdf(self) -> None:
        """Save the site sheet as a PDF in the documents folder (app.ui.print_sheet)."""
        if self.site is not None:
            from . import print_sheet

            print_sheet.save_sheet_pdf(self, self._backend.db, self.site.reference)

    # --- text --------------------------------------------------------------------------------

    def retranslate(self) -> None:
        names = {"location": self.tr("Location"), "points": self.tr("Points"),
                 "sketch": self.tr("Sketch (to scale)"), "totals": self.tr("Land release"),
                 "devices": self.tr("Devices found"), "reports": self.tr("Daily reports")}
        for key, box in self.boxes.items():
            if key in ("points", "devices", "reports"):
                self.details.setTabText(self.details.indexOf(box), names[key])
            else:
                box.setTitle(names[key])
        for key, text in {"area": self.tr("Area"), "cleared": self.tr("Cleared"),
                          "reduced": self.tr("Reduced"), "cancelled": self.tr("Cancelled"),
                          "remaining": self.tr("Remaining")}.items():
            self._figure_captions[key].setText(text)
        self.print_button.setText(self.tr("&Print site sheet…"))
        self.propose_again.setText(self.tr("Correct and propose again…"))
        self.pdf_button.setText(self.tr("Save sheet as PDF…"))
        self.save_button.setText(self.tr("Save points"))
        self.gpx_button.setText(self.tr("Import GPS waypoints…"))
        self.sketch.labels = {"north": self.tr("N"), "benchmark": self.tr("BM"),
                              "reference": self.tr("RP"), "empty": self.tr("No points yet"),
                              "metres": self.tr("%1 m"), "km": self.tr("%1 km")}
        self.sketch.update()
        self.devices.setHorizontalHeaderLabels([self.tr("Category"), self.tr("Model"), self.tr("Quantity")])
        self.reports.setHorizontalHeaderLabels([self.tr("Date"), self.tr("Activity"), self.tr("Team"),
                                                self.tr("Released (m²)"), self.tr("Status")])
        if self._site is not None:
            self._fill_texts()

    def _fill_texts(self) -> None:
        site, t = self._site, self.totals
        assert site is not None and t is not None
        self.title.setText(f"{site.reference} — {site.name}")
        self.subtitle.setText(self.tr("%1 · %2 · contamination: %3 · managed by %4")
                              .replace("%1", label(site.hazard_type)).replace("%2", label(site.status))
                              .replace("%3", ", ".join(label(c) for c in site.contamination))
                              .replace("%4", label(site.owner or "DEVICE")))
        proposal = {
            "PROPOSED": self.tr("Found in the field and proposed to HQ under the provisional "
                                "reference %1; HQ has not answered yet."),
            "RETURNED": self.tr("HQ returned this site (provisional reference %1): %2"),
            "CONFIRMED": self.tr("Found in the field; HQ confirmed it (provisional reference %1)."),
        }.get(site.proposal_state or "")
        self.proposal.setVisible(bool(proposal))
        if proposal:
            self.proposal.setText(proposal.replace("%1", site.provisional_reference or site.reference)
                                  .replace("%2", site.proposal_reason or ""))
        places = self._places
        level_names = {"province": self.tr("Province"), "district": self.tr("District"),
                       "commune": self.tr("Commune"), "village": self.tr("Village")}
        self.location.setText("\n".join(f"{level_names[p.level]}: {p.name_kh} · {p.name_en} ({p.code})"
                                        for p in places))
        for key, value in (("area", t.area_m2), ("cleared", t.cleared_m2), ("reduced", t.reduced_m2),
                           ("cancelled", t.cancelled_m2), ("remaining", t.remaining_m2)):
            self.figures[key].setText(fmt.area(value))
        pct = t.percent_released
        self.progress.setValue(int(round(pct)) if pct is not None else 0)
        self.progress_label.setText(self.tr("%1 % released").replace("%1", fmt.number(pct or 0, 1)))
        self.devices.setRowCount(len(t.devices))
        for row, d in enumerate(t.devices):
            _set_row(self.devices, row, (label(d.category), d.model, fmt.number(d.quantity)))
        self.reports.setRowCount(len(self._report_rows))
        for row, r in enumerate(self._report_rows):
            _set_row(self.reports, row, (fmt.date(r.date), label(r.activity), r.team,
                                         fmt.number(r.released_m2), label(r.status)))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def _site_ahead(screen: FirstScreen, reference: str) -> tuple:
    """The first site's page as read ahead (app.ui.read_ahead), if it is `reference`'s."""
    if screen.site is None or screen.site.reference != reference or screen.site_totals is None:
        raise Missing(reference)
    (area, cleared, reduced, cancelled, count, days, teams, devices, first,
     last) = screen.site_totals
    totals = SiteTotals(area, cleared, reduced, cancelled, count, days, teams,
                        tuple(DeviceCount(*d) for d in devices), first, last)
    return screen.site, totals, [ReportRow(*r) for r in screen.site_page]


def _points_shown(site: Any) -> list[dict[str, Any]]:
    """The site's points as the editor takes them: `SiteIn`'s as safeland/1 points, or the
    record read ahead's, the same (its stored columns, those not None)."""
    if isinstance(site, SimpleNamespace):
        return [{k: getattr(p, k) for k in POINT_COLUMNS if getattr(p, k) is not None}
                for p in site.points]
    return [p.model_dump(mode="json", exclude_none=True) for p in site.points]


def _table(columns: int) -> QTableWidget:
    table = QTableWidget(0, columns)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(24)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _set_row(table: QTableWidget, row: int, values: tuple) -> None:
    for col, value in enumerate(values):
        table.setItem(row, col, QTableWidgetItem(str(value)))
