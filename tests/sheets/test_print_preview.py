"""The desktop app's "Print site sheet…": the same layout painted into Qt's print preview."""
from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")


def test_print_preview_shows_the_sheet_pages(qtbot, demo_db):
    from PySide6.QtPrintSupport import QPrintPreviewWidget

    from app.ui.print_sheet import preview_dialog

    dialog = preview_dialog(None, demo_db, "BS/CHA/CMAA/60222")
    qtbot.addWidget(dialog)
    painted = []
    dialog.paintRequested.connect(lambda printer: painted.append(printer))
    dialog.show()
    preview = dialog.findChild(QPrintPreviewWidget)
    qtbot.waitUntil(lambda: preview.pageCount() > 0, timeout=10_000)
    assert painted
    assert preview.pageCount() == 2  # the same two pages as `safeland sheet`


def test_printing_to_a_pdf_printer_uses_the_same_layout(qapp, demo_db, tmp_path):
    from pypdf import PdfReader
    from PySide6.QtPrintSupport import QPrinter

    from app.sheets.data import gather
    from app.sheets.render import page_layout, paint_sheet

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printer.setPageLayout(page_layout("A4"))
    pages = paint_sheet(gather(demo_db, "BS/CHA/CMAA/60222"), printer)
    reader = PdfReader(str(tmp_path / "printed.pdf"))
    assert len(reader.pages) == pages == 2
    assert "Ka Maen cashew plantation" in " ".join(reader.pages[0].extract_text().split())
