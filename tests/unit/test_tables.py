"""The shared export rows (safeland_core/tables.py): the 255 rule on Khmer and Latin text, the
layout's continuation columns, parent ids on the left, ids and revisions on every row."""
from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from safeland_core.tables import TEXT_LIMIT, Layout, report_rows, site_row, split_text

KHMER = "ការបោសសម្អាតមីន ស្រែ​ខាង​ជើង​ភូមិ ក្រុមបានរកឃើញគ្រាប់មីនប្រឆាំងមនុស្ស "


def test_khmer_is_split_between_clusters_never_inside():
    text = KHMER * 12
    parts = split_text(text)
    assert "".join(parts) == text and len(parts) >= 2
    for p in parts:
        assert len(p) <= TEXT_LIMIT
    for a, b in zip(parts, parts[1:]):
        assert a[-1] != "\u17d2"  # not between the subscript sign and its consonant
        assert not ("\u17b6" <= b[0] <= "\u17d3")  # no piece starts with a vowel sign or mark


@given(st.text(alphabet=st.sampled_from(list(KHMER) + list("ab ,.\u200b\u200d")), max_size=3000))
def test_split_gives_the_text_back(text):
    parts = split_text(text)
    assert "".join(parts) == text
    assert all(0 < len(p) <= TEXT_LIMIT for p in parts)
    layout = Layout()
    layout.fit("reports", "notes", len(text))
    cells = layout.long_text("reports", "notes", text)
    assert len(cells) == layout.width("reports", "notes") >= 2
    assert "".join(c or "" for c in cells) == text
    assert all(len(c or "") <= TEXT_LIMIT for c in cells)


def test_a_layout_too_narrow_still_keeps_the_whole_text():
    text = "x" * 2000
    cells = Layout().long_text("reports", "notes", text)  # two columns foreseen
    assert "".join(c or "" for c in cells) == text  # the tail in the last cell, not cut


def test_rows_carry_ids_revisions_and_parents_first():
    layout = Layout()
    columns = [c.name for c in layout.columns("reports")]
    assert columns[:4] == ["site_id", "site_reference", "report_id", "revision"]
    assert "notes_2" in columns and "review_reason_2" in columns
    rec = {"id": "r1", "revision": 2, "site_reference": "S", "date": "2025-06-04",
           "activity": "CLEARANCE", "assets": ["MANUAL", "MDD"], "area_cleared_m2": 10,
           "items": [{"category": "UXO", "model": "M79", "quantity": 2,
                      "disposal": "DESTROYED_IN_SITU", "lat": 13.0, "lon": 103.0}],
           "review": {"decision": "ACCEPTED", "by": "sokha", "at": "2026-01-20T08:00:00Z"}}
    rows = report_rows(rec, "site-1", layout)
    r = dict(zip(columns, rows.report))
    assert r["date"] == dt.date(2025, 6, 4) and r["assets"] == "MANUAL;MDD"
    assert (r["devices_found"], r["devices_destroyed"], r["area_released_m2"]) == (2, 2, 10.0)
    assert r["review_at"] == dt.datetime(2026, 1, 20, 8, 0)
    assert rows.items[0][:4] == ("site-1", "r1", 2, "r1:2:0")
    assert rows.reviews[0][:4] == ("r1", 2, "r1:2:ACCEPTED", "ACCEPTED")
    site = dict(zip([c.name for c in layout.columns("sites")],
                    site_row({"id": "s", "reference": "S", "contamination": ["CLUSTER", "UXO"],
                              "points": [{"type": "START", "seq": 1, "lat": 13, "lon": 103},
                                         {"type": "TURNING", "seq": 2, "lat": 13, "lon": 104},
                                         {"type": "END", "seq": 3, "lat": 14, "lon": 104}]}, 7)))
    assert site["site_revision"] == 7 and site["contamination"] == "CLUSTER;UXO"
    assert (site["lat"], site["lon"]) == (round(40 / 3, 7), round(311 / 3, 7))
