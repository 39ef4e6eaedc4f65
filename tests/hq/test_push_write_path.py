"""The push path's PostgreSQL statements, sent together (pipeline mode, json_to_recordset:
hq/push.py, store.add_pushed_batch), store what the generic path (one SQLAlchemy statement at a
time, COPY for the rows) stored for the same batches: receipts, reports (the records' JSON text
byte for byte), batches and their answers, the devices' last seq, sites proposed in the field;
and give the same answers. The batches hold applied reports, refusals of each kind (hash,
rules, NUL text, a lone surrogate, unknown site, another unit's site, not signed, chain),
amendments (onto a held and onto a parked revision), a site found in the field with a report
on it, a duplicate, a replay under a new batch id, a seq conflict and a copy from another
device. PostgreSQL only: the SQLite path is the generic one."""
from __future__ import annotations

import copy
import json
import os
import uuid
from collections.abc import Callable

import psycopg
import pytest

from tests.helpers.synchq import PG_ENV, demo_sites, import_sites, pg_schema

# The pipelined path exists only on PostgreSQL. Off CI without PostgreSQL the module is skipped
# (as tests/sync/test_faults_two_hq.py); on CI it must run, so there a missing
# SAFELAND_TEST_PG_URL fails the test (os.environ[PG_ENV]) instead of skipping it.
pytestmark = pytest.mark.skipif(not os.environ.get(PG_ENV) and not os.environ.get("CI"),
                                reason=f"the pipelined push path is PostgreSQL's ({PG_ENV} unset)")

SITES = demo_sites("DU4")
HERE, OTHER_UNIT = SITES[0]["reference"], SITES[2]["reference"]
SITES[2]["unit"] = "DU5"


def _report(i: int, **changes) -> dict:
    from safeland_core.records import revision_hash

    rec = {"id": str(uuid.UUID(int=i)), "site_reference": HERE,
           "date": f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}", "activity": "CLEARANCE",
           "assets": ["MANUAL", "MDD"], "team": "DU4-MDT-03", "team_leader": "Sok Chanthy",
           "personnel": 14, "hours_worked": 7, "area_cleared_m2": 900.5 + i,
           "clearance_depth_cm": 30,
           "items": [{"category": "AP_MINE", "model": "PMN-2", "quantity": 1,
                      "condition": "POOR", "depth_cm": 15, "disposal": "DESTROYED_IN_SITU",
                      "lat": 13.587 + i * 1e-5, "lon": 103.423}][: i % 2],
           "notes": "ក្រុមបានធ្វើការតាមផែនការ" if i % 2 else "North edge cut back.",
           "status": "SIGNED", "revision": 1, "prev_hash": None, "signed_by": "Sok Chanthy",
           "signed_at": "2025-03-04T10:00:00Z"}
    rec.update(changes)
    try:
        rec["hash"] = revision_hash(rec, rec["prev_hash"])
    except ValueError:  # a record the rules refuse has no hash of its content
        rec["hash"] = "e" * 64
    return rec


def _amend(rec: dict, **changes) -> dict:
    from safeland_core.records import revision_hash

    new = {**copy.deepcopy(rec), "revision": rec["revision"] + 1, "prev_hash": rec["hash"],
           **changes}
    new["hash"] = revision_hash(new, new["prev_hash"])
    return new


def _site_proposal() -> dict:
    site = copy.deepcopy(SITES[1])
    site.update(id=str(uuid.UUID(int=999)), reference="PROV-DU4-0001", owner="DEVICE",
                proposal_state="PROPOSED")
    return site


def _batch(device_id: str, entries: list[tuple[int, dict]], kind: str = "report",
           batch_id: str | None = None) -> dict:
    from safeland_core.protocol import BATCH_FORMAT, batch_id_for

    keys = [(seq, rec["id"], rec.get("revision", 1) if kind == "report" else 1)
            for seq, rec in entries]
    return {"format": BATCH_FORMAT, "batch_id": batch_id or batch_id_for(device_id, keys),
            "device_id": device_id,
            "entries": [{"seq": seq, "type": kind, "record_id": rec["id"],
                         "revision": rec.get("revision", 1) if kind == "report" else 1,
                         "record": rec} for seq, rec in entries]}


