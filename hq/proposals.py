"""Sites found in the field, at HQ: a laptop proposes a site (a batch entry of type "site"), HQ
holds it as PROPOSED, a reviewer CONFIRMS it (possibly under the national reference) or RETURNS
it with a reason, and the decision goes down by the sites feed (hq/sites.py).

    apply_site_entries   push: the batch's site entries, answered per record as reports are
    filing_sites         push: the HQ site each report entry is filed on (by site id first),
                         and those sites' operator and unit, in one query
    confirm, return_site the reviewer's decisions (CLI `safeland-hq site confirm|return`, pages)
    proposed_sites       the sites page: PROPOSED ones of the units the user sees

Rules:
- a proposal is of the device's own operator and unit, passes the field app's site rules
  (`validate_site`), and keeps a reference no other site holds; a repeat of the proposal HQ
  holds is answered APPLIED (`already_at_hq`) and changes nothing; a returned site proposed
  again (the next proposal number, by the device that proposed it) is PROPOSED again;
- a report names its site by `site_id` (newer laptops) and by `site_reference`: HQ files it on
  the site of that id, else of that reference, else of that provisional reference (a report
  signed on the laptop before the confirmation, sent after it). Reports on a PROPOSED site of the
  device's unit are accepted like any other;
- a confirmation refuses a reference another site holds (or one that differs from it only by
  spaces or case), or one in the provisional form (`PROV-...`); a polygon that overlaps another
  site's by more than 0.9% of its area (GICHD geocheck, `validation.check_among_sites`) is
  refused unless the reviewer confirms despite the overlap (`accept_overlap`: the page's check
  box, the CLI's --accept-overlap); the overlaps are in the audit row either way;
- every decision is an audit row (hq/audit.py) in the decision's transaction.

Push's functions take the batch's session (its transaction); the decisions open their own.
"""
from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from safeland_core.jsonfile import text_problem
from safeland_core.protocol import BatchEntry, record_problem, safe_text
from safeland_core.records import site_wire_record
from safeland_core.schemas import MAX_REFERENCE, PROVISIONAL_PREFIX
from safeland_core.validation import (
    ERROR,
    check_among_sites,
    reference_key,
    site_shape,
    validate_site,
)

from . import audit, store
from .db import HQDatabase
from .devices import DeviceInfo
from .models import Device, Site, utcnow
from .users import UserInfo

log = logging.getLogger("safeland.hq.proposals")

PROPOSED, CONFIRMED, RETURNED = "PROPOSED", "CONFIRMED", "RETURNED"
MAX_REASON = 2000


# --- push: site entries ---------------------------------------------------------------------

@dataclass(frozen=True)
class EntryAnswer:
    status: str  # APPLIED or REFUSED
    code: str | None = None
    reason: str | None = None


def _refused(code: str, reason: str) -> EntryAnswer:
    return EntryAnswer("REFUSED", code, safe_text(reason, MAX_REASON))


def _same_unit_devices(s: Session, device: DeviceInfo) -> set[str]:
    """The device and the revoked devices of its operator and unit (a laptop enrolled again
    gets a new device id and carries on with what it proposed under the old one)."""
    return {device.id, *s.scalars(select(Device.id).where(
        Device.operator == device.operator, Device.unit == device.unit,
        Device.revoked_at.is_not(None)))}


