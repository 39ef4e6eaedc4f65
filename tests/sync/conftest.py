"""Fixtures of the sync tests: a real HQ over HTTP, faults, and the exactly-once check
(see synchq.py, shared with tests/hq)."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

# synchq.py lives here and is shared with tests/hq; make it importable from both directories.
sys.path.insert(0, str(Path(__file__).resolve().parent))

from synchq import _fast_retries, hq, hq_db, hq_process, hq_url, proxy  # noqa: F401


@pytest.fixture
def enrolled(db, hq, hq_db):
    """A laptop with the demo's reports (90 signed, 10 drafts), enrolled with HQ for DU4; HQ holds
    the five demo sites, all assigned to CMAC/DU4."""
    from synchq import demo_sites, enroll, import_sites

    from app.domain import demo

    demo.fill(db)
    import_sites(hq_db, demo_sites("DU4"))
    enroll(db, hq_db, hq.url, unit="DU4")
    return db
