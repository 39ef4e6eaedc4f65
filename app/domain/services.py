"""The field app's write services: validate, then write through the store (app/store).

Each function is one transaction: it validates with the rules of `validation.py`, writes
through the store's writers (which keep each table's own rules: ownership, frozen signed
reports, the hash chain, the outbox), and returns a `Changes` value saying what changed. Bad
input raises `Invalid` (errors) or `NeedsConfirmation` (warnings not yet accepted) before
anything is written. Any thread may call these, one at a time per database (the app runs them
on its one write worker).
"""
from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, selectinload

from safeland_core.records import item_rows, report_fields, report_record
from safeland_core.validation import (
    WARNING,
    Issue,
    SiteFacts,
    SiteShape,
    has_errors,
    site_shape,
    validate_report,
    validate_site,
)
from safeland_core.vocab import Owner, ReportStatus

from ..db import Database
from ..models import Autosave, DeviceProfile, Report, Site, utcnow
from ..store import driver, revisions
from ..store import reports as report_store
from ..store import sites as site_store
from .errors import Invalid, NeedsConfirmation, ServiceError
from .errors import refuse as _refuse
from .rows import Changes
from .warnings import already_asked, report_warnings

__all__ = ["Changes", "Invalid", "Issue", "NeedsConfirmation", "ServiceError"]


def _check(issues: list[Issue], accept_warnings: bool) -> list[Issue]:
    if has_errors(issues):
        raise Invalid(issues)
    warnings = [i for i in issues if i.severity == WARNING]
    if warnings and not accept_warnings:
        raise NeedsConfirmation(warnings)
    return warnings


# --- facts the rules need --------------------------------------------------------------------

# Plain SQL on the session's sqlite3 connection (app/store/driver.py): through SQLAlchemy's
# statement execution each of a save's few selects cost more than SQLite's work (issue 14).
_SITE_RELEASED = ("SELECT sites.id, sites.area_m2, site_totals.cleared_m2 + site_totals.reduced_m2"
                  " + site_totals.cancelled_m2 FROM sites LEFT OUTER JOIN site_totals"
                  " ON site_totals.site_id = sites.id WHERE sites.reference = ?")
_RELEASED_BY = ("SELECT coalesce(sum(reports.area_cleared_m2 + reports.area_reduced_m2"
                " + reports.area_cancelled_m2), 0.0) FROM reports"
                " WHERE reports.site_id = ? AND reports.id IN ({})")
_SITE_ID = "SELECT sites.id FROM sites WHERE sites.reference = ?"


def site_facts(s: Session, reference: str, exclude_ids: Iterable[str] = ()) -> SiteFacts | None:
    """The site's area and the land released by its reports other than `exclude_ids` (the
    ones being saved): the site's kept total (site_totals, kept by triggers) less theirs,
    so a save reads a row or two, not every report of the site."""
    found = _site_and_facts(s, reference, exclude_ids)
    return found[1] if found is not None else None


def _site_and_facts(s: Session, reference: str,
                    exclude_ids: Iterable[str] = ()) -> tuple[str, SiteFacts] | None:
    """(the site's id, site_facts) of the site `reference`, None for no such site."""
    raw = driver.connection(s)
    site = driver.execute(raw, _SITE_RELEASED, (reference,)).fetchone()
    if site is None:
        return None
    site_id, area, total = site
    total = float(total or 0.0)
    exclude = [str(i) for i in exclude_ids]
    for i in range(0, len(exclude), 500):  # chunks keep under SQLite's bound-variable limit
        chunk = exclude[i:i + 500]
        sql = _RELEASED_BY.format(", ".join("?" * len(chunk)))
        total -= float(driver.execute(raw, sql, (site_id, *chunk)).fetchone()[0])
    return site_id, SiteFacts(area, total)


def _site_id(s: Session, reference: str) -> str:
    """The id of the site a validated report names (validation refuses an unknown reference)."""
    row = driver.execute(driver.connection(s), _SITE_ID, (reference,)).fetchone()
    if row is None:
        raise _refuse("site_unknown", f"no site {reference!r} in the database", ("site_reference",))
    return row[0]


def _site_reference(s: Session, site_id: str) -> str:
    """The reference of a report's site (every report has one: site_id is a foreign key)."""
    return s.execute(select(Site.reference).where(Site.id == site_id)).scalar_one()


