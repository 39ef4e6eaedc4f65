"""Review of received reports: the decisions, and what the pages and the feed read of them.

A report HQ receives is RECEIVED. A reviewer decides on its latest revision: ACCEPTED, RETURNED
(a reason is required: what to correct) or REJECTED (a reason is required: why it does not
count). Each decision is a new `reviews` row (who, when, reason, which revision), never an
update of an earlier one; the revision's `reports.status` carries its current state for
filtering. A decision names the revision it was made on: if a newer revision has arrived since,
it is refused (409), and an amendment arrives as a new RECEIVED revision, so a returned report
comes back to the queue. A revision is decided once (RECEIVED -> one decision).

Any thread may call these functions; each opens its own session.
"""
from __future__ import annotations

import base64
import datetime as dt
import json
import logging
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel
from sqlalchemy import Subquery, and_, func, select
from sqlalchemy.orm import Session

from safeland_core.protocol import utc_iso

from . import audit
from .db import HQDatabase
from .devices import DeviceInfo
from .models import Device, Report, Review, Site, utcnow
from .store import set_review_state, take_numbers
from .users import UserInfo

log = logging.getLogger("safeland.hq.review")

RECEIVED = "RECEIVED"
DECISIONS = ("ACCEPTED", "RETURNED", "REJECTED")
STATES = (RECEIVED, *DECISIONS)
NEEDS_REASON = ("RETURNED", "REJECTED")
MAX_REASON = 2000
REVIEW_COUNTER = "review_change"
REVIEWS_FORMAT = "safeland-reviews/1"


class ReviewRefused(Exception):
    """A decision HQ will not record: HTTP status, stable code and a message for the officer."""

    def __init__(self, status: int, code: str, message: str):
        self.status, self.code, self.message = status, code, message
        super().__init__(message)


@dataclass(frozen=True)
class Decision:
    record_id: str
    revision: int
    decision: str
    reason: str | None
    by: str
    at: dt.datetime
    change_no: int

    def wire(self) -> dict[str, Any]:
        """The `review` object of exports and of the devices' feed."""
        return {"decision": self.decision, "reason": self.reason, "by": self.by,
                "at": utc_iso(self.at)}


def _decision(r: Review) -> Decision:
    return Decision(r.record_id, r.revision, r.decision, r.reason, r.username, r.decided_at,
                    r.change_no)


def _not_found(record_id: str) -> ReviewRefused:
    return ReviewRefused(404, "not_found", f"HQ holds no report {record_id[:64]}")


def _latest(s: Session, record_id: str, lock: bool = False) -> Report | None:
    q = (select(Report).where(Report.record_id == record_id)
         .order_by(Report.revision.desc()).limit(1))
    return s.scalar(q.with_for_update() if lock else q)


def _site_unit(s: Session, reference: str) -> str | None:
    return s.scalar(select(Site.unit).where(Site.reference == reference))


