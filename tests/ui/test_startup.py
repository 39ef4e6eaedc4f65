"""`safeland` itself, as a team leader starts it: the window shows before the data layer loads,
then fills with the database's sites; a window that cannot open its file says so and quits."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main

ROOT = Path(__file__).resolve().parents[2]

# Runs the real `safeland --db FILE` (app.cli.main) in a fresh interpreter. An event filter sees
# the main window's first paint and notes what the window showed and whether SQLAlchemy was
# loaded by then; then it waits for the sites list to fill, and closes the window.
CHILD = r"""
import json, sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
seen = {}
class FirstPaint(QObject):
    window = None
    def eventFilter(self, obj, event):
        if self.window is None and event.type() == QEvent.Type.Paint and isinstance(obj, QMainWindow):
            self.window = obj
            # app.db (plain sqlite3) is in already: the status bar's counts start before the
            # paint (app.ui.read_ahead.count_early); the data layer is not.
            seen["painted"] = {"data_layer_loaded": sorted(m for m in (
                "sqlalchemy", "pydantic", "alembic", "app.models", "app.domain.queries",
                "app.domain.services", "app.ui.workspace") if m in sys.modules),
                               "title": obj.windowTitle(),
                               "tabs": [obj.tabs.tabText(i) for i in range(obj.tabs.count())],
                               "toolbar_enabled": obj.act["new"].isEnabled()}
            QTimer.singleShot(0, check)
        return False
probe = FirstPaint()
app.installEventFilter(probe)
def check():
    w = probe.window
    if w.ws is not None and w.ws.profile is not None and w.sites.list.count() == 5:
        seen["filled"] = {"sites": w.sites.list.count(), "toolbar_enabled": w.act["new"].isEnabled(),
                          "tabs": [w.tabs.tabText(i) for i in range(w.tabs.count())]}
        print("SEEN", json.dumps(seen), flush=True)
        w.close()
    else:
        QTimer.singleShot(5, check)
QTimer.singleShot(60_000, lambda: (print("GAVE UP", flush=True), app.exit(9)))
from app.cli import main
sys.exit(main(["--db", sys.argv[1]]))
"""


def _run(code: str, db: Path, tmp_path: Path) -> subprocess.CompletedProcess:
    """`code` in a fresh interpreter, offscreen, its log and settings under tmp_path."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT),
           "SAFELAND_LOG": str(tmp_path / "safeland.log"), "XDG_CONFIG_HOME": str(tmp_path)}
    return subprocess.run([sys.executable, "-c", code, str(db)], capture_output=True, text=True,
                          env=env, timeout=120)


def _seen(proc: subprocess.CompletedProcess) -> dict:
    line = next((ln for ln in proc.stdout.splitlines() if ln.startswith("SEEN")), None)
    assert line is not None, proc.stderr[-3000:]
    return json.loads(line.removeprefix("SEEN "))


@pytest.mark.slow
def test_the_window_paints_before_the_data_layer_loads_then_fills(tmp_path):
    from app.db import open_database
    from app.domain import services

    db = tmp_path / "field.db"
    assert main(["--db", str(db), "demo"]) == 0
    field = open_database(db)
    services.save_profile(field, "CMAC", "DU4", "DU4-MDT-03", "Sok Dara")
    field.close()
    proc = _run(CHILD, db, tmp_path)
    seen = _seen(proc)
    first = seen["painted"]
    assert first["data_layer_loaded"] == []
    assert first["title"] == "Safeland — field.db"
    assert first["tabs"] == ["Sites", "Reports", "Daily report"]
    assert first["toolbar_enabled"] is False  # nothing to act on until the database is open
    assert seen["filled"] == {"sites": 5, "toolbar_enabled": True,
                              "tabs": ["Sites", "Reports", "Daily report"]}
    assert proc.returncode == 0


@pytest.mark.slow
def test_a_file_that_is_not_a_database_gets_a_message_not_a_traceback(tmp_path):
    """The painted window stays up behind the message; "Quit" ends the command with status 1."""
    bad = tmp_path / "field.db"
    bad.write_bytes(b"not a database " * 200)
    code = r"""
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
app = QApplication(sys.argv)
def answer():
    box = next((w for w in app.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()), None)
    if box is None:
        QTimer.singleShot(20, answer)
        return
    print("ASKED", box.text().replace("\n", " "), flush=True)
    quit_button = next(b for b in box.buttons() if b.text() == "Quit")
    quit_button.click()
QTimer.singleShot(20, answer)
from app.cli import main
sys.exit(main(["--db", sys.argv[1]]))
"""
    proc = _run(code, bad, tmp_path)
    asked = next(ln for ln in proc.stdout.splitlines() if ln.startswith("ASKED"))
    assert "damaged" in asked and "Traceback" not in proc.stdout + proc.stderr
    assert proc.returncode == 1
    assert bad.read_bytes().startswith(b"not a database")


@pytest.mark.slow
def test_a_fault_while_filling_the_window_is_told_plainly_and_ends_cleanly(tmp_path):
    """Anything the launcher does not expect (here the views fail to build) gets one plain
    message; the database is closed and its worker stopped, and the command exits 1 (not a
    crash on a thread still running)."""
    db = tmp_path / "field.db"
    assert main(["--db", str(db), "demo"]) == 0
    code = r"""
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
qt = QApplication(sys.argv)
import app.ui.workspace
def broken(self, window, backend):
    raise RuntimeError("views failed to build")
app.ui.workspace.Workspace.__init__ = broken
QTimer.singleShot(60_000, lambda: qt.exit(9))  # never hang the suite
def answer():
    box = next((w for w in qt.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()), None)
    if box is None:
        QTimer.singleShot(20, answer)
        return
    print("ASKED", box.windowTitle(), "|", box.text(), flush=True)
    box.button(QMessageBox.StandardButton.Ok).click()
QTimer.singleShot(20, answer)
from app.cli import main
sys.exit(main(["--db", sys.argv[1]]))
"""
    proc = _run(code, db, tmp_path)
    asked = next(ln for ln in proc.stdout.splitlines() if ln.startswith("ASKED"))
    assert "Safeland cannot start" in asked and "field.db" in asked
    assert proc.returncode == 1, proc.stderr[-2000:]
    assert "views failed to build" in (tmp_path / "safeland.log").read_text()
    assert not (tmp_path / "field.db.lock").exists()  # the lock was given back
