"""Sending a ticket and reading status: the one way the kiosk, the print jobs and
``loket-printer`` talk to a ticket printer.

Nothing here raises: each call returns a value saying what happened, with a message an
officer understands. Each call opens the printer, does its work and closes it, so a
printer that was switched off and on again simply works on the next ticket; the one
exception is a connection whose last data the printer has not acknowledged yet, which is
kept for the next attempt at the same job (see below).

A ticket goes out in two parts on one connection, each proved by the printer:

1. a status reading (``DLE EOT 1..4``, one timeout overall): nothing is sent to a printer
   that is offline, out of paper, open or silent (the ticket is *held*, not tried);
2. the body, then a status question: the printer reads its input in order, so any reply
   proves it took the whole body;
3. the cut (``GS V``), then a status question, proving the ticket is finished.

``send_ticket`` is given what already reached the printer for this job (``Delivered``)
and reports each change through ``note`` *before* the next byte goes out, so a caller
that stores it (``db.ops.printjobs``) knows after a crash or a restart what is on the paper:

* ``NOTHING``: the whole ticket is sent.
* ``PART``: the start of the body may be on the paper, but not its QR code: a cut ends
  that scrap, then the whole ticket is sent.
* ``BODY_UNSURE``: the body may be on the paper and the printer cannot tell. A reply that
  arrives late on the connection kept for the job still proves it (then only the cut is
  sent); otherwise a cut ends what is there and the ticket is printed again marked
  "SALINAN" / "COPY", so two unmarked tickets with one QR code never exist.
* ``BODY``: the printer acknowledged the body: only the cut is sent, never the body again.
  A cut sent twice cuts blank paper, so the cut is simply repeated when in doubt.

Retries are the caller's timing (the kiosk's print worker waits and tries again); what a
retry sends is decided here, from ``Delivered``.
"""

from __future__ import annotations

import dataclasses
import enum
import threading
from collections.abc import Callable, Hashable
from dataclasses import dataclass

from config.settings import Printer as PrinterSettings
from printer.connection import SLOWEST_BYTES_PER_SECOND, Connection, open_connection
from printer.errors import PrinterError
from printer.slip import SlipPrint
from printer.status import UNKNOWN, PrinterStatus, status_from_replies
from printer.ticket import TicketPrint

# What goes to a printer: a queue ticket, or a slip (a problem report's receipt).
Printable = TicketPrint | SlipPrint


def render(document: Printable, profile: str, width_dots: int) -> bytes:
    """The ESC/POS bytes of a ticket or a slip (``PrinterError`` when it cannot be made)."""
    from printer.layout import render_slip, render_ticket  # python-escpos: on first print

    if isinstance(document, SlipPrint):
        return render_slip(document, profile, width_dots)
    return render_ticket(document, profile, width_dots)


CUT = b"\x1dV"  # GS V: the last one ends the ticket
QR_COMMANDS = (b"\x1d(k", b"\x1dv0")  # native QR (GS ( k) or the raster image (GS v 0)


class Delivered(enum.StrEnum):
    """What of one ticket has reached the printer (stored with the print job)."""

    NOTHING = ""
    PART = "part"
    BODY_UNSURE = "body?"
    BODY = "body"


@dataclass(frozen=True)
class PrintOutcome:
    """What became of one attempt at a ticket.

    ``ok``: the printer took the whole ticket, cut included, and said so (for file and
    CUPS printers: the whole ticket was handed over). ``held``: nothing was sent because
    the printer cannot print now (``status`` says why); not an attempt. ``delivered``:
    what of the ticket is on the printer now, for the next attempt. ``copy``: the ticket
    that came out is marked as a copy. ``warning`` is set on success when someone should
    act soon (paper nearly out, or ran out right after this ticket). ``retryable``: trying
    again later may help without a person acting first.
    """

    ok: bool
    status: PrinterStatus
    error: str | None = None
    bytes_sent: int = 0
    warning: str | None = None
    retryable: bool = False
    held: bool = False
    delivered: Delivered = Delivered.NOTHING
    copy: bool = False

    @property
    def problem(self) -> str:
        """``PrinterStatus.problem`` of a refusal; "other" for any other failure."""
        if self.ok:
            return ""
        return self.status.problem() or "other"


def split_cut(data: bytes) -> tuple[bytes, bytes]:
    """A ticket's bytes as (body, cut): the cut is the last ``GS V`` and what follows."""
    at = data.rfind(CUT)
    return (data, b"") if at < 0 else (data[:at], data[at:])


