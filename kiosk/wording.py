"""What the applicant reads when something cannot be done: a title, a plain explanation,
and the ways on (buttons). Every refusal of the queue has its own wording here; anything
unexpected becomes one calm generic message (and a log line), never a traceback."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from db.context import QueueContext
from db.engine import DatabaseBusy
from db.errors import (
    CheckInRejected,
    OfficeClosed,
    QueueError,
    QuotaExhausted,
    RejectReason,
    ServiceClosed,
    WalkInClosed,
)
from db.read.estimate import WaitEstimate, wait_words
from kiosk.dates import format_date, format_datetime, format_time, weekday_names
from kiosk.text import tr

logger = logging.getLogger(__name__)

# Ways on, shown as buttons on the message screen.
HOME = "home"
SCAN_AGAIN = "scan_again"
TYPE_CODE = "type_code"
PRIORITY = "priority"
VIP = "vip"
WALK_IN = "walk_in"


@dataclass(frozen=True)
class Message:
    kind: str  # stable name for tests and styling, e.g. "rejected_too_early"
    title: str
    body: str
    number: str | None = None
    actions: tuple[str, ...] = (HOME,)
    detail: str = ""
    extra: tuple[str, ...] = field(default_factory=tuple)


SOON_MINUTES = 5


def wait_text(minutes: int | None) -> str:
    """The expected wait as the applicant reads it: "± 25 menit", "± 1 jam 40 menit",
    "segera dipanggil"; rounded up to 5 minutes (an estimate, not a promise)."""
    if minutes is None:
        return ""
    if minutes <= SOON_MINUTES:
        return tr("called soon")
    rounded = -(-minutes // 5) * 5
    hours, rest = divmod(rounded, 60)
    if hours == 0:
        return tr("± {m} minutes", m=rest)
    if rest == 0:
        return tr("± {h} hours", h=hours)
    return tr("± {h} h {m} min", h=hours, m=rest)


def wait_range_text(estimate: WaitEstimate | None, language: str) -> str:
    """The expected wait of a ticket issued now as a range, rounded as on the printed
    ticket: "25-40 menit", "sekitar 1 jam", "kurang dari 5 menit"."""
    if estimate is None:
        return ""
    words = wait_words(estimate.low, estimate.high)
    if words.kind == "under":
        return tr("under 5 minutes")
    if words.kind == "hours":
        if words.low == 1:
            return tr("about 1 hour")
        hours = f"{words.low:g}"
        return tr("about {h} hours", h=hours if language == "en" else hours.replace(".", ","))
    return tr("{low}-{high} minutes", low=int(words.low), high=int(words.high))


def alternatives(with_priority: bool = True, walk_in: bool = False) -> str:
    lines = [tr("Other ways to be served:")]
    if walk_in:
        lines.append(tr("• A walk-in ticket for today: tickets are still left."))
    if with_priority:
        lines.append(
            tr(
                "• Priority service: for applicants aged 60 or over, with a disability, "
                "pregnant, or with a child under 5."
            )
        )
        lines.append(tr("• VIP one-day service (extra fee), no booking needed."))
    lines.append(tr("• Book a queue slot online with the M-Paspor app."))
    return "\n".join(lines)


def _when(ctx: QueueContext, when: dt.datetime | None, lang: str) -> str:
    if when is None:
        return tr("Please ask at the information desk when we open again.")
    return tr("Next opening: {when}.", when=format_datetime(ctx.calendar.local(when), lang))


@dataclass(frozen=True)
class _Refused:
    """A check-in refusal and what its wording needs."""

    ctx: QueueContext
    exc: CheckInRejected
    lang: str
    walk_in_left: bool

    @property
    def code(self) -> str:
        return self.exc.booking_code or ""

    @property
    def walk_in(self) -> tuple[str, ...]:
        return (WALK_IN,) if self.walk_in_left else ()


def _malformed(r: _Refused) -> Message:
    return Message(
        "rejected_malformed",
        tr("We could not read this code"),
        tr("Please scan the QR code of your booking again, or type the booking code."),
        actions=(SCAN_AGAIN, TYPE_CODE, HOME),
    )


def _forged(r: _Refused) -> Message:
    return Message(
        "rejected_forged",
        tr("This QR code is not valid"),
        tr(
            "This QR code could not be confirmed as a booking for this office. Please "
            "type your booking code, or ask at the information desk."
        ),
        actions=(TYPE_CODE, HOME),
    )


def _expired(r: _Refused) -> Message:
    return Message(
        "rejected_expired",
        tr("This booking QR code has expired"),
        tr(
            "Please open the latest QR code of your booking in the M-Paspor app, or "
            "type the booking code."
        ),
        actions=(SCAN_AGAIN, TYPE_CODE, HOME),
    )


def _unknown(r: _Refused) -> Message:
    return Message(
        "rejected_unknown",
        tr("Booking not found"),
        tr(
            "Booking {code} is not in today's list. Please check the code, "
            "or ask at the information desk.",
            code=r.code,
        ),
        actions=(TYPE_CODE, HOME),
    )


def _other_office(r: _Refused) -> Message:
    return Message(
        "rejected_other_office",
        tr("This booking is for another office"),
        tr(
            "Booking {code} was made for another immigration office. Please go to "
            "the office shown in your M-Paspor app.",
            code=r.code,
        ),
    )


def _other_date(r: _Refused) -> Message:
    booked = r.exc.booking_date
    day = format_date(booked, r.lang) if booked else "?"
    if booked is not None and booked < r.ctx.today():
        return Message(
            "rejected_past_date",
            tr("The day of this booking has passed"),
            tr(
                "Your booking was for {day}. It cannot be used any more: please book a "
                "new queue slot in the M-Paspor app.",
                day=day,
            )
            + ("\n" + tr("Or take a walk-in ticket for today.") if r.walk_in_left else ""),
            actions=(*r.walk_in, HOME),
        )
    return Message(
        "rejected_other_date",
        tr("This booking is for another day"),
        tr("Your booking is for {day}. Please come back on that day.", day=day),
    )


def _cancelled(r: _Refused) -> Message:
    return Message(
        "rejected_cancelled",
        tr("This booking was cancelled"),
        tr("Booking {code} was cancelled.", code=r.code)
        + "\n"
        + alternatives(walk_in=r.walk_in_left),
        actions=(*r.walk_in, PRIORITY, VIP, HOME),
    )


def _rescheduled(r: _Refused) -> Message:
    return Message(
        "rejected_rescheduled",
        tr("This booking was moved to another day"),
        tr("Please check the new date of booking {code} in the M-Paspor app.", code=r.code)
        + "\n"
        + alternatives(walk_in=r.walk_in_left),
        actions=(*r.walk_in, PRIORITY, VIP, HOME),
    )


def _too_early(r: _Refused) -> Message:
    opens_at = r.exc.opens_at
    opens = format_time(r.ctx.calendar.local(opens_at), r.lang) if opens_at else "?"
    return Message(
        "rejected_too_early",
        tr("It is too early to check in"),
        tr(
            "Check-in for your booking opens at {time}. Please wait and scan again then.",
            time=opens,
        ),
    )


def _too_late(r: _Refused) -> Message:
    return Message(
        "rejected_too_late",
        tr("The check-in time has passed"),
        tr("Please go to the information desk: the staff there will help you."),
    )


def _already_checked_in(r: _Refused) -> Message:
    return Message(
        "rejected_already_checked_in",
        tr("This booking is already checked in"),
        tr(
            "Your ticket number is shown below. If you lost the ticket, please ask "
            "at the information desk: only staff can print it again."
        ),
        number=r.exc.ticket_number,
    )


def _service_unavailable(r: _Refused) -> Message:
    return Message(
        "rejected_service_unavailable",
        tr("This service is not available at this kiosk"),
        tr("Please ask at the information desk."),
    )


def _notice(notice: str | None) -> str:
    """A supervisor's reason for closing the office today, as a line of its own."""
    return tr("Reason: {reason}", reason=notice) + "\n" if notice else ""


