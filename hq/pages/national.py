"""The national page (issue 13): the totals table with its filters, each figure linking to the
reports it sums; land released per month by method as a server-rendered SVG chart (patterns and
labels, readable in black and white); the sites as polygons coloured by status on a graticule
(no tiles); and the downloads (GET /export, also offered on the reports page).

    /totals            the figures (hq/totals.py), the chart and the map
    /totals/reports    the reports one figure sums
    /export            a download of the filters given (hq/exports.py), streamed from a
                       temporary file written in a worker thread and removed once sent
"""
from __future__ import annotations

import datetime as dt
import math
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import FileResponse, HTMLResponse
from sqlalchemy import select
from starlette.background import BackgroundTask

from safeland_core.gazetteer import lookup
from safeland_core.tables import centre, ring

from .. import exports, totals
from ..models import Site
from ..users import UserInfo
from .common import PageError, Pages

PAGE_ROWS = 200
STATUS_COLOURS = {"OPEN": "#c0392b", "IN_PROGRESS": "#d68910", "COMPLETED": "#1e8449",
                  "CANCELLED": "#7f8c8d", "PROPOSED": "#2471a3"}
METHODS = ("cancelled", "reduced", "cleared")


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


@dataclass
class Params:
    """The page's filters as given in the query string (kept for links and forms)."""

    state: str = "ACCEPTED"
    date_from: str = ""
    date_to: str = ""
    unit: str = ""
    province: str = ""
    contamination: str = ""

    def filter(self, user: UserInfo) -> totals.TotalsFilter:
        state = self.state if self.state in totals.STATES else "ACCEPTED"
        return totals.TotalsFilter(state=state, date_from=_date(self.date_from),
                                   date_to=_date(self.date_to), unit=self.unit[:200] or None,
                                   province=self.province[:8] or None,
                                   contamination=self.contamination[:32] or None,
                                   visible_unit=user.unit)

    def query(self, **extra: Any) -> str:
        values = {"state": self.state, "date_from": self.date_from, "date_to": self.date_to,
                  "unit": self.unit, "province": self.province,
                  "contamination": self.contamination, **extra}
        return urlencode([(k, v) for k, v in values.items() if v not in ("", None)], doseq=True)


def province_name(code: str, lang: str) -> str:
    place = lookup("province", code) if code else None
    if place is None:
        return code or "–"
    return f"{code} {place.name_kh if lang == 'km' else place.name_en}"


# --- the chart: land released per month, by method ------------------------------------------

@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    w: float
    h: float
    method: str
    ha: float


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bars: list[Bar]
    months: list[tuple[float, str]]  # (x of the label, YYYY-MM)
    ticks: list[tuple[float, str]]  # (y, ha)
    totals: list[tuple[float, float, str]]  # (x, y, ha above each column)
    plot: tuple[float, float, float, float]  # x0, y0, x1, y1


def chart(rows: list[totals.GroupRow], width: int = 760, height: int = 300) -> Chart | None:
    """Stacked columns per month (cancelled, reduced, cleared, in ha) from totals by month."""
    rows = [r for r in rows if r.counted.released_m2 > 0]
    if not rows:
        return None
    x0, y0, x1, y1 = 56.0, 16.0, width - 12.0, height - 40.0
    top = max(r.counted.released_m2 for r in rows) / 10_000
    step = _nice_step(top / 4)
    top = step * max(1, math.ceil(top / step))
    scale = (y1 - y0) / top
    slot = (x1 - x0) / len(rows)
    w = min(48.0, slot * 0.7)
    bars, months, tops = [], [], []
    for n, r in enumerate(rows):
        x = x0 + slot * n + (slot - w) / 2
        base = y1
        for method in METHODS:
            ha = getattr(r.counted, f"{method}_m2") / 10_000
            if ha > 0:
                h = ha * scale
                bars.append(Bar(round(x, 1), round(base - h, 1), round(w, 1), round(h, 1), method,
                                round(ha, 2)))
                base -= h
        months.append((round(x + w / 2, 1), r.key[0]))
        tops.append((round(x + w / 2, 1), round(base - 4, 1), f"{r.counted.released_m2 / 10_000:,.2f}"))
    ticks = [(round(y1 - k * step * scale, 1), f"{k * step:,.{_decimals(step)}f}")
             for k in range(int(round(top / step)) + 1)]
    return Chart(width, height, bars, months, ticks, tops, (x0, y0, x1, y1))


