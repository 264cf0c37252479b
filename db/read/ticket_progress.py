"""Where each of today's tickets stands, for the applicants' live ticket pages: its state, the
people the counters would call before it (in the call policy's order), the range of
minutes until it is called (the forecast the console's expected calls and the printed ticket
come from, ``db.read.estimate``), and the counter it was called to. Read-only; no Qt; no
personal data.

One read builds the picture of every ticket of the day (``today_progress``), so a web
service with hundreds of phones watching reads the database once per queue change, not
once per phone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from config.settings import Channel
from db.context import QueueContext
from db.models import SurveyResponse, Ticket, TicketStatus
from db.read.estimate import Forecast, waiting_line
from db.rules.policy import eligible, rank


@dataclass(frozen=True)
class TicketProgress:
    number: str
    service: str
    business_day: dt.date
    status: TicketStatus
    people_ahead: int | None  # None when no longer waiting
    # Minutes from now until it is called: the forecast's 80 % range, as the console
    # expects the call (db.read.estimate); put in words by ``format_wait``.
    wait_low: float | None
    wait_high: float | None
    counter: int | None
    counter_name: str
    recall_count: int
    survey_given: bool


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
) -> dict[int, tuple[int, float, float]]:
    """ticket id -> (people ahead, low, high minutes) for every waiting ticket of ``day``
    that a counter calls: the people ahead in its line in the call policy's order, the
    range from the forecast the console's expected calls come from."""
    services_all = [s.code for s in ctx.settings.services]
    everyone = waiting_line(session, day, services_all)
    calls = Forecast(session, ctx, now, everyone).waiting()
    positions: dict[LineKey, dict[int, int]] = {}
    lines: dict[tuple[str, Channel, int | None], LineKey] = {}
    result: dict[int, tuple[int, float, float]] = {}
    for w in everyone:
        call = calls.get(w.ticket_id)
        if call is None:  # no counter calls it today
            continue
        kind = (w.service, w.channel, w.only_at)
        if kind not in lines:
            lines[kind] = _line_of(ctx, w.service, w.channel, w.only_at)
        key = lines[kind]
        if key not in positions:
            services, channels, counter = key
            line = eligible(everyone, services, [Channel(c) for c in channels], counter)
            order = rank(line, now, ctx.settings.call_policy)
            positions[key] = {x.ticket_id: i for i, x in enumerate(order)}
        ahead = positions[key].get(w.ticket_id, 0)
        low = (call.low - now).total_seconds() / 60
        high = (call.high - now).total_seconds() / 60
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
