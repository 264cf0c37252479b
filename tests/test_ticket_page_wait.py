"""The applicant's live ticket page (db/read/ticket_progress.py, web/pages.py) shows the
wait the console expects and the printed ticket words: one forecast, one wording."""

from __future__ import annotations

from sqlalchemy import select

from db.clock import FixedClock
from db.context import QueueContext
from db.models import Ticket
from db.ops.counters import open_counter
from db.ops.day_overrides import set_counter_services
from db.ops.issuing import issue_ticket
from db.read.estimate import expected_calls, ticket_estimate
from db.read.ticket_progress import today_progress
from tests.conftest import KIOSK, OFFICER, SUPERVISOR
from web.pages import ticket_state


def tokens(ctx: QueueContext) -> dict[int, str]:
    with ctx.db.read() as session:
        return {t.id: t.token for t in session.scalars(select(Ticket))}


def test_the_ticket_page_shows_the_range_the_console_expects_in_the_tickets_words(
    ctx: QueueContext, clock: FixedClock
) -> None:
    # Counter 1 alone, 12 minutes a new passport (configured): three walk-ins are called
    # now, at 12 and at 24 minutes.
    open_counter(ctx, OFFICER, 1)
    tickets = [issue_ticket(ctx, KIOSK, "baru", "walk_in") for _ in range(3)]
    clock.advance(minutes=3)
    board = today_progress(ctx)
    calls = expected_calls(ctx)
    token = tokens(ctx)
    words = []
    for ahead, t in enumerate(tickets):
        page = board[token[t.id]]
        call = calls[t.id]
        assert page.people_ahead == ahead
        assert page.wait_low == (call.low - clock.now()).total_seconds() / 60
        assert page.wait_high == (call.high - clock.now()).total_seconds() / 60
        with ctx.db.read() as session:
            printed = ticket_estimate(session, ctx, t.id, clock.now())
        assert printed is not None
        shown = ticket_state(ctx.settings, page, "id")["wait"]
        assert shown == printed.text("id")
        words.append((shown, ticket_state(ctx.settings, page, "en")["wait"]))
    assert words == [
        ("kurang dari 5 menit", "under 5 min"),
        ("10-15 menit", "10-15 min"),
        ("20-25 menit", "20-25 min"),
    ]


def test_a_ticket_no_counter_calls_today_shows_no_wait(
    ctx: QueueContext, clock: FixedClock
) -> None:
    pickup = issue_ticket(ctx, KIOSK, "ambil", "walk_in")
    for number in (4, 5):  # the pick-up counters call information only today
        set_counter_services(ctx, SUPERVISOR, clock.now().date(), number, ["info"])
    page = today_progress(ctx)[tokens(ctx)[pickup.id]]
    assert (page.people_ahead, page.wait_low, page.wait_high) == (None, None, None)
    assert ticket_state(ctx.settings, page, "en")["wait"] == "–"
