"""Counters: the configured ones synced into the database, and their open / paused / closed
state with the officer at each."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.context import Actor, QueueContext, audit, check_actor, require
from db.errors import CounterBusy, CounterNotOpen, NotAllowed
from db.models import CounterRow, CounterState, Role, Ticket, TicketStatus
from db.read.queue_state import counter_settings


class NotAtThisCounter(NotAllowed):
    """The counter's settings name the officers who may work there; this one is not among them."""

    code = "not_at_this_counter"


def require_counter_officer(ctx: QueueContext, actor: Actor, number: int) -> None:
    config = counter_settings(ctx, number)
    if not config.allows(actor.name):
        raise NotAtThisCounter(
            "{name} may not work at {counter_name} (counter {counter}); choose another "
            "counter or ask a supervisor.",
            name=actor.name,
            counter_name=config.name,
            counter=number,
        )


def sync_counters(session: Session, ctx: QueueContext) -> None:
    """Make the counters table match the settings (new counters start closed)."""
    rows = {r.number: r for r in session.scalars(select(CounterRow))}
    for counter in ctx.settings.counters:
        row = rows.get(counter.number)
        if row is None:
            session.add(CounterRow(number=counter.number, name=counter.name))
        elif row.name != counter.name:
            row.name = counter.name


def counter_row(session: Session, ctx: QueueContext, number: int) -> CounterRow:
    counter_settings(ctx, number)
    row = session.get(CounterRow, number)
    if row is None:
        sync_counters(session, ctx)
        session.flush()
        row = session.get(CounterRow, number)
    assert row is not None
    return row


def _set_state(
    session: Session,
    ctx: QueueContext,
    actor: Actor,
    number: int,
    state: CounterState,
    now: dt.datetime,
) -> CounterRow:
    row = counter_row(session, ctx, number)
    previous = row.state
    row.state = state
    row.officer_id = actor.officer_id if state != CounterState.CLOSED else None
    row.changed_at = now
    audit(session, actor, f"counter_{state}", now, f"counter {number}", previous=previous)
    return row


def ensure_open_for_calling(
    session: Session, ctx: QueueContext, actor: Actor, number: int, now: dt.datetime
) -> None:
    """Calling at a closed counter opens it (the officer is evidently there); a paused
    counter must be resumed first, so a break is never ended by a stray key press."""
    require_counter_officer(ctx, actor, number)
    row = counter_row(session, ctx, number)
    if row.state == CounterState.PAUSED:
        raise CounterNotOpen(
            "Counter {counter} is paused: resume it before calling.", counter=number
        )
    if row.state == CounterState.CLOSED:
        _set_state(session, ctx, actor, number, CounterState.OPEN, now)


@dataclass(frozen=True)
class CounterView:
    number: int
    name: str
    state: CounterState
    officer_id: int | None
    changed_at: dt.datetime | None


_OPERATION = {
    CounterState.OPEN: "open_counter",
    CounterState.PAUSED: "pause_counter",
    CounterState.CLOSED: "close_counter",
}


def _change(ctx: QueueContext, actor: Actor, number: int, state: CounterState) -> CounterView:
    require(actor, _OPERATION[state])
    # Closing a counter left open is for anyone with the role except an officer who may
    # not work there.
    if state != CounterState.CLOSED or actor.role == Role.OFFICER:
        require_counter_officer(ctx, actor, number)

    def work(session: Session) -> CounterView:
        check_actor(session, actor, _OPERATION[state])
        now = ctx.now()
        if state == CounterState.CLOSED:
            busy = session.scalar(
                select(Ticket.number).where(
                    Ticket.business_day == ctx.today(),
                    Ticket.counter_number == number,
                    Ticket.status.in_((TicketStatus.CALLED, TicketStatus.SERVING)),
                )
            )
            if busy:
                raise CounterBusy(
                    "{number} is still at counter {counter}: finish or transfer it first.",
                    number=busy,
                    counter=number,
                )
        row = _set_state(session, ctx, actor, number, state, now)
        return CounterView(row.number, row.name, CounterState(row.state), row.officer_id, now)

    return ctx.db.run_write(work)


def open_counter(ctx: QueueContext, actor: Actor, number: int) -> CounterView:
    return _change(ctx, actor, number, CounterState.OPEN)


def pause_counter(ctx: QueueContext, actor: Actor, number: int) -> CounterView:
    return _change(ctx, actor, number, CounterState.PAUSED)


def close_counter(ctx: QueueContext, actor: Actor, number: int) -> CounterView:
    return _change(ctx, actor, number, CounterState.CLOSED)


def counters(ctx: QueueContext) -> list[CounterView]:
    with ctx.db.read() as session:
        rows = {r.number: r for r in session.scalars(select(CounterRow))}
    result = []
    for counter in ctx.settings.counters:
        row = rows.get(counter.number)
        if row is None:
            result.append(
                CounterView(counter.number, counter.name, CounterState.CLOSED, None, None)
            )
        else:
            result.append(
                CounterView(
                    row.number, row.name, CounterState(row.state), row.officer_id, row.changed_at
                )
            )
    return result
