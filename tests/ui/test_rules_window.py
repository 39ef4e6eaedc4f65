"""Issue 11, points 9, 10, 11, 17 and 18 in the window: what the team leader reads when a
figure is wrong, the warnings asked once, a site's area changed by *Save points*, UTM typed and
shown beside the degrees, and GPS waypoints imported from a GPX file."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from app.db import open_database
from app.domain import queries
from safeland_core import utm
from safeland_core.validation import Issue
from tests.ui.test_window import _count, _fill, _good_report

GPX = Path(__file__).parents[1] / "unit" / "gpx"
SITE = "BS/CHA/CMAA/71408"
EMPTY_SITE = "BS/SHA/CMAA/48822"  # no polygon yet


def _site(path, reference):
    db = open_database(path)
    try:
        return queries.get_site(db, reference)
    finally:
        db.close()


def test_range_message_names_the_limit_in_english_and_khmer(open_window, demo_path, qtbot, languages):
    window = open_window(demo_path)
    window.act["new"].trigger()
    form = window.form
    _good_report(form)
    _fill(form, personnel="250")
    qtbot.waitUntil(lambda: form.fields.messages["personnel"].has_message)
    assert form.fields.messages["personnel"].text() == "Must be between 1 and 200."
    from app.ui.messages import issue_text

    languages.set("km")
    try:
        issue = Issue(("personnel",), "out_of_range", "must be between 1 and 200", args=("1", "200"))
        assert issue_text(issue) == "ត្រូវនៅចន្លោះ 1 និង 200។"
        over = Issue(("area_cleared_m2",), "released_exceeds_area", "", "warning",
                     args=("35,000", "30,000", "6,000", "36,000"))
        assert "35,000" in issue_text(over) and "30,000" in issue_text(over) and "6,000" in issue_text(over)
    finally:
        languages.set("en")


def test_a_second_report_for_the_same_day_asks_once(open_window, demo_path, qtbot, prompter, wait_idle):
    window = open_window(demo_path)
    window.act["new"].trigger()
    _good_report(window.form)
    with qtbot.waitSignal(window.form.saved, timeout=10_000):
        window.act["save"].trigger()
    before = _count(demo_path)
    window.act["new"].trigger()
    wait_idle(qtbot, window)
    _good_report(window.form)
    prompter.answers = [False]
    window.act["save"].trigger()
    qtbot.waitUntil(lambda: any(k == "confirm" and "already have a report" in t
                                for k, _h, t in prompter.asked))
    wait_idle(qtbot, window)
    text = prompter.asked[-1][2]
    assert f"You already have a report for site {SITE} on {dt.date.today().isoformat()}" in text
    assert "by team DU4-MDT-03" in text
    assert _count(demo_path) == before
    prompter.answers = [True]
    with qtbot.waitSignal(window.form.saved, timeout=10_000):
        window.act["save"].trigger()
    assert _count(demo_path) == before + 1
    asked = len(prompter.asked)
    _fill(window.form, personnel="13")
    with qtbot.waitSignal(window.form.saved, timeout=10_000):
        window.act["save"].trigger()  # the same draft again: not asked a second time
    assert not any("already have a report" in t for _k, _h, t in prompter.asked[asked:])


def test_a_day_no_team_achieves_asks(open_window, demo_path, qtbot, prompter, wait_idle):
    window = open_window(demo_path)
    before = _count(demo_path)
    window.act["new"].trigger()
    _good_report(window.form)
    _fill(window.form, area_cleared_m2="11000")
    prompter.answers = [False]
    window.act["save"].trigger()
    qtbot.waitUntil(lambda: any(k == "confirm" for k, _h, _t in prompter.asked))
    wait_idle(qtbot, window)
    assert ("11,000 m² in one day is more than one team achieves (at most 10,000 m² with these "
            "assets)") in prompter.asked[-1][2]
    assert _count(demo_path) == before


def _open_site(window, qtbot, reference):
    page = window.sites.page
    window.tabs.setCurrentIndex(window.tabs.indexOf(window.sites))
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        if page.site is not None and page.site.reference == reference:
            page.show_site(reference)  # already selected (the list's first site): load again
        else:
            window.sites.select(reference)
    return page


def test_save_points_that_change_the_area_says_so_and_asks(open_window, demo_path, qtbot, prompter,
                                                            wait_idle):
    window = open_window(demo_path)
    reference = "BS/CHA/CMAA/40117"  # recorded as 35,000 m²; its polygon measures 36,059 m²
    page = _open_site(window, qtbot, reference)
    prompter.answers = [False]
    page.save_points()
    qtbot.waitUntil(lambda: any(k == "confirm" for k, _h, _t in prompter.asked))
    wait_idle(qtbot, window)
    assert "changes the site's area from 35,000 m² to 36,059 m²" in prompter.asked[-1][2]
    assert _site(demo_path, reference).area_m2 == 35_000
    prompter.answers = [True]
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.save_points()
    assert _site(demo_path, reference).area_m2 == 36_059
    assert page.figures["area"].text().startswith("36,059")


def test_site_page_shows_utm_beside_the_degrees(open_window, demo_path, qtbot):
    window = open_window(demo_path)
    page = _open_site(window, qtbot, SITE)
    editor = page.points
    assert editor.table.horizontalHeaderItem(8).text() == "= UTM"
    site = _site(demo_path, SITE)
    start = site.points[1]
    assert editor.table.item(1, 8).text() == utm.to_utm(start.lat, start.lon).label()
    assert editor.table.item(1, 8).text().startswith("48N ")


def test_a_point_typed_as_utm_is_stored_in_degrees(open_window, demo_path, qtbot, prompter, wait_idle):
    window = open_window(demo_path)
    page = _open_site(window, qtbot, SITE)
    editor = page.points
    before = editor.points()
    editor.set_coordinates("UTM48")
    assert editor.table.horizontalHeaderItem(2).text() == "Easting\n(m)"
    assert editor.points() == before  # switching how figures are typed moves nothing
    target = utm.to_utm(13.58800, 103.42480)
    editor.table.item(2, 2).setText(f"{target.easting:.2f}")
    editor.table.item(2, 3).setText(f"{target.northing:.2f}")
    assert editor.table.item(2, 6).text() == "13.58800" and editor.table.item(2, 7).text() == "103.42480"
    assert page.save_button.isEnabled()
    prompter.answers = [True]  # the area changes: save anyway
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.save_points()
    saved = _site(demo_path, SITE).points[2]
    assert (saved.lat, saved.lon) == (pytest.approx(13.588, abs=1e-7), pytest.approx(103.4248, abs=1e-7))


def test_import_gps_waypoints_maps_checks_and_saves(open_window, demo_path, qtbot, prompter, wait_idle):
    from app.ui.gpx_dialog import GpxDialog
    from safeland_core.vocab import PointType

    window = open_window(demo_path)
    page = _open_site(window, qtbot, EMPTY_SITE)
    assert page.gpx_button.isVisible() and page.gpx_button.text() == "Import GPS waypoints…"
    page.import_gpx(str(GPX / "garmin-sala-krau.gpx"))
    dialog = page.gpx_dialog
    assert isinstance(dialog, GpxDialog) and dialog.isVisible()
    assert [(w.name, kind) for w, kind in dialog.rows()] == [
        ("BM", PointType.BENCHMARK), ("SP", PointType.START), ("002", PointType.TURNING),
        ("003", PointType.TURNING), ("004", PointType.TURNING), ("E1", PointType.EVIDENCE)]
    assert "6 waypoints, 6 to import as the points of site " + EMPTY_SITE in dialog.summary.text()
    assert dialog.table.item(0, 4).text().startswith("48N ")
    assert dialog.save_button.isEnabled()
    dialog.move(1, row=2)  # 002 after 003: the boundary crosses itself
    assert not dialog.save_button.isEnabled()
    assert "The boundary crosses itself" in dialog.message.text() and dialog.message.isVisible()
    dialog.move(-1, row=3)
    dialog.set_type(5, None)  # leave the evidence point out
    assert dialog.save_button.isEnabled() and "5 to import" in dialog.summary.text()
    prompter.answers = [True]  # the area changes from 12,000 m²: save anyway
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        dialog.save_button.click()
    assert "changes the site's area from 12,000 m²" in prompter.asked[-1][2]
    saved = _site(demo_path, EMPTY_SITE)
    assert [p.type.value for p in saved.points] == ["BENCHMARK", "START", "TURNING", "TURNING", "TURNING"]
    assert page.gpx_dialog is None  # closed once saved


@pytest.mark.parametrize("name", ["broken.gpx", "garmin-track-only.gpx"])
def test_a_file_that_is_not_waypoints_is_said_plainly(open_window, demo_path, qtbot, prompter, name):
    window = open_window(demo_path)
    page = _open_site(window, qtbot, EMPTY_SITE)
    page.import_gpx(str(GPX / name))
    kind, _title, text = prompter.asked[-1]
    assert kind == "inform" and text == "This file cannot be read as GPS waypoints."
    assert page.gpx_dialog is None and _site(demo_path, EMPTY_SITE).points == []


def test_every_new_warning_has_a_message():
    from app.domain import warnings
    from app.ui import messages

    assert set(warnings.CODES) | {"site_area_changed"} <= messages.known_codes()
