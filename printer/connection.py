"""Printer connections: one small class per transport, all failing with ``PrinterError``.

Every connection writes a whole ticket with ``write_all`` (a partial write or a dropped
connection is a failure that says how far it got) and asks for status with
``DLE EOT 1..4`` (see ``printer.status``) in one write, reading the one-byte replies
within one timeout overall. Network and serial are our own thin layer over ``socket`` and pyserial:
python-escpos' ``Network``/``Serial`` classes can block without bound and raise library
exceptions; python-escpos only composes the bytes (``printer.layout``).

Every wait is bounded: connecting and a status reading by ``timeout_seconds``; a write
must make progress every ``timeout_seconds`` and finish within ``timeout_seconds`` plus
the time the data takes at 9600 baud.
"""

from __future__ import annotations

import contextlib
import os
import select
import socket
import time
from abc import ABC, abstractmethod
from types import TracebackType

from config.settings import Printer as PrinterSettings
from printer.errors import PrinterError
from printer.status import (
    DLE_EOT,
    UNKNOWN,
    PrinterStatus,
    is_status_reply,
    status_from_replies,
)

SLOWEST_BYTES_PER_SECOND = 960  # 9600 baud, 8N1
STATUS_NUMBERS = (1, 2, 3, 4)
STATUS_QUESTIONS = b"".join(DLE_EOT + bytes((n,)) for n in STATUS_NUMBERS)


def _secs(value: float) -> str:
    return f"{value:g} s"


class Connection(ABC):
    """An open connection to one printer. Use as a context manager or call ``close()``."""

    #: Whether the transport carries replies (``DLE EOT``); file and CUPS do not.
    has_status: bool = True

    def __init__(self, where: str, timeout: float) -> None:
        self.where = where  # "Printer at 127.0.0.1:9100", used in every message
        self.timeout = timeout
        self.outstanding = 0  # status questions asked and not answered yet
        self.heard = 0  # status replies read on this connection

    def __enter__(self) -> Connection:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def write_deadline(self, size: int) -> float:
        return time.monotonic() + self.timeout + size / SLOWEST_BYTES_PER_SECOND

    @abstractmethod
    def write_all(self, data: bytes) -> None:
        """Send all of ``data`` or raise ``PrinterError`` (with ``bytes_sent``)."""

    @abstractmethod
    def close(self) -> None:
        """Release the transport; never raises."""

    def _discard_input(self) -> None:  # noqa: B027 - optional hook, nothing to drop by default
        """Drop bytes that arrived unasked (stale replies, automatic status)."""

    def _read_some(self, timeout: float) -> bytes:
        """Up to a few bytes within ``timeout``; b"" when none came. Raises when lost."""
        raise NotImplementedError

    def query_replies(self, wait: float | None = None) -> dict[int, int]:
        """Ask ``DLE EOT 1..4`` in one write and collect the one-byte replies, keyed by n.

        The four questions go out together and the whole exchange waits at most ``wait``
        seconds (the timeout by default), however late the printer answers: a printer
        that answers 2.5 s late costs 2.5 s, not four times that. Returns ``{}`` when no
        answer came in time, a partial dict when only some did. Bytes that are not status
        replies (XON/XOFF, ASB blocks) are skipped.
        """
        if not self.has_status:
            return {}
        if not self.outstanding:
            self._discard_input()
        self.ask_status()
        return self.collect_replies(wait)

    def ask_status(self) -> None:
        """Send ``DLE EOT 1..4`` in one write; the replies are read by ``collect_replies``."""
        self.write_all(STATUS_QUESTIONS)
        self.outstanding += len(STATUS_NUMBERS)

    def collect_replies(self, wait: float | None = None) -> dict[int, int]:
        """The replies to the last ``ask_status``, read within ``wait`` seconds.

        The printer answers every question, in order, so replies still due from earlier
        questions (a printer answering late) come first; they are counted in ``heard``
        and skipped. ``heard`` grows with every reply: any reply after data was written
        proves the printer took that data, since it reads its input in order.
        """
        deadline = time.monotonic() + (self.timeout if wait is None else wait)
        answers: dict[int, int] = {}
        size = len(STATUS_NUMBERS)
        while self.outstanding:
            left = deadline - time.monotonic()
            if left <= 0:
                break
            for byte in self._read_some(left):
                if not is_status_reply(byte) or not self.outstanding:
                    continue
                if self.outstanding <= size:
                    answers[STATUS_NUMBERS[size - self.outstanding]] = byte
                self.outstanding -= 1
                self.heard += 1
        return answers

    def query_status(self) -> PrinterStatus:
        """The printer's status; offline when it does not answer; unknown without replies."""
        if not self.has_status:
            return UNKNOWN
        replies = self.query_replies()
        if not replies:
            return PrinterStatus(
                online=False,
                paper="unknown",
                cover_open=None,
                error=f"{self.where} did not answer within {_secs(self.timeout)}",
            )
        return status_from_replies(replies)


