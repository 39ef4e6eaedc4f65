"""Canonical safeland/1 records and the revision hash chain.

`site_record` / `report_record` give the plain JSON-ready dict that export writes and sync
sends, from any object with the record's attributes (the field database's rows, duck-typed:
this package never imports an ORM); `site_wire_record` builds the same site record straight
from a validated `SiteIn`, as HQ sends it. `report_fields` / `item_rows` / `site_fields` go the
other way (column values). Nothing here opens a session or knows a table.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import uuid
from dataclasses import dataclass
from typing import Any

import orjson

from . import geo
from .schemas import ReportIn, SiteIn
from .validation import ResolvedPoint, perimeter

# Namespace for ids derived from content, so a record imported without an id gets the same id
# every time and re-importing the file is a no-op.
_CONTENT_NS = uuid.UUID("6f1f5a4e-6b0b-4e55-9f6a-5afe1a2d0001")


def _iso(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _num(value: float | None) -> float | int | None:
    """Whole numbers as ints, so 25000.0 exports as 25000."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def site_record(site: Any) -> dict[str, Any]:
    return {
        "id": site.id,
        "reference": site.reference,
        "name": site.name,
        "hazard_type": site.hazard_type,
        "contamination": list(site.contamination),
        "status": site.status,
        "operator": site.operator,
        "unit": site.unit,
        "province_code": site.province_code,
        "district_code": site.district_code,
        "commune_code": site.commune_code,
        "village_code": site.village_code,
        "area_m2": _num(site.area_m2),
        "intended_land_use": site.intended_land_use,
        "points": [point_record(p) for p in site.points],
        "owner": site.owner,
        "created_at": _iso(site.created_at),
        "updated_at": _iso(site.updated_at),
        "proposal_state": getattr(site, "proposal_state", None),
        "proposal_reason": getattr(site, "proposal_reason", None),
        "provisional_reference": getattr(site, "provisional_reference", None),
    }


def point_record(p: Any) -> dict[str, Any]:
    rec: dict[str, Any] = {"type": p.type}
    if p.seq is not None:
        rec["seq"] = p.seq
    rec["lat"] = p.lat
    rec["lon"] = p.lon
    if p.bearing_deg is not None:
        rec["bearing_deg"] = _num(p.bearing_deg)
        rec["distance_m"] = _num(p.distance_m)
    return rec


def item_record(item: Any) -> dict[str, Any]:
    return {
        "category": item.category, "model": item.model, "quantity": item.quantity,
        "condition": item.condition, "depth_cm": item.depth_cm, "disposal": item.disposal,
        "lat": item.lat, "lon": item.lon,
    }


def report_record(report: Any, site_reference: str) -> dict[str, Any]:
    """A report's record. `site_id` (the report's site by id, added in the second wave) stands
    beside `site_reference`: readers that know the site by id use it first, so a report follows
    its site when HQ gives the site another reference. It is not part of the signed content
    (ReportIn has no such field, so the hash is what older builds compute)."""
    return {
        "id": report.id,
        "site_id": getattr(report, "site_id", None),
        "site_reference": site_reference,
        "date": report.date.isoformat(),
        "activity": report.activity,
        "assets": list(report.assets),
        "team": report.team,
        "team_leader": report.team_leader,
        "personnel": report.personnel,
        "hours_worked": _num(report.hours_worked),
        "area_cleared_m2": _num(report.area_cleared_m2),
        "area_reduced_m2": _num(report.area_reduced_m2),
        "area_cancelled_m2": _num(report.area_cancelled_m2),
        "clearance_depth_cm": report.clearance_depth_cm,
        "items": [item_record(i) for i in report.items],
        "notes": report.notes,
        "status": report.status,
        "revision": report.revision,
        "amend_reason": report.amend_reason,
        "review_reason": report.review_reason,
        "signed_at": _iso(report.signed_at),
        "created_at": _iso(report.created_at),
        "updated_at": _iso(report.updated_at),
        "hash": report.hash,
        "prev_hash": report.prev_hash,
    }


# Fields that change without a new revision (HQ's review, bookkeeping): not part of the hash.
_UNHASHED = {"status", "review_reason", "updated_at", "hash", "prev_hash"}


def signed_content(record: dict[str, Any], parsed: ReportIn | None = None) -> dict[str, Any]:
    """The signed part of a report record, normalised through the schema so that the same
    report hashes the same whether it comes from the database or from a file (7 == 7.0).
    `parsed`: the record already parsed by ReportIn (HQ validates every pushed record first),
    so it is not parsed twice."""
    normal = (parsed or ReportIn.model_validate(record)).model_dump(mode="json", exclude=_UNHASHED)
    normal["id"] = str(record["id"]) if record.get("id") else None
    return normal


