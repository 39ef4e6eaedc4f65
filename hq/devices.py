"""Devices: registering one (a one-time enrollment code), enrolling (code -> id + token),
authenticating a request, revoking. Codes and tokens are stored as sha256 only; the plain values
exist once, in the answer that hands them out, and are never logged."""
from __future__ import annotations

import datetime as dt
import hashlib
import logging
import math
import secrets
import uuid
from dataclasses import dataclass

from sqlalchemy import select, update

from safeland_core.jsonfile import printable, text_problem
from safeland_core.protocol import MAX_NAME

from .db import HQDatabase
from .models import Device, utcnow

log = logging.getLogger("safeland.hq.devices")

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud over a phone
CODE_LENGTH = 12  # 60 bits: enough for a code that lives a few days and is tried at most a few times
MAX_TOKEN = 200  # longer than any token HQ hands out (token_urlsafe(32): 43 characters)
DEFAULT_CODE_HOURS = 72
MAX_CODE_HOURS = 720  # 30 days: a code that lives longer is a password written on a note


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def normalise_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


class EnrollmentRefused(Exception):
    def __init__(self, code: str, message: str):
        self.code, self.message = code, message
        super().__init__(message)


@dataclass(frozen=True)
class DeviceInfo:
    """A plain copy of a device row, safe to hand across threads."""

    id: str
    name: str
    operator: str
    unit: str
    enrolled: bool
    revoked: bool

    @property
    def label(self) -> str:
        """How logs name a device: its id prefix and name (never its token)."""
        return f"device {self.id[:8]} ({self.name}, {self.operator}/{self.unit})"


def _info(d: Device) -> DeviceInfo:
    return DeviceInfo(d.id, d.name, d.operator, d.unit, d.enrolled_at is not None,
                      d.revoked_at is not None)


def add_device(db: HQDatabase, operator: str, unit: str, name: str,
               hours: float = DEFAULT_CODE_HOURS) -> tuple[DeviceInfo, str, dt.datetime]:
    """Register a device; returns it, its one-time code (shown once) and when the code expires."""
    operator, unit, name = operator.strip(), unit.strip(), name.strip()
    if not operator or not unit or not name:
        raise ValueError("operator, unit and name are all required")
    for label, value in (("operator", operator), ("unit", unit), ("name", name)):
        if len(value) > MAX_NAME:
            raise ValueError(f"the {label} is {len(value)} characters long; at most {MAX_NAME}")
        if problem := text_problem(value):
            raise ValueError(f"the {label} {problem}: {printable(value[:60])!r}")
    if not isinstance(hours, (int, float)) or not math.isfinite(hours) or not 0 < hours <= MAX_CODE_HOURS:
        raise ValueError(f"--expires-hours must be a number of hours above 0 and at most "
                         f"{MAX_CODE_HOURS} (30 days); got {hours!r}")
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    code = "-".join(raw[i:i + 4] for i in range(0, CODE_LENGTH, 4))
    expires = utcnow() + dt.timedelta(hours=hours)
    with db.session(write=True) as s:
        dev = Device(id=str(uuid.uuid4()), name=name, operator=operator, unit=unit,
                     code_hash=sha256(normalise_code(code)), code_expires_at=expires,
                     created_at=utcnow(), last_seq=0)
        s.add(dev)
        s.flush()
        info = _info(dev)
    log.info("%s registered; enrollment code expires %s", info.label, expires.isoformat())
    return info, code, expires


def enroll(db: HQDatabase, code: str) -> tuple[DeviceInfo, str]:
    """Exchange a one-time code for the device's token. Single use: a compare-and-set clears the
    code in the same statement that checks it, so two devices racing with one code cannot both win."""
    code_hash = sha256(normalise_code(code))
    token = secrets.token_urlsafe(32)
    now = utcnow()
    with db.session(write=True) as s:
        dev = s.scalar(select(Device).where(Device.code_hash == code_hash))
        if dev is None:
            raise EnrollmentRefused("enrollment_code_invalid",
                                    "This enrollment code is unknown or has already been used.")
        if dev.revoked_at is not None:
            raise EnrollmentRefused("device_revoked", "This device has been revoked at HQ.")
        if dev.code_expires_at is None or dev.code_expires_at < now:
            raise EnrollmentRefused("enrollment_code_expired",
                                    "This enrollment code has expired; ask HQ for a new one.")
        done = s.execute(update(Device).where(Device.id == dev.id, Device.code_hash == code_hash)
                         .values(code_hash=None, code_expires_at=None, token_hash=sha256(token),
                                 enrolled_at=now)
                         .execution_options(synchronize_session=False))
        if done.rowcount != 1:  # type: ignore[attr-defined]  # an UPDATE gives a CursorResult; the stubs say Result
            raise EnrollmentRefused("enrollment_code_invalid",
                                    "This enrollment code is unknown or has already been used.")
        info = DeviceInfo(dev.id, dev.name, dev.operator, dev.unit, True, False)
    log.info("%s enrolled", info.label)
    return info, token


def authenticate(db: HQDatabase, token: str | None) -> DeviceInfo | None:
    """The enrolled, unrevoked device holding this token, or None."""
    if not token or len(token) > MAX_TOKEN:
        return None
    # The columns DeviceInfo needs, read by Core: this runs before every request a device
    # makes, and loading an ORM object cost more than the query itself.
    with db.session() as s:
        row = s.connection().execute(
            select(Device.id, Device.name, Device.operator, Device.unit, Device.enrolled_at,
                   Device.revoked_at).where(Device.token_hash == sha256(token))).first()
    if row is None or row.revoked_at is not None:
        return None
    return DeviceInfo(row.id, row.name, row.operator, row.unit, row.enrolled_at is not None,
                      False)


def revoke(db: HQDatabase, device_id: str) -> DeviceInfo | None:
    with db.session(write=True) as s:
        dev = s.get(Device, device_id)
        if dev is None:
            return None
        dev.revoked_at = dev.revoked_at or utcnow()
        dev.code_hash = None
        info = _info(dev)
    log.info("%s revoked", info.label)
    return info


def list_devices(db: HQDatabase) -> list[DeviceInfo]:
    with db.session() as s:
        return [_info(d) for d in s.scalars(select(Device).order_by(Device.created_at))]
