"""Sites pages: the sites HQ holds (PROPOSED ones, found in the field, first) and one site with
its polygon drawn to scale, its devices found and its reports."""
from __future__ import annotations

from typing import Any, TypeVar

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from sqlalchemy import Select, func, select

from ..models import Report, Site
from ..review import latest_revisions
from ..users import UserInfo
from .common import PageError, Pages
from .plan import plan

PROPOSED = "PROPOSED"

_Q = TypeVar("_Q", bound=Select[Any])


def _visible(q: _Q, user: UserInfo) -> _Q:
    return q.where(Site.unit == user.unit) if user.unit is not None else q


def router(pages: Pages) -> APIRouter:
    r = APIRouter(include_in_schema=False)

    @r.get("/sites")
    def sites(request: Request, state: str = "") -> HTMLResponse:
        user = pages.require(request)
        with pages.db.session() as s:
            counts = dict(s.execute(select(Report.site_reference,
                                           func.count(func.distinct(Report.record_id)))
                                    .group_by(Report.site_reference)).all())
            rows = [site.record for site in s.scalars(_visible(select(Site), user)
                                                      .order_by(Site.reference))]
        proposed = [x for x in rows if x.get("status") == PROPOSED]
        if state == PROPOSED:
            rows = proposed
        rows.sort(key=lambda x: (x.get("status") != PROPOSED, x.get("reference", "")))
        return pages.render(request, "sites.html", user=user, rows=rows, counts=counts,
                            proposed=len(proposed), state=state)

    @r.get("/sites/{site_id}")
    def site(request: Request, site_id: str) -> HTMLResponse:
        user = pages.require(request)
        latest = latest_revisions()
        with pages.db.session() as s:
            row = s.scalar(_visible(select(Site).where(Site.id == site_id[:36]), user))
            if row is None:
                raise PageError(404, "err_404")
            reports = [(rep.record_id, rep.record, rep.status) for rep in s.scalars(
                select(Report).join(latest, (Report.record_id == latest.c.rid)
                                    & (Report.revision == latest.c.rev))
                .where(Report.site_reference == row.reference))]
            record = row.record
        reports.sort(key=lambda x: (x[1].get("date", ""), x[0]), reverse=True)
        found = [(float(i["lat"]), float(i["lon"]), f"{i.get('quantity', 1)}× {i.get('model', '')}")
                 for _, rec, _ in reports for i in rec.get("items") or []
                 if i.get("lat") is not None and i.get("lon") is not None]
        return pages.render(request, "site.html", user=user, site=record,
                            drawing=plan(record.get("points") or [], found), reports=reports,
                            devices_found=len(found))

    return r
