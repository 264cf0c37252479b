"""What the calling display reads: calls since the last event it saw, what each counter is
serving now, and how many people wait per service. Read-only; no Qt.

A display learns of a change from the database's change signal and then asks only for the
events after the last event id it has seen (``updates_since``), so a busy day costs it a
few rows per call, never a re-read of the whole queue. Besides calls and recalls it gets
what happened to a called ticket afterwards (service started or done, not present, put
back, transferred, cancelled), so a screen keeps the number on show with its state.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Literal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from config.settings import Settings
from db.context import QueueContext
from db.models import CounterRow, CounterState, EventKind, Ticket, TicketEvent, TicketStatus

CallKind = Literal[
    "called",
    "recalled",
    "started",
    "completed",
    "no_show",
    "requeued",
    "transferred",
    "cancelled",
]
ANNOUNCED: tuple[str, ...] = (EventKind.CALLED, EventKind.RECALLED)
# What may happen to a called ticket afterwards: the display shows it as the call's state.
AFTERWARDS: tuple[str, ...] = (
    EventKind.STARTED,
    EventKind.COMPLETED,
    EventKind.NO_SHOW,
    EventKind.REQUEUED,
    EventKind.TRANSFERRED,
    EventKind.CANCELLED,
)
# States after which the applicant no longer needs the call on the screen.
SETTLED: tuple[str, ...] = (EventKind.STARTED, EventKind.COMPLETED, EventKind.CANCELLED)
MAX_EVENTS_PER_READ = 2000


@dataclass(frozen=True)
class Call:
    """A call event as the display sees it. ``kind`` called / recalled is announced and
    flashed; any other kind is a later state of the ticket called at ``counter`` (no
    flash, no voice): the display keeps the number and shows the state. A transfer names
    where the ticket went (``to_service``, and ``to_counter`` when sent to a counter)."""

    event_id: int
    ticket_id: int
    number: str
    counter: int | None
    counter_name: str
    service: str
    kind: CallKind
    at: dt.datetime
    to_service: str | None = None
    to_counter: int | None = None
    to_counter_name: str = ""

    @property
    def announced(self) -> bool:
        return self.kind in ANNOUNCED

    @property
    def settled(self) -> bool:
        """Served, being served or cancelled: the call has done its job."""
        return self.kind in SETTLED

    def became(self, later: Call) -> Call:
        """This call (its number and the counter it was called to) in ``later``'s state."""
        return replace(
            self,
            event_id=later.event_id,
            kind=later.kind,
            at=later.at,
            to_service=later.to_service,
            to_counter=later.to_counter,
            to_counter_name=later.to_counter_name,
        )


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
    to_service: str | None = None
    to_counter: int | None = None
    if event.kind in (EventKind.TRANSFERRED, EventKind.REQUEUED) and event.detail:
        # The ticket has already left its counter (and service) when the event is written.
        detail = json.loads(event.detail)
        counter = detail.get("from_counter", counter)
        service = detail.get("from_service", service)
        to_service = detail.get("to_service")
        to_counter = detail.get("to_counter")
    return Call(
        event_id=event.id,
        ticket_id=event.ticket_id,
        number=number,
        counter=counter,
        counter_name=names.get(counter, f"Loket {counter}") if counter is not None else "",
        service=service,
        kind=EventKind(event.kind).value,  # type: ignore[arg-type]
        at=event.at,
        to_service=to_service,
        to_counter=to_counter,
        to_counter_name=names.get(to_counter, f"Loket {to_counter}") if to_counter else "",
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
    """Today's latest calls (newest first, one per ticket), each in the ticket's state since
    (not present, transferred, being served...): what a display that starts mid-day shows
    without announcing any of it."""
    with ctx.db.read() as session:
        return _recent_calls(session, ctx, scope, limit)


def _recent_calls(
    session: Session, ctx: QueueContext, scope: DisplayScope, limit: int
) -> list[Call]:
    names = _counter_names(ctx.settings)
    seen: set[int] = set()
    result: list[Call] = []
    for event, number, service in _events(session, ctx, ANNOUNCED, 0, newest_first=True):
        if event.ticket_id in seen:
            continue
        seen.add(event.ticket_id)
        call = _call_of(event, number, service, names)
        if scope.shows(call.counter, call.service):
            result.append(call)
            if len(result) >= limit:
                break
    if not result:
        return result
    # What happened to each of these tickets after its latest call.
    ids = [c.ticket_id for c in result]
    first = min(c.event_id for c in result)
    later = session.execute(
        select(TicketEvent, Ticket.number, Ticket.service_code)
        .join(Ticket, Ticket.id == TicketEvent.ticket_id)
        .where(
            TicketEvent.id > first,
            TicketEvent.ticket_id.in_(ids),
            TicketEvent.kind.in_(AFTERWARDS),
        )
        .order_by(TicketEvent.id)
    ).all()
    latest = {c.ticket_id: c for c in result}
    for event, number, service in later:
        call = latest[event.ticket_id]
        if event.id > call.event_id:
            latest[event.ticket_id] = call.became(_call_of(event, number, service, names))
    return [latest[c.ticket_id] for c in result]


def calls_since(ctx: QueueContext, after_id: int, scope: DisplayScope) -> list[Call]:
    """Calls and recalls, and what happened to called tickets afterwards, after
    ``after_id``, oldest first, of the counters and services in ``scope``."""
    with ctx.db.read() as session:
        return _calls_since(session, ctx, after_id, scope)


def _calls_since(
    session: Session, ctx: QueueContext, after_id: int, scope: DisplayScope
) -> list[Call]:
    names = _counter_names(ctx.settings)
    calls = (
        _call_of(e, n, s, names)
        for e, n, s in _events(session, ctx, ANNOUNCED + AFTERWARDS, after_id, newest_first=False)
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
