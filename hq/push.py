"""Applying a pushed batch: one transaction, exactly once.

The device's row is locked first (SELECT ... FOR UPDATE on PostgreSQL; SQLite's write lock is
taken by BEGIN IMMEDIATE), so two copies of one batch arriving together are applied one after
the other: the second finds the first's stored answer and returns it unchanged. Underneath, the
database's uniqueness constraints on (device, seq) and (record id, revision) make a duplicate
impossible even if that reasoning had a hole.

A record HQ refuses (it breaks a validation rule, its hash does not match, or its site is not
in the device's unit) is parked in `receipts` with its code and reason; the rest of the batch is
applied regardless.

Entries of type "site" (sites found in the field, proposed) are checked and written by
hq/proposals.py, before the batch's reports, and answered in the same receipts; a report is
filed on the site its `site_id` names, else its `site_reference` (proposals.filing_sites).

On PostgreSQL a batch takes three round trips and no statement goes through SQLAlchemy: its
reads (the device's lock, earlier and parked receipts, held revisions, filing sites) are sent
together in psycopg's pipeline mode on the session's connection, then its writes the same way
(store.add_pushed_batch), then the commit. The statements are those the generic path (SQLite)
sends, in the same order and the same transaction.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from sqlalchemy import BigInteger, ColumnElement, Row, String, and_, any_, bindparam, or_, select, update
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import InstrumentedAttribute, Session

from safeland_core.protocol import (
    ANSWER_FORMAT,
    Batch,
    BatchAnswer,
    BatchEntry,
    RecordResult,
    RecordStatus,
    record_problem,
    safe_text,
    utc_iso,
)
from safeland_core.records import revision_hash
from safeland_core.validation import SiteFacts, has_errors, validate_report

from . import proposals, store
from .db import HQDatabase, driver_connection, sqlalchemy_errors
from .devices import DeviceInfo, sha256
from .models import Batch as BatchRow
from .models import Device, Receipt, Report, utcnow

log = logging.getLogger("safeland.hq.push")

MAX_REASON = 2000
# The PostgreSQL path above; off, PostgreSQL takes the generic path (SQLAlchemy statements one at
# a time, COPY for the rows), as tests/hq/test_push_write_path.py does to compare the two.
PIPELINED_POSTGRESQL = True


class PushRefused(Exception):
    """The whole batch is refused (not one record): status, code and message for the answer,
    and `extra` fields for the error body (seq_conflict carries `highest_seq`)."""

    def __init__(self, status: int, code: str, message: str, extra: dict[str, Any] | None = None):
        self.status, self.code, self.message = status, code, message
        self.extra = extra or {}
        super().__init__(message)


SEQ_CONFLICT_STATUS = 422  # not 409: clients retry 409, and re-sending cannot help here


@dataclass(frozen=True)
class _SiteInfo:
    operator: str
    unit: str | None


def _refusal(code: str, reason: str) -> tuple[str, str]:
    return code, safe_text(reason, MAX_REASON)  # a reason quoting the record stays storable


def _check_entry(entry: BatchEntry, device: DeviceInfo, sites: dict[str, _SiteInfo | None],
                 problem: tuple[str, str] | None, filed: str | None = None
                 ) -> tuple[str, str] | None:
    """None when the record may be applied, else (code, reason). `problem` is
    record_problem(entry.record), computed once per entry by the caller. `filed`: the reference
    of the HQ site the report is filed on (proposals.filing_sites), when HQ knows it."""
    rec: dict[str, Any] = entry.record
    if problem is not None:  # NUL, lone surrogate, over a column's width
        return _refusal(*problem)
    if str(rec.get("id", "")) != entry.record_id:
        return _refusal("record_mismatch", "the record's id differs from the entry's record_id")
    if rec.get("revision") != entry.revision:
        return _refusal("record_mismatch", "the record's revision differs from the entry's revision")
    if rec.get("status") not in ("SIGNED", "ACCEPTED", "RETURNED"):
        return _refusal("not_signed", "only signed reports are sent to HQ")
    ref = filed or str(rec.get("site_reference", "")).strip()
    site = sites.get(ref)
    # Area totals are HQ's review, not a reason to refuse: no SiteFacts area, so no warning.
    report, issues = validate_report(rec, SiteFacts(None) if site else None)
    if has_errors(issues):
        errors = [i for i in issues if i.severity == "error"]
        return _refusal(errors[0].code, "; ".join(str(i) for i in errors))
    if site is not None and (site.operator != device.operator or site.unit != device.unit):
        return _refusal("site_not_in_unit",
                        f"site {ref} belongs to {site.operator}/{site.unit or '-'}, "
                        f"not to this device's unit {device.operator}/{device.unit}")
    try:
        # The record as validate_report parsed it: one pydantic pass per record, not two.
        expected = revision_hash(rec, rec.get("prev_hash"), report)
    except Exception:  # noqa: BLE001 - validated above; belt and braces
        expected = None
    if not rec.get("hash") or expected != rec.get("hash"):
        return _refusal("hash_mismatch", "the report does not match its signature hash "
                        "(changed after signing)")
    return None


def apply_batch(db: HQDatabase, device: DeviceInfo, batch: Batch) -> tuple[BatchAnswer, bool]:
    """Apply a batch of a device already known (or find the answer already given). Returns
    (answer, repeated)."""
    if batch.device_id != device.id:
        raise PushRefused(403, "wrong_device", "this batch was made by another device")
    answer, repeated, _device = _apply_locked(db, batch, device=device)
    return answer, repeated


def apply_pushed(db: HQDatabase, token: str, batch: Batch) -> tuple[BatchAnswer, bool, DeviceInfo]:
    """The API's door: apply a batch pushed with this device token. The device is found by its
    token in the batch's own transaction, by the statement that locks its row (on PostgreSQL in
    the batch's first round trip), so a push costs no session, pool check-out or round trip
    of its own for the token, and a device revoked before that statement is refused at once,
    as devices.authenticate would (TokenInvalid). Returns (answer, repeated, the device)."""
    return _apply_locked(db, batch, token_hash=sha256(token))


TOKEN_INVALID = ("token_invalid", "This device's token is not valid at HQ (unknown or revoked): "
                 "ask HQ to enrol the device again.")


class TokenInvalid(PushRefused):
    """The push's token is unknown or revoked: the answer the API gives any request with such a
    token (401 token_invalid, WWW-Authenticate: Bearer)."""

    def __init__(self) -> None:
        super().__init__(401, *TOKEN_INVALID)


def _apply_locked(db: HQDatabase, batch: Batch, device: DeviceInfo | None = None,
                  token_hash: str | None = None) -> tuple[BatchAnswer, bool, DeviceInfo]:
    """apply_batch's and apply_pushed's one transaction: the device's row locked first (by
    `device`'s id, or by `token_hash`), then the batch."""
    fingerprint = batch.fingerprint()
    with db.session(write=True) as s:
        reads = _read_postgresql(s, batch, device, token_hash) \
            if PIPELINED_POSTGRESQL and not db.is_sqlite else None
        # The device's row locked, and the answer already given to this batch id, in one
        # round trip (FOR UPDATE OF devices: the batch row is only read).
        found = reads.found if reads is not None else s.connection().execute(
            select(Device.id, Device.name, Device.operator, Device.unit, Device.enrolled_at,
                   Device.revoked_at, Device.last_seq, BatchRow.fingerprint, BatchRow.answer)
            .select_from(Device)
            .outerjoin(BatchRow, and_(BatchRow.device_id == Device.id,
                                      BatchRow.batch_id == batch.batch_id))
            .where(Device.id == device.id if device is not None
                   else Device.token_hash == token_hash)
            .with_for_update(of=Device.__table__)).first()
        if device is None:  # found by its token: devices.authenticate's rule, then the batch's
            if found is None or found.revoked_at is not None:
                raise TokenInvalid()
            device = DeviceInfo(found.id, found.name, found.operator, found.unit,
                                found.enrolled_at is not None, False)
            if batch.device_id != device.id:
                raise PushRefused(403, "wrong_device", "this batch was made by another device")
        if found is None or found.revoked_at is not None:
            raise PushRefused(401, "device_revoked", "this device is not enrolled at HQ (revoked)")
        if found.fingerprint is not None and found.fingerprint == fingerprint:
            return BatchAnswer.model_validate(found.answer), True, device
        # A reused batch id with other content is most likely a copied laptop numbering the same
        # (seq, record, revision) with other content: _apply answers seq_conflict for that.
        answer = _apply(s, found.last_seq or 0, device, batch, fingerprint,
                        reused=found.fingerprint is not None, reads=reads)
    return answer, False, device


