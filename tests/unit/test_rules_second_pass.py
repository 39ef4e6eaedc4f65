"""The rules' second pass (issue 10), fed through `safeland import` as test_import_rules.py is:
text that cannot be stored (NUL, lone surrogates), strict numbers, signed records that must carry
their hash, bounded JSON (BOM, depth, huge integers) and the rest of GICHD's geocheck rules
(duplicate points and devices, overlapping sites, references that differ only by spaces or case).
"""
from __future__ import annotations

import json

import pytest

from app.cli import main
from safeland_core.validation import CODES

R = 4  # the demo file's report 4: a clearance report with items


def _write(tmp_path, doc, name="doc.json", prefix=b"") -> str:
    """Written with JSON escapes (ensure_ascii), so a lone surrogate survives as \\ud800."""
    path = tmp_path / name
    path.write_bytes(prefix + json.dumps(doc).encode("ascii"))
    return str(path)


def _import(db_path, path, *flags):
    return main(["--db", str(db_path), "import", *flags, path])


def _counts(db_path, capsys) -> tuple[int, int]:
    capsys.readouterr()
    main(["--db", str(db_path), "status", "--json"])
    status = json.loads(capsys.readouterr().out)
    return status["sites"], status["reports"]


def _refused(db_path, tmp_path, doc, capsys, path_expected: str, words: str) -> str:
    assert _import(db_path, _write(tmp_path, doc)) == 1
    err = capsys.readouterr().err
    assert f"{path_expected}: " in err and words in err, err
    assert "Nothing was written" in err and "Traceback" not in err
    assert _counts(db_path, capsys) == (0, 0)
    return err


# --- text that cannot be stored --------------------------------------------------------------

TEXT_CASES = {
    "nul_in_site_reference": (lambda d: d["sites"][1].update(reference="BS/CHA\u0000/1"),
                              "sites[1].reference", "NUL character"),
    "nul_in_report_reference": (lambda d: d["reports"][R].update(site_reference="BS/\u0000"),
                                f"reports[{R}].site_reference", "NUL character"),
    "nul_in_notes": (lambda d: d["reports"][R].update(notes="ok\u0000"), f"reports[{R}].notes",
                     "NUL character"),
    "nul_in_item_model": (lambda d: d["reports"][R]["items"][0].update(model="PMN\u0000"),
                          f"reports[{R}].items[0].model", "NUL character"),
    "surrogate_in_site_reference": (lambda d: d["sites"][1].update(reference="BS/\ud800"),
                                    "sites[1].reference", "lone surrogate"),
    "surrogate_in_report_reference": (lambda d: d["reports"][R].update(site_reference="\udfff"),
                                      f"reports[{R}].site_reference", "lone surrogate"),
    "surrogate_in_notes": (lambda d: d["reports"][R].update(notes="ស្វាយ \ud800"),
                           f"reports[{R}].notes", "lone surrogate"),
    "surrogate_in_hash": (lambda d: d["reports"][R].update(hash="\ud800"), f"reports[{R}].hash",
                          "lone surrogate"),
}


@pytest.mark.parametrize("case", sorted(TEXT_CASES))
def test_text_that_cannot_be_stored_is_refused(case, demo_doc, tmp_path, db_path, capsys):
    mutate, where, words = TEXT_CASES[case]
    mutate(demo_doc)
    _refused(db_path, tmp_path, demo_doc, capsys, where, words)


def test_bad_text_code_is_the_same_for_the_form_and_hq_push():
    """validate_report (the form, save_draft, HQ's push) gives the same code, bad_text."""
    from app.domain.demo import build_document
    from safeland_core.validation import SiteFacts, validate_report

    rec = build_document()["reports"][R]
    for field, value in (("site_reference", "A\u0000"), ("notes", "\ud800"), ("team", "T\u0000")):
        report, issues = validate_report(dict(rec, **{field: value}), SiteFacts(None))
        assert report is None and [(i.path, i.code) for i in issues] == [(field, "bad_text")]
    assert "bad_text" in CODES


def test_hq_column_limits_are_rules(demo_doc, tmp_path, db_path, capsys):
    """HQ's PostgreSQL columns: reference String(64), hash String(64), revision an integer."""
    demo_doc["reports"][R]["hash"] = "a" * 65
    err = _refused(db_path, tmp_path, demo_doc, capsys, f"reports[{R}].hash", "at most 64 characters")
    demo_doc["reports"][R]["hash"] = None
    demo_doc["sites"][1]["reference"] = "R" * 65
    _refused(db_path, tmp_path, demo_doc, capsys, "sites[1].reference", "at most 64 characters")
    assert "too_long" in CODES and err


