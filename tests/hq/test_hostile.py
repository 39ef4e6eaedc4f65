"""Malformed and hostile requests: every HQ endpoint, driven from HQ's own OpenAPI document by
schemathesis (valid and invalid data, with and without a real token), must answer a JSON error
in the 4xx range (or a well-formed success), never a 5xx, never HTML. Plus the attacks a
generator would not think of: decompression bombs, oversized bodies, bad gzip, forged batches."""
from __future__ import annotations

import gzip
import json

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from synchq import demo_sites, import_sites, new_code


def test_every_endpoint_answers_hostile_input_with_json_4xx(hq, hq_db):
    """Schemathesis generates valid and invalid requests for each operation of HQ's OpenAPI
    document; each is sent without a token and with a real one."""
    from hypothesis import given

    import_sites(hq_db, demo_sites("DU4"))
    token = httpx.post(f"{hq.url}/api/v1/enroll", json={"code": new_code(hq_db)}).json()["token"]
    api = schemathesis.openapi.from_url(f"{hq.url}/api/v1/openapi.json")
    operations = [result.ok() for result in api.get_all_operations()]
    assert len(operations) >= 4
    seen: list[str] = []
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(max_examples=12, deadline=None, derandomize=True, database=None,
                      suppress_health_check=list(HealthCheck))
            def check(case) -> None:
                for headers in ({}, {"Authorization": f"Bearer {token}"}):
                    response = case.call(base_url=hq.url, headers=headers, timeout=30)
                    seen.append(f"{case.method} {response.status_code}")
                    assert response.status_code < 500, (case.method, case.path, response.text[:300])
                    content_type = " ".join(response.headers.get("content-type", []))
                    assert "json" in content_type, response.text[:200]
                    if response.status_code >= 400:
                        err = response.json()["error"]
                        assert err["code"] and err["message"]

            try:
                check()
            except Unsatisfiable:
                # Nothing to make invalid (GET /health takes no input): the positive run covers it.
                assert mode == GenerationMode.NEGATIVE
    assert len(seen) > 50


@pytest.fixture
def token(hq, hq_db) -> str:
    import_sites(hq_db, demo_sites("DU4"))
    return httpx.post(f"{hq.url}/api/v1/enroll", json={"code": new_code(hq_db)}).json()["token"]


def _post(hq, token: str, body: bytes, **headers: str) -> httpx.Response:
    return httpx.post(f"{hq.url}/api/v1/batches", content=body, timeout=60, headers={
        "Authorization": f"Bearer {token}", "Content-Type": "application/json", **headers})


def _error(r: httpx.Response) -> str:
    assert r.headers["content-type"].startswith("application/json"), r.text[:200]
    return r.json()["error"]["code"]


def test_gzip_bomb_is_refused_without_inflating_it(hq, token):
    bomb = gzip.compress(b"[" + b" " * 200_000_000 + b"]", 9)  # 200 MB of spaces in ~200 KB
    assert len(bomb) < 1_000_000
    r = _post(hq, token, bomb, **{"Content-Encoding": "gzip"})
    assert r.status_code == 413 and _error(r) == "too_large_decompressed"


def test_oversized_body_is_refused(hq, token):
    r = _post(hq, token, b"{" + b" " * 5_000_000 + b"}")
    assert r.status_code == 413 and _error(r) == "too_large"


def test_oversized_body_without_content_length_is_refused(hq, token):
    def chunks():
        for _ in range(50):
            yield b" " * 100_000

    r = httpx.post(f"{hq.url}/api/v1/batches", content=chunks(), timeout=60,
                   headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    assert r.status_code == 413 and _error(r) == "too_large"


def test_bad_gzip_and_unknown_encodings_are_4xx(hq, token):
    r = _post(hq, token, b"not gzip at all", **{"Content-Encoding": "gzip"})
    assert r.status_code == 400 and _error(r) == "bad_encoding"
    r = _post(hq, token, b"{}", **{"Content-Encoding": "br"})
    assert r.status_code == 415 and _error(r) == "unsupported_encoding"


def test_a_batch_for_another_device_or_a_reused_id_is_refused(hq, hq_db, token):
    entry = {"seq": 1, "record_id": "x" * 36, "revision": 1, "record": {"id": "x" * 36}}
    other = {"format": "safeland-batch/1", "batch_id": "b" * 20, "device_id": "someone-else",
             "entries": [entry]}
    r = _post(hq, token, json.dumps(other).encode())
    assert r.status_code == 403 and _error(r) == "wrong_device"

    me = httpx.get(f"{hq.url}/api/v1/sites", headers={"Authorization": f"Bearer {token}"})
    assert me.status_code == 200
    from hq.devices import authenticate

    device_id = authenticate(hq_db, token).id
    mine = dict(other, device_id=device_id)
    first = _post(hq, token, json.dumps(mine).encode())
    assert first.status_code == 200
    assert first.json()["results"][0]["status"] == "REFUSED"  # a junk record is parked, not a 5xx
    mine["entries"] = [dict(entry, seq=2)]
    r = _post(hq, token, json.dumps(mine).encode())
    assert r.status_code == 409 and _error(r) == "batch_id_reused"


def test_no_token_bad_token_bad_cursor(hq, token):
    assert _error(httpx.get(f"{hq.url}/api/v1/sites")) == "unauthorized"
    r = httpx.get(f"{hq.url}/api/v1/sites", headers={"Authorization": "Bearer nope"})
    assert r.status_code == 401 and _error(r) == "token_invalid"
    r = httpx.get(f"{hq.url}/api/v1/sites", params={"cursor": "!!notours"},
                  headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 400 and _error(r) == "bad_cursor"


def test_wrong_method_and_bad_json_answer_json(hq, token):
    r = httpx.delete(f"{hq.url}/api/v1/batches")
    assert r.status_code == 405 and _error(r) == "method_not_allowed"
    r = _post(hq, token, b'{"format": ')
    assert r.status_code == 422 and _error(r) == "invalid_request"


def test_openapi_is_published(hq):
    doc = httpx.get(f"{hq.url}/api/v1/openapi.json").json()
    assert {"/api/v1/batches", "/api/v1/sites", "/api/v1/enroll", "/api/v1/health"} <= set(doc["paths"])