@dataclass
class _Reads:
    """A batch's reads on PostgreSQL, sent together (_read_postgresql): the locked device row
    with this batch id's earlier answer (`found`), _receipts' two sets, the held revisions of the
    batch's records (_held), each entry's record_problem by seq, and filing_sites' rows (None
    when the batch has site entries: those are written first, so its reports may name them)."""

    found: Any
    earlier: dict[int, Any]
    refused: list[Any]
    held: list[Any]
    problems: dict[int, tuple[str, str] | None]
    site_rows: list[Any] | None


# The device's row locked by its id (apply_batch) or by its token (apply_pushed), with the
# columns devices.authenticate reads and this batch id's earlier answer.
_LOCK_SQL = ("SELECT d.id, d.name, d.operator, d.unit, d.enrolled_at, d.revoked_at, d.last_seq, "
             "b.fingerprint, b.answer FROM devices d "
             "LEFT OUTER JOIN batches b ON b.device_id = d.id AND b.batch_id = %s "
             "WHERE d.{key} = %s FOR UPDATE OF d")
_LOCK_BY_ID_SQL = _LOCK_SQL.format(key="id")
_LOCK_BY_TOKEN_SQL = _LOCK_SQL.format(key="token_hash")
_RECEIPTS_SQL = ("SELECT device_id, seq, record_id, revision, status, code, reason, parked_record "
                 "FROM receipts WHERE (device_id = %s AND seq = ANY(%s::bigint[])) "
                 "OR (record_id = ANY(%s::varchar[]) AND status = 'REFUSED') ORDER BY id")
