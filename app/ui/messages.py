"""Every stable code the domain can give (validation.CODES and the services' refusals),
turned into a sentence in the user's language. The one place that translates them.

Thread: GUI (uses the installed translators).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

if TYPE_CHECKING:
    from safeland_core.validation import Issue

CTX = "Messages"

_TEXTS: dict[str, str] = {
    "required": QT_TRANSLATE_NOOP("Messages", "This is required."),
    "not_in_list": QT_TRANSLATE_NOOP("Messages", "Choose a value from the list."),
    "out_of_range": QT_TRANSLATE_NOOP("Messages", "This number is outside the allowed range."),
    "out_of_range:closed": QT_TRANSLATE_NOOP("Messages", "Must be between %1 and %2."),
    "out_of_range:open_high": QT_TRANSLATE_NOOP("Messages", "Must be at least %1 and less than %2."),
    "out_of_range:open_low": QT_TRANSLATE_NOOP("Messages", "Must be more than %1 and at most %2."),
    "wrong_type": QT_TRANSLATE_NOOP("Messages", "This is not a valid value here."),
    "too_long": QT_TRANSLATE_NOOP("Messages", "This text is too long."),
    "too_long:1": QT_TRANSLATE_NOOP("Messages", "This is too long: at most %1."),
    "too_long:2": QT_TRANSLATE_NOOP("Messages", "This text is too long: at most %1 characters (it has %2)."),
    "bad_format": QT_TRANSLATE_NOOP("Messages", "This file is not a Safeland document."),
    "bad_code_format": QT_TRANSLATE_NOOP("Messages", "A place code is 2 to 8 digits."),
    "date_in_future": QT_TRANSLATE_NOOP("Messages", "The date is in the future."),
    "date_in_future:1": QT_TRANSLATE_NOOP("Messages", "The date %1 is in the future."),
    "date_too_early": QT_TRANSLATE_NOOP("Messages", "The date is before 1992."),
    "date_too_early:1": QT_TRANSLATE_NOOP("Messages", "The date %1 is before 1 January 1992."),
    "point_position_missing": QT_TRANSLATE_NOOP(
        "Messages", "Give latitude and longitude, or bearing and distance."),
    "point_no_previous": QT_TRANSLATE_NOOP(
        "Messages", "A bearing and distance need a point before them to measure from."),
    "coordinates_incomplete": QT_TRANSLATE_NOOP("Messages", "Give both latitude and longitude, or neither."),
    "outside_country": QT_TRANSLATE_NOOP("Messages", "These coordinates are outside Cambodia."),
    "outside_country:6": QT_TRANSLATE_NOOP(
        "Messages", "(%1, %2) is outside Cambodia: latitude must be %3 to %4, longitude %5 to %6."),
    "gazetteer_unknown": QT_TRANSLATE_NOOP("Messages", "This place code is not in the gazetteer."),
    "gazetteer_not_nested": QT_TRANSLATE_NOOP("Messages", "This place is not inside the place above it."),
    "polygon_too_few_points": QT_TRANSLATE_NOOP("Messages", "The area needs at least 3 turning points."),
    "polygon_too_few_points:1": QT_TRANSLATE_NOOP(
        "Messages", "The area needs at least 3 distinct turning points (%1 given)."),
    "polygon_not_closed": QT_TRANSLATE_NOOP("Messages", "The points do not enclose an area."),
    "polygon_self_intersecting": QT_TRANSLATE_NOOP("Messages", "The boundary crosses itself."),
    "polygon_self_intersecting:4": QT_TRANSLATE_NOOP(
        "Messages",
        "The boundary crosses itself: the leg from point %1 to %2 crosses the leg from %3 to %4."),
    "polygon_leg_too_long": QT_TRANSLATE_NOOP("Messages", "Two points in a row are more than 5 km apart."),
    "polygon_leg_too_long:3": QT_TRANSLATE_NOOP(
        "Messages", "Boundary points %1 and %2 are %3 km apart: at most 5 km is allowed."),
    "clearance_depth_required": QT_TRANSLATE_NOOP(
        "Messages", "A clearance report needs the clearance depth."),
    "eod_needs_item": QT_TRANSLATE_NOOP("Messages", "An EOD spot task needs at least one device found."),
    "site_unknown": QT_TRANSLATE_NOOP("Messages", "Choose a site that exists on this laptop."),
    "duplicate_in_file": QT_TRANSLATE_NOOP("Messages", "The same record appears twice."),
    "signed_changed": QT_TRANSLATE_NOOP(
        "Messages", "This signed record differs from the saved copy; amend it instead."),
    "site_owned_by_hq": QT_TRANSLATE_NOOP(
        "Messages", "This site is managed by HQ; report changes to it in a daily report."),
    "released_exceeds_area": QT_TRANSLATE_NOOP(
        "Messages", "Cleared, reduced and cancelled land together would exceed the site's area."),
    "released_exceeds_area:4": QT_TRANSLATE_NOOP(
        "Messages",
        "Land released would reach %4 m², more than the site's area of %1 m² (released so far %2 m², "
        "this report %3 m²)."),
    "bad_text": QT_TRANSLATE_NOOP(
        "Messages", "This text holds a character that cannot be saved (a NUL or a broken character)."),
    "hash_missing": QT_TRANSLATE_NOOP(
        "Messages", "This signed report has no signature hash: it cannot be taken as signed."),
    "hash_mismatch": QT_TRANSLATE_NOOP(
        "Messages", "This signed report was changed after signing: it does not match its hash."),
    "id_mismatch": QT_TRANSLATE_NOOP("Messages", "This site already exists with another id."),
    "polygon_duplicate_point": QT_TRANSLATE_NOOP(
        "Messages", "The boundary has the same point twice: remove one."),
    "polygon_duplicate_seq": QT_TRANSLATE_NOOP("Messages", "Two boundary points have the same number."),
    "point_duplicate": QT_TRANSLATE_NOOP("Messages", "Two points are at the same place."),
    "item_duplicate": QT_TRANSLATE_NOOP(
        "Messages", "This device is listed twice (same category, model, place and depth)."),
    "site_overlap": QT_TRANSLATE_NOOP(
        "Messages", "This area overlaps site %1 by %2 m² (%3 % of this area)."),
    "reference_similar": QT_TRANSLATE_NOOP(
        "Messages", "This reference differs from site %1 only by spaces or capital letters."),
    # Warnings of app.domain.warnings (docs/rules.md):
    "report_duplicate": QT_TRANSLATE_NOOP(
        "Messages", "You already have a report for site %1 on %2 by team %3."),
    "rate_implausible": QT_TRANSLATE_NOOP(
        "Messages", "%1 m² in one day is more than one team achieves (at most %2 m² with these "
                    "assets). Check the figure."),
    "site_area_changed": QT_TRANSLATE_NOOP(
        "Messages", "Saving these points changes the site's area from %1 m² to %2 m²."),
    "gpx_unreadable": QT_TRANSLATE_NOOP("Messages", "This file cannot be read as GPS waypoints."),
    # Refusals of app.domain.services:
    "signed_frozen": QT_TRANSLATE_NOOP("Messages", "This report is signed; use Amend to correct it."),
    "reason_required": QT_TRANSLATE_NOOP("Messages", "Say why the report is amended."),
    "amend_no_change": QT_TRANSLATE_NOOP("Messages", "The amendment changes nothing."),
    "not_found": QT_TRANSLATE_NOOP("Messages", "This report no longer exists."),
    "already_signed": QT_TRANSLATE_NOOP("Messages", "This report is already signed."),
    "not_own": QT_TRANSLATE_NOOP("Messages", "This report was written on another laptop."),
    "not_signed": QT_TRANSLATE_NOOP("Messages", "Only signed reports are amended; edit a draft directly."),
    "not_empty": QT_TRANSLATE_NOOP("Messages", "The database already holds data."),
    # Sites found in the field (app.domain.proposals, app.store.sites):
    "site_proposed": QT_TRANSLATE_NOOP(
        "Messages", "This site is proposed to HQ; it cannot be changed until HQ answers."),
    "site_not_returned": QT_TRANSLATE_NOOP(
        "Messages", "Only a site HQ returned can be proposed again."),
    "site_exists": QT_TRANSLATE_NOOP("Messages", "A site with this id already exists."),
    "reference_given": QT_TRANSLATE_NOOP(
        "Messages", "A site found in the field gets its provisional reference from this laptop."),
    "not_this_unit": QT_TRANSLATE_NOOP(
        "Messages", "A site found in the field belongs to this laptop's unit."),
}

_FALLBACK = QT_TRANSLATE_NOOP("Messages", "This value was refused.")


def text_for_code(code: str) -> str:
    """The user's sentence for a stable code (an unknown code gets a general sentence)."""
    return QCoreApplication.translate(CTX, _TEXTS.get(code, _FALLBACK))


def _key(issue: Issue) -> str:
    """Which sentence of a code fits the figures the issue carries: `code:N` for N figures, a
    range's `out_of_range:closed|open_high|open_low`, else the plain code (no figures)."""
    if issue.code == "out_of_range" and len(issue.args) >= 2:
        return f"out_of_range:{issue.args[2] if len(issue.args) > 2 else 'closed'}"
    if issue.args and f"{issue.code}:{len(issue.args)}" in _TEXTS:
        return f"{issue.code}:{len(issue.args)}"
    return issue.code


def issue_text(issue: Issue) -> str:
    """The sentence for an issue, its figures (%1, %2...) filled in."""
    text = text_for_code(_key(issue))
    # Highest first, so %1 does not eat the start of %10.
    for n, value in sorted(enumerate(issue.args, 1), reverse=True):
        text = text.replace(f"%{n}", str(value))
    return text


def known_codes() -> set[str]:
    """The stable codes this module has a sentence for (variants with figures left out)."""
    return {key.split(":")[0] for key in _TEXTS}
