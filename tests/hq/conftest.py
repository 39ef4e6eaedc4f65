"""Fixtures of the HQ tests: a real HQ over HTTP from tests/helpers/synchq.py (shared with
tests/sync, registered by tests/conftest.py)."""
from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _fast_retries(_fast_retries):
    """Every HQ test's sync client retries with a short backoff."""
