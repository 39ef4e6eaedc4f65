"""What a QA inspector reads on a site sheet: rendered to PDF through Qt, read back with pypdf."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest
from sqlalchemy import select

DEMO_SITE = "BS/CHA/CMAA/60222"  # the cashew plantation: Ratanakiri, Ou Chum, Sammeakki, Ka Maen
NO_POLYGON_SITE = "BS/SHA/CMAA/48822"  # Pailin, surveyed, no polygon yet


def test_short_site_shows_reference_places_devices_and_totals(demo_db, render):
    pdf = render(demo_db, DEMO_SITE)
    first = pdf.pages[0]
    assert DEMO_SITE in first and "Ka Maen cashew plantation" in first
    assert "Operator" in first and "CMAC" in first and "DU5" in first
    # The location in English, and in Khmer where text extraction keeps the word whole.
    for english in ("Ratanak Kiri", "Ou Chum", "Sammeakki", "Ka Maen"):
        assert english in first
    assert "អូរជុំ" in first  # Ou Chum district
    # Land release, from site_totals: 9,720 m² cleared of 26,138 m².
    assert "26,138 m²" in first and "9,720 m²" in first and "16,418 m²" in first
    assert "37.2 %" in first
    # Devices, grouped by category and model, with quantities and disposal.
    for model in ("BLU-24/B", "CBU-25/A dispenser", "60 mm mortar"):
        assert model in pdf.text
    assert "Destroyed in situ" in pdf.text
    # Points table with coordinates and the measured bearing/distance.
    assert "Benchmark" in first and "13.842892" in first
    # The daily log, signed and drafts told apart, and the signature boxes.
    assert "2025-05-12" in pdf.text and "DRAFT" in pdf.text and "Signed" in pdf.text
    assert "QA officer" in pdf.text and "Team leader" in pdf.text


def test_labels_are_bilingual_and_khmer_font_is_embedded(demo_db, render):
    pdf = render(demo_db, DEMO_SITE)
    assert any("NotoSansKhmer" in name for name in pdf.fonts()), pdf.fonts()
    # Khmer labels extracted whole where the shaping allows it (words with a vowel written
    # before the consonant, like ខេត្ត, come out in visual order and are not asserted).
    assert "Commune / ឃុំ" in pdf.pages[0]
    assert "Village / ភូមិ" in pdf.pages[0]
    assert "Cleared / " in pdf.pages[0]


def test_labels_come_from_the_qt_translation_of_the_sheet():
    from app.sheets.labels import labels
    from app.sheets.render import ensure_app

    ensure_app()
    table = labels()
    assert table["cleared"].en == "Cleared"
    assert table["cleared"].km == "បានបោសសម្អាត"
    assert table["page"].arg(2, 5).both() == "Page 2 of 5 / ទំព័រ 2 នៃ 5"
    untranslated = [k for k, v in table.items() if v.km == v.en]
    assert not untranslated, f"labels without Khmer: {untranslated}"


def test_the_sheet_names_every_controlled_value_as_the_catalogue_does():
    """The sheet reads the catalogue's Khmer from vocab_km.qm through Qt's translator, as the
    window does; the catalogue reads the .ts: every code gets the same two labels."""
    from app.sheets.labels import Bi, labels
    from app.sheets.render import ensure_app
    from safeland_core.labels import catalogue

    ensure_app()
    table = labels()
    entries = catalogue()
    assert len(entries) > 50
    assert {e.code: Bi(e.en, e.km) for e in entries}.items() <= table.items()
    assert table["CLEARANCE"] != Bi("Clearance", "Clearance")  # in Khmer, not the fallback


def test_header_says_whether_everything_reached_hq(demo_db, render):
    from app.domain import services
    from app.models import OutboxEntry
    from app.store import outbox
    from app.store.outbox import OutboxState

    assert "NOT ALL SENT to HQ" in render(demo_db, DEMO_SITE).pages[0]
    services.sign(demo_db)  # the last days' drafts
    with demo_db.session(write=True) as s:  # as if HQ had applied every batch
        outbox.mark(s, [(seq, OutboxState.APPLIED, None, None)
                        for seq in s.scalars(select(OutboxEntry.seq))])
    first = render(demo_db, DEMO_SITE).pages[0]
    assert "All sent to HQ" in first and "NOT ALL SENT" not in first


def test_data_as_of_is_the_latest_report_date(demo_db, render):
    first = render(demo_db, DEMO_SITE).pages[0]
    assert "Data as of" in first and "2025-06-06" in first


def test_site_without_polygon_says_so(demo_db, render):
    pdf = render(demo_db, NO_POLYGON_SITE)
    assert "No polygon recorded" in pdf.pages[0]
    assert "No devices found" in pdf.text


def test_letter_paper(demo_db, render):
    pdf = render(demo_db, DEMO_SITE, paper="Letter")
    box = pdf.reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)
    a4 = render(demo_db, DEMO_SITE).reader.pages[0].mediabox
    assert (round(float(a4.width)), round(float(a4.height))) == (595, 842)


def test_data_gathering_does_not_import_qt():
    source = Path(__file__).resolve().parents[2] / "app" / "sheets" / "data.py"
    names = []
    for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            names.append(node.module or "")
    assert not [n for n in names if n.startswith(("PySide6", "shiboken6")) or "ui" in n.split(".")]


def test_gathering_writes_nothing(demo_db):
    from app.domain.queries import status_counts
    from app.sheets.data import gather

    before = status_counts(demo_db)
    sheet = gather(demo_db, DEMO_SITE)
    assert sheet.drafts == 2 and sheet.pending == 18
    assert status_counts(demo_db) == before


def test_a_plain_connection_gathers_what_the_database_gathers(demo_db):
    """`safeland sheet` reads through app.db.open_plain's sqlite3 connection, the window through
    its Database: the same sheet, field for field, for every demo site; the caller's
    connection is left open and out of any transaction."""
    import datetime as dt

    from app.db import open_plain
    from app.domain.queries import list_sites
    from app.sheets.data import SiteNotFound, gather

    now = dt.datetime(2025, 7, 1, 9, 30)
    conn = open_plain(demo_db.path)
    try:
        for site in list_sites(demo_db):
            assert gather(conn, site.reference, now) == gather(demo_db, site.reference, now)
            assert not conn.in_transaction
        with pytest.raises(SiteNotFound):
            gather(conn, "BS/CHA/CMAA/99999")
        assert not conn.in_transaction
        assert conn.execute("SELECT count(*) FROM sites").fetchone()[0] == len(list_sites(demo_db))
    finally:
        conn.close()


def _assert_totals_as_the_site_page(db) -> None:
    from app.domain.queries import list_sites, site_totals
    from app.sheets.data import gather

    sites = list_sites(db)
    assert sites
    for site in sites:
        got, page = gather(db, site.reference).totals, site_totals(db, str(site.id))
        assert (got.area_m2, got.cleared_m2, got.reduced_m2, got.cancelled_m2, got.reports,
                got.days_worked, got.teams, got.devices_total, got.first_date, got.last_date,
                got.remaining_m2, got.percent_released) == (
            page.area_m2, page.cleared_m2, page.reduced_m2, page.cancelled_m2, page.reports,
            page.days_worked, page.teams, page.devices_total, page.first_date, page.last_date,
            page.remaining_m2, page.percent_released), site.reference


def test_sheet_totals_are_the_site_pages_totals(demo_db):
    """The sheet sums its figures from the rows it prints (app/sheets/data.py); they are the
    figures the site page shows (app.domain.queries.site_totals), for every demo site."""
    _assert_totals_as_the_site_page(demo_db)


@pytest.mark.slow
def test_long_site_totals_are_the_site_pages_totals(long_db):
    _assert_totals_as_the_site_page(long_db)


def test_sketch_draws_the_polygon_in_the_order_the_rules_check_it():
    """The sketch's ring (app.sheets.data.polygon_order) is the perimeter the site rules check
    (safeland_core.validation.perimeter): numbered points by number, unnumbered ones after, in
    list order; benchmarks, reference and evidence points left out. Many mixed sites."""
    import random

    from app.sheets.data import _Point, polygon_order
    from safeland_core.validation import ResolvedPoint, perimeter
    from safeland_core.vocab import PointType

    rnd = random.Random(14)
    for _ in range(500):
        points = [(rnd.choice(list(PointType)), rnd.choice([None, None, *range(1, 8)]),
                   13.5 + rnd.random() / 100, 103.4 + rnd.random() / 100)
                  for _ in range(rnd.randint(0, 12))]
        sheet = polygon_order([_Point(t, seq, lat, lon, None, None) for t, seq, lat, lon in points])
        rules = perimeter([ResolvedPoint(t, seq, lat, lon) for t, seq, lat, lon in points])
        assert [(p.type, p.seq, p.lat, p.lon) for p in sheet] == \
            [(p.type, p.seq, p.lat, p.lon) for p in rules], points
