"""`serve --workers N`: a worker with more pushes waiting than it applies at once closes the
connection of each push it answers (`Connection: close`), so the device's next batch comes on a
new connection that a less busy worker can take (hq/api.py, create_app's share_out). The answer
itself is the same; one worker alone never closes."""
from __future__ import annotations

import functools
import gzip
import json

import httpx
import pytest

from tests.helpers.synchq import ThreadHQ, demo_sites, import_sites, new_code
from tests.hq.test_push_token import _batch


@pytest.mark.parametrize("share_out", [True, False])
def test_a_busy_worker_hands_the_next_batch_to_another(hq_db, monkeypatch, share_out):
    from hq import api

    import_sites(hq_db, demo_sites("DU4"))
    monkeypatch.setattr(api, "create_app", functools.partial(api.create_app, share_out=share_out))
    hq = ThreadHQ(hq_db)  # a worker of several (share_out) or HQ alone, over real HTTP
    try:
        client = httpx.Client(base_url=hq.url, timeout=30)
        device = client.post("/api/v1/enroll", json={"code": new_code(hq_db)}).json()
        headers = {"Authorization": f"Bearer {device['token']}",
                   "Content-Type": "application/json", "Content-Encoding": "gzip"}

        def push(seq: int) -> httpx.Response:
            body = gzip.compress(json.dumps(_batch(device["device_id"], seq)).encode())
            return client.post("/api/v1/batches", content=body, headers=headers)

        calm = push(1)
        assert calm.status_code == 200 and "connection" not in calm.headers
        monkeypatch.setattr(api, "APPLY_AT_ONCE", 0)  # every push now waits beyond the limit
        busy = push(2)
        again = push(3)  # the client opens a new connection by itself: no error, no retry
        client.close()
    finally:
        hq.stop()
    assert busy.status_code == 200
    assert [r["status"] for r in busy.json()["results"]] == ["APPLIED"]
    assert busy.json()["highest_seq"] == 2
    assert busy.headers.get("connection") == ("close" if share_out else None)
    assert again.status_code == 200 and again.json()["highest_seq"] == 3
