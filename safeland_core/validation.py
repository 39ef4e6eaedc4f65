"""Every validation rule of safeland/1, with stable codes. One place, used by the form, import,
sync and HQ.

A rule yields `Issue`s: where (a path such as `reports[3].items[0].quantity`), a stable code, an
English message (the UI translates by code), and a severity. Errors block; warnings need an
explicit confirmation. Pure functions: the caller passes in what it knows of the database.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from . import gazetteer, geo
from .schemas import FORMAT, PointIn, ReportIn, SiteIn
from .vocab import PERIMETER_TYPES, Activity, PointType

ERROR = "error"
WARNING = "warning"

# Stable codes and what they mean. Pydantic's own error types are folded into the first few.
CODES: dict[str, str] = {
    "required": "a required field is missing or empty",
    "not_in_list": "a value is not in its controlled list",
    "out_of_range": "a number is outside its sane bounds",
    "wrong_type": "a value has the wrong type (text where a number belongs, a bad date...)",
    "too_long": "a text is too long",
    "bad_format": "the file is not a safeland/1 document",
    "bad_code_format": "a gazetteer code is not 2 to 8 digits",
    "date_in_future": "the date of information is in the future",
    "date_too_early": "the date of information is before 1992",
    "point_position_missing": "a point has neither lat/lon nor bearing/distance",
    "point_no_previous": "a bearing/distance point has no previous point to measure from",
    "coordinates_incomplete": "only one of lat and lon is given",
    "outside_country": "coordinates lie outside the country profile",
    "gazetteer_unknown": "a gazetteer code does not exist",
    "gazetteer_not_nested": "a gazetteer code is not inside the level above",
    "polygon_too_few_points": "a polygon has fewer than 3 distinct turning points",
    "polygon_not_closed": "a polygon does not enclose an area",
    "polygon_self_intersecting": "a polygon crosses itself",
    "polygon_leg_too_long": "two consecutive polygon points are more than 5 km apart",
    "clearance_depth_required": "a clearance report has no clearance depth",
    "eod_needs_item": "an EOD spot task report has no item",
    "site_unknown": "a report's site is neither in the database nor in the same file",
    "duplicate_in_file": "the same record appears twice in one file",
    "signed_changed": "a signed record differs from the copy already saved (amend instead)",
    "site_owned_by_hq": "a site assigned by HQ cannot be changed on the device",
    "released_exceeds_area": "cleared + reduced + cancelled exceeds the site's area (warning)",
}

_PYDANTIC_CODES = {
    "missing": "required", "string_too_short": "required", "too_short": "required",
    "enum": "not_in_list", "literal_error": "not_in_list",
    "greater_than": "out_of_range", "greater_than_equal": "out_of_range",
    "less_than": "out_of_range", "less_than_equal": "out_of_range",
    "string_too_long": "too_long", "too_long": "too_long",
    "string_pattern_mismatch": "bad_code_format",
}


@dataclass(frozen=True)
class Issue:
    loc: tuple[str | int, ...]
    code: str
    message: str
    severity: str = ERROR

    @property
    def path(self) -> str:
        """`reports[3].items[0].quantity`"""
        out = ""
        for part in self.loc:
            out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
        return out

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


def issues_from_pydantic(exc: ValidationError, prefix: tuple = ()) -> list[Issue]:
    issues = []
    for err in exc.errors(include_url=False):
        kind = err["type"]
        code = _PYDANTIC_CODES.get(kind, kind if kind in CODES else "wrong_type")
        loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and "[" in p))
        message = err["msg"]
        if code == "required" and kind == "missing":
            message = "is required"
        elif code == "not_in_list" and "expected" in err.get("ctx", {}):
            message = f"{err.get('input')!r} is not one of {err['ctx']['expected']}"
        issues.append(Issue(prefix + loc, code, message))
    return issues


def has_errors(issues: Iterable[Issue]) -> bool:
    return any(i.severity == ERROR for i in issues)


# --- points and polygons ---------------------------------------------------------------------

@dataclass(frozen=True)
class ResolvedPoint:
    """A point with its coordinates worked out (measured ones computed geodesically)."""

    type: PointType
    seq: int | None
    lat: float
    lon: float
    bearing_deg: float | None = None
    distance_m: float | None = None


def resolve_points(points: list[PointIn], prefix: tuple = ()) -> tuple[list[ResolvedPoint], list[Issue]]:
    """Turn bearing/distance points into coordinates, each from the point before it in the list."""
    out: list[ResolvedPoint] = []
    issues: list[Issue] = []
    for i, p in enumerate(points):
        if p.bearing_deg is not None and p.distance_m is not None:  # p.measured
            if not out:
                issues.append(Issue(prefix + (i, "bearing_deg"), "point_no_previous",
                                    "a bearing and distance need a previous point to measure from"))
                continue
            lat, lon = geo.destination(out[-1].lat, out[-1].lon, p.bearing_deg, p.distance_m)
        elif p.lat is not None and p.lon is not None:
            lat, lon = p.lat, p.lon
        else:  # PointIn's own validator refuses such a point
            raise ValueError(f"point {p.seq} has neither lat/lon nor bearing/distance")
        out.append(ResolvedPoint(p.type, p.seq, lat, lon, p.bearing_deg, p.distance_m))
    return out, issues


def perimeter(points: list[ResolvedPoint]) -> list[ResolvedPoint]:
    """The perimeter points in polygon order: by seq, then by position in the list."""
    ring = [(p.seq if p.seq is not None else 10_001 + i, i, p)
            for i, p in enumerate(points) if p.type in PERIMETER_TYPES]
    return [p for _, _, p in sorted(ring, key=lambda t: (t[0], t[1]))]


def check_site(site: SiteIn, prefix: tuple = (),
               profile: geo.CountryProfile = geo.CAMBODIA) -> tuple[list[ResolvedPoint], list[Issue]]:
    """Rules of one parsed site: gazetteer codes, coordinates, polygon."""
    issues = [Issue(prefix + (p.field,), p.code, p.message)
              for p in gazetteer.check_codes(site.province_code, site.district_code,
                                             site.commune_code, site.village_code)]
    resolved, point_issues = resolve_points(site.points, prefix + ("points",))
    issues += point_issues
    if point_issues:
        return resolved, issues
    for i, p in enumerate(resolved):
        if not profile.contains(p.lat, p.lon):
            issues.append(Issue(prefix + ("points", i, "lat"), "outside_country",
                                f"({p.lat:.5f}, {p.lon:.5f}) lies outside {profile.name}"))
    ring = perimeter(resolved)
    if ring:
        for problem in geo.check_ring([(p.lat, p.lon) for p in ring]):
            issues.append(Issue(prefix + ("points",), problem.code, problem.message))
    return resolved, issues


# --- reports ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class SiteFacts:
    """What the rules need to know of a report's site."""

    area_m2: float | None
    released_m2_others: float = 0.0  # cleared + reduced + cancelled by the site's other reports


