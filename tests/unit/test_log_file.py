"""The log file (app/logs.py) is opened at the first record: a command that logs nothing makes
no file, and what is logged still lands in it, rotated as before."""
from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import pytest

from app import logs

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def root_logger():
    """The root logger as `logs.setup` leaves it, put back as it was afterwards."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    root.handlers = [h for h in handlers if not getattr(h, "_safeland", False)]
    yield root
    for h in root.handlers:
        if h not in handlers:
            h.close()
    root.handlers, root.level = handlers, level


def test_nothing_logged_no_file_then_the_first_record_makes_it(root_logger, tmp_path, monkeypatch):
    path = tmp_path / "logs" / "safeland.log"
    monkeypatch.setenv("SAFELAND_LOG", str(path))
    logs.setup()
    assert not path.parent.exists()
    logging.getLogger("safeland.test").info("first %s", "record")
    logging.getLogger("safeland.test").debug("below the level")
    try:
        raise ValueError("boom")
    except ValueError:
        logging.getLogger("safeland.test").exception("it failed")
    for h in root_logger.handlers:
        h.flush()
    text = path.read_text(encoding="utf-8")
    assert " INFO safeland.test: first record\n" in text
    assert "below the level" not in text
    assert "ERROR safeland.test: it failed\nTraceback" in text and "ValueError: boom" in text
    logs.setup()  # twice: still one file handler, each record written once
    logging.getLogger("safeland.test").warning("once")
    for h in root_logger.handlers:
        h.flush()
    assert path.read_text(encoding="utf-8").count("once") == 1


def test_the_file_rotates_at_two_megabytes(root_logger, tmp_path, monkeypatch):
    path = tmp_path / "safeland.log"
    monkeypatch.setenv("SAFELAND_LOG", str(path))
    logs.setup()
    for n in range(2_200):
        logging.getLogger("safeland.test").info("line %d %s", n, "x" * 1_000)
    for h in root_logger.handlers:
        h.close()
    assert path.exists() and Path(f"{path}.1").exists()
    assert path.stat().st_size < 2_000_000 and Path(f"{path}.1").stat().st_size <= 2_000_000


def test_a_log_folder_that_cannot_be_made_does_not_stop_the_app(root_logger, tmp_path, monkeypatch,
                                                                capsys):
    blocker = tmp_path / "a file"
    blocker.write_text("")
    monkeypatch.setenv("SAFELAND_LOG", str(blocker / "safeland.log"))  # its folder is a file
    logs.setup()
    logging.getLogger("safeland.test").error("nowhere to go")  # neither raises nor prints
    assert capsys.readouterr().err == ""


def test_a_command_that_logs_nothing_imports_no_file_handler(tmp_path):
    """logging.handlers brings socket, pickle and queue (about 5 ms of `safeland sheet`),
    platformdirs tempfile and random: neither is imported before something is logged."""
    code = ("import sys; from app import logs; logs.setup(); "
            "print(sorted(m for m in ('logging.handlers', 'platformdirs', 'socket') if m in sys.modules))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                          env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"
    assert not (tmp_path / ".local" / "state").exists()  # no log folder made either
