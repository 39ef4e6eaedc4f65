"""A reviewer confirms a site found in the field, in a real browser (Debian's Chromium through
Playwright): a real laptop proposed the site and a report on it and synced; the sites page shows
the proposal first, with its forms; the reviewer gives the national reference and confirms; the
laptop's next sync brings the site down under that reference, with its report. Screenshots of
the sites list with a proposed site, English and Khmer, go to docs/screenshots/."""
from __future__ import annotations

import re

import pytest

from tests.browser.test_hq_pages import PW, sign_in
from tests.helpers.synchq import demo_sites, enroll, import_sites

pytestmark = pytest.mark.slow  # a real Chromium driving HQ's pages

SITE = {"name": "Phnom Kulen stream bank", "hazard_type": "SHA", "contamination": ["AP_MINE"],
        "province_code": "17", "district_code": "1703", "intended_land_use": "AGRICULTURE",
        "points": [{"type": "BENCHMARK", "lat": 13.599, "lon": 104.0},
                   {"type": "TURNING", "seq": 1, "lat": 13.60, "lon": 104.0},
                   {"type": "TURNING", "seq": 2, "bearing_deg": 90, "distance_m": 120},
                   {"type": "TURNING", "seq": 3, "bearing_deg": 180, "distance_m": 80},
                   {"type": "TURNING", "seq": 4, "bearing_deg": 270, "distance_m": 120}]}
NATIONAL = "BS/SHA/CMAA/77010"


def test_a_reviewer_confirms_a_proposed_site_with_its_national_reference(page, db, hq, hq_db, shot):
    from app.domain import services
    from app.domain.proposals import propose_sites
    from app.domain.queries import get_report, get_site
    from app.sync.api import run_sync
    from hq import users

    import_sites(hq_db, demo_sites("DU4"))
    services.save_profile(db, "CMAC", "DU4", "DU4-NTS-1", "Sok Dara")
    enroll(db, hq_db, hq.url, unit="DU4")
    [site_id], _ = propose_sites(db, {"format": "safeland/1", "sites": [SITE]})
    provisional = get_site(db, site_id).reference
    report_id, _ = services.save_and_sign(db, {
        "site_reference": provisional, "date": "2025-05-14", "activity": "NON_TECHNICAL_SURVEY",
        "assets": ["MANUAL"], "team": "DU4-NTS-1", "team_leader": "Sok Dara", "personnel": 4,
        "hours_worked": 6, "area_cancelled_m2": 1200})
    assert run_sync(db).ok
    users.add_user(hq_db, "sokha", "reviewer", PW)

    sign_in(page, hq.url, "sokha")
    page.click("header nav a[href='/sites']")
    row = page.locator(f"#proposal-{site_id}")
    assert provisional in row.inner_text() and "DU4 laptop" not in row.inner_text()
    # The proposal is first on the page, before HQ's own sites.
    assert page.locator("section#proposed").count() == 1
    assert page.locator("table.grid tbody tr").first.get_attribute("id") == f"proposal-{site_id}"
    shot(page, "hq-sites-proposed-en.png")
    page.click("a[lang=km]")
    page.wait_for_selector("text=បានស្នើ (រកឃើញនៅទីវាល)")
    assert "លេខយោងជាតិ" in page.inner_text(f"#proposal-{site_id}")
    shot(page, "hq-sites-proposed-km.png")
    page.click("a[lang=en]")
    page.wait_for_selector("text=Proposed (found in the field)")

    row = page.locator(f"#proposal-{site_id}")
    row.locator("input.confirm-reference").fill(NATIONAL)
    row.locator("button.confirm-site").click()
    page.wait_for_url(re.compile(r".*/sites\?done=confirmed.*"))
    assert f"Site confirmed as {NATIONAL}" in page.inner_text("#done")
    assert page.locator(f"#proposal-{site_id}").count() == 0
    page.click(f"table.grid a[href='/sites/{site_id}']")
    assert "Confirmed by HQ" in page.inner_text("#proposal-state")
    assert provisional in page.inner_text("main")
    assert page.locator("svg#plan polygon").count() == 1

    # The laptop's next sync: the site is HQ's, under the national reference, with its report.
    out = run_sync(db)
    assert out.ok and out.pulled_sites == 1
    mine = get_site(db, site_id)
    assert (mine.reference, mine.owner, mine.proposal_state, mine.provisional_reference) == \
        (NATIONAL, "HQ", "CONFIRMED", provisional)
    assert get_report(db, report_id).site_reference == NATIONAL
