"""``loket-db``: the administrator's command line for the queue database.

Every command honours ``--config FILE`` (else ``LOKET_CONFIG``, else the site or user file,
else the embedded defaults) and ``LOKET_DATABASE_URL`` (else the PC's /etc/loket/environment).
A refused or failed command prints one line on stderr and exits non-zero: 1 refused by the
queue, 2 bad arguments, 3 bad settings, 4 database unusable.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from config import ConfigError, add_config_option, load_settings
from config.settings import Channel, Settings
from db.cli import backups as backups_cli
from db.cli import keys as keys_cli
from db.cli import report as report_cli
from db.cli import simulate as simulate_cli
from db.context import Actor, QueueContext
from db.engine import Database, DatabaseFull, DatabaseUnavailable
from db.errors import CheckInRejected, QueueError
from db.io.backup import BackupError
from db.io.booking_export import ExportError
from db.migrate import SchemaError, open_queue, upgrade
from db.ops.audit import verify_audit
from db.ops.calling import call_next
from db.ops.checkin import check_in_booking
from db.ops.importer import import_bookings
from db.ops.issuing import issue_ticket
from db.ops.officers import add_officer
from db.ops.privacy import purge_personal_data
from db.read.day_figures import day_status
from db.views import TicketView

EXIT_REFUSED = 1
EXIT_USAGE = 2
EXIT_CONFIG = 3
EXIT_DATABASE = 4


class CliError(Exception):
    def __init__(self, message: str, code: int = EXIT_REFUSED) -> None:
        super().__init__(message)
        self.code = code


def _parser() -> argparse.ArgumentParser:
    # --config before or after the command, with the same meaning (see add_config_option).
    parser = argparse.ArgumentParser(
        prog="loket-db", description="Loket queue database administration."
    )
    add_config_option(parser)
    common = argparse.ArgumentParser(add_help=False)
    add_config_option(common, subcommand=True)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    sub.add_parser("init", parents=[common], help="create the database or upgrade it")
    sub.add_parser("upgrade", parents=[common], help="upgrade the database schema")

    p = sub.add_parser("import-bookings", parents=[common], help="import a booking export")
    p.add_argument("file", help="the central system's export (.csv or .json)")
    p.add_argument("--json", action="store_true", help="print the report as JSON")

    p = sub.add_parser("add-officer", parents=[common], help="add an officer account")
    p.add_argument("username")
    p.add_argument("--role", choices=["officer", "supervisor", "admin"], required=True)
    p.add_argument("--name", default="", help="display name")
    p.add_argument("--password-stdin", action="store_true", help="read the password from stdin")

    p = sub.add_parser("issue", parents=[common], help="issue a ticket")
    p.add_argument("--service", required=True, help="service code")
    p.add_argument(
        "--channel", required=True, choices=[c.value for c in Channel if c != Channel.BOOKING]
    )
    p.add_argument("--reason", help="priority reason code")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("check-in", parents=[common], help="check a booking in")
    p.add_argument("payload", help="booking code or scanned text")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("call", parents=[common], help="call the next ticket at a counter")
    p.add_argument("--counter", type=int, required=True)
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("audit", parents=[common], help="check the audit log")
    p.add_argument("action", choices=["verify"])

    p = sub.add_parser(
        "purge", parents=[common], help="remove personal data past the retention period"
    )

    p = sub.add_parser("status", parents=[common], help="today's queue in figures")
    p.add_argument("--json", action="store_true")

    keys_cli.add_parsers(sub, [common])
    backups_cli.add_parsers(sub, [common])
    report_cli.add_parsers(sub, [common])
    simulate_cli.add_parser(sub, [common])
    return parser


def ticket_json(ticket: TicketView) -> dict[str, Any]:
    return {
        "id": ticket.id,
        "number": ticket.number,
        "service": ticket.service,
        "channel": ticket.channel.value,
        "reason": ticket.priority_reason,
        "status": ticket.status.value,
        "business_day": ticket.business_day.isoformat(),
        "issued_at": ticket.issued_at.isoformat(),
        "counter": ticket.counter,
        "people_ahead": ticket.people_ahead,
        "estimated_wait_minutes": ticket.estimated_wait_minutes,
        "booking_code": ticket.booking_code,
        "token": ticket.token,
    }


def _emit(data: dict[str, Any]) -> None:
    print(json.dumps(data, ensure_ascii=False, sort_keys=True))


def _read_password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if not sys.stdin.isatty():
        raise CliError("no terminal to ask for the password: use --password-stdin", EXIT_USAGE)
    first = getpass.getpass("Password: ")
    if first != getpass.getpass("Repeat password: "):
        raise CliError("the passwords differ")
    return first


def _upgrade_schema(settings: Settings) -> tuple[str | None, str, str]:
    """Upgrade the schema; returns (before, after, the database's address for messages)."""
    db = Database(settings.database_url, settings.database)
    try:
        before, after = upgrade(db)
    finally:
        db.dispose()
    return before, after, db.engine.url.render_as_string(hide_password=True)


def _init(args: argparse.Namespace, settings: Settings) -> int:
    before, after, where = _upgrade_schema(settings)
    if before == after:
        print(f"{where}: schema is up to date ({after})")
    else:
        print(f"{where}: schema {before or 'empty'} -> {after}")
    return 0


def _import_bookings(args: argparse.Namespace, ctx: QueueContext) -> int:
    report = import_bookings(ctx, Actor.system(), args.file)
    if args.json:
        rejected = [{"line": r.line, "code": r.code, "reason": r.reason} for r in report.rejected]
        _emit(
            {
                "imported": report.imported,
                "updated": report.updated,
                "unchanged": report.unchanged,
                "rejected": rejected,
            }
        )
    else:
        print(report.summary())
        for r in report.rejected:
            print(f"  line {r.line}: {r.code or '-'}: {r.reason}")
    return 0


def _add_officer(args: argparse.Namespace, ctx: QueueContext) -> int:
    officer = add_officer(ctx, Actor.system(), args.username, args.role, args.password, args.name)
    print(f"added {officer.role.value} {officer.username}")
    return 0


def _issue(args: argparse.Namespace, ctx: QueueContext) -> int:
    ticket = issue_ticket(ctx, Actor.system(), args.service, args.channel, reason=args.reason)
    if args.json:
        _emit(ticket_json(ticket))
    else:
        print(ticket.number)
    return 0


def _check_in(args: argparse.Namespace, ctx: QueueContext) -> int:
    try:
        ticket = check_in_booking(ctx, Actor.system(), args.payload)
    except CheckInRejected as rejected:
        if args.json:
            _emit({"rejected": rejected.reason.value, "message": rejected.message})
            return EXIT_REFUSED
        raise
    if args.json:
        _emit(ticket_json(ticket))
    else:
        print(ticket.number)
    return 0


def _call(args: argparse.Namespace, ctx: QueueContext) -> int:
    ticket = call_next(ctx, Actor.system(), args.counter)
    if args.json:
        _emit(ticket_json(ticket))
    else:
        print(f"{ticket.number} to counter {args.counter}")
    return 0


def _audit(args: argparse.Namespace, ctx: QueueContext) -> int:
    check = verify_audit(ctx.db)
    if not check.ok:
        raise CliError(f"audit log check FAILED after {check.checked} records: {check.problem}")
    print(f"audit log intact: {check.checked} records")
    return 0


def _purge(args: argparse.Namespace, ctx: QueueContext) -> int:
    purged = purge_personal_data(ctx, Actor.system())
    print(f"personal data removed from {purged} bookings")
    return 0


def _status(args: argparse.Namespace, ctx: QueueContext) -> int:
    status = day_status(ctx)
    if args.json:
        _emit(status.as_dict())
        return 0
    print(f"business day {status.business_day:%d-%m-%Y}")
    for service in ctx.settings.services:
        counts = status.waiting.get(service.code, {})
        detail = ", ".join(f"{k} {v}" for k, v in sorted(counts.items())) or "-"
        print(f"  {service.code:<8} waiting {sum(counts.values()):>4}  ({detail})")
    print(
        f"issued {status.issued}, served {status.served}, "
        f"no-show {status.no_show}, in service {status.in_service}"
    )
    return 0


# Commands on the settings alone (they open the database themselves, or not at all).
_ON_SETTINGS: dict[str, Callable[[argparse.Namespace, Settings], int]] = {
    "init": _init,
    "upgrade": _init,
    **dict.fromkeys(backups_cli.COMMANDS, backups_cli.run),
    **dict.fromkeys(keys_cli.COMMANDS, keys_cli.run),
    **dict.fromkeys(report_cli.COMMANDS, report_cli.run),
    **dict.fromkeys(simulate_cli.COMMANDS, simulate_cli.run),
}
# Commands on the opened queue.
_ON_QUEUE: dict[str, Callable[[argparse.Namespace, QueueContext], int]] = {
    "import-bookings": _import_bookings,
    "add-officer": _add_officer,
    "issue": _issue,
    "check-in": _check_in,
    "call": _call,
    "audit": _audit,
    "purge": _purge,
    "status": _status,
}


def _run(args: argparse.Namespace, settings: Settings) -> int:
    if args.command in _ON_SETTINGS:
        return _ON_SETTINGS[args.command](args, settings)
    if args.command == "add-officer":
        args.password = _read_password(args)  # asked before the database is opened
    ctx = open_queue(settings, read_only=args.command in ("status", "audit"))
    try:
        return _ON_QUEUE[args.command](args, ctx)
    finally:
        ctx.db.dispose()


def _one_line(text: str, limit: int = 400) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 3] + "..."


