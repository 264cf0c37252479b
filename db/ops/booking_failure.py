"""Walk-in for applicants who repeatedly failed to book online.

The office opens it on chosen weekdays (``kiosk.booking_failure_days``); the applicant shows
staff the screenshots of the failed bookings, and staff issue the ticket in assisted mode.
It is an ordinary walk-in ticket whose ``override_reason`` starts with :data:`TAG`, so it
needs no channel of its own: it does not use the walk-in quota (override tickets never do)
and has its own daily quota (``kiosk.booking_failure_quota``), counted from the tagged
tickets in the same transaction that issues one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from config.settings import WEEKDAYS, Channel
from db.context import Actor, QueueContext, audit, require
from db.errors import ChannelNotAccepted, QuotaExhausted, WalkInClosed
from db.models import Ticket, TicketStatus
from db.ops.issuing import check_open, check_service_open, create_ticket, day_calendar, find_service
from db.read.day_overrides import calendar_on
from db.rules.booking_failure import TAG, is_booking_failure
from db.rules.calendar import OfficeCalendar
from db.views import TicketView

__all__ = ["TAG", "is_booking_failure"]

DEFAULT_NOTE = "gagal booking online 3 minggu"
NOTE_MAX = 200 - len(TAG) - 1


def open_on(ctx: QueueContext, day: dt.date, calendar: OfficeCalendar | None = None) -> bool:
    """``calendar``: with the supervisors' changes (``calendar_on``); else the settings'."""
    info = (calendar or ctx.calendar).day(day)
    return info.open_at is not None and WEEKDAYS[day.weekday()] in (
        ctx.settings.kiosk.booking_failure_days
    )


def _next_open(ctx: QueueContext, after: dt.date, calendar: OfficeCalendar) -> dt.datetime | None:
    for ahead in range(1, 60):
        day = after + dt.timedelta(days=ahead)
        if open_on(ctx, day, calendar):
            return calendar.day(day).open_at
    return None


def _issued(session: Session, day: dt.date) -> int:
    return int(
        session.scalar(
            select(func.count(Ticket.id)).where(
                Ticket.business_day == day,
                Ticket.status != TicketStatus.CANCELLED,
                Ticket.override_reason.startswith(TAG, autoescape=True),
            )
        )
        or 0
    )


@dataclass(frozen=True)
class BookingFailureQuota:
    open_today: bool
    quota: int
    issued: int

    @property
    def remaining(self) -> int:
        return max(0, self.quota - self.issued) if self.open_today else 0


def booking_failure_today(ctx: QueueContext) -> BookingFailureQuota:
    day = ctx.today()
    with ctx.db.read() as session:
        issued = _issued(session, day)
        calendar = calendar_on(session, ctx, day)
    return BookingFailureQuota(
        open_on(ctx, day, calendar), ctx.settings.kiosk.booking_failure_quota, issued
    )


def issue_booking_failure_ticket(
    ctx: QueueContext,
    actor: Actor,
    service_code: str,
    note: str = "",
    *,
    kiosk_id: str | None = None,
) -> TicketView:
    """Staff issue a walk-in ticket for an applicant whose online bookings kept failing."""
    require(actor, "issue_booking_failure")
    service = find_service(ctx, service_code)
    if Channel.WALK_IN not in service.channels:
        raise ChannelNotAccepted(
            "{service} does not take walk-in applicants.",
            service=service.name.en,
            service_id=service.name.id,
        )
    text = " ".join((note.strip() or DEFAULT_NOTE).split())[:NOTE_MAX]
    reason = f"{TAG} {text}"

    def work(session: Session) -> TicketView:
        now = ctx.now()
        calendar = day_calendar(session, ctx, now)
        check_open(ctx, now, calendar)
        check_service_open(calendar, service, now)
        day = ctx.calendar.business_day(now)
        if not open_on(ctx, day, calendar):
            raise WalkInClosed(
                "Walk-in for failed online bookings is not open today.",
                _next_open(ctx, day, calendar),
            )
        ticket = create_ticket(
            session, ctx, actor, service, Channel.WALK_IN, now,
            kiosk_id=kiosk_id, override_reason=reason,
        )  # fmt: skip
        quota = ctx.settings.kiosk.booking_failure_quota
        if _issued(session, day) > quota:
            raise QuotaExhausted(
                "Today's quota for failed online bookings ({quota}) is used up.",
                service.code,
                Channel.WALK_IN,
                quota,
                quota=quota,
            )
        audit(session, actor, "issue_booking_failure", now, ticket.number, note=text)
        return ticket

    return ctx.db.run_write(work)
