"""*New site…* in the real window (pytest-qt, offscreen): a site found in the field is filled in,
saved and proposed; it appears in the sites list under its provisional reference; bad input is
named beside its field and nothing is saved; a site HQ returned shows HQ's reason and is
corrected and proposed again. Screenshots of the dialog (English, Khmer) go to docs/screenshots/."""
from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtWidgets import QTableWidgetItem
from sqlalchemy import select

SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def _type_points(dialog, rows: list[dict]) -> None:
    """Type the points as a team leader does: one row each, in the editor's table."""
    editor = dialog.points
    editor.set_points([], read_only=False)
    for p in rows:
        editor.add_row({"type": p["type"]})
        row = editor.table.rowCount() - 1
        for col, key in enumerate(("seq", "lat", "lon", "bearing_deg", "distance_m"), start=1):
            if key in p:
                editor.table.setItem(row, col, QTableWidgetItem(str(p[key])))
    editor.recompute()
    editor.edited.emit()


POINTS = [{"type": "BENCHMARK", "lat": 13.5990, "lon": 104.0},
          {"type": "TURNING", "seq": 1, "lat": 13.60, "lon": 104.0},
          {"type": "TURNING", "seq": 2, "bearing_deg": 90, "distance_m": 120},
          {"type": "TURNING", "seq": 3, "bearing_deg": 180, "distance_m": 80},
          {"type": "TURNING", "seq": 4, "bearing_deg": 270, "distance_m": 120}]


def _fill(qtbot, dialog, name: str = "Phnom Kulen stream bank") -> None:
    dialog.name.setText(name)
    dialog.hazard.setCurrentIndex(dialog.hazard.findData("SHA"))
    dialog.contamination["AP_MINE"].setChecked(True)
    dialog.place_search.setText("Banteay Srei")  # a district of Siem Reap, by its English name
    qtbot.waitUntil(lambda: dialog.places.count() > 0, timeout=10_000)
    dialog._picked(dialog.places.item(0))
    _type_points(dialog, POINTS)


def _sites(path) -> list[tuple[str, str, str | None]]:
    from app.db import open_database
    from app.models import Site

    db = open_database(path)
    try:
        with db.session() as s:
            return [(r.reference, r.owner, r.proposal_state) for r in s.scalars(
                select(Site).where(Site.proposal_state.is_not(None)))]
    finally:
        db.close()


def test_new_site_is_saved_proposed_and_listed(open_window, demo_path, qtbot, wait_idle):
    window = open_window(demo_path)
    view = window.sites
    window.tabs.setCurrentWidget(view)
    dialog = view.new_site()
    qtbot.waitUntil(dialog.isVisible)
    _fill(qtbot, dialog)
    assert "Banteay Srei" in dialog.place.text() and "បន្ទាយស្រី" in dialog.place.text()
    assert "m² from the polygon" in dialog.area.placeholderText()
    if os.environ.get("SAFELAND_SCREENSHOTS"):
        SHOTS.mkdir(exist_ok=True)
        dialog.resize(1366, 768)
        dialog.layout().activate()
        dialog.grab().save(str(SHOTS / "new-site-en.png"))
        window.set_language("km")
        qtbot.waitUntil(lambda: "ឈ្មោះ" in dialog._captions["name"].text(), timeout=5000)
        qtbot.waitUntil(lambda: "ស្នើ" in dialog.save_button.text(), timeout=5000)
        dialog.layout().invalidate()
        dialog.layout().activate()
        dialog.grab().save(str(SHOTS / "new-site-km.png"))
        window.set_language("en")
        qtbot.waitUntil(lambda: dialog._captions["name"].text() == "&Name", timeout=5000)

    with qtbot.waitSignal(dialog.saved, timeout=10_000) as saved:
        dialog.save()
    wait_idle(qtbot, window)
    [(reference, owner, state)] = _sites(demo_path)
    assert reference.startswith("PROV-DU4-") and (owner, state) == ("DEVICE", "PROPOSED")
    assert saved.args[0].replace("-", "")[:8].upper() in reference
    # The list shows it, selected, marked as proposed; its page says so.
    qtbot.waitUntil(lambda: reference in view.references(), timeout=10_000)
    qtbot.waitUntil(lambda: view.list.currentItem() is not None
                    and view.list.currentItem().data(256) == reference, timeout=10_000)
    assert "proposed to HQ" in view.list.currentItem().text()
    qtbot.waitUntil(lambda: view.page.site is not None and view.page.site.reference == reference,
                    timeout=10_000)
    assert "provisional reference " + reference in view.page.proposal.text()
    assert not view.page.save_button.isVisible()  # HQ holds it: not changed here meanwhile


