"""The estimated wait (db/read/estimate.py): worked examples pinning its rules."""

from __future__ import annotations

import datetime as dt

import pytest

from config.settings import Channel
from db.clock import FixedClock
from db.context import QueueContext
from db.migrate import open_queue
from db.ops.calling import call_next, complete, start_service
from db.ops.counters import open_counter
from db.ops.issuing import issue_ticket
from db.read.estimate import (
    WaitEstimate,
    estimate_for_new_ticket,
    expected_calls,
    format_wait,
    wait_estimate,
)
from tests.conftest import JAKARTA, KIOSK, MORNING, OFFICER, held_to_sessions, make_settings


def estimate(
    ctx: QueueContext, service: str, channel: Channel, slot: dt.datetime | None = None
) -> WaitEstimate | None:
    with ctx.db.read() as session:
        now = ctx.clock.now()
        return wait_estimate(session, ctx, ctx.settings.service(service), channel, now, slot)


def test_a_ticket_issued_before_opening_waits_until_opening(
    ctx: QueueContext, clock: FixedClock
) -> None:
    clock.set(dt.datetime(2026, 12, 1, 7, 15, tzinfo=JAKARTA))  # the office opens at 08:00
    first = estimate(ctx, "baru", Channel.WALK_IN)
    assert first is not None
    assert (first.people_ahead, first.low, first.median, first.high) == (0, 45, 45, 45)
    # Three counters configured for new-passport walk-ins (1-3), 12 minutes each: the
    # first three are called at opening, 45 minutes from now; the fourth one service later.
    waits = [issue_ticket(ctx, KIOSK, "baru", "walk_in").estimated_wait_minutes for _ in range(4)]
    assert waits == [45, 45, 45, 45 + 12]


def test_an_early_booking_is_estimated_as_the_policy_calls_it(ctx: QueueContext) -> None:
    # Now 09:00, nobody waits: the policy calls a booking that checked in before its 10:00
    # session at once when no one is due (test_estimate_rules has the call itself), and the
    # estimate says so.
    session = dt.datetime(2026, 12, 1, 10, 0, tzinfo=JAKARTA)
    booking = estimate(ctx, "baru", Channel.BOOKING, session)
    assert booking is not None and booking.low == booking.median == booking.high == 0


def test_a_booking_is_never_estimated_before_its_session_when_the_office_says_so(
    ctx: QueueContext,
) -> None:
    held = held_to_sessions(ctx)
    session = dt.datetime(2026, 12, 1, 10, 0, tzinfo=JAKARTA)  # now 09:00, nobody waits
    booking = estimate(held, "baru", Channel.BOOKING, session)
    assert booking is not None and booking.low == booking.median == booking.high == 60
    # A walk-in issued at the same moment is called at once.
    walk_in = estimate(held, "baru", Channel.WALK_IN)
    assert walk_in is not None and walk_in.median == 0


def test_services_sharing_counters_share_the_line(ctx: QueueContext) -> None:
    # Counters 1-3 serve both baru (12 min) and ganti (10 min): six ganti walk-ins ahead of
    # a baru walk-in keep those counters busy for 2 x 10 minutes.
    for _ in range(6):
        issue_ticket(ctx, KIOSK, "ganti", "walk_in")
    baru = issue_ticket(ctx, KIOSK, "baru", "walk_in")
    assert (baru.people_ahead, baru.estimated_wait_minutes) == (6, 20)
    # Pick-up (counter 4 only) shares nothing with them: nobody ahead.
    ambil = issue_ticket(ctx, KIOSK, "ambil", "walk_in")
    assert (ambil.people_ahead, ambil.estimated_wait_minutes) == (0, 0)


