"""The `safeland` command (DESIGN.md, "Public surface").

Exit status: 0 success, 1 refused input or refused records, 2 usage, 3 HQ unreachable.
Bad input never shows a traceback: messages name the record and field
(`reports[3].items[0].quantity: ...`); details go to the log, and to the screen with --debug.

Each command is a function `(args, db_path) -> int` registered in COMMANDS; subcommands of other
parts (sheets, sync) register their parsers in `add_parsers` below.
"""
from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable
from pathlib import Path

from . import logs
from .paths import default_path

EXIT_OK, EXIT_REFUSED, EXIT_USAGE, EXIT_UNREACHABLE = 0, 1, 2, 3

log = logging.getLogger("safeland.cli")


MAX_SHOWN = 50


def _print_issues(issues, stream=None) -> None:  # noqa: ANN001
    stream = stream or sys.stderr
    for issue in issues[:MAX_SHOWN]:
        prefix = "warning: " if issue.severity == "warning" else ""
        print(f"{prefix}{issue}", file=stream)
    if len(issues) > MAX_SHOWN:
        print(f"... and {len(issues) - MAX_SHOWN} more", file=stream)


def cmd_gui(args: argparse.Namespace, db_path: Path) -> int:
    from .ui.main import run  # Qt is imported only for the window

    return run(db_path)


def cmd_demo(args: argparse.Namespace, db_path: Path) -> int:
    from .db import open_database
    from .domain import demo

    db = open_database(db_path)
    try:
        sites, reports = demo.fill(db)
    finally:
        db.close()
    print(f"Demo data written to {db_path}: {sites} sites, {reports} daily reports.")
    return EXIT_OK


def cmd_import(args: argparse.Namespace, db_path: Path) -> int:
    from safeland_core.jsonfile import UnreadableFile, read_json

    from .db import open_database
    from .domain.transfer import import_document

    try:
        data = read_json(args.file)  # plain messages; nesting and number size bounded
    except UnreadableFile as exc:
        print(exc, file=sys.stderr)
        return EXIT_REFUSED
    db = open_database(db_path)
    try:
        result = import_document(db, data, accept_warnings=args.accept_warnings)
    finally:
        db.close()
    _print_issues(result.warnings)
    print(f"Imported {args.file}: {result.sites_created} sites created, {result.sites_updated} updated; "
          f"{result.reports_created} reports created, {result.reports_updated} updated; "
          f"{result.unchanged} unchanged.")
    return EXIT_OK


def cmd_export(args: argparse.Namespace, db_path: Path) -> int:
    import json  # in the two commands that write it: `safeland sheet` reads no JSON

    from .db import open_database
    from .domain.transfer import export_document

    if args.format != "json":
        return _export_tables(args, db_path)
    db = open_database(db_path)
    try:
        doc = export_document(db)
    finally:
        db.close()
    text = json.dumps(doc, ensure_ascii=False, indent=1)
    if args.output == "-":
        sys.stdout.write(text + "\n")
    else:
        tmp = Path(args.output + ".part")
        tmp.write_text(text + "\n", encoding="utf-8")
        tmp.replace(args.output)  # never a half-written export under the real name
        print(f"Exported {len(doc['sites'])} sites and {len(doc['reports'])} reports to {args.output}.",
              file=sys.stderr)
    return EXIT_OK


def _export_tables(args: argparse.Namespace, db_path: Path) -> int:
    """`export --format csv|xlsx|geojson`: the same tables as HQ's exports (docs/exports.md)."""
    from .db import open_database
    from .domain.export_formats import export_tables

    if args.output == "-":
        print(f"export: --format {args.format} writes a file; give -o FILE", file=sys.stderr)
        return EXIT_USAGE
    db = open_database(db_path)
    try:
        done = export_tables(db, args.output, args.format)
    finally:
        db.close()
    what = ", ".join(f"{n} {table}" for table, n in done.counts.items())
    print(f"Exported {what} to {args.output} ({args.format}).", file=sys.stderr)
    return EXIT_OK


def cmd_backup(args: argparse.Namespace, db_path: Path) -> int:
    """A whole copy of the database: reports, history, the queue for HQ and the enrollment."""
    from .db import backup, open_database

    target = Path(args.output)
    if not Path(db_path).exists():
        print(f"backup: no database at {db_path}", file=sys.stderr)
        return EXIT_REFUSED
    if target.exists():
        print(f"backup: {target} already exists; choose a new file name", file=sys.stderr)
        return EXIT_REFUSED
    if not target.parent.is_dir():
        print(f"backup: no folder {target.parent}", file=sys.stderr)
        return EXIT_REFUSED
    open_database(db_path).close()  # a Safeland database, migrated: refuses anything else
    part = target.with_name(target.name + ".part")
    part.unlink(missing_ok=True)  # a leftover of an interrupted backup
    try:
        backup(Path(db_path), target=part)
        part.replace(target)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    print(f"Backed up {db_path} to {target}. Keep it somewhere safe: it also holds this "
          f"laptop's key to HQ. Open it with --db {target}.")
    return EXIT_OK


