"""The forecast's worked examples (db/read/estimate.py ``Forecast``): the queue is made
through the real queue operations on a SQLite file; what the office's days taught (the
``History``) is given, with every measured time of a service the same, so that each run
of the simulation comes out alike and every figure can be worked out by hand.

- each counter's own speed: a counter that took half the usual time takes half again;
- a ticket sent to one counter is served there alone, and counts as ahead only of those
  who could be called there;
- the line ranked again around the time the ticket is called: a booking whose session
  begins meanwhile moves up, unless the bookings do not come; a priority applicant passes
  a walk-in by the time the counter is free;
- the estimate a ticket was issued with, read back for its print, and when it is not.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from config.settings import Channel
from db.clock import FixedClock
from db.context import QueueContext
from db.migrate import open_queue
from db.ops.calling import call_next, start_service, transfer
from db.ops.counters import open_counter
from db.ops.day_overrides import set_counter_services
from db.ops.importer import import_bookings
from db.ops.issuing import issue_ticket
from db.read import estimate
from db.read.estimate import History, WaitEstimate, expected_calls, ticket_estimate
from tests.conftest import JAKARTA, KIOSK, OFFICER, SUPERVISOR, held_to_sessions, make_settings


def taught(
    monkeypatch: pytest.MonkeyPatch,
    durations: dict[str, float],
    counter_speed: dict[tuple[str, int], float] | None = None,
    bookings_come: float = 1.0,
) -> None:
    """The history every estimate below starts from: each service measured at exactly
    these minutes (three times), the counters' own speeds, no walk, nobody away."""
    import numpy as np

    def learnt(_session: object, ctx: QueueContext, now: dt.datetime) -> History:
        return History(
            learned_at=now,
            day=ctx.calendar.business_day(now),
            durations={code: np.full(3, minutes) for code, minutes in durations.items()},
            counter_speed=dict(counter_speed or {}),
            bookings_come=bookings_come,
        )

    monkeypatch.setattr(estimate, "learn", learnt)


def being_served_at_one(ctx: QueueContext) -> None:
    """A new-passport applicant called to counter 1 and being served from now."""
    issue_ticket(ctx, KIOSK, "baru", "walk_in")
    serving = call_next(ctx, OFFICER, 1)
    start_service(ctx, OFFICER, 1, serving.id)


def new_ticket(ctx: QueueContext, service: str, channel: Channel) -> WaitEstimate:
    with ctx.db.read() as session:
        found = estimate.wait_estimate(
            session, ctx, ctx.settings.service(service), channel, ctx.clock.now()
        )
    assert found is not None
    return found


def shown(e: WaitEstimate) -> tuple[int, float, float, float]:
    return (e.people_ahead, round(e.low, 6), round(e.median, 6), round(e.high, 6))


def minutes_until(ctx: QueueContext, when: dt.datetime) -> float:
    return round((when - ctx.clock.now()).total_seconds() / 60, 6)


# --- each counter's speed ------------------------------------------------------------------


