"""National figures (hq/totals.py) on reports whose totals are known by hand
(tests/hq/national_data.py), on SQLite and on PostgreSQL when SAFELAND_TEST_PG_URL is set:
each grouping, the filters, amended reports counted once at their latest accepted revision,
rejected ones never, reports still to review apart."""
from __future__ import annotations

import datetime as dt

import pytest

from tests.hq import national_data as nd


@pytest.fixture
def data(hq_db):
    nd.build(hq_db)
    return hq_db


def figures(t):
    return {r.key: (r.counted.reports, r.counted.days_worked, r.counted.cancelled_m2,
                    r.counted.reduced_m2, r.counted.cleared_m2) for r in t.rows}


def test_the_national_total_counts_each_accepted_report_once(data):
    from hq.totals import TotalsFilter, compute

    t = compute(data, TotalsFilter())
    # A, B, C, D at revision 1 (its amendment waits for review), E at revision 2; F rejected.
    assert (t.total.reports, t.total.cancelled_m2, t.total.reduced_m2, t.total.cleared_m2) == \
        (5, 20000, 3000, 2400)
    assert t.total.released_m2 == 25400 and t.total.ha(t.total.released_m2) == pytest.approx(2.54)
    # Team-days: DU4 on 12 May (two reports) and 5 June, DU5 on 3 and 4 June.
    assert t.total.days_worked == 4
    assert t.total.cluster_m2 == 20500  # site 60222 lists CLUSTER: C and D
    assert (t.total.devices_found, t.total.devices_destroyed) == (6, 5)
    assert [(d.category, d.model, d.found, d.destroyed) for d in t.devices] == [
        ("AP_MINE", "PMN-2", 2, 2), ("AT_MINE", "TM-46", 1, 0), ("SUBMUNITION", "BLU-24/B", 3, 3)]
    # Still to review, apart: D's amendment (800 m²) and G (250 m²).
    assert (t.received.reports, t.received.cleared_m2) == (2, 1050)


def test_each_grouping(data):
    from hq.totals import TotalsFilter, compute

    f = TotalsFilter()
    assert figures(compute(data, f, ["province"])) == {
        ("16",): (2, 2, 20000, 0, 500), ("17",): (3, 2, 0, 3000, 1900)}
    assert figures(compute(data, f, ["unit"])) == {
        ("DU5",): (2, 2, 20000, 0, 500), ("DU4",): (3, 2, 0, 3000, 1900)}
    by_year = compute(data, f, ["year"])
    assert figures(by_year) == {("2025",): (5, 4, 20000, 3000, 2400), ("2026",): (0, 0, 0, 0, 0)}
    assert {r.key: (r.received.reports, r.received.cleared_m2) for r in by_year.rows} == {
        ("2025",): (1, 800), ("2026",): (1, 250)}
    by_month = compute(data, f, ["month"])
    assert figures(by_month) == {("2025-05",): (2, 1, 0, 3000, 1000),
                                 ("2025-06",): (3, 3, 20000, 0, 1400),
                                 ("2026-01",): (0, 0, 0, 0, 0)}
    assert {r.key: (r.counted.devices_found, r.counted.devices_destroyed)
            for r in by_month.rows} == {("2025-05",): (2, 2), ("2025-06",): (4, 3),
                                        ("2026-01",): (0, 0)}
    assert figures(compute(data, f, ["activity"])) == {
        ("CLEARANCE",): (3, 3, 0, 0, 2400), ("NON_TECHNICAL_SURVEY",): (1, 1, 20000, 0, 0),
        ("TECHNICAL_SURVEY",): (1, 1, 0, 3000, 0)}
    combined = compute(data, f, ["province", "activity"])
    assert figures(combined) == {
        ("16", "CLEARANCE"): (1, 1, 0, 0, 500), ("16", "NON_TECHNICAL_SURVEY"): (1, 1, 20000, 0, 0),
        ("17", "CLEARANCE"): (2, 2, 0, 0, 1900), ("17", "TECHNICAL_SURVEY"): (1, 1, 0, 3000, 0)}
    assert combined.total.released_m2 == 25400  # the total is the same whatever the grouping


