"""What the window asks of the database at start-up: each thing once, and only what is shown."""
from __future__ import annotations

from PySide6.QtCore import Qt

from app.domain import queries


def test_the_reports_list_is_counted_once_at_start_up(open_demo_window, monkeypatch, qtbot, wait_idle):
    counted = []
    real = queries.count_reports
    monkeypatch.setattr(queries, "count_reports", lambda db, f: counted.append(f) or real(db, f))
    window = open_demo_window()
    assert counted == [queries.ReportFilter()]
    assert window.reports.model.total == 100 and window.reports.model.rowCount() > 0
    window.tabs.setCurrentWidget(window.reports)
    with qtbot.waitSignal(window.reports.model.counted, timeout=10_000):  # a click on "Site"
        window.reports.table.horizontalHeader().setSortIndicator(1, Qt.SortOrder.AscendingOrder)
    wait_idle(qtbot, window)
    assert len(counted) == 2 and window.reports.model.row_at(0).site_reference == "BS/CHA/CMAA/40117"


def test_a_site_chosen_behind_another_tab_is_loaded_when_its_tab_is_opened(open_demo_window, qtbot,
                                                                           wait_idle):
    window = open_demo_window()
    page = window.sites.page
    window.tabs.setCurrentWidget(window.reports)
    qtbot.waitUntil(lambda: window.sites.list.count() == 5)
    window.sites.select("BS/CHA/CMAA/60222")
    wait_idle(qtbot, window)
    assert page.site is None or page.site.reference != "BS/CHA/CMAA/60222"  # not read while hidden
    with qtbot.waitSignal(page.loaded, timeout=10_000) as loaded:
        window.tabs.setCurrentWidget(window.sites)
    assert loaded.args == ["BS/CHA/CMAA/60222"]
    assert "រតនគិរី" in page.location.text() and "Sammeakki" in page.location.text()


def test_a_change_while_hidden_keeps_the_site_chosen_in_the_list(open_demo_window, qtbot, wait_idle):
    """Chosen behind another tab, then a report is saved elsewhere: the page still shows the
    site highlighted in the list, not the one it showed before."""
    from app.domain.services import Changes

    window = open_demo_window()
    page = window.sites.page
    qtbot.waitUntil(lambda: page.site is not None)
    first = page.site.reference
    window.tabs.setCurrentWidget(window.reports)
    other = next(r for r in window.sites.references() if r != first)
    window.sites.select(other)
    wait_idle(qtbot, window)
    window.backend.changed.emit(Changes(reports=True), None)  # as when the form saves a draft
    wait_idle(qtbot, window)
    with qtbot.waitSignal(page.loaded, timeout=10_000) as loaded:
        window.tabs.setCurrentWidget(window.sites)
    wait_idle(qtbot, window)
    assert loaded.args == [other] and page.site.reference == other


# --- the status bar's counts, read ahead while the data layer is imported ----------------------

def test_the_launcher_counts_the_status_bar_ahead_not_again_on_the_worker(demo_path, prompter,
                                                                          languages, qtbot,
                                                                          monkeypatch, wait_idle):
    """The status bar shows the file's counts, read by the launcher on its own connection while
    the window was built: the worker does not count them a second time at start-up."""
    from app.db import open_database
    from app.ui.launcher import Launcher

    db = open_database(demo_path)
    expected = queries.status_counts(db)
    db.close()
    counted = []
    real = queries.status_counts
    monkeypatch.setattr(queries, "status_counts", lambda d: counted.append(d) or real(d))
    launcher = Launcher(languages)
    assert launcher.open(demo_path) is True
    window = launcher.window
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.status.drafts.text() != "", timeout=10_000)
    wait_idle(qtbot, window)
    assert window.status.drafts.text() == f"Drafts: {expected.drafts}"
    assert window.status.waiting.text().startswith(f"Signed: {expected.waiting}, not sent")
    assert counted == []  # read ahead, once
    window.shutdown()


def _launch(languages, qtbot, wait_idle, path, counted):
    from app.ui.launcher import Launcher

    launcher = Launcher(languages)
    assert launcher.open(path, counted=counted) is True
    window = launcher.window
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.status.drafts.text() != "", timeout=10_000)
    wait_idle(qtbot, window)
    return window


def test_counts_read_before_the_lock_are_taken_when_nothing_was_written(
        demo_path, prompter, languages, qtbot, wait_idle, monkeypatch):
    """The ordinary start: the counts read before the paint are shown, not counted again by
    the launcher or the worker (the reader may leave an empty WAL behind: that is no write)."""
    from app.ui import read_ahead

    counts = []
    plain, real = read_ahead.status_counts_plain, queries.status_counts
    monkeypatch.setattr(read_ahead, "status_counts_plain", lambda c: counts.append(c) or plain(c))
    monkeypatch.setattr(queries, "status_counts", lambda d: counts.append(d) or real(d))
    counted = read_ahead.count_early(demo_path)
    assert counted is not None
    expected = counted.result(timeout=10)
    window = _launch(languages, qtbot, wait_idle, demo_path, counted)
    assert window.status.drafts.text() == f"Drafts: {expected.drafts}"
    assert len(counts) == 1  # the early count, once
    window.shutdown()