# --- strict numbers --------------------------------------------------------------------------

@pytest.mark.parametrize("value", ["7", True, "7.5", False])
def test_personnel_must_be_a_number(value, demo_doc, tmp_path, db_path, capsys):
    demo_doc["reports"][R]["personnel"] = value
    kind = "a boolean" if isinstance(value, bool) else "text"
    _refused(db_path, tmp_path, demo_doc, capsys, f"reports[{R}].personnel", f"expected a number, got {kind}")


def test_other_numbers_are_strict_too(demo_doc, tmp_path, db_path, capsys):
    demo_doc["reports"][R]["items"][0]["quantity"] = "1"
    _refused(db_path, tmp_path, demo_doc, capsys, f"reports[{R}].items[0].quantity", "got text")
    demo_doc["reports"][R]["items"][0]["quantity"] = 1
    demo_doc["sites"][3]["points"][1]["lat"] = "12.6106"
    _refused(db_path, tmp_path, demo_doc, capsys, "sites[3].points[1].lat", "got text")


def test_an_int_is_a_float_and_a_whole_float_an_int(demo_doc, tmp_path, db_path, capsys):
    demo_doc["reports"][R]["hours_worked"] = 7
    demo_doc["reports"][R]["personnel"] = 6.0
    assert _import(db_path, _write(tmp_path, demo_doc)) == 0, capsys.readouterr().err


# --- signed records carry their hash ---------------------------------------------------------

@pytest.mark.parametrize("status", ["SIGNED", "ACCEPTED", "RETURNED"])
def test_signed_report_without_hash_is_refused(status, demo_db, tmp_path, capsys):
    from app.domain.transfer import export_document

    doc = export_document(demo_db)
    i, rep = next((i, r) for i, r in enumerate(doc["reports"]) if r["status"] == "SIGNED")
    rep.update(status=status, hash=None)
    fresh = tmp_path / "fresh.db"
    _refused(fresh, tmp_path, doc, capsys, f"reports[{i}].hash", "must carry the hash")
    assert "hash_missing" in CODES


def test_export_reimports_as_a_no_op(demo_db, db_path, tmp_path, capsys):
    """Export writes every signed report's hash: importing it again changes nothing, and it
    loads whole into an empty database."""
    from app.domain.transfer import export_document

    doc = export_document(demo_db)
    path = _write(tmp_path, doc)
    assert _import(db_path, path) == 0
    assert "0 reports created, 0 updated; 105 unchanged" in capsys.readouterr().out
    assert _import(tmp_path / "fresh.db", path) == 0
    assert "100 reports created" in capsys.readouterr().out


# --- bounded JSON ----------------------------------------------------------------------------

def test_a_byte_order_mark_is_ignored(demo_doc, tmp_path, db_path, capsys):
    path = _write(tmp_path, demo_doc, prefix=b"\xef\xbb\xbf")
    assert _import(db_path, path) == 0, capsys.readouterr().err
    assert _counts(db_path, capsys) == (5, 100)


@pytest.mark.parametrize("depth", [25, 100_000])
def test_deep_nesting_is_refused_plainly(depth, tmp_path, safeland):
    path = tmp_path / "deep.json"
    path.write_text('{"format": "safeland/1", "sites": [{"notes": ' + "[" * depth + "]" * depth
                    + "}]}", encoding="utf-8")
    r = safeland("import", str(path))
    assert r.code == 1, r
    assert "nested deeper than 20 levels" in r.err and "Traceback" not in r.err
    assert "Unexpected error" not in r.err


@pytest.mark.parametrize("digits", [400, 5000])
def test_huge_integer_is_refused_plainly(digits, demo_doc, tmp_path, safeland):
    demo_doc["reports"][R]["revision"] = 1  # placeholder, replaced in the text
    text = json.dumps(demo_doc).replace('"revision": 1', '"revision": ' + "9" * digits, 1)
    path = tmp_path / "big.json"
    path.write_text(text, encoding="utf-8")
    r = safeland("import", str(path))
    assert r.code == 1, r
    assert "an integer longer than 20 digits" in r.err and "Traceback" not in r.err
    assert "Unexpected error" not in r.err


def test_nan_is_not_json(demo_doc, tmp_path, db_path, capsys):
    demo_doc["reports"][R]["hours_worked"] = 6.25  # placeholder, replaced in the text
    text = json.dumps(demo_doc).replace('"hours_worked": 6.25', '"hours_worked": NaN', 1)
    path = tmp_path / "nan.json"
    path.write_text(text, encoding="utf-8")
    assert _import(db_path, str(path)) == 1
    assert "NaN is not a JSON number" in capsys.readouterr().err


