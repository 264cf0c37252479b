"""What the display reads from the queue (db/read/calling_display.py): plain queries, no Qt."""

from __future__ import annotations

import pytest

from config.settings import Settings
from db.clock import FixedClock
from db.context import QueueContext
from db.migrate import open_queue
from db.models import CounterState
from db.ops.calling import call_next, complete, no_show, recall, transfer
from db.ops.counters import open_counter, pause_counter
from db.ops.issuing import issue_ticket
from db.read.calling_display import (
    DisplayScope,
    calls_since,
    first_update,
    serving_now,
    updates_since,
)
from tests.conftest import KIOSK, OFFICER, SUPERVISOR, make_settings


def test_scope_defaults_and_subsets(settings: Settings, db_url: str) -> None:
    everything = DisplayScope.of(settings)
    assert everything.counters == (1, 2, 3, 4, 5)
    assert everything.services == ("baru", "ganti", "ambil", "info")
    # Counter 4 serves pick-up and information only: the waiting counts follow.
    assert DisplayScope.of(settings, [4]) == DisplayScope((4,), ("ambil", "info"))
    configured = make_settings(db_url, display={"counters": [1, 2], "services": ["baru"]})
    assert DisplayScope.of(configured) == DisplayScope((1, 2), ("baru",))
    assert DisplayScope.of(configured, [3]).counters == (3,)  # --counters wins
    with pytest.raises(ValueError, match="no counter 9"):
        DisplayScope.of(settings, [9])


def test_new_events_since_the_last_seen(ctx: QueueContext) -> None:
    scope = DisplayScope.of(ctx.settings)
    for _ in range(3):
        issue_ticket(ctx, KIOSK, "baru", "walk_in")
    start = first_update(ctx, scope, recent=6)
    assert start.calls == ()
    first = call_next(ctx, OFFICER, 1)
    second = call_next(ctx, OFFICER, 2)
    recall(ctx, OFFICER, 1, first.id)
    update = updates_since(ctx, start.last_event_id, scope)
    assert [(c.number, c.counter, c.counter_name, c.kind) for c in update.calls] == [
        (first.number, 1, "Loket 1", "called"),
        (second.number, 2, "Loket 2", "called"),
        (first.number, 1, "Loket 1", "recalled"),
    ]
    assert all(c.announced for c in update.calls)
    assert update.last_event_id == update.calls[-1].event_id
    # Nothing new: nothing returned, the id stays.
    again = updates_since(ctx, update.last_event_id, scope)
    assert again.calls == () and again.last_event_id == update.last_event_id
    serving = {c.number: c.serving for c in again.counters}
    assert serving == {1: first.number, 2: second.number, 3: None, 4: None, 5: None}
    # Called, not yet served: the counter shows it as called, not as serving.
    assert {c.number: c.ticket_status for c in again.counters}[1] == "called"
    assert {w.service: w.waiting for w in again.waiting}["baru"] == 1


def test_no_show_and_transfer_come_as_states_of_the_call(ctx: QueueContext) -> None:
    scope = DisplayScope.of(ctx.settings, [1])
    issue_ticket(ctx, KIOSK, "baru", "walk_in")
    issue_ticket(ctx, KIOSK, "baru", "walk_in")
    after = first_update(ctx, scope, 6).last_event_id
    a = call_next(ctx, OFFICER, 1)
    no_show(ctx, SUPERVISOR, 1, a.id, override_reason="left")
    b = call_next(ctx, OFFICER, 1)
    transfer(ctx, OFFICER, b.id, "ganti", keep_place=True)
    calls = calls_since(ctx, after, scope)
    assert [(c.number, c.kind, c.counter, c.announced) for c in calls] == [
        (a.number, "called", 1, True),
        (a.number, "no_show", 1, False),
        (b.number, "called", 1, True),
        (b.number, "transferred", 1, False),  # counter and service it left
    ]
    assert calls[-1].service == "baru" and calls[-1].to_service == "ganti"
    assert calls[1].became(calls[-1]).number == a.number  # a state keeps its own number


