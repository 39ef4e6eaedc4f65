"""Tables of the HQ database (SQLAlchemy 2.0, typed). Their own metadata and migrations
(hq/migrations), separate from the field database's.

Times are HQ's own clock, UTC, naive. Records are stored as their safeland/1 JSON.
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    JSON,
    BigInteger,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from safeland_core.protocol import RecordStatus

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Device(Base):
    """An enrolled (or waiting to enrol) laptop. Code and token are stored as sha256 only."""

    __tablename__ = "devices"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    operator: Mapped[str] = mapped_column(String(200))
    unit: Mapped[str] = mapped_column(String(200))
    code_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    code_expires_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    enrolled_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    last_seq: Mapped[int] = mapped_column(BigInteger, default=0)  # highest seq answered


class Site(Base):
    """A hazardous area HQ holds (from `safeland-hq import`); assigned to an operator's unit.
    A site found in the field arrives from a laptop (hq/proposals.py) as PROPOSED under its
    provisional reference, then a reviewer CONFIRMS it (HQ's from then on, possibly with the
    national reference) or RETURNS it with a reason. `proposal_state` is None for HQ's own."""

    __tablename__ = "sites"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    reference: Mapped[str] = mapped_column(String(64), unique=True)
    operator: Mapped[str] = mapped_column(String(200))
    unit: Mapped[str | None] = mapped_column(String(200))
    record: Mapped[dict] = mapped_column(JSON)  # the safeland/1 site record, points resolved
    area_m2: Mapped[float | None]
    change_no: Mapped[int] = mapped_column(BigInteger, index=True)  # what the pull cursor counts
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    proposal_state: Mapped[str | None] = mapped_column(String(16))  # PROPOSED, CONFIRMED, RETURNED
    proposal_reason: Mapped[str | None] = mapped_column(Text)
    proposed_by: Mapped[str | None] = mapped_column(ForeignKey("devices.id"))
    provisional_reference: Mapped[str | None] = mapped_column(String(64))
    proposal_revision: Mapped[int | None] = mapped_column(Integer)

    __table_args__ = (Index("ix_sites_unit_change", "operator", "unit", "change_no"),)


class Counter(Base):
    """Monotonic counters. Taking the next value locks the row until commit, so change numbers
    become visible in order and a pull cursor never skips a change."""

    __tablename__ = "counters"
    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, default=0)


class Report(Base):
    """One signed revision of a daily report, as received (push) or imported. `record` is the
    revision as signed; report_date .. items copy from it what the national figures
    sum and filter on (hq/store.py `report_figures`, migration hq0004), so hq/totals.py reads
    columns instead of parsing every record's JSON."""

    __tablename__ = "reports"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    record_id: Mapped[str] = mapped_column(String(64))
    revision: Mapped[int] = mapped_column(Integer)
    site_reference: Mapped[str] = mapped_column(String(64), index=True)
    device_id: Mapped[str | None] = mapped_column(ForeignKey("devices.id"))
    seq: Mapped[int | None] = mapped_column(BigInteger)
    record: Mapped[dict] = mapped_column(JSON)
    hash: Mapped[str | None] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16))
    source: Mapped[str] = mapped_column(String(16))  # "push" or "import"
    received_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)  # HQ's clock
    report_date: Mapped[dt.date | None] = mapped_column(Date)  # the record's `date`
    activity: Mapped[str | None] = mapped_column(String(32))
    team: Mapped[str | None] = mapped_column(String(200))
    area_cancelled_m2: Mapped[float | None] = mapped_column(Float)
    area_reduced_m2: Mapped[float | None] = mapped_column(Float)
    area_cleared_m2: Mapped[float | None] = mapped_column(Float)
    # The record's items (devices found), NULL (not JSON null) when it has none.
    items: Mapped[list | None] = mapped_column(JSON(none_as_null=True))

    __table_args__ = (
        UniqueConstraint("record_id", "revision"),
        UniqueConstraint("device_id", "seq"),
        Index("ix_reports_status_date", "status", "report_date"),
    )


class Receipt(Base):
    """What HQ answered for each pushed entry, applied or refused (refused ones parked here
    with their reason and the record as sent)."""

    __tablename__ = "receipts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    device_id: Mapped[str] = mapped_column(ForeignKey("devices.id"))
    seq: Mapped[int] = mapped_column(BigInteger)
    record_id: Mapped[str] = mapped_column(String(64))
    revision: Mapped[int] = mapped_column(Integer)
    status: Mapped[RecordStatus] = mapped_column(String(16))  # APPLIED, REFUSED
    code: Mapped[str | None] = mapped_column(String(64))
    reason: Mapped[str | None] = mapped_column(Text)
    batch_id: Mapped[str] = mapped_column(String(64))
    parked_record: Mapped[dict | None] = mapped_column(JSON)  # refused records only
    received_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    # The parked revisions of a batch's records (hq/push.py): only REFUSED rows are indexed.
    __table_args__ = (UniqueConstraint("device_id", "seq"),
                      Index("ix_receipts_refused", "record_id",
                            postgresql_where=text("status = 'REFUSED'"),
                            sqlite_where=text("status = 'REFUSED'")))


class Batch(Base):
    """An applied batch and the answer given, returned unchanged when the batch comes again."""

    __tablename__ = "batches"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    device_id: Mapped[str] = mapped_column(ForeignKey("devices.id"))
    batch_id: Mapped[str] = mapped_column(String(64))
    fingerprint: Mapped[str] = mapped_column(String(64))
    answer: Mapped[dict] = mapped_column(JSON)
    records: Mapped[int] = mapped_column(Integer)
    received_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    __table_args__ = (UniqueConstraint("device_id", "batch_id"),)


# --- second wave: HQ's officers, their review decisions, and the audit trail -----------------

class User(Base):
    """An HQ officer who signs in to the web pages (hq/users.py). The password is stored as an
    Argon2 hash only. `session_version` is part of every session cookie: disabling the user or
    resetting the password bumps it, which ends every session signed before."""

    __tablename__ = "users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16))  # viewer, reviewer, admin
    unit: Mapped[str | None] = mapped_column(String(200))  # None: every unit
    session_version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    disabled_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class Review(Base):
    """One review decision on one revision of a report (hq/review.py). Never updated: a new
    decision is a new row. `change_no` (counter `review_change`) is what the devices' review
    feed counts; `device_id` is the device that sent the revision (None for imported copies)."""

    __tablename__ = "reviews"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    record_id: Mapped[str] = mapped_column(String(64))
    revision: Mapped[int] = mapped_column(Integer)
    decision: Mapped[str] = mapped_column(String(16))  # ACCEPTED, RETURNED, REJECTED
    reason: Mapped[str | None] = mapped_column(Text)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    username: Mapped[str] = mapped_column(String(64))  # as it was when deciding
    device_id: Mapped[str | None] = mapped_column(ForeignKey("devices.id"))
    decided_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)  # HQ's clock
    change_no: Mapped[int] = mapped_column(BigInteger, unique=True)

    __table_args__ = (
        Index("ix_reviews_record", "record_id", "revision"),
        Index("ix_reviews_device_change", "device_id", "change_no"),
    )


class AuditEvent(Base):
    """Who did what, when: every review decision and every change of users or devices."""

    __tablename__ = "audit"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(100))  # a username, or "cli" for the command line
    action: Mapped[str] = mapped_column(String(40))  # e.g. user.add, review.returned, device.revoke
    target: Mapped[str] = mapped_column(String(100))  # a username, report id or device id
    detail: Mapped[dict | None] = mapped_column(JSON)
