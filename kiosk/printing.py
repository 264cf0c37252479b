"""The print worker: this kiosk's print jobs, printed in order, off the UI thread.

Issuing a ticket at this kiosk creates a pending print job in the same transaction; a
supervisor's reprint at a console (another program) adds one too. ``TicketPrinter.kick()``
(after an issue, and whenever ``ui.watcher.QueueWatcher`` sees the database change) takes
this kiosk's oldest pending job (``take_next_job``), sends it with
``printer.service.send_ticket`` and records the attempt (``finish_print_job``), then the
next, on its own one-thread pool.

The printer package decides what goes on the wire (status proof, body, cut, what a retry
sends); this worker stores what it reports. Each job keeps in the database what of its
ticket reached the printer (``note_delivered``, written before the next byte is sent) and
the language and layout it is printed in (``set_print_layout``, written as soon as the
worker sees the ticket, even while the printer cannot print), so a kiosk restarted between
body and cut finishes that ticket, in the applicant's language, instead of printing it
again. The outcome of an attempt is one of:

* held: the printer refused before anything was sent (paper out, cover open, offline,
  unreachable). Not an attempt: the job stays pending, untouched, until the printer is
  usable again (``DeviceHealth.printer_usable_changed`` kicks the worker).
* failed: recorded as a failed attempt and retried with backoff (bounded by
  ``db.ops.printjobs.MAX_ATTEMPTS``, then the job is failed and a supervisor may reprint).
* printed (possibly marked "SALINAN" / "COPY" when the printer could not tell whether an
  earlier attempt's ticket came out).
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
from db.models import PrintState, TicketStatus
from db.ops.printjobs import (
    PrintJobView,
    finish_print_job,
    note_delivered,
    set_print_layout,
    take_next_job,
)
from db.read.estimate import WaitEstimate, format_wait, ticket_estimate
from db.views import TicketView
from kiosk.text import tr
from kiosk.workers import Runner
from printer import PrinterStatus, SlipPrint, TicketPrint, channel_label
from printer.service import Delivered, PrintOutcome, forget_job, send_slip, send_ticket

logger = logging.getLogger(__name__)

RETRY_MS = 2000
MAX_RETRY_MS = 30_000

PRINTED, HELD, RETRY, GAVE_UP = "printed", "held", "retry", "gave_up"


@dataclass(frozen=True)
class SlipResult:
    """What became of one slip: printed, or not (``problem`` as ``JobResult``'s)."""

    key: str
    ok: bool
    problem: str = ""
    status: PrinterStatus | None = None


@dataclass(frozen=True)
class JobResult:
    ticket_id: int
    number: str
    kind: str  # printed, held, retry, gave_up
    problem: str  # "", "paper_out", "cover_open", "offline", "other"
    status: PrinterStatus | None = None
    attempts: int = 0
    copy: bool = False

    @property
    def ok(self) -> bool:
        return self.kind == PRINTED


def layout_of(printer: PrinterSettings) -> str:
    """How a ticket is composed for this printer, as stored with the job."""
    return f"{printer.profile}/{printer.paper_width_dots}"


def printer_for(printer: PrinterSettings, layout: str | None) -> PrinterSettings:
    """The printer settings with the job's stored layout, when it is still a valid one."""
    profile, _, width = (layout or "").rpartition("/")
    if not profile or width not in ("576", "384"):
        return printer
    if (profile, int(width)) == (printer.profile, printer.paper_width_dots):
        return printer
    return printer.model_copy(update={"profile": profile, "paper_width_dots": int(width)})


def ticket_print(
    settings: Settings, ticket: TicketView, language: str, wait: WaitEstimate | None = None
) -> TicketPrint:
    """The printer's view of an issued ticket, in the applicant's language; ``wait``: the
    ticket's estimate, printed as its range ("25-40 menit"), else the stored minutes."""
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
        estimated_wait_text=format_wait(wait.low, wait.high, lang) if wait is not None else None,
        priority_reason=reason,
        masked_name=ticket.masked_name,
        footer_lines=(settings.office.address,),
        language=lang,
        office_timezone=settings.office.timezone,
    )


def problem_text(problem: str) -> str:
    return {
        "paper_out": tr("The printer is out of paper."),
        "cover_open": tr("The printer cover is open."),
        "offline": tr("The printer is not working right now."),
    }.get(problem, tr("The ticket could not be printed."))


