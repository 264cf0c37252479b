"""Issuing tickets: numbers, quotas, walk-in days and opening hours."""

from __future__ import annotations

import datetime as dt
import functools
import secrets
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Date, bindparam, insert
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from config.settings import Channel, Service
from db.changes import Change, note_change
from db.context import Actor, QueueContext, audit, flushed, insert_event, queue_now, require
from db.errors import (
    ChannelNotAccepted,
    OfficeClosed,
    QuotaExhausted,
    ReasonRequired,
    ServiceClosed,
    UnknownService,
    WalkInClosed,
)
from db.models import (
    Booking,
    EventKind,
    NumberSeries,
    PrintJob,
    PrintState,
    QuotaCounter,
    QuotaOverride,
    Role,
    Ticket,
    TicketStatus,
)
from db.read.day_overrides import calendar_on
from db.read.estimate import estimate_for_new_ticket
from db.read.queue_state import issued_count, quota_for
from db.rules.calendar import DayInfo, OfficeCalendar
from db.views import TicketView

TICKETS = frozenset({"tickets"})


def format_number(prefix: str, sequence: int) -> str:
    return f"{prefix}-{sequence:03d}"


def _upsert(dialect: str) -> Any:
    return postgresql.insert if dialect == "postgresql" else sqlite.insert


@functools.cache
def _next_number(dialect: str) -> Any:
    insert = _upsert(dialect)
    return (
        insert(NumberSeries)
        .values(
            business_day=bindparam("day", type_=Date()),
            prefix=bindparam("prefix"),
            last_number=1,
        )
        .on_conflict_do_update(
            index_elements=[NumberSeries.business_day, NumberSeries.prefix],
            set_={"last_number": NumberSeries.last_number + 1},
        )
        .returning(NumberSeries.last_number)
    )


@functools.cache
def _count_one(dialect: str) -> Any:
    insert = _upsert(dialect)
    return (
        insert(QuotaCounter)
        .values(
            business_day=bindparam("day", type_=Date()),
            service_code=bindparam("service"),
            channel=bindparam("channel"),
            issued=bindparam("delta"),
        )
        .on_conflict_do_update(
            index_elements=[
                QuotaCounter.business_day,
                QuotaCounter.service_code,
                QuotaCounter.channel,
            ],
            set_={"issued": QuotaCounter.issued + bindparam("delta")},
        )
        .returning(QuotaCounter.issued, QuotaCounter.quota)
    )


@functools.cache
def _set_day_quota(dialect: str) -> Any:
    insert = _upsert(dialect)
    return (
        insert(QuotaCounter)
        .values(
            business_day=bindparam("day", type_=Date()),
            service_code=bindparam("service"),
            channel=bindparam("channel"),
            issued=0,
            quota=bindparam("quota"),
        )
        .on_conflict_do_update(
            index_elements=[
                QuotaCounter.business_day,
                QuotaCounter.service_code,
                QuotaCounter.channel,
            ],
            set_={"quota": bindparam("quota")},
        )
    )


_INSERT_TICKET = insert(Ticket).returning(Ticket.id)
_INSERT_PRINT_JOB = insert(PrintJob)


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name


def allocate_number(session: Session, day: dt.date, prefix: str) -> int:
    """The next sequence of a series, in the caller's transaction.

    One atomic upsert by key: it creates the day's series at 1 or increments it, and holds
    the series row's lock until the transaction ends, so concurrent issuers queue behind
    each other and a rolled-back issue gives its number back (no gap, no duplicate)."""
    statement = _next_number(_dialect(session))
    number = session.connection().execute(statement, {"day": day, "prefix": prefix})
    note_change(session, Change(frozenset({day}), TICKETS))
    return int(number.scalar_one())