def site_shapes(s: Session) -> list[SiteShape]:
    """Every saved site's reference and perimeter, for the rules among sites (overlaps, similar
    references: validation.check_among_sites)."""
    rows = s.scalars(select(Site).options(selectinload(Site.points)))
    return [site_shape(r.reference, [(p.type, p.seq, p.lat, p.lon)
                                     for p in sorted(r.points, key=lambda p: p.position)])
            for r in rows]


# --- device profile --------------------------------------------------------------------------

def save_profile(db: Database, operator: str, unit: str | None, team: str | None,
                 team_leader: str | None, language: str = "en") -> Changes:
    operator = (operator or "").strip()
    if not operator:
        raise _refuse("required", "is required", ("operator",))
    with db.session(write=True) as s:
        prof = s.get(DeviceProfile, 1) or DeviceProfile(id=1)
        prof.operator, prof.unit = operator, (unit or "").strip() or None
        prof.team, prof.team_leader = (team or "").strip() or None, (team_leader or "").strip() or None
        prof.language = language
        s.add(prof)
    return Changes(profile=True)


def set_language(db: Database, language: str) -> Changes:
    with db.session(write=True) as s:
        prof = s.get(DeviceProfile, 1)
        if prof is not None:
            prof.language = language
    return Changes(profile=True)


# --- sites -----------------------------------------------------------------------------------

def save_site(db: Database, data: Mapping[str, Any], owner: Owner = Owner.DEVICE,
              accept_warnings: bool = True) -> tuple[str, Changes]:
    """Create or update a site the device owns (or, with owner=HQ, one pulled from HQ).
    Checked against the saved sites too (similar references: error; overlaps: warning, raised
    as NeedsConfirmation when `accept_warnings` is False). The store refuses (site_owned_by_hq)
    to change HQ's site as the device."""
    with db.session(write=True) as s:
        site_in, resolved, issues = validate_site(data, other_sites=lambda: site_shapes(s))
        _check(issues, accept_warnings)
        assert site_in is not None
        row = s.scalar(select(Site).where(Site.reference == site_in.reference)
                       .options(selectinload(Site.points)))
        site_id = site_store.put_site(s, site_in, resolved, owner, row).id
    return site_id, Changes(sites=True)


# --- drafts ----------------------------------------------------------------------------------

def save_draft(db: Database, data: Mapping[str, Any], accept_warnings: bool = False) -> tuple[str, Changes]:
    """Create a draft, or update one (when `data["id"]` names an existing draft).

    Returns the report id. A signed report cannot be saved here: amend it.
    """
    with db.session(write=True) as s:
        rid = _save_draft_in_session(s, data, accept_warnings)
    return rid, Changes(reports=True, report_ids=(rid,))


def save_and_sign(db: Database, data: Mapping[str, Any],
                  accept_warnings: bool = False) -> tuple[str, Changes]:
    """Save the form's report and sign it in one transaction: either both or neither, so a
    failed signature never leaves a second copy behind."""
    with db.session(write=True) as s:
        rid = _save_draft_in_session(s, data, accept_warnings)
        changes = sign_in_session(s, [rid])
    return rid, changes


def _save_draft_in_session(s: Session, data: Mapping[str, Any], accept_warnings: bool) -> str:
    data = dict(data)
    data["status"] = ReportStatus.DRAFT.value
    rid = _canonical_id(data.get("id"))
    reference = str(data.get("site_reference", "")).strip()
    found = _site_and_facts(s, reference, [rid] if rid else [])
    report_in, issues = validate_report(data, found[1] if found is not None else None)
    if report_in is not None and not has_errors(issues):  # a duplicate, a day no team achieves
        issues = [i for i in issues if not already_asked(s, report_in, rid, i)]
        issues += report_warnings(s, report_in, rid)
    _check(issues, accept_warnings)
    assert report_in is not None
    # The site read for the facts, when the report names it as it was looked up (same
    # transaction, so the same row); otherwise looked up again by the validated reference.
    site_id = (found[0] if found is not None and report_in.site_reference == reference
               else _site_id(s, report_in.site_reference))
    row = s.get(Report, rid) if rid else None
    rid = row.id if row is not None else rid or str(uuid.uuid4())
    return report_store.put_report(s, report_fields(report_in), site_id,
                                   item_rows(report_in, rid, site_id), row, report_id=rid)


def _canonical_id(value: Any) -> str | None:
    """A report id as stored (lower-case UUID text); an invalid one is left for validation."""
    if not value:
        return None
    try:
        return str(uuid.UUID(str(value)))
    except ValueError:
        return str(value)


