"""Reads of the field database, returning plain objects (never ORM rows) that are safe to hand to
any thread. Each function opens its own read session."""
from __future__ import annotations

import datetime as dt
import sqlite3
from typing import Any, cast

from sqlalchemy import ColumnElement, and_, bindparam, func, or_, select, true, tuple_
from sqlalchemy.orm import aliased, selectinload

from safeland_core.records import report_record, site_record
from safeland_core.schemas import ReportIn, SiteIn
from safeland_core.validation import SiteFacts
from safeland_core.vocab import Activity, ReportStatus

from ..db import Database
from ..models import (
    DeviceProfile,
    Item,
    OutboxEntry,
    Report,
    ReportRevision,
    Site,
    SiteDay,
    SiteDevice,
    SiteTeam,
    SiteTotal,
)
from .counts import StatusCounts, read_status_counts
from .rows import (
    HQ_STATES,
    DecidedReport,
    DeviceCount,
    Profile,
    ReportFilter,
    ReportKey,
    ReportRow,
    Review,
    ReviewState,
    Revision,
    SiteSummary,
    SiteTotals,
)

UNFILTERED = ReportFilter()  # every report: the reports list with no filter


def profile(db: Database) -> Profile | None:
    with db.session() as s:
        p = s.get(DeviceProfile, 1)
        if p is None:
            return None
        return Profile(p.operator, p.unit, p.team, p.team_leader, p.language, p.hq_url,
                       p.device_id, bool(p.device_token))


# --- sites -----------------------------------------------------------------------------------

def list_sites(db: Database, status: str | None = None) -> list[SiteSummary]:
    with db.session() as s:
        q = select(Site).order_by(Site.reference)
        if status:
            q = q.where(Site.status == status)
        return [SiteSummary(r.id, r.reference, r.name, r.status, r.hazard_type, r.province_code,
                            r.district_code, r.commune_code, r.area_m2, r.owner, r.village_code)
                for r in s.scalars(q)]


def get_site(db: Database, id_or_reference: str) -> SiteIn | None:
    """A site with its points (coordinates computed), by id or by reference."""
    with db.session() as s:
        row = s.scalar(select(Site).options(selectinload(Site.points))
                       .where(or_(Site.id == id_or_reference, Site.reference == id_or_reference)))
        return SiteIn.model_validate(site_record(row)) if row else None


# The statements of site_totals, built once (building them cost more than running them).
_TOTALS = (select(Site.area_m2, SiteTotal.reports, SiteTotal.cleared_m2, SiteTotal.reduced_m2,
                  SiteTotal.cancelled_m2)
           .outerjoin(SiteTotal, SiteTotal.site_id == Site.id).where(Site.id == bindparam("site")))
_DAYS = (select(func.count(), func.min(SiteDay.date), func.max(SiteDay.date))
         .where(SiteDay.site_id == bindparam("site")))
_TEAMS = select(SiteTeam.team).where(SiteTeam.site_id == bindparam("site"))
_DEVICES = (select(SiteDevice.category, SiteDevice.model, SiteDevice.disposal, SiteDevice.quantity)
            .where(SiteDevice.site_id == bindparam("site")))


def site_totals(db: Database, site_id: str) -> SiteTotals:
    """Land released and devices found at a site over all its reports (drafts included: they
    are the team's own work; the sheet marks which are signed).

    Read from the totals the database keeps per site (site_totals, site_days, site_teams,
    site_devices: written by triggers as reports and items are, migration 0004), so a look
    costs a few index probes however long the site's history: the aggregate over the reports
    of a 40,000-report site took 25 ms on a quiet laptop and a second on a busy one."""
    site = {"site": site_id}
    with db.session() as s:
        area, count, cleared, reduced, cancelled = (
            s.execute(_TOTALS, site).first() or (None, None, None, None, None))
        days, first, last = s.execute(_DAYS, site).one()
        teams = s.scalars(_TEAMS, site).all()
        devices: dict[tuple[str, str], tuple[int, set[str]]] = {}
        for cat, model, disposal, qty in s.execute(_DEVICES, site):
            total, disposals = devices.get((cat, model), (0, set()))
            disposals.add(disposal)
            devices[(cat, model)] = (total + int(qty), disposals)
        return SiteTotals(
            area, float(cleared or 0.0), float(reduced or 0.0), float(cancelled or 0.0),
            int(count or 0), int(days), tuple(sorted(teams)),
            tuple(DeviceCount(c, m, q, tuple(sorted(d)))
                  for (c, m), (q, d) in sorted(devices.items())),
            first, last)


