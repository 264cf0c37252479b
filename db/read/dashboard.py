"""Read-only figures for the console: a counter's line, today's no-shows, the supervisor's
dashboard and the kiosks' heartbeats. Nothing here changes the queue.

Waiting time of a ticket: from its issue (or booking check-in) to its first call, taken
from the ticket's ``issued_at`` and its first ``called`` event. The 90th percentile is the
nearest-rank one: the smallest wait that at least 90 % of the called tickets did not
exceed (sorted waits, index ``ceil(0.9 * n) - 1``)."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter as Tally
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from config.loader import office_identity
from config.settings import Channel
from db.context import QueueContext
from db.models import (
    AuditRecord,
    CounterRow,
    CounterState,
    EventKind,
    KioskHeartbeat,
    Officer,
    Ticket,
    TicketEvent,
    TicketStatus,
)
from db.read.day_overrides import counter_today
from db.read.estimate import waiting_of, waiting_tickets
from db.read.queue_state import counter_settings, current_at, recent_channels
from db.read.stats import nearest_rank
from db.rules.policy import eligible, rank, waited_minutes

SILENT_MINUTES = 5


@dataclass(frozen=True)
class LineEntry:
    """One waiting ticket in a counter's line, in the order "call next" would call."""

    position: int
    ticket_id: int
    number: str
    service: str
    channel: Channel
    priority_reason: str | None
    slot_start: dt.datetime | None
    queued_at: dt.datetime
    waited_minutes: float
    put_back: bool = False  # a no-show put back in line
    sent_here: bool = False  # transferred to this counter: no other counter calls it


@dataclass(frozen=True)
class NoShowEntry:
    ticket_id: int
    number: str
    service: str
    channel: Channel
    counter: int | None
    no_show_at: dt.datetime | None
    issued_at: dt.datetime | None = None


def counter_line(ctx: QueueContext, counter: int) -> list[LineEntry]:
    """The waiting tickets counter ``counter`` may call today, in the policy's order (those
    sent to another counter are not in it)."""
    counter_settings(ctx, counter)
    now = ctx.now()
    with ctx.db.read() as session:
        config = counter_today(session, ctx, counter)
        recent = recent_channels(session, ctx, counter)
        tickets = {t.id: t for t in waiting_tickets(session, ctx.today(), config.services)}
        put_back = _put_back(session, list(tickets))
    line = eligible(
        (waiting_of(t) for t in tickets.values()), config.services, config.channels, counter
    )
    ordered = rank(line, now, ctx.settings.call_policy, recent)
    result = []
    for i, w in enumerate(ordered, start=1):
        t = tickets[w.ticket_id]
        result.append(
            LineEntry(
                i,
                t.id,
                t.number,
                t.service_code,
                Channel(t.channel),
                t.priority_reason,
                t.slot_start,
                t.queued_at,
                max(0.0, waited_minutes(w, now)),
                t.id in put_back,
                w.only_at == counter,
            )
        )
    return result


def _put_back(session: Session, ticket_ids: list[int]) -> set[int]:
    """Which of these tickets were put back in line after a no-show."""
    if not ticket_ids:
        return set()
    return set(
        session.scalars(
            select(TicketEvent.ticket_id).where(
                TicketEvent.ticket_id.in_(ticket_ids), TicketEvent.kind == EventKind.REQUEUED
            )
        )
    )


def no_shows_today(ctx: QueueContext, services: list[str] | None = None) -> list[NoShowEntry]:
    """Today's no-shows that can be put back in line, latest first."""
    query = select(Ticket).where(
        Ticket.business_day == ctx.today(), Ticket.status == TicketStatus.NO_SHOW
    )
    if services is not None:
        query = query.where(Ticket.service_code.in_(services))
    with ctx.db.read() as session:
        rows = session.scalars(query.order_by(Ticket.no_show_at.desc(), Ticket.id.desc())).all()
        return [
            NoShowEntry(
                t.id,
                t.number,
                t.service_code,
                Channel(t.channel),
                t.counter_number,
                t.no_show_at,
                t.issued_at,
            )
            for t in rows
        ]


@dataclass(frozen=True)
class CounterOnDuty:
    """A counter someone is signed in at (open, or paused for a break): where a ticket may
    be transferred to, by counter or by the officer at it."""

    number: int
    name: str
    state: CounterState
    services: tuple[str, ...]
    channels: tuple[Channel, ...]
    officer: str | None  # username
    officer_name: str | None
    changed_at: dt.datetime | None

    def takes(self, service: str, channel: Channel) -> bool:
        return service in self.services and channel in self.channels


