"""The audit trail: one row per review decision and per change of a user or a device (who,
when, what). Written in the caller's transaction, so an action and its audit row commit or
roll back together."""
from __future__ import annotations

import getpass
from typing import Any

from sqlalchemy.orm import Session

from .db import HQDatabase
from .models import AuditEvent, utcnow


def cli_actor(username: str | None = None) -> str:
    """How the command line is named in the trail: the HQ user it acts for, else the OS user."""
    if username:
        return username
    try:
        return f"cli:{getpass.getuser()}"[:100]
    except Exception:  # noqa: BLE001 - no login name (a container): still say it was the CLI
        return "cli"


def record(s: Session, actor: str, action: str, target: str,
           detail: dict[str, Any] | None = None) -> None:
    s.add(AuditEvent(at=utcnow(), actor=actor[:100], action=action[:40], target=str(target)[:100],
                     detail=detail))


def record_now(db: HQDatabase, actor: str, action: str, target: str,
               detail: dict[str, Any] | None = None) -> None:
    """An audit row in its own transaction, for changes made by code that commits on its own
    (hq/devices.py)."""
    with db.session(write=True) as s:
        record(s, actor, action, target, detail)
