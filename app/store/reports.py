"""Reports and their items: the one writer of drafts, and the import path of signed copies.

Rules kept here:
- only a draft is written in place or deleted; a signed report is frozen (`signed_frozen`):
  it changes only through a new revision (revisions.amend_report) or, for the same revision,
  through HQ's decision on it (`set_review`);
- a report's items are written with it, always carrying the report's site (the site totals
  index reads them without the report);
- import writes its new reports, items and signed revisions in one executemany per table
  (a 10,000-report import stays close to raw sqlite3), never row by row.

Thread: the thread that owns the session.
"""
from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Table, insert
from sqlalchemy.orm import Session

from safeland_core.store_guard import writer
from safeland_core.vocab import ReportStatus

from ..domain.errors import refuse
from ..models import Item, Report, ReportRevision, utcnow


@writer
def put_report(s: Session, values: Mapping[str, Any], site_id: str,
               items: Sequence[Mapping[str, Any]], row: Report | None = None, *,
               report_id: str | None = None, updated_at: dt.datetime | None = None) -> Report:
    """Create a draft (row=None, under `report_id` or a new id) or overwrite a draft's content.

    `values` are the report's columns (records.report_fields; import adds the status columns
    of a signed copy replacing a draft); `items` its item rows (records.item_rows). Refuses
    (Invalid, signed_frozen) when `row` is signed. Returns the row, flushed."""
    now = utcnow()
    if row is None:
        row = Report(id=report_id or str(uuid.uuid4()), status=ReportStatus.DRAFT.value,
                     revision=0, own=True, created_at=now)
        s.add(row)
    elif row.status != ReportStatus.DRAFT:
        raise refuse("signed_frozen", "this report is signed; amend it instead", ("status",))
    for key, value in values.items():
        setattr(row, key, value)
    row.site_id = site_id
    row.updated_at = updated_at or now
    row.items = [Item(**dict(r, report_id=row.id, site_id=site_id)) for r in items]
    return row


@writer
def delete_draft(s: Session, row: Report) -> None:
    """Delete a draft (its items go with it). Refuses (signed_frozen) a signed report."""
    if row.status != ReportStatus.DRAFT:
        raise refuse("signed_frozen", "a signed report cannot be deleted", ("status",))
    s.delete(row)


@writer
def set_review(s: Session, row: Report, status: ReportStatus, reason: str | None) -> None:
    """Record HQ's decision (ACCEPTED, RETURNED) on the revision this device holds: the status
    and reason change, the signed content and its hash never do."""
    if row.status == ReportStatus.DRAFT or status not in (ReportStatus.ACCEPTED,
                                                          ReportStatus.RETURNED):
        raise refuse("signed_frozen", "only a signed report takes HQ's decision", ("status",))
    row.status, row.review_reason = status.value, reason


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


def _executemany(s: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    """One INSERT executemany of `rows` (dicts of one table's columns) in the session's
    transaction. Rows of one shape go straight to the driver, each value through its column's
    own bind processor (so dates, times and JSON are stored exactly as SQLAlchemy stores them):
    SQLAlchemy's generic executemany spends more per row building parameters than sqlite3
    spends inserting it (a third of a 10,000-report import). Other rows take that path."""
    columns = list(rows[0])
    conn = s.connection()
    if conn.dialect.name != "sqlite" or any(len(r) != len(columns) for r in rows) \
            or any(list(r) != columns for r in rows):
        s.execute(insert(table), rows)
        return
    procs = [table.c[name].type.bind_processor(conn.dialect) for name in columns]
    todo = [(i, p) for i, p in enumerate(procs) if p is not None]
    params = []
    for r in rows:
        values = list(r.values())
        for i, proc in todo:
            values[i] = proc(values[i])
        params.append(tuple(values))
    sql = (f"INSERT INTO {table.name} ({', '.join(columns)}) "
           f"VALUES ({', '.join('?' * len(columns))})")
    conn.exec_driver_sql(sql, params)
