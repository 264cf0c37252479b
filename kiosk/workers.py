"""The kiosk's use of the operations bridge (``ui.ops``): its screens and flows hand the
failure's exception to the kiosk's own wording (``kiosk.wording.refusal``), so a
``Runner`` delivers ``on_failed(exception)``. Each ``Runner`` has one worker thread unless
given a pool."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThreadPool

from ui.ops import Failure, Operations


class Runner(Operations):
    """``run(fn, on_done, on_failed)``: ``fn()`` on the worker, the result or the exception
    back on the UI thread (only while the runner lives)."""

    def __init__(self, parent: QObject | None = None, pool: QThreadPool | None = None) -> None:
        super().__init__(parent, pool=pool)

    def run(  # type: ignore[override]  # the kiosk's callbacks take the exception itself
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_failed: Callable[[BaseException], None],
    ) -> bool:
        def failed(failure: Failure) -> None:
            on_failed(failure.error)

        return super().run(fn, on_done, failed)
