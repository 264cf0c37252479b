"""Running blocking work (queue operations, PIN checks) off the UI thread.

``Runner.run(fn, on_done, on_failed)`` calls ``fn()`` on a ``QThreadPool`` thread and
delivers its result or exception back on the UI thread through queued signals, like
Anki's ``QueryOp``. The callbacks run only while the runner lives.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

logger = logging.getLogger(__name__)


class _Signals(QObject):
    """Lives in the UI thread; the worker emits, the slots run on the UI thread."""

    done = Signal(object)
    failed = Signal(object)

    def __init__(
        self,
        runner: Runner,
        on_done: Callable[[Any], None],
        on_failed: Callable[[BaseException], None],
    ) -> None:
        super().__init__(runner)
        self.runner = runner
        self.on_done = on_done
        self.on_failed = on_failed
        self.done.connect(self._done)
        self.failed.connect(self._failed)

    @Slot(object)
    def _done(self, result: Any) -> None:
        self.runner._finish(self)
        self.on_done(result)

    @Slot(object)
    def _failed(self, exc: BaseException) -> None:
        self.runner._finish(self)
        self.on_failed(exc)


class _Task(QRunnable):
    def __init__(self, fn: Callable[[], Any], signals: _Signals) -> None:
        super().__init__()
        self.fn = fn
        self.signals = signals
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result = self.fn()
        except Exception as exc:  # delivered to the UI thread, worded there
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)


class Runner(QObject):
    """Starts tasks and counts those still running (``busy``)."""

    started = Signal()
    finished = Signal()

    def __init__(self, parent: QObject | None = None, pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self.pool = pool or QThreadPool.globalInstance()
        self.running = 0
        self._signals: set[_Signals] = set()

    @property
    def busy(self) -> bool:
        return self.running > 0

    def run(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_failed: Callable[[BaseException], None],
    ) -> None:
        signals = _Signals(self, on_done, on_failed)
        self._signals.add(signals)
        self.running += 1
        self.started.emit()
        self.pool.start(_Task(fn, signals))

    def _finish(self, signals: _Signals) -> None:
        self._signals.discard(signals)
        signals.deleteLater()
        self.running -= 1
        self.finished.emit()

    def wait(self, msecs: int = 10_000) -> bool:
        """Wait for the pool's tasks (tests, shutdown)."""
        return self.pool.waitForDone(msecs)
