"""The print worker: this kiosk's print jobs, printed in order, off the UI thread.

Issuing a ticket at this kiosk creates a pending print job in the same transaction; a
supervisor's reprint at a console (another program) adds one too. ``TicketPrinter.kick()``
(after an issue, and whenever ``ui.watcher.QueueWatcher`` sees the database change) takes
this kiosk's oldest pending job (``take_next_job``), prints it and records the attempt
(``finish_print_job``), then the next, on its own one-thread pool.

No duplicate paper for one job. A ticket is sent in two steps on one connection: the body,
then a status query whose answer proves the printer took the body (it reads its input in
order), then the cut (``GS V``) and another query. The outcome of an attempt is one of:

* held: the printer refused before anything was sent (paper out, cover open, offline,
  unreachable). Not an attempt: the job stays pending, untouched, until the printer is
  usable again (``DeviceHealth.printer_usable_changed`` kicks the worker).
* failed in the body: no cut reached the printer, so no finished ticket exists. The
  attempt is recorded as failed, and the job is retried with backoff (bounded by
  ``db.ops.printjobs.MAX_ATTEMPTS``, then the job is failed and a supervisor may reprint).
* failed at the cut: the body is on the paper. The retry sends only the cut, never the
  body again, so one job never gives two tickets.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal

from config.settings import Printer as PrinterSettings
from config.settings import Settings
from db.context import Actor, QueueContext
from db.io.ticket_link import ticket_qr_payload
from db.models import PrintState
from db.ops.printjobs import PrintJobView, finish_print_job, take_next_job
from db.views import TicketView
from kiosk.text import tr
from kiosk.workers import Runner
from printer import PrinterError, PrinterStatus, TicketPrint, channel_label
from printer.connection import Connection, open_connection
from printer.layout import render_ticket
from printer.service import refusal
from printer.status import UNKNOWN, status_from_replies

logger = logging.getLogger(__name__)

CUT = b"\x1dV"  # GS V: the last one ends the ticket
RETRY_MS = 2000
MAX_RETRY_MS = 30_000

PRINTED, HELD, RETRY, GAVE_UP = "printed", "held", "retry", "gave_up"


@dataclass(frozen=True)
class JobResult:
    ticket_id: int
    number: str
    kind: str  # printed, held, retry, gave_up
    problem: str  # "", "paper_out", "cover_open", "offline", "other"
    status: PrinterStatus | None = None
    attempts: int = 0

    @property
    def ok(self) -> bool:
        return self.kind == PRINTED


@dataclass(frozen=True)
class Sent:
    """What one attempt did: ``stage`` is "" (printed), "held", "body" or "cut"."""

    stage: str
    status: PrinterStatus
    error: str = ""


def ticket_print(settings: Settings, ticket: TicketView, language: str) -> TicketPrint:
    """The printer's view of an issued ticket, in the applicant's language."""
    lang = "en" if language == "en" else "id"
    reason = None
    if ticket.priority_reason:
        try:
            reason = settings.reason(ticket.priority_reason).name.get(lang)
        except KeyError:
            reason = ticket.priority_reason
    try:
        service_name = settings.service(ticket.service).name.get(lang)
    except KeyError:
        service_name = ticket.service
    return TicketPrint(
        office_name=settings.office.name,
        number=ticket.number,
        service_name=service_name,
        channel_label=channel_label(str(ticket.channel), lang),
        issued_at=ticket.issued_at,
        qr_token=ticket_qr_payload(settings, ticket.token, ticket.business_day),
        people_ahead=ticket.people_ahead,
        estimated_wait_minutes=ticket.estimated_wait_minutes,
        priority_reason=reason,
        masked_name=ticket.masked_name,
        footer_lines=(settings.office.address,),
        language=lang,
        office_timezone=settings.office.timezone,
    )


def split_cut(data: bytes) -> tuple[bytes, bytes]:
    """The ticket's bytes as (body, cut): the cut is the last ``GS V`` and what follows."""
    at = data.rfind(CUT)
    return (data, b"") if at < 0 else (data[:at], data[at:])


def problem_of(status: PrinterStatus | None) -> str:
    if status is None:
        return "other"
    if status.paper == "out":
        return "paper_out"
    if status.cover_open:
        return "cover_open"
    if not status.online:
        return "offline"
    return "other"


