"""Malformed and hostile requests: every HQ endpoint, driven from HQ's own OpenAPI document by
schemathesis (valid and invalid data, with and without a real token), must answer a JSON error
in the 4xx range (or a well-formed success), never a 5xx, never HTML. Plus the attacks a
generator would not think of: decompression bombs, oversized bodies, bad gzip, forged batches."""
from __future__ import annotations

import copy
import gzip
import json
import uuid
from collections import Counter
from urllib.parse import quote

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode

from tests.helpers.synchq import demo_sites, import_sites, new_code

pytestmark = pytest.mark.slow  # hundreds of hostile requests per backend, generated from the OpenAPI document


@pytest.mark.slow
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


# --- hostile values in every field of every endpoint, read from HQ's OpenAPI document ---------
#
# Each value is a raw JSON fragment, put in the body as bytes (httpx cannot encode a lone
# surrogate in a str body): NUL, lone surrogates, nesting far past any real document, integers
# of hundreds and thousands of digits, 1e400 (decodes to inf), NaN, and strings far wider than
# HQ's columns. Query parameters get the same texts, percent-encoded.

HOSTILE_JSON = {
    "nul": '"a\\u0000b"',
    "nul_only": '"\\u0000"',
    "high_surrogate": '"\\ud800"',
    "low_surrogate": '"x\\udc00y"',
    "huge_string": '"' + "x" * 300_000 + '"',
    "wide_string": '"' + "\u00e9" * 70 + '"',
    "int_400_digits": "1" + "0" * 400,
    "int_5000_digits": "9" * 5000,
    "float_1e400": "1e400",
    "nan": "NaN",
    "minus_infinity": "-Infinity",
    "deep_array": "[" * 5000 + "]" * 5000,
    "deep_object": '{"a":' * 200 + "1" + "}" * 200,
}
HOSTILE_QUERY = {"nul": "a\x00b", "surrogate_utf8": "%ED%A0%80", "huge": "x" * 6000,
                 "int_400_digits": "1" + "0" * 400, "nan": "NaN", "minus": "-1"}
PLACE = "@@HOSTILE@@"


