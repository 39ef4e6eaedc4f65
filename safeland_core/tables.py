"""safeland/1 records -> the rows of the export tables (docs/exports.md), shared by HQ's and the
laptop's exports: sites, points, reports, items and reviews, each row a tuple of plain values
(str, int, float, datetime.date, datetime.datetime, None) in the order of its table's columns.

The rules IMSMA's import asks for are kept here, once:

- parent ids on the left: a point starts with its site's id, an item with its site's and its
  report's, a review with its report's;
- every row carries a stable id and a revision (a point's id is `SITE_ID:POSITION`, an item's
  `REPORT_ID:REVISION:POSITION`), so a load retried is de-duplicated by id;
- choice columns hold the safeland/1 codes (lists of codes joined by ";"); coordinates are WGS84
  decimal degrees; dates are `datetime.date`, times `datetime.datetime` (UTC, naive);
- text over 255 characters is split into continuation columns (`notes`, `notes_2`, ...), never
  cut: `Layout` says how many columns each long field has (two at least, more when the longest
  text needs them; the caller measures it before the header is written).

No Qt, no ORM, no file format: the writers (safeland_core/tablefiles.py, hq/exports.py) take
these rows. Thread: any; nothing here keeps state.
"""
from __future__ import annotations

import datetime as dt
import math
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from .vocab import PERIMETER_TYPES

TEXT_LIMIT = 255  # IMSMA's Excel import takes at most 255 characters a cell
DESTROYED = frozenset({"DESTROYED_IN_SITU", "DESTROYED_AT_DEMOLITION_SITE"})
TABLES = ("sites", "points", "reports", "items", "reviews")

# Long text fields, by table: each is written as field, field_2, ... (Layout).
LONG_TEXT: dict[str, tuple[str, ...]] = {
    "reports": ("notes", "amend_reason", "review_reason"),
    "reviews": ("reason",),
}


class Column(NamedTuple):
    name: str
    kind: str  # id, text, code, codes, int, float, date, datetime


Row = tuple[Any, ...]

_SITES = [("site_id", "id"), ("site_revision", "int"), ("reference", "text"), ("name", "text"),
          ("hazard_type", "code"), ("contamination", "codes"), ("status", "code"),
          ("operator", "text"), ("unit", "text"), ("province_code", "text"),
          ("district_code", "text"), ("commune_code", "text"), ("village_code", "text"),
          ("area_m2", "float"), ("intended_land_use", "code"), ("owner", "code"),
          ("lat", "float"), ("lon", "float"), ("created_at", "datetime"),
          ("updated_at", "datetime")]
_POINTS = [("site_id", "id"), ("site_revision", "int"), ("point_id", "id"), ("position", "int"),
           ("type", "code"), ("seq", "int"), ("lat", "float"), ("lon", "float"),
           ("bearing_deg", "float"), ("distance_m", "float")]
_REPORTS_HEAD = [("site_id", "id"), ("site_reference", "text"), ("report_id", "id"),
                 ("revision", "int"), ("date", "date"), ("activity", "code"), ("assets", "codes"),
                 ("team", "text"), ("team_leader", "text"), ("personnel", "int"),
                 ("hours_worked", "float"), ("area_cancelled_m2", "float"),
                 ("area_reduced_m2", "float"), ("area_cleared_m2", "float"),
                 ("area_released_m2", "float"), ("clearance_depth_cm", "int"),
                 ("devices_found", "int"), ("devices_destroyed", "int"), ("status", "code"),
                 ("review_decision", "code"), ("review_by", "text"), ("review_at", "datetime")]
_REPORTS_TAIL = [("signed_at", "datetime"), ("hash", "text"), ("prev_hash", "text")]
_ITEMS = [("site_id", "id"), ("report_id", "id"), ("report_revision", "int"), ("item_id", "id"),
          ("position", "int"), ("date", "date"), ("category", "code"), ("model", "text"),
          ("quantity", "int"), ("condition", "code"), ("depth_cm", "int"), ("disposal", "code"),
          ("lat", "float"), ("lon", "float")]
_REVIEWS_HEAD = [("report_id", "id"), ("revision", "int"), ("review_id", "id"),
                 ("decision", "code")]
_REVIEWS_TAIL = [("by", "text"), ("at", "datetime")]


def split_text(text: str | None, limit: int = TEXT_LIMIT) -> list[str]:
    """`text` in pieces of at most `limit` characters whose concatenation is `text` exactly.
    A piece ends after a space when one is near, and never inside a Khmer cluster (before a
    combining mark, or after the subscript sign U+17D2 or a zero-width joiner)."""
    if not text:
        return []
    pieces, rest = [], text
    while len(rest) > limit:
        cut = limit
        while cut > 1 and _joined(rest, cut):
            cut -= 1
        space = rest.rfind(" ", max(1, cut - 32), cut)
        if space > 0:
            cut = space + 1
        pieces.append(rest[:cut])
        rest = rest[cut:]
    pieces.append(rest)
    return pieces


