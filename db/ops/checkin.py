"""Booking check-in: a scanned booking code becomes a ticket, or a rejection the kiosk can
word (each reason a booking can be refused for is a distinct ``RejectReason``).

A scan is either a plain booking code, looked up in the imported export, or a signed booking
QR token (db/io/booking_token.py), verified with the configured public keys. A genuine token
for this office and today is enough on its own: when the export does not have the booking,
it is created from the token in the check-in transaction. When the export has it, the export
decides as for a plain code (cancelled, moved, checked in), except that a booking the export
marks as moved to another day takes the date and slot of a token for today."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from config.settings import Channel
from db.context import Actor, QueueContext, audit, queue_now, require
from db.errors import BookingSeen, CheckInRejected, RejectReason
from db.io.booking_token import BookingClaim, TokenError, looks_like_token, verify_token
from db.models import Booking, BookingStatus, Role, Ticket
from db.ops.issuing import create_ticket
from db.read.day_overrides import calendar_on
from db.read.estimate import estimate_for_new_ticket
from db.rules.privacy import mask_name
from db.views import TicketView

MAX_PAYLOAD = 512
CODE = re.compile(r"^[A-Z0-9]{6,32}$")
# M-Paspor codes carry the office and the date: MP + YYMMDD + office code + serial.
MPASPOR = re.compile(r"^MP(\d{6})([A-Z]{3})\d{5}$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_TOKEN_REJECTS = {
    "malformed": RejectReason.MALFORMED,
    "forged": RejectReason.FORGED,
    "unknown_key": RejectReason.FORGED,
    "expired": RejectReason.EXPIRED,
}


def clean_payload(payload: str) -> str:
    """What a scanner typed, without control characters and surrounding blanks."""
    return _CONTROL.sub("", payload[: MAX_PAYLOAD * 2]).strip()


def booking_code_of(payload: str) -> str:
    text = clean_payload(payload)
    if len(text) > MAX_PAYLOAD:
        raise CheckInRejected(RejectReason.MALFORMED, "The code is too long to be a booking.")
    code = text.upper()
    if not CODE.match(code):
        raise CheckInRejected(RejectReason.MALFORMED, "This is not a booking code we can read.")
    return code


def verified_claim(ctx: QueueContext, text: str) -> BookingClaim:
    """The claim of a scanned token that is genuine, unexpired, for this office and for
    today; else ``CheckInRejected``. Replays are the transaction's business."""
    qr = ctx.settings.booking_qr
    if not qr.public_keys:
        raise CheckInRejected(
            RejectReason.MALFORMED,
            "This office has no key for booking QR codes (settings: booking_qr.public_keys).",
        )
    now = ctx.now()
    try:
        claim = verify_token(text, qr.public_keys, now, max_chars=qr.max_token_chars)
    except TokenError as exc:
        seen = exc.claim  # set only when the token is genuine but expired
        # The token's refusal, in the same words (its fields are none of the rejection's own).
        fields: dict[str, Any] = exc.params
        raise CheckInRejected(
            _TOKEN_REJECTS[exc.reason],
            exc.template,
            booking_code=seen.booking_code if seen else None,
            booking_date=seen.date if seen else None,
            **fields,
        ) from None
    code = claim.booking_code
    info = BookingSeen(booking_code=code, booking_date=claim.date)
    if claim.office_code != ctx.settings.office.code:
        raise CheckInRejected(
            RejectReason.OTHER_OFFICE,
            "Booking {code} is for another office ({office}).",
            code=code,
            office=claim.office_code,
            **info,
        )
    if claim.date != ctx.calendar.business_day(now):
        raise CheckInRejected(
            RejectReason.OTHER_DATE,
            "Booking {code} is for {day}, not today.",
            code=code,
            day=f"{claim.date:%d-%m-%Y}",
            **info,
        )
    return claim


def _book_from_claim(
    session: Session, ctx: QueueContext, claim: BookingClaim, now: dt.datetime
) -> None:
    """Create the booking a verified token describes, unless the export has it already."""
    booking = session.scalar(select(Booking).where(Booking.code == claim.booking_code))
    moved_here = (
        booking is not None
        and booking.status == BookingStatus.RESCHEDULED
        and booking.date != claim.date
    )
    if booking is not None and not moved_here:
        return
    service = ctx.settings.service_for_booking_name(claim.service_name)
    values = {
        "office_code": claim.office_code,
        "date": claim.date,
        "slot_start": claim.slot_start,
        "slot_end": claim.slot_end,
        "service_name": claim.service_name,
        "service_code": service.code if service else None,
        "status": BookingStatus.ACTIVE,
    }
    if booking is None:
        # Only the masked name is known; masking it again for the ticket leaves it as it is.
        booking = Booking(
            code=claim.booking_code, applicant_name=claim.masked_name, imported_at=now, **values
        )
        session.add(booking)
    else:
        for key, value in values.items():
            setattr(booking, key, value)
    session.flush()