def _nice_step(raw: float) -> float:
    if raw <= 0:
        return 1.0
    mag = 10 ** math.floor(math.log10(raw))
    return next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)


def _decimals(step: float) -> int:
    return 0 if step >= 1 else min(4, -math.floor(math.log10(step)) + 1)


# --- the map: sites as polygons on a graticule ----------------------------------------------

@dataclass(frozen=True)
class MapSite:
    id: str
    reference: str
    name: str
    status: str
    points: str  # "x,y x,y ..." of the polygon, "" when it has none
    cx: float
    cy: float


@dataclass(frozen=True)
class SiteMap:
    width: int
    height: int
    sites: list[MapSite]
    meridians: list[tuple[float, str]]  # (x, "104°E")
    parallels: list[tuple[float, str]]  # (y, "12°N")


CAMBODIA_BOX = (102.3, 10.4, 107.7, 14.7)  # lon/lat: the map always shows the whole country


def site_map(records: list[dict[str, Any]], width: int = 760, height: int = 520) -> SiteMap:
    """Equirectangular (x scaled by cos of the mid latitude), north up, 1° graticule."""
    lons, lats = [CAMBODIA_BOX[0], CAMBODIA_BOX[2]], [CAMBODIA_BOX[1], CAMBODIA_BOX[3]]
    shapes = []
    for rec in records:
        c = centre(rec)
        if c is None:
            continue
        coords = ring(rec)
        shapes.append((rec, c, coords))
        lats += [c[0]]
        lons += [c[1]]
    lon0, lon1, lat0, lat1 = min(lons) - 0.2, max(lons) + 0.2, min(lats) - 0.2, max(lats) + 0.2
    k = math.cos(math.radians((lat0 + lat1) / 2))
    margin = 30
    scale = min((width - 2 * margin) / ((lon1 - lon0) * k), (height - 2 * margin) / (lat1 - lat0))
    ox = (width - (lon1 - lon0) * k * scale) / 2
    oy = (height - (lat1 - lat0) * scale) / 2

    def px(lon: float, lat: float) -> tuple[float, float]:
        return round(ox + (lon - lon0) * k * scale, 1), round(oy + (lat1 - lat) * scale, 1)

    sites = []
    for rec, (lat, lon), coords in shapes:
        cx, cy = px(lon, lat)
        poly = " ".join("{},{}".format(*px(x, y)) for x, y in coords[:-1]) if coords else ""
        sites.append(MapSite(str(rec.get("id")), str(rec.get("reference")),
                             str(rec.get("name") or ""), str(rec.get("status") or ""), poly, cx, cy))
    meridians = [(px(d, lat0)[0], f"{d}°E") for d in range(math.ceil(lon0), math.floor(lon1) + 1)]
    parallels = [(px(lon0, d)[1], f"{d}°N") for d in range(math.ceil(lat0), math.floor(lat1) + 1)]
    return SiteMap(width, height, sites, meridians, parallels)


# --- the routes -----------------------------------------------------------------------------

def _sites(pages: Pages, f: totals.TotalsFilter) -> list[dict[str, Any]]:
    q = select(Site.record).order_by(Site.reference)
    if f.visible_unit is not None:
        q = q.where(Site.unit == f.visible_unit)
    if f.unit:
        q = q.where(Site.unit == f.unit)
    if f.province:
        q = q.where(totals.PROVINCE == f.province)
    if f.contamination == totals.NO_CLUSTER:
        q = q.where(~totals.has_contamination("CLUSTER"))
    elif f.contamination:
        q = q.where(totals.has_contamination(f.contamination))
    with pages.db.session() as s:
        return list(s.scalars(q))


def _units(pages: Pages, user: UserInfo) -> tuple[list[str], list[str]]:
    with pages.db.session() as s:
        q = select(Site.unit, totals.PROVINCE).distinct()
        if user.unit is not None:
            q = q.where(Site.unit == user.unit)
        rows = s.execute(q).all()
    return (sorted({u for u, _ in rows if u}), sorted({p for _, p in rows if p}))