def site_facts(db: Database, reference: str, report_id: str | None = None) -> SiteFacts | None:
    """What the validation rules need to know of a site (its area, the land released by its
    other reports), read in one session exactly as the services check it."""
    from .services import site_facts as facts_in_session

    with db.session() as s:
        return facts_in_session(s, reference, [report_id] if report_id else [])


# --- reports ---------------------------------------------------------------------------------

def get_report(db: Database, report_id: str) -> ReportIn | None:
    with db.session() as s:
        row = s.get(Report, report_id, options=[selectinload(Report.items)])
        if row is None:
            return None
        ref = s.execute(select(Site.reference).where(Site.id == row.site_id)).scalar_one()
        return ReportIn.model_validate(report_record(row, ref))


def last_report(db: Database, site_reference: str | None = None, team: str | None = None) -> ReportIn | None:
    """The most recent report (by date of information), for "start from yesterday's report"."""
    with db.session() as s:
        q = select(Report.id).order_by(Report.date.desc(), Report.created_at.desc()).limit(1)
        if site_reference:
            q = q.join(Site, Site.id == Report.site_id).where(Site.reference == site_reference)
        if team:
            q = q.where(Report.team == team)
        rid = s.scalar(q)
    return get_report(db, rid) if rid else None


def report_history(db: Database, report_id: str) -> list[Revision]:
    with db.session() as s:
        return [Revision(r.revision, r.signed_by, r.signed_at, r.reason, r.hash, r.prev_hash,
                         dict(r.content))
                for r in s.scalars(select(ReportRevision).where(ReportRevision.report_id == report_id)
                                   .order_by(ReportRevision.revision))]


def _latest_entry(column: Any) -> Any:
    """A column of the outbox entry of the report's current revision (a scalar subquery)."""
    return (select(column).where(OutboxEntry.record_id == Report.id,
                                 OutboxEntry.revision == Report.revision)
            .correlate(Report).scalar_subquery())


def _where(f: ReportFilter) -> list:
    cond = []
    if f.site_id:
        cond.append(Report.site_id == f.site_id)
    if f.date_from:
        cond.append(Report.date >= f.date_from)
    if f.date_to:
        cond.append(Report.date <= f.date_to)
    if f.team:
        cond.append(Report.team == f.team)
    if f.status:
        cond.append(Report.status == f.status)
    if f.hq in HQ_STATES:
        cond.append(select(OutboxEntry.seq).where(
            OutboxEntry.record_id == Report.id, OutboxEntry.revision == Report.revision,
            OutboxEntry.state == HQ_STATES[f.hq]).correlate(Report).exists())
    return cond


def count_reports(db: Database, f: ReportFilter = UNFILTERED) -> int:
    # count(*) lets SQLite count the narrowest index (count(id) walked the index of the long
    # ids), and with no filter at all it counts the b-tree without reading a row: 2 ms, not 20.
    q = select(func.count()).select_from(Report)
    cond = _where(f)
    with db.session() as s:
        return int(s.execute(q.where(*cond) if cond else q).scalar_one())


