"""A reviewer's decisions on sites found in the field (issue 12, point 4): `safeland-hq site
confirm|return` and the sites page's forms, over real HTTP against a site a real laptop proposed
through `run_sync`. Roles, unit limits, CSRF, refused references, overlaps, the audit trail."""
from __future__ import annotations

import copy
import re

import httpx
import pytest
from sqlalchemy import select

from tests.helpers.synchq import demo_sites, enroll, import_sites

PW = "correct horse battery staple"
SITE = {"name": "Phnom Kulen stream bank", "hazard_type": "SHA", "contamination": ["AP_MINE"],
        "province_code": "17", "district_code": "1701",
        "points": [{"type": "TURNING", "seq": 1, "lat": 13.60, "lon": 104.0},
                   {"type": "TURNING", "seq": 2, "bearing_deg": 90, "distance_m": 120},
                   {"type": "TURNING", "seq": 3, "bearing_deg": 180, "distance_m": 80},
                   {"type": "TURNING", "seq": 4, "bearing_deg": 270, "distance_m": 120}]}


@pytest.fixture(autouse=True)
def _quick(_fast_retries):
    """The laptop retries with a short backoff."""


@pytest.fixture
def proposed(db, hq, hq_db):
    """HQ holding the demo's sites (DU4, one of them DU5) and a site a DU4 laptop found in the
    field and proposed (synced for real). Users: a viewer, a reviewer, a DU5-only reviewer."""
    from app.domain import services
    from app.domain.proposals import propose_sites
    from app.sync.api import run_sync
    from hq import users

    import_sites(hq_db, demo_sites("DU4", {"BS/CHA/CMAA/60222": "DU5"}))
    services.save_profile(db, "CMAC", "DU4", "DU4-NTS-1", "Sok Dara")
    enroll(db, hq_db, hq.url, unit="DU4")
    [site_id], _ = propose_sites(db, {"format": "safeland/1", "sites": [copy.deepcopy(SITE)]})
    assert run_sync(db).ok
    users.add_user(hq_db, "viewer", "viewer", PW)
    users.add_user(hq_db, "rev", "reviewer", PW)
    users.add_user(hq_db, "rev5", "reviewer", PW, unit="DU5")
    return site_id


def _cli(hq_url: str, *args: str) -> int:
    from hq.cli import main

    return main(["--database-url", hq_url, *args])


def _held(hq_db, site_id: str):
    from hq.models import Site

    with hq_db.session() as s:
        return s.get(Site, site_id)


def _audit(hq_db) -> list[tuple[str, str, str]]:
    from hq.models import AuditEvent

    with hq_db.session() as s:
        return [(a.actor, a.action, a.target) for a in s.scalars(
            select(AuditEvent).where(AuditEvent.action.like("site.%")).order_by(AuditEvent.id))]


def test_confirm_from_the_command_line(proposed, hq_url, hq_db, capsys):
    site_id = proposed
    provisional = _held(hq_db, site_id).reference
    # A viewer may not decide; nor may a user that does not exist.
    assert _cli(hq_url, "site", "confirm", site_id, "--by", "viewer") == 1
    assert "may not decide" in capsys.readouterr().err
    # A reference another site holds is refused, as is one differing only by case and spaces.
    assert _cli(hq_url, "site", "confirm", site_id, "--reference", "BS/CHA/CMAA/71408",
                "--by", "rev") == 1
    assert "reference_taken" in capsys.readouterr().err
    assert _cli(hq_url, "site", "confirm", site_id, "--reference", "bs/cha/cmaa/ 71408",
                "--by", "rev") == 1
    assert "reference_similar" in capsys.readouterr().err
    assert _cli(hq_url, "site", "confirm", site_id, "--reference", "PROV-DU4-00000000",
                "--by", "rev") == 1
    assert "reference_provisional" in capsys.readouterr().err
    assert _held(hq_db, site_id).proposal_state == "PROPOSED"

    assert _cli(hq_url, "site", "confirm", site_id, "--reference", "BS/SHA/CMAA/77002",
                "--by", "rev") == 0
    out = capsys.readouterr().out
    assert "confirmed by rev as BS/SHA/CMAA/77002" in out and provisional in out
    held = _held(hq_db, site_id)
    assert (held.proposal_state, held.reference, held.provisional_reference) == \
        ("CONFIRMED", "BS/SHA/CMAA/77002", provisional)
    # Decided once: a second decision is refused.
    assert _cli(hq_url, "site", "return", site_id, "--reason", "late", "--by", "rev") == 1
    assert "already confirmed" in capsys.readouterr().err
    assert _audit(hq_db) == [("rev", "site.confirm", site_id)]


