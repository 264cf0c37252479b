"""Starting the kiosk: ``loket-kiosk [--config FILE] [--windowed [portrait|landscape]]``.

With no configuration it runs on the embedded defaults, a SQLite file in the data folder
and the built-in virtual printer, which saves every ticket as a PNG there.
"""

from __future__ import annotations

import argparse
import logging
import sys
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from config import ConfigError, Settings, add_config_option, load_settings
from db.context import QueueContext
from kiosk.flows import KioskFlows
from kiosk.health import DeviceHealth
from kiosk.idle import IdleMonitor
from kiosk.logs import setup_logging
from kiosk.printing import TicketPrinter
from kiosk.scanner import WedgeScanner
from kiosk.serial_scanner import SerialScanner
from kiosk.staff import StaffLock, hash_secret
from kiosk.window import KioskWindow
from ui.i18n import Translations
from ui.screen_check import display_problem
from ui.signals import quit_on_signals, stop_on_signals_before_qt
from ui.sound import AudioSink
from ui.startup import report_first_frame
from ui.watcher import QueueWatcher

if TYPE_CHECKING:
    from kiosk.camera_scanner import CameraScanner

TICKETS = ("tickets",)
# A supervisor's changes to the day (closed, walk-in, a service closed).
DAYS = ("days",)

logger = logging.getLogger("kiosk")

SIZES = {"portrait": (1080, 1920), "landscape": (1920, 1080)}


@dataclass
class Kiosk:
    """The running kiosk's parts (tests drive them directly)."""

    window: KioskWindow
    flows: KioskFlows
    printer: TicketPrinter
    scanner: WedgeScanner
    idle: IdleMonitor
    staff: StaffLock
    watcher: QueueWatcher | None
    health: DeviceHealth | None = None
    serial_scanner: SerialScanner | None = None
    camera_scanner: CameraScanner | None = None

    def shut_down(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.scanner)
            app.removeEventFilter(self.idle)
        self.idle.stop()
        if self.watcher is not None:
            self.watcher.stop()
        if self.serial_scanner is not None:
            self.serial_scanner.stop()
        if self.camera_scanner is not None:
            self.camera_scanner.stop()
        if self.health is not None:
            self.health.stop()
        self.printer.stop()
        self.flows.runner.wait()
        self.flows.background.wait()
        self.window.translations.uninstall()
        self.window.allow_close = True
        self.window.close()


def build_kiosk(
    ctx: QueueContext,
    *,
    translations: Translations | None = None,
    staff: StaffLock | None = None,
    watch: bool = True,
    voice_sink: AudioSink | None = None,
) -> Kiosk:
    app = QApplication.instance()
    assert isinstance(app, QApplication), "create the QApplication first"
    settings = ctx.settings
    window = KioskWindow(ctx, translations, voice_sink)
    device_lock = threading.Lock()  # one conversation with the printer at a time
    health = DeviceHealth(ctx, window, device_lock=device_lock)
    printer = TicketPrinter(
        ctx,
        lambda: window.state.language,
        parent=window,
        problem=lambda: health.problem,
        device_lock=device_lock,
    )
    printer.status_seen.connect(health.printer_seen)
    health.printer_usable_changed.connect(lambda usable: printer.kick() if usable else None)
    scanner = WedgeScanner(window)
    idle = IdleMonitor(
        settings.idle.kiosk_seconds * 1000, settings.idle.kiosk_warning_seconds, window
    )
    staff = staff or StaffLock(settings.kiosk.staff_pin_hash, settings.kiosk.staff_card_hashes)
    flows = KioskFlows(window, printer, scanner, idle, staff, health)
    serial_scanner = None
    if settings.kiosk.scanner == "serial":
        k = settings.kiosk
        serial_scanner = SerialScanner(k.serial_port, k.serial_baud, k.serial_terminator, window)
        serial_scanner.scanned.connect(flows.scanned)
        serial_scanner.state_changed.connect(health.scanner_seen)
        serial_scanner.start()
    camera_scanner = None
    if settings.kiosk.scanner == "camera":
        camera_scanner = _camera_scanner(window, flows, health)
    app.installEventFilter(scanner)
    app.installEventFilter(idle)
    watcher = None
    if watch:
        watcher = QueueWatcher(settings.database_url, window)
        # Only changes to tickets (quotas, print jobs) and to the day matter here; SQLite's
        # are "anything". The service tiles follow a service closed or reopened at once.
        watcher.changed_what.connect(
            lambda change: (
                flows.refresh_quotas()
                if (window.current == "home" and change.touches(TICKETS + DAYS))
                or (window.current in ("service", "vip") and change.touches(DAYS))
                else None
            )
        )
        watcher.changed_what.connect(  # a reprint asked for at a console
            lambda change: printer.kick() if change.touches(TICKETS) else None
        )
        watcher.start()
    health.start()
    printer.kick()  # jobs left pending by an earlier run
    flows.go_home()
    return Kiosk(
        window,
        flows,
        printer,
        scanner,
        idle,
        staff,
        watcher,
        health,
        serial_scanner=serial_scanner,
        camera_scanner=camera_scanner,
    )


