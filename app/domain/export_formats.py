"""`safeland export --format csv|xlsx|geojson`: the laptop's data as the same tables HQ exports
(safeland_core.tables, written by safeland_core.tablefiles; docs/exports.md). No GeoPackage on
the laptop: its install stays lean (pyogrio and GDAL are HQ's).

The records are those of the safeland/1 document that `export_document` (transfer.py) builds,
status and review included, so the tables say what the JSON export says. A team's laptop holds
thousands of reports at most: the document is built in memory, the files are written streaming.
Thread: the caller's (the CLI's main thread); the database is only read.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from safeland_core.tablefiles import FORMATS, writer_for
from safeland_core.tables import Layout

from ..db import Database
from .transfer import export_document

__all__ = ["FORMATS", "ExportCounts", "export_tables"]


@dataclass(frozen=True)
class ExportCounts:
    counts: dict[str, int]


def export_tables(db: Database, path: str | Path, fmt: str) -> ExportCounts:
    """Write everything the laptop holds to `path` as `fmt` (one of FORMATS); the file appears
    whole under its name or not at all. Sites carry no revision (the laptop keeps none)."""
    doc = export_document(db)
    site_ids = {s["reference"]: s["id"] for s in doc["sites"]}
    writer = writer_for(fmt, path, Layout.of_records(doc["reports"]))
    with writer:
        for site in doc["sites"]:
            writer.site(site, None)
        for rep in doc["reports"]:
            writer.report(rep, site_ids.get(rep["site_reference"]))
    return ExportCounts(dict(writer.counts))
