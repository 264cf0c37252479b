"""Running queue operations and queries off the UI thread.

Every database call of the console goes through :class:`Tasks`: the function runs on a
worker thread of a private ``QThreadPool``; its result or exception comes back through a
queued signal and the callback runs on the UI thread. Errors become one plain sentence
(:func:`describe_error`), never a traceback on screen."""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from shiboken6 import isValid
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

from db.engine import DatabaseBusy, DatabaseUnavailable
from db.errors import QueueError
from db.io.booking_export import ExportError

log = logging.getLogger(__name__)

Done = Callable[[Any], None]
Failed = Callable[[str], None]


UNREACHABLE = (
    "The queue database cannot be reached; reconnecting. Once it is back, check whether "
    "this step was saved before repeating it."
)


def is_unreachable(exc: BaseException) -> bool:
    """The database server is away or the connection was lost (not merely busy)."""
    if isinstance(exc, DatabaseBusy):
        return False
    if isinstance(exc, DatabaseUnavailable | OperationalError | InterfaceError):
        return True
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return True
    return any(  # the driver's own errors, raised outside SQLAlchemy
        cls.__name__ in ("OperationalError", "InterfaceError")
        and cls.__module__.split(".")[0] in ("psycopg", "sqlite3")
        for cls in type(exc).__mro__
    )


def describe_error(exc: BaseException) -> str:
    """What the officer reads when an operation fails."""
    if isinstance(exc, QueueError):
        return exc.message
    if isinstance(exc, DatabaseBusy):
        return "The queue database is busy; please try again in a moment."
    if is_unreachable(exc):
        log.warning("queue database unreachable: %r", exc)
        return UNREACHABLE
    if isinstance(exc, ExportError):
        return str(exc)
    if isinstance(exc, FileNotFoundError | PermissionError | IsADirectoryError):
        return f"Cannot read {exc.filename}: {exc.strerror}."
    log.error("console operation failed", exc_info=exc)
    return f"Something went wrong ({type(exc).__name__}); the details were logged."


class _Relay(QObject):
    finished = Signal(int, bool, object)


class _Job(QRunnable):
    def __init__(self, key: int, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._key = key
        self._fn = fn
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._fn()
        except BaseException as exc:  # every failure is reported to the UI thread
            self._relay.finished.emit(self._key, False, exc)
        else:
            self._relay.finished.emit(self._key, True, result)


class Tasks(QObject):
    """Runs functions on worker threads and calls back on the UI thread. ``reachable``
    turns False when an operation fails because the database is away and True again at
    the next success (``reachable_changed``)."""

    busy_changed = Signal(bool)
    reachable_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None, threads: int = 2) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(threads)
        self._relay = _Relay()
        self._relay.finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._pending: dict[int, tuple[Done | None, Failed | None]] = {}
        self._keys = itertools.count(1)
        self._closed = False
        self.reachable = True

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def run(
        self, fn: Callable[[], Any], on_done: Done | None = None, on_error: Failed | None = None
    ) -> None:
        if self._closed:
            return
        key = next(self._keys)
        was_busy = self.busy
        self._pending[key] = (on_done, on_error)
        if not was_busy:
            self.busy_changed.emit(True)
        self._pool.start(_Job(key, fn, self._relay))

    @Slot(int, bool, object)
    def _deliver(self, key: int, ok: bool, payload: object) -> None:
        on_done, on_error = self._pending.pop(key, (None, None))
        if self._closed:
            return
        try:
            down = not ok and isinstance(payload, BaseException) and is_unreachable(payload)
            if (ok or down) and self.reachable == down:
                self.reachable = not down
                self.reachable_changed.emit(self.reachable)
            if ok:
                if on_done is not None:
                    on_done(payload)
            else:
                assert isinstance(payload, BaseException)
                text = describe_error(payload)
                if on_error is not None:
                    on_error(text)
        finally:
            if not self._pending:
                self.busy_changed.emit(False)

    def shutdown(self, wait_ms: int = 10_000) -> None:
        """Drop pending callbacks and wait for running workers (closing the window)."""
        self._closed = True
        self._pool.waitForDone(wait_ms)


class Refresher(QObject):
    """One query re-run on request, never twice at once: a request while it runs makes it
    run once more afterwards (a burst of database changes costs at most two reads)."""

    def __init__(
        self,
        tasks: Tasks,
        query: Callable[[], Any],
        apply: Callable[[Any], None],
        on_error: Failed | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._query = query
        self._apply = apply
        self._on_error = on_error
        self._running = False
        self._again = False
        self.loads = 0

    @Slot()
    def request(self) -> None:
        if self._running:
            self._again = True
            return
        self._running = True
        self._tasks.run(self._query, self._done, self._failed)

    def _finish(self) -> None:
        self._running = False
        if self._again:
            self._again = False
            self.request()

    def _done(self, result: Any) -> None:
        if not isValid(self):  # the page was closed while its query ran
            return
        self.loads += 1
        try:
            self._apply(result)
        finally:
            self._finish()

    def _failed(self, text: str) -> None:
        if not isValid(self):
            return
        try:
            if self._on_error is not None:
                self._on_error(text)
        finally:
            self._finish()
