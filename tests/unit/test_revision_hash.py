"""The revision hash is part of safeland/1 (DESIGN.md): a signed record hashes today as it did
when it was signed, on a laptop or at HQ, or HQ refuses it as changed after signing."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from safeland_core.records import canonical_json, revision_hash, signed_content
from safeland_core.schemas import ReportIn

FIXTURES = json.loads((Path(__file__).parent / "data" / "revision_hashes.json").read_text("utf-8"))


@pytest.mark.parametrize("case", FIXTURES["cases"], ids=[c["case"] for c in FIXTURES["cases"]])
def test_every_signed_record_keeps_its_hash(case: dict) -> None:
    """Hashes computed by the json.dumps canon (commit 8acb2e0): Khmer text, whole and tiny
    floats, nested items, control characters, amendments chained on a previous hash."""
    record, prev = case["record"], case["prev_hash"]
    assert revision_hash(record, prev) == case["hash"]
    assert revision_hash(record, prev, ReportIn.model_validate(record)) == case["hash"]


def _old_canon(content: dict) -> bytes:
    """The canonical text as safeland/1 defined it first."""
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


FLOATS = st.one_of(st.floats(min_value=0, max_value=100_000_000),
                   st.floats(min_value=0, max_value=1e-3), st.sampled_from([0.0, 1e-05, 7.0, 1e-4]))
TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)


@settings(max_examples=300, deadline=None)
@given(hours=st.floats(min_value=0, max_value=24), areas=st.lists(FLOATS, min_size=3, max_size=3),
       lat=st.floats(min_value=-90, max_value=90), notes=TEXT, model=TEXT.filter(str.strip))
def test_canonical_text_is_the_json_dumps_text(hours: float, areas: list[float], lat: float,
                                               notes: str, model: str) -> None:
    record = {"id": "0b6f3c9e-1d2a-4e5f-8a7b-9c0d1e2f3a4b", "site_reference": "BS/CHA/CMAA/60222",
              "date": "2025-03-04", "activity": "CLEARANCE", "assets": ["MANUAL"], "team": "T",
              "team_leader": "L", "personnel": 3, "hours_worked": hours,
              "area_cleared_m2": areas[0], "area_reduced_m2": areas[1], "area_cancelled_m2": areas[2],
              "clearance_depth_cm": 30, "notes": notes, "status": "SIGNED", "revision": 1,
              "items": [{"category": "UXO", "model": model, "quantity": 1,
                         "disposal": "DESTROYED_IN_SITU", "lat": lat, "lon": 103.5}]}
    if "\x00" in notes + model:
        return  # refused by the text rule before any hash
    content = signed_content(record)
    assert canonical_json(content) == _old_canon(content)