def _slot(ctx: QueueContext, booking: Booking) -> tuple[dt.datetime, dt.datetime]:
    tz = ctx.calendar.tz
    return (
        dt.datetime.combine(booking.date, booking.slot_start, tzinfo=tz),
        dt.datetime.combine(booking.date, booking.slot_end, tzinfo=tz),
    )


def _check(session: Session, ctx: QueueContext, code: str, now: dt.datetime) -> Booking:
    booking = session.scalar(select(Booking).where(Booking.code == code))
    if booking is None:
        shape = MPASPOR.match(code)
        if shape and shape.group(2) != ctx.settings.office.code:
            raise CheckInRejected(
                RejectReason.OTHER_OFFICE,
                "Booking {code} is for another office ({office}).",
                booking_code=code,
                code=code,
                office=shape.group(2),
            )
        raise CheckInRejected(
            RejectReason.UNKNOWN,
            "Booking {code} is not in today's list.",
            booking_code=code,
            code=code,
        )
    info = BookingSeen(booking_code=code, booking_date=booking.date)
    if booking.office_code != ctx.settings.office.code:
        raise CheckInRejected(
            RejectReason.OTHER_OFFICE,
            "Booking {code} is for another office ({office}).",
            code=code,
            office=booking.office_code,
            **info,
        )
    existing = session.scalar(select(Ticket).where(Ticket.booking_id == booking.id))
    if existing is not None:
        raise CheckInRejected(
            RejectReason.ALREADY_CHECKED_IN,
            "Booking {code} is already checked in: ticket {number}.",
            code=code,
            number=existing.number,
            ticket_number=existing.number,
            ticket_id=existing.id,
            **info,
        )
    if booking.status == BookingStatus.CANCELLED:
        raise CheckInRejected(
            RejectReason.CANCELLED, "Booking {code} was cancelled.", code=code, **info
        )
    if booking.status == BookingStatus.RESCHEDULED:
        raise CheckInRejected(
            RejectReason.RESCHEDULED, "Booking {code} was moved to another day.", code=code, **info
        )
    today = ctx.calendar.business_day(now)
    if booking.date != today:
        raise CheckInRejected(
            RejectReason.OTHER_DATE,
            "Booking {code} is for {day}, not today.",
            code=code,
            day=f"{booking.date:%d-%m-%Y}",
            **info,
        )
    day = calendar_on(session, ctx, today).day(today)
    if day.open_at is None:
        raise CheckInRejected(
            RejectReason.OFFICE_CLOSED, "The office is closed today.", notice=day.notice, **info
        )
    if booking.service_code is None:
        raise CheckInRejected(
            RejectReason.SERVICE_UNAVAILABLE,
            "The booked service ({booked_service}) is not offered at this kiosk.",
            booked_service=booking.service_name,
            **info,
        )
    start, end = _slot(ctx, booking)
    window = ctx.settings.check_in
    opens = start - dt.timedelta(minutes=window.minutes_before)
    closes = end + dt.timedelta(minutes=window.minutes_after)
    if now < opens:
        raise CheckInRejected(
            RejectReason.TOO_EARLY,
            "Check-in for booking {code} opens at {time}.",
            opens_at=opens,
            code=code,
            time=f"{ctx.calendar.local(opens):%H:%M}",
            **info,
        )
    if now > closes:
        raise CheckInRejected(
            RejectReason.TOO_LATE,
            "Booking {code}'s check-in closed at {time}.",
            code=code,
            time=f"{ctx.calendar.local(closes):%H:%M}",
            **info,
        )
    return booking


def _estimate_for(ctx: QueueContext, code: str) -> tuple[int, int | None] | None:
    """The estimate for a booking about to be checked in, read before the write
    transaction; None when the booking is not (yet) known, then it is made inside."""
    with ctx.db.read() as session:
        booking = session.scalar(select(Booking).where(Booking.code == code))
        if booking is None or booking.service_code not in {s.code for s in ctx.settings.services}:
            return None
        service = ctx.settings.service(booking.service_code)
        start, _end = _slot(ctx, booking)
        now = queue_now(session, ctx)
        return estimate_for_new_ticket(session, ctx, service, Channel.BOOKING, now, start)


