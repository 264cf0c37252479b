from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from config.settings import Channel
from db.clock import FixedClock
from db.context import QueueContext
from db.errors import CheckInRejected, RejectReason
from db.models import Booking, Ticket
from db.ops.calling import call_next
from db.ops.checkin import check_in_booking
from db.ops.importer import import_bookings
from db.ops.issuing import issue_ticket
from tests.conftest import (
    EXPORT_GENERATOR,
    JAKARTA,
    KIOSK,
    OFFICER,
    SUPERVISOR,
    booking_sample,
)

CSV = "antrean_JKS_20261201.csv"

pytestmark = pytest.mark.both_databases


@pytest.fixture
def booked(ctx: QueueContext) -> QueueContext:
    report = import_bookings(ctx, SUPERVISOR, booking_sample(CSV))
    assert report.imported == 120
    return ctx


def booking(ctx: QueueContext, **where: object) -> Booking:
    with ctx.db.read() as s:
        stmt = select(Booking).filter_by(**where).order_by(Booking.code).limit(1)
        found = s.scalar(stmt)
    assert found is not None, where
    return found


def at_slot(clock: FixedClock, b: Booking, minutes: int = 0) -> None:
    start = dt.datetime.combine(b.date, b.slot_start, tzinfo=JAKARTA)
    clock.set(start + dt.timedelta(minutes=minutes))


def rejection(ctx: QueueContext, payload: str) -> CheckInRejected:
    with pytest.raises(CheckInRejected) as info:
        check_in_booking(ctx, KIOSK, payload)
    return info.value


def test_check_in_makes_a_booking_ticket(booked: QueueContext, clock: FixedClock) -> None:
    b = booking(booked, status="active", slot_start=dt.time(10, 0))
    at_slot(clock, b, -20)
    ticket = check_in_booking(booked, KIOSK, f"  {b.code.lower()}\r\n")
    assert ticket.channel == Channel.BOOKING
    assert ticket.booking_code == b.code
    assert ticket.slot_start == dt.datetime.combine(b.date, b.slot_start, tzinfo=JAKARTA)
    assert ticket.masked_name is not None and "*" in ticket.masked_name
    assert b.applicant_name is not None
    assert ticket.masked_name.startswith(b.applicant_name[:3])
    assert b.applicant_name.split()[-1] not in ticket.masked_name
    assert ticket.number.startswith(booked.settings.service(b.service_code or "").prefix)
    assert ticket.kiosk_id == "kiosk-1"
    # Waits for its slot: a walk-in who is there now is called first.
    walk_in = issue_ticket(booked, KIOSK, ticket.service, "walk_in")
    assert call_next(booked, OFFICER, 1).id == walk_in.id


def test_second_scan_shows_the_ticket_it_got(booked: QueueContext, clock: FixedClock) -> None:
    b = booking(booked, status="active")
    at_slot(clock, b)
    first = check_in_booking(booked, KIOSK, b.code)
    again = rejection(booked, b.code)
    assert again.reason == RejectReason.ALREADY_CHECKED_IN
    assert (again.ticket_number, again.ticket_id) == (first.number, first.id)
    with booked.db.read() as s:
        assert len(s.scalars(select(Ticket)).all()) == 1


@pytest.mark.parametrize(
    ("payload", "reason"),
    [
        ("", RejectReason.MALFORMED),
        ("hello world!", RejectReason.MALFORMED),
        ("x" * 5000, RejectReason.MALFORMED),
        ("MP261201JKS99999", RejectReason.UNKNOWN),
    ],
)
def test_unreadable_and_unknown_codes(
    booked: QueueContext, payload: str, reason: RejectReason
) -> None:
    assert rejection(booked, payload).reason == reason


def test_cancelled_and_rescheduled_bookings(booked: QueueContext, clock: FixedClock) -> None:
    cancelled = booking(booked, status="cancelled")
    at_slot(clock, cancelled)
    assert rejection(booked, cancelled.code).reason == RejectReason.CANCELLED
    moved = booking(booked, status="rescheduled")
    at_slot(clock, moved)
    assert rejection(booked, moved.code).reason == RejectReason.RESCHEDULED


def test_check_in_window(booked: QueueContext, clock: FixedClock) -> None:
    b = booking(booked, status="active", slot_start=dt.time(13, 0))
    at_slot(clock, b, -61)
    early = rejection(booked, b.code)
    assert early.reason == RejectReason.TOO_EARLY
    assert early.opens_at == dt.datetime(2026, 12, 1, 12, 0, tzinfo=JAKARTA)
    assert "opens at 12:00" in early.message
    # Slot 13.00-15.00 with 60 minutes after: closes 16:00.
    clock.set(dt.datetime(2026, 12, 1, 16, 1, tzinfo=JAKARTA))
    assert rejection(booked, b.code).reason == RejectReason.TOO_LATE
    clock.set(dt.datetime(2026, 12, 1, 15, 59, tzinfo=JAKARTA))
    assert check_in_booking(booked, KIOSK, b.code).booking_code == b.code


def test_booking_for_another_date_says_which(booked: QueueContext, clock: FixedClock) -> None:
    b = booking(booked, status="active")
    clock.set(dt.datetime(2026, 11, 30, 9, 0, tzinfo=JAKARTA))
    other = rejection(booked, b.code)
    assert other.reason == RejectReason.OTHER_DATE
    assert other.booking_date == dt.date(2026, 12, 1)
    assert "01-12-2026" in other.message


def test_booking_for_another_office(ctx: QueueContext, clock: FixedClock, tmp_path: Path) -> None:
    out = tmp_path / "antrean_BGR_20261201.csv"
    subprocess.run(
        [
            sys.executable,
            str(EXPORT_GENERATOR),
            str(out),
            "2026-12-01",
            "5",
            "--office",
            "BGR",
        ],
        check=True,
    )
    report = import_bookings(ctx, SUPERVISOR, out)
    # Another office's export is refused row by row, nothing imported...
    assert report.imported == 0
    assert [r.line for r in report.rejected] == [2, 3, 4, 5, 6]
    assert "KODE_KANTOR 'BGR' is another office" in report.rejected[0].reason
    # ...and its QR codes, recognisable by their shape, are told apart from unknown ones.
    rejected = rejection(ctx, "MP261201BGR00001")
    assert rejected.reason == RejectReason.OTHER_OFFICE
    assert "(BGR)" in rejected.message
