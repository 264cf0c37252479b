"""The database change watcher as a QObject: one ``changed`` signal for every app."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QSocketNotifier, QTimer, Signal

from db.changes import EVERYTHING, Change, PostgresChangeListener, SqliteChangeProbe, WakeSocket
from ui.ops import Failure, Operations

POLL_MS = 200
SAFETY_REFRESH_MS = 30_000
RECONNECT_MS = 2_000
# A LAN server answers in milliseconds; a short timeout also bounds how long closing the
# app waits for an attempt still running (PostgreSQL accepts 2 s at least).
CONNECT_TIMEOUT = 2.0

log = logging.getLogger(__name__)


def _connected(url: str) -> PostgresChangeListener:  # worker thread
    listener = PostgresChangeListener(url)
    listener.connect(timeout=CONNECT_TIMEOUT)
    return listener


class QueueWatcher(QObject):
    """Emits ``changed`` soon after any program commits to the queue database, and
    ``changed_what`` with what it changed (a ``db.changes.Change``: business days and
    kinds, or unknown, meaning everything).

    SQLite: a writer on this PC wakes the watcher at once through its datagram socket
    (``db.changes.WakeSocket``, watched by a ``QSocketNotifier``); ``PRAGMA data_version``
    (microseconds, no lock) is still polled every ``POLL_MS``, for a wake-up lost or a
    writer that sends none. A SQLite change is always "everything". PostgreSQL: LISTEN on
    a dedicated connection, its socket watched by a ``QSocketNotifier`` (no polling); the
    notification payload says what changed. Opening that connection (up to
    ``connect_timeout`` seconds when the server is away) runs on the operations bridge,
    never on the UI thread; when the server goes away the watcher tries again every
    ``RECONNECT_MS`` and emits ``changed`` once back (it may have missed something).
    Either way a slow safety refresh emits ``changed`` every ``SAFETY_REFRESH_MS``, so a
    screen never stays stale for long."""

    changed = Signal()
    changed_what = Signal(object)
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
        self._url = url
        self._probe = SqliteChangeProbe(url) if url.startswith("sqlite") else None
        self._wake: WakeSocket | None = None
        self._wake_notifier: QSocketNotifier | None = None
        self._postgres = url.startswith("postgresql")
        self._listener: PostgresChangeListener | None = None
        self._notifier: QSocketNotifier | None = None
        self._connecting = False
        self._ever_connected = False
        self._running = False
        self.ops = Operations(self)
        self._poll = QTimer(self)
        self._poll.setInterval(poll_ms)
        self._poll.timeout.connect(self._check)
        self._safety = QTimer(self)
        self._safety.setInterval(safety_ms)
        self._safety.timeout.connect(lambda: self._emit(EVERYTHING))
        self._reconnect = QTimer(self)
        self._reconnect.setInterval(reconnect_ms)
        self._reconnect.timeout.connect(self._try_connect)

    @property
    def listening(self) -> bool:
        """PostgreSQL: the LISTEN connection is open."""
        return self._listener is not None

    def start(self) -> None:
        """Returns at once; on PostgreSQL the connection opens in the background
        (``connection_lost`` if it cannot, then retries)."""
        self._running = True
        if self._probe is not None:
            self._poll.start()
            self._wake = WakeSocket.open(self._url)
            if self._wake is not None:
                self._wake_notifier = QSocketNotifier(
                    self._wake.fileno(), QSocketNotifier.Type.Read, self
                )
                self._wake_notifier.activated.connect(self._woken)
        if self._postgres:
            self._try_connect()
        self._safety.start()

    def stop(self) -> None:
        """Stops at once; a connection still being opened is closed when it arrives."""
        self._running = False
        self._poll.stop()
        self._safety.stop()
        self._reconnect.stop()
        self._drop_listener()
        if self._wake_notifier is not None:
            self._wake_notifier.setEnabled(False)
            self._wake_notifier.deleteLater()
            self._wake_notifier = None
        if self._wake is not None:
            self._wake.close()
            self._wake = None
        if self._probe is not None:
            self._probe.close()
            self._probe = None

    def _emit(self, change: Change) -> None:
        self.changed.emit()
        self.changed_what.emit(change)

    def _check(self) -> None:
        if self._probe is not None and self._probe.changed():
            self._emit(EVERYTHING)

    def _woken(self) -> None:
        if self._wake is None or not self._wake.drain():
            return
        if self._probe is not None:
            self._probe.changed()  # seen: the next poll need not say it again
        self._emit(EVERYTHING)

    def _try_connect(self) -> None:
        if self._connecting or not self._running:
            return
        self._connecting = True
        url = self._url
        self.ops.run(lambda: _connected(url), self._connect_done, self._connect_failed)

    def _connect_done(self, listener: PostgresChangeListener) -> None:
        self._connecting = False
        if not self._running:
            listener.close()
            return
        self._listener = listener
        self._notifier = QSocketNotifier(listener.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._readable)
        self._reconnect.stop()
        if self._ever_connected:
            self.connection_restored.emit()
            self._emit(EVERYTHING)  # something may have changed while away
        self._ever_connected = True

    def _connect_failed(self, failure: Failure) -> None:
        self._connecting = False
        if not self._running:
            return
        if not self._reconnect.isActive():
            self._lost(str(failure))

    def _drop_listener(self) -> None:
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._notifier = None
        if self._listener is not None:
            self._listener.close()
            self._listener = None

    def _readable(self) -> None:
        if self._listener is None:
            return
        try:
            change = self._listener.drain()
        except ConnectionError as exc:
            self._lost(str(exc))
            return
        if change is not None:
            self._emit(change)

    def _lost(self, why: str) -> None:
        log.warning("queue change notifications lost: %s", why)
        self._drop_listener()
        self._ever_connected = True  # coming back means catching up
        self.connection_lost.emit(why)
        self._reconnect.start()
