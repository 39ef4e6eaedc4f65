"""The safeland/1 models give the answers they gave before their Python rules were first tried
in pydantic-core (schemas._CoreFirst, issue 14 point 5): for every field of every model, and
many values (numbers, text where a number belongs, booleans, NUL characters, lone surrogates,
lengths at and past the limits, dates around today and 1992...), the same value accepted with
the same type, or the same errors: the same place, code, message and figures. The models
before are kept as they were in tests/unit/data/schemas_before.py."""
from __future__ import annotations

import datetime as dt
import decimal
import enum
import importlib.util
import math
import sys
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from safeland_core import schemas
from safeland_core.geo import CAMBODIA
from safeland_core.validation import SiteFacts, issues_from_pydantic, validate_report

_BEFORE = Path(__file__).parent / "data" / "schemas_before.py"
_spec = importlib.util.spec_from_file_location("schemas_before", _BEFORE)
assert _spec is not None and _spec.loader is not None
before = importlib.util.module_from_spec(_spec)
sys.modules["schemas_before"] = before  # pydantic resolves the models' annotations through it
_spec.loader.exec_module(before)


class _Count(enum.IntEnum):
    SEVEN = 7


class _MyFloat(float):
    pass


class _MyInt(int):
    pass


NUMBERS: list[Any] = [
    7, 7.0, 7.5, 0, 0.0, -0.0, -1, -0.5, 1, 12, 24, 24.0, 24.0000001, 90, 90.0000001, -90, 180, -180.5,
    200, 201, 359.999, 360, 500, 501, 10_000, 10_001, 100_000, 100_001, 1e8, 1e8 + 1, 1_000_000,
    1_000_001,
    True, False, "7", " 7 ", "7.5", "", "x", b"7", bytearray(b"7"), None, [7], {"n": 7}, (7,),
    math.nan, math.inf, -math.inf, 10**20, 2**53 + 1, 2**63, 10**400, 1e-320, 5e-324, 1e300,
    decimal.Decimal("7"), decimal.Decimal("7.5"), decimal.Decimal("NaN"), _Count.SEVEN, _MyFloat(7.5),
    _MyInt(7), complex(7, 0), dt.date(2025, 1, 1),
]
TEXTS: list[Any] = [
    "x", " x ", "", " ", "\t\n", "a\x00b", "\x00", " \x00 ", "\ud800", "a\udfff", "x" * 64, "x" * 65,
    "x" * 200, "x" * 201, " " + "x" * 200 + " ", "x" * 10_000, "x" * 10_001, "ក្រុមការងារ ១",
    "\u3000x\u3000", "\u200bx", "\u00a0x", "x\r", 7, 7.5, True, None, b"x", ["x"], "12", "1706",
    "123456789", "1a", " 17 ", "PROV-DU4-0a1b2c3d", "BS/CHA/CMAA/60222",
]
_today = CAMBODIA.today()
DATES: list[Any] = [
    _today, _today - dt.timedelta(days=1), _today + dt.timedelta(days=1), dt.date.today(),
    _today.isoformat(), (_today - dt.timedelta(days=1)).isoformat(),
    (_today + dt.timedelta(days=1)).isoformat(),
    "1992-01-01", "1991-12-31", "2025-13-40", "2025-01-01", " 2025-01-01 ", "2025-01-01T00:00:00",
    "2025-01-01T12:00:00", dt.datetime(2025, 1, 1), dt.datetime(2025, 1, 1, 12), dt.date(1, 1, 1),
    dt.date(9999, 12, 31), 0, 1_700_000_000, "1700000000", 1.7e9, None, True, "", "yesterday",
]
OTHERS: list[Any] = [
    "CLEARANCE", "MANUAL", ["MANUAL"], ["MANUAL", "MDD"], [], ["NOPE"], "AP_MINE", ["AP_MINE"], "OPEN",
    "DRAFT", "SIGNED", "DEVICE", "HQ", "PROPOSED", "TURNING", "POOR", "DESTROYED_IN_SITU",
    "6f1f5a4e-6b0b-4e55-9f6a-5afe1a2d0001", "not-a-uuid", "2025-01-01T10:00:00", "2025-01-01T10:00:00+07:00",
    [{"type": "BENCHMARK", "lat": 12.6, "lon": 102.85}], [{"type": "BENCHMARK"}],
    [{"category": "AP_MINE", "model": "PMN-2", "quantity": 1, "disposal": "DESTROYED_IN_SITU"}],
    [{"category": "AP_MINE", "model": "PMN-2", "quantity": 1, "disposal": "DESTROYED_IN_SITU", "lat": 12.6}],
]

ITEM = {"category": "AP_MINE", "model": "PMN-2", "quantity": 1, "condition": "POOR", "depth_cm": 15,
        "disposal": "DESTROYED_IN_SITU", "lat": 12.6, "lon": 102.85}
REPORT = {"id": "6f1f5a4e-6b0b-4e55-9f6a-5afe1a2d0002", "site_reference": "BS/CHA/CMAA/60222",
          "date": "2025-01-02", "activity": "CLEARANCE", "assets": ["MANUAL", "MDD"], "team": "DU4-MDT-01",
          "team_leader": "Sok Chanthy", "personnel": 12, "hours_worked": 7.5, "area_cleared_m2": 400,
          "area_reduced_m2": 0.5, "area_cancelled_m2": 0, "clearance_depth_cm": 30, "items": [ITEM],
          "notes": "ក្រុមបានធ្វើការ", "status": "SIGNED", "revision": 2, "amend_reason": "a figure",
          "review_reason": None, "signed_at": "2025-01-02T10:00:00", "created_at": "2025-01-02T09:00:00",
          "updated_at": "2025-01-02T10:00:00", "hash": "ab" * 32, "prev_hash": "cd" * 32}