def qr_offset(body: bytes) -> int:
    """Where the QR code starts in a ticket's body: fewer bytes than this on the paper
    cannot make a usable ticket. ``len(body)`` when there is no QR code."""
    found = [at for at in (body.find(command) for command in QR_COMMANDS) if at >= 0]
    return min(found, default=len(body))


# -- one conversation per printer -------------------------------------------------------

_locks: dict[str, threading.Lock] = {}
_locks_guard = threading.Lock()


@dataclass
class _Kept:
    """A connection whose last data (``part``: "body" or "cut") the printer has not
    acknowledged yet, kept for the next attempt at ``job``."""

    connection: Connection
    job: Hashable
    part: str
    acknowledged: bool = False


_kept: dict[str, _Kept] = {}
# Printers with part of a ticket on the paper that no cut has ended (an attempt failed
# after sending): the next ticket starts with a cut.
_uncut: set[str] = set()


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
    """One conversation at a time per printer within this process."""
    with _locks_guard:
        return _locks.setdefault(_target(printer), threading.Lock())


def _take_kept(printer: PrinterSettings, job: Hashable | None) -> _Kept | None:
    """The connection kept for ``job``; one kept for another job is closed."""
    kept = _kept.pop(_target(printer), None)
    if kept is not None and (job is None or kept.job != job):
        kept.connection.close()
        return None
    return kept


def _keep(printer: PrinterSettings, kept: _Kept) -> None:
    old = _kept.pop(_target(printer), None)
    if old is not None and old.connection is not kept.connection:
        old.connection.close()
    _kept[_target(printer)] = kept


def forget_job(printer: PrinterSettings, job: Hashable) -> None:
    """Close the connection kept for ``job`` (the job was given up or finished)."""
    lock = _lock_for(printer)
    with lock:
        kept = _kept.get(_target(printer))
        if kept is not None and kept.job == job:
            _kept.pop(_target(printer)).connection.close()


def _not_configured() -> PrintOutcome:
    message = "No ticket printer is configured (printer.kind = none)"
    return PrintOutcome(
        ok=False, status=PrinterStatus.offline_because(message), error=message, held=True
    )


def _busy() -> PrintOutcome:
    message = "Printer is busy with another ticket"
    return PrintOutcome(
        ok=False,
        status=PrinterStatus.offline_because(message),
        error=message,
        retryable=True,
        held=True,
    )


# -- sending ----------------------------------------------------------------------------


def print_ticket(printer: PrinterSettings, ticket: TicketPrint) -> PrintOutcome:
    """Check the printer, then print ``ticket`` (a single attempt, nothing remembered).

    Refused, with the reason, when the cover is open, the paper is out or the printer is
    offline or does not answer (and when the paper is nearly out with
    ``near_end_stop``); printed with a warning when the paper is nearly out.
    """
    return send_ticket(printer, ticket)


def send_slip(printer: PrinterSettings, slip: SlipPrint) -> PrintOutcome:
    """One attempt at a slip, as a ticket is sent (status first: held when the printer
    cannot print; then the body and the cut, each proved), but nothing kept for a later
    attempt: a slip is printed now or not at all, and the kiosk then shows its number."""
    return send_ticket(printer, slip)


def send_ticket(
    printer: PrinterSettings,
    ticket: Printable,
    delivered: Delivered = Delivered.NOTHING,
    *,
    job: Hashable | None = None,
    note: Callable[[Delivered], None] = lambda _: None,
    written: Callable[[], None] = lambda: None,
) -> PrintOutcome:
    """One attempt at ``ticket`` (see the module docstring), never raising.

    ``delivered`` is what earlier attempts at the same ``job`` left on the printer;
    ``note`` is called with each change of it before anything more is sent (it may raise
    to stop the attempt, e.g. when the change cannot be stored); ``written`` once the last
    byte of the ticket is handed to the printer. Without a ``job`` nothing is kept for a
    later attempt.
    """
    if printer.kind == "none":
        return _not_configured()
    lock = _lock_for(printer)
    if not lock.acquire(timeout=printer.timeout_seconds * 10):
        return _busy()
    try:
        outcome = _Attempt(printer, ticket, Delivered(delivered), job, note, written).run()
        if outcome.ok:
            _uncut.discard(_target(printer))
        elif outcome.delivered != Delivered.NOTHING:
            _uncut.add(_target(printer))
        return outcome
    finally:
        lock.release()


