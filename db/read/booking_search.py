"""Finding one of today's bookings for an applicant at the kiosk in assisted mode: by its
code or by a fragment of the name. Staff see only masked names, the slot and whether the
booking is checked in already; checking it in is ``db.ops.checkin.check_in_booking``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from db.context import Actor, QueueContext, check_actor, require
from db.models import Booking, Ticket
from db.read.bookings import code_or_name_contains
from db.rules.privacy import mask_name

MIN_QUERY = 2
MAX_RESULTS = 12


@dataclass(frozen=True)
class BookingMatch:
    booking_code: str
    masked_name: str | None
    # The name as booked, for the staff who search (None once purged).
    full_name: str | None
    service: str | None  # our service code; None when the service is not offered here
    service_name: str  # the central system's name
    slot_start: dt.datetime
    slot_end: dt.datetime
    status: str  # BookingStatus value
    ticket_number: str | None  # set when checked in already


def search_bookings(
    ctx: QueueContext, actor: Actor, text: str, *, limit: int = MAX_RESULTS
) -> list[BookingMatch]:
    """Today's bookings whose code or applicant's name contains ``text`` (any case), by
    slot. Fewer than ``MIN_QUERY`` characters find nothing: no browsing the whole day."""
    require(actor, "search_bookings")
    needle = " ".join(text.split()).upper()
    if len(needle) < MIN_QUERY:
        return []
    tz = ctx.calendar.tz
    with ctx.db.read() as session:
        # Names are shown: the searcher is checked as the database knows them now.
        check_actor(session, actor, "search_bookings")
        rows = session.execute(
            select(Booking, Ticket.number)
            .outerjoin(Ticket, Ticket.booking_id == Booking.id)
            .where(
                Booking.date == ctx.today(),
                Booking.office_code == ctx.settings.office.code,
                code_or_name_contains(needle),
            )
            .order_by(Booking.slot_start, Booking.code)
            .limit(limit)
        ).all()
        return [
            BookingMatch(
                booking_code=booking.code,
                masked_name=mask_name(booking.applicant_name),
                full_name=booking.applicant_name,
                service=booking.service_code,
                service_name=booking.service_name,
                slot_start=dt.datetime.combine(booking.date, booking.slot_start, tzinfo=tz),
                slot_end=dt.datetime.combine(booking.date, booking.slot_end, tzinfo=tz),
                status=str(booking.status),
                ticket_number=number,
            )
            for booking, number in rows
        ]
