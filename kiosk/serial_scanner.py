"""Serial QR scanners (USB-CDC ``/dev/ttyACM0``, RS-232): pyserial in a worker thread.

A serial scanner sends each code followed by a line terminator (CR, LF or CR LF, setting
``kiosk.serial_terminator``). ``SerialScanner`` reads the port on a ``QThread``, splits
lines, cleans them (``clean_payload``) and emits ``scanned(str)``, the same signal as the
keyboard-wedge scanner. When the port fails (unplugged: pyserial reports EIO, or the
device node disappears) it says ``state_changed("disconnected")`` and tries to open the
port again every ``reconnect_ms`` until it is back (``state_changed("connected")``). Use a
stable udev name (``/dev/serial/by-id/...``) as the port so a re-plug finds the same path.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import unicodedata

import serial
from PySide6.QtCore import QObject, QThread, Signal

logger = logging.getLogger(__name__)

MAX_PAYLOAD = 512  # characters; a booking QR holds far less
TERMINATORS = {"cr": b"\r", "lf": b"\n", "crlf": b"\r\n"}
RECONNECT_MS = 1000
READ_TIMEOUT_S = 0.1


def clean_payload(text: str, limit: int = MAX_PAYLOAD) -> str:
    """What may reach check-in: no control or format characters, no outer blanks, at most
    ``limit`` characters (a longer payload is cut, and check-in rejects it as malformed)."""
    kept = "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cf", "Cs"))
    return kept.strip()[:limit]


class _Reader(QThread):
    line = Signal(str)
    state = Signal(str)

    def __init__(self, owner: SerialScanner) -> None:
        super().__init__(owner)
        self.port = owner.port
        self.baud = owner.baud
        self.terminator = owner.terminator
        self.reconnect_s = owner.reconnect_ms / 1000
        self.halt = threading.Event()

    def run(self) -> None:
        reported = ""
        while not self.halt.is_set():
            try:
                port = serial.Serial(self.port, self.baud, timeout=READ_TIMEOUT_S)
            except (serial.SerialException, OSError, ValueError) as exc:
                if reported != "disconnected":
                    logger.warning("scanner port %s not available: %s", self.port, exc)
                    self.state.emit("disconnected")
                    reported = "disconnected"
                self.halt.wait(self.reconnect_s)
                continue
            self.state.emit("connected")
            reported = "connected"
            try:
                self._read(port)
            except (serial.SerialException, OSError) as exc:
                logger.warning("scanner on %s lost: %s", self.port, exc)
                self.state.emit("disconnected")
                reported = "disconnected"
            finally:
                with contextlib.suppress(serial.SerialException, OSError):
                    port.close()
            self.halt.wait(self.reconnect_s / 4)

    def _read(self, port: serial.Serial) -> None:
        buffer = bytearray()
        limit = MAX_PAYLOAD * 4  # bytes of UTF-8
        while not self.halt.is_set():
            chunk = port.read(port.in_waiting or 1)
            if not chunk:
                continue
            buffer += chunk
            while (at := buffer.find(self.terminator)) >= 0:
                raw, buffer = bytes(buffer[:at]), buffer[at + len(self.terminator) :]
                text = clean_payload(raw.decode("utf-8", "replace"))
                if text:
                    self.line.emit(text)
            if len(buffer) > limit:  # no terminator for far too long: noise, drop it
                logger.warning("scanner sent %d bytes without a line end; dropped", len(buffer))
                buffer.clear()


class SerialScanner(QObject):
    """``scanned(str)`` per code read; ``state_changed`` "connected" / "disconnected"."""

    scanned = Signal(str)
    state_changed = Signal(str)

    def __init__(
        self,
        port: str,
        baud: int = 9600,
        terminator: str = "cr",
        parent: QObject | None = None,
        *,
        reconnect_ms: int = RECONNECT_MS,
    ) -> None:
        super().__init__(parent)
        self.port = port
        self.baud = baud
        self.terminator = TERMINATORS.get(terminator, terminator.encode())
        self.reconnect_ms = reconnect_ms
        self.state = "disconnected"
        self._reader: _Reader | None = None

    def start(self) -> None:
        if self._reader is not None:
            return
        reader = _Reader(self)
        reader.line.connect(self.scanned)
        reader.state.connect(self._state)
        self._reader = reader
        reader.start()

    def stop(self) -> None:
        reader, self._reader = self._reader, None
        if reader is not None:
            reader.halt.set()
            reader.wait(5000)

    @property
    def running(self) -> bool:
        return self._reader is not None and self._reader.isRunning()

    def _state(self, state: str) -> None:
        self.state = state
        self.state_changed.emit(state)
