"""HQ's pages in a real browser (Debian's Chromium through Playwright): a reviewer signs in,
returns a report that arrived through a real `safeland sync`, sees it in the activity, sees the
amendment come back as RECEIVED; the Khmer pages use the Noto Sans Khmer that HQ serves; an
admin registers a laptop. Screenshots go to docs/screenshots/."""
from __future__ import annotations

import re

import pytest

from tests.helpers.synchq import demo_sites, import_sites, new_code

pytestmark = pytest.mark.slow  # a real Chromium driving HQ's pages

PW = "correct horse battery staple"
FONT_JS = """async () => {
  await document.fonts.ready;
  return [...document.fonts].filter(f => f.family.replace(/["']/g, '') === 'Noto Sans Khmer')
                            .map(f => f.status);
}"""


def _amend(field_db, report_id: str, reason: str) -> None:
    from app.domain import services
    from app.domain.queries import get_report

    rep = get_report(field_db, report_id).model_dump(mode="json")
    rep["clearance_depth_cm"] = 30 if rep.get("activity") == "CLEARANCE" else rep.get("clearance_depth_cm")
    rep["notes"] = (rep.get("notes") or "") + " Lane 3 depth measured again: 30 cm."
    services.amend(field_db, report_id, rep, reason, accept_warnings=True)


def sign_in(page, url: str, username: str) -> None:
    page.goto(url + "/")
    assert page.url.endswith("/signin")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PW)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r".*/reports$"))


def test_review_a_pushed_report_in_english_and_khmer(page, db, hq, hq_db, safeland, shot):
    from app.domain import demo
    from hq import users

    demo.fill(db)
    import_sites(hq_db, demo_sites("DU4"))
    assert safeland("enroll", "--hq", hq.url, "--code", new_code(hq_db, unit="DU4",
                                                                  name="DU4 team laptop")).code == 0
    r = safeland("sync")
    assert r.code == 0, r
    users.add_user(hq_db, "sokha", "reviewer", PW)

    font_requests = []
    page.on("response", lambda resp: font_requests.append(resp.status)
            if resp.url.endswith("/static/fonts/noto-sans-khmer.ttf") else None)
    sign_in(page, hq.url, "sokha")
    assert page.locator("nav.states a.on").inner_text().startswith("Received")
    assert page.locator("table.grid tbody tr").count() == 90
    shot(page, "hq-review-en.png")

    # Open a clearance report with a device found and return it with a reason.
    page.locator("table.grid tbody tr", has_text="Heng Dara").first.locator("a").first.click()
    page.wait_for_url(re.compile(r".*/reports/[0-9a-f-]{36}$"))
    rid = page.url.rsplit("/", 1)[1]
    assert page.inner_text("#state") == "Received"
    page.fill("#return-reason", "Clearance depth of lane 3 is not recorded; measure and amend.")
    page.click("#return")
    page.wait_for_url(re.compile(rf".*/reports/{rid}$"))
    assert page.inner_text("#state") == "Returned"
    activity = page.inner_text("#activity")
    assert "returned to the team by sokha" in activity
    assert "Clearance depth of lane 3 is not recorded" in activity
    assert page.locator("#accept").count() == 0  # decided: no more buttons

    # The team amends it on the laptop and syncs: it is back in the queue as RECEIVED.
    _amend(db, rid, "Lane 3 depth measured: 30 cm")
    r = safeland("sync")
    assert r.code == 0, r
    page.reload()
    assert page.inner_text("#state") == "Received"
    activity = page.inner_text("#activity")
    assert "amendment received from DU4 team laptop" in activity
    assert "Lane 3 depth measured: 30 cm" in activity
    assert page.locator("#accept").count() == 1
    shot(page, "hq-report-en.png", full_page=True)

    # Khmer: the switch, the words, and the font HQ serves actually in use.
    page.click("header .langs a[lang=km]")
    page.wait_for_url(re.compile(rf".*/reports/{rid}$"))
    assert page.get_attribute("html", "lang") == "km"
    assert page.inner_text("#state") == "បានទទួល"
    statuses = page.evaluate(FONT_JS)
    assert "loaded" in statuses, statuses
    assert page.evaluate("""() => document.fonts.check('16px "Noto Sans Khmer"', 'ខ្មែរ')""")
    assert 200 in font_requests
    shot(page, "hq-report-km.png", full_page=True)
    page.goto(hq.url + "/reports")
    assert "របាយការណ៍ត្រូវពិនិត្យ" in page.inner_text("h1")
    assert "loaded" in page.evaluate(FONT_JS)
    shot(page, "hq-review-km.png")


def test_an_admin_registers_a_laptop_and_sees_the_code_once(page, hq, hq_db, shot):
    from hq import users

    users.add_user(hq_db, "admin", "admin", PW)
    sign_in(page, hq.url, "admin")
    page.click("header nav a[href='/devices']")
    page.fill("input[name=name]", "DU5 EOD laptop")
    page.fill("input[name=unit]", "DU5")
    page.click("form.stack button[type=submit]")
    code = page.inner_text("#enrollment-code")
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", code)
    assert "DU5 EOD laptop" in page.inner_text("table.grid")
    shot(page, "hq-devices-en.png")
    page.goto(hq.url + "/devices")
    assert code not in page.content()  # shown once
    page.click("table.grid button.bad")
    assert "revoked" in page.inner_text("table.grid")


def test_a_site_is_drawn_to_scale(page, hq, hq_db, shot):
    from hq import users

    import_sites(hq_db, demo_sites("DU4"))
    users.add_user(hq_db, "dara", "viewer", PW)
    sign_in(page, hq.url, "dara")
    page.click("header nav a[href='/sites']")
    assert page.locator("table.grid tbody tr").count() == 5
    page.click("text=BS/CHA/CMAA/60222")
    svg = page.locator("svg#plan")
    assert svg.locator("polygon").count() == 1
    # To scale: the drawing's width and height keep the polygon's own proportions.
    box = svg.locator("polygon").bounding_box()
    extent = page.inner_text("section.panel p.muted.small")
    ew, ns = [int(n) for n in re.findall(r"(\d+) m", extent)[:2]]
    assert box["width"] > 50 and box["height"] > 50 and ew > 0 and ns > 0
    shot(page, "hq-site-en.png")
