"""The field store: the one writer of each record table, keeping that table's rules.

    sites.put_site           sites + site_points   ownership (Owner.HQ rows only as HQ); a
                                                   PROPOSED site waits for HQ's answer
    sites.propose_site       sites (+ outbox)      a site found in the field, queued for HQ
    sites.take_return        sites                 HQ returned a proposal: state and reason
    reports.put_report       reports + items       a signed report is frozen (drafts only)
    reports.insert_imported  reports, items, revisions   import's bulk path (executemany)
    reports.set_review       reports (+ sync_state review_log)   HQ's decision on a signed revision
    reports.delete_draft     reports               only drafts are deleted
    revisions.sign_drafts    revisions (+ outbox)  freeze: revision 1, no prev_hash
    revisions.amend_report   reports, revisions (+ outbox)   freeze: revision n+1 chained on n
    outbox.enqueue           outbox                only from a freeze or a proposal, in its
                                                   transaction
    outbox.mark              outbox                PENDING -> APPLIED / REFUSED, once
    state.put_state          sync_state            one key, one value
    (no writer)              site_totals, site_days, site_teams, site_devices: kept by SQLite
                                                   triggers on reports and report_items
                                                   (migration 0004), in the writing statement

Every function takes the caller's Session and writes inside the caller's transaction (the
caller commits: one transaction per service call, import all-or-nothing, pull page + cursor
together). Validation stays with the callers (safeland_core.validation); the store keeps the
rules of the tables themselves and refuses with `app.domain.errors.Invalid`. Each writer is
marked with `safeland_core.store_guard.writer`: with the guard on (tests), writing these tables
anywhere else raises. Thread: the thread that owns the session (the write worker, the sync
worker, or the CLI's main thread). No Qt here.
"""
from __future__ import annotations

from . import guard as guard  # registers the protected tables with the runtime guard