def test_each_counter_serves_at_its_own_speed(
    ctx: QueueContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A new passport takes 6 minutes; counter 1 takes half that (3), counter 2 half as
    # long again (9), counter 3 has no speed of its own (6). Five walk-ins wait, all open
    # counters are free.
    taught(monkeypatch, {"baru": 6}, {("baru", 1): 0.5, ("baru", 2): 1.5})
    for number in (1, 2, 3):
        open_counter(ctx, OFFICER, number)
    tickets = [issue_ticket(ctx, KIOSK, "baru", "walk_in") for _ in range(5)]
    # Each is called at the counter free first (the lower number on a tie): 1, 2 and 3 at
    # once; counter 1 again at 3 and at 6; then counter 3 is free first, at 6 (counters 1
    # and 2 at 9).
    assert shown(new_ticket(ctx, "baru", Channel.WALK_IN)) == (5, 6, 6, 6)
    calls = expected_calls(ctx)
    assert [minutes_until(ctx, calls[t.id].median) for t in tickets] == [0, 0, 0, 3, 6]
    assert [minutes_until(ctx, calls[t.id].high) for t in tickets] == [0, 0, 0, 3, 6]


def test_the_only_counter_of_a_service_serves_at_its_own_speed(
    ctx: QueueContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A passport pick-up takes 4 minutes; counter 4, the only one for walk-ins, takes 2.
    taught(monkeypatch, {"ambil": 4}, {("ambil", 4): 0.5})
    open_counter(ctx, OFFICER, 4)
    for _ in range(3):
        issue_ticket(ctx, KIOSK, "ambil", "walk_in")
    assert shown(new_ticket(ctx, "ambil", Channel.WALK_IN)) == (3, 6, 6, 6)


# --- a ticket sent to one counter ----------------------------------------------------------


def test_a_ticket_sent_to_one_counter_is_served_there_alone(
    ctx: QueueContext, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    # New passports take 6 minutes, renewals 20. Counter 1 has served for 2 minutes (4
    # left); counters 2 and 5 (priority) are free.
    taught(monkeypatch, {"baru": 6, "ganti": 20})
    for number in (1, 2, 5):
        open_counter(ctx, OFFICER, number)
    being_served_at_one(ctx)
    clock.advance(minutes=2)
    renewal = issue_ticket(ctx, KIOSK, "ganti", "walk_in")
    transfer(ctx, OFFICER, renewal.id, keep_place=True, to_counter=1)
    elderly = issue_ticket(ctx, KIOSK, "baru", "priority", reason="elderly")
    transfer(ctx, OFFICER, elderly.id, keep_place=True, to_counter=5)
    issue_ticket(ctx, KIOSK, "baru", "walk_in")
    # The renewal waits for counter 1 (free at 4, busy until 24) though counter 2 is free;
    # the elderly applicant goes to counter 5, where a new walk-in is never called, so they
    # are not ahead of one; the walk-in takes counter 2 (until 6), and the new ticket is
    # called there at 6.
    assert shown(new_ticket(ctx, "baru", Channel.WALK_IN)) == (2, 6, 6, 6)
    calls = expected_calls(ctx)
    assert minutes_until(ctx, calls[renewal.id].median) == 4
    assert minutes_until(ctx, calls[elderly.id].median) == 0
    with ctx.db.read() as session:
        assert ticket_estimate(session, ctx, renewal.id, clock.now()) == WaitEstimate(0, 4, 4, 4)


# --- the line ranked again around the time the ticket is called ----------------------------


@pytest.fixture
def a_booking_at_ten(ctx: QueueContext, clock: FixedClock, tmp_path: Path) -> None:
    """One booking for the 10:00 session, not checked in yet; it is 09:58."""
    export = tmp_path / "antrean_JKS_20261201.csv"
    export.write_text(
        "KODE_BOOKING;TGL_KEDATANGAN;SESI;JENIS_LAYANAN;NAMA_PEMOHON;NIK;KODE_KANTOR;STATUS;"
        "WAKTU_DAFTAR\n"
        "MP261201JKS00901;01/12/2026;10.00 - 12.00;PASPOR BARU;DIAN SANTOSO;3174181590830615;"
        "JKS;AKTIF;2026-11-15 14:09:32\n",
        encoding="utf-8",
    )
    report = import_bookings(ctx, SUPERVISOR, export)
    assert (report.imported, report.rejected) == (1, [])
    clock.set(dt.datetime(2026, 12, 1, 9, 58, tzinfo=JAKARTA))


@pytest.mark.usefixtures("a_booking_at_ten")
@pytest.mark.parametrize(("come", "minutes"), [(1.0, 24), (0.0, 18)])
def test_a_booking_whose_session_begins_meanwhile_moves_up(
    ctx: QueueContext, monkeypatch: pytest.MonkeyPatch, come: float, minutes: float
) -> None:
    # Counter 1 alone, 6 minutes an applicant, three walk-ins ahead: called at 18 minutes,
    # at 10:16. By then the booking has waited 16 minutes from its session, 24 weighted
    # (1.5), more than the walk-ins' 18: it is called before, at 18, and the new ticket at
    # 24. When the bookings of the earlier days did not come, it holds nobody up.
    taught(monkeypatch, {"baru": 6}, bookings_come=come)
    open_counter(ctx, OFFICER, 1)
    for _ in range(3):
        issue_ticket(ctx, KIOSK, "baru", "walk_in")
    assert shown(new_ticket(ctx, "baru", Channel.WALK_IN)) == (3, minutes, minutes, minutes)


@pytest.mark.usefixtures("a_booking_at_ten")
@pytest.mark.parametrize("policy", ["fifo", "strict_priority"])
def test_a_line_that_keeps_its_order_is_not_ranked_again(
    db_url: str, clock: FixedClock, monkeypatch: pytest.MonkeyPatch, policy: str
) -> None:
    ctx = open_queue(make_settings(db_url, call_policy={"name": policy}), clock=clock)
    try:
        taught(monkeypatch, {"baru": 6})
        open_counter(ctx, OFFICER, 1)
        for _ in range(3):
            issue_ticket(ctx, KIOSK, "baru", "walk_in")
        assert shown(new_ticket(ctx, "baru", Channel.WALK_IN)) == (3, 18, 18, 18)
    finally:
        ctx.db.dispose()


def test_a_priority_applicant_passes_a_walk_in_by_the_time_the_counter_is_free(
    ctx: QueueContext, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Counter 1 alone; its applicant has 4 of 6 minutes left. A walk-in has waited a
    # minute: ahead of a priority applicant arriving now (1 against 3 x 0), called at 4,
    # and the priority applicant at 10, so at first. At 10 the priority applicant's weighted
    # wait (30) is the walk-in's (11) long passed; at 4, when the counter is free, it is
    # already (12 against 5): the priority applicant is called at 4.
    taught(monkeypatch, {"baru": 6})
    open_counter(ctx, OFFICER, 1)
    being_served_at_one(ctx)
    clock.advance(minutes=1)
    issue_ticket(ctx, KIOSK, "baru", "walk_in")
    clock.advance(minutes=1)
    assert shown(new_ticket(ctx, "baru", Channel.PRIORITY)) == (1, 4, 4, 4)
    # A walk-in arriving now is called after both: at 4 + 6 + 6.
    assert shown(new_ticket(ctx, "baru", Channel.WALK_IN)) == (1, 10, 10, 10)


# --- the estimate a ticket was issued with -------------------------------------------------


def test_the_ticket_shows_the_estimate_it_was_issued_with_for_two_minutes(
    ctx: QueueContext, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Counter 1 has just begun a 6-minute service; a walk-in is issued with 6 minutes.
    taught(monkeypatch, {"baru": 6})
    open_counter(ctx, OFFICER, 1)
    being_served_at_one(ctx)
    ticket = issue_ticket(ctx, KIOSK, "baru", "walk_in")
    assert ticket.estimated_wait_minutes == 6
    issued = clock.now()
    # Counter 2 opens: the line as it stands now would be called at once, but while the
    # line is the one it joined, the ticket (its print, its screen) keeps what it was
    # issued with, for two minutes.
    open_counter(ctx, OFFICER, 2)

    def read_back(at: dt.datetime) -> WaitEstimate | None:
        clock.set(at)
        with ctx.db.read() as session:
            return ticket_estimate(session, ctx, ticket.id, at)

    assert read_back(issued + dt.timedelta(seconds=60)) == WaitEstimate(0, 6, 6, 6)
    assert read_back(issued + dt.timedelta(seconds=120)) == WaitEstimate(0, 6, 6, 6)
    assert read_back(issued + dt.timedelta(seconds=121)) == WaitEstimate(0, 0, 0, 0)
    # A clock set back is not "just after" the issue either.
    assert read_back(issued - dt.timedelta(seconds=1)) == WaitEstimate(0, 0, 0, 0)
    # Another ticket joining the line makes it another line.
    assert read_back(issued) == WaitEstimate(0, 6, 6, 6)
    issue_ticket(ctx, KIOSK, "baru", "walk_in")
    assert read_back(issued) == WaitEstimate(0, 0, 0, 0)


def test_a_ticket_not_waiting_has_no_estimate(
    ctx: QueueContext, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    taught(monkeypatch, {"baru": 6})
    open_counter(ctx, OFFICER, 1)
    ticket = issue_ticket(ctx, KIOSK, "baru", "walk_in")
    call_next(ctx, OFFICER, 1)
    with ctx.db.read() as session:
        assert ticket_estimate(session, ctx, ticket.id, clock.now()) is None


def test_a_ticket_no_counter_calls_today_has_no_estimate_and_no_expected_call(
    ctx: QueueContext, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A pick-up ticket waits; then the supervisor has counters 4 and 5 (the only ones for
    # pick-ups) call information only, for today. The new passports behind it are
    # expected as before.
    taught(monkeypatch, {"baru": 6, "ambil": 4})
    open_counter(ctx, OFFICER, 1)
    pickup = issue_ticket(ctx, KIOSK, "ambil", "walk_in")
    clock.advance(minutes=1)
    later = [issue_ticket(ctx, KIOSK, "baru", "walk_in") for _ in range(2)]
    for number in (4, 5):
        set_counter_services(ctx, SUPERVISOR, clock.now().date(), number, ["info"])
    with ctx.db.read() as session:
        assert ticket_estimate(session, ctx, pickup.id, clock.now()) is None
        assert ticket_estimate(session, ctx, later[1].id, clock.now()) == WaitEstimate(1, 6, 6, 6)
    calls = expected_calls(ctx)
    assert sorted(calls) == sorted(t.id for t in later)
    assert [minutes_until(ctx, calls[t.id].median) for t in later] == [0, 6]


def test_a_long_line_is_expected_one_applicant_after_another(
    ctx: QueueContext, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Seventeen walk-ins, more than the forecast keeps between checkpoints, at one counter.
    taught(monkeypatch, {"baru": 6})
    open_counter(ctx, OFFICER, 1)
    tickets = [issue_ticket(ctx, KIOSK, "baru", "walk_in") for _ in range(17)]
    calls = expected_calls(ctx)
    assert [minutes_until(ctx, calls[t.id].median) for t in tickets] == [6 * i for i in range(17)]
    assert shown(new_ticket(ctx, "baru", Channel.WALK_IN)) == (17, 102, 102, 102)


def test_one_forecast_answers_every_tile_as_a_forecast_of_its_own_would(
    ctx: QueueContext, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A long line of new passports and renewals, every fifth a priority applicant who
    # moves up: each tile's line differs from the first tile's somewhere past the
    # forecast's checkpoints, and is simulated again from there.
    taught(monkeypatch, {"baru": 6, "ganti": 20, "ambil": 4})
    for number in (1, 2, 3, 4, 5):
        open_counter(ctx, OFFICER, number)
    for i in range(40):
        priority = i % 5 == 4
        issue_ticket(
            ctx,
            KIOSK,
            "baru" if i % 3 else "ganti",
            "priority" if priority else "walk_in",
            reason="elderly" if priority else None,
        )
        clock.advance(minutes=1)
    services = ctx.settings.services
    wanted = [
        (service, channel)
        for service in services
        for channel in (Channel.WALK_IN, Channel.PRIORITY, Channel.VIP)
        if channel in service.channels
    ]
    with ctx.db.read() as session:
        tiles = estimate.new_ticket_waits(session, ctx, clock.now(), wanted)
        alone = {
            (service.code, channel): estimate.wait_estimate(
                session, ctx, service, channel, clock.now()
            )
            for service, channel in reversed(wanted)
        }
    assert tiles == alone
    # The line is long enough for the answers to differ from one another.
    assert len({e.median for e in tiles.values() if e is not None}) == 3


def test_a_waiting_tickets_range_is_its_expected_call_on_the_console(
    ctx: QueueContext, clock: FixedClock
) -> None:
    # Learnt from real days, with times that differ: yesterday five new passports took
    # 3, 5, 7, 9 and 11 minutes. Today counters 1 and 2 serve eight walk-ins in order.
    # What the ticket shows (its range read back) and when the console expects it to be
    # called are one and the same forecast: 10th, 50th and 90th percentile alike.
    from tests.test_estimate_history import day_at, serve

    day_at(clock, dt.date(2026, 11, 30))
    open_counter(ctx, OFFICER, 1)
    for minutes in (3, 5, 7, 9, 11):
        serve(ctx, clock, 1, minutes, walk=0)
    day_at(clock, dt.date(2026, 12, 1))
    for number in (1, 2):
        open_counter(ctx, OFFICER, number)
    tickets = [issue_ticket(ctx, KIOSK, "baru", "walk_in") for _ in range(8)]
    clock.advance(minutes=3)  # past the two minutes a ticket keeps its issued range
    calls = expected_calls(ctx)
    spreads = []
    for t in tickets:
        with ctx.db.read() as session:
            shows = ticket_estimate(session, ctx, t.id, clock.now())
        assert shows is not None
        call = calls[t.id]
        expected = [minutes_until(ctx, when) for when in (call.low, call.median, call.high)]
        assert [round(v, 6) for v in (shows.low, shows.median, shows.high)] == expected
        spreads.append(shows.high - shows.low)
    # Past the first two, the draws make a range: the percentiles are not all one value.
    assert all(s > 0 for s in spreads[2:])


def test_an_applicant_of_a_service_no_longer_offered_holds_the_counter_five_minutes(
    ctx: QueueContext, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Counter 4 has called an information applicant and counter 3 a new passport; then
    # the office's settings change: no more information service, and no counter 3.
    taught(monkeypatch, {})
    for number in (3, 4):
        open_counter(ctx, OFFICER, number)
    issue_ticket(ctx, KIOSK, "info", "walk_in")
    issue_ticket(ctx, KIOSK, "baru", "walk_in")
    asking = call_next(ctx, OFFICER, 4)
    call_next(ctx, OFFICER, 3)
    data = ctx.settings.model_dump()
    data["services"] = [s for s in data["services"] if s["code"] != "info"]
    data["counters"] = [c for c in data["counters"] if c["number"] != 3]
    for counter in data["counters"]:
        counter["services"] = [code for code in counter["services"] if code != "info"]
    changed = open_queue(type(ctx.settings).model_validate(data), clock=clock)
    try:
        # Its service has no measured or configured time: 5 minutes are assumed, and the
        # new passport at a counter no longer configured holds nobody up.
        assert shown(new_ticket(changed, "ambil", Channel.WALK_IN)) == (0, 5, 5, 5)
        start_service(ctx, OFFICER, 4, asking.id)
        clock.advance(minutes=2)
        assert shown(new_ticket(changed, "ambil", Channel.WALK_IN)) == (0, 3, 3, 3)
        clock.advance(minutes=4)  # past the 5 minutes: within a minute
        assert shown(new_ticket(changed, "ambil", Channel.WALK_IN)) == (0, 1, 1, 1)
    finally:
        changed.db.dispose()


def test_a_booking_checked_in_early_is_estimated_from_its_session_when_held_to_it(
    ctx: QueueContext, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The office holds bookings to their session: one for the 10:00 session checked in at
    # 09:00 is called at 10:00 at the earliest, though counter 1 is free now.
    taught(monkeypatch, {"baru": 6})
    open_counter(ctx, OFFICER, 1)
    held = held_to_sessions(ctx)
    slot = dt.datetime(2026, 12, 1, 10, 0, tzinfo=JAKARTA)
    with ctx.db.read() as session:
        baru = ctx.settings.service("baru")
        now = clock.now()
        assert estimate.estimate_for_new_ticket(session, held, baru, Channel.BOOKING, now) == (
            0,
            0,
        )
        assert estimate.estimate_for_new_ticket(
            session, held, baru, Channel.BOOKING, now, slot
        ) == (0, 60)
