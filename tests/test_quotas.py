"""Issuing's rules that the first issuing tests leave open (db/ops/issuing.py): a
supervisor's day quota and its refusals, what the kiosk's home screen lists, the end of the
issuing window, walk-in days further away, and exact refusals a kiosk shows."""

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
    UnknownService,
    WalkInClosed,
)
from db.migrate import open_queue
from db.models import AuditRecord, QuotaOverride, Ticket
from db.ops.issuing import QuotaLeft, issue_ticket, quotas_today, set_quota
from tests.conftest import JAKARTA, KIOSK, MORNING, OFFICER, SUPERVISOR, make_settings


def overrides(ctx: QueueContext) -> list[QuotaOverride]:
    with ctx.db.read() as s:
        return list(s.scalars(select(QuotaOverride)).all())


def audits(ctx: QueueContext, action: str) -> list[AuditRecord]:
    with ctx.db.read() as s:
        return list(s.scalars(select(AuditRecord).where(AuditRecord.action == action)).all())


@pytest.mark.parametrize(
    ("service", "channel", "quota", "reason", "error", "message"),
    [
        ("baru", "booking", 5, "why", ChannelNotAccepted, "New Passport has no booking quota"),
        ("ambil", "vip", 5, "why", ChannelNotAccepted, "Passport Pick-up has no vip quota"),
        ("baru", "walk_in", -1, "why", QuotaExhausted, "A quota cannot be negative."),
        ("baru", "walk_in", 5, "  ", ReasonRequired, "Changing a quota needs a reason."),
        ("paspor", "walk_in", 5, "why", UnknownService, "Unknown service 'paspor'"),
    ],
)
def test_a_quota_is_set_only_for_a_channel_that_has_one(
    ctx: QueueContext,
    service: str,
    channel: str,
    quota: int,
    reason: str,
    error: type[Exception],
    message: str,
) -> None:
    with pytest.raises(error) as info:
        set_quota(ctx, SUPERVISOR, service, channel, quota, reason)
    assert str(info.value).startswith(message)
    assert overrides(ctx) == [] and audits(ctx, "set_quota") == []


def test_a_negative_quota_is_refused_naming_the_service_channel_and_quota(
    ctx: QueueContext,
) -> None:
    with pytest.raises(QuotaExhausted) as info:
        set_quota(ctx, SUPERVISOR, "ganti", "vip", -3, "typo")
    assert (info.value.service, info.value.channel, info.value.quota) == ("ganti", "vip", -3)


def test_a_quota_of_zero_stops_the_channel_and_is_recorded_with_who_and_why(
    ctx: QueueContext,
) -> None:
    set_quota(ctx, SUPERVISOR, "ganti", Channel.PRIORITY, 0, "  counter 4 closed today  ")
    [row] = overrides(ctx)
    assert (row.business_day, row.service_code, row.channel, row.quota) == (
        MORNING.date(),
        "ganti",
        "priority",
        0,
    )
    assert (row.reason, row.actor, row.created_at) == ("counter 4 closed today", "sari", MORNING)
    [record] = audits(ctx, "set_quota")
    assert (record.actor, record.target, record.at) == ("sari", "ganti", MORNING)
    assert json.loads(record.detail) == {"channel": "priority", "quota": 0}
    with pytest.raises(QuotaExhausted) as info:
        issue_ticket(ctx, KIOSK, "ganti", "priority", reason="elderly")
    assert info.value.quota == 0
    assert str(info.value).startswith(
        "Today's priority quota for Passport Replacement (0) is used up."
    )
    # The other channels of the service keep theirs.
    assert issue_ticket(ctx, KIOSK, "ganti", "walk_in").number == "B-001"


def test_the_latest_quota_of_the_day_counts(ctx: QueueContext) -> None:
    set_quota(ctx, SUPERVISOR, "baru", "walk_in", 1, "short-staffed")
    set_quota(ctx, SUPERVISOR, "baru", "walk_in", 2, "a second officer came")
    issue_ticket(ctx, KIOSK, "baru", "walk_in")
    issue_ticket(ctx, KIOSK, "baru", "walk_in")
    with pytest.raises(QuotaExhausted):
        issue_ticket(ctx, KIOSK, "baru", "walk_in")


