"""HQ's exports (issue 13): safeland/1 JSON, and the tables of safeland_core.tables as CSV,
XLSX, GeoJSON (safeland_core.tablefiles) and GeoPackage (here: pyogrio, HQ only).

Which reports. With no status, every report at its newest revision (today's JSON export). With
`--status ACCEPTED`, each report that counts in the national figures, at the revision that
counts (hq/totals.py: its latest accepted one), so an export's areas add up to the totals page
under the same filters. With RECEIVED, RETURNED or REJECTED, the reports whose newest revision
is in that state. Filters: unit, province (the site's), contamination, and the report's date.
Sites: those of the unit/province/contamination filters (with a status or date filter, only
those that have an exported report).

Streaming: reports are read from the database in chunks (a server-side cursor on PostgreSQL)
and written as they come; the writers keep no table in memory (docs/exports.md). Only the sites'
ids by reference stay in memory (HQ holds thousands of sites, not millions). Thread: any; each
export opens its own session.
"""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from sqlalchemy import ColumnElement, and_, func, select
from sqlalchemy.sql.expression import Select

from safeland_core import tablefiles, tables
from safeland_core.tables import Layout, Row

from .db import HQDatabase
from .models import Report, Review, Site
from .review import DECISIONS, export_status
from .totals import DATE, NO_CLUSTER, PROVINCE, TEAM, counted_cond, has_contamination, per_record

FORMATS = ("json", "csv", "xlsx", "geojson", "gpkg")
STATUSES = ("ACCEPTED", "RECEIVED", "RETURNED", "REJECTED")
CHUNK = 2000
MEDIA_TYPES = {"json": "application/json", "csv": "application/zip",
               "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
               "geojson": "application/geo+json", "gpkg": "application/geopackage+sqlite3"}
SUFFIXES = {"json": ".json", "csv": ".zip", "xlsx": ".xlsx", "geojson": ".geojson", "gpkg": ".gpkg"}


@dataclass
class ExportFilter:
    status: str | None = None
    unit: str | None = None
    province: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    contamination: str | None = None
    site: str | None = None  # a site reference (the reports page's filter)
    team: str | None = None  # part of the team's name, any case (the reports page's filter)
    visible_unit: str | None = None  # the signed-in user's unit limit

    def __post_init__(self) -> None:
        if self.status is not None and self.status not in STATUSES:
            raise ValueError(f"--status is one of {', '.join(STATUSES)}; not {self.status!r}")

    def query_string(self) -> dict[str, str]:
        """The filters as the pages' query parameters."""
        return {k: v for k, v in {
            "status": self.status or "", "unit": self.unit or "", "province": self.province or "",
            "date_from": self.date_from.isoformat() if self.date_from else "",
            "date_to": self.date_to.isoformat() if self.date_to else "",
            "contamination": self.contamination or "", "site": self.site or "",
            "team": self.team or ""}.items() if v}


@dataclass
class ExportSummary:
    format: str
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def sites(self) -> int:
        return self.counts.get("sites", 0)

    @property
    def reports(self) -> int:
        return self.counts.get("reports", 0)


# --- selecting ------------------------------------------------------------------------------

def _site_conds(f: ExportFilter) -> list[ColumnElement[bool]]:
    conds: list[ColumnElement[bool]] = []
    if f.visible_unit is not None:
        conds.append(Site.unit == f.visible_unit)
    if f.unit:
        conds.append(Site.unit == f.unit)
    if f.province:
        conds.append(PROVINCE == f.province)
    if f.contamination == NO_CLUSTER:
        conds.append(~has_contamination("CLUSTER"))
    elif f.contamination:
        conds.append(has_contamination(f.contamination))
    return conds


def _report_query(f: ExportFilter, *cols: Any) -> Select[Any]:
    per = per_record()
    if f.status == "ACCEPTED":
        which = counted_cond(per, "ACCEPTED")
    elif f.status:
        which = and_(Report.revision == per.c.latest, Report.status == f.status)
    else:
        which = Report.revision == per.c.latest
    q = (select(*cols).select_from(Report).join(per, per.c.rid == Report.record_id).where(which))
    site_conds = _site_conds(f)
    if site_conds:
        q = q.join(Site, Site.reference == Report.site_reference).where(*site_conds)
    if f.date_from:
        q = q.where(DATE >= f.date_from.isoformat())
    if f.date_to:
        q = q.where(DATE <= f.date_to.isoformat())
    if f.site:
        q = q.where(Report.site_reference == f.site)
    if f.team:
        q = q.where(func.lower(TEAM).contains(f.team.strip().lower(), autoescape=True))
    return q


