"""``loket-printer``: run the virtual printer, print a test ticket, read printer status.

Exit codes: 0 done (``status``: the printer can print, as the kiosk judges it), 1 failed
(``status``: it cannot, or is not reachable), 2 bad arguments or settings. Errors are one
line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import signal
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from config import ConfigError, Settings, add_config_option, check_writable_folder, load_settings
from printer.emulator import Emulator, ensure_virtual_printer, virtual_out_dir
from printer.errors import PrinterError
from printer.service import print_ticket, read_status
from printer.ticket import TicketPrint, channel_label

PROG = "loket-printer"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{PROG}: {message} (see {PROG} --help)\n")


def _port(text: str) -> int:
    value = int(text)
    if not 0 <= value <= 65535:
        raise ValueError(text)
    return value


_port.__name__ = "port"


def _build_parser() -> argparse.ArgumentParser:
    # --config before or after the command, with the same meaning (see add_config_option).
    parser = _Parser(prog=PROG, description="Ticket printer tools for Loket.")
    add_config_option(parser)
    common = _Parser(add_help=False)
    add_config_option(common, subcommand=True)
    commands = parser.add_subparsers(
        dest="command", required=True, metavar="COMMAND", parser_class=_Parser
    )

    emulate = commands.add_parser(
        "emulate",
        parents=[common],
        help="run the virtual printer until Ctrl-C",
        description="Run the virtual printer until Ctrl-C. Address, paper width and folder "
        "default to the [printer] settings (printer.host, printer.port, "
        "printer.paper_width_dots, printer.virtual_out_dir).",
    )
    emulate.add_argument("--host", help="default: printer.host (127.0.0.1)")
    emulate.add_argument(
        "--port", type=_port, help="default: printer.port (9100); 0 picks a free port"
    )
    emulate.add_argument("--out", metavar="DIR", help="where tickets are saved")
    emulate.add_argument("--width", type=int, choices=(576, 384))
    emulate.add_argument("--paper", choices=("ok", "near-end", "out"), default="ok")
    emulate.add_argument("--offline", action="store_true")
    emulate.add_argument("--cover-open", action="store_true")
    emulate.add_argument("--delay-ms", type=int, default=0, metavar="N")

    for name, text in (("test", "print a sample ticket"), ("status", "read the printer status")):
        sub = commands.add_parser(name, parents=[common], help=text)
        if name == "status":
            sub.add_argument("--json", action="store_true", help="print the status as JSON")
    return parser


def _emulate(args: argparse.Namespace) -> int:
    if args.delay_ms < 0:
        raise PrinterError("--delay-ms cannot be negative")
    printer = load_settings(args.config).printer
    host = args.host if args.host is not None else printer.host
    port = args.port if args.port is not None else printer.port
    width = args.width if args.width is not None else printer.paper_width_dots
    out = Path(args.out) if args.out else virtual_out_dir(printer)
    check_writable_folder(
        out, "the ticket folder", "give a writable folder with --out DIR or printer.virtual_out_dir"
    )
    emulator = Emulator(
        host,
        port,
        out,
        width=width,
        paper=args.paper.replace("-", "_"),
        offline=args.offline,
        cover_open=args.cover_open,
        delay_s=args.delay_ms / 1000,
    )
    done = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):  # either one stops it, exit status 0
        if signal.getsignal(signum) is not signal.SIG_IGN:
            signal.signal(signum, lambda *_: done.set())
    port = emulator.start()
    print(
        f"Virtual printer listening on {host}:{port} ({width} dots); "
        f"tickets are saved in {emulator.out_dir}. Ctrl-C stops it.",
        flush=True,
    )
    try:
        while not done.wait(0.5):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        emulator.stop()
    print(f"Stopped; {len(emulator.tickets)} ticket(s) printed.", flush=True)
    return 0


def sample_ticket(settings: Settings) -> TicketPrint:
    """A ticket that exercises the whole layout, in the office's default language."""
    lang = settings.languages.default
    return TicketPrint(
        office_name=settings.office.name,
        number="T-001",
        service_name="Tes printer" if lang == "id" else "Printer test",
        channel_label=channel_label("walk_in", lang),
        issued_at=dt.datetime.now(dt.UTC),
        qr_token=f"TEST-{dt.datetime.now(dt.UTC):%Y%m%d%H%M%S}",
        people_ahead=0,
        estimated_wait_minutes=0,
        footer_lines=(settings.office.address,),
        language=lang,
        office_timezone=settings.office.timezone,
    )


def _test(args: argparse.Namespace) -> int:
    settings = load_settings(args.config)
    emulator = ensure_virtual_printer(settings.printer)
    try:
        outcome = print_ticket(settings.printer, sample_ticket(settings))
        if emulator is not None:
            emulator.wait_for_tickets(1, timeout=10)
    finally:
        if emulator is not None:
            emulator.stop()
    if not outcome.ok:
        print(f"{PROG}: test ticket not printed: {outcome.error}", file=sys.stderr)
        return 1
    where = f" (saved in {virtual_out_dir(settings.printer)})" if emulator is not None else ""
    print(f"Test ticket printed, {outcome.bytes_sent} bytes{where}.")
    if outcome.warning:
        print(f"Warning: {outcome.warning}")
    return 0


def _status(args: argparse.Namespace) -> int:
    """The printer's status as the kiosk reads it: the same ``read_status`` and the same
    ``PrinterStatus.problem``. A virtual printer that is not running yet is started for
    the reading, as the kiosk and ``test`` start it, so all three agree."""
    settings = load_settings(args.config)
    emulator = ensure_virtual_printer(settings.printer)
    try:
        status = read_status(settings.printer)
    finally:
        if emulator is not None:
            emulator.stop()
    problem = status.problem(near_end_stop=settings.printer.near_end_stop)
    if args.json:
        print(json.dumps(status.as_json()))
    else:
        print(f"Printer ({settings.printer.kind}): {status.describe()}")
        if emulator is not None:
            print(
                f"The virtual printer was not running; it was started for this reading. "
                f"The kiosk starts its own at {settings.printer.host}:{settings.printer.port}."
            )
    return 0 if problem == "" else 1


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``loket-printer``; returns the exit code."""
    args = _build_parser().parse_args(argv)
    handler = {"emulate": _emulate, "test": _test, "status": _status}[args.command]
    try:
        return handler(args)
    except ConfigError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 2
    except (PrinterError, TimeoutError) as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