def _scenario(a: str, b: str) -> list[tuple[str, dict]]:
    """(device, batch document) in the order they are pushed; `a` and `b` are two devices of
    unit DU4."""
    good = [_report(i) for i in range(1, 7)]
    bad_hash = {**_report(7), "hash": "0" * 64}
    draft = _report(8, status="DRAFT")
    nul = _report(9, notes="a NUL \x00 here")
    elsewhere = _report(10, site_reference=OTHER_UNIT)
    unknown = _report(11, site_reference="NO-SUCH-SITE")
    too_many_people = _report(12, personnel=-3)
    surrogate = _report(13, notes="a lone \ud800 surrogate")
    first = _batch(a, [(1, good[0]), (2, good[1]), (3, bad_hash), (4, draft), (5, nul),
                       (6, elsewhere), (7, unknown), (8, too_many_people), (9, good[2])])
    amend_held = _amend(good[0], notes="corrected")
    amend_parked = _amend(elsewhere, site_reference=HERE)  # onto the refused (parked) revision 1
    broken = _amend(good[1], prev_hash="f" * 64)  # honest, but onto no revision HQ holds
    site = _site_proposal()
    on_site = _report(14, site_reference=site["reference"], site_id=site["id"])
    return [
        (a, first),
        (a, first),  # a duplicate: the stored answer, nothing written
        (a, _batch(a, [(10, surrogate), (11, good[3])])),  # orjson cannot write the surrogate
        (a, _batch(a, [(12, amend_held), (13, amend_parked), (14, broken)])),
        # A replay: seqs 1-2 answered before, under another batch id, with a new one after.
        (a, _batch(a, [(1, good[0]), (2, good[1]), (15, good[4])])),
        (a, _batch(a, [(16, site)], kind="site") | {"entries": [
            {"seq": 16, "type": "site", "record_id": site["id"], "revision": 1, "record": site},
            {"seq": 17, "type": "report", "record_id": on_site["id"], "revision": 1,
             "record": on_site}]}),
        (a, _batch(a, [(3, good[5])])),  # seq 3 is another record's: seq_conflict
        (b, _batch(b, [(1, good[2]), (2, good[5]), (3, _amend(good[2]))])),  # a's and new ones
    ]


def _push_all(url: str, pipelined: bool, monkeypatch, devices: Callable,
              by_token: bool = False) -> list:
    """The scenario's batches applied at a new HQ on `url`; `by_token`: as the API applies them
    (push.apply_pushed: the device found by its token in the batch's transaction), else by a
    device already known (push.apply_batch)."""
    from hq import push, store
    from hq.db import open_hq
    from safeland_core.protocol import Batch

    monkeypatch.setattr(push, "PIPELINED_POSTGRESQL", pipelined)
    copies = COPIES[pipelined, by_token] = []
    insert_many = _ORIGINAL.setdefault("insert_many", store._insert_many)  # not the last run's wrapper
    monkeypatch.setattr(store, "_insert_many", lambda s, model, rows: (
        copies.append(model.__tablename__), insert_many(s, model, rows)))
    db = open_hq(url)
    try:
        import_sites(db, SITES)
        infos, tokens = devices(db)
        answers = []
        for device_id, doc in _scenario(*[d.id for d in infos]):
            info = next(d for d in infos if d.id == device_id)
            try:
                if by_token:
                    answer, repeated, found = push.apply_pushed(db, tokens[info.id],
                                                                Batch.model_validate(doc))
                    assert found == info
                else:
                    answer, repeated = push.apply_batch(db, info, Batch.model_validate(doc))
                answers.append((answer.model_dump(exclude={"received_at"}), repeated))
            except push.PushRefused as exc:
                answers.append(("refused", exc.status, exc.code, exc.message, exc.extra))
        return answers
    finally:
        db.close()


# The tables each path (pipelined, by token) wrote by COPY, batch by batch.
COPIES: dict[tuple[bool, bool], list[str]] = {}
_ORIGINAL: dict[str, Callable] = {}

_TABLES = {
    "receipts": "device_id, seq, record_id, revision, status, code, reason, batch_id, "
                "parked_record::text",
    "reports": "record_id, revision, site_reference, device_id, seq, record::text, hash, status, "
               "source, report_date, activity, team, area_cancelled_m2, area_reduced_m2, "
               "area_cleared_m2, items::text",
    "batches": "device_id, batch_id, fingerprint, answer::jsonb - 'received_at', records",
    "devices": "id, last_seq",
    # Imported sites get new ids at each HQ: compared by reference.
    "sites": "reference, operator, unit, proposal_state, proposed_by, provisional_reference, "
             "proposal_revision, change_no, record::jsonb - 'created_at' - 'updated_at' - 'id'",
}
_ORDER = {"sites": "reference"}


