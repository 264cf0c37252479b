"""A ticket's life after issue, rule by rule (db/ops/calling.py): when "not present" may be
decided, what each step records, and the exact refusals an officer reads."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select

from config.settings import Calling
from db.clock import FixedClock
from db.context import QueueContext
from db.errors import (
    CounterBusy,
    IllegalTransition,
    NobodyWaiting,
    ReasonRequired,
    UnknownTicket,
)
from db.models import AuditRecord, Ticket, TicketEvent, TicketStatus
from db.ops.calling import (
    call_next,
    call_ticket,
    cancel,
    complete,
    current_ticket,
    no_show,
    no_show_too_early,
    no_show_wait,
    recall,
    requeue,
    start_service,
    transfer,
)
from db.ops.issuing import issue_ticket
from tests.conftest import KIOSK, MORNING, OFFICER, SUPERVISOR

CALLED = MORNING


@pytest.mark.parametrize(
    ("seconds", "recalls", "after", "made", "expected"),
    [
        (120, 1, 0, 0, (120, 1)),
        (120, 1, 17, 0, (103, 1)),
        (120, 1, 119.2, 1, (1, 0)),  # a part of a second still counts as one
        (120, 1, 120, 1, (0, 0)),
        (120, 1, 300, 3, (0, 0)),  # never below zero
        (0, 2, 0, 1, (0, 1)),  # no minimum time: recalls only
        (60, 0, 10, 0, (50, 0)),  # no recalls needed
    ],
)
def test_when_not_present_may_be_decided(
    seconds: int, recalls: int, after: float, made: int, expected: tuple[int, int]
) -> None:
    rules = Calling(no_show_min_seconds=seconds, no_show_min_recalls=recalls)
    now = CALLED + dt.timedelta(seconds=after)
    assert no_show_wait(rules, CALLED, made, now) == expected


def test_a_ticket_without_a_call_time_waits_only_for_recalls() -> None:
    rules = Calling(no_show_min_seconds=120, no_show_min_recalls=1)
    assert no_show_wait(rules, None, 0, CALLED) == (0, 1)


@pytest.mark.parametrize(
    ("seconds", "recalls", "text"),
    [
        (103, 1, "1:43 more and 1 more recall"),
        (103, 2, "1:43 more and 2 more recalls"),
        (5, 0, "0:05 more"),
        (0, 1, "1 more recall"),
        (0, 2, "2 more recalls"),
    ],
)
def test_how_long_before_not_present_in_words(seconds: int, recalls: int, text: str) -> None:
    refused = no_show_too_early("A-001", seconds, recalls)
    assert refused.message == (
        f"A-001 can be marked as no-show after {text}, or by a supervisor with a reason."
    )
    assert refused.params["number"] == "A-001"


def details(ctx: QueueContext, ticket_id: int, kind: str) -> dict[str, object]:
    with ctx.db.read() as s:
        event = s.scalars(
            select(TicketEvent)
            .where(TicketEvent.ticket_id == ticket_id, TicketEvent.kind == kind)
            .order_by(TicketEvent.id.desc())
        ).first()
    assert event is not None
    return json.loads(event.detail) if event.detail else {}


def audited(ctx: QueueContext, action: str) -> list[tuple[str, str, dict[str, object]]]:
    with ctx.db.read() as s:
        rows = s.scalars(select(AuditRecord).where(AuditRecord.action == action))
        return [(r.actor, r.target, json.loads(r.detail)) for r in rows]


def test_nobody_waiting_and_a_busy_counter_are_told_plainly(
    ctx: QueueContext, clock: FixedClock
) -> None:
    with pytest.raises(NobodyWaiting, match=r"^Nobody is waiting for counter 1\.$"):
        call_next(ctx, OFFICER, 1)
    issue_ticket(ctx, KIOSK, "baru", "walk_in")
    issue_ticket(ctx, KIOSK, "baru", "walk_in")
    first = call_next(ctx, OFFICER, 1)
    assert current_ticket(ctx, 1) is not None and current_ticket(ctx, 2) is None
    with pytest.raises(CounterBusy, match=r"^A-001 is still called at counter 1: complete it"):
        call_next(ctx, OFFICER, 1)
    with pytest.raises(CounterBusy, match=r"^A-001 is still called at counter 1\.$"):
        call_ticket(ctx, OFFICER, 1, "A-002", "urgent")
    assert audited(ctx, "call") == [("budi", "A-001", {"counter": 1})]
    assert first.number == "A-001"


def test_calling_out_of_order_records_why(ctx: QueueContext) -> None:
    issue_ticket(ctx, KIOSK, "baru", "walk_in")
    second = issue_ticket(ctx, KIOSK, "baru", "walk_in")
    with pytest.raises(ReasonRequired, match=r"^Calling out of order needs a reason\.$"):
        call_ticket(ctx, OFFICER, 1, second.id, "  ")
    with pytest.raises(UnknownTicket, match=r"^No ticket A-404 today\.$"):
        call_ticket(ctx, OFFICER, 1, "A-404", "lost")
    called = call_ticket(ctx, OFFICER, 1, " a-002 ", "  wheelchair user  ")
    assert (called.id, called.status, called.counter) == (second.id, TicketStatus.CALLED, 1)
    assert called.called_at == MORNING
    assert details(ctx, second.id, "called") == {"out_of_order": "wheelchair user"}
    assert audited(ctx, "call") == [
        ("budi", "A-002", {"counter": 1, "out_of_order": "wheelchair user"})
    ]


def test_a_ticket_at_no_counter_is_said_to_be_at_no_counter(ctx: QueueContext) -> None:
    waiting = issue_ticket(ctx, KIOSK, "baru", "walk_in")
    transfer(ctx, OFFICER, waiting.id, "ganti", keep_place=True)
    with pytest.raises(IllegalTransition, match=r"^Cannot recall A-001: it is waiting\.$"):
        recall(ctx, OFFICER, 1, waiting.id)
    with pytest.raises(IllegalTransition, match=r"already in the Passport Replacement line"):
        transfer(ctx, OFFICER, waiting.id, "ganti", keep_place=True)


def test_each_step_records_what_it_changed(ctx: QueueContext, clock: FixedClock) -> None:
    ticket = issue_ticket(ctx, KIOSK, "baru", "walk_in")
    call_next(ctx, OFFICER, 1)
    clock.advance(minutes=1)
    assert recall(ctx, OFFICER, 1, ticket.id).recall_count == 1
    assert recall(ctx, OFFICER, 1, ticket.id).recall_count == 2
    assert details(ctx, ticket.id, "recalled") == {"recall": 2}
    clock.advance(minutes=1)
    # Completed straight from "called": service counted from the completion.
    done = complete(ctx, OFFICER, 1, ticket.id)
    assert (done.status, done.serving_at, done.done_at) == (
        TicketStatus.DONE,
        MORNING + dt.timedelta(minutes=2),
        MORNING + dt.timedelta(minutes=2),
    )
    assert details(ctx, ticket.id, "completed") == {}


def test_started_service_keeps_its_start_when_completed(
    ctx: QueueContext, clock: FixedClock
) -> None:
    ticket = issue_ticket(ctx, KIOSK, "baru", "walk_in")
    call_next(ctx, OFFICER, 1)
    started = start_service(ctx, OFFICER, 1, ticket.id)
    assert (started.status, started.serving_at) == (TicketStatus.SERVING, MORNING)
    clock.advance(minutes=7)
    done = complete(ctx, OFFICER, 1, ticket.id)
    assert (done.serving_at, done.done_at) == (MORNING, MORNING + dt.timedelta(minutes=7))


def test_not_present_put_back_records_where_it_went(ctx: QueueContext, clock: FixedClock) -> None:
    ticket = issue_ticket(ctx, KIOSK, "baru", "walk_in")
    call_next(ctx, OFFICER, 2)
    clock.advance(minutes=3)
    recall(ctx, OFFICER, 2, ticket.id)
    gone = no_show(ctx, OFFICER, 2, ticket.id)
    assert gone.status == TicketStatus.NO_SHOW
    assert details(ctx, ticket.id, "no_show") == {}
    kept = requeue(ctx, OFFICER, ticket.id)
    assert (kept.counter, kept.called_at, kept.queued_at) == (None, None, MORNING)
    assert details(ctx, ticket.id, "requeued") == {"from_counter": 2, "place": "kept"}
    call_next(ctx, OFFICER, 3)
    clock.advance(minutes=3)
    recall(ctx, OFFICER, 3, ticket.id)
    no_show(ctx, OFFICER, 3, ticket.id)
    back = requeue(ctx, OFFICER, ticket.id, to_back=True)
    assert back.queued_at == MORNING + dt.timedelta(minutes=6)
    assert details(ctx, ticket.id, "requeued") == {"from_counter": 3, "place": "back"}


def test_a_transfer_records_from_where_and_with_what_note(
    ctx: QueueContext, clock: FixedClock
) -> None:
    ticket = issue_ticket(ctx, KIOSK, "baru", "walk_in")
    call_next(ctx, OFFICER, 1)
    start_service(ctx, OFFICER, 1, ticket.id)
    clock.advance(minutes=4)
    moved = transfer(ctx, OFFICER, ticket.id, "ambil", keep_place=False, note="  has one  ")
    assert (moved.status, moved.counter, moved.called_at, moved.serving_at) == (
        TicketStatus.WAITING,
        None,
        None,
        None,
    )
    assert moved.queued_at == MORNING + dt.timedelta(minutes=4)
    assert details(ctx, ticket.id, "transferred") == {
        "from_counter": 1,
        "from_service": "baru",
        "keep_place": False,
        "note": "has one",
        "to_service": "ambil",
    }


def test_a_cancellation_needs_and_keeps_its_reason(ctx: QueueContext, clock: FixedClock) -> None:
    ticket = issue_ticket(ctx, KIOSK, "baru", "walk_in")
    with pytest.raises(ReasonRequired, match=r"^Cancelling a ticket needs a reason\.$"):
        cancel(ctx, SUPERVISOR, ticket.id, " ")
    clock.advance(minutes=2)
    cancelled = cancel(ctx, SUPERVISOR, ticket.id, "  duplicate  ")
    assert cancelled.status == TicketStatus.CANCELLED
    with ctx.db.read() as s:
        row = s.get(Ticket, ticket.id)
        assert row is not None and row.cancelled_at == MORNING + dt.timedelta(minutes=2)
    assert details(ctx, ticket.id, "cancelled") == {"reason": "duplicate"}
    assert audited(ctx, "cancel") == [("sari", "A-001", {"reason": "duplicate"})]
    with pytest.raises(IllegalTransition, match=r"^Cannot cancel A-001: it is cancelled\.$"):
        cancel(ctx, SUPERVISOR, ticket.id, "again")


def test_a_not_present_ticket_may_be_cancelled_but_not_transferred(
    ctx: QueueContext, clock: FixedClock
) -> None:
    ticket = issue_ticket(ctx, KIOSK, "baru", "walk_in")
    call_next(ctx, OFFICER, 1)
    clock.advance(minutes=3)
    recall(ctx, OFFICER, 1, ticket.id)
    no_show(ctx, OFFICER, 1, ticket.id)
    with pytest.raises(IllegalTransition, match=r"^Cannot transfer A-001: it is no-show\.$"):
        transfer(ctx, OFFICER, ticket.id, "ambil", keep_place=True)
    assert cancel(ctx, SUPERVISOR, ticket.id, "left").status == TicketStatus.CANCELLED
