"""The device side of HQ's review decisions (`GET /reviews`, format `safeland-reviews/1`):
pulled after the sites in the same sync run, page by page, with their own cursor.

Each page is applied together with its cursor (sync_state `review_cursor`) in one local write
transaction, so a crash or a full disk leaves both as they were and the page comes again.
HQ gives each decision once after a cursor; applying a page a second time changes nothing
either (`app.store.reports.set_review` keeps a decision it already holds once). A decision
becomes the report's status only when it is on the revision the laptop holds now; one on an
older revision (the team leader amended since) is kept in the report's review log, for the
history. A decision on a report this laptop does not hold (another copy of this laptop wrote
it) is logged and passed over: the cursor moves on. Thread: the sync worker.
"""
from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel, ConfigDict
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from app.db import Database
from app.models import Report, SyncState
from app.store.reports import set_review
from app.store.state import put_state
from safeland_core.vocab import ReportStatus

from . import errors
from .transport import HQClient

log = logging.getLogger("safeland.sync")

REVIEW_CURSOR_KEY = "review_cursor"
REVIEWS_FORMAT = "safeland-reviews/1"
PAGE = 200
MAX_REASON = 4000  # HQ allows 2,000; a longer one is cut, never a reason to refuse the page
MAX_BY = 200


class ReviewItem(BaseModel):
    """One decision as HQ's feed gives it (hq/review.py ReviewItem)."""

    model_config = ConfigDict(extra="ignore")

    record_id: str
    revision: int
    decision: Literal["ACCEPTED", "RETURNED", "REJECTED"]
    reason: str | None = None
    by: str
    at: str  # ISO UTC, HQ's clock


class ReviewPage(BaseModel):
    """A page of the feed. `format` makes a captive portal's JSON, or the sites feed's page,
    fail validation: only HQ's answer counts."""

    model_config = ConfigDict(extra="ignore")

    format: Literal["safeland-reviews/1"]
    reviews: list[ReviewItem]
    cursor: str
    more: bool


@dataclass
class ReviewsApplied:
    """What the decisions pulled in a run did: `changed` maps a decision to the reports whose
    current status it set (a report counts once, under its last decision)."""

    decisions: int = 0
    changed: dict[str, str] = field(default_factory=dict)  # report id -> ACCEPTED / RETURNED / ...
    unknown: int = 0  # decisions on reports this laptop does not hold

    def count(self, decision: str) -> int:
        return sum(1 for d in self.changed.values() if d == decision)

    def __iadd__(self, other: ReviewsApplied) -> ReviewsApplied:
        self.decisions += other.decisions
        self.changed.update(other.changed)
        self.unknown += other.unknown
        return self


def saved_review_cursor(db: Database) -> str | None:
    with db.session() as s:
        return s.scalar(select(SyncState.value).where(SyncState.key == REVIEW_CURSOR_KEY))


def _hq_time(text: str) -> dt.datetime | None:
    """HQ's ISO UTC time as stored (naive UTC); None when HQ wrote something unreadable."""
    try:
        when = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if when.tzinfo is not None:
        when = when.astimezone(dt.UTC).replace(tzinfo=None)
    return when.replace(microsecond=0)


def apply_review_page(db: Database, page: ReviewPage) -> ReviewsApplied:
    """Write a page's decisions and its cursor in one transaction."""
    done = ReviewsApplied(decisions=len(page.reviews))
    try:
        with db.session(write=True) as s:
            for item in page.reviews:
                row = s.get(Report, item.record_id)
                if row is None or row.status == ReportStatus.DRAFT:
                    log.warning("pull: HQ's decision %s on report %s revision %d: this laptop "
                                "holds no signed report of that id; passed over", item.decision,
                                item.record_id[:64], item.revision)
                    done.unknown += 1
                    continue
                if item.revision > row.revision:
                    log.warning("pull: HQ decided on revision %d of report %s, which this laptop "
                                "does not hold (it holds %d); kept in the history only",
                                item.revision, row.id, row.revision)
                reason = (item.reason or "").strip()[:MAX_REASON] or None
                changed = set_review(s, row, ReportStatus(item.decision), reason,
                                     by=item.by.strip()[:MAX_BY] or None, at=_hq_time(item.at),
                                     revision=item.revision)
                if changed:
                    done.changed[row.id] = item.decision
                    log.info("pull: report %s revision %d %s by %s", row.id, item.revision,
                             item.decision, item.by[:MAX_BY])
            put_state(s, REVIEW_CURSOR_KEY, page.cursor)
    except OperationalError as exc:  # locked by another program, or the disk is full
        raise errors.local_db(str(exc).splitlines()[0]) from exc
    return done


def pull_reviews(db: Database, client: HQClient, progress: Callable[[int, int], None],
                 cancelled: Callable[[], bool]) -> ReviewsApplied:
    """Every decision HQ made on this laptop's reports since the saved cursor."""
    cursor = saved_review_cursor(db)
    total = ReviewsApplied()
    progress(0, 0)
    while True:
        if cancelled():
            raise errors.cancelled()
        params: dict = {"limit": PAGE}
        if cursor:
            params["cursor"] = cursor
        page = client.call("GET", "/reviews", ReviewPage, params=params)
        total += apply_review_page(db, page)
        cursor = page.cursor
        progress(total.decisions, total.decisions + (PAGE if page.more else 0))
        if not page.more:
            return total