_HELD_SQL = ("SELECT record_id, revision, hash, device_id FROM reports "
             "WHERE record_id = ANY(%s::varchar[])")


def _read_postgresql(s: Session, batch: Batch, device: DeviceInfo | None,
                     token_hash: str | None) -> _Reads:
    """The batch's reads in one round trip, the lock first: the server runs them in order, so
    the reads after it see what the transaction that held the lock before committed (each
    statement takes its own snapshot under READ COMMITTED), as when they are sent one by one.
    The lock finds the device by `device`'s id or by `token_hash`; the receipts are read for
    the device the batch names (when the token's device is another, the batch is refused
    before they are looked at)."""
    from psycopg.rows import namedtuple_row

    seqs = [e.seq for e in batch.entries]
    ids = sorted({e.record_id for e in batch.entries})
    # Only records that can be looked at safely reach a query (record_problem None).
    problems = {e.seq: record_problem(e.record) for e in batch.entries}
    with_sites = any(e.type == "site" for e in batch.entries)
    filing = [e for e in batch.entries if e.type == "report" and problems[e.seq] is None]
    conn = driver_connection(s)
    with sqlalchemy_errors("push batch reads"), \
            conn.cursor(row_factory=namedtuple_row) as lock, \
            conn.cursor(row_factory=namedtuple_row) as receipts, \
            conn.cursor() as held, conn.cursor() as sites:
        with conn.pipeline():
            lock.execute(_LOCK_BY_ID_SQL if device is not None else _LOCK_BY_TOKEN_SQL,
                         (batch.batch_id, device.id if device is not None else token_hash))
            receipts.execute(_RECEIPTS_SQL, (batch.device_id, seqs, ids))
            held.execute(_HELD_SQL, (ids,))
            if not with_sites:
                sites.execute(proposals.FILING_SQL, proposals.filing_params(filing))
        found = lock.fetchone()
        earlier, refused = _sort_receipts(receipts.fetchall(), batch.device_id, seqs, ids)
        return _Reads(found, earlier, refused, held.fetchall(), problems,
                      None if with_sites else sites.fetchall())