def decide(db: HQDatabase, record_id: str, decision: str, reason: str | None, user: UserInfo,
           revision: int | None = None) -> Decision:
    """Record `user`'s decision on the report's latest revision (or on `revision`, which must be
    the latest). Raises ReviewRefused: 403 (the user may not decide), 404 (no such report, or
    one of a unit the user does not see), 409 (not the latest revision, or already decided),
    422 (no reason where one is required)."""
    decision = decision.upper()
    if decision not in DECISIONS:
        raise ReviewRefused(422, "bad_decision", f"a decision is one of {', '.join(DECISIONS)}")
    if user.disabled or not user.can_decide:
        raise ReviewRefused(403, "forbidden", f"user {user.username} ({user.role}) may not decide")
    reason = (reason or "").strip() or None
    if decision in NEEDS_REASON and reason is None:
        what = "what to correct" if decision == "RETURNED" else "why it does not count"
        raise ReviewRefused(422, "reason_required",
                            f"a report {decision.lower()} needs a reason ({what})")
    if reason is not None and len(reason) > MAX_REASON:
        raise ReviewRefused(422, "reason_too_long", f"a reason has at most {MAX_REASON} characters")
    with db.session(write=True) as s:
        # The latest revision's row is locked, so two reviewers deciding at once are applied
        # one after the other and the second finds the report decided.
        latest = _latest(s, record_id, lock=True)
        if latest is None or not user.sees_unit(_site_unit(s, latest.site_reference)):
            raise _not_found(record_id)
        if revision is not None and revision != latest.revision:
            raise ReviewRefused(409, "not_latest_revision",
                                f"revision {revision} is no longer the latest of this report: "
                                f"revision {latest.revision} arrived since; look at it first")
        if latest.status in DECISIONS:
            raise ReviewRefused(409, "already_decided",
                                f"revision {latest.revision} of this report is already "
                                f"{latest.status}")
        row = Review(record_id=record_id, revision=latest.revision, decision=decision,
                     reason=reason, user_id=user.id, username=user.username,
                     device_id=latest.device_id, decided_at=utcnow(),
                     change_no=take_numbers(s, 1, REVIEW_COUNTER))
        s.add(row)
        set_review_state(s, latest, decision)
        audit.record(s, user.username, f"review.{decision.lower()}", record_id,
                     {"revision": latest.revision, "reason": reason})
        s.flush()
        done = _decision(row)
    log.info("report %s revision %d %s by %s%s", record_id, done.revision, decision,
             user.username, f": {reason[:200]}" if reason else "")
    return done


# --- reading: the queue, one report, exports ------------------------------------------------

@dataclass
class QueueFilter:
    unit: str | None = None
    site: str | None = None
    state: str | None = RECEIVED
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    team: str | None = None


@dataclass(frozen=True)
class QueueRow:
    record_id: str
    revision: int
    state: str
    date: str
    site_reference: str
    unit: str | None
    team: str
    team_leader: str
    activity: str
    items: int
    received_at: dt.datetime


@dataclass
class Queue:
    rows: list[QueueRow]
    counts: dict[str, int]  # by state, under every filter but the state
    total: int  # rows matching, before the page limit
    units: list[str] = field(default_factory=list)
    sites: list[str] = field(default_factory=list)


def latest_revisions() -> Subquery:  # a subquery
    return (select(Report.record_id.label("rid"), func.max(Report.revision).label("rev"))
            .group_by(Report.record_id).subquery())


def queue(db: HQDatabase, user: UserInfo, f: QueueFilter, limit: int = 200,
          offset: int = 0) -> Queue:
    """Reports at their latest revision matching `f`, within what `user` may see."""
    latest = latest_revisions()
    date = Report.record["date"].as_string()
    team = Report.record["team"].as_string()
    base = (select(Report, Site.unit)
            .join(latest, and_(Report.record_id == latest.c.rid, Report.revision == latest.c.rev))
            .outerjoin(Site, Site.reference == Report.site_reference))
    conds = []
    if user.unit is not None:
        conds.append(Site.unit == user.unit)
    if f.unit:
        conds.append(Site.unit == f.unit)
    if f.site:
        conds.append(Report.site_reference == f.site)
    if f.date_from:
        conds.append(date >= f.date_from.isoformat())
    if f.date_to:
        conds.append(date <= f.date_to.isoformat())
    if f.team:
        conds.append(func.lower(team).contains(f.team.strip().lower(), autoescape=True))
    with db.session() as s:
        counts_q = (select(Report.status, func.count())
                    .join(latest, and_(Report.record_id == latest.c.rid,
                                       Report.revision == latest.c.rev))
                    .outerjoin(Site, Site.reference == Report.site_reference)
                    .where(*conds).group_by(Report.status))
        counts = {state: 0 for state in STATES}
        for state, n in s.execute(counts_q):
            counts[state] = counts.get(state, 0) + int(n)
        where = list(conds)
        if f.state:
            where.append(Report.status == f.state)
        order = ((Report.received_at, Report.id) if f.state == RECEIVED
                 else (date.desc(), Report.received_at.desc()))
        total = int(s.scalar(select(func.count()).select_from(
            base.where(*where).subquery())) or 0)
        rows = []
        for rep, unit in s.execute(base.where(*where).order_by(*order).limit(limit).offset(offset)):
            rec = rep.record
            rows.append(QueueRow(rep.record_id, rep.revision, rep.status, str(rec.get("date", "")),
                                 rep.site_reference, unit, str(rec.get("team", "")),
                                 str(rec.get("team_leader", "")), str(rec.get("activity", "")),
                                 sum(int(i.get("quantity") or 0) for i in rec.get("items") or []),
                                 rep.received_at))
        unit_q = select(Site.unit).where(Site.unit.is_not(None)).distinct().order_by(Site.unit)
        site_q = select(Site.reference).order_by(Site.reference)
        if user.unit is not None:
            unit_q = unit_q.where(Site.unit == user.unit)
            site_q = site_q.where(Site.unit == user.unit)
        units = [u for u in s.scalars(unit_q) if u is not None]  # the query has none: for the type
        sites = [r for r in s.scalars(site_q)]
    return Queue(rows, counts, total, units, sites)