class _Attempt:
    def __init__(
        self,
        printer: PrinterSettings,
        ticket: Printable,
        delivered: Delivered,
        job: Hashable | None,
        note: Callable[[Delivered], None],
        written: Callable[[], None],
    ) -> None:
        self.printer = printer
        self.ticket = ticket
        self.delivered = delivered
        self.job = job
        self.note = note
        self.written = written
        self.connection: Connection | None = None
        self.keep_connection = False
        self.bytes_sent = 0
        self.copy = False

    # -- outcomes -------------------------------------------------------------------------

    def outcome(
        self,
        ok: bool,
        status: PrinterStatus,
        error: str | None = None,
        *,
        warning: str | None = None,
        retryable: bool = False,
        held: bool = False,
    ) -> PrintOutcome:
        return PrintOutcome(
            ok=ok,
            status=status,
            error=error,
            bytes_sent=self.bytes_sent,
            warning=warning,
            retryable=retryable,
            held=held,
            delivered=self.delivered,
            copy=self.copy,
        )

    def held(self, status: PrinterStatus, error: str, *, retryable: bool = False) -> PrintOutcome:
        return self.outcome(False, status, error, held=True, retryable=retryable)

    def advance(self, delivered: Delivered) -> None:
        if delivered != self.delivered:
            self.note(delivered)
            self.delivered = delivered

    # -- the attempt ----------------------------------------------------------------------

    def run(self) -> PrintOutcome:
        try:
            data = render(self.ticket, self.printer.profile, self.printer.paper_width_dots)
        except PrinterError as exc:
            return self.outcome(False, PrinterStatus.offline_because(str(exc)), str(exc))
        kept = _take_kept(self.printer, self.job)
        try:
            if kept is not None:
                self.connection = kept.connection
            else:
                try:
                    self.connection = open_connection(self.printer)
                except PrinterError as exc:
                    status = PrinterStatus.offline_because(str(exc))
                    return self.held(status, str(exc), retryable=exc.retryable)
            return self.on_connection(self.connection, data, kept)
        finally:
            if self.connection is not None and not self.keep_connection:
                self.connection.close()

    def keep(self, part: str) -> None:
        if self.job is not None and self.connection is not None:
            self.keep_connection = True
            _keep(self.printer, _Kept(self.connection, self.job, part))

    def on_connection(
        self, connection: Connection, data: bytes, kept: _Kept | None
    ) -> PrintOutcome:
        before = UNKNOWN
        if connection.has_status:
            heard = connection.heard
            try:
                replies = connection.query_replies()
            except PrinterError as exc:
                if kept is not None:  # the kept connection is gone: start afresh
                    self.connection = None
                    connection.close()
                    return self.run_fresh(data)
                return self.held(PrinterStatus.offline_because(str(exc)), str(exc), retryable=True)
            if kept is not None and (kept.acknowledged or connection.heard > heard):
                # A late answer on the kept connection: the printer took what was sent.
                if kept.part == "cut":
                    status = status_from_replies(replies) if replies else UNKNOWN
                    return self.finished(status)
                self.advance(Delivered.BODY)
            if not replies:
                message = f"{connection.where} did not answer within {connection.timeout:g} s"
                if kept is not None:
                    self.keep(kept.part)  # still silent: it may answer yet
                return self.held(PrinterStatus.offline_because(message), message, retryable=True)
            before = status_from_replies(replies)
        reason = before.refusal(near_end_stop=self.printer.near_end_stop)
        if reason is not None:
            return self.held(before, reason)
        return self.send(connection, data, before)

    def run_fresh(self, data: bytes) -> PrintOutcome:
        try:
            self.connection = open_connection(self.printer)
        except PrinterError as exc:
            return self.held(
                PrinterStatus.offline_because(str(exc)), str(exc), retryable=exc.retryable
            )
        return self.on_connection(self.connection, data, None)

    def send(self, connection: Connection, data: bytes, before: PrinterStatus) -> PrintOutcome:
        body, cut = split_cut(data)
        if self.delivered != Delivered.BODY:
            prefix = b""
            if self.delivered != Delivered.NOTHING or _target(self.printer) in _uncut:
                prefix = cut  # end what may be on the paper first
            if self.delivered == Delivered.BODY_UNSURE:
                self.copy = True
                copy = dataclasses.replace(self.ticket, copy=True)
                try:
                    body, cut = split_cut(
                        render(copy, self.printer.profile, self.printer.paper_width_dots)
                    )
                except PrinterError as exc:
                    return self.outcome(False, before, str(exc))
            if not connection.has_status:  # nothing to prove: one write, one job for CUPS
                return self.send_whole(connection, prefix + body + cut, before)
            failed = self.send_body(connection, prefix, body)
            if failed is not None:
                return failed
        return self.send_cut(connection, cut, before)

    def send_whole(
        self, connection: Connection, data: bytes, before: PrinterStatus
    ) -> PrintOutcome:
        self.advance(Delivered.BODY_UNSURE)
        try:
            connection.write_all(data)
        except PrinterError as exc:
            self.bytes_sent = exc.bytes_sent
            if exc.bytes_sent == 0:
                self.advance(Delivered.NOTHING)
            return self.outcome(False, before, str(exc), retryable=exc.retryable)
        self.bytes_sent = len(data)
        self.written()
        return self.finished(before)

    def send_body(self, connection: Connection, prefix: bytes, body: bytes) -> PrintOutcome | None:
        start = self.delivered
        self.advance(Delivered.BODY_UNSURE)  # before the first byte: a crash may follow
        try:
            connection.write_all(prefix + body)
        except PrinterError as exc:
            sent = max(0, exc.bytes_sent - len(prefix))
            self.bytes_sent = sent
            if sent == 0:
                self.advance(start)
            elif sent <= qr_offset(body) and start in (Delivered.NOTHING, Delivered.PART):
                self.advance(Delivered.PART)
            status = PrinterStatus.offline_because(str(exc))
            if self.delivered == Delivered.NOTHING:
                return self.outcome(False, status, str(exc), retryable=exc.retryable)
            return self.outcome(False, status, f"{exc}; the ticket may be incomplete")
        self.bytes_sent = len(body)
        wait = connection.timeout + len(prefix + body) / SLOWEST_BYTES_PER_SECOND
        heard = connection.heard
        try:
            connection.ask_status()
            connection.collect_replies(wait)
        except PrinterError as exc:
            return self.outcome(
                False,
                PrinterStatus.offline_because(str(exc)),
                f"{exc} after the ticket was sent; it may be incomplete",
            )
        if connection.heard == heard:
            self.keep("body")  # a late answer there still proves the body
            message = (
                f"{connection.where} did not answer after the ticket was sent; "
                "it is asked again before anything is printed again"
            )
            return self.outcome(
                False, PrinterStatus.offline_because("no answer after the ticket"), message,
                retryable=True,
            )  # fmt: skip
        self.advance(Delivered.BODY)
        return None

    def send_cut(self, connection: Connection, cut: bytes, before: PrinterStatus) -> PrintOutcome:
        try:
            connection.write_all(cut)
        except PrinterError as exc:
            return self.outcome(False, before, f"{exc} at the cut", retryable=True)
        self.bytes_sent += len(cut)
        self.written()
        if not connection.has_status:
            return self.finished(before)
        heard = connection.heard
        try:
            connection.ask_status()
            replies = connection.collect_replies()
        except PrinterError as exc:
            return self.outcome(False, before, f"{exc} at the cut", retryable=True)
        if connection.heard == heard:
            self.keep("cut")
            message = f"{connection.where} did not answer after the cut"
            return self.outcome(False, before, message, retryable=True)
        return self.finished(status_from_replies(replies) if len(replies) else before)

    def finished(self, after: PrinterStatus) -> PrintOutcome:
        warning = None
        if after.paper == "out" or after.cover_open:
            # Epson printers keep the rest of the ticket and finish it after the roll is
            # changed, so this ticket is not lost, but the next one would be refused.
            warning = after.refusal()
        elif after.paper == "near_end":
            warning = "Paper nearly out: load a new roll soon"
        return self.outcome(True, after, warning=warning)


def read_status(printer: PrinterSettings) -> PrinterStatus:
    """The printer's status now, read once within one timeout; offline with the reason
    when it cannot be reached. What the kiosk and ``loket-printer status`` both show."""
    if printer.kind == "none":
        return PrinterStatus.offline_because("no printer configured")
    lock = _lock_for(printer)
    if not lock.acquire(timeout=printer.timeout_seconds * 10):
        return PrinterStatus.offline_because("printer is busy with another ticket")
    try:
        kept = _kept.get(_target(printer))
        if kept is not None:  # ask where a ticket waits for its answer
            heard = kept.connection.heard
            try:
                status = kept.connection.query_status()
            except PrinterError:
                _kept.pop(_target(printer)).connection.close()
            else:
                kept.acknowledged = kept.acknowledged or kept.connection.heard > heard
                return status
        with open_connection(printer) as connection:
            return connection.query_status()
    except PrinterError as exc:
        return PrinterStatus.offline_because(str(exc))
    finally:
        lock.release()
