"""Fixtures shared by the unit tests."""
from __future__ import annotations

import pytest

from safeland_core import gazetteer


def _forget_gazetteer() -> None:
    gazetteer._level.cache_clear()
    gazetteer._text.cache_clear()
    gazetteer._all_places.cache_clear()
    gazetteer._all_villages.cache_clear()
    gazetteer._scans.clear()


@pytest.fixture
def fresh_gazetteer():
    """Forget what the gazetteer has read, before and after; call it to forget in between."""
    _forget_gazetteer()
    yield _forget_gazetteer
    _forget_gazetteer()