def _groups(s: Any, f: ReportFilter, sort: str) -> list[tuple[str | None, Any]]:
    """The list's groups in ascending order, each (value, condition on Report): one group of
    every report when sorted by date; else each value of the column sorted by (only the one a
    filter picks). Sites and teams as the database holds them (statuses too: a loose scan of
    their index, as teams), activities from the vocabulary: no index to find them by."""
    if sort == "site":
        q = select(Site.reference, Site.id).order_by(Site.reference)
        return [(ref, Report.site_id == sid)
                for ref, sid in s.execute(q.where(Site.id == f.site_id) if f.site_id else q)]
    if sort == "team":
        return [(t, Report.team == t) for t in ([f.team] if f.team else _distinct(s, Report.team))]
    if sort == "status":
        return [(v, Report.status == v)
                for v in ([f.status] if f.status else _distinct(s, Report.status))]
    if sort == "activity":
        return [(str(v), Report.activity == str(v)) for v in sorted(Activity)]
    return [(None, true())]


def page_reports(db: Database, f: ReportFilter = UNFILTERED, offset: int = 0,
                 limit: int | None = 200, sort: str = "date", descending: bool = True,
                 after: ReportKey | None = None, upto: ReportKey | None = None) -> list[ReportRow]:
    """Rows of the reports list in its order (sorted by date, or by site, activity, team or
    status then date; ties by id): the first `limit` after the row keyed `after` (keyset
    paging: each page costs the same however deep, where OFFSET read every row before it;
    issue 14) and, with `upto`, none past the row keyed `upto` (the lazy list re-reads a page
    it had forgotten as the same range of keys). `offset` skips rows first.

    One query per group of the order (a site, a team...), each an index range in date order
    (ix_reports_date, ix_reports_site_totals, ix_reports_team_date, ix_reports_status_date;
    by activity, which has no index, a walk of the date index, once a plain scan has found the
    activity has reports at all), stopping once the page is full."""
    # The site's reference is a subquery per row shown, not a join: with the planner's
    # statistics (ANALYZE at open) a join let SQLite start from the few sites and sort the whole
    # table for the first page (a million reports: 10.5 s instead of 9 ms; issue 14).
    reference = (select(Site.reference).where(Site.id == Report.site_id)
                 .correlate(Report).scalar_subquery())
    devices = (select(func.coalesce(func.sum(Item.quantity), 0)).where(Item.report_id == Report.id)
               .correlate(Report).scalar_subquery())
    q = (select(Report.id, Report.date, reference, Report.activity, Report.team,
                Report.area_cleared_m2 + Report.area_reduced_m2 + Report.area_cancelled_m2,
                devices, Report.status, Report.revision, _latest_entry(OutboxEntry.state),
                _latest_entry(OutboxEntry.sent_at), Report.review_reason, Report.review_by)
         .where(*_where(f)))
    position = tuple_(Report.date, Report.id)
    if descending:
        q = q.order_by(Report.date.desc(), Report.id.desc())
    else:
        q = q.order_by(Report.date, Report.id)

    def past(key: ReportKey) -> ColumnElement[bool]:  # the rows after `key` in the list's order
        edge = tuple_(key.date, key.id)
        return position < edge if descending else position > edge

    def ahead(a: str | None, b: str | None) -> bool:  # group a comes before group b
        return a is not None and b is not None and (a > b if descending else a < b)

    open_end = (ReportKey(None, dt.date.max, "\U0010ffff") if descending
                else ReportKey(None, dt.date.min, ""))
    wanted = None if limit is None else limit + offset
    out: list[ReportRow] = []
    with db.session() as s:
        groups = _groups(s, f, sort)
        for value, cond in reversed(groups) if descending else groups:
            if after is not None and ahead(value, after.group):
                continue
            if upto is not None and ahead(upto.group, value):
                break
            if sort == "activity" and s.scalar(select(true()).where(cond, *_where(f)).limit(1)) is None:
                continue  # no index: an activity without reports is found by one plain scan
                #           (0.5 s at a million), not by a walk of the date index (6 s)
            # Each group's rows start after a key, the list's open end when the page does not
            # start in it: with a bound SQLite walks the date index in order, where without one
            # its statistics made it sort a million reports for one page by activity (21 s).
            start = after if after is not None and value == after.group else open_end
            conds = [cond, past(start)]
            if upto is not None and value == upto.group:
                conds.append(~past(upto))
            page = q.where(*conds)
            out += [ReportRow(*r) for r in s.execute(
                page if wanted is None else page.limit(wanted - len(out)))]
            if wanted is not None and len(out) >= wanted:
                break
    return out[offset:]


