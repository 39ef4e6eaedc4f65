"""The status bar's counts (waiting, synced, refused: where each report's latest revision
stands with HQ) are exact on a laptop where revisions, amendments, refusals, site proposals
and other laptops' copies mix, and are counted without joining every outbox entry to its
report (8.6 s on a million-report laptop; issue 14 point 4)."""
from __future__ import annotations

import copy
import uuid

from sqlalchemy import select

from app.db import open_database
from app.domain import queries, services
from app.domain.proposals import propose_site
from app.domain.transfer import export_document, import_document
from app.models import OutboxEntry, Report
from app.store import outbox
from app.store.outbox import OutboxState
from tests.unit.test_reports_page_plan import _plans
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


def test_counting_never_looks_up_a_report_per_outbox_entry(demo_db):
    """Each report probed by its text key for each outbox entry was 8.6 s at a million."""
    for plan in _plans(demo_db, lambda: queries.status_counts(demo_db)):
        assert not ("outbox" in plan and "reports" in plan), plan