def _check_site_entry(s: Session, device: DeviceInfo, e: BatchEntry, mine: set[str],
                      now: dt.datetime) -> tuple[EntryAnswer, store.SiteChange | None]:
    rec: dict[str, Any] = e.record
    if (bad := record_problem(rec)) is not None:
        return _refused(*bad), None
    if str(rec.get("id", "")) != e.record_id:
        return _refused("record_mismatch", "the record's id differs from the entry's record_id"), None
    if rec.get("proposal_state") != PROPOSED:
        return _refused("not_proposed", "a site sent by a laptop is a proposal (proposal_state "
                        "PROPOSED)"), None
    site_in, resolved, issues = validate_site(rec)
    errors = [i for i in issues if i.severity == ERROR]
    if site_in is None or errors:
        return _refused(errors[0].code if errors else "invalid",
                        "; ".join(str(i) for i in errors) or "not a valid site record"), None
    if site_in.operator != device.operator or site_in.unit != device.unit:
        return _refused("site_not_in_unit", f"site {site_in.reference} is proposed for "
                        f"{site_in.operator}/{site_in.unit or '-'}, not for this device's unit "
                        f"{device.operator}/{device.unit}"), None
    row = s.get(Site, e.record_id)
    if row is not None:
        if row.proposed_by not in mine:
            return _refused("not_owner", "HQ already holds a site with this id, not proposed by "
                            "this device"), None
        if row.proposal_state == CONFIRMED:
            return _refused("site_confirmed", f"site {row.reference} is already confirmed by HQ; "
                            "it is HQ's site now"), None
        if e.revision <= (row.proposal_revision or 0):
            return EntryAnswer("APPLIED", "already_at_hq"), None  # sent before: nothing changes
        if row.proposal_state != RETURNED:
            return _refused("not_returned", f"site {row.reference} waits for a reviewer; it can "
                            "be proposed again only once HQ has returned it"), None
    taken = s.scalar(select(Site.reference).where(
        Site.id != e.record_id, or_(Site.reference == site_in.reference,
                                    Site.provisional_reference == site_in.reference)).limit(1))
    if taken is not None:
        return _refused("reference_taken", f"HQ already holds a site under the reference "
                        f"{site_in.reference}"), None
    created = row.record.get("created_at") if row is not None else None
    record = site_wire_record(site_in, resolved, e.record_id, "DEVICE",
                              dt.datetime.fromisoformat(created) if created else now, now,
                              proposal_state=PROPOSED, provisional_reference=site_in.reference)
    change = store.SiteChange(row, e.record_id, site_in.reference, site_in.operator, site_in.unit,
                              record, proposal={"proposal_state": PROPOSED, "proposal_reason": None,
                                                "proposed_by": device.id,
                                                "provisional_reference": site_in.reference,
                                                "proposal_revision": e.revision})
    return EntryAnswer("APPLIED"), change


def apply_site_entries(s: Session, device: DeviceInfo, entries: Sequence[BatchEntry],
                       now: dt.datetime) -> dict[int, EntryAnswer]:
    """Check and write the batch's new site entries (in the batch's transaction, before its
    reports, so a report may name a site proposed in the same batch). Returns each entry's
    answer by seq; the caller writes the receipts with the reports'."""
    answers: dict[int, EntryAnswer] = {}
    if not entries:
        return answers
    mine = _same_unit_devices(s, device)
    for e in entries:
        answer, change = _check_site_entry(s, device, e, mine, now)
        if change is not None:
            store.put_sites(s, [change], now)  # one at a time: a later entry sees this one
        answers[e.seq] = answer
        if answer.status == "REFUSED":
            log.info("%s: site %s proposal %d refused (%s): %s", device.label, e.record_id,
                     e.revision, answer.code, answer.reason)
        elif change is not None:
            log.info("%s proposed site %s (%s), proposal %d", device.label, change.reference,
                     e.record_id, e.revision)
    return answers


def filing_sites(s: Session, entries: Sequence[BatchEntry]
                 ) -> tuple[dict[int, str], dict[str, tuple[str, str | None]]]:
    """The reference of the HQ site each report entry is filed on, by seq: the site of the
    record's `site_id`, else of its `site_reference`, else the site whose provisional reference
    that is; and the (operator, unit) of each site found, by reference. One query for both.
    Entries of sites HQ does not hold are left out (their reports are refused `site_unknown`
    by the usual check). Only records that can be looked at safely reach a query: the caller
    passes only entries whose record_problem is None."""
    ids, refs = _filing_keys(entries)
    rows: list[Any] = []
    if ids or refs:
        wanted = [Site.reference.in_(refs), Site.provisional_reference.in_(refs)]
        if ids:
            wanted.append(Site.id.in_(ids))
        rows = list(s.connection().execute(
            select(Site.id, Site.reference, Site.provisional_reference, Site.operator, Site.unit)
            .where(or_(*wanted))))
    return filing_from_rows(entries, rows)


# filing_sites' query on PostgreSQL's driver connection (hq/push.py sends it with the batch's
# other reads): the same rows, by ANY(array) where filing_sites says IN.
FILING_SQL = ("SELECT id, reference, provisional_reference, operator, unit FROM sites "
              "WHERE reference = ANY(%s::varchar[]) OR provisional_reference = ANY(%s::varchar[]) "
              "OR id = ANY(%s::varchar[])")


def _filing_keys(entries: Sequence[BatchEntry]) -> tuple[set[str], set[str]]:
    ids = {str(e.record["site_id"]) for e in entries if isinstance(e.record.get("site_id"), str)}
    refs = {str(e.record.get("site_reference", "")).strip() for e in entries}
    return ids, refs


