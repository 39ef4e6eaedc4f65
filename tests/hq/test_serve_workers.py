"""`safeland-hq serve --workers N`: several worker processes on PostgreSQL; on SQLite (one
writer at a time) more than one is refused with a sentence saying why."""
from __future__ import annotations

import subprocess
import sys

from tests.helpers.synchq import ROOT


def test_more_than_one_worker_on_sqlite_is_refused_with_a_reason(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "hq.cli", "--database-url", f"sqlite:///{tmp_path / 'hq.db'}",
         "serve", "--workers", "2", "--port", "1"], cwd=ROOT, capture_output=True, text=True,
        timeout=120)
    assert proc.returncode == 2, proc.stderr
    assert "--workers above 1 needs PostgreSQL" in proc.stderr


def test_zero_workers_is_a_usage_error(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "hq.cli", "--database-url", f"sqlite:///{tmp_path / 'hq.db'}",
         "serve", "--workers", "0"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert "--workers must be 1 or more" in proc.stderr
