"""Issuing tickets: numbers, quotas, walk-in days and opening hours."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from config.settings import Channel, Service
from db.context import Actor, QueueContext, audit, queue_now, record_event, require
from db.errors import (
    ChannelNotAccepted,
    OfficeClosed,
    QuotaExhausted,
    ReasonRequired,
    UnknownService,
    WalkInClosed,
)
from db.models import (
    Booking,
    EventKind,
    NumberSeries,
    PrintState,
    QuotaOverride,
    Role,
    Ticket,
    TicketStatus,
)
from db.ops.printjobs import add_print_job
from db.read.estimate import estimate_for_new_ticket
from db.read.queue_state import issued_count, quota_for
from db.views import TicketView


def format_number(prefix: str, sequence: int) -> str:
    return f"{prefix}-{sequence:03d}"


def allocate_number(session: Session, day: dt.date, prefix: str) -> int:
    """The next sequence of a series, in the caller's transaction.

    One atomic upsert: it creates the day's series at 1 or increments it, and holds the
    series row's lock until the transaction ends, so concurrent issuers queue behind each
    other and a rolled-back issue gives its number back (no gap, no duplicate)."""
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    stmt = (
        insert(NumberSeries)
        .values(business_day=day, prefix=prefix, last_number=1)
        .on_conflict_do_update(
            index_elements=[NumberSeries.business_day, NumberSeries.prefix],
            set_={"last_number": NumberSeries.last_number + 1},
        )
        .returning(NumberSeries.last_number)
    )
    return int(session.execute(stmt).scalar_one())


@dataclass(frozen=True)
class QuotaLeft:
    service: str
    channel: Channel
    quota: int | None
    issued: int

    @property
    def remaining(self) -> int | None:
        return None if self.quota is None else max(0, self.quota - self.issued)


def quotas_today(ctx: QueueContext) -> list[QuotaLeft]:
    """What is left of every service's channel quotas today (the kiosk's home screen)."""
    day = ctx.today()
    result: list[QuotaLeft] = []
    with ctx.db.read() as session:
        for service in ctx.settings.services:
            for channel in service.channels:
                if channel == Channel.BOOKING:
                    continue
                result.append(
                    QuotaLeft(
                        service.code,
                        channel,
                        quota_for(session, service, channel, day),
                        issued_count(session, service.code, channel, day),
                    )
                )
    return result


def check_open(ctx: QueueContext, now: dt.datetime) -> None:
    """Refuse issuing outside the issuing window of an open day."""
    calendar = ctx.calendar
    business = ctx.settings.business_day
    info = calendar.day(calendar.business_day(now))
    if info.open_at is None or info.close_at is None:
        raise OfficeClosed(
            f"The office is closed today ({info.closed_reason}).",
            calendar.next_opening(now),
        )
    starts = info.open_at - dt.timedelta(minutes=business.issue_from_minutes_before_open)
    ends = info.close_at - dt.timedelta(minutes=business.stop_issuing_minutes_before_close)
    if now < starts:
        raise OfficeClosed(
            f"Tickets are issued from {calendar.local(starts):%H:%M} today.", info.open_at
        )
    if now >= ends:
        raise OfficeClosed(
            "The office has stopped issuing tickets for today.", calendar.next_opening(now)
        )


def estimate_outside(
    ctx: QueueContext,
    service: Service,
    channel: Channel,
    slot_start: dt.datetime | None = None,
) -> tuple[int, int | None]:
    """The estimate for a ticket about to be issued, read before the write transaction."""
    with ctx.db.read() as session:
        now = queue_now(session, ctx)
        return estimate_for_new_ticket(session, ctx, service, channel, now, slot_start)


def find_service(ctx: QueueContext, code: str) -> Service:
    try:
        return ctx.settings.service(code)
    except KeyError:
        known = ", ".join(s.code for s in ctx.settings.services)
        raise UnknownService(f"Unknown service {code!r} (known: {known}).") from None


def create_ticket(
    session: Session,
    ctx: QueueContext,
    actor: Actor,
    service: Service,
    channel: Channel,
    now: dt.datetime,
    *,
    kiosk_id: str | None,
    reason: str | None = None,
    booking: Booking | None = None,
    slot_start: dt.datetime | None = None,
    override_reason: str | None = None,
    estimate: tuple[int, int] | None = None,
) -> Ticket:
    """Number, row, estimate and the "issued" event, in the caller's transaction.

    ``estimate`` (people ahead, minutes) is best computed by the caller before its write
    transaction (``estimate_outside``): ranking a long line while holding the write lock
    would make every other kiosk wait for it."""
    day = ctx.calendar.business_day(now)
    sequence = allocate_number(session, day, service.prefix)
    people_ahead, minutes = estimate or estimate_for_new_ticket(
        session, ctx, service, channel, now, slot_start
    )
    ticket = Ticket(
        business_day=day,
        prefix=service.prefix,
        sequence=sequence,
        number=format_number(service.prefix, sequence),
        token=secrets.token_urlsafe(12),
        service_code=service.code,
        channel=channel,
        priority_reason=reason,
        booking=booking,
        slot_start=slot_start,
        status=TicketStatus.WAITING,
        issued_at=now,
        queued_at=now,
        kiosk_id=kiosk_id,
        recall_count=0,
        print_state=PrintState.PENDING if kiosk_id else PrintState.NONE,
        override_reason=override_reason,
        override_by=actor.name if override_reason else None,
        people_ahead_at_issue=people_ahead,
        estimated_wait_at_issue=minutes,
    )
    session.add(ticket)
    session.flush()
    kind = EventKind.CHECKED_IN if booking is not None else EventKind.ISSUED
    record_event(session, ticket, kind, actor, now, channel=str(channel), reason=reason)
    if kiosk_id:
        # The print job is born with the ticket: a crash between the two cannot leave a
        # ticket nobody will print.
        add_print_job(session, ticket, kiosk_id, actor.name, now, reprint=False)
    return ticket


def issue_ticket(
    ctx: QueueContext,
    actor: Actor,
    service_code: str,
    channel: Channel | str,
    *,
    reason: str | None = None,
    kiosk_id: str | None = None,
    override_reason: str | None = None,
) -> TicketView:
    """Issue a walk-in, priority or VIP ticket.

    Refuses (typed errors) a service that does not take the channel, a priority ticket
    without a known reason, a closed office, walk-in on a day without walk-in, and an
    exhausted quota. Staff (not a kiosk alone) may override the walk-in day and the quota
    by giving ``override_reason``; the override is recorded on the ticket and audited."""
    require(actor, "issue_ticket")
    service = find_service(ctx, service_code)
    try:
        channel = Channel(channel)
    except ValueError:
        raise ChannelNotAccepted(f"Unknown channel {channel!r}.") from None
    if channel == Channel.BOOKING:
        raise ChannelNotAccepted("Booking tickets are made by checking in the booking.")
    if channel not in service.channels:
        raise ChannelNotAccepted(
            f"{service.name.en} does not take {channel.value.replace('_', '-')} applicants."
        )
    if channel == Channel.PRIORITY:
        known = [r.code for r in ctx.settings.priority_reasons]
        if reason not in known:
            raise ReasonRequired(f"A priority ticket needs a reason, one of: {', '.join(known)}.")
    elif reason is not None:
        raise ReasonRequired("Only priority tickets take a reason.")
    if override_reason is not None:
        override_reason = override_reason.strip()
        if not override_reason:
            raise ReasonRequired("A quota override needs a reason.")
        require(actor, "override_quota")
    kiosk = kiosk_id or (actor.name if actor.role == Role.KIOSK else None)
    estimate = estimate_outside(ctx, service, channel)

    def work(session: Session) -> TicketView:
        now = queue_now(session, ctx)
        check_open(ctx, now)
        day = ctx.calendar.business_day(now)
        if (
            channel == Channel.WALK_IN
            and not ctx.calendar.walk_in_day(day)
            and override_reason is None
        ):
            raise WalkInClosed(
                "Walk-in registration is not open today.",
                ctx.calendar.next_opening(now, walk_in=True),
            )
        ticket = create_ticket(
            session,
            ctx,
            actor,
            service,
            channel,
            now,
            kiosk_id=kiosk,
            reason=reason,
            override_reason=override_reason,
            estimate=estimate,
        )
        # The series row is locked now (allocate_number), so this count cannot race.
        quota = quota_for(session, service, channel, day)
        if (
            override_reason is None
            and quota is not None
            and issued_count(session, service.code, channel, day) > quota
        ):
            raise QuotaExhausted(
                f"Today's {channel.value.replace('_', '-')} quota for {service.name.en} "
                f"({quota}) is used up.",
                service.code,
                channel,
                quota,
            )
        audit(
            session,
            actor,
            "issue_ticket",
            now,
            ticket.number,
            service=service.code,
            channel=str(channel),
            reason=reason,
            override=override_reason,
        )
        return TicketView.of(ticket)

    return ctx.db.run_write(work)


def set_quota(
    ctx: QueueContext,
    actor: Actor,
    service_code: str,
    channel: Channel | str,
    quota: int,
    reason: str,
) -> None:
    """A supervisor sets today's quota of one service and channel (recorded with why)."""
    require(actor, "set_quota")
    service = find_service(ctx, service_code)
    channel = Channel(channel)
    if channel not in service.channels or channel == Channel.BOOKING:
        raise ChannelNotAccepted(f"{service.name.en} has no {channel.value} quota to set.")
    if quota < 0:
        raise QuotaExhausted("A quota cannot be negative.", service.code, channel, quota)
    if not reason.strip():
        raise ReasonRequired("Changing a quota needs a reason.")

    def work(session: Session) -> None:
        now = ctx.now()
        day = ctx.calendar.business_day(now)
        session.add(
            QuotaOverride(
                business_day=day,
                service_code=service.code,
                channel=channel,
                quota=quota,
                reason=reason.strip(),
                actor=actor.name,
                created_at=now,
            )
        )
        audit(session, actor, "set_quota", now, service.code, channel=str(channel), quota=quota)

    ctx.db.run_write(work)