@dataclass(frozen=True)
class Revision:
    revision: int
    record: dict[str, Any]
    state: str
    received_at: dt.datetime
    source: str
    device: str | None  # the device's name, for imported copies None
    changes: list[tuple[str, Any, Any]]  # (field, before, after) against the previous revision


@dataclass(frozen=True)
class Event:
    at: dt.datetime
    kind: str  # received, amended, ACCEPTED, RETURNED, REJECTED
    revision: int
    by: str | None
    reason: str | None


@dataclass
class ReportView:
    record_id: str
    unit: str | None
    operator: str | None
    site_name: str | None
    revisions: list[Revision]  # oldest first
    activity: list[Event]  # oldest first
    decisions: list[Decision]

    @property
    def latest(self) -> Revision:
        return self.revisions[-1]

    @property
    def state(self) -> str:
        return self.latest.state

    @property
    def review(self) -> Decision | None:
        mine = [d for d in self.decisions if d.revision == self.latest.revision]
        return mine[-1] if mine else None


_NOT_COMPARED = ("hash", "prev_hash", "revision", "status", "signed_at", "created_at",
                 "updated_at", "amend_reason", "review_reason")


def changes(before: dict[str, Any], after: dict[str, Any]) -> list[tuple[str, Any, Any]]:
    """What an amendment changed: each field whose value differs, before and after."""
    keys = [k for k in dict.fromkeys([*before, *after]) if k not in _NOT_COMPARED]
    return [(k, before.get(k), after.get(k)) for k in keys if before.get(k) != after.get(k)]


def report_view(db: HQDatabase, user: UserInfo, record_id: str) -> ReportView | None:
    """One report with every revision, what each changed, and its activity; None when HQ holds
    no such report or it belongs to a unit `user` does not see."""
    with db.session() as s:
        reps = list(s.scalars(select(Report).where(Report.record_id == record_id)
                              .order_by(Report.revision)))
        if not reps:
            return None
        site = s.scalar(select(Site).where(Site.reference == reps[-1].site_reference))
        unit = site.unit if site is not None else None
        if not user.sees_unit(unit):
            return None
        names = {d.id: d.name for d in s.scalars(
            select(Device).where(Device.id.in_({r.device_id for r in reps if r.device_id})))}
        decisions = [_decision(r) for r in s.scalars(
            select(Review).where(Review.record_id == record_id).order_by(Review.change_no))]
        revisions, events = [], []
        prev: dict[str, Any] | None = None
        for r in reps:
            revisions.append(Revision(r.revision, r.record, r.status, r.received_at, r.source,
                                      names.get(r.device_id) if r.device_id else None,
                                      changes(prev, r.record) if prev is not None else []))
            events.append(Event(r.received_at, "received" if prev is None else "amended",
                                r.revision, names.get(r.device_id) if r.device_id else None,
                                r.record.get("amend_reason") if prev is not None else None))
            prev = r.record
        events += [Event(d.at, d.decision, d.revision, d.by, d.reason) for d in decisions]
        events.sort(key=lambda e: (e.at, e.kind not in ("received", "amended")))
        return ReportView(record_id, unit, site.operator if site else None,
                          (site.record or {}).get("name") if site else None, revisions, events,
                          decisions)


