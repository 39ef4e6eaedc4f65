"""Every validation rule of safeland/1, with stable codes. One place, used by the form, import,
sync and HQ.

A rule yields `Issue`s: where (a path such as `reports[3].items[0].quantity`), a stable code, an
English message (the UI translates by code), and a severity. Errors block; warnings need an
explicit confirmation. Pure functions: the caller passes in what it knows of the database.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, get_args

from pydantic import BaseModel, ValidationError

from . import gazetteer, geo
from .schemas import BAD_TEXT, CORE_BRANCH, FORMAT, MAX_REFERENCE, ItemIn, PointIn, ReportIn, SiteIn
from .vocab import PERIMETER_TYPES, Activity, PointType, ReportStatus

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
    "bad_text": "a text holds a NUL character or a lone surrogate (not storable text)",
    "hash_missing": "a signed (or reviewed) report in a file carries no hash",
    "hash_mismatch": "a signed report no longer matches its hash (changed after signing)",
    "id_mismatch": "a site reference already exists with another id",
    "polygon_duplicate_point": "two perimeter points have the same coordinates",
    "polygon_duplicate_seq": "two perimeter points have the same number (seq)",
    "point_duplicate": "two points outside the polygon have the same coordinates (warning)",
    "item_duplicate": "two devices of one report have the same category, model, coordinates and "
                      "depth (warning)",
    "site_overlap": "a site's polygon overlaps another site's by more than 0.9% of its area (warning)",
    "reference_similar": "a site reference differs from another only by spaces or case",
}

_PYDANTIC_CODES = {
    "missing": "required", "string_too_short": "required", "too_short": "required",
    "enum": "not_in_list", "literal_error": "not_in_list",
    "greater_than": "out_of_range", "greater_than_equal": "out_of_range",
    "less_than": "out_of_range", "less_than_equal": "out_of_range",
    "string_too_long": "too_long", "too_long": "too_long",
    "string_pattern_mismatch": "bad_code_format",
    "string_unicode": "bad_text",  # a lone surrogate: pydantic refuses it before our check
}


@dataclass(frozen=True)
class Issue:
    loc: tuple[str | int, ...]
    code: str
    message: str
    severity: str = ERROR
    # The figures a translated message needs (%1, %2...), e.g. the other site and the m² of an
    # overlap; the English `message` already carries them.
    args: tuple[str, ...] = ()

    @property
    def path(self) -> str:
        """`reports[3].items[0].quantity`"""
        out = ""
        for part in self.loc:
            out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
        return out

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


def figure(value: Any) -> str:
    """A number as messages show it: whole numbers without decimals, thousands grouped
    (`1`, `200`, `100,000,000`, `7.5`)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, int):  # not through float(): an int past 1e308 would raise
        return f"{value:,}"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.7f}".rstrip("0").rstrip(".")


# Which bounds a range message names: both ends closed, or one end open.
BOUNDS_CLOSED, BOUNDS_OPEN_HIGH, BOUNDS_OPEN_LOW = "closed", "open_high", "open_low"


def _bounds(annotation: Any, metadata: Iterable[Any] = ()) -> dict[str, Any]:
    """The ge/gt/le/lt constraints of a field, found in its metadata or inside the Annotated
    types of its annotation (an optional field keeps them inside `X | None`)."""
    found: dict[str, Any] = {}
    for m in metadata:
        for name in ("ge", "gt", "le", "lt"):
            if getattr(m, name, None) is not None:
                found.setdefault(name, getattr(m, name))
        if hasattr(m, "metadata") and not isinstance(m, type):
            for k, v in _bounds(None, m.metadata).items():
                found.setdefault(k, v)
    if annotation is not None:
        extra = getattr(annotation, "__metadata__", None)
        if extra is not None:
            for k, v in _bounds(None, extra).items():
                found.setdefault(k, v)
        for arg in get_args(annotation):
            for k, v in _bounds(arg).items():
                found.setdefault(k, v)
    return found


