"""National figures (issue 13): land cancelled by non-technical survey, reduced by technical
survey and cleared, in m² (and ha), by any combination of province, unit, year, month and
activity; devices found and destroyed by category and model; reports and days worked.

Which revision counts. A report counts once, at its **latest accepted revision**: an amendment
still under review does not replace the accepted figure until it is accepted itself; a report
whose latest decision is a rejection never counts. Under another state filter (RECEIVED,
RETURNED) a report counts at its latest revision when that revision is in that state. Reports
still to review (latest revision RECEIVED) are always summed apart, beside the accepted figures,
so officers see what is still to come.

Days worked are team-days: distinct (team, date) pairs (an EOD team that does three spot tasks
in a day worked one day). Cluster-munition land, on sites whose contamination lists CLUSTER, is
summed apart as well as inside the figures.

Everything is SQL aggregates that run on SQLite and PostgreSQL. The land figures, dates, teams
and activities are columns of `reports` (filled from each record by hq/store.py, migration
hq0004), so the sums parse no JSON; the devices come from the `items` column (the record's items,
NULL when none), unnested by dialect (json_each / json_array_elements), for the counted
revisions that found some. Any thread may
call these functions; each opens its own session.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    String,
    and_,
    case,
    cast,
    false,
    func,
    literal,
    or_,
    select,
    true,
    union_all,
)
from sqlalchemy.sql.expression import Select

from safeland_core.tables import DESTROYED

from .db import HQDatabase
from .models import Report, Site

GROUPS = ("province", "unit", "year", "month", "activity")
STATES = ("ACCEPTED", "RECEIVED", "RETURNED")  # REJECTED never counts
RECEIVED = "RECEIVED"
NO_CLUSTER = "NO_CLUSTER"  # the contamination filter's "every site but cluster-munition ones"
M2_PER_HA = 10_000.0


@dataclass
class TotalsFilter:
    state: str = "ACCEPTED"
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    unit: str | None = None
    province: str | None = None
    contamination: str | None = None  # a code the site lists, or NO_CLUSTER
    visible_unit: str | None = None  # the signed-in user's unit limit (None: every unit)

    def __post_init__(self) -> None:
        if self.state not in STATES:
            raise ValueError(f"totals count {', '.join(STATES)} reports; not {self.state!r}")


@dataclass
class Figures:
    reports: int = 0
    days_worked: int = 0
    cancelled_m2: float = 0.0
    reduced_m2: float = 0.0
    cleared_m2: float = 0.0
    cluster_m2: float = 0.0  # released on cluster-munition sites (inside the three above too)
    devices_found: int = 0
    devices_destroyed: int = 0

    @property
    def released_m2(self) -> float:
        return self.cancelled_m2 + self.reduced_m2 + self.cleared_m2

    @staticmethod
    def ha(m2: float) -> float:
        return m2 / M2_PER_HA

    def as_json(self) -> dict[str, Any]:
        return {"reports": self.reports, "days_worked": self.days_worked,
                "cancelled_m2": self.cancelled_m2, "reduced_m2": self.reduced_m2,
                "cleared_m2": self.cleared_m2, "released_m2": self.released_m2,
                "released_ha": round(self.ha(self.released_m2), 4),
                "cluster_m2": self.cluster_m2, "devices_found": self.devices_found,
                "devices_destroyed": self.devices_destroyed}


@dataclass
class GroupRow:
    key: tuple[str, ...]  # one value per grouping, in the order asked ("" for none)
    counted: Figures
    received: Figures  # still to review, apart


@dataclass(frozen=True)
class DeviceRow:
    category: str
    model: str
    found: int
    destroyed: int


@dataclass
class Totals:
    by: tuple[str, ...]
    filter: TotalsFilter
    rows: list[GroupRow]
    total: Figures
    received: Figures
    devices: list[DeviceRow] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        f = self.filter
        return {"by": list(self.by), "state": f.state,
                "filter": {"from": f.date_from.isoformat() if f.date_from else None,
                           "to": f.date_to.isoformat() if f.date_to else None, "unit": f.unit,
                           "province": f.province, "contamination": f.contamination},
                "total": self.total.as_json(), "received": self.received.as_json(),
                "rows": [{**dict(zip(self.by, r.key)), **r.counted.as_json(),
                          "received": r.received.as_json()} for r in self.rows],
                "devices": [{"category": d.category, "model": d.model, "found": d.found,
                             "destroyed": d.destroyed} for d in self.devices]}


# --- the expressions ----------------------------------------------------------------------

def _num(key: str) -> ColumnElement[float]:
    return func.coalesce(getattr(Report, key), 0.0)


# The record's date and team as JSON text, as hq/exports.py filters on them.
DATE = Report.record["date"].as_string()
TEAM = Report.record["team"].as_string()
# The same figures as the columns the totals read (Report.report_date, .team, .activity).
DAY_TEXT = cast(Report.report_date, String)  # ISO "2025-06-04" on both databases
ACTIVITY = Report.activity
PROVINCE = Site.record["province_code"].as_string()
CONTAMINATION = cast(Site.record["contamination"], String)


def has_contamination(code: str, contamination: ColumnElement[str] = CONTAMINATION
                      ) -> ColumnElement[bool]:
    """The site's contamination lists `code` (a JSON text match: codes are upper-case words)."""
    return contamination.like(f'%"{code}"%')


