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
    ChannelNotAccepted,
    CounterBusy,
    IllegalTransition,
    NobodyWaiting,
    NotAllowed,
    NoTransferTarget,
    QuotaExhausted,
    ReasonRequired,
    UnknownTicket,
    WrongCounter,
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
from db.ops.counters import open_counter
from db.ops.issuing import issue_ticket, quotas_today, set_quota
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
        (120, 0, "2:00 more"),  # whole minutes of sixty seconds
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


def test_the_words_when_a_step_does_not_fit_the_tickets_state(ctx: QueueContext) -> None:
    issue_ticket(ctx, KIOSK, "baru", "walk_in")
    refusals = [
        (start_service, "Cannot start serving A-001: it is waiting."),
        (no_show, "Cannot mark as no-show A-001: it is waiting."),
    ]
    for step, words in refusals:
        with pytest.raises(IllegalTransition) as info:
            step(ctx, OFFICER, 1, "A-001")
        assert (info.value.message, info.value.params["number"]) == (words, "A-001")
    with pytest.raises(IllegalTransition) as back:
        requeue(ctx, OFFICER, "A-001")
    assert back.value.message == "Cannot put back in line A-001: it is waiting."
    assert back.value.params == {"number": "A-001", "status": "waiting"}
    with pytest.raises(WrongCounter) as elsewhere:
        call_ticket(ctx, OFFICER, 4, "A-001", "urgent")
    assert elsewhere.value.message == "Counter 4 does not serve A-001's service today."
    assert elsewhere.value.params == {"counter": 4, "number": "A-001"}
    call_next(ctx, OFFICER, 1)
    with pytest.raises(IllegalTransition) as again:
        call_ticket(ctx, OFFICER, 2, "A-001", "urgent")
    assert again.value.message == "Cannot call A-001: it is called."
    assert again.value.params == {"number": "A-001", "status": "called"}


def test_not_present_too_soon_names_the_ticket_and_only_a_supervisor_may_decide_it(
    ctx: QueueContext, clock: FixedClock
) -> None:
    ticket = issue_ticket(ctx, KIOSK, "baru", "walk_in")
    call_next(ctx, OFFICER, 1)
    with pytest.raises(IllegalTransition) as soon:
        no_show(ctx, OFFICER, 1, ticket.id)
    assert soon.value.message.startswith("A-001 can be marked as no-show after 2:00 more and")
    assert soon.value.params["number"] == "A-001"
    with pytest.raises(NotAllowed) as officer:
        no_show(ctx, OFFICER, 1, ticket.id, override_reason="left the building")
    assert officer.value.message == (
        "Only a supervisor may mark A-001 as no-show before 120 s and 1 recall(s)."
    )
    clock.advance(seconds=30)
    gone = no_show(ctx, SUPERVISOR, 1, ticket.id, override_reason="left the building")
    assert gone.status == TicketStatus.NO_SHOW
    with ctx.db.read() as s:
        row = s.get(Ticket, ticket.id)
        assert row is not None and row.no_show_at == MORNING + dt.timedelta(seconds=30)


def test_a_cancelled_ticket_gives_its_place_in_the_quota_back(ctx: QueueContext) -> None:
    set_quota(ctx, SUPERVISOR, "baru", "walk_in", 5, "short staffed")

    def left() -> int | None:
        [row] = [q for q in quotas_today(ctx) if (q.service, q.channel) == ("baru", "walk_in")]
        return row.remaining

    first = issue_ticket(ctx, KIOSK, "baru", "walk_in")
    issue_ticket(ctx, KIOSK, "baru", "walk_in")
    assert left() == 3
    cancel(ctx, SUPERVISOR, first.id, "duplicate")
    assert left() == 4


def test_the_words_when_a_transfer_has_no_target_or_one_that_cannot_take_it(
    ctx: QueueContext,
) -> None:
    ticket = issue_ticket(ctx, KIOSK, "baru", "walk_in")
    with pytest.raises(NoTransferTarget) as both:
        transfer(ctx, OFFICER, ticket.id, keep_place=True, to_counter=1, to_officer="budi")
    assert both.value.message == "Transfer to a counter or to an officer, not to both."
    with pytest.raises(NoTransferTarget) as nowhere:
        transfer(ctx, OFFICER, ticket.id, keep_place=True)
    assert nowhere.value.message == (
        "Say where the ticket goes: a service, a counter or an officer."
    )
    with pytest.raises(IllegalTransition) as same:
        transfer(ctx, OFFICER, ticket.id, "baru", keep_place=True)
    assert same.value.message == "A-001 is already in the New Passport line."
    assert same.value.params == {
        "number": "A-001",
        "service": "New Passport",
        "service_id": "Paspor Baru",
    }
    # A service line to a counter of it is not "already in the line".
    open_counter(ctx, OFFICER, 2)
    moved = transfer(ctx, OFFICER, ticket.id, "baru", keep_place=True, to_counter=2)
    assert moved.status == TicketStatus.WAITING
    open_counter(ctx, SUPERVISOR, 5)
    with pytest.raises(ChannelNotAccepted) as channel:
        transfer(ctx, OFFICER, ticket.id, keep_place=True, to_counter=5)
    assert channel.value.message == ("Loket Prioritas (counter 5) does not take walk-in tickets.")
    assert channel.value.params == {
        "counter_name": "Loket Prioritas",
        "counter": 5,
        "channel": "walk-in",
    }


def test_a_transfer_to_another_service_moves_its_place_in_the_quotas(ctx: QueueContext) -> None:
    set_quota(ctx, SUPERVISOR, "ganti", "walk_in", 1, "one left")
    ticket = issue_ticket(ctx, KIOSK, "baru", "walk_in")
    transfer(ctx, OFFICER, ticket.id, "ganti", keep_place=True)
    # The replacement line's only walk-in place is the transferred ticket's now.
    with pytest.raises(QuotaExhausted):
        issue_ticket(ctx, KIOSK, "ganti", "walk_in")