def counters_on_duty(ctx: QueueContext) -> list[CounterOnDuty]:
    """The open and paused counters with the officer signed in at each, settings order."""
    with ctx.db.read() as session:
        rows = {
            r.number: r
            for r in session.scalars(
                select(CounterRow).where(
                    CounterRow.state.in_((CounterState.OPEN, CounterState.PAUSED))
                )
            )
        }
        officers = {
            oid: (user, name or user)
            for oid, user, name, active in session.execute(
                select(Officer.id, Officer.username, Officer.display_name, Officer.active)
            ).all()
            if active
        }
    result = []
    for config in ctx.settings.counters:
        row = rows.get(config.number)
        if row is None:
            continue
        user, name = officers.get(row.officer_id, (None, None)) if row.officer_id else (None, None)
        result.append(
            CounterOnDuty(
                config.number,
                config.name,
                CounterState(row.state),
                tuple(config.services),
                tuple(config.channels),
                user,
                name,
                row.changed_at,
            )
        )
    return result


@dataclass(frozen=True)
class CounterFigures:
    number: int
    name: str
    state: CounterState
    officer: str | None
    current: str | None  # the ticket called or being served there
    served: int


@dataclass(frozen=True)
class Dashboard:
    business_day: dt.date
    at: dt.datetime
    waiting: dict[str, int]  # service code -> tickets waiting now
    issued: int
    served: int
    no_shows: int
    cancelled: int
    called: int  # tickets called at least once today (the wait figures' sample)
    mean_wait_minutes: float | None
    p90_wait_minutes: float | None
    counters: list[CounterFigures] = field(default_factory=list)

    @property
    def waiting_total(self) -> int:
        return sum(self.waiting.values())

    @property
    def counters_open(self) -> int:
        return sum(1 for c in self.counters if c.state == CounterState.OPEN)


def percentile_nearest_rank(values: list[float], pct: float) -> float | None:
    """The nearest-rank percentile, or None for a day with no sample yet."""
    return nearest_rank(values, pct) if values else None


def dashboard(ctx: QueueContext) -> Dashboard:
    day = ctx.today()
    now = ctx.now()
    with ctx.db.read() as session:
        by_status: dict[str, int] = {
            str(s): int(n)
            for s, n in session.execute(
                select(Ticket.status, func.count(Ticket.id))
                .where(Ticket.business_day == day)
                .group_by(Ticket.status)
            ).all()
        }
        waiting = {s.code: 0 for s in ctx.settings.services}
        for service, n in session.execute(
            select(Ticket.service_code, func.count(Ticket.id))
            .where(Ticket.business_day == day, Ticket.status == TicketStatus.WAITING)
            .group_by(Ticket.service_code)
        ).all():
            waiting[service] = int(n)
        first_calls = session.execute(
            select(Ticket.issued_at, func.min(TicketEvent.at))
            .join(TicketEvent, TicketEvent.ticket_id == Ticket.id)
            .where(Ticket.business_day == day, TicketEvent.kind == EventKind.CALLED)
            .group_by(Ticket.id, Ticket.issued_at)
        ).all()
        waits = [max(0.0, (called - issued).total_seconds() / 60) for issued, called in first_calls]
        served_at: Tally[int] = Tally(
            {
                counter: int(n)
                for counter, n in session.execute(
                    select(TicketEvent.counter_number, func.count(TicketEvent.id))
                    .join(Ticket, Ticket.id == TicketEvent.ticket_id)
                    .where(
                        Ticket.business_day == day,
                        TicketEvent.kind == EventKind.COMPLETED,
                        TicketEvent.counter_number.is_not(None),
                    )
                    .group_by(TicketEvent.counter_number)
                ).all()
                if counter is not None
            }
        )
        rows = {r.number: r for r in session.scalars(select(CounterRow))}
        names = {
            oid: name or user
            for oid, user, name in session.execute(
                select(Officer.id, Officer.username, Officer.display_name)
            ).all()
        }
        counters = []
        for config in ctx.settings.counters:
            row = rows.get(config.number)
            state = CounterState(row.state) if row else CounterState.CLOSED
            officer_id = row.officer_id if row else None
            current = current_at(session, ctx, config.number)
            counters.append(
                CounterFigures(
                    config.number,
                    config.name,
                    state,
                    names.get(officer_id) if officer_id is not None else None,
                    current.number if current is not None else None,
                    served_at.get(config.number, 0),
                )
            )
    return Dashboard(
        business_day=day,
        at=now,
        waiting=waiting,
        issued=sum(by_status.values()),
        served=by_status.get(TicketStatus.DONE, 0),
        no_shows=by_status.get(TicketStatus.NO_SHOW, 0),
        cancelled=by_status.get(TicketStatus.CANCELLED, 0),
        called=len(waits),
        mean_wait_minutes=sum(waits) / len(waits) if waits else None,
        p90_wait_minutes=percentile_nearest_rank(waits, 90),
        counters=counters,
    )


