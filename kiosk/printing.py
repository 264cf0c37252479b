"""Printing issued tickets, off the UI thread.

Issuing a ticket at this kiosk creates a pending print job in the same transaction. The
``TicketPrinter`` takes this kiosk's pending jobs in order (``take_next_job``), prints each
through the ``printer`` package and records the attempt (``finish_print_job``). It runs on
its own one-thread pool, so tickets leave the printer in the order they were issued.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QThreadPool, Signal

from config.settings import Settings
from db.context import Actor, QueueContext
from db.printjobs import PrintJobView, finish_print_job, take_next_job
from db.views import TicketView
from kiosk.text import tr
from kiosk.workers import Runner
from printer import PrintOutcome, TicketPrint, channel_label, print_ticket

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class JobResult:
    ticket_id: int
    number: str
    ok: bool
    problem: str  # "", "paper_out", "cover_open", "offline", "other"


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
        qr_token=ticket.token,
        people_ahead=ticket.people_ahead,
        estimated_wait_minutes=ticket.estimated_wait_minutes,
        priority_reason=reason,
        masked_name=ticket.masked_name,
        footer_lines=(settings.office.address,),
        language=lang,
        office_timezone=settings.office.timezone,
    )


def problem_of(outcome: PrintOutcome) -> str:
    if outcome.ok:
        return ""
    status = outcome.status
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


class TicketPrinter(QObject):
    """``print_ticket(ticket_id)`` prints this kiosk's pending jobs up to that ticket.

    Emits ``printed(ticket_id)`` or ``failed(ticket_id, message)`` per ticket; the message
    is the applicant's wording (it names the problem and the ticket number)."""

    printed = Signal(int)
    failed = Signal(int, str)

    def __init__(
        self,
        ctx: QueueContext,
        language: Callable[[], str],
        parent: QObject | None = None,
        print_fn: Callable[..., PrintOutcome] = print_ticket,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.settings = ctx.settings
        self.kiosk_id = ctx.settings.kiosk_id
        self.actor = Actor.kiosk(self.kiosk_id)
        self.language = language
        self.print_fn = print_fn
        pool = QThreadPool(self)
        pool.setMaxThreadCount(1)
        self.runner = Runner(self, pool)

    def print_ticket(self, ticket_id: int) -> None:
        lang = self.language()
        self.runner.run(lambda: self._print_pending(lang), self._report, self._crashed(ticket_id))

    def _print_pending(self, language: str) -> list[JobResult]:
        """Worker thread: each pending job of this kiosk once, oldest first."""
        results: list[JobResult] = []
        seen: set[int] = set()
        while True:
            job = take_next_job(self.ctx, self.actor, self.kiosk_id)
            if job is None or job.id in seen:
                return results
            seen.add(job.id)
            results.append(self._print_job(job, language))

    def _print_job(self, job: PrintJobView, language: str) -> JobResult:
        try:
            outcome = self.print_fn(
                self.settings.printer, ticket_print(self.settings, job.ticket, language)
            )
        except Exception as exc:  # the printer package should not raise; be safe anyway
            logger.exception("printing ticket %s failed", job.ticket.number)
            finish_print_job(self.ctx, self.actor, job.id, ok=False, error=str(exc))
            return JobResult(job.ticket.id, job.ticket.number, False, "other")
        if not outcome.ok:
            logger.warning("ticket %s not printed: %s", job.ticket.number, outcome.error)
        finish_print_job(self.ctx, self.actor, job.id, ok=outcome.ok, error=outcome.error)
        return JobResult(job.ticket.id, job.ticket.number, outcome.ok, problem_of(outcome))

    def _report(self, results: list[JobResult]) -> None:
        for result in results:
            if result.ok:
                self.printed.emit(result.ticket_id)
            else:
                self.failed.emit(result.ticket_id, self.failure_message(result))

    def failure_message(self, result: JobResult) -> str:
        return tr(
            "{problem} Your number is {number}: please show this screen at the desk.",
            problem=problem_text(result.problem),
            number=result.number,
        )

    def _crashed(self, ticket_id: int) -> Callable[[BaseException], None]:
        def failed(exc: BaseException) -> None:
            logger.error("print worker failed: %r", exc)
            self.failed.emit(
                ticket_id,
                tr("The ticket could not be printed. Please show this screen at the desk."),
            )

        return failed
