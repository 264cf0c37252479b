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
from config import ConfigError, load_settings
from db.migrate import SchemaError, open_queue
from ui.theme import apply_theme

PASSWORD_ENV = "LOKET_CONSOLE_PASSWORD"


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="loket-console", description="The officer and supervisor console of Loket."
    )
    parser.add_argument("--config", help="settings file (TOML); default: $LOKET_CONFIG or built-in")
    parser.add_argument("--counter", type=int, help="work at this counter (skip the choice)")
    parser.add_argument(
        "--login",
        metavar="USER",
        help=f"log in as USER at start, with the password in ${PASSWORD_ENV}",
    )
    return parser.parse_args(argv)


def log_in_at_start(window: ConsoleWindow, username: str, password: str) -> None:
    """Fill in and submit the login form: the same check as an officer typing it."""
    window.login.username.setText(username)
    window.login.password.setText(password)
    window.login.submit()


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    try:
        settings = load_settings(args.config)
        if args.counter is not None and args.counter not in {c.number for c in settings.counters}:
            known = ", ".join(str(c.number) for c in settings.counters)
            raise ConfigError(f"There is no counter {args.counter} (counters: {known}).")
        password = os.environ.get(PASSWORD_ENV, "")
        if args.login and not password:
            raise ConfigError(f"--login needs the password in ${PASSWORD_ENV}.")
        ctx = open_queue(settings)
    except (ConfigError, SchemaError) as exc:
        print(f"loket-console: {exc}", file=sys.stderr)
        return 2
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    theme = console_theme()
    apply_theme(app, theme)
    app.setStyleSheet(console_stylesheet(theme))
    window = ConsoleWindow(ctx, counter=args.counter)
    window.resize(1600, 900)
    window.showMaximized()
    if args.login:
        log_in_at_start(window, args.login, password)
    try:
        return app.exec()
    finally:
        window.shutdown()
        ctx.db.dispose()


if __name__ == "__main__":
    raise SystemExit(main())