# What the totals need of each site, read out of its record once per site (a few hundred rows)
# rather than at every report joined to it: PostgreSQL is told to materialise it, else it
# parses the site's JSON per report row and carries the whole record through the sort.
SITE = (select(Site.reference.label("reference"), Site.unit.label("unit"),
               PROVINCE.label("province"), CONTAMINATION.label("contamination"),
               has_contamination("CLUSTER").label("cluster"))
        .cte("site_figures").prefix_with("MATERIALIZED", dialect="postgresql"))


def key_expr(group: str) -> ColumnElement[Any]:
    if group == "province":
        return func.coalesce(SITE.c.province, "")
    if group == "unit":
        return func.coalesce(SITE.c.unit, "")
    if group == "year":
        return func.substr(DAY_TEXT, 1, 4)
    if group == "month":
        return func.substr(DAY_TEXT, 1, 7)
    if group == "activity":
        return func.coalesce(ACTIVITY, "")
    raise ValueError(f"totals group by {', '.join(GROUPS)}; not {group!r}")


def per_record() -> Any:
    """Each report's latest revision, latest accepted and latest rejected revision."""
    return (select(Report.record_id.label("rid"), func.max(Report.revision).label("latest"),
                   func.max(case((Report.status == "ACCEPTED", Report.revision))).label("acc"),
                   func.max(case((Report.status == "REJECTED", Report.revision))).label("rej"))
            .group_by(Report.record_id).subquery("per"))


def counted_cond(per: Any, state: str) -> ColumnElement[bool]:
    """The revision that counts under `state` (module docstring)."""
    if state == "ACCEPTED":
        return and_(Report.revision == per.c.acc,
                    or_(per.c.rej.is_(None), per.c.rej < per.c.acc))
    return and_(Report.revision == per.c.latest, Report.status == state)


def _filters(f: TotalsFilter) -> list[ColumnElement[bool]]:
    conds: list[ColumnElement[bool]] = []
    if f.visible_unit is not None:
        conds.append(SITE.c.unit == f.visible_unit)
    if f.unit:
        conds.append(SITE.c.unit == f.unit)
    if f.province:
        conds.append(SITE.c.province == f.province)
    if f.contamination == NO_CLUSTER:
        conds.append(or_(SITE.c.contamination.is_(None),
                         ~has_contamination("CLUSTER", SITE.c.contamination)))
    elif f.contamination:
        conds.append(has_contamination(f.contamination, SITE.c.contamination))
    if f.date_from:
        conds.append(Report.report_date >= f.date_from)
    if f.date_to:
        conds.append(Report.report_date <= f.date_to)
    return conds


def _base(f: TotalsFilter, per: Any, *cols: Any) -> Select[Any]:
    return (select(*cols).select_from(Report)
            .join(per, per.c.rid == Report.record_id)
            .outerjoin(SITE, SITE.c.reference == Report.site_reference)
            .where(*_filters(f)))


