"""Issuing's rules one by one (db/ops/issuing.py), through the real queue operations on a
SQLite file: the words of each refusal, what a ticket and its print job are made with."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select

from config.settings import Channel
from db.clock import FixedClock
from db.context import QueueContext
from db.errors import (
    ChannelNotAccepted,
    OfficeClosed,
    QuotaExhausted,
    ReasonRequired,
    ServiceClosed,
)
from db.migrate import open_queue
from db.models import Booking, PrintJob, Ticket, TicketEvent
from db.ops.checkin import check_in_booking
from db.ops.day_overrides import close_day, close_service
from db.ops.importer import import_bookings
from db.ops.issuing import issue_ticket, set_quota
from tests.conftest import JAKARTA, KIOSK, OFFICER, SUPERVISOR, booking_sample, make_settings

MONDAY = dt.datetime(2026, 12, 7, 9, 0, tzinfo=JAKARTA)


# --- a closed day, in the words of its reason ------------------------------------------------


def refusal_on(ctx: QueueContext, clock: FixedClock, when: dt.datetime) -> OfficeClosed:
    clock.set(when)
    with pytest.raises(OfficeClosed) as info:
        issue_ticket(ctx, KIOSK, "baru", "vip")
    return info.value


def test_a_day_a_supervisor_closed_gives_their_reason(ctx: QueueContext, clock: FixedClock) -> None:
    close_day(ctx, SUPERVISOR, dt.date(2026, 12, 2), "Listrik padam")
    refused = refusal_on(ctx, clock, dt.datetime(2026, 12, 2, 9, 0, tzinfo=JAKARTA))
    assert refused.template == (
        "The office is closed today (closed: {notice}). Next opening: {weekday} {next_opening}."
    )
    assert refused.params == {
        "notice": "Listrik padam", "weekday": "Thu", "next_opening": "03-12-2026 08:00"
    }  # fmt: skip
    assert refused.notice == "Listrik padam"
    assert str(refused) == (
        "The office is closed today (closed: Listrik padam). Next opening: Thu 03-12-2026 08:00."
    )


def test_a_public_holiday_is_named(ctx: QueueContext, clock: FixedClock) -> None:
    refused = refusal_on(ctx, clock, dt.datetime(2026, 12, 25, 9, 0, tzinfo=JAKARTA))
    assert str(refused) == (
        "The office is closed today (public holiday: Hari Raya Natal). "
        "Next opening: Mon 28-12-2026 08:00."
    )
    assert refused.params["holiday"] == "Hari Raya Natal" and refused.notice is None


def test_a_weekday_without_opening_hours(ctx: QueueContext, clock: FixedClock) -> None:
    refused = refusal_on(ctx, clock, dt.datetime(2026, 12, 6, 9, 0, tzinfo=JAKARTA))  # Sunday
    assert str(refused) == (
        "The office is closed today (no opening hours on this weekday). "
        "Next opening: Mon 07-12-2026 08:00."
    )
    assert refused.template.startswith("The office is closed today (no opening hours")


def test_an_office_closure_date(db_url: str) -> None:
    base = make_settings(db_url)
    business = {**base.business_day.model_dump(), "closed_dates": [dt.date(2026, 12, 1)]}
    clock = FixedClock(dt.datetime(2026, 12, 1, 9, 0, tzinfo=JAKARTA))
    queue = open_queue(make_settings(db_url, business_day=business), clock=clock)
    try:
        with pytest.raises(OfficeClosed) as info:
            issue_ticket(queue, KIOSK, "baru", "vip")
        assert str(info.value) == (
            "The office is closed today (office closure). Next opening: Wed 02-12-2026 08:00."
        )
        assert info.value.template.startswith("The office is closed today (office closure).")
    finally:
        queue.db.dispose()


# --- the request's words ------------------------------------------------------------------


def test_a_service_closed_for_the_day_names_itself_in_both_languages(ctx: QueueContext) -> None:
    close_service(ctx, SUPERVISOR, ctx.today(), "ambil", "Mesin rusak")
    with pytest.raises(ServiceClosed) as info:
        issue_ticket(ctx, KIOSK, "ambil", "walk_in")
    refused = info.value
    assert str(refused) == "Passport Pick-up is closed for the rest of today."
    assert refused.template == "{service} is closed for the rest of today."
    assert refused.params == {"service": "Passport Pick-up", "service_id": "Pengambilan Paspor"}
    assert refused.service == "ambil"
    # Another service of the same day still issues.
    assert issue_ticket(ctx, KIOSK, "baru", "walk_in").number == "A-001"


def test_a_service_that_does_not_take_the_channel_says_which(ctx: QueueContext) -> None:
    with pytest.raises(ChannelNotAccepted) as info:
        issue_ticket(ctx, KIOSK, "ambil", "vip")
    assert str(info.value) == "Passport Pick-up does not take vip applicants."
    assert info.value.params == {
        "service": "Passport Pick-up", "service_id": "Pengambilan Paspor", "channel": "vip"
    }  # fmt: skip
    with pytest.raises(ChannelNotAccepted) as walk_in:
        issue_ticket(ctx, KIOSK, "ambil", "booking")
    assert str(walk_in.value) == "Booking tickets are made by checking in the booking."


def test_a_priority_ticket_without_a_known_reason_lists_the_reasons(ctx: QueueContext) -> None:
    with pytest.raises(ReasonRequired) as info:
        issue_ticket(ctx, KIOSK, "baru", "priority", reason="tired")
    assert str(info.value) == (
        "A priority ticket needs a reason, one of: elderly, disabled, pregnant, small_child, other."
    )
    assert info.value.params == {"known": "elderly, disabled, pregnant, small_child, other"}


def test_only_the_channel_names_in_the_words_use_a_hyphen(db_url: str) -> None:
    services = [
        s.model_dump() | ({"channels": ["priority", "vip"]} if s.code == "info" else {})
        for s in make_settings(db_url).services
    ]
    queue = open_queue(make_settings(db_url, services=services), clock=FixedClock(MONDAY))
    try:
        with pytest.raises(ChannelNotAccepted) as info:
            issue_ticket(queue, KIOSK, "info", "walk_in")
        assert str(info.value) == "Information does not take walk-in applicants."
    finally:
        queue.db.dispose()


# --- what a ticket is made with ------------------------------------------------------------


def test_a_kiosk_ticket_its_link_token_and_its_print_job(ctx: QueueContext) -> None:
    ticket = issue_ticket(ctx, KIOSK, "baru", "walk_in")
    with ctx.db.read() as session:
        row = session.get(Ticket, ticket.id)
        assert row is not None
        assert len(row.token) == 16  # 12 random bytes, URL-safe: the phone link's secret
        assert row.override_by is None and row.override_reason is None
        assert row.booking_id is None and row.channel == "walk_in"
        [job] = session.scalars(select(PrintJob).where(PrintJob.ticket_id == ticket.id)).all()
        assert (job.reprint, job.state, job.attempts, job.delivered, job.copy_printed) == (
            False, "pending", 0, "", False
        )  # fmt: skip
    other = issue_ticket(ctx, KIOSK, "baru", "walk_in")
    with ctx.db.read() as session:
        tokens = {t.token for t in session.scalars(select(Ticket))}
    assert len(tokens) == 2 and other.id != ticket.id


def test_a_staff_override_is_recorded_with_who_gave_it_and_not_counted(
    ctx: QueueContext,
) -> None:
    ticket = issue_ticket(ctx, OFFICER, "baru", "walk_in", override_reason="  lansia sakit ")
    with ctx.db.read() as session:
        row = session.get(Ticket, ticket.id)
        assert row is not None
        assert (row.override_reason, row.override_by) == ("lansia sakit", OFFICER.name)
    with pytest.raises(ReasonRequired) as info:
        issue_ticket(ctx, OFFICER, "baru", "walk_in", override_reason="   ")
    assert str(info.value) == "A quota override needs a reason."


def test_a_used_up_quota_names_the_service_channel_and_quota(ctx: QueueContext) -> None:
    set_quota(ctx, SUPERVISOR, "ambil", "walk_in", 1, "hanya satu petugas")
    issue_ticket(ctx, KIOSK, "ambil", "walk_in")
    with pytest.raises(QuotaExhausted) as info:
        issue_ticket(ctx, KIOSK, "ambil", "walk_in")
    refused = info.value
    assert str(refused) == "Today's walk-in quota for Passport Pick-up (1) is used up."
    assert refused.params == {
        "channel": "walk-in", "service": "Passport Pick-up",
        "service_id": "Pengambilan Paspor", "quota": 1,
    }  # fmt: skip
    assert (refused.service, refused.channel, refused.quota) == ("ambil", Channel.WALK_IN, 1)


def test_a_quota_that_cannot_be_set_names_the_service_in_both_languages(
    ctx: QueueContext,
) -> None:
    with pytest.raises(ChannelNotAccepted) as info:
        set_quota(ctx, SUPERVISOR, "ambil", "vip", 5, "x")
    assert str(info.value) == "Passport Pick-up has no vip quota to set."
    assert info.value.params == {
        "service": "Passport Pick-up", "service_id": "Pengambilan Paspor", "channel": "vip"
    }  # fmt: skip


def test_the_first_event_says_issued_or_checked_in_with_the_channel_and_reason(
    ctx: QueueContext,
) -> None:
    import_bookings(ctx, SUPERVISOR, booking_sample("antrean_JKS_20261201.csv"))
    priority = issue_ticket(ctx, KIOSK, "baru", "priority", reason="elderly")
    with ctx.db.read() as session:
        code = session.scalar(select(Booking.code).filter_by(status="active").limit(1))
    assert code is not None
    booked = check_in_booking(ctx, KIOSK, code)
    with ctx.db.read() as session:
        first = {
            e.ticket_id: (e.kind, json.loads(e.detail or "{}"))
            for e in session.scalars(select(TicketEvent).order_by(TicketEvent.id.desc()))
        }
    assert first[priority.id] == ("issued", {"channel": "priority", "reason": "elderly"})
    assert first[booked.id] == ("checked_in", {"channel": "booking", "reason": None})
