"""``python -m admin_console.report_cli day|month --date YYYY-MM-DD|YYYY-MM --out FILE.pdf``:
the day or month report as a PDF from the command line (``loket-db report`` writes CSV and
JSON; the PDF needs Qt, which the database tools do not load). Runs without a display."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from config import ConfigError, load_settings
from db.cli.report import ReportArgumentError, add_arguments, make_report
from db.engine import DatabaseBusy
from db.errors import QueueError

EXIT_REFUSED = 1
EXIT_USAGE = 2
EXIT_CONFIG = 3


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m admin_console.report_cli", description="Day or month report as PDF."
    )
    parser.add_argument("--config", metavar="FILE", help="settings file (TOML)")
    add_arguments(parser, ("pdf",))
    args = parser.parse_args(argv)
    if not args.out:
        parser.error("--out FILE.pdf is required")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    from ui.report_pdf import write_pdf

    app = QGuiApplication.instance() or QGuiApplication(["loket-report"])
    try:
        report = make_report(load_settings(args.config), args.period, args.date)
        write_pdf(report, args.out)
    except ReportArgumentError as exc:
        print(f"report: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except ConfigError as exc:
        print(f"report: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    except (QueueError, DatabaseBusy, OSError) as exc:
        print(f"report: {exc}", file=sys.stderr)
        return EXIT_REFUSED
    print(f"{report.title}: written to {args.out}", file=sys.stderr)
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
