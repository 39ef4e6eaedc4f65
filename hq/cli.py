"""The `safeland-hq` command (DESIGN.md, "Public surface").

    safeland-hq [--database-url URL] serve [--host H] [--port P]
    safeland-hq [--database-url URL] import FILE
    safeland-hq [--database-url URL] export -o FILE
    safeland-hq [--database-url URL] device add --operator O --unit U --name N [--json]
    safeland-hq [--database-url URL] device list [--json] | device revoke DEVICE_ID

Exit status: 0 success, 1 refused input, 2 usage. The database URL may come from
SAFELAND_HQ_DATABASE_URL; the default is an SQLite file in the user's data directory.
"""
from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from .db import HQDatabaseError, open_hq

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2

log = logging.getLogger("safeland.hq")


def _setup_logging(level: str = "INFO") -> None:
    logging.basicConfig(level=level, stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("alembic").setLevel(logging.WARNING)


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from .api import create_app

    db = open_hq(args.database_url)
    log.info("safeland-hq serving on http://%s:%d (%s database)", args.host, args.port, db.backend)
    try:
        uvicorn.run(create_app(db), host=args.host, port=args.port, log_config=None,
                    access_log=args.access_log, timeout_graceful_shutdown=10)
    finally:
        db.close()
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from safeland_core.jsonfile import UnreadableFile, read_json

    from .sites import ImportRefused, import_document

    try:
        data = read_json(args.file)
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


def cmd_export(args: argparse.Namespace) -> int:
    from .sites import export_document

    db = open_hq(args.database_url)
    try:
        doc = export_document(db)
    finally:
        db.close()
    text = json.dumps(doc, ensure_ascii=False, indent=1) + "\n"
    if args.output == "-":
        sys.stdout.write(text)
    else:
        tmp = Path(args.output + ".part")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(args.output)
        print(f"Exported {len(doc['sites'])} sites and {len(doc['reports'])} reports to "
              f"{args.output}.", file=sys.stderr)
    return EXIT_OK


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


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="safeland-hq", description="Safeland headquarters service.")
    p.add_argument("--database-url", default=None,
                   help="postgresql://... or an SQLite file (default: $SAFELAND_HQ_DATABASE_URL, "
                        "else safeland-hq.db in the user data directory)")
    sub = p.add_subparsers(dest="command", required=True)
    sp = sub.add_parser("serve", help="run the HTTP service")
    sp.add_argument("--host", default="127.0.0.1")
    sp.add_argument("--port", type=int, default=8000)
    sp.add_argument("--access-log", action="store_true", help="log every request line")
    sp = sub.add_parser("import", help="import sites (and reports) from a safeland/1 file")
    sp.add_argument("file")
    sp = sub.add_parser("export", help="export everything HQ holds as safeland/1")
    sp.add_argument("-o", "--output", required=True, help="file to write, or - for standard output")
    dp = sub.add_parser("device", help="register, list or revoke devices")
    dsub = dp.add_subparsers(dest="device_command", required=True)
    sp = dsub.add_parser("add", help="register a device and print its one-time enrollment code")
    sp.add_argument("--operator", required=True)
    sp.add_argument("--unit", required=True)
    sp.add_argument("--name", required=True)
    sp.add_argument("--expires-hours", type=float, default=72.0)
    sp.add_argument("--json", action="store_true")
    sp = dsub.add_parser("list", help="list devices")
    sp.add_argument("--json", action="store_true")
    sp = dsub.add_parser("revoke", help="revoke a device's token")
    sp.add_argument("device_id")
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    _setup_logging()
    handler = {"serve": cmd_serve, "import": cmd_import, "export": cmd_export,
               "device": cmd_device}[args.command]
    try:
        return handler(args)
    except HQDatabaseError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_REFUSED
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
