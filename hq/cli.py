"""The `safeland-hq` command (DESIGN.md, "Public surface").

    safeland-hq [--database-url URL] serve [--host H] [--port P] [--workers N]
    safeland-hq [--database-url URL] import FILE
    safeland-hq [--database-url URL] export -o FILE [--format json|csv|xlsx|geojson|gpkg]
                [--status S] [--unit U] [--province CODE] [--from DATE] [--to DATE]
    safeland-hq [--database-url URL] totals [--by province|unit|year|month|activity]... [--json]
    safeland-hq [--database-url URL] device add --operator O --unit U --name N [--json]
    safeland-hq [--database-url URL] device list [--json] | device revoke DEVICE_ID
    safeland-hq [--database-url URL] user add --username U --role R [--unit U] --password-stdin
    safeland-hq [--database-url URL] user disable U | user reset-password U --password-stdin
    safeland-hq [--database-url URL] review REPORT_ID (--accept | --return R | --reject R) --by U
    safeland-hq [--database-url URL] site confirm SITE_ID [--reference REF] [--accept-overlap] --by U
    safeland-hq [--database-url URL] site return SITE_ID --reason TEXT --by U

Exit status: 0 success, 1 refused input, 2 usage. The database URL may come from
SAFELAND_HQ_DATABASE_URL; the default is an SQLite file in the user's data directory.
No input shows a traceback: a plain message and exit 1 (the traceback with --debug).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import sys
from typing import TYPE_CHECKING, Any

from safeland_core.protocol import safe_text

from .db import HQDatabase, HQDatabaseError, open_hq

if TYPE_CHECKING:  # imported where used: each command loads only what it needs
    from .devices import DeviceInfo

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2

log = logging.getLogger("safeland.hq")


def _setup_logging(level: str = "INFO") -> None:
    logging.basicConfig(level=level, stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("alembic").setLevel(logging.WARNING)


def cmd_serve(args: argparse.Namespace) -> int:
    import os

    import uvicorn

    from .api import create_app
    from .db import ENV_URL, default_url

    workers = args.workers
    if workers < 1:
        print("--workers must be 1 or more", file=sys.stderr)
        return EXIT_USAGE
    db = open_hq(args.database_url)  # migrates once, here, before any worker starts
    log.info("safeland-hq serving on http://%s:%d (%s database, %d worker%s)", args.host,
             args.port, db.backend, workers, "s" if workers > 1 else "")
    if workers > 1 and db.is_sqlite:
        db.close()
        print("--workers above 1 needs PostgreSQL: an SQLite file takes one writer at a time, so "
              "more processes would only queue on its lock (docs/hq.md, Production).",
              file=sys.stderr)
        return EXIT_USAGE
    try:
        if workers == 1:
            uvicorn.run(create_app(db), host=args.host, port=args.port, log_config=None,
                        access_log=args.access_log, timeout_graceful_shutdown=10)
        else:
            # Several uvicorn worker processes on one listening socket, supervised by uvicorn
            # (a worker that dies is started again). Each opens the database itself, from the
            # URL in the environment, without migrating (done above).
            db.close()
            os.environ[ENV_URL] = args.database_url or default_url()
            # The health check waits 30 s, not uvicorn's 5: a worker importing HQ on a busy
            # machine can take longer than 5 s to answer, and would be killed and restarted
            # in a loop.
            uvicorn.run("hq.api:app_from_environment", factory=True, workers=workers,
                        host=args.host, port=args.port, log_config=None,
                        access_log=args.access_log, timeout_graceful_shutdown=10,
                        timeout_worker_healthcheck=30)
    finally:
        db.close()
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from safeland_core.jsonfile import UnreadableFile, read_json

    from .sites import ImportRefused, import_document

    try:
        data = read_json(args.file)  # nesting and number size bounded; text by the rules
    except UnreadableFile as exc:
        print(exc, file=sys.stderr)
        return EXIT_REFUSED
    db = open_hq(args.database_url)
    try:
        summary = import_document(db, data)
    except ImportRefused as exc:
        for issue in exc.issues[:50]:
            print(str(issue), file=sys.stderr)
        print("Nothing was written.", file=sys.stderr)
        return EXIT_REFUSED
    finally:
        db.close()
    for w in summary.warnings[:50]:
        print(f"warning: {w}", file=sys.stderr)
    print(f"Imported {args.file}: {summary.sites_created} sites created, {summary.sites_updated} "
          f"updated; {summary.reports_created} reports created; {summary.unchanged} unchanged.")
    return EXIT_OK


def _date_arg(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None


def cmd_export(args: argparse.Namespace) -> int:
    from .exports import ExportFilter, export, write_json

    try:
        f = ExportFilter(status=args.status, unit=args.unit, province=args.province,
                         date_from=args.date_from, date_to=args.date_to,
                         contamination=args.contamination)
    except ValueError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_USAGE
    db = open_hq(args.database_url)
    try:
        if args.output == "-":
            if args.format != "json":
                print("only --format json goes to standard output; give -o FILE", file=sys.stderr)
                return EXIT_USAGE
            write_json(db, sys.stdout, f)
            return EXIT_OK
        summary = export(db, args.output, args.format, f)
    finally:
        db.close()
    what = ", ".join(f"{n} {t}" for t, n in summary.counts.items())
    print(f"Exported {what} to {args.output} ({args.format}).", file=sys.stderr)
    return EXIT_OK


def cmd_totals(args: argparse.Namespace) -> int:
    from .totals import TotalsFilter, compute

    try:
        f = TotalsFilter(state=args.status, date_from=args.date_from, date_to=args.date_to,
                         unit=args.unit, province=args.province, contamination=args.contamination)
    except ValueError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_USAGE
    db = open_hq(args.database_url)
    try:
        t = compute(db, f, args.by or ())
    finally:
        db.close()
    if args.json:
        print(json.dumps(t.as_json(), ensure_ascii=False))
        return EXIT_OK
    head = [*t.by, "reports", "days", "cancelled m²", "reduced m²", "cleared m²", "released ha",
            "cluster m²", "found", "destroyed", "to review"]
    lines = [head]
    for r in t.rows:
        lines.append([*r.key, *_figure_cells(r.counted), str(r.received.reports)])
    lines.append(["total"] + [""] * max(0, len(t.by) - 1) + _figure_cells(t.total)
                 + [str(t.received.reports)])
    widths = [max(len(line[n]) for line in lines) for n in range(len(head))]
    for line in lines:
        print("  ".join(c.rjust(w) if n >= len(t.by) else c.ljust(w)
                        for n, (c, w) in enumerate(zip(line, widths))))
    print(f"{f.state} reports, each at the revision that counts; still to review: "
          f"{t.received.reports} reports, {t.received.released_m2:,.0f} m².")
    return EXIT_OK


def _figure_cells(x: Any) -> list[str]:
    return [str(x.reports), str(x.days_worked), f"{x.cancelled_m2:,.0f}", f"{x.reduced_m2:,.0f}",
            f"{x.cleared_m2:,.0f}", f"{x.released_m2 / 10_000:,.2f}", f"{x.cluster_m2:,.0f}",
            str(x.devices_found), str(x.devices_destroyed)]


def _audit_device(db: HQDatabase, action: str, info: DeviceInfo) -> None:
    from .audit import cli_actor, record_now

    record_now(db, cli_actor(), action, info.id,
               {"name": info.name, "operator": info.operator, "unit": info.unit})


def cmd_device(args: argparse.Namespace) -> int:
    from . import devices

    db = open_hq(args.database_url)
    try:
        if args.device_command == "add":
            try:
                info, code, expires = devices.add_device(db, args.operator, args.unit, args.name,
                                                         hours=args.expires_hours)
            except ValueError as exc:
                print(str(exc), file=sys.stderr)
                return EXIT_USAGE
            _audit_device(db, "device.add", info)
            if args.json:
                print(json.dumps({"code": code, "device_id": info.id, "name": info.name,
                                  "operator": info.operator, "unit": info.unit,
                                  "expires_at": expires.isoformat() + "Z"}))
            else:
                print(f"Device {info.name} ({info.operator}/{info.unit}) registered as {info.id}.")
                print(f"Enrollment code: {code}  (single use, expires {expires:%Y-%m-%d %H:%M} UTC)")
                print(f"On the laptop: safeland enroll --hq URL --code {code}")
            return EXIT_OK
        if args.device_command == "revoke":
            revoked = devices.revoke(db, args.device_id)
            if revoked is None:
                print(f"no device {args.device_id}", file=sys.stderr)
                return EXIT_REFUSED
            _audit_device(db, "device.revoke", revoked)
            print(f"Device {revoked.name} ({revoked.id}) revoked: its token no longer works.")
            return EXIT_OK
        rows = devices.list_devices(db)
        if args.json:
            print(json.dumps([{"device_id": d.id, "name": d.name, "operator": d.operator,
                               "unit": d.unit, "enrolled": d.enrolled, "revoked": d.revoked}
                              for d in rows]))
        else:
            for d in rows:
                state = "revoked" if d.revoked else ("enrolled" if d.enrolled else "waiting for enrollment")
                print(f"{d.id}  {d.operator}/{d.unit}  {d.name}  {state}")
        return EXIT_OK
    finally:
        db.close()


def _read_password() -> str | None:
    """The first line of standard input (--password-stdin): never an argument, which other
    users of the machine could read in the process list."""
    line = sys.stdin.readline()
    return line.rstrip("\r\n") or None


def cmd_user(args: argparse.Namespace) -> int:
    from . import users
    from .audit import cli_actor

    actor = cli_actor()
    password = ""  # read for add and reset-password only
    if args.user_command in ("add", "reset-password"):
        if not args.password_stdin:
            print("give the password on standard input with --password-stdin", file=sys.stderr)
            return EXIT_USAGE
        read = _read_password()
        if read is None:
            print("no password on standard input", file=sys.stderr)
            return EXIT_USAGE
        password = read
    db = open_hq(args.database_url)
    try:
        if args.user_command == "add":
            info = users.add_user(db, args.username, args.role, password, args.unit, actor=actor)
            print(f"User {info.username} added ({info.role}"
                  f"{', unit ' + info.unit if info.unit else ', every unit'}).")
        elif args.user_command == "disable":
            info = users.disable_user(db, args.username, actor=actor)
            print(f"User {info.username} disabled: signing in is refused, open sessions ended.")
        elif args.user_command == "reset-password":
            info = users.reset_password(db, args.username, password, actor=actor)
            print(f"Password of {info.username} reset; open sessions ended.")
        else:
            rows = users.list_users(db)
            if args.json:
                print(json.dumps([{"username": u.username, "role": u.role, "unit": u.unit,
                                   "disabled": u.disabled} for u in rows]))
            else:
                for u in rows:
                    print(f"{u.username}  {u.role}  {u.unit or '(every unit)'}"
                          f"{'  disabled' if u.disabled else ''}")
        return EXIT_OK
    except users.UserRefused as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_REFUSED
    finally:
        db.close()


def cmd_review(args: argparse.Namespace) -> int:
    from . import review, users

    if args.accept:
        decision, reason = "ACCEPTED", None
    elif args.return_reason is not None:
        decision, reason = "RETURNED", args.return_reason
    else:
        decision, reason = "REJECTED", args.reject_reason
    db = open_hq(args.database_url)
    try:
        user = users.find_user(db, args.by)
        if user is None or user.disabled:
            print(f"no enabled HQ user {args.by}", file=sys.stderr)
            return EXIT_REFUSED
        try:
            done = review.decide(db, args.report_id, decision, reason, user, args.revision)
        except review.ReviewRefused as exc:
            print(f"refused ({exc.code}): {exc.message}", file=sys.stderr)
            return EXIT_REFUSED
        print(f"Report {done.record_id} revision {done.revision}: {done.decision} by {done.by}.")
        return EXIT_OK
    finally:
        db.close()


def cmd_site(args: argparse.Namespace) -> int:
    """A reviewer's decision on a site found in the field (hq/proposals.py)."""
    from . import proposals, users

    db = open_hq(args.database_url)
    try:
        user = users.find_user(db, args.by)
        if user is None or user.disabled:
            print(f"no enabled HQ user {args.by}", file=sys.stderr)
            return EXIT_REFUSED
        try:
            if args.site_command == "confirm":
                done = proposals.confirm(db, args.site_id, args.reference, user,
                                         accept_overlap=args.accept_overlap)
            else:
                done = proposals.return_site(db, args.site_id, args.reason, user)
        except proposals.SiteRefused as exc:
            print(f"refused ({exc.code}): {exc.message}", file=sys.stderr)
            return EXIT_REFUSED
        for overlap in done.overlaps:
            print(f"warning: {overlap}", file=sys.stderr)
        if done.decision == proposals.CONFIRMED:
            kept = (f" (provisional reference {done.provisional_reference} kept)"
                    if done.provisional_reference and done.provisional_reference != done.reference
                    else "")
            print(f"Site {done.site_id} confirmed by {done.by} as {done.reference}{kept}; it goes "
                  "down to the unit's laptops at their next sync.")
        else:
            print(f"Site {done.site_id} ({done.reference}) returned by {done.by}; the laptop "
                  "that proposed it gets the reason at its next sync.")
        return EXIT_OK
    finally:
        db.close()


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="safeland-hq", description="Safeland headquarters service.")
    p.add_argument("--debug", action="store_true", help="show tracebacks")
    p.add_argument("--database-url", default=None,
                   help="postgresql://... or an SQLite file (default: $SAFELAND_HQ_DATABASE_URL, "
                        "else safeland-hq.db in the user data directory)")
    sub = p.add_subparsers(dest="command", required=True)
    sp = sub.add_parser("serve", help="run the HTTP service")
    sp.add_argument("--host", default="127.0.0.1")
    sp.add_argument("--port", type=int, default=8000)
    sp.add_argument("--access-log", action="store_true", help="log every request line")
    sp.add_argument("--workers", type=int, default=1,
                    help="worker processes (PostgreSQL only; about one per core, docs/hq.md)")
    sp = sub.add_parser("import", help="import sites (and reports) from a safeland/1 file")
    sp.add_argument("file")
    sp = sub.add_parser("export", help="export HQ's data: safeland/1 JSON, CSV, XLSX, GeoJSON, "
                                       "GeoPackage (docs/exports.md)")
    sp.add_argument("-o", "--output", required=True, help="file to write, or - for standard output")
    sp.add_argument("--format", default="json", choices=["json", "csv", "xlsx", "geojson", "gpkg"])
    sp.add_argument("--status", default=None, choices=["ACCEPTED", "RECEIVED", "RETURNED", "REJECTED"],
                    help="ACCEPTED: the reports that count, at the revision that counts; "
                         "others: reports whose newest revision is in that state")
    _add_filters(sp)
    sp = sub.add_parser("totals", help="national figures: land released, devices, days worked")
    sp.add_argument("--by", action="append", choices=["province", "unit", "year", "month", "activity"],
                    help="group by (repeatable, in this order of columns)")
    sp.add_argument("--status", default="ACCEPTED", choices=["ACCEPTED", "RECEIVED", "RETURNED"],
                    help="which reports count (default ACCEPTED; RECEIVED is shown apart anyway)")
    _add_filters(sp)
    sp.add_argument("--json", action="store_true")
    dp = sub.add_parser("device", help="register, list or revoke devices")
    dsub = dp.add_subparsers(dest="device_command", required=True)
    sp = dsub.add_parser("add", help="register a device and print its one-time enrollment code")
    sp.add_argument("--operator", required=True)
    sp.add_argument("--unit", required=True)
    sp.add_argument("--name", required=True)
    sp.add_argument("--expires-hours", type=float, default=72.0,
                    help="how long the code stays valid, in hours (above 0, at most 720)")
    sp.add_argument("--json", action="store_true")
    sp = dsub.add_parser("list", help="list devices")
    sp.add_argument("--json", action="store_true")
    sp = dsub.add_parser("revoke", help="revoke a device's token")
    sp.add_argument("device_id")
    up = sub.add_parser("user", help="add, disable or list the officers who sign in to HQ's pages")
    usub = up.add_subparsers(dest="user_command", required=True)
    sp = usub.add_parser("add", help="add a user (the password is read from standard input)")
    sp.add_argument("--username", required=True)
    sp.add_argument("--role", required=True, choices=["viewer", "reviewer", "admin"])
    sp.add_argument("--unit", default=None, help="limit the user to this unit's reports and devices")
    sp.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    sp = usub.add_parser("disable", help="disable a user (ends their sessions)")
    sp.add_argument("username")
    sp = usub.add_parser("reset-password", help="set a new password, read from standard input")
    sp.add_argument("username")
    sp.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    sp = usub.add_parser("list", help="list users")
    sp.add_argument("--json", action="store_true")
    rp = sub.add_parser("review", help="accept, return or reject a report's latest revision")
    rp.add_argument("report_id")
    how = rp.add_mutually_exclusive_group(required=True)
    how.add_argument("--accept", action="store_true")
    how.add_argument("--return", dest="return_reason", metavar="REASON",
                     help="send it back to the team: what to correct")
    how.add_argument("--reject", dest="reject_reason", metavar="REASON",
                     help="it does not count: why")
    rp.add_argument("--by", required=True, metavar="USERNAME", help="the reviewer deciding")
    rp.add_argument("--revision", type=int, default=None,
                    help="refuse (exit 1) unless this is still the report's latest revision")
    stp = sub.add_parser("site", help="confirm or return a site found in the field")
    ssub = stp.add_subparsers(dest="site_command", required=True)
    sp = ssub.add_parser("confirm", help="confirm a proposed site: it becomes HQ's")
    sp.add_argument("site_id")
    sp.add_argument("--reference", default=None, metavar="NATIONAL_REF",
                    help="the national reference (default: keep the provisional one)")
    sp.add_argument("--accept-overlap", action="store_true",
                    help="confirm even if its polygon overlaps another site's (else refused)")
    sp.add_argument("--by", required=True, metavar="USERNAME", help="the reviewer deciding")
    sp = ssub.add_parser("return", help="return a proposed site to its team with a reason")
    sp.add_argument("site_id")
    sp.add_argument("--reason", required=True, help="what the team should correct")
    sp.add_argument("--by", required=True, metavar="USERNAME", help="the reviewer deciding")
    return p


