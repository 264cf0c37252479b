"""The estimated wait's rules one by one (db/read/estimate.py), through the real queue
operations on a SQLite file: the printed range, bookings before opening, paused and busy
counters, the figures the ticket page reads."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from config.settings import Channel
from db.clock import FixedClock
from db.context import QueueContext
from db.migrate import open_queue
from db.models import Booking
from db.ops.calling import call_next, complete, start_service
from db.ops.checkin import check_in_booking
from db.ops.counters import open_counter, pause_counter
from db.ops.importer import import_bookings
from db.ops.issuing import issue_ticket
from db.read.estimate import (
    WaitEstimate,
    WaitWords,
    counters_for,
    expected_calls,
    format_wait,
    service_minutes,
    wait_estimate,
    wait_words,
    waiting_line,
    waiting_of,
    waiting_tickets,
)
from db.rules.policy import Waiting
from tests.conftest import (
    JAKARTA,
    KIOSK,
    MORNING,
    OFFICER,
    SUPERVISOR,
    booking_sample,
    held_to_sessions,
    make_settings,
)


def estimate(
    ctx: QueueContext, service: str, channel: Channel, slot: dt.datetime | None = None
) -> WaitEstimate:
    with ctx.db.read() as session:
        now = ctx.clock.now()
        found = wait_estimate(session, ctx, ctx.settings.service(service), channel, now, slot)
    assert found is not None
    return found


def spread(e: WaitEstimate) -> tuple[float, float, float]:
    return (round(e.low, 6), round(e.median, 6), round(e.high, 6))


# --- what the ticket prints ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("low", "high", "indonesian", "english"),
    [
        (0, 4.9, "kurang dari 5 menit", "under 5 min"),
        (0, 5, "0-5 menit", "0-5 min"),
        (10, 10, "10-15 menit", "10-15 min"),  # never a range of nothing
        (-3, 7, "0-10 menit", "0-10 min"),  # nothing below zero
        (20, 10, "20-25 menit", "20-25 min"),  # a high below the low is the low
        (40, 58, "40-60 menit", "40-60 min"),  # middle 49: still minutes
        (0, 99, "0-100 menit", "0-100 min"),  # middle 49.5
        (8, 2, "5-10 menit", "5-10 min"),
        (100, 10, "sekitar 1,5 jam", "about 1.5 hours"),  # the middle of 100 and 100
        (70, 82, "sekitar 1,5 jam", "about 1.5 hours"),  # 76 minutes: nearer 1.5 than 1
        (45, 55, "sekitar 1 jam", "about 1 hour"),  # middle 50: hours from here
        (80, 100, "sekitar 1,5 jam", "about 1.5 hours"),
        (100, 140, "sekitar 2 jam", "about 2 hours"),
    ],
)
def test_the_printed_range_in_both_languages(
    low: float, high: float, indonesian: str, english: str
) -> None:
    assert format_wait(low, high) == indonesian
    assert format_wait(low, high, "id") == indonesian
    assert format_wait(low, high, "en") == english


@pytest.mark.parametrize(
    ("median", "minutes"), [(0.0, 0), (-2.0, 0), (12.0, 12), (12.2, 13), (0.4, 1)]
)
def test_the_stored_minutes_round_the_median_up(median: float, minutes: int) -> None:
    assert WaitEstimate(0, median, median, median).minutes == minutes


# --- before opening and bookings -----------------------------------------------------------


def test_a_booking_checked_in_before_opening_waits_for_opening_or_when_held_its_slot(
    ctx: QueueContext, clock: FixedClock
) -> None:
    clock.set(dt.datetime(2026, 12, 1, 7, 15, tzinfo=JAKARTA))  # opens 08:00, in 45 minutes
    slot = dt.datetime(2026, 12, 1, 8, 30, tzinfo=JAKARTA)
    # Nobody else waits: called at opening, though the session starts at 08:30; held to
    # its session (estimate.booking_waits_for_session), at 08:30.
    assert spread(estimate(ctx, "baru", Channel.BOOKING, slot)) == (45, 45, 45)
    assert spread(estimate(held_to_sessions(ctx), "baru", Channel.BOOKING, slot)) == (75, 75, 75)
    early_slot = estimate(
        ctx, "baru", Channel.BOOKING, dt.datetime(2026, 12, 1, 7, 45, tzinfo=JAKARTA)
    )
    assert spread(early_slot) == (45, 45, 45)


def test_a_booking_whose_slot_has_begun_is_not_held_back(ctx: QueueContext) -> None:
    began = estimate(ctx, "baru", Channel.BOOKING, MORNING - dt.timedelta(minutes=20))
    assert spread(began) == (0, 0, 0)


# --- counters ------------------------------------------------------------------------------


def test_a_paused_counter_is_expected_back_after_the_pause(
    ctx: QueueContext, clock: FixedClock
) -> None:
    # Counter 1 is the only one staffed for new passports; it pauses at 09:00 and the
    # office expects it back 45 minutes later (estimate.pause_minutes).
    open_counter(ctx, OFFICER, 1)
    pause_counter(ctx, OFFICER, 1)
    assert spread(estimate(ctx, "baru", Channel.WALK_IN)) == (45, 45, 45)
    clock.advance(minutes=30)
    assert spread(estimate(ctx, "baru", Channel.WALK_IN)) == (15, 15, 15)
    # Past the expected return it is counted as back within 5 minutes, not at once.
    clock.advance(minutes=13)
    assert spread(estimate(ctx, "baru", Channel.WALK_IN)) == (5, 5, 5)
    clock.advance(minutes=60)
    assert spread(estimate(ctx, "baru", Channel.WALK_IN)) == (5, 5, 5)


def test_a_service_and_channel_no_counter_serves_counts_as_one_counter(db_url: str) -> None:
    counters = [{"number": 1, "name": "Loket 1", "services": ["baru"], "channels": ["walk_in"]}]
    ctx = open_queue(make_settings(db_url, counters=counters), clock=FixedClock(MORNING))
    try:
        with ctx.db.read() as session:
            baru = ctx.settings.service("baru")
            assert counters_for(session, ctx, baru, Channel.PRIORITY) == 1
            assert counters_for(session, ctx, baru, Channel.WALK_IN) == 1
    finally:
        ctx.db.dispose()


def test_a_paused_counter_before_opening_is_not_back_before_opening(db_url: str) -> None:
    settings = make_settings(db_url, estimate={"pause_minutes": 10})
    clock = FixedClock(dt.datetime(2026, 12, 1, 7, 0, tzinfo=JAKARTA))
    ctx = open_queue(settings, clock=clock)
    try:
        open_counter(ctx, OFFICER, 1)
        pause_counter(ctx, OFFICER, 1)
        assert spread(estimate(ctx, "baru", Channel.WALK_IN)) == (60, 60, 60)
    finally:
        ctx.db.dispose()


def test_an_applicant_being_served_holds_the_counter_for_what_is_left_of_the_service(
    ctx: QueueContext, clock: FixedClock
) -> None:
    open_counter(ctx, OFFICER, 1)
    issue_ticket(ctx, KIOSK, "baru", "walk_in")
    ticket = call_next(ctx, OFFICER, 1)
    # Called but not yet at the counter: a whole service ahead (12 minutes configured).
    clock.advance(minutes=5)
    assert spread(estimate(ctx, "baru", Channel.WALK_IN)) == (12, 12, 12)
    start_service(ctx, OFFICER, 1, ticket.id)
    clock.advance(minutes=5)
    assert spread(estimate(ctx, "baru", Channel.WALK_IN)) == (7, 7, 7)
    # A service that outlasts the configured time is expected to end within a minute.
    clock.advance(minutes=20)
    assert spread(estimate(ctx, "baru", Channel.WALK_IN)) == (1, 1, 1)
    complete(ctx, OFFICER, 1, ticket.id)
    assert spread(estimate(ctx, "baru", Channel.WALK_IN)) == (0, 0, 0)


def test_an_open_counter_alone_serves_while_the_closed_ones_wait_for_staff(
    ctx: QueueContext,
) -> None:
    open_counter(ctx, OFFICER, 2)
    for _ in range(2):
        issue_ticket(ctx, KIOSK, "baru", "walk_in")
    # Counters 1 and 3 are closed while 2 is open: only counter 2 serves the line.
    assert spread(estimate(ctx, "baru", Channel.WALK_IN)) == (24, 24, 24)
    assert estimate(ctx, "baru", Channel.WALK_IN).people_ahead == 2


def test_a_priority_ticket_counts_only_who_goes_first_at_its_counters(
    ctx: QueueContext, clock: FixedClock
) -> None:
    for _ in range(3):
        issue_ticket(ctx, KIOSK, "ambil", "walk_in")  # counter 4: nothing shared with baru
    issue_ticket(ctx, KIOSK, "baru", "walk_in")
    clock.advance(minutes=10)
    priority = estimate(ctx, "baru", Channel.PRIORITY)
    # The priority applicant (3 x 0 minutes) goes after the walk-in waiting 10 minutes.
    assert priority.people_ahead == 1


# --- the figures the ticket page reads -----------------------------------------------------


def test_the_measured_minutes_of_a_service_and_the_counters_serving_it(
    ctx: QueueContext, clock: FixedClock
) -> None:
    baru = ctx.settings.service("baru")
    with ctx.db.read() as session:
        assert service_minutes(session, baru, MORNING.date()) == 12  # configured
        assert counters_for(session, ctx, baru, Channel.WALK_IN) == 3  # 1-3, none open
    open_counter(ctx, OFFICER, 1)
    for minutes in (4, 6, 8):
        issue_ticket(ctx, KIOSK, "baru", "walk_in")
        t = call_next(ctx, OFFICER, 1)
        start_service(ctx, OFFICER, 1, t.id)
        clock.advance(minutes=minutes)
        with ctx.db.read() as session:  # two measured times are not enough yet
            assert service_minutes(session, baru, MORNING.date()) == 12
        complete(ctx, OFFICER, 1, t.id)
    with ctx.db.read() as session:
        assert service_minutes(session, baru, MORNING.date()) == pytest.approx(6)
        assert counters_for(session, ctx, baru, Channel.WALK_IN) == 1  # counter 1 is open
        # Pick-up VIPs: counters 4 and 5, neither open: both counted.
        assert counters_for(session, ctx, ctx.settings.service("ambil"), Channel.VIP) == 2


def test_a_called_applicants_service_is_drawn_from_the_measured_times(
    ctx: QueueContext, clock: FixedClock
) -> None:
    open_counter(ctx, OFFICER, 1)
    for minutes in (2, 4, 6):
        issue_ticket(ctx, KIOSK, "baru", "walk_in")
        t = call_next(ctx, OFFICER, 1)
        start_service(ctx, OFFICER, 1, t.id)
        clock.advance(minutes=minutes)
        complete(ctx, OFFICER, 1, t.id)
    clock.advance(minutes=10)  # the history is learnt again
    issue_ticket(ctx, KIOSK, "baru", "walk_in")
    called = call_next(ctx, OFFICER, 1)  # called, not yet at the counter: a whole service
    assert spread(estimate(ctx, "baru", Channel.WALK_IN)) == (2, 4, 6)
    waiting = issue_ticket(ctx, KIOSK, "baru", "walk_in")
    start_service(ctx, OFFICER, 1, called.id)
    clock.advance(minutes=3)  # 3 minutes served: 4 or 6 minutes in all, 1 or 3 left
    expected = expected_calls(ctx)[waiting.id]
    offsets = [(t - clock.now()).total_seconds() / 60 for t in (expected.low, expected.median)]
    assert offsets[0] == pytest.approx(1)
    assert (expected.high - clock.now()).total_seconds() / 60 == pytest.approx(3)
    # Served exactly 4 minutes: only the 6-minute service is still longer, 2 minutes left;
    # then the waiting applicant's service (2, 4 or 6 minutes).
    clock.advance(minutes=1)
    assert spread(estimate(ctx, "baru", Channel.WALK_IN)) == (4, 6, 8)
    # Longer than every measured service: expected to end within a minute.
    clock.advance(minutes=3)
    assert spread(estimate(ctx, "baru", Channel.WALK_IN)) == (3, 5, 7)


def test_a_called_applicant_is_expected_at_the_counter_after_the_usual_walk(
    ctx: QueueContext, clock: FixedClock
) -> None:
    # Three applicants took 2 minutes from the call to the counter, then 4 at the counter.
    open_counter(ctx, OFFICER, 1)
    for _ in range(3):
        issue_ticket(ctx, KIOSK, "baru", "walk_in")
        t = call_next(ctx, OFFICER, 1)
        clock.advance(minutes=2)
        start_service(ctx, OFFICER, 1, t.id)
        clock.advance(minutes=4)
        complete(ctx, OFFICER, 1, t.id)
    clock.advance(minutes=10)
    issue_ticket(ctx, KIOSK, "baru", "walk_in")
    call_next(ctx, OFFICER, 1)
    clock.advance(minutes=1)
    # Called a minute ago: one more minute to walk up, then 4 minutes at the counter.
    assert spread(estimate(ctx, "baru", Channel.WALK_IN)) == (5, 5, 5)


def test_expected_calls_learn_the_history_themselves(ctx: QueueContext, clock: FixedClock) -> None:
    ticket = issue_ticket(ctx, KIOSK, "baru", "walk_in")
    clock.advance(minutes=6)  # what the issue learnt is stale by now
    calls = expected_calls(ctx)
    assert calls[ticket.id].ticket_id == ticket.id
    assert calls[ticket.id].median == clock.now()


def test_a_booking_ticket_is_in_the_line_with_its_slot_and_yesterdays_tickets_are_not(
    ctx: QueueContext, clock: FixedClock
) -> None:
    import_bookings(ctx, SUPERVISOR, booking_sample("antrean_JKS_20261201.csv"))
    clock.set(dt.datetime(2026, 11, 30, 9, 0, tzinfo=JAKARTA))
    issue_ticket(ctx, KIOSK, "baru", "walk_in")  # yesterday's, never called
    clock.set(dt.datetime(2026, 12, 1, 9, 30, tzinfo=JAKARTA))
    with ctx.db.read() as s:
        code = s.scalar(
            select(Booking.code)
            .filter_by(status="active", service_code="baru", slot_start=dt.time(10, 0))
            .limit(1)
        )
    assert code is not None
    booked = check_in_booking(ctx, KIOSK, code)
    # Nobody else waits: the policy would call it now, half an hour before its session, and
    # the estimate says so; held to sessions (estimate.booking_waits_for_session), 10:00.
    assert (booked.people_ahead, booked.estimated_wait_minutes) == (0, 0)
    assert expected_calls(ctx)[booked.id].median == clock.now()
    ctx = held_to_sessions(ctx)
    with ctx.db.read() as session:
        [row] = waiting_tickets(session, MORNING.date(), ["baru"])
        assert waiting_of(row) == Waiting(
            booked.id,
            "baru",
            Channel.BOOKING,
            dt.datetime(2026, 12, 1, 9, 30, tzinfo=JAKARTA),
            dt.datetime(2026, 12, 1, 10, 0, tzinfo=JAKARTA),
        )
        assert waiting_line(session, MORNING.date(), ["baru"]) == [waiting_of(row)]
    # Held to sessions, the console's expected call is not before the slot begins: 10:00.
    call = expected_calls(ctx)[booked.id]
    assert call.low == call.median == dt.datetime(2026, 12, 1, 10, 0, tzinfo=JAKARTA)
    with ctx.db.read() as session:
        held = wait_estimate(
            session, ctx, ctx.settings.service("baru"), Channel.BOOKING, clock.now(),
            dt.datetime(2026, 12, 1, 10, 0, tzinfo=JAKARTA),
        )  # fmt: skip
    assert held is not None and spread(held) == (30, 30, 30)
    # And the call itself: counter 1 opens and calls it at 09:30.
    open_counter(ctx, OFFICER, 1)
    assert call_next(ctx, OFFICER, 1).id == booked.id


def test_the_waiting_line_is_todays_waiting_tickets_of_the_services_asked(
    ctx: QueueContext, clock: FixedClock
) -> None:
    first = issue_ticket(ctx, KIOSK, "baru", "walk_in")
    clock.advance(minutes=1)
    second = issue_ticket(ctx, KIOSK, "ganti", "priority", reason="elderly")
    issue_ticket(ctx, KIOSK, "ambil", "walk_in")
    open_counter(ctx, OFFICER, 1)
    assert call_next(ctx, OFFICER, 1).id == first.id  # called: no longer waiting
    day = MORNING.date()
    with ctx.db.read() as session:
        line = waiting_line(session, day, ["baru", "ganti"])
        assert [(w.ticket_id, w.service, w.channel) for w in line] == [
            (second.id, "ganti", Channel.PRIORITY)
        ]
        assert line[0].queued_at == MORNING + dt.timedelta(minutes=1)
        assert line[0].slot_start is None
        rows = waiting_tickets(session, day, ["baru", "ganti"])
        assert [waiting_of(t) for t in rows] == line
        assert waiting_line(session, day + dt.timedelta(days=1), ["ganti"]) == []
        assert waiting_line(session, day, ["baru"]) == []


def test_the_measured_minutes_are_the_mean_of_the_last_twenty_services(
    ctx: QueueContext, clock: FixedClock
) -> None:
    open_counter(ctx, OFFICER, 4)  # pick-ups: three long ones, then twenty short ones
    for minutes in [30] * 3 + [3] * 20:
        issue_ticket(ctx, KIOSK, "ambil", "walk_in")
        t = call_next(ctx, OFFICER, 4)
        start_service(ctx, OFFICER, 4, t.id)
        clock.advance(minutes=minutes)
        complete(ctx, OFFICER, 4, t.id)
    with ctx.db.read() as session:
        assert service_minutes(session, ctx.settings.service("ambil"), MORNING.date()) == 3


def test_the_measured_minutes_are_todays_of_that_service(
    ctx: QueueContext, clock: FixedClock
) -> None:
    def serve(service: str, counter: int, minutes: int) -> None:
        issue_ticket(ctx, KIOSK, service, "walk_in")
        t = call_next(ctx, OFFICER, counter)
        start_service(ctx, OFFICER, counter, t.id)
        clock.advance(minutes=minutes)
        complete(ctx, OFFICER, counter, t.id)

    clock.set(dt.datetime(2026, 11, 30, 9, 0, tzinfo=JAKARTA))  # yesterday: slow pick-ups
    open_counter(ctx, OFFICER, 4)
    for _ in range(3):
        serve("ambil", 4, 30)
    clock.set(MORNING)
    open_counter(ctx, OFFICER, 4)
    open_counter(ctx, OFFICER, 1)
    for _ in range(3):
        serve("ambil", 4, 3)
        serve("baru", 1, 20)  # another service
    with ctx.db.read() as session:
        assert service_minutes(session, ctx.settings.service("ambil"), MORNING.date()) == 3


def test_each_queue_learns_its_own_history(
    ctx: QueueContext, clock: FixedClock, tmp_path: Path
) -> None:
    open_counter(ctx, OFFICER, 1)
    for _ in range(3):
        issue_ticket(ctx, KIOSK, "baru", "walk_in")
        t = call_next(ctx, OFFICER, 1)
        start_service(ctx, OFFICER, 1, t.id)
        clock.advance(minutes=4)
        complete(ctx, OFFICER, 1, t.id)
    clock.advance(minutes=5)  # the history is learnt again at most every 5 minutes
    issue_ticket(ctx, KIOSK, "baru", "walk_in")
    assert spread(estimate(ctx, "baru", Channel.WALK_IN)) == (4, 4, 4)  # measured here
    other = open_queue(
        make_settings(f"sqlite:///{tmp_path / 'other.sqlite3'}"), clock=FixedClock(clock.now())
    )
    try:
        issue_ticket(other, KIOSK, "baru", "walk_in")
        open_counter(other, OFFICER, 1)
        # Nothing measured in the other office: its configured 12 minutes.
        assert spread(estimate(other, "baru", Channel.WALK_IN)) == (12, 12, 12)
    finally:
        other.db.dispose()


# --- the words' rounding, and a ticket sent to one counter ---------------------------------


@pytest.mark.parametrize(
    ("low", "high", "words"),
    [
        (0, 0, WaitWords("under", 0, 5)),
        (-3, 4.9, WaitWords("under", 0, 5)),  # a negative end counts as 0
        (3, 4.99, WaitWords("under", 0, 5)),
        (0.5, 0.2, WaitWords("under", 0, 5)),  # high below low: low is the high
        (4, 5, WaitWords("minutes", 0, 5)),
        (6, 6, WaitWords("minutes", 5, 10)),  # one step at least
        (22, 38, WaitWords("minutes", 20, 40)),
        (45, 54, WaitWords("minutes", 45, 55)),  # a middle of 49.5
        (46, 54, WaitWords("hours", 1, 1)),  # a middle of 50 or more: half hours
        (80, 100, WaitWords("hours", 1.5, 1.5)),
    ],
)
def test_a_range_is_put_in_words_in_fives_or_half_hours(
    low: float, high: float, words: WaitWords
) -> None:
    assert wait_words(low, high) == words


def test_a_ticket_sent_to_one_counter_is_in_the_line_for_that_counter_only(
    ctx: QueueContext,
) -> None:
    from db.ops.calling import transfer

    open_counter(ctx, OFFICER, 3)
    first = issue_ticket(ctx, KIOSK, "baru", "walk_in")
    transfer(ctx, OFFICER, first.id, keep_place=True, to_counter=3)
    with ctx.db.read() as session:
        [row] = waiting_tickets(session, MORNING.date(), ["baru"])
        assert waiting_of(row).only_at == 3
        assert [w.only_at for w in waiting_line(session, MORNING.date(), ["baru"])] == [3]
