"""Sites at HQ: import from safeland/1 (shared validation rules) and the pull feed by cursor.
Sites found in the field (proposed by laptops, confirmed or returned by reviewers) are
hq/proposals.py's; the feed carries them as that module's `feed_condition` says.

Every change to a site takes the next number of the `site_change` counter; a device's cursor
is the last number it has applied, so a pull returns exactly the sites of its unit changed since.
"""
from __future__ import annotations

import datetime as dt
import logging
import uuid
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from safeland_core.protocol import PULL_FORMAT, PullPage, decode_cursor, encode_cursor
from safeland_core.records import content_id, hash_matches, revision_hash, site_wire_record
from safeland_core.schemas import ReportIn
from safeland_core.validation import (
    WARNING,
    Issue,
    SiteFacts,
    has_errors,
    site_alias_from,
    site_shape,
    validate_document,
)
from safeland_core.vocab import Owner

from . import store
from .db import HQDatabase
from .devices import DeviceInfo
from .models import Report, Site, utcnow

log = logging.getLogger("safeland.hq.sites")


class ImportRefused(Exception):
    def __init__(self, issues: list[Issue]):
        self.issues = issues
        super().__init__("; ".join(str(i) for i in issues[:20]))


@dataclass
class ImportSummary:
    sites_created: int = 0
    sites_updated: int = 0
    reports_created: int = 0
    unchanged: int = 0
    warnings: list[Issue] = field(default_factory=list)


def _same(a: dict, b: dict) -> bool:
    skip = ("created_at", "updated_at")
    return {k: v for k, v in a.items() if k not in skip} == {k: v for k, v in b.items() if k not in skip}


def import_document(db: HQDatabase, data: Any) -> ImportSummary:
    """Validate a whole safeland/1 document with the field app's rules and write it, or nothing."""
    summary = ImportSummary()
    with db.session(write=True) as s:
        def known_site(ref: str, *_exclude: object) -> SiteFacts | None:
            row = s.scalar(select(Site).where(Site.reference == ref))
            return SiteFacts(row.area_m2, 0.0) if row else None

        def other_sites() -> list:  # every held site's perimeter (resolved points in its record)
            return [site_shape(ref, [(p["type"], p.get("seq"), p["lat"], p["lon"])
                                     for p in (record or {}).get("points", [])])
                    for ref, record in s.execute(select(Site.reference, Site.record))]

        # A held site a report names by an earlier reference (docs/format.md, "Reports name
        # their site by id"): by its id, else by its provisional reference.
        alias = site_alias_from(
            lambda sid: s.scalar(select(Site.reference).where(Site.id == sid)),
            lambda ref: s.scalars(select(Site.reference)
                                  .where(Site.provisional_reference == ref).limit(2)).all())

        checked = validate_document(data, known_site, other_sites=other_sites,
                                    site_alias=alias)
        if has_errors(checked.issues):
            raise ImportRefused([i for i in checked.issues if i.severity != WARNING])
        as_signed = [rep.model_copy(update={"site_reference": checked.signed_under[n]})
                     if n in checked.signed_under else rep
                     for n, rep in enumerate(checked.reports)]
        tampered = _tampered(as_signed)
        if tampered:
            raise ImportRefused(tampered)
        summary.warnings = checked.warnings
        now = utcnow()
        changes = []
        for site_in, resolved in checked.sites:
            row = s.scalar(select(Site).where(Site.reference == site_in.reference))
            if row is not None and site_in.id is not None and str(site_in.id) != row.id:
                raise ImportRefused([Issue(("sites",), "id_mismatch",
                                           f"site {site_in.reference} already exists with another id")])
            sid = row.id if row else str(site_in.id or uuid.uuid4())
            created = (dt.datetime.fromisoformat(row.record["created_at"])
                       if row is not None and row.record.get("created_at") else now)
            record = site_wire_record(site_in, resolved, sid, Owner.HQ.value, created, now)
            if row is not None and _same(row.record, record):
                summary.unchanged += 1
                continue
            changes.append(store.SiteChange(row, sid, site_in.reference, site_in.operator,
                                            site_in.unit, record))
        summary.sites_created, summary.sites_updated = store.put_sites(s, changes, now)
        _import_reports(s, checked.reports, as_signed, data, summary, now)
    log.info("import: %d sites created, %d updated, %d reports created, %d unchanged",
             summary.sites_created, summary.sites_updated, summary.reports_created, summary.unchanged)
    return summary


def _tampered(reports: list[ReportIn]) -> list[Issue]:
    """A report that carries a hash must match it (the field app's own check, shared with
    `safeland import`): a copy edited after signing is refused, never stored as signed."""
    return [Issue(("reports", n, "hash"), "hash_mismatch",
                  "the signed report does not match its hash (changed after signing)")
            for n, rep in enumerate(reports) if rep.hash and not hash_matches(rep)]


