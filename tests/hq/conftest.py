"""Fixtures of the HQ tests: shared with tests/sync through tests/sync/synchq.py."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "sync"))

from synchq import _fast_retries, hq, hq_db, hq_process, hq_url, proxy  # noqa: F401