def count_for_quota(
    session: Session, day: dt.date, service_code: str, channel: str, delta: int = 1
) -> tuple[int, int | None]:
    """Add ``delta`` to the tickets a service and channel count against its quota on
    ``day``, in one keyed upsert; returns the count now and the day's supervisor quota
    (None: the setting applies). A ticket counts unless it was cancelled or issued over
    the quota (``db.read.queue_state.issued_count`` counts the same tickets)."""
    statement = _count_one(_dialect(session))
    row = (
        session.connection()
        .execute(
            statement,
            {"day": day, "service": service_code, "channel": str(channel), "delta": delta},
        )
        .one()
    )
    note_change(session, Change(frozenset({day}), TICKETS))
    return int(row[0]), row[1]


def set_day_quota(
    session: Session, day: dt.date, service_code: str, channel: str, quota: int
) -> None:
    """Today's supervisor quota on the counter row (the override row keeps the history)."""
    session.connection().execute(
        _set_day_quota(_dialect(session)),
        {"day": day, "service": service_code, "channel": str(channel), "quota": quota},
    )
    note_change(session, Change(frozenset({day}), TICKETS))


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


def day_calendar(session: Session, ctx: QueueContext, now: dt.datetime) -> OfficeCalendar:
    """The calendar of the business day of ``now`` and after, with the supervisors'
    changes, read in the caller's transaction."""
    return calendar_on(session, ctx, ctx.calendar.business_day(now))


def check_open(ctx: QueueContext, now: dt.datetime, calendar: OfficeCalendar) -> None:
    """Refuse issuing outside the issuing window of an open day (``calendar``: the day as
    it stands, ``day_calendar``)."""
    business = ctx.settings.business_day
    info = calendar.day(calendar.business_day(now))
    if info.open_at is None or info.close_at is None:
        raise _closed_today(info, calendar.next_opening(now))
    starts = info.open_at - dt.timedelta(minutes=business.issue_from_minutes_before_open)
    ends = info.close_at - dt.timedelta(minutes=business.stop_issuing_minutes_before_close)
    if now < starts:
        raise OfficeClosed(
            "Tickets are issued from {time} today.",
            info.open_at,
            time=f"{calendar.local(starts):%H:%M}",
        )
    if now >= ends:
        raise OfficeClosed(
            "The office has stopped issuing tickets for today.", calendar.next_opening(now)
        )