def delete_draft(db: Database, report_id: str) -> Changes:
    with db.session(write=True) as s:
        row = s.get(Report, report_id)
        if row is None:
            raise _refuse("not_found", f"no report {report_id}", ("id",))
        report_store.delete_draft(s, row)
    return Changes(reports=True, report_ids=(report_id,))


# --- signing and amending --------------------------------------------------------------------

def _signer(s: Session, row: Report) -> str:
    prof = s.get(DeviceProfile, 1)
    return (prof.team_leader if prof and prof.team_leader else row.team_leader)


def _revalidate(s: Session, row: Report, prefix: tuple = ()) -> list[Issue]:
    ref = _site_reference(s, row.site_id)
    report_in, issues = validate_report(report_record(row, ref), site_facts(s, ref, [row.id]), prefix)
    return [i for i in issues if i.severity != WARNING]


def sign(db: Database, report_ids: Iterable[str] | None = None) -> Changes:
    """Sign drafts (all of this device's drafts when `report_ids` is None), all or none.

    Signing freezes each report as revision 1 and queues it for HQ in the same transaction.
    """
    with db.session(write=True) as s:
        return sign_in_session(s, report_ids)


def sign_in_session(s: Session, report_ids: Iterable[str] | None = None) -> Changes:
    """`sign` inside a caller's write transaction (the caller commits)."""
    q = select(Report).options(selectinload(Report.items))
    if report_ids is None:
        rows = list(s.scalars(q.where(Report.status == ReportStatus.DRAFT, Report.own.is_(True))
                              .order_by(Report.date, Report.created_at)))
    else:
        ids = [str(i) for i in report_ids]
        found = {r.id: r for r in s.scalars(q.where(Report.id.in_(ids)))}
        rows = []
        for n, rid in enumerate(ids):
            row = found.get(rid)
            if row is None:
                raise _refuse("not_found", f"no report {rid}", ("reports", n))
            if row.status != ReportStatus.DRAFT:
                raise _refuse("already_signed", f"report {rid} is already signed", ("reports", n))
            if not row.own:
                raise _refuse("not_own", f"report {rid} was written on another device", ("reports", n))
            rows.append(row)
    errors = [i for n, row in enumerate(rows) for i in _revalidate(s, row, ("reports", n))]
    if errors:
        raise Invalid(errors)
    revisions.sign_drafts(s, rows, lambda row: _signer(s, row))
    ids_done = tuple(r.id for r in rows)
    return Changes(reports=True, outbox=bool(ids_done), report_ids=ids_done)


def amend(db: Database, report_id: str, data: Mapping[str, Any], reason: str,
          accept_warnings: bool = False) -> Changes:
    """Correct a signed report: a new signed revision with a reason, chained to the previous
    revision's hash. The previous revision stays readable in the history."""
    reason = (reason or "").strip()
    if not reason:
        raise _refuse("reason_required", "say why the report is amended", ("amend_reason",))
    with db.session(write=True) as s:
        row = s.get(Report, report_id, options=[selectinload(Report.items)])
        if row is None:
            raise _refuse("not_found", f"no report {report_id}", ("id",))
        if row.status == ReportStatus.DRAFT:
            raise _refuse("not_signed", "a draft is edited directly; only signed reports are amended",
                          ("status",))
        if not row.own:
            raise _refuse("not_own", "this report was written on another device", ("id",))
        data = dict(data, id=report_id)
        facts = site_facts(s, str(data.get("site_reference", "")).strip(), [report_id])
        report_in, issues = validate_report(data, facts)
        _check(issues, accept_warnings)
        if report_in is None:  # validation gives no report only with an error, which _check raised
            raise Invalid(issues)
        site_id = _site_id(s, report_in.site_reference)
        revisions.amend_report(s, row, report_fields(report_in), site_id,
                               item_rows(report_in, row.id, site_id), reason,
                               lambda r: _signer(s, r))
    return Changes(reports=True, outbox=True, report_ids=(report_id,))


# --- the form's autosave ---------------------------------------------------------------------

def autosave_put(db: Database, key: str, data: Mapping[str, Any]) -> None:
    with db.session(write=True) as s:
        row = s.get(Autosave, key) or Autosave(key=key)
        row.data = dict(data)
        row.updated_at = utcnow()
        s.add(row)


def autosave_get(db: Database, key: str) -> dict[str, Any] | None:
    with db.session() as s:
        row = s.get(Autosave, key)
        return dict(row.data) if row else None


def autosave_clear(db: Database, key: str) -> None:
    with db.session(write=True) as s:
        s.execute(delete(Autosave).where(Autosave.key == key))

