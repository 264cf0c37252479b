"""``loket-display``: the calling display on the waiting room's TV.

    loket-display [--config FILE] [--counters 1,2,3] [--window 1920x1080] [--mute]

The window fills the screen it is on (frameless, sized to the screen's geometry, so it
needs no window manager). The display only reads the queue; it learns of calls from the
database's change signal.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from config import ConfigError, add_config_option, load_settings
from db.context import QueueContext
from db.migrate import SchemaError
from db.read.calling_display import DisplayScope, DisplayUpdate
from display.announcer import Announcer
from display.audio import AudioSink, Espeak, default_sink
from display.feed import POLL_MS, CallFeed
from display.health import DisplayHeartbeat
from display.screen import DisplayWindow
from ui.lifetime import delete_on_ui_thread
from ui.logs import setup_logging
from ui.out_of_service import open_or_wait
from ui.screen_check import display_problem
from ui.signals import quit_on_signals, stop_on_signals_before_qt
from ui.startup import report_first_frame

log = logging.getLogger("display")


class CallingDisplay(QObject):
    """The display wired together: the feed reads, the window shows, the announcer speaks.
    ``announcer`` is None when the display is muted."""

    def __init__(
        self,
        ctx: QueueContext,
        *,
        counters: Sequence[int] | None = None,
        sink: AudioSink | None = None,
        engine: Espeak | None = None,
        muted: bool = False,
        poll_ms: int = POLL_MS,
        report_updates: bool = False,
    ) -> None:
        super().__init__()
        settings = ctx.settings
        self.scope = DisplayScope.of(settings, counters)
        self.window = DisplayWindow(settings, self.scope, ctx.clock)
        # The latest call and the ``recent_calls`` before it.
        self.feed = CallFeed(ctx, self.scope, settings.display.recent_calls + 1, poll_ms, self)
        self.announcer: Announcer | None = None
        if not muted:
            self.announcer = Announcer(
                settings.display, sink if sink is not None else default_sink(), engine, self
            )
        self._report = report_updates
        self.health = DisplayHeartbeat(ctx, self._voice_state, parent=self)
        self.feed.loaded.connect(self._loaded)
        self.feed.updated.connect(self._updated)
        self.feed.failed.connect(self._failed)

    @property
    def voice_available(self) -> bool:
        """False when calls get the chime only (what a console's device view would show as
        "voice unavailable")."""
        return self.announcer is not None and self.announcer.voice_available

    def _voice_state(self) -> str:
        if self.announcer is None:
            return "muted"
        return "ok" if self.voice_available else "unavailable"

    def start(self) -> None:
        self.feed.start()
        self.health.start()

    def close(self) -> None:
        self.health.stop()
        self.feed.stop()
        if self.announcer is not None:
            self.announcer.close()
        self.window.translations.uninstall()
        self.window.close()
        # Its timers stop here, and this object's workers are deleted on this (the UI)
        # thread: left to the garbage collector, they could be destroyed, running, on
        # whichever thread happens to collect.
        for timer in self.window.findChildren(QTimer):
            timer.stop()
        delete_on_ui_thread(self)

    @Slot(object)
    def _loaded(self, update: DisplayUpdate) -> None:
        self.window.load(update)
        self._print("ready", update)

    @Slot(object)
    def _updated(self, update: DisplayUpdate) -> None:
        for call in self.window.apply(update):
            if self.announcer is not None:
                self.announcer.announce(call)
        if update.calls:
            self._print("update", update)

    @Slot(str)
    def _failed(self, message: str) -> None:
        log.warning("queue not readable, showing the last picture: %s", message)

    def _print(self, what: str, update: DisplayUpdate) -> None:
        """For the benchmark: when the view changed, on a clock shared by all processes."""
        if self._report:
            latest = self.window.board.latest
            number = latest.number if latest else "-"
            print(f"{what} {update.last_event_id} {number} {time.monotonic_ns()}", flush=True)


def parse_counters(text: str) -> list[int]:
    try:
        numbers = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected counter numbers like 1,2,3, got {text!r}"
        ) from None
    if not numbers:
        raise argparse.ArgumentTypeError("expected at least one counter number")
    return numbers


def parse_size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a size like 1920x1080, got {text!r}") from None
    return width, height


PROG = "loket-display"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG, description="The calling display on the waiting room's TV."
    )
    add_config_option(parser)
    parser.add_argument(
        "--counters", type=parse_counters, help="show only these counters, e.g. 1,2,3"
    )
    parser.add_argument(
        "--window", type=parse_size, metavar="WxH", help="a window of this size, not fullscreen"
    )
    parser.add_argument("--mute", action="store_true", help="no chime and no voice")
    parser.add_argument("--verbose", action="store_true", help="log everything on the terminal too")
    parser.add_argument(
        "--report-updates", action="store_true", help=argparse.SUPPRESS
    )  # the benchmark's timing lines
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``loket-display``; returns the exit code. SIGINT ends it with 130,
    SIGTERM with 0, after the voice and the database are released."""
    stop_on_signals_before_qt()
    args = build_parser().parse_args(argv)
    try:
        return _main(args)
    except KeyboardInterrupt:
        return 130


def _main(args: argparse.Namespace) -> int:
    try:
        settings = load_settings(args.config)
        scope_counters = args.counters
        DisplayScope.of(settings, scope_counters)
        log_file = setup_logging("display", verbose=args.verbose)
    except (ConfigError, ValueError) as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 2
    if QApplication.instance() is None:
        problem = display_problem(PROG, "--window WxH")
        if problem:
            print(problem, file=sys.stderr)
            return 2
    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName(PROG)
    report_first_frame(app)
    signals = quit_on_signals(app)
    try:
        # Out of service, not gone, while the database is away, newer, or older and not
        # this PC's to upgrade: the waiting room sees why, and the display starts by itself
        # once the database opens.
        try:
            opened = open_or_wait(
                app,
                PROG,
                settings,
                "Mohon maaf, layar antrean sedang tidak tersedia.",
                fullscreen=not args.window,
            )
        except SchemaError as exc:
            print(f"{PROG}: {exc}", file=sys.stderr)
            return 1
        if opened is None:
            return 1
        ctx = opened
        try:
            return _run(args, app, ctx, scope_counters, log_file)
        finally:
            ctx.db.dispose()
    finally:
        signals.close()


def _run(
    args: argparse.Namespace,
    app: QApplication,
    ctx: QueueContext,
    scope_counters: list[int] | None,
    log_file: Path,
) -> int:
    settings = ctx.settings
    engine = Espeak.find() if settings.display.voice else None
    display = CallingDisplay(
        ctx,
        counters=scope_counters,
        engine=engine,
        muted=args.mute,
        report_updates=args.report_updates,
    )
    try:
        if display.announcer is not None and settings.display.voice and not display.voice_available:
            log.warning("voice unavailable on this display (install espeak-ng)")
        window = display.window
        if args.window:
            window.resize(*args.window)
            window.show()
        else:
            window.setWindowFlags(Qt.WindowType.FramelessWindowHint | Qt.WindowType.Window)
            window.setCursor(Qt.CursorShape.BlankCursor)
            screen = QGuiApplication.primaryScreen()
            if screen is not None:
                window.setGeometry(screen.geometry())
            window.show()
        display.start()
        log.info("display ready, log file %s", log_file)
        return app.exec()
    finally:
        display.close()
