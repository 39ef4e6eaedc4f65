"""Reports and their items: the one writer of drafts, and the import path of signed copies.

Rules kept here:
- only a draft is written in place or deleted; a signed report is frozen (`signed_frozen`):
  it changes only through a new revision (revisions.amend_report) or, for the same revision,
  through HQ's decision on it (`set_review`, which also keeps every decision pulled in the
  report's review log, sync_state `review_log:ID`, for the history);
- a report's items are written with it, always carrying the report's site (the site totals
  index reads them without the report);
- import writes its new reports, items and signed revisions in one executemany per table
  (a 10,000-report import stays close to raw sqlite3), never row by row.

Thread: the thread that owns the session.
"""
from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from sqlalchemy import Table, insert, select
from sqlalchemy.engine import processors
from sqlalchemy.orm import Session

from safeland_core.store_guard import writer
from safeland_core.vocab import REVIEW_DECISIONS, ReportStatus

from ..domain.errors import refuse
from ..models import Item, Report, ReportRevision, SyncState, utcnow
from . import driver
from .state import put_state


@writer
def put_report(s: Session, values: Mapping[str, Any], site_id: str,
               items: Sequence[Mapping[str, Any]], row: Report | None = None, *,
               report_id: str | None = None, updated_at: dt.datetime | None = None) -> str:
    """Create a draft (row=None, under `report_id` or a new id) or overwrite a draft's content.

    `values` are the report's columns (records.report_fields; import adds the status columns
    of a signed copy replacing a draft); `items` its item rows (records.item_rows), which
    replace the draft's. Refuses (Invalid, signed_frozen) when `row` is signed. Returns the
    report's id. Written with plain SQL on the session's sqlite3 connection (the report's insert
    or update, its old items' delete, one executemany of the new ones: app/store/driver.py), each
    value through its column's bind processor, not the ORM's unit of work nor SQLAlchemy's
    statement execution, which cost a save more than SQLite's own work did (docs/performance.md,
    issue 14); `row` is expired, so it reads what was written if the caller looks at it again."""
    now = utcnow()
    table, item_table = Report.core_table(), Item.core_table()
    columns = dict(values, site_id=site_id, updated_at=updated_at or now)
    raw = driver.connection(s)
    if row is None:
        rid = report_id or str(uuid.uuid4())
        columns = {"id": rid, "status": ReportStatus.DRAFT.value, "revision": 0, "own": True,
                   "created_at": now, **columns}
        names = tuple(columns)
        if driver.has_defaults(table, names):  # a default to fill in: SQLAlchemy's insert does
            s.execute(insert(table), columns)
        else:
            sql, procs = driver.insert_plan(s, table, names)
            driver.execute(raw, sql, driver.bound(list(columns.values()), procs))
    elif row.status != ReportStatus.DRAFT:
        raise refuse("signed_frozen", "this report is signed; amend it instead", ("status",))
    else:
        rid = row.id
        sql, procs = driver.update_plan(s, table, tuple(columns))
        driver.execute(raw, sql, driver.bound([*columns.values(), rid], procs))
        driver.execute(raw, _DELETE_ITEMS, (rid,))
        s.expire(row)
    if items:
        _executemany(s, item_table, [dict(r, report_id=rid, site_id=site_id) for r in items])
    return rid


_DELETE_ITEMS = "DELETE FROM report_items WHERE report_items.report_id = ?"


@writer
def delete_draft(s: Session, row: Report) -> None:
    """Delete a draft (its items go with it). Refuses (signed_frozen) a signed report."""
    if row.status != ReportStatus.DRAFT:
        raise refuse("signed_frozen", "a signed report cannot be deleted", ("status",))
    s.delete(row)


REVIEW_LOG_PREFIX = "review_log:"  # sync_state key of a report's decisions, + its id


@dataclass(frozen=True)
class ReviewDecision:
    """HQ's decision on one signed revision of a report, as the review feed gives it."""

    revision: int
    decision: ReportStatus  # ACCEPTED, RETURNED or REJECTED
    reason: str | None
    by: str | None
    at: dt.datetime | None  # HQ's clock, UTC, naive

    def as_json(self) -> dict[str, Any]:
        return {"revision": self.revision, "decision": self.decision.value, "reason": self.reason,
                "by": self.by, "at": self.at.isoformat() if self.at else None}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ReviewDecision:
        at = data.get("at")
        return cls(int(data["revision"]), ReportStatus(data["decision"]), data.get("reason"),
                   data.get("by"), dt.datetime.fromisoformat(at) if at else None)