def test_the_home_screen_lists_every_quota_but_the_bookings(ctx: QueueContext) -> None:
    issue_ticket(ctx, KIOSK, "baru", "vip")
    assert quotas_today(ctx) == [
        QuotaLeft("baru", Channel.WALK_IN, 40, 0),
        QuotaLeft("baru", Channel.PRIORITY, 30, 0),
        QuotaLeft("baru", Channel.VIP, 10, 1),
        QuotaLeft("ganti", Channel.WALK_IN, 30, 0),
        QuotaLeft("ganti", Channel.PRIORITY, 30, 0),
        QuotaLeft("ganti", Channel.VIP, 10, 0),
        QuotaLeft("ambil", Channel.WALK_IN, None, 0),
        QuotaLeft("ambil", Channel.PRIORITY, None, 0),
        QuotaLeft("info", Channel.WALK_IN, None, 0),
        QuotaLeft("info", Channel.PRIORITY, None, 0),
    ]
    assert [q.remaining for q in quotas_today(ctx)][:3] == [40, 30, 9]


def test_a_quota_lowered_below_what_was_issued_has_nothing_left(ctx: QueueContext) -> None:
    for _ in range(3):
        issue_ticket(ctx, KIOSK, "baru", "walk_in")
    set_quota(ctx, SUPERVISOR, "baru", "walk_in", 1, "the afternoon is for pick-ups")
    left = {(q.service, q.channel): q for q in quotas_today(ctx)}
    assert left[("baru", Channel.WALK_IN)].issued == 3
    assert left[("baru", Channel.WALK_IN)].remaining == 0
    assert QuotaLeft("x", Channel.WALK_IN, None, 5).remaining is None
    assert QuotaLeft("x", Channel.WALK_IN, 5, 2).remaining == 3


def test_issuing_stops_the_set_minutes_before_closing(db_url: str) -> None:
    business = make_settings(db_url).business_day.model_dump()
    settings = make_settings(
        db_url, business_day={**business, "stop_issuing_minutes_before_close": 30}
    )
    clock = FixedClock(dt.datetime(2026, 12, 1, 15, 29, tzinfo=JAKARTA))  # closes 16:00
    ctx = open_queue(settings, clock=clock)
    try:
        assert issue_ticket(ctx, KIOSK, "baru", "walk_in").number == "A-001"
        clock.set(dt.datetime(2026, 12, 1, 15, 30, tzinfo=JAKARTA))
        with pytest.raises(OfficeClosed) as info:
            issue_ticket(ctx, KIOSK, "baru", "walk_in")
        assert str(info.value).startswith("The office has stopped issuing tickets for today.")
        assert info.value.next_opening == dt.datetime(2026, 12, 2, 8, 0, tzinfo=JAKARTA)
    finally:
        ctx.db.dispose()


def test_without_a_stop_setting_issuing_runs_until_closing(
    ctx: QueueContext, clock: FixedClock
) -> None:
    clock.set(dt.datetime(2026, 12, 1, 15, 59, tzinfo=JAKARTA))
    assert issue_ticket(ctx, KIOSK, "baru", "walk_in").number == "A-001"
    clock.set(dt.datetime(2026, 12, 1, 16, 0, tzinfo=JAKARTA))
    with pytest.raises(OfficeClosed):
        issue_ticket(ctx, KIOSK, "baru", "walk_in")


def test_the_issuing_window_opens_the_set_minutes_before_opening(
    ctx: QueueContext, clock: FixedClock
) -> None:
    clock.set(dt.datetime(2026, 12, 1, 6, 59, tzinfo=JAKARTA))
    with pytest.raises(OfficeClosed) as info:
        issue_ticket(ctx, KIOSK, "baru", "walk_in")
    assert str(info.value).startswith("Tickets are issued from 07:00 today.")
    assert info.value.next_opening == dt.datetime(2026, 12, 1, 8, 0, tzinfo=JAKARTA)


def test_a_closed_day_says_why(ctx: QueueContext, clock: FixedClock) -> None:
    clock.set(dt.datetime(2026, 12, 5, 10, 0, tzinfo=JAKARTA))  # Saturday
    with pytest.raises(OfficeClosed) as info:
        issue_ticket(ctx, KIOSK, "baru", "walk_in")
    assert str(info.value).startswith("The office is closed today (")


