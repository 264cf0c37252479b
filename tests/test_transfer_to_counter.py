"""A ticket transferred to one counter, or to the counter of a named officer: only that
counter calls it (in its place in line), the other counters, the console's line and the
estimate leave it out, and the refusals say why (db/ops/calling.py ``transfer``)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select

from config.settings import Channel
from db.clock import FixedClock
from db.context import QueueContext
from db.errors import (
    ChannelNotAccepted,
    CounterNotOpen,
    IllegalTransition,
    NobodyWaiting,
    NotAllowed,
    NoTransferTarget,
    OfficerNotAtCounter,
    UnknownCounter,
    WrongCounter,
)
from db.models import AuditRecord, QuotaCounter, Ticket, TicketEvent, TicketStatus
from db.ops.calling import (
    call_next,
    call_ticket,
    complete,
    start_service,
    transfer,
)
from db.ops.counters import close_counter, open_counter, pause_counter
from db.ops.issuing import issue_ticket
from db.ops.officers import OfficerView, UnknownOfficer, add_officer, set_active
from db.read.dashboard import counter_line, counters_on_duty
from db.read.estimate import expected_calls
from db.read.ticket_progress import today_progress
from tests.conftest import ADMIN, KIOSK, MORNING, OFFICER, SUPERVISOR

pytestmark = pytest.mark.both_databases

PASSWORD = "rahasia-123"


def walk_ins(ctx: QueueContext, clock: FixedClock, n: int, service: str = "baru") -> list[int]:
    ids = []
    for _ in range(n):
        ids.append(issue_ticket(ctx, KIOSK, service, "walk_in").id)
        clock.advance(minutes=1)
    return ids


def detail(ctx: QueueContext, ticket_id: int) -> dict[str, object]:
    """The detail of the ticket's latest transfer event."""
    with ctx.db.read() as s:
        text = s.scalars(
            select(TicketEvent.detail)
            .where(TicketEvent.ticket_id == ticket_id, TicketEvent.kind == "transferred")
            .order_by(TicketEvent.id.desc())
        ).first()
    assert text is not None
    return dict(json.loads(text))


def sent_to(ctx: QueueContext, ticket_id: int) -> int | None:
    with ctx.db.read() as s:
        row = s.get(Ticket, ticket_id)
        assert row is not None
        return row.directed_counter


@pytest.fixture
def people(ctx: QueueContext) -> dict[str, OfficerView]:
    return {
        "budi": add_officer(ctx, ADMIN, "budi", "officer", PASSWORD, "Budi Santoso"),
        "andi": add_officer(ctx, ADMIN, "andi", "officer", PASSWORD, "Andi Wijaya"),
    }


def test_a_ticket_sent_to_a_counter_is_called_only_there_in_its_place(
    ctx: QueueContext, clock: FixedClock
) -> None:
    first, second, third = walk_ins(ctx, clock, 3)
    open_counter(ctx, OFFICER, 3)
    assert call_next(ctx, OFFICER, 1).id == first
    moved = transfer(ctx, OFFICER, first, keep_place=True, to_counter=3, note="needs Pak Budi")
    assert (moved.status, moved.service, moved.counter, moved.sent_to) == (
        TicketStatus.WAITING,
        "baru",
        None,
        3,
    )
    # Counters 1 and 2 serve the same service but leave it out, although it is first in line.
    assert [e.ticket_id for e in counter_line(ctx, 2)] == [second, third]
    line3 = counter_line(ctx, 3)
    assert [(e.ticket_id, e.sent_here) for e in line3] == [
        (first, True),
        (second, False),
        (third, False),
    ]
    with pytest.raises(WrongCounter, match=r"^A-001 was sent to counter 3: only that counter"):
        call_ticket(ctx, OFFICER, 2, first, "asked for it")
    assert call_next(ctx, OFFICER, 2).id == second
    complete(ctx, OFFICER, 2, second)
    # Its counter calls it first: it kept its place (issued before the others).
    called = call_next(ctx, OFFICER, 3)
    assert (called.id, called.counter, called.sent_to) == (first, 3, None)
    assert sent_to(ctx, first) is None  # called: no longer waiting for one counter
    assert call_next(ctx, OFFICER, 2).id == third