def review_log(s: Session, report_id: str) -> list[ReviewDecision]:
    """Every decision HQ made on the report's revisions that reached this laptop, oldest first
    (kept for the history, also those on revisions since amended)."""
    raw = s.scalar(select(SyncState.value).where(SyncState.key == REVIEW_LOG_PREFIX + report_id))
    try:
        items = json.loads(raw) if raw else []
        return [ReviewDecision.from_json(i) for i in items]
    except (ValueError, KeyError, TypeError):
        return []


@writer
def set_review(s: Session, row: Report, status: ReportStatus, reason: str | None,
               by: str | None = None, at: dt.datetime | None = None,
               revision: int | None = None) -> bool:
    """Record HQ's decision (ACCEPTED, RETURNED, REJECTED) on signed revision `revision` of the
    report (default: the revision this device holds). The decision joins the report's review
    log (once: the same decision given twice changes nothing). It becomes the report's current
    status only when it is on the revision the laptop holds now: a decision on an older
    revision (the team leader amended since) stays in the history. The signed content and its
    hash never change. Returns True when the report's status, reason or decider changed."""
    if row.status == ReportStatus.DRAFT or status not in REVIEW_DECISIONS:
        raise refuse("signed_frozen", "only a signed report takes HQ's decision", ("status",))
    revision = row.revision if revision is None else revision
    decision = ReviewDecision(revision, ReportStatus(status), reason, by, at)
    log = review_log(s, row.id)
    if decision not in log:
        log.append(decision)
        log.sort(key=lambda d: (d.revision, d.at or dt.datetime.min))
        put_state(s, REVIEW_LOG_PREFIX + row.id,
                  json.dumps([d.as_json() for d in log], ensure_ascii=False))
    if revision != row.revision:
        return False
    if row.review_revision == revision and row.review_at and at and row.review_at > at:
        return False  # a newer decision on this revision is already shown
    before = (row.status, row.review_reason, row.review_by, row.review_at, row.review_revision)
    row.status, row.review_reason = decision.decision.value, reason
    row.review_by, row.review_at, row.review_revision = by, at, revision
    changed = before != (row.status, row.review_reason, row.review_by, row.review_at,
                         row.review_revision)
    if changed:
        s.flush()
    return changed


@writer
def insert_imported(s: Session, reports: list[dict[str, Any]], items: list[dict[str, Any]],
                    revisions: list[dict[str, Any]]) -> None:
    """Insert import's new reports, their items, and the signed revisions the file carried
    (each its report's latest, with the hash the file's hash check accepted), one executemany
    per table. A revision row must be its report's current revision and hash."""
    current = {r["id"]: (r["revision"], r["hash"]) for r in reports}
    for rev in revisions:
        held = current.get(rev["report_id"])
        if held is not None and held != (rev["revision"], rev["hash"]):
            raise ValueError(f"revision row of {rev['report_id']} is not its report's current one")
    for table, rows in ((Report.core_table(), reports), (Item.core_table(), items),
                        (ReportRevision.core_table(), revisions)):
        if rows:
            _executemany(s, table, rows)


# Bind processors that give back every value of these types as it is (float(x) is x for a
# float): not called for a column whose values are all of them, as import's numbers are (the
# schema gives floats), so its rows go to the driver as they are (100,000 calls an import).
_KEPT_BY: dict[Any, set[type]] = {processors.to_float: {float, type(None)}}


def _changes(proc: Any, i: int, params: list[tuple]) -> bool:
    """Whether bind processor `proc` could change a value of column `i` of `params`."""
    kept = _KEPT_BY.get(proc)
    return kept is None or not set(map(type, map(itemgetter(i), params))) <= kept


def _executemany(s: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    """One INSERT executemany of `rows` (dicts of one table's columns) in the session's
    transaction. Rows of the same columns go straight to the driver, each value through its
    column's own bind processor (so dates, times and JSON are stored exactly as SQLAlchemy
    stores them): SQLAlchemy's generic executemany spends more per row building parameters
    than sqlite3 spends inserting it (a third of a 10,000-report import). Other rows take that
    path."""
    columns = tuple(rows[0])
    params: list[Any] | None = None
    if len(columns) > 1 and set(map(len, rows)) == {len(columns)}:
        try:  # each row's values in the first row's column order; a row of other columns raises
            params = list(map(itemgetter(*columns), rows))
        except KeyError:
            params = None
    if params is None:
        s.execute(insert(table), rows)
        return
    # The generic types' processors, as this executemany has always applied them (a time goes
    # to sqlite3's own adapter): import's rows are stored as they were (test_import_same_rows).
    sql, procs = driver.insert_plan(s, table, columns, dialect=False)
    todo = [(i, p) for i, p in procs if _changes(p, i, params)]
    if todo:
        params = [driver.bound(row, todo) for row in params]
    driver.executemany(driver.connection(s), sql, params)
