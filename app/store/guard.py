"""The runtime guard for the field store's tables (see safeland_core.store_guard).

    enable() / disable() / enabled()   turn it on for this process (tests/conftest.py does,
                                       through SAFELAND_STORE_GUARD=1)

Protected: sites, site_points, reports, report_items, report_revisions, outbox. Written only by
app/store's writers; anything else raises `WriteOutsideStore` while the guard is on. Also the
kept site totals (site_totals, site_days, site_teams, site_devices), which have no writer in
Python at all: SQLite's triggers keep them (migration 0004), so any statement of ours that
writes them is a defect.
"""
from __future__ import annotations

from sqlalchemy.orm import Session

from safeland_core.store_guard import WriteOutsideStore, disable, enable, enabled, protect, writer

from ..models import (
    Item,
    OutboxEntry,
    Report,
    ReportRevision,
    Site,
    SiteDay,
    SiteDevice,
    SitePoint,
    SiteTeam,
    SiteTotal,
)

PROTECTED = (Site, SitePoint, Report, Item, ReportRevision, OutboxEntry,
             SiteTotal, SiteDay, SiteTeam, SiteDevice)

# "safeland_write" marks the connections of Database.session(write=True) (app/db.py).
protect(Session, PROTECTED, "safeland_write")

__all__ = ["PROTECTED", "WriteOutsideStore", "disable", "enable", "enabled", "writer"]
