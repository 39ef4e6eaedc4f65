"""The loop closes, end to end with real processes (issue 12, "Done means"): a real laptop
database signs and `safeland sync`s; a reviewer returns a report with a reason in Chromium;
`safeland sync` brings the return down and the laptop shows RETURNED with the reason; the team
leader runs `safeland amend`; sync; HQ's page shows revision 2 RECEIVED with the change; the
reviewer accepts it in the browser; sync; the laptop shows ACCEPTED."""
from __future__ import annotations

import json
import re

import pytest

from tests.browser.test_hq_pages import PW, sign_in
from tests.helpers.synchq import demo_sites, import_sites, new_code

pytestmark = pytest.mark.slow  # a real Chromium, HQ, and `safeland` in subprocesses

REASON = "Clearance depth of lane 3 is not recorded; measure it and amend."
FIX = "Lane 3 depth measured again: 30 cm."


def _laptop_report(safeland, tmp_path, rid: str) -> dict:
    out = tmp_path / "laptop.json"
    r = safeland("export", "-o", str(out))
    assert r.code == 0, r
    return {rec["id"]: rec for rec in json.loads(out.read_text())["reports"]}[rid]


def test_return_amend_accept_round_trip(page, db, hq, hq_db, safeland, tmp_path):
    from app.domain import demo
    from hq import users

    demo.fill(db)
    import_sites(hq_db, demo_sites("DU4"))
    code = new_code(hq_db, unit="DU4", name="DU4 team laptop")
    assert safeland("enroll", "--hq", hq.url, "--code", code).code == 0
    r = safeland("sync")
    assert r.code == 0, r
    users.add_user(hq_db, "sokha", "reviewer", PW)

    # The reviewer returns a clearance report with a reason.
    sign_in(page, hq.url, "sokha")
    page.locator("table.grid tbody tr", has_text="Clearance").first.locator("a").first.click()
    page.wait_for_url(re.compile(r".*/reports/[0-9a-f-]{36}$"))
    rid = page.url.rsplit("/", 1)[1]
    page.fill("#return-reason", REASON)
    page.click("#return")
    page.wait_for_url(re.compile(rf".*/reports/{rid}$"))
    assert page.inner_text("#state") == "Returned"

    # The laptop's next sync brings it down: RETURNED, with the reason and who.
    r = safeland("sync")
    assert r.code == 0, r
    assert "HQ returned 1 report" in r.out and REASON in r.out and "by sokha" in r.out
    rec = _laptop_report(safeland, tmp_path, rid)
    assert rec["status"] == "RETURNED"
    assert rec["review"]["reason"] == REASON and rec["review"]["by"] == "sokha"
    status = json.loads(safeland("status", "--json").out)
    assert status["returned"] == 1 and status["synced"] == 90

    # The team leader amends it from the command line and syncs.
    rec["notes"] = (rec.get("notes") or "") + " " + FIX
    amended = tmp_path / "amend.json"
    amended.write_text(json.dumps({"format": "safeland/1", "reports": [rec]}, ensure_ascii=False),
                       encoding="utf-8")
    r = safeland("amend", rid, "--reason", "lane 3 depth measured, as HQ asked", str(amended))
    assert r.code == 0, r
    assert "revision 2" in r.out
    r = safeland("sync")
    assert r.code == 0, r
    assert json.loads(safeland("status", "--json").out)["returned"] == 0

    # HQ shows revision 2, RECEIVED again, with what changed.
    page.reload()
    assert page.inner_text("#state") == "Received"
    assert "Revision 2" in page.inner_text("p.muted >> nth=0")
    changes = page.inner_text("table.changes")
    assert FIX in changes
    assert "lane 3 depth measured, as HQ asked" in page.inner_text("#activity")
    page.click("#accept")
    page.wait_for_url(re.compile(rf".*/reports/{rid}$"))
    assert page.inner_text("#state") == "Accepted"

    # The laptop's next sync: ACCEPTED, and the return stays in its history.
    r = safeland("sync")
    assert r.code == 0, r
    assert "HQ accepted 1 report" in r.out
    rec = _laptop_report(safeland, tmp_path, rid)
    assert rec["status"] == "ACCEPTED" and rec["revision"] == 2
    assert rec["review"]["decision"] == "ACCEPTED" and rec["review"]["by"] == "sokha"
    from app.domain.queries import review_state

    state = review_state(db, rid)
    assert [(d.revision, d.decision) for d in state.decisions] == [(1, "RETURNED"), (2, "ACCEPTED")]