def test_return_needs_a_reason_and_an_overlap_needs_consent(proposed, db, hq_url, hq_db, capsys):
    from app.domain.proposals import propose_sites
    from app.sync.api import run_sync

    assert _cli(hq_url, "site", "return", proposed, "--reason", "  ", "--by", "rev") == 1
    assert "reason_required" in capsys.readouterr().err
    assert _cli(hq_url, "site", "return", proposed, "--reason", "Walk the south side again",
                "--by", "rev") == 0
    assert _held(hq_db, proposed).proposal_reason == "Walk the south side again"

    # A second team proposes the same field: confirming it is refused unless accepted.
    [twin], _ = propose_sites(db, {"format": "safeland/1",
                                   "sites": [dict(copy.deepcopy(SITE), name="Same field")]},
                              accept_warnings=True)
    assert run_sync(db).ok
    assert _cli(hq_url, "site", "confirm", twin, "--by", "rev") == 1
    assert "site_overlap" in capsys.readouterr().err and _held(hq_db, twin).proposal_state == "PROPOSED"
    assert _cli(hq_url, "site", "confirm", twin, "--accept-overlap", "--by", "rev") == 0
    assert "warning: the polygon overlaps site" in capsys.readouterr().err
    assert [a[1] for a in _audit(hq_db)] == ["site.return", "site.confirm"]


def _csrf(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


def _sign_in(url: str, username: str) -> httpx.Client:
    c = httpx.Client(base_url=url, follow_redirects=False, timeout=30)
    r = c.post("/signin", data={"csrf": _csrf(c.get("/signin").text), "username": username,
                                "password": PW})
    assert r.status_code == 303, r.text
    return c


def test_the_sites_page_confirms_and_returns(proposed, hq, hq_db):
    site_id = proposed
    rev = _sign_in(hq.url, "rev")
    page = rev.get("/sites").text
    # Proposed first, in its own table, with both forms.
    assert page.index(f'id="proposal-{site_id}"') < page.index("BS/CHA/CMAA/60222")
    assert f'action="/sites/{site_id}/confirm"' in page and f'action="/sites/{site_id}/return"' in page
    csrf = _csrf(page)

    # Without the CSRF token: refused. A viewer: refused. A reviewer of another unit: not found.
    assert rev.post(f"/sites/{site_id}/confirm", data={"reference": "X"}).status_code == 403
    viewer = _sign_in(hq.url, "viewer")
    assert f'action="/sites/{site_id}/confirm"' not in viewer.get("/sites").text
    assert viewer.post(f"/sites/{site_id}/confirm",
                       data={"csrf": _csrf(viewer.get("/sites").text)}).status_code == 403
    rev5 = _sign_in(hq.url, "rev5")
    assert f"proposal-{site_id}" not in rev5.get("/sites").text
    assert rev5.post(f"/sites/{site_id}/confirm",
                     data={"csrf": _csrf(rev5.get("/sites").text)}).status_code == 404
    # A return without a reason is refused as a page.
    r = rev.post(f"/sites/{site_id}/return", data={"csrf": csrf, "reason": ""})
    assert r.status_code == 422 and "text/html" in r.headers["content-type"]
    assert _held(hq_db, site_id).proposal_state == "PROPOSED"

    r = rev.post(f"/sites/{site_id}/confirm", data={"csrf": csrf, "reference": "BS/SHA/CMAA/77003"})
    assert r.status_code == 303
    done = rev.get(r.headers["location"]).text
    assert "Site confirmed as BS/SHA/CMAA/77003" in done and f"proposal-{site_id}" not in done
    assert _held(hq_db, site_id).reference == "BS/SHA/CMAA/77003"
    site_page = rev.get(f"/sites/{site_id}").text
    assert "Confirmed by HQ" in site_page and "PROV-DU4-" in site_page
    # In Khmer too.
    rev.cookies.set("safeland_hq_lang", "km")
    assert "ទីស្នាក់ការបានបញ្ជាក់" in rev.get(f"/sites/{site_id}").text