class NetworkConnection(Connection):
    """Raw TCP (port 9100, "JetDirect"): Epson TM-i, most Ethernet/Wi-Fi receipt printers."""

    def __init__(self, host: str, port: int, timeout: float, *, label: str = "Printer") -> None:
        super().__init__(f"{label} at {host}:{port}", timeout)
        try:
            self._sock = socket.create_connection((host, port), timeout=timeout)
        except ConnectionRefusedError:
            hint = " (is it running? loket-printer emulate)" if label == "Virtual printer" else ""
            raise PrinterError(
                f"{self.where} refused the connection{hint}", retryable=True
            ) from None
        except TimeoutError:
            raise PrinterError(
                f"{self.where} did not answer within {_secs(timeout)}", retryable=True
            ) from None
        except socket.gaierror:
            raise PrinterError(f"Printer host {host!r} not found (check printer.host)") from None
        except OSError as exc:
            raise PrinterError(
                f"Cannot reach {self.where}: {exc.strerror or exc}", retryable=True
            ) from None
        self._sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def write_all(self, data: bytes) -> None:
        view = memoryview(data)
        sent = 0
        deadline = self.write_deadline(len(data))
        try:
            while sent < len(data):
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError
                self._sock.settimeout(min(self.timeout, left))
                sent += self._sock.send(view[sent:])
        except TimeoutError:
            raise PrinterError(
                f"{self.where} stopped taking data after {sent} of {len(data)} bytes",
                bytes_sent=sent,
            ) from None
        except OSError:
            raise PrinterError(
                f"Printer connection lost after {sent} of {len(data)} bytes", bytes_sent=sent
            ) from None

    def _discard_input(self) -> None:
        try:
            self._sock.setblocking(False)
            while True:
                chunk = self._sock.recv(4096)
                if not chunk:
                    raise PrinterError(f"{self.where} closed the connection")
        except BlockingIOError:
            pass
        except OSError:
            raise PrinterError(f"Printer connection to {self.where} lost") from None
        finally:
            self._sock.setblocking(True)

    def _read_some(self, timeout: float) -> bytes:
        try:
            self._sock.settimeout(timeout)
            chunk = self._sock.recv(64)
        except TimeoutError:
            return b""
        except OSError:
            raise PrinterError(f"Printer connection to {self.where} lost") from None
        if not chunk:
            raise PrinterError(f"{self.where} closed the connection")
        return chunk

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self._sock.close()


class SerialConnection(Connection):
    """RS-232 or a USB-serial adapter (``/dev/ttyUSB0``, ``/dev/ttyS0``) via pyserial."""

    CHUNK = 256

    def __init__(self, port: str, baud: int, timeout: float) -> None:
        super().__init__(f"Printer on {port}", timeout)
        import serial

        self._serial_error = serial.SerialException
        try:
            self._port = serial.Serial(
                port,
                baudrate=baud,
                timeout=min(timeout, 0.5),  # short: only status replies are read
                write_timeout=timeout,
                exclusive=True,  # flock: two programs never interleave tickets
            )
        except (serial.SerialException, OSError, ValueError) as exc:
            reason = getattr(exc, "strerror", None) or str(exc)
            raise PrinterError(f"Cannot open serial printer port {port}: {reason}") from None

    def write_all(self, data: bytes) -> None:
        sent = 0
        deadline = self.write_deadline(len(data))
        try:
            while sent < len(data):
                if time.monotonic() > deadline:
                    raise self._serial_error("deadline")
                sent += self._port.write(data[sent : sent + self.CHUNK]) or 0
            # Wait (bounded) until the OS has passed everything on to the printer.
            while self._port.out_waiting:
                if time.monotonic() > deadline:
                    self._port.reset_output_buffer()
                    raise self._serial_error("deadline")
                time.sleep(0.005)
        except (self._serial_error, OSError):
            raise PrinterError(
                f"{self.where} stopped taking data after {sent} of {len(data)} bytes",
                bytes_sent=sent,
            ) from None

    def _discard_input(self) -> None:
        try:
            self._port.reset_input_buffer()
        except (self._serial_error, OSError):
            raise PrinterError(f"Serial port of {self.where} failed") from None

    def _read_some(self, timeout: float) -> bytes:
        try:
            self._port.timeout = min(timeout, 0.5)
            return bytes(self._port.read(1))
        except (self._serial_error, OSError):
            raise PrinterError(f"Serial port of {self.where} failed") from None

    def close(self) -> None:
        with contextlib.suppress(self._serial_error, OSError):
            self._port.close()


