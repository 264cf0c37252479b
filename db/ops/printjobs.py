"""Print jobs: each ticket a kiosk issues, and each reprint asked for at a console, is a row
the kiosk that owns the printer takes and prints in order. The ticket is valid whatever the
printer does; a failed job keeps its error and attempt count for the console.

A job also remembers what of its ticket reached the printer (``delivered``, the values of
``printer.service.Delivered``: "" nothing, "part", "body?", "body") and the language and
layout it was composed in, so that after a late answer or a restart of the kiosk the ticket
is finished rather than printed again, in the applicant's language."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.context import Actor, QueueContext, audit, check_actor, require
from db.errors import IllegalTransition, QueueError, UnknownTicket
from db.models import KioskHeartbeat, PrintJob, PrintState, Ticket
from db.views import TicketView

MAX_ATTEMPTS = 3


@dataclass(frozen=True)
class PrintJobView:
    id: int
    kiosk_id: str
    reprint: bool
    state: PrintState
    attempts: int
    last_error: str | None
    ticket: TicketView
    delivered: str = ""
    language: str | None = None
    layout: str | None = None
    copy_printed: bool = False


def _view(job: PrintJob, ticket: Ticket) -> PrintJobView:
    return PrintJobView(
        job.id,
        job.kiosk_id,
        job.reprint,
        PrintState(job.state),
        job.attempts,
        job.last_error,
        TicketView.of(ticket),
        job.delivered or "",
        job.language,
        job.layout,
        bool(job.copy_printed),
    )


DELIVERED = ("", "part", "body?", "body")
LANGUAGES = ("id", "en")


def add_print_job(
    session: Session,
    ticket: Ticket,
    kiosk_id: str,
    by: str,
    now: dt.datetime,
    reprint: bool,
    *,
    language: str | None = None,
    layout: str | None = None,
) -> PrintJob:
    if reprint and language is None:  # a reprint comes out as the ticket first did
        earlier = session.execute(
            select(PrintJob.language, PrintJob.layout)
            .where(PrintJob.ticket_id == ticket.id, PrintJob.language.is_not(None))
            .order_by(PrintJob.id.desc())
            .limit(1)
        ).first()
        if earlier is not None:
            language, layout = earlier
    job = PrintJob(
        ticket_id=ticket.id,
        kiosk_id=kiosk_id,
        reprint=reprint,
        state=PrintState.PENDING,
        attempts=0,
        requested_by=by,
        created_at=now,
        updated_at=now,
        delivered="",
        language=language,
        layout=layout,
    )
    session.add(job)
    session.flush()
    return job


def request_reprint(
    ctx: QueueContext, actor: Actor, ticket_id: int, kiosk_id: str | None = None
) -> PrintJobView:
    """A supervisor's reprint, sent to the kiosk that issued the ticket unless told otherwise."""
    require(actor, "reprint")

    def work(session: Session) -> PrintJobView:
        now = ctx.now()
        ticket = session.get(Ticket, ticket_id)
        if ticket is None:
            raise UnknownTicket("No ticket with id {ticket_id}.", ticket_id=ticket_id)
        target = kiosk_id or ticket.kiosk_id
        if not target:
            raise QueueError(
                "{number} was not issued at a kiosk: name the kiosk.", number=ticket.number
            )
        job = add_print_job(session, ticket, target, actor.name, now, reprint=True)
        audit(session, actor, "reprint", now, ticket.number, kiosk=target, job=job.id)
        return _view(job, ticket)

    return ctx.db.run_write(work)


def reprint_at_kiosk(
    ctx: QueueContext, actor: Actor, ticket_id: int, kiosk_id: str
) -> PrintJobView:
    """Staff in a kiosk's assisted mode print a ticket issued at that kiosk again (the
    console's reprint, ``request_reprint``, is for supervisors and any ticket)."""
    require(actor, "reprint_at_kiosk")

    def work(session: Session) -> PrintJobView:
        now = ctx.now()
        ticket = session.get(Ticket, ticket_id)
        if ticket is None:
            raise UnknownTicket("No ticket with id {ticket_id}.", ticket_id=ticket_id)
        if ticket.kiosk_id != kiosk_id:
            raise QueueError(
                "{number} was not issued at {kiosk_id}.", number=ticket.number, kiosk_id=kiosk_id
            )
        job = add_print_job(session, ticket, kiosk_id, actor.name, now, reprint=True)
        audit(session, actor, "reprint", now, ticket.number, kiosk=kiosk_id, job=job.id)
        return _view(job, ticket)

    return ctx.db.run_write(work)


def take_next_job(ctx: QueueContext, actor: Actor, kiosk_id: str) -> PrintJobView | None:
    """The oldest pending job of this kiosk (one worker per kiosk takes them in order)."""
    require(actor, "take_print_job")
    with ctx.db.read() as session:
        job = session.scalar(
            select(PrintJob)
            .where(PrintJob.kiosk_id == kiosk_id, PrintJob.state == PrintState.PENDING)
            .order_by(PrintJob.id)
            .limit(1)
        )
        if job is None:
            return None
        return _view(job, job_ticket(session, job))


