"""The device side of push: read the outbox in sequence order, pack batches capped by count and
bytes, send them gzip-compressed, and mark entries only from HQ's explicit answer.

Nothing is marked before HQ answers; an entry HQ applied becomes APPLIED, one it refused becomes
REFUSED with HQ's code and reason (parked, never blocking the rest); an entry the answer does not
mention stays PENDING and goes again. An answer whose results do not name exactly the
(seq, record id, revision) sent marks nothing and stops the run. Memory stays bounded: one
batch of rows at a time. Thread: the sync worker.

The seq on the wire is the local outbox seq plus `seq_base` (sync_state). It is 0 until HQ
answers `seq_conflict` (this laptop was restored from a file copy, so it numbers from a point
HQ has already passed under the same device id): then the base is raised, in one local
transaction, so every waiting entry goes out numbered after HQ's highest seq. The local outbox
seq itself (an autoincrement key) is never renumbered.
"""
from __future__ import annotations

import gzip
import json
import logging
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db import Database
from app.models import OutboxEntry, SyncState, utcnow
from app.store.outbox import OutboxState, mark
from app.store.state import put_state
from safeland_core.protocol import (
    BATCH_FORMAT,
    MAX_BATCH_BYTES,
    MAX_BATCH_RECORDS,
    BatchAnswer,
    batch_id_for,
    utc_iso,
)

from . import errors
from .transport import HQClient, device_now

log = logging.getLogger("safeland.sync")

SEQ_BASE_KEY = "seq_base"
MAX_SEQ_CONFLICTS = 5  # renumberings in one run before giving up (another copy keeps racing us)


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
    seqs: tuple[int, ...]  # as on the wire: local seq + base
    body: bytes  # gzip-compressed JSON document
    raw_size: int
    keys: tuple[tuple[int, str, int], ...] = ()  # (wire seq, record id, revision) sent
    base: int = 0  # the seq_base the batch was numbered with
    site_seqs: frozenset[int] = frozenset()  # wire seqs of the sites found in the field in it


def seq_base(db: Database) -> int:
    with db.session() as s:
        return _read_base(s)


def _read_base(s: Session) -> int:
    value = s.scalar(select(SyncState.value).where(SyncState.key == SEQ_BASE_KEY))
    try:
        return max(0, int(value)) if value is not None else 0
    except ValueError:
        return 0


def renumber_after(db: Database, highest_seq: int) -> int | None:
    """Raise seq_base so the lowest PENDING entry goes out as highest_seq + 1, in one local
    transaction. Returns the new base, or None when that would not move anything forward."""
    with db.session(write=True) as s:
        base = _read_base(s)
        lowest = s.scalar(select(func.min(OutboxEntry.seq)).where(OutboxEntry.state == OutboxState.PENDING))
        if lowest is None:
            return None
        new = highest_seq - int(lowest) + 1
        if new <= base:
            return None
        put_state(s, SEQ_BASE_KEY, str(new))
    return new


def pending_count(db: Database) -> int:
    with db.session() as s:
        return int(s.execute(select(func.count()).select_from(OutboxEntry)
                             .where(OutboxEntry.state == OutboxState.PENDING)).scalar_one())


def next_batch(db: Database, device_id: str, limits: Limits) -> PackedBatch | None:
    """The lowest-sequence PENDING entries that fit the caps, as one self-contained document."""
    with db.session() as s:
        base = _read_base(s)
        rows = s.execute(select(OutboxEntry.seq, OutboxEntry.record_id, OutboxEntry.revision,
                                OutboxEntry.record_type, OutboxEntry.payload)
                         .where(OutboxEntry.state == OutboxState.PENDING).order_by(OutboxEntry.seq)
                         .limit(limits.records)).all()
    if not rows:
        return None
    parts: list[bytes] = []
    keys: list[tuple[int, str, int]] = []
    site_seqs: set[int] = set()
    size = 200  # the envelope
    for local_seq, record_id, revision, rtype, payload in rows:
        seq = local_seq + base
        entry = json.dumps({"seq": seq, "type": rtype, "record_id": record_id, "revision": revision,
                            "record": payload}, ensure_ascii=False, separators=(",", ":")).encode()
        if parts and size + len(entry) + 1 > limits.bytes:
            break
        parts.append(entry)
        keys.append((seq, record_id, revision))
        if rtype == "site":
            site_seqs.add(seq)
        size += len(entry) + 1
    batch_id = batch_id_for(device_id, keys)
    head = json.dumps({"format": BATCH_FORMAT, "batch_id": batch_id, "device_id": device_id,
                       "created_at": utc_iso(device_now())}, separators=(",", ":"))[:-1].encode()
    doc = head + b',"entries":[' + b",".join(parts) + b"]}"
    return PackedBatch(batch_id, tuple(k[0] for k in keys), gzip.compress(doc, 6), len(doc),
                       tuple(keys), base, frozenset(site_seqs))


