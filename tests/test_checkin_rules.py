"""Booking check-in, rule by rule (db/ops/checkin.py): the edges of the check-in window,
what a scanner may type, the words a kiosk shows, the estimate and the audit record."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select

from db.clock import FixedClock
from db.context import QueueContext
from db.errors import CheckInRejected, RejectReason
from db.io.booking_token import BookingClaim, generate_key_pair, sign_booking
from db.migrate import open_queue
from db.models import AuditRecord, Booking
from db.ops.checkin import booking_code_of, check_in_booking, clean_payload, preview_booking
from db.ops.importer import import_bookings
from tests.conftest import JAKARTA, KIOSK, SUPERVISOR, booking_sample, make_settings

CSV = "antrean_JKS_20261201.csv"


@pytest.fixture
def booked(ctx: QueueContext) -> QueueContext:
    import_bookings(ctx, SUPERVISOR, booking_sample(CSV))
    return ctx


def active(ctx: QueueContext, slot: dt.time) -> Booking:
    with ctx.db.read() as s:
        found = s.scalar(
            select(Booking)
            .filter_by(status="active", slot_start=slot)
            .order_by(Booking.code)
            .limit(1)
        )
    assert found is not None
    return found


def rejection(ctx: QueueContext, payload: str) -> CheckInRejected:
    with pytest.raises(CheckInRejected) as info:
        check_in_booking(ctx, KIOSK, payload)
    return info.value


def test_check_in_opens_exactly_the_set_minutes_before_the_slot(
    booked: QueueContext, clock: FixedClock
) -> None:
    b = active(booked, dt.time(13, 0))  # check-in from 12:00
    clock.set(dt.datetime(2026, 12, 1, 11, 59, 59, tzinfo=JAKARTA))
    early = rejection(booked, b.code)
    assert early.reason == RejectReason.TOO_EARLY
    assert early.message == f"Check-in for booking {b.code} opens at 12:00."
    assert (early.booking_code, early.booking_date) == (b.code, dt.date(2026, 12, 1))
    clock.set(dt.datetime(2026, 12, 1, 12, 0, tzinfo=JAKARTA))
    assert check_in_booking(booked, KIOSK, b.code).booking_code == b.code


def test_check_in_closes_exactly_the_set_minutes_after_the_slot(
    booked: QueueContext, clock: FixedClock
) -> None:
    b = active(booked, dt.time(13, 0))  # slot 13:00-15:00, check-in until 16:00
    clock.set(dt.datetime(2026, 12, 1, 16, 0, 1, tzinfo=JAKARTA))
    late = rejection(booked, b.code)
    assert late.reason == RejectReason.TOO_LATE
    assert late.message == f"Booking {b.code}'s check-in closed at 16:00."
    clock.set(dt.datetime(2026, 12, 1, 16, 0, tzinfo=JAKARTA))
    assert check_in_booking(booked, KIOSK, b.code).booking_code == b.code


def test_what_a_scanner_typed_is_read_without_its_control_characters() -> None:
    assert clean_payload("\x02 mp261201jks00001 \r\n") == "mp261201jks00001"
    assert booking_code_of("\x02 mp261201jks00001 \r\n") == "MP261201JKS00001"
    assert clean_payload("A\x7fB") == "AB"
    # At most twice the longest payload is looked at.
    assert clean_payload("Z" * 5000) == "Z" * 1024


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ("x" * 513, "The code is too long to be a booking."),
        ("x" * 512, "This is not a booking code we can read."),
        ("ABC12", "This is not a booking code we can read."),  # 5 characters: too short
        ("A" * 33, "This is not a booking code we can read."),
        ("AB-123456", "This is not a booking code we can read."),
    ],
)
def test_a_payload_that_cannot_be_a_booking_code(payload: str, message: str) -> None:
    with pytest.raises(CheckInRejected) as info:
        booking_code_of(payload)
    assert (info.value.reason, info.value.message) == (RejectReason.MALFORMED, message)


@pytest.mark.parametrize("code", ["ABC123", "A" * 32, "mp261201jks00001"])
def test_a_booking_code_is_six_to_thirty_two_letters_and_digits(code: str) -> None:
    assert booking_code_of(code) == code.upper()


def test_the_words_for_unknown_codes_and_tokens_without_keys(booked: QueueContext) -> None:
    unknown = rejection(booked, "MP261201JKS99999")
    assert (unknown.reason, unknown.message) == (
        RejectReason.UNKNOWN,
        "Booking MP261201JKS99999 is not in today's list.",
    )
    assert unknown.booking_code == "MP261201JKS99999"
    other = rejection(booked, "MP261201BGR00001")
    assert other.message == "Booking MP261201BGR00001 is for another office (BGR)."
    token = rejection(booked, "LKT1.abc.def")
    assert token.reason == RejectReason.MALFORMED
    assert token.message == (
        "This office has no key for booking QR codes (settings: booking_qr.public_keys)."
    )


def test_a_booking_on_a_closed_day_is_refused_with_the_office_closed(
    booked: QueueContext, clock: FixedClock
) -> None:
    b = active(booked, dt.time(8, 0))
    with booked.db.write() as s:
        row = s.get(Booking, b.id)
        assert row is not None
        row.date = dt.date(2026, 12, 5)  # a Saturday
    clock.set(dt.datetime(2026, 12, 5, 8, 0, tzinfo=JAKARTA))
    closed = rejection(booked, b.code)
    assert (closed.reason, closed.message) == (
        RejectReason.OFFICE_CLOSED,
        "The office is closed today.",
    )
    assert closed.booking_date == dt.date(2026, 12, 5)


def test_a_booking_ticket_is_estimated_from_its_slot_and_audited(
    booked: QueueContext, clock: FixedClock
) -> None:
    b = active(booked, dt.time(10, 0))
    clock.set(dt.datetime(2026, 12, 1, 9, 30, tzinfo=JAKARTA))  # half an hour early
    ticket = check_in_booking(booked, KIOSK, b.code)
    assert (ticket.people_ahead, ticket.estimated_wait_minutes) == (0, 30)
    with booked.db.read() as s:
        [record] = s.scalars(
            select(AuditRecord).where(AuditRecord.action == "check_in_booking")
        ).all()
    assert (record.actor, record.target) == ("kiosk-1", ticket.number)
    assert json.loads(record.detail) == {"booking": b.code}


def test_a_signed_booking_qr_is_read_as_a_token_by_the_preview_and_the_check_in(
    db_url: str, clock: FixedClock
) -> None:
    private, public = generate_key_pair()
    queue = open_queue(make_settings(db_url, booking_qr={"public_keys": [public]}), clock=clock)
    claim = BookingClaim(
        office_code="JKS",
        booking_code="MP261201JKS90002",  # in no export: the token alone is the booking
        date=dt.date(2026, 12, 1),
        slot_start=dt.time(8, 0),
        slot_end=dt.time(10, 0),
        service_name="PASPOR BARU",
        masked_name="BUD*** S***",
        expires_at=dt.datetime(2026, 12, 2, tzinfo=JAKARTA),
    )
    token = sign_booking(private, claim)
    clock.set(dt.datetime(2026, 12, 1, 8, 30, tzinfo=JAKARTA))
    try:
        preview = preview_booking(queue, KIOSK, token)
        assert (preview.booking_code, preview.service, preview.masked_name) == (
            "MP261201JKS90002",
            "baru",
            "BUD*** S***",
        )
        assert check_in_booking(queue, KIOSK, token).booking_code == "MP261201JKS90002"
    finally:
        queue.db.dispose()
