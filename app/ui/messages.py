"""Every stable code the domain can give (validation.CODES and the services' refusals),
turned into a sentence in the user's language. The one place that translates them.

Thread: GUI (uses the installed translators).
"""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from safeland_core.validation import Issue

CTX = "Messages"

_TEXTS: dict[str, str] = {
    "required": QT_TRANSLATE_NOOP("Messages", "This is required."),
    "not_in_list": QT_TRANSLATE_NOOP("Messages", "Choose a value from the list."),
    "out_of_range": QT_TRANSLATE_NOOP("Messages", "This number is outside the allowed range."),
    "wrong_type": QT_TRANSLATE_NOOP("Messages", "This is not a valid value here."),
    "too_long": QT_TRANSLATE_NOOP("Messages", "This text is too long."),
    "bad_format": QT_TRANSLATE_NOOP("Messages", "This file is not a Safeland document."),
    "bad_code_format": QT_TRANSLATE_NOOP("Messages", "A place code is 2 to 8 digits."),
    "date_in_future": QT_TRANSLATE_NOOP("Messages", "The date is in the future."),
    "date_too_early": QT_TRANSLATE_NOOP("Messages", "The date is before 1992."),
    "point_position_missing": QT_TRANSLATE_NOOP(
        "Messages", "Give latitude and longitude, or bearing and distance."),
    "point_no_previous": QT_TRANSLATE_NOOP(
        "Messages", "A bearing and distance need a point before them to measure from."),
    "coordinates_incomplete": QT_TRANSLATE_NOOP("Messages", "Give both latitude and longitude, or neither."),
    "outside_country": QT_TRANSLATE_NOOP("Messages", "These coordinates are outside Cambodia."),
    "gazetteer_unknown": QT_TRANSLATE_NOOP("Messages", "This place code is not in the gazetteer."),
    "gazetteer_not_nested": QT_TRANSLATE_NOOP("Messages", "This place is not inside the place above it."),
    "polygon_too_few_points": QT_TRANSLATE_NOOP("Messages", "The area needs at least 3 turning points."),
    "polygon_not_closed": QT_TRANSLATE_NOOP("Messages", "The points do not enclose an area."),
    "polygon_self_intersecting": QT_TRANSLATE_NOOP("Messages", "The boundary crosses itself."),
    "polygon_leg_too_long": QT_TRANSLATE_NOOP("Messages", "Two points in a row are more than 5 km apart."),
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


def issue_text(issue: Issue) -> str:
    """The sentence for an issue, its figures (%1, %2...) filled in."""
    text = text_for_code(issue.code)
    for n, value in enumerate(issue.args, 1):
        text = text.replace(f"%{n}", str(value))
    return text


def known_codes() -> set[str]:
    return set(_TEXTS)
