"""Facts about today's queue that operations and screens both read: the ticket at a
counter, the channels of its last calls, a service's quota and how many were issued."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from config.settings import Channel, Counter, Service
from db.context import QueueContext
from db.errors import UnknownCounter
from db.models import (
    EventKind,
    QuotaOverride,
    Ticket,
    TicketEvent,
    TicketStatus,
    UTCDateTime,
)

RECENT_CALLS = 10  # at least; more when the policy's rules look further back


ACTIVE = (TicketStatus.CALLED, TicketStatus.SERVING)


def current_at(session: Session, ctx: QueueContext, counter: int) -> Ticket | None:
    return session.scalar(
        select(Ticket)
        .where(
            Ticket.business_day == ctx.today(),
            Ticket.counter_number == counter,
            Ticket.status.in_(ACTIVE),
        )
        .order_by(Ticket.called_at.desc())
        .limit(1)
    )


_BUSY = (
    select(Ticket.number, Ticket.status)
    .where(
        Ticket.business_day == bindparam("day"),
        Ticket.counter_number == bindparam("counter"),
        Ticket.status.in_(ACTIVE),
    )
    .order_by(Ticket.called_at.desc())
    .limit(1)
)


def busy_at(session: Session, ctx: QueueContext, counter: int) -> tuple[str, str] | None:
    """The number and status of the ticket at a counter today (what ``current_at`` finds),
    read as two columns."""
    row = session.connection().execute(_BUSY, {"day": ctx.today(), "counter": counter}).first()
    return None if row is None else (row[0], row[1])


_RECENT = (
    select(Ticket.channel)
    .join(TicketEvent, TicketEvent.ticket_id == Ticket.id)
    .where(
        TicketEvent.kind == EventKind.CALLED,
        TicketEvent.counter_number == bindparam("counter"),
        TicketEvent.at >= bindparam("start", type_=UTCDateTime()),
    )
    .order_by(TicketEvent.id.desc())
    .limit(bindparam("depth"))
)


def recent_channels(session: Session, ctx: QueueContext, counter: int) -> list[Channel]:
    """Channels of the last calls at a counter today, most recent last."""
    start = dt.datetime.combine(ctx.today(), dt.time(0), tzinfo=ctx.calendar.tz)
    policy = ctx.settings.call_policy
    depth = max(
        RECENT_CALLS, policy.max_priority_in_row, policy.ratio_priority + policy.ratio_other
    )
    rows = [
        r[0]
        for r in session.connection().execute(
            _RECENT, {"start": start, "counter": counter, "depth": depth}
        )
    ]
    return [Channel(c) for c in reversed(rows)]


def quota_for(session: Session, service: Service, channel: Channel, day: dt.date) -> int | None:
    """Today's quota of a service and channel: a supervisor's override, else the setting
    (None: unlimited)."""
    override = session.scalar(
        select(QuotaOverride.quota)
        .where(
            QuotaOverride.business_day == day,
            QuotaOverride.service_code == service.code,
            QuotaOverride.channel == channel,
        )
        .order_by(QuotaOverride.id.desc())
        .limit(1)
    )
    if override is not None:
        return int(override)
    return service.quota.get(channel)


def issued_count(session: Session, service_code: str, channel: Channel, day: dt.date) -> int:
    return int(
        session.scalar(
            select(func.count(Ticket.id)).where(
                Ticket.business_day == day,
                Ticket.service_code == service_code,
                Ticket.channel == channel,
                Ticket.status != TicketStatus.CANCELLED,
                Ticket.override_reason.is_(None),
            )
        )
        or 0
    )


def counter_settings(ctx: QueueContext, number: int) -> Counter:
    try:
        return ctx.settings.counter(number)
    except KeyError:
        known = ", ".join(str(c.number) for c in ctx.settings.counters)
        raise UnknownCounter(
            "There is no counter {counter} (counters: {known}).", counter=number, known=known
        ) from None
