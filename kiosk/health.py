"""The kiosk's device health: the printer's state (polled off the UI thread), the scanner's
state, the last error, and the heartbeat row the consoles read.

``DeviceHealth`` asks the printer for its status every ``printer_poll_seconds`` (a status
query is ``DLE EOT 1..4``, see ``printer.status``) and also takes the status each print
attempt saw, so the kiosk knows the printer's state before it offers a ticket. It writes
``db.ops.printjobs.heartbeat`` every ``heartbeat_seconds``: printer online, paper, cover,
scanner state, and in ``detail`` a JSON object with the app version, the printer's own
words, alerts (paper near end) and the last error. Nothing here blocks the UI thread: the
status query and the database write run on one-thread pools, one at a time each.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal

from config.loader import office_identity
from db.context import Actor, QueueContext
from db.ops.printjobs import heartbeat
from kiosk.workers import Runner
from printer import PrinterStatus, read_status
from ui.heartbeat import app_version

logger = logging.getLogger(__name__)


def _one_thread_pool(parent: QObject) -> QThreadPool:
    pool = QThreadPool(parent)
    pool.setMaxThreadCount(1)
    return pool


class DeviceHealth(QObject):
    """What the kiosk knows about its devices; ``printer_usable_changed`` on each flip."""

    changed = Signal()
    printer_usable_changed = Signal(bool)

    def __init__(
        self,
        ctx: QueueContext,
        parent: QObject | None = None,
        *,
        device_lock: threading.Lock | None = None,
        status_fn: Callable[..., PrinterStatus] = read_status,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.settings = ctx.settings
        self.kiosk_id = ctx.settings.kiosk_id
        self.actor = Actor.kiosk(self.kiosk_id)
        self.version = app_version()
        self.device_lock = device_lock or threading.Lock()
        self.status_fn = status_fn
        self.status: PrinterStatus | None = None  # None until the first answer
        scanner = self.settings.kiosk.scanner
        self.scanner = "disconnected" if scanner in ("serial", "camera") else scanner
        self.last_error = ""
        self.beats = 0  # heartbeat rows written (tests, logs)
        self.poller = Runner(self, _one_thread_pool(self))
        self.writer = Runner(self, _one_thread_pool(self))
        self.poll_timer = QTimer(self)
        self.poll_timer.setInterval(int(self.settings.kiosk.printer_poll_seconds * 1000))
        self.poll_timer.timeout.connect(self.poll)
        self.beat_timer = QTimer(self)
        self.beat_timer.setInterval(int(self.settings.kiosk.heartbeat_seconds * 1000))
        self.beat_timer.timeout.connect(self.beat)

    # -- state ----------------------------------------------------------------------------

    @property
    def printer_usable(self) -> bool:
        """True unless the printer is known to be unable to print (unknown counts as usable:
        a job then waits for it, and the applicant sees the number on screen)."""
        return self.problem == ""

    @property
    def problem(self) -> str:
        """``PrinterStatus.problem`` of the last status ("" while none is known yet): the
        reading ``loket-printer status`` gives too."""
        if self.status is None:
            return ""
        return self.status.problem(near_end_stop=self.settings.printer.near_end_stop)

    @property
    def alerts(self) -> list[str]:
        found = []
        if self.status is not None and self.status.paper == "near_end":
            found.append("paper near end")
        if self.problem:
            found.append(self.problem.replace("_", " "))
        if self.scanner == "disconnected":
            found.append("scanner disconnected")
        return found

    def printer_seen(self, status: PrinterStatus) -> None:
        """A status from a poll or a print attempt (UI thread)."""
        before, old = self.printer_usable, self.status
        self.status = status
        if status.paper == "near_end" and (old is None or old.paper != "near_end"):
            logger.warning("printer paper nearly out: load a new roll soon")
        if status.error and (old is None or old.error != status.error):
            self.last_error = f"printer: {status.error}"
        if self.printer_usable != before or old is None:
            logger.info(
                "printer %s: %s",
                "usable" if self.printer_usable else "not usable",
                status.describe(),
            )
        if self.printer_usable != before:
            self.printer_usable_changed.emit(self.printer_usable)
        self.changed.emit()

    def scanner_seen(self, state: str) -> None:
        if state != self.scanner:
            logger.info("scanner %s", state)
            if state == "disconnected":
                self.last_error = "scanner disconnected"
        self.scanner = state
        self.changed.emit()

    def error(self, text: str) -> None:
        self.last_error = text[:300]
        self.changed.emit()

    # -- life cycle -----------------------------------------------------------------------

    def start(self) -> None:
        self.poll()
        self.beat()
        self.poll_timer.start()
        self.beat_timer.start()

    def stop(self) -> None:
        self.poll_timer.stop()
        self.beat_timer.stop()
        self.poller.wait()
        self.writer.wait()

    def set_intervals(self, poll_ms: int, beat_ms: int) -> None:
        """Shorter intervals (tests)."""
        self.poll_timer.setInterval(poll_ms)
        self.beat_timer.setInterval(beat_ms)
        for timer in (self.poll_timer, self.beat_timer):
            if timer.isActive():
                timer.start()

    # -- work off the UI thread -----------------------------------------------------------

    def poll(self) -> None:
        if self.poller.busy:
            return
        printer = self.settings.printer
        lock, status_fn = self.device_lock, self.status_fn

        def work() -> PrinterStatus:
            with lock:  # never between the print worker's writes
                return status_fn(printer)

        self.poller.run(work, self.printer_seen, self._poll_failed)

    def _poll_failed(self, exc: BaseException) -> None:
        logger.error("printer status check failed: %r", exc)
        self.printer_seen(PrinterStatus(online=False, error="status check failed"))

    def heartbeat_detail(self) -> dict[str, Any]:
        status = self.status
        return {
            "version": self.version,
            "printer": status.describe() if status is not None else "not known yet",
            "alerts": self.alerts,
            "last_error": self.last_error,
            **office_identity(self.settings),
        }

    def beat(self) -> None:
        if self.writer.busy:
            return
        status = self.status
        values: dict[str, Any] = {
            "printer_online": status.online if status is not None else None,
            "paper": status.paper if status is not None else "unknown",
            "cover_open": status.cover_open if status is not None else None,
            "scanner": self.scanner,
            "detail": json.dumps(self.heartbeat_detail(), ensure_ascii=False),
        }
        ctx, actor, kiosk_id = self.ctx, self.actor, self.kiosk_id
        self.writer.run(
            lambda: heartbeat(ctx, actor, kiosk_id, **values), self._beat_done, self._beat_failed
        )

    def _beat_done(self, _result: object) -> None:
        self.beats += 1

    def _beat_failed(self, exc: BaseException) -> None:
        logger.error("heartbeat not written: %r", exc)
