"""``loket-console [--config FILE] [--counter N] [--login USER]``: the officer and supervisor
console.

``--login USER`` logs in at start with the password in ``$LOKET_CONSOLE_PASSWORD`` (so no
password is on a command line), through the same login as the form; the demo uses it."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence

from PySide6.QtWidgets import QApplication

from admin_console.common import console_stylesheet, console_theme
from admin_console.window import ConsoleWindow
from config import ConfigError, add_config_option, load_settings
from db.migrate import SchemaError
from ui.logs import setup_logging
from ui.out_of_service import open_or_wait
from ui.screen_check import display_problem
from ui.signals import quit_on_signals, stop_on_signals_before_qt
from ui.startup import report_first_frame
from ui.theme import apply_theme

PROG = "loket-console"
PASSWORD_ENV = "LOKET_CONSOLE_PASSWORD"
log = logging.getLogger("admin_console")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog=PROG, description="The officer and supervisor console of Loket."
    )
    add_config_option(parser)
    parser.add_argument("--counter", type=int, help="work at this counter (skip the choice)")
    parser.add_argument(
        "--login",
        metavar="USER",
        help=f"log in as USER at start, with the password in ${PASSWORD_ENV}",
    )
    parser.add_argument("--verbose", action="store_true", help="log everything on the terminal too")
    return parser.parse_args(argv)


def log_in_at_start(window: ConsoleWindow, username: str, password: str) -> None:
    """Fill in and submit the login form: the same check as an officer typing it."""
    window.login.username.setText(username)
    window.login.password.setText(password)
    window.login.submit()


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``loket-console``; returns the exit code. SIGINT ends it with 130,
    SIGTERM with 0, after the database is released."""
    stop_on_signals_before_qt()
    args = parse_args(argv)
    try:
        return _main(args)
    except KeyboardInterrupt:
        return 130


def _main(args: argparse.Namespace) -> int:
    try:
        settings = load_settings(args.config)
        if args.counter is not None and args.counter not in {c.number for c in settings.counters}:
            known = ", ".join(str(c.number) for c in settings.counters)
            raise ConfigError(f"There is no counter {args.counter} (counters: {known}).")
        password = os.environ.get(PASSWORD_ENV, "")
        if args.login and not password:
            raise ConfigError(f"--login needs the password in ${PASSWORD_ENV}.")
        log_file = setup_logging("console", verbose=args.verbose)
    except ConfigError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 2
    if QApplication.instance() is None:
        problem = display_problem(PROG, None)
        if problem:
            print(problem, file=sys.stderr)
            return 2
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(PROG)
    report_first_frame(app)
    signals = quit_on_signals(app)
    # Out of service, not gone, while the database is away, newer, or older and not this
    # PC's to upgrade: the officer sees why; the console starts by itself once it opens.
    try:
        opened = open_or_wait(
            app, PROG, settings, "Loket console: out of service", fullscreen=False
        )
    except SchemaError as exc:
        signals.close()
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 2
    if opened is None:
        signals.close()
        return 2
    ctx = opened
    try:
        try:
            theme = console_theme()
            apply_theme(app, theme)
            app.setStyleSheet(console_stylesheet(theme))
            window = ConsoleWindow(ctx, counter=args.counter)
            try:
                window.resize(1600, 900)
                window.showMaximized()
                if args.login:
                    log_in_at_start(window, args.login, password)
                log.info("console ready, log file %s", log_file)
                return app.exec()
            finally:
                window.shutdown()
                log.info("console stopped")
        finally:
            signals.close()
    finally:
        ctx.db.dispose()


if __name__ == "__main__":
    raise SystemExit(main())
