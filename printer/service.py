"""Printing a ticket and reading status: the calls the kiosk (and the print jobs) make.

Nothing here raises: each call returns a value saying what happened, with a message an
officer understands. Each call opens the printer, does its work and closes it, so a
printer that was switched off and on again simply works on the next ticket.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from config.settings import Printer as PrinterSettings
from printer.connection import Connection, open_connection
from printer.errors import PrinterError
from printer.layout import render_ticket
from printer.status import UNKNOWN, PrinterStatus, status_from_replies
from printer.ticket import TicketPrint

MAX_ATTEMPTS = 10
MAX_BACKOFF_S = 10.0


@dataclass(frozen=True)
class PrintOutcome:
    """What became of one ticket.

    ``ok`` means the printer took the whole ticket and still answered afterwards (or, for
    file and CUPS printers, the whole ticket was handed over). ``status`` is the last
    known printer status. ``warning`` is set on success when someone should act soon
    (paper nearly out, or ran out right after this ticket). ``retryable`` says whether
    trying again may help without a person doing something first and without risking a
    second copy.
    """

    ok: bool
    status: PrinterStatus
    error: str | None = None
    bytes_sent: int = 0
    warning: str | None = None
    retryable: bool = False


_locks: dict[str, threading.Lock] = {}
_locks_guard = threading.Lock()


def _target(printer: PrinterSettings) -> str:
    return {
        "network": f"tcp:{printer.host}:{printer.port}",
        "virtual": f"tcp:{printer.host}:{printer.port}",
        "serial": f"serial:{printer.serial_port}",
        "usb": f"usb:{printer.usb_vendor}:{printer.usb_product}",
        "file": f"file:{printer.device_path}",
        "cups": f"cups:{printer.cups_queue}",
    }.get(printer.kind, printer.kind)


def _lock_for(printer: PrinterSettings) -> threading.Lock:
    """One ticket at a time per printer within this process."""
    with _locks_guard:
        return _locks.setdefault(_target(printer), threading.Lock())


def _offline(message: str) -> PrinterStatus:
    return PrinterStatus(online=False, paper="unknown", cover_open=None, error=message)


def refusal(status: PrinterStatus, *, near_end_stop: bool = False) -> str | None:
    """Why no ticket may be printed with this status, or None when it may."""
    if status.cover_open:
        return "Cover open: close the printer cover"
    if status.paper == "out":
        return "Paper out: load a new paper roll"
    if not status.online:
        return f"Printer offline: {status.error}" if status.error else "Printer offline"
    if status.paper == "near_end" and near_end_stop:
        return "Paper nearly out: load a new roll (printer.near_end_stop is on)"
    return None


def _failure(status: PrinterStatus, exc: PrinterError) -> PrintOutcome:
    return PrintOutcome(
        ok=False,
        status=status,
        error=str(exc),
        bytes_sent=exc.bytes_sent,
        retryable=exc.retryable and exc.bytes_sent == 0,
    )


def print_ticket(printer: PrinterSettings, ticket: TicketPrint) -> PrintOutcome:
    """Check the printer, then print ``ticket`` in one write.

    Refused, with the reason, when the cover is open, the paper is out or the printer is
    offline or does not answer (and when the paper is nearly out with
    ``near_end_stop``); printed with a warning when the paper is nearly out.
    """
    try:
        data = render_ticket(ticket, printer.profile, printer.paper_width_dots)
    except PrinterError as exc:
        return _failure(_offline(str(exc)), exc)
    return print_bytes(printer, data)


def print_bytes(printer: PrinterSettings, data: bytes) -> PrintOutcome:
    """``print_ticket`` for bytes already composed (a reprint of a stored job)."""
    if printer.kind == "none":
        message = "No ticket printer is configured (printer.kind = none)"
        return PrintOutcome(ok=False, status=_offline(message), error=message)
    lock = _lock_for(printer)
    if not lock.acquire(timeout=printer.timeout_seconds * 10):
        message = "Printer is busy with another ticket"
        return PrintOutcome(ok=False, status=_offline(message), error=message, retryable=True)
    try:
        try:
            connection = open_connection(printer)
        except PrinterError as exc:
            return _failure(_offline(str(exc)), exc)
        with connection:
            return _print_on(connection, data, near_end_stop=printer.near_end_stop)
    finally:
        lock.release()


def _print_on(connection: Connection, data: bytes, *, near_end_stop: bool) -> PrintOutcome:
    before = UNKNOWN
    if connection.has_status:
        try:
            replies = connection.query_replies()
        except PrinterError as exc:
            return _failure(_offline(str(exc)), exc)
        if not replies:  # silent printer: worth another try later, nothing was printed
            message = f"{connection.where} did not answer within {connection.timeout:g} s"
            return PrintOutcome(ok=False, status=_offline(message), error=message, retryable=True)
        before = status_from_replies(replies)
    reason = refusal(before, near_end_stop=near_end_stop)
    if reason is not None:
        return PrintOutcome(ok=False, status=before, error=reason)
    try:
        connection.write_all(data)
    except PrinterError as exc:
        return _failure(before, exc)
    after = before
    if connection.has_status:
        # The printer reads its input in order, so an answer now proves it took the
        # ticket; a dropped connection shows up here when TCP buffered the whole write.
        try:
            replies = connection.query_replies()
        except PrinterError as exc:
            return PrintOutcome(
                ok=False,
                status=before,
                error=f"{exc} after the ticket was sent; it may be incomplete",
                bytes_sent=len(data),
            )
        if not replies:
            return PrintOutcome(
                ok=False,
                status=_offline("no answer after printing"),
                error=f"{connection.where} stopped answering after the ticket was sent; "
                "check whether it came out",
                bytes_sent=len(data),
            )
        after = status_from_replies(replies)
    warning = None
    if after.paper == "out" or after.cover_open:
        # Epson printers keep the rest of the ticket and finish it after the roll is
        # changed, so this ticket is not lost, but the next one would be refused.
        warning = refusal(after)
    elif after.paper == "near_end":
        warning = "Paper nearly out: load a new roll soon"
    return PrintOutcome(ok=True, status=after, bytes_sent=len(data), warning=warning)


def read_status(printer: PrinterSettings) -> PrinterStatus:
    """The printer's status now; offline with the reason when it cannot be reached."""
    if printer.kind == "none":
        return _offline("no printer configured")
    lock = _lock_for(printer)
    if not lock.acquire(timeout=printer.timeout_seconds * 10):
        return _offline("printer is busy with another ticket")
    try:
        with open_connection(printer) as connection:
            return connection.query_status()
    except PrinterError as exc:
        return _offline(str(exc))
    finally:
        lock.release()


def print_with_retry(
    printer: PrinterSettings,
    ticket: TicketPrint,
    attempts: int = 3,
    backoff_s: float = 0.5,
    *,
    sleep: Callable[[float], None] = time.sleep,
) -> PrintOutcome:
    """``print_ticket``, tried again after ``backoff_s``, ``2 x backoff_s`` ... while the
    failure is ``retryable`` (printer unreachable or silent, nothing printed yet).

    ``attempts`` is capped at 10 and each pause at 10 s, so the call is bounded.
    """
    try:
        data = render_ticket(ticket, printer.profile, printer.paper_width_dots)
    except PrinterError as exc:
        return _failure(_offline(str(exc)), exc)
    attempts = max(1, min(MAX_ATTEMPTS, attempts))
    outcome = print_bytes(printer, data)
    for attempt in range(1, attempts):
        if outcome.ok or not outcome.retryable:
            break
        sleep(min(MAX_BACKOFF_S, max(0.0, backoff_s) * 2 ** (attempt - 1)))
        outcome = print_bytes(printer, data)
    return outcome
