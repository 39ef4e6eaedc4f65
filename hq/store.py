"""HQ's store: the one writer of each of HQ's record tables, keeping that table's rules.

    put_sites            sites      every change takes the next `site_change` number (the
                                    pull cursor counts them), in the order given; a site found
                                    in the field carries its proposal columns (hq/proposals.py)
    refile_reports       reports    the filing reference of a site's reports follows the site
                                    when a reviewer confirms it under the national reference
    add_report_revisions reports    append-only: a revision is inserted once, never changed;
                                    (record id, revision) and (device, seq) stay unique; the
                                    figure columns are filled from the record (report_figures)
    add_receipts         receipts   one answer per (device, seq), never rewritten
    add_batch            batches    the answer given to a batch, returned unchanged on a repeat
    add_pushed_batch     all three  push on PostgreSQL: a batch's revisions, receipts and answer
                                    (and the device's last seq) in one round trip, the same rows
                                    the three writers above write

Each takes the caller's Session and writes in the caller's transaction (push: one batch, one
transaction; import: the whole file or nothing). Bulk rows go in one executemany per table
(one COPY on PostgreSQL: reports and receipts).
Marked with `safeland_core.store_guard.writer`: with the guard on (tests), writing these tables
anywhere else raises. Thread: the thread that owns the session (a uvicorn worker, the CLI).
"""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import orjson
from sqlalchemy import insert, update
from sqlalchemy.orm import Session

from safeland_core.store_guard import protect, writer

from .db import driver_connection, sqlalchemy_errors
from .models import Batch, Counter, Device, Receipt, Report, Site

PROTECTED = (Site, Report, Receipt, Batch)
# "hq_write" marks the connections of HQDatabase.session(write=True) (hq/db.py).
protect(Session, PROTECTED, "hq_write")


@dataclass(frozen=True)
class SiteChange:
    """One site to write: `row` is None for a new site."""

    row: Site | None
    site_id: str
    reference: str
    operator: str
    unit: str | None
    record: dict[str, Any]
    # A site found in the field: its proposal columns (proposal_state, proposal_reason,
    # proposed_by, provisional_reference, proposal_revision) to set; None leaves them as they are.
    proposal: dict[str, Any] | None = None


PROPOSAL_COLUMNS = ("proposal_state", "proposal_reason", "proposed_by", "provisional_reference",
                    "proposal_revision")
PROPOSAL_STATES = ("PROPOSED", "CONFIRMED", "RETURNED")


def take_numbers(s: Session, n: int, name: str = "site_change") -> int:
    """Reserve n consecutive numbers; returns the first. The UPDATE locks the counter row until
    commit, so a later number is never visible before an earlier one."""
    last = s.scalar(update(Counter).where(Counter.name == name)
                    .values(value=Counter.value + n).returning(Counter.value))
    if last is None:  # a database created before the counter was seeded
        s.add(Counter(name=name, value=n))
        s.flush()
        last = n
    return int(last) - n + 1


@writer
def put_sites(s: Session, changes: Sequence[SiteChange], now: dt.datetime) -> tuple[int, int]:
    """Create or overwrite sites, each taking the next site_change number. Returns
    (created, updated)."""
    if not changes:
        return 0, 0
    first = take_numbers(s, len(changes))
    created = 0
    for n, c in enumerate(changes):
        row = c.row
        if row is None:
            row = Site(id=c.site_id, reference=c.reference)
            s.add(row)
            created += 1
        row.reference = c.reference  # a confirmed site may take the national reference
        row.operator, row.unit = c.operator, c.unit
        row.record, row.area_m2 = c.record, c.record.get("area_m2")
        row.change_no, row.updated_at = first + n, now
        if c.proposal is not None:
            unknown = set(c.proposal) - set(PROPOSAL_COLUMNS)
            state = c.proposal.get("proposal_state", row.proposal_state)
            if unknown or state not in PROPOSAL_STATES:
                raise ValueError(f"site {c.reference}: not a proposal: {sorted(unknown) or state}")
            for key, value in c.proposal.items():
                setattr(row, key, value)
    s.flush()
    return created, len(changes) - created


@writer
def refile_reports(s: Session, old_reference: str, new_reference: str) -> int:
    """File the reports held under a site's old reference under its new one (a reviewer
    confirmed a site found in the field under the national reference). Only the filing column
    changes: each revision's record stays as the team signed it (its hash with it)."""
    if old_reference == new_reference:
        return 0
    result = s.execute(update(Report).where(Report.site_reference == old_reference)
                       .values(site_reference=new_reference))
    return int(getattr(result, "rowcount", 0) or 0)


FIGURE_COLUMNS = ("report_date", "activity", "team", "area_cancelled_m2", "area_reduced_m2",
                  "area_cleared_m2", "items")


