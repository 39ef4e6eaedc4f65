"""`safeland import` writes exactly the rows, ids, statuses, counts and warnings it wrote before
it was made faster (issue 14 point 5): the documents and what the code of commit 2596dcc made of
them are in tests/unit/data/import_rows.json (drafts and signed copies, Khmer text, items,
reports without ids, a draft replaced, a review decision, a re-import that changes nothing);
ids derived from content are in tests/unit/data/content_ids.json, so a laptop that imported a
file then gets the same ids, and the same file again changes nothing, now."""
from __future__ import annotations

import copy
import datetime as dt
import hashlib
import json
import uuid
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from app.domain.transfer import _report_id, import_document
from safeland_core.records import content_id, new_ids, uuid_text

DATA = Path(__file__).parent / "data"
ROWS = json.loads((DATA / "import_rows.json").read_text("utf-8"))
CONTENT_IDS = json.loads((DATA / "content_ids.json").read_text("utf-8"))

# Columns whose value is random (a new uuid4) or the clock at import time when the file gives none.
_RANDOM = {"id"}
_CLOCK = {"created_at", "updated_at", "signed_at"}


def _rows(db: Any, since: str) -> dict[str, list[dict[str, Any]]]:
    """Every report, item and revision row, in a stable order; a site by its reference; random
    ids and import-time clock values replaced by markers (a value from the file is kept)."""
    out = {}
    with db.session() as s:
        site_ref = dict(s.execute(text("SELECT id, reference FROM sites")).all())  # ids are new
        for table, order, random_id in (("reports", "id", False),
                                        ("report_items", "report_id, position", True),
                                        ("report_revisions", "report_id, revision", True)):
            rows = []
            for r in s.execute(text(f"SELECT * FROM {table} ORDER BY {order}")).mappings():
                row = dict(r)
                if "site_id" in row:
                    row["site_id"] = site_ref[row["site_id"]]
                if random_id:
                    uuid.UUID(row.pop("id"))  # a well-formed id, whatever its value
                for key in _CLOCK & set(row):
                    if row[key] is not None and str(row[key]) >= since:
                        row[key] = "<import time>"
                rows.append({k: (str(v) if isinstance(v, (dt.date, dt.datetime)) else v)
                             for k, v in row.items()})
            out[table] = rows
    return out


def _outcome(result: Any) -> dict[str, Any]:
    return {"sites_created": result.sites_created, "sites_updated": result.sites_updated,
            "reports_created": result.reports_created, "reports_updated": result.reports_updated,
            "unchanged": result.unchanged,
            "warnings": [[list(w.loc), w.code, w.message, w.severity] for w in result.warnings]}


def run_steps(db: Any) -> list[dict[str, Any]]:
    """Import each step's document in turn; what each gave and the rows after it."""
    since = str(dt.datetime.now(dt.UTC).replace(tzinfo=None) - dt.timedelta(seconds=5))
    got = []
    for step in ROWS["steps"]:
        result = import_document(db, copy.deepcopy(step["document"]), accept_warnings=True)
        got.append({"outcome": _outcome(result), "rows": _rows(db, since)})
    return got


def test_import_writes_the_rows_it_wrote_before(db) -> None:
    got = run_steps(db)
    for n, (step, mine) in enumerate(zip(ROWS["steps"], got)):
        assert mine["outcome"] == step["outcome"], f"step {n}: {step['name']}"
        for table, rows in step["rows"].items():
            assert mine["rows"][table] == rows, f"step {n}: {step['name']}, table {table}"


@pytest.mark.parametrize("case", CONTENT_IDS["cases"], ids=[c["case"] for c in CONTENT_IDS["cases"]])
def test_a_report_without_id_gets_the_id_it_got_before(case: dict) -> None:
    assert _report_id(case["record"]) == case["id"]


def test_content_id_of_values_no_file_holds_is_the_json_dumps_one() -> None:
    """A caller may hand content_id Python values (a date, a tuple, an enum): their id is
    still the one json.dumps(default=str) text gives."""
    data = {"date": dt.date(2025, 5, 12), "at": dt.datetime(2025, 5, 12, 8, 30),
            "pair": (1, 2.5), "n": float("nan"), "inf": float("inf"), "ref": uuid.UUID(int=7)}
    canon = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    expected = uuid.uuid5(uuid.UUID("6f1f5a4e-6b0b-4e55-9f6a-5afe1a2d0001"), "report\n" + canon)
    assert content_id("report", data) == str(expected)


def test_ids_written_from_bytes_are_the_uuid_modules() -> None:
    """Item ids and content ids are spelled as uuid.UUID spells them (version and variant
    bits included), so every reader that parses an id parses these."""
    for n in range(2000):
        raw = uuid.uuid4().bytes if n % 2 else hashlib.sha1(str(n).encode()).digest()
        for version in (4, 5):
            assert uuid_text(raw, version) == str(uuid.UUID(bytes=raw[:16], version=version))
    ids = new_ids(50)
    assert len(set(ids)) == 50 and all(uuid.UUID(i).version == 4 and str(uuid.UUID(i)) == i for i in ids)
