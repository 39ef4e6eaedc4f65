""""Print site sheet…" and "Save sheet as PDF…": the site's sheet to a printer or to a PDF file.

The preview paints through `app.sheets.render.paint_sheet`, the same layout code as
`safeland sheet`, onto the dialog's QPrinter. A4 by default (Letter when the system's default
printer uses Letter); the user can change paper and printer in the dialog.

File names: a site reference holds slashes ("BS/CHA/CMAA/71408"), which a file name cannot, and
Qt's print dialog builds its "Print to File" name from the document name. Both ways to a PDF
therefore suggest `suggested_pdf_path(reference)`: "Site sheet BS-CHA-CMAA-71408.pdf" in the
user's documents folder (QStandardPaths). *Save sheet as PDF…* (beside *Print…* in the preview,
and on the site page) writes the file directly with `app.sheets.render.write_sheet`, so the PDF
has the same Khmer text layer as `safeland sheet`; a PDF printed from the dialog gets it too.

Thread: GUI only. The site's data is read once before the dialog opens (a few milliseconds even
for a year of reports); a caller that already holds it from a QueryOp passes `data=` and nothing
touches the database here.
"""
from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths
from PySide6.QtGui import QAction, QPageSize
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo, QPrintPreviewDialog
from PySide6.QtWidgets import QFileDialog, QMessageBox, QToolBar, QWidget

from ..db import Database
from ..sheets.data import SheetData, SiteNotFound, gather
from ..sheets.render import ensure_app, page_layout, paint_sheet, write_sheet

# Characters no file name may hold on Windows, macOS or Linux, and control characters.
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')




def safe_file_name(reference: str) -> str:
    """The reference as one file name: "BS/CHA/CMAA/71408" -> "BS-CHA-CMAA-71408"."""
    name = _UNSAFE.sub("-", reference).strip(" .-")
    return name or "site"


def documents_folder() -> Path:
    """The user's documents folder (QStandardPaths); the home folder when the system has none."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(folder) if folder else Path.home()


def suggested_pdf_path(reference: str) -> Path:
    """Where a sheet's PDF goes unless the user says otherwise: the documents folder, a name
    made from the reference without its folder separators."""
    return documents_folder() / f"Site sheet {safe_file_name(reference)}.pdf"


def choose_pdf_path(parent: QWidget | None, suggested: Path) -> Path | None:
    """Ask where to save the PDF (the suggestion filled in); None when the user cancelled.
    Tests replace this function."""
    path, _filter = QFileDialog.getSaveFileName(
        parent, QCoreApplication.translate("print_sheet", "Save sheet as PDF"), str(suggested),
        QCoreApplication.translate("print_sheet", "PDF files (*.pdf)"))
    if not path:
        return None
    return Path(path) if path.lower().endswith(".pdf") else Path(path + ".pdf")


def save_sheet_pdf(parent: QWidget | None, db: Database | None, site_reference: str,
                   data: SheetData | None = None) -> Path | None:
    """*Save sheet as PDF…*: ask where (documents folder suggested), write the sheet there;
    returns the file written, or None (cancelled, or failed and said so)."""
    ensure_app()
    try:
        sheet = data if data is not None else gather(db, site_reference)  # type: ignore[arg-type]
    except SiteNotFound:
        _gone(parent, site_reference)
        return None
    path = choose_pdf_path(parent, suggested_pdf_path(sheet.reference))
    if path is None:
        return None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)  # a fresh account may have no Documents yet
        write_sheet(sheet, path, page_layout(_paper_for(QPrinter())))
    except OSError as exc:
        QMessageBox.warning(parent, QCoreApplication.translate("print_sheet", "Save sheet as PDF"),
                            QCoreApplication.translate(
                                "print_sheet", "The sheet could not be saved to %1: %2")
                            .replace("%1", str(path)).replace("%2", exc.strerror or str(exc)))
        return None
    return path


def _paper_for(printer: QPrinter) -> str:
    return "Letter" if printer.pageLayout().pageSize().id() == QPageSize.PageSizeId.Letter else "A4"


def _gone(parent: QWidget | None, site_reference: str) -> None:
    QMessageBox.warning(parent, QCoreApplication.translate("print_sheet", "Print site sheet"),
                        QCoreApplication.translate(
                            "print_sheet", "The site %1 is no longer in this database.")
                        .replace("%1", site_reference))


def preview_dialog(parent: QWidget | None, db: Database | None, site_reference: str,
                   data: SheetData | None = None) -> QPrintPreviewDialog:
    """The preview dialog, built and wired but not shown. Raises SiteNotFound."""
    ensure_app()
    sheet = data if data is not None else gather(db, site_reference)  # type: ignore[arg-type]
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(page_layout(_paper_for(printer)))
    # The print dialog names its "Print to File" output after the document: a name without the
    # reference's slashes, which would be folders ("~/Site sheet BS/CHA/CMAA/71408.pdf").
    printer.setDocName(suggested_pdf_path(sheet.reference).stem)
    printer.setCreator("Safeland")
    if not QPrinterInfo.availablePrinters():
        # No printer: the file is the only way out, so start it in the documents folder.
        printer.setOutputFileName(str(suggested_pdf_path(sheet.reference)))
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(QCoreApplication.translate("print_sheet", "Site sheet %1")
                          .replace("%1", sheet.reference))
    # The dialog keeps the printer; the lambda keeps the data for as long as the dialog lives.
    dialog.paintRequested.connect(lambda target: paint_sheet(sheet, target))
    dialog._safeland_printer = printer  # type: ignore[attr-defined]  # noqa: SLF001 - kept alive with the dialog
    save = QAction(QCoreApplication.translate("print_sheet", "Save sheet as PDF…"), dialog)
    save.setObjectName("saveSheetAsPdf")
    save.triggered.connect(lambda: save_sheet_pdf(dialog, None, sheet.reference, data=sheet))
    bar = dialog.findChild(QToolBar)
    if bar is not None:  # beside Print…, the toolbar's last action
        bar.addAction(save)
    else:
        dialog.addAction(save)
    dialog._safeland_save = save  # type: ignore[attr-defined]  # noqa: SLF001 - found by tests
    return dialog


def open_print_preview(parent: QWidget, db: Database, site_reference: str,
                       data: SheetData | None = None) -> None:
    """Open the print preview of the site's sheet (modal); print, or save as PDF, from there."""
    try:
        dialog = preview_dialog(parent, db, site_reference, data)
    except SiteNotFound:
        _gone(parent, site_reference)
        return
    dialog.exec()
    dialog.deleteLater()
