"""Import and export of safeland/1 documents.

Import is all-or-nothing: the whole file is validated and written in one transaction, and any
error leaves the database as it was. Re-importing the same records changes nothing; a different
copy of a signed report is refused (amend instead). Reports without an id get one derived from
their content, so re-importing such a file is a no-op too.
"""
from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from safeland_core.gcpause import collector_paused
from safeland_core.protocol import utc_iso
from safeland_core.records import (
    content_id,
    item_rows,
    report_fields,
    report_record,
    revision_hash,
    signed_content,
    site_record,
)
from safeland_core.schemas import FORMAT, ReportIn, SiteIn
from safeland_core.validation import (
    WARNING,
    Issue,
    ResolvedPoint,
    SiteFacts,
    has_errors,
    site_alias_from,
    validate_document,
)
from safeland_core.vocab import REVIEW_DECISIONS, Owner, ReportStatus

from ..db import Database
from ..models import Report, ReportRevision, Site, utcnow
from ..store import reports as report_store
from ..store import sites as site_store
from .services import Changes, Invalid, NeedsConfirmation, site_facts, site_shapes
from .warnings import document_warnings

_CHUNK = 500  # ids per IN (...) query, under SQLite's variable limit


@dataclass
class ImportResult:
    sites_created: int = 0
    sites_updated: int = 0
    reports_created: int = 0
    reports_updated: int = 0
    unchanged: int = 0
    warnings: list[Issue] = field(default_factory=list)

    @property
    def changes(self) -> Changes:
        return Changes(sites=bool(self.sites_created or self.sites_updated),
                       reports=bool(self.reports_created or self.reports_updated))


def _chunks(seq: list, n: int = _CHUNK) -> Iterable[list]:
    for i in range(0, len(seq), n):
        yield seq[i:i + n]


# Bookkeeping a file may leave out; when it does, the saved value is not compared.
_BOOKKEEPING = ("created_at", "signed_at", "hash", "prev_hash", "revision")


def _same_report(current: Mapping[str, Any], incoming: Mapping[str, Any]) -> bool:
    """Whether a file's copy of a report is the record already saved."""
    a = ReportIn.model_validate(current).model_dump(mode="json", exclude={"updated_at"})
    b = ReportIn.model_validate(incoming).model_dump(mode="json", exclude={"updated_at"})
    for key in _BOOKKEEPING:
        if not b.get(key):
            a.pop(key, None)
            b.pop(key, None)
    return a == b


def import_document(db: Database, data: Any, accept_warnings: bool = False,
                    owner: Owner = Owner.DEVICE) -> ImportResult:
    """Validate and write a whole safeland/1 document, or nothing. Thread: the write worker."""
    with db.session(write=True) as s:
        result = import_in_session(s, data, accept_warnings, owner)
    if result.reports_created > 1000:  # a big import can leave the planner's statistics stale
        db.optimize()
    return result


def import_in_session(s: Session, data: Any, accept_warnings: bool = False,
                      owner: Owner = Owner.DEVICE) -> ImportResult:
    """`import_document` inside a caller's write transaction (the caller commits)."""
    with collector_paused():
        return _import(s, data, accept_warnings, owner)


def _import(s: Session, data: Any, accept_warnings: bool, owner: Owner) -> ImportResult:
    result = ImportResult()
    raw_reports = data.get("reports", []) if isinstance(data, Mapping) else []
    raw_reports = [r for r in raw_reports if isinstance(r, Mapping)] if isinstance(raw_reports, list) else []
    ids = [_report_id(r) for r in raw_reports]
    facts_cache: dict[str, Any] = {}

    def known_site(ref: str) -> SiteFacts | None:
        if ref not in facts_cache:  # saved copies of this file's reports are not counted twice
            facts_cache[ref] = site_facts(s, ref, ids)
        return facts_cache[ref]

    # A saved site a report names by an earlier reference: by its id, else by its provisional
    # reference (one site only: a PROV- reference is the laptop's own).
    alias = site_alias_from(
        lambda sid: s.scalar(select(Site.reference).where(Site.id == sid)),
        lambda ref: s.scalars(select(Site.reference).where(Site.provisional_reference == ref)
                              .limit(2)).all())
    checked = validate_document(data, known_site, other_sites=lambda: site_shapes(s),
                                site_alias=alias)
    issues = list(checked.issues)
    first_of: dict[str, int] = {}
    for n, (raw, rid) in enumerate(zip(raw_reports, ids)):
        if rid in first_of and not raw.get("id"):
            issues.append(Issue(("reports", n), "duplicate_in_file",
                                f"the same report as reports[{first_of[rid]}]"))
        first_of.setdefault(rid, n)
    # A signed copy's hash is checked by validate_document (hash_missing, hash_mismatch).
    if not has_errors(issues):  # duplicates of saved reports, days no team achieves
        issues += document_warnings(s, checked.reports, ids,
                                    [("reports", n) for n in range(len(checked.reports))])
    if has_errors(issues):
        raise Invalid(issues)
    warnings = [i for i in issues if i.severity == WARNING]
    if warnings and not accept_warnings:
        raise NeedsConfirmation(warnings)
    result.warnings = warnings

    site_ids = _write_sites(s, checked.sites, owner, result)
    _write_reports(s, checked.reports, ids, site_ids, result, checked.signed_under)
    return result


