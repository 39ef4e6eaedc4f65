"""HQ's web pages for officers (issue 12): server-rendered HTML (Jinja2, hq/templates), no
script at all, English and Khmer, Noto Sans Khmer served by HQ itself.

    /                      to the review queue, or to sign in
    /signin, /signout      sessions in signed HTTP-only cookies (hq/auth.py)
    /reports               reports to review, filtered, with counts by state
    /reports/{id}          one report: fields, devices found, revisions, activity, decisions
    /sites, /sites/{id}    sites (PROPOSED first) and one site drawn to scale (SVG)
    /totals, /export       national figures, chart and map; downloads (hq/pages/national.py)
    /devices, /users       admins only
    /static/...            the style sheet and the Khmer font

The JSON API under /api/v1 stays the devices' door and keeps answering JSON; every other path
answers errors as an HTML page (no JSON, no traceback).
"""
from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from sqlalchemy.exc import IntegrityError, OperationalError
from starlette.exceptions import HTTPException

from safeland_core.protocol import API_PREFIX

from ..db import HQDatabase
from ..web import on_exception
from . import admin, national, reports, signin, sites
from .common import PageError, Pages, SignInNeeded

log = logging.getLogger("safeland.hq.pages")

STATIC = Path(__file__).resolve().parent.parent / "static"
FONT_URL = "/static/fonts/noto-sans-khmer.ttf"
STATIC_HEADERS = {"Cache-Control": "public, max-age=86400", "X-Content-Type-Options": "nosniff"}

_E = TypeVar("_E", bound=Exception)


def khmer_font_file() -> Path:
    import fontpkg_noto_sans_khmer as pkg

    return sorted((pkg.ROOT / "files").glob("*.ttf"))[0]


def install(app: FastAPI, db: HQDatabase) -> Pages:
    pages = Pages(db)
    app.state.pages = pages
    for module in (signin, reports, sites, national, admin):
        app.include_router(module.router(pages))

    @app.get("/static/hq.css", include_in_schema=False)
    def stylesheet() -> FileResponse:
        return FileResponse(STATIC / "hq.css", media_type="text/css", headers=STATIC_HEADERS)

    @app.get("/static/national.css", include_in_schema=False)
    def national_stylesheet() -> FileResponse:
        return FileResponse(STATIC / "national.css", media_type="text/css", headers=STATIC_HEADERS)

    @app.get(FONT_URL, include_in_schema=False)
    def khmer_font() -> FileResponse:
        return FileResponse(khmer_font_file(), media_type="font/ttf", headers=STATIC_HEADERS)

    _install_error_pages(app, pages)
    return pages


def _is_api(request: Request) -> bool:
    return request.url.path == API_PREFIX or request.url.path.startswith(API_PREFIX + "/")


def _error_page(pages: Pages, request: Request, status: int, message: str | None) -> HTMLResponse:
    try:
        user = pages.user(request)
    except Exception:  # noqa: BLE001 - the database may be why we are here
        user = None
    key = message or {403: "err_403", 404: "err_404", 500: "err_500",
                      503: "err_503"}.get(status, "err_other")
    return pages.render(request, "error.html", user=user, status=status, message_key=key,
                        status_code=status)


def _install_error_pages(app: FastAPI, pages: Pages) -> None:
    """Errors outside /api/v1 become HTML pages; the API keeps its JSON handlers (hq/web.py)."""
    # The API's handlers (hq/web.py), each called with the exception it was registered for.
    api_handlers: dict[Any, Callable[..., Any]] = dict(app.exception_handlers)

    async def page_error(request: Request, exc: PageError) -> HTMLResponse:
        return _error_page(pages, request, exc.status, exc.message)

    async def sign_in(request: Request, _exc: SignInNeeded) -> RedirectResponse:
        from urllib.parse import quote

        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        if request.method != "GET":
            target = "/reports"
        return pages.redirect(f"/signin?next={quote(target, safe='')}")

    def wrap(exc_class: type[_E],
             status_of: Callable[[_E], int]) -> Callable[[Request, _E], Awaitable[Response]]:
        api = api_handlers.get(exc_class)

        async def handler(request: Request, exc: _E) -> Response:
            if _is_api(request) and api is not None:
                return await api(request, exc)
            status = status_of(exc)
            if status >= 500:
                log.error("page %s failed", request.url.path, exc_info=exc)
            return _error_page(pages, request, status, None)

        return handler

    on_exception(app, PageError, page_error)
    on_exception(app, SignInNeeded, sign_in)
    on_exception(app, HTTPException, wrap(HTTPException, lambda e: e.status_code))
    on_exception(app, RequestValidationError, wrap(RequestValidationError, lambda e: 400))
    on_exception(app, OperationalError, wrap(OperationalError, lambda e: 503))
    on_exception(app, IntegrityError, wrap(IntegrityError, lambda e: 409))
    on_exception(app, Exception, wrap(Exception, lambda e: 500))
