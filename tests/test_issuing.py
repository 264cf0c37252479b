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
    NotAllowed,
    OfficeClosed,
    QuotaExhausted,
    ReasonRequired,
    UnknownService,
    WalkInClosed,
)
from db.migrate import open_queue
from db.models import AuditRecord, PrintJob, Ticket, TicketEvent
from db.ops.calling import call_next, complete, start_service
from db.ops.counters import open_counter
from db.ops.issuing import issue_ticket, quotas_today
from tests.conftest import JAKARTA, KIOSK, MORNING, OFFICER, SUPERVISOR, make_settings

pytestmark = pytest.mark.both_databases


def test_numbers_run_per_series_without_gaps(ctx: QueueContext) -> None:
    numbers = [issue_ticket(ctx, KIOSK, "baru", "walk_in").number for _ in range(3)]
    numbers.append(issue_ticket(ctx, KIOSK, "ganti", "walk_in").number)
    numbers.append(issue_ticket(ctx, KIOSK, "baru", "priority", reason="elderly").number)
    assert numbers == ["A-001", "A-002", "A-003", "B-001", "A-004"]


def test_numbering_restarts_on_the_next_business_day(ctx: QueueContext, clock: FixedClock) -> None:
    assert issue_ticket(ctx, KIOSK, "baru", "walk_in").number == "A-001"
    assert issue_ticket(ctx, KIOSK, "baru", "walk_in").number == "A-002"
    clock.set(MORNING + dt.timedelta(days=1))
    ticket = issue_ticket(ctx, KIOSK, "baru", "walk_in")
    assert ticket.number == "A-001"
    assert ticket.business_day == dt.date(2026, 12, 2)


def test_business_day_is_the_office_local_date(ctx: QueueContext, clock: FixedClock) -> None:
    # 01:30 UTC on 1 Dec is 08:30 in Jakarta: still 1 Dec. 17:30 UTC would be 2 Dec 00:30.
    clock.set(dt.datetime(2026, 12, 1, 1, 30, tzinfo=dt.UTC))
    assert issue_ticket(ctx, KIOSK, "baru", "walk_in").business_day == dt.date(2026, 12, 1)


def test_issue_writes_event_audit_and_print_job(ctx: QueueContext) -> None:
    ticket = issue_ticket(ctx, KIOSK, "baru", "priority", reason="pregnant")
    with ctx.db.read() as s:
        events = s.scalars(select(TicketEvent).where(TicketEvent.ticket_id == ticket.id)).all()
        audits = s.scalars(select(AuditRecord).where(AuditRecord.target == ticket.number)).all()
        jobs = s.scalars(select(PrintJob).where(PrintJob.ticket_id == ticket.id)).all()
    assert [(e.kind, e.actor, e.status_after) for e in events] == [("issued", "kiosk-1", "waiting")]
    assert [a.action for a in audits] == ["issue_ticket"]
    assert json.loads(audits[0].detail)["reason"] == "pregnant"
    assert [(j.kiosk_id, j.state, j.reprint) for j in jobs] == [("kiosk-1", "pending", False)]
    assert ticket.priority_reason == "pregnant"
    assert ticket.issued_at == MORNING


@pytest.mark.parametrize(
    ("service", "channel", "reason", "error"),
    [
        ("paspor", "walk_in", None, UnknownService),
        ("ambil", "vip", None, ChannelNotAccepted),
        ("baru", "booking", None, ChannelNotAccepted),
        ("baru", "teleport", None, ChannelNotAccepted),
        ("baru", "priority", None, ReasonRequired),
        ("baru", "priority", "tired", ReasonRequired),
        ("baru", "walk_in", "elderly", ReasonRequired),
    ],
)
def test_bad_requests_are_refused_and_leave_nothing(
    ctx: QueueContext, service: str, channel: str, reason: str | None, error: type
) -> None:
    with pytest.raises(error):
        issue_ticket(ctx, KIOSK, service, channel, reason=reason)
    with ctx.db.read() as s:
        assert s.scalars(select(Ticket)).all() == []


def test_quota_is_enforced_and_staff_may_override_with_a_reason(db_url: str) -> None:
    settings = make_settings(db_url)
    data = settings.model_dump()
    data["services"][0]["quota"] = {"walk_in": 2}
    settings = make_settings(db_url, services=data["services"])
    ctx = open_queue(settings, clock=FixedClock(MORNING))
    issue_ticket(ctx, KIOSK, "baru", "walk_in")
    issue_ticket(ctx, KIOSK, "baru", "walk_in")
    with pytest.raises(QuotaExhausted) as info:
        issue_ticket(ctx, KIOSK, "baru", "walk_in")
    assert info.value.quota == 2
    with pytest.raises(NotAllowed):
        issue_ticket(ctx, KIOSK, "baru", "walk_in", override_reason="came from Bogor")
    with pytest.raises(ReasonRequired):
        issue_ticket(ctx, OFFICER, "baru", "walk_in", override_reason="   ")
    ticket = issue_ticket(ctx, OFFICER, "baru", "walk_in", override_reason="came from Bogor")
    # The refused attempt gave its number back: no gap.
    assert ticket.number == "A-003"
    assert ticket.override_reason == "came from Bogor"
    with ctx.db.read() as s:
        row = s.get(Ticket, ticket.id)
        assert row is not None and row.override_by == "budi"
    left = {(q.service, q.channel): q.remaining for q in quotas_today(ctx)}
    assert left[("baru", Channel.WALK_IN)] == 0
    assert left[("ganti", Channel.WALK_IN)] == 30
    ctx.db.dispose()


