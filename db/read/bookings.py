"""Finding bookings and their check-in state (read-only, for supervisors). Names leave this
module masked only: the console never shows an applicant's full name."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import ColumnElement, func, or_, select

from db.context import Actor, QueueContext, require
from db.models import Booking, BookingStatus, Ticket, TicketStatus
from db.rules.privacy import mask_name


@dataclass(frozen=True)
class BookingRow:
    id: int
    code: str
    masked_name: str | None
    date: dt.date
    slot_start: dt.time
    slot_end: dt.time
    service_code: str | None
    service_name: str
    status: BookingStatus
    ticket_number: str | None  # set once the applicant has checked in
    ticket_status: TicketStatus | None
    checked_in_at: dt.datetime | None

    @property
    def checked_in(self) -> bool:
        return self.ticket_number is not None


def code_or_name_contains(text: str) -> ColumnElement[bool]:
    """Booking code or applicant's name contains ``text``, any case; ``%`` and ``_`` in
    what staff typed are plain characters."""
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    like = f"%{escaped}%"
    return or_(
        func.lower(Booking.code).like(like, escape="\\"),
        func.lower(Booking.applicant_name).like(like, escape="\\"),
    )


def find_bookings(
    ctx: QueueContext,
    actor: Actor,
    search: str = "",
    day: dt.date | None = None,
    limit: int = 200,
) -> list[BookingRow]:
    """The bookings of ``day`` (default: today) by slot; ``search`` is a fragment of the
    booking code or of the applicant's name (case-blind)."""
    require(actor, "view_bookings")
    day = day or ctx.today()
    query = (
        select(Booking, Ticket)
        .outerjoin(Ticket, Ticket.booking_id == Booking.id)
        .where(Booking.date == day)
    )
    text = search.strip()
    if text:
        query = query.where(code_or_name_contains(text))
    query = query.order_by(Booking.slot_start, Booking.code).limit(max(1, limit))
    with ctx.db.read() as session:
        return [
            BookingRow(
                b.id,
                b.code,
                mask_name(b.applicant_name),
                b.date,
                b.slot_start,
                b.slot_end,
                b.service_code,
                b.service_name,
                BookingStatus(b.status),
                t.number if t is not None else None,
                TicketStatus(t.status) if t is not None else None,
                t.issued_at if t is not None else None,
            )
            for b, t in session.execute(query).all()
        ]