def _model_of(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        model = _model_of(arg)
        if model is not None:
            return model
    return None


_MODELS: dict[str, type[BaseModel]] = {m.__name__: m for m in (ReportIn, SiteIn, PointIn, ItemIn)}


def field_bounds(model: type[BaseModel] | None, loc: tuple) -> dict[str, Any]:
    """The numeric bounds of the field at `loc` (e.g. ("items", 0, "quantity")) in `model`."""
    field_info = None
    for part in loc:
        if isinstance(part, int):
            continue
        if model is None or part not in model.model_fields:
            return {}
        field_info = model.model_fields[part]
        model = _model_of(field_info.annotation)
    if field_info is None:
        return {}
    return _bounds(field_info.annotation, field_info.metadata)


def _range_issue(loc: tuple, err: Mapping[str, Any], model: type[BaseModel] | None) -> Issue:
    """`personnel: must be between 1 and 200 (got 250)`, its figures in `args` for the UI:
    (low, high) for closed bounds, plus BOUNDS_OPEN_HIGH / BOUNDS_OPEN_LOW for an open end."""
    bounds = dict(field_bounds(model, loc))
    for name in ("ge", "gt", "le", "lt"):  # what pydantic reported wins
        if name in err.get("ctx", {}):
            bounds[name] = err["ctx"][name]
    got = err.get("input")
    got_text = f" (got {figure(got)})" if isinstance(got, (int, float)) and not isinstance(got, bool) else ""
    low = bounds.get("ge", bounds.get("gt"))
    high = bounds.get("le", bounds.get("lt"))
    if low is None or high is None:
        if low is not None:
            word = "at least" if "ge" in bounds else "more than"
            return Issue(loc, "out_of_range", f"must be {word} {figure(low)}{got_text}")
        word = "at most" if "le" in bounds else "less than"
        return Issue(loc, "out_of_range", f"must be {word} {figure(high)}{got_text}")
    lo, hi = figure(low), figure(high)
    if "lt" in bounds:
        return Issue(loc, "out_of_range", f"must be at least {lo} and less than {hi}{got_text}",
                     args=(lo, hi, BOUNDS_OPEN_HIGH))
    if "gt" in bounds:
        return Issue(loc, "out_of_range", f"must be more than {lo} and at most {hi}{got_text}",
                     args=(lo, hi, BOUNDS_OPEN_LOW))
    return Issue(loc, "out_of_range", f"must be between {lo} and {hi}{got_text}", args=(lo, hi))


def issues_from_pydantic(exc: ValidationError, prefix: tuple = ()) -> list[Issue]:
    issues = []
    model = _MODELS.get(exc.title)
    for err in exc.errors(include_url=False):
        if CORE_BRANCH in err["loc"]:
            # A field tried in pydantic-core first (schemas._CoreFirst) and refused by its own
            # rule too: that rule's errors follow, tagged with their branch (dropped from `loc`
            # below, as pydantic's other schema names are), and are the ones users read.
            continue
        kind = err["type"]
        code = _PYDANTIC_CODES.get(kind, kind if kind in CODES else "wrong_type")
        loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and "[" in p))
        message = err["msg"]
        ctx = err.get("ctx", {})
        args: tuple[str, ...] = ()
        if code == "out_of_range":
            issue = _range_issue(loc, err, model)
            issues.append(Issue(prefix + loc, issue.code, issue.message, args=issue.args))
            continue
        if code == "required" and kind == "missing":
            message = "is required"
        elif kind == "string_unicode":
            message = "contains a lone surrogate (not valid Unicode text)"
        elif code == "not_in_list" and "expected" in ctx:
            message = f"{err.get('input')!r} is not one of {ctx['expected']}"
        elif code == "too_long" and "max_length" in ctx:
            got = err.get("input")
            size = len(got) if isinstance(got, (str, list)) else None
            unit = "characters" if kind == "string_too_long" else "entries"
            message = f"must be at most {figure(ctx['max_length'])} {unit}" + (
                f" (this one has {figure(size)})" if size is not None else "")
            args = (figure(ctx["max_length"]),) + ((figure(size),) if size is not None else ())
        elif code in ("date_in_future", "date_too_early") and "date" in ctx:
            args = (str(ctx["date"]),)
        issues.append(Issue(prefix + loc, code, message, args=args))
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
    located = geo.chain((p.lat, p.lon, p.bearing_deg, p.distance_m) for p in points)
    for i, (p, at) in enumerate(zip(points, located)):
        if at is None:
            issues.append(Issue(prefix + (i, "bearing_deg"), "point_no_previous",
                                "a bearing and distance need a previous point to measure from"))
            continue
        out.append(ResolvedPoint(p.type, p.seq, at[0], at[1], p.bearing_deg, p.distance_m))
    return out, issues


def _perimeter_indexed(points: list[ResolvedPoint]) -> list[tuple[int, ResolvedPoint]]:
    """(index in the list, point) of the perimeter points in polygon order."""
    ring = [(p.seq if p.seq is not None else 10_001 + i, i, p)
            for i, p in enumerate(points) if p.type in PERIMETER_TYPES]
    return [(i, p) for _, i, p in sorted(ring, key=lambda t: (t[0], t[1]))]


