"""Keyboard-wedge QR scanners: the scanner "types" the code very fast, then Enter.

``WedgeScanner`` is an application-wide event filter, so a scan is caught on any screen.
A burst counts as a scan when every key follows the previous one within ``max_gap_ms``
and at least ``min_length`` characters arrive before Enter; a person typing is slower and
is never taken for a scan. The kiosk has no text fields, so the filter keeps the keys.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent

MAX_GAP_MS = 50
MIN_LENGTH = 6
ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class WedgeScanner(QObject):
    scanned = Signal(str)

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        max_gap_ms: float = MAX_GAP_MS,
        min_length: int = MIN_LENGTH,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self.max_gap_ms = max_gap_ms
        self.min_length = min_length
        self.clock = clock
        self.enabled = True
        self._buffer: list[str] = []
        self._last = 0.0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not self.enabled:
            return False
        assert isinstance(event, QKeyEvent)
        self.key(event.key(), event.text())
        return event.key() in ENTER or bool(event.text() and event.text().isprintable())

    def key(self, key: int, text: str) -> None:
        """One key press (the event filter's input; also usable by other sources)."""
        now = self.clock()
        gap_ms = (now - self._last) * 1000
        self._last = now
        if gap_ms > self.max_gap_ms:
            self._buffer.clear()
        if key in ENTER:
            code = "".join(self._buffer)
            self._buffer.clear()
            if len(code) >= self.min_length and gap_ms <= self.max_gap_ms:
                self.scanned.emit(code)
            return
        if text and text.isprintable():
            self._buffer.append(text)
