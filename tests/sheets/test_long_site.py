"""A site with 400 daily reports flows over several pages without losing a line."""
from __future__ import annotations

import re

import pytest

from bench.bench_site_sheet import LONG_REFERENCE, long_site_document


@pytest.mark.slow
def test_long_site_flows_onto_pages_with_header_and_page_numbers(long_db, render):
    pdf = render(long_db, LONG_REFERENCE)
    total = len(pdf.pages)
    assert total >= 5
    for n, page in enumerate(pdf.pages, 1):
        assert LONG_REFERENCE in page, f"header missing on page {n}"
        assert "Site sheet" in page and "Printed on" in page, f"header missing on page {n}"
        assert f"Page {n} of {total}" in page
        assert len(re.findall(r"Page \d+ of \d+", page)) == 1


@pytest.mark.slow
def test_log_header_repeats_and_every_report_is_printed(long_db, render):
    pdf = render(long_db, LONG_REFERENCE)
    log_pages = [p for p in pdf.pages if "Daily log" in p]
    assert len(log_pages) >= 4
    for page in log_pages:
        assert "Date" in page and "Team" in page and "Cleared m²" in page and "Rev." in page
    assert all("continued" in p for p in log_pages[1:])
    dates = {r["date"] for r in long_site_document(400)["reports"]}
    missing = [d for d in sorted(dates) if d not in pdf.text]
    assert not missing, f"{len(missing)} report dates not printed, e.g. {missing[:3]}"
    # The long team name wraps inside its cell rather than being cut off.
    assert pdf.text.count("(APOPO") >= 200
    # Totals of the log and of the land release: 200 clearance days × 400 m², 200 TS days × 500 m².
    assert "80,000" in pdf.text and "100,000" in pdf.text
    assert "Signatures" in pdf.pages[-1]