def _disk_hint(args: argparse.Namespace, message: str) -> str:
    """For SQLite's "disk I/O error" (what a disk with no space left often gives): the
    likely cause and the free space, so the administrator knows where to look."""
    if "disk i/o" not in message.lower():
        return ""
    return f"; the disk may be full or failing{_free_space(args)}"


def _free_space(args: argparse.Namespace) -> str:
    """ " (free: N MB on FOLDER)" for the SQLite database's folder, when it can be told."""
    import shutil
    from pathlib import Path

    from sqlalchemy.engine import make_url

    try:
        url = load_settings(args.config).database_url
        database = make_url(url).database if url.startswith("sqlite") else None
        if not database:
            return ""
        folder = Path(database).resolve().parent
        free = shutil.disk_usage(folder).free
    except (ConfigError, OSError, ValueError):
        return ""
    return f" (free: {free / 1e6:.1f} MB on {folder})"


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        settings = load_settings(args.config)
        return _run(args, settings)
    except ConfigError as exc:
        print(f"loket-db: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    except DatabaseFull as exc:
        print(f"loket-db: {_one_line(str(exc))}{_free_space(args)}", file=sys.stderr)
        return EXIT_DATABASE
    except (SchemaError, DatabaseUnavailable) as exc:
        print(f"loket-db: {_one_line(str(exc))}{_disk_hint(args, str(exc))}", file=sys.stderr)
        return EXIT_DATABASE
    except (ValueError, OverflowError, RecursionError) as exc:
        # Input no part of Loket could take (a number thousands of digits long, ...).
        print(f"loket-db: bad input: {_one_line(str(exc))}", file=sys.stderr)
        return EXIT_REFUSED
    except (ExportError, QueueError, CliError, BackupError) as exc:
        print(f"loket-db: {exc}", file=sys.stderr)
        return getattr(exc, "code", EXIT_REFUSED) if isinstance(exc, CliError) else EXIT_REFUSED
    except SQLAlchemyError as exc:
        detail = _one_line(str(getattr(exc, "orig", exc)))
        print(f"loket-db: database error: {detail}{_disk_hint(args, detail)}", file=sys.stderr)
        return EXIT_DATABASE
    except OSError as exc:
        print(f"loket-db: {exc}", file=sys.stderr)
        return EXIT_REFUSED
    except KeyboardInterrupt:
        print("loket-db: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