def test_to_the_back_of_the_counters_line(ctx: QueueContext, clock: FixedClock) -> None:
    first, second, third = walk_ins(ctx, clock, 3)
    open_counter(ctx, OFFICER, 3)
    call_next(ctx, OFFICER, 1)
    clock.advance(minutes=2)
    moved = transfer(ctx, OFFICER, first, keep_place=False, to_counter=3)
    assert moved.queued_at == MORNING + dt.timedelta(minutes=5)
    assert detail(ctx, first)["keep_place"] is False
    order = []
    for _ in range(3):
        c = call_next(ctx, OFFICER, 3)
        complete(ctx, OFFICER, 3, c.id)
        order.append(c.id)
    assert order == [second, third, first]


def test_another_counter_finds_nobody_when_only_directed_tickets_wait(
    ctx: QueueContext, clock: FixedClock
) -> None:
    [ticket] = walk_ins(ctx, clock, 1)
    open_counter(ctx, OFFICER, 3)
    call_next(ctx, OFFICER, 1)
    transfer(ctx, OFFICER, ticket, keep_place=True, to_counter=3)
    with pytest.raises(NobodyWaiting):
        call_next(ctx, OFFICER, 1)
    assert call_next(ctx, OFFICER, 3).id == ticket


def test_the_event_and_audit_say_where_it_went(ctx: QueueContext, clock: FixedClock) -> None:
    [ticket] = walk_ins(ctx, clock, 1)
    open_counter(ctx, OFFICER, 3)
    call_next(ctx, OFFICER, 1)
    start_service(ctx, OFFICER, 1, ticket)
    transfer(ctx, OFFICER, ticket, keep_place=True, to_counter=3, note="  second desk  ")
    expected = {
        "from_counter": 1,
        "from_service": "baru",
        "keep_place": True,
        "note": "second desk",
        "to_counter": 3,
        "to_service": "baru",
    }
    assert detail(ctx, ticket) == expected
    with ctx.db.read() as s:
        record = s.scalars(
            select(AuditRecord)
            .where(AuditRecord.action == "transfer")
            .order_by(AuditRecord.id.desc())
        ).first()
        assert record is not None
        assert (record.actor, record.target) == ("budi", "A-001")
        assert json.loads(record.detail) == expected


def test_to_a_counter_of_another_service_changes_the_service_and_its_quota(
    ctx: QueueContext, clock: FixedClock
) -> None:
    [ticket] = walk_ins(ctx, clock, 1)
    open_counter(ctx, OFFICER, 4)
    call_next(ctx, OFFICER, 1)
    # Counter 4 serves pick-up and information, not new passports.
    with pytest.raises(WrongCounter, match=r"^Loket 4 \(counter 4\) does not serve New Passport"):
        transfer(ctx, OFFICER, ticket, keep_place=True, to_counter=4)
    moved = transfer(ctx, OFFICER, ticket, "ambil", keep_place=True, to_counter=4)
    assert (moved.service, moved.sent_to) == ("ambil", 4)
    assert detail(ctx, ticket)["to_service"] == "ambil"
    with ctx.db.read() as s:
        issued = {
            q.service_code: q.issued
            for q in s.scalars(select(QuotaCounter).where(QuotaCounter.channel == "walk_in"))
        }
    assert issued == {"baru": 0, "ambil": 1}
    assert call_next(ctx, OFFICER, 4).id == ticket


def test_a_counter_transfer_keeps_the_quotas_as_they_are(
    ctx: QueueContext, clock: FixedClock
) -> None:
    [ticket] = walk_ins(ctx, clock, 1)
    open_counter(ctx, OFFICER, 2)
    call_next(ctx, OFFICER, 1)
    transfer(ctx, OFFICER, ticket, keep_place=True, to_counter=2)
    with ctx.db.read() as s:
        rows = [(q.service_code, q.channel, q.issued) for q in s.scalars(select(QuotaCounter))]
    assert rows == [("baru", "walk_in", 1)]