@dataclass
class _History:
    """What HQ knows of the records in a batch: held revisions (hash, device), parked (refused)
    revisions (hash as sent), and the device that first sent each record."""

    held: dict[tuple[str, int], tuple[str | None, str | None]]
    parked: dict[tuple[str, int], dict[str, str | None]]  # hash as sent -> its prev_hash
    owner: dict[str, str | None]

    def park(self, rid: str, rev: int, record: dict) -> None:
        """Remember a refused revision as a link later revisions may chain onto, if its hash is
        its content's (a record refused for its content or its site still links honestly; the
        walk in chain_ok checks its own prev_hash in turn)."""
        if str(record.get("id", "")) != rid or record.get("revision") != rev:
            return
        try:
            if revision_hash(record, record.get("prev_hash")) != record.get("hash"):
                return
        except Exception:  # noqa: BLE001 - a record too broken to hash is no link
            return
        self.parked.setdefault((rid, rev), {})[str(record.get("hash"))] = record.get("prev_hash")

    def chain_ok(self, rid: str, rev: int, prev_hash: str | None) -> bool:
        """Whether `prev_hash` is HQ's hash of revision `rev`, or the hash of a parked revision
        `rev` that itself chains back to a held revision or to revision 1."""
        while rev >= 1:
            if (rid, rev) in self.held:
                return self.held[(rid, rev)][0] == prev_hash
            links = self.parked.get((rid, rev), {})
            if prev_hash is None or str(prev_hash) not in links:
                return False
            prev_hash = links[str(prev_hash)]
            rev -= 1
        return prev_hash is None


def _among(s: Session, column: InstrumentedAttribute, values: list) -> ColumnElement[bool]:
    """`column IN values`; on PostgreSQL `column = ANY(array)`, one parameter instead of 500
    (psycopg rewrites a query of 500 placeholders at every batch, a tenth of a batch's time)."""
    if s.get_bind().dialect.name != "postgresql":
        return column.in_(values)
    kind = BigInteger() if values and isinstance(values[0], int) else String()
    return column == any_(bindparam(None, list(values), type_=ARRAY(kind)))


def _receipts(s: Session, device_id: str, seqs: list[int], ids: list[str]
              ) -> tuple[dict[int, Row], list[Row]]:
    """One query for the two sets of receipts a batch needs: this device's earlier answers
    under the batch's seqs (by seq), and the refused (parked) revisions of the batch's records,
    whichever device sent them (in the order they were received)."""
    return _sort_receipts(s.connection().execute(
        select(Receipt.device_id, Receipt.seq, Receipt.record_id, Receipt.revision,
               Receipt.status, Receipt.code, Receipt.reason, Receipt.parked_record)
        .where(or_(and_(Receipt.device_id == device_id, _among(s, Receipt.seq, seqs)),
                   and_(_among(s, Receipt.record_id, ids), Receipt.status == "REFUSED")))
        .order_by(Receipt.id)), device_id, seqs, ids)


def _sort_receipts(rows: Any, device_id: str, seqs: list[int], ids: list[str]
                   ) -> tuple[dict[int, Any], list[Any]]:
    earlier: dict[int, Any] = {}
    refused: list[Any] = []
    wanted_seqs, wanted_ids = set(seqs), set(ids)
    for r in rows:
        if r.device_id == device_id and r.seq in wanted_seqs:
            earlier[r.seq] = r
        if r.status == "REFUSED" and r.record_id in wanted_ids:
            refused.append(r)
    return earlier, refused