def _report_id(raw: Mapping[str, Any]) -> str:
    """The report's id, or one derived from its content: the same record imported twice gets
    the same id, so re-importing a file without ids is a no-op too."""
    if raw.get("id"):
        try:  # the canonical form, so "ABC..." and "abc..." are the same report
            return str(uuid.UUID(str(raw["id"])))
        except ValueError:
            return str(raw["id"])  # not a UUID: validation reports it
    return content_id("report", {k: v for k, v in raw.items() if k != "status"})


def _write_sites(s: Session, sites: list[tuple[SiteIn, list[ResolvedPoint]]], owner: Owner,
                 result: ImportResult) -> dict[str, str]:
    refs = [site.reference for site, _ in sites]
    existing = {r.reference: r for chunk in _chunks(refs) for r in
                s.scalars(select(Site).options(selectinload(Site.points)).where(Site.reference.in_(chunk)))}
    errors = []
    for n, (site_in, resolved) in enumerate(sites):
        row = existing.get(site_in.reference)
        if row is None:
            created = site_in.created_at or utcnow()
            existing[site_in.reference] = site_store.put_site(
                s, site_in, resolved, owner, created_at=created,
                updated_at=site_in.updated_at or created)
            result.sites_created += 1
            continue
        if site_in.id is not None and str(site_in.id) != row.id:
            errors.append(Issue(("sites", n, "id"), "id_mismatch",
                                f"site {site_in.reference} already exists with another id"))
            continue
        if not site_store.would_change(row, site_in, resolved):
            result.unchanged += 1
            continue
        if not site_store.may_write(row, owner):
            errors.append(Issue(("sites", n, "reference"), "site_owned_by_hq",
                                f"site {site_in.reference} is managed by HQ and cannot be changed here"))
            continue
        site_store.put_site(s, site_in, resolved, owner, row, updated_at=site_in.updated_at)
        result.sites_updated += 1
    if errors:
        raise Invalid(errors)
    s.flush()
    all_refs = {r.reference: r.id for r in existing.values()}
    return all_refs


def _write_reports(s: Session, reports: list[ReportIn], ids: list[str],
                   site_ids: dict[str, str], result: ImportResult,
                   signed_under: Mapping[int, str]) -> None:
    existing: dict[str, Report] = {}
    for chunk in _chunks(ids):
        query = select(Report).options(selectinload(Report.items)).where(Report.id.in_(chunk))
        for saved in s.scalars(query):
            existing[saved.id] = saved
    # Sites the file's reports name, or the saved copies sit on, that the file did not give.
    wanted = {rep.site_reference for rep in reports} - set(site_ids)
    wanted |= {row.site_id for row in existing.values()} - set(site_ids.values())
    for chunk in _chunks(sorted(wanted)):
        for ref, sid in s.execute(select(Site.reference, Site.id)
                                  .where(Site.reference.in_(chunk) | Site.id.in_(chunk))):
            site_ids[ref] = sid
    ref_of = {sid: ref for ref, sid in site_ids.items()}

    now = utcnow()
    new_reports: list[dict[str, Any]] = []
    new_items: list[dict[str, Any]] = []
    new_revisions: list[dict[str, Any]] = []
    errors: list[Issue] = []
    for n, (rep, rid) in enumerate(zip(reports, ids)):
        row = existing.get(rid)
        if row is not None:
            incoming = dict(rep.model_dump(mode="json"), id=rid)
            if _same_report(report_record(row, ref_of[row.site_id]), incoming):
                result.unchanged += 1
                continue
            if row.status != ReportStatus.DRAFT:
                same_revision = rep.hash is not None and rep.hash == row.hash
                if same_revision and rep.status in REVIEW_DECISIONS:
                    report_store.set_review(s, row, rep.status, rep.review_reason)
                    result.reports_updated += 1
                    continue
                errors.append(Issue(("reports", n), "signed_changed",
                                    f"report {rid} is signed and this copy differs; amend it instead"))
                continue
            # An existing draft: replace its content with the file's.
            values = report_fields(rep) | _status_values(rep, rid, now, new_revisions,
                                                         signed_under.get(n))
            site_id = site_ids[rep.site_reference]
            report_store.put_report(s, values, site_id, item_rows(rep, rid, site_id), row,
                                    updated_at=rep.updated_at or now)
            result.reports_updated += 1
            continue
        values = report_fields(rep) | _status_values(rep, rid, now, new_revisions,
                                                     signed_under.get(n))
        values.update(id=rid, site_id=site_ids[rep.site_reference],
                      created_at=rep.created_at or now, updated_at=rep.updated_at or now)
        new_reports.append(values)
        new_items += item_rows(rep, rid, values["site_id"])
        result.reports_created += 1
    if errors:
        raise Invalid(errors)
    # Core executemany, one per table: keeps a 10,000-report import close to raw sqlite3.
    report_store.insert_imported(s, new_reports, new_items, new_revisions)