def _both(f: TotalsFilter, per: Any) -> tuple[ColumnElement[bool], ColumnElement[bool]]:
    """(counted, apart): the rows of the figures and those of the still-to-review column."""
    counted = counted_cond(per, f.state)
    apart = (and_(Report.revision == per.c.latest, Report.status == RECEIVED)
             if f.state != RECEIVED else false())
    return counted, apart


def _counted_rows(f: TotalsFilter, per: Any, keys: Sequence[Any]) -> Any:
    """The revisions the figures and the still-to-review column sum, with what they sum: one
    materialised set, so the grouped figures and the grand total pick each report's counted
    revision (the GROUP BY record_id of per_record) once between them."""
    counted, apart = _both(f, per)
    return (_base(f, per, *keys, counted.label("counted"), apart.label("apart"),
                  _num("area_cancelled_m2").label("cancelled"),
                  _num("area_reduced_m2").label("reduced"),
                  _num("area_cleared_m2").label("cleared"),
                  (Report.team + literal("|") + DAY_TEXT).label("day"),
                  SITE.c.cluster.label("cluster"))
            .where(or_(counted, apart))
            .cte("counted_rows").prefix_with("MATERIALIZED", dialect="postgresql"))


def _sums(rows: Any) -> list[Any]:
    counted, apart = rows.c.counted, rows.c.apart
    cancelled, reduced, cleared = rows.c.cancelled, rows.c.reduced, rows.c.cleared
    released = cancelled + reduced + cleared
    return [
        func.sum(case((counted, 1), else_=0)),
        func.count(func.distinct(case((counted, rows.c.day)))),
        func.sum(case((counted, cancelled), else_=0.0)),
        func.sum(case((counted, reduced), else_=0.0)),
        func.sum(case((counted, cleared), else_=0.0)),
        func.sum(case((and_(counted, rows.c.cluster), released), else_=0.0)),
        func.sum(case((apart, 1), else_=0)),
        func.sum(case((apart, cancelled), else_=0.0)),
        func.sum(case((apart, reduced), else_=0.0)),
        func.sum(case((apart, cleared), else_=0.0)),
    ]


def _figures(values: Sequence[Any]) -> tuple[Figures, Figures]:
    v = [x or 0 for x in values]
    return (Figures(int(v[0]), int(v[1]), float(v[2]), float(v[3]), float(v[4]), float(v[5])),
            Figures(int(v[6]), 0, float(v[7]), float(v[8]), float(v[9])))


def _items(db: HQDatabase) -> tuple[Any, ColumnElement[str], ColumnElement[str],
                                     ColumnElement[int], ColumnElement[str]]:
    """A report's items as rows (category, model, quantity, disposal), by dialect."""
    if db.is_sqlite:
        each = func.json_each(Report.items).table_valued("value")

        def get(k: str) -> ColumnElement[Any]:
            return func.json_extract(each.c.value, f"$.{k}")
    else:
        each = func.json_array_elements(Report.items).table_valued("value")

        def get(k: str) -> ColumnElement[Any]:
            return each.c.value.op("->>")(literal(k))
    qty = func.coalesce(cast(get("quantity"), Integer), 0)
    return each, func.coalesce(get("category"), ""), func.coalesce(get("model"), ""), qty, \
        func.coalesce(get("disposal"), "")