def _figure_number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)


def _figure_text(value: Any, size: int) -> str | None:
    return value[:size] if isinstance(value, str) else None


def _figure_date(value: Any) -> dt.date | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def report_figures(record: dict[str, Any]) -> dict[str, Any]:
    """The columns of `reports` copied from a revision's record for the national figures
    (hq/totals.py), keys in FIGURE_COLUMNS order. A figure the record lacks (or holds as
    something else than a number, a text, an ISO date; items: an empty list) is None, as
    migration hq0004 reads it."""
    return {"report_date": _figure_date(record.get("date")),
            "activity": _figure_text(record.get("activity"), 32),
            "team": _figure_text(record.get("team"), 200),
            "area_cancelled_m2": _figure_number(record.get("area_cancelled_m2")),
            "area_reduced_m2": _figure_number(record.get("area_reduced_m2")),
            "area_cleared_m2": _figure_number(record.get("area_cleared_m2")),
            "items": items if isinstance(items := record.get("items"), list) and items else None}


@writer
def add_report_revisions(s: Session, rows: Sequence[dict[str, Any]]) -> None:
    """Insert received or imported revisions (columns of `reports`), one executemany. A
    revision is never updated: a correction arrives as the next revision. The figure columns
    come from each row's record (report_figures, appended last so every row keeps one key
    order for the COPY); callers give the other columns."""
    full = _report_rows(rows)
    if full:
        _insert_many(s, Report, full)


_JSON_COLUMNS = {"record", "parked_record", "items"}


def _insert_many(s: Session, model: type[Report] | type[Receipt], rows: Sequence[dict[str, Any]]) -> None:
    """Insert rows of one table in the session's transaction: COPY on PostgreSQL (under the
    profiler a 500-report batch's reports took 0.24 s through SQLAlchemy's multi-row INSERT,
    which binds and serialises each value itself, and 0.14 s by COPY, JSON included), one
    executemany elsewhere. Rows of differing keys take the
    executemany too. JSON values: _json_text."""
    columns = list(rows[0])
    if s.get_bind().dialect.name != "postgresql" or any(list(r) != columns for r in rows):
        s.execute(insert(model), list(rows))
        return
    conn = s.connection().connection.driver_connection  # the session's psycopg connection
    table = model.__table__.name  # type: ignore[attr-defined]
    json_at = [i for i, c in enumerate(columns) if c in _JSON_COLUMNS]
    with conn.cursor() as cur:  # type: ignore[union-attr]
        with cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for r in rows:
                values = list(r.values())
                for i in json_at:
                    if values[i] is not None:
                        values[i] = _json_text(values[i])
                copy.write_row(values)


def _json_text(value: Any) -> str:
    """A JSON column's text for COPY: orjson's (UTF-8, a sixth of json.dumps' time), or
    json.dumps' ASCII escapes for what orjson cannot write (a refused record's lone surrogate,
    an integer beyond 64 bits). Both read back as the same value."""
    try:
        return orjson.dumps(value).decode()
    except orjson.JSONEncodeError:
        return json.dumps(value)


REVIEW_STATES = ("RECEIVED", "ACCEPTED", "RETURNED", "REJECTED")


@writer
def set_review_state(s: Session, report: Report, decision: str) -> None:
    """The one change a held revision takes after it arrives: HQ's review state (the decision
    itself is a row of `reviews`, written beside it by hq/review.py). Only the latest revision
    is decided (the caller holds its row locked)."""
    if decision not in REVIEW_STATES:
        raise ValueError(f"report {report.record_id}: {decision!r} is not a review state")
    report.status = decision
    s.flush()


@writer
def add_receipts(s: Session, rows: Sequence[dict[str, Any]]) -> None:
    """Insert HQ's answers for pushed entries (columns of `receipts`), one executemany."""
    if rows:
        _insert_many(s, Receipt, rows)


@writer
def add_batch(s: Session, device_id: str, batch_id: str, fingerprint: str,
              answer: dict[str, Any], records: int, received_at: dt.datetime) -> None:
    """Keep the answer given to a batch, so a repeat of it gets the same answer."""
    s.connection().execute(insert(Batch), {"device_id": device_id, "batch_id": batch_id,
                                           "fingerprint": fingerprint, "answer": answer,
                                           "records": records, "received_at": received_at})


# --- push on PostgreSQL: one round trip for a batch's writes ------------------------------------

