"""`safeland sheet SITE_REFERENCE -o FILE.pdf [--paper A4|Letter]`: the printable site sheet.

Registered by app/cli.py's add_parsers. Runs without a display: the offscreen Qt platform is
chosen when none is set. An unknown reference is a one-line message and exit status 1.
"""
from __future__ import annotations

import argparse
import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ..cli import EXIT_OK, EXIT_REFUSED

if TYPE_CHECKING:
    from .data import SheetData


def cmd_sheet(args: argparse.Namespace, db_path: Path) -> int:
    if not Path(db_path).exists():
        print(f"sheet: no database at {db_path}", file=sys.stderr)
        return EXIT_REFUSED
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    # Reading the site (SQLAlchemy, pydantic, the gazetteer, PROJ: imports that cost more than
    # the sheet) and starting Qt (its libraries, fonts, translators) do not depend on each
    # other: the site is read on a thread while Qt starts (docs/performance-sheets.md).
    read = _Read(db_path, args.site_reference)
    read.start()
    from PySide6.QtCore import QLoggingCategory

    from .render import page_layout, prepare, write_sheet

    # Qt notes each Latin face it tries for Khmer before it falls back to Noto Sans Khmer:
    # noise for someone printing a sheet.
    QLoggingCategory.setFilterRules("qt.text.font.db=false")
    prepare()
    read.join()
    from .data import SiteNotFound

    if isinstance(read.error, SiteNotFound):
        print(f"sheet: {read.error}. `safeland status` counts the sites; check the reference.",
              file=sys.stderr)
        return EXIT_REFUSED
    if read.error is not None:
        raise read.error
    assert read.data is not None
    try:
        pages = write_sheet(read.data, args.output, page_layout(args.paper))
    except OSError as exc:
        print(f"sheet: cannot write {args.output}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_REFUSED
    print(f"Site sheet of {args.site_reference} written to {args.output} "
          f"({pages} page{'s' if pages != 1 else ''}, {args.paper}).")
    return EXIT_OK


class _Read(threading.Thread):
    """Opens the database, gathers the sheet's data, closes the database: all on this thread."""

    def __init__(self, db_path: Path, reference: str):
        super().__init__(name="sheet-data", daemon=True)
        self.db_path, self.reference = db_path, reference
        self.data: SheetData | None = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            from ..db import open_database
            from .data import gather

            db = open_database(self.db_path)
            try:
                self.data = gather(db, self.reference)
            finally:
                db.close()
        except BaseException as exc:  # noqa: BLE001 - handed to the main thread, which reports or re-raises it
            self.error = exc


def register(sub: argparse._SubParsersAction,
             commands: dict[str, Callable[[argparse.Namespace, Path], int]]) -> None:
    sp = sub.add_parser("sheet", help="print a site's sheet (sketch, totals, daily log) to PDF")
    sp.add_argument("site_reference", metavar="SITE_REFERENCE", help="e.g. BS/CHA/CMAA/60222")
    sp.add_argument("-o", "--output", required=True, metavar="FILE.pdf", help="PDF file to write")
    sp.add_argument("--paper", choices=("A4", "Letter"), default="A4", help="paper size (default A4)")
    commands["sheet"] = cmd_sheet
