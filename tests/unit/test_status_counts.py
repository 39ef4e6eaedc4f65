"""The status bar's counts (waiting, synced, refused: where each report's latest revision
stands with HQ) are exact on a laptop where revisions, amendments, refusals, site proposals
and other laptops' copies mix, and are counted without joining every outbox entry to its
report (8.6 s on a million-report laptop; issue 14 point 4). They are one definition in plain
SQL (app.domain.counts), read by the worker inside a session and by the window's launcher on
a plain sqlite3 connection before SQLAlchemy is imported: both reads give the same counts."""
from __future__ import annotations

import copy
import uuid

from sqlalchemy import select

from app.db import open_database, open_plain
from app.domain import queries, services
from app.domain.counts import status_counts_plain
from app.domain.proposals import propose_site
from app.domain.transfer import export_document, import_document
from app.models import DeviceProfile, OutboxEntry, Report
from app.store import outbox
from app.store.outbox import OutboxState
from tests.unit.test_site_add import SITE  # a site found in the field


def _answer(db, record_id: str, state: OutboxState, revision: int | None = None) -> None:
    """HQ's answer to the record's entry (its latest one unless `revision` says which)."""
    with db.session(write=True) as s:
        q = select(OutboxEntry).where(OutboxEntry.record_id == record_id)
        if revision is not None:
            q = q.where(OutboxEntry.revision == revision)
        entry = s.scalars(q.order_by(OutboxEntry.revision.desc())).first()
        outbox.mark(s, [(entry.seq, state, "code" if state == OutboxState.REFUSED else None,
                         "HQ's reason" if state == OutboxState.REFUSED else None)])


def _amend(db, report_id: str, personnel: int) -> None:
    rec = queries.get_report(db, report_id).model_dump(mode="json")
    services.amend(db, report_id, dict(rec, personnel=personnel), reason=f"{personnel} people",
                   accept_warnings=True)


def _by_hand(db) -> tuple[int, int, int]:
    """The definition, read row by row: each report's latest revision's outbox state."""
    with db.session() as s:
        states = {(e.record_id, e.revision): e.state for e in s.scalars(
            select(OutboxEntry).where(OutboxEntry.record_type == "report"))}
        latest = [states.get((r.id, r.revision)) for r in s.scalars(select(Report))]
    return latest.count("PENDING"), latest.count("APPLIED"), latest.count("REFUSED")


def _mixed_laptop(db, demo_doc, other_path) -> None:
    """The demo laptop after a while: answers, amendments of each kind, sites proposed and
    answered, and another laptop's signed copies imported (they have no outbox entries)."""
    services.save_profile(db, "CMAC", "DU5", "DU5-EOD-1", "Keo Sarath")
    with db.session() as s:
        signed = list(s.scalars(select(Report.id).where(Report.status == "SIGNED")
                                .order_by(Report.date, Report.id)))
    for rid in signed[:50]:
        _answer(db, rid, OutboxState.APPLIED)
    for rid in signed[50:56]:
        _answer(db, rid, OutboxState.REFUSED)
    for rid in signed[:5]:  # applied, amended: the amendment waits
        _amend(db, rid, 3)
    for rid in signed[5:8]:  # applied, amended, the amendment applied too
        _amend(db, rid, 3)
        _answer(db, rid, OutboxState.APPLIED)
    _amend(db, signed[8], 3)  # three revisions: applied, refused, waiting
    _answer(db, signed[8], OutboxState.REFUSED)
    _amend(db, signed[8], 4)
    _amend(db, signed[50], 3)  # refused, corrected: waits again
    _amend(db, signed[51], 3)  # refused, corrected, and the correction refused too
    _answer(db, signed[51], OutboxState.REFUSED)
    _amend(db, signed[60], 3)  # amended before HQ answered: both revisions waited
    _answer(db, signed[60], OutboxState.APPLIED, revision=1)
    site_ids = [propose_site(db, dict(SITE, name=f"Field site {n}",
                                      points=[dict(p, lat=p["lat"] + n / 10) if "lat" in p else p
                                              for p in SITE["points"]]),
                             accept_warnings=True)[0] for n in range(3)]
    _answer(db, site_ids[0], OutboxState.APPLIED)
    _answer(db, site_ids[1], OutboxState.REFUSED)
    other = copy.deepcopy(demo_doc)
    for rep in other["reports"]:
        rep["id"] = str(uuid.uuid4())
    laptop = open_database(other_path)  # another laptop of the unit signs its own reports
    try:
        import_document(laptop, other)
        services.sign(laptop)
        copies = [r for r in export_document(laptop)["reports"] if r["status"] == "SIGNED"][:20]
    finally:
        laptop.close()
    assert import_document(db, {"format": "safeland/1", "reports": copies},
                           accept_warnings=True).reports_created == 20