def _import_reports(s: Session, reports: list[ReportIn], as_signed: list[ReportIn], data: Any,
                    summary: ImportSummary, now: dt.datetime) -> None:
    """`reports` name their site's current reference (HQ files them there); `as_signed` are the
    same reports as signed (the record HQ holds and hashes)."""
    raw = [r for r in data.get("reports", []) if isinstance(r, dict)]
    errors = []
    for n, (rep, signed, src) in enumerate(zip(reports, as_signed, raw)):
        rid = str(rep.id) if rep.id else content_id("report", {k: v for k, v in src.items() if k != "status"})
        record = signed.model_dump(mode="json")
        record["id"] = rid
        record["revision"] = revision = max(rep.revision, 1)
        if record["status"] == "DRAFT":
            record["status"] = "SIGNED"  # HQ holds what teams sent it; a draft file is taken as final
        if not record.get("hash"):
            record["hash"] = revision_hash(record, record.get("prev_hash"))
        held = s.scalar(select(Report).where(Report.record_id == rid, Report.revision == revision))
        if held is not None:
            if held.hash == record["hash"]:
                summary.unchanged += 1
                continue
            errors.append(Issue(("reports", n), "signed_changed",
                                f"HQ already holds revision {revision} of report {rid} with other content"))
            continue
        # One at a time: a later copy in the same file finds this one held (unchanged).
        # Held as RECEIVED: an imported report waits for review like a pushed one.
        store.add_report_revisions(s, [{
            "record_id": rid, "revision": revision, "site_reference": rep.site_reference,
            "device_id": None, "seq": None, "record": record, "hash": record["hash"],
            "status": "RECEIVED", "source": "import", "received_at": now}])
        summary.reports_created += 1
    if errors:
        raise ImportRefused(errors)


MAX_REFERENCES = 200


def pull_page(db: HQDatabase, device: DeviceInfo, cursor: str | None, limit: int,
              references: list[str] | None = None) -> PullPage:
    """Sites of the device's unit changed after `cursor`, oldest change first. With
    `references`, those sites of the unit instead (whatever their change number; a device asks
    again for sites it had to skip), and the cursor given back unchanged."""
    from .proposals import feed_condition, feed_devices

    after = decode_cursor(cursor)  # ValueError for a cursor HQ did not write
    if references:
        refs = sorted({r.strip() for r in references if r.strip()})[:MAX_REFERENCES]
        with db.session() as s:
            visible = feed_condition(device, feed_devices(s, device))
            records = list(s.scalars(
                select(Site.record).where(Site.operator == device.operator, Site.unit == device.unit,
                                          Site.reference.in_(refs), visible)
                .order_by(Site.change_no)))
        log.info("%s asked again for %d skipped sites, %d are its unit's", device.label,
                 len(refs), len(records))
        return PullPage(format=PULL_FORMAT, sites=records, cursor=encode_cursor(after), more=False)
    with db.session() as s:
        # Sites found in the field: confirmed ones go to the unit, a returned one to the laptop
        # that proposed it, a proposed one to nobody (hq/proposals.py).
        visible = feed_condition(device, feed_devices(s, device))
        rows = list(s.execute(
            select(Site.change_no, Site.record)
            .where(Site.operator == device.operator, Site.unit == device.unit, Site.change_no > after,
                   visible)
            .order_by(Site.change_no).limit(limit + 1)))
    more = len(rows) > limit
    rows = rows[:limit]
    last = rows[-1][0] if rows else after
    if rows:
        log.info("%s pulled %d sites (changes %d-%d)", device.label, len(rows), rows[0][0], last)
    return PullPage(format=PULL_FORMAT, sites=[r[1] for r in rows], cursor=encode_cursor(last),
                    more=more)


def export_document(db: HQDatabase) -> dict[str, Any]:
    """Everything HQ holds as safeland/1: sites, and every report at its newest revision
    (no device tokens, no codes: they are not in these tables)."""
    from .review import export_status, latest_decisions

    with db.session() as s:
        sites = [r for r in s.scalars(select(Site.record).order_by(Site.reference))]
        newest: dict[str, dict] = {}
        for rec_id, _rev, record, state in s.execute(
                select(Report.record_id, Report.revision, Report.record, Report.status)
                .order_by(Report.record_id, Report.revision)):
            # HQ's review state (issue 12): status ACCEPTED/RETURNED/REJECTED, else SIGNED.
            newest[rec_id] = {**record, "status": export_status(state)}
        for rec_id, decision in latest_decisions(s).items():
            if rec_id in newest:
                newest[rec_id]["review"] = decision.wire()
    reports = sorted(newest.values(), key=lambda r: (r.get("date") or "", r.get("id") or ""))
    return {"format": "safeland/1", "sites": sites, "reports": reports}
