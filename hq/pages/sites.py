"""Sites pages: the sites HQ holds (PROPOSED ones, found in the field, first, each with its
*Confirm* and *Return* forms for reviewers) and one site with its polygon drawn to scale, its
devices found and its reports. The decisions are hq/proposals.py's, as the CLI's are."""
from __future__ import annotations

from typing import Any, TypeVar
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy import Select, func, select

from .. import proposals
from ..models import Device, Report, Site
from ..review import latest_revisions
from ..users import UserInfo
from .common import PageError, Pages
from .plan import plan

PROPOSED = proposals.PROPOSED

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
            names = dict(s.execute(select(Device.id, Device.name)).all())
            rows = []
            for site in s.scalars(_visible(select(Site), user).order_by(Site.reference)):
                rows.append({**site.record, "id": site.id, "reference": site.reference,
                             "proposal_state": site.proposal_state,
                             "proposal_reason": site.proposal_reason,
                             "provisional_reference": site.provisional_reference,
                             "proposed_by": names.get(site.proposed_by or "", None)})
        proposed = [x for x in rows if x.get("proposal_state") == PROPOSED]
        if state == PROPOSED:
            rows = proposed
        rows.sort(key=lambda x: (x.get("proposal_state") != PROPOSED, x.get("reference", "")))
        return pages.render(request, "sites.html", user=user, rows=rows, counts=counts,
                            proposed=proposed, state=state,
                            done=request.query_params.get("done", "")[:64],
                            done_ref=request.query_params.get("ref", "")[:64])

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
            record = {**row.record, "reference": row.reference,
                      "proposal_state": row.proposal_state,
                      "proposal_reason": row.proposal_reason,
                      "provisional_reference": row.provisional_reference}
        reports.sort(key=lambda x: (x[1].get("date", ""), x[0]), reverse=True)
        found = [(float(i["lat"]), float(i["lon"]), f"{i.get('quantity', 1)}× {i.get('model', '')}")
                 for _, rec, _ in reports for i in rec.get("items") or []
                 if i.get("lat") is not None and i.get("lon") is not None]
        return pages.render(request, "site.html", user=user, site=record,
                            drawing=plan(record.get("points") or [], found), reports=reports,
                            devices_found=len(found))

    @r.post("/sites/{site_id}/confirm")
    async def confirm(request: Request, site_id: str) -> RedirectResponse:
        fields = await pages.form(request)
        user = await pages.in_thread(pages.require, request, "reviewer")
        try:
            done = await pages.in_thread(proposals.confirm, pages.db, site_id[:36],
                                         fields.get("reference"), user,
                                         accept_overlap=fields.get("accept_overlap") == "1")
        except proposals.SiteRefused as exc:
            raise PageError(exc.status, exc.message) from None
        return pages.redirect(f"/sites?done=confirmed&ref={quote(done.reference, safe='')}")

    @r.post("/sites/{site_id}/return")
    async def return_site(request: Request, site_id: str) -> RedirectResponse:
        fields = await pages.form(request)
        user = await pages.in_thread(pages.require, request, "reviewer")
        try:
            done = await pages.in_thread(proposals.return_site, pages.db, site_id[:36],
                                         fields.get("reason"), user)
        except proposals.SiteRefused as exc:
            raise PageError(exc.status, exc.message) from None
        return pages.redirect(f"/sites?done=returned&ref={quote(done.reference, safe='')}")

    return r