def test_a_service_and_channel_no_counter_serves_has_no_estimate(db_url: str) -> None:
    counters = [
        {"number": 1, "name": "Loket 1", "services": ["baru", "ganti", "ambil", "info"],
         "channels": ["booking", "walk_in"]},
    ]  # fmt: skip
    queue = open_queue(make_settings(db_url, counters=counters), clock=FixedClock(MORNING))
    try:
        assert estimate(queue, "baru", Channel.PRIORITY) is None
        with queue.db.read() as session:
            service = queue.settings.service("baru")
            assert estimate_for_new_ticket(session, queue, service, Channel.PRIORITY, MORNING) == (
                0,
                None,
            )
        ticket = issue_ticket(queue, KIOSK, "baru", "priority", reason="elderly")
        assert ticket.estimated_wait_minutes is None
        assert issue_ticket(queue, KIOSK, "baru", "walk_in").estimated_wait_minutes == 0
    finally:
        queue.db.dispose()


def test_measured_times_count_and_negative_durations_after_a_clock_set_back_do_not(
    ctx: QueueContext, clock: FixedClock
) -> None:
    open_counter(ctx, OFFICER, 1)
    for minutes in (4, 4, 4):
        issue_ticket(ctx, KIOSK, "baru", "walk_in")
        t = call_next(ctx, OFFICER, 1)
        start_service(ctx, OFFICER, 1, t.id)
        clock.advance(minutes=minutes)
        complete(ctx, OFFICER, 1, t.id)
    # One more service during which the clock is set back by an hour: it would measure
    # -56 minutes; the queue's time holds still instead, so it measures 0.
    issue_ticket(ctx, KIOSK, "baru", "walk_in")
    t = call_next(ctx, OFFICER, 1)
    start_service(ctx, OFFICER, 1, t.id)
    clock.set(clock.now() - dt.timedelta(minutes=60))
    complete(ctx, OFFICER, 1, t.id)
    clock.advance(minutes=61)  # queue time never runs back; move past the set-back
    for _ in range(4):
        issue_ticket(ctx, KIOSK, "baru", "walk_in")
    # Four ahead at the one open counter, 4 measured minutes each; the 0 is ignored.
    later = issue_ticket(ctx, KIOSK, "baru", "walk_in")
    assert (later.people_ahead, later.estimated_wait_minutes) == (4, 16)


def test_the_range_and_the_expected_call_times(ctx: QueueContext, clock: FixedClock) -> None:
    numbers = [issue_ticket(ctx, KIOSK, "baru", "walk_in") for _ in range(7)]
    calls = expected_calls(ctx)
    assert set(calls) == {t.id for t in numbers}
    # Counters 1-3 not open yet: the configured three, 12 minutes each.
    offsets = [(calls[t.id].median - clock.now()).total_seconds() / 60 for t in numbers]
    assert offsets == pytest.approx([0, 0, 0, 12, 12, 12, 24])
    assert all(calls[t.id].low <= calls[t.id].median <= calls[t.id].high for t in numbers)


@pytest.mark.parametrize(
    ("low", "high", "language", "text"),
    [
        (27, 38, "id", "25-40 menit"),
        (27, 38, "en", "25-40 min"),
        (12, 12, "id", "10-15 menit"),
        (0, 3, "id", "kurang dari 5 menit"),
        (52, 71, "id", "sekitar 1 jam"),
        (75, 105, "id", "sekitar 1,5 jam"),
        (75, 105, "en", "about 1.5 hours"),
    ],
)
def test_the_printed_range(low: float, high: float, language: str, text: str) -> None:
    assert format_wait(low, high, language) == text
    assert WaitEstimate(0, (low + high) / 2, low, high).text(language) == text


def test_the_cost_benchmark_runs() -> None:
    from bench import bench_estimate

    result, pages = bench_estimate.run(n=3, waiting=(20,), days=1, per_day=10)
    assert result.name == "estimate, 20 waiting" and result.n == 3
    assert result.p99 is not None and result.p99 > 0
    assert pages.name == "ticket pages (every ticket of the day), 20 waiting" and pages.n == 10
    assert pages.p99 is not None and pages.p99 > 0
