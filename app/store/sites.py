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
  it is the device's.

Thread: the thread that owns the session.
"""
from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy.orm import Session

from safeland_core.records import point_fields, site_area, site_fields, site_record
from safeland_core.schemas import SiteIn
from safeland_core.store_guard import writer
from safeland_core.validation import ResolvedPoint
from safeland_core.vocab import Owner

from ..domain.errors import refuse
from ..models import Site, SitePoint, utcnow


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
    now = utcnow()
    if row is None:
        owner = Owner.HQ if Owner.HQ in (as_owner, site_in.owner) else Owner.DEVICE
        row = Site(id=str(site_in.id or uuid.uuid4()), owner=owner.value,
                   created_at=created_at or now)
        s.add(row)
    elif as_owner == Owner.HQ:
        row.owner = Owner.HQ.value  # HQ's copy takes over a reference the device had created
    _fill(row, site_in, resolved)
    row.updated_at = updated_at or now
    return row


def would_change(row: Site, site_in: SiteIn, resolved: list[ResolvedPoint]) -> bool:
    """Whether writing this record would change the saved site (bookkeeping times aside).
    Writes nothing: the comparison is made on a detached copy."""
    probe = Site(id=row.id, owner=row.owner, created_at=row.created_at, updated_at=row.updated_at)
    _fill(probe, site_in, resolved)
    before, after = site_record(row), site_record(probe)
    return ({k: v for k, v in before.items() if k != "updated_at"}
            != {k: v for k, v in after.items() if k != "updated_at"})


def _fill(row: Site, site_in: SiteIn, resolved: list[ResolvedPoint]) -> None:
    for key, value in site_fields(site_in).items():
        setattr(row, key, value)
    row.points = [SitePoint(**f) for f in point_fields(resolved)]
    row.area_m2 = site_area(site_in, resolved)
