"""The date rule reads today's date once a quarter hour (schemas._latest_today), not once a
report: a report dated today must still be accepted from the first minute of the day, and one
dated tomorrow refused."""
from __future__ import annotations

import datetime as dt
import time

import pytest

from safeland_core import schemas
from safeland_core.geo import CAMBODIA
from safeland_core.validation import validate_report

REPORT = {"site_reference": "BS/CHA/CMAA/60222", "activity": "TECHNICAL_SURVEY",
          "assets": ["MANUAL"], "team": "DU4-MDT-03", "team_leader": "Sok Chanthy",
          "personnel": 4, "hours_worked": 6, "area_reduced_m2": 100}


def _codes(date: dt.date) -> list[str]:
    return [i.code for i in validate_report({**REPORT, "date": date.isoformat()}, None)[1]]


def test_a_new_day_is_seen_as_soon_as_it_begins(monkeypatch: pytest.MonkeyPatch) -> None:
    # As if the date was last read in the quarter hour before midnight: yesterday's date,
    # valid until the quarter hour that has just begun.
    quarter = time.time() // 900 * 900
    yesterday = CAMBODIA.today() - dt.timedelta(days=1)
    monkeypatch.setattr(schemas, "_today", (quarter - 900, quarter, yesterday))
    assert "date_in_future" not in _codes(CAMBODIA.today())
    assert "date_in_future" in _codes(CAMBODIA.today() + dt.timedelta(days=1))


def test_a_clock_set_back_reads_the_date_again(monkeypatch: pytest.MonkeyPatch) -> None:
    # Read "tomorrow" in a quarter hour that lies ahead of the clock (set back since): not kept.
    later = time.time() // 900 * 900 + 86_400
    monkeypatch.setattr(schemas, "_today", (later, later + 900, CAMBODIA.today() + dt.timedelta(days=1)))
    assert "date_in_future" in _codes(CAMBODIA.today() + dt.timedelta(days=1))