def test_shape_helpers_for_the_http_layer():
    from safeland_core.jsonfile import BadJSON, check_shape, loads

    assert loads(b"\xef\xbb\xbf{\"a\": [1, 2.5]}") == {"a": [1, 2.5]}
    assert loads("{\"a\": \"x\\u0000\"}") == {"a": "x\x00"}  # text rules are the schema's...
    with pytest.raises(BadJSON, match=r"^a\.b\[0\]: contains a NUL character"):
        loads("{\"a\": {\"b\": [\"x\\u0000\"]}}", text=True)  # ...or, asked, everywhere
    with pytest.raises(BadJSON, match="field name contains a lone surrogate"):
        check_shape({"a": {"\ud800": 1}}, text=True)
    with pytest.raises(BadJSON, match=r"^x: an integer longer than 5 digits"):
        check_shape({"x": 123456}, max_int_digits=5)
    with pytest.raises(BadJSON, match="nested deeper than 3 levels"):
        check_shape({"a": {"b": {"c": {}}}}, max_depth=3)
    check_shape({"a": {"b": {"c": 1}}}, max_depth=3)
    with pytest.raises(BadJSON, match="not valid JSON"):
        loads(b"\xff{}")


# --- the rest of GICHD's geocheck ------------------------------------------------------------

def _battambang(doc, points):
    site = doc["sites"][3]
    site["points"] = [{"type": "BENCHMARK", "lat": 12.6102, "lon": 102.8541}] + points
    return site


SQUARE = [{"type": "START", "seq": 1, "lat": 12.6106, "lon": 102.8545},
          {"type": "TURNING", "seq": 2, "lat": 12.6107, "lon": 102.8564},
          {"type": "TURNING", "seq": 3, "lat": 12.6092, "lon": 102.8565},
          {"type": "TURNING", "seq": 4, "lat": 12.6091, "lon": 102.8544}]


def test_same_turning_point_twice_in_a_row_is_refused(demo_doc, tmp_path, db_path, capsys):
    points = [dict(p) for p in SQUARE]
    points.insert(2, dict(points[1], seq=3))
    for n, p in enumerate(points[3:], start=4):
        p["seq"] = n
    _battambang(demo_doc, points)
    _refused(db_path, tmp_path, demo_doc, capsys, "sites[3].points[3]", "repeats points[2]")


def test_same_point_number_twice_is_refused(demo_doc, tmp_path, db_path, capsys):
    points = [dict(p) for p in SQUARE]
    points[3]["seq"] = 3
    _battambang(demo_doc, points)
    _refused(db_path, tmp_path, demo_doc, capsys, "sites[3].points[4].seq", "number 3 is given twice")


def test_explicit_closing_point_is_no_duplicate(demo_doc, tmp_path, db_path, capsys):
    _battambang(demo_doc, [dict(p) for p in SQUARE] + [dict(SQUARE[0], type="END", seq=5)])
    assert _import(db_path, _write(tmp_path, demo_doc)) == 0, capsys.readouterr().err


def test_duplicate_points_outside_the_polygon_warn(demo_doc, tmp_path, db_path, capsys):
    site = _battambang(demo_doc, [dict(p) for p in SQUARE])
    site["points"].append({"type": "REFERENCE", "lat": 12.6102, "lon": 102.8541})
    path = _write(tmp_path, demo_doc)
    assert _import(db_path, path) == 1
    err = capsys.readouterr().err
    assert "warning: sites[3].points[5]: points[5] (REFERENCE) lies where points[0] is" in err
    assert _counts(db_path, capsys) == (0, 0)
    assert _import(db_path, path, "--accept-warnings") == 0


def test_duplicate_devices_warn(demo_doc, tmp_path, db_path, capsys):
    items = demo_doc["reports"][R]["items"]
    items.append(dict(items[0], model=" " + items[0]["model"].lower(), condition="GOOD"))
    n = len(items) - 1
    path = _write(tmp_path, demo_doc)
    assert _import(db_path, path) == 1
    err = capsys.readouterr().err
    assert f"warning: reports[{R}].items[{n}]: items[{n}] repeats items[0]" in err
    assert _import(db_path, path, "--accept-warnings") == 0
    # The same model at another depth is another device.
    demo_doc["reports"][R]["items"][n]["depth_cm"] = (items[0].get("depth_cm") or 0) + 5
    assert _import(tmp_path / "other.db", _write(tmp_path, demo_doc, "other.json")) == 0


