"""Applying a pushed batch: one transaction, exactly once.

The device's row is locked first (SELECT ... FOR UPDATE on PostgreSQL; SQLite's write lock is
taken by BEGIN IMMEDIATE), so two copies of one batch arriving together are applied one after
the other: the second finds the first's stored answer and returns it unchanged. Underneath, the
database's uniqueness constraints on (device, seq) and (record id, revision) make a duplicate
impossible even if that reasoning had a hole.

A record HQ refuses (it breaks a validation rule, its hash does not match, or its site is not
in the device's unit) is parked in `receipts` with its code and reason; the rest of the batch is
applied regardless.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from app.domain.records import revision_hash
from app.domain.validation import SiteFacts, has_errors, validate_report
from app.sync.protocol import ANSWER_FORMAT, Batch, BatchAnswer, RecordResult, utc_iso

from .db import HQDatabase
from .devices import DeviceInfo
from .models import Batch as BatchRow
from .models import Device, Receipt, Report, Site, utcnow

log = logging.getLogger("safeland.hq.push")

MAX_REASON = 2000


class PushRefused(Exception):
    """The whole batch is refused (not one record): status, code and message for the answer."""

    def __init__(self, status: int, code: str, message: str):
        self.status, self.code, self.message = status, code, message
        super().__init__(message)


@dataclass(frozen=True)
class _SiteInfo:
    operator: str
    unit: str | None


def _refusal(code: str, reason: str) -> tuple[str, str]:
    return code, reason[:MAX_REASON]


def _check_entry(entry, device: DeviceInfo, sites: dict[str, _SiteInfo | None]) -> tuple[str, str] | None:  # noqa: ANN001
    """None when the record may be applied, else (code, reason)."""
    rec: dict[str, Any] = entry.record
    if str(rec.get("id", "")) != entry.record_id:
        return _refusal("record_mismatch", "the record's id differs from the entry's record_id")
    if rec.get("revision") != entry.revision:
        return _refusal("record_mismatch", "the record's revision differs from the entry's revision")
    if rec.get("status") not in ("SIGNED", "ACCEPTED", "RETURNED"):
        return _refusal("not_signed", "only signed reports are sent to HQ")
    ref = str(rec.get("site_reference", "")).strip()
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
        expected = revision_hash(rec, rec.get("prev_hash"))
    except Exception:  # noqa: BLE001 - validated above; belt and braces
        expected = None
    if not rec.get("hash") or expected != rec.get("hash"):
        return _refusal("hash_mismatch", "the report does not match its signature hash "
                        "(changed after signing)")
    return None


def apply_batch(db: HQDatabase, device: DeviceInfo, batch: Batch) -> tuple[BatchAnswer, bool]:
    """Apply a batch (or find the answer already given). Returns (answer, repeated)."""
    if batch.device_id != device.id:
        raise PushRefused(403, "wrong_device", "this batch was made by another device")
    fingerprint = batch.fingerprint()
    with db.session(write=True) as s:
        dev = s.scalar(select(Device).where(Device.id == device.id).with_for_update())
        if dev is None or dev.revoked_at is not None:
            raise PushRefused(401, "device_revoked", "this device is not enrolled at HQ (revoked)")
        prior = s.scalar(select(BatchRow).where(BatchRow.device_id == device.id,
                                                BatchRow.batch_id == batch.batch_id))
        if prior is not None:
            if prior.fingerprint != fingerprint:
                raise PushRefused(409, "batch_id_reused",
                                  "this batch id was already used for different records")
            return BatchAnswer.model_validate(prior.answer), True
        answer = _apply(s, dev, device, batch, fingerprint)
    return answer, False


def _apply(s: Session, dev: Device, device: DeviceInfo, batch: Batch, fingerprint: str) -> BatchAnswer:
    now = utcnow()
    seqs = [e.seq for e in batch.entries]
    earlier = {r.seq: r for r in s.scalars(select(Receipt).where(
        Receipt.device_id == device.id, Receipt.seq.in_(seqs)))}
    fresh = [e for e in batch.entries if e.seq not in earlier]

    refs = {str(e.record.get("site_reference", "")).strip() for e in fresh}
    sites: dict[str, _SiteInfo | None] = dict.fromkeys(refs)
    if refs:
        for ref, operator, unit in s.execute(select(Site.reference, Site.operator, Site.unit)
                                             .where(Site.reference.in_(refs))):
            sites[ref] = _SiteInfo(operator, unit)
    keys = [(e.record_id, e.revision) for e in fresh]
    held: dict[tuple[str, int], str | None] = {}
    if keys:
        ids = sorted({k[0] for k in keys})
        for rid, rev, h in s.execute(select(Report.record_id, Report.revision, Report.hash)
                                     .where(Report.record_id.in_(ids))):
            held[(rid, rev)] = h

    results: dict[int, RecordResult] = {
        seq: RecordResult(seq=r.seq, record_id=r.record_id, revision=r.revision, status=r.status,
                          code=r.code, reason=r.reason) for seq, r in earlier.items()}
    receipts, reports = [], []
    for e in fresh:
        refusal = _check_entry(e, device, sites)
        key = (e.record_id, e.revision)
        code = None
        if refusal is None and key in held:
            if held[key] == e.record.get("hash"):
                code = "already_at_hq"  # sent before under another device id or batch: no copy
            else:
                refusal = _refusal("revision_conflict", f"HQ already holds revision {e.revision} "
                                   "of this report with different content; amend it instead")
        if refusal is None:
            status, reason = "APPLIED", None
            if code is None:
                held[key] = e.record.get("hash")
                reports.append({
                    "record_id": e.record_id, "revision": e.revision,
                    "site_reference": str(e.record.get("site_reference", "")).strip(),
                    "device_id": device.id, "seq": e.seq, "record": e.record,
                    "hash": e.record.get("hash"), "status": "SIGNED", "source": "push",
                    "received_at": now})
        else:
            status, (code, reason) = "REFUSED", refusal
        results[e.seq] = RecordResult(seq=e.seq, record_id=e.record_id, revision=e.revision,
                                      status=status, code=code, reason=reason)
        receipts.append({"device_id": device.id, "seq": e.seq, "record_id": e.record_id,
                         "revision": e.revision, "status": status, "code": code, "reason": reason,
                         "batch_id": batch.batch_id,
                         "parked_record": e.record if status == "REFUSED" else None,
                         "received_at": now})
    if reports:
        s.execute(insert(Report), reports)
    if receipts:
        s.execute(insert(Receipt), receipts)
    dev.last_seq = max(dev.last_seq or 0, max(seqs))
    answer = BatchAnswer(format=ANSWER_FORMAT, batch_id=batch.batch_id, device_id=device.id,
                         highest_seq=dev.last_seq, received_at=utc_iso(),
                         results=[results[seq] for seq in seqs])
    s.add(BatchRow(device_id=device.id, batch_id=batch.batch_id, fingerprint=fingerprint,
                   answer=answer.model_dump(mode="json"), records=len(seqs), received_at=now))
    refused = [r for r in answer.results if r.status == "REFUSED"]
    log.info("%s pushed batch %s (seq %d-%d): %d applied, %d refused, %d already answered",
             device.label, batch.batch_id[:12], seqs[0], seqs[-1],
             len(fresh) - sum(1 for r in refused if r.seq not in earlier),
             sum(1 for r in refused if r.seq not in earlier), len(earlier))
    for r in [r for r in refused if r.seq not in earlier][:20]:  # the rest are in receipts
        log.info("%s: report %s revision %d refused (%s): %s", device.label, r.record_id,
                 r.revision, r.code, r.reason)
    return answer
