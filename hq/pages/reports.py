"""The review pages: the queue of reports, one report, and the three decisions."""
from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from .. import review
from .common import PageError, Pages

PAGE_ROWS = 200


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def router(pages: Pages) -> APIRouter:
    r = APIRouter(include_in_schema=False)

    @r.get("/reports")
    def reports(request: Request, unit: str = "", site: str = "", state: str = review.RECEIVED,
                date_from: str = "", date_to: str = "", team: str = "", page: int = 1) -> HTMLResponse:
        user = pages.require(request)
        if state not in review.STATES:
            state = ""
        f = review.QueueFilter(unit=unit[:200] or None, site=site[:64] or None, state=state or None,
                               date_from=_date(date_from), date_to=_date(date_to),
                               team=team[:200] or None)
        page = max(1, min(page, 100_000))
        q = review.queue(pages.db, user, f, limit=PAGE_ROWS, offset=(page - 1) * PAGE_ROWS)
        params = {"unit": unit, "site": site, "date_from": date_from, "date_to": date_to,
                  "team": team}
        pages_n = max(1, -(-q.total // PAGE_ROWS))
        return pages.render(request, "reports.html", user=user, q=q, f=f, state=state,
                            params=params, states=review.STATES, page=page, pages_n=pages_n)

    @r.get("/reports/{record_id}")
    def report(request: Request, record_id: str) -> HTMLResponse:
        user = pages.require(request)
        view = review.report_view(pages.db, user, record_id[:64])
        if view is None:
            raise PageError(404, "err_404")
        return pages.render(request, "report.html", user=user, v=view)

    @r.post("/reports/{record_id}/decision")
    async def decide(request: Request, record_id: str) -> RedirectResponse:
        fields = await pages.form(request)
        user = await pages.in_thread(pages.require, request)
        if not user.can_decide:
            raise PageError(403, "err_403")
        try:
            revision = int(fields.get("revision", ""))
        except ValueError:
            raise PageError(400, "err_other") from None
        try:
            await pages.in_thread(review.decide, pages.db, record_id[:64],
                                  fields.get("decision", ""), fields.get("reason"), user, revision)
        except review.ReviewRefused as exc:
            raise PageError(exc.status, exc.message) from None
        return pages.redirect(f"/reports/{record_id}")

    return r
