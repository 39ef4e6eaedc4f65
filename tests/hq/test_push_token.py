"""A push's token is checked in its batch's own transaction (hq/push.py, apply_pushed), not by a
look-up of its own before the request: the answers stay those of a token checked first. An
unknown or revoked token is told so (401 token_invalid) before anything about the batch, its
body or its headers; a device revoked between two pushes is refused at the second, and nothing
of that push is stored."""
from __future__ import annotations

import gzip
import json
import uuid

import httpx
import pytest

from tests.helpers.synchq import demo_sites, import_sites, new_code


@pytest.fixture
def device(hq, hq_db) -> dict:
    import_sites(hq_db, demo_sites("DU4"))
    return httpx.post(f"{hq.url}/api/v1/enroll", json={"code": new_code(hq_db)}).json()


def _batch(device_id: str, seq: int = 1) -> dict:
    from safeland_core.records import revision_hash

    site = demo_sites("DU4")[0]
    rec = {"id": str(uuid.uuid4()), "site_reference": site["reference"], "date": "2025-05-12",
           "activity": "CLEARANCE", "assets": ["MANUAL"], "team": "DU4-MDT-03",
           "team_leader": "Sok Chanthy", "personnel": 10, "hours_worked": 6,
           "area_cleared_m2": 400, "clearance_depth_cm": 30, "items": [],
           "status": "SIGNED", "revision": 1, "prev_hash": None}
    rec["hash"] = revision_hash(rec, None)
    return {"format": "safeland-batch/1", "batch_id": uuid.uuid4().hex, "device_id": device_id,
            "entries": [{"seq": seq, "type": "report", "record_id": rec["id"], "revision": 1,
                         "record": rec}]}


def _push(hq, token: str | None, doc: dict | bytes, **headers: str) -> httpx.Response:
    body = doc if isinstance(doc, bytes) else gzip.compress(json.dumps(doc).encode())
    auth = {"Authorization": f"Bearer {token}"} if token is not None else {}
    return httpx.post(f"{hq.url}/api/v1/batches", content=body, timeout=60, headers={
        **auth, "Content-Type": "application/json", "Content-Encoding": "gzip", **headers})


def _answer(r: httpx.Response) -> tuple[int, str]:
    assert r.headers["content-type"].startswith("application/json"), r.text[:200]
    return r.status_code, r.json()["error"]["code"]


def test_an_unknown_token_is_told_first_whatever_the_batch(hq, device):
    good = _batch(device["device_id"])
    unknown = "x" * 43
    assert _answer(_push(hq, None, good)) == (401, "unauthorized")
    for token in (unknown, "y" * 201):
        r = _push(hq, token, good)
        assert _answer(r) == (401, "token_invalid")
        assert r.headers["www-authenticate"] == "Bearer"
        # A body or header that breaks the protocol, or another device's batch: still 401.
        assert _answer(_push(hq, token, {"format": "safeland-batch/1"})) == (401, "token_invalid")
        assert _answer(_push(hq, token, good, **{"Idempotency-Key": "k" * 65})) == \
            (401, "token_invalid")
        assert _answer(_push(hq, token, good, **{"Idempotency-Key": "not-this-batch"})) == \
            (401, "token_invalid")
        assert _answer(_push(hq, token, _batch("someone-else"))) == (401, "token_invalid")
    # With the device's own token the same requests get their own answers.
    token = device["token"]
    assert _answer(_push(hq, token, {"format": "safeland-batch/1"})) == (422, "invalid_request")
    assert _answer(_push(hq, token, good, **{"Idempotency-Key": "not-this-batch"})) == \
        (400, "idempotency_key_mismatch")
    assert _answer(_push(hq, token, _batch("someone-else"))) == (403, "wrong_device")
    r = _push(hq, token, good, **{"Idempotency-Key": good["batch_id"]})
    assert r.status_code == 200 and r.json()["results"][0]["status"] == "APPLIED"


def test_a_device_revoked_between_two_pushes_is_refused_at_the_second(hq, hq_db, device):
    from hq.devices import revoke

    token, device_id = device["token"], device["device_id"]
    first = _push(hq, token, _batch(device_id, 1))
    assert first.status_code == 200 and first.json()["highest_seq"] == 1
    revoke(hq_db, device_id)
    second = _batch(device_id, 2)
    r = _push(hq, token, second)
    assert _answer(r) == (401, "token_invalid")
    assert _answer(_push(hq, token, first.request.content)) == (401, "token_invalid")  # a repeat too
    with hq_db.session() as s:
        from hq.models import Report

        held = {rid for (rid,) in s.query(Report.record_id)}
    assert second["entries"][0]["record_id"] not in held and len(held) == 1
