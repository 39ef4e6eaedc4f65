"""Sites and their points: the one writer, and the ownership rule in one place.

The rule (DESIGN.md, "ownership, not last-writer-wins"):
- a site the device owns (Owner.DEVICE) is written by the device: the site form, `site add`,
  import;
- a site HQ owns (Owner.HQ) is written only as HQ: the pull path (and an import explicitly made
  as HQ). The device proposes changes to it in daily reports, never by editing the row;
- when HQ's copy arrives for a reference the device created itself, HQ's copy takes the row
  over: the same local id (its reports keep pointing at it), HQ's content, owner HQ from then on;
- a new row is HQ's when written as HQ or when its record says so (a file exported from a
  laptop that had pulled HQ's sites: restoring it must not make them editable here); otherwise
  it is the device's;
- a site found in the field is proposed to HQ (`propose_site`): the laptop's, PROPOSED, under
  its provisional reference, and queued for HQ in the same transaction (outbox record_type
  "site", ahead of any report on it). While PROPOSED it is not changed here (HQ holds that
  copy): HQ either confirms it (its copy comes down by pull, same id: the row becomes HQ's,
  CONFIRMED, takes the national reference and keeps the provisional one) or returns it with a
  reason (`take_return`), and a returned site is corrected and proposed again (`propose_site`
  on the same row: the next proposal number).

Thread: the thread that owns the session.
"""
from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from safeland_core.records import point_fields, site_area, site_fields, site_record
from safeland_core.schemas import SiteIn
from safeland_core.store_guard import writer
from safeland_core.validation import ResolvedPoint
from safeland_core.vocab import Owner

from ..domain.errors import refuse
from ..models import OutboxEntry, Site, SitePoint, utcnow
from . import outbox

PROPOSED, CONFIRMED, RETURNED = "PROPOSED", "CONFIRMED", "RETURNED"


def may_write(row: Site | None, as_owner: Owner) -> bool:
    """The ownership rule: an HQ-owned site is written only as HQ."""
    return row is None or row.owner != Owner.HQ or as_owner == Owner.HQ


@writer
def put_site(s: Session, site_in: SiteIn, resolved: list[ResolvedPoint], as_owner: Owner,
             row: Site | None = None, *, created_at: dt.datetime | None = None,
             updated_at: dt.datetime | None = None) -> Site:
    """Create (row=None) or overwrite a site with a validated record and its resolved points.

    Refuses (Invalid, site_owned_by_hq) to write an HQ-owned row unless `as_owner` is HQ.
    `created_at` (new rows) and `updated_at` default to now. Returns the row, flushed."""
    if not may_write(row, as_owner):
        raise refuse("site_owned_by_hq", f"site {site_in.reference} is managed by HQ; report "
                     "changes to it in a daily report", ("reference",))
    if row is not None and row.proposal_state == PROPOSED and as_owner != Owner.HQ:
        raise refuse("site_proposed", f"site {row.reference} is proposed to HQ and waits for "
                     "HQ's answer; it cannot be changed until HQ confirms or returns it",
                     ("reference",))
    now = utcnow()
    if row is None:
        owner = Owner.HQ if Owner.HQ in (as_owner, site_in.owner) else Owner.DEVICE
        row = Site(id=str(site_in.id or uuid.uuid4()), owner=owner.value,
                   created_at=created_at or now,
                   # a restored copy keeps what its record says of a proposal (nothing is queued)
                   proposal_state=site_in.proposal_state, proposal_reason=site_in.proposal_reason,
                   provisional_reference=site_in.provisional_reference)
        s.add(row)
    elif as_owner == Owner.HQ:
        row.owner = Owner.HQ.value  # HQ's copy takes over a reference the device had created
    if as_owner == Owner.HQ and site_in.proposal_state == CONFIRMED:
        # HQ confirmed a site found in the field (this laptop's, or another laptop's of the
        # unit): it is HQ's now; the provisional reference it was first known by is kept.
        row.proposal_state, row.proposal_reason = CONFIRMED, None
        row.provisional_reference = site_in.provisional_reference or row.provisional_reference
    _fill(row, site_in, resolved)
    row.updated_at = updated_at or now
    return row


def next_proposal(s: Session, site_id: str) -> int:
    """The number of the site's next proposal: 1, then one more each time it is proposed."""
    last = s.scalar(select(func.max(OutboxEntry.revision)).where(
        OutboxEntry.record_type == "site", OutboxEntry.record_id == site_id))
    return int(last or 0) + 1


def proposal_waiting(s: Session, site_id: str) -> bool:
    """Whether a proposal of this site is still in the outbox, not yet answered by HQ."""
    return s.scalar(select(OutboxEntry.seq).where(
        OutboxEntry.record_type == "site", OutboxEntry.record_id == site_id,
        OutboxEntry.state == "PENDING").limit(1)) is not None


@writer
def propose_site(s: Session, site_in: SiteIn, resolved: list[ResolvedPoint],
                 row: Site | None = None) -> Site:
    """Write a site found in the field (validated by the caller, `site_in.reference` being its
    provisional reference) and queue it for HQ in the same transaction. `row` is None for a new
    site, or this laptop's RETURNED site, corrected and proposed again (next proposal number).
    Refuses (Invalid) any other row: HQ's sites, sites waiting for HQ, confirmed ones."""
    if row is not None and (row.owner != Owner.DEVICE or row.proposal_state != RETURNED):
        raise refuse("site_not_returned", f"site {row.reference} is not a site HQ returned to "
                     "this laptop; only a returned site is proposed again", ("id",))
    now = utcnow()
    if row is None:
        row = Site(id=str(site_in.id or uuid.uuid4()), owner=Owner.DEVICE.value, created_at=now)
        s.add(row)
    _fill(row, site_in, resolved)
    row.proposal_state, row.proposal_reason = PROPOSED, None
    row.provisional_reference = site_in.reference
    row.updated_at = now
    s.flush()
    outbox.enqueue(s, row.id, next_proposal(s, row.id), site_record(row), now,
                   record_type="site")
    return row


@writer
def take_return(s: Session, row: Site, reason: str | None) -> bool:
    """HQ returned this laptop's proposed site with a reason: the site stays the laptop's, to
    correct and propose again. Nothing changes (False) unless the row is PROPOSED and no newer
    proposal of it waits in the outbox (that one answers HQ's reason already)."""
    if row.owner != Owner.DEVICE or row.proposal_state != PROPOSED or proposal_waiting(s, row.id):
        return False
    row.proposal_state, row.proposal_reason = RETURNED, reason
    row.updated_at = utcnow()
    return True


def would_change(row: Site, site_in: SiteIn, resolved: list[ResolvedPoint]) -> bool:
    """Whether writing this record would change the saved site (bookkeeping times aside).
    Writes nothing: the comparison is made on a detached copy."""
    probe = Site(id=row.id, owner=row.owner, created_at=row.created_at, updated_at=row.updated_at,
                 proposal_state=row.proposal_state, proposal_reason=row.proposal_reason,
                 provisional_reference=row.provisional_reference)
    _fill(probe, site_in, resolved)
    before, after = site_record(row), site_record(probe)
    return ({k: v for k, v in before.items() if k != "updated_at"}
            != {k: v for k, v in after.items() if k != "updated_at"})


def _fill(row: Site, site_in: SiteIn, resolved: list[ResolvedPoint]) -> None:
    for key, value in site_fields(site_in).items():
        setattr(row, key, value)
    row.points = [SitePoint(**f) for f in point_fields(resolved)]
    row.area_m2 = site_area(site_in, resolved)
