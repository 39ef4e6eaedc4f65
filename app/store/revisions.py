"""Signed revisions: freezing a report on sign and on amend, with the hash chain.

`_freeze` is the one place a revision is made on this device. It keeps the chain: revision 1
has no prev_hash; revision n's prev_hash is revision n-1's hash (checked against the frozen row
in report_revisions, not only the report's copy of it). The frozen content goes into
report_revisions and, in the same transaction, into the outbox (the transactional outbox:
signed means queued for HQ). Callers validate before they call.

Thread: the thread that owns the session.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from safeland_core.records import report_record, revision_hash, signed_content
from safeland_core.store_guard import writer
from safeland_core.vocab import ReportStatus

from ..domain.errors import refuse
from ..models import Item, Report, ReportRevision, Site, utcnow
from . import outbox

# Columns that say where a report stands, not what it says: an amendment must change another.
_VOLATILE = ("status", "revision", "amend_reason", "review_reason", "signed_at", "updated_at",
             "hash", "prev_hash", "created_at", "review")


@writer
def sign_drafts(s: Session, rows: Sequence[Report], signer: Callable[[Report], str]) -> None:
    """Sign drafts: each becomes revision 1 and is queued for HQ. Refuses (already_signed) a
    report that is not a draft, before anything is frozen."""
    for n, row in enumerate(rows):
        if row.status != ReportStatus.DRAFT:
            raise refuse("already_signed", f"report {row.id} is already signed", ("reports", n))
    for row in rows:
        _freeze(s, row, signer(row), None)


@writer
def amend_report(s: Session, row: Report, values: Mapping[str, Any], site_id: str,
                 items: Sequence[Mapping[str, Any]], reason: str,
                 signer: Callable[[Report], str]) -> None:
    """Write a signed report's corrected content and freeze it as the next revision, chained
    to the previous one, with `reason` (signed by `signer(row)`, asked once the content is
    written); HQ's earlier reason to return it no longer applies.
    Refuses (not_signed) a draft and (amend_no_change) a correction that changes nothing."""
    if row.status == ReportStatus.DRAFT:
        raise refuse("not_signed", "a draft is edited directly; only signed reports are amended",
                     ("status",))
    old = report_record(row, _reference(s, row.site_id))
    for key, value in values.items():
        setattr(row, key, value)
    row.site_id = site_id
    row.items = [Item(**dict(r, report_id=row.id, site_id=site_id)) for r in items]
    s.flush()
    new = report_record(row, _reference(s, site_id))
    if {k: v for k, v in old.items() if k not in _VOLATILE} == \
            {k: v for k, v in new.items() if k not in _VOLATILE}:
        raise refuse("amend_no_change", "the amendment changes nothing", ())
    # HQ's decision was on the revision now superseded: it stays in the review log (history),
    # and the new revision waits for HQ's own.
    row.review_reason = row.review_by = row.review_at = row.review_revision = None
    _freeze(s, row, signer(row), reason)


def _reference(s: Session, site_id: str) -> str:
    return s.execute(select(Site.reference).where(Site.id == site_id)).scalar_one()


def _freeze(s: Session, row: Report, signed_by: str, reason: str | None) -> None:
    """Make the row's current content its next signed revision: hash chain, revision row,
    outbox entry. Only called by this module's writers."""
    if row.status == ReportStatus.DRAFT:
        row.revision, row.prev_hash = 1, None
    else:
        frozen = s.scalar(select(ReportRevision.hash).where(
            ReportRevision.report_id == row.id, ReportRevision.revision == row.revision))
        if frozen is not None and frozen != row.hash:
            raise RuntimeError(f"report {row.id}: revision {row.revision}'s hash differs from "
                               "its frozen copy; refusing to chain onto it")
        row.revision, row.prev_hash = row.revision + 1, row.hash
    now = utcnow()
    row.signed_at = now
    row.updated_at = now
    row.status = ReportStatus.SIGNED.value
    row.amend_reason = reason
    s.flush()
    record = report_record(row, _reference(s, row.site_id))
    row.hash = revision_hash(record, row.prev_hash)
    record["hash"] = row.hash
    s.add(ReportRevision(report_id=row.id, revision=row.revision, content=signed_content(record),
                         hash=row.hash, prev_hash=row.prev_hash, reason=reason,
                         signed_by=signed_by, signed_at=now))
    outbox.enqueue(s, row.id, row.revision, record, now)
