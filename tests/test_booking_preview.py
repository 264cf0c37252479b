"""The read-only booking preview (db/ops/checkin.py ``preview_booking``) the kiosk shows before
it prints, and the assisted-mode booking search (db/read/booking_search.py)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy import func, select

from db.clock import FixedClock
from db.context import QueueContext
from db.errors import CheckInRejected, NotAllowed, RejectReason
from db.io.booking_token import BookingClaim, generate_key_pair, sign_booking
from db.migrate import open_queue
from db.models import AuditRecord, Booking, Ticket, TicketEvent
from db.ops.checkin import check_in_booking, preview_booking
from db.ops.importer import import_bookings
from db.read.booking_search import search_bookings
from tests.conftest import JAKARTA, KIOSK, OFFICER, SUPERVISOR, booking_sample, make_settings

CSV = "antrean_JKS_20261201.csv"
PRIVATE, PUBLIC = generate_key_pair()
CLAIM = BookingClaim(
    office_code="JKS",
    booking_code="MP261201JKS90001",  # not in the sample export
    date=dt.date(2026, 12, 1),
    slot_start=dt.time(8, 0),
    slot_end=dt.time(10, 0),
    service_name="PASPOR BARU",
    masked_name="SIT*** N***",
    expires_at=dt.datetime(2026, 12, 2, tzinfo=JAKARTA),
)


@pytest.fixture
def booked(db_url: str, clock: FixedClock) -> Iterator[QueueContext]:
    settings = make_settings(db_url, booking_qr={"public_keys": [PUBLIC]})
    queue = open_queue(settings, clock=clock)
    assert import_bookings(queue, SUPERVISOR, booking_sample(CSV)).imported == 120
    yield queue
    queue.db.dispose()


def rows(ctx: QueueContext) -> tuple[int, ...]:
    with ctx.db.read() as s:
        return tuple(
            s.scalar(select(func.count()).select_from(table)) or 0
            for table in (Booking, Ticket, TicketEvent, AuditRecord)
        )


def code_of(ctx: QueueContext, status: str, slot: dt.time) -> str:
    with ctx.db.read() as s:
        code = s.scalar(
            select(Booking.code)
            .where(Booking.status == status, Booking.slot_start == slot)
            .order_by(Booking.code)
            .limit(1)
        )
    assert code is not None
    return code


def reason(call: object, *args: object) -> RejectReason:
    with pytest.raises(CheckInRejected) as info:
        call(*args)  # type: ignore[operator]
    return info.value.reason


def at(clock: FixedClock, hour: int, minute: int = 0, day: int = 1) -> None:
    clock.set(dt.datetime(2026, 12, day, hour, minute, tzinfo=JAKARTA))


def test_preview_shows_what_check_in_then_makes_and_writes_nothing(
    booked: QueueContext, clock: FixedClock
) -> None:
    code = code_of(booked, "active", dt.time(10, 0))
    at(clock, 10, 5)
    before = rows(booked)
    preview = preview_booking(booked, KIOSK, f"  {code.lower()}\r\n")
    assert rows(booked) == before
    assert preview.booking_code == code
    assert preview.masked_name is not None and "***" in preview.masked_name
    ticket = check_in_booking(booked, KIOSK, code)
    assert (preview.service, preview.slot_start) == (ticket.service, ticket.slot_start)
    assert preview.masked_name == ticket.masked_name
    assert preview.slot_end - preview.slot_start == dt.timedelta(hours=2)
    with pytest.raises(CheckInRejected) as again:
        preview_booking(booked, KIOSK, code)
    assert again.value.reason == RejectReason.ALREADY_CHECKED_IN
    assert again.value.ticket_number == ticket.number


def test_preview_refuses_as_check_in_does(booked: QueueContext, clock: FixedClock) -> None:
    at(clock, 11, 30)
    payloads = {
        RejectReason.MALFORMED: "HELLO-WORLD!",
        RejectReason.UNKNOWN: "MP261201JKS99999",
        RejectReason.OTHER_OFFICE: "MP261201SBY00001",
        RejectReason.CANCELLED: code_of(booked, "cancelled", dt.time(13, 0)),
        RejectReason.RESCHEDULED: code_of(booked, "rescheduled", dt.time(13, 0)),
        RejectReason.TOO_EARLY: code_of(booked, "active", dt.time(13, 0)),
        RejectReason.TOO_LATE: code_of(booked, "active", dt.time(8, 0)),
    }
    before = rows(booked)
    for expected, payload in payloads.items():
        assert reason(preview_booking, booked, KIOSK, payload) == expected, payload
        assert reason(check_in_booking, booked, KIOSK, payload) == expected, payload
    at(clock, 9, 0, day=2)
    early = payloads[RejectReason.TOO_EARLY]
    assert reason(preview_booking, booked, KIOSK, early) == RejectReason.OTHER_DATE
    assert rows(booked) == before


def test_preview_of_a_signed_qr_not_in_the_export(booked: QueueContext, clock: FixedClock) -> None:
    token = sign_booking(PRIVATE, CLAIM)
    before = rows(booked)
    preview = preview_booking(booked, KIOSK, token)
    assert rows(booked) == before  # the booking is made only by the check-in
    assert (preview.booking_code, preview.service, preview.masked_name) == (
        CLAIM.booking_code,
        "baru",
        "SIT*** N***",
    )
    assert preview.slot_start == dt.datetime(2026, 12, 1, 8, 0, tzinfo=JAKARTA)
    later = sign_booking(
        PRIVATE, dataclasses.replace(CLAIM, slot_start=dt.time(13, 0), slot_end=dt.time(15, 0))
    )
    assert reason(preview_booking, booked, KIOSK, later) == RejectReason.TOO_EARLY
    ticket = check_in_booking(booked, KIOSK, token)
    assert ticket.booking_code == CLAIM.booking_code
    assert reason(preview_booking, booked, KIOSK, token) == RejectReason.ALREADY_CHECKED_IN


def test_search_by_code_or_name_shows_names_and_check_in_state(
    booked: QueueContext, clock: FixedClock
) -> None:
    found = search_bookings(booked, OFFICER, "simanjuntak")
    assert len(found) == 7
    assert all(m.masked_name and m.masked_name.endswith("S***") for m in found)
    # Staff (only staff may search) see the full name, to tell look-alike bookings apart.
    assert all(m.full_name and m.full_name.endswith(" SIMANJUNTAK") for m in found)
    assert [m.slot_start for m in found] == sorted(m.slot_start for m in found)
    assert {m.status for m in found} == {"active", "cancelled"}
    (one,) = search_bookings(booked, SUPERVISOR, "jks00002")
    assert (one.booking_code, one.masked_name, one.ticket_number) == (
        "MP261201JKS00002",
        "BUD*** H***",
        None,
    )
    at(clock, 10, 5)
    ticket = check_in_booking(booked, KIOSK, one.booking_code)
    (again,) = search_bookings(booked, OFFICER, " JKS00002 ")
    assert again.ticket_number == ticket.number
    assert search_bookings(booked, OFFICER, "S") == []  # too short to search
    assert len(search_bookings(booked, OFFICER, "MP2612", limit=5)) == 5
    assert search_bookings(booked, OFFICER, "%") == []  # a wildcard is a plain character
    with pytest.raises(NotAllowed):
        search_bookings(booked, KIOSK, "simanjuntak")
    at(clock, 9, 0, day=2)
    assert search_bookings(booked, OFFICER, "simanjuntak") == []  # today's bookings only
