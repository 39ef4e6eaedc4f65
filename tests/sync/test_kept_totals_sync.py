"""Sync keeps the site totals right (migration 0004's kept totals): pushing, pulling HQ's copies
of the sites (which take the device's own rows over) and HQ's review decisions, and amending a
returned report onto another site, leave every site's totals equal to its reports and items
counted from scratch."""
from __future__ import annotations

from sqlalchemy import select

from tests.helpers.kept_totals import assert_kept_totals_right


def test_kept_totals_after_push_pull_and_review(enrolled, hq, hq_db):
    from app.domain import services
    from app.domain.queries import get_report
    from app.models import OutboxEntry
    from app.sync.api import run_sync
    from hq import review, users

    assert run_sync(enrolled).ok
    with enrolled.session() as s:
        returned, rejected = s.scalars(select(OutboxEntry.record_id).order_by(OutboxEntry.seq)
                                       .limit(2)).all()
    officer = users.add_user(hq_db, "sokha", "reviewer", "correct horse battery staple")
    review.decide(hq_db, returned, "RETURNED", "wrong site", officer, 1)
    review.decide(hq_db, rejected, "REJECTED", "a duplicate", officer, 1)
    assert run_sync(enrolled).decided == {returned: "RETURNED", rejected: "REJECTED"}
    assert assert_kept_totals_right(enrolled) == 4

    rep = get_report(enrolled, returned).model_dump(mode="json")
    other = next(ref for ref in ("BS/CHA/CMAA/71408", "BS/CHA/CMAA/40117")
                 if ref != rep["site_reference"])
    services.amend(enrolled, returned, dict(rep, site_reference=other, items=rep["items"][:1],
                                            area_cleared_m2=rep["area_cleared_m2"] + 10),
                   "entered under the wrong site", accept_warnings=True)
    assert run_sync(enrolled).ok
    assert get_report(enrolled, returned).site_reference == other
    assert assert_kept_totals_right(enrolled) == 4
