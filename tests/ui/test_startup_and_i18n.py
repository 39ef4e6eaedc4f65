"""Opening databases that are in use, damaged or newer; the translations; the sites search."""
from __future__ import annotations

import xml.etree.ElementTree as ET

from app.ui import messages
from app.ui.i18n import I18N_DIR, PseudoTranslator
from safeland_core.validation import CODES

SERVICE_CODES = {"signed_frozen", "reason_required", "amend_no_change", "not_found",
                 "already_signed", "not_own", "not_signed"}


def _launcher(languages):
    from app.ui.launcher import Launcher

    return Launcher(languages)


def test_a_damaged_file_gets_a_plain_message_and_a_way_out(tmp_path, prompter, languages, qtbot):
    bad = tmp_path / "field.db"
    bad.write_bytes(b"this is not a database at all" * 100)
    prompter.answers = [2]  # Quit
    assert _launcher(languages).open(bad) is False
    kind, title, text = prompter.asked[-1]
    assert kind == "choose" and "damaged" in text and "Traceback" not in text
    assert bad.read_bytes().startswith(b"this is not")  # left untouched


def test_a_damaged_file_can_give_way_to_the_demo_data(tmp_path, prompter, languages, qtbot):
    bad = tmp_path / "field.db"
    bad.write_bytes(b"garbage" * 100)
    prompter.answers = [1]  # Open the demo data
    launcher = _launcher(languages)
    assert launcher.open(bad) is True
    window = launcher.window
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.ready, timeout=60_000):
        pass
    assert window.backend.db.path.name == "safeland-demo.db"
    qtbot.waitUntil(lambda: window.sites.list.count() == 5, timeout=10_000)
    window.shutdown()


def test_a_database_open_in_another_window_is_refused(db_path, prompter, languages, qtbot):
    first = _launcher(languages)
    assert first.open(db_path) is True
    qtbot.addWidget(first.window)
    prompter.answers = [1]  # Quit
    assert _launcher(languages).open(db_path) is False
    assert "already open" in prompter.asked[-1][2]
    first.window.shutdown()


def test_a_newer_schema_is_refused_with_a_plain_message(db_path, prompter, languages, qtbot):
    import sqlite3

    from app.db import open_database

    open_database(db_path).close()
    con = sqlite3.connect(db_path)
    con.execute("UPDATE alembic_version SET version_num = 'from_the_future'")
    con.commit()
    con.close()
    prompter.answers = [2]
    assert _launcher(languages).open(db_path) is False
    assert "newer version" in prompter.asked[-1][2]


def test_every_code_has_a_message():
    assert set(CODES) | SERVICE_CODES <= messages.known_codes()


def test_every_ui_string_has_a_khmer_translation():
    root = ET.parse(I18N_DIR / "ui_km.ts").getroot()
    missing = [m.findtext("source") for m in root.iter("message")
               if not "".join(m.find("translation").itertext()).strip()  # plurals: numerusforms
               or m.find("translation").get("type") in ("unfinished", "obsolete")]
    assert not missing
    assert (I18N_DIR / "ui_km.qm").stat().st_size > 1000


def test_pseudo_locale_stretches_strings_but_keeps_placeholders(qapp):
    t = PseudoTranslator()
    out = t.translate("Ctx", "Drafts: %1")
    assert out.startswith("[!! ") and out.endswith(" !!]")
    assert "Draafts" in out and "%1" in out


def test_pseudo_locale_reaches_the_window(open_demo_window, qtbot):
    window = open_demo_window()
    window.set_language("pseudo")
    qtbot.waitUntil(lambda: window.tabs.tabText(0).startswith("[!!"))
    assert window.form.fields.captions["personnel"].text().startswith("[!!")
    window.set_language("en")


def test_sites_search_by_place_forgives_romanisation(open_demo_window, qtbot):
    window = open_demo_window()
    sites = window.sites
    qtbot.waitUntil(lambda: sites.list.count() == 5)
    for text in ("Samakki", "សាមគ្គី", "Ratanakiri", "60222", "កាម៉ែន", "Ka Maen"):
        with qtbot.waitSignal(sites.shown, timeout=5000):
            sites.search.setText(text)
        assert sites.references() == ["BS/CHA/CMAA/60222"], text
    with qtbot.waitSignal(sites.shown, timeout=5000):
        sites.search.setText("")
    with qtbot.waitSignal(sites.shown, timeout=5000):
        sites.status.setCurrentIndex(sites.status.findData("OPEN"))
    assert sites.references() == ["BS/SHA/CMAA/48822"]


def test_site_page_shows_sketch_totals_and_computed_points(open_demo_window, qtbot):
    window = open_demo_window()
    page = window.sites.page
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        window.sites.select("BS/CHA/CMAA/60222")
    assert "រតនគិរី" in page.location.text() and "Sammeakki" in page.location.text()
    assert len(page.sketch.perimeter()) == 4 + 1  # start, 3 turning points, end
    from app.domain import queries

    site = queries.get_site(window.backend.db, "BS/CHA/CMAA/60222")
    totals = queries.site_totals(window.backend.db, str(site.id))
    assert 0 < page.progress.value() == round(totals.percent_released)  # the bar shows what is released
    assert page.figures["area"].text().endswith("ha)")
    # a measured point: its coordinates are computed as soon as it is typed
    editor = page.points
    row = 3  # the second turning point, 160 m east of the start point
    before = editor.table.item(row, 7).text()
    editor.table.item(row, 5).setText("320")
    assert editor.table.item(row, 7).text() != before
    assert page.save_button.isEnabled()


def test_save_points_asks_before_saving_a_polygon_that_overlaps_another_site(
        open_demo_window, qtbot, prompter, wait_idle):
    """Geocheck's overlap rule in the window: the team leader is asked, with the other site and
    the overlap in m², and nothing is saved unless they confirm."""
    from app.domain import queries

    window = open_demo_window()
    db = window.backend.db
    page = window.sites.page
    other = queries.get_site(db, "BS/CHA/CMAA/60222")
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        window.sites.select(other.reference)  # the page shows the other site first...
    reference = next(s.reference for s in queries.list_sites(db) if s.reference != other.reference)
    target = queries.get_site(db, reference)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        window.sites.select(reference)  # ...then the site whose points are replaced by its polygon
    copied = [p.model_dump(mode="json", exclude_none=True) for p in other.points]
    page.points.set_points(copied, read_only=False)

    prompter.answers = [False]  # first time: do not save
    page.save_points()
    wait_idle(qtbot, window)
    kind, title, text = prompter.asked[-1]
    assert kind == "confirm" and other.reference in text and "m²" in text
    assert [p.lat for p in queries.get_site(db, target.reference).points] == \
        [p.lat for p in target.points]  # unchanged

    prompter.answers = [True]  # then: save anyway
    page.save_points()
    wait_idle(qtbot, window)
    saved = queries.get_site(db, target.reference)
    assert [round(p.lat, 6) for p in saved.points if p.type != "BENCHMARK"][:3] == \
        [round(p.lat, 6) for p in other.points if p.type != "BENCHMARK"][:3]