def _sites(s: Any, f: ExportFilter) -> Iterator[tuple[dict[str, Any], int]]:
    q = select(Site.record, Site.change_no).where(*_site_conds(f)).order_by(Site.reference)
    if f.status or f.date_from or f.date_to or f.site or f.team:
        q = q.where(Site.reference.in_(_report_query(f, Report.site_reference).distinct()))
    for record, change_no in s.execute(q):
        yield record, int(change_no)


def _chunks(s: Any, q: Select[Any], size: int) -> Iterator[Sequence[Any]]:
    result = s.execute(q.execution_options(stream_results=True, yield_per=size))
    yield from result.partitions(size)


def _reviews(s: Any, ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    """Every decision on these reports, oldest first."""
    out: dict[str, list[dict[str, Any]]] = {}
    if not ids:
        return out
    for r in s.scalars(select(Review).where(Review.record_id.in_(ids)).order_by(Review.change_no)):
        out.setdefault(r.record_id, []).append(
            {"id": str(r.change_no), "revision": r.revision, "decision": r.decision,
             "reason": r.reason, "by": r.username, "at": r.decided_at})
    return out


def reports(db: HQDatabase, f: ExportFilter, chunk: int = CHUNK
            ) -> Iterator[tuple[dict[str, Any], list[dict[str, Any]]]]:
    """(record, its decisions) of each exported report, in date order, a chunk at a time. The
    record's `status` is HQ's state as safeland/1 writes it, and `review` the newest decision on
    that revision."""
    q = _report_query(f, Report.record, Report.status, Report.revision).order_by(
        DATE, Report.record_id)
    with db.session() as s:
        for part in _chunks(s, q, chunk):
            decided = _reviews(s, [str(r[0].get("id")) for r in part])
            for record, state, revision in part:
                mine = decided.get(str(record.get("id")), [])
                rec = {**record, "status": export_status(state)}
                on_this = [d for d in mine if d["revision"] == revision]
                if state in DECISIONS and on_this:
                    d = on_this[-1]
                    at = tables.as_utc(d["at"])
                    rec["review"] = {"decision": d["decision"], "reason": d["reason"],
                                     "by": d["by"], "at": at.isoformat() + "Z" if at else None}
                yield rec, mine


def layout(db: HQDatabase) -> Layout:
    """Columns enough for the longest notes, reasons and review reasons HQ holds (one scan)."""
    def longest(key: str) -> Any:
        return func.max(func.length(Report.record[key].as_string()))

    out = Layout()
    with db.session() as s:
        row = s.execute(select(*(longest(k) for k in tables.LONG_TEXT["reports"]))).one()
        for name, n in zip(tables.LONG_TEXT["reports"], row):
            out.fit("reports", name, int(n or 0))
        out.fit("reviews", "reason", int(s.scalar(select(func.max(func.length(Review.reason))))
                                         or 0))
    return out


# --- writing --------------------------------------------------------------------------------

def export(db: HQDatabase, path: str | Path, fmt: str, f: ExportFilter | None = None,
           chunk: int = CHUNK, progress: Callable[[int], None] | None = None) -> ExportSummary:
    """Write HQ's data under `f` to `path` as `fmt` (one of FORMATS). The file appears whole
    under its name or not at all."""
    f = f or ExportFilter()
    if fmt not in FORMATS:
        raise ValueError(f"--format is one of {', '.join(FORMATS)}; not {fmt!r}")
    if fmt == "json":
        part = Path(str(path) + ".part")
        try:
            with open(part, "w", encoding="utf-8") as out:
                counts = write_json(db, out, f, chunk)
            part.replace(path)
        except BaseException:
            part.unlink(missing_ok=True)
            raise
        return ExportSummary(fmt, counts)
    lay = layout(db)
    w = GpkgWriter(path, lay) if fmt == "gpkg" else tablefiles.writer_for(fmt, path, lay)
    with w:
        site_ids: dict[str, str] = {}
        with db.session() as s:
            for record, change_no in _sites(s, f):
                site_ids[str(record.get("reference"))] = str(record.get("id"))
                w.site(record, change_no)
        for n, (rec, decided) in enumerate(reports(db, f, chunk), 1):
            w.report(rec, site_ids.get(str(rec.get("site_reference"))), decided)
            if progress is not None and n % chunk == 0:
                progress(n)
    return ExportSummary(fmt, dict(w.counts))


def write_json(db: HQDatabase, out: IO[str], f: ExportFilter, chunk: int = CHUNK) -> dict[str, int]:
    """safeland/1 as `safeland-hq export` always wrote it (sites by reference, reports at the
    revision chosen, by date), one record at a time."""
    counts = {"sites": 0, "reports": 0}
    out.write('{"format": "safeland/1",\n"sites": [')
    with db.session() as s:
        for n, (record, _) in enumerate(_sites(s, f)):
            out.write(("\n" if n == 0 else ",\n") + json.dumps(record, ensure_ascii=False))
            counts["sites"] += 1
    out.write('],\n"reports": [')
    for n, (rec, _) in enumerate(reports(db, f, chunk)):
        out.write(("\n" if n == 0 else ",\n") + json.dumps(rec, ensure_ascii=False))
        counts["reports"] += 1
    out.write("]}\n")
    return counts


class GpkgWriter(tablefiles.TableWriter):
    """A GeoPackage (WGS84, EPSG:4326) with the GeoJSON's layers, `sites` (polygons),
    `devices` and `evidence` (points), and the `reports` table without geometry; rows are
    buffered a chunk at a time and appended through pyogrio."""

    LAYERS = {"sites": ("sites", "Polygon"), "devices": ("items", "Point"),
              "evidence": ("points", "Point"), "reports": ("reports", None)}

    def __init__(self, path: str | Path, layout: Layout, chunk: int = CHUNK):
        super().__init__(path, layout)
        self.chunk = chunk
        self.part = self.path.with_name(self.path.stem + ".part.gpkg")  # GDAL wants .gpkg
        self.part.unlink(missing_ok=True)
        self.cols = {t: layout.columns(t) for t in tables.TABLES}
        self.buffers: dict[str, list[tuple[bytes | None, Row]]] = {k: [] for k in self.LAYERS}
        self.started: set[str] = set()

    def site(self, record: Mapping[str, Any], revision: int | None) -> None:
        from shapely import Point, Polygon, to_wkb

        ring = tables.ring(record)
        self._add("sites", to_wkb(Polygon(ring)) if ring else None,
                  tables.site_row(record, revision))
        self.counts["sites"] += 1
        for p in tables.point_rows(record, revision):
            self.counts["points"] += 1
            if p[4] == "EVIDENCE" and p[6] is not None and p[7] is not None:
                self._add("evidence", to_wkb(Point(p[7], p[6])), p)

    def report(self, record: Mapping[str, Any], site_id: str | None,
               reviews: Sequence[Mapping[str, Any]] | None = None) -> None:
        from shapely import Point, to_wkb

        r = tables.report_rows(record, site_id, self.layout, reviews)
        self._add("reports", None, r.report)
        self.counts["reports"] += 1
        self.counts["reviews"] += len(r.reviews)
        for item in r.items:
            self.counts["items"] += 1
            if item[12] is not None and item[13] is not None:
                self._add("devices", to_wkb(Point(item[13], item[12])), item)

    def _add(self, layer: str, wkb: bytes | None, row: Row) -> None:
        buf = self.buffers[layer]
        buf.append((wkb, row))
        if len(buf) >= self.chunk:
            self._flush(layer)

    def _flush(self, layer: str) -> None:
        import numpy as np
        from pyogrio.raw import write  # type: ignore[import-untyped]

        buf, table_geom = self.buffers[layer], self.LAYERS[layer]
        if not buf and layer in self.started:
            return
        table, geom_type = table_geom
        cols = self.cols[table]
        data, masks = [], []
        for n, c in enumerate(cols):
            values = [_gpkg_value(row[n]) for _, row in buf]
            missing = np.array([v is None for v in values], dtype=bool)
            if c.kind in ("int",):
                arr = np.array([v if v is not None else 0 for v in values], dtype=np.int64)
            elif c.kind == "float":
                arr = np.array([v if v is not None else np.nan for v in values], dtype=np.float64)
            else:
                arr = np.array(values, dtype=object)
            data.append(arr)
            masks.append(missing if missing.any() else None)
        geometry = (np.array([g for g, _ in buf], dtype=object) if geom_type else None)
        write(str(self.part), geometry, data, [c.name for c in cols], field_mask=masks,
              layer=layer, driver="GPKG", geometry_type=geom_type,
              crs="EPSG:4326" if geom_type else None, append=layer in self.started)
        self.started.add(layer)
        buf.clear()

    def write(self, table: str, rows: list[Row]) -> None:
        pass  # site() and report() above buffer the layers' rows themselves

    def finish(self) -> None:
        for layer in self.LAYERS:
            self._flush(layer)


def _gpkg_value(v: Any) -> Any:
    """Dates and times as ISO text (GeoPackage's own DATE and DATETIME encodings)."""
    if isinstance(v, dt.datetime):
        return v.isoformat(timespec="seconds") + "Z"
    if isinstance(v, dt.date):
        return v.isoformat()
    return v
