"""Values that leave the queue operations: what a kiosk, console or display sees of a ticket."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from config.settings import Channel
from db.models import Ticket, TicketStatus
from db.rules.privacy import mask_name


@dataclass(frozen=True)
class TicketView:
    id: int
    number: str
    token: str
    business_day: dt.date
    service: str
    channel: Channel
    priority_reason: str | None
    status: TicketStatus
    issued_at: dt.datetime
    queued_at: dt.datetime
    called_at: dt.datetime | None
    serving_at: dt.datetime | None
    done_at: dt.datetime | None
    counter: int | None
    recall_count: int
    people_ahead: int
    estimated_wait_minutes: int | None
    booking_code: str | None
    masked_name: str | None
    slot_start: dt.datetime | None
    kiosk_id: str | None
    print_state: str
    override_reason: str | None
    # The one counter that calls it (transferred to a counter); None: any that serves it.
    sent_to: int | None = None

    @classmethod
    def of(cls, ticket: Ticket) -> TicketView:
        booking = ticket.booking
        return cls(
            id=ticket.id,
            number=ticket.number,
            token=ticket.token,
            business_day=ticket.business_day,
            service=ticket.service_code,
            channel=Channel(ticket.channel),
            priority_reason=ticket.priority_reason,
            status=TicketStatus(ticket.status),
            issued_at=ticket.issued_at,
            queued_at=ticket.queued_at,
            called_at=ticket.called_at,
            serving_at=ticket.serving_at,
            done_at=ticket.done_at,
            counter=ticket.counter_number,
            recall_count=ticket.recall_count,
            people_ahead=ticket.people_ahead_at_issue,
            estimated_wait_minutes=ticket.estimated_wait_at_issue,
            booking_code=booking.code if booking else None,
            masked_name=mask_name(booking.applicant_name) if booking else None,
            slot_start=ticket.slot_start,
            kiosk_id=ticket.kiosk_id,
            print_state=ticket.print_state,
            override_reason=ticket.override_reason,
            sent_to=ticket.directed_counter,
        )

    @classmethod
    def of_row(
        cls,
        row: Mapping[Any, Any],
        booking_code: str | None = None,
        applicant_name: str | None = None,
    ) -> TicketView:
        """The view of a ``tickets`` row read or returned by a Core statement (column
        names as keys), with its booking's code and name when it has one."""
        return cls(
            id=row["id"],
            number=row["number"],
            token=row["token"],
            business_day=row["business_day"],
            service=row["service_code"],
            channel=Channel(row["channel"]),
            priority_reason=row["priority_reason"],
            status=TicketStatus(row["status"]),
            issued_at=row["issued_at"],
            queued_at=row["queued_at"],
            called_at=row["called_at"],
            serving_at=row["serving_at"],
            done_at=row["done_at"],
            counter=row["counter_number"],
            recall_count=row["recall_count"],
            people_ahead=row["people_ahead_at_issue"],
            estimated_wait_minutes=row["estimated_wait_at_issue"],
            booking_code=booking_code,
            masked_name=mask_name(applicant_name) if booking_code is not None else None,
            slot_start=row["slot_start"],
            kiosk_id=row["kiosk_id"],
            print_state=row["print_state"],
            override_reason=row["override_reason"],
            sent_to=row.get("directed_counter"),
        )
