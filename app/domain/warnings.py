"""Warnings a team leader expects before saving a report, beyond the shared rules of
safeland_core.validation: the same site, date and team written twice, and a day's work no team
achieves. Both are warnings (severity WARNING): they ask once, through the caller's
NeedsConfirmation, and never block. The bounds and their sources: docs/rules.md.

The duplicate check needs the database, so it lives here, in the domain, called from the save
path (services) and from import (transfer), so the form, import and the CLI all get it.
Thread: whichever thread owns the session (the write worker in the app).
"""
from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from safeland_core.schemas import ReportIn
from safeland_core.validation import WARNING, Issue, figure
from safeland_core.vocab import Asset

from ..models import Report, Site
from ..store import driver

# The most land one team can clear in one day with each asset, in m² (docs/rules.md): far
# above a good day, so the warning catches a typing slip (an extra zero), not a good team.
CLEARED_PER_DAY_M2: dict[Asset, float] = {
    Asset.MANUAL: 10_000,
    Asset.MDD: 20_000,
    Asset.MDR: 20_000,
    Asset.MECHANICAL: 50_000,
    Asset.EOD: 10_000,
}
_LEAST_CLEARED_BOUND = min(CLEARED_PER_DAY_M2.values())  # cleared_bound is never below it
REDUCED_PER_DAY_M2 = 100_000  # technical survey: land reduced by one team in one day
CANCELLED_PER_DAY_M2 = 1_000_000  # non-technical survey: land cancelled by one team in one day

# Extra codes of this module (validation.CODES has the shared ones).
CODES: dict[str, str] = {
    "report_duplicate": "a report for the same site, date and team already exists (warning)",
    "rate_implausible": "more land in one day than one team achieves with these assets (warning)",
}


def team_key(team: str) -> str:
    """`DU4-MDT-03` and ` du4-mdt-03 ` are one team."""
    return " ".join(team.split()).casefold()


def cleared_bound(assets: Iterable[Asset]) -> float:
    """The day's bound for cleared land: that of the most productive asset the team used."""
    return max((CLEARED_PER_DAY_M2.get(Asset(a), CLEARED_PER_DAY_M2[Asset.MANUAL]) for a in assets),
               default=CLEARED_PER_DAY_M2[Asset.MANUAL])


def rate_warnings(report: ReportIn, prefix: tuple = ()) -> list[Issue]:
    """One day's land above what one team achieves (pure: no database).

    Each issue's args: (the figure typed, the bound), both as shown (`12,000`, `10,000`)."""
    if (report.area_cleared_m2 <= _LEAST_CLEARED_BOUND and report.area_reduced_m2 <= REDUCED_PER_DAY_M2
            and report.area_cancelled_m2 <= CANCELLED_PER_DAY_M2):
        return []  # within every bound whatever the assets: a usual day (import checks every report)
    issues: list[Issue] = []
    checks = (
        ("area_cleared_m2", report.area_cleared_m2, cleared_bound(report.assets), "cleared"),
        ("area_reduced_m2", report.area_reduced_m2, REDUCED_PER_DAY_M2, "reduced by technical survey"),
        ("area_cancelled_m2", report.area_cancelled_m2, CANCELLED_PER_DAY_M2,
         "cancelled by non-technical survey"),
    )
    assets = ", ".join(a.value for a in report.assets)
    for name, value, bound, what in checks:
        if value > bound:
            issues.append(Issue(
                prefix + (name,), "rate_implausible",
                f"{figure(value)} m² {what} in one day is more than one team achieves "
                f"(at most {figure(bound)} m² with {assets}): check the figure",
                WARNING, args=(figure(value), figure(bound))))
    return issues


# One query, plain SQL on the session's sqlite3 connection (app/store/driver.py): through
# SQLAlchemy's statement execution it cost a save more than SQLite's work (issue 14). The date
# is bound as SQLAlchemy's SQLite Date stores it (YYYY-MM-DD, date.isoformat()).
_SAME_DAY = ("SELECT reports.id, reports.team FROM reports JOIN sites ON sites.id = reports.site_id"
             " WHERE sites.reference = ? AND reports.date = ?")