def router(pages: Pages) -> APIRouter:
    r = APIRouter(include_in_schema=False)

    @r.get("/totals")
    def national(request: Request, state: str = "ACCEPTED", date_from: str = "",
                 date_to: str = "", unit: str = "", province: str = "", contamination: str = "",
                 by: list[str] = Query(default=[])) -> HTMLResponse:  # noqa: B008 - FastAPI's way
        user = pages.require(request)
        p = Params(state, date_from, date_to, unit, province, contamination)
        f = p.filter(user)
        p.state = f.state
        groups = [g for g in dict.fromkeys(by) if g in totals.GROUPS][:5]
        # One computation for the table and the chart: by the groupings and the month, then
        # the month folded away for the table (exact: a team-day falls in one month) and the
        # other groupings for the chart (land only).
        t = totals.compute(pages.db, f, groups if "month" in groups else [*groups, "month"])
        monthly = totals.fold(t, ["month"])
        if "month" not in groups:
            t.rows, t.by = totals.fold(t, groups), tuple(groups)
        units, provinces = _units(pages, user)
        lang = pages.lang(request)
        download = exports.ExportFilter(status=f.state, unit=f.unit, province=f.province,
                                        date_from=f.date_from, date_to=f.date_to,
                                        contamination=f.contamination)
        return pages.render(request, "national.html", user=user, tot=t, p=p, groups=groups,
                            all_groups=totals.GROUPS, states=totals.STATES, units=units,
                            provinces=provinces, chart=chart(monthly),
                            site_map=site_map(_sites(pages, f)), colours=STATUS_COLOURS,
                            province_name=lambda code: province_name(code, lang),
                            by_query=urlencode([("by", g) for g in groups]),
                            download=download.query_string(), no_cluster=totals.NO_CLUSTER)

    @r.get("/totals/reports")
    def summed(request: Request, state: str = "ACCEPTED", date_from: str = "",
               date_to: str = "", unit: str = "", province: str = "", contamination: str = "",
               apart: int = 0, k_province: str | None = None, k_unit: str | None = None,
               k_year: str | None = None, k_month: str | None = None,
               k_activity: str | None = None, page: int = 1) -> HTMLResponse:
        user = pages.require(request)
        p = Params(state, date_from, date_to, unit, province, contamination)
        f = p.filter(user)
        key = {g: v[:64] for g, v in (("province", k_province), ("unit", k_unit),
                                      ("year", k_year), ("month", k_month),
                                      ("activity", k_activity)) if v is not None}
        page = max(1, min(page, 100_000))
        rows, total = totals.counted_reports(pages.db, f, key, apart=bool(apart),
                                             limit=PAGE_ROWS, offset=(page - 1) * PAGE_ROWS)
        lang = pages.lang(request)
        return pages.render(request, "national_reports.html", user=user, rows=rows, total=total,
                            key=key, apart=bool(apart), p=p, page=page,
                            pages_n=max(1, -(-total // PAGE_ROWS)),
                            province_name=lambda code: province_name(code, lang),
                            released=sum(x.released_m2 for x in rows))

    @r.get("/export")
    async def download(request: Request, format: str = "xlsx", status: str = "",
                       unit: str = "", province: str = "", date_from: str = "",
                       date_to: str = "", contamination: str = "", site: str = "",
                       team: str = "") -> FileResponse:
        user = await pages.in_thread(pages.require, request)
        if format not in exports.FORMATS:
            raise PageError(400, "err_other")
        try:
            f = exports.ExportFilter(status=status or None, unit=unit[:200] or None,
                                     province=province[:8] or None, date_from=_date(date_from),
                                     date_to=_date(date_to), contamination=contamination[:32] or None,
                                     site=site[:64] or None, team=team[:200] or None,
                                     visible_unit=user.unit)
        except ValueError:
            raise PageError(400, "err_other") from None
        folder = Path(tempfile.mkdtemp(prefix="safeland-export-"))
        name = f"safeland-hq-{dt.date.today():%Y%m%d}-{(status or 'all').lower()}{exports.SUFFIXES[format]}"
        try:
            await pages.in_thread(exports.export, pages.db, folder / name, format, f)
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        return FileResponse(folder / name, media_type=exports.MEDIA_TYPES[format], filename=name,
                            headers={"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"},
                            background=BackgroundTask(shutil.rmtree, folder, ignore_errors=True))

    return r