def test_walk_in_refused_names_the_next_walk_in_day_not_the_next_open_day(db_url: str) -> None:
    # Tuesday; the office is open on Wednesday but takes walk-ins only on Thursday.
    settings = make_settings(db_url, walk_in_days=["thu"])
    ctx = open_queue(settings, clock=FixedClock(MORNING))
    try:
        with pytest.raises(WalkInClosed) as info:
            issue_ticket(ctx, KIOSK, "baru", "walk_in")
        assert info.value.next_opening == dt.datetime(2026, 12, 3, 8, 0, tzinfo=JAKARTA)
        assert str(info.value).startswith("Walk-in registration is not open today.")
        with ctx.db.read() as s:
            assert s.scalars(select(Ticket)).all() == []
    finally:
        ctx.db.dispose()


@pytest.mark.parametrize(
    ("service", "channel", "reason", "error", "message"),
    [
        ("paspor", "walk_in", None, UnknownService, "Unknown service 'paspor' (known: baru, "),
        ("baru", "teleport", None, ChannelNotAccepted, "Unknown channel 'teleport'."),
        (
            "baru",
            "booking",
            None,
            ChannelNotAccepted,
            "Booking tickets are made by checking in the booking.",
        ),
        (
            "ambil",
            "vip",
            None,
            ChannelNotAccepted,
            "Passport Pick-up does not take vip applicants.",
        ),
        ("info", "vip", None, ChannelNotAccepted, "Information does not take vip applicants."),
        ("baru", "priority", "tired", ReasonRequired, "A priority ticket needs a reason, one of: "),
        ("baru", "walk_in", "elderly", ReasonRequired, "Only priority tickets take a reason."),
    ],
)
def test_refusals_say_what_is_wrong(
    ctx: QueueContext,
    service: str,
    channel: str,
    reason: str | None,
    error: type[Exception],
    message: str,
) -> None:
    with pytest.raises(error) as info:
        issue_ticket(ctx, KIOSK, service, channel, reason=reason)
    assert str(info.value).startswith(message)


def test_a_walk_in_refusal_is_worded_with_a_hyphen(db_url: str) -> None:
    data = make_settings(db_url).model_dump()
    data["services"][0]["quota"] = {"walk_in": 0}
    ctx = open_queue(make_settings(db_url, services=data["services"]), clock=FixedClock(MORNING))
    try:
        with pytest.raises(QuotaExhausted) as info:
            issue_ticket(ctx, KIOSK, "baru", "walk_in")
        assert str(info.value).startswith("Today's walk-in quota for New Passport (0) is used up.")
        with pytest.raises(ReasonRequired) as blank:
            issue_ticket(ctx, OFFICER, "baru", "walk_in", override_reason=" ")
        assert str(blank.value).startswith("A quota override needs a reason.")
        ticket = issue_ticket(ctx, OFFICER, "baru", "walk_in", override_reason=" from Bogor ")
        assert ticket.override_reason == "from Bogor"
        [record] = audits(ctx, "issue_ticket")
        assert json.loads(record.detail) == {
            "channel": "walk_in",
            "override": "from Bogor",
            "reason": None,
            "service": "baru",
        }
        assert record.target == ticket.number
    finally:
        ctx.db.dispose()


def test_a_ticket_issued_by_staff_has_no_print_job_and_a_kiosk_ticket_has_one(
    ctx: QueueContext,
) -> None:
    staff = issue_ticket(ctx, OFFICER, "baru", "walk_in")
    kiosk = issue_ticket(ctx, KIOSK, "baru", "walk_in")
    for_kiosk = issue_ticket(ctx, OFFICER, "baru", "walk_in", kiosk_id="kiosk-2")
    with ctx.db.read() as s:
        rows = {t.id: t for t in s.scalars(select(Ticket)).all()}
    assert (rows[staff.id].print_state, rows[staff.id].kiosk_id) == ("none", None)
    assert (rows[kiosk.id].print_state, rows[kiosk.id].kiosk_id) == ("pending", "kiosk-1")
    assert (rows[for_kiosk.id].print_state, rows[for_kiosk.id].kiosk_id) == ("pending", "kiosk-2")
    assert rows[kiosk.id].token != rows[staff.id].token
    assert (rows[kiosk.id].recall_count, rows[kiosk.id].status) == (0, "waiting")