def test_a_transfer_to_a_counter_names_the_counter(ctx: QueueContext) -> None:
    scope = DisplayScope.of(ctx.settings)
    first, second = (issue_ticket(ctx, KIOSK, "baru", "walk_in") for _ in range(2))
    open_counter(ctx, OFFICER, 3)
    after = first_update(ctx, scope, 6).last_event_id
    call_next(ctx, OFFICER, 1)
    transfer(ctx, OFFICER, first.id, keep_place=True, to_counter=3)
    calls = calls_since(ctx, after, scope)
    moved = calls[-1]
    assert (moved.number, moved.kind, moved.counter, moved.announced) == (
        first.number,
        "transferred",
        1,
        False,
    )
    assert (moved.to_counter, moved.to_counter_name, moved.to_service) == (3, "Loket 3", "baru")
    # A display starting now shows the call in that state, where it went included.
    call_next(ctx, OFFICER, 2)
    start = first_update(ctx, scope, 6)
    assert [(c.number, c.kind, c.to_counter_name) for c in start.calls] == [
        (first.number, "transferred", "Loket 3"),
        (second.number, "called", ""),
    ]
    # Called at the counter it was sent to: a call like any other.
    again = call_next(ctx, OFFICER, 3)
    assert again.id == first.id
    latest = calls_since(ctx, start.last_event_id, scope)[-1]
    assert (latest.kind, latest.counter, latest.counter_name) == ("called", 3, "Loket 3")


def test_display_subset_sees_only_its_counters(ctx: QueueContext) -> None:
    issue_ticket(ctx, KIOSK, "baru", "walk_in")
    issue_ticket(ctx, KIOSK, "ambil", "walk_in")
    scope = DisplayScope.of(ctx.settings, [4])
    after = first_update(ctx, scope, 6).last_event_id
    call_next(ctx, OFFICER, 1)
    pickup = call_next(ctx, OFFICER, 4)
    assert [c.number for c in calls_since(ctx, after, scope)] == [pickup.number]
    assert [c.number for c in serving_now(ctx, scope)] == [4]
    assert [w.service for w in first_update(ctx, scope, 6).waiting] == ["ambil", "info"]


def test_a_display_starting_mid_day_shows_every_call_in_its_state(ctx: QueueContext) -> None:
    tickets = [issue_ticket(ctx, KIOSK, "baru", "walk_in") for _ in range(4)]
    call_next(ctx, OFFICER, 1)
    complete(ctx, OFFICER, 1, tickets[0].id)
    call_next(ctx, OFFICER, 1)
    no_show(ctx, SUPERVISOR, 1, tickets[1].id, override_reason="left")
    call_next(ctx, OFFICER, 2)
    recall(ctx, OFFICER, 2, tickets[2].id)
    pause_counter(ctx, OFFICER, 3)
    start = first_update(ctx, DisplayScope.of(ctx.settings), recent=6)
    # Oldest first, one per ticket, each in the state it is in now.
    assert [(c.number, c.kind, c.counter) for c in start.calls] == [
        (tickets[0].number, "completed", 1),
        (tickets[1].number, "no_show", 1),
        (tickets[2].number, "recalled", 2),
    ]
    states = {c.number: c.state for c in start.counters}
    assert states[3] == CounterState.PAUSED and states[2] == CounterState.OPEN


def test_yesterdays_calls_are_not_shown(settings: Settings, clock: FixedClock) -> None:
    ctx = open_queue(settings, clock=clock)
    try:
        issue_ticket(ctx, KIOSK, "baru", "walk_in")
        call_next(ctx, OFFICER, 1)
        clock.advance(days=1)
        start = first_update(ctx, DisplayScope.of(settings), 6)
        assert start.calls == ()
        assert all(c.serving is None for c in start.counters)
        assert updates_since(ctx, 0, DisplayScope.of(settings)).calls == ()
    finally:
        ctx.db.dispose()