# orjson writes a float as Python's repr does (shortest round-trip digits) only in this range,
# and zero; outside it repr switches to an exponent (1e-05) where orjson writes 0.00001.
_ORJSON_FLOATS = (1e-4, 1e16)


def canonical_json(content: dict[str, Any]) -> bytes:
    """The canonical JSON of signed content, UTF-8: keys sorted, no spaces, text unescaped (the
    text safeland/1's hash covers, docs/format.md). Written by orjson when its text is the same
    as json.dumps(sort_keys=True, separators=(",", ":"), ensure_ascii=False) gives (a fifth of
    the time: HQ hashes every record it receives), else by json.dumps itself; the hashes of
    tests/unit/data/revision_hashes.json hold both to the text every signed record has."""
    if _only_json_values(content):
        try:
            return orjson.dumps(content, option=orjson.OPT_SORT_KEYS)
        except orjson.JSONEncodeError:  # a lone surrogate, an integer beyond 64 bits
            pass
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def revision_hash(record: dict[str, Any], prev_hash: str | None,
                  parsed: ReportIn | None = None) -> str:
    """sha256 over the previous revision's hash and the canonical JSON of this revision
    (`parsed`: see signed_content)."""
    canon = canonical_json(signed_content(record, parsed))
    return hashlib.sha256((prev_hash or "").encode() + b"\n" + canon).hexdigest()


def hash_matches(report: ReportIn) -> bool:
    """Whether a signed report still matches the hash it carries (True when it carries none).
    Used by `safeland import` and by HQ, so both refuse a report edited after signing."""
    if report.hash is None:
        return True
    return revision_hash(report.model_dump(mode="json"), report.prev_hash) == report.hash


_JSON_SCALARS = frozenset({str, int, bool, type(None)})


def _only_json_values(data: Any) -> bool:
    """Whether `data` holds nothing but what a JSON file gives (dicts, lists, strings, ints,
    bools, None, and floats orjson writes as json.dumps does: _ORJSON_FLOATS), exact types only,
    so orjson's text of it is json.dumps' and default=str is never called."""
    low, high = _ORJSON_FLOATS
    stack = [data]
    while stack:
        obj = stack.pop()
        for value in obj.values() if type(obj) is dict else obj:
            t = type(value)
            if t in _JSON_SCALARS:
                continue
            if t is float:
                if value and not low <= abs(value) < high:
                    return False
            elif t is dict or t is list:
                stack.append(value)
            else:
                return False
    return True


def content_id(kind: str, data: dict[str, Any]) -> str:
    """A uuid5 of the record's canonical JSON (json.dumps, keys sorted, compact, text
    unescaped, default=str), so an import without ids gives the same ids as every earlier
    build (tests/unit/data/content_ids.json). Written by orjson when its text is the same (a
    twelfth of the time; import derives one for every report without an id), else by
    json.dumps; orjson raises on what it writes otherwise (a key not a string, a lone
    surrogate, an integer beyond 64 bits)."""
    canon = None
    if type(data) is dict and _only_json_values(data):
        try:
            canon = orjson.dumps(data, option=orjson.OPT_SORT_KEYS)
        except orjson.JSONEncodeError:
            pass
    if canon is None:
        # encoded by hand: a lone surrogate in a field (refused by validation, which runs
        # later) cannot make the UTF-8 encoding fail first.
        canon = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                           default=str).encode("utf-8", "surrogatepass")
    name = kind.encode("utf-8", "surrogatepass") + b"\n" + canon
    return uuid_text(hashlib.sha1(_CONTENT_NS.bytes + name).digest(), 5)  # uuid.uuid5's id


def uuid_text(raw: bytes, version: int) -> str:
    """str(uuid.UUID(bytes=raw[:16], version=version)) for a version from 1 to 9, written
    straight from the bytes' hex (a third of the time: import makes one for every item and
    every report without an id);
    tests/unit/test_import_same_rows.py holds the two equal."""
    h = raw[:16].hex()
    return f"{h[:8]}-{h[8:12]}-{version}{h[13:16]}-{_VARIANT[h[16]]}{h[17:20]}-{h[20:]}"


# A hex digit to the RFC 4122 variant's (10xx in binary): the digit's two low bits kept.
_VARIANT = {c: "89ab"[int(c, 16) & 3] for c in "0123456789abcdef"}