def check_in_booking(
    ctx: QueueContext, actor: Actor, payload: str, *, kiosk_id: str | None = None
) -> TicketView:
    """Turn a scanned booking code into a booking ticket, or raise ``CheckInRejected``."""
    require(actor, "check_in_booking")
    text = clean_payload(payload)
    claim = verified_claim(ctx, text) if looks_like_token(text) else None
    code = claim.booking_code if claim else booking_code_of(text)
    kiosk = kiosk_id or (actor.name if actor.role == Role.KIOSK else None)
    estimate = _estimate_for(ctx, code)

    def work(session: Session) -> TicketView:
        now = queue_now(session, ctx)
        if claim is not None:
            _book_from_claim(session, ctx, claim, now)
        booking = _check(session, ctx, code, now)
        assert booking.service_code is not None
        service = ctx.settings.service(booking.service_code)
        start, _end = _slot(ctx, booking)
        ticket = create_ticket(
            session,
            ctx,
            actor,
            service,
            Channel.BOOKING,
            now,
            kiosk_id=kiosk,
            booking=booking,
            slot_start=start,
            estimate=estimate,
        )
        via = {"key_id": claim.key_id} if claim else {}
        audit(session, actor, "check_in_booking", now, ticket.number, booking=code, **via)
        return ticket

    try:
        return ctx.db.run_write(work)
    except IntegrityError:
        # Two kiosks checked the same booking in at the same instant (PostgreSQL): the
        # other one won; this scan now sees its ticket.
        return ctx.db.run_write(work)


@dataclass(frozen=True)
class BookingPreview:
    """What the kiosk shows before it prints a booking ticket: the booking as check-in
    would take it, with only the masked name."""

    booking_code: str
    service: str  # our service code
    service_name: str  # the central system's name for it
    slot_start: dt.datetime
    slot_end: dt.datetime
    masked_name: str | None


class _ClaimSession:
    """A read session that also sees the booking a verified token would create (or move to
    today) in check-in, so ``_check`` judges it without anything being written."""

    def __init__(self, session: Session, booking: Booking) -> None:
        self.session = session
        self.booking = booking

    def scalar(self, statement: Any) -> Any:
        entities = [d.get("entity") for d in statement.column_descriptions]
        if entities == [Booking]:
            return self.booking
        return self.session.scalar(statement)

    def connection(self) -> Any:
        return self.session.connection()


def _claimed(session: Session, ctx: QueueContext, claim: BookingClaim) -> Booking | None:
    """The booking ``_book_from_claim`` would leave, as a detached copy; None when the
    export's booking stands as it is."""
    booking = session.scalar(select(Booking).where(Booking.code == claim.booking_code))
    moved_here = (
        booking is not None
        and booking.status == BookingStatus.RESCHEDULED
        and booking.date != claim.date
    )
    if booking is not None and not moved_here:
        return None
    service = ctx.settings.service_for_booking_name(claim.service_name)
    return Booking(
        id=booking.id if booking is not None else None,
        code=claim.booking_code,
        office_code=claim.office_code,
        date=claim.date,
        slot_start=claim.slot_start,
        slot_end=claim.slot_end,
        service_name=claim.service_name,
        service_code=service.code if service else None,
        status=BookingStatus.ACTIVE,
        applicant_name=booking.applicant_name if booking is not None else claim.masked_name,
    )


def preview_booking(ctx: QueueContext, actor: Actor, payload: str) -> BookingPreview:
    """What ``check_in_booking`` would check in for this scan, read only: the same checks,
    the same ``CheckInRejected`` reasons, nothing written. The check-in itself checks again,
    so a booking checked in elsewhere in between is still refused there."""
    require(actor, "check_in_booking")
    text = clean_payload(payload)
    claim = verified_claim(ctx, text) if looks_like_token(text) else None
    code = claim.booking_code if claim else booking_code_of(text)
    with ctx.db.read() as session:
        now = queue_now(session, ctx)
        claimed = _claimed(session, ctx, claim) if claim is not None else None
        reader: Any = session if claimed is None else _ClaimSession(session, claimed)
        booking = _check(reader, ctx, code, now)
        assert booking.service_code is not None
        start, end = _slot(ctx, booking)
        return BookingPreview(
            booking_code=code,
            service=booking.service_code,
            service_name=booking.service_name,
            slot_start=start,
            slot_end=end,
            masked_name=mask_name(booking.applicant_name),
        )
