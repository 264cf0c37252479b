"""SIGINT (Ctrl-C) and SIGTERM (``kill``, systemd) end an app's Qt event loop cleanly.

A Python signal handler only runs when Python code runs; while Qt waits for events it does
not, and the default SIGINT handler then raises ``KeyboardInterrupt`` inside whatever Qt
calls back next (an event filter), where it is printed and lost. Instead the signal wakes
the event loop through a socket (``signal.set_wakeup_fd`` + ``QSocketNotifier``), and the
loop ends with ``exit_status``: 130 for SIGINT, 0 for SIGTERM. The app's own clean-up (after
``app.exec()``) then releases its printer, scanner and database.
"""

from __future__ import annotations

import gc
import logging
import signal
import socket
from types import FrameType

from PySide6.QtCore import QCoreApplication, QObject, QSocketNotifier, Slot

SIGNALS = (signal.SIGINT, signal.SIGTERM)
log = logging.getLogger("loket.signals")


def exit_status(signum: int) -> int:
    """The exit status of an app ended by ``signum``."""
    return 130 if signum == signal.SIGINT else 0


def _exit_before_qt(signum: int, _frame: FrameType | None) -> None:
    if signum == signal.SIGINT:
        raise KeyboardInterrupt
    raise SystemExit(exit_status(signum))


def stop_on_signals_before_qt() -> None:
    """Until the event loop runs: SIGINT raises ``KeyboardInterrupt`` and SIGTERM
    ``SystemExit(0)``, so ``finally`` blocks release what start-up already holds."""
    for signum in _handled():
        signal.signal(signum, _exit_before_qt)


def _handled() -> list[int]:
    """The signals to act on: not those ignored on purpose (a shell's background job)."""
    return [signum for signum in SIGNALS if signal.getsignal(signum) is not signal.SIG_IGN]


def _note(_signum: int, _frame: FrameType | None) -> None:
    """The Python-level handler: nothing to do, the wake-up socket carries the signal."""


class QuitOnSignals(QObject):
    """While it lives, SIGINT and SIGTERM make ``app`` leave its event loop."""

    def __init__(self, app: QCoreApplication) -> None:
        super().__init__(app)
        self._app = app
        self.received: int | None = None
        self._reader, self._writer = socket.socketpair()
        self._reader.setblocking(False)
        self._writer.setblocking(False)
        self._previous_fd = signal.set_wakeup_fd(self._writer.fileno(), warn_on_full_buffer=False)
        self._previous = {signum: signal.signal(signum, _note) for signum in _handled()}
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._woken)

    @Slot()
    def _woken(self) -> None:
        try:
            data = self._reader.recv(64)
        except BlockingIOError:
            return
        for signum in data:
            if signum in SIGNALS:
                self.received = signum
                log.info("%s received, stopping", signal.Signals(signum).name)
                self._app.exit(exit_status(signum))
                return

    def close(self) -> None:
        """Give the signals back to their earlier handlers (the app is stopping).

        After a signal the process is about to end: the objects alive now are frozen out of
        the garbage collector, so the interpreter's last full collections at exit (seconds
        on a busy PC, for nothing) do not delay the end."""
        if self.received is not None:
            gc.freeze()
        self._notifier.setEnabled(False)
        signal.set_wakeup_fd(self._previous_fd)
        for signum, handler in self._previous.items():
            signal.signal(signum, handler)
        self._reader.close()
        self._writer.close()


def quit_on_signals(app: QCoreApplication) -> QuitOnSignals:
    """SIGINT and SIGTERM end ``app.exec()`` (130 / 0); call ``close()`` after it returns."""
    return QuitOnSignals(app)