def duplicate_warnings(s: Session, report: ReportIn, exclude_ids: Iterable[str] = (),
                       prefix: tuple = ()) -> list[Issue]:
    """A saved report (not one of `exclude_ids`, i.e. not this one) for the same site, date and
    team. Args: (site reference, date as YYYY-MM-DD, team as typed in the saved report)."""
    exclude = {str(i) for i in exclude_ids}
    key = team_key(report.team)
    rows = driver.execute(driver.connection(s), _SAME_DAY,
                          (report.site_reference, report.date.isoformat()))
    for rid, team in rows:
        if rid in exclude or team_key(team) != key:
            continue
        return [_duplicate(prefix, report.site_reference, report.date.isoformat(), team)]
    return []


LAND_FIELDS = ("area_cleared_m2", "area_reduced_m2", "area_cancelled_m2")


def report_warnings(s: Session, report: ReportIn, report_id: str | None = None,
                    prefix: tuple = ()) -> list[Issue]:
    """Every warning of this module for one report about to be saved, asked once: when
    `report_id` names a saved draft, a warning its saved copy already raised (and the user
    accepted) is not asked again: the duplicate only if its site, date or team changed, a
    land figure only if it changed."""
    saved = s.get(Report, report_id) if report_id else None
    issues: list[Issue] = []
    if saved is None or _day_key(s, saved) != (report.site_reference, report.date, team_key(report.team)):
        issues += duplicate_warnings(s, report, [report_id] if report_id else [], prefix)
    issues += [i for i in rate_warnings(report, prefix)
               if saved is None or _changed(saved, report, str(i.loc[-1]))]
    return issues


def _changed(saved: Report, report: ReportIn, name: str) -> bool:
    return float(getattr(saved, name)) != float(getattr(report, name))


def already_asked(s: Session, report: ReportIn, report_id: str | None, issue: Issue) -> bool:
    """Whether a shared rule's warning (`released_exceeds_area`) was asked when this draft was
    last saved: same site and same land figures."""
    saved = s.get(Report, report_id) if report_id else None
    if saved is None or issue.code != "released_exceeds_area":
        return False
    same_site = _day_key(s, saved)[0] == report.site_reference
    return same_site and all(float(getattr(saved, f)) == float(getattr(report, f)) for f in LAND_FIELDS)


def _day_key(s: Session, row: Report) -> tuple:
    ref = s.scalar(select(Site.reference).where(Site.id == row.site_id))
    return ref, row.date, team_key(row.team)


def document_warnings(s: Session, reports: list[ReportIn], ids: list[str],
                      prefixes: list[tuple]) -> list[Issue]:
    """The warnings of a file's reports: each against the database (leaving out the file's own
    ids: re-importing a file is not a duplicate of itself) and against the file's earlier
    reports. The saved reports of the file's sites are read in a few queries, not one per
    report, so a 10,000-report import stays quick."""
    file_ids = set(ids)
    saved: dict[tuple, str] = {}  # (reference, date, team key) -> the saved report's team
    refs = sorted({r.site_reference for r in reports})
    for i in range(0, len(refs), 500):  # chunks keep under SQLite's bound-variable limit
        rows = s.execute(select(Site.reference, Report.date, Report.team, Report.id)
                         .join(Report, Report.site_id == Site.id)
                         .where(Site.reference.in_(refs[i:i + 500])))
        for ref, saved_day, team, rid in rows:
            if rid not in file_ids:
                saved.setdefault((ref, saved_day, team_key(team)), team)
    issues: list[Issue] = []
    seen: dict[tuple, int] = {}
    for n, (report, prefix) in enumerate(zip(reports, prefixes)):
        key = (report.site_reference, report.date, team_key(report.team))
        day = report.date.isoformat()
        if key in seen:
            issues.append(Issue(prefix + ("date",), "report_duplicate",
                                f"reports[{seen[key]}] is already for site {report.site_reference} on "
                                f"{day} by team {report.team}", WARNING,
                                args=(report.site_reference, day, report.team)))
        elif key in saved:
            issues.append(_duplicate(prefix, report.site_reference, day, saved[key]))
        seen.setdefault(key, n)
        issues += rate_warnings(report, prefix)
    return issues


def _duplicate(prefix: tuple, reference: str, day: str, team: str) -> Issue:
    return Issue(prefix + ("date",), "report_duplicate",
                 f"you already have a report for site {reference} on {day} by team {team}: save a "
                 "second one only if the team really wrote two", WARNING, args=(reference, day, team))
