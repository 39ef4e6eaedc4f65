"""Issue 11, points 9 and 10: messages name the limit and the figures; a team leader is asked
about a second report for one site, day and team, and about a day's land no team achieves."""
from __future__ import annotations

import copy

import pytest

from app.cli import main
from app.domain import services, warnings
from app.domain.services import NeedsConfirmation
from app.domain.transfer import import_document
from safeland_core.validation import SiteFacts, validate_report, validate_site

SITE = "BS/CHA/CMAA/40117"


def _draft(**over) -> dict:
    rep = {"site_reference": SITE, "date": "2025-06-02", "activity": "CLEARANCE",
           "assets": ["MANUAL"], "team": "DU2-MDT-07", "team_leader": "Heng Dara",
           "personnel": 14, "hours_worked": 7, "area_cleared_m2": 600, "clearance_depth_cm": 30}
    rep.update(over)
    return rep


@pytest.fixture
def site_db(db, demo_doc):
    import_document(db, {"format": "safeland/1", "sites": demo_doc["sites"]})
    return db


@pytest.mark.parametrize(("over", "path", "message", "args"), [
    ({"personnel": 250}, "personnel", "must be between 1 and 200 (got 250)", ("1", "200")),
    ({"personnel": 0}, "personnel", "must be between 1 and 200 (got 0)", ("1", "200")),
    ({"hours_worked": 25}, "hours_worked", "must be between 0 and 24 (got 25)", ("0", "24")),
    ({"clearance_depth_cm": 600}, "clearance_depth_cm", "must be between 0 and 500 (got 600)",
     ("0", "500")),
    ({"area_cleared_m2": -5}, "area_cleared_m2", "must be between 0 and 100,000,000 (got -5)",
     ("0", "100,000,000")),
    ({"items": [{"category": "UXO", "model": "m", "quantity": 0, "disposal": "DESTROYED_IN_SITU"}]},
     "items[0].quantity", "must be between 1 and 100,000 (got 0)", ("1", "100,000")),
    ({"team": "T" * 201}, "team", "must be at most 200 characters (this one has 201)", ("200", "201")),
])
def test_range_messages_name_the_bounds(over, path, message, args):
    _report, issues = validate_report(_draft(**over), SiteFacts(None))
    [issue] = [i for i in issues if i.path == path]
    assert issue.message == message and issue.args == args


def test_open_bounds_and_places_name_their_limits():
    _site, _pts, issues = validate_site({
        "reference": "R/1", "name": "n", "hazard_type": "CHA", "contamination": ["UXO"],
        "operator": "CMAC", "province_code": "02",
        "points": [{"type": "BENCHMARK", "lat": 16.2, "lon": 102.9},
                   {"type": "TURNING", "seq": 1, "bearing_deg": 360, "distance_m": 0}]})
    by_path = {i.path: i for i in issues}
    assert by_path["points[1].bearing_deg"].message.startswith("must be at least 0 and less than 360")
    assert by_path["points[1].distance_m"].message.startswith("must be more than 0 and at most 100,000")
    _site, _pts, issues = validate_site({
        "reference": "R/1", "name": "n", "hazard_type": "CHA", "contamination": ["UXO"],
        "operator": "CMAC", "province_code": "02",
        "points": [{"type": "BENCHMARK", "lat": 16.2, "lon": 102.9}]})
    [outside] = issues
    assert "outside Cambodia (latitude 9.5 to 15.0, longitude 102.0 to 108.0)" in outside.message
    assert outside.args == ("16.20000", "102.90000", "9.5", "15.0", "102.0", "108.0")


def test_crossing_boundary_names_the_legs():
    _site, _pts, issues = validate_site({
        "reference": "R/1", "name": "n", "hazard_type": "CHA", "contamination": ["UXO"],
        "operator": "CMAC", "province_code": "02",
        "points": [{"type": "START", "seq": 1, "lat": 12.6100, "lon": 102.8540},
                   {"type": "TURNING", "seq": 2, "lat": 12.6110, "lon": 102.8560},
                   {"type": "TURNING", "seq": 3, "lat": 12.6100, "lon": 102.8560},
                   {"type": "TURNING", "seq": 4, "lat": 12.6110, "lon": 102.8540}]})
    [crossing] = [i for i in issues if i.code == "polygon_self_intersecting"]
    assert crossing.message == "the boundary crosses itself: leg 1-2 crosses leg 3-4"
    assert crossing.args == ("1", "2", "3", "4")


