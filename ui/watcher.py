"""The database change watcher as a QObject: one ``changed`` signal for every app."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from db.changes import SqliteChangeProbe

POLL_MS = 200
SAFETY_REFRESH_MS = 30_000


class QueueWatcher(QObject):
    """Emits ``changed`` soon after any program commits to the queue database.

    SQLite: polls ``PRAGMA data_version`` (microseconds, no lock) every ``POLL_MS``. A slow
    safety refresh emits ``changed`` anyway every ``SAFETY_REFRESH_MS`` so that a screen
    can never stay stale for long, whatever happens."""

    changed = Signal()

    def __init__(
        self,
        url: str,
        parent: QObject | None = None,
        poll_ms: int = POLL_MS,
        safety_ms: int = SAFETY_REFRESH_MS,
    ) -> None:
        super().__init__(parent)
        self._probe = SqliteChangeProbe(url) if url.startswith("sqlite") else None
        self._poll = QTimer(self)
        self._poll.setInterval(poll_ms)
        self._poll.timeout.connect(self._check)
        self._safety = QTimer(self)
        self._safety.setInterval(safety_ms)
        self._safety.timeout.connect(self.changed)

    def start(self) -> None:
        if self._probe is not None:
            self._poll.start()
        self._safety.start()

    def stop(self) -> None:
        self._poll.stop()
        self._safety.stop()
        if self._probe is not None:
            self._probe.close()
            self._probe = None

    def _check(self) -> None:
        if self._probe is not None and self._probe.changed():
            self.changed.emit()