def filing_params(entries: Sequence[BatchEntry]) -> tuple[list[str], list[str], list[str]]:
    """FILING_SQL's parameters for these entries (as filing_sites: record_problem None only)."""
    ids, refs = _filing_keys(entries)
    return sorted(refs), sorted(refs), sorted(ids)


def filing_from_rows(entries: Sequence[BatchEntry], rows: Sequence[Any]
                     ) -> tuple[dict[int, str], dict[str, tuple[str, str | None]]]:
    """filing_sites' answer from its query's rows (id, reference, provisional reference,
    operator, unit). Rows of sites no entry names (by id, reference or provisional reference:
    filing_sites' condition) are left out, so rows read for more entries give the same answer."""
    ids, refs = _filing_keys(entries)
    rows = [r for r in rows if r[0] in ids or r[1] in refs or r[2] in refs]
    by_id: dict[str, str] = {}
    by_ref: dict[str, str] = {}
    owners: dict[str, tuple[str, str | None]] = {}
    if ids or refs:
        for site_id, ref, _prov, operator, unit in rows:
            owners[ref] = (operator, unit)
            if site_id in ids:
                by_id[site_id] = ref
        for _site_id, ref, prov, _operator, _unit in rows:
            if ref not in refs and prov not in refs:
                continue  # found by its id only
            by_ref[ref] = ref
            if prov and prov not in by_ref:
                by_ref[prov] = ref
    out: dict[int, str] = {}
    for e in entries:
        named_id = e.record.get("site_id")
        found = by_id.get(named_id) if isinstance(named_id, str) else None
        found = found or by_ref.get(str(e.record.get("site_reference", "")).strip())
        if found is not None:
            out[e.seq] = found
    return out, owners


# --- the reviewer's decisions -----------------------------------------------------------------

class SiteRefused(Exception):
    """A decision HQ will not record: HTTP status, stable code and a message for the officer."""

    def __init__(self, status: int, code: str, message: str):
        self.status, self.code, self.message = status, code, message
        super().__init__(message)


@dataclass(frozen=True)
class SiteDecision:
    site_id: str
    decision: str  # CONFIRMED or RETURNED
    reference: str
    provisional_reference: str | None
    reason: str | None
    by: str
    overlaps: tuple[str, ...] = ()  # the overlap warnings a confirmation went through


def _locked_proposal(s: Session, site_id: str, user: UserInfo) -> Site:
    if user.disabled or not user.can_decide:
        raise SiteRefused(403, "forbidden", f"user {user.username} ({user.role}) may not decide")
    row = s.scalar(select(Site).where(Site.id == site_id[:36]).with_for_update())
    if row is None or not user.sees_unit(row.unit):
        raise SiteRefused(404, "not_found", f"HQ holds no site {site_id[:64]}")
    if row.proposal_state != PROPOSED:
        what = {CONFIRMED: "already confirmed", RETURNED: "returned to its team, waiting for "
                "their correction"}.get(row.proposal_state or "", "one of HQ's own sites, not a "
                                                                 "proposal")
        raise SiteRefused(409, "not_proposed", f"site {row.reference} is {what}")
    return row


def _check_reference(s: Session, row: Site, reference: str) -> None:
    if len(reference) > MAX_REFERENCE:
        raise SiteRefused(422, "too_long", f"a reference has at most {MAX_REFERENCE} characters")
    if problem := text_problem(reference):
        raise SiteRefused(422, "bad_text", f"the reference {problem}")
    if reference == row.reference:
        return  # keeping the provisional reference
    if reference.upper().startswith(PROVISIONAL_PREFIX):
        raise SiteRefused(422, "reference_provisional", f"{PROVISIONAL_PREFIX}... references are "
                          "the laptops' provisional ones; give the national reference, or none")
    key = reference_key(reference)
    for other_id, ref, prov in s.execute(select(Site.id, Site.reference,
                                                Site.provisional_reference)):
        if other_id == row.id:
            continue
        for used in (ref, prov):
            if used == reference:
                raise SiteRefused(409, "reference_taken", f"the reference {reference} is already "
                                  "used by another site")
            if used and reference_key(used) == key:
                raise SiteRefused(409, "reference_similar", f"the reference {reference} differs "
                                  f"from site {used} only by spaces or case")


def _overlaps(s: Session, row: Site, reference: str) -> list[str]:
    """The overlap warnings of the site's polygon with every other site HQ holds."""
    def shape_of(ref: str, record: dict[str, Any] | None) -> Any:
        return site_shape(ref, [(p["type"], p.get("seq"), p["lat"], p["lon"])
                                for p in (record or {}).get("points", [])
                                if p.get("lat") is not None and p.get("lon") is not None])

    mine = shape_of(reference, row.record)
    others = [shape_of(ref, record) for sid, ref, record in
              s.execute(select(Site.id, Site.reference, Site.record)) if sid != row.id]
    return [i.message for i in check_among_sites(reference, list(mine.ring), others)
            if i.code == "site_overlap"]


