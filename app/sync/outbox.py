"""The device side of push: read the outbox in sequence order, pack batches capped by count and
bytes, send them gzip-compressed, and mark entries only from HQ's explicit answer.

Nothing is marked before HQ answers; an entry HQ applied becomes APPLIED, one it refused becomes
REFUSED with HQ's code and reason (parked, never blocking the rest); an entry the answer does not
mention stays PENDING and goes again. Memory stays bounded: one batch of rows at a time.
Thread: the sync worker.
"""
from __future__ import annotations

import gzip
import json
import logging
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from sqlalchemy import bindparam, func, select, update

from app.db import Database
from app.models import OutboxEntry, utcnow

from . import errors
from .protocol import (BATCH_FORMAT, MAX_BATCH_BYTES, MAX_BATCH_RECORDS, BatchAnswer, batch_id_for,
                       utc_iso)
from .transport import HQClient, device_now

log = logging.getLogger("safeland.sync")


@dataclass(frozen=True)
class Limits:
    records: int = MAX_BATCH_RECORDS
    bytes: int = MAX_BATCH_BYTES

    @classmethod
    def from_env(cls) -> Limits:
        """SAFELAND_SYNC_BATCH_RECORDS shrinks batches (a very poor link, or a test)."""
        try:
            n = int(os.environ.get("SAFELAND_SYNC_BATCH_RECORDS", MAX_BATCH_RECORDS))
        except ValueError:
            n = MAX_BATCH_RECORDS
        return cls(records=min(max(1, n), MAX_BATCH_RECORDS))


@dataclass(frozen=True)
class PackedBatch:
    batch_id: str
    seqs: tuple[int, ...]
    body: bytes  # gzip-compressed JSON document
    raw_size: int


def pending_count(db: Database) -> int:
    with db.session() as s:
        return int(s.scalar(select(func.count()).select_from(OutboxEntry)
                            .where(OutboxEntry.state == "PENDING")))


def next_batch(db: Database, device_id: str, limits: Limits) -> PackedBatch | None:
    """The lowest-sequence PENDING entries that fit the caps, as one self-contained document."""
    with db.session() as s:
        rows = s.execute(select(OutboxEntry.seq, OutboxEntry.record_id, OutboxEntry.revision,
                                OutboxEntry.record_type, OutboxEntry.payload)
                         .where(OutboxEntry.state == "PENDING").order_by(OutboxEntry.seq)
                         .limit(limits.records)).all()
    if not rows:
        return None
    parts: list[bytes] = []
    keys: list[tuple[int, str, int]] = []
    size = 200  # the envelope
    for seq, record_id, revision, rtype, payload in rows:
        entry = json.dumps({"seq": seq, "type": rtype, "record_id": record_id, "revision": revision,
                            "record": payload}, ensure_ascii=False, separators=(",", ":")).encode()
        if parts and size + len(entry) + 1 > limits.bytes:
            break
        parts.append(entry)
        keys.append((seq, record_id, revision))
        size += len(entry) + 1
    batch_id = batch_id_for(device_id, keys)
    head = json.dumps({"format": BATCH_FORMAT, "batch_id": batch_id, "device_id": device_id,
                       "created_at": utc_iso(device_now())}, separators=(",", ":"))[:-1].encode()
    doc = head + b',"entries":[' + b",".join(parts) + b"]}"
    return PackedBatch(batch_id, tuple(k[0] for k in keys), gzip.compress(doc, 6), len(doc))


def send(client: HQClient, batch: PackedBatch, device_id: str) -> BatchAnswer:
    answer = client.call("POST", "/batches", BatchAnswer, content=batch.body, headers={
        "Content-Type": "application/json", "Content-Encoding": "gzip",
        "Idempotency-Key": batch.batch_id})
    sent = set(batch.seqs)
    if (answer.batch_id != batch.batch_id or answer.device_id != device_id
            or any(r.seq not in sent for r in answer.results)):
        raise errors.server("bad answer", "HQ's answer does not match the batch sent")
    return answer


def apply_answer(db: Database, answer: BatchAnswer) -> tuple[int, int]:
    """Mark what HQ answered, in one local transaction. Returns (applied, refused)."""
    now = utcnow()
    applied = [{"s": r.seq, "st": "APPLIED", "c": None, "r": None} for r in answer.results
               if r.status == "APPLIED"]
    refused = [{"s": r.seq, "st": "REFUSED", "c": r.code, "r": r.reason} for r in answer.results
               if r.status == "REFUSED"]
    stmt = (update(OutboxEntry.__table__)
            .where(OutboxEntry.__table__.c.seq == bindparam("s"),
                   OutboxEntry.__table__.c.state == "PENDING")
            .values(state=bindparam("st"), refusal_code=bindparam("c"),
                    refusal_reason=bindparam("r"), sent_at=now))
    with db.session(write=True) as s:
        if applied or refused:
            s.connection().execute(stmt, applied + refused)
    return len(applied), len(refused)


def push_all(db: Database, client: HQClient, device_id: str, limits: Limits,
             progress: Callable[[int, int], None], cancelled: Callable[[], bool]) -> Iterator[BatchAnswer]:
    """Send every PENDING entry, batch by batch, yielding each answer once it is recorded."""
    total = pending_count(db)
    done = 0
    progress(done, total)
    while True:
        if cancelled():
            raise errors.cancelled()
        batch = next_batch(db, device_id, limits)
        if batch is None:
            return
        answer = send(client, batch, device_id)
        applied, refused = apply_answer(db, answer)
        if applied + refused == 0:
            # HQ answered without covering anything we sent: going round again would loop.
            raise errors.server("bad answer", "HQ's answer covered none of the records sent")
        done += applied + refused
        log.info("batch %s: %d applied, %d refused by HQ (seq %d-%d, %d bytes gzip of %d)",
                 batch.batch_id[:12], applied, refused, batch.seqs[0], batch.seqs[-1],
                 len(batch.body), batch.raw_size)
        progress(done, max(total, done))
        yield answer