def send(client: HQClient, batch: PackedBatch, device_id: str) -> BatchAnswer:
    """POST the batch; HQ's answer must name exactly what was sent, result by result."""
    answer = client.call("POST", "/batches", BatchAnswer, content=batch.body, headers={
        "Content-Type": "application/json", "Content-Encoding": "gzip",
        "Idempotency-Key": batch.batch_id})
    sent = set(batch.keys)
    got = [(r.seq, r.record_id, r.revision) for r in answer.results]
    if answer.batch_id != batch.batch_id or answer.device_id != device_id:
        raise errors.server("bad answer", "HQ's answer is for another batch or device")
    if any(k not in sent for k in got) or len(set(got)) != len(got):
        wrong = next((k for k in got if k not in sent), got[0] if got else None)
        raise errors.server("bad answer", f"HQ's answer names a record that was not sent under "
                            f"that seq: {wrong}")
    return answer


def apply_answer(db: Database, answer: BatchAnswer, base: int = 0) -> tuple[int, int]:
    """Mark what HQ answered, in one local transaction. Returns (applied, refused). `base` is
    the seq_base the batch was numbered with (wire seq - base = local seq)."""
    answers = [(r.seq - base, OutboxState(r.status), r.code if r.status == "REFUSED" else None,
                r.reason if r.status == "REFUSED" else None)
               for r in answer.results if r.status in ("APPLIED", "REFUSED")]
    with db.session(write=True) as s:
        mark(s, answers, utcnow())
    applied = sum(1 for a in answers if a[1] == OutboxState.APPLIED)
    return applied, len(answers) - applied


def push_all(db: Database, client: HQClient, device_id: str, limits: Limits,
             progress: Callable[[int, int], None],
             cancelled: Callable[[], bool]) -> Iterator[tuple[BatchAnswer, PackedBatch]]:
    """Send every PENDING entry, batch by batch, yielding each answer (with the batch it
    answers) once it is recorded."""
    total = pending_count(db)
    done = 0
    conflicts = 0
    progress(done, total)
    while True:
        if cancelled():
            raise errors.cancelled()
        pacer = client.pacer  # sizes each batch by HQ's last answer time (transport.BatchPacer)
        size = Limits(pacer.size(limits.records), limits.bytes) if pacer else limits
        batch = next_batch(db, device_id, size)
        if batch is None:
            return
        try:
            answer = send(client, batch, device_id)
            if pacer is not None:
                pacer.answered(len(batch.seqs), client.last_seconds)
        except errors.SeqConflict as exc:
            conflicts += 1
            new_base = renumber_after(db, exc.highest_seq) if conflicts <= MAX_SEQ_CONFLICTS else None
            if new_base is None:
                raise errors.server("seq_conflict", f"HQ keeps refusing this laptop's numbering "
                                    f"(highest seq {exc.highest_seq}): {exc.detail}") from None
            log.warning("HQ already holds other records under seq %d-%d of this device (restored "
                        "from a copy?); waiting entries now go out after seq %d (seq_base %d)",
                        batch.seqs[0], batch.seqs[-1], exc.highest_seq, new_base)
            continue
        applied, refused = apply_answer(db, answer, batch.base)
        if applied + refused == 0:
            # HQ answered without covering anything we sent: going round again would loop.
            raise errors.server("bad answer", "HQ's answer covered none of the records sent")
        done += applied + refused
        log.info("batch %s: %d applied, %d refused by HQ (seq %d-%d, %d bytes gzip of %d)",
                 batch.batch_id[:12], applied, refused, batch.seqs[0], batch.seqs[-1],
                 len(batch.body), batch.raw_size)
        progress(done, max(total, done))
        yield answer, batch