def perimeter(points: list[ResolvedPoint]) -> list[ResolvedPoint]:
    """The perimeter points in polygon order: by seq, then by position in the list."""
    return [p for _, p in _perimeter_indexed(points)]


def _at(p: ResolvedPoint) -> tuple[float, float]:
    return round(p.lat, 7), round(p.lon, 7)  # 7 decimals: about 1 cm


def _duplicate_points(points: list[ResolvedPoint], prefix: tuple) -> list[Issue]:
    """GICHD geocheck: no perimeter point twice, by coordinates or by number (errors; an explicit
    closing point repeating the first is fine); no two other points at one place (warning)."""
    issues: list[Issue] = []
    ring = _perimeter_indexed(points)
    if len(ring) > 1 and geo.distance_m(ring[0][1].lat, ring[0][1].lon,
                                        ring[-1][1].lat, ring[-1][1].lon) <= geo.CLOSE_TOLERANCE_M:
        closing = ring[-1][0]
    else:
        closing = None
    seen_at: dict[tuple[float, float], int] = {}
    seen_seq: dict[int, int] = {}
    for i, p in ring:
        if p.seq is not None:
            if p.seq in seen_seq:
                issues.append(Issue(prefix + (i, "seq"), "polygon_duplicate_seq",
                                    f"perimeter point number {p.seq} is given twice "
                                    f"(points[{seen_seq[p.seq]}] and points[{i}])"))
            seen_seq.setdefault(p.seq, i)
        if i == closing:
            continue
        if _at(p) in seen_at:
            issues.append(Issue(prefix + (i,), "polygon_duplicate_point",
                                f"points[{i}] repeats points[{seen_at[_at(p)]}] of the perimeter "
                                f"({p.lat:.7f}, {p.lon:.7f}): remove the duplicate"))
        seen_at.setdefault(_at(p), i)
    outside: dict[tuple[float, float], int] = {}
    for i, p in enumerate(points):
        if p.type in PERIMETER_TYPES:
            continue
        if _at(p) in outside:
            issues.append(Issue(prefix + (i,), "point_duplicate",
                                f"points[{i}] ({p.type.value}) lies where points[{outside[_at(p)]}] is "
                                f"({p.lat:.7f}, {p.lon:.7f})", WARNING))
        outside.setdefault(_at(p), i)
    return issues


def _outside(loc: tuple, lat: float, lon: float, profile: geo.CountryProfile) -> Issue:
    """`outside_country`, naming the point and the profile's box."""
    box = (f"{profile.lat_min:.1f}", f"{profile.lat_max:.1f}", f"{profile.lon_min:.1f}",
           f"{profile.lon_max:.1f}")
    return Issue(loc, "outside_country",
                 f"({lat:.5f}, {lon:.5f}) lies outside {profile.name} (latitude {box[0]} to "
                 f"{box[1]}, longitude {box[2]} to {box[3]})",
                 args=(f"{lat:.5f}", f"{lon:.5f}") + box)


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
            issues.append(_outside(prefix + ("points", i, "lat"), p.lat, p.lon, profile))
    issues += _duplicate_points(resolved, prefix + ("points",))
    ring = perimeter(resolved)
    if ring:
        for problem in geo.check_ring([(p.lat, p.lon) for p in ring]):
            issues.append(Issue(prefix + ("points",), problem.code, problem.message, args=problem.args))
    return resolved, issues


# --- a site among the others (GICHD geocheck: overlaps; references) ---------------------------

OVERLAP_SHARE = 0.009  # GICHD geocheck: an overlap above 0.9% of the site's area is flagged


@dataclass(frozen=True)
class SiteShape:
    """What the rules need to know of another site: its reference and its perimeter ring of
    (lat, lon) in polygon order (empty when it has no polygon)."""

    reference: str
    ring: tuple[tuple[float, float], ...] = ()


# `other_sites()` gives the sites already in the database (the caller's facts); a callable so
# that a caller that has no sites in its input never has to read them.
OtherSites = Callable[[], Iterable[SiteShape]]
# site_alias(reference, site_id) -> the current reference of a saved site a report names by
# an earlier reference: the site with that id, else the site whose provisional reference it is.
SiteAlias = Callable[[str, str | None], str | None]


