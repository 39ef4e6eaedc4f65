"""The export files that both HQ and the laptop write from safeland_core.tables' rows: CSV (a zip
of one file per table), XLSX and GeoJSON. HQ adds GeoPackage (hq/exports.py, pyogrio).

A writer takes records one at a time (`site`, `report`), so an export of any size streams:
CSV rows go to one temporary file per table and are zipped at the end, XLSX uses openpyxl's
write-only mode (rows go to temporary files, never a sheet in memory), GeoJSON is written
feature by feature. Every writer writes to `PATH.part` and renames it at `close()`, so a file
under the real name is always whole; `abort()` removes the part.

openpyxl is imported inside XlsxWriter only: the base install (the core) does not have it; the
desktop and hq extras do. Thread: one writer is used by one thread.
"""
from __future__ import annotations

import csv
import datetime as dt
import json
import re
import shutil
import tempfile
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import IO, Any

from . import labels, tables
from .tables import Layout, Row

FORMATS = ("csv", "xlsx", "geojson")
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # what an XLSX cell cannot hold


class TableWriter:
    """Records in, table rows out to `rows(table, rows)`; counts what was written."""

    def __init__(self, path: str | Path, layout: Layout):
        self.path = Path(path)
        self.part = self.path.with_name(self.path.name + ".part")
        self.layout = layout
        self.counts = {t: 0 for t in tables.TABLES}

    def site(self, record: Mapping[str, Any], revision: int | None) -> None:
        self.rows("sites", [tables.site_row(record, revision)])
        self.rows("points", tables.point_rows(record, revision))

    def report(self, record: Mapping[str, Any], site_id: str | None,
               reviews: Sequence[Mapping[str, Any]] | None = None) -> None:
        r = tables.report_rows(record, site_id, self.layout, reviews)
        self.rows("reports", [r.report])
        self.rows("items", r.items)
        self.rows("reviews", r.reviews)

    def rows(self, table: str, rows: list[Row]) -> None:
        self.counts[table] += len(rows)
        self.write(table, rows)

    def write(self, table: str, rows: list[Row]) -> None:
        raise NotImplementedError

    def close(self) -> None:
        """Finish the file and give it its real name."""
        self.finish()
        self.part.replace(self.path)

    def finish(self) -> None:
        raise NotImplementedError

    def abort(self) -> None:
        self.part.unlink(missing_ok=True)

    def __enter__(self) -> TableWriter:
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        if kind is None:
            self.close()
        else:
            self.abort()


def text_value(value: Any) -> Any:
    """A cell's value as CSV and GeoJSON write it: dates ISO, times ISO in UTC with Z."""
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="seconds") + "Z"
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


class CsvZipWriter(TableWriter):
    """A zip of sites.csv, points.csv, reports.csv, items.csv, reviews.csv: UTF-8 with a BOM
    (Excel then reads Khmer right), a header row, comma separated, CRLF line ends."""

    def __init__(self, path: str | Path, layout: Layout):
        super().__init__(path, layout)
        self.tmp = Path(tempfile.mkdtemp(prefix="safeland-csv-"))
        self.files: dict[str, IO[str]] = {}
        self.writers: dict[str, Any] = {}
        for t in tables.TABLES:
            f = open(self.tmp / f"{t}.csv", "w", encoding="utf-8-sig", newline="")
            self.files[t] = f
            self.writers[t] = csv.writer(f)
            self.writers[t].writerow([c.name for c in layout.columns(t)])

    def write(self, table: str, rows: list[Row]) -> None:
        self.writers[table].writerows([[text_value(v) for v in r] for r in rows])

    def finish(self) -> None:
        for f in self.files.values():
            f.close()
        with zipfile.ZipFile(self.part, "w", zipfile.ZIP_DEFLATED) as z:
            for t in tables.TABLES:
                z.write(self.tmp / f"{t}.csv", f"{t}.csv")
        shutil.rmtree(self.tmp, ignore_errors=True)

    def abort(self) -> None:
        for f in self.files.values():
            f.close()
        shutil.rmtree(self.tmp, ignore_errors=True)
        super().abort()