def test_unknown_closed_or_unsuitable_counters_are_refused(
    ctx: QueueContext, clock: FixedClock
) -> None:
    [ticket] = walk_ins(ctx, clock, 1)
    vip = issue_ticket(ctx, KIOSK, "baru", "vip").id
    call_ticket(ctx, OFFICER, 1, ticket, "first")
    with pytest.raises(UnknownCounter, match=r"^There is no counter 9 \(counters: 1, 2, 3, 4, 5\)"):
        transfer(ctx, OFFICER, ticket, keep_place=True, to_counter=9)
    # Nobody is at counter 3: nobody would call it there.
    with pytest.raises(CounterNotOpen, match=r"^Loket 3 \(counter 3\) is closed"):
        transfer(ctx, OFFICER, ticket, keep_place=True, to_counter=3)
    # Counter 5 takes only priority and VIP tickets.
    open_counter(ctx, OFFICER, 5)
    with pytest.raises(ChannelNotAccepted, match=r"does not take walk-in tickets"):
        transfer(ctx, OFFICER, ticket, keep_place=True, to_counter=5)
    # A paused counter takes it: the officer calls it after the break.
    open_counter(ctx, OFFICER, 3)
    pause_counter(ctx, OFFICER, 3)
    assert transfer(ctx, OFFICER, ticket, keep_place=True, to_counter=3).sent_to == 3
    with pytest.raises(IllegalTransition, match=r"^A-001 is already waiting for counter 3\.$"):
        transfer(ctx, OFFICER, ticket, keep_place=True, to_counter=3)
    # A waiting VIP ticket (never called) may be sent to the priority counter.
    assert transfer(ctx, OFFICER, vip, keep_place=True, to_counter=5).sent_to == 5
    with pytest.raises(NoTransferTarget):
        transfer(ctx, OFFICER, ticket, keep_place=True)
    with pytest.raises(NoTransferTarget):
        transfer(ctx, OFFICER, ticket, keep_place=True, to_counter=2, to_officer="budi")
    assert sent_to(ctx, ticket) == 3  # nothing refused changed it


def test_to_an_officer_is_to_the_counter_they_are_signed_in_at(
    ctx: QueueContext, clock: FixedClock, people: dict[str, OfficerView]
) -> None:
    first, second = walk_ins(ctx, clock, 2)
    budi, andi = people["budi"].actor, people["andi"].actor
    open_counter(ctx, budi, 3)
    call_next(ctx, andi, 1)
    moved = transfer(ctx, andi, first, keep_place=True, to_officer="budi")
    assert moved.sent_to == 3
    assert detail(ctx, first) == {
        "from_counter": 1,
        "from_service": "baru",
        "keep_place": True,
        "note": "",
        "to_counter": 3,
        "to_officer": "budi",
        "to_service": "baru",
    }
    assert call_next(ctx, andi, 1).id == second
    assert call_next(ctx, budi, 3).id == first
    # By id too; Budi has moved to counter 2 (and closed 3): the ticket follows him there.
    complete(ctx, budi, 3, first)
    close_counter(ctx, budi, 3)
    open_counter(ctx, budi, 2)
    clock.advance(minutes=1)
    transfer(ctx, andi, second, keep_place=True, to_officer=people["budi"].id)
    assert sent_to(ctx, second) == 2 and detail(ctx, second)["to_counter"] == 2


def test_an_officer_not_at_a_counter_is_refused(
    ctx: QueueContext, clock: FixedClock, people: dict[str, OfficerView]
) -> None:
    [ticket] = walk_ins(ctx, clock, 1)
    budi, andi = people["budi"].actor, people["andi"].actor
    call_next(ctx, budi, 1)
    with pytest.raises(
        OfficerNotAtCounter,
        match=r"^Andi Wijaya is not signed in at a counter now: choose a counter or another",
    ):
        transfer(ctx, budi, ticket, keep_place=True, to_officer="andi")
    # Signed in once, then closed the counter: not at a counter either.
    open_counter(ctx, andi, 2)
    close_counter(ctx, andi, 2)
    with pytest.raises(OfficerNotAtCounter):
        transfer(ctx, budi, ticket, keep_place=True, to_officer=people["andi"].id)
    with pytest.raises(UnknownOfficer, match=r"^There is no officer nobody\.$"):
        transfer(ctx, budi, ticket, keep_place=True, to_officer="nobody")
    # At a counter, but the account was deactivated since.
    open_counter(ctx, andi, 2)
    set_active(ctx, ADMIN, people["andi"].id, False)
    with pytest.raises(OfficerNotAtCounter):
        transfer(ctx, budi, ticket, keep_place=True, to_officer="andi")
    with ctx.db.read() as s:
        row = s.get(Ticket, ticket)
        assert row is not None
        assert (row.status, row.counter_number, row.directed_counter) == ("called", 1, None)