def site_alias_from(reference_of_id: Callable[[str], str | None],
               provisional_holders: Callable[[str], Sequence[str]]) -> SiteAlias:
    """A SiteAlias from a store's two questions: the reference of the site with an id, and the
    references of the (at most two) sites whose provisional reference is the one given. The
    site with the report's id first, else the one site holding that provisional reference."""
    def alias(ref: str, site_id: str | None) -> str | None:
        current = reference_of_id(site_id) if site_id else None
        if current is not None:
            return current
        found = provisional_holders(ref)
        return found[0] if len(found) == 1 else None

    return alias


def site_shape(reference: str, points: Iterable[tuple[Any, int | None, float, float]]) -> SiteShape:
    """A SiteShape from stored points (type, seq, lat, lon) in the order they were entered."""
    resolved = [ResolvedPoint(PointType(t), seq, lat, lon) for t, seq, lat, lon in points]
    return SiteShape(reference, tuple((p.lat, p.lon) for p in perimeter(resolved)))


def reference_key(reference: str) -> str:
    """A reference without spaces and case: `BS/CHA/CMAA/60222` and `bs/cha/ cmaa/60222` meet."""
    return "".join(reference.split()).casefold()


def check_among_sites(reference: str, ring: list[tuple[float, float]], others: Iterable[SiteShape],
                      prefix: tuple = ()) -> list[Issue]:
    """A site against other sites (not itself: a site of the same reference is skipped).

    Errors: `reference_similar`, a reference that differs from another only by spaces or case.
    Warnings: `site_overlap`, its polygon overlaps another's by more than 0.9% of its area.
    """
    issues: list[Issue] = []
    key = reference_key(reference)
    area = geo.ring_area_m2(ring) if len(ring) >= 3 else 0.0
    box = geo.bbox(ring) if area > 0 else None
    for other in others:
        if other.reference == reference:
            continue
        if reference_key(other.reference) == key:
            issues.append(Issue(prefix + ("reference",), "reference_similar",
                                f"reference {reference!r} differs from site {other.reference!r} only "
                                "by spaces or case: use the same reference, or a different one",
                                args=(other.reference,)))
            continue
        if box is None or len(other.ring) < 3 or not geo.bbox_meet(box, geo.bbox(other.ring)):
            continue
        shared = geo.overlap_m2(ring, list(other.ring))
        if shared > OVERLAP_SHARE * area:
            issues.append(Issue(prefix + ("points",), "site_overlap",
                                f"the polygon overlaps site {other.reference!r} by {shared:,.0f} m² "
                                f"({100 * shared / area:.1f}% of this site's {area:,.0f} m²)", WARNING,
                                args=(other.reference, f"{shared:,.0f}", f"{100 * shared / area:.1f}")))
    return issues


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
    items = report.items
    seen: dict[tuple, int] = {}
    for i, item in enumerate(items):
        lat, lon = item.lat, item.lon
        if lat is None or lon is None:  # ItemIn gives both coordinates or neither
            continue
        if not profile.contains(lat, lon):
            issues.append(_outside(prefix + ("items", i, "lat"), lat, lon, profile))
        if len(items) < 2:  # one item repeats no other
            continue
        # GICHD geocheck: the same device recorded twice. The category by its value (`_value_`,
        # the member's own attribute): hashing the enum member calls Python code, twice an
        # item (import checks every item of a file).
        key = (item.category._value_, " ".join(item.model.split()).casefold(), round(lat, 7),
               round(lon, 7), item.depth_cm)
        first = seen.setdefault(key, i)
        if first != i:
            issues.append(Issue(prefix + ("items", i), "item_duplicate",
                                f"items[{i}] repeats items[{first}]: same category, model, "
                                "coordinates and depth (raise the quantity instead)", WARNING))
    if site is not None and site.area_m2:
        total = site.released_m2_others + report.released_m2
        if total > site.area_m2:
            area, before, this = (f"{site.area_m2:,.0f}", f"{site.released_m2_others:,.0f}",
                                  f"{report.released_m2:,.0f}")
            issues.append(Issue(
                prefix + (_released_field(report),), "released_exceeds_area",
                f"cleared + reduced + cancelled would be {total:,.0f} m², more than the site's "
                f"area of {area} m² (released so far {before} m², this report {this} m²)", WARNING,
                args=(area, before, this, f"{total:,.0f}")))
    return issues


def _released_field(report: ReportIn) -> str:
    """The land field that brings a report over its site's area: the largest of the three
    (cleared when they are equal), so the warning sits under the figure the user typed."""
    figures = [("area_cleared_m2", report.area_cleared_m2), ("area_reduced_m2", report.area_reduced_m2),
               ("area_cancelled_m2", report.area_cancelled_m2)]
    return max(figures, key=lambda f: f[1])[0]


