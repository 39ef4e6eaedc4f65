"""Tables of the field database (SQLAlchemy 2.0, typed). Only the store (app/store) writes to them.

Every record carries a UUID made on the device (text, 36 chars). Areas are m², depths cm,
coordinates WGS84 decimal degrees. Times are UTC.
"""
from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# A naming convention so Alembic's batch mode on SQLite can find constraints by name.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_id() -> str:
    return str(uuid.uuid4())


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)

    @classmethod
    def core_table(cls) -> Table:
        """The model's Table, for Core insert/update statements (DeclarativeBase types
        `__table__` as any FromClause, which insert() and update() do not accept)."""
        table = cls.__table__
        if not isinstance(table, Table):
            raise TypeError(f"{cls.__name__} is not mapped to a single table")
        return table


class DeviceProfile(Base):
    """This laptop: who writes on it. One row (id = 1). Sync fills the enrollment columns."""

    __tablename__ = "device_profile"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    operator: Mapped[str] = mapped_column(String(200))
    unit: Mapped[str | None] = mapped_column(String(200))
    team: Mapped[str | None] = mapped_column(String(200))
    team_leader: Mapped[str | None] = mapped_column(String(200))
    language: Mapped[str] = mapped_column(String(10), default="en")
    hq_url: Mapped[str | None] = mapped_column(String(500))
    device_id: Mapped[str | None] = mapped_column(String(64))
    # The sync token; never logged, never exported.
    device_token: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class Site(Base):
    __tablename__ = "sites"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    reference: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    hazard_type: Mapped[str] = mapped_column(String(8))
    contamination: Mapped[list[str]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(16))
    operator: Mapped[str] = mapped_column(String(200))
    unit: Mapped[str | None] = mapped_column(String(200))
    province_code: Mapped[str] = mapped_column(String(2))
    district_code: Mapped[str | None] = mapped_column(String(4))
    commune_code: Mapped[str | None] = mapped_column(String(6))
    village_code: Mapped[str | None] = mapped_column(String(8))
    # As given, or computed geodesically from the polygon when not given.
    area_m2: Mapped[float | None] = mapped_column(Float)
    intended_land_use: Mapped[str | None] = mapped_column(String(16))
    owner: Mapped[str] = mapped_column(String(8), default="DEVICE")
    # A site found in the field and proposed to HQ: PROPOSED (sent or waiting), RETURNED (HQ's
    # reason in proposal_reason), CONFIRMED (HQ took it: owner becomes HQ). None for HQ's sites.
    proposal_state: Mapped[str | None] = mapped_column(String(16))
    proposal_reason: Mapped[str | None] = mapped_column(Text)
    # The laptop's provisional reference, kept once HQ gives the national one.
    provisional_reference: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    points: Mapped[list[SitePoint]] = relationship(
        back_populates="site", cascade="all, delete-orphan", order_by="SitePoint.position")


class SitePoint(Base):
    __tablename__ = "site_points"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    site_id: Mapped[str] = mapped_column(ForeignKey("sites.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)  # order as entered
    type: Mapped[str] = mapped_column(String(16))
    seq: Mapped[int | None] = mapped_column(Integer)
    # Always stored; computed from bearing/distance when the point was measured that way.
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)
    bearing_deg: Mapped[float | None] = mapped_column(Float)
    distance_m: Mapped[float | None] = mapped_column(Float)

    site: Mapped[Site] = relationship(back_populates="points")


class Report(Base):
    """The current revision of a daily report. Signed revisions are frozen in report_revisions."""

    __tablename__ = "reports"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    site_id: Mapped[str] = mapped_column(ForeignKey("sites.id"))
    date: Mapped[dt.date] = mapped_column(Date)
    activity: Mapped[str] = mapped_column(String(32))
    assets: Mapped[list[str]] = mapped_column(JSON)
    team: Mapped[str] = mapped_column(String(200))
    team_leader: Mapped[str] = mapped_column(String(200))
    personnel: Mapped[int] = mapped_column(Integer)
    hours_worked: Mapped[float] = mapped_column(Float)
    area_cleared_m2: Mapped[float] = mapped_column(Float, default=0)
    area_reduced_m2: Mapped[float] = mapped_column(Float, default=0)
    area_cancelled_m2: Mapped[float] = mapped_column(Float, default=0)
    clearance_depth_cm: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16), default="DRAFT")
    revision: Mapped[int] = mapped_column(Integer, default=0)  # 0 while a draft; 1 once signed
    amend_reason: Mapped[str | None] = mapped_column(Text)
    review_reason: Mapped[str | None] = mapped_column(Text)  # HQ's reason when RETURNED
    # HQ's latest decision as pulled (GET /reviews): who decided, when (HQ's clock), on which
    # signed revision. Written only by the store (app/store/reports.set_review).
    review_by: Mapped[str | None] = mapped_column(String(200))
    review_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    review_revision: Mapped[int | None] = mapped_column(Integer)
    # True when this device wrote the report (it syncs it); False for imported copies.
    own: Mapped[bool] = mapped_column(default=True)
    signed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    hash: Mapped[str | None] = mapped_column(String(64))
    prev_hash: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    items: Mapped[list[Item]] = relationship(
        back_populates="report", cascade="all, delete-orphan", order_by="Item.position")

    __table_args__ = (
        # Covers site totals (sums, days, teams) without touching the table rows.
        Index("ix_reports_site_totals", "site_id", "date", "team", "area_cleared_m2",
              "area_reduced_m2", "area_cancelled_m2"),
        # The reports list filtered by status or team comes off these in date order.
        Index("ix_reports_status_date", "status", "date"),
        Index("ix_reports_team_date", "team", "date"),
        Index("ix_reports_date", "date"),
    )