def confirm(db: HQDatabase, site_id: str, reference: str | None, user: UserInfo,
            accept_overlap: bool = False) -> SiteDecision:
    """A reviewer confirms a proposed site: it becomes HQ's (owner HQ, CONFIRMED), under
    `reference` (the national reference; none keeps the provisional one, which is kept beside
    it either way), and goes down to the unit's laptops by the sites feed; its reports are
    filed under the new reference. Raises SiteRefused: 403, 404, 409 (not PROPOSED, reference
    used, overlap not accepted), 422 (a reference that cannot be one)."""
    with db.session(write=True) as s:
        row = _locked_proposal(s, site_id, user)
        old = row.reference
        new = (reference or "").strip() or old
        _check_reference(s, row, new)
        overlaps = _overlaps(s, row, new)
        if overlaps and not accept_overlap:
            raise SiteRefused(409, "site_overlap", "; ".join(overlaps) + ". Confirm despite the "
                              "overlap only if both sites are right.")
        now = utcnow()
        provisional = row.provisional_reference or old
        record = {**row.record, "reference": new, "owner": "HQ", "proposal_state": CONFIRMED,
                  "proposal_reason": None, "provisional_reference": provisional,
                  "updated_at": now.isoformat()}
        store.put_sites(s, [store.SiteChange(row, row.id, new, row.operator, row.unit, record,
                                             proposal={"proposal_state": CONFIRMED,
                                                       "proposal_reason": None,
                                                       "provisional_reference": provisional})],
                        now)
        refiled = store.refile_reports(s, old, new)
        audit.record(s, user.username, "site.confirm", row.id,
                     {"reference": new, "provisional_reference": provisional,
                      "reports_refiled": refiled, "overlaps": overlaps or None})
        done = SiteDecision(row.id, CONFIRMED, new, provisional, None, user.username,
                            tuple(overlaps))
    log.info("site %s confirmed by %s as %s (%d reports filed under it)%s", done.site_id,
             user.username, new, refiled, " despite overlaps" if overlaps else "")
    return done


def return_site(db: HQDatabase, site_id: str, reason: str | None, user: UserInfo) -> SiteDecision:
    """A reviewer returns a proposed site to its team with a reason (required: what to
    correct); the reason goes down to the proposing laptop by the sites feed. Raises
    SiteRefused (403, 404, 409 not PROPOSED, 422 no reason)."""
    reason = (reason or "").strip()
    if not reason:
        raise SiteRefused(422, "reason_required", "a returned site needs a reason (what to correct)")
    if len(reason) > MAX_REASON:
        raise SiteRefused(422, "reason_too_long", f"a reason has at most {MAX_REASON} characters")
    if problem := text_problem(reason):
        raise SiteRefused(422, "bad_text", f"the reason {problem}")
    with db.session(write=True) as s:
        row = _locked_proposal(s, site_id, user)
        now = utcnow()
        record = {**row.record, "proposal_state": RETURNED, "proposal_reason": reason,
                  "updated_at": now.isoformat()}
        store.put_sites(s, [store.SiteChange(row, row.id, row.reference, row.operator, row.unit,
                                             record, proposal={"proposal_state": RETURNED,
                                                               "proposal_reason": reason})], now)
        audit.record(s, user.username, "site.return", row.id,
                     {"reference": row.reference, "reason": reason})
        done = SiteDecision(row.id, RETURNED, row.reference, row.provisional_reference, reason,
                            user.username)
    log.info("site %s (%s) returned by %s: %s", done.site_id, done.reference, user.username,
             reason[:200])
    return done


# --- the sites feed and the pages ----------------------------------------------------------------

def feed_condition(device: DeviceInfo, devices: Iterable[str]) -> Any:
    """Which sites of the unit a device's feed carries: HQ's own and confirmed ones to every
    device of the unit; a returned one only to the devices that proposed it (`devices`: the
    device and its revoked predecessors); a PROPOSED one to none (its laptop has it)."""
    return or_(Site.proposal_state.is_(None), Site.proposal_state == CONFIRMED,
               and_(Site.proposal_state == RETURNED, Site.proposed_by.in_(list(devices))))


def feed_devices(s: Session, device: DeviceInfo) -> set[str]:
    return _same_unit_devices(s, device)
