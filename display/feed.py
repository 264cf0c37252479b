"""The display's view of the queue: on every database change it reads only the events after
the last one it saw, in a worker thread, and hands the result to the UI thread.

One read at a time: a change noticed while a read runs marks the feed dirty and one more
read follows, so a burst of commits costs at most two reads, never a pile of them.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal, Slot

from db.context import QueueContext
from db.read.calling_display import DisplayScope, DisplayUpdate, first_update, updates_since
from ui.ops import Failure, Operations, Refresher
from ui.watcher import QueueWatcher

log = logging.getLogger(__name__)

POLL_MS = 50  # data_version costs microseconds; this keeps call → screen well under 300 ms

SHOWN = frozenset({"tickets", "calls", "counters"})  # what the board shows


class CallFeed(QObject):
    """``loaded`` once with the start-up picture (recent calls, not to announce), then
    ``updated`` with each read's new call events; ``failed`` with a message when a read
    fails (the next change tries again). Reads run on the operations bridge (``ui.ops``),
    coalesced by a ``Refresher``; a change of a kind the board does not show (feedback,
    devices) costs no read."""

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
        self._stopped = False
        self.ops = Operations(self)
        self._reads = Refresher(self.ops, self._read, self._apply, self._read_failed, self)
        self.watcher = QueueWatcher(ctx.settings.database_url, self, poll_ms=poll_ms)
        self.watcher.changed_what.connect(self._changed)

    @property
    def last_event_id(self) -> int | None:
        return self._last_id

    def start(self) -> None:
        self._stopped = False
        self.ops.reopen()
        self._reads.reset()
        self.watcher.start()
        self.refresh()

    def stop(self) -> None:
        self._stopped = True
        self.watcher.stop()
        self.ops.shutdown()

    @Slot(object)
    def _changed(self, change: object) -> None:
        if getattr(change, "touches", lambda _kinds: True)(SHOWN):
            self.refresh()

    @Slot()
    def refresh(self) -> None:
        if not self._stopped:
            self._reads.request()

    def _read(self) -> tuple[DisplayUpdate, bool]:  # worker thread, one read at a time
        after = self._last_id
        if after is None:
            return first_update(self._ctx, self._scope, self._recent), True
        return updates_since(self._ctx, after, self._scope), False

    def _apply(self, result: tuple[DisplayUpdate, bool]) -> None:
        if self._stopped:
            return
        update, first = result
        self._last_id = update.last_event_id
        (self.loaded if first else self.updated).emit(update)

    def _read_failed(self, failure: Failure) -> None:
        # The display keeps showing what it has; the next change tries again.
        log.warning("reading the queue failed: %s", failure)
        self.failed.emit(str(failure))
