"""save_report_in_window: the team leader presses Ctrl+S in the real window with 10,000 reports
in the reports list, until the list and the site's page show the saved report (ms).

- value: from Ctrl+S (the window's Save action) until the draft is saved, the reports list has
  read its rows again in place (ReportsModel.refresh) and the worker is idle; plus, once the
  team leader goes to the Sites tab, until the site's page has loaded its totals and reports
  (the page loads when it is shown: SitePage.show_site).
- floor: the bare service save of the same report (services.save_draft: validation and one
  transaction), in the same process and run, on the same database.

Quick mode: 3 saves; full: 7. Medians.
"""
from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import statistics
import sys
import time
import uuid
from collections.abc import Iterable
from pathlib import Path

from bench.common import row
from bench.common import run_until as wait_for

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
N_REPORTS = 10_000
SITE = "BS/CHA/CMAA/71408"


_SAVED = itertools.count()


def _report(site: str) -> dict:
    """A report no warning asks about: each on its own day and team (a second report for the
    same site, date and team asks "you already have a report..."), its five devices apart."""
    n = next(_SAVED)
    day = (dt.date(2024, 1, 1) + dt.timedelta(days=n)).isoformat()
    return {"id": str(uuid.uuid4()), "site_reference": site, "date": day, "activity": "CLEARANCE",
            "assets": ["MANUAL"], "team": f"DU4-BENCH-{n:03d}", "team_leader": "Sok Dara",
            "personnel": 14, "hours_worked": 6.5, "area_cleared_m2": 600, "clearance_depth_cm": 30,
            "items": [{"category": "AP_MINE", "model": "PMN-2", "quantity": 1, "condition": "POOR",
                       "depth_cm": 10 + k, "disposal": "DESTROYED_IN_SITU",
                       "lat": 11.0541 + 0.0001 * k, "lon": 104.7561 + 0.0001 * k}
                      for k in range(5)]}


