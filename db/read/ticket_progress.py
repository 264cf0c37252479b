"""Where each of today's tickets stands, for the applicants' live ticket pages: its state, the
people the counters would call before it (in the call policy's order), an estimated range
of minutes, and the counter it was called to. Read-only; no Qt; no personal data.

One read builds the picture of every ticket of the day (``today_progress``), so a web
service with hundreds of phones watching reads the database once per queue change, not
once per phone.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from config.settings import Channel
from db.context import QueueContext
from db.models import SurveyResponse, Ticket, TicketStatus
from db.read.estimate import counters_for, service_minutes, waiting_line
from db.rules.policy import Waiting, eligible, rank


@dataclass(frozen=True)
class TicketProgress:
    number: str
    service: str
    business_day: dt.date
    status: TicketStatus
    people_ahead: int | None  # None when no longer waiting
    wait_low: int | None  # minutes
    wait_high: int | None
    counter: int | None
    counter_name: str
    recall_count: int
    survey_given: bool


def wait_range(minutes: float) -> tuple[int, int]:
    """An honest range around an estimate: -30 % .. +30 %, rounded out to 5 minutes."""
    if minutes <= 0:
        return 0, 5
    low = max(0, math.floor(minutes * 0.7 / 5) * 5)
    high = max(low + 5, math.ceil(minutes * 1.3 / 5) * 5)
    return low, high


# (services, channels, counter): the line a ticket waits in; counter: sent to that one.
LineKey = tuple[tuple[str, ...], tuple[str, ...], int | None]


def _line_of(
    ctx: QueueContext, service: str, channel: Channel, only_at: int | None = None
) -> LineKey:
    """(services, channels) of the counters that would call a ticket: the same line the
    estimate on the printed ticket used (``db.read.estimate.estimate_for_new_ticket``); for
    a ticket sent to one counter, that counter's line."""
    sent_to = [c for c in ctx.settings.counters if c.number == only_at]
    if sent_to:
        counter = sent_to[0]
        return tuple(counter.services), tuple(str(ch) for ch in counter.channels), counter.number
    counters = [c for c in ctx.settings.counters if service in c.services and channel in c.channels]
    if channel in (Channel.PRIORITY, Channel.VIP) or not counters:
        services: Sequence[str] = [service]
    else:
        services = sorted({code for c in counters for code in c.services} | {service})
    channels = sorted({str(ch) for c in counters for ch in c.channels} or {str(c) for c in Channel})
    return tuple(services), tuple(channels), None


def _estimates(
    session: Session, ctx: QueueContext, day: dt.date, now: dt.datetime
) -> dict[int, tuple[int, int, int]]:
    """ticket id -> (people ahead, low, high) for every waiting ticket of ``day``."""
    services_all = [s.code for s in ctx.settings.services]
    everyone = waiting_line(session, day, services_all)
    known = set(services_all)
    minutes_of: dict[str, float] = {}
    ranked: dict[LineKey, list[Waiting]] = {}
    result: dict[int, tuple[int, int, int]] = {}
    info = ctx.calendar.day(day)
    before_opening = (
        (info.open_at - now).total_seconds() / 60
        if info.open_at is not None and now < info.open_at
        else 0.0
    )
    positions: dict[LineKey, dict[int, int]] = {}
    before: dict[LineKey, list[float]] = {}  # service minutes ahead
    open_counters: dict[tuple[str, Channel], int] = {}
    lines: dict[tuple[str, Channel, int | None], LineKey] = {}
    for w in everyone:
        if w.service not in known:
            continue
        kind = (w.service, w.channel, w.only_at)
        if kind not in lines:
            lines[kind] = _line_of(ctx, w.service, w.channel, w.only_at)
        key = lines[kind]
        if key not in ranked:
            services, channels, counter = key
            line = eligible(everyone, services, [Channel(c) for c in channels], counter)
            order = ranked[key] = rank(line, now, ctx.settings.call_policy)
            positions[key] = {x.ticket_id: i for i, x in enumerate(order)}
            for code in {x.service for x in order} - minutes_of.keys():
                minutes_of[code] = service_minutes(session, ctx.settings.service(code), day)
            sums = [0.0]
            for x in order:
                sums.append(sums[-1] + minutes_of[x.service])
            before[key] = sums
        ahead = positions[key].get(w.ticket_id, 0)
        if (w.service, w.channel) not in open_counters:
            service = ctx.settings.service(w.service)
            open_counters[(w.service, w.channel)] = counters_for(session, ctx, service, w.channel)
        # A ticket sent to one counter is called there alone.
        serving = 1 if key[2] is not None else open_counters[(w.service, w.channel)]
        minutes = before[key][ahead] / serving
        low, high = wait_range(minutes + before_opening)
        result[w.ticket_id] = (ahead, low, high)
    return result


def today_progress(ctx: QueueContext) -> dict[str, TicketProgress]:
    """Every ticket of today, by its token."""
    day = ctx.today()
    now = ctx.now()
    names = {c.number: c.name for c in ctx.settings.counters}
    with ctx.db.read() as session:
        rows = session.execute(
            select(
                Ticket.id,
                Ticket.token,
                Ticket.number,
                Ticket.service_code,
                Ticket.status,
                Ticket.counter_number,
                Ticket.recall_count,
            ).where(Ticket.business_day == day)
        ).all()
        rated = set(
            session.scalars(
                select(SurveyResponse.ticket_id)
                .join(Ticket, Ticket.id == SurveyResponse.ticket_id)
                .where(Ticket.business_day == day)
            )
        )
        estimates = _estimates(session, ctx, day, now)
    board: dict[str, TicketProgress] = {}
    for ticket_id, token, number, service, status, counter, recalls in rows:
        ahead, low, high = estimates.get(ticket_id, (None, None, None))
        board[token] = TicketProgress(
            number=number,
            service=service,
            business_day=day,
            status=TicketStatus(status),
            people_ahead=ahead,
            wait_low=low,
            wait_high=high,
            counter=counter,
            counter_name=(names.get(counter, f"Loket {counter}") if counter is not None else ""),
            recall_count=int(recalls or 0),
            survey_given=ticket_id in rated,
        )
    return board