def job_ticket(session: Session, job: PrintJob) -> Ticket:
    ticket = session.get(Ticket, job.ticket_id)
    assert ticket is not None
    return ticket


def _pending_job(session: Session, job_id: int) -> PrintJob:
    job = session.get(PrintJob, job_id)
    if job is None:
        raise QueueError("No print job {job_id}.", job_id=job_id)
    if job.state != PrintState.PENDING:
        raise IllegalTransition(
            "Print job {job_id} is already {state}.", job_id=job_id, state=f"{job.state}"
        )
    return job


def set_print_layout(
    ctx: QueueContext,
    actor: Actor,
    kiosk_id: str,
    ticket_id: int,
    *,
    language: str,
    layout: str,
) -> int:
    """Fix the language and layout of this kiosk's pending jobs for a ticket that have none
    yet (a ticket never changes language between attempts); returns how many were set."""
    require(actor, "take_print_job")
    if language not in LANGUAGES:
        raise QueueError("Unknown ticket language {language}.", language=repr(language[:20]))

    def work(session: Session) -> int:
        now = ctx.now()
        jobs = session.scalars(
            select(PrintJob).where(
                PrintJob.kiosk_id == kiosk_id,
                PrintJob.ticket_id == ticket_id,
                PrintJob.state == PrintState.PENDING,
                PrintJob.language.is_(None),
            )
        ).all()
        for job in jobs:
            job.language, job.layout = language, layout[:80]
            job.updated_at = now
            audit(
                session, actor, "print_layout", now, job_ticket(session, job).number,
                job=job.id, language=language, layout=job.layout,
            )  # fmt: skip
        return len(jobs)

    return ctx.db.run_write(work)


def note_delivered(ctx: QueueContext, actor: Actor, job_id: int, delivered: str) -> PrintJobView:
    """Record what of a pending job's ticket reached the printer, before more is sent."""
    require(actor, "finish_print_job")
    if delivered not in DELIVERED:
        raise QueueError("Unknown print progress {progress}.", progress=repr(delivered[:20]))

    def work(session: Session) -> PrintJobView:
        now = ctx.now()
        job = _pending_job(session, job_id)
        ticket = job_ticket(session, job)
        if job.delivered != delivered:
            audit(
                session, actor, "print_progress", now, ticket.number,
                job=job.id, before=job.delivered, delivered=delivered,
            )  # fmt: skip
            job.delivered = delivered
            job.updated_at = now
        return _view(job, ticket)

    return ctx.db.run_write(work)


def finish_print_job(
    ctx: QueueContext,
    actor: Actor,
    job_id: int,
    *,
    ok: bool,
    error: str | None = None,
    copy: bool = False,
) -> PrintJobView:
    """Record one print attempt. A failure leaves the job pending for a retry until
    ``MAX_ATTEMPTS``, then failed (a supervisor can ask for a reprint later). ``copy``:
    the ticket came out marked as a copy."""
    require(actor, "finish_print_job")

    def work(session: Session) -> PrintJobView:
        now = ctx.now()
        job = _pending_job(session, job_id)
        ticket = job_ticket(session, job)
        job.attempts += 1
        job.updated_at = now
        if ok:
            job.state = PrintState.PRINTED
            job.last_error = None
            job.copy_printed = copy
            ticket.print_state = PrintState.PRINTED
        else:
            job.last_error = (error or "unknown printer error")[:300]
            if job.attempts >= MAX_ATTEMPTS:
                job.state = PrintState.FAILED
                if ticket.print_state != PrintState.PRINTED:
                    ticket.print_state = PrintState.FAILED
        audit(
            session,
            actor,
            "print_job",
            now,
            ticket.number,
            job=job.id,
            ok=ok,
            error=job.last_error,
            attempts=job.attempts,
            copy=copy,
            delivered=job.delivered,
        )
        return _view(job, ticket)

    return ctx.db.run_write(work)


def heartbeat(
    ctx: QueueContext,
    actor: Actor,
    kiosk_id: str,
    *,
    printer_online: bool | None,
    paper: str,
    cover_open: bool | None,
    scanner: str,
    detail: str = "",
) -> None:
    """A kiosk says it is alive and how its devices are (the console's device view)."""
    require(actor, "heartbeat")

    def work(session: Session) -> None:
        check_actor(session, actor, "heartbeat")
        row = session.get(KioskHeartbeat, kiosk_id)
        if row is None:
            row = KioskHeartbeat(kiosk_id=kiosk_id)
            session.add(row)
        row.seen_at = ctx.now()
        row.printer_online = printer_online
        row.paper = paper
        row.cover_open = cover_open
        row.scanner = scanner
        row.detail = detail[:2000]

    ctx.db.run_write(work)