def _status_values(rep: ReportIn, rid: str, now: dt.datetime,
                   revisions: list[dict[str, Any]], signed_under: str | None) -> dict[str, Any]:
    """Status columns of an imported report. Drafts become this device's drafts; signed copies
    keep their revision and hash chain but are not queued: the device that wrote them syncs them.
    `signed_under`: the reference the copy was signed under, when its site has another now (its
    revision keeps the content as signed, so the hash still matches it)."""
    if rep.status == ReportStatus.DRAFT:
        return {"status": rep.status.value, "own": True, "revision": 0, "hash": None,
                "prev_hash": None, "signed_at": None, "amend_reason": None, "review_reason": None}
    revision = max(rep.revision, 1)
    signed_at = rep.signed_at or now
    record = dict(rep.model_dump(mode="json"), id=rid, revision=revision,
                  signed_at=signed_at.isoformat())
    if signed_under is not None:
        record["site_reference"] = signed_under
    digest = rep.hash or revision_hash(record, rep.prev_hash)
    revisions.append({"id": str(uuid.uuid4()), "report_id": rid, "revision": revision,
                      "content": signed_content(record), "hash": digest,
                      "prev_hash": rep.prev_hash, "reason": rep.amend_reason,
                      "signed_by": rep.team_leader, "signed_at": signed_at})
    return {"status": rep.status.value, "own": False, "revision": revision, "hash": digest,
            "prev_hash": rep.prev_hash, "signed_at": signed_at, "amend_reason": rep.amend_reason,
            "review_reason": rep.review_reason}


def export_document(db: Database) -> dict[str, Any]:
    """Everything the device holds, as one safeland/1 document (the device token never)."""
    with db.session() as s:
        sites = list(s.scalars(select(Site).options(selectinload(Site.points)).order_by(Site.reference)))
        refs = {site.id: site.reference for site in sites}
        signed_refs = _signed_references(s)
        reports = s.scalars(select(Report).options(selectinload(Report.items))
                            .order_by(Report.date, Report.created_at, Report.id))
        return {
            "format": FORMAT,
            "sites": [site_record(site) for site in sites],
            "reports": [exported_report(r, signed_refs.get(r.id) or refs[r.site_id])
                        for r in reports],
        }


def _signed_references(s: Session) -> dict[str, str]:
    """Report id -> the site reference its held revision was signed under, for the signed
    reports whose site has had another reference since (a site found in the field confirmed
    under its national reference, a site HQ renamed). Export writes a signed report as it was
    signed, so its hash still matches it in the file; `site_id` beside it names the site."""
    signed = func.json_extract(ReportRevision.content, "$.site_reference")
    query = (select(Report.id, signed)
             .join(ReportRevision, (ReportRevision.report_id == Report.id)
                   & (ReportRevision.revision == Report.revision))
             .join(Site, Site.id == Report.site_id)
             .where((Report.status != ReportStatus.DRAFT.value) & (signed != Site.reference)))
    return {rid: ref for rid, ref in s.execute(query) if isinstance(ref, str) and ref}


def exported_report(row: Report, site_reference: str) -> dict[str, Any]:
    """A report as `safeland export` writes it: the record with its `status` and, once HQ
    decided on the revision it holds, `review` {"decision", "reason", "by", "at"} (DESIGN.md,
    "Public surface"; the same object HQ's export writes). Import reads `status` and
    `review_reason` back; `review` is added information, ignored by older readers."""
    record = report_record(row, site_reference)
    if row.status in REVIEW_DECISIONS:
        record["review"] = {"decision": row.status, "reason": row.review_reason,
                            "by": row.review_by,
                            "at": utc_iso(row.review_at) if row.review_at else None}
    return record
