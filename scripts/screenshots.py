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
    amended = _amend_one(db)
    for lang in args.lang:  # the first-run page, on an empty database of its own
        _first_run(app, languages, lang, args.out)
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
            "draft-five-devices": lambda: _draft_five(window),
            "signed-history": lambda: _signed(window, amended),
            "amendment": lambda: _amending(window, amended),
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


DEVICES = [("AP_MINE", "PMN-2", 1, "POOR", 15, 13.58684, 103.42312),
           ("AP_MINE", "Type 72A", 2, "GOOD", 10, 13.58691, 103.42330),
           ("AT_MINE", "TM-46", 1, "POOR", 25, 13.58702, 103.42351),
           ("UXO", "82 mm mortar", 1, "UNKNOWN", 30, 13.58710, 103.42366),
           ("SAA", "7.62 mm", 40, "POOR", 5, 13.58715, 103.42371)]


def _items() -> list[dict]:
    return [{"category": c, "model": m, "quantity": q, "condition": cond, "depth_cm": d,
             "disposal": "DESTROYED_IN_SITU", "lat": lat, "lon": lon}
            for c, m, q, cond, d, lat, lon in DEVICES]


def _amend_one(db) -> str:  # noqa: ANN001
    """A signed report of FORM_SITE amended once (five devices, one more person), for the shots
    of a signed report with its history."""
    from app.domain import queries, services
    from app.domain.queries import ReportFilter

    site = queries.get_site(db, FORM_SITE)
    row = queries.page_reports(db, ReportFilter(status="SIGNED", site_id=str(site.id)), limit=1)[0]
    record = queries.get_report(db, row.id).model_dump(mode="json")
    record["personnel"] = (record.get("personnel") or 10) + 1
    record["items"] = _items()
    services.amend(db, row.id, record, "Five devices found, not one: the list was typed again",
                   accept_warnings=True)
    return row.id


def _first_run(app, languages, lang: str, out: Path) -> None:  # noqa: ANN001
    from app.db import open_database
    from app.ui.main_window import MainWindow
    from app.ui.ops import Backend

    path = Path(tempfile.mkdtemp(prefix="safeland-first-")) / "safeland.db"
    languages.set(lang)
    window = MainWindow(Backend(open_database(path)), languages)
    window.resize(1366, 768)
    window.show()
    window.start()
    wait_idle(window)
    window.first_run.team_leader.setFocus()
    window.first_run.save()  # Enter on an empty team leader: the message shows
    wait(200)
    target = out / f"first-run-{lang}.png"
    window.grab().save(str(target))
    print(target)
    window.shutdown()
    window.close()


def _draft_five(window) -> None:  # noqa: ANN001
    """A new report with five devices, as a team leader fills it in."""
    window.tabs.setCurrentWidget(window.form)
    form = window.form
    form.dirty = False
    form.request_new(FORM_SITE)
    f = form.fields
    f.assets["MANUAL"].setChecked(True)
    for key, text in (("personnel", "14"), ("hours_worked", "6.5"), ("area_cleared_m2", "850"),
                      ("clearance_depth_cm", "30")):
        f.edits[key].setText(text)
        f.edits[key].textEdited.emit(text)
    for item in _items():
        f.items.add_row(item)
    f.notes.setPlainText("រកឃើញគ្រាប់ប្រាំ នៅជិតអណ្ដូង។ Five devices found near the well.")
    form.validate()


def _signed(window, report_id: str) -> None:  # noqa: ANN001
    window.tabs.setCurrentWidget(window.form)
    window.form.dirty = False
    window.form.open_report(report_id)
    wait_idle(window)
    window.form.history.set_unfolded(True)


def _amending(window, report_id: str) -> None:  # noqa: ANN001
    _signed(window, report_id)
    window.form.history.set_unfolded(False)
    window.form.begin_amend()


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
    form.dirty = False
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
