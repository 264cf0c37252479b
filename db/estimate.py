"""Estimated wait: people ahead (in the order the call policy would call them) and minutes,
from today's measured service times and the counters open for the service."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from config.settings import Channel, Service
from db.context import QueueContext
from db.models import CounterRow, CounterState, Ticket, TicketStatus
from db.policy import Waiting, rank

SAMPLES = 20
MIN_SAMPLES = 3
NEW_TICKET_ID = 2**62  # stands for the ticket being issued while it has no id yet


def waiting_of(ticket: Ticket) -> Waiting:
    return Waiting(
        ticket_id=ticket.id,
        service=ticket.service_code,
        channel=Channel(ticket.channel),
        queued_at=ticket.queued_at,
        slot_start=ticket.slot_start,
    )


def waiting_tickets(session: Session, day: dt.date, services: Sequence[str]) -> list[Ticket]:
    return list(
        session.scalars(
            select(Ticket).where(
                Ticket.business_day == day,
                Ticket.status == TicketStatus.WAITING,
                Ticket.service_code.in_(services),
            )
        )
    )


def service_minutes(session: Session, service: Service, day: dt.date) -> float:
    """Mean of today's last service times of this service, or the configured minutes until
    there are enough of them."""
    rows = session.execute(
        select(Ticket.serving_at, Ticket.done_at)
        .where(
            Ticket.business_day == day,
            Ticket.service_code == service.code,
            Ticket.status == TicketStatus.DONE,
            Ticket.serving_at.is_not(None),
        )
        .order_by(Ticket.done_at.desc())
        .limit(SAMPLES)
    ).all()
    durations = [(done - start).total_seconds() / 60 for start, done in rows if start and done]
    if len(durations) < MIN_SAMPLES:
        return service.minutes_per_applicant
    return sum(durations) / len(durations)


def counters_for(session: Session, ctx: QueueContext, service: Service, channel: Channel) -> int:
    """Counters open now that serve this service and channel; before any opens, the number
    configured for it (the office will open them)."""
    configured = [
        c.number
        for c in ctx.settings.counters
        if service.code in c.services and channel in c.channels
    ]
    if not configured:
        return 1
    open_now = session.scalars(
        select(CounterRow.number).where(
            CounterRow.number.in_(configured), CounterRow.state == CounterState.OPEN
        )
    ).all()
    return len(open_now) or len(configured)


def estimate_for_new_ticket(
    session: Session,
    ctx: QueueContext,
    service: Service,
    channel: Channel,
    now: dt.datetime,
    slot_start: dt.datetime | None = None,
) -> tuple[int, int]:
    """(people ahead, estimated minutes) for a ticket about to be issued."""
    day = ctx.calendar.business_day(now)
    line = [waiting_of(t) for t in waiting_tickets(session, day, [service.code])]
    me = Waiting(NEW_TICKET_ID, service.code, channel, now, slot_start)
    order = rank([*line, me], now, ctx.settings.call_policy)
    ahead = next(i for i, w in enumerate(order) if w.ticket_id == NEW_TICKET_ID)
    minutes = (
        ahead
        * service_minutes(session, service, day)
        / counters_for(session, ctx, service, channel)
    )
    if slot_start is not None:
        minutes = max(minutes, (slot_start - now).total_seconds() / 60)
    return ahead, math.ceil(minutes)