def _held(s: Session, ids: list[str]) -> list[Any]:
    """(record id, revision, hash, device) of each revision HQ holds of these records."""
    return list(s.connection().execute(
        select(Report.record_id, Report.revision, Report.hash, Report.device_id)
        .where(_among(s, Report.record_id, ids))))


def _history(held: list[Any], refused: list[Any]) -> _History:
    """What HQ holds of these records (`held`: _held), and what it parked of them (`refused`:
    _receipts)."""
    hist = _History({}, {}, {})
    first: dict[str, tuple[int, str | None]] = {}
    parked_first: dict[str, tuple[int, str | None]] = {}
    for rid, rev, h, dev_id in held:
        hist.held[(rid, rev)] = (h, dev_id)
        if rid not in first or rev < first[rid][0]:
            first[rid] = (rev, dev_id)
    for r in refused:
        rid, rev, dev_id = r.record_id, r.revision, r.device_id
        hist.park(rid, rev, r.parked_record or {})
        if rid not in parked_first or rev < parked_first[rid][0]:
            parked_first[rid] = (rev, dev_id)
    # The owner is the device of the first revision HQ holds; only a report HQ holds nothing of
    # takes its owner from the first refused (parked) revision.
    hist.owner = {rid: dev_id for rid, (_rev, dev_id) in {**parked_first, **first}.items()}
    return hist


def _owner_ok(s: Session, owner: str | None, device: DeviceInfo,
              revoked_cache: dict[str, bool]) -> bool:
    """A device may send revisions of reports it first sent. HQ's own imported copies (no
    device) may be amended by any device of the site's unit; a report whose first device has
    been revoked passes to a device of the same operator and unit (the same laptop enrolled
    again gets a new device id)."""
    if owner is None or owner == device.id:
        return True
    if owner not in revoked_cache:
        row = s.get(Device, owner)
        revoked_cache[owner] = bool(row is not None and row.revoked_at is not None
                                    and row.operator == device.operator and row.unit == device.unit)
    return revoked_cache[owner]


def _chain_refusal(e: BatchEntry, hist: _History) -> tuple[str, str] | None:
    """Revision n must chain onto HQ's revision n-1: its prev_hash is the hash HQ holds for
    n-1, or, when HQ refused n-1 (parked), the hash n-1 carried then (and n-1 chains back the
    same way)."""
    prev = e.record.get("prev_hash")
    if e.revision == 1:
        if prev:
            return _refusal("chain_broken", "revision 1 of a report cannot follow another revision")
        return None
    if hist.chain_ok(e.record_id, e.revision - 1, prev):
        return None
    if (e.record_id, e.revision - 1) in hist.held:
        return _refusal("chain_broken", f"revision {e.revision} does not follow the revision "
                        f"{e.revision - 1} HQ holds (its prev_hash differs): it was amended from "
                        "another copy of the report")
    return _refusal("chain_broken", f"HQ has not received revision {e.revision - 1} of this "
                    f"report, so revision {e.revision} cannot be checked against it; send "
                    f"revision {e.revision - 1} first")


def _seq_conflicts(batch: Batch, earlier: dict[int, Row], hist: _History) -> list[int]:
    """Seqs this device already used for another record (or other content): a laptop restored
    from a copy, or two laptops sharing one enrollment, numbering from the same point."""
    bad = []
    for e in batch.entries:
        r = earlier.get(e.seq)
        if r is None:
            continue
        if (r.record_id, r.revision) != (e.record_id, e.revision):
            bad.append(e.seq)
            continue
        h = e.record.get("hash")
        if r.status == "APPLIED":
            held = hist.held.get((r.record_id, r.revision))
            if held is not None and held[0] != h:
                bad.append(e.seq)
        elif r.parked_record is not None and r.parked_record.get("hash") != h:
            bad.append(e.seq)
    return bad


