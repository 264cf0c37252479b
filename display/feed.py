"""The display's view of the queue: on every database change it reads only the events after
the last one it saw, in a worker thread, and hands the result to the UI thread.

One read at a time: a change noticed while a read runs marks the feed dirty and one more
read follows, so a burst of commits costs at most two reads, never a pile of them.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QThreadPool, Signal, Slot

from db.context import QueueContext
from db.read.calling_display import DisplayScope, DisplayUpdate, first_update, updates_since
from ui.watcher import QueueWatcher

log = logging.getLogger(__name__)

POLL_MS = 50  # data_version costs microseconds; this keeps call → screen well under 300 ms


class _Relay(QObject):
    """Carries a worker's result to the UI thread (lives there; emitted from the worker)."""

    done = Signal(object, bool)
    failed = Signal(str)


class CallFeed(QObject):
    """``loaded`` once with the start-up picture (recent calls, not to announce), then
    ``updated`` with each read's new call events; ``failed`` with a message when a read
    fails (the next change tries again)."""

    loaded = Signal(object)
    updated = Signal(object)
    failed = Signal(str)

    def __init__(
        self,
        ctx: QueueContext,
        scope: DisplayScope,
        recent: int,
        poll_ms: int = POLL_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._scope = scope
        self._recent = recent
        self._last_id: int | None = None
        self._busy = False
        self._dirty = False
        self._stopped = False
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._relay = _Relay(self)
        self._relay.done.connect(self._finished)
        self._relay.failed.connect(self._failed)
        self.watcher = QueueWatcher(ctx.settings.database_url, self, poll_ms=poll_ms)
        self.watcher.changed.connect(self.refresh)

    @property
    def last_event_id(self) -> int | None:
        return self._last_id

    def start(self) -> None:
        self._stopped = False
        self.watcher.start()
        self.refresh()

    def stop(self) -> None:
        self._stopped = True
        self.watcher.stop()
        self._pool.clear()
        self._pool.waitForDone()

    @Slot()
    def refresh(self) -> None:
        if self._stopped:
            return
        if self._busy:
            self._dirty = True
            return
        self._busy = True
        self._dirty = False
        after = self._last_id
        self._pool.start(lambda: self._read(after))

    def _read(self, after: int | None) -> None:  # worker thread
        try:
            if after is None:
                update = first_update(self._ctx, self._scope, self._recent)
            else:
                update = updates_since(self._ctx, after, self._scope)
        except Exception as exc:  # the display keeps showing what it has and tries again
            log.exception("reading the queue failed")
            self._relay.failed.emit(str(exc))
        else:
            self._relay.done.emit(update, after is None)

    @Slot(object, bool)
    def _finished(self, update: DisplayUpdate, first: bool) -> None:
        self._busy = False
        if self._stopped:
            return
        self._last_id = update.last_event_id
        (self.loaded if first else self.updated).emit(update)
        if self._dirty:
            self.refresh()

    @Slot(str)
    def _failed(self, message: str) -> None:
        self._busy = False
        self.failed.emit(message)
        if self._dirty and not self._stopped:
            self.refresh()