def _rows(url: str) -> dict[str, list]:
    base, schema = url.split("?")[0], url.split("%3D")[-1]
    with psycopg.connect(base.replace("postgresql+psycopg://", "postgresql://"),
                         options=f"-csearch_path={schema}") as conn:
        return {table: conn.execute(f"SELECT {cols} FROM {table} "
                                    f"ORDER BY {_ORDER.get(table, 'id')}").fetchall()
                for table, cols in _TABLES.items()}


def test_pipelined_push_stores_what_the_generic_path_stored(monkeypatch):
    from hq.devices import add_device, enroll

    made: list[tuple[str, str, str]] = []  # (id, name, token) of the first HQ's devices, made again

    def devices(db):
        from hq.devices import DeviceInfo, sha256
        from hq.models import Device, utcnow

        if not made:
            for name in ("a", "b"):
                info, token = enroll(db, add_device(db, "CMAC", "DU4", name)[1])
                made.append((info.id, name, token))
        else:
            with db.session(write=True) as s:  # the same ids and tokens: rows can be compared
                for device_id, name, token in made:
                    s.add(Device(id=device_id, name=name, operator="CMAC", unit="DU4",
                                 token_hash=sha256(token), enrolled_at=utcnow(), last_seq=0))
        return ([DeviceInfo(device_id, name, "CMAC", "DU4", True, False)
                 for device_id, name, _token in made],
                {device_id: token for device_id, _name, token in made})

    base = os.environ[PG_ENV]
    with pg_schema(base) as generic_url, pg_schema(base) as pipelined_url, \
            pg_schema(base) as pushed_url, pg_schema(base) as generic_pushed_url:
        generic = _push_all(generic_url, False, monkeypatch, devices)
        pipelined = _push_all(pipelined_url, True, monkeypatch, devices)
        pushed = _push_all(pushed_url, True, monkeypatch, devices, by_token=True)
        generic_pushed = _push_all(generic_pushed_url, False, monkeypatch, devices, by_token=True)
        old, new = _rows(generic_url), _rows(pipelined_url)
        by_token, generic_by_token = _rows(pushed_url), _rows(generic_pushed_url)

    # The API's door (the device found by its token in the batch's transaction) answers and
    # stores what the door of a known device does, on both paths.
    assert pushed == generic_pushed == generic
    for table in _TABLES:
        assert by_token[table] == generic_by_token[table] == old[table], table
    assert pipelined == generic
    for table in _TABLES:
        assert new[table] == old[table], table
    # The scenario did what it says: every kind of answer is there.
    first = generic[0][0]["results"]
    assert [r["status"] for r in first] == ["APPLIED", "APPLIED"] + ["REFUSED"] * 6 + ["APPLIED"]
    assert {r.get("code") for r in first} >= {"hash_mismatch", "not_signed", "bad_text",
                                              "site_not_in_unit", "site_unknown"}
    assert generic[1][1] is True  # the duplicate: answered as before
    assert [r["status"] for r in generic[2][0]["results"]] == ["REFUSED", "APPLIED"]
    assert [r.get("code") for r in generic[3][0]["results"]] == [None, None, "chain_broken"]
    assert [r["status"] for r in generic[4][0]["results"]] == ["APPLIED"] * 3
    assert [r["status"] for r in generic[5][0]["results"]] == ["APPLIED", "APPLIED"]
    assert generic[6][:3] == ("refused", 422, "seq_conflict")
    assert [r.get("code") for r in generic[7][0]["results"]] == ["already_at_hq", None,
                                                                 "not_owner"]
    assert len(old["reports"]) == 9 and len(old["sites"]) == len(SITES) + 1
    # The pipelined path wrote by COPY only the two batches holding a NUL or a lone surrogate.
    assert COPIES[True, False] == COPIES[True, True] == ["reports", "receipts"] * 2
    assert len(COPIES[False, False]) > 4
    parked = [json.loads(r[8]) for r in old["receipts"] if r[8] is not None]
    assert any("\x00" in p.get("notes", "") for p in parked)
    assert any("\ud800" in p.get("notes", "") for p in parked)