def check_report(report: ReportIn, site: SiteFacts | None, prefix: tuple = (),
                 profile: geo.CountryProfile = geo.CAMBODIA) -> list[Issue]:
    """Rules of one parsed report; `site` is None when the site cannot be found."""
    issues: list[Issue] = []
    if site is None:
        issues.append(Issue(prefix + ("site_reference",), "site_unknown",
                            f"no site {report.site_reference!r} in the database or in this file"))
    if report.activity == Activity.CLEARANCE and report.clearance_depth_cm is None:
        issues.append(Issue(prefix + ("clearance_depth_cm",), "clearance_depth_required",
                            "a clearance report needs the depth of clearance"))
    if report.activity == Activity.EOD_SPOT_TASK and not report.items:
        issues.append(Issue(prefix + ("items",), "eod_needs_item",
                            "an EOD spot task report needs at least one item"))
    for i, item in enumerate(report.items):
        if item.lat is not None and item.lon is not None and not profile.contains(item.lat, item.lon):
            issues.append(Issue(prefix + ("items", i, "lat"), "outside_country",
                                f"({item.lat:.5f}, {item.lon:.5f}) lies outside {profile.name}"))
    if site is not None and site.area_m2:
        total = site.released_m2_others + report.released_m2
        if total > site.area_m2:
            issues.append(Issue(
                prefix + ("area_cleared_m2",), "released_exceeds_area",
                f"cleared + reduced + cancelled would be {total:,.0f} m², "
                f"more than the site's area of {site.area_m2:,.0f} m²", WARNING))
    return issues