def validate_report(data: Mapping[str, Any], site: SiteFacts | None, prefix: tuple = (),
                    profile: geo.CountryProfile = geo.CAMBODIA) -> tuple[ReportIn | None, list[Issue]]:
    """Parse and check one report as the form or import gives it."""
    try:
        report = ReportIn.model_validate(data)
    except ValidationError as exc:
        return None, issues_from_pydantic(exc, prefix)
    return report, check_report(report, site, prefix, profile)


def validate_site(data: Mapping[str, Any], prefix: tuple = (),
                  profile: geo.CountryProfile = geo.CAMBODIA, other_sites: OtherSites | None = None,
                  ) -> tuple[SiteIn | None, list[ResolvedPoint], list[Issue]]:
    """Parse and check one site; with `other_sites` (the database's), against them too
    (check_among_sites: similar references, overlapping polygons)."""
    try:
        site = SiteIn.model_validate(data)
    except ValidationError as exc:
        return None, [], issues_from_pydantic(exc, prefix)
    resolved, issues = check_site(site, prefix, profile)
    if other_sites is not None and not has_errors(issues):
        ring = [(p.lat, p.lon) for p in perimeter(resolved)]
        issues += check_among_sites(site.reference, ring, other_sites(), prefix)
    return site, resolved, issues


# --- whole documents -------------------------------------------------------------------------

@dataclass
class CheckedDocument:
    sites: list[tuple[SiteIn, list[ResolvedPoint]]] = field(default_factory=list)
    reports: list[ReportIn] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    # reports[n] was signed under another reference of its site (the provisional one, or the
    # one before HQ renamed it): n -> that reference. Its `site_reference` is the site's
    # current one; its signed content and hash keep this one. Filled only with `site_alias`.
    signed_under: dict[int, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not has_errors(self.issues)

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == WARNING]


def storable_reference(ref: str) -> bool:
    """Whether a raw reference may be looked up in a database (PostgreSQL refuses NUL; a lone
    surrogate cannot be encoded; HQ's column holds 64 characters). Others are refused anyway."""
    return 0 < len(ref) <= MAX_REFERENCE and not BAD_TEXT.search(ref)


def _check_signed(report: ReportIn, prefix: tuple) -> list[Issue]:
    """A signed (or reviewed) report in a file carries its hash and matches it: tamper evidence
    covers every signed record, so one without a hash is not signed anew by whoever reads it."""
    if report.status == ReportStatus.DRAFT:
        return []
    from .records import hash_matches  # records builds on this module

    if not report.hash:
        return [Issue(prefix + ("hash",), "hash_missing",
                      f"a {report.status.value} report must carry the hash it was signed with")]
    if not hash_matches(report):
        return [Issue(prefix + ("hash",), "hash_mismatch",
                      "the signed report does not match its hash (changed after signing)")]
    return []


def _did_you_mean(issue: Issue, ref: str, file_sites: Mapping[str, Any],
                  other_sites: OtherSites | None, similar: dict[str, str]) -> Issue:
    """A site_unknown whose reference differs from a known one only by spaces or case says so."""
    if issue.code != "site_unknown":
        return issue
    if not similar:
        for known in list(file_sites) + [o.reference for o in (other_sites() if other_sites else ())]:
            similar.setdefault(reference_key(known), known)
        similar.setdefault("", "")
    hint = similar.get(reference_key(ref))
    if not hint:
        return issue
    return Issue(issue.loc, issue.code, f"{issue.message} (did you mean {hint!r}? references "
                 "differ by spaces or case only)", issue.severity)


