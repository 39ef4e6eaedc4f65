"""Signing in and out, and the language switch."""
from __future__ import annotations

import logging
import math

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from .. import auth, users
from .common import Pages, local_path

log = logging.getLogger("safeland.hq.pages")


def router(pages: Pages) -> APIRouter:
    r = APIRouter(include_in_schema=False)

    @r.get("/")
    def home(request: Request) -> RedirectResponse:
        return pages.redirect("/reports" if pages.user(request) else "/signin")

    @r.get("/signin")
    def signin_form(request: Request, next: str | None = None) -> Response:
        if pages.user(request) is not None:
            return pages.redirect(local_path(next))
        return pages.render(request, "signin.html", next=local_path(next))

    @r.post("/signin")
    async def signin(request: Request) -> Response:
        fields = await pages.form(request)
        username = fields.get("username", "")[:200]
        password = fields.get("password", "")
        target = local_path(fields.get("next"))
        address = request.client.host if request.client else "unknown"
        wait = pages.limiter.wait(username, address)
        if wait > 0:
            log.warning("sign-in refused: too many failures (from %s)", address)
            return pages.render(request, "signin.html", status=429, next=target,
                                error_key="too_many", minutes=max(1, math.ceil(wait / 60)))
        user = await pages.in_thread(users.verify, pages.db, username, password)
        if user is None:
            pages.limiter.failed(username, address)
            log.info("failed sign-in from %s", address)  # never the name typed: it may be a password
            return pages.render(request, "signin.html", status=401, next=target,
                                error_key="bad_sign_in", username=username)
        pages.limiter.succeeded(username)
        log.info("user %s signed in from %s", user.username, address)
        response = pages.redirect(target)
        pages.set_cookie(response, pages.sessions.new(user.id, user.session_version))
        return response

    @r.post("/signout")
    async def signout(request: Request) -> RedirectResponse:
        await pages.form(request)
        response = pages.redirect("/signin")
        response.delete_cookie(auth.COOKIE, path="/")
        return response

    @r.get("/lang/{code}")
    def set_language(request: Request, code: str, next: str | None = None) -> RedirectResponse:
        response = pages.redirect(local_path(next))
        if code in ("en", "km"):
            response.set_cookie(auth.LANG_COOKIE, code, max_age=365 * 86400, samesite="lax",
                                secure=auth.secure_cookies(), path="/")
        return response

    return r
