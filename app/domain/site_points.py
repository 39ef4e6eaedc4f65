"""Replacing a site's points (the site page's *Save points*, *Import GPS waypoints…* and
`safeland site points --gpx`): one transaction through services.save_site, after asking about
every warning at once: the rules among sites (an overlap, a point given twice) and a change of
the site's area (35,000 -> 37,456 m² must not happen silently).

Thread: any (the app calls it on its write worker).
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from safeland_core.records import site_area
from safeland_core.validation import WARNING, Issue, has_errors, validate_site
from safeland_core.vocab import Owner

from ..db import Database
from . import queries, services
from .errors import Invalid, NeedsConfirmation, refuse


@dataclass(frozen=True)
class PointsSaved:
    reference: str
    points: int
    area_before: float | None
    area_after: float | None
    changes: services.Changes


def area_change(before: float | None, after: float | None) -> Issue | None:
    """The warning `site_area_changed` (args: before, after in m², as shown) when saving new
    points changes a site's recorded area by a square metre or more."""
    if before is None and after is None:
        return None
    if before is not None and after is not None and abs(before - after) < 1:
        return None
    b, a = (f"{v:,.0f}" if v is not None else "0" for v in (before, after))
    return Issue(("area_m2",), "site_area_changed",
                 f"the site's area changes from {b} m² to {a} m² with these points", WARNING,
                 args=(b, a))


def replace_points(db: Database, reference: str, points: Iterable[dict[str, Any]],
                   accept_warnings: bool = False, ask_area: bool = True) -> PointsSaved:
    """Replace the points of a site this laptop owns; its area is worked out again from the
    new perimeter. Raises Invalid (nothing written) or NeedsConfirmation carrying every
    warning at once (with `ask_area`, the area change among them) until `accept_warnings`."""
    site = queries.get_site(db, reference)
    if site is None:
        raise refuse("site_unknown", f"no site {reference!r} on this laptop", ("site_reference",))
    if site.owner == Owner.HQ.value:
        raise refuse("site_owned_by_hq", f"site {reference} is managed by HQ; its points cannot be "
                     "changed on the laptop (report changes in a daily report)", ("site_reference",))
    data = site.model_dump(mode="json", exclude={"owner", "created_at", "updated_at"})
    data["points"] = list(points)
    data["area_m2"] = None  # worked out again from the new perimeter
    if not accept_warnings:
        with db.session() as s:
            site_in, resolved, issues = validate_site(
                data, other_sites=lambda: services.site_shapes(s))
        if has_errors(issues) or site_in is None:
            raise Invalid(issues)
        warnings = [i for i in issues if i.severity == WARNING]
        change = area_change(site.area_m2, site_area(site_in, resolved)) if ask_area else None
        if change is not None:
            warnings.append(change)
        if warnings:
            raise NeedsConfirmation(warnings)
    _sid, changes = services.save_site(db, data, accept_warnings=True)
    after = queries.get_site(db, reference)
    return PointsSaved(reference, len(data["points"]), site.area_m2,
                       after.area_m2 if after is not None else None, changes)