def _add_filters(sp: argparse.ArgumentParser) -> None:
    sp.add_argument("--unit", default=None)
    sp.add_argument("--province", default=None, metavar="CODE", help="the site's province code")
    sp.add_argument("--from", dest="date_from", type=_date_arg, default=None, metavar="DATE")
    sp.add_argument("--to", dest="date_to", type=_date_arg, default=None, metavar="DATE")
    sp.add_argument("--contamination", default=None, metavar="CODE",
                    help="sites that list this contamination (CLUSTER...), or NO_CLUSTER")


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    _setup_logging()
    handler = {"serve": cmd_serve, "import": cmd_import, "export": cmd_export,
               "device": cmd_device, "user": cmd_user, "review": cmd_review,
               "site": cmd_site, "totals": cmd_totals}[args.command]
    try:
        return handler(args)
    except HQDatabaseError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_REFUSED
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # no traceback for any input: a plain message, exit 1
        if args.debug:
            raise
        from sqlalchemy.exc import DataError

        first = safe_text(str(getattr(exc, "orig", None) or exc).splitlines()[0] if str(exc) else
                          type(exc).__name__, 300)
        if isinstance(exc, DataError):
            print(f"HQ's database refused a value: {first}. Nothing was written.", file=sys.stderr)
        else:
            print(f"Unexpected error ({type(exc).__name__}: {first}); nothing was written. Run "
                  "again with --debug for the details.", file=sys.stderr)
        log.debug("unexpected error in %s", args.command, exc_info=exc)
        return EXIT_REFUSED


if __name__ == "__main__":
    sys.exit(main())
