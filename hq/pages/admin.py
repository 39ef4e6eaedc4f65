"""Admin pages: devices (register a laptop and show its one-time code once, revoke, last seen)
and users. An admin limited to a unit sees and changes only that unit's devices and users."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import func, select

from .. import audit, devices, users
from ..models import Batch, Device
from ..users import UserInfo
from .common import PageError, Pages


@dataclass(frozen=True)
class DeviceRow:
    id: str
    name: str
    operator: str
    unit: str
    created_at: dt.datetime
    enrolled_at: dt.datetime | None
    revoked_at: dt.datetime | None
    last_seen: dt.datetime | None  # HQ's time of the device's last batch


def device_rows(pages: Pages, user: UserInfo) -> list[DeviceRow]:
    with pages.db.session() as s:
        seen = dict(s.execute(select(Batch.device_id, func.max(Batch.received_at))
                              .group_by(Batch.device_id)).all())
        q = select(Device).order_by(Device.operator, Device.unit, Device.created_at)
        if user.unit is not None:
            q = q.where(Device.unit == user.unit)
        return [DeviceRow(d.id, d.name, d.operator, d.unit, d.created_at, d.enrolled_at,
                          d.revoked_at, seen.get(d.id)) for d in s.scalars(q)]


def _device_unit(pages: Pages, device_id: str) -> str | None:
    with pages.db.session() as s:
        return s.scalar(select(Device.unit).where(Device.id == device_id))


def router(pages: Pages) -> APIRouter:
    r = APIRouter(include_in_schema=False)

    def devices_page(request: Request, user: UserInfo, status: int = 200, **ctx: Any) -> HTMLResponse:
        return pages.render(request, "devices.html", user=user, status=status,
                            rows=device_rows(pages, user),
                            hq_url=str(request.base_url).rstrip("/"), **ctx)

    @r.get("/devices")
    def devices_list(request: Request) -> HTMLResponse:
        return devices_page(request, pages.require(request, "admin"))

    @r.post("/devices")
    async def device_add(request: Request) -> HTMLResponse:
        fields = await pages.form(request)
        user = await pages.in_thread(pages.require, request, "admin")
        unit = user.unit or fields.get("unit", "").strip()

        def add() -> HTMLResponse:
            try:
                info, code, expires = devices.add_device(pages.db, fields.get("operator", "")[:200],
                                                         unit[:200], fields.get("name", "")[:200])
            except ValueError as exc:
                raise PageError(422, str(exc)) from None
            audit.record_now(pages.db, user.username, "device.add", info.id,
                             {"name": info.name, "operator": info.operator, "unit": info.unit})
            # The code is in this answer only (no redirect: it never lands in a URL or history).
            return devices_page(request, user, new_device=info, code=code, expires=expires)

        return await pages.in_thread(add)

    @r.post("/devices/{device_id}/revoke")
    async def device_revoke(request: Request, device_id: str) -> RedirectResponse:
        await pages.form(request)
        user = await pages.in_thread(pages.require, request, "admin")

        def revoke() -> RedirectResponse:
            unit = _device_unit(pages, device_id[:36])
            if unit is None or not user.sees_unit(unit):
                raise PageError(404, "err_404")
            info = devices.revoke(pages.db, device_id[:36])
            if info is not None:
                audit.record_now(pages.db, user.username, "device.revoke", info.id,
                                 {"name": info.name, "operator": info.operator, "unit": info.unit})
            return pages.redirect("/devices")

        return await pages.in_thread(revoke)

    def users_page(request: Request, user: UserInfo, status: int = 200, **ctx: Any) -> HTMLResponse:
        rows = [u for u in users.list_users(pages.db) if user.unit is None or u.unit == user.unit]
        return pages.render(request, "users.html", user=user, status=status, rows=rows,
                            roles=users.ROLES, **ctx)

    @r.get("/users")
    def users_list(request: Request) -> HTMLResponse:
        return users_page(request, pages.require(request, "admin"))

    def _target(user: UserInfo, username: str) -> UserInfo:
        found = users.find_user(pages.db, username[:64])
        if found is None or (user.unit is not None and found.unit != user.unit):
            raise PageError(404, "err_404")
        return found

    @r.post("/users")
    async def user_add(request: Request) -> Response:
        fields = await pages.form(request)
        admin = await pages.in_thread(pages.require, request, "admin")

        def add() -> Response:
            try:
                users.add_user(pages.db, fields.get("username", ""), fields.get("role", ""),
                               fields.get("password", ""), admin.unit or fields.get("unit"),
                               actor=admin.username)
            except users.UserRefused as exc:
                return users_page(request, admin, status=422, error=str(exc))
            return pages.redirect("/users")

        return await pages.in_thread(add)

    @r.post("/users/{username}/disable")
    async def user_disable(request: Request, username: str) -> RedirectResponse:
        await pages.form(request)
        admin = await pages.in_thread(pages.require, request, "admin")

        def disable() -> RedirectResponse:
            users.disable_user(pages.db, _target(admin, username).username, actor=admin.username)
            return pages.redirect("/users")

        return await pages.in_thread(disable)

    @r.post("/users/{username}/password")
    async def user_password(request: Request, username: str) -> Response:
        fields = await pages.form(request)
        admin = await pages.in_thread(pages.require, request, "admin")

        def reset() -> Response:
            try:
                users.reset_password(pages.db, _target(admin, username).username,
                                     fields.get("password", ""), actor=admin.username)
            except users.UserRefused as exc:
                return users_page(request, admin, status=422, error=str(exc))
            return pages.redirect("/users")

        return await pages.in_thread(reset)

    return r