def _leaves(value, path=()):
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _leaves(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _leaves(v, (*path, i))
    yield path  # containers too: a whole object or list replaced by a hostile value


def _put(value, path, new):
    if not path:
        return new
    value = copy.deepcopy(value)
    target = value
    for p in path[:-1]:
        target = target[p]
    target[path[-1]] = new
    return value


def _raw(body, fragment: str) -> bytes:
    return json.dumps(body).replace(json.dumps(PLACE), fragment, 1).encode()


def _signed_record(demo_doc) -> dict:
    from safeland_core.records import revision_hash

    rec = copy.deepcopy(demo_doc["reports"][0])
    rec.update(status="SIGNED", revision=1, prev_hash=None, id=str(uuid.uuid4()))
    rec["hash"] = revision_hash(rec, None)
    return rec


def test_every_endpoint_survives_nul_surrogates_nesting_and_huge_numbers(hq, hq_db, demo_doc):
    """Every operation of HQ's OpenAPI document: each string, number, object and list of a
    valid request body, and each query parameter, replaced in turn by each hostile value, with
    and without a token. Never a 5xx; always JSON; HQ still healthy after each operation; and
    the one valid record sent beside a hostile one in a batch is still applied."""
    from hq.devices import authenticate

    import_sites(hq_db, demo_sites("DU4"))
    token = httpx.post(f"{hq.url}/api/v1/enroll", json={"code": new_code(hq_db)}).json()["token"]
    device_id = authenticate(hq_db, token).id
    doc = httpx.get(f"{hq.url}/api/v1/openapi.json").json()
    counter = iter(range(1, 10**9))

    def seed(path: str) -> dict | None:
        if path.endswith("/enroll"):
            return {"code": "ABCD-EFGH-JKLM", "name": "laptop"}
        if path.endswith("/batches"):
            n = next(counter)
            good, bad = _signed_record(demo_doc), _signed_record(demo_doc)
            return {"format": "safeland-batch/1", "batch_id": f"hostile{n:010d}",
                    "device_id": device_id, "created_at": "2026-12-01T00:00:00Z",
                    "entries": [{"seq": 2 * n, "type": "report", "record_id": bad["id"],
                                 "revision": 1, "record": bad},
                                {"seq": 2 * n + 1, "type": "report", "record_id": good["id"],
                                 "revision": 1, "record": good}]}
        return None

    sent, by_status = 0, Counter()
    client = httpx.Client(base_url=hq.url, timeout=60)
    operations = [(path, method, op) for path, item in doc["paths"].items()
                  for method, op in item.items() if method in ("get", "post", "put", "patch", "delete")]
    assert len(operations) >= 4
    good_applied = 0
    for path, method, op in operations:
        params = [p["name"] for p in op.get("parameters", []) if p.get("in") == "query"]
        requests: list[tuple[dict, bytes | None, str]] = []
        if "requestBody" in op:
            body = seed(path)
            assert body is not None, f"no seed body for {method} {path}: add one"
            leaves = list(_leaves(body))
            for leaf in leaves:
                if leaf[:2] == ("entries", 1) or "items" in leaf and leaf[-1:] != ("items",) \
                        and leaf[leaf.index("items") + 1] != 0:
                    continue  # the second entry stays valid (it must be applied); items[0] stands for all
                for name, fragment in HOSTILE_JSON.items():
                    fresh = seed(path)  # a new batch id and seqs each time
                    requests.append(({}, _raw(_put(fresh, leaf, PLACE), fragment),
                                     f"{'.'.join(map(str, leaf)) or '$'}={name}"))
            # A hostile key, at the top and (batches) inside the record.
            for name in ("nul", "high_surrogate"):
                key = HOSTILE_JSON[name]
                fresh = seed(path)
                text = json.dumps(fresh)
                requests.append(({}, ("{" + key + ":1," + text[1:]).encode(), f"key={name}"))
                if "entries" in fresh:
                    marker = '"record": {'
                    requests.append(({}, text.replace(marker, marker + key + ":1,", 1).encode(),
                                     f"record key={name}"))
        for param in params:
            for name, value in HOSTILE_QUERY.items():
                requests.append(({param: value}, None, f"?{param}={name}"))
        if not requests:
            requests.append(({}, None, "plain"))
        for query, body, label in requests:
            for headers in ({}, {"Authorization": f"Bearer {token}"}):
                url = path
                if query:  # "%ED%A0%80" goes as is: a lone surrogate's UTF-8 form, percent-encoded
                    url += "?" + "&".join(f"{k}={v if v.startswith('%') else quote(v, safe='')}"
                                          for k, v in query.items())
                r = client.request(method.upper(), url, content=body, headers={
                    **headers, **({"Content-Type": "application/json"} if body is not None else {})})
                sent += 1
                by_status[r.status_code] += 1
                assert r.status_code < 500, (method, path, label, r.status_code, r.text[:300])
                assert r.headers.get("content-type", "").startswith("application/json"), (label, r.text[:200])
                if r.status_code >= 400:
                    err = r.json()["error"]
                    assert err["code"] and err["message"], label
                elif path.endswith("/batches") and headers:
                    results = r.json()["results"]
                    assert results[-1]["status"] == "APPLIED", (label, results)
                    good_applied += 1
        assert client.get("/api/v1/health").status_code == 200, f"HQ died after {method} {path}"
    client.close()
    print(f"\nhostile requests sent: {sent}; answers by status: {dict(sorted(by_status.items()))}; "
          f"batches whose valid record was applied beside a hostile one: {good_applied}")
    assert sent > 500 and not any(s >= 500 for s in by_status)
    assert good_applied > 0


@pytest.mark.parametrize("field,fragment,code", [
    ("site_reference", '"BS/CHA/CMAA/60222\\u0000"', "bad_text"),
    ("site_reference", '"\\ud800"', "bad_text"), ("hash", '"\\ud800"', "bad_text"),
    ("hash", '"ab\\u0000"', "bad_text"), ("id", '"\\u0000"', "bad_text"),
    ("notes", '"\\udfff"', "bad_text"), ("site_reference", '"' + "B" * 65 + '"', "too_long"),
    ("hash", '"' + "a" * 65 + '"', "too_long")])
def test_a_record_hq_cannot_store_is_parked_and_the_rest_applied(hq, hq_db, token, demo_doc,
                                                                  field, fragment, code):
    """NUL or a lone surrogate anywhere in one record, or a field wider than its column: that
    record is REFUSED (bad_text / too_long) and parked with the record as sent; the other
    record of the batch is applied. Never a 5xx, on either backend."""
    from sqlalchemy import select

    from hq.devices import authenticate
    from hq.models import Receipt

    device_id = authenticate(hq_db, token).id
    bad, good = _signed_record(demo_doc), _signed_record(demo_doc)
    batch = {"format": "safeland-batch/1", "batch_id": "poison" + "0" * 10, "device_id": device_id,
             "entries": [{"seq": 1, "record_id": bad["id"], "revision": 1,
                          "record": dict(bad, **{field: PLACE})},
                         {"seq": 2, "record_id": good["id"], "revision": 1, "record": good}]}
    r = _post(hq, token, _raw(batch, fragment))
    assert r.status_code == 200, r.text[:300]
    first, second = r.json()["results"]
    assert first["status"] == "REFUSED" and first["code"] == code, first
    assert second["status"] == "APPLIED", second
    with hq_db.session() as s:
        parked = s.scalars(select(Receipt).where(Receipt.seq == 1)).one()
    assert parked.status == "REFUSED" and parked.parked_record is not None
    assert "\x00" not in parked.reason


def test_out_of_bounds_requests_have_named_codes(hq, hq_db, token, demo_doc):
    from hq.devices import authenticate

    def enroll(raw: str) -> str:
        return _error(httpx.post(f"{hq.url}/api/v1/enroll", content=raw.encode(),
                                 headers={"Content-Type": "application/json"}))

    assert enroll('{"code": "ABCD\\u0000"}') == "bad_text"
    assert enroll('{"code": "\\ud800"}') == "bad_text"
    assert enroll("[" * 3000 + "]" * 3000) == "too_deep"
    assert enroll('{"code": ' + "1" * 31 + "}") == "number_too_large"
    assert enroll('{"code": ' + "1" * 5000 + "}") == "number_too_large"
    assert enroll('{"code": NaN}') == enroll('{"code": 1e400}') == "not_a_number"
    device_id = authenticate(hq_db, token).id
    rec = _signed_record(demo_doc)
    for field, value in (("device_id", '"\\u0000"'), ("created_at", '"\\ud800"'),
                         ("record_id", '"x\\u0000"')):
        batch = {"format": "safeland-batch/1", "batch_id": "named" + "0" * 10, "device_id": device_id,
                 "entries": [{"seq": 1, "record_id": rec["id"], "revision": 1, "record": rec}]}
        if field == "record_id":
            batch["entries"][0]["record_id"] = PLACE
        else:
            batch[field] = PLACE
        r = _post(hq, token, _raw(batch, value))
        assert r.status_code == 422 and _error(r) == "bad_text", (field, r.text[:200])
    r = httpx.get(f"{hq.url}/api/v1/sites", params={"reference": "BS/CHA\x00"},
                  headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 400 and _error(r) == "bad_text"
