"""`safeland site points SITE_REFERENCE --gpx FILE` with files as a Garmin handheld writes
them (GPX 1.1: named waypoints with elevation, time and Garmin extensions)."""
from __future__ import annotations

from pathlib import Path

import pytest

from app.cli import main
from app.domain import gpx, queries

FILES = Path(__file__).parent / "gpx"
EMPTY_SITE = "BS/SHA/CMAA/48822"  # the demo's site with no polygon yet


def test_garmin_waypoints_read_in_file_order():
    wps = gpx.read_waypoints(FILES / "garmin-sala-krau.gpx")
    assert [w.name for w in wps] == ["BM", "SP", "002", "003", "004", "E1"]
    assert wps[0].elevation == pytest.approx(142.37) and wps[0].time is not None
    points = gpx.to_points(wps)
    assert [(p["type"], p.get("seq")) for p in points] == [
        ("BENCHMARK", None), ("START", 1), ("TURNING", 2), ("TURNING", 3), ("TURNING", 4),
        ("EVIDENCE", None)]


@pytest.mark.parametrize(("name", "kind"), [("BM", "BENCHMARK"), ("rp", "REFERENCE"), ("SP", "START"),
                                            ("EP", "END"), ("E12", "EVIDENCE"), ("014", "TURNING"),
                                            ("BM2", "TURNING"), ("EAST", "TURNING")])
def test_default_mapping_by_name(name, kind):
    assert gpx.default_type(name).value == kind


def test_cli_saves_the_waypoints_as_the_sites_points(demo_db, db_path, capsys):
    code = main(["--db", str(db_path), "site", "points", EMPTY_SITE, "--gpx",
                 str(FILES / "garmin-sala-krau.gpx")])
    out = capsys.readouterr().out
    assert code == 0
    assert f"Site {EMPTY_SITE}: 6 points" in out and "1 benchmark, 1 start, 3 turning, 1 evidence" in out
    assert "Area: 12,000 m² -> 11,774 m²." in out
    site = queries.get_site(demo_db, EMPTY_SITE)
    assert [p.type.value for p in site.points] == ["BENCHMARK", "START", "TURNING", "TURNING",
                                                   "TURNING", "EVIDENCE"]
    assert site.points[1].lat == pytest.approx(12.85372) and site.area_m2 == 11_774


@pytest.mark.parametrize(("file", "message"), [
    ("broken.gpx", "is not a GPX file (the XML cannot be read"),
    ("garmin-track-only.gpx", "holds no waypoints"),
    ("garmin-crossing.gpx", "points: the boundary crosses itself: leg 1-2 crosses leg 3-4 "
                            "(waypoints SP to 003 cross 002 to 004)"),
    ("missing.gpx", "cannot read"),
])
def test_cli_refuses_a_bad_file_and_writes_nothing(demo_db, db_path, capsys, file, message):
    before = queries.get_site(demo_db, EMPTY_SITE)
    code = main(["--db", str(db_path), "site", "points", EMPTY_SITE, "--gpx", str(FILES / file)])
    err = capsys.readouterr().err
    assert code == 1
    assert message in err and "Nothing was written." in err and "Traceback" not in err
    assert queries.get_site(demo_db, EMPTY_SITE) == before


def test_cli_refuses_an_unknown_site_and_an_hq_site(db, db_path, demo_doc, capsys):
    from app.domain.transfer import import_document
    from safeland_core.vocab import Owner

    code = main(["--db", str(db_path), "site", "points", "NO/SUCH", "--gpx",
                 str(FILES / "garmin-sala-krau.gpx")])
    assert code == 1 and "site_reference: no site 'NO/SUCH'" in capsys.readouterr().err
    hq_site = next(s for s in demo_doc["sites"] if s["reference"] == EMPTY_SITE)
    import_document(db, {"format": "safeland/1", "sites": [hq_site]}, owner=Owner.HQ)
    code = main(["--db", str(db_path), "site", "points", EMPTY_SITE, "--gpx",
                 str(FILES / "garmin-sala-krau.gpx")])
    err = capsys.readouterr().err
    assert code == 1 and f"site {EMPTY_SITE} is managed by HQ" in err
    assert queries.get_site(db, EMPTY_SITE).points == []


@pytest.mark.slow
def test_the_real_command_end_to_end(demo_db, safeland):
    """The installed command in a fresh interpreter: a good file, then a crossing one."""
    good = safeland("site", "points", EMPTY_SITE, "--gpx", str(FILES / "garmin-sala-krau.gpx"))
    assert good.code == 0 and "6 points" in good.out
    bad = safeland("site", "points", EMPTY_SITE, "--gpx", str(FILES / "garmin-crossing.gpx"))
    assert bad.code == 1 and "crosses itself" in bad.err and "Nothing was written." in bad.err
    assert len(queries.get_site(demo_db, EMPTY_SITE).points) == 6  # the good file's, untouched
    usage = safeland("site")
    assert usage.code == 2 and "points" in usage.err
