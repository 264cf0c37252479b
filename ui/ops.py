"""The one bridge between the Qt UI thread and blocking work (database, printer, speech).

``Operations.run(fn, on_done, on_failed)`` calls ``fn()`` on a worker thread and delivers
its result, or a typed :class:`Failure`, back on the UI thread through a queued signal, in
the spirit of Anki's ``QueryOp`` / ``CollectionOp``. The UI thread never waits for ``fn``.

Threads: every ``Operations`` object owns a private ``QThreadPool`` of ``threads`` worker
threads (one by default, so its tasks run strictly one after another, in the order they
were submitted); an app makes one ``Operations`` per independent stream of work (the
kiosk's applicant requests, its printer, a display's reads, its announcements), so a slow
printer never holds up a database read. A caller may pass an existing pool instead.

This module also owns the one answer to "is the queue database unreachable?"
(:func:`is_unreachable`): server away, connection lost or refused, not merely busy.
``Operations.reachable`` follows it: False after a failure of that kind, True again at the
next success (``reachable_changed``).

:class:`Refresher` is the coalescing read every live screen uses: one query re-run on
request, never twice at once.
"""

from __future__ import annotations

import enum
import itertools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from shiboken6 import isValid
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

from db.engine import DatabaseBusy, DatabaseUnavailable
from db.errors import QueueError

log = logging.getLogger(__name__)


def is_unreachable(exc: BaseException) -> bool:
    """The queue database cannot be reached: the server is away, the connection was lost
    or refused, the file cannot be opened. A database that is merely busy (locked, a
    serialization conflict retried too often) is not unreachable."""
    if isinstance(exc, DatabaseBusy):
        return False
    if isinstance(exc, DatabaseUnavailable | OperationalError | InterfaceError):
        return True
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return True
    if isinstance(exc, ConnectionError):  # db.changes: the LISTEN connection
        return True
    return any(  # the driver's own errors, raised outside SQLAlchemy
        cls.__name__ in ("OperationalError", "InterfaceError")
        and cls.__module__.split(".")[0] in ("psycopg", "sqlite3")
        for cls in type(exc).__mro__
    )


class FailureKind(enum.Enum):
    REFUSED = "refused"  # a queue rule said no (QueueError): its message is for the user
    BUSY = "busy"  # the database is busy; trying again in a moment will do
    UNREACHABLE = "unreachable"  # the database is away; the app waits for it to come back
    OTHER = "other"  # anything else: a bug or an outside failure, logged with its traceback


@dataclass(frozen=True)
class Failure:
    """Why an operation did not return a result."""

    error: BaseException
    kind: FailureKind

    @classmethod
    def of(cls, error: BaseException) -> Failure:
        if isinstance(error, QueueError):
            kind = FailureKind.REFUSED
        elif isinstance(error, DatabaseBusy):
            kind = FailureKind.BUSY
        elif is_unreachable(error):
            kind = FailureKind.UNREACHABLE
        else:
            kind = FailureKind.OTHER
        return cls(error, kind)

    @property
    def unreachable(self) -> bool:
        return self.kind is FailureKind.UNREACHABLE

    def __str__(self) -> str:
        return str(self.error) or type(self.error).__name__


Done = Callable[[Any], None]
Failed = Callable[[Failure], None]


class _Relay(QObject):
    """Created on the UI thread, emitted from workers: the queued hop back."""

    finished = Signal(int, bool, object)


