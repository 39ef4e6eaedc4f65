"""The sites list beside the selected site's page. Search by reference, name, or place (Khmer
or English name, forgiving of romanisation: gazetteer.search gives the place codes a site may
lie in) and filter by status.

Thread: GUI.
"""
from __future__ import annotations

import unicodedata

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from safeland_core import gazetteer
from safeland_core.vocab import SiteStatus

from ..db import Database
from ..domain.rows import Changes, SiteSummary
from .labels import label
from .ops import Backend, QueryOp
from .site_page import SitePage


def site_matches(site: SiteSummary, text: str, place_codes: set[str]) -> bool:
    """Reference or name contains the text (case and accents folded), or the site lies in one
    of the places the gazetteer found for it."""
    folded = _fold(text)
    if not folded:
        return True
    if folded in _fold(site.reference) or folded in _fold(site.name):
        return True
    return bool({site.province_code, site.district_code, site.commune_code, site.village_code}
                & place_codes)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in text if not unicodedata.combining(c) and not c.isspace())


class SitesView(QWidget):
    """Emits `shown(count)` after the list is filtered. *New site…* (a site found in the field,
    app.ui.new_site_dialog) sits above the list; the list marks sites proposed to HQ."""

    shown = Signal(int)

    def __init__(self, backend: Backend, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._backend = backend
        self._sites: list[SiteSummary] = []
        self._where: dict[str, str] = {}
        self._codes: set[str] = set()
        self._proposals: dict[str, str] = {}
        self._wanted: str | None = None  # a site to select once the list is loaded again
        self.dialog: QWidget | None = None  # the open New site dialog, if any
        self.new_button = QPushButton()
        self.new_button.clicked.connect(lambda: self.new_site())
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.status = QComboBox()
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setSpacing(2)
        self.page = SitePage(backend)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.page)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        bar.addWidget(self.new_button)
        left_layout.addLayout(bar)
        left_layout.addWidget(self.status)
        left_layout.addWidget(self.list, 1)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([300, 1000])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self._search_timer = QTimer(self, singleShot=True, interval=200)
        self._search_timer.timeout.connect(self._search_codes)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.status.currentIndexChanged.connect(self.apply_filter)
        self.list.currentItemChanged.connect(self._selected)
        self.search.installEventFilter(self)
        self.search.returnPressed.connect(self._to_results)
        backend.changed.connect(self._on_changed)
        self.retranslate()

    # --- keyboard: Ctrl+F to the search box, Down or Enter from it to the results ------------

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _to_results(self) -> None:
        if not self.list.count():
            return
        if self.list.currentRow() < 0:
            self.list.setCurrentRow(0)
        self.list.setFocus(Qt.FocusReason.TabFocusReason)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_PageDown):
                self._to_results()
                return True
        return super().eventFilter(watched, event)

    def start(self) -> None:
        """Load the sites with their province names (on the worker: the gazetteer reads its
        province level the first time, a few milliseconds; the search reads districts and
        communes when first asked)."""
        def placed(sites: list[SiteSummary], states: dict[str, str]) -> tuple[
                list[SiteSummary], dict[str, str], dict[str, str]]:
            where = {}
            for s in sites:
                places = gazetteer.location(s.province_code)
                where[s.province_code] = (f"{places[0].name_kh} · {places[0].name_en}" if places
                                          else s.province_code)
            return sites, where, states

        def load(db: Database) -> tuple[list[SiteSummary], dict[str, str], dict[str, str]]:
            from ..domain import proposals, queries

            return placed(queries.list_sites(db), proposals.proposal_states(db))

        QueryOp(self._backend, load, success=self._got_sites, parent=self, ahead=(
            self._backend.claim_ahead("sites"),
            lambda screen: placed([SiteSummary(*r) for r in screen.sites], screen.proposals))).run()

    def _got_sites(self, loaded: tuple[list[SiteSummary], dict[str, str], dict[str, str]]) -> None:
        self._sites, self._where, self._proposals = loaded
        self._search_codes()
        wanted, self._wanted = self._wanted, None
        if wanted is not None:
            self.select(wanted)
        if self.list.currentRow() < 0 and self.list.count():
            self.list.setCurrentRow(0)

    def _search_codes(self) -> None:
        """Ask the gazetteer (on the worker) which places the search text may name, then filter."""
        text = self.search.text().strip()
        if len(text) < 3:
            self._got_codes(text, set())
            return
        QueryOp(self._backend, lambda _db: {p.code for p in gazetteer.search(text, limit=50)},
                success=lambda codes: self._got_codes(text, codes), parent=self).run()

    def _got_codes(self, text: str, codes: set[str]) -> None:
        if text == self.search.text().strip():  # drop answers to an older search
            self._codes = codes
            self.apply_filter()

    def apply_filter(self) -> None:
        """Show the sites matching the search text (and the places found for it) and status."""
        text = self.search.text().strip()
        codes = self._codes
        status = self.status.currentData()
        current = self.list.currentItem().data(Qt.ItemDataRole.UserRole) if self.list.currentItem() else None
        self.list.blockSignals(True)
        self.list.clear()
        for s in self._sites:
            if status and s.status != status:
                continue
            if not site_matches(s, text, codes):
                continue
            where = self._where.get(s.province_code, s.province_code)
            proposal = self._proposal_text(self._proposals.get(s.reference))
            item = QListWidgetItem(f"{s.reference}\n{s.name}\n{where} · {label(s.status)}"
                                   + (f" · {proposal}" if proposal else ""))
            item.setData(Qt.ItemDataRole.UserRole, s.reference)
            self.list.addItem(item)
            if s.reference == current:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        self.shown.emit(self.list.count())

    def _proposal_text(self, state: str | None) -> str:
        return {"PROPOSED": self.tr("proposed to HQ"), "RETURNED": self.tr("returned by HQ"),
                "CONFIRMED": self.tr("found in the field, confirmed by HQ")}.get(state or "", "")

    def new_site(self) -> QWidget:
        """Open *New site…*; once saved, the list shows the new site, selected."""
        from .new_site_dialog import NewSiteDialog

        dialog = NewSiteDialog(self._backend, parent=self)
        dialog.saved.connect(self._created)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _created(self, site_id: str) -> None:
        def found(site: object) -> None:
            reference = getattr(site, "reference", None)
            if reference:
                self.search.clear()
                self._wanted = reference
                self.start()  # the list again, with the new site, which is then selected

        def read(db: Database) -> object:
            from ..domain import queries

            return queries.get_site(db, site_id)

        QueryOp(self._backend, read, success=found, parent=self).run()

    def references(self) -> list[str]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())]

    def select(self, reference: str) -> None:
        for i in range(self.list.count()):
            if self.list.item(i).data(Qt.ItemDataRole.UserRole) == reference:
                self.list.setCurrentRow(i)
                return

    def _selected(self, item: QListWidgetItem | None, _previous: object) -> None:
        if item is not None:
            self.page.show_site(item.data(Qt.ItemDataRole.UserRole))

    def _on_changed(self, changes: Changes, _initiator: object) -> None:
        if changes.sites:
            self.start()

    def retranslate(self) -> None:
        self.new_button.setText(self.tr("&New site…"))
        self.new_button.setToolTip(self.tr("Record a hazardous area found by survey and propose "
                                           "it to HQ"))
        # Short enough for the list's width in both languages; the whole hint is the tooltip.
        self.search.setPlaceholderText(self.tr("Search sites (Ctrl+F)"))
        self.search.setToolTip(self.tr("Search: reference, name or place (Khmer or English)"))
        status = self.status.currentData()
        self.status.blockSignals(True)
        self.status.clear()
        self.status.addItem(self.tr("Any status"), None)
        for s in SiteStatus:
            self.status.addItem(label(s), s.value)
        self.status.setCurrentIndex(max(self.status.findData(status), 0))
        self.status.blockSignals(False)
        if self._sites:
            self.apply_filter()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