def test_counts_are_where_each_reports_latest_revision_stands(demo_db, demo_doc, tmp_path):
    _mixed_laptop(demo_db, demo_doc, tmp_path / "other.db")
    counts = queries.status_counts(demo_db)
    assert (counts.waiting, counts.synced, counts.refused) == _by_hand(demo_db)
    # Of the 90 signed demo reports, worked out by hand: synced, the 50 applied less the 5
    # whose amendment waits and the one amended twice (the 3 amended and applied again stay);
    # refused, the 6 less the one corrected (the other's correction refused again); waiting,
    # the rest.
    assert (counts.waiting, counts.synced, counts.refused) == (41, 44, 5)


def _read_ahead(path) -> queries.StatusCounts:
    """The counts as the launcher reads them: plain sqlite3, no session."""
    conn = open_plain(path)
    try:
        return status_counts_plain(conn)
    finally:
        conn.close()


def test_the_counts_read_ahead_are_the_workers_counts(demo_db, demo_doc, tmp_path):
    """The launcher's plain read and the worker's session read agree, field by field: on an
    empty laptop (no profile, no outbox), on the demo laptop, and on the mixed one enrolled."""
    empty = open_database(tmp_path / "empty.db")
    try:
        assert _read_ahead(empty.path) == queries.status_counts(empty)
        assert queries.status_counts(empty) == queries.StatusCounts(0, 0, 0, 0, None)
    finally:
        empty.close()
    assert _read_ahead(demo_db.path) == queries.status_counts(demo_db)
    _mixed_laptop(demo_db, demo_doc, tmp_path / "other.db")
    with demo_db.session(write=True) as s:  # enrolled, as `safeland enroll` leaves it
        profile = s.get(DeviceProfile, 1)
        profile.hq_url, profile.device_id, profile.device_token = "https://hq.example", "d1", "t"
    ahead = _read_ahead(demo_db.path)
    assert ahead == queries.status_counts(demo_db) and ahead.enrolled
    assert (ahead.waiting, ahead.synced, ahead.refused) == _by_hand(demo_db) == (41, 44, 5)
    assert (ahead.sites, ahead.reports) == (8, 120)  # 5 + 3 proposed; 100 + the 20 copies


def _plain_plans(path) -> list[str]:
    """The query plans of the statements the counting runs (as the launcher runs it)."""
    conn = open_plain(path)
    seen: list[str] = []
    try:
        conn.set_trace_callback(seen.append)
        status_counts_plain(conn)
        conn.set_trace_callback(None)
        return [" / ".join(str(r[3]) for r in conn.execute("EXPLAIN QUERY PLAN " + stmt))
                for stmt in seen if stmt.lstrip().upper().startswith("SELECT")]
    finally:
        conn.close()


def test_counting_never_looks_up_a_report_per_outbox_entry(demo_db):
    """Each report probed by its text key for each outbox entry was 8.6 s at a million."""
    plans = _plain_plans(demo_db.path)
    assert sum("outbox" in p for p in plans) >= 4, plans  # the outbox's counts were seen
    for plan in plans:
        assert not ("outbox" in plan and "reports" in plan), plan
