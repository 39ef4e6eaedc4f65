"""HQ's exports (hq/exports.py) opened with independent readers: the csv module, openpyxl, json
and pyogrio. Row counts, ids and revisions, codes, dates as dates, Khmer intact, the 255 rule,
the filters, and the JSON export unchanged. On SQLite and PostgreSQL (SAFELAND_TEST_PG_URL)."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile

import pytest

from tests.hq import national_data as nd

ACCEPTED = {nd.IDS[k] for k in "ABCDE"}


@pytest.fixture
def data(hq_db):
    nd.build(hq_db)
    return hq_db


def run(db, tmp_path, fmt, chunk=2, **filters):
    from hq.exports import SUFFIXES, ExportFilter, export

    path = tmp_path / f"out{SUFFIXES[fmt]}"
    summary = export(db, path, fmt, ExportFilter(**filters), chunk=chunk)
    assert path.exists() and not list(tmp_path.glob("*.part*"))
    return path, summary


def read_csv_zip(path):
    with zipfile.ZipFile(path) as z:
        assert sorted(z.namelist()) == ["items.csv", "points.csv", "reports.csv", "reviews.csv",
                                        "sites.csv"]
        out = {}
        for name in z.namelist():
            raw = z.read(name)
            assert raw.startswith(b"\xef\xbb\xbf"), name  # UTF-8 with a BOM, for Excel
            rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
            out[name[:-4]] = rows
            header = raw.decode("utf-8-sig").splitlines()[0].split(",")
            out[name[:-4] + "_header"] = header
    return out


def joined(row, name):
    parts = [row[k] for k in sorted((k for k in row if k == name or k.startswith(name + "_")
                                     and k[len(name) + 1:].isdigit()),
                                    key=lambda k: int(k.rsplit("_", 1)[1]) if k != name else 1)]
    assert all(len(p or "") <= 255 for p in parts)
    return "".join(p or "" for p in parts)


def test_csv_zip(data, tmp_path):
    path, summary = run(data, tmp_path, "csv", status="ACCEPTED")
    t = read_csv_zip(path)
    assert {r["report_id"] for r in t["reports"]} == ACCEPTED
    assert {(r["report_id"], r["revision"]) for r in t["reports"]} >= {(nd.IDS["D"], "1"),
                                                                       (nd.IDS["E"], "2")}
    # Parent ids on the left.
    assert t["points_header"][0] == "site_id" and t["items_header"][:2] == ["site_id", "report_id"]
    assert t["reports_header"][0] == "site_id" and t["reviews_header"][0] == "report_id"
    # Only the sites of the exported reports (a status filter), every row with id and revision.
    assert len(t["sites"]) == 2 and all(r["site_id"] and r["site_revision"] for r in t["sites"])
    assert all(r["point_id"].startswith(r["site_id"] + ":") for r in t["points"])
    assert len({r["item_id"] for r in t["items"]}) == len(t["items"]) == 3
    # Codes, not labels; ISO dates; sums that match the national figures.
    assert {r["activity"] for r in t["reports"]} == {"CLEARANCE", "TECHNICAL_SURVEY",
                                                    "NON_TECHNICAL_SURVEY"}
    assert {r["status"] for r in t["reports"]} == {"ACCEPTED"}
    assert sum(float(r["area_released_m2"]) for r in t["reports"]) == 25400
    assert all(dt.date.fromisoformat(r["date"]) for r in t["reports"])
    assert {r["contamination"] for r in t["sites"]} == {"CLUSTER;UXO", "AP_MINE"}
    # The 255 rule: A's long Khmer note is split, never cut.
    a = next(r for r in t["reports"] if r["report_id"] == nd.IDS["A"])
    assert len(a["notes"]) <= 255 and a["notes_2"]
    assert joined(a, "notes") == nd.LONG_NOTE
    c = next(r for r in t["reports"] if r["report_id"] == nd.IDS["C"])
    assert c["notes"] == "ការស្ទង់មិនប្រើបច្ចេកទេស" and c["notes_2"] == ""
    # Every decision on the exported reports: E was returned at 1, accepted at 2.
    e = [(r["revision"], r["decision"]) for r in t["reviews"] if r["report_id"] == nd.IDS["E"]]
    assert e == [("1", "RETURNED"), ("2", "ACCEPTED")]
    assert summary.counts == {"sites": 2, "points": 14, "reports": 5, "items": 3, "reviews": 6}


def test_xlsx(data, tmp_path):
    from openpyxl import load_workbook

    from safeland_core.labels import label_km

    path, _ = run(data, tmp_path, "xlsx", status="ACCEPTED")
    wb = load_workbook(path)
    assert wb.sheetnames == ["sites", "points", "reports", "items", "reviews", "codes"]
    reports = wb["reports"]
    assert reports.freeze_panes == "A2"
    header = [c.value for c in reports[1]]
    rows = [dict(zip(header, [c.value for c in r])) for r in reports.iter_rows(min_row=2)]
    assert {r["report_id"] for r in rows} == ACCEPTED
    assert all(isinstance(r["date"], dt.datetime) for r in rows)  # a real date cell
    assert reports.cell(row=2, column=header.index("date") + 1).number_format == "yyyy-mm-dd"
    assert all(isinstance(r["area_cleared_m2"], (int, float)) for r in rows)
    assert all(isinstance(r["revision"], int) for r in rows)
    assert sum(r["area_released_m2"] for r in rows) == 25400
    a = next(r for r in rows if r["report_id"] == nd.IDS["A"])
    assert joined({k: v or "" for k, v in a.items() if isinstance(k, str)}, "notes") == nd.LONG_NOTE
    codes = {(r[0].value, r[1].value): (r[2].value, r[3].value)
             for r in wb["codes"].iter_rows(min_row=2)}
    assert codes[("activity", "CLEARANCE")] == ("Clearance", label_km("CLEARANCE"))
    assert codes[("contamination", "CLUSTER")][1] != "Cluster munitions"  # Khmer, not English
    items = list(wb["items"].iter_rows(min_row=2, values_only=True))
    assert len(items) == 3


def test_geojson(data, tmp_path):
    path, _ = run(data, tmp_path, "geojson", status="ACCEPTED")
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["type"] == "FeatureCollection"
    by_layer = {}
    for f in doc["features"]:
        by_layer.setdefault(f["properties"]["layer"], []).append(f)
    sites = by_layer["sites"]
    assert len(sites) == 2 and all(f["geometry"]["type"] == "Polygon" for f in sites)
    ring = sites[0]["geometry"]["coordinates"][0]
    assert ring[0] == ring[-1] and all(100 < lon < 108 and 10 < lat < 15 for lon, lat in ring)
    devices = by_layer["devices"]
    assert len(devices) == 3 and {f["properties"]["report_id"] for f in devices} == {
        nd.IDS["A"], nd.IDS["E"]}
    assert devices[0]["geometry"] == {"type": "Point", "coordinates": [103.2, 13.1]}
    assert {f["properties"]["category"] for f in devices} == {"AP_MINE", "AT_MINE", "SUBMUNITION"}
    assert len(by_layer["evidence"]) == 1 and len({f["id"] for f in doc["features"]}) == 6


def test_geopackage(data, tmp_path):
    import pyogrio
    from pyogrio.raw import read

    path, _ = run(data, tmp_path, "gpkg", status="ACCEPTED")
    layers = dict(pyogrio.list_layers(path))
    assert layers == {"sites": "Polygon", "devices": "Point", "evidence": "Point", "reports": None}
    meta, _, geometry, fields = read(path, layer="sites")
    assert meta["crs"] == "EPSG:4326" and len(geometry) == 2
    meta, _, geometry, fields = read(path, layer="devices")
    cols = dict(zip(meta["fields"], fields))
    assert len(geometry) == 3 and set(cols["report_id"]) == {nd.IDS["A"], nd.IDS["E"]}
    meta, _, _, fields = read(path, layer="reports")
    cols = dict(zip(meta["fields"], fields))
    assert set(cols["report_id"]) == ACCEPTED
    assert sum(cols["area_released_m2"]) == 25400
    c = list(cols["report_id"]).index(nd.IDS["C"])
    assert cols["notes"][c] == "ការស្ទង់មិនប្រើបច្ចេកទេស"
    a = list(cols["report_id"]).index(nd.IDS["A"])
    assert "".join(str(cols[k][a] or "") for k in meta["fields"] if k.startswith("notes")) == nd.LONG_NOTE


def test_filters_filter(data, tmp_path):
    def report_ids(**f):
        path, _ = run(data, tmp_path, "csv", **f)
        t = read_csv_zip(path)
        return {r["report_id"] for r in t["reports"]}, {r["reference"] for r in t["sites"]}

    ids = nd.IDS
    assert report_ids() == ({ids[k] for k in "ABCDEFG"}, {s["reference"] for s in _demo()})
    assert report_ids(status="REJECTED") == ({ids["F"]}, {nd.S71408})
    assert report_ids(status="RECEIVED") == ({ids["D"], ids["G"]}, {nd.S60222})
    assert report_ids(unit="DU5")[0] == {ids["C"], ids["D"], ids["G"]}
    assert report_ids(province="17", status="ACCEPTED")[0] == {ids["A"], ids["B"], ids["E"]}
    assert report_ids(date_from=dt.date(2025, 6, 5), date_to=dt.date(2025, 12, 31))[0] == {
        ids["E"], ids["F"]}
    assert report_ids(contamination="CLUSTER", status="ACCEPTED")[0] == {ids["C"], ids["D"]}
    assert report_ids(visible_unit="DU4")[1] <= {s["reference"] for s in _demo() if
                                                s["reference"] != nd.S60222}


def _demo():
    from tests.helpers.synchq import demo_sites

    return demo_sites()


def test_the_json_export_is_what_it_was(data, tmp_path):
    """The default format stays safeland/1 as `export_document` gives it."""
    from hq.sites import export_document

    path, summary = run(data, tmp_path, "json")
    assert json.loads(path.read_text(encoding="utf-8")) == export_document(data)
    assert summary.counts == {"sites": 5, "reports": 7}


def test_the_command(data, hq_url, tmp_path, capsys):
    from openpyxl import load_workbook

    from hq.cli import main

    out = tmp_path / "accepted.xlsx"
    assert main(["--database-url", hq_url, "export", "-o", str(out), "--format", "xlsx",
                 "--status", "ACCEPTED", "--unit", "DU4", "--from", "2025-01-01"]) == 0
    assert "3 reports" in capsys.readouterr().err
    assert load_workbook(out)["reports"].max_row == 4
    with pytest.raises(SystemExit) as usage:
        main(["--database-url", hq_url, "export", "-o", str(tmp_path / "x.gpkg"), "--format",
              "gpkg", "--status", "NOPE"])
    assert usage.value.code == 2 and not (tmp_path / "x.gpkg").exists()
    capsys.readouterr()
    assert main(["--database-url", hq_url, "export", "-o", str(tmp_path / "x.zip"), "--format",
                 "csv", "--contamination", "CLUSTER"]) == 0
    assert {r["site_reference"] for r in read_csv_zip(tmp_path / "x.zip")["reports"]} == {nd.S60222}
