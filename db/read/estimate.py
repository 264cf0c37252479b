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
from db.rules.policy import Waiting, eligible, rank

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


def waiting_line(session: Session, day: dt.date, services: Sequence[str]) -> list[Waiting]:
    """Today's waiting tickets of these services as the policy sees them. Plain columns,
    not ORM objects: the line is read on every issue and every call, and can be long."""
    rows = session.execute(
        select(
            Ticket.id, Ticket.service_code, Ticket.channel, Ticket.queued_at, Ticket.slot_start
        ).where(
            Ticket.business_day == day,
            Ticket.status == TicketStatus.WAITING,
            Ticket.service_code.in_(services),
        )
    ).all()
    # (The columns keep their type: times come back zone-aware, as the policy needs.)
    return [
        Waiting(ticket_id, service, Channel(channel), queued_at, slot_start)
        for ticket_id, service, channel, queued_at, slot_start in rows
    ]


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
    # A duration across a clock set back comes out negative: it measures nothing.
    durations = [
        (done - start).total_seconds() / 60
        for start, done in rows
        if start and done and done >= start
    ]
    if len(durations) < MIN_SAMPLES:
        return service.minutes_per_applicant
    return sum(durations) / len(durations)


def _serving(ctx: QueueContext, service: Service, channel: Channel) -> list[int]:
    return [
        c.number
        for c in ctx.settings.counters
        if service.code in c.services and channel in c.channels
    ]


def counters_for(session: Session, ctx: QueueContext, service: Service, channel: Channel) -> int:
    """Counters open now that serve this service and channel; before any opens, the number
    configured for it (the office will open them)."""
    configured = _serving(ctx, service, channel)
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
    """(people ahead, estimated minutes) for a ticket about to be issued.

    People ahead: whoever the counters that will serve this ticket would call before it,
    in the policy's order. Walk-ins and bookings share those counters with the other
    services they serve, so those are in the line too; priority and VIP tickets are
    called first within their own service, so their line is their service's. Minutes:
    the people ahead's measured service times shared among the counters, plus the time
    until opening when issued before it, and never before a booking's slot."""
    day = ctx.calendar.business_day(now)
    numbers = set(_serving(ctx, service, channel))
    counters = [c for c in ctx.settings.counters if c.number in numbers]
    if channel in (Channel.PRIORITY, Channel.VIP) or not counters:
        services = [service.code]
    else:
        services = sorted({code for c in counters for code in c.services} | {service.code})
    channels = {ch for c in counters for ch in c.channels} or set(Channel)
    line = eligible(waiting_line(session, day, services), services, channels)
    me = Waiting(NEW_TICKET_ID, service.code, channel, now, slot_start)
    order = rank([*line, me], now, ctx.settings.call_policy)
    ahead = next(i for i, w in enumerate(order) if w.ticket_id == NEW_TICKET_ID)
    per_service = {
        code: service_minutes(session, ctx.settings.service(code), day)
        for code in {w.service for w in order[:ahead]}
    }
    minutes = sum(per_service[w.service] for w in order[:ahead]) / counters_for(
        session, ctx, service, channel
    )
    info = ctx.calendar.day(day)
    if info.open_at is not None and now < info.open_at:
        minutes += (info.open_at - now).total_seconds() / 60
    if slot_start is not None:
        minutes = max(minutes, (slot_start - now).total_seconds() / 60)
    return ahead, max(0, math.ceil(minutes))
