"""Fixtures of the sync tests: a real HQ over HTTP, faults, and the exactly-once check come from
tests/helpers/synchq.py (shared with tests/hq and tests/ui, registered by tests/conftest.py)."""
from __future__ import annotations

import pytest

from tests.helpers.synchq import demo_sites, enroll, import_sites


@pytest.fixture(autouse=True)
def _fast_retries(_fast_retries):
    """Every sync test retries with a short backoff."""


@pytest.fixture
def enrolled(demo_db, hq, hq_db):
    """A laptop with the demo's reports (90 signed, 10 drafts), enrolled with HQ for DU4; HQ holds
    the five demo sites, all assigned to CMAC/DU4. It is `db` (and `demo_db`)."""
    import_sites(hq_db, demo_sites("DU4"))
    enroll(demo_db, hq_db, hq.url, unit="DU4")
    return demo_db
