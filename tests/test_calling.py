from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from db.clock import FixedClock
from db.context import PERMISSIONS, Actor, QueueContext, require
from db.errors import (
    ChannelNotAccepted,
    CounterBusy,
    CounterNotOpen,
    IllegalTransition,
    NobodyWaiting,
    NotAllowed,
    NotToday,
    UnknownCounter,
    WrongCounter,
)
from db.models import Role, Ticket, TicketEvent, TicketStatus
from db.ops.calling import (
    NoShowTooEarly,
    call_next,
    call_ticket,
    cancel,
    complete,
    current_ticket,
    no_show,
    recall,
    requeue,
    start_service,
    transfer,
)
from db.ops.counters import close_counter, open_counter, pause_counter
from db.ops.issuing import issue_ticket
from tests.conftest import KIOSK, OFFICER, SUPERVISOR

pytestmark = pytest.mark.both_databases


def walk_ins(ctx: QueueContext, clock: FixedClock, n: int, service: str = "baru") -> list[int]:
    ids = []
    for _ in range(n):
        ids.append(issue_ticket(ctx, KIOSK, service, "walk_in").id)
        clock.advance(minutes=1)
    return ids


def events(ctx: QueueContext, ticket_id: int) -> list[tuple[str, str, int | None]]:
    with ctx.db.read() as s:
        rows = s.scalars(
            select(TicketEvent).where(TicketEvent.ticket_id == ticket_id).order_by(TicketEvent.id)
        )
        return [(e.kind, e.status_after, e.counter_number) for e in rows]


def test_a_ticket_life_from_issue_to_done(ctx: QueueContext, clock: FixedClock) -> None:
    [tid] = walk_ins(ctx, clock, 1)
    called = call_next(ctx, OFFICER, 2)
    assert (called.id, called.status, called.counter) == (tid, TicketStatus.CALLED, 2)
    assert recall(ctx, OFFICER, 2, tid).recall_count == 1
    assert recall(ctx, OFFICER, 2, tid).recall_count == 2
    assert start_service(ctx, OFFICER, 2, tid).status == TicketStatus.SERVING
    clock.advance(minutes=7)
    done = complete(ctx, OFFICER, 2, tid)
    assert done.status == TicketStatus.DONE
    assert done.done_at - done.serving_at == dt.timedelta(minutes=7)
    assert events(ctx, tid) == [
        ("issued", "waiting", None),
        ("called", "called", 2),
        ("recalled", "called", 2),
        ("recalled", "called", 2),
        ("started", "serving", 2),
        ("completed", "done", 2),
    ]
    assert current_ticket(ctx, 2) is None


def test_call_next_follows_fifo_within_a_channel(ctx: QueueContext, clock: FixedClock) -> None:
    ids = walk_ins(ctx, clock, 3)
    got = []
    for _ in ids:
        t = call_next(ctx, OFFICER, 1)
        complete(ctx, OFFICER, 1, t.id)
        got.append(t.id)
    assert got == ids
    with pytest.raises(NobodyWaiting):
        call_next(ctx, OFFICER, 1)


def test_counter_calls_only_its_services_and_channels(ctx: QueueContext, clock: FixedClock) -> None:
    walk_ins(ctx, clock, 2, service="ambil")
    walk_ins(ctx, clock, 1, service="baru")
    # Counter 5 serves everything but only priority and VIP: no walk-in for it.
    with pytest.raises(NobodyWaiting):
        call_next(ctx, OFFICER, 5)
    # Counter 1 serves baru/ganti only.
    assert call_next(ctx, OFFICER, 1).service == "baru"
    assert call_next(ctx, OFFICER, 4).service == "ambil"


def test_priority_goes_first_under_the_default_policy(ctx: QueueContext, clock: FixedClock) -> None:
    walk_ins(ctx, clock, 3)
    elderly = issue_ticket(ctx, KIOSK, "baru", "priority", reason="elderly")
    clock.advance(minutes=2)
    assert call_next(ctx, OFFICER, 1).id == elderly.id


def test_counter_must_finish_before_calling_again(ctx: QueueContext, clock: FixedClock) -> None:
    walk_ins(ctx, clock, 2)
    first = call_next(ctx, OFFICER, 1)
    with pytest.raises(CounterBusy, match=first.number):
        call_next(ctx, OFFICER, 1)
    with pytest.raises(CounterBusy):
        close_counter(ctx, OFFICER, 1)
    clock.advance(minutes=2)
    recall(ctx, OFFICER, 1, first.id)
    no_show(ctx, OFFICER, 1, first.id)
    assert call_next(ctx, OFFICER, 1).id != first.id


def test_paused_counter_does_not_call(ctx: QueueContext, clock: FixedClock) -> None:
    walk_ins(ctx, clock, 1)
    pause_counter(ctx, OFFICER, 1)
    with pytest.raises(CounterNotOpen, match="paused"):
        call_next(ctx, OFFICER, 1)
    open_counter(ctx, OFFICER, 1)
    assert call_next(ctx, OFFICER, 1).counter == 1


