"""What the estimate learns from the office's own days (db/read/estimate.py ``learn``): a
worked example through the real queue operations, every figure of the ``History`` checked.

Yesterday counter 1 served twelve new-passport applicants in 4 minutes each and counter 2
twelve in 8 minutes, each after a minute's walk to the counter; six more walk-ins were
called and did not come. Today counter 1 has served two in 10 minutes. Besides, a service
of no length (a clock held still) and a walk of 20 minutes (an applicant who came back
much later) are left out, and a service 25 days ago is outside the 20 days learnt from.
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from config.settings import Channel
from db.clock import FixedClock
from db.context import QueueContext
from db.models import Booking
from db.ops.calling import call_next, complete, no_show, recall, start_service
from db.ops.checkin import check_in_booking
from db.ops.counters import close_counter, open_counter
from db.ops.importer import import_bookings
from db.ops.issuing import issue_ticket
from db.read import estimate
from db.read.estimate import BOOKINGS_COME, learn
from tests.conftest import JAKARTA, KIOSK, OFFICER, SUPERVISOR, booking_sample


def serve(
    ctx: QueueContext,
    clock: FixedClock,
    counter: int,
    minutes: float,
    walk: float = 1,
    service: str = "baru",
) -> None:
    issue_ticket(ctx, KIOSK, service, "walk_in")
    ticket = call_next(ctx, OFFICER, counter)
    clock.advance(minutes=walk)
    start_service(ctx, OFFICER, counter, ticket.id)
    clock.advance(minutes=minutes)
    complete(ctx, OFFICER, counter, ticket.id)


def away(ctx: QueueContext, clock: FixedClock, counter: int) -> None:
    issue_ticket(ctx, KIOSK, "ganti", "walk_in")
    ticket = call_next(ctx, OFFICER, counter)
    clock.advance(minutes=1)
    recall(ctx, OFFICER, counter, ticket.id)
    clock.advance(minutes=2)
    no_show(ctx, OFFICER, counter, ticket.id)


def priority_calls(ctx: QueueContext, clock: FixedClock, calls: int = 20, away: int = 5) -> None:
    """``calls`` elderly applicants called at counter 1: the first ``away`` do not come
    (recalled after a minute, not present after two more), the rest are served 3 minutes."""
    for _ in range(calls):
        issue_ticket(ctx, KIOSK, "baru", "priority", reason="elderly")
    for i in range(calls):
        ticket = call_next(ctx, OFFICER, 1)
        clock.advance(minutes=1)
        if i < away:
            recall(ctx, OFFICER, 1, ticket.id)
            clock.advance(minutes=2)
            no_show(ctx, OFFICER, 1, ticket.id)
        else:
            start_service(ctx, OFFICER, 1, ticket.id)
            clock.advance(minutes=3)
            complete(ctx, OFFICER, 1, ticket.id)


def day_at(clock: FixedClock, day: dt.date) -> None:
    clock.set(dt.datetime.combine(day, dt.time(8, 0), tzinfo=JAKARTA))


@pytest.fixture
def learnt(ctx: QueueContext, clock: FixedClock) -> estimate.History:
    estimate._HISTORY.clear()
    estimate._PAST.clear()
    today = dt.date(2026, 12, 1)
    day_at(clock, today - dt.timedelta(days=25))  # outside the 20 days
    open_counter(ctx, OFFICER, 1)
    for _ in range(3):
        serve(ctx, clock, 1, 60)
    close_counter(ctx, OFFICER, 1)
    day_at(clock, today - dt.timedelta(days=1))
    open_counter(ctx, OFFICER, 1)
    open_counter(ctx, OFFICER, 2)
    for _ in range(12):
        serve(ctx, clock, 1, 4)
        serve(ctx, clock, 2, 8)
    for _ in range(6):
        away(ctx, clock, 1)
    serve(ctx, clock, 1, 0)  # no length: left out
    serve(ctx, clock, 2, 8, walk=20)  # its service counts, its walk does not
    close_counter(ctx, OFFICER, 1)
    close_counter(ctx, OFFICER, 2)
    day_at(clock, today)
    open_counter(ctx, OFFICER, 1)
    serve(ctx, clock, 1, 10)
    serve(ctx, clock, 1, 10)
    # Learnt afresh, as by a kiosk started now (each issue above learnt as the day went).
    estimate.forget()
    with ctx.db.read() as session:
        return learn(session, ctx, clock.now())


def test_the_measured_minutes_of_the_last_twenty_days_and_today(
    learnt: estimate.History,
) -> None:
    assert sorted(learnt.durations) == ["baru"]  # "ganti" was never served
    assert sorted(learnt.durations["baru"].tolist()) == [4.0] * 12 + [8.0] * 13 + [10.0] * 2
    assert learnt.day == dt.date(2026, 12, 1)


def test_each_counters_speed_against_the_services_median(learnt: estimate.History) -> None:
    # The median of all 27 is 8 minutes: counter 1 (12 x 4, 2 x 10) has a median of 4,
    # counter 2 (13 x 8) of 8.
    assert learnt.counter_speed == {("baru", 1): 0.5, ("baru", 2): 1.0}


def test_the_walk_to_the_counter_and_the_share_that_does_not_come(
    learnt: estimate.History,
) -> None:
    assert learnt.walk_up == pytest.approx(1.0)  # the 20-minute walk left out
    # Walk-ins called: 24 + 1 + 1 served yesterday, 2 today, 6 away: 6 of 34.
    assert learnt.no_show == {Channel.WALK_IN: pytest.approx(6 / 34)}
    assert learnt.bookings_come == BOOKINGS_COME  # fewer than 20 bookings to learn from


def test_learnt_once_and_again_after_five_minutes(
    ctx: QueueContext, clock: FixedClock, learnt: estimate.History
) -> None:
    with ctx.db.read() as session:
        assert learn(session, ctx, clock.now()) is learnt
        clock.advance(minutes=4)
        assert learn(session, ctx, clock.now()) is learnt
    serve(ctx, clock, 1, 10)
    with ctx.db.read() as session:
        clock.advance(minutes=1)
        again = learn(session, ctx, clock.now())
    assert again is not learnt
    assert sorted(again.durations["baru"].tolist()).count(10.0) == 3


def test_the_edges_of_what_counts(ctx: QueueContext, clock: FixedClock) -> None:
    day_at(clock, dt.date(2026, 11, 30))
    open_counter(ctx, OFFICER, 1)
    serve(ctx, clock, 1, 0.25, walk=0)  # 15 seconds: the shortest service that counts
    serve(ctx, clock, 1, 5, walk=15)  # a walk of 15 minutes still counts
    serve(ctx, clock, 1, 5, walk=15.5)  # ... one longer does not
    serve(ctx, clock, 1, 0.2, walk=1)  # 12 seconds: not a service
    priority_calls(ctx, clock)  # exactly 20 priority calls, 5 of them away: a share is learnt
    day_at(clock, dt.date(2026, 12, 1))
    estimate.forget()
    with ctx.db.read() as session:
        history = learn(session, ctx, clock.now())
    assert sorted(history.durations["baru"].tolist()) == sorted([0.25, 5.0, 5.0] + [3.0] * 15)
    assert history.walk_up == pytest.approx((0 + 15 + 15 * 1) / 17)
    # Priority: 20 called; walk-ins: 4 called, too few to learn a share from.
    assert history.no_show == {Channel.PRIORITY: 0.25}
    # Ten measured services at counter 1 (at least COUNTER_SAMPLES): its speed is learnt.
    assert history.counter_speed == {("baru", 1): 1.0}


def test_the_share_of_bookings_that_come_is_learnt_from_the_earlier_days(
    ctx: QueueContext, clock: FixedClock
) -> None:
    import_bookings(ctx, SUPERVISOR, booking_sample("antrean_JKS_20261201.csv"))
    with ctx.db.read() as session:
        active = session.scalars(
            select(Booking).filter_by(status="active", date=dt.date(2026, 12, 1))
        ).all()
        codes = [b.code for b in active if b.slot_start == dt.time(8, 0)][:10]
    clock.set(dt.datetime(2026, 12, 1, 8, 5, tzinfo=JAKARTA))
    for code in codes:
        check_in_booking(ctx, KIOSK, code)
    # Today's bookings are not learnt from (they are still coming).
    estimate.forget()
    with ctx.db.read() as session:
        assert learn(session, ctx, clock.now()).bookings_come == BOOKINGS_COME
    clock.set(dt.datetime(2026, 12, 2, 9, 0, tzinfo=JAKARTA))
    estimate.forget()
    with ctx.db.read() as session:
        came = learn(session, ctx, clock.now()).bookings_come
    assert len(active) >= 20 and len(codes) == 10
    assert came == pytest.approx(10 / len(active))


def test_the_forecast_adds_the_walk_and_takes_the_no_shows_from_the_history(
    ctx: QueueContext, clock: FixedClock
) -> None:
    # Yesterday at counter 4 (pick-up only): twelve walk-ins served in 4 minutes after a
    # minute's walk; twenty priority applicants called who never came.
    day_at(clock, dt.date(2026, 11, 30))
    open_counter(ctx, OFFICER, 4)
    for _ in range(12):
        serve(ctx, clock, 4, 4, service="ambil")
    for _ in range(20):
        issue_ticket(ctx, KIOSK, "ambil", "priority", reason="elderly")
        ticket = call_next(ctx, OFFICER, 4)
        clock.advance(minutes=1)
        recall(ctx, OFFICER, 4, ticket.id)
        clock.advance(minutes=2)
        no_show(ctx, OFFICER, 4, ticket.id)
    close_counter(ctx, OFFICER, 4)
    # Today counter 4 is open and free; three walk-ins and two priority applicants wait.
    day_at(clock, dt.date(2026, 12, 1))
    open_counter(ctx, OFFICER, 4)
    for _ in range(3):
        issue_ticket(ctx, KIOSK, "ambil", "walk_in")
    for _ in range(2):
        issue_ticket(ctx, KIOSK, "ambil", "priority", reason="elderly")
    estimate.forget()
    with ctx.db.read() as session:
        found = estimate.wait_estimate(
            session, ctx, ctx.settings.service("ambil"), Channel.WALK_IN, clock.now()
        )
    # The two priority applicants go first and, as every one of them did, do not come:
    # 3 minutes each until the counter moves on; then three walk-ins, 1 + 4 minutes each.
    assert found is not None
    assert (found.people_ahead, found.low, found.median, found.high) == (5, 21, 21, 21)
