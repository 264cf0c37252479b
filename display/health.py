"""The display's heartbeat: the consoles' device view shows each display, and says "voice
unavailable" when calls get the chime only (no speech engine, or no sound output)."""

from __future__ import annotations

import json
import logging
import socket
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from db.context import Actor, QueueContext
from db.ops.printjobs import heartbeat
from ui.ops import Failure, Operations

HEARTBEAT_MS = 30_000

log = logging.getLogger(__name__)


def display_id() -> str:
    return f"display-{socket.gethostname()}"[:40]


class DisplayHeartbeat(QObject):
    """Writes a heartbeat row on the operations bridge now and every ``interval_ms``."""

    def __init__(
        self,
        ctx: QueueContext,
        voice: Callable[[], str],
        device: str | None = None,
        interval_ms: int = HEARTBEAT_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.device = device or display_id()
        self._voice = voice
        self.ops = Operations(self)
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.beat)

    def start(self) -> None:
        self.beat()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self.ops.wait(5000)

    def beat(self) -> None:
        detail = json.dumps({"kind": "display", "voice": self._voice()})
        ctx, device = self.ctx, self.device

        def write() -> None:
            heartbeat(
                ctx,
                Actor.kiosk(device),
                device,
                printer_online=None,
                paper="n/a",
                cover_open=None,
                scanner="n/a",
                detail=detail,
            )

        self.ops.run(write, None, _not_written)


def _not_written(failure: Failure) -> None:
    # The next beat tries again; the screen carries on.
    log.warning("display heartbeat not written: %s", failure)
