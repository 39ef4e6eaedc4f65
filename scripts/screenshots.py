"""Screenshots of the window for docs/screenshots/, in English and Khmer, at 1366×768 (the old
laptop the app is made for), on a fresh demo database. Offscreen: no display needed.

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots] [--lang en km pseudo]
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

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

SITE = "BS/CHA/CMAA/60222"
FORM_SITE = "BS/CHA/CMAA/71408"


def wait(ms: int) -> None:
    """Let the window work (ops, layouts, paints) for `ms` without a busy loop."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wait_idle(window, limit_ms: int = 10_000) -> None:  # noqa: ANN001
    waited = 0
    while window.backend.pending and waited < limit_ms:
        wait(50)
        waited += 50
    wait(150)


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
    languages = Languages(app)
    window = MainWindow(Backend(db), languages)
    window.resize(1366, 768)
    window.show()
    window.start()
    wait_idle(window)
    for lang in args.lang:
        window.set_language(lang, persist=False)
        wait(200)
        shots = {
            "main": lambda: _sites(window, SITE),
            "reports": lambda: _reports(window),
            "form": lambda: _form(window),
            "site": lambda: _site_points(window),
        }
        for name, prepare in shots.items():
            prepare()
            wait_idle(window)
            target = args.out / f"{name}-{lang}.png"
            window.grab().save(str(target))
            print(target)
    window.form.dirty = False  # a screenshot's form is not worth recovering
    window.shutdown()
    return 0


def _sites(window, reference: str) -> None:  # noqa: ANN001
    window.tabs.setCurrentWidget(window.sites)
    window.sites.page.details.setCurrentIndex(0)
    window.sites.select(reference)


def _site_points(window) -> None:  # noqa: ANN001
    """The site page with its daily reports tab, to show the third part of the page."""
    window.tabs.setCurrentWidget(window.sites)
    window.sites.select("BS/CHA/CMAA/71408")
    wait_idle(window)
    window.sites.page.details.setCurrentIndex(2)


def _reports(window) -> None:  # noqa: ANN001
    window.tabs.setCurrentWidget(window.reports)
    window.reports.clear_filter()


def _form(window) -> None:  # noqa: ANN001
    """A new report with one bad value (personnel 250) and a device found."""
    window.tabs.setCurrentWidget(window.form)
    form = window.form
    form.new_report()
    f = form.fields
    f.site.setCurrentIndex(f.site.findData(FORM_SITE))
    f.activity.setCurrentIndex(f.activity.findData("CLEARANCE"))
    f.assets["MANUAL"].setChecked(True)
    f.assets["MDD"].setChecked(True)
    for key, text in (("personnel", "250"), ("hours_worked", "6.5"), ("area_cleared_m2", "850"),
                      ("clearance_depth_cm", "")):
        f.edits[key].setText(text)
        f.edits[key].textEdited.emit(text)
    f.items.add_row({"category": "AP_MINE", "model": "PMN-2", "quantity": 1, "condition": "POOR",
                     "depth_cm": 15, "disposal": "DESTROYED_IN_SITU", "lat": 13.5868, "lon": 103.4231})
    f.notes.setPlainText("រកឃើញមីន PMN-2 មួយគ្រាប់ នៅជិតអណ្ដូង។ Found one PMN-2 near the well.")
    form.reveal_all_issues()


if __name__ == "__main__":
    sys.exit(main())
