"""What the calling display reads: calls since the last event it saw, what each counter is
serving now, and how many people wait per service. Read-only; no Qt.

A display learns of a change from the database's change signal and then asks only for the
events after the last event id it has seen (``updates_since``), so a busy day costs it a
few rows per call, never a re-read of the whole queue. Besides calls and recalls it gets
no-shows, transfers and cancellations of called tickets, so a screen can drop them from
its lists without flashing them.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from config.settings import Settings
from db.context import QueueContext
from db.models import CounterRow, CounterState, EventKind, Ticket, TicketEvent, TicketStatus

CallKind = Literal["called", "recalled", "no_show", "transferred", "cancelled"]
ANNOUNCED: tuple[str, ...] = (EventKind.CALLED, EventKind.RECALLED)
DROPPED: tuple[str, ...] = (EventKind.NO_SHOW, EventKind.TRANSFERRED, EventKind.CANCELLED)
MAX_EVENTS_PER_READ = 2000


@dataclass(frozen=True)
class Call:
    """A call as the display sees it. ``kind`` no-show / transferred / cancelled means the
    ticket is no longer expected at ``counter``: drop it, do not flash it."""

    event_id: int
    ticket_id: int
    number: str
    counter: int | None
    counter_name: str
    service: str
    kind: CallKind
    at: dt.datetime

    @property
    def announced(self) -> bool:
        return self.kind in ANNOUNCED


@dataclass(frozen=True)
class CounterNow:
    number: int
    name: str
    state: CounterState
    serving: str | None  # the ticket number called or being served there
    ticket_status: TicketStatus | None


@dataclass(frozen=True)
class WaitingCount:
    service: str
    prefix: str
    waiting: int


@dataclass(frozen=True)
class DisplayScope:
    """The counters and services one display shows (several displays may split an office).

    Services default to those the shown counters serve, so a display for counters 4 and 5
    counts only the people who may be called there."""

    counters: tuple[int, ...]
    services: tuple[str, ...]

    @classmethod
    def of(cls, settings: Settings, counters: Iterable[int] | None = None) -> DisplayScope:
        chosen = list(counters or settings.display.counters)
        known = [c.number for c in settings.counters]
        for number in chosen:
            if number not in known:
                raise ValueError(f"there is no counter {number} (counters: {known})")
        shown = chosen or known
        if settings.display.services:
            services = list(settings.display.services)
        elif chosen:
            served = {code for c in settings.counters if c.number in shown for code in c.services}
            services = [s.code for s in settings.services if s.code in served]
        else:
            services = [s.code for s in settings.services]
        return cls(tuple(shown), tuple(services))

    def shows(self, counter: int | None, service: str) -> bool:
        return counter in self.counters and service in self.services


@dataclass(frozen=True)
class DisplayUpdate:
    """One read for the display: new call events (oldest first) and the current picture."""

    business_day: dt.date
    last_event_id: int
    calls: tuple[Call, ...]
    counters: tuple[CounterNow, ...]
    waiting: tuple[WaitingCount, ...]


def _counter_names(settings: Settings) -> dict[int, str]:
    return {c.number: c.name for c in settings.counters}


def _call_of(event: TicketEvent, number: str, service: str, names: dict[int, str]) -> Call:
    counter = event.counter_number
    if event.kind == EventKind.TRANSFERRED and event.detail:
        # The ticket has already left its counter and service when the event is written.
        detail = json.loads(event.detail)
        counter = detail.get("from_counter", counter)
        service = detail.get("from_service", service)
    return Call(
        event_id=event.id,
        ticket_id=event.ticket_id,
        number=number,
        counter=counter,
        counter_name=names.get(counter, f"Loket {counter}") if counter is not None else "",
        service=service,
        kind=EventKind(event.kind).value,  # type: ignore[arg-type]
        at=event.at,
    )


def _events(
    session: Session, ctx: QueueContext, kinds: tuple[str, ...], after_id: int, newest_first: bool
) -> list[tuple[TicketEvent, str, str]]:
    order = TicketEvent.id.desc() if newest_first else TicketEvent.id
    rows = session.execute(
        select(TicketEvent, Ticket.number, Ticket.service_code)
        .join(Ticket, Ticket.id == TicketEvent.ticket_id)
        .where(
            TicketEvent.id > after_id,
            TicketEvent.kind.in_(kinds),
            Ticket.business_day == ctx.today(),
        )
        .order_by(order)
        .limit(MAX_EVENTS_PER_READ)
    ).all()
    return [(e, n, s) for e, n, s in rows]


def last_event_id(session: Session) -> int:
    return int(session.scalar(select(func.max(TicketEvent.id))) or 0)


def recent_calls(ctx: QueueContext, scope: DisplayScope, limit: int) -> list[Call]:
    """Today's latest calls still standing (newest first, one per ticket): what a display
    that starts mid-day shows without announcing any of it."""
    with ctx.db.read() as session:
        return _recent_calls(session, ctx, scope, limit)


def _recent_calls(
    session: Session, ctx: QueueContext, scope: DisplayScope, limit: int
) -> list[Call]:
    names = _counter_names(ctx.settings)
    standing = {
        tid
        for tid in session.scalars(
            select(Ticket.id).where(
                Ticket.business_day == ctx.today(),
                Ticket.status.in_((TicketStatus.CALLED, TicketStatus.SERVING, TicketStatus.DONE)),
            )
        )
    }
    seen: set[int] = set()
    result: list[Call] = []
    for event, number, service in _events(session, ctx, ANNOUNCED, 0, newest_first=True):
        if event.ticket_id in seen:
            continue
        seen.add(event.ticket_id)
        call = _call_of(event, number, service, names)
        if event.ticket_id in standing and scope.shows(call.counter, call.service):
            result.append(call)
            if len(result) >= limit:
                break
    return result


def calls_since(ctx: QueueContext, after_id: int, scope: DisplayScope) -> list[Call]:
    """Calls, recalls, no-shows, transfers and cancellations after ``after_id``, oldest
    first, of the counters and services in ``scope``."""
    with ctx.db.read() as session:
        return _calls_since(session, ctx, after_id, scope)


def _calls_since(
    session: Session, ctx: QueueContext, after_id: int, scope: DisplayScope
) -> list[Call]:
    names = _counter_names(ctx.settings)
    calls = (
        _call_of(e, n, s, names)
        for e, n, s in _events(session, ctx, ANNOUNCED + DROPPED, after_id, newest_first=False)
    )
    return [c for c in calls if scope.shows(c.counter, c.service)]


def serving_now(ctx: QueueContext, scope: DisplayScope) -> list[CounterNow]:
    with ctx.db.read() as session:
        return _serving_now(session, ctx, scope)


def _serving_now(session: Session, ctx: QueueContext, scope: DisplayScope) -> list[CounterNow]:
    """Every counter in scope (settings order) with its state and the ticket at it."""
    rows = {
        r.number: r
        for r in session.scalars(select(CounterRow).where(CounterRow.number.in_(scope.counters)))
    }
    active = session.execute(
        select(Ticket.counter_number, Ticket.number, Ticket.status)
        .where(
            Ticket.business_day == ctx.today(),
            Ticket.counter_number.in_(scope.counters),
            Ticket.status.in_((TicketStatus.CALLED, TicketStatus.SERVING)),
        )
        .order_by(Ticket.called_at)
    ).all()
    at_counter = {counter: (number, status) for counter, number, status in active}
    result = []
    for counter in ctx.settings.counters:
        if counter.number not in scope.counters:
            continue
        row = rows.get(counter.number)
        number, status = at_counter.get(counter.number, (None, None))
        result.append(
            CounterNow(
                number=counter.number,
                name=row.name if row else counter.name,
                state=CounterState(row.state) if row else CounterState.CLOSED,
                serving=number,
                ticket_status=TicketStatus(status) if status else None,
            )
        )
    return result


def waiting_per_service(ctx: QueueContext, scope: DisplayScope) -> list[WaitingCount]:
    with ctx.db.read() as session:
        return _waiting(session, ctx, scope)


def _waiting(session: Session, ctx: QueueContext, scope: DisplayScope) -> list[WaitingCount]:
    counts = dict(
        session.execute(
            select(Ticket.service_code, func.count())
            .where(
                Ticket.business_day == ctx.today(),
                Ticket.status == TicketStatus.WAITING,
                Ticket.service_code.in_(scope.services),
            )
            .group_by(Ticket.service_code)
        ).all()
    )
    return [
        WaitingCount(s.code, s.prefix, int(counts.get(s.code, 0)))
        for s in ctx.settings.services
        if s.code in scope.services
    ]


def first_update(ctx: QueueContext, scope: DisplayScope, recent: int) -> DisplayUpdate:
    """What a display shows when it starts: the recent calls (newest first) to show but not
    announce, and the last event id to continue from. One read transaction, so no call
    falls between the two."""
    with ctx.db.read() as session:
        last = last_event_id(session)
        calls = _recent_calls(session, ctx, scope, recent)
        return DisplayUpdate(
            business_day=ctx.today(),
            last_event_id=last,
            calls=tuple(reversed(calls)),
            counters=tuple(_serving_now(session, ctx, scope)),
            waiting=tuple(_waiting(session, ctx, scope)),
        )


def updates_since(ctx: QueueContext, after_id: int, scope: DisplayScope) -> DisplayUpdate:
    """New call events after ``after_id`` (oldest first) and the current counters and
    waiting counts, read in one transaction."""
    with ctx.db.read() as session:
        last = max(after_id, last_event_id(session))
        calls = [c for c in _calls_since(session, ctx, after_id, scope) if c.event_id <= last]
        return DisplayUpdate(
            business_day=ctx.today(),
            last_event_id=last,
            calls=tuple(calls),
            counters=tuple(_serving_now(session, ctx, scope)),
            waiting=tuple(_waiting(session, ctx, scope)),
        )
