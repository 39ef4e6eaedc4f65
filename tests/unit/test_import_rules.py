"""Every validation rule, fed through `safeland import`: exit status 1, a message naming the
field, and nothing written (the good records of the same file included)."""
from __future__ import annotations

import datetime as dt

import pytest

from app.cli import main
from safeland_core.geo import CAMBODIA
from safeland_core.validation import CODES

# The demo file's report 4 is a clearance report with at least one item (checked below).
R = 4


def _report(doc, i=R):
    return doc["reports"][i]


def _eod(doc):
    return doc["reports"][0]  # the 12 May 2025 EOD spot task


def _site(doc, i=0):
    return doc["sites"][i]


def _polygon(doc, points):
    s = _site(doc, 3)  # Battambang site, lat/lon points
    s["points"] = [{"type": "BENCHMARK", "lat": 12.6102, "lon": 102.8541}] + points
    return doc


CASES = {
    # id: (mutation, expected path, expected code)
    "required_field": (lambda d: _report(d).pop("team"), f"reports[{R}].team", "required"),
    "required_empty_text": (lambda d: _report(d).update(team_leader="  "), f"reports[{R}].team_leader", "required"),
    "required_list": (lambda d: _site(d).update(contamination=[]), "sites[0].contamination", "required"),
    "enum_activity": (lambda d: _report(d).update(activity="DANCING"), f"reports[{R}].activity", "not_in_list"),
    "enum_asset": (lambda d: _report(d).update(assets=["MANUAL", "ROBOT"]), f"reports[{R}].assets[1]", "not_in_list"),
    "enum_disposal": (lambda d: _report(d)["items"][0].update(disposal="BURIED"),
                      f"reports[{R}].items[0].disposal", "not_in_list"),
    "enum_point_type": (lambda d: _site(d)["points"][0].update(type="CORNER"), "sites[0].points[0].type", "not_in_list"),
    "enum_hazard_type": (lambda d: _site(d).update(hazard_type="XHA"), "sites[0].hazard_type", "not_in_list"),
    "personnel_zero": (lambda d: _report(d).update(personnel=0), f"reports[{R}].personnel", "out_of_range"),
    "personnel_too_many": (lambda d: _report(d).update(personnel=201), f"reports[{R}].personnel", "out_of_range"),
    "hours_over_24": (lambda d: _report(d).update(hours_worked=25), f"reports[{R}].hours_worked", "out_of_range"),
    "hours_negative": (lambda d: _report(d).update(hours_worked=-1), f"reports[{R}].hours_worked", "out_of_range"),
    "item_depth_over_500": (lambda d: _report(d)["items"][0].update(depth_cm=600),
                            f"reports[{R}].items[0].depth_cm", "out_of_range"),
    "clearance_depth_negative": (lambda d: _report(d).update(clearance_depth_cm=-5),
                                 f"reports[{R}].clearance_depth_cm", "out_of_range"),
    "quantity_zero": (lambda d: _report(d)["items"][0].update(quantity=0),
                      f"reports[{R}].items[0].quantity", "out_of_range"),
    "area_negative": (lambda d: _report(d).update(area_cleared_m2=-10), f"reports[{R}].area_cleared_m2", "out_of_range"),
    "site_area_negative": (lambda d: _site(d, 1).update(area_m2=-1), "sites[1].area_m2", "out_of_range"),
    "wrong_type": (lambda d: _report(d).update(personnel="six"), f"reports[{R}].personnel", "wrong_type"),
    "bad_date": (lambda d: _report(d).update(date="2025-13-40"), f"reports[{R}].date", "wrong_type"),
    "date_in_future": (lambda d: _report(d).update(date=(CAMBODIA.today() + dt.timedelta(days=1)).isoformat()),
                       f"reports[{R}].date", "date_in_future"),
    "date_before_1992": (lambda d: _report(d).update(date="1991-12-31"), f"reports[{R}].date", "date_too_early"),
    "clearance_needs_depth": (lambda d: _report(d).update(clearance_depth_cm=None),
                              f"reports[{R}].clearance_depth_cm", "clearance_depth_required"),
    "eod_needs_item": (lambda d: _eod(d).update(items=[]), "reports[0].items", "eod_needs_item"),
    "item_outside_country": (lambda d: _report(d)["items"][0].update(lat=21.0, lon=105.8),
                             f"reports[{R}].items[0].lat", "outside_country"),
    "point_outside_country": (lambda d: _site(d)["points"][0].update(lat=16.5), "sites[0].points[0].lat",
                              "outside_country"),
    "item_lat_without_lon": (lambda d: _report(d)["items"][0].update(lon=None),
                             f"reports[{R}].items[0]", "coordinates_incomplete"),
    "point_without_position": (lambda d: _site(d)["points"].append({"type": "EVIDENCE"}),
                               "sites[0].points[8]", "point_position_missing"),
    "bearing_without_previous": (lambda d: _site(d, 2)["points"].pop(0), "sites[2].points[0].bearing_deg",
                                 "point_no_previous"),
    "gazetteer_unknown": (lambda d: _site(d).update(province_code="99"), "sites[0].province_code",
                          "gazetteer_unknown"),
    "gazetteer_not_nested": (lambda d: _site(d).update(district_code="0209"), "sites[0].district_code",
                             "gazetteer_not_nested"),
    "gazetteer_code_format": (lambda d: _site(d).update(commune_code="16-06"), "sites[0].commune_code",
                              "bad_code_format"),
    "polygon_too_few_points": (lambda d: _polygon(d, [
        {"type": "START", "seq": 1, "lat": 12.6106, "lon": 102.8545},
        {"type": "TURNING", "seq": 2, "lat": 12.6107, "lon": 102.8564}]), "sites[3].points", "polygon_too_few_points"),
    "polygon_not_closed": (lambda d: _polygon(d, [
        {"type": "START", "seq": 1, "lat": 12.6100, "lon": 102.8540},
        {"type": "TURNING", "seq": 2, "lat": 12.6110, "lon": 102.8550},
        {"type": "TURNING", "seq": 3, "lat": 12.6120, "lon": 102.8560}]), "sites[3].points", "polygon_not_closed"),
    "polygon_self_intersecting": (lambda d: _polygon(d, [
        {"type": "START", "seq": 1, "lat": 12.6100, "lon": 102.8540},
        {"type": "TURNING", "seq": 2, "lat": 12.6110, "lon": 102.8560},
        {"type": "TURNING", "seq": 3, "lat": 12.6100, "lon": 102.8560},
        {"type": "TURNING", "seq": 4, "lat": 12.6110, "lon": 102.8540}]), "sites[3].points",
        "polygon_self_intersecting"),
    "polygon_leg_too_long": (lambda d: _polygon(d, [
        {"type": "START", "seq": 1, "lat": 12.6100, "lon": 102.8540},
        {"type": "TURNING", "seq": 2, "lat": 12.6100, "lon": 102.9100},
        {"type": "TURNING", "seq": 3, "lat": 12.6050, "lon": 102.9100}]), "sites[3].points", "polygon_leg_too_long"),
    "site_unknown": (lambda d: _report(d).update(site_reference="BS/CHA/CMAA/00000"),
                     f"reports[{R}].site_reference", "site_unknown"),
    "duplicate_site": (lambda d: d["sites"].append(dict(_site(d))), "sites[5].reference", "duplicate_in_file"),
    "duplicate_report": (lambda d: d["reports"].append(dict(_report(d), id="0b0e6d56-2b8f-4bb4-9f6e-1a2b3c4d5e6f"))
                         or _report(d).update(id="0b0e6d56-2b8f-4bb4-9f6e-1a2b3c4d5e6f"),
                         "reports[100].id", "duplicate_in_file"),
    "bad_format": (lambda d: d.update(format="safeland/0"), "format", "bad_format"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_rule_refuses_whole_file(case, demo_doc, write_json, db_path, capsys):
    assert _report(demo_doc)["activity"] == "CLEARANCE" and _report(demo_doc)["items"], "fixture changed"
    mutate, path, code = CASES[case]
    assert code in CODES
    mutate(demo_doc)
    code_ = main(["--db", str(db_path), "import", write_json(demo_doc)])
    err = capsys.readouterr().err
    assert code_ == 1
    assert f"{path}:" in err, err
    assert "Nothing was written" in err
    # Nothing written: not the bad record, not the 100 good ones around it.
    main(["--db", str(db_path), "status", "--json"])
    out = capsys.readouterr().out
    assert '"sites": 0' in out and '"reports": 0' in out


def test_every_rule_code_has_a_case():
    """A new rule needs a test here (codes handled elsewhere are listed with where)."""
    covered = {code for _, _, code in CASES.values()}
    elsewhere = {"signed_changed", "site_owned_by_hq", "released_exceeds_area", "too_long",
                 "hash_mismatch", "id_mismatch",
                 # tests/unit/test_rules_second_pass.py:
                 "bad_text", "hash_missing", "polygon_duplicate_point", "polygon_duplicate_seq",
                 "point_duplicate", "item_duplicate", "site_overlap", "reference_similar"}
    assert set(CODES) - covered - elsewhere == set()


def test_message_is_plain(demo_doc, write_json, db_path, capsys):
    _report(demo_doc)["items"][0]["quantity"] = 0
    main(["--db", str(db_path), "import", write_json(demo_doc)])
    err = capsys.readouterr().err
    assert f"reports[{R}].items[0].quantity: must be between 1 and 100,000 (got 0)" in err
    assert "Traceback" not in err


def test_today_in_cambodia_is_not_the_future(demo_doc, write_json, db_path):
    """HQ's server may run on UTC: a report dated today in Phnom Penh (UTC+7) is accepted
    even while it is still yesterday in UTC."""
    _report(demo_doc)["date"] = CAMBODIA.today().isoformat()
    assert main(["--db", str(db_path), "import", write_json(demo_doc)]) == 0


def test_overlong_text_is_refused(demo_doc, write_json, db_path, capsys):
    _report(demo_doc)["team"] = "T" * 201
    assert main(["--db", str(db_path), "import", write_json(demo_doc)]) == 1
    assert f"reports[{R}].team:" in capsys.readouterr().err


def test_warning_needs_confirmation(demo_doc, write_json, db_path, capsys):
    """Released land above the site's area is a warning: refused until confirmed."""
    _report(demo_doc)["area_cleared_m2"] = 70_000  # site 40117 is 35,000 m²
    path = write_json(demo_doc)
    assert main(["--db", str(db_path), "import", path]) == 1
    err = capsys.readouterr().err
    assert f"warning: reports[{R}].area_cleared_m2:" in err and "--accept-warnings" in err
    main(["--db", str(db_path), "status", "--json"])
    assert '"reports": 0' in capsys.readouterr().out
    assert main(["--db", str(db_path), "import", "--accept-warnings", path]) == 0
    main(["--db", str(db_path), "status", "--json"])
    assert '"reports": 100' in capsys.readouterr().out


def test_signed_record_changed_is_refused(demo_db, db_path, write_json, capsys):
    """A different copy of a signed report: refused, 'amend instead', database unchanged."""
    from app.domain.transfer import export_document
    from safeland_core.records import revision_hash

    before = export_document(demo_db)
    doc = export_document(demo_db)
    signed = next(r for r in doc["reports"] if r["status"] == "SIGNED")
    signed["personnel"] += 1
    # Hashed again, so it is no tampered copy (hash_mismatch) but another signed version.
    signed["hash"] = revision_hash(signed, signed["prev_hash"])
    assert main(["--db", str(db_path), "import", write_json(doc)]) == 1
    err = capsys.readouterr().err
    assert "amend it instead" in err
    assert export_document(demo_db) == before


def test_tampered_signed_record_is_refused(demo_db, tmp_path, write_json, capsys):
    """A signed report edited in the file after signing no longer matches its hash."""
    from app.domain.transfer import export_document

    doc = export_document(demo_db)
    i, signed = next((i, r) for i, r in enumerate(doc["reports"]) if r["status"] == "SIGNED")
    signed["area_cleared_m2"] += 100
    fresh = tmp_path / "fresh.db"
    assert main(["--db", str(fresh), "import", write_json(doc)]) == 1
    assert f"reports[{i}].hash:" in capsys.readouterr().err


def test_hq_owned_site_cannot_be_changed_by_import(db, db_path, demo_doc, write_json, capsys):
    from app.domain.transfer import import_document
    from safeland_core.vocab import Owner

    import_document(db, {"format": "safeland/1", "sites": demo_doc["sites"][:1]}, owner=Owner.HQ)
    changed = {"format": "safeland/1", "sites": [dict(demo_doc["sites"][0], name="Renamed")]}
    assert main(["--db", str(db_path), "import", write_json(changed)]) == 1
    assert "sites[0].reference:" in capsys.readouterr().err


def test_unreadable_file(db_path, tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    assert main(["--db", str(db_path), "import", str(bad)]) == 1
    assert "not valid JSON" in capsys.readouterr().err
    assert main(["--db", str(db_path), "import", str(tmp_path / "missing.json")]) == 1
    assert "cannot read" in capsys.readouterr().err