def test_supervisor_day_quota_override(ctx: QueueContext) -> None:
    from db.ops.issuing import set_quota

    with pytest.raises(NotAllowed):
        set_quota(ctx, OFFICER, "baru", "vip", 1, "VIP desk short-staffed")
    set_quota(ctx, SUPERVISOR, "baru", "vip", 1, "VIP desk short-staffed")
    issue_ticket(ctx, KIOSK, "baru", "vip")
    with pytest.raises(QuotaExhausted):
        issue_ticket(ctx, KIOSK, "baru", "vip")


def test_walk_in_only_on_walk_in_days(db_url: str) -> None:
    settings = make_settings(db_url, walk_in_days=["mon", "wed"])
    ctx = open_queue(settings, clock=FixedClock(MORNING))  # a Tuesday
    with pytest.raises(WalkInClosed) as info:
        issue_ticket(ctx, KIOSK, "baru", "walk_in")
    assert info.value.next_opening == dt.datetime(2026, 12, 2, 8, 0, tzinfo=JAKARTA)
    assert "Next opening: Wed 02-12-2026 08:00" in str(info.value)
    # Priority and VIP do not depend on walk-in days; staff may override walk-in.
    issue_ticket(ctx, KIOSK, "baru", "priority", reason="elderly")
    issue_ticket(ctx, OFFICER, "baru", "walk_in", override_reason="failed to book 3 weeks")
    ctx.db.dispose()


@pytest.mark.parametrize(
    ("when", "expected_next"),
    [
        # Saturday: closed, next opening Monday 08:00.
        (dt.datetime(2026, 12, 5, 10, 0, tzinfo=JAKARTA), dt.datetime(2026, 12, 7, 8, 0)),
        # Before the issuing window (06:59; tickets from 07:00): opens today 08:00.
        (dt.datetime(2026, 12, 1, 6, 59, tzinfo=JAKARTA), dt.datetime(2026, 12, 1, 8, 0)),
        # After closing: tomorrow.
        (dt.datetime(2026, 12, 1, 16, 0, tzinfo=JAKARTA), dt.datetime(2026, 12, 2, 8, 0)),
        # Christmas is a public holiday (Friday): next Monday.
        (dt.datetime(2026, 12, 25, 9, 0, tzinfo=JAKARTA), dt.datetime(2026, 12, 28, 8, 0)),
    ],
)
def test_closed_office_says_when_it_opens(
    ctx: QueueContext, clock: FixedClock, when: dt.datetime, expected_next: dt.datetime
) -> None:
    clock.set(when)
    with pytest.raises(OfficeClosed) as info:
        issue_ticket(ctx, KIOSK, "baru", "vip")
    assert info.value.next_opening == expected_next.replace(tzinfo=JAKARTA)


def test_tickets_from_an_hour_before_opening(ctx: QueueContext, clock: FixedClock) -> None:
    clock.set(dt.datetime(2026, 12, 1, 7, 0, tzinfo=JAKARTA))
    assert issue_ticket(ctx, KIOSK, "baru", "walk_in").number == "A-001"


def test_office_closure_dates(db_url: str) -> None:
    settings = make_settings(
        db_url,
        business_day={
            **make_settings(db_url).business_day.model_dump(),
            "closed_dates": [dt.date(2026, 12, 1)],
        },
    )
    ctx = open_queue(settings, clock=FixedClock(MORNING))
    with pytest.raises(OfficeClosed, match="office closure"):
        issue_ticket(ctx, KIOSK, "baru", "walk_in")
    ctx.db.dispose()


def test_estimate_counts_people_ahead_and_uses_measured_service_times(
    ctx: QueueContext, clock: FixedClock
) -> None:
    first = issue_ticket(ctx, KIOSK, "baru", "walk_in")
    assert (first.people_ahead, first.estimated_wait_minutes) == (0, 0)
    for _ in range(5):
        issue_ticket(ctx, KIOSK, "baru", "walk_in")
    # Nobody open yet: the 3 counters configured for new-passport walk-ins (1, 2 and 3)
    # share 6 people at the configured 12 minutes -> 6 * 12 / 3 = 24.
    sixth = issue_ticket(ctx, KIOSK, "baru", "walk_in")
    assert sixth.people_ahead == 6
    assert sixth.estimated_wait_minutes == 24
    # Counter 1 opens and serves three applicants in 4 minutes each: measured time rules,
    # and only one counter is open now.
    open_counter(ctx, OFFICER, 1)
    for _ in range(3):
        t = call_next(ctx, OFFICER, 1)
        start_service(ctx, OFFICER, 1, t.id)
        clock.advance(minutes=4)
        complete(ctx, OFFICER, 1, t.id)
    later = issue_ticket(ctx, KIOSK, "baru", "walk_in")
    assert later.people_ahead == 4
    assert later.estimated_wait_minutes == 16


def test_priority_ticket_has_fewer_people_ahead(ctx: QueueContext, clock: FixedClock) -> None:
    for _ in range(4):
        issue_ticket(ctx, KIOSK, "baru", "walk_in")
        clock.advance(minutes=1)
    priority = issue_ticket(ctx, KIOSK, "baru", "priority", reason="elderly")
    walk_in = issue_ticket(ctx, KIOSK, "baru", "walk_in")
    assert priority.people_ahead < walk_in.people_ahead == 5