def _apply(s: Session, last_seq: int, device: DeviceInfo, batch: Batch, fingerprint: str,
           reused: bool = False, reads: _Reads | None = None) -> BatchAnswer:
    """Apply the batch in the caller's transaction, the device's row locked; `last_seq` is
    the device's highest seq answered so far. `reads`: the batch's reads, already made
    (PostgreSQL); None makes them here, one statement at a time."""
    now = utcnow()
    seqs = [e.seq for e in batch.entries]
    ids = sorted({e.record_id for e in batch.entries})
    if reads is None:
        earlier, refused = _receipts(s, device.id, seqs, ids)
        hist = _history(_held(s, ids), refused)
    else:
        earlier, refused = reads.earlier, reads.refused
        hist = _history(reads.held, refused)
    conflicts = _seq_conflicts(batch, earlier, hist)
    if conflicts:
        highest = max(last_seq, max(earlier))
        log.warning("%s: batch %s reuses seq %s for other records (a copied laptop?); "
                    "HQ's highest seq for this device is %d", device.label, batch.batch_id[:12],
                    ", ".join(map(str, conflicts[:10])), highest)
        raise PushRefused(SEQ_CONFLICT_STATUS, "seq_conflict",
                          f"HQ already has other records under seq {conflicts[0]} of this device "
                          f"(restored from a copy?); number the waiting records after {highest} "
                          "and send them again", {"highest_seq": highest, "seqs": conflicts[:100]})
    if reused:
        raise PushRefused(409, "batch_id_reused",
                          "this batch id was already used for different records")
    fresh = [e for e in batch.entries if e.seq not in earlier]
    # Sites found in the field first (hq/proposals.py), so a report may name one of this batch.
    site_answers = proposals.apply_site_entries(s, device, [e for e in fresh if e.type == "site"],
                                                now)
    # Only records that can be looked at safely reach a query (_check_entry parks the others).
    # record_problem walks the whole record: once per entry.
    problems = reads.problems if reads is not None else \
        {e.seq: record_problem(e.record) for e in fresh}
    # The site each report is filed on, and whose that site is: one query (after the batch's
    # own site entries are written, so a report may name one of them).
    filing = [e for e in fresh if e.type == "report" and problems[e.seq] is None]
    if reads is not None and reads.site_rows is not None:
        filed, owners = proposals.filing_from_rows(filing, reads.site_rows)
    else:
        filed, owners = proposals.filing_sites(s, filing)
    sites: dict[str, _SiteInfo | None] = {
        ref: _SiteInfo(*owners[ref]) if ref in owners else None
        for ref in {filed.get(e.seq) or str(e.record.get("site_reference", "")).strip()
                    for e in fresh if problems[e.seq] is None}}
    held: dict[tuple[str, int], str | None] = {k: v[0] for k, v in hist.held.items()}
    revoked_cache: dict[str, bool] = {}

    results: dict[int, RecordResult] = {
        seq: RecordResult(seq=r.seq, record_id=r.record_id, revision=r.revision, status=r.status,
                          code=r.code, reason=r.reason) for seq, r in earlier.items()}
    receipts, reports = [], []
    for e in fresh:
        if e.seq in site_answers:
            site_answer = site_answers[e.seq]
            results[e.seq] = RecordResult(seq=e.seq, record_id=e.record_id, revision=e.revision,
                                          status="APPLIED" if site_answer.status == "APPLIED"
                                          else "REFUSED", code=site_answer.code,
                                          reason=site_answer.reason)
            receipts.append({"device_id": device.id, "seq": e.seq, "record_id": e.record_id,
                             "revision": e.revision, "status": results[e.seq].status,
                             "code": site_answer.code, "reason": site_answer.reason,
                             "batch_id": batch.batch_id,  # same key order: one COPY for all
                             "parked_record": e.record if site_answer.status != "APPLIED" else None,
                             "received_at": now})
            continue
        refusal = _check_entry(e, device, sites, problems[e.seq], filed.get(e.seq))
        key = (e.record_id, e.revision)
        code = None
        status: RecordStatus
        if refusal is None and key in held:
            if held[key] == e.record.get("hash"):
                code = "already_at_hq"  # sent before under another device id or batch: no copy
            else:
                refusal = _refusal("revision_conflict", f"HQ already holds revision {e.revision} "
                                   "of this report with different content; amend it instead")
        elif refusal is None:
            owner = hist.owner.get(e.record_id)
            if e.record_id in hist.owner and not _owner_ok(s, owner, device, revoked_cache):
                refusal = _refusal("not_owner", "this report was first sent by another device; "
                                   "only that device may send its revisions")
            else:
                refusal = _chain_refusal(e, hist)
        hist.owner.setdefault(e.record_id, device.id)  # later entries of this batch follow it
        if refusal is None:
            status, reason = "APPLIED", None
            if code is None:
                held[key] = e.record.get("hash")
                hist.held[key] = (e.record.get("hash"), device.id)
                reports.append({
                    "record_id": e.record_id, "revision": e.revision,
                    "site_reference": filed.get(e.seq)
                    or str(e.record.get("site_reference", "")).strip(),
                    "device_id": device.id, "seq": e.seq, "record": e.record,
                    "hash": e.record.get("hash"), "status": "RECEIVED", "source": "push",
                    "received_at": now})
        else:
            status, (code, reason) = "REFUSED", refusal
            hist.park(e.record_id, e.revision, e.record)
        results[e.seq] = RecordResult(seq=e.seq, record_id=e.record_id, revision=e.revision,
                                      status=status, code=code, reason=reason)
        receipts.append({"device_id": device.id, "seq": e.seq, "record_id": e.record_id,
                         "revision": e.revision, "status": status, "code": code, "reason": reason,
                         "batch_id": batch.batch_id,
                         "parked_record": e.record if status == "REFUSED" else None,
                         "received_at": now})
    highest_seq = max(last_seq, max(seqs))
    if reads is not None:  # PostgreSQL: every write in one round trip
        answer = BatchAnswer(format=ANSWER_FORMAT, batch_id=batch.batch_id, device_id=device.id,
                             highest_seq=highest_seq, received_at=utc_iso(),
                             results=[results[seq] for seq in seqs])
        store.add_pushed_batch(s, reports, receipts, device.id, batch.batch_id, fingerprint,
                               answer.model_dump(mode="json"), len(seqs), now, highest_seq)
    else:
        store.add_report_revisions(s, reports)
        store.add_receipts(s, receipts)
        s.connection().execute(update(Device).where(Device.id == device.id)
                               .values(last_seq=highest_seq))
        answer = BatchAnswer(format=ANSWER_FORMAT, batch_id=batch.batch_id, device_id=device.id,
                             highest_seq=highest_seq, received_at=utc_iso(),
                             results=[results[seq] for seq in seqs])
        store.add_batch(s, device.id, batch.batch_id, fingerprint,
                        answer.model_dump(mode="json"), len(seqs), now)
    refused_results = [r for r in answer.results if r.status == "REFUSED"]
    log.info("%s pushed batch %s (seq %d-%d): %d applied, %d refused, %d already answered",
             device.label, batch.batch_id[:12], seqs[0], seqs[-1],
             len(fresh) - sum(1 for r in refused_results if r.seq not in earlier),
             sum(1 for r in refused_results if r.seq not in earlier), len(earlier))
    for r in [r for r in refused_results if r.seq not in earlier][:20]:  # the rest are in receipts
        log.info("%s: report %s revision %d refused (%s): %s", device.label, r.record_id,
                 r.revision, r.code, r.reason)
    return answer