def problem_text(problem: str) -> str:
    return {
        "paper_out": tr("The printer is out of paper."),
        "cover_open": tr("The printer cover is open."),
        "offline": tr("The printer is not working right now."),
    }.get(problem, tr("The ticket could not be printed."))


def _offline(message: str) -> PrinterStatus:
    return PrinterStatus(online=False, paper="unknown", cover_open=None, error=message)


def _confirm(connection: Connection) -> PrinterStatus | None:
    """Ask for status after a write; None when the printer did not answer."""
    if not connection.has_status:
        return UNKNOWN
    replies = connection.query_replies()
    return status_from_replies(replies) if replies else None


def send_ticket(
    printer: PrinterSettings,
    body: bytes,
    cut: bytes,
    *,
    body_done: bool = False,
    written: Callable[[], None] = lambda: None,
) -> Sent:
    """One attempt: check, body (unless ``body_done``), confirm, cut, confirm. Never raises
    ``PrinterError``; ``written`` is called once the last byte is handed to the printer."""
    try:
        connection = open_connection(printer)
    except PrinterError as exc:
        return Sent("held", _offline(str(exc)), str(exc))
    with connection:
        try:
            before = _confirm(connection)
        except PrinterError as exc:
            return Sent("held", _offline(str(exc)), str(exc))
        if before is None:
            message = f"{connection.where} did not answer"
            return Sent("held", _offline(message), message)
        reason = refusal(before, near_end_stop=printer.near_end_stop)
        if reason is not None:
            return Sent("held", before, reason)
        stage = "cut" if body_done else "body"
        try:
            if stage == "body":
                connection.write_all(body)
                if _confirm(connection) is None:
                    return Sent("body", before, "no answer after the ticket was sent")
                stage = "cut"
            connection.write_all(cut)
            written()
            after = _confirm(connection)
        except PrinterError as exc:
            return Sent(stage, before, str(exc))
        if after is None:
            return Sent("cut", before, "no answer after the cut")
        return Sent("", after)