def cmd_sign(args: argparse.Namespace, db_path: Path) -> int:
    from .db import open_database
    from .domain import services

    if not args.all and not args.report_ids:
        print("sign: give REPORT_ID... or --all", file=sys.stderr)
        return EXIT_USAGE
    db = open_database(db_path)
    try:
        changes = services.sign(db, None if args.all else args.report_ids)
    finally:
        db.close()
    n = len(changes.report_ids)
    print(f"Signed {n} report{'s' if n != 1 else ''}; queued for HQ.")
    return EXIT_OK


def _amend_record(data: object, report_id: str) -> tuple[int, dict] | str:
    """The report of a safeland/1 document that `amend` is to use: the one whose id is
    `report_id`, or the only report of a file whose report carries no id. A message otherwise."""
    if not isinstance(data, dict) or data.get("format") != "safeland/1":
        return 'format: the file is not a safeland/1 document (it needs "format": "safeland/1")'
    reports = data.get("reports")
    if not isinstance(reports, list) or not reports:
        return "reports: the file holds no report (give the report's new version in \"reports\")"
    for n, rec in enumerate(reports):
        if isinstance(rec, dict) and str(rec.get("id", "")).strip().lower() == report_id.lower():
            return n, rec
    if len(reports) == 1 and isinstance(reports[0], dict) and not reports[0].get("id"):
        return 0, reports[0]
    if len(reports) == 1 and isinstance(reports[0], dict):
        return (f"reports[0].id: the file's report is {reports[0].get('id')}, not {report_id}; "
                "amend the report the file holds, or give the right file")
    return f"reports: no report {report_id} among the file's {len(reports)} reports"


def cmd_amend(args: argparse.Namespace, db_path: Path) -> int:
    """`safeland amend REPORT_ID --reason TEXT FILE`: the window's amendment, from a file."""
    import dataclasses
    import uuid

    from safeland_core.jsonfile import UnreadableFile, read_json

    from .db import open_database
    from .domain import services
    from .domain.queries import get_report

    try:
        report_id = str(uuid.UUID(args.report_id.strip()))
    except ValueError:
        print(f"amend: {args.report_id!r} is not a report id (a UUID, as `safeland export` "
              "writes it)", file=sys.stderr)
        return EXIT_USAGE
    if not args.reason.strip():
        print("--reason: say why the report is amended (HQ reads it beside the change)",
              file=sys.stderr)
        return EXIT_USAGE
    try:
        data = read_json(args.file)
    except UnreadableFile as exc:
        print(exc, file=sys.stderr)
        return EXIT_REFUSED
    found = _amend_record(data, report_id)
    if isinstance(found, str):
        print(found, file=sys.stderr)
        print("Nothing was written.", file=sys.stderr)
        return EXIT_REFUSED
    n, record = found
    db = open_database(db_path)
    try:
        try:
            services.amend(db, report_id, record, args.reason,
                           accept_warnings=args.accept_warnings)
        except services.ServiceError as exc:
            # The file's fields are named as in the file (reports[0].personnel); the report
            # itself (not found, a draft, another device's) and the reason as they are.
            for i, issue in enumerate(exc.issues):
                if issue.loc and issue.loc[0] not in ("id", "status", "amend_reason"):
                    exc.issues[i] = dataclasses.replace(issue, loc=("reports", n, *issue.loc))
                elif issue.loc[:1] == ("amend_reason",):
                    exc.issues[i] = dataclasses.replace(issue, loc=("--reason",))
                elif issue.loc:
                    exc.issues[i] = dataclasses.replace(issue, loc=(report_id,))
            raise
        amended = get_report(db, report_id)
    finally:
        db.close()
    revision = amended.revision if amended else "?"
    print(f"Amended report {report_id}: revision {revision} signed and queued for HQ.")
    return EXIT_OK