POINT = {"type": "TURNING", "seq": 3, "lat": 12.6, "lon": 102.85, "bearing_deg": 45.5, "distance_m": 20}
SITE = {"id": "6f1f5a4e-6b0b-4e55-9f6a-5afe1a2d0003", "reference": "BS/CHA/CMAA/60222", "name": "Site",
        "hazard_type": "CHA", "contamination": ["AP_MINE"], "status": "OPEN", "operator": "CMAC",
        "unit": "DU4", "province_code": "17", "district_code": "1706", "commune_code": "170601",
        "village_code": "17060101", "area_m2": 25_000, "intended_land_use": None, "points": [POINT],
        "proposal_reason": "found", "provisional_reference": "PROV-DU4-0a1b2c3d"}
BASES = {"ReportIn": REPORT, "ItemIn": ITEM, "SiteIn": SITE, "PointIn": POINT}


def _answer(model: type[BaseModel], data: dict[str, Any]) -> tuple[str, Any]:
    """("ok", the values with their types) or ("refused", every issue users would read)."""
    try:
        parsed = model.model_validate(data)
    except ValidationError as exc:
        return "refused", [(i.loc, i.code, i.message, i.severity, i.args) for i in issues_from_pydantic(exc)]
    # as Python values with their types, as JSON values (what hashes cover), and as JSON text
    return "ok", (repr(parsed.model_dump()), repr(parsed.model_dump(mode="json")), parsed.model_dump_json())


def _cases() -> list[tuple[str, str, tuple, Any]]:
    """(model name, field, where in the base record, value) for every field of every model,
    each with every value of the lists above; nested models also inside their parent."""
    out = []
    for name in BASES:
        for field in getattr(schemas, name).model_fields:
            for value in NUMBERS + TEXTS + DATES + OTHERS:
                out.append((name, field, (), value))
                if name == "ItemIn":
                    out.append(("ReportIn", field, ("items", 0), value))
                if name == "PointIn":
                    out.append(("SiteIn", field, ("points", 0), value))
    return out


def _with(base: dict[str, Any], where: tuple, field: str, value: Any) -> dict[str, Any]:
    data = dict(base)
    if where:
        key, n = where
        data[key] = [dict(x) for x in data[key]]
        data[key][n][field] = value
    else:
        data[field] = value
    return data


@pytest.mark.filterwarnings("error")  # a serializer's warning too
def test_every_field_and_value_gets_the_answer_it_got_before() -> None:
    differ = []
    cases = _cases()
    assert len(cases) > 10_000
    for name, field, where, value in cases:
        for data in (_with(BASES[name], where, field, value),
                     {k: v for k, v in _with(BASES[name], where, field, value).items()
                      if not where and k != field}):  # and the field left out
            old = _answer(getattr(before, name), data)
            new = _answer(getattr(schemas, name), data)
            if old != new:
                differ.append((name, where, field, repr(value)[:40], old, new))
    assert differ == []


@pytest.mark.parametrize("field,value", [("personnel", 7.0), ("hours_worked", 7), ("personnel", 250),
                                         ("personnel", "6"), ("team", "a\x00b"), ("date", _today)])
def test_values_the_core_refuses_reach_the_rule_as_written(field: str, value: Any) -> None:
    """The values pydantic-core's first try refuses, and what the rule makes of them: an int
    field takes 7.0 as 7, a float field 7 as 7.0; text, a NUL and a number out of range get the
    messages users always read; today's date is accepted."""
    status, got = _answer(schemas.ReportIn, dict(REPORT, **{field: value}))
    expected = {
        ("personnel", 7.0): ("ok", 7), ("hours_worked", 7): ("ok", 7.0), ("date", _today): ("ok", _today),
        ("personnel", 250): ("refused", [(("personnel",), "out_of_range",
                                          "must be between 1 and 200 (got 250)", "error", ("1", "200"))]),
        ("personnel", "6"): ("refused", [(("personnel",), "wrong_type", "expected a number, got text",
                                          "error", ())]),
        ("team", "a\x00b"): ("refused", [(("team",), "bad_text", "contains a NUL character (U+0000) at "
                                          "position 1", "error", ())]),
    }[(field, value)]
    if status == "ok":
        parsed = schemas.ReportIn.model_validate(dict(REPORT, **{field: value}))
        assert (status, getattr(parsed, field)) == expected
        assert type(getattr(parsed, field)) is type(expected[1])
    else:
        assert (status, got) == expected


def test_a_whole_number_past_a_float_is_refused_with_its_range_not_a_crash() -> None:
    """A file's `"personnel": 1000...0` (400 digits, which json reads as an int) is out of
    range; the message used to be built through float() and raised OverflowError instead."""
    _report, issues = validate_report(dict(REPORT, personnel=10**400), SiteFacts(None))
    [issue] = issues
    assert (issue.path, issue.code) == ("personnel", "out_of_range")
    assert issue.message.startswith("must be between 1 and 200 (got 10,000,000,000,")
