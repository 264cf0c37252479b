"""A supervisor's changes to today and the next days, over the settings (which stay the
default): walk-in or not, the office closed (with the reason the kiosk shows), a service
closed for the day or reopened, the services a counter calls.

Supervisors and administrators only, checked against the officers table inside each
change's transaction; each change is one row of ``day_overrides`` (``db.read.day_overrides``
reads them) and one audit record. Only today and later days can be changed. Issuing, "call
next", the estimate and the kiosk read the changes in their next transaction; the apps hear
of them through the change notifications (kind "days")."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.context import Actor, QueueContext, audit, check_actor, require
from db.errors import NoServices, PastDay, ReasonRequired, UnknownService
from db.models import DayOverride, DayOverrideKind
from db.ops.issuing import find_service
from db.read.queue_state import counter_settings

OPERATION = "manage_days"
REASON_MAX = 200


def _not_past(ctx: QueueContext, day: dt.date) -> None:
    today = ctx.today()
    if day < today:
        raise PastDay(
            "{day} has passed: only today ({today}) and later days can be changed.",
            day=f"{day:%d-%m-%Y}",
            today=f"{today:%d-%m-%Y}",
        )


def _closing_reason(text: str) -> str:
    reason = " ".join(text.split())
    if not reason:
        raise ReasonRequired("Closing the office needs a reason (shown to applicants).")
    return reason[:REASON_MAX]


def _row(
    session: Session,
    day: dt.date,
    kind: DayOverrideKind,
    service: str | None = None,
    counter: int | None = None,
) -> DayOverride | None:
    query = select(DayOverride).where(
        DayOverride.business_day == day, DayOverride.kind == kind.value
    )
    if service is not None:
        query = query.where(DayOverride.service_code == service)
    if counter is not None:
        query = query.where(DayOverride.counter_number == counter)
    return session.scalar(query)


def _write(
    ctx: QueueContext,
    actor: Actor,
    action: str,
    day: dt.date,
    kind: DayOverrideKind,
    value: str | None,
    *,
    service: str | None = None,
    counter: int | None = None,
    **detail: Any,
) -> None:
    """Store ``value`` as the day's change of ``kind`` (None: remove the change, back to
    the settings), and audit ``action``; one transaction."""
    require(actor, OPERATION)
    _not_past(ctx, day)

    def work(session: Session) -> None:
        check_actor(session, actor, OPERATION)
        now = ctx.now()
        row = _row(session, day, kind, service, counter)
        if value is None:
            if row is not None:
                session.delete(row)
        elif row is None:
            session.add(
                DayOverride(
                    business_day=day,
                    kind=kind.value,
                    service_code=service,
                    counter_number=counter,
                    value=value,
                    created_by=actor.name,
                    created_at=now,
                )
            )
        else:
            row.value, row.created_by, row.created_at = value, actor.name, now
        target = day.isoformat() + (f" {service}" if service else "")
        target += f" counter {counter}" if counter is not None else ""
        audit(session, actor, action, now, target, **detail)

    ctx.db.run_write(work)


def set_walk_in_day(ctx: QueueContext, actor: Actor, day: dt.date, walk_in: bool) -> None:
    """Make ``day`` a walk-in day or not. The settings' answer for the day clears the
    change."""
    value = None if walk_in == ctx.calendar.walk_in_weekday(day) else ("yes" if walk_in else "no")
    _write(ctx, actor, "set_walk_in_day", day, DayOverrideKind.WALK_IN_DAY, value, walk_in=walk_in)


def close_day(ctx: QueueContext, actor: Actor, day: dt.date, reason: str) -> None:
    """Close the office on ``day``; the kiosk shows ``reason`` to applicants."""
    text = _closing_reason(reason)
    _write(ctx, actor, "close_day", day, DayOverrideKind.CLOSED, text, reason=text)


def reopen_day(ctx: QueueContext, actor: Actor, day: dt.date) -> None:
    """Undo a supervisor's closing of ``day`` (the settings decide again)."""
    _write(ctx, actor, "reopen_day", day, DayOverrideKind.CLOSED, None)


def close_service(
    ctx: QueueContext, actor: Actor, day: dt.date, service_code: str, reason: str = ""
) -> None:
    """No new tickets of a service on ``day`` (today: for the rest of the day); the ones
    already waiting are still called."""
    service = find_service(ctx, service_code)
    text = " ".join(reason.split())[:REASON_MAX]
    _write(
        ctx,
        actor,
        "close_service",
        day,
        DayOverrideKind.SERVICE_CLOSED,
        text,
        service=service.code,
        reason=text,
    )


def reopen_service(ctx: QueueContext, actor: Actor, day: dt.date, service_code: str) -> None:
    service = find_service(ctx, service_code)
    _write(
        ctx,
        actor,
        "reopen_service",
        day,
        DayOverrideKind.SERVICE_CLOSED,
        None,
        service=service.code,
    )


def set_counter_services(
    ctx: QueueContext, actor: Actor, day: dt.date, counter: int, services: Sequence[str]
) -> None:
    """The services ``counter`` calls on ``day`` (in the settings' order of services). The
    counter's configured services clear the change."""
    config = counter_settings(ctx, counter)
    known = [s.code for s in ctx.settings.services]
    unknown = sorted(set(services) - set(known))
    if unknown:
        raise UnknownService(
            "Unknown service {code} (known: {known}).",
            code=repr(unknown[0]),
            known=", ".join(known),
        )
    chosen = [code for code in known if code in services]
    if not chosen:
        raise NoServices("Counter {counter} must call at least one service.", counter=counter)
    configured = [code for code in known if code in config.services]
    value = None if chosen == configured else ",".join(chosen)
    _write(
        ctx,
        actor,
        "set_counter_services",
        day,
        DayOverrideKind.COUNTER_SERVICES,
        value,
        counter=counter,
        services=chosen,
    )


def clear_override(
    ctx: QueueContext,
    actor: Actor,
    day: dt.date,
    kind: DayOverrideKind | str,
    *,
    service: str | None = None,
    counter: int | None = None,
) -> None:
    """Remove one change of ``day`` (the settings decide again)."""
    kind = DayOverrideKind(kind)
    if kind == DayOverrideKind.SERVICE_CLOSED:
        if service is None:
            raise UnknownService("Say which service to reopen.")
        reopen_service(ctx, actor, day, service)
    elif kind == DayOverrideKind.COUNTER_SERVICES:
        if counter is None:
            raise NoServices("Say which counter goes back to its configured services.")
        counter_settings(ctx, counter)
        _write(ctx, actor, "clear_counter_services", day, kind, None, counter=counter)
    elif kind == DayOverrideKind.CLOSED:
        reopen_day(ctx, actor, day)
    else:
        _write(ctx, actor, "clear_walk_in_day", day, kind, None)
