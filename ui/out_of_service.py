"""The screen an app shows when it cannot open the office's queue database at start: the
database is away, it was made by a newer Loket than this PC runs, or it is older and this
PC may not upgrade it (the owner upgrades an office's database). Instead of exiting
(and, under systemd, restarting to a blank screen every few seconds) the app says so in
plain words, names both versions when they differ, says what to do, and tries again every
``retry_seconds`` on a worker thread. When the database opens, ``wait_for_queue`` returns it
and the app starts as usual."""

from __future__ import annotations

import importlib.metadata
import logging
import sys
from collections.abc import Callable

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

from config.settings import Settings
from db.context import QueueContext
from db.migrate import DatabaseAway, NewerDatabase, OlderDatabase, SchemaError, open_queue
from ui.ops import Failure, Operations

log = logging.getLogger(__name__)

RETRY_SECONDS = 30


def loket_version() -> str:
    try:
        return importlib.metadata.version("loket")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def explain(error: BaseException) -> tuple[str, str]:
    """(what happened, what to do) for the people in front of the screen and the staff."""
    if isinstance(error, NewerDatabase):
        return (
            "This PC's Loket is older than the office database.",
            f"This PC runs Loket {loket_version()} (database schema {error.known}); the "
            f"office database has schema {error.found}, made by a newer Loket. Ask the "
            'administrator to update Loket on this PC (deployment guide: "Upgrading an '
            'office"). Nothing was changed in the database.',
        )
    if isinstance(error, OlderDatabase):
        return (
            "The office database has not been upgraded for this PC's Loket yet.",
            f"This PC runs Loket {loket_version()} (database schema {error.known}); the "
            f"office database has schema {error.found or 'none'}, and this PC may not upgrade "
            "it. Ask the administrator to upgrade the database on the server (deployment "
            'guide: "Upgrading an office"); this screen tries again by itself. Nothing was '
            "changed in the database.",
        )
    return (
        "The office database cannot be reached.",
        f"{error} - Check the network cable and that the database server is on; this "
        "screen tries again by itself.",
    )


class OutOfService(QWidget):
    """A calm full-window notice; ``heading`` is the app's own first line (the kiosk's is
    Indonesian, for the lobby)."""

    def __init__(self, heading: str, error: BaseException, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("outOfService")
        self.setWindowTitle("Loket - out of service")
        self.setStyleSheet(
            "#outOfService { background: #1f2a44; }"
            "QLabel { color: white; }"
            "#oosHeading { font-size: 44px; font-weight: bold; }"
            "#oosWhat { font-size: 28px; }"
            "#oosDetail { font-size: 20px; color: #d8deea; }"
            "#oosRetry { font-size: 18px; color: #aab4c8; }"
        )
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.heading = QLabel(heading, objectName="oosHeading")
        self.what = QLabel("", objectName="oosWhat")
        self.detail = QLabel("", objectName="oosDetail")
        self.retry = QLabel("", objectName="oosRetry")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(80, 80, 80, 80)
        layout.setSpacing(28)
        layout.addStretch(1)
        for label in (self.heading, self.what, self.detail, self.retry):
            label.setWordWrap(True)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(label)
        layout.addStretch(1)
        self.show_error(error)

    def show_error(self, error: BaseException) -> None:
        what, detail = explain(error)
        self.what.setText(what)
        self.detail.setText(detail)


def open_or_wait(
    app: QApplication, prog: str, settings: Settings, heading: str, *, fullscreen: bool
) -> QueueContext | None:
    """The app's queue: opened at once, or after the out-of-service screen (None when the
    app was asked to quit first). A settings mistake (``SchemaError``) is raised as it is:
    waiting would not mend it."""
    try:
        return open_queue(settings)
    except (NewerDatabase, OlderDatabase, DatabaseAway) as exc:
        print(f"{prog}: {exc}", file=sys.stderr)
        return wait_for_queue(
            app, heading, exc, lambda: open_queue(settings), fullscreen=fullscreen
        )


def wait_for_queue(
    app: QApplication,
    heading: str,
    error: BaseException,
    open_queue: Callable[[], QueueContext],
    *,
    fullscreen: bool = True,
    retry_seconds: float = RETRY_SECONDS,
) -> QueueContext | None:
    """Show :class:`OutOfService` and retry ``open_queue`` until it works (the context) or
    the app is asked to quit (None). The UI thread never waits for the database."""
    log.error("out of service: %s", error)
    # A loop of its own, not the application's: the app's own exec() comes after, and a
    # quit asked for (a stop signal) ends this loop as well.
    loop = QEventLoop()
    screen = OutOfService(heading, error)
    ops = Operations(screen)
    opened: list[QueueContext] = []
    timer = QTimer(screen)
    timer.setSingleShot(True)
    timer.setInterval(int(retry_seconds * 1000))

    def countdown() -> None:
        screen.retry.setText(f"Trying again every {retry_seconds:g} s.")

    def attempt() -> None:
        screen.retry.setText("Trying again now...")
        ops.run(open_queue, done, failed)

    def done(ctx: QueueContext) -> None:
        log.info("the queue database opened; starting")
        opened.append(ctx)
        loop.quit()

    def failed(failure: Failure) -> None:
        if not isinstance(failure.error, SchemaError):
            log.error("opening the queue failed", exc_info=failure.error)
        screen.show_error(failure.error)
        countdown()
        timer.start()

    timer.timeout.connect(attempt)
    countdown()
    timer.start()
    if fullscreen:
        screen.showFullScreen()
    else:
        screen.resize(1280, 720)
        screen.show()
    app.aboutToQuit.connect(loop.quit)
    loop.exec()
    app.aboutToQuit.disconnect(loop.quit)
    timer.stop()
    ops.shutdown()
    screen.close()
    screen.deleteLater()
    return opened[0] if opened else None