def cmd_status(args: argparse.Namespace, db_path: Path) -> int:
    import json

    from .db import open_database
    from .domain.queries import status_counts

    db = open_database(db_path)
    try:
        counts = status_counts(db)
    finally:
        db.close()
    if args.json:
        print(json.dumps(counts.as_json()))
    else:
        print(f"Database: {db_path}")
        print(f"Sites: {counts.sites}   Reports: {counts.reports}")
        print(f"Drafts: {counts.drafts}")
        if counts.enrolled:
            print(f"Signed, waiting for HQ: {counts.waiting}")
        else:  # the demo data, or a laptop not enrolled yet: nothing can go to HQ
            print(f"Signed, not sent: {counts.waiting} (this laptop is not enrolled with HQ; "
                  "it cannot sync until it is: safeland enroll --hq URL --code CODE)")
        print(f"Synced: {counts.synced}")
        print(f"Refused by HQ: {counts.refused}")
        print(f"Accepted by HQ: {counts.accepted}   Returned by HQ: {counts.returned}   "
              f"Rejected by HQ: {counts.rejected}")
        print(f"Last sync: {counts.last_sync or 'never'}")
    return EXIT_OK


def cmd_site_add(args: argparse.Namespace, db_path: Path) -> int:
    """Sites found in the field (FILE: safeland/1 with a "sites" list), proposed to HQ: each
    gets a provisional reference and is queued to go up ahead of its first report."""
    from safeland_core.jsonfile import UnreadableFile, read_json

    from .db import open_database
    from .domain.proposals import propose_sites
    from .domain.queries import get_site

    try:
        data = read_json(args.file)
    except UnreadableFile as exc:
        print(exc, file=sys.stderr)
        return EXIT_REFUSED
    db = open_database(db_path)
    try:
        ids, _changes = propose_sites(db, data, accept_warnings=args.accept_warnings)
        for sid in ids:
            site = get_site(db, sid)
            if site is not None:
                print(f"Site {site.reference} ({site.name}) proposed to HQ: id {sid}; it goes up "
                      "at the next sync, ahead of its reports.")
    finally:
        db.close()
    return EXIT_OK



def cmd_site_points(args: argparse.Namespace, db_path: Path) -> int:
    """`site points SITE_REFERENCE --gpx FILE`: a handheld GPS's waypoints become the site's
    points (app.domain.gpx: default mapping by waypoint name), checked by the site rules and
    saved in one transaction, or nothing is written."""
    from .db import open_database
    from .domain import gpx
    from .domain.services import ServiceError

    try:
        waypoints = gpx.read_waypoints(args.gpx)
    except gpx.GpxError as exc:
        print(f"gpx: {exc}", file=sys.stderr)
        print("Nothing was written.", file=sys.stderr)
        return EXIT_REFUSED
    points = gpx.to_points(waypoints)
    db = open_database(db_path)
    try:
        saved = gpx.replace_points(db, args.reference, points, accept_warnings=args.accept_warnings,
                                   ask_area=False)  # said below instead
    except ServiceError as exc:
        exc.issues = [gpx.with_waypoint(issue, waypoints) for issue in exc.issues]
        raise
    finally:
        db.close()
    kinds: dict[str, int] = {}
    for p in points:
        kinds[p["type"]] = kinds.get(p["type"], 0) + 1
    counts = ", ".join(f"{n} {k.lower()}" for k, n in kinds.items())
    print(f"Site {saved.reference}: {saved.points} points from {args.gpx} ({counts}).")
    if saved.area_before != saved.area_after:
        print(f"Area: {_m2(saved.area_before)} -> {_m2(saved.area_after)}.")
    return EXIT_OK


def _m2(value: float | None) -> str:
    return "none" if value is None else f"{value:,.0f} m²"


def cmd_site(args: argparse.Namespace, db_path: Path) -> int:
    handler = SITE_COMMANDS.get(getattr(args, "site_command", None) or "")
    if handler is None:
        print("site: give a subcommand (add, points)", file=sys.stderr)
        return EXIT_USAGE
    return handler(args, db_path)


SITE_COMMANDS: dict[str, Callable[[argparse.Namespace, Path], int]] = {
    "add": cmd_site_add, "points": cmd_site_points}


