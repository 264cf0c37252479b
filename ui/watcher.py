"""The database change watcher as a QObject: one ``changed`` signal for every app."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QSocketNotifier, QTimer, Signal

from db.changes import PostgresChangeListener, SqliteChangeProbe

POLL_MS = 200
SAFETY_REFRESH_MS = 30_000
RECONNECT_MS = 2_000

log = logging.getLogger(__name__)


class QueueWatcher(QObject):
    """Emits ``changed`` soon after any program commits to the queue database.

    SQLite: polls ``PRAGMA data_version`` (microseconds, no lock) every ``POLL_MS``.
    PostgreSQL: LISTEN on a dedicated connection, its socket watched by a
    ``QSocketNotifier`` (no polling); when the server goes away the watcher reconnects by
    itself every ``RECONNECT_MS`` and emits ``changed`` once back (it may have missed
    something). Either way a slow safety refresh emits ``changed`` every
    ``SAFETY_REFRESH_MS``, so a screen never stays stale for long whatever happens."""

    changed = Signal()
    connection_lost = Signal(str)
    connection_restored = Signal()

    def __init__(
        self,
        url: str,
        parent: QObject | None = None,
        poll_ms: int = POLL_MS,
        safety_ms: int = SAFETY_REFRESH_MS,
        reconnect_ms: int = RECONNECT_MS,
    ) -> None:
        super().__init__(parent)
        self._probe = SqliteChangeProbe(url) if url.startswith("sqlite") else None
        self._listener = PostgresChangeListener(url) if url.startswith("postgresql") else None
        self._notifier: QSocketNotifier | None = None
        self._poll = QTimer(self)
        self._poll.setInterval(poll_ms)
        self._poll.timeout.connect(self._check)
        self._safety = QTimer(self)
        self._safety.setInterval(safety_ms)
        self._safety.timeout.connect(self.changed)
        self._reconnect = QTimer(self)
        self._reconnect.setInterval(reconnect_ms)
        self._reconnect.timeout.connect(self._try_reconnect)

    def start(self) -> None:
        if self._probe is not None:
            self._poll.start()
        if self._listener is not None:
            try:
                self._listen()
            except ConnectionError as exc:
                self._lost(str(exc))
        self._safety.start()

    def stop(self) -> None:
        self._poll.stop()
        self._safety.stop()
        self._reconnect.stop()
        self._drop_notifier()
        if self._probe is not None:
            self._probe.close()
            self._probe = None
        if self._listener is not None:
            self._listener.close()

    def _check(self) -> None:
        if self._probe is not None and self._probe.changed():
            self.changed.emit()

    def _listen(self) -> None:
        assert self._listener is not None
        self._listener.connect()
        self._notifier = QSocketNotifier(self._listener.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._readable)

    def _drop_notifier(self) -> None:
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._notifier = None

    def _readable(self) -> None:
        assert self._listener is not None
        try:
            if self._listener.drain():
                self.changed.emit()
        except ConnectionError as exc:
            self._lost(str(exc))

    def _lost(self, why: str) -> None:
        log.warning("queue change notifications lost: %s", why)
        self._drop_notifier()
        self.connection_lost.emit(why)
        self._reconnect.start()

    def _try_reconnect(self) -> None:
        try:
            self._listen()
        except ConnectionError:
            return
        self._reconnect.stop()
        self.connection_restored.emit()
        self.changed.emit()