def _office_closed(r: _Refused) -> Message:
    ctx = r.ctx
    return Message(
        "rejected_office_closed",
        tr("The office is closed today"),
        _notice(r.exc.notice)
        + _when(ctx, ctx.calendar.next_opening(ctx.now()), r.lang)
        + "\n"
        + alternatives(False),
    )


# The wording of each check-in refusal.
_REJECTIONS: dict[RejectReason, Callable[[_Refused], Message]] = {
    RejectReason.MALFORMED: _malformed,
    RejectReason.FORGED: _forged,
    RejectReason.EXPIRED: _expired,
    RejectReason.UNKNOWN: _unknown,
    RejectReason.OTHER_OFFICE: _other_office,
    RejectReason.OTHER_DATE: _other_date,
    RejectReason.CANCELLED: _cancelled,
    RejectReason.RESCHEDULED: _rescheduled,
    RejectReason.TOO_EARLY: _too_early,
    RejectReason.TOO_LATE: _too_late,
    RejectReason.ALREADY_CHECKED_IN: _already_checked_in,
    RejectReason.SERVICE_UNAVAILABLE: _service_unavailable,
    RejectReason.OFFICE_CLOSED: _office_closed,
}


def rejection(
    ctx: QueueContext, exc: CheckInRejected, lang: str, walk_in_left: bool = False
) -> Message:
    """``walk_in_left``: walk-in tickets are still to be had today (offered as a way on)."""
    wording = _REJECTIONS[exc.reason]
    return wording(_Refused(ctx, exc, lang, walk_in_left))


