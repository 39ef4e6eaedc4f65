""""Print site sheet…": Qt's print preview of a site's sheet, to any installed printer or to PDF.

The preview paints through `app.sheets.render.paint_sheet`, the same layout code as
`safeland sheet`, onto the dialog's QPrinter. A4 by default (Letter when the system's default
printer uses Letter); the user can change paper and printer in the dialog.

Thread: GUI only. The site's data is read once before the dialog opens (a few milliseconds even
for a year of reports); a caller that already holds it from a QueryOp passes `data=` and nothing
touches the database here.
"""
from __future__ import annotations

from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QMessageBox, QWidget

from ..db import Database
from ..sheets.data import SheetData, SiteNotFound, gather
from ..sheets.render import ensure_app, page_layout, paint_sheet


def _paper_for(printer: QPrinter) -> str:
    return "Letter" if printer.pageLayout().pageSize().id() == QPageSize.PageSizeId.Letter else "A4"


def preview_dialog(parent: QWidget | None, db: Database | None, site_reference: str,
                   data: SheetData | None = None) -> QPrintPreviewDialog:
    """The preview dialog, built and wired but not shown. Raises SiteNotFound."""
    ensure_app()
    sheet = data if data is not None else gather(db, site_reference)  # type: ignore[arg-type]
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(page_layout(_paper_for(printer)))
    printer.setDocName(f"Site sheet {sheet.reference}")
    printer.setCreator("Safeland")
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(dialog.tr("Site sheet %1").replace("%1", sheet.reference))
    # The dialog keeps the printer; the lambda keeps the data for as long as the dialog lives.
    dialog.paintRequested.connect(lambda target: paint_sheet(sheet, target))
    dialog._safeland_printer = printer  # type: ignore[attr-defined]  # noqa: SLF001 - kept alive with the dialog
    return dialog


def open_print_preview(parent: QWidget, db: Database, site_reference: str,
                       data: SheetData | None = None) -> None:
    """Open the print preview of the site's sheet (modal); print or save as PDF from there."""
    try:
        dialog = preview_dialog(parent, db, site_reference, data)
    except SiteNotFound:
        QMessageBox.warning(parent, parent.tr("Print site sheet"),
                            parent.tr("The site %1 is no longer in this database.")
                            .replace("%1", site_reference))
        return
    dialog.exec()
    dialog.deleteLater()