def new_ids(n: int) -> list[str]:
    """`n` random ids, each as str(uuid.uuid4()) gives one (one os.urandom call for all)."""
    raw = os.urandom(16 * n)
    return [uuid_text(raw[i:i + 16], 4) for i in range(0, 16 * n, 16)]


def report_fields(report: ReportIn) -> dict[str, Any]:
    """Column values of a report row from a parsed report (content fields only)."""
    return {
        "date": report.date,
        "activity": report.activity._value_,  # see item_rows
        "assets": [a._value_ for a in report.assets],
        "team": report.team,
        "team_leader": report.team_leader,
        "personnel": report.personnel,
        "hours_worked": report.hours_worked,
        "area_cleared_m2": report.area_cleared_m2,
        "area_reduced_m2": report.area_reduced_m2,
        "area_cancelled_m2": report.area_cancelled_m2,
        "clearance_depth_cm": report.clearance_depth_cm,
        "notes": report.notes,
    }


def item_rows(report: ReportIn, report_id: str, site_id: str) -> list[dict[str, Any]]:
    """Column values of a report's item rows, each with a new random id. An enum's value is
    read as `_value_` (the member's own attribute; `.value` is a property, a fifth of
    building the rows of a 10,000-report import under cProfile)."""
    return [{
        "id": item_id, "report_id": report_id, "site_id": site_id, "position": i,
        "category": it.category._value_, "model": it.model, "quantity": it.quantity,
        "condition": it.condition._value_, "depth_cm": it.depth_cm,
        "disposal": it.disposal._value_, "lat": it.lat, "lon": it.lon,
    } for i, (it, item_id) in enumerate(zip(report.items, new_ids(len(report.items))))]


def site_fields(site: SiteIn) -> dict[str, Any]:
    return {
        "reference": site.reference,
        "name": site.name,
        "hazard_type": site.hazard_type.value,
        "contamination": [c.value for c in site.contamination],
        "status": site.status.value,
        "operator": site.operator,
        "unit": site.unit,
        "province_code": site.province_code,
        "district_code": site.district_code,
        "commune_code": site.commune_code,
        "village_code": site.village_code,
        "intended_land_use": site.intended_land_use.value if site.intended_land_use else None,
    }


def point_fields(points: list[ResolvedPoint]) -> list[dict[str, Any]]:
    """Column values of a site's point rows, in order (coordinates resolved)."""
    return [{"position": i, "type": p.type.value, "seq": p.seq, "lat": p.lat, "lon": p.lon,
             "bearing_deg": p.bearing_deg, "distance_m": p.distance_m}
            for i, p in enumerate(points)]


def site_area(site: SiteIn, points: list[ResolvedPoint]) -> float | None:
    """The area a site records: the one given, else its perimeter's geodesic area (m², whole),
    else None (fewer than 3 perimeter points)."""
    if site.area_m2 is not None:
        return site.area_m2
    ring = perimeter(points)
    return round(geo.ring_area_m2([(p.lat, p.lon) for p in ring])) if len(ring) >= 3 else None


def site_wire_record(site: SiteIn, points: list[ResolvedPoint], site_id: str, owner: str,
                     created: dt.datetime | None, updated: dt.datetime | None, *,
                     proposal_state: str | None = None, proposal_reason: str | None = None,
                     provisional_reference: str | None = None) -> dict[str, Any]:
    """The record of a validated site, exactly as `site_record` gives it for a stored row
    written from the same input (HQ sends this; a test keeps the two equal)."""
    fields = site_fields(site)
    rec: dict[str, Any] = {"id": site_id, **{k: fields[k] for k in (
        "reference", "name", "hazard_type", "contamination", "status", "operator", "unit",
        "province_code", "district_code", "commune_code", "village_code")}}
    rec["area_m2"] = _num(site_area(site, points))
    rec["intended_land_use"] = fields["intended_land_use"]
    rec["points"] = [point_record(_Point(**f)) for f in point_fields(points)]
    rec["owner"] = owner
    rec["created_at"] = _iso(created)
    rec["updated_at"] = _iso(updated)
    rec["proposal_state"] = proposal_state
    rec["proposal_reason"] = proposal_reason
    rec["provisional_reference"] = provisional_reference
    return rec


@dataclass(frozen=True)
class _Point:
    position: int
    type: str
    seq: int | None
    lat: float | None
    lon: float | None
    bearing_deg: float | None
    distance_m: float | None
