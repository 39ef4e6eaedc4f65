"""The runtime guard for the field store's tables (see safeland_core.store_guard).

    enable() / disable() / enabled()   turn it on for this process (tests/conftest.py does,
                                       through SAFELAND_STORE_GUARD=1)

Protected: sites, site_points, reports, report_items, report_revisions, outbox. Written only by
app/store's writers; anything else raises `WriteOutsideStore` while the guard is on.
"""
from __future__ import annotations

from sqlalchemy.orm import Session

from safeland_core.store_guard import WriteOutsideStore, disable, enable, enabled, protect, writer

from ..models import Item, OutboxEntry, Report, ReportRevision, Site, SitePoint

PROTECTED = (Site, SitePoint, Report, Item, ReportRevision, OutboxEntry)

# "safeland_write" marks the connections of Database.session(write=True) (app/db.py).
protect(Session, PROTECTED, "safeland_write")

__all__ = ["PROTECTED", "WriteOutsideStore", "disable", "enable", "enabled", "writer"]
