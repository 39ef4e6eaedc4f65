"""Saving a report writes exactly the rows it wrote before the save was made faster (issue 14
point 5): a sequence of saves (drafts, edits, a duplicate, a day no team achieves, land beyond
the site's area, each warning asked then accepted and not asked again, Khmer text, an invalid
draft, save-and-sign, sign, a signed report refused, amend, an amendment that changes nothing, a
draft deleted, a draft under an id the form gave) and what the code of commit 8342992 made of
it, step by step, are in tests/unit/data/save_rows.json: each step's answer (what changed, or
the refusal with every issue's code, message and arguments) and every row of the reports, their
items, revisions, the outbox and the kept site totals after it.

The clock (app.models.utcnow, whole seconds) reads a fixed time per step, a minute apart, as
a save within one second does. Random ids and hashes cannot repeat from one run to the next, so
each is replaced by a label in order of first appearance (the same value, the same label: an
item kept keeps its label, a replaced one gets a new one); every revision's hash is checked
against its content and the previous hash before it becomes a label.

Regenerate (only with the code the file was made with):
    .venv/bin/python -m tests.unit.test_save_same_rows tests/unit/data/save_rows.json
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import sys
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from app.domain import services
from app.domain.errors import ServiceError
from app.domain.transfer import import_document
from safeland_core.records import canonical_json

DATA = Path(__file__).parent / "data" / "save_rows.json"

_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_HASH = re.compile(r"\b[0-9a-f]{64}\b")

# Tables a save writes (or whose rows triggers keep), each in a stable order (not by random id).
_TABLES = {
    "reports": "date, team, notes",
    "report_items": None,  # ordered by their report's label, then position
    "report_revisions": None,  # by report label, then revision
    "outbox": "seq",
    "site_totals": None,  # by site reference
    "site_days": None,
    "site_teams": None,
    "site_devices": None,
}


class Labels:
    """Replace random ids and hashes in any text by labels of first appearance."""

    def __init__(self) -> None:
        self.ids: dict[str, str] = {}
        self.hashes: dict[str, str] = {}

    def id(self, value: str) -> str:
        return self.ids.setdefault(value.lower(), f"<id {len(self.ids)}>")

    def text(self, value: str) -> str:
        value = _UUID.sub(lambda m: self.id(m.group()), value)
        return _HASH.sub(lambda m: self.hashes.setdefault(m.group(), f"<hash {len(self.hashes)}>"),
                         value)

    def value(self, value: Any) -> Any:
        return self.text(value) if isinstance(value, str) else value


def _check_hashes(rows: list[dict[str, Any]]) -> None:
    """Each revision's hash is sha256 of the previous hash and its content (the chain)."""
    for r in rows:
        content = json.loads(r["content"])
        canon = canonical_json(content)
        assert hashlib.sha256((r["prev_hash"] or "").encode() + b"\n" + canon).hexdigest() == r["hash"]


def dump(db: Any, labels: Labels) -> dict[str, list[dict[str, Any]]]:
    """Every row of the tables a save writes, as stored (raw SQLite values), labelled."""
    out: dict[str, list[dict[str, Any]]] = {}
    with db.session() as s:
        refs = dict(s.execute(text("SELECT id, reference FROM sites")).all())

        def rows(table: str) -> list[dict[str, Any]]:
            order = _TABLES[table]
            sql = f"SELECT * FROM {table}" + (f" ORDER BY {order}" if order else "")
            got = [dict(r) for r in s.execute(text(sql)).mappings()]
            for r in got:
                if "site_id" in r:
                    r["site_id"] = refs[r["site_id"]]
            return got

        reports = rows("reports")
        for r in reports:
            labels.id(r["id"])  # report labels first, in date order
        items = sorted(rows("report_items"), key=lambda r: (labels.id(r["report_id"]), r["position"]))
        revs = sorted(rows("report_revisions"), key=lambda r: (labels.id(r["report_id"]), r["revision"]))
        _check_hashes(revs)
        tables = {"reports": reports, "report_items": items, "report_revisions": revs,
                  "outbox": rows("outbox")}
        for name in ("site_totals", "site_days", "site_teams", "site_devices"):
            tables[name] = sorted(rows(name), key=lambda r: json.dumps(r, sort_keys=True, default=str))
        for name, got in tables.items():
            out[name] = [{k: labels.value(v) for k, v in r.items()} for r in got]
    return out


def _site(ref: str, area: float) -> dict[str, Any]:
    return {"reference": ref, "name": "Test site", "hazard_type": "CHA", "contamination": ["AP_MINE"],
            "status": "IN_PROGRESS", "operator": "CMAC", "unit": "DU4", "province_code": "17",
            "district_code": "1706", "area_m2": area}


def _item(k: int, **over: Any) -> dict[str, Any]:
    it = {"category": "AP_MINE", "model": "PMN-2", "quantity": 1 + k, "condition": "POOR",
          "depth_cm": 15, "disposal": "DESTROYED_IN_SITU", "lat": 13.587 + k * 1e-4, "lon": 103.423}
    it.update(over)
    return it