def test_counts_read_before_the_lock_are_dropped_when_the_file_was_written_meanwhile(
        demo_path, prompter, languages, qtbot, wait_idle):
    """A Safeland closing may still sign or delete a draft before it lets the lock go: the new
    window's status bar shows the file as it is, not the counts read before that write."""
    from app.db import open_database
    from app.domain import services
    from app.ui.read_ahead import count_early

    counted = count_early(demo_path)
    assert counted is not None
    before = counted.result(timeout=10)
    db = open_database(demo_path)
    draft = next(r for r in queries.page_reports(db, queries.ReportFilter(), 0, 50)
                 if r.status == "DRAFT")
    services.delete_draft(db, str(draft.id))
    db.close()
    window = _launch(languages, qtbot, wait_idle, demo_path, counted)
    assert window.status.drafts.text() == f"Drafts: {before.drafts - 1}"
    window.shutdown()


def test_counts_read_before_the_lock_are_not_shown_for_another_file(
        demo_path, tmp_path, prompter, languages, qtbot, wait_idle, monkeypatch):
    """The file counted cannot be opened and the team leader chooses another: the status bar
    counts that one, not the first."""
    import sqlite3

    from app.db import open_database
    from app.domain import services
    from app.ui import launcher as launcher_module
    from app.ui.read_ahead import count_early

    other = tmp_path / "other.db"
    db = open_database(other)
    services.save_profile(db, "CMAC", "DU4", "DU4-MDT-03", "Sok Dara")
    db.close()
    real = launcher_module.open_plain

    def first_fails(path):
        if path == demo_path:
            raise sqlite3.OperationalError("disk I/O error")
        return real(path)

    monkeypatch.setattr(launcher_module, "open_plain", first_fails)
    prompter.answers = [0]  # "Choose another file…"
    monkeypatch.setattr(prompter, "choose_file", lambda *_a: str(other))
    counted = count_early(demo_path)
    assert counted is not None and counted.result(timeout=10).drafts > 0
    window = _launch(languages, qtbot, wait_idle, demo_path, counted)
    assert window.backend.path == other
    assert window.status.drafts.text() == "Drafts: 0"
    window.shutdown()


def _ahead(drafts: int):
    from concurrent.futures import Future

    done: Future = Future()
    done.set_result(queries.StatusCounts(drafts, 0, 0, 0, None))
    return done


def test_counts_read_ahead_are_shown_once_then_counted_again(open_window, demo_path, qtbot,
                                                              wait_idle):
    """(The counts handed in are made up, 7777 drafts, to tell them from the file's 10.)"""
    from app.domain.services import Changes

    window = open_window(demo_path, start=False)
    window.status.count_ahead(_ahead(7777))
    with qtbot.waitSignal(window.ready, timeout=10_000):
        window.start()
    wait_idle(qtbot, window)
    assert window.status.drafts.text() == "Drafts: 7,777"
    window.backend.changed.emit(Changes(reports=True), None)  # a save: counted again
    wait_idle(qtbot, window)
    assert window.status.drafts.text() == "Drafts: 10"


def test_a_change_before_the_first_count_drops_the_counts_read_ahead(open_window, demo_path, qtbot,
                                                                    wait_idle):
    from app.domain.services import Changes

    window = open_window(demo_path, start=False)
    window.status.count_ahead(_ahead(7777))
    window.backend.changed.emit(Changes(outbox=True), None)  # counted before this: stale
    wait_idle(qtbot, window)
    with qtbot.waitSignal(window.ready, timeout=10_000):
        window.start()
    wait_idle(qtbot, window)
    assert window.status.drafts.text() == "Drafts: 10"


def test_counts_that_could_not_be_read_ahead_are_counted_on_the_worker(open_window, demo_path,
                                                                       qtbot, wait_idle):
    import sqlite3
    from concurrent.futures import Future

    failed: Future = Future()
    failed.set_exception(sqlite3.OperationalError("database is locked"))
    window = open_window(demo_path, start=False)
    window.status.count_ahead(failed)
    with qtbot.waitSignal(window.ready, timeout=10_000):
        window.start()
    wait_idle(qtbot, window)
    assert window.status.drafts.text() == "Drafts: 10"


def test_the_launcher_opens_and_counts_before_the_data_layer_is_imported(demo_path, tmp_path):
    """In a fresh interpreter: the launcher module, the plain open and the counting read ahead
    bring in neither SQLAlchemy nor pydantic (about 0.6 s on a laptop: docs/performance.md)."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    code = r"""
import sys
from app.ui import main, launcher
from app.db import open_plain
counted = launcher.count_ahead(open_plain(sys.argv[1])).result(timeout=60)
print("LOADED", sorted(m for m in ("sqlalchemy", "pydantic", "app.models", "app.ui.errors")
                       if m in sys.modules), counted.drafts, flush=True)
