"""Inactivity: after ``idle_ms`` without a touch or key, a "still there?" warning counts
down ``warning_seconds``, then ``timed_out`` sends the kiosk home.

The timers are ordinary ``QTimer``s whose intervals tests may shorten; ``expire()`` and
``tick()`` step the sequence by hand.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

ACTIVITY = {
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonRelease,
    QEvent.Type.TouchBegin,
    QEvent.Type.TouchUpdate,
    QEvent.Type.KeyPress,
    QEvent.Type.Wheel,
}


class IdleMonitor(QObject):
    warning = Signal(int)  # seconds left; emitted at the start and on every tick
    resumed = Signal()  # activity during the warning
    timed_out = Signal()

    def __init__(self, idle_ms: int, warning_seconds: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.warning_seconds = warning_seconds
        self.left = 0
        self.active = False  # counting at all (off on the home screen)
        self.idle_timer = QTimer(self)
        self.idle_timer.setSingleShot(True)
        self.idle_timer.setInterval(idle_ms)
        self.idle_timer.timeout.connect(self.expire)
        self.tick_timer = QTimer(self)
        self.tick_timer.setInterval(1000)
        self.tick_timer.timeout.connect(self.tick)

    @property
    def warning_shown(self) -> bool:
        return self.tick_timer.isActive()

    def set_intervals(self, idle_ms: int, tick_ms: int) -> None:
        self.idle_timer.setInterval(idle_ms)
        self.tick_timer.setInterval(tick_ms)
        if self.active:
            self.poke()

    def start(self) -> None:
        self.active = True
        self.poke()

    def stop(self) -> None:
        self.active = False
        self.idle_timer.stop()
        if self.tick_timer.isActive():
            self.tick_timer.stop()
            self.resumed.emit()

    def poke(self) -> None:
        """Someone is there: restart the wait, close a warning."""
        if not self.active:
            return
        if self.tick_timer.isActive():
            self.tick_timer.stop()
            self.resumed.emit()
        self.idle_timer.start()

    def expire(self) -> None:
        self.idle_timer.stop()
        self.left = self.warning_seconds
        self.tick_timer.start()
        self.warning.emit(self.left)

    def tick(self) -> None:
        self.left -= 1
        if self.left <= 0:
            self.tick_timer.stop()
            self.active = False
            self.timed_out.emit()
        else:
            self.warning.emit(self.left)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in ACTIVITY and self.active:
            self.poke()
        return False