def test_bad_input_is_named_and_nothing_is_saved(open_window, demo_path, qtbot, wait_idle):
    window = open_window(demo_path)
    window.tabs.setCurrentWidget(window.sites)
    dialog = window.sites.new_site()
    qtbot.waitUntil(dialog.isVisible)
    _fill(qtbot, dialog, name="")
    dialog.contamination["AP_MINE"].setChecked(False)
    _type_points(dialog, POINTS[:1] + [{"type": "TURNING", "seq": 1, "lat": 20.0, "lon": 104.0}]
                 + POINTS[2:])
    dialog.save()
    qtbot.waitUntil(dialog.message.isVisible, timeout=10_000)
    text = dialog.message.text()
    assert "Name: This is required." in text
    assert "Contamination: This is required." in text
    assert dialog.isVisible() and _sites(demo_path) == []
    # Those put right, the rules of the points (checked once the fields parse) speak.
    dialog.name.setText("Phnom Kulen stream bank")
    dialog.contamination["AP_MINE"].setChecked(True)
    dialog.message.hide()
    dialog.save()
    qtbot.waitUntil(dialog.message.isVisible, timeout=10_000)
    # Row 2 is out of the country, and so are the rows measured from it.
    assert dialog.message.text().splitlines()[0] == (
        "Points, row 2: (20.00000, 104.00000) is outside Cambodia: "
        "latitude must be 9.5 to 15.0, longitude 102.0 to 108.0.")
    assert dialog.isVisible() and _sites(demo_path) == []


def test_returned_site_shows_the_reason_and_is_proposed_again(open_window, demo_path, qtbot,
                                                              wait_idle):
    from app.db import open_database
    from app.domain.proposals import propose_sites
    from app.models import Site
    from app.store.sites import take_return

    db = open_database(demo_path)
    [sid], _ = propose_sites(db, {"format": "safeland/1", "sites": [{
        "name": "Kbal Spean ridge", "hazard_type": "SHA", "contamination": ["UXO"],
        "province_code": "17", "points": POINTS}]})
    from app.models import OutboxEntry
    from app.store.outbox import OutboxState, mark

    with db.session(write=True) as s:  # HQ applied the proposal, then returned it (as pull does)
        seq = s.scalar(select(OutboxEntry.seq).where(OutboxEntry.record_id == sid))
        mark(s, [(seq, OutboxState.APPLIED, None, None)])
        assert take_return(s, s.get(Site, sid), "Walk the south side again")
    db.close()

    window = open_window(demo_path)
    view = window.sites
    window.tabs.setCurrentWidget(view)
    qtbot.waitUntil(lambda: any("returned by HQ" in view.list.item(i).text()
                                for i in range(view.list.count())), timeout=10_000)
    reference = next(r for r, _o, st in _sites(demo_path) if st == "RETURNED")
    view.select(reference)
    page = view.page
    qtbot.waitUntil(lambda: page.site is not None and page.site.reference == reference,
                    timeout=10_000)
    assert "Walk the south side again" in page.proposal.text()
    assert page.propose_again.isVisible()
    dialog = page.correct_and_propose()
    assert "Walk the south side again" in dialog.reason.text()
    assert dialog.name.text() == "Kbal Spean ridge"
    dialog.name.setText("Kbal Spean ridge (south side walked)")
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        dialog.save()
    wait_idle(qtbot, window)
    assert _sites(demo_path) == [(reference, "DEVICE", "PROPOSED")]
