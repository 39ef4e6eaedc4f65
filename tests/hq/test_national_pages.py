"""The national page and the downloads over real HTTP (uvicorn on a random port): the figures,
the reports a figure sums, an officer limited to a unit seeing and downloading that unit only,
the download's headers and the temporary file gone after it."""
from __future__ import annotations

import io
import zipfile

import httpx
import pytest

from tests.hq import national_data as nd
from tests.hq.test_security import sign_in

pytestmark = pytest.mark.slow  # a real HQ over HTTP


@pytest.fixture
def arranged(hq, hq_db):
    from hq import users

    nd.build(hq_db)
    users.add_user(hq_db, "du5", "viewer", nd.PW, unit="DU5")
    return hq


def test_the_page_shows_the_figures_and_links_them(arranged):
    c = sign_in(arranged.url, "sokha")
    r = c.get("/totals", params=[("by", "province"), ("by", "year")])
    assert r.status_code == 200 and "National figures" in r.text
    assert "25,400" in r.text  # released, accepted
    assert "2 · 1,050 m²" in r.text  # still to review, apart
    assert 'id="chart"' in r.text and 'id="map"' in r.text and "/sites/" in r.text
    assert 'href="/totals/reports?state=ACCEPTED&amp;k_province=16&amp;k_year=2025"' in r.text
    r = c.get("/totals/reports", params={"k_province": "16", "k_year": "2025"})
    assert r.status_code == 200
    assert nd.IDS["C"] in r.text and nd.IDS["D"] in r.text and nd.IDS["A"] not in r.text
    r = c.get("/totals/reports", params={"k_province": "16", "apart": "1"})
    assert nd.IDS["G"] in r.text and nd.IDS["C"] not in r.text
    km = c.get("/totals", headers={"accept-language": "km"})
    assert "តួលេខថ្នាក់ជាតិ" in km.text


def test_a_unit_officer_sees_and_downloads_the_unit_only(arranged):
    c = sign_in(arranged.url, "du5")
    r = c.get("/totals")
    assert "20,500" in r.text and "25,400" not in r.text
    r = c.get("/export", params={"format": "csv", "status": "ACCEPTED"})
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/zip"
    assert "attachment" in r.headers["content-disposition"]
    with zipfile.ZipFile(io.BytesIO(r.content)) as z:
        reports = z.read("reports.csv").decode("utf-8-sig")
    assert nd.IDS["C"] in reports and nd.IDS["A"] not in reports
    # Asking for another unit gives nothing of it.
    r = c.get("/export", params={"format": "json", "unit": "DU4"})
    assert r.json()["reports"] == []


def test_the_reports_page_offers_the_download_of_its_filters(arranged):
    c = sign_in(arranged.url, "sokha")
    r = c.get("/reports", params={"state": "ACCEPTED", "unit": "DU4"})
    assert 'action="/export"' in r.text
    assert 'name="status" value="ACCEPTED"' in r.text and 'name="unit" value="DU4"' in r.text
    assert "<b>DU4</b>" in r.text  # the filters shown
    r = c.get("/export", params={"format": "geojson", "status": "ACCEPTED", "unit": "DU4"})
    assert r.status_code == 200
    assert {f["properties"].get("report_id") for f in r.json()["features"]
            if f["properties"]["layer"] == "devices"} == {nd.IDS["A"], nd.IDS["E"]}
    assert c.get("/export", params={"format": "exe"}).status_code == 400
    assert c.get("/export", params={"status": "NOPE"}).status_code == 400
    anonymous = httpx.get(arranged.url + "/export", params={"format": "json"}, follow_redirects=False)
    assert anonymous.status_code == 303 and "/signin" in anonymous.headers["location"]