def _report(day: str, **over: Any) -> dict[str, Any]:
    rep = {"site_reference": "T/2", "date": day, "activity": "CLEARANCE", "assets": ["MANUAL"],
           "team": "DU4-MDT-01", "team_leader": "Heng Dara", "personnel": 12, "hours_worked": 7.5,
           "area_cleared_m2": 400, "area_reduced_m2": 0, "area_cancelled_m2": 0,
           "clearance_depth_cm": 30, "notes": "ក្រុមបានធ្វើការតាមផែនការ",
           "items": [_item(0), _item(1, category="UXO", model="M79 grenade",
                                     disposal="DESTROYED_AT_DEMOLITION_SITE")]}
    rep.update(over)
    return rep


def steps(db: Any) -> list[tuple[str, Callable[[dict[str, str]], Any]]]:
    """The saves, in order; each takes the ids saved so far (by name) and may add one."""
    given = str(uuid.uuid4())

    def save(name: str, data: dict[str, Any], accept: bool = False,
             sign: bool = False) -> Callable[[dict[str, str]], Any]:
        def run(ids: dict[str, str]) -> Any:
            d = dict(data)
            if "id" in d and d["id"] in ids:
                d["id"] = ids[d["id"]]
            fn = services.save_and_sign if sign else services.save_draft
            rid, changes = fn(db, d, accept_warnings=accept)
            ids.setdefault(name, rid)
            return changes
        return run

    return [
        ("draft A, Khmer notes, two items", save("A", _report("2025-03-01"))),
        ("edit A: items and notes", save("A", _report(
            "2025-03-01", id="A", personnel=9, notes="កែប្រែ: ពិនិត្យឡើងវិញ (edited)",
            items=[_item(2), _item(3), _item(4, model="Type 72A")]))),
        ("draft B, same site, date and team: asks", save("B", _report(
            "2025-03-01", team=" du4-mdt-01 ", items=[]))),
        ("draft B accepted", save("B", _report("2025-03-01", team=" du4-mdt-01 ", items=[]), True)),
        ("edit B, day unchanged: not asked again", save("B", _report(
            "2025-03-01", id="B", team=" du4-mdt-01 ", personnel=5, items=[]))),
        ("draft C, more than a team clears: asks", save("C", _report("2025-03-02", area_cleared_m2=12000))),
        ("draft C accepted", save("C", _report("2025-03-02", area_cleared_m2=12000), True)),
        ("edit C, same figure: not asked again", save("C", _report(
            "2025-03-02", id="C", area_cleared_m2=12000, hours_worked=8))),
        ("edit C, figure changed: asks", save("C", _report("2025-03-02", id="C", area_cleared_m2=15000))),
        ("draft D beyond the site's area: asks", save("D", _report(
            "2025-03-04", site_reference="T/1", area_cleared_m2=6000, assets=["MECHANICAL"]))),
        ("draft D accepted", save("D", _report(
            "2025-03-04", site_reference="T/1", area_cleared_m2=6000, assets=["MECHANICAL"]), True)),
        ("edit D, same land: not asked again", save("D", _report(
            "2025-03-04", id="D", site_reference="T/1", area_cleared_m2=6000, assets=["MECHANICAL"],
            notes="ដីលើសផ្ទៃ"))),
        ("invalid draft", save("X", _report("2025-03-05", personnel=0, clearance_depth_cm=None))),
        ("unknown site", save("X", _report("2025-03-05", site_reference="T/404"))),
        ("save and sign E under the form's id", save("E", _report(
            "2025-03-03", id=given.upper(), team="DU4-MDT-02"), sign=True)),
        ("sign A", lambda ids: services.sign(db, [ids["A"]])),
        ("save a signed report as a draft: refused", save("A", _report("2025-03-01", id="A"))),
        ("amend A", lambda ids: services.amend(db, ids["A"], _report(
            "2025-03-01", personnel=10, items=[_item(5)], notes="ក្រុមកែតម្រូវ"), "wrong count")),
        ("amend A again, no change: refused", lambda ids: services.amend(db, ids["A"], _report(
            "2025-03-01", personnel=10, items=[_item(5)], notes="ក្រុមកែតម្រូវ"), "again")),
        ("amend A, a figure beyond a day (amend asks no rate warning)", lambda ids: services.amend(
            db, ids["A"], _report("2025-03-01", personnel=10, items=[_item(5)], notes="ក្រុមកែតម្រូវ",
            area_cleared_m2=11000), "area")),
        ("delete B", lambda ids: services.delete_draft(db, ids["B"])),
        ("save and sign D", save("D", _report(
            "2025-03-04", id="D", site_reference="T/1", area_cleared_m2=6000, assets=["MECHANICAL"],
            notes="ដីលើសផ្ទៃ"), True, sign=True)),
        ("sign every draft (C)", lambda ids: services.sign(db)),
        ("draft F under a new id, no items", save("F", _report(
            "2025-03-06", id=str(uuid.uuid4()), items=[], team="DU4-MDT-03"))),
    ]