def _copy_of_site(doc, i, reference):
    copy = json.loads(json.dumps(doc["sites"][i]))
    copy.pop("id", None)
    copy["reference"] = reference
    return copy


def test_identical_polygon_to_a_saved_site_warns(demo_doc, tmp_path, db_path, capsys):
    assert _import(db_path, _write(tmp_path, demo_doc)) == 0
    capsys.readouterr()
    twin = {"format": "safeland/1", "sites": [_copy_of_site(demo_doc, 3, "BS/CHA/CMAA/99999")]}
    path = _write(tmp_path, twin, "twin.json")
    assert _import(db_path, path) == 1
    err = capsys.readouterr().err
    ref = demo_doc["sites"][3]["reference"]
    assert f"warning: sites[0].points: the polygon overlaps site '{ref}' by " in err
    assert "m² (100.0% of this site's" in err
    assert _import(db_path, path, "--accept-warnings") == 0
    # Importing the same file again is a no-op: a site never overlaps itself, and an unchanged
    # polygon is not warned about again (the warning was confirmed when it was saved).
    capsys.readouterr()
    assert _import(db_path, path) == 0, capsys.readouterr().err
    assert "1 unchanged" in capsys.readouterr().out


def test_overlap_within_one_file_warns_and_small_overlaps_pass(demo_doc, tmp_path, db_path, capsys):
    demo_doc["sites"].append(_copy_of_site(demo_doc, 3, "BS/CHA/CMAA/99999"))
    assert _import(db_path, _write(tmp_path, demo_doc)) == 1
    assert "warning: sites[5].points: the polygon overlaps site" in capsys.readouterr().err
    # A neighbour sharing a sliver (well under 0.9% of its area) is no overlap.
    neighbour = demo_doc["sites"][5]
    shift = 0.0015 - 0.000005  # the square is about 0.0015° high; overlap ~0.3%
    for p in neighbour["points"]:
        p["lat"] = round(p["lat"] - shift, 7)
    assert _import(db_path, _write(tmp_path, demo_doc, "sliver.json")) == 0, capsys.readouterr().err


@pytest.mark.parametrize("variant", ["bs/cha/cmaa/60222", "BS/CHA/ CMAA/60222", " BS/CHA/CMAA/60222X"])
def test_reference_differing_only_by_spaces_or_case(variant, demo_doc, tmp_path, db_path, capsys):
    """Within one file, and against the database."""
    ref = demo_doc["sites"][0]["reference"]
    other = dict(_copy_of_site(demo_doc, 1, variant), points=[])  # no polygon: no overlap
    if variant.endswith("X"):  # a different reference: fine
        demo_doc["sites"].append(other)
        assert _import(db_path, _write(tmp_path, demo_doc)) == 0, capsys.readouterr().err
        return
    demo_doc["sites"].append(other)
    err = _refused(db_path, tmp_path, demo_doc, capsys, "sites[5].reference", "only by spaces or case")
    assert repr(ref) in err
    demo_doc["sites"].pop()
    assert _import(db_path, _write(tmp_path, demo_doc, "good.json")) == 0
    capsys.readouterr()
    assert _import(db_path, _write(tmp_path, {"format": "safeland/1", "sites": [other]}, "late.json")) == 1
    assert "sites[0].reference: reference" in capsys.readouterr().err


def test_save_site_checks_the_saved_sites(demo_db):
    """The laptop's site form path (services.save_site) applies the same rules."""
    from app.domain import services
    from app.domain.demo import SITES

    twin = dict(json.loads(json.dumps(SITES[3])), reference="BS/CHA/CMAA/99999")
    with pytest.raises(services.NeedsConfirmation) as warned:
        services.save_site(demo_db, twin, accept_warnings=False)
    assert [i.code for i in warned.value.issues] == ["site_overlap"]
    similar = dict(twin, reference=SITES[3]["reference"].lower())
    with pytest.raises(services.Invalid) as refused:
        services.save_site(demo_db, similar)
    assert "reference_similar" in [i.code for i in refused.value.issues]
    services.save_site(demo_db, twin)  # warnings accepted, as the window does today


def test_every_new_code_is_documented():
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[2] / "docs" / "format.md").read_text(encoding="utf-8")
    for code in CODES:
        assert f"`{code}`" in doc, code


def test_a_report_naming_a_site_by_another_case_is_told(demo_doc, tmp_path, db_path, capsys):
    ref = demo_doc["reports"][R]["site_reference"]
    demo_doc["reports"][R]["site_reference"] = ref.lower()
    _refused(db_path, tmp_path, demo_doc, capsys, f"reports[{R}].site_reference", f"did you mean {ref!r}?")
