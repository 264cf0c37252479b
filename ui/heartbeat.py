"""An app's heartbeat: a row in the heartbeat table, written now and every ``interval_ms`` on
the operations bridge, that the consoles' device view reads. It carries the app's kind,
version, office code and database (``config.loader.office_identity``), so a PC whose
settings name another office or another database stands out there."""

from __future__ import annotations

import importlib.metadata
import json
import logging
import socket
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer

from config.loader import office_identity
from db.context import Actor, QueueContext
from db.ops.printjobs import heartbeat
from ui.ops import Failure, Operations

HEARTBEAT_MS = 30_000

log = logging.getLogger(__name__)


def app_version() -> str:
    try:
        return importlib.metadata.version("loket")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def device_id(kind: str) -> str:
    """``display-<host name>``, ``console-<host name>``: one row per app and PC."""
    return f"{kind}-{socket.gethostname()}"[:40]


class AppHeartbeat(QObject):
    """Writes ``{"kind": kind, ...detail(), "version", "office", "database"}`` as the
    device's heartbeat (no printer: paper and scanner "n/a")."""

    def __init__(
        self,
        ctx: QueueContext,
        kind: str,
        detail: Callable[[], dict[str, Any]] | None = None,
        device: str | None = None,
        interval_ms: int = HEARTBEAT_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.kind = kind
        self.device = device or device_id(kind)
        self._detail = detail or dict
        self._fixed = {"version": app_version(), **office_identity(ctx.settings)}
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
        detail = json.dumps(
            {"kind": self.kind, **self._detail(), **self._fixed}, ensure_ascii=False
        )
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
    # The next beat tries again; the app carries on.
    log.warning("heartbeat not written: %s", failure)