COMMANDS: dict[str, Callable[[argparse.Namespace, Path], int]] = {
    "gui": cmd_gui, "demo": cmd_demo, "import": cmd_import, "export": cmd_export,
    "sign": cmd_sign, "status": cmd_status, "backup": cmd_backup, "amend": cmd_amend,
    "site": cmd_site,
}


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="safeland", description="Safeland: demining field reports.")
    p.add_argument("--db", type=Path, help="database file (default: $SAFELAND_DB or the user data dir)")
    p.add_argument("--debug", action="store_true", help="show tracebacks")
    sub = p.add_subparsers(dest="command")
    sub.add_parser("gui", help="open the app (the default)")
    sub.add_parser("demo", help="fill an empty database with demo data")
    sp = sub.add_parser("import", help="import a safeland/1 JSON file (all or nothing)")
    sp.add_argument("file")
    sp.add_argument("--accept-warnings", action="store_true", help="confirm warnings and import")
    sp = sub.add_parser("export", help="export everything: safeland/1 JSON, or CSV, XLSX, GeoJSON tables")
    sp.add_argument("-o", "--output", required=True, help="file to write, or - for standard output")
    sp.add_argument("--format", default="json", choices=["json", "csv", "xlsx", "geojson"],
                    help="json (safeland/1, the default) or the tables of docs/exports.md")
    sp = sub.add_parser("backup", help="copy the whole database (the queue for HQ included)")
    sp.add_argument("-o", "--output", required=True, help="the copy to write (a new file)")
    sp = sub.add_parser("sign", help="sign drafts and queue them for HQ")
    sp.add_argument("report_ids", nargs="*", metavar="REPORT_ID")
    sp.add_argument("--all", action="store_true", help="sign every draft of this device")
    sp = sub.add_parser("amend", help="correct a signed report: its new version, with a reason")
    sp.add_argument("report_id", metavar="REPORT_ID")
    sp.add_argument("--reason", required=True, help="why the report is amended (HQ reads it)")
    sp.add_argument("file", metavar="FILE", help="safeland/1 JSON holding the report's new version")
    sp.add_argument("--accept-warnings", action="store_true", help="confirm warnings and amend")
    sp = sub.add_parser("status", help="drafts, signed waiting, synced, refused; last sync")
    sp.add_argument("--json", action="store_true")
    sp = sub.add_parser("site", help="sites found in the field; a site's points from a GPS")
    site_sub = sp.add_subparsers(dest="site_command")
    pp = site_sub.add_parser("add", help="propose sites found in the field to HQ (FILE: "
                             "safeland/1 with a \"sites\" list; each gets a provisional reference)")
    pp.add_argument("file")
    pp.add_argument("--accept-warnings", action="store_true", help="confirm warnings and add")
    pp = site_sub.add_parser("points", help="waypoints from a handheld GPS become the site's points")
    pp.add_argument("reference", metavar="SITE_REFERENCE")
    pp.add_argument("--gpx", required=True, metavar="FILE",
                    help="GPX file: in file order turning points, except waypoints named BM, RP, "
                         "SP / EP or E1, E2... (benchmark, reference, start / end, evidence)")
    pp.add_argument("--accept-warnings", action="store_true", help="confirm warnings and save")
    add_parsers(sub)
    return p


def add_parsers(sub: argparse._SubParsersAction) -> None:
    """Commands of the other parts (site sheets, sync) register here; each imports its heavy
    parts (Qt, httpx) only when its command runs."""
    from .sheets import cli as sheets_cli
    from .sync import cli as sync_cli

    for module in (sheets_cli, sync_cli):
        module.register(sub, COMMANDS)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logs.setup(debug=args.debug)
    command = args.command or "gui"
    db_path = args.db or default_path()
    if command == "gui":  # its window paints before the data layer is imported (app.ui.main)
        return cmd_gui(args, db_path)
    try:
        return COMMANDS[command](args, db_path)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        refused = _refused(exc)
        if refused is not None:
            return refused
        from .diskerrors import plain_disk_error

        plain = plain_disk_error(exc, db_path)  # a full disk, a read-only file or folder
        log.exception("%s in %s", "disk trouble" if plain else "unexpected error", command)
        if args.debug:
            raise
        if plain:
            print(plain, file=sys.stderr)
            return EXIT_REFUSED
        print(f"Unexpected error; nothing was left half-written. Details: {logs.log_path()}",
              file=sys.stderr)
        return EXIT_REFUSED


def _refused(exc: Exception) -> int | None:
    """The exit status of a refusal the user can act on (fields with their reasons, a database
    that cannot be opened), its messages printed; None for anything else.

    The domain's and the database's refusals are imported here, once something was raised, not
    before every command: `safeland sheet` needs neither SQLAlchemy's ORM nor pydantic, and
    importing them to be ready for a refusal cost it about 0.4 s. A command that raised one has
    imported its module already, so this import is free then."""
    from .db import DatabaseError
    from .domain.errors import NeedsConfirmation, ServiceError

    if isinstance(exc, NeedsConfirmation):
        _print_issues(exc.issues)
        print("Nothing was written. Check the warnings, then run again with --accept-warnings.",
              file=sys.stderr)
        return EXIT_REFUSED
    if isinstance(exc, ServiceError):
        _print_issues(exc.issues)
        print("Nothing was written.", file=sys.stderr)
        return EXIT_REFUSED
    if isinstance(exc, DatabaseError):
        print(str(exc), file=sys.stderr)
        return EXIT_REFUSED
    return None


if __name__ == "__main__":
    sys.exit(main())