def _closed_today(info: DayInfo, next_opening: dt.datetime | None) -> OfficeClosed:
    """The office is closed all day, for the reason the calendar gives (``DayInfo``: a
    supervisor's closure with its notice, a public holiday, an office closure date, or a
    weekday without opening hours)."""
    kind, _, detail = (info.closed_reason or "").partition(": ")
    if kind == "closed":
        return OfficeClosed(
            "The office is closed today (closed: {notice}).",
            next_opening,
            info.notice,
            notice=detail,
        )
    if kind == "public holiday":
        return OfficeClosed(
            "The office is closed today (public holiday: {holiday}).", next_opening, holiday=detail
        )
    if kind == "office closure":
        return OfficeClosed("The office is closed today (office closure).", next_opening)
    return OfficeClosed(
        "The office is closed today (no opening hours on this weekday).", next_opening
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
        raise UnknownService(
            "Unknown service {code} (known: {known}).", code=repr(code), known=known
        ) from None


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
    estimate: tuple[int, int | None] | None = None,
    counted: bool = False,
) -> TicketView:
    """Number, row, the "issued" event and the print job, in the caller's transaction, each
    one prepared statement. The ticket counts against its quota (``count_for_quota``) unless
    ``override_reason`` is given or the caller ``counted`` it already.

    ``estimate`` (people ahead, minutes) is best computed by the caller before its write
    transaction (``estimate_outside``): ranking a long line while holding the write lock
    would make every other kiosk wait for it."""
    flushed(session)  # a booking made in this transaction has its id now
    day = ctx.calendar.business_day(now)
    sequence = allocate_number(session, day, service.prefix)
    if override_reason is None and not counted:
        count_for_quota(session, day, service.code, channel)
    people_ahead, minutes = estimate or estimate_for_new_ticket(
        session, ctx, service, channel, now, slot_start
    )
    row: dict[str, Any] = {
        "business_day": day,
        "prefix": service.prefix,
        "sequence": sequence,
        "number": format_number(service.prefix, sequence),
        "token": secrets.token_urlsafe(12),
        "service_code": service.code,
        "channel": str(channel),
        "priority_reason": reason,
        "booking_id": booking.id if booking is not None else None,
        "slot_start": slot_start,
        "status": TicketStatus.WAITING,
        "issued_at": now,
        "queued_at": now,
        "called_at": None,
        "serving_at": None,
        "done_at": None,
        "counter_number": None,
        "kiosk_id": kiosk_id,
        "recall_count": 0,
        "print_state": PrintState.PENDING if kiosk_id else PrintState.NONE,
        "override_reason": override_reason,
        "override_by": actor.name if override_reason else None,
        "people_ahead_at_issue": people_ahead,
        "estimated_wait_at_issue": minutes,
    }
    connection = session.connection()
    row["id"] = connection.execute(_INSERT_TICKET, row).scalar_one()
    kind = EventKind.CHECKED_IN if booking is not None else EventKind.ISSUED
    insert_event(
        session,
        row["id"],
        kind,
        actor,
        now,
        None,
        TicketStatus.WAITING,
        channel=str(channel),
        reason=reason,
    )
    if kiosk_id:
        # The print job is born with the ticket: a crash between the two cannot leave a
        # ticket nobody will print.
        connection.execute(
            _INSERT_PRINT_JOB,
            {
                "ticket_id": row["id"],
                "kiosk_id": kiosk_id,
                "reprint": False,
                "state": PrintState.PENDING,
                "attempts": 0,
                "requested_by": actor.name,
                "created_at": now,
                "updated_at": now,
                "delivered": "",
                "copy_printed": False,
            },
        )
    if booking is not None:
        return TicketView.of_row(row, booking.code, booking.applicant_name)
    return TicketView.of_row(row)


@dataclass(frozen=True)
class IssueRequest:
    """An issue request that passed every check that needs no database."""

    service: Service
    channel: Channel
    reason: str | None
    kiosk_id: str | None
    override_reason: str | None


def check_request(
    ctx: QueueContext,
    actor: Actor,
    service_code: str,
    channel: Channel | str,
    *,
    reason: str | None = None,
    kiosk_id: str | None = None,
    override_reason: str | None = None,
) -> IssueRequest:
    """The checks of ``issue_ticket`` made before any transaction: role, service, channel,
    priority reason, override reason."""
    require(actor, "issue_ticket")
    service = find_service(ctx, service_code)
    try:
        channel = Channel(channel)
    except ValueError:
        raise ChannelNotAccepted("Unknown channel {given}.", given=repr(channel)) from None
    if channel == Channel.BOOKING:
        raise ChannelNotAccepted("Booking tickets are made by checking in the booking.")
    if channel not in service.channels:
        raise ChannelNotAccepted(
            "{service} does not take {channel} applicants.",
            service=service.name.en,
            service_id=service.name.id,
            channel=channel.value.replace("_", "-"),
        )
    if channel == Channel.PRIORITY:
        known = [r.code for r in ctx.settings.priority_reasons]
        if reason not in known:
            raise ReasonRequired(
                "A priority ticket needs a reason, one of: {known}.", known=", ".join(known)
            )
    elif reason is not None:
        raise ReasonRequired("Only priority tickets take a reason.")
    if override_reason is not None:
        override_reason = override_reason.strip()
        if not override_reason:
            raise ReasonRequired("A quota override needs a reason.")
        require(actor, "override_quota")
    kiosk = kiosk_id or (actor.name if actor.role == Role.KIOSK else None)
    return IssueRequest(service, channel, reason, kiosk, override_reason)


