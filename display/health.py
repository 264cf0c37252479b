"""The display's heartbeat: the consoles' device view shows each display, and says "voice
unavailable" when calls get the chime only (no speech engine, or no sound output)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject

from db.context import QueueContext
from ui.heartbeat import HEARTBEAT_MS, AppHeartbeat, device_id


def display_id() -> str:
    return device_id("display")


class DisplayHeartbeat(AppHeartbeat):
    """The display's row: its voice state besides what every app's heartbeat says."""

    def __init__(
        self,
        ctx: QueueContext,
        voice: Callable[[], str],
        device: str | None = None,
        interval_ms: int = HEARTBEAT_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(
            ctx, "display", lambda: {"voice": voice()}, device or display_id(), interval_ms, parent
        )