def _joined(text: str, cut: int) -> bool:
    """Whether cutting before text[cut] would split a grapheme cluster."""
    return (unicodedata.category(text[cut]).startswith("M")
            or text[cut - 1] in ("\u17d2", "\u200d") or text[cut] in ("\u200c", "\u200d"))


def pieces_needed(length: int, limit: int = TEXT_LIMIT) -> int:
    """Columns a text of `length` characters takes (two at least: the layout is stable). A
    little headroom for split_text's earlier cuts (at a space, before a cluster)."""
    return max(2, math.ceil(length / (limit - 33)) if length > limit else 1)


@dataclass
class Layout:
    """How many columns each long text field takes: `widths[(table, field)]`, 2 at least."""

    widths: dict[tuple[str, str], int] = field(default_factory=dict)

    def width(self, table: str, name: str) -> int:
        return max(2, self.widths.get((table, name), 2))

    def fit(self, table: str, name: str, length: int) -> None:
        """Make room for a text of `length` characters."""
        self.widths[(table, name)] = max(self.width(table, name), pieces_needed(length))

    @classmethod
    def of_records(cls, reports: Iterable[Mapping[str, Any]],
                   reviews: Iterable[Mapping[str, Any]] = ()) -> Layout:
        """The layout that fits these records (for data held in memory: the laptop's)."""
        layout = cls()
        for rep in reports:
            for name in LONG_TEXT["reports"]:
                layout.fit("reports", name, len(rep.get(name) or ""))
            if isinstance(rep.get("review"), Mapping):
                layout.fit("reviews", "reason", len(rep["review"].get("reason") or ""))
        for rev in reviews:
            layout.fit("reviews", "reason", len(rev.get("reason") or ""))
        return layout

    def _long(self, table: str, name: str) -> list[tuple[str, str]]:
        return [(name if n == 1 else f"{name}_{n}", "text")
                for n in range(1, self.width(table, name) + 1)]

    def columns(self, table: str) -> list[Column]:
        """The columns of `table` in order."""
        spec: list[tuple[str, str]]
        if table == "sites":
            spec = _SITES
        elif table == "points":
            spec = _POINTS
        elif table == "items":
            spec = _ITEMS
        elif table == "reports":
            spec = list(_REPORTS_HEAD)
            for name in LONG_TEXT["reports"]:
                spec += self._long("reports", name)
            spec += _REPORTS_TAIL
        elif table == "reviews":
            spec = _REVIEWS_HEAD + self._long("reviews", "reason") + _REVIEWS_TAIL
        else:
            raise ValueError(f"no table {table!r}")
        return [Column(n, k) for n, k in spec]

    def long_text(self, table: str, name: str, text: str | None) -> list[str | None]:
        """A long field's cells, padded to its width. A text longer than the layout foresaw
        (a caller that measured wrong) keeps its whole tail in the last cell, never cut."""
        width = self.width(table, name)
        parts: list[str | None] = list(split_text(text))
        if len(parts) > width:
            parts = parts[:width - 1] + ["".join(p or "" for p in parts[width - 1:])]
        return parts + [None] * (width - len(parts))


# --- values -------------------------------------------------------------------------------

def _date(value: Any) -> dt.date | None:
    if not value:
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def as_utc(value: Any) -> dt.datetime | None:
    """An ISO time (or datetime) as a naive UTC datetime, whole seconds kept to microseconds."""
    if not value:
        return None
    if isinstance(value, dt.datetime):
        moment = value
    else:
        try:
            moment = dt.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
        except ValueError:
            return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC).replace(tzinfo=None)
    return moment


def _num(value: Any) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _int(value: Any) -> int | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _codes(values: Any) -> str:
    return ";".join(str(v) for v in values or [])


def ring(record: Mapping[str, Any]) -> list[tuple[float, float]]:
    """A site's perimeter as (lon, lat) in polygon order (by seq, then as listed), closed when it
    has three points or more; [] when it has fewer."""
    located = [(p.get("seq") if p.get("seq") is not None else 10**9, n, p)
               for n, p in enumerate(record.get("points") or [])
               if p.get("type") in PERIMETER_TYPES and p.get("lat") is not None
               and p.get("lon") is not None]
    located.sort(key=lambda x: (x[0], x[1]))
    coords = [(float(p["lon"]), float(p["lat"])) for _, _, p in located]
    if len(coords) < 3:
        return []
    if coords[0] != coords[-1]:
        coords.append(coords[0])
    return coords