def test_over_area_warning_carries_the_figures(site_db):
    services.save_draft(site_db, _draft(area_cleared_m2=30_000), accept_warnings=True)
    with pytest.raises(NeedsConfirmation) as exc:
        services.save_draft(site_db, _draft(date="2025-06-03", area_cleared_m2=4_000,
                                            area_reduced_m2=2_000))
    [issue] = [i for i in exc.value.issues if i.code == "released_exceeds_area"]
    assert issue.args == ("35,000", "30,000", "6,000", "36,000")
    assert issue.path == "area_cleared_m2"  # the largest figure of the three
    assert "area of 35,000 m² (released so far 30,000 m², this report 6,000 m²)" in issue.message


def test_second_report_for_the_same_site_day_and_team_asks_once(site_db):
    first, _ = services.save_draft(site_db, _draft())
    with pytest.raises(NeedsConfirmation) as exc:
        services.save_draft(site_db, _draft(team=" du2-mdt-07 ", area_cleared_m2=400))
    [issue] = exc.value.issues
    assert issue.code == "report_duplicate" and issue.path == "date"
    assert issue.message.startswith(
        f"you already have a report for site {SITE} on 2025-06-02 by team DU2-MDT-07")
    second, _ = services.save_draft(site_db, _draft(area_cleared_m2=400), accept_warnings=True)
    assert second != first
    services.save_draft(site_db, _draft(id=first, personnel=12))  # editing one is no duplicate
    services.save_draft(site_db, _draft(team="DU2-MDT-08"))  # another team is no duplicate


@pytest.mark.parametrize(("over", "field", "bound"), [
    ({"area_cleared_m2": 12_000}, "area_cleared_m2", "10,000"),
    ({"assets": ["MANUAL", "MECHANICAL"], "area_cleared_m2": 60_000}, "area_cleared_m2", "50,000"),
    ({"assets": ["MDD"], "area_cleared_m2": 25_000}, "area_cleared_m2", "20,000"),
    ({"activity": "TECHNICAL_SURVEY", "area_reduced_m2": 150_000}, "area_reduced_m2", "100,000"),
    ({"activity": "NON_TECHNICAL_SURVEY", "area_cancelled_m2": 1_500_000}, "area_cancelled_m2",
     "1,000,000"),
])
def test_a_day_no_team_achieves_asks(db, over, field, bound):
    report, issues = validate_report(_draft(**over), SiteFacts(None))
    assert report is not None and not issues
    [issue] = warnings.rate_warnings(report)
    assert issue.path == field and issue.args[1] == bound and issue.severity == "warning"


def test_a_good_day_does_not_ask(db):
    for assets, cleared in ((["MANUAL"], 9_000), (["MANUAL", "MECHANICAL"], 45_000)):
        report, _ = validate_report(_draft(assets=assets, area_cleared_m2=cleared), SiteFacts(None))
        assert warnings.rate_warnings(report) == []


def test_import_asks_about_a_duplicate_and_a_typing_slip(demo_doc, write_json, db_path, capsys):
    doc = copy.deepcopy(demo_doc)
    assert main(["--db", str(db_path), "import", write_json(doc)]) == 0
    again = copy.deepcopy(doc["reports"][5])
    again.pop("id", None)
    again["notes"] = "typed again"
    again["status"] = "DRAFT"
    for key in ("hash", "prev_hash", "signed_at", "revision"):
        again.pop(key, None)
    slip = copy.deepcopy(again)
    slip.update(date="2025-06-10", area_cleared_m2=90_000, area_reduced_m2=0, activity="CLEARANCE",
                assets=["MANUAL"], clearance_depth_cm=30)
    capsys.readouterr()
    code = main(["--db", str(db_path), "import",
                 write_json({"format": "safeland/1", "reports": [again, slip]})])
    err = capsys.readouterr().err
    assert code == 1
    assert (f"warning: reports[0].date: you already have a report for site {again['site_reference']} "
            f"on {again['date']} by team {again['team']}") in err
    assert "warning: reports[1].area_cleared_m2: 90,000 m² cleared in one day" in err
    assert "Nothing was written" in err
    # Re-importing the whole demo is no duplicate of itself.
    assert main(["--db", str(db_path), "import", write_json(doc)]) == 0