def test_unknown_counter(ctx: QueueContext) -> None:
    with pytest.raises(UnknownCounter, match="no counter 42"):
        call_next(ctx, OFFICER, 42)


@pytest.mark.parametrize(
    ("operation", "status_needed"),
    [("recall", "called"), ("start", "called"), ("no_show", "called"), ("complete", "done")],
)
def test_illegal_transitions_are_typed_errors(
    ctx: QueueContext, clock: FixedClock, operation: str, status_needed: str
) -> None:
    [tid] = walk_ins(ctx, clock, 1)
    t = call_next(ctx, OFFICER, 1)
    complete(ctx, OFFICER, 1, t.id)
    action = {
        "recall": lambda: recall(ctx, OFFICER, 1, tid),
        "start": lambda: start_service(ctx, OFFICER, 1, tid),
        "no_show": lambda: no_show(ctx, OFFICER, 1, tid),
        "complete": lambda: complete(ctx, OFFICER, 1, tid),
    }[operation]
    with pytest.raises(IllegalTransition, match="it is done"):
        action()
    with pytest.raises(IllegalTransition, match="it is done"):
        call_ticket(ctx, OFFICER, 1, tid, "applicant came back")


def test_another_counters_ticket_cannot_be_completed(ctx: QueueContext, clock: FixedClock) -> None:
    walk_ins(ctx, clock, 1)
    t = call_next(ctx, OFFICER, 1)
    with pytest.raises(WrongCounter, match="counter 1, not at counter 2"):
        complete(ctx, OFFICER, 2, t.id)
    with pytest.raises(WrongCounter):
        recall(ctx, OFFICER, 3, t.id)


def test_call_a_specific_ticket_out_of_order(ctx: QueueContext, clock: FixedClock) -> None:
    ids = walk_ins(ctx, clock, 3)
    t = call_ticket(ctx, OFFICER, 1, "A-003", "wheelchair user, missed priority")
    assert t.id == ids[2]
    with pytest.raises(WrongCounter):
        call_ticket(ctx, OFFICER, 4, "A-001", "x")


def test_no_show_only_after_the_minimum_or_by_a_supervisor(
    ctx: QueueContext, clock: FixedClock
) -> None:
    walk_ins(ctx, clock, 2)
    first = call_next(ctx, OFFICER, 1)
    clock.advance(seconds=17)
    with pytest.raises(NoShowTooEarly, match=r"after 1:43 more and 1 more recall"):
        no_show(ctx, OFFICER, 1, first.id)
    recall(ctx, OFFICER, 1, first.id)
    with pytest.raises(NoShowTooEarly, match=r"after 1:43 more,"):
        no_show(ctx, OFFICER, 1, first.id)
    with pytest.raises(NotAllowed, match="Only a supervisor"):
        no_show(ctx, OFFICER, 1, first.id, override_reason="left the building")
    clock.advance(seconds=103)
    assert no_show(ctx, OFFICER, 1, first.id).status == TicketStatus.NO_SHOW
    # A supervisor at a counter may decide earlier, with a reason in the audit log.
    second = call_next(ctx, SUPERVISOR, 2)
    assert no_show(ctx, SUPERVISOR, 2, second.id, override_reason="seen leaving").status == (
        TicketStatus.NO_SHOW
    )
    with ctx.db.read() as session:
        event = session.scalars(
            select(TicketEvent)
            .where(TicketEvent.ticket_id == second.id)
            .order_by(TicketEvent.id.desc())
        ).first()
        assert event is not None and '"override": "seen leaving"' in (event.detail or "")


def no_show_now(ctx: QueueContext, clock: FixedClock, counter: int, ticket_id: int) -> None:
    clock.advance(minutes=2)
    recall(ctx, OFFICER, counter, ticket_id)
    no_show(ctx, OFFICER, counter, ticket_id)


def test_no_show_put_back_keeps_its_place(ctx: QueueContext, clock: FixedClock) -> None:
    ids = walk_ins(ctx, clock, 3)
    first = call_next(ctx, OFFICER, 1)
    no_show_now(ctx, clock, 1, first.id)
    clock.advance(minutes=1)
    back = requeue(ctx, OFFICER, first.id)
    assert back.status == TicketStatus.WAITING and back.counter is None
    assert back.queued_at == back.issued_at  # the issue time still counts
    order = []
    for _ in range(3):
        t = call_next(ctx, OFFICER, 1)
        complete(ctx, OFFICER, 1, t.id)
        order.append(t.id)
    assert order == [ids[0], ids[1], ids[2]]