def _check_walk_in_day(calendar: OfficeCalendar, request: IssueRequest, now: dt.datetime) -> None:
    if (
        request.channel == Channel.WALK_IN
        and not calendar.walk_in_day(calendar.business_day(now))
        and request.override_reason is None
    ):
        raise WalkInClosed(
            "Walk-in registration is not open today.",
            calendar.next_opening(now, walk_in=True),
        )


def check_service_open(calendar: OfficeCalendar, service: Service, now: dt.datetime) -> None:
    """Refuse a ticket of a service a supervisor closed for the day (staff overrides too:
    nobody calls it)."""
    day = calendar.business_day(now)
    if not calendar.service_open(day, service.code):
        raise ServiceClosed(
            "{service} is closed for the rest of today.",
            service.code,
            service=service.name.en,
            service_id=service.name.id,
        )


def _count_within_quota(
    session: Session, ctx: QueueContext, request: IssueRequest, now: dt.datetime
) -> None:
    """Count the ticket against its quota, or refuse it when the quota is used up (the
    refusal rolls the count back with the transaction). A staff override does not count."""
    if request.override_reason is not None:
        return
    service, channel = request.service, request.channel
    day = ctx.calendar.business_day(now)
    issued, day_quota = count_for_quota(session, day, service.code, channel)
    quota = day_quota if day_quota is not None else service.quota.get(channel)
    if quota is not None and issued > quota:
        raise QuotaExhausted(
            "Today's {channel} quota for {service} ({quota}) is used up.",
            service.code,
            channel,
            quota,
            channel=channel.value.replace("_", "-"),
            service=service.name.en,
            service_id=service.name.id,
            quota=quota,
        )


def write_ticket(
    ctx: QueueContext,
    actor: Actor,
    request: IssueRequest,
    estimate: tuple[int, int | None] | None,
) -> TicketView:
    """The issuing transaction: the day as it stands (opening hours, walk-in day, the
    service open, with a supervisor's changes of the day), quota, number, ticket, event,
    print job and audit record, all or nothing."""

    def work(session: Session) -> TicketView:
        now = queue_now(session, ctx)
        calendar = day_calendar(session, ctx, now)
        check_open(ctx, now, calendar)
        _check_walk_in_day(calendar, request, now)
        check_service_open(calendar, request.service, now)
        _count_within_quota(session, ctx, request, now)
        ticket = create_ticket(
            session,
            ctx,
            actor,
            request.service,
            request.channel,
            now,
            kiosk_id=request.kiosk_id,
            reason=request.reason,
            override_reason=request.override_reason,
            estimate=estimate,
            counted=True,
        )
        audit(
            session,
            actor,
            "issue_ticket",
            now,
            ticket.number,
            service=request.service.code,
            channel=str(request.channel),
            reason=request.reason,
            override=request.override_reason,
        )
        return ticket

    return ctx.db.run_write(work)


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
    without a known reason, a closed office, walk-in on a day without walk-in, a service a
    supervisor closed for the day, and an exhausted quota. Staff (not a kiosk alone) may
    override the walk-in day and the quota by giving ``override_reason``; the override is
    recorded on the ticket and audited.

    Three steps: the checks that need no database, the estimate in a read transaction,
    then the write transaction (``write_ticket``)."""
    request = check_request(
        ctx,
        actor,
        service_code,
        channel,
        reason=reason,
        kiosk_id=kiosk_id,
        override_reason=override_reason,
    )
    estimate = estimate_outside(ctx, request.service, request.channel)
    return write_ticket(ctx, actor, request, estimate)


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
        raise ChannelNotAccepted(
            "{service} has no {channel} quota to set.",
            service=service.name.en,
            service_id=service.name.id,
            channel=channel.value,
        )
    if quota < 0:
        raise QuotaExhausted("A quota cannot be negative.", service.code, channel, quota)
    if not reason.strip():
        raise ReasonRequired("Changing a quota needs a reason.")

    def work(session: Session) -> None:
        now = ctx.now()
        day = ctx.calendar.business_day(now)
        set_day_quota(session, day, service.code, channel, quota)
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