def _answer(result: Any, labels: Labels) -> dict[str, Any]:
    return {"changes": {"sites": result.sites, "reports": result.reports, "outbox": result.outbox,
                        "profile": result.profile,
                        "report_ids": [labels.id(i) for i in result.report_ids]}}


def _refusal(exc: ServiceError, labels: Labels) -> dict[str, Any]:
    return {"refused": type(exc).__name__,
            "issues": [[list(i.loc), i.code, labels.text(i.message), i.severity,
                        [labels.text(a) for a in i.args]] for i in exc.issues]}


_START = dt.datetime(2025, 6, 1, 8, 0, 0)


def _clock(mp: pytest.MonkeyPatch) -> Callable[[int], None]:
    """Freeze app.models.utcnow wherever it was imported; returns a setter of the step."""
    import app.models

    real = app.models.utcnow
    now = [_START]
    for module in list(sys.modules.values()):
        if (getattr(module, "__name__", "").startswith("app.")
                and getattr(module, "utcnow", None) is real):
            mp.setattr(module, "utcnow", lambda: now[0])

    def step(n: int) -> None:
        now[0] = _START + dt.timedelta(minutes=n)
    return step


def run(db: Any, mp: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Every step's answer and the rows after it."""
    labels = Labels()
    at = _clock(mp)
    import_document(db, {"format": "safeland/1", "sites": [_site("T/1", 5000), _site("T/2", 1e8)]})
    services.save_profile(db, "CMAC", "DU4", "DU4-MDT-01", "Sok Chanthy")
    ids: dict[str, str] = {}
    got = []
    for n, (name, step) in enumerate(steps(db)):
        at(n + 1)
        try:
            answer = _answer(step(ids), labels)
        except ServiceError as exc:
            answer = _refusal(exc, labels)
        got.append({"step": name, "answer": answer, "rows": dump(db, labels)})
    return got


def test_saves_write_the_rows_they_wrote_before(db: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    want = json.loads(DATA.read_text("utf-8"))
    got = run(db, monkeypatch)
    assert [g["step"] for g in got] == [w["step"] for w in want]
    for n, (mine, before) in enumerate(zip(got, want)):
        assert mine["answer"] == before["answer"], f"step {n}: {before['step']}"
        for table, rows in before["rows"].items():
            assert mine["rows"][table] == rows, f"step {n}: {before['step']}, table {table}"
    # The sequence reaches what it means to: each warning asked, refusals, signed revisions.
    codes = {i[1] for g in want for i in g["answer"].get("issues", [])}
    assert {"report_duplicate", "rate_implausible", "released_exceeds_area", "signed_frozen",
            "amend_no_change", "site_unknown"} <= codes
    assert len(want[-1]["rows"]["report_revisions"]) == 6 and len(want[-1]["rows"]["outbox"]) == 6


def test_a_failed_write_raises_sqlalchemys_error_and_writes_nothing(db: Any) -> None:
    """The save's statements run on the sqlite3 connection (app/store/driver.py), but a
    refusal by SQLite still reaches callers as SQLAlchemy's error (what the window and sync
    sort disk trouble and a locked file by), sqlite3's as its `orig`, and the whole save is
    rolled back: here a second report under an id already taken."""
    import sqlite3

    from sqlalchemy.exc import IntegrityError

    from app.store import reports as report_store
    from safeland_core.records import report_fields
    from safeland_core.validation import validate_report

    import_document(db, {"format": "safeland/1", "sites": [_site("T/2", 1e8)]})
    rid, _ = services.save_draft(db, _report("2025-03-01"))
    report_in, _ = validate_report(dict(_report("2025-03-02"), status="DRAFT"), None)
    assert report_in is not None
    with pytest.raises(IntegrityError) as exc:
        with db.session(write=True) as s:
            site_id = s.execute(text("SELECT id FROM sites")).scalar_one()
            report_store.put_report(s, report_fields(report_in), site_id, [], None, report_id=rid)
    assert isinstance(exc.value.orig, sqlite3.IntegrityError)
    with db.session() as s:
        assert s.execute(text("SELECT date, count(*) FROM reports")).one() == ("2025-03-01", 1)
        assert s.execute(text("SELECT count(*) FROM report_items")).scalar_one() == 2


if __name__ == "__main__":  # regenerate the oracle: python -m tests.unit.test_save_same_rows OUT
    import tempfile

    from app.db import open_database

    with tempfile.TemporaryDirectory() as tmp:
        database = open_database(Path(tmp) / "field.db")
        with pytest.MonkeyPatch.context() as patch:
            result = run(database, patch)
        database.close()
    Path(sys.argv[1]).write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", "utf-8")
