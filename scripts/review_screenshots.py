"""Screenshots of HQ's decisions in the window, for docs/screenshots/, in English and Khmer at
1366×768, offscreen: the reports list with statuses and where each report stands with HQ (and
the after-sync "2 reports returned by HQ: see why"), a returned report with its banner, and its
amendment with HQ's reason beside the form.

The demo database is made to look synced without a network: HQ's answers are written through
the same store functions a sync uses (outbox.mark as HQ's batch answer, then the review feed's
pages through app.sync.reviews.apply_review_page).

    .venv/bin/python scripts/review_screenshots.py [--out docs/screenshots] [--lang en km]
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

from scripts.screenshots import wait, wait_idle  # noqa: E402

REASONS = {
    "RETURNED": ("Clearance depth of lane 3 is not recorded; measure it and amend.",
                 "ទទឹងផ្លូវ 3 មិនទាន់កត់ជម្រៅបោសសម្អាត។ សូមវាស់ ហើយធ្វើវិសោធនកម្ម។"),
    "REJECTED": ("The same work as the report of the day before (a copy).",),
}


def _pretend_synced(db) -> list[str]:  # noqa: ANN001
    """Mark every signed report but the last five as applied by HQ (sent two days ago), then
    apply HQ's decisions on the newest applied ones. Returns the returned reports' ids."""
    from sqlalchemy import select

    from app.models import OutboxEntry
    from app.store import outbox
    from app.store.outbox import OutboxState
    from app.sync.reviews import ReviewItem, ReviewPage, apply_review_page
    from safeland_core.protocol import utc_iso

    with db.session(write=True) as s:
        entries = list(s.execute(select(OutboxEntry.seq, OutboxEntry.record_id)
                                 .order_by(OutboxEntry.seq)))
        sent = entries[:-5]
        outbox.mark(s, [(seq, OutboxState.APPLIED, None, None) for seq, _ in sent],
                    sent_at=dt.datetime.now(dt.UTC).replace(tzinfo=None) - dt.timedelta(days=2))
    newest = [rid for _, rid in reversed(sent)]
    plan = [("RETURNED", REASONS["RETURNED"][0]), ("ACCEPTED", None),
            ("RETURNED", REASONS["RETURNED"][1]), ("REJECTED", REASONS["REJECTED"][0]),
            ("ACCEPTED", None), ("ACCEPTED", None), ("ACCEPTED", None)]
    at = utc_iso(dt.datetime.now(dt.UTC).replace(microsecond=0) - dt.timedelta(hours=3))
    items = [ReviewItem(record_id=rid, revision=1, decision=d, reason=r, by="sokha", at=at)
             for rid, (d, r) in zip(newest, plan)]
    apply_review_page(db, ReviewPage(format="safeland-reviews/1", reviews=items,
                                     cursor="screenshots", more=False))
    return [i.record_id for i in items if i.decision == "RETURNED"]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    p.add_argument("--lang", nargs="+", default=["en", "km"])
    args = p.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv)
    from app.db import open_database
    from app.domain import demo, services
    from app.models import DeviceProfile
    from app.ui.i18n import Languages
    from app.ui.main_window import MainWindow
    from app.ui.ops import Backend

    path = Path(tempfile.mkdtemp(prefix="safeland-shots-")) / "safeland.db"
    db = open_database(path)
    demo.fill(db)
    services.save_profile(db, "CMAC", "DU4", "DU4-MDT-03", "Sok Dara")
    with db.session(write=True) as s:  # enrolled (a token that never leaves this file)
        prof = s.get(DeviceProfile, 1)
        prof.hq_url, prof.device_id, prof.device_token = "https://hq.example.org", "demo", "x"
    returned = _pretend_synced(db)
    window = MainWindow(Backend(db), Languages(app))
    window.resize(1366, 768)
    window.show()
    window.start()
    wait_idle(window)
    window.sync._timer.stop()  # noqa: SLF001 - no automatic attempt at the example address
    for lang in args.lang:
        window.set_language(lang, persist=False)
        wait(200)
        window.tabs.setCurrentWidget(window.reports)
        window.reports.clear_filter()
        window.sync._show_decided_link({rid: "RETURNED" for rid in returned})  # noqa: SLF001
        wait_idle(window)
        _save(window, args.out / f"reports-review-{lang}.png")
        window.show_report(returned[0])
        wait_idle(window)
        _save(window, args.out / f"report-returned-{lang}.png")
        window.form.review.amend_button.click()
        wait_idle(window)
        _save(window, args.out / f"report-amend-returned-{lang}.png")
        window.form.dirty = False
        window.form.open_report(returned[0])
        wait_idle(window)
    window.form.dirty = False
    window.shutdown()
    return 0


def _save(window, target: Path) -> None:  # noqa: ANN001
    wait(150)
    window.grab().save(str(target))
    print(target)


if __name__ == "__main__":
    sys.exit(main())
