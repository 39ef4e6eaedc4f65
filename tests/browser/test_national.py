"""The national page in a real browser (Debian's Chromium through Playwright): an officer opens
the figures in English and Khmer, changes a filter, follows a figure to the reports it sums, and
downloads an XLSX whose totals match the page. Screenshots: docs/screenshots/hq-totals-*.png."""
from __future__ import annotations

import re

import pytest

from tests.browser.test_hq_pages import FONT_JS, sign_in
from tests.hq import national_data as nd

pytestmark = pytest.mark.slow  # a real Chromium driving HQ's pages


def _fill(hq_db, demo_doc):
    """The hand-made reports, and the demo's hundred reports imported at HQ, most accepted."""
    from hq import review
    from hq.sites import import_document

    reviewer = nd.build(hq_db)
    import_document(hq_db, {"format": "safeland/1", "sites": [], "reports": demo_doc["reports"]})
    queue = review.queue(hq_db, reviewer, review.QueueFilter(state="RECEIVED"), limit=500)
    held = {nd.IDS["D"], nd.IDS["G"]}  # the hand-made reports still to review stay so
    for n, row in enumerate(r for r in queue.rows if r.record_id not in held):
        decision = "ACCEPTED" if n % 10 else "RETURNED"
        review.decide(hq_db, row.record_id, decision, None if decision == "ACCEPTED" else
                      "lane widths missing", reviewer, row.revision)


def _number(text: str) -> float:
    return float(text.replace(",", "").split()[0])


def _total(page, column: str) -> float:
    headers = [h.strip() for h in page.locator("#totals thead th").all_inner_texts()]
    cells = page.locator("#total-row > *").all_inner_texts()
    # The total row's first cell spans the grouping columns.
    groups = len(headers) - (len(cells) - 1) if page.locator("#total-row th").count() else 0
    index = headers.index(column) - groups + (1 if groups else 0)
    return _number(cells[index])


def test_national_figures_in_english_and_khmer(page, hq, hq_db, demo_doc, shot, tmp_path):
    from openpyxl import load_workbook

    _fill(hq_db, demo_doc)
    sign_in(page, hq.url, "sokha")
    page.click("header nav a[href='/totals']")
    page.wait_for_url(re.compile(r".*/totals$"))
    assert page.inner_text("h1") == "National figures"
    released = _total(page, "Released (m²)")
    assert released > 25400  # the hand-made reports and the accepted demo ones
    assert page.locator("#chart rect.bar").count() >= 3  # per month, by method
    assert page.locator("#map a.site").count() == 4  # every site with points (48822 has none)
    assert page.locator("#map polygon").count() >= 2

    # Group by province and activity, limit to DU4.
    page.check("fieldset.by input[value=province]")
    page.check("fieldset.by input[value=activity]")
    page.select_option("select[name=unit]", "DU4")
    page.click("#totals-filters button[type=submit]")
    page.wait_for_url(re.compile(r".*/totals\?.*unit=DU4.*"))
    assert page.locator("#totals tbody tr").count() >= 2
    du4_reports = _total(page, "Reports")
    du4_released = _total(page, "Released (m²)")
    assert du4_released < released
    shot(page, "hq-totals-en.png", full_page=True)

    # A figure links to the reports it sums, and they add up to it.
    first = page.locator("#totals tbody tr").first
    row_released = _number(first.locator("td.num b").inner_text())
    first.locator("td.num b a").click()
    page.wait_for_url(re.compile(r".*/totals/reports\?.*"))
    summed = sum(_number(x) for x in page.locator("#summed tbody td.num:last-child").all_inner_texts())
    assert summed == row_released
    page.go_back()

    # The download: the filters shown, and the sheet's sums are the page's.
    assert "DU4" in page.inner_text("#download-filters")
    page.select_option("#download select[name=format]", "xlsx")
    with page.expect_download() as dl:
        page.click("#download button[type=submit]")
    path = tmp_path / "totals.xlsx"
    dl.value.save_as(path)
    ws = load_workbook(path)["reports"]
    header = [c.value for c in ws[1]]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert len(rows) == du4_reports
    assert sum(r[header.index("area_released_m2")] for r in rows) == du4_released
    assert {r[header.index("status")] for r in rows} == {"ACCEPTED"}

    # Khmer: the words, the font HQ serves, the same figures.
    page.click("header .langs a[lang=km]")
    page.wait_for_url(re.compile(r".*/totals\?.*"))
    assert page.get_attribute("html", "lang") == "km"
    assert page.inner_text("h1") == "តួលេខថ្នាក់ជាតិ"
    assert "loaded" in page.evaluate(FONT_JS)
    assert _total(page, "បានដោះលែង (ម²)") == du4_released
    shot(page, "hq-totals-km.png", full_page=True)