"""
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(root),
           "SAFELAND_LOG": str(tmp_path / "safeland.log")}
    proc = subprocess.run([sys.executable, "-c", code, str(demo_path)], capture_output=True,
                          text=True, env=env, timeout=120)
    assert "LOADED [] 10" in proc.stdout, proc.stderr[-2000:]


# --- the first screen, read ahead in plain SQL while the data layer is imported ----------------

def test_the_rows_read_ahead_are_the_sizes_the_views_read():
    from app.ui import read_ahead, report_form, reports_model, site_page

    assert (read_ahead.PAGE, read_ahead.SITE_PAGE, read_ahead.AUTOSAVE_KEY) == (
        reports_model.PAGE, site_page.REPORTS_SHOWN, report_form.AUTOSAVE_KEY)


def _first_screen(window) -> tuple:
    page, model = window.sites.page, window.reports.model
    table = page.points.table
    points = ([[table.item(r, c).text() for c in range(1, table.columnCount())]
               for r in range(table.rowCount())],
              [(str(getattr(p.type, "value", p.type)), p.seq, p.lat, p.lon) for p in page.points.resolved],
              page.title.text(), page.subtitle.text(), page.location.text(),
              [page.figures[k].text() for k in sorted(page.figures)], page.progress.value())
    return (points, window.profile, window.sites.references(), page.site, page.totals, page._report_rows,
            model.total, [model.row_at(i) for i in range(model.rowCount())],
            [window.reports.team.itemText(i) for i in range(window.reports.team.count())],
            [window.reports.site.itemText(i) for i in range(window.reports.site.count())],
            window.status.drafts.text(), window.status.waiting.text())


def test_the_launcher_shows_the_first_screen_read_ahead_not_read_again_on_the_worker(
        demo_path, prompter, languages, qtbot, monkeypatch, wait_idle, open_window):
    """The first screen (profile, sites, the first site's page, the reports list's first page
    and pick lists, the form's sites) is the file's, read by the launcher on its own
    connection while the window was built: the worker does not read it again through the
    queries, and the window shows exactly what a window opened without reading ahead shows."""
    from app.ui.launcher import Launcher

    expected_window = open_window(demo_path)
    qtbot.waitUntil(lambda: expected_window.sites.page.totals is not None, timeout=10_000)
    wait_idle(qtbot, expected_window)
    expected = _first_screen(expected_window)
    expected_window.shutdown()
    read = []
    for name in ("profile", "list_sites", "teams", "count_reports", "page_reports", "get_site",
                 "site_totals"):
        real = getattr(queries, name)
        monkeypatch.setattr(queries, name, lambda *a, _n=name, _r=real, **k: read.append(_n) or _r(*a, **k))
    launcher = Launcher(languages)
    assert launcher.open(demo_path) is True
    window = launcher.window
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.sites.page.totals is not None, timeout=10_000)
    wait_idle(qtbot, window)
    assert window.reports.model.rowCount() > 0 and window.sites.page.site is not None
    assert _first_screen(window) == expected
    assert read == []  # read ahead, once
    window.shutdown()


def test_the_first_screen_is_shown_before_sqlalchemy_is_imported(demo_path, tmp_path):
    """In a fresh interpreter, the real `safeland` window: its first screen (profile, sites and
    the first site's page, the reports list's first page, the status bar) is filled from the
    rows read ahead while neither SQLAlchemy, the data layer's reads and writes nor pydantic (the
    schema) are imported (docs/architecture.md, "Who imports the data layer"); they come after
    it, on the worker,
    and the team leader's first action works (a report opened in the form). Fails if a view
    imports the data layer at module level again, or the backend opens its engine at start."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    code = r"""
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv)
DATA_LAYER = ("sqlalchemy", "app.models", "app.domain.queries", "app.domain.services", "app.sync.api",
              "pydantic")
seen = {}
def check():
    w = next((t for t in app.topLevelWidgets() if getattr(t, "ws", None) is not None), None)
    if (w is not None and w.profile is not None and w.backend.pending == 0 and w.sites.list.count()
            and w.sites.page.totals is not None and w.status.drafts.text()
            and w.reports.model.row_at(0) is not None):
        if "first" not in seen:
            seen["first"] = sorted(m for m in DATA_LAYER if m in sys.modules)
            seen["row"] = w.reports.model.row_at(0).id
            w.show_report(seen["row"])  # the first action: through the queries, once imported
        elif w.form.report_id == seen["row"]:
            print("FIRST", seen["first"], "THEN", sorted(m for m in DATA_LAYER if m in sys.modules),
                  w.status.drafts.text(), flush=True)
            w.close()
            return
    QTimer.singleShot(2, check)
QTimer.singleShot(0, check)
from app.cli import main
sys.exit(main(["--db", sys.argv[1]]))
"""
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(root),
           "SAFELAND_LOG": str(tmp_path / "safeland.log")}
    proc = subprocess.run([sys.executable, "-c", code, str(demo_path)], capture_output=True,
                          text=True, env=env, timeout=120)
    expected = ("FIRST [] THEN ['app.domain.queries', 'app.domain.services', 'app.models', "
                "'app.sync.api', 'pydantic', 'sqlalchemy'] Drafts: 10")
    assert expected in proc.stdout, proc.stdout[-1000:] + proc.stderr[-2000:]
