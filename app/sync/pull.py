"""The device side of pull: HQ's sites for this unit, page by page, each page applied together
with its cursor in one local transaction (a crash or a full disk leaves both as they were).

Sites pulled are owned by HQ (owner="HQ"): the device never edits them. A site the device had
created itself under the same reference is taken over by HQ's copy (same local id, so its
reports keep pointing at it). Thread: the sync worker.
"""
from __future__ import annotations

import logging
from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import selectinload

from app.db import Database
from app.domain.services import write_site
from app.domain.validation import has_errors, validate_site
from app.models import Site, SyncState, new_id, utcnow

from . import errors
from .protocol import PullPage
from .transport import HQClient

log = logging.getLogger("safeland.sync")

CURSOR_KEY = "pull_cursor"
PAGE = 200


def saved_cursor(db: Database) -> str | None:
    with db.session() as s:
        return s.scalar(select(SyncState.value).where(SyncState.key == CURSOR_KEY))


def apply_page(db: Database, page: PullPage) -> int:
    """Write a page's sites and its cursor together. Returns how many sites were written."""
    written = 0
    try:
        with db.session(write=True) as s:
            for record in page.sites:
                site_in, resolved, issues = validate_site(record)
                if site_in is None or has_errors(issues):
                    log.warning("pull: HQ's site %s does not pass this laptop's rules; skipped: %s",
                                record.get("reference"), "; ".join(map(str, issues))[:300])
                    continue
                row = None
                if site_in.id is not None:
                    row = s.get(Site, str(site_in.id), options=[selectinload(Site.points)])
                if row is None:
                    row = s.scalar(select(Site).where(Site.reference == site_in.reference)
                                   .options(selectinload(Site.points)))
                if row is None:
                    row = Site(id=str(site_in.id) if site_in.id else new_id(), created_at=utcnow())
                    s.add(row)
                elif row.reference != site_in.reference and s.scalar(
                        select(Site.id).where(Site.reference == site_in.reference)):
                    log.warning("pull: HQ renamed site %s to %s, which this laptop already has; "
                                "skipped", row.reference, site_in.reference)
                    continue
                write_site(row, site_in, resolved)
                row.owner = "HQ"
                row.updated_at = utcnow()
                written += 1
            state = s.get(SyncState, CURSOR_KEY)
            if state is None:
                s.add(SyncState(key=CURSOR_KEY, value=page.cursor))
            else:
                state.value = page.cursor
    except OperationalError as exc:  # locked by another program, or the disk is full
        raise errors.local_db(str(exc).splitlines()[0]) from exc
    return written


def pull_all(db: Database, client: HQClient, progress: Callable[[int, int], None],
             cancelled: Callable[[], bool]) -> int:
    cursor = saved_cursor(db)
    pulled = 0
    progress(0, 0)
    while True:
        if cancelled():
            raise errors.cancelled()
        params = {"limit": PAGE}
        if cursor:
            params["cursor"] = cursor
        page = client.call("GET", "/sites", PullPage, params=params)
        pulled += apply_page(db, page)
        cursor = page.cursor
        progress(pulled, pulled + (PAGE if page.more else 0))
        if not page.more:
            return pulled