class TicketPrinter(QObject):
    """The print worker of one kiosk (see the module docstring).

    ``printed(ticket_id)`` when a job's ticket came out; ``failed(ticket_id, message)``
    when an attempt failed or the printer cannot print it now (the message is the
    applicant's wording, naming the number); ``status_seen(PrinterStatus)`` after each
    attempt that reached the printer (for ``DeviceHealth``).

    A slip (``print_slip``: a problem report's receipt) goes through the same worker
    thread, in turn with the jobs, and the same printer lock, once: ``slip_printed(key)``
    or ``slip_failed(key, problem)``. A slip that cannot be printed now is not kept: the
    kiosk shows its number instead."""

    printed = Signal(int)
    failed = Signal(int, str)
    status_seen = Signal(object)
    slip_printed = Signal(str)
    slip_failed = Signal(str, str)  # key, problem

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
        # Languages of tickets issued here whose jobs do not know theirs yet (UI thread).
        self._languages: dict[int, str] = {}
        self.written_at: dict[int, float] = {}  # ticket id -> perf_counter (the bench)

    def print_ticket(self, ticket_id: int) -> None:
        """A ticket was just issued here: print it in the applicant's language."""
        self._languages[ticket_id] = self.language()
        self.kick()

    def print_slip(self, key: str, slip: SlipPrint) -> None:
        """Print ``slip`` once, on the worker thread; ``key`` names it in the news."""
        if self.stopped:
            self.slip_failed.emit(key, "offline")
            return
        hold = self.problem()
        self.runner.run(
            lambda: self._print_slip(key, slip, hold),
            self._slip_done,
            lambda exc: self._slip_crashed(key, exc),
        )

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
        languages = dict(self._languages)
        self.runner.run(lambda: self._drain(hold, languages), self._report, self._crashed)

    def stop(self) -> None:
        self.stopped = True
        self.retry_timer.stop()
        self.runner.wait()

    # -- worker thread --------------------------------------------------------------------

    def _drain(self, hold: str, languages: dict[int, str]) -> tuple[list[JobResult], list[int]]:
        """This kiosk's pending jobs, oldest first, until one cannot be printed now; and
        the tickets whose language is now stored with their job."""
        layout = layout_of(self.settings.printer)
        stored = []
        for ticket_id, language in languages.items():
            set_print_layout(
                self.ctx, self.actor, self.kiosk_id, ticket_id, language=language, layout=layout
            )
            stored.append(ticket_id)
        results: list[JobResult] = []
        while True:
            job = take_next_job(self.ctx, self.actor, self.kiosk_id)
            if job is None:
                return results, stored
            if hold:
                results.append(JobResult(job.ticket.id, job.ticket.number, HELD, hold))
                return results, stored
            result = self._print_job(job)
            results.append(result)
            if result.kind in (HELD, RETRY):
                return results, stored  # in order: nothing overtakes this job

    def _print_slip(self, key: str, slip: SlipPrint, hold: str) -> SlipResult:
        if hold:
            return SlipResult(key, False, hold)
        printer = self.settings.printer
        with self.device_lock:
            outcome = send_slip(printer, slip)
        if not outcome.ok:
            logger.warning("slip %s not printed: %s", key, outcome.error)
            problem = outcome.status.problem(near_end_stop=printer.near_end_stop) or "other"
            return SlipResult(key, False, problem, outcome.status)
        return SlipResult(key, True, "", outcome.status)

    def _print_job(self, job: PrintJobView) -> JobResult:
        ticket = job.ticket
        printer = printer_for(self.settings.printer, job.layout)
        language = job.language or self.settings.languages.default
        try:
            composed = ticket_print(self.settings, ticket, language, self._wait(ticket))
        except ValueError as exc:
            logger.error("ticket %s cannot be composed: %s", ticket.number, exc)
            status = PrinterStatus.offline_because(str(exc))
            failure = PrintOutcome(ok=False, status=status, error=str(exc))
            return self._record(job, printer, failure)

        def note(delivered: Delivered) -> None:
            note_delivered(self.ctx, self.actor, job.id, delivered.value)

        def written() -> None:
            self.written_at[ticket.id] = time.perf_counter()

        with self.device_lock:
            outcome = send_ticket(
                printer,
                composed,
                Delivered(job.delivered),
                job=job.id,
                note=note,
                written=written,
            )
        if outcome.held:
            logger.info("ticket %s waits for the printer: %s", ticket.number, outcome.error)
            problem = outcome.status.problem(near_end_stop=printer.near_end_stop) or "other"
            return JobResult(ticket.id, ticket.number, HELD, problem, outcome.status)
        return self._record(job, printer, outcome)

    def _wait(self, ticket: TicketView) -> WaitEstimate | None:
        """The waiting ticket's estimate to print as a range: just after issuing, the one
        it was issued with; on a later reprint, from the line as it stands then."""
        if ticket.status != TicketStatus.WAITING:
            return None
        try:
            with self.ctx.db.read() as session:
                return ticket_estimate(session, self.ctx, ticket.id, self.ctx.now())
        except Exception:  # the ticket prints with its stored minutes instead
            logger.exception("estimate for ticket %s not available", ticket.number)
            return None

    def _record(self, job: PrintJobView, printer: PrinterSettings, sent: PrintOutcome) -> JobResult:
        ticket = job.ticket
        if not sent.ok:
            logger.warning("ticket %s: print attempt failed: %s", ticket.number, sent.error)
        elif sent.copy:
            logger.warning("ticket %s printed again marked as a copy", ticket.number)
        view = finish_print_job(
            self.ctx, self.actor, job.id, ok=sent.ok, error=sent.error, copy=sent.copy
        )
        if view.state != PrintState.PENDING:
            forget_job(printer, job.id)
        if sent.ok:
            kind = PRINTED
        elif view.state == PrintState.PENDING:
            kind = RETRY
        else:
            kind = GAVE_UP
            logger.error("ticket %s not printed after %d attempts", ticket.number, view.attempts)
        return JobResult(
            ticket.id, ticket.number, kind, sent.problem, sent.status, view.attempts, sent.copy
        )

    # -- back on the UI thread ------------------------------------------------------------

    def _report(self, done: tuple[list[JobResult], list[int]]) -> None:
        results, stored = done
        for ticket_id in stored:
            self._languages.pop(ticket_id, None)
        retry_after = 0
        for result in results:
            if result.ok:
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

    def _slip_done(self, result: SlipResult) -> None:
        if result.ok:
            self.slip_printed.emit(result.key)
        else:
            self.slip_failed.emit(result.key, result.problem)
        if result.status is not None:
            self.status_seen.emit(result.status)
        self._after_slip()

    def _slip_crashed(self, key: str, exc: BaseException) -> None:
        logger.error("slip %s not printed: %r", key, exc)
        self.slip_failed.emit(key, "other")
        self._after_slip()

    def _after_slip(self) -> None:
        """A kick that came while the slip printed looks for the jobs now."""
        if self._again and not self.runner.busy and not self.stopped:
            self.kick()

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
