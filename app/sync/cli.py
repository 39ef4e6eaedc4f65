"""`safeland enroll` and `safeland sync`, registered into app/cli.py's parser.

Exit status (DESIGN.md): 0 the outbox is empty (everything HQ has is applied), 1 records refused
or HQ refused this laptop, 2 not enrolled / usage, 3 HQ unreachable or failing (nothing lost,
try again). An interrupted run (local database busy or full, or cancelled) exits 1.
"""
from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

EXIT_CODES = {"ok": 0, "refused": 1, "auth": 1, "interrupted": 1, "not_enrolled": 2,
              "offline": 3, "server": 3}


def cmd_enroll(args: argparse.Namespace, db_path: Path) -> int:
    from app.cli import EXIT_OK, EXIT_REFUSED, EXIT_UNREACHABLE
    from app.db import open_database

    from . import errors
    from .api import enroll

    db = open_database(db_path)
    try:
        got = enroll(db, args.hq, args.code)
    except errors.SyncError as exc:
        print(exc.message, file=sys.stderr)
        return EXIT_UNREACHABLE if exc.kind in (errors.OFFLINE, errors.SERVER) else EXIT_REFUSED
    finally:
        db.close()
    print(f"Enrolled with {args.hq} as {got.name} ({got.operator}/{got.unit}); "
          f"device id {got.device_id}.")
    return EXIT_OK


def cmd_sync(args: argparse.Namespace, db_path: Path) -> int:
    from app.db import open_database
    from app.domain.queries import decided_reports

    from .api import run_sync

    db = open_database(db_path)
    try:
        outcome = run_sync(db)
        decided = decided_reports(db, list(outcome.decided)) if outcome.decided else []
    finally:
        db.close()
    for warning in outcome.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    message = outcome.message
    if outcome.kind == "interrupted":
        from app.diskerrors import plain_disk_message

        # "busy or full" made precise: a full disk, a read-only file or folder, and what to do.
        message = plain_disk_message(outcome.detail, db_path) or message
    print(message, file=sys.stdout if outcome.ok else sys.stderr)
    for rep in decided:  # what HQ decided in this run, returned and rejected ones with why
        reason = f": {rep.reason}" if rep.reason else ""
        print(f"  {rep.status} by {rep.by or 'HQ'}: report {rep.report_id} ({rep.date:%d/%m/%Y}, "
              f"{rep.site_reference}, revision {rep.revision}){reason}")
    if outcome.kind == "ok" and not outcome.ok:
        return 1  # finished, yet reports signed meanwhile are still waiting
    return EXIT_CODES.get(outcome.kind, 1)


def register(sub: argparse._SubParsersAction, commands: dict[str, Callable]) -> None:
    sp = sub.add_parser("enroll", help="enrol this laptop with HQ using a one-time code")
    sp.add_argument("--hq", required=True, metavar="URL", help="HQ's address, e.g. https://hq.example.org")
    sp.add_argument("--code", required=True, help="the one-time enrollment code from HQ")
    sub.add_parser("sync", help="send signed reports to HQ, then fetch the unit's sites and "
                   "HQ's decisions on the reports")
    commands["enroll"] = cmd_enroll
    commands["sync"] = cmd_sync