def test_no_show_put_back_to_the_back(ctx: QueueContext, clock: FixedClock) -> None:
    ids = walk_ins(ctx, clock, 3)
    first = call_next(ctx, OFFICER, 1)
    no_show_now(ctx, clock, 1, first.id)
    clock.advance(minutes=1)
    requeue(ctx, OFFICER, first.id, to_back=True)
    order = []
    for _ in range(3):
        t = call_next(ctx, OFFICER, 1)
        complete(ctx, OFFICER, 1, t.id)
        order.append(t.id)
    assert order == [ids[1], ids[2], ids[0]]


def test_transfer_keeping_place_or_to_the_back(ctx: QueueContext, clock: FixedClock) -> None:
    early = walk_ins(ctx, clock, 1, service="baru")[0]
    ambil = walk_ins(ctx, clock, 2, service="ambil")
    late = walk_ins(ctx, clock, 1, service="baru")[0]
    t = call_next(ctx, OFFICER, 1)
    assert t.id == early
    moved = transfer(ctx, OFFICER, early, "ambil", keep_place=True, note="already has passport")
    assert (moved.service, moved.status, moved.number) == ("ambil", TicketStatus.WAITING, "A-001")
    # Kept its place: it came before both pick-up applicants.
    assert call_next(ctx, OFFICER, 4).id == early
    complete(ctx, OFFICER, 4, early)
    t = call_next(ctx, OFFICER, 1)
    assert t.id == late
    transfer(ctx, OFFICER, late, "ambil", keep_place=False)
    order = []
    for _ in range(3):
        c = call_next(ctx, OFFICER, 4)
        complete(ctx, OFFICER, 4, c.id)
        order.append(c.id)
    assert order == [*ambil, late]
    with pytest.raises(ChannelNotAccepted):
        vip = issue_ticket(ctx, KIOSK, "baru", "vip")
        transfer(ctx, OFFICER, vip.id, "ambil", keep_place=True)


def test_cancel_needs_a_supervisor(ctx: QueueContext, clock: FixedClock) -> None:
    [tid] = walk_ins(ctx, clock, 1)
    with pytest.raises(NotAllowed, match="a supervisor"):
        cancel(ctx, OFFICER, tid, "duplicate")
    assert cancel(ctx, SUPERVISOR, tid, "duplicate").status == TicketStatus.CANCELLED
    with pytest.raises(NobodyWaiting):
        call_next(ctx, OFFICER, 1)


def test_yesterdays_tickets_cannot_be_called_today(ctx: QueueContext, clock: FixedClock) -> None:
    [tid] = walk_ins(ctx, clock, 1)
    clock.advance(days=1)
    with pytest.raises(NobodyWaiting):
        call_next(ctx, OFFICER, 1)
    with pytest.raises(NotToday):
        call_ticket(ctx, OFFICER, 1, tid, "left over")
    with ctx.db.read() as s:
        row = s.get(Ticket, tid)
        assert row is not None and row.status == TicketStatus.WAITING


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("operation", sorted(PERMISSIONS))
def test_every_operation_checks_the_role(operation: str, role: Role) -> None:
    actor = Actor("someone", role)
    expected = {
        "issue_ticket": set(Role),
        "file_complaint": set(Role),
        "submit_survey": set(Role),
        "view_feedback": {Role.SUPERVISOR, Role.ADMIN},
        "answer_complaint": {Role.SUPERVISOR, Role.ADMIN},
        "export_feedback": {Role.SUPERVISOR, Role.ADMIN},
        "view_reports": {Role.SUPERVISOR, Role.ADMIN},
        "view_audit": {Role.SUPERVISOR, Role.ADMIN},
        "view_bookings": {Role.SUPERVISOR, Role.ADMIN},
        "manage_officers": {Role.ADMIN},
        "check_in_booking": set(Role),
        "create_print_job": set(Role),
        "cancel": {Role.SUPERVISOR, Role.ADMIN},
        "set_quota": {Role.SUPERVISOR, Role.ADMIN},
        "manage_days": {Role.SUPERVISOR, Role.ADMIN},
        "reprint": {Role.SUPERVISOR, Role.ADMIN},
        "import_bookings": {Role.SUPERVISOR, Role.ADMIN},
        "add_officer": {Role.ADMIN},
        "take_print_job": {Role.KIOSK, Role.ADMIN},
        "finish_print_job": {Role.KIOSK, Role.ADMIN},
        "heartbeat": {Role.KIOSK, Role.ADMIN},
        "purge_personal_data": {Role.ADMIN},
        "unlock_logins": {Role.SUPERVISOR, Role.ADMIN},
        "record_backup": {Role.ADMIN},
    }.get(operation, {Role.OFFICER, Role.SUPERVISOR, Role.ADMIN})
    if role in expected:
        require(actor, operation)
    else:
        with pytest.raises(NotAllowed):
            require(actor, operation)


def test_kiosk_cannot_call(ctx: QueueContext, clock: FixedClock) -> None:
    walk_ins(ctx, clock, 1)
    with pytest.raises(NotAllowed):
        call_next(ctx, KIOSK, 1)