def test_the_rights_are_checked_as_for_every_step(
    ctx: QueueContext, clock: FixedClock, people: dict[str, OfficerView]
) -> None:
    [ticket] = walk_ins(ctx, clock, 1)
    open_counter(ctx, OFFICER, 3)
    call_next(ctx, OFFICER, 1)
    with pytest.raises(NotAllowed):
        transfer(ctx, KIOSK, ticket, keep_place=True, to_counter=3)
    # A deactivated officer can no longer move tickets, whatever their console still shows.
    andi = people["andi"]
    set_active(ctx, ADMIN, andi.id, False)
    with pytest.raises(NotAllowed, match="deactivated"):
        transfer(ctx, andi.actor, ticket, keep_place=True, to_counter=3)
    assert sent_to(ctx, ticket) is None


def test_sent_to_its_own_service_again_it_is_everyones(
    ctx: QueueContext, clock: FixedClock
) -> None:
    [ticket] = walk_ins(ctx, clock, 1)
    open_counter(ctx, OFFICER, 3)
    call_next(ctx, OFFICER, 1)
    transfer(ctx, OFFICER, ticket, keep_place=True, to_counter=3)
    freed = transfer(ctx, SUPERVISOR, ticket, "baru", keep_place=True)
    assert freed.sent_to is None
    assert "to_counter" not in detail(ctx, ticket)
    with pytest.raises(IllegalTransition, match=r"already in the New Passport line"):
        transfer(ctx, SUPERVISOR, ticket, "baru", keep_place=True)
    assert call_next(ctx, OFFICER, 2).id == ticket


def test_the_estimate_serves_it_at_its_counter_alone(ctx: QueueContext, clock: FixedClock) -> None:
    """Counter 1 is free, counter 3 busy with an applicant: the ticket sent to counter 3 is
    expected once counter 3 is free; the next one in line goes to counter 1 at once."""
    busy, sent, other = walk_ins(ctx, clock, 3)
    open_counter(ctx, OFFICER, 1)
    call_next(ctx, OFFICER, 3)
    start_service(ctx, OFFICER, 3, busy)
    call_next(ctx, OFFICER, 1)
    transfer(ctx, OFFICER, sent, keep_place=True, to_counter=3)
    now = ctx.now()
    expected = expected_calls(ctx)
    minutes = ctx.settings.service("baru").minutes_per_applicant
    assert expected[other].median == now
    assert expected[sent].median == now + dt.timedelta(minutes=minutes)
    # Not sent anywhere, it would have gone to the free counter 1 first.
    transfer(ctx, OFFICER, sent, "baru", keep_place=True)
    assert expected_calls(ctx)[sent].median == now


def test_the_ticket_page_counts_only_its_counters_line(
    ctx: QueueContext, clock: FixedClock
) -> None:
    """A ticket sent to counter 3 has ahead of it only those counter 3 would call first: a
    ticket sent to counter 1 is not one of them."""
    to_one, general, to_three = walk_ins(ctx, clock, 3)
    open_counter(ctx, OFFICER, 1)
    open_counter(ctx, OFFICER, 3)
    for ticket, counter in ((to_one, 1), (to_three, 3)):
        call_ticket(ctx, OFFICER, 2, ticket, "sort out")
        transfer(ctx, OFFICER, ticket, keep_place=True, to_counter=counter)
    with ctx.db.read() as s:
        tokens = {t.id: t.token for t in s.scalars(select(Ticket))}
    board = today_progress(ctx)
    assert board[tokens[to_one]].people_ahead == 0
    assert board[tokens[general]].people_ahead == 1  # the whole line of its counters
    assert board[tokens[to_three]].people_ahead == 1  # the general ticket, not counter 1's


def test_the_counters_on_duty_name_their_officers(
    ctx: QueueContext, people: dict[str, OfficerView]
) -> None:
    budi, andi = people["budi"].actor, people["andi"].actor
    open_counter(ctx, budi, 3)
    open_counter(ctx, andi, 4)
    pause_counter(ctx, andi, 4)
    open_counter(ctx, ADMIN, 1)
    on_duty = {(c.number, c.state, c.officer, c.officer_name) for c in counters_on_duty(ctx)}
    assert on_duty == {
        (1, "open", None, None),  # opened by a command on this PC, not by a person
        (3, "open", "budi", "Budi Santoso"),
        (4, "paused", "andi", "Andi Wijaya"),
    }
    four = next(c for c in counters_on_duty(ctx) if c.number == 4)
    assert four.takes("ambil", Channel.WALK_IN) and not four.takes("baru", Channel.WALK_IN)
