"""The laptop's `safeland export --format csv|xlsx|geojson` (app/domain/export_formats.py): the
same tables as HQ's, read back with the csv module, openpyxl and json, from the demo database."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile

import pytest


def test_csv_xlsx_geojson_of_the_demo(demo_db, tmp_path):
    from openpyxl import load_workbook

    from app.domain.export_formats import export_tables
    from app.domain.transfer import export_document

    doc = export_document(demo_db)
    ids = {r["id"] for r in doc["reports"]}
    done = export_tables(demo_db, tmp_path / "out.zip", "csv")
    assert done.counts["reports"] == 100 and done.counts["sites"] == 5
    with zipfile.ZipFile(tmp_path / "out.zip") as z:
        raw = z.read("reports.csv")
        assert raw.startswith(b"\xef\xbb\xbf")
        rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert {r["report_id"] for r in rows} == ids
    assert {r["status"] for r in rows} <= {"DRAFT", "SIGNED", "ACCEPTED", "RETURNED", "REJECTED"}
    khmer = next(r for r in doc["reports"] if any("\u1780" <= ch <= "\u17ff" for ch in r["notes"]))
    assert next(r for r in rows if r["report_id"] == khmer["id"])["notes"] == khmer["notes"]

    export_tables(demo_db, tmp_path / "out.xlsx", "xlsx")
    wb = load_workbook(tmp_path / "out.xlsx")
    ws = wb["reports"]
    header = [c.value for c in ws[1]]
    values = list(ws.iter_rows(min_row=2, values_only=True))
    assert len(values) == 100
    assert all(isinstance(v[header.index("date")], dt.datetime) for v in values)
    assert sum(v[header.index("area_released_m2")] for v in values) == pytest.approx(sum(
        r["area_cleared_m2"] + r["area_reduced_m2"] + r["area_cancelled_m2"] for r in doc["reports"]))
    assert wb["codes"].max_row > 40

    export_tables(demo_db, tmp_path / "out.geojson", "geojson")
    features = json.loads((tmp_path / "out.geojson").read_text(encoding="utf-8"))["features"]
    layers = {f["properties"]["layer"] for f in features}
    assert layers == {"sites", "devices", "evidence"}
    n_items = sum(1 for r in doc["reports"] for i in r["items"] if i.get("lat") is not None)
    assert sum(1 for f in features if f["properties"]["layer"] == "devices") == n_items


@pytest.mark.slow  # a subprocess
def test_the_command(demo_db, safeland, tmp_path):
    r = safeland("export", "-o", str(tmp_path / "t.xlsx"), "--format", "xlsx")
    assert r.code == 0, r
    assert "100 reports" in r.err and (tmp_path / "t.xlsx").exists()
    r = safeland("export", "-o", str(tmp_path / "t.gpkg"), "--format", "gpkg")
    assert r.code == 2  # HQ only