def _distinct(s: Any, column: Any) -> list[str]:
    """Each value of an indexed column of reports, in order: one index seek per value (a loose
    index scan: each step asks for the first value after the last one found), not a walk over
    every report: 2 ms for 200,000 reports, not 40."""
    first = select(column).order_by(column).limit(1).scalar_subquery()
    anchor = select(first.label("value")).cte("found", recursive=True)
    following = (select(column).where(column > anchor.c.value).order_by(column)
                 .limit(1).scalar_subquery())
    found = anchor.union_all(select(following).where(anchor.c.value.is_not(None)))
    return list(s.scalars(select(found.c.value).where(found.c.value.is_not(None))))


def teams(db: Database) -> list[str]:
    """Every team with a report, in order (off ix_reports_team_date, see _distinct)."""
    with db.session() as s:
        return _distinct(s, Report.team)


# --- status ----------------------------------------------------------------------------------

def open_refusal() -> ColumnElement[bool]:
    """A condition on OutboxEntry: refused revisions not yet amended (REFUSED outbox entries
    with no later revision of the same report queued). Shared by status, `safeland sync` and
    the window's refused list."""
    later = aliased(OutboxEntry)
    return and_(OutboxEntry.state == "REFUSED",
                ~select(later.seq).where(later.record_id == OutboxEntry.record_id,
                                         later.revision > OutboxEntry.revision).exists())


def status_counts(db: Database) -> StatusCounts:
    """The status bar's counts (app.domain.counts: plain SQL, also run by the window's
    launcher before SQLAlchemy is imported), in one read session."""
    with db.session() as s:
        raw = s.connection().connection.dbapi_connection  # inside the session's transaction
        return read_status_counts(cast(sqlite3.Connection, raw))


# --- HQ's review ----------------------------------------------------------------------------

def review_state(db: Database, report_id: str) -> ReviewState | None:
    from ..store.reports import review_log

    with db.session() as s:
        row = s.get(Report, report_id)
        if row is None:
            return None
        entry = s.execute(select(OutboxEntry.state, OutboxEntry.sent_at, OutboxEntry.refusal_reason)
                          .where(OutboxEntry.record_id == report_id,
                                 OutboxEntry.revision == row.revision)).first()
        log = [Review(d.revision, d.decision.value, d.reason, d.by, d.at)
               for d in review_log(s, report_id)]
        current = None
        if row.status in (ReportStatus.ACCEPTED, ReportStatus.RETURNED, ReportStatus.REJECTED):
            current = Review(row.review_revision or row.revision, row.status, row.review_reason,
                             row.review_by, row.review_at)
        return ReviewState(row.id, row.status, row.revision, current, tuple(log),
                           entry[0] if entry else None, entry[1] if entry else None,
                           entry[2] if entry else None)


def decided_reports(db: Database, report_ids: list[str]) -> list[DecidedReport]:
    """The reports named, with HQ's current decision, by date (for "HQ returned 2 reports")."""
    out: list[DecidedReport] = []
    with db.session() as s:
        for i in range(0, len(report_ids), 500):
            out += [DecidedReport(*r) for r in s.execute(
                select(Report.id, Report.date, Site.reference, Report.status, Report.revision,
                       Report.review_reason, Report.review_by)
                .join(Site, Site.id == Report.site_id)
                .where(Report.id.in_(report_ids[i:i + 500])))]
    return sorted(out, key=lambda r: (r.date, r.site_reference, r.report_id))
