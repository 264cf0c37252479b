"""The one exception the printer package raises."""

from __future__ import annotations


class PrinterError(Exception):
    """Printing or reading the printer failed; ``str(error)`` is a sentence for an officer.

    Examples: "Printer at 127.0.0.1:9100 refused the connection", "Paper out",
    "Printer connection lost after 120 of 900 bytes". Library and OS exceptions
    (``OSError``, ``serial.SerialException``, ``usb.core.USBError`` ...) never leave this
    package; they are translated into this one, with the original as ``__cause__``.
    """

    def __init__(self, message: str, *, retryable: bool = False, bytes_sent: int = 0) -> None:
        super().__init__(message)
        self.message = message
        # True when trying again later may help (unreachable, timed out) and nothing was
        # printed yet; False when a person has to act first (paper out, cover open, a
        # setting) or part of a ticket may already be on paper.
        self.retryable = retryable
        # How many bytes the printer (or the OS on its way) took before the failure.
        self.bytes_sent = bytes_sent

    def __str__(self) -> str:
        return self.message