# Each table's rows go as one JSON array, unpacked by json_to_recordset in the INSERT: the four
# statements (reports, receipts, the batch's answer, the device's last seq) are sent together
# in psycopg's pipeline mode, one round trip instead of four, and no statement passes through
# SQLAlchemy. json_to_recordset returns a `json` field's text as it was sent, so a record is
# stored as the same orjson text COPY stored (tests/hq/test_push_write_path.py compares them).
_REPORT_TYPES = {
    "record_id": "varchar", "revision": "integer", "site_reference": "varchar",
    "device_id": "varchar", "seq": "bigint", "record": "json", "hash": "varchar",
    "status": "varchar", "source": "varchar", "received_at": "timestamp", "report_date": "date",
    "activity": "varchar", "team": "varchar", "area_cancelled_m2": "double precision",
    "area_reduced_m2": "double precision", "area_cleared_m2": "double precision",
    "items": "json"}
_RECEIPT_TYPES = {
    "device_id": "varchar", "seq": "bigint", "record_id": "varchar", "revision": "integer",
    "status": "varchar", "code": "varchar", "reason": "text", "batch_id": "varchar",
    "parked_record": "json", "received_at": "timestamp"}


def _recordset_insert(table: str, types: dict[str, str]) -> str:
    names = ", ".join(types)
    fields = ", ".join(f"{name} {kind}" for name, kind in types.items())
    return (f"INSERT INTO {table} ({names}) SELECT {names} "
            f"FROM json_to_recordset(%s::json) AS t({fields})")


_INSERT_REPORTS = _recordset_insert("reports", _REPORT_TYPES)
_INSERT_RECEIPTS = _recordset_insert("receipts", _RECEIPT_TYPES)
_INSERT_BATCH = ("INSERT INTO batches (device_id, batch_id, fingerprint, answer, records, "
                 "received_at) VALUES (%s, %s, %s, %s::json, %s, %s)")
_SET_LAST_SEQ = "UPDATE devices SET last_seq = %s WHERE id = %s"
_NUL = b"\\u0000"


def _as_sent(text: bytes) -> bytes:
    """psycopg's `Json(value, dumps)`: the value is already JSON text."""
    return text


def _report_rows(rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """add_report_revisions' rule and its rows (the figure columns from each record)."""
    for r in rows:
        if r.get("status") == "DRAFT" or r.get("source") not in ("push", "import"):
            raise ValueError(f"report {r.get('record_id')}: HQ stores signed revisions, "
                             "received by push or import")
    return [{**{k: v for k, v in r.items() if k not in FIGURE_COLUMNS},
             **report_figures(r["record"])} for r in rows]


@writer
def add_pushed_batch(s: Session, reports: Sequence[dict[str, Any]],
                     receipts: Sequence[dict[str, Any]], device_id: str, batch_id: str,
                     fingerprint: str, answer: dict[str, Any], records: int,
                     received_at: dt.datetime, last_seq: int) -> None:
    """A pushed batch's writes, on PostgreSQL, in the caller's transaction: its revisions (as
    add_report_revisions), its receipts (as add_receipts), its answer (as add_batch) and the
    device's highest seq, sent in one round trip. Rows whose JSON orjson cannot write (a
    refused record's lone surrogate, an integer beyond 64 bits) or that hold a NUL take the
    three writers above, which write the same rows."""
    report_rows = _report_rows(reports)
    try:
        reports_json = orjson.dumps(report_rows) if report_rows else b""
        receipts_json = orjson.dumps(list(receipts)) if receipts else b""
    except orjson.JSONEncodeError:
        reports_json = receipts_json = _NUL
    # json_to_recordset refuses a NUL (`\u0000`) even in a json field (a parked record's),
    # which COPY stores: such a batch takes the writers above too.
    if _NUL in reports_json or _NUL in receipts_json:
        if report_rows:
            _insert_many(s, Report, report_rows)
        add_receipts(s, receipts)
        add_batch(s, device_id, batch_id, fingerprint, answer, records, received_at)
        s.connection().execute(update(Device).where(Device.id == device_id)
                               .values(last_seq=last_seq))
        return
    from psycopg.types.json import Json

    conn = driver_connection(s)
    # The JSON goes as orjson wrote it (UTF-8 bytes, sent as a `json` parameter), not decoded to
    # a str for psycopg to encode again: the same text, a copy of each batch's records fewer.
    with sqlalchemy_errors("push batch writes"), conn.cursor() as cur, conn.pipeline():
        if reports_json:
            cur.execute(_INSERT_REPORTS, (Json(reports_json, _as_sent),))
        if receipts_json:
            cur.execute(_INSERT_RECEIPTS, (Json(receipts_json, _as_sent),))
        # json.dumps, as SQLAlchemy's JSON type writes the answer through add_batch.
        cur.execute(_INSERT_BATCH, (device_id, batch_id, fingerprint, json.dumps(answer), records,
                                    received_at))
        cur.execute(_SET_LAST_SEQ, (last_seq, device_id))
