"""The status bar's counts, in plain SQL on a DB-API sqlite3 connection, without SQLAlchemy.

One definition, run two ways: by `queries.status_counts` inside a read session (the worker's
every refresh), and by the window's launcher on its own `app.db.open_plain` connection while
the data layer is still being imported, so that on a laptop with a million reports the
0.15-0.4 s of counting (SQLite's own work: it releases the GIL) runs beside the imports
instead of after them (issue 14 point 4, docs/performance.md).

Thread: any; the caller's connection, one thread at a time, inside the caller's transaction.
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from typing import Any

from safeland_core.vocab import ReportStatus


@dataclass(frozen=True)
class StatusCounts:
    """Reports, not revisions: a report amended twice counts once, where its latest revision
    stands (waiting, synced or refused); `returned`, `rejected` and `accepted` are HQ's current
    decisions on them (pulled by sync)."""

    drafts: int
    waiting: int  # signed reports whose latest revision waits for HQ
    synced: int  # signed reports whose latest revision HQ applied
    refused: int  # signed reports whose latest revision HQ refused (parked with a reason)
    last_sync: str | None
    sites: int = 0
    reports: int = 0
    extra: dict[str, Any] = field(default_factory=dict)
    returned: int = 0  # HQ returned them: to amend
    rejected: int = 0  # HQ rejected them: they do not count
    accepted: int = 0
    enrolled: bool = False  # this laptop can sync (the demo data never can)

    def as_json(self) -> dict[str, Any]:
        return {"drafts": self.drafts, "signed_waiting": self.waiting, "synced": self.synced,
                "refused": self.refused, "last_sync": self.last_sync, "sites": self.sites,
                "reports": self.reports, "returned": self.returned, "rejected": self.rejected,
                "accepted": self.accepted, "enrolled": self.enrolled}


def _scalar(conn: sqlite3.Connection, sql: str, *args: object) -> Any:
    row = conn.execute(sql, args).fetchone()
    return None if row is None else row[0]


def latest_by_state(conn: sqlite3.Connection) -> dict[str, int]:
    """How many reports' latest revisions stand in each outbox state, without joining a
    million outbox rows to their reports (8.6 s on a million-report laptop; issue 14).

    Exact by the store's rules (app/store): a report's outbox entries are made only by its
    freezes, revision 1, 2, ... each in the transaction that sets the report's `revision` to
    it, and a signed report is never deleted; imported copies have none. So a report entry is
    its report's latest revision exactly when no later entry of the same record follows it.
    Counted as: every entry per state (the state index: the small states as ranges, the rest
    as the table's count less those), less the entries of proposed sites (a seek per site on
    the (record_id, revision) index), less the superseded entries (amended reports: found
    from the entries of revision 2 and later, one walk of that same narrow index).
    tests/unit/test_status_counts.py checks it against the row-by-row definition."""
    total = int(_scalar(conn, "SELECT count(*) FROM outbox"))
    by_state = {state: int(_scalar(conn, "SELECT count(*) FROM outbox WHERE state = ?", state))
                for state in ("PENDING", "REFUSED")}
    by_state["APPLIED"] = total - sum(by_state.values())  # the outbox's third and last state
    not_latest = [
        ("SELECT state, count(*) FROM outbox WHERE record_type = 'site' "
         "AND record_id IN (SELECT id FROM sites) GROUP BY state"),
        ("SELECT state, count(*) FROM outbox WHERE record_type = 'report' AND seq IN ("
         "SELECT prev.seq FROM outbox AS prev JOIN outbox AS later "
         "ON later.record_id = prev.record_id AND later.revision > prev.revision "
         "WHERE later.revision > 1) GROUP BY state")]
    for sql in not_latest:
        for state, n in conn.execute(sql):
            by_state[state] = by_state.get(state, 0) - int(n)
    return by_state


def read_status_counts(conn: sqlite3.Connection) -> StatusCounts:
    """The status bar's counts, read on `conn` (in the caller's transaction: begin one first
    for a consistent snapshot)."""
    by_status = {str(k): int(n) for k, n in
                 conn.execute("SELECT status, count(*) FROM reports GROUP BY status")}
    by_state = latest_by_state(conn)
    last = _scalar(conn, "SELECT value FROM sync_state WHERE key = 'last_sync'")
    sites = int(_scalar(conn, "SELECT count(*) FROM sites"))
    prof = conn.execute("SELECT device_token, hq_url FROM device_profile WHERE id = 1").fetchone()
    return StatusCounts(by_status.get(ReportStatus.DRAFT, 0), by_state.get("PENDING", 0),
                        by_state.get("APPLIED", 0), by_state.get("REFUSED", 0), last,
                        sites, sum(by_status.values()),
                        returned=by_status.get(ReportStatus.RETURNED, 0),
                        rejected=by_status.get(ReportStatus.REJECTED, 0),
                        accepted=by_status.get(ReportStatus.ACCEPTED, 0),
                        enrolled=bool(prof and prof[0] and prof[1]))


def status_counts_plain(conn: sqlite3.Connection) -> StatusCounts:
    """`read_status_counts` in one read transaction of its own, on a connection in autocommit
    (`app.db.connect_plain`'s)."""
    conn.execute("BEGIN")
    try:
        return read_status_counts(conn)
    finally:
        conn.execute("COMMIT")
