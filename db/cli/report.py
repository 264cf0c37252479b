"""``loket-db report day|month --date YYYY-MM-DD|YYYY-MM --format csv|json [--out FILE]``:
the day or month report from the command line. The PDF needs Qt and is made by
``python -m admin_console.report_cli`` with the same arguments."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from config import ConfigError, add_config_option, load_settings
from config.settings import Settings
from db.context import Actor
from db.migrate import open_queue
from db.read.reports import PeriodReport, day_report, month_report, to_csv, to_json

COMMANDS = ("report",)
EXIT_USAGE = 2
EXIT_CONFIG = 3


class ReportArgumentError(ValueError):
    pass


def add_arguments(p: argparse.ArgumentParser, formats: Sequence[str] = ("csv", "json")) -> None:
    p.add_argument("period", choices=["day", "month"], help="a business day or a month")
    p.add_argument(
        "--date", metavar="YYYY-MM-DD|YYYY-MM", help="the day or month (default: today's)"
    )
    p.add_argument("--format", choices=list(formats), default=formats[0], dest="fmt")
    p.add_argument("--out", metavar="FILE", help="write to FILE instead of standard output")


def add_parsers(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
    common: Sequence[argparse.ArgumentParser],
) -> None:
    """Add ``report`` to ``loket-db``'s sub-parsers (``common``: parent parsers)."""
    p = sub.add_parser("report", parents=list(common), help="day or month report (CSV, JSON)")
    add_arguments(p, ("csv", "json", "pdf"))


def parse_period(period: str, text: str | None, today: dt.date) -> tuple[str, dt.date]:
    """(``day``|``month``, the day or the month's first day) from ``--date``."""
    if text is None:
        return period, today if period == "day" else today.replace(day=1)
    form = "%Y-%m-%d" if period == "day" else "%Y-%m"
    try:
        return period, dt.datetime.strptime(text, form).date()
    except ValueError:
        words = "YYYY-MM-DD" if period == "day" else "YYYY-MM"
        raise ReportArgumentError(f"--date {text!r}: a {period} is written {words}") from None


def make_report(settings: Settings, period: str, date_text: str | None) -> PeriodReport:
    """Open the queue, compute the report, close the queue."""
    ctx = open_queue(settings)
    try:
        kind, start = parse_period(period, date_text, ctx.today())
        actor = Actor.system("loket-db report")
        if kind == "day":
            return day_report(ctx, actor, start)
        return month_report(ctx, actor, start.year, start.month)
    finally:
        ctx.db.dispose()


def render(report: PeriodReport, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(to_json(report), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return to_csv(report)


def run(args: argparse.Namespace, settings: Settings) -> int:
    if args.fmt == "pdf":
        print(
            "loket-db: the PDF is made by `python -m admin_console.report_cli "
            f"{args.period} --date ... --out FILE.pdf`",
            file=sys.stderr,
        )
        return EXIT_USAGE
    try:
        report = make_report(settings, args.period, args.date)
    except ReportArgumentError as exc:
        print(f"loket-db: {exc}", file=sys.stderr)
        return EXIT_USAGE
    text = render(report, args.fmt)
    if args.out:
        # CSV with a byte-order mark: spreadsheet programs then read the accents right.
        encoding = "utf-8-sig" if args.fmt == "csv" else "utf-8"
        Path(args.out).write_text(text, encoding=encoding, newline="")
        print(f"{report.title}: written to {args.out}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """The report alone (``python -m db.cli.report``); ``loket-db report`` is the same."""
    parser = argparse.ArgumentParser(prog="loket-db report")
    add_config_option(parser)
    add_arguments(parser)
    args = parser.parse_args(argv)
    try:
        return run(args, load_settings(args.config))
    except ConfigError as exc:
        print(f"loket-db: {exc}", file=sys.stderr)
        return EXIT_CONFIG


if __name__ == "__main__":
    sys.exit(main())