class Item(Base):
    """An explosive item (or a batch of identical ones) found and disposed of."""

    __tablename__ = "report_items"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    report_id: Mapped[str] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    # The report's site, kept beside it: the triggers of migration 0004 count the item's
    # devices in its site's kept totals (site_devices) by it. Written with the item, always.
    site_id: Mapped[str] = mapped_column(ForeignKey("sites.id"))
    position: Mapped[int] = mapped_column(Integer)
    category: Mapped[str] = mapped_column(String(16))
    model: Mapped[str] = mapped_column(String(200))
    quantity: Mapped[int] = mapped_column(Integer)
    condition: Mapped[str] = mapped_column(String(16))
    depth_cm: Mapped[int | None] = mapped_column(Integer)
    disposal: Mapped[str] = mapped_column(String(32))
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)

    report: Mapped[Report] = relationship(back_populates="items")


class SiteTotal(Base):
    """A site's reports kept summed (count and the three areas, drafts included: every status
    counts, as the sheet's totals always did). Like the three tables below, written only by
    SQLite's triggers on reports and report_items (migrations/versions/0004_kept_site_totals.py),
    in the same statement as the row that changes them, so no writer can forget them; a row
    exists while the site has a report. Reading a site's totals is then a few index probes,
    not a walk over years of reports."""

    __tablename__ = "site_totals"
    site_id: Mapped[str] = mapped_column(
        ForeignKey("sites.id", ondelete="CASCADE"), primary_key=True)
    reports: Mapped[int] = mapped_column(Integer)
    cleared_m2: Mapped[float] = mapped_column(Float)
    reduced_m2: Mapped[float] = mapped_column(Float)
    cancelled_m2: Mapped[float] = mapped_column(Float)


class SiteDay(Base):
    """A day with reports at a site, and how many (kept by triggers): the days worked are the
    site's rows, the first and last date its ends."""

    __tablename__ = "site_days"
    site_id: Mapped[str] = mapped_column(
        ForeignKey("sites.id", ondelete="CASCADE"), primary_key=True)
    date: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    reports: Mapped[int] = mapped_column(Integer)

    __table_args__ = ({"sqlite_with_rowid": False},)


class SiteTeam(Base):
    """A team with reports at a site, and how many (kept by triggers)."""

    __tablename__ = "site_teams"
    site_id: Mapped[str] = mapped_column(
        ForeignKey("sites.id", ondelete="CASCADE"), primary_key=True)
    team: Mapped[str] = mapped_column(String(200), primary_key=True)
    reports: Mapped[int] = mapped_column(Integer)

    __table_args__ = ({"sqlite_with_rowid": False},)


class SiteDevice(Base):
    """Devices found at a site by kind and disposal: their quantity and the number of item
    rows behind it (kept by triggers on report_items, by the item's own site_id)."""

    __tablename__ = "site_devices"
    site_id: Mapped[str] = mapped_column(
        ForeignKey("sites.id", ondelete="CASCADE"), primary_key=True)
    category: Mapped[str] = mapped_column(String(16), primary_key=True)
    model: Mapped[str] = mapped_column(String(200), primary_key=True)
    disposal: Mapped[str] = mapped_column(String(32), primary_key=True)
    quantity: Mapped[int] = mapped_column(Integer)
    items: Mapped[int] = mapped_column(Integer)

    __table_args__ = ({"sqlite_with_rowid": False},)


class ReportRevision(Base):
    """A signed revision, frozen: the safeland/1 record as signed, and the hash chain."""

    __tablename__ = "report_revisions"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    report_id: Mapped[str] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"))
    revision: Mapped[int] = mapped_column(Integer)
    content: Mapped[dict] = mapped_column(JSON)
    hash: Mapped[str] = mapped_column(String(64))
    prev_hash: Mapped[str | None] = mapped_column(String(64))
    reason: Mapped[str | None] = mapped_column(Text)
    signed_by: Mapped[str] = mapped_column(String(200))
    signed_at: Mapped[dt.datetime] = mapped_column(DateTime)

    __table_args__ = (UniqueConstraint("report_id", "revision"),)


class OutboxEntry(Base):
    """One signed revision waiting for HQ. Written in the same transaction as the signature;
    only HQ's explicit answer marks it applied or refused."""

    __tablename__ = "outbox"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    record_type: Mapped[str] = mapped_column(String(16))  # "report"
    record_id: Mapped[str] = mapped_column(String(36))
    revision: Mapped[int] = mapped_column(Integer)
    payload: Mapped[dict] = mapped_column(JSON)
    state: Mapped[str] = mapped_column(String(16), default="PENDING")  # PENDING, APPLIED, REFUSED
    refusal_code: Mapped[str | None] = mapped_column(String(64))
    refusal_reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    sent_at: Mapped[dt.datetime | None] = mapped_column(DateTime)

    __table_args__ = (
        Index("ix_outbox_state", "state"),
        UniqueConstraint("record_id", "revision"),
        # Sequence numbers are never reused, even if rows were ever deleted.
        {"sqlite_autoincrement": True},
    )


class SyncState(Base):
    """Small key/value facts of sync: the pull cursor, the last successful sync."""

    __tablename__ = "sync_state"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Autosave(Base):
    """The report form's unsaved state (possibly incomplete), kept so a crash loses nothing."""

    __tablename__ = "autosave"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    data: Mapped[dict] = mapped_column(JSON)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
