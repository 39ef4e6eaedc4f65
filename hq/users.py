"""HQ's officers: adding, disabling, resetting a password, checking one at sign-in.

Passwords are stored as Argon2id hashes (argon2-cffi, its default RFC 9106 parameters) and
nothing else. A check against an unknown username still costs one Argon2 verification, so
the time taken does not tell which half of a sign-in was wrong. Every change is an audit row
(hq/audit.py) in the same transaction.
"""
from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from . import audit
from .db import HQDatabase
from .models import User, utcnow

log = logging.getLogger("safeland.hq.users")

ROLES = ("viewer", "reviewer", "admin")
MIN_PASSWORD = 10
MAX_PASSWORD = 1024  # Argon2 takes any length; a megabyte "password" is only a way to burn CPU
USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")

_hasher = PasswordHasher()
# Verified when the username is unknown, so both failures take the same time.
_DUMMY_HASH = _hasher.hash("not a password anyone has")


class UserRefused(Exception):
    """A user change HQ will not make; the message is for the officer."""


@dataclass(frozen=True)
class UserInfo:
    """A plain copy of a user row (no hash), safe to hand across threads and to templates."""

    id: int
    username: str
    role: str
    unit: str | None
    session_version: int
    created_at: dt.datetime
    disabled: bool

    @property
    def can_decide(self) -> bool:
        return self.role in ("reviewer", "admin")

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    def sees_unit(self, unit: str | None) -> bool:
        """A user limited to a unit sees only that unit's reports and devices."""
        return self.unit is None or unit == self.unit


def _info(u: User) -> UserInfo:
    return UserInfo(u.id, u.username, u.role, u.unit, u.session_version, u.created_at,
                    u.disabled_at is not None)


def normalise_username(username: str) -> str:
    return username.strip().lower()


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise UserRefused(f"the password must have at least {MIN_PASSWORD} characters")
    if len(password) > MAX_PASSWORD:
        raise UserRefused(f"the password must have at most {MAX_PASSWORD} characters")


def _find(s: Session, username: str) -> User | None:
    return s.scalar(select(User).where(User.username == normalise_username(username)))


def add_user(db: HQDatabase, username: str, role: str, password: str, unit: str | None = None,
             actor: str = "cli") -> UserInfo:
    name = normalise_username(username)
    if not USERNAME.match(name):
        raise UserRefused("a username is 2 to 64 letters, digits, dots, dashes or underscores, "
                          "starting with a letter or digit")
    if role not in ROLES:
        raise UserRefused(f"the role must be one of {', '.join(ROLES)}")
    unit = (unit or "").strip() or None
    check_password(password)
    hashed = _hasher.hash(password)
    with db.session(write=True) as s:
        if _find(s, name) is not None:
            raise UserRefused(f"there is already a user {name}")
        user = User(username=name, password_hash=hashed, role=role, unit=unit, session_version=1,
                    created_at=utcnow())
        s.add(user)
        s.flush()
        audit.record(s, actor, "user.add", name, {"role": role, "unit": unit})
        info = _info(user)
    log.info("user %s added (%s%s) by %s", name, role, f", unit {unit}" if unit else "", actor)
    return info


def disable_user(db: HQDatabase, username: str, actor: str = "cli") -> UserInfo:
    """Disable a user: signing in is refused and every open session of theirs ends."""
    with db.session(write=True) as s:
        user = _find(s, username)
        if user is None:
            raise UserRefused(f"no user {normalise_username(username)}")
        if user.disabled_at is None:
            user.disabled_at = utcnow()
            user.session_version += 1
            audit.record(s, actor, "user.disable", user.username)
        info = _info(user)
    log.info("user %s disabled by %s", info.username, actor)
    return info


def reset_password(db: HQDatabase, username: str, password: str, actor: str = "cli") -> UserInfo:
    """Set a new password; every session signed in with the old one ends. A disabled user stays
    disabled."""
    check_password(password)
    hashed = _hasher.hash(password)
    with db.session(write=True) as s:
        user = _find(s, username)
        if user is None:
            raise UserRefused(f"no user {normalise_username(username)}")
        user.password_hash = hashed
        user.session_version += 1
        audit.record(s, actor, "user.reset_password", user.username)
        info = _info(user)
    log.info("password of user %s reset by %s", info.username, actor)
    return info


def verify(db: HQDatabase, username: str, password: str) -> UserInfo | None:
    """The enabled user with this username and password, else None (whichever half was wrong:
    the same work is done either way). Re-hashes a password stored with older parameters."""
    password = password[:MAX_PASSWORD]
    with db.session() as s:
        user = _find(s, username) if len(username) <= 64 else None
        stored = user.password_hash if user is not None else _DUMMY_HASH
        try:
            _hasher.verify(stored, password)
            ok = user is not None
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            ok = False
        if not ok or user is None or user.disabled_at is not None:
            return None
        info = _info(user)
        stale = _hasher.check_needs_rehash(stored)
    if stale:
        with db.session(write=True) as s:
            row = s.get(User, info.id)
            if row is not None and row.password_hash == stored:
                row.password_hash = _hasher.hash(password)
    return info


def get_user(db: HQDatabase, user_id: int) -> UserInfo | None:
    with db.session() as s:
        user = s.get(User, user_id)
        return _info(user) if user is not None else None


def find_user(db: HQDatabase, username: str) -> UserInfo | None:
    with db.session() as s:
        user = _find(s, username)
        return _info(user) if user is not None else None


def list_users(db: HQDatabase) -> list[UserInfo]:
    with db.session() as s:
        return [_info(u) for u in s.scalars(select(User).order_by(User.username))]


def count_users(db: HQDatabase) -> int:
    with db.session() as s:
        return int(s.scalar(select(func.count()).select_from(User)) or 0)