def compute(db: HQDatabase, f: TotalsFilter, by: Sequence[str] = ()) -> Totals:
    """The figures under `f`, grouped by `by` (any of GROUPS, in that order of columns)."""
    by = tuple(dict.fromkeys(by))
    keys = [key_expr(g).label(f"k{n}") for n, g in enumerate(by)]
    per = per_record()
    counted, apart = _both(f, per)
    with db.session() as s:
        rows: list[GroupRow] = []
        # The grand total (row kind 0) and the groups (kind 1) in one statement over the same
        # counted rows: the total is its own aggregate, as team-days do not add up over groups.
        cr = _counted_rows(f, per, keys)
        ck = [cr.c[f"k{n}"] for n in range(len(keys))]
        q: Any = select(literal(0).label("kind"), *(literal("").label(f"k{n}") for n in
                                                    range(len(keys))), *_sums(cr))
        if keys:
            q = union_all(q, select(literal(1), *ck, *_sums(cr)).group_by(*ck))
        t: Sequence[Any] = ()
        for r in s.execute(q):
            if r[0] == 0:
                t = r[1 + len(keys):]
                continue
            c, a = _figures(r[1 + len(keys):])
            rows.append(GroupRow(tuple(str(x) for x in r[1:1 + len(keys)]), c, a))
        rows.sort(key=lambda g: g.key)
        total, received = _figures(t)
        each, category, model, qty, disposal = _items(db)
        destroyed = case((disposal.in_(sorted(DESTROYED)), qty), else_=0)
        iq = (_base(f, per, *keys, category.label("cat"), model.label("model"),
                    func.sum(qty), func.sum(destroyed))
              .join(each, true()).where(counted, Report.items.is_not(None))
              .group_by(*keys, category, model))
        devices: dict[tuple[str, str], list[int]] = {}
        by_key = {r.key: r for r in rows}
        for r in s.execute(iq):
            n_found, n_destroyed = int(r[-2] or 0), int(r[-1] or 0)
            d = devices.setdefault((str(r[-4]), str(r[-3])), [0, 0])
            d[0] += n_found
            d[1] += n_destroyed
            total.devices_found += n_found
            total.devices_destroyed += n_destroyed
            row = by_key.get(tuple(str(x) for x in r[:len(keys)]))
            if row is not None:
                row.counted.devices_found += n_found
                row.counted.devices_destroyed += n_destroyed
    rows = [r for r in rows if r.counted.reports or r.received.reports]
    return Totals(by, f, rows, total, received,
                  sorted((DeviceRow(c, m, v[0], v[1]) for (c, m), v in devices.items()),
                         key=lambda d: (d.category, -d.found, d.model)))


def _add(into: Figures, x: Figures) -> None:
    for name in ("reports", "days_worked", "cancelled_m2", "reduced_m2", "cleared_m2",
                 "cluster_m2", "devices_found", "devices_destroyed"):
        setattr(into, name, getattr(into, name) + getattr(x, name))


def fold(t: Totals, keep: Sequence[str]) -> list[GroupRow]:
    """`t`'s rows summed over the groupings not in `keep` (in `keep`'s order). Every figure adds
    up exactly when the groupings dropped are dates (month, year): a team-day falls in one
    month. Over other groupings the days worked are an upper bound; the rest is exact."""
    at = [t.by.index(g) for g in keep]
    out: dict[tuple[str, ...], GroupRow] = {}
    for r in t.rows:
        key = tuple(r.key[i] for i in at)
        row = out.setdefault(key, GroupRow(key, Figures(), Figures()))
        _add(row.counted, r.counted)
        _add(row.received, r.received)
    return [out[k] for k in sorted(out)]


@dataclass(frozen=True)
class CountedReport:
    record_id: str
    revision: int
    date: str
    site_reference: str
    unit: str | None
    activity: str
    released_m2: float


def counted_reports(db: HQDatabase, f: TotalsFilter, key: dict[str, str],
                    apart: bool = False, limit: int = 200,
                    offset: int = 0) -> tuple[list[CountedReport], int]:
    """The reports a figure sums: those counted under `f` (or, with `apart`, those still to
    review) whose groupings have the values in `key` ({"province": "02", ...}). Returns one
    page of them, newest first, and how many there are."""
    per = per_record()
    counted, still = _both(f, per)
    cond = still if apart else counted
    conds = [cond, *(key_expr(g) == v for g, v in key.items())]
    released = _num("area_cancelled_m2") + _num("area_reduced_m2") + _num("area_cleared_m2")
    with db.session() as s:
        total = int(s.scalar(_base(f, per, func.count()).where(*conds)) or 0)
        q = (_base(f, per, Report.record_id, Report.revision, Report.report_date,
                   Report.site_reference, SITE.c.unit, ACTIVITY, released).where(*conds)
             .order_by(Report.report_date.desc(), Report.record_id).limit(limit).offset(offset))
        rows = [CountedReport(r[0], int(r[1]), r[2].isoformat() if r[2] else "", r[3], r[4],
                              str(r[5] or ""), float(r[6] or 0)) for r in s.execute(q)]
    return rows, total
