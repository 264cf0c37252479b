"""Reports for a business day or a month: tickets by service and channel, served, no-shows,
cancelled; waiting time (issue → first call) and service time (serving → done) as mean and
nearest-rank 90th percentile; per counter and per officer; arrivals per hour; quota use;
transfers by where they went (a service's line, a counter, an officer's counter); complaints
by category. Exported as CSV (formula-safe) and JSON. Nothing here changes the queue.

A ticket belongs to the counter that last handled it and to the officer whose call,
completion or no-show was its last handling event."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from sqlalchemy import func, select

from config.settings import Channel
from db.context import Actor, QueueContext, require
from db.models import Complaint, EventKind, Officer, Ticket, TicketEvent, TicketStatus
from db.read.dashboard import percentile_nearest_rank
from db.read.feedback_reports import (
    MONTHS,
    ComplaintRecap,
    complaint_recap,
    month_bounds,
    safe_cell,
)
from db.read.queue_state import issued_count, quota_for
from db.rules.booking_failure import is_booking_failure
from db.rules.feedback import CATEGORIES

HANDLING = (EventKind.CALLED, EventKind.COMPLETED, EventKind.NO_SHOW)


@dataclass(frozen=True)
class Durations:
    """Minutes: how many tickets were measured, their mean and nearest-rank p90."""

    count: int
    mean: float | None
    p90: float | None

    @classmethod
    def of(cls, minutes: list[float]) -> Durations:
        if not minutes:
            return cls(0, None, None)
        return cls(len(minutes), sum(minutes) / len(minutes), percentile_nearest_rank(minutes, 90))


@dataclass(frozen=True)
class ServiceChannelRow:
    service: str
    channel: str
    issued: int
    served: int
    no_shows: int
    cancelled: int


@dataclass(frozen=True)
class HandlerRow:
    """A counter's or an officer's tickets."""

    key: str  # counter number or officer username
    name: str
    served: int
    no_shows: int
    service: Durations


@dataclass(frozen=True)
class QuotaRow:
    service: str
    channel: str
    quota: int
    issued: int

    @property
    def share(self) -> float:
        return 0.0 if not self.quota else self.issued / self.quota


@dataclass(frozen=True)
class TransferRow:
    """Transfers to one target: ``kind`` "service" (a service's line, ``target`` its code),
    "counter" (one counter, its number) or "officer" (the counter of a named officer, the
    username)."""

    kind: str
    target: str
    name: str
    transfers: int


@dataclass(frozen=True)
class PeriodReport:
    kind: str  # "day" or "month"
    start: dt.date
    end: dt.date
    made_at: dt.datetime
    office: str
    issued: int
    served: int
    no_shows: int
    cancelled: int
    open_tickets: int  # still waiting, called or being served when the report was made
    wait: Durations
    service: Durations
    by_service_channel: tuple[ServiceChannelRow, ...]
    counters: tuple[HandlerRow, ...]
    officers: tuple[HandlerRow, ...]
    arrivals_by_hour: tuple[tuple[int, int], ...]  # (local hour, tickets issued)
    quotas: tuple[QuotaRow, ...]
    complaints: tuple[tuple[str, int], ...]  # (category, complaints filed in the period)
    recap: ComplaintRecap  # complaints by category × month of the period's year
    # Walk-in tickets staff issued after seeing evidence of failed online bookings.
    booking_failure: int = 0
    transfers: tuple[TransferRow, ...] = ()

    @property
    def transferred(self) -> int:
        """Transfers made in the period (a ticket sent on twice counts twice)."""
        return sum(r.transfers for r in self.transfers)

    @property
    def title(self) -> str:
        if self.kind == "day":
            return f"Day report {self.start:%d-%m-%Y}"
        return f"Month report {MONTHS[self.start.month - 1]} {self.start.year}"

    @property
    def label(self) -> str:
        """``2026-12-01`` or ``2026-12``: for file names."""
        return self.start.isoformat() if self.kind == "day" else f"{self.start:%Y-%m}"


def _minutes(start: dt.datetime | None, end: dt.datetime | None) -> float | None:
    if start is None or end is None:
        return None
    return max(0.0, (end - start).total_seconds() / 60)


class _TicketRow(NamedTuple):
    id: int
    service_code: str
    channel: str
    status: TicketStatus
    issued_at: dt.datetime
    serving_at: dt.datetime | None
    done_at: dt.datetime | None
    counter: int | None
    override_reason: str | None


@dataclass
class _PeriodData:
    """What a report is made of, read in one transaction."""

    tickets: list[_TicketRow]
    # (ticket id, kind, at, actor) of every handling event, oldest first.
    events: list[tuple[int, str, dt.datetime, str]]
    names: dict[str, str]
    open_days: list[dt.date]
    quotas: list[QuotaRow]
    complaint_counts: dict[str, int]
    # (kind, target) -> transfers made to it
    transfers: dict[tuple[str, str], int] = field(default_factory=dict)


def _read_period(ctx: QueueContext, start: dt.date, end: dt.date) -> _PeriodData:
    with ctx.db.read() as session:
        tickets = [
            _TicketRow(
                t.id,
                t.service_code,
                str(t.channel),
                TicketStatus(t.status),
                t.issued_at,
                t.serving_at,
                t.done_at,
                t.counter_number,
                t.override_reason,
            )
            for t in session.scalars(
                select(Ticket)
                .where(Ticket.business_day >= start, Ticket.business_day <= end)
                .order_by(Ticket.id)
            )
        ]
        events = [
            (ticket_id, str(kind), at, who)
            for ticket_id, kind, at, who in session.execute(
                select(TicketEvent.ticket_id, TicketEvent.kind, TicketEvent.at, TicketEvent.actor)
                .join(Ticket, Ticket.id == TicketEvent.ticket_id)
                .where(
                    Ticket.business_day >= start,
                    Ticket.business_day <= end,
                    TicketEvent.kind.in_(HANDLING),
                )
                .order_by(TicketEvent.at, TicketEvent.id)
            )
        ]
        names = {
            user: name or user
            for user, name in session.execute(select(Officer.username, Officer.display_name))
        }
        transfers: dict[tuple[str, str], int] = defaultdict(int)
        for (detail,) in session.execute(
            select(TicketEvent.detail)
            .join(Ticket, Ticket.id == TicketEvent.ticket_id)
            .where(
                Ticket.business_day >= start,
                Ticket.business_day <= end,
                TicketEvent.kind == EventKind.TRANSFERRED,
            )
        ):
            transfers[_transfer_target(detail)] += 1
        open_days = [d for d in _days(start, end) if ctx.calendar.day(d).open_at is not None]
        quotas = []
        for service in ctx.settings.services:
            for channel in service.channels:
                if channel == Channel.BOOKING:
                    continue
                limits = [quota_for(session, service, channel, d) for d in open_days]
                if not limits or any(q is None for q in limits):
                    continue
                issued = sum(issued_count(session, service.code, channel, d) for d in open_days)
                quotas.append(
                    QuotaRow(service.code, channel.value, sum(q or 0 for q in limits), issued)
                )
        complaint_counts = {
            str(category): int(n)
            for category, n in session.execute(
                select(Complaint.category, func.count(Complaint.id))
                .where(Complaint.business_day >= start, Complaint.business_day <= end)
                .group_by(Complaint.category)
            )
        }
    return _PeriodData(tickets, events, names, open_days, quotas, complaint_counts, dict(transfers))


def _transfer_target(detail: str) -> tuple[str, str]:
    """(kind, target) of a transfer event's detail: the officer when one was named, else
    the counter when sent to one, else the service's line."""
    sent = json.loads(detail) if detail else {}
    if sent.get("to_officer"):
        return "officer", str(sent["to_officer"])
    if sent.get("to_counter") is not None:
        return "counter", str(sent["to_counter"])
    return "service", str(sent.get("to_service", ""))


def _days(start: dt.date, end: dt.date) -> list[dt.date]:
    return [start + dt.timedelta(days=n) for n in range((end - start).days + 1)]


# Where a ticket's final status is counted in a service/channel row: [issued, served,
# no-shows, cancelled].
_STATUS_COLUMN = {TicketStatus.DONE: 1, TicketStatus.NO_SHOW: 2, TicketStatus.CANCELLED: 3}


@dataclass
class _Tally:
    """The figures of a period, summed ticket by ticket."""

    groups: dict[tuple[str, str], list[int]] = field(
        default_factory=lambda: defaultdict(lambda: [0, 0, 0, 0])
    )
    waits: list[float] = field(default_factory=list)
    services: list[float] = field(default_factory=list)
    hours: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    # Per counter number / officer: ([served, no-shows], service minutes).
    per_counter: dict[int, tuple[list[int], list[float]]] = field(default_factory=dict)
    per_officer: dict[str, tuple[list[int], list[float]]] = field(default_factory=dict)
    open_tickets: int = 0
    booking_failure: int = 0


def _tally(data: _PeriodData, tz: dt.tzinfo) -> _Tally:
    first_call: dict[int, dt.datetime] = {}
    handler: dict[int, str] = {}
    for ticket_id, kind, at, who in data.events:
        if kind == EventKind.CALLED:
            first_call.setdefault(ticket_id, at)
        handler[ticket_id] = who
    tally = _Tally()
    for t in data.tickets:
        row = tally.groups[(t.service_code, t.channel)]
        row[0] += 1
        if t.status in _STATUS_COLUMN:
            row[_STATUS_COLUMN[t.status]] += 1
        if t.status in (TicketStatus.WAITING, TicketStatus.CALLED, TicketStatus.SERVING):
            tally.open_tickets += 1
        if is_booking_failure(t.override_reason):
            tally.booking_failure += 1
        tally.hours[t.issued_at.astimezone(tz).hour] += 1
        wait = _minutes(t.issued_at, first_call.get(t.id))
        if wait is not None:
            tally.waits.append(wait)
        took = _minutes(t.serving_at, t.done_at) if t.status == TicketStatus.DONE else None
        if took is not None:
            tally.services.append(took)
        if t.status not in (TicketStatus.DONE, TicketStatus.NO_SHOW):
            continue
        targets = []
        if t.counter is not None:
            targets.append(tally.per_counter.setdefault(t.counter, ([0, 0], [])))
        if t.id in handler:
            targets.append(tally.per_officer.setdefault(handler[t.id], ([0, 0], [])))
        for counts, durations in targets:
            counts[0 if t.status == TicketStatus.DONE else 1] += 1
            if took is not None:
                durations.append(took)
    return tally


def _arrivals(
    ctx: QueueContext, open_days: list[dt.date], hours: dict[int, int]
) -> tuple[tuple[int, int], ...]:
    """Tickets issued per hour, over every hour the office was open and any with tickets."""
    tz = ctx.settings.office.tz
    span = set(hours)
    for info in (ctx.calendar.day(d) for d in open_days):
        if info.open_at is not None and info.close_at is not None:
            first = info.open_at.astimezone(tz).hour
            last = (info.close_at - dt.timedelta(seconds=1)).astimezone(tz).hour
            span.update((first, last))
    if not span:
        return ()
    return tuple((h, hours.get(h, 0)) for h in range(min(span), max(span) + 1))


def _report(
    ctx: QueueContext, actor: Actor, kind: str, start: dt.date, end: dt.date
) -> PeriodReport:
    require(actor, "view_reports")
    settings = ctx.settings
    tz = settings.office.tz
    data = _read_period(ctx, start, end)
    recap = complaint_recap(ctx, actor, start.year)
    tally = _tally(data, tz)

    service_order = {s.code: i for i, s in enumerate(settings.services)}
    channel_order = {c.value: i for i, c in enumerate(Channel)}
    by_service_channel = tuple(
        ServiceChannelRow(s, c, *tally.groups[(s, c)])
        for s, c in sorted(
            tally.groups,
            key=lambda k: (service_order.get(k[0], 99), k[0], channel_order.get(k[1], 9)),
        )
    )
    counter_names = {c.number: c.name for c in settings.counters}
    counters = tuple(
        HandlerRow(str(n), counter_names.get(n, f"Counter {n}"), c[0], c[1], Durations.of(d))
        for n, (c, d) in sorted(tally.per_counter.items())
    )
    names = data.names
    officers = tuple(
        HandlerRow(u, names.get(u, u), c[0], c[1], Durations.of(d))
        for u, (c, d) in sorted(tally.per_officer.items(), key=lambda kv: names.get(kv[0], kv[0]))
    )
    categories = list(CATEGORIES) + sorted(set(data.complaint_counts) - set(CATEGORIES))
    return PeriodReport(
        kind=kind,
        start=start,
        end=end,
        made_at=ctx.now().astimezone(tz),
        office=settings.office.name,
        issued=len(data.tickets),
        served=sum(r.served for r in by_service_channel),
        no_shows=sum(r.no_shows for r in by_service_channel),
        cancelled=sum(r.cancelled for r in by_service_channel),
        open_tickets=tally.open_tickets,
        wait=Durations.of(tally.waits),
        service=Durations.of(tally.services),
        by_service_channel=by_service_channel,
        counters=counters,
        officers=officers,
        arrivals_by_hour=_arrivals(ctx, data.open_days, tally.hours),
        quotas=tuple(data.quotas),
        complaints=tuple((c, data.complaint_counts.get(c, 0)) for c in categories),
        recap=recap,
        booking_failure=tally.booking_failure,
        transfers=_transfer_rows(ctx, data),
    )


def _transfer_rows(ctx: QueueContext, data: _PeriodData) -> tuple[TransferRow, ...]:
    settings = ctx.settings
    services = {s.code: (i, s.name.en) for i, s in enumerate(settings.services)}
    counters = {c.number: c.name for c in settings.counters}

    def row(kind: str, target: str, n: int) -> tuple[tuple[object, ...], TransferRow]:
        if kind == "service":
            order, name = services.get(target, (len(services), target))
            return (0, order, target), TransferRow(kind, target, name, n)
        if kind == "counter":
            number = int(target) if target.isdigit() else -1
            name = counters.get(number, f"Counter {target}")
            return (1, number, target), TransferRow(kind, target, name, n)
        name = data.names.get(target, target)
        return (2, 0, name.lower()), TransferRow(kind, target, name, n)

    keyed = [row(kind, target, n) for (kind, target), n in data.transfers.items()]
    return tuple(r for _, r in sorted(keyed, key=lambda item: item[0]))


def day_report(ctx: QueueContext, actor: Actor, date: dt.date) -> PeriodReport:
    """The report of one business day."""
    return _report(ctx, actor, "day", date, date)


def month_report(ctx: QueueContext, actor: Actor, year: int, month: int) -> PeriodReport:
    """The report of a calendar month (every figure over all its tickets, not day means)."""
    return _report(ctx, actor, "month", *month_bounds(year, month))


# -- exports --------------------------------------------------------------------------------


def _num(value: float | None) -> float | str:
    return "" if value is None else round(value, 1)


def _durations_json(d: Durations) -> dict[str, Any]:
    return {
        "count": d.count,
        "mean_minutes": None if d.mean is None else round(d.mean, 2),
        "p90_minutes": None if d.p90 is None else round(d.p90, 2),
    }


def _handler_json(h: HandlerRow) -> dict[str, Any]:
    return {
        "key": h.key,
        "name": h.name,
        "served": h.served,
        "no_shows": h.no_shows,
        "service_time": _durations_json(h.service),
    }


def to_json(report: PeriodReport) -> dict[str, Any]:
    recap = report.recap
    return {
        "kind": report.kind,
        "start": report.start.isoformat(),
        "end": report.end.isoformat(),
        "made_at": report.made_at.isoformat(),
        "office": report.office,
        "totals": {
            "issued": report.issued,
            "served": report.served,
            "no_shows": report.no_shows,
            "cancelled": report.cancelled,
            "open": report.open_tickets,
            "booking_failure_walk_in": report.booking_failure,
        },
        "transfers": {
            "total": report.transferred,
            "by_target": [
                {"to": r.kind, "target": r.target, "name": r.name, "transfers": r.transfers}
                for r in report.transfers
            ],
        },
        "wait": _durations_json(report.wait),
        "service_time": _durations_json(report.service),
        "by_service_channel": [
            {
                "service": r.service,
                "channel": r.channel,
                "issued": r.issued,
                "served": r.served,
                "no_shows": r.no_shows,
                "cancelled": r.cancelled,
            }
            for r in report.by_service_channel
        ],
        "counters": [_handler_json(h) for h in report.counters],
        "officers": [_handler_json(h) for h in report.officers],
        "arrivals_by_hour": {f"{h:02d}": n for h, n in report.arrivals_by_hour},
        "quotas": [
            {"service": q.service, "channel": q.channel, "quota": q.quota, "issued": q.issued}
            for q in report.quotas
        ],
        "complaints": dict(report.complaints),
        "complaints_by_month": {"year": recap.year, "counts": recap.counts},
    }


def table_sections(report: PeriodReport) -> list[tuple[str, list[str], list[list[object]]]]:
    """The report as titled tables (title, header, rows): the CSV, the console and the PDF
    show the same tables."""
    w, s = report.wait, report.service
    recap = report.recap
    return [
        (
            "Summary",
            ["figure", "value"],
            [
                ["period", report.start.isoformat() if report.kind == "day" else report.label],
                ["issued", report.issued],
                ["served", report.served],
                ["no-shows", report.no_shows],
                ["cancelled", report.cancelled],
                ["still open", report.open_tickets],
                ["walk-in after failed online bookings", report.booking_failure],
                ["transfers", report.transferred],
                ["wait mean (min)", _num(w.mean)],
                ["wait p90 (min)", _num(w.p90)],
                ["service time mean (min)", _num(s.mean)],
                ["service time p90 (min)", _num(s.p90)],
            ],
        ),
        (
            "Tickets by service and channel",
            ["service", "channel", "issued", "served", "no-shows", "cancelled"],
            [
                [r.service, r.channel, r.issued, r.served, r.no_shows, r.cancelled]
                for r in report.by_service_channel
            ],
        ),
        (
            "Per counter",
            ["counter", "name", "served", "no-shows", "service mean (min)", "service p90 (min)"],
            [
                [h.key, h.name, h.served, h.no_shows, _num(h.service.mean), _num(h.service.p90)]
                for h in report.counters
            ],
        ),
        (
            "Per officer",
            ["officer", "name", "served", "no-shows", "service mean (min)", "service p90 (min)"],
            [
                [h.key, h.name, h.served, h.no_shows, _num(h.service.mean), _num(h.service.p90)]
                for h in report.officers
            ],
        ),
        (
            "Arrivals per hour",
            ["hour", "tickets"],
            [[f"{h:02d}:00", n] for h, n in report.arrivals_by_hour],
        ),
        (
            "Quota use",
            ["service", "channel", "quota", "issued", "use %"],
            [
                [q.service, q.channel, q.quota, q.issued, round(q.share * 100, 1)]
                for q in report.quotas
            ],
        ),
        (
            "Complaints in the period",
            ["category", "complaints"],
            [[c, n] for c, n in report.complaints],
        ),
        (
            f"Complaints by category and month, {recap.year}",
            ["category", *MONTHS, "total"],
            [[c, *recap.counts[c], recap.total_of(c)] for c in recap.counts]
            + [["total", *(recap.month_total(m) for m in range(1, 13)), recap.total]],
        ),
        (
            "Transfers",
            ["to", "target", "name", "transfers"],
            [[r.kind, r.target, r.name, r.transfers] for r in report.transfers],
        ),
    ]


def to_csv(report: PeriodReport) -> str:
    """Every table, one after the other: a title line, a header, the rows, an empty line.
    Cells that start like a formula are made text (see ``safe_cell``)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([safe_cell(report.title), safe_cell(report.office)])
    writer.writerow([])
    for title, header, rows in table_sections(report):
        writer.writerow([safe_cell(title)])
        writer.writerow([safe_cell(h) for h in header])
        for row in rows:
            writer.writerow([safe_cell(v) for v in row])
        writer.writerow([])
    return out.getvalue()
