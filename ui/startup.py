"""Start-up measurement: when ``LOKET_REPORT_FIRST_FRAME`` is set, an app prints
``first-frame <CLOCK_MONOTONIC seconds>`` on its standard output when its first widget paints
(``bench.bench_startup`` starts the real app and compares that with when it started it)."""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

ENV = "LOKET_REPORT_FIRST_FRAME"


class _FirstPaint(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            print(f"first-frame {time.monotonic():.6f}", file=sys.stdout, flush=True)
            app = QApplication.instance()
            if app is not None:
                app.removeEventFilter(self)
        return False


_filter: _FirstPaint | None = None


def report_first_frame(app: QApplication) -> None:
    """Print the moment of the first paint, if asked to by the environment."""
    global _filter
    if os.environ.get(ENV) and _filter is None:
        _filter = _FirstPaint()
        app.installEventFilter(_filter)