class _Job(QRunnable):
    def __init__(self, key: int, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._key = key
        self._fn = fn
        self._relay = relay  # a reference: the relay outlives every job that may emit
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result = self._fn()
        except Exception as exc:  # every failure goes to the UI thread, typed there
            self._relay.finished.emit(self._key, False, exc)
        else:
            self._relay.finished.emit(self._key, True, result)


class Operations(QObject):
    """Runs callables on its worker thread(s); calls back on the UI thread.

    ``busy`` while any task is queued or running (``busy_changed``, ``started``,
    ``finished``); after ``shutdown()`` nothing new starts and no callback runs."""

    busy_changed = Signal(bool)
    reachable_changed = Signal(bool)
    started = Signal()
    finished = Signal()

    def __init__(
        self, parent: QObject | None = None, threads: int = 1, pool: QThreadPool | None = None
    ) -> None:
        super().__init__(parent)
        if pool is None:
            pool = QThreadPool(self)
            pool.setMaxThreadCount(threads)
        self.pool = pool
        self._relay = _Relay()
        self._relay.finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._pending: dict[int, tuple[Done | None, Failed | None]] = {}
        self._keys = itertools.count(1)
        self._closed = False
        self.reachable = True

    @property
    def running(self) -> int:
        """Tasks queued or running whose callbacks have not run yet."""
        return len(self._pending)

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def run(
        self, fn: Callable[[], Any], on_done: Done | None = None, on_failed: Failed | None = None
    ) -> bool:
        """Queue ``fn``; ``on_done(result)`` or ``on_failed(Failure)`` follows on the UI
        thread. Failures without ``on_failed`` are logged. False after ``shutdown``."""
        if self._closed:
            return False
        key = next(self._keys)
        was_busy = self.busy
        self._pending[key] = (on_done, on_failed)
        self.started.emit()
        if not was_busy:
            self.busy_changed.emit(True)
        self.pool.start(_Job(key, fn, self._relay))
        return True

    @Slot(int, bool, object)
    def _deliver(self, key: int, ok: bool, payload: object) -> None:
        if not isValid(self):
            return
        on_done, on_failed = self._pending.pop(key, (None, None))
        if self._closed:
            return
        try:
            failure = None
            if not ok:
                assert isinstance(payload, BaseException)
                failure = Failure.of(payload)
            down = failure is not None and failure.unreachable
            if (ok or down) and self.reachable == down:
                self.reachable = not down
                self.reachable_changed.emit(self.reachable)
            if failure is None:
                if on_done is not None:
                    on_done(payload)
            elif on_failed is not None:
                on_failed(failure)
            elif failure.kind is FailureKind.OTHER:
                log.error("background operation failed", exc_info=failure.error)
            else:
                log.warning("background operation failed: %s", failure)
        finally:
            self.finished.emit()
            if not self._pending:
                self.busy_changed.emit(False)

    def wait(self, msecs: int = 10_000) -> bool:
        """Wait for the worker threads to finish what they run (tests, shutdown); callbacks
        still arrive through the event loop afterwards."""
        return bool(self.pool.waitForDone(msecs))

    def shutdown(self, wait_ms: int = 10_000) -> None:
        """Drop queued tasks and every pending callback; wait for the running ones."""
        self._closed = True
        self.pool.clear()
        self.pool.waitForDone(wait_ms)

    def reopen(self) -> None:
        """Accept tasks again after ``shutdown`` (a display stopped and started)."""
        self._closed = False


class Refresher(QObject):
    """One query re-run on request, never twice at once: a request while it runs makes it
    run once more afterwards (a burst of database changes costs at most two reads).
    ``query`` runs on the bridge's worker; ``apply`` gets its result on the UI thread."""

    def __init__(
        self,
        ops: Operations,
        query: Callable[[], Any],
        apply: Callable[[Any], None],
        on_failed: Failed | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._ops = ops
        self._query = query
        self._apply = apply
        self._on_failed = on_failed
        self._running = False
        self._again = False
        self.loads = 0

    @property
    def running(self) -> bool:
        return self._running

    def reset(self) -> None:
        """Forget a read whose callback was dropped (the bridge was shut down)."""
        self._running = False
        self._again = False

    @Slot()
    def request(self) -> None:
        if self._running:
            self._again = True
            return
        self._running = True
        self._again = False
        if not self._ops.run(self._query, self._done, self._failed):
            self._running = False

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

    def _failed(self, failure: Failure) -> None:
        if not isValid(self):
            return
        try:
            if self._on_failed is not None:
                self._on_failed(failure)
        finally:
            self._finish()
