"""`safeland sheet SITE_REFERENCE -o FILE.pdf [--paper A4|Letter]`: the printable site sheet.

Registered by app/cli.py's add_parsers. Runs without a display: the offscreen Qt platform is
chosen when none is set. An unknown reference is a one-line message and exit status 1.
"""
from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path

from ..cli import EXIT_OK, EXIT_REFUSED


def cmd_sheet(args: argparse.Namespace, db_path: Path) -> int:
    """The command, in a process of its own (`safeland sheet`): its objects are left to the
    process's end, not collected (below). The window prints through app.ui.print_sheet."""
    import gc

    from safeland_core.gcpause import collector_paused

    # No cycle collection while the site is read, Qt and the sheet's modules imported and the
    # sheet painted (43 collections of young objects, none of them garbage), and none after:
    # the laid-out sheet is some 29,000 objects in cycles with its canvas (Qt's glyph runs and
    # layouts among them), which a collection at the end, or the interpreter's at exit, would
    # walk and free for 16 ms of CPU just before the process ends. Frozen, they are left to the
    # exit (five-year sheet: about 30 ms, 8 %, of the command; docs/performance-sheets.md).
    with collector_paused():
        try:
            return _print_sheet(args, db_path)
        finally:
            gc.freeze()


def _print_sheet(args: argparse.Namespace, db_path: Path) -> int:
    from ..db import open_plain
    from .data import SiteNotFound, gather

    if not Path(db_path).exists():
        print(f"sheet: no database at {db_path}", file=sys.stderr)
        return EXIT_REFUSED
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    # The site is read before Qt is imported, on this thread: reading it on another while Qt
    # starts was tried, and PySide6's start-up is not safe against imports on another thread
    # (shiboken walks sys.modules: "dictionary changed size during iteration", then abort).
    # Plain sqlite3 (app.db.open_plain): an up-to-date file opens without importing SQLAlchemy
    # (about 0.4 s of this command); an older one is backed up and migrated first, as always.
    conn = open_plain(db_path)
    try:
        data = gather(conn, args.site_reference)
    except SiteNotFound as exc:
        print(f"sheet: {exc}. `safeland status` counts the sites; check the reference.",
              file=sys.stderr)
        return EXIT_REFUSED
    finally:
        conn.close()
    from PySide6.QtCore import QLoggingCategory
    from PySide6.QtGui import QGuiApplication

    from .render import page_layout, write_sheet  # Qt only once we know there is something to print

    # A bare QGuiApplication: a command opens no widget (QApplication and its QtWidgets would
    # cost the command about 10 ms more).
    app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841 - kept while printing

    # Qt notes each Latin face it tries for Khmer before it falls back to Noto Sans Khmer:
    # noise for someone printing a sheet.
    QLoggingCategory.setFilterRules("qt.text.font.db=false")
    try:
        pages = write_sheet(data, args.output, page_layout(args.paper))
    except OSError as exc:
        print(f"sheet: cannot write {args.output}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_REFUSED
    print(f"Site sheet of {args.site_reference} written to {args.output} "
          f"({pages} page{'s' if pages != 1 else ''}, {args.paper}).")
    return EXIT_OK


def register(sub: argparse._SubParsersAction,
             commands: dict[str, Callable[[argparse.Namespace, Path], int]]) -> None:
    sp = sub.add_parser("sheet", help="print a site's sheet (sketch, totals, daily log) to PDF")
    sp.add_argument("site_reference", metavar="SITE_REFERENCE", help="e.g. BS/CHA/CMAA/60222")
    sp.add_argument("-o", "--output", required=True, metavar="FILE.pdf", help="PDF file to write")
    sp.add_argument("--paper", choices=("A4", "Letter"), default="A4", help="paper size (default A4)")
    commands["sheet"] = cmd_sheet