def latest_decisions(s: Session, record_ids: list[str] | None = None) -> dict[str, Decision]:
    """The newest decision of each report on its latest revision (for exports)."""
    latest = latest_revisions()
    q = (select(Review).join(latest, and_(Review.record_id == latest.c.rid,
                                          Review.revision == latest.c.rev))
         .order_by(Review.change_no))
    if record_ids is not None:
        q = q.where(Review.record_id.in_(record_ids))
    return {r.record_id: _decision(r) for r in s.scalars(q)}


def export_status(state: str) -> str:
    """The safeland/1 `status` of a report in HQ's state: an undecided one is SIGNED."""
    return state if state in DECISIONS else "SIGNED"


# --- the devices' feed ----------------------------------------------------------------------

class ReviewItem(BaseModel):
    """One decision as a device receives it (`review` of the export, plus which report)."""

    record_id: str
    revision: int
    decision: str  # ACCEPTED, RETURNED, REJECTED
    reason: str | None
    by: str
    at: str  # ISO UTC, HQ's clock


class ReviewPage(BaseModel):
    format: str = REVIEWS_FORMAT
    reviews: list[ReviewItem]
    cursor: str  # opaque: give it back as is
    more: bool


def encode_cursor(change_no: int) -> str:
    """The review feed's cursor: opaque to the device, like the sites cursor, with its own key
    so that one feed's cursor is refused by the other."""
    raw = json.dumps({"v": 1, "reviews": int(change_no)}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> int:
    """The change number in a review cursor; ValueError for anything HQ did not write."""
    if not cursor:
        return 0
    if len(cursor) > 200:
        raise ValueError("cursor too long")
    try:
        data = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (ValueError, UnicodeDecodeError):
        raise ValueError("bad cursor") from None
    value = data.get("reviews") if isinstance(data, dict) and data.get("v") == 1 else None
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value < 2**53:
        raise ValueError("bad cursor")
    return value


def _feed_devices(s: Session, device: DeviceInfo) -> list[str]:
    """The device and the revoked devices of its operator and unit: a laptop enrolled again gets
    a new device id and takes over its earlier reports (the rule push applies, hq/push.py)."""
    ids = [device.id]
    ids += [d for d in s.scalars(select(Device.id).where(
        Device.operator == device.operator, Device.unit == device.unit,
        Device.revoked_at.is_not(None), Device.id != device.id))]
    return ids


def feed_page(db: HQDatabase, device: DeviceInfo, cursor: str | None,
              limit: int = 200) -> ReviewPage:
    """Decisions on reports this device sent, made after `cursor`, oldest first
    (`safeland-reviews/1`). Raises ValueError for a cursor HQ did not write."""
    after = decode_cursor(cursor)
    with db.session() as s:
        owners = _feed_devices(s, device)
        rows = list(s.scalars(select(Review).where(Review.device_id.in_(owners),
                                                    Review.change_no > after)
                              .order_by(Review.change_no).limit(limit + 1)))
    more = len(rows) > limit
    rows = rows[:limit]
    last = rows[-1].change_no if rows else after
    if rows:
        log.info("%s pulled %d review decisions", device.label, len(rows))
    return ReviewPage(reviews=[ReviewItem(record_id=r.record_id, revision=r.revision,
                                          **_decision(r).wire()) for r in rows],
                      cursor=encode_cursor(last), more=more)
