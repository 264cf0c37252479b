"""Printer status: decoding the ESC/POS real-time status replies.

``DLE EOT n`` (``10 04 n``, "transmit real-time status") makes an Epson-compatible printer
answer one byte immediately, even while it is offline or its buffer is full. Every reply
has the same fixed bits, which is how a reply is told apart from other bytes on the line
(XON/XOFF, automatic status blocks)::

    bit 7 6 5 4 3 2 1 0
        0 . . 1 . . 1 0      mask 0x93 == 0x12

n = 1, printer status:      bit 2 drawer connector pin 3 high, bit 3 OFFLINE,
                            bit 5 waiting for online recovery, bit 6 paper-feed button pressed
n = 2, offline cause:       bit 2 COVER OPEN, bit 3 paper being fed by the feed button,
                            bit 5 printing stopped by PAPER END, bit 6 ERROR occurred
n = 3, error status:        bit 2 mechanical/recoverable error (defined on some models only),
                            bit 3 AUTOCUTTER error, bit 5 UNRECOVERABLE error,
                            bit 6 AUTO-RECOVERABLE error (e.g. head too hot)
n = 4, roll paper sensor:   bits 2-3 paper NEAR END, bits 5-6 paper END (roll empty)

Epson sets both bits of a pair; some compatibles (Citizen) set only one, so either bit
counts. ``GS r 1`` ("transmit status", ``1D 72 01``) reports the paper sensors too, with
bits 0-1 near end and bits 2-3 paper end, and bit 4 fixed to 0.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

Paper = Literal["ok", "near_end", "out", "unknown"]

DLE_EOT = b"\x10\x04"
STATUS_FIXED_MASK = 0x93
STATUS_FIXED_BITS = 0x12


@dataclass(frozen=True)
class PrinterStatus:
    """What the kiosk needs to know before printing, and what a supervisor sees."""

    online: bool
    paper: Paper = "unknown"
    cover_open: bool | None = None
    error: str | None = None

    @property
    def ready(self) -> bool:
        """True when a ticket can be printed now (near end still prints)."""
        return self.online and self.paper in ("ok", "near_end", "unknown") and not self.cover_open

    def describe(self) -> str:
        """One line for an officer: "online, paper ok, cover closed"."""
        parts = ["online" if self.online else "offline", f"paper {self.paper.replace('_', ' ')}"]
        if self.cover_open is not None:
            parts.append("cover open" if self.cover_open else "cover closed")
        text = ", ".join(parts)
        return f"{text} ({self.error})" if self.error else text

    def problem(self, *, near_end_stop: bool = False) -> str:
        """Why no ticket can be printed now, as a word: "" when one can, else
        ``paper_out``, ``cover_open`` or ``offline``. The one reading of a status that the
        kiosk, the print path and ``loket-printer status`` share. A nearly empty roll
        counts as out when the office stops there (``printer.near_end_stop``)."""
        if self.paper == "out" or (near_end_stop and self.paper == "near_end"):
            return "paper_out"
        if self.cover_open:
            return "cover_open"
        if not self.online:
            return "offline"
        return ""

    def refusal(self, *, near_end_stop: bool = False) -> str | None:
        """The sentence for an officer when no ticket may be printed, None when it may."""
        problem = self.problem(near_end_stop=near_end_stop)
        if problem == "cover_open":
            return "Cover open: close the printer cover"
        if problem == "paper_out" and self.paper == "out":
            return "Paper out: load a new paper roll"
        if problem == "paper_out":
            return "Paper nearly out: load a new roll (printer.near_end_stop is on)"
        if problem == "offline":
            return f"Printer offline: {self.error}" if self.error else "Printer offline"
        return None

    @classmethod
    def offline_because(cls, reason: str) -> PrinterStatus:
        """The status of a printer that could not be asked (``reason`` says why)."""
        return cls(online=False, paper="unknown", cover_open=None, error=reason)

    def as_json(self) -> dict[str, object]:
        return {
            "online": self.online,
            "paper": self.paper,
            "cover_open": self.cover_open,
            "error": self.error,
        }


UNKNOWN = PrinterStatus(online=True, paper="unknown", cover_open=None, error=None)


def is_status_reply(byte: int) -> bool:
    """True when ``byte`` has the fixed bits of a ``DLE EOT`` reply (0xx1xx10)."""
    return byte & STATUS_FIXED_MASK == STATUS_FIXED_BITS


@dataclass(frozen=True)
class PrinterStatusByte:
    """Reply to ``DLE EOT 1``."""

    drawer_pin3_high: bool  # bit 2
    offline: bool  # bit 3
    waiting_for_recovery: bool  # bit 5
    feed_button_pressed: bool  # bit 6


@dataclass(frozen=True)
class OfflineCause:
    """Reply to ``DLE EOT 2``."""

    cover_open: bool  # bit 2
    feeding_by_button: bool  # bit 3
    stopped_by_paper_end: bool  # bit 5
    error: bool  # bit 6


@dataclass(frozen=True)
class ErrorStatus:
    """Reply to ``DLE EOT 3``."""

    mechanical: bool  # bit 2 (model dependent)
    autocutter: bool  # bit 3
    unrecoverable: bool  # bit 5
    auto_recoverable: bool  # bit 6


def _bit(byte: int, n: int) -> bool:
    return bool(byte >> n & 1)


def decode_printer_status(byte: int) -> PrinterStatusByte:
    """Decode the ``DLE EOT 1`` reply."""
    return PrinterStatusByte(
        drawer_pin3_high=_bit(byte, 2),
        offline=_bit(byte, 3),
        waiting_for_recovery=_bit(byte, 5),
        feed_button_pressed=_bit(byte, 6),
    )


def decode_offline_cause(byte: int) -> OfflineCause:
    """Decode the ``DLE EOT 2`` reply."""
    return OfflineCause(
        cover_open=_bit(byte, 2),
        feeding_by_button=_bit(byte, 3),
        stopped_by_paper_end=_bit(byte, 5),
        error=_bit(byte, 6),
    )


def decode_error_status(byte: int) -> ErrorStatus:
    """Decode the ``DLE EOT 3`` reply."""
    return ErrorStatus(
        mechanical=_bit(byte, 2),
        autocutter=_bit(byte, 3),
        unrecoverable=_bit(byte, 5),
        auto_recoverable=_bit(byte, 6),
    )


def decode_paper_sensor(byte: int) -> Paper:
    """Decode the ``DLE EOT 4`` reply: bits 5-6 paper end, bits 2-3 near end."""
    if byte & 0x60:
        return "out"
    if byte & 0x0C:
        return "near_end"
    return "ok"


def decode_transmit_paper_status(byte: int) -> Paper:
    """Decode the ``GS r 1`` reply: bits 2-3 paper end, bits 0-1 near end."""
    if byte & 0x0C:
        return "out"
    if byte & 0x03:
        return "near_end"
    return "ok"


def status_from_replies(replies: Mapping[int, int]) -> PrinterStatus:
    """Combine the replies to ``DLE EOT 1..4`` (keyed by n) into one status.

    A missing reply 1 means the printer did not answer: offline. Missing 2..4 leave
    their part unknown.
    """
    if 1 not in replies:
        return PrinterStatus(online=False, paper="unknown", cover_open=None, error="no answer")
    printer = decode_printer_status(replies[1])
    cause = decode_offline_cause(replies[2]) if 2 in replies else None
    errors = decode_error_status(replies[3]) if 3 in replies else None
    paper: Paper = decode_paper_sensor(replies[4]) if 4 in replies else "unknown"
    if cause is not None and cause.stopped_by_paper_end:
        paper = "out"
    problems: list[str] = []
    if cause is not None and cause.error and errors is not None:
        if errors.autocutter:
            problems.append("autocutter error (paper jam?)")
        if errors.unrecoverable:
            problems.append("unrecoverable error, switch the printer off and on")
        if errors.auto_recoverable:
            problems.append("print head too hot, printing resumes by itself")
        if errors.mechanical:
            problems.append("mechanical error")
    if cause is not None and cause.error and not problems:
        problems.append("printer error")
    if printer.offline and not problems:
        if cause is not None and cause.cover_open:
            problems.append("cover open")
        elif paper == "out":
            problems.append("paper out")
        elif cause is not None and cause.feeding_by_button:
            problems.append("paper is being fed with the feed button")
        else:
            problems.append("printer is offline")
    return PrinterStatus(
        online=not printer.offline,
        paper=paper,
        cover_open=cause.cover_open if cause is not None else None,
        error="; ".join(problems) or None,
    )


# Encoders for the virtual printer: the same bit layout, written the other way round.


def encode_printer_status(*, offline: bool) -> int:
    return STATUS_FIXED_BITS | (0x08 if offline else 0)


def encode_offline_cause(*, cover_open: bool, paper_end_stop: bool, error: bool) -> int:
    return (
        STATUS_FIXED_BITS
        | (0x04 if cover_open else 0)
        | (0x20 if paper_end_stop else 0)
        | (0x40 if error else 0)
    )


def encode_error_status(*, autocutter: bool = False, unrecoverable: bool = False) -> int:
    return STATUS_FIXED_BITS | (0x08 if autocutter else 0) | (0x20 if unrecoverable else 0)


def encode_paper_sensor(paper: Paper) -> int:
    if paper == "out":
        return STATUS_FIXED_BITS | 0x0C | 0x60
    if paper == "near_end":
        return STATUS_FIXED_BITS | 0x0C
    return STATUS_FIXED_BITS


def encode_transmit_paper_status(paper: Paper) -> int:
    if paper == "out":
        return 0x0F
    if paper == "near_end":
        return 0x03
    return 0x00
