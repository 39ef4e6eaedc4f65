"""The device side of pull: HQ's sites for this unit, page by page, each page applied together
with its cursor in one local transaction (a crash or a full disk leaves both as they were).

Sites pulled are owned by HQ (Owner.HQ): the device never edits them. They are written through
the store as HQ (app.store.sites.put_site, which keeps the ownership rule): a site the device
had created itself under the same reference is taken over by HQ's copy (same local id, so its
reports keep pointing at it). Thread: the sync worker.

Sites this laptop found in the field and proposed come back the same way, by their id: a
confirmed one as HQ's copy (put_site as HQ: the row becomes HQ's, CONFIRMED, national
reference, provisional reference kept; its reports keep pointing at the same row); a returned
one only with HQ's reason (store.sites.take_return: the site stays the laptop's, to correct
and propose again).

A site that does not pass this laptop's rules (or would collide with another local site) is
skipped, but not forgotten: its reference and the reason are kept in sync_state
(`pull_skipped`, JSON), written in the page's transaction, and every later pull first asks HQ
for those sites again (`GET /sites?reference=...`), so the cursor may move on without losing
them. A skipped site HQ no longer gives this unit is dropped from the list.
"""
from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable

from sqlalchemy import select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, selectinload

from app.db import Database
from app.models import Site, SyncState
from app.store.sites import put_site, take_return
from app.store.state import put_state
from safeland_core.protocol import PullPage
from safeland_core.validation import has_errors, validate_site
from safeland_core.vocab import Owner

from . import errors
from .transport import HQClient

log = logging.getLogger("safeland.sync")

CURSOR_KEY = "pull_cursor"
SKIPPED_KEY = "pull_skipped"
PAGE = 200
RETRY_CHUNK = 200  # references asked again per request (HQ's cap)


def saved_cursor(db: Database) -> str | None:
    with db.session() as s:
        return s.scalar(select(SyncState.value).where(SyncState.key == CURSOR_KEY))


def skipped_sites(db: Database) -> dict[str, str]:
    """HQ's sites this laptop had to skip: reference -> why."""
    with db.session() as s:
        return _read_skipped(s)


def _read_skipped(s: Session) -> dict[str, str]:
    raw = s.scalar(select(SyncState.value).where(SyncState.key == SKIPPED_KEY))
    try:
        data = json.loads(raw) if raw else {}
    except ValueError:
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def apply_page(db: Database, page: PullPage, asked_again: Iterable[str] | None = None) -> int:
    """Write a page's sites, the skipped list and (unless this page answers `asked_again`, a
    retry of skipped references) its cursor, together. Returns how many sites were written."""
    written = 0
    try:
        with db.session(write=True) as s:
            skipped = _read_skipped(s)
            if asked_again is not None:
                for ref in asked_again:  # not the unit's any more: nothing left to retry
                    skipped.pop(ref, None)
            for record in page.sites:
                if record.get("proposal_state") == "RETURNED":
                    written += _returned(s, record)
                    continue
                ref = str(record.get("reference", "")).strip()
                site_in, resolved, issues = validate_site(record)
                if site_in is None or has_errors(issues):
                    why = "; ".join(map(str, issues))[:300] or "not a valid site record"
                    log.warning("pull: HQ's site %s does not pass this laptop's rules; skipped "
                                "(asked again next sync): %s", ref, why)
                    skipped[ref] = f"does not pass this laptop's rules: {why}"
                    continue
                row = None
                if site_in.id is not None:
                    row = s.get(Site, str(site_in.id), options=[selectinload(Site.points)])
                if row is None:
                    row = s.scalar(select(Site).where(Site.reference == site_in.reference)
                                   .options(selectinload(Site.points)))
                if row is not None and row.reference != site_in.reference and s.scalar(
                        select(Site.id).where(Site.reference == site_in.reference)):
                    log.warning("pull: HQ renamed site %s to %s, which this laptop already has; "
                                "skipped (asked again next sync)", row.reference, site_in.reference)
                    skipped[site_in.reference] = (f"HQ renamed site {row.reference} to this "
                                                  "reference, which this laptop already has")
                    continue
                put_site(s, site_in, resolved, Owner.HQ, row)
                skipped.pop(site_in.reference, None)
                written += 1
            if skipped or s.get(SyncState, SKIPPED_KEY) is not None:
                put_state(s, SKIPPED_KEY, json.dumps(skipped, ensure_ascii=False, sort_keys=True))
            if asked_again is None:
                put_state(s, CURSOR_KEY, page.cursor)
    except OperationalError as exc:  # locked by another program, or the disk is full
        raise errors.local_db(str(exc).splitlines()[0]) from exc
    return written


def _returned(s: Session, record: dict) -> int:
    """HQ returned a site this laptop proposed: keep HQ's reason on the laptop's row (1), or
    nothing (0) when the row is not a proposal waiting for HQ's answer."""
    row = s.get(Site, str(record.get("id", ""))[:36])
    reason = record.get("proposal_reason")
    if row is None or not take_return(s, row, str(reason)[:2000] if reason else None):
        log.info("pull: HQ returned site %s, which is not a proposal of this laptop waiting for "
                 "HQ's answer; nothing to do", str(record.get("reference", ""))[:64])
        return 0
    log.info("pull: HQ returned site %s: %s", row.reference, str(reason)[:200])
    return 1


def pull_all(db: Database, client: HQClient, progress: Callable[[int, int], None],
             cancelled: Callable[[], bool]) -> int:
    cursor = saved_cursor(db)
    pulled = 0
    progress(0, 0)
    retry = sorted(skipped_sites(db))
    for i in range(0, len(retry), RETRY_CHUNK):
        if cancelled():
            raise errors.cancelled()
        chunk = retry[i:i + RETRY_CHUNK]
        params: dict = {"reference": chunk}
        if cursor:
            params["cursor"] = cursor
        page = client.call("GET", "/sites", PullPage, params=params)
        pulled += apply_page(db, page, asked_again=chunk)
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