def validate_document(data: Any, known_site: Any,
                      profile: geo.CountryProfile = geo.CAMBODIA,
                      other_sites: OtherSites | None = None,
                      site_alias: SiteAlias | None = None) -> CheckedDocument:
    """Check a whole safeland/1 document.

    `known_site(reference) -> SiteFacts | None` answers for sites already in the database; its
    released land must leave out saved copies of this file's reports, which are counted from the
    file instead. A site given in the file takes its area from the file. `other_sites()` (when
    given) lists the database's sites as SiteShape: a file's site is checked against them and
    against the file's other sites (check_among_sites); a database site the file gives again
    (same reference) is the file's.

    `site_alias` (when given) lets a report name its site by an earlier reference: a signed
    report keeps the reference it was signed under (its hash covers it), while its site may
    since have been confirmed under a national reference or renamed by HQ. A reference that
    names no site of the file or the database is looked up in the file (the site with the
    report's `site_id`, else the site whose `provisional_reference` it is), then through
    `site_alias` (the same two questions of the database); a reference that names a site is
    never looked past. The hash is checked
    against the report as written; the checked report then names its site's current reference
    (CheckedDocument.signed_under keeps the other).
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
    file_site_ids: dict[str, str] = {}  # a file site's id -> its reference
    file_provisional: dict[str, str] = {}  # a file site's provisional reference -> its reference
    seen_refs: set[str] = set()
    shapes: list[tuple[tuple, SiteShape]] = []  # the file's good sites, to check among others
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
        ring = perimeter(resolved)
        area = site.area_m2
        if area is None:
            area = geo.ring_area_m2([(p.lat, p.lon) for p in ring]) if len(ring) >= 3 else None
        file_sites[site.reference] = SiteFacts(area, 0.0)
        if site.id is not None:
            file_site_ids[str(site.id)] = site.reference
        if site.provisional_reference and site.provisional_reference != site.reference:
            file_provisional.setdefault(site.provisional_reference, site.reference)
        polygon_ok = not any(x.code.startswith("polygon_") or x.code == "point_no_previous"
                             for x in issues)
        shapes.append((prefix, SiteShape(site.reference,
                                         tuple((p.lat, p.lon) for p in ring) if polygon_ok else ())))
    if shapes:
        everything = list(other_sites()) if other_sites else []
        saved = [o for o in everything if o.reference not in seen_refs]
        saved_ring = {o.reference: o.ring for o in everything}
        for n, (prefix, shape) in enumerate(shapes):
            earlier = [o for _, o in shapes[:n]]
            issues = check_among_sites(shape.reference, list(shape.ring), earlier + saved, prefix)
            if shape.ring and saved_ring.get(shape.reference) == shape.ring:
                # An unchanged polygon: its overlaps were confirmed when it was saved.
                issues = [x for x in issues if x.code != "site_overlap"]
            out.issues += issues

    released_in_file: dict[str, float] = {}
    seen_ids: set = set()
    similar: dict[str, str] = {}  # reference_key -> a reference, filled on the first miss
    for i, raw in enumerate(data.get("reports", [])):
        prefix = ("reports", i)
        if not isinstance(raw, Mapping):
            out.issues.append(Issue(prefix, "wrong_type", "must be an object"))
            continue
        ref = signed_ref = str(raw.get("site_reference", "")).strip()
        if site_alias is not None:
            ref = _current_reference(ref, raw.get("site_id"), file_sites, file_site_ids,
                                     file_provisional, known_site, site_alias)
        saved_facts = known_site(ref) if storable_reference(ref) else None
        facts = file_sites.get(ref) or saved_facts
        if facts is not None:
            before = ((saved_facts.released_m2_others if saved_facts else 0.0)
                      + released_in_file.get(ref, 0.0))
            facts = SiteFacts(facts.area_m2, before)
        report, issues = validate_report(raw, facts, prefix, profile)
        if facts is None and report is not None:
            issues = [_did_you_mean(x, ref, file_sites, other_sites, similar) for x in issues]
        out.issues += issues
        if report is None:
            continue
        out.issues += _check_signed(report, prefix)
        if report.id is not None:
            if report.id in seen_ids:
                out.issues.append(Issue(prefix + ("id",), "duplicate_in_file",
                                        f"report {report.id} appears twice in this file"))
            seen_ids.add(report.id)
        released_in_file[ref] = released_in_file.get(ref, 0.0) + report.released_m2
        if ref != signed_ref:
            out.signed_under[len(out.reports)] = report.site_reference
            report = report.model_copy(update={"site_reference": ref})
        out.reports.append(report)
    return out


def _current_reference(ref: str, site_id: Any, file_sites: Mapping[str, Any],
                       file_site_ids: Mapping[str, str], file_provisional: Mapping[str, str],
                       known_site: Any, site_alias: SiteAlias) -> str:
    """The current reference of the site a report names (validate_document's `site_alias`)."""
    if ref in file_sites or not storable_reference(ref) or known_site(ref) is not None:
        return ref
    sid = site_id.strip().lower() if isinstance(site_id, str) else None  # ids are written lower
    if sid and sid in file_site_ids:
        return file_site_ids[sid]
    if ref in file_provisional:
        return file_provisional[ref]
    return site_alias(ref, sid) or ref