def refusal(
    ctx: QueueContext,
    exc: BaseException,
    lang: str,
    service_name: str = "",
    walk_in_left: bool = False,
) -> Message:
    """Any failure of a queue call, worded (``walk_in_left``: see ``rejection``)."""
    if isinstance(exc, CheckInRejected):
        return rejection(ctx, exc, lang, walk_in_left)
    if isinstance(exc, QuotaExhausted):
        if exc.channel == "walk_in":
            nxt = ctx.calendar.next_opening(ctx.now(), walk_in=True)
            return Message(
                "quota_exhausted",
                tr("Today's walk-in tickets for {service} are all taken", service=service_name),
                tr("Please come back on the next walk-in day.")
                + " "
                + _when(ctx, nxt, lang)
                + "\n\n"
                + alternatives(),
                actions=(PRIORITY, VIP, HOME),
            )
        return Message(
            "quota_exhausted",
            tr("Today's tickets for {service} are all taken", service=service_name),
            tr("Please ask at the information desk.") + "\n" + alternatives(False),
        )
    if isinstance(exc, WalkInClosed):
        days = weekday_names(list(ctx.settings.walk_in_days), lang)
        return Message(
            "walk_in_closed",
            tr("Walk-in registration is not open today"),
            tr("Walk-in tickets are issued on: {days}.", days=days)
            + " "
            + _when(ctx, exc.next_opening, lang)
            + "\n\n"
            + alternatives(),
            actions=(PRIORITY, VIP, HOME),
        )
    if isinstance(exc, OfficeClosed):
        return Message(
            "office_closed",
            tr("The office is closed today") if exc.notice else tr("The office is closed now"),
            _notice(exc.notice) + _when(ctx, exc.next_opening, lang) + "\n\n" + alternatives(False),
        )
    if isinstance(exc, ServiceClosed):
        return Message(
            "service_closed",
            tr("{service} is closed for the rest of today", service=service_name),
            tr("Please ask at the information desk.") + "\n" + alternatives(False),
        )
    if isinstance(exc, DatabaseBusy):
        return Message(
            "busy",
            tr("The system is busy"),
            tr("Please try again in a moment."),
        )
    if isinstance(exc, QueueError):
        logger.warning("queue refused: %s", exc.message)
        return Message(
            "refused",
            tr("This cannot be done here"),
            tr("Please ask at the information desk."),
            detail=exc.message,
        )
    logger.error("unexpected failure at the kiosk", exc_info=exc)
    return Message(
        "unexpected",
        tr("Sorry, something went wrong"),
        tr("Please try again, or ask at the information desk."),
    )