@dataclass(frozen=True)
class KioskStatus:
    """A device's last heartbeat. ``kind``: kiosk, display or console. ``office`` and
    ``database``: what the device's own settings name (empty when it did not say);
    ``other_office`` / ``other_database``: they differ from this PC's settings, so the
    office's PCs do not share one configuration (a PC may be writing to another queue)."""

    kiosk_id: str
    seen_at: dt.datetime
    silent_minutes: float
    printer_online: bool | None
    paper: str
    cover_open: bool | None
    scanner: str
    detail: str
    silent: bool
    kind: str = "kiosk"
    office: str = ""
    database: str = ""
    other_office: bool = False
    other_database: bool = False

    @property
    def paper_out(self) -> bool:
        return self.paper == "out"

    @property
    def paper_near_end(self) -> bool:
        return self.paper == "near_end"

    @property
    def alerts(self) -> list[str]:
        """What a supervisor must act on, in words, most urgent first."""
        found = []
        if self.other_database:
            found.append(f"settings name another database: {self.database}")
        if self.other_office:
            found.append(f"settings of another office: {self.office}")
        if self.silent:
            found.append(f"silent for {int(self.silent_minutes)} min")
        if self.paper_out:
            found.append("out of paper")
        elif self.paper_near_end:
            found.append("paper nearly out")
        if self.printer_online is False:
            found.append("printer offline")
        if self.cover_open:
            found.append("printer cover open")
        return found


def kiosk_status(
    ctx: QueueContext, silent_after_minutes: int = SILENT_MINUTES
) -> list[KioskStatus]:
    """Every device's last heartbeat. A console's silence is no alert (consoles close at the
    end of a shift); a kiosk's or a display's is."""
    now = ctx.now()
    with ctx.db.read() as session:
        rows = session.scalars(select(KioskHeartbeat).order_by(KioskHeartbeat.kiosk_id)).all()
    own = office_identity(ctx.settings)
    result = []
    for r in rows:
        silent = max(0.0, (now - r.seen_at).total_seconds() / 60)
        detail = r.detail or ""
        try:  # kiosks may send JSON; show it compactly
            parsed = json.loads(detail) if detail.startswith("{") else None
        except ValueError:
            parsed = None
        said: dict[str, str] = {}
        if isinstance(parsed, dict):
            said = {k: str(parsed.pop(k, "") or "") for k in ("kind", "office", "database")}
            detail = ", ".join(f"{k}: {v}" for k, v in parsed.items())
        kind = said.get("kind") or "kiosk"
        office, database = said.get("office", ""), said.get("database", "")
        result.append(
            KioskStatus(
                r.kiosk_id,
                r.seen_at,
                silent,
                r.printer_online,
                r.paper,
                r.cover_open,
                r.scanner,
                detail,
                silent > silent_after_minutes and kind != "console",
                kind=kind,
                office=office,
                database=database,
                other_office=bool(office) and office != own["office"],
                other_database=bool(database) and database != own["database"],
            )
        )
    return result


@dataclass(frozen=True)
class TicketRow:
    id: int
    number: str
    service: str
    channel: Channel
    status: TicketStatus
    issued_at: dt.datetime
    counter: int | None
    kiosk_id: str | None
    print_state: str


def tickets_today(ctx: QueueContext, search: str = "", limit: int = 200) -> list[TicketRow]:
    """Today's tickets, newest first; ``search`` matches the number (``A-02``, ``23``)."""
    query = select(Ticket).where(Ticket.business_day == ctx.today())
    text = search.strip().upper()
    if text:
        query = query.where(Ticket.number.contains(text))
    with ctx.db.read() as session:
        rows = session.scalars(query.order_by(Ticket.id.desc()).limit(limit)).all()
        return [
            TicketRow(
                t.id,
                t.number,
                t.service_code,
                Channel(t.channel),
                TicketStatus(t.status),
                t.issued_at,
                t.counter_number,
                t.kiosk_id,
                t.print_state,
            )
            for t in rows
        ]


# A nightly backup is late when the last one is older than a day and a couple of hours.
BACKUP_LATE_HOURS = 26


@dataclass(frozen=True)
class BackupStatus:
    """The office's last recorded backup (``loket-db backup``), for the devices page."""

    at: dt.datetime | None
    file: str = ""
    size_bytes: int = 0
    copied_to: str = ""
    copy_error: str = ""
    age_hours: float | None = None

    @property
    def alerts(self) -> list[str]:
        if self.at is None or self.age_hours is None:
            return ["no backup recorded"]
        found = []
        if self.age_hours > BACKUP_LATE_HOURS:
            found.append(f"last backup {int(self.age_hours)} hours ago")
        if self.copy_error:
            found.append(f"backup copy failed: {self.copy_error}")
        return found


def backup_status(ctx: QueueContext) -> BackupStatus:
    with ctx.db.read() as session:
        row = session.scalars(
            select(AuditRecord)
            .where(AuditRecord.action == "backup")
            .order_by(AuditRecord.id.desc())
            .limit(1)
        ).first()
    if row is None:
        return BackupStatus(None)
    try:
        detail = json.loads(row.detail or "{}")
    except ValueError:
        detail = {}
    age = max(0.0, (ctx.now() - row.at).total_seconds() / 3600)
    return BackupStatus(
        row.at,
        row.target,
        int(detail.get("size", 0) or 0),
        str(detail.get("copied_to", "") or ""),
        str(detail.get("copy_error", "") or ""),
        age,
    )