def centre(record: Mapping[str, Any]) -> tuple[float, float] | None:
    """(lat, lon) of a site: the mean of its perimeter, else of its located points."""
    pts = [(lat, lon) for lon, lat in ring(record)[:-1]] or [
        (float(p["lat"]), float(p["lon"])) for p in record.get("points") or []
        if p.get("lat") is not None and p.get("lon") is not None]
    if not pts:
        return None
    return (round(sum(p[0] for p in pts) / len(pts), 7), round(sum(p[1] for p in pts) / len(pts), 7))


# --- rows ---------------------------------------------------------------------------------

def site_row(record: Mapping[str, Any], revision: int | None) -> Row:
    """The sites row of a safeland/1 site record; `revision` is the holder's version of the
    site (HQ: its change number), None where the holder keeps none."""
    c = centre(record)
    return (record.get("id"), revision, record.get("reference"), record.get("name"),
            record.get("hazard_type"), _codes(record.get("contamination")), record.get("status"),
            record.get("operator"), record.get("unit"), record.get("province_code"),
            record.get("district_code"), record.get("commune_code"), record.get("village_code"),
            _num(record.get("area_m2")), record.get("intended_land_use"), record.get("owner"),
            c[0] if c else None, c[1] if c else None, as_utc(record.get("created_at")),
            as_utc(record.get("updated_at")))


def point_rows(record: Mapping[str, Any], revision: int | None) -> list[Row]:
    sid = record.get("id")
    return [(sid, revision, f"{sid}:{n}", n, p.get("type"), _int(p.get("seq")), _num(p.get("lat")),
             _num(p.get("lon")), _num(p.get("bearing_deg")), _num(p.get("distance_m")))
            for n, p in enumerate(record.get("points") or [])]


def item_rows(record: Mapping[str, Any], site_id: str | None) -> list[Row]:
    rid, rev, date = record.get("id"), _int(record.get("revision")), _date(record.get("date"))
    return [(site_id, rid, rev, f"{rid}:{rev}:{n}", n, date, i.get("category"), i.get("model"),
             _int(i.get("quantity")), i.get("condition"), _int(i.get("depth_cm")),
             i.get("disposal"), _num(i.get("lat")), _num(i.get("lon")))
            for n, i in enumerate(record.get("items") or [])]


def report_row(record: Mapping[str, Any], site_id: str | None, layout: Layout) -> Row:
    """The reports row; `record["review"]` (HQ's latest decision, if any) fills review_*."""
    items = record.get("items") or []
    found = sum(_int(i.get("quantity")) or 0 for i in items)
    destroyed = sum(_int(i.get("quantity")) or 0 for i in items if i.get("disposal") in DESTROYED)
    areas = [_num(record.get(k)) or 0.0 for k in
             ("area_cancelled_m2", "area_reduced_m2", "area_cleared_m2")]
    own = record.get("review")
    review: Mapping[str, Any] = own if isinstance(own, Mapping) else {}
    head: list[Any] = [
        site_id, record.get("site_reference"), record.get("id"), _int(record.get("revision")),
        _date(record.get("date")), record.get("activity"), _codes(record.get("assets")),
        record.get("team"), record.get("team_leader"), _int(record.get("personnel")),
        _num(record.get("hours_worked")), *areas, sum(areas),
        _int(record.get("clearance_depth_cm")), found, destroyed, record.get("status"),
        review.get("decision"), review.get("by"), as_utc(review.get("at"))]
    for name in LONG_TEXT["reports"]:
        head += layout.long_text("reports", name, record.get(name))
    return (*head, as_utc(record.get("signed_at")), record.get("hash"), record.get("prev_hash"))


def review_row(report_id: str, review: Mapping[str, Any], layout: Layout) -> Row:
    """A reviews row of one decision: {revision, decision, reason, by, at[, id]}."""
    revision = _int(review.get("revision"))
    rid = review.get("id") or f"{report_id}:{revision}:{review.get('decision')}"
    return (report_id, revision, str(rid), review.get("decision"),
            *layout.long_text("reviews", "reason", review.get("reason")), review.get("by"),
            as_utc(review.get("at")))


@dataclass
class ReportRows:
    report: Row
    items: list[Row]
    reviews: list[Row]


def report_rows(record: Mapping[str, Any], site_id: str | None, layout: Layout,
                reviews: Sequence[Mapping[str, Any]] | None = None) -> ReportRows:
    """A report's rows in every table. `reviews`: its decisions (HQ: every one, oldest first);
    None takes the record's own `review` (the latest decision, as the laptop holds it)."""
    rid = str(record.get("id"))
    if reviews is None:
        own = record.get("review")
        reviews = []
        if isinstance(own, Mapping) and own.get("decision"):
            reviews = [{**own, "revision": own.get("revision", record.get("revision"))}]
    return ReportRows(report_row(record, site_id, layout), item_rows(record, site_id),
                      [review_row(rid, r, layout) for r in reviews])