class FileConnection(Connection):
    """A printer device node (``/dev/usb/lp0``) or any existing file; no status.

    The path is never created: when the printer is unplugged its device node disappears
    and creating a regular file in its place would swallow every ticket.
    """

    has_status = False

    def __init__(self, path: str, timeout: float) -> None:
        super().__init__(f"Printer device {path}", timeout)
        try:
            self._fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_NONBLOCK | os.O_CLOEXEC)
        except FileNotFoundError:
            raise PrinterError(
                f"{self.where} not found (is the printer on and plugged in?)", retryable=True
            ) from None
        except PermissionError:
            raise PrinterError(
                f"No permission to write to {path} (add this user to the 'lp' group)"
            ) from None
        except OSError as exc:
            raise PrinterError(f"Cannot open {self.where}: {exc.strerror or exc}") from None

    def write_all(self, data: bytes) -> None:
        view = memoryview(data)
        sent = 0
        deadline = self.write_deadline(len(data))
        poller = select.poll()
        poller.register(self._fd, select.POLLOUT)
        try:
            while sent < len(data):
                left = deadline - time.monotonic()
                if left <= 0 or not poller.poll(min(self.timeout, left) * 1000):
                    raise PrinterError(
                        f"{self.where} stopped taking data after {sent} of {len(data)} bytes",
                        bytes_sent=sent,
                    )
                try:
                    sent += os.write(self._fd, view[sent:])
                except BlockingIOError:
                    continue
        except OSError as exc:
            raise PrinterError(
                f"{self.where} failed after {sent} of {len(data)} bytes: {exc.strerror}",
                bytes_sent=sent,
            ) from None

    def close(self) -> None:
        with contextlib.suppress(OSError):
            os.close(self._fd)


class CupsConnection(Connection):
    """A CUPS queue with a raw (ESC/POS pass-through) driver, via ``lp -d QUEUE -o raw``."""

    has_status = False

    def __init__(self, queue: str, timeout: float) -> None:
        if not queue:
            raise PrinterError("Set printer.cups_queue to the CUPS queue name of the printer")
        super().__init__(f"CUPS queue {queue!r}", timeout)
        self.queue = queue

    def write_all(self, data: bytes) -> None:
        import subprocess

        try:
            done = subprocess.run(
                ["lp", "-d", self.queue, "-o", "raw"],
                input=data,
                capture_output=True,
                timeout=self.timeout + 5,
                check=False,
            )
        except FileNotFoundError:
            raise PrinterError(
                "CUPS printing needs the 'lp' command (package cups-client)"
            ) from None
        except subprocess.TimeoutExpired:
            raise PrinterError(f"{self.where} did not take the ticket in time") from None
        except OSError as exc:
            raise PrinterError(f"Cannot run lp for {self.where}: {exc.strerror}") from None
        if done.returncode != 0:
            why = done.stderr.decode("utf-8", "replace").strip().splitlines()
            reason = why[-1] if why else f"lp exited with {done.returncode}"
            raise PrinterError(f"{self.where} refused the ticket: {reason}")

    def close(self) -> None:
        pass


def open_connection(printer: PrinterSettings) -> Connection:
    """Open the printer the settings describe; ``PrinterError`` when that is not possible."""
    t = printer.timeout_seconds
    if printer.kind == "network":
        return NetworkConnection(printer.host, printer.port, t)
    if printer.kind == "virtual":
        return NetworkConnection(printer.host, printer.port, t, label="Virtual printer")
    if printer.kind == "serial":
        return SerialConnection(printer.serial_port, printer.serial_baud, t)
    if printer.kind == "usb":
        from printer.usb import UsbConnection

        return UsbConnection(printer.usb_vendor, printer.usb_product, t)
    if printer.kind == "file":
        return FileConnection(printer.device_path, t)
    if printer.kind == "cups":
        return CupsConnection(printer.cups_queue, t)
    raise PrinterError("No ticket printer is configured (printer.kind = none)")