def _camera_scanner(window: KioskWindow, flows: KioskFlows, health: DeviceHealth) -> CameraScanner:
    """The webcam scanner, its picture on the scan screen (Qt Multimedia is loaded only for
    a kiosk that scans with a camera)."""
    from kiosk.camera_scanner import CameraPreview, CameraScanner
    from kiosk.screens.base import ScreenName
    from kiosk.screens.checkin import ScanScreen

    camera = CameraScanner(window)
    preview = CameraPreview()
    screen = window.screen_named(ScreenName.SCAN)
    assert isinstance(screen, ScanScreen)
    screen.attach_camera(preview)
    camera.frame.connect(preview.show_frame)
    camera.scanned.connect(flows.scanned)
    camera.state_changed.connect(health.scanner_seen)
    camera.state_changed.connect(screen.set_camera_state)
    camera.start()
    return camera


PROG = "loket-kiosk"


def _parser() -> argparse.ArgumentParser:
    # --config before or after the sub-command, with the same meaning (see add_config_option).
    parser = argparse.ArgumentParser(
        prog=PROG, description="The touch kiosk of the passport office queue."
    )
    add_config_option(parser)
    parser.add_argument(
        "--windowed",
        nargs="?",
        const="portrait",
        choices=sorted(SIZES),
        help="run in a window (portrait 1080x1920 or landscape 1920x1080) instead of fullscreen",
    )
    parser.add_argument("--verbose", action="store_true", help="log everything on the terminal too")
    common = argparse.ArgumentParser(add_help=False)
    add_config_option(common, subcommand=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    hash_pin = sub.add_parser(
        "hash-pin", parents=[common], help="print the argon2 hash of a staff PIN or card"
    )
    hash_pin.add_argument("secret")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``loket-kiosk``; returns the exit code. SIGINT ends it with 130,
    SIGTERM with 0, after the printer, scanner and database are released."""
    stop_on_signals_before_qt()
    args = _parser().parse_args(argv)
    try:
        return _main(args)
    except KeyboardInterrupt:
        return 130


def _main(args: argparse.Namespace) -> int:
    try:
        settings = load_settings(args.config)
        if args.command == "hash-pin":
            print(hash_secret(args.secret))
            return 0
        log_file = setup_logging(verbose=args.verbose)
    except ConfigError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 2
    from db.migrate import SchemaError
    from ui.out_of_service import open_or_wait

    if QApplication.instance() is None:
        problem = display_problem(PROG, "--windowed")
        if problem:
            print(problem, file=sys.stderr)
            return 2
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(PROG)
    report_first_frame(app)
    signals = quit_on_signals(app)
    try:
        # Out of service, not gone, while the database is away, newer, or older and not
        # this PC's to upgrade: the lobby sees why, and the kiosk starts by itself once the
        # database opens.
        try:
            opened = open_or_wait(
                app,
                PROG,
                settings,
                "Mohon maaf, kios sedang tidak dapat digunakan. Silakan ke meja informasi.",
                fullscreen=not args.windowed,
            )
        except SchemaError as exc:
            print(f"{PROG}: {exc}", file=sys.stderr)
            return 1
        if opened is None:
            return 1
        ctx = opened
        try:
            return _run(args, app, settings, ctx, log_file)
        finally:
            ctx.db.dispose()
    finally:
        signals.close()


def _run(
    args: argparse.Namespace,
    app: QApplication,
    settings: Settings,
    ctx: QueueContext,
    log_file: Path,
) -> int:
    from printer import PrinterError, ensure_virtual_printer

    emulator = None
    try:
        emulator = ensure_virtual_printer(settings.printer)
    except PrinterError as exc:
        logger.warning("virtual printer not started: %s", exc)
    if emulator is not None:
        logger.info("virtual printer saves tickets in %s", emulator.out_dir)
    logger.info("kiosk %s starting, log file %s", settings.kiosk_id, log_file)
    try:
        kiosk = build_kiosk(ctx)
    except BaseException:
        if emulator is not None:
            emulator.stop()
        raise
    window = kiosk.window
    window.exit_requested.connect(app.quit)
    try:
        if args.windowed:
            window.resize_to(*SIZES[args.windowed])
            window.show()
        else:
            window.fit_to_screen()
            window.show()
            if settings.kiosk.hide_cursor:
                app.setOverrideCursor(Qt.CursorShape.BlankCursor)
        logger.info("kiosk ready")
        return app.exec()
    finally:
        kiosk.shut_down()
        if emulator is not None:
            emulator.stop()