def test_filters(data):
    from hq.totals import NO_CLUSTER, TotalsFilter, compute

    def released(**kw):
        t = compute(data, TotalsFilter(**kw))
        return t.total.reports, t.total.released_m2

    assert released(date_from=dt.date(2025, 6, 1)) == (3, 21400)
    assert released(date_to=dt.date(2025, 5, 31)) == (2, 4000)
    assert released(unit="DU4") == (3, 4900)
    assert released(province="16") == (2, 20500)
    assert released(contamination="CLUSTER") == (2, 20500)
    assert released(contamination=NO_CLUSTER) == (3, 4900)
    assert released(contamination="AP_MINE") == (3, 4900)
    assert released(visible_unit="DU4") == (3, 4900)  # an officer limited to DU4
    assert released(state="RECEIVED") == (2, 1050)
    assert released(state="RETURNED") == (0, 0)  # E's returned revision was amended and accepted
    with pytest.raises(ValueError):
        TotalsFilter(state="REJECTED")  # a rejected report never counts


def test_each_figure_names_the_reports_it_sums(data):
    from hq.totals import TotalsFilter, counted_reports

    rows, n = counted_reports(data, TotalsFilter(), {"province": "16"})
    assert n == 2 and {(r.record_id, r.revision) for r in rows} == {(nd.IDS["C"], 1), (nd.IDS["D"], 1)}
    assert sum(r.released_m2 for r in rows) == 20500
    rows, n = counted_reports(data, TotalsFilter(), {"province": "16"}, apart=True)
    assert {(r.record_id, r.revision) for r in rows} == {(nd.IDS["D"], 2), (nd.IDS["G"], 1)}
    rows, n = counted_reports(data, TotalsFilter(), {"month": "2025-06", "activity": "CLEARANCE"})
    assert {r.record_id for r in rows} == {nd.IDS["D"], nd.IDS["E"]}
    assert sum(r.released_m2 for r in rows) == 1400


def test_a_rejection_after_an_acceptance_stops_the_report_counting(data):
    """A report accepted, then amended and the amendment rejected, no longer counts."""
    from hq import review, store

    rec = {**nd.REVISIONS[3][1], "revision": 3, "area_cleared_m2": 9999, "hash": "D3".ljust(64, "0")}
    with data.session(write=True) as s:
        store.add_report_revisions(s, [{
            "record_id": rec["id"], "revision": 3, "site_reference": rec["site_reference"],
            "device_id": None, "seq": None, "record": rec, "hash": rec["hash"],
            "status": "RECEIVED", "source": "import", "received_at": dt.datetime(2026, 1, 21)}])
    from hq import users

    reviewer = users.find_user(data, "sokha")
    review.decide(data, rec["id"], "REJECTED", "not this site's work", reviewer, 3)
    from hq.totals import TotalsFilter, compute

    t = compute(data, TotalsFilter())
    assert (t.total.reports, t.total.cleared_m2) == (4, 1900)
    assert (t.received.reports, t.received.cleared_m2) == (1, 250)  # only G is left to review


def test_the_command_prints_the_same_figures(data, hq_url, capsys):
    from hq.cli import main

    assert main(["--database-url", hq_url, "totals", "--by", "province", "--json"]) == 0
    import json

    out = json.loads(capsys.readouterr().out)
    assert out["total"]["released_m2"] == 25400 and out["received"]["reports"] == 2
    assert [(r["province"], r["released_m2"]) for r in out["rows"]] == [("16", 20500), ("17", 4900)]
    assert main(["--database-url", hq_url, "totals", "--by", "year", "--by", "activity"]) == 0
    text = capsys.readouterr().out
    assert "2025" in text and "CLEARANCE" in text and "total" in text


def test_folding_the_month_away_gives_the_figures_by_the_other_groupings(data):
    """The national page computes once by (groupings, month) and folds the month away."""
    from hq.totals import TotalsFilter, compute, fold

    f = TotalsFilter()
    direct = compute(data, f, ["province", "activity"])
    folded = fold(compute(data, f, ["province", "activity", "month"]), ["province", "activity"])
    assert [(r.key, r.counted, r.received) for r in folded] == \
        [(r.key, r.counted, r.received) for r in direct.rows]
    by_month = fold(compute(data, f, ["unit", "month"]), ["month"])
    assert [(r.key, r.counted.released_m2) for r in by_month] == [
        (("2025-05",), 4000), (("2025-06",), 21400), (("2026-01",), 0)]
