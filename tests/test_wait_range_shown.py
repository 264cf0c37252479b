"""The estimate's range as the ticket, the kiosk and the console read it
(``db/read/estimate.py``: ``ticket_estimate``, ``new_ticket_waits``, ``expected_calls``)."""

from __future__ import annotations

import datetime as dt

from config.settings import Channel
from db.clock import FixedClock
from db.context import QueueContext
from db.ops.calling import call_next
from db.ops.counters import open_counter
from db.ops.issuing import issue_ticket
from db.read.estimate import (
    WaitEstimate,
    new_ticket_waits,
    ticket_estimate,
    wait_estimate,
    wait_words,
)
from kiosk.printing import ticket_print
from printer.layout import render_ticket
from tests.conftest import KIOSK, OFFICER


def estimate_of(ctx: QueueContext, ticket_id: int) -> WaitEstimate | None:
    with ctx.db.read() as session:
        return ticket_estimate(session, ctx, ticket_id, ctx.clock.now())


def test_a_ticket_prints_the_range_it_was_issued_with(ctx: QueueContext) -> None:
    tickets = [issue_ticket(ctx, KIOSK, "baru", "walk_in") for _ in range(7)]
    seventh = tickets[-1]
    assert seventh.estimated_wait_minutes == 24
    estimate = estimate_of(ctx, seventh.id)
    assert estimate is not None
    assert (estimate.people_ahead, estimate.minutes) == (6, 24)
    assert estimate.low <= estimate.median <= estimate.high
    composed = ticket_print(ctx.settings, seventh, "id", estimate)
    assert composed.wait_text == "20-25 menit"
    assert b"20-25 menit" in render_ticket(
        composed, ctx.settings.printer.profile, ctx.settings.printer.paper_width_dots
    )
    # Without an estimate (a ticket no longer waiting) the stored minutes, as before.
    assert ticket_print(ctx.settings, seventh, "id").wait_text == "24 menit"


def test_a_later_estimate_runs_the_line_as_it_stands(ctx: QueueContext, clock: FixedClock) -> None:
    first, second = (issue_ticket(ctx, KIOSK, "baru", "walk_in") for _ in range(2))
    open_counter(ctx, OFFICER, 1)
    clock.advance(minutes=5)
    assert call_next(ctx, OFFICER, 1).id == first.id
    assert estimate_of(ctx, first.id) is None  # called: no longer waiting
    # One counter open, its applicant called just now (12 minutes of service): the
    # second is next there.
    later = estimate_of(ctx, second.id)
    assert later is not None and (later.people_ahead, later.minutes) == (0, 12)


def test_the_tiles_get_what_each_new_ticket_would_get(ctx: QueueContext) -> None:
    for _ in range(4):
        issue_ticket(ctx, KIOSK, "ganti", "walk_in")
    now = ctx.clock.now()
    wanted = [
        (ctx.settings.service(code), channel)
        for code in ("baru", "ambil")
        for channel in (Channel.WALK_IN, Channel.PRIORITY)
    ]
    with ctx.db.read() as session:
        tiles = new_ticket_waits(session, ctx, now, wanted)
        alone = {(s.code, c): wait_estimate(session, ctx, s, c, now) for s, c in wanted}
    assert tiles == alone
    walk_in = tiles[("baru", Channel.WALK_IN)]
    assert walk_in is not None and (walk_in.people_ahead, walk_in.minutes) == (4, 10)


def test_every_shown_range_is_rounded_the_same_way() -> None:
    assert wait_words(0, 3).kind == "under"
    words = wait_words(27, 38)
    assert (words.kind, words.low, words.high) == ("minutes", 25, 40)
    words = wait_words(75, 105)
    assert (words.kind, words.low) == ("hours", 1.5)


def test_expected_call_times_in_the_console(ctx: QueueContext, clock: FixedClock) -> None:
    from admin_console.queue_panel import expected_text
    from db.read.estimate import expected_calls

    tickets = [issue_ticket(ctx, KIOSK, "baru", "walk_in") for _ in range(4)]
    calls = expected_calls(ctx)
    # 09:00, three counters configured: three at once, the fourth at 09:12.
    assert expected_text(ctx.settings, calls[tickets[0].id]) == "09:00"
    assert expected_text(ctx.settings, calls[tickets[3].id]) == "09:12"
    assert expected_text(ctx.settings, None) == "-"
    assert clock.now() == dt.datetime(2026, 12, 1, 9, 0, tzinfo=clock.now().tzinfo)


def test_bookings_not_checked_in_yet_are_expected_in_the_line(
    ctx: QueueContext, clock: FixedClock
) -> None:
    from db.ops.checkin import check_in_booking
    from db.ops.importer import import_bookings
    from db.read.estimate import Forecast
    from tests.conftest import SUPERVISOR, booking_sample

    # 09:40; the next session starts at 10:00. Twenty new-passport walk-ins: a new one is
    # called around 10:52, when a booking of 10:00 has waited long enough (x1.5) to go first.
    clock.advance(minutes=40)
    for _ in range(20):
        issue_ticket(ctx, KIOSK, "baru", "walk_in")
    baru = ctx.settings.service("baru")
    with ctx.db.read() as session:
        before = wait_estimate(session, ctx, baru, Channel.WALK_IN, clock.now())
    import_bookings(ctx, SUPERVISOR, booking_sample("antrean_JKS_20261201.csv"))
    with ctx.db.read() as session:
        forecast = Forecast(session, ctx, clock.now())
        after = forecast.new_ticket(baru, Channel.WALK_IN)
    assert before is not None and after is not None
    # Nobody more waits now, but bookings whose session starts while the walk-in waits
    # will be called before it.
    assert after.people_ahead == before.people_ahead == 20
    assert after.median > before.median
    expected = forecast.expected
    assert expected and all(w.slot_start and w.slot_start > clock.now() for w in expected)
    # A booking checked in is in the line, no longer expected.
    code = "MP261201JKS00002"  # session 10.00 - 12.00
    check_in_booking(ctx, KIOSK, code)
    with ctx.db.read() as session:
        assert len(Forecast(session, ctx, clock.now()).expected) == len(expected) - 1