class XlsxWriter(TableWriter):
    """One sheet per table (real number, date and time cells, a frozen bold header row) and a
    `codes` sheet: every code of every list with its English and Khmer labels."""

    def __init__(self, path: str | Path, layout: Layout):
        super().__init__(path, layout)
        from openpyxl import Workbook  # type: ignore[import-untyped]
        from openpyxl.cell import WriteOnlyCell  # type: ignore[import-untyped]
        from openpyxl.styles import Font  # type: ignore[import-untyped]

        self._cell, self._bold = WriteOnlyCell, Font(bold=True)
        self.book = Workbook(write_only=True)
        self.sheets: dict[str, Any] = {}
        self.kinds: dict[str, list[str]] = {}
        for t in tables.TABLES:
            cols = layout.columns(t)
            self.sheets[t] = self._sheet(t, [c.name for c in cols])
            self.kinds[t] = [c.kind for c in cols]

    def _sheet(self, title: str, header: list[str]) -> Any:
        ws = self.book.create_sheet(title)
        ws.freeze_panes = "A2"
        cells = []
        for name in header:
            cell = self._cell(ws, value=name)
            cell.font = self._bold
            cells.append(cell)
        ws.append(cells)
        return ws

    def _text(self, ws: Any, value: str) -> Any:
        """A text as a cell value: a text cell where openpyxl would take "=..." for a formula,
        and characters XML cannot hold replaced (U+FFFD)."""
        if _ILLEGAL_XML.search(value):
            value = _ILLEGAL_XML.sub("\ufffd", value)
        if not value.startswith("="):
            return value
        cell = self._cell(ws, value=value)
        cell.data_type = "s"
        return cell

    def write(self, table: str, rows: list[Row]) -> None:
        # Plain values (openpyxl gives dates and times their number formats itself): a
        # WriteOnlyCell per value would cost three times as much.
        ws = self.sheets[table]
        for r in rows:
            ws.append([self._text(ws, v) if isinstance(v, str) else v for v in r])

    def finish(self) -> None:
        ws = self._sheet("codes", ["list", "code", "label_en", "label_km"])
        for e in labels.catalogue():
            ws.append([e.list, e.code, e.en, e.km])
        self.book.save(self.part)

    def abort(self) -> None:
        self.book = None
        super().abort()


class GeoJsonWriter(TableWriter):
    """One FeatureCollection (RFC 7946, WGS84 lon/lat): sites as polygons (null geometry when a
    site has fewer than three perimeter points), devices found and evidence points as points.
    Each feature has its stable `id` and a `layer` property: sites, devices or evidence."""

    def __init__(self, path: str | Path, layout: Layout):
        super().__init__(path, layout)
        self.out = open(self.part, "w", encoding="utf-8")
        self.out.write('{"type": "FeatureCollection", "features": [\n')
        self.first = True
        self.names = {t: [c.name for c in layout.columns(t)] for t in tables.TABLES}
        self.features = {"sites": 0, "devices": 0, "evidence": 0}

    def feature(self, layer: str, fid: str, geometry: dict[str, Any] | None,
                props: dict[str, Any]) -> None:
        doc = {"type": "Feature", "id": fid, "geometry": geometry,
               "properties": {"layer": layer, **{k: text_value(v) for k, v in props.items()}}}
        self.out.write(("" if self.first else ",\n") + json.dumps(doc, ensure_ascii=False))
        self.first = False
        self.features[layer] += 1

    def site(self, record: Mapping[str, Any], revision: int | None) -> None:
        super().site(record, revision)
        coords = tables.ring(record)
        row = tables.site_row(record, revision)
        self.feature("sites", str(record.get("id")),
                     {"type": "Polygon", "coordinates": [[list(c) for c in coords]]} if coords else None,
                     dict(zip(self.names["sites"], row)))
        for p in tables.point_rows(record, revision):
            props = dict(zip(self.names["points"], p))
            if props["type"] == "EVIDENCE" and props["lat"] is not None and props["lon"] is not None:
                self.feature("evidence", props["point_id"],
                             {"type": "Point", "coordinates": [props["lon"], props["lat"]]}, props)

    def report(self, record: Mapping[str, Any], site_id: str | None,
               reviews: Sequence[Mapping[str, Any]] | None = None) -> None:
        super().report(record, site_id, reviews)
        for item in tables.item_rows(record, site_id):
            props = dict(zip(self.names["items"], item))
            if props["lat"] is not None and props["lon"] is not None:
                self.feature("devices", props["item_id"],
                             {"type": "Point", "coordinates": [props["lon"], props["lat"]]}, props)

    def write(self, table: str, rows: list[Row]) -> None:
        pass  # only the features above are written

    def finish(self) -> None:
        self.out.write("\n]}\n")
        self.out.close()

    def abort(self) -> None:
        self.out.close()
        super().abort()


def writer_for(fmt: str, path: str | Path, layout: Layout) -> TableWriter:
    """The writer of one of FORMATS."""
    if fmt == "csv":
        return CsvZipWriter(path, layout)
    if fmt == "xlsx":
        return XlsxWriter(path, layout)
    if fmt == "geojson":
        return GeoJsonWriter(path, layout)
    raise ValueError(f"no export format {fmt!r} (one of {', '.join(FORMATS)})")
