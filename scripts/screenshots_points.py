"""Screenshots of a site's points with UTM shown and of *Import GPS waypoints…*, in English and
Khmer, at 1366×768, on a fresh demo database (offscreen). Issue 11, points 17 and 18.

    .venv/bin/python scripts/screenshots_points.py [--out docs/screenshots] [--lang en km]

Writes site-utm-LANG.png (the points tab, coordinates typed as UTM 48N, = UTM beside the
degrees) and gpx-LANG.png (the window with the GPX dialog over the site page).
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QRect, Qt  # noqa: E402
from PySide6.QtGui import QColor, QPainter, QPixmap  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from screenshots import wait, wait_idle  # noqa: E402  (scripts/screenshots.py)

GPX = ROOT / "tests" / "unit" / "gpx" / "garmin-sala-krau.gpx"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    p.add_argument("--lang", nargs="+", default=["en", "km"])
    args = p.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv)
    from app.db import open_database
    from app.domain import demo, services
    from app.ui.i18n import Languages
    from app.ui.main_window import MainWindow
    from app.ui.ops import Backend

    path = Path(tempfile.mkdtemp(prefix="safeland-shots-")) / "safeland.db"
    db = open_database(path)
    demo.fill(db)
    services.save_profile(db, "CMAC", "DU4", "DU4-MDT-03", "Sok Dara")
    window = MainWindow(Backend(db), Languages(app))
    window.resize(1366, 768)
    window.show()
    window.start()
    wait_idle(window)
    page = window.sites.page
    for lang in args.lang:
        window.set_language(lang, persist=False)
        wait(200)
        window.tabs.setCurrentWidget(window.sites)
        window.sites.select("BS/CHA/CMAA/71408")
        wait_idle(window)
        page.details.setCurrentIndex(0)
        page.points.set_coordinates("UTM48")
        wait(200)
        target = args.out / f"site-utm-{lang}.png"
        window.grab().save(str(target))
        print(target)
        page.points.set_coordinates("LATLON")
        window.sites.select("BS/SHA/CMAA/48822")
        wait_idle(window)
        page.import_gpx(str(GPX))
        wait(300)
        dialog = page.gpx_dialog
        shot = QPixmap(window.grab())
        painter = QPainter(shot)  # the dialog where the window manager would centre it,
        grabbed = dialog.grab()  # under a plain title bar (offscreen has no window frames)
        x, y = (shot.width() - grabbed.width()) // 2, (shot.height() - grabbed.height()) // 2 + 12
        bar = QRect(x - 1, y - 26, grabbed.width() + 2, 26)
        painter.fillRect(bar, QColor("#3c4650"))
        painter.setPen(QColor("white"))
        painter.drawText(bar.adjusted(10, 0, 0, 0), int(Qt.AlignmentFlag.AlignVCenter), dialog.windowTitle())
        painter.drawPixmap(x, y, grabbed)
        painter.setPen(QColor("#3c4650"))
        painter.drawRect(QRect(x - 1, y - 26, grabbed.width() + 1, grabbed.height() + 26))
        painter.end()
        target = args.out / f"gpx-{lang}.png"
        shot.save(str(target))
        print(target)
        dialog.reject()
        wait(100)
    window.form.dirty = False
    window.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
