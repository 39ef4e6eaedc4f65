"""What every page shares: who is signed in, rendering a template in the visitor's language,
reading a form with its CSRF token, and the exceptions that become HTML error pages.

Page handlers that touch the database are plain functions (FastAPI runs them in its thread
pool); handlers that read a form are async and hand their database work to the thread pool.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any, ParamSpec, TypeVar
from urllib.parse import parse_qs, quote

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.concurrency import run_in_threadpool

from .. import auth, users
from ..db import HQDatabase
from ..users import UserInfo
from . import i18n

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
MAX_FORM_FIELDS = 50

_P = ParamSpec("_P")
_T = TypeVar("_T")

# Pages are HTML from HQ alone: no script, no inline style, no other origin, no framing.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'none'; style-src 'self'; "
                               "img-src 'self' data:; font-src 'self'; form-action 'self'; "
                               "frame-ancestors 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}


class PageError(Exception):
    """An error shown as an HTML page: status, and a message key of i18n.WORDS or plain text."""

    def __init__(self, status: int, message: str | None = None):
        self.status, self.message = status, message
        super().__init__(message or str(status))


class SignInNeeded(Exception):
    """Not signed in (or the session ended): go to the sign-in page, then come back."""


def _fmt_time(value: dt.datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else ""


class Pages:
    """The pages' shared state: the database, sessions, the sign-in limiter, templates."""

    def __init__(self, db: HQDatabase, sessions: auth.Sessions | None = None):
        self.db = db
        self.sessions = sessions or auth.Sessions()
        self.limiter = auth.SignInLimiter()
        self.env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(),
                               trim_blocks=True, lstrip_blocks=True)
        self.env.filters["time"] = _fmt_time

    # --- who is asking ---------------------------------------------------------------------

    def session(self, request: Request) -> auth.Session | None:
        return self.sessions.load(request.cookies.get(auth.COOKIE))

    def user(self, request: Request) -> UserInfo | None:
        """The signed-in user: a valid, unexpired cookie of an enabled user whose session
        version is still current (disabling or a new password ends older sessions)."""
        s = self.session(request)
        if s is None or s.user_id is None:
            return None
        user = users.get_user(self.db, s.user_id)
        if user is None or user.disabled or user.session_version != s.version:
            return None
        return user

    def require(self, request: Request, role: str | None = None) -> UserInfo:
        user = self.user(request)
        if user is None:
            raise SignInNeeded()
        if role == "reviewer" and not user.can_decide:
            raise PageError(403, "err_403")
        if role == "admin" and not user.is_admin:
            raise PageError(403, "err_403")
        return user

    async def form(self, request: Request) -> dict[str, str]:
        """A urlencoded form whose CSRF token matches the session's; else a 403 page."""
        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        body = await request.body() if ctype == "application/x-www-form-urlencoded" else b""
        try:
            parsed = parse_qs(body.decode("utf-8"), keep_blank_values=True,
                              max_num_fields=MAX_FORM_FIELDS)
        except (UnicodeDecodeError, ValueError):
            raise PageError(400, "err_other") from None
        fields = {k: v[0] for k, v in parsed.items()}
        if not auth.csrf_ok(self.session(request), fields.get("csrf")):
            raise PageError(403, "err_csrf")
        return fields

    async def in_thread(self, fn: Callable[_P, _T], *args: _P.args, **kwargs: _P.kwargs) -> _T:
        return await run_in_threadpool(fn, *args, **kwargs)

    # --- answering --------------------------------------------------------------------------

    def lang(self, request: Request) -> str:
        chosen = request.cookies.get(auth.LANG_COOKIE)
        if chosen in i18n.LANGS:
            return chosen
        accept = request.headers.get("accept-language", "").lower()
        return "km" if accept.startswith("km") else "en"

    def render(self, request: Request, template: str, user: UserInfo | None = None,
               status: int = 200, **ctx: Any) -> HTMLResponse:
        lang = self.lang(request)
        session = self.session(request)
        fresh = None
        if session is None:  # every visitor gets a CSRF token, the sign-in form included
            fresh = session = self.sessions.new()
        html = self.env.get_template(template).render(
            user=user, lang=lang, csrf=session.csrf, path=request.url.path,
            here=quote(request.url.path + (f"?{request.url.query}" if request.url.query else ""),
                       safe="/"),
            t=lambda key, **kw: i18n.word(key, lang, **kw),
            label=lambda code: i18n.label(code, lang),
            field_name=lambda key: i18n.field_name(key, lang), **ctx)
        response = HTMLResponse(html, status_code=status, headers=SECURITY_HEADERS)
        if fresh is not None:
            self.set_cookie(response, fresh)
        return response

    def set_cookie(self, response: Response, session: auth.Session) -> None:
        response.set_cookie(auth.COOKIE, self.sessions.dump(session),
                            max_age=self.sessions.max_age, httponly=True, samesite="lax",
                            secure=auth.secure_cookies(), path="/")

    def redirect(self, url: str) -> RedirectResponse:
        return RedirectResponse(url, status_code=303, headers=SECURITY_HEADERS)


def local_path(target: str | None, default: str = "/reports") -> str:
    """Where to go after signing in: only a path on this HQ (never another site)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return default
    return target
