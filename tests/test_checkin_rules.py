"""Booking check-in, rule by rule (db/ops/checkin.py): the edges of the check-in window,
what a scanner may type, the words a kiosk shows, the estimate and the audit record."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Iterator

import pytest
from sqlalchemy import select

from db.clock import FixedClock
from db.context import QueueContext
from db.errors import CheckInRejected, RejectReason
from db.io.booking_token import BookingClaim, generate_key_pair, key_id_of, sign_booking
from db.migrate import open_queue
from db.models import AuditRecord, Booking
from db.ops.checkin import booking_code_of, check_in_booking, clean_payload, preview_booking
from db.ops.day_overrides import close_day
from db.ops.importer import import_bookings
from db.rules.privacy import mask_name
from tests.conftest import (
    JAKARTA,
    KIOSK,
    OFFICER,
    SUPERVISOR,
    booking_sample,
    held_to_sessions,
    make_settings,
)

CSV = "antrean_JKS_20261201.csv"
PRIVATE, PUBLIC = generate_key_pair()
CLAIM = BookingClaim(
    office_code="JKS",
    booking_code="MP261201JKS90002",  # in no export: the token alone is the booking
    date=dt.date(2026, 12, 1),
    slot_start=dt.time(8, 0),
    slot_end=dt.time(10, 0),
    service_name="PASPOR BARU",
    masked_name="BUD*** S***",
    expires_at=dt.datetime(2026, 12, 2, tzinfo=JAKARTA),
)


@pytest.fixture
def booked(ctx: QueueContext) -> QueueContext:
    import_bookings(ctx, SUPERVISOR, booking_sample(CSV))
    return ctx


@pytest.fixture
def signed(db_url: str, clock: FixedClock) -> Iterator[QueueContext]:
    """An office that reads signed booking QR codes (at most 400 characters of them), with
    the sample export imported."""
    settings = make_settings(db_url, booking_qr={"public_keys": [PUBLIC], "max_token_chars": 400})
    queue = open_queue(settings, clock=clock)
    import_bookings(queue, SUPERVISOR, booking_sample(CSV))
    yield queue
    queue.db.dispose()


def token(**changes: object) -> str:
    return sign_booking(PRIVATE, dataclasses.replace(CLAIM, **changes))  # type: ignore[arg-type]


def change(ctx: QueueContext, booking: Booking, **values: object) -> None:
    with ctx.db.write() as s:
        row = s.get(Booking, booking.id)
        assert row is not None
        for key, value in values.items():
            setattr(row, key, value)


def active(ctx: QueueContext, slot: dt.time, status: str = "active", nth: int = 0) -> Booking:
    with ctx.db.read() as s:
        found = s.scalar(
            select(Booking)
            .filter_by(status=status, slot_start=slot)
            .order_by(Booking.code)
            .offset(nth)
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
    assert late.booking_code == b.code
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
    assert (other.reason, other.booking_code) == (RejectReason.OTHER_OFFICE, "MP261201BGR00001")
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


def test_a_booking_ticket_is_estimated_as_called_or_from_its_slot_and_audited(
    booked: QueueContext, clock: FixedClock
) -> None:
    b, other = active(booked, dt.time(10, 0)), active(booked, dt.time(10, 0), nth=1)
    clock.set(dt.datetime(2026, 12, 1, 9, 30, tzinfo=JAKARTA))  # half an hour early
    ticket = check_in_booking(booked, KIOSK, b.code)
    assert (ticket.people_ahead, ticket.estimated_wait_minutes) == (0, 0)  # called at once
    # Held to its session (estimate.booking_waits_for_session): 10:00, half an hour.
    held = check_in_booking(held_to_sessions(booked), KIOSK, other.code)
    assert held.estimated_wait_minutes == 30
    with booked.db.read() as s:
        [record] = s.scalars(
            select(AuditRecord).where(
                AuditRecord.action == "check_in_booking", AuditRecord.target == ticket.number
            )
        ).all()
    assert (record.actor, record.target) == ("kiosk-1", ticket.number)
    assert json.loads(record.detail) == {"booking": b.code}


def test_the_words_for_each_booking_in_the_list_that_cannot_be_checked_in(
    booked: QueueContext,
) -> None:
    today = dt.date(2026, 12, 1)
    cancelled = active(booked, dt.time(13, 0), "cancelled")
    moved = active(booked, dt.time(13, 0), "rescheduled")
    checked_in = active(booked, dt.time(8, 0))
    ticket = check_in_booking(booked, KIOSK, checked_in.code)
    elsewhere, tomorrow, unknown_service = (
        active(booked, dt.time(10, 0)),
        active(booked, dt.time(10, 0), nth=1),
        active(booked, dt.time(10, 0), nth=2),
    )
    change(booked, elsewhere, office_code="BGR")
    change(booked, tomorrow, date=dt.date(2026, 12, 2))
    change(booked, unknown_service, service_code=None, service_name="PASPOR DIPLOMATIK")
    expected = [
        (cancelled, RejectReason.CANCELLED, "Booking {} was cancelled.", today),
        (moved, RejectReason.RESCHEDULED, "Booking {} was moved to another day.", today),
        (
            checked_in,
            RejectReason.ALREADY_CHECKED_IN,
            "Booking {} is already checked in: ticket " + ticket.number + ".",
            today,
        ),
        (elsewhere, RejectReason.OTHER_OFFICE, "Booking {} is for another office (BGR).", today),
        (
            tomorrow,
            RejectReason.OTHER_DATE,
            "Booking {} is for 02-12-2026, not today.",
            dt.date(2026, 12, 2),
        ),
        (
            unknown_service,
            RejectReason.SERVICE_UNAVAILABLE,
            "The booked service (PASPOR DIPLOMATIK) is not offered at this kiosk.",
            today,
        ),
    ]
    for booking, reason, words, day in expected:
        refused = rejection(booked, booking.code)
        assert (refused.reason, refused.message) == (reason, words.format(booking.code))
        assert (refused.booking_code, refused.booking_date) == (booking.code, day)
    assert rejection(booked, checked_in.code).ticket_number == ticket.number


def test_a_booking_on_a_day_the_office_closed_shows_the_supervisors_reason(
    booked: QueueContext,
) -> None:
    b = active(booked, dt.time(8, 0))
    close_day(booked, SUPERVISOR, dt.date(2026, 12, 1), "Listrik padam")
    closed = rejection(booked, b.code)
    assert (closed.reason, closed.notice) == (RejectReason.OFFICE_CLOSED, "Listrik padam")
    assert (closed.booking_code, closed.booking_date) == (b.code, dt.date(2026, 12, 1))


def test_a_booking_checked_in_by_an_officer_names_no_kiosk(booked: QueueContext) -> None:
    by_officer = check_in_booking(booked, OFFICER, active(booked, dt.time(8, 0)).code)
    assert by_officer.kiosk_id is None
    by_kiosk = check_in_booking(booked, KIOSK, active(booked, dt.time(10, 0)).code)
    assert by_kiosk.kiosk_id == "kiosk-1"


def test_a_signed_booking_qr_is_read_as_a_token_by_the_preview_and_the_check_in(
    signed: QueueContext, clock: FixedClock
) -> None:
    clock.set(dt.datetime(2026, 12, 1, 8, 30, tzinfo=JAKARTA))
    preview = preview_booking(signed, KIOSK, token())
    assert (preview.booking_code, preview.service, preview.service_name) == (
        "MP261201JKS90002",
        "baru",
        "PASPOR BARU",
    )
    assert preview.masked_name == "BUD*** S***"
    ticket = check_in_booking(signed, KIOSK, token())
    assert ticket.booking_code == "MP261201JKS90002"
    with signed.db.read() as s:
        [record] = s.scalars(
            select(AuditRecord).where(AuditRecord.action == "check_in_booking")
        ).all()
    # The check-in names the key the QR code was signed with.
    assert json.loads(record.detail) == {"booking": "MP261201JKS90002", "key_id": key_id_of(PUBLIC)}


def test_a_booking_qr_for_today_of_a_booking_the_export_moved_away_is_checked_in(
    signed: QueueContext, clock: FixedClock
) -> None:
    moved = active(signed, dt.time(13, 0), "rescheduled")
    change(signed, moved, date=dt.date(2026, 12, 8))
    clock.set(dt.datetime(2026, 12, 1, 8, 30, tzinfo=JAKARTA))
    qr = token(booking_code=moved.code, masked_name="XYZ*** A***")
    preview = preview_booking(signed, KIOSK, qr)
    assert (preview.booking_code, preview.slot_start) == (
        moved.code,
        dt.datetime(2026, 12, 1, 8, 0, tzinfo=JAKARTA),
    )
    # The export knows the name: it is shown masked, not the token's.
    assert preview.masked_name == mask_name(moved.applicant_name)
    assert check_in_booking(signed, KIOSK, qr).booking_code == moved.code


def test_the_words_for_a_booking_qr_of_another_office_day_or_service(
    signed: QueueContext, clock: FixedClock
) -> None:
    clock.set(dt.datetime(2026, 12, 1, 8, 30, tzinfo=JAKARTA))
    cases = [
        (
            token(office_code="BGR"),
            RejectReason.OTHER_OFFICE,
            "Booking MP261201JKS90002 is for another office (BGR).",
            dt.date(2026, 12, 1),
        ),
        (
            token(date=dt.date(2026, 12, 2), expires_at=dt.datetime(2026, 12, 3, tzinfo=JAKARTA)),
            RejectReason.OTHER_DATE,
            "Booking MP261201JKS90002 is for 02-12-2026, not today.",
            dt.date(2026, 12, 2),
        ),
        (
            token(service_name="PASPOR DIPLOMATIK"),
            RejectReason.SERVICE_UNAVAILABLE,
            "The booked service (PASPOR DIPLOMATIK) is not offered at this kiosk.",
            dt.date(2026, 12, 1),
        ),
    ]
    for qr, reason, words, day in cases:
        for scan in (preview_booking, check_in_booking):
            with pytest.raises(CheckInRejected) as info:
                scan(signed, KIOSK, qr)
            refused = info.value
            assert (refused.reason, refused.message) == (reason, words)
            assert (refused.booking_code, refused.booking_date) == ("MP261201JKS90002", day)


def test_a_scan_longer_than_the_office_allows_for_a_qr_code_is_refused_unread(
    signed: QueueContext,
) -> None:
    refused = rejection(signed, "LKT1." + "A" * 396)
    assert (refused.reason, refused.message) == (
        RejectReason.MALFORMED,
        "The code is too long (401 > 400).",
    )