class TicketPrinter(QObject):
    """The print worker of one kiosk (see the module docstring).

    ``printed(ticket_id)`` when a job's ticket came out; ``failed(ticket_id, message)``
    when an attempt failed or the printer cannot print it now (the message is the
    applicant's wording, naming the number); ``status_seen(PrinterStatus)`` after each
    attempt that reached the printer (for ``DeviceHealth``)."""

    printed = Signal(int)
    failed = Signal(int, str)
    status_seen = Signal(object)

    def __init__(
        self,
        ctx: QueueContext,
        language: Callable[[], str],
        parent: QObject | None = None,
        *,
        problem: Callable[[], str] = lambda: "",
        device_lock: threading.Lock | None = None,
        retry_ms: int = RETRY_MS,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.settings = ctx.settings
        self.kiosk_id = ctx.settings.kiosk_id
        self.actor = Actor.kiosk(self.kiosk_id)
        self.language = language
        self.problem = problem  # the printer's known problem, "" when usable
        self.device_lock = device_lock or threading.Lock()
        self.retry_ms = retry_ms
        pool = QThreadPool(self)
        pool.setMaxThreadCount(1)
        self.runner = Runner(self, pool)
        self.retry_timer = QTimer(self)
        self.retry_timer.setSingleShot(True)
        self.retry_timer.timeout.connect(self.kick)
        self.stopped = False
        self._again = False
        # Worker-thread state, per job id: composed bytes and "the body is on the paper".
        self._languages: dict[int, str] = {}
        self._bytes: dict[int, tuple[bytes, bytes]] = {}
        self._body_done: set[int] = set()
        self.written_at: dict[int, float] = {}  # ticket id -> perf_counter (the bench)

    def print_ticket(self, ticket_id: int) -> None:
        """A ticket was just issued here: print it in the applicant's language."""
        self._languages[ticket_id] = self.language()
        self.kick()

    def kick(self) -> None:
        """Look for pending jobs now (cheap when there are none)."""
        if self.stopped:
            return
        if self.runner.busy:
            self._again = True
            return
        self._again = False
        self.retry_timer.stop()
        hold = self.problem()
        self.runner.run(lambda: self._drain(hold), self._report, self._crashed)

    def stop(self) -> None:
        self.stopped = True
        self.retry_timer.stop()
        self.runner.wait()

    # -- worker thread --------------------------------------------------------------------

    def _drain(self, hold: str) -> list[JobResult]:
        """This kiosk's pending jobs, oldest first, until one cannot be printed now."""
        results: list[JobResult] = []
        while True:
            job = take_next_job(self.ctx, self.actor, self.kiosk_id)
            if job is None:
                return results
            if hold:
                results.append(JobResult(job.ticket.id, job.ticket.number, HELD, hold))
                return results
            result = self._print_job(job)
            results.append(result)
            if result.kind in (HELD, RETRY):
                return results  # in order: nothing overtakes this job

    def _compose(self, job: PrintJobView) -> tuple[bytes, bytes]:
        if job.id not in self._bytes:
            language = self._languages.get(job.ticket.id, self.settings.languages.default)
            ticket = ticket_print(self.settings, job.ticket, language)
            printer = self.settings.printer
            data = render_ticket(ticket, printer.profile, printer.paper_width_dots)
            self._bytes[job.id] = split_cut(data)
        return self._bytes[job.id]

    def _print_job(self, job: PrintJobView) -> JobResult:
        ticket = job.ticket
        try:
            body, cut = self._compose(job)
        except (PrinterError, ValueError) as exc:
            logger.error("ticket %s cannot be composed: %s", ticket.number, exc)
            return self._record(job, Sent("body", _offline(str(exc)), str(exc)))

        def written() -> None:
            self.written_at[ticket.id] = time.perf_counter()

        with self.device_lock:
            sent = send_ticket(
                self.settings.printer,
                body,
                cut,
                body_done=job.id in self._body_done,
                written=written,
            )
        if sent.stage == "held":
            logger.info("ticket %s waits for the printer: %s", ticket.number, sent.error)
            return JobResult(ticket.id, ticket.number, HELD, problem_of(sent.status), sent.status)
        if sent.stage in ("cut", ""):
            self._body_done.add(job.id)
        return self._record(job, sent)

    def _record(self, job: PrintJobView, sent: Sent) -> JobResult:
        ticket = job.ticket
        ok = sent.stage == ""
        if not ok:
            logger.warning("ticket %s: print attempt failed: %s", ticket.number, sent.error)
        view = finish_print_job(self.ctx, self.actor, job.id, ok=ok, error=sent.error or None)
        if ok or view.state != PrintState.PENDING:
            self._bytes.pop(job.id, None)
            self._body_done.discard(job.id)
        if ok:
            kind = PRINTED
        elif view.state == PrintState.PENDING:
            kind = RETRY
        else:
            kind = GAVE_UP
            logger.error("ticket %s not printed after %d attempts", ticket.number, view.attempts)
        problem = "" if ok else problem_of(sent.status)
        return JobResult(ticket.id, ticket.number, kind, problem, sent.status, view.attempts)

    # -- back on the UI thread ------------------------------------------------------------

    def _report(self, results: list[JobResult]) -> None:
        retry_after = 0
        for result in results:
            if result.ok:
                self._languages.pop(result.ticket_id, None)
                self.printed.emit(result.ticket_id)
                continue
            self.failed.emit(result.ticket_id, self.failure_message(result))
            if result.kind == RETRY:
                retry_after = min(MAX_RETRY_MS, self.retry_ms * 2 ** max(0, result.attempts - 1))
        seen = [result.status for result in results if result.status is not None]
        if seen:  # after the tickets' own news, so the screens hear about the ticket first
            self.status_seen.emit(seen[-1])
        if self.stopped:
            return
        if self._again:
            self.kick()
        elif retry_after:
            self.retry_timer.start(retry_after)

    def failure_message(self, result: JobResult) -> str:
        return tr(
            "{problem} Your number is {number}: please show this screen at the desk.",
            problem=problem_text(result.problem),
            number=result.number,
        )

    def failure_message_for(self, number: str) -> str:
        """The applicant's wording for the printer's known problem now."""
        return self.failure_message(JobResult(0, number, HELD, self.problem() or "other"))

    def _crashed(self, exc: BaseException) -> None:
        logger.error("print worker failed: %r", exc)
        if not self.stopped:
            self.retry_timer.start(self.retry_ms)