def run(quick: bool) -> Iterable[dict]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    import shutil

    from PySide6.QtWidgets import QApplication

    from app.db import open_database
    from app.domain import services
    from app.ui.i18n import Languages
    from app.ui.main_window import MainWindow
    from app.ui.ops import Backend
    from bench.bench_gui import build_database

    source = build_database(N_REPORTS)
    db_file = HERE / "out" / "save-in-window.db"
    shutil.copyfile(source, db_file)  # the saves go to a copy; the cached database stays as built
    for side in ("-wal", "-shm"):
        Path(str(db_file) + side).unlink(missing_ok=True)
    import sqlite3

    # The built reports are spread over the demo's five sites and together exceed their areas:
    # the bench's site is given room, so a save asks nothing (no *Save anyway?* in the loop).
    con = sqlite3.connect(db_file)
    with con:
        con.execute("UPDATE sites SET area_m2 = 1e8 WHERE reference = ?", (SITE,))
    con.close()
    from app.ui import prompts

    class _NoQuestions(prompts.Prompter):  # a question would block an offscreen run: fail instead
        def confirm(self, parent, title, text, ok, detail=""):  # noqa: ANN001, ANN202
            raise RuntimeError(f"the bench was asked: {title}: {text}")

        inform = choose = confirm  # type: ignore[assignment]

    prompts.install(_NoQuestions())

    app = QApplication.instance() or QApplication(sys.argv)
    langs = Languages(app)
    langs.set("en")
    window = MainWindow(Backend(open_database(db_file)), langs)
    window.resize(1366, 768)
    window.show()

    # However a step ends (a stall raises), the window and its worker thread are shut down:
    # a QThread destroyed while running aborts the whole bench run (and CI's step with it).
    try:
        def run_until(predicate, limit_s: float = 60.0) -> None:  # noqa: ANN001
            if not wait_for(predicate, limit_s):
                import traceback

                # Where the worker thread is: in a job (stuck), or waiting for the next one.
                stack = None
                for frame in sys._current_frames().values():  # noqa: SLF001 - the threads now
                    text = "".join(traceback.format_stack(frame))
                    if "ops.py" in text and "run" in text and "_Worker" not in text:
                        stack = text
                print(json.dumps({"bench": "save_report_in_window", "stalled_worker_stack":
                                  (stack or "")[-3000:]}), file=sys.stderr, flush=True)
                raise RuntimeError(f"the window did not get there in {limit_s} s: {window.backend.pending} "
                                   f"op(s) waiting for an answer, page visible {page.isVisible()}, "
                                   f"tab {window.tabs.currentIndex()}; pending ids "
                                   f"{sorted(window.backend._pending)}")  # noqa: SLF001

        view, form, page = window.reports, window.form, window.sites.page
        ready = {"v": False}
        window.ready.connect(lambda: ready.update(v=True))
        window.start()
        run_until(lambda: ready["v"] and window.backend.pending == 0)
        window.sync.shutdown()  # no automatic sync attempt in the middle of the measure (not enrolled anyway)
        window.tabs.setCurrentWidget(view)
        run_until(lambda: view.model.rowCount() > 0 and window.backend.pending == 0)
        view.table.scrollToBottom()  # as a user scrolling the list: several pages loaded
        run_until(lambda: window.backend.pending == 0)
        window.tabs.setCurrentWidget(window.sites)
        window.sites.select(SITE)
        run_until(lambda: page.site is not None and page.site.reference == SITE
                  and window.backend.pending == 0)

        repeat = 3 if quick else 7
        times, list_times, page_times, floors = [], [], [], []
        for _ in range(repeat):
            window.tabs.setCurrentWidget(form)
            form.request_new(SITE)
            run_until(lambda: window.backend.pending == 0)
            values = _report(SITE)
            form.fields.load({**values})
            form.fields.edited.emit("team")
            form._touched.update(values)  # noqa: SLF001 - typed by the bench
            run_until(lambda: window.backend.pending == 0)
            state = {"saved": False, "refreshed": False, "loaded": False}

            def saved(_rid: str, s: dict = state) -> None:
                s["saved"] = True

            def refreshed(s: dict = state) -> None:
                s["refreshed"] = True

            def loaded(_ref: str, s: dict = state) -> None:
                s["loaded"] = True

            form.saved.connect(saved)
            view.model.refreshed.connect(refreshed)
            t0 = time.perf_counter()
            window.act["save"].trigger()
            run_until(lambda s=state: s["saved"] and s["refreshed"] and window.backend.pending == 0)
            t1 = time.perf_counter()
            page.loaded.connect(loaded)
            t2 = time.perf_counter()
            window.tabs.setCurrentWidget(window.sites)
            run_until(lambda s=state: s["loaded"] and window.backend.pending == 0)
            t3 = time.perf_counter()
            form.saved.disconnect(saved)
            view.model.refreshed.disconnect(refreshed)
            page.loaded.disconnect(loaded)
            list_times.append(t1 - t0)
            page_times.append(t3 - t2)
            times.append((t1 - t0) + (t3 - t2))
            # the floor: the same report through the service alone, on the same database
            # (on the window's worker thread, the one thread that touches the database)
            bare = _report(SITE)

            def floor(db, bare=bare) -> None:  # noqa: ANN001
                f0 = time.perf_counter()
                services.save_draft(db, bare)
                floors.append(time.perf_counter() - f0)

            window.backend.submit(floor, lambda *_: None)
            run_until(lambda: window.backend.pending == 0)
        reports = view.model.total
    finally:
        window.form.dirty = False
        window.shutdown()
        window.close()
    ms = 1000.0
    yield row("save_report_in_window", "ms", statistics.median(times) * ms, statistics.median(floors) * ms,
              list_ms=round(statistics.median(list_times) * ms, 1),
              site_page_ms=round(statistics.median(page_times) * ms, 1),
              worst_ms=round(max(times) * ms, 1), reports=reports, rows_loaded=view.model.rowCount(),
              devices=5, runs=repeat)


if __name__ == "__main__":
    import json

    for r in run(quick="--quick" in sys.argv):
        print(json.dumps(r))
