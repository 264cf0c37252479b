"""The effective day: the settings (the default) with what supervisors changed of today and
the next days (``day_overrides``, written by ``db.ops.day_overrides``).

Every reader and operation that decides something about a day reads the changes here, in
its own transaction, and asks the calendar they make (``calendar_on``): issuing (open,
walk-in, a service open), "call next" (a counter's services today), the estimate (which
counters serve what), the kiosk (``day_state``) and the console (``days_ahead``). A change
committed by a supervisor is therefore in force for the next read anywhere; the apps
re-read when the change notifications say "days" changed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from config.settings import Counter
from db.context import QueueContext
from db.models import DayOverride, DayOverrideKind
from db.read.queue_state import counter_settings
from db.rules.calendar import NO_CHANGES, DayChanges, DayInfo, OfficeCalendar

# The console lists today and this many days after it.
DAYS_AHEAD = 14
KINDS = frozenset(k.value for k in DayOverrideKind)

_ROWS = (
    select(
        DayOverride.business_day,
        DayOverride.kind,
        DayOverride.service_code,
        DayOverride.counter_number,
        DayOverride.value,
        DayOverride.created_by,
        DayOverride.created_at,
    )
    .where(DayOverride.business_day >= bindparam("first"))
    .order_by(DayOverride.business_day, DayOverride.id)
)


@dataclass(frozen=True)
class OverrideEntry:
    """One change as stored: what, by whom, when."""

    day: dt.date
    kind: DayOverrideKind
    service: str | None
    counter: int | None
    value: str
    by: str
    at: dt.datetime


def entries(session: Session, first: dt.date, last: dt.date | None = None) -> list[OverrideEntry]:
    """The changes of the days from ``first`` (to ``last``), by day, oldest first."""
    rows = session.connection().execute(_ROWS, {"first": first})
    found = []
    for day, kind, service, counter, value, by, at in rows:
        if last is not None and day > last:
            break
        if kind not in KINDS:
            continue  # written by a newer Loket: not understood here
        found.append(OverrideEntry(day, DayOverrideKind(kind), service, counter, value, by, at))
    return found


def changes_of(found: list[OverrideEntry]) -> dict[dt.date, DayChanges]:
    """The stored changes folded per day."""
    walk_in: dict[dt.date, bool] = {}
    closed: dict[dt.date, str] = {}
    services: dict[dt.date, set[str]] = {}
    counters: dict[dt.date, dict[int, tuple[str, ...]]] = {}
    for e in found:
        if e.kind == DayOverrideKind.WALK_IN_DAY:
            walk_in[e.day] = e.value == "yes"
        elif e.kind == DayOverrideKind.CLOSED:
            closed[e.day] = e.value
        elif e.kind == DayOverrideKind.SERVICE_CLOSED and e.service is not None:
            services.setdefault(e.day, set()).add(e.service)
        elif e.kind == DayOverrideKind.COUNTER_SERVICES and e.counter is not None:
            codes = tuple(code for code in e.value.split(",") if code)
            counters.setdefault(e.day, {})[e.counter] = codes
    days = set(walk_in) | set(closed) | set(services) | set(counters)
    return {
        day: DayChanges(
            walk_in.get(day),
            closed.get(day),
            frozenset(services.get(day, ())),
            counters.get(day, {}),
        )
        for day in days
    }


def day_changes(session: Session, first: dt.date) -> dict[dt.date, DayChanges]:
    """Supervisors' changes of ``first`` and every later day."""
    return changes_of(entries(session, first))


def calendar_on(session: Session, ctx: QueueContext, day: dt.date) -> OfficeCalendar:
    """The office's calendar as it stands for ``day`` and after: the settings with the
    supervisors' changes (one read of a small table)."""
    return ctx.calendar.with_changes(day_changes(session, day))


def counters_on(session: Session, ctx: QueueContext, day: dt.date) -> list[Counter]:
    """Every configured counter with the services it calls on ``day``."""
    return calendar_on(session, ctx, day).counters_on(day)


def counter_today(session: Session, ctx: QueueContext, number: int) -> Counter:
    """Counter ``number`` as it works today (``UnknownCounter`` if there is none)."""
    config = counter_settings(ctx, number)
    day = ctx.today()
    return calendar_on(session, ctx, day).counter_on(day, config)


# Why a day is closed (``DayState.closed_why``).
CLOSED_BY_SUPERVISOR = "supervisor"
CLOSED_DATE = "closed_date"  # business_day.closed_dates of the settings
HOLIDAY = "holiday"
NO_HOURS = "no_hours"  # no opening hours on the weekday


@dataclass(frozen=True)
class DayState:
    """One day as it stands: the settings with the supervisors' changes."""

    day: dt.date
    info: DayInfo  # open or closed, and why (``info.notice``: a supervisor's reason)
    closed_why: str | None  # None when open; else one of CLOSED_BY_SUPERVISOR ... NO_HOURS
    holiday: str | None  # the public holiday's name, if the day is one
    walk_in: bool
    closed_services: frozenset[str]
    counter_services: Mapping[int, tuple[str, ...]]  # every configured counter
    changes: DayChanges  # what supervisors changed (empty: the settings decide)
    entries: tuple[OverrideEntry, ...]  # the stored changes, with who made them

    @property
    def open(self) -> bool:
        return self.info.open_at is not None

    @property
    def walk_in_changed(self) -> bool:
        return self.changes.walk_in is not None

    def counter_changed(self, number: int) -> bool:
        return number in self.changes.counter_services


def _closed_why(calendar: OfficeCalendar, info: DayInfo, holiday: str | None) -> str | None:
    if info.open_at is not None:
        return None
    if info.notice is not None:
        return CLOSED_BY_SUPERVISOR
    if info.date in calendar.settings.business_day.closed_dates:
        return CLOSED_DATE
    return HOLIDAY if holiday else NO_HOURS


def _state(calendar: OfficeCalendar, day: dt.date, found: list[OverrideEntry]) -> DayState:
    changes = calendar.changes_on(day)
    info = calendar.day(day)
    holiday = calendar.holiday_name(day)
    return DayState(
        day,
        info,
        _closed_why(calendar, info, holiday),
        holiday,
        calendar.walk_in_day(day),
        changes.closed_services,
        {c.number: tuple(calendar.counter_services(day, c)) for c in calendar.settings.counters},
        changes if changes else NO_CHANGES,
        tuple(e for e in found if e.day == day),
    )


def days_ahead(
    ctx: QueueContext, days: int = DAYS_AHEAD, first: dt.date | None = None
) -> list[DayState]:
    """Today (or ``first``) and the ``days`` after it, as they stand (the console)."""
    first = first or ctx.today()
    last = first + dt.timedelta(days=days)
    with ctx.db.read() as session:
        found = entries(session, first, last)
    calendar = ctx.calendar.with_changes(changes_of(found))
    return [_state(calendar, first + dt.timedelta(days=n), found) for n in range(days + 1)]


def day_state(ctx: QueueContext, day: dt.date | None = None) -> DayState:
    """One day (today unless given) as it stands (the kiosk's home and service screens)."""
    return days_ahead(ctx, 0, day)[0]
