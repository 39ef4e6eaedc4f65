"""The bare endpoint of hq_ingest_concurrent's second floor: a pure ASGI app that takes the same
gzip batch bodies HQ takes, decompresses them, parses the JSON and COPYs the rows HQ would write
(reports and receipts) in one transaction per request, with no validation, no hashing, no
exactly-once bookkeeping and no framework. It answers a batch answer with no results.

    SAFELAND_BARE_PG_URL=postgresql://... SAFELAND_BARE_SCHEMA=s \\
        python -m uvicorn bench.bare_ingest:app --workers 2 --port P

Run by bench/bench_hq_ingest.py only.
"""
from __future__ import annotations

import asyncio
import datetime as dt
import gzip
import json
import os
from typing import Any

import psycopg

URL = os.environ.get("SAFELAND_BARE_PG_URL", "")
SCHEMA = os.environ.get("SAFELAND_BARE_SCHEMA", "public")
POOL_SIZE = 10  # as HQ's own pool (hq/db.py)

_pool: asyncio.Queue | None = None


async def _connection() -> psycopg.AsyncConnection:
    global _pool
    if _pool is None:
        _pool = asyncio.Queue()
        for _ in range(POOL_SIZE):
            conn = await psycopg.AsyncConnection.connect(URL, options=f"-csearch_path={SCHEMA}")
            _pool.put_nowait(conn)
    return await _pool.get()


async def _copy(doc: dict[str, Any]) -> int:
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    device, batch_id = doc["device_id"], doc["batch_id"]
    conn = await _connection()
    assert _pool is not None
    try:
        async with conn.transaction():
            cur = conn.cursor()
            async with cur.copy("COPY reports (record_id, revision, site_reference, device_id, seq,"
                                " record, hash, status, source, received_at) FROM STDIN") as cp:
                for e in doc["entries"]:
                    rec = e["record"]
                    await cp.write_row((e["record_id"], e["revision"], rec.get("site_reference"),
                                        device, e["seq"], json.dumps(rec, ensure_ascii=False),
                                        rec.get("hash"), "RECEIVED", "push", now))
            async with cur.copy("COPY receipts (device_id, seq, record_id, revision, status,"
                                " batch_id, received_at) FROM STDIN") as cp:
                for e in doc["entries"]:
                    await cp.write_row((device, e["seq"], e["record_id"], e["revision"],
                                        "APPLIED", batch_id, now))
    finally:
        _pool.put_nowait(conn)
    return max(e["seq"] for e in doc["entries"])


async def app(scope: dict, receive: Any, send: Any) -> None:
    if scope["type"] != "http":
        return
    body = bytearray()
    while True:
        message = await receive()
        body += message.get("body", b"")
        if not message.get("more_body"):
            break
    if scope["path"].endswith("/health"):
        answer: dict[str, Any] = {"service": "safeland-hq", "api": "v1", "status": "ok",
                                  "time": "2026-01-01T00:00:00Z"}
    else:
        headers = dict(scope["headers"])
        raw = gzip.decompress(bytes(body)) if headers.get(b"content-encoding") == b"gzip" else body
        doc = json.loads(raw)
        highest = await _copy(doc)
        answer = {"format": "safeland-batch-answer/1", "batch_id": doc["batch_id"],
                  "device_id": doc["device_id"], "highest_seq": highest,
                  "received_at": "2026-01-01T00:00:00Z", "results": []}
    out = json.dumps(answer).encode()
    await send({"type": "http.response.start", "status": 200,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(out)).encode())]})
    await send({"type": "http.response.body", "body": out})