def validate_report(data: Mapping[str, Any], site: SiteFacts | None, prefix: tuple = (),
                    profile: geo.CountryProfile = geo.CAMBODIA) -> tuple[ReportIn | None, list[Issue]]:
    """Parse and check one report as the form or import gives it."""
    try:
        report = ReportIn.model_validate(data)
    except ValidationError as exc:
        return None, issues_from_pydantic(exc, prefix)
    return report, check_report(report, site, prefix, profile)


def validate_site(data: Mapping[str, Any], prefix: tuple = (),
                  profile: geo.CountryProfile = geo.CAMBODIA
                  ) -> tuple[SiteIn | None, list[ResolvedPoint], list[Issue]]:
    try:
        site = SiteIn.model_validate(data)
    except ValidationError as exc:
        return None, [], issues_from_pydantic(exc, prefix)
    resolved, issues = check_site(site, prefix, profile)
    return site, resolved, issues


# --- whole documents -------------------------------------------------------------------------

@dataclass
class CheckedDocument:
    sites: list[tuple[SiteIn, list[ResolvedPoint]]] = field(default_factory=list)
    reports: list[ReportIn] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not has_errors(self.issues)

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == WARNING]


def validate_document(data: Any, known_site: Any,
                      profile: geo.CountryProfile = geo.CAMBODIA) -> CheckedDocument:
    """Check a whole safeland/1 document.

    `known_site(reference) -> SiteFacts | None` answers for sites already in the database; its
    released land must leave out saved copies of this file's reports, which are counted from the
    file instead. A site given in the file takes its area from the file.
    """
    out = CheckedDocument()
    if not isinstance(data, Mapping) or data.get("format") != FORMAT:
        out.issues.append(Issue(("format",), "bad_format",
                                f"expected a JSON object with \"format\": \"{FORMAT}\""))
        return out
    for key in ("sites", "reports"):
        if not isinstance(data.get(key, []), list):
            out.issues.append(Issue((key,), "wrong_type", "must be a list"))
    if out.issues:
        return out

    file_sites: dict[str, SiteFacts] = {}
    seen_refs: set[str] = set()
    for i, raw in enumerate(data.get("sites", [])):
        prefix = ("sites", i)
        if not isinstance(raw, Mapping):
            out.issues.append(Issue(prefix, "wrong_type", "must be an object"))
            continue
        site, resolved, issues = validate_site(raw, prefix, profile)
        out.issues += issues
        if site is None:
            # Its errors are reported; its reports should not each add "no such site" too.
            ref = str(raw.get("reference", "")).strip()
            if ref:
                file_sites.setdefault(ref, SiteFacts(None))
            continue
        if site.reference in seen_refs:
            out.issues.append(Issue(prefix + ("reference",), "duplicate_in_file",
                                    f"site {site.reference!r} appears twice in this file"))
        seen_refs.add(site.reference)
        out.sites.append((site, resolved))
        area = site.area_m2
        if area is None:
            ring = perimeter(resolved)
            area = geo.ring_area_m2([(p.lat, p.lon) for p in ring]) if len(ring) >= 3 else None
        file_sites[site.reference] = SiteFacts(area, 0.0)

    released_in_file: dict[str, float] = {}
    seen_ids: set = set()
    for i, raw in enumerate(data.get("reports", [])):
        prefix = ("reports", i)
        if not isinstance(raw, Mapping):
            out.issues.append(Issue(prefix, "wrong_type", "must be an object"))
            continue
        ref = str(raw.get("site_reference", "")).strip()
        saved = known_site(ref)
        facts = file_sites.get(ref) or saved
        if facts is not None:
            before = (saved.released_m2_others if saved else 0.0) + released_in_file.get(ref, 0.0)
            facts = SiteFacts(facts.area_m2, before)
        report, issues = validate_report(raw, facts, prefix, profile)
        out.issues += issues
        if report is None:
            continue
        if report.id is not None:
            if report.id in seen_ids:
                out.issues.append(Issue(prefix + ("id",), "duplicate_in_file",
                                        f"report {report.id} appears twice in this file"))
            seen_ids.add(report.id)
        released_in_file[ref] = released_in_file.get(ref, 0.0) + report.released_m2
        out.reports.append(report)
    return out
