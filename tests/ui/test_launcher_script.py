"""Issue 11, point 4: `./safeland.sh --db FILE` (any command line that opens the window) gets
Qt's desktop libraries; commands run from cron (status, sync, sheet...) do not need them."""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _opens(*args: str) -> bool:
    script = f'. "{ROOT}/scripts/opens_window.sh"; opens_window "$@"'
    return subprocess.run(["bash", "-c", script, "opens_window", *args]).returncode == 0


@pytest.mark.parametrize("args", [(), ("gui",), ("--db", "my.db"), ("--db", "gui.db"), ("--db=my.db",),
                                  ("--debug", "--db", "x.db"), ("--db", "x.db", "gui"), ("--debug",)])
def test_command_lines_that_open_the_window(args):
    assert _opens(*args)


@pytest.mark.parametrize("args", [("status",), ("--db", "my.db", "status"), ("--db", "gui", "sync"),
                                  ("sheet", "BS/1", "-o", "gui.pdf"), ("--help",), ("import", "gui")])
def test_command_lines_that_do_not(args):
    assert not _opens(*args)


def test_safeland_sh_asks_the_same_question():
    text = (ROOT / "safeland.sh").read_text()
    assert "scripts/opens_window.sh" in text and 'opens_window "$@"' in text
    assert "ensure_qt_desktop_libs" in text.split('opens_window "$@"', 1)[1].split("fi", 1)[0]
