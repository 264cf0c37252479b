"""The figures of a simulated day, read back from the database's tickets and events.

Waiting time is from the ticket's issue (or check-in), or from opening time for a ticket
issued before the counters open, to its first "called" event (the moment the applicant sees
the number on the display): before opening no policy can call anyone, so the dawn crowd's
hour before opening would only add the same constant to every policy. The estimate printed
on the ticket is compared with the wait from the issue itself, which is what it promises.
Figures come from the events the queue operations wrote, not from the simulation's own
bookkeeping, so they measure what the office's reports would show; only counter
utilisation uses the loop's staffing log (breaks are not events of a ticket).
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import select

from config.settings import Channel
from db.engine import Database
from db.models import EventKind, Ticket, TicketEvent, TicketStatus
from db.read.stats import nearest_rank
from db.sim.engine import DayRun

ON_TIME_MINUTES = 15
# The office's promise to booked applicants (the deadline policy's default).
PROMISE_MINUTES = 30
ESTIMATE_TOLERANCE = 10
# A "called" event is legal only from the waiting state, reached by these events.
_BACK_IN_LINE = {EventKind.ISSUED, EventKind.CHECKED_IN, EventKind.REQUEUED, EventKind.TRANSFERRED}


@dataclass(frozen=True)
class TicketOutcome:
    id: int
    number: str
    service: str
    channel: Channel
    reason: str | None
    issued_at: dt.datetime
    slot_start: dt.datetime | None
    first_called_at: dt.datetime | None
    first_counter: int | None
    status: TicketStatus
    estimate: int | None
    requeued: bool
    open_at: dt.datetime

    @property
    def wait(self) -> float | None:
        """Minutes from issue (or opening, if later) to the first call."""
        if self.first_called_at is None:
            return None
        return (self.first_called_at - max(self.issued_at, self.open_at)).total_seconds() / 60

    @property
    def wait_from_issue(self) -> float | None:
        if self.first_called_at is None:
            return None
        return (self.first_called_at - self.issued_at).total_seconds() / 60

    @property
    def place(self) -> dt.datetime:
        """Place in line as the policy defines it: bookings by the later of slot and arrival."""
        if self.slot_start is not None:
            return max(self.issued_at, self.slot_start)
        return self.issued_at


@dataclass(frozen=True)
class WaitStats:
    n: int
    mean: float
    p90: float
    max: float

    @classmethod
    def of(cls, waits: list[float]) -> WaitStats:
        if not waits:
            return cls(0, math.nan, math.nan, math.nan)
        return cls(len(waits), sum(waits) / len(waits), percentile(waits, 90), max(waits))


@dataclass(frozen=True)
class DayFigures:
    label: str
    tickets: int
    turned_away: int
    waits: dict[Channel, list[float]]
    per_channel: dict[Channel, WaitStats]
    bookings_on_time: float
    bookings_on_time_n: int
    bookings_in_promise: float
    priority_max_wait: float
    overtakes_arrival: int
    overtakes_place: int
    utilisation: float
    utilisation_min: float
    utilisation_max: float
    estimate_mae: float
    estimate_within: float
    served: int
    no_shows: int
    unresolved: list[str]
    illegal_calls: list[str]
    last_done: dt.datetime
    wall_seconds: float
    outcomes: list[TicketOutcome] = field(repr=False, default_factory=list)


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (``q`` in 0..100) of a non-empty sample."""
    return nearest_rank(values, q)


def load_outcomes(run: DayRun) -> tuple[list[TicketOutcome], list[str]]:
    """Every ticket of the day with its first call, and the tickets called illegally (a
    call while not waiting: called twice)."""
    db = Database(f"sqlite:///{run.db_path}")
    try:
        with db.read() as session:
            tickets = list(
                session.scalars(
                    select(Ticket)
                    .where(Ticket.business_day == run.scenario.date)
                    .order_by(Ticket.id)
                )
            )
            events: dict[int, list[TicketEvent]] = defaultdict(list)
            for event in session.scalars(select(TicketEvent).order_by(TicketEvent.id)):
                events[event.ticket_id].append(event)
    finally:
        db.dispose()
    outcomes, illegal = [], []
    for t in tickets:
        first: TicketEvent | None = None
        waiting = False
        requeued = False
        for event in events[t.id]:
            if event.kind in _BACK_IN_LINE:
                waiting = True
                requeued = requeued or event.kind == EventKind.REQUEUED
            elif event.kind == EventKind.CALLED:
                if not waiting:
                    illegal.append(t.number)
                waiting = False
                first = first or event
        outcomes.append(
            TicketOutcome(
                t.id, t.number, t.service_code, Channel(t.channel), t.priority_reason,
                t.issued_at, t.slot_start, first.at if first else None,
                first.counter_number if first else None, TicketStatus(t.status),
                t.estimated_wait_at_issue, requeued, run.open_at,
            )
        )  # fmt: skip
    return outcomes, illegal


def _overtakes(outcomes: list[TicketOutcome], by_place: bool) -> int:
    """Pairs of the same service and channel where the later one was called first."""
    groups: dict[tuple[str, Channel], list[TicketOutcome]] = defaultdict(list)
    for o in outcomes:
        if o.first_called_at is not None:
            groups[(o.service, o.channel)].append(o)
    count = 0
    for group in groups.values():
        group.sort(key=lambda o: ((o.place if by_place else o.issued_at), o.id))
        for i, early in enumerate(group):
            assert early.first_called_at is not None
            start = early.place if by_place else early.issued_at
            for late in group[i + 1 :]:
                assert late.first_called_at is not None
                if (late.place if by_place else late.issued_at) == start:
                    continue
                if late.first_called_at < early.first_called_at:
                    count += 1
    return count


def day_figures(run: DayRun) -> DayFigures:
    outcomes, illegal = load_outcomes(run)
    waits: dict[Channel, list[float]] = {c: [] for c in Channel}
    for o in outcomes:
        if o.wait is not None:
            waits[o.channel].append(o.wait)
    on_time = [
        o
        for o in outcomes
        if o.channel == Channel.BOOKING and o.slot_start and o.issued_at <= o.slot_start
    ]

    def called_within(minutes: int) -> list[TicketOutcome]:
        return [
            o
            for o in on_time
            if o.first_called_at is not None
            and o.first_called_at - o.slot_start <= dt.timedelta(minutes=minutes)  # type: ignore[operator]
        ]

    in_window = called_within(ON_TIME_MINUTES)
    in_promise = called_within(PROMISE_MINUTES)
    errors = [
        abs(o.estimate - o.wait_from_issue)
        for o in outcomes
        if o.estimate is not None and o.wait_from_issue is not None
    ]
    shares = [
        log.busy_minutes / staffed
        for log in run.counters.values()
        if (staffed := log.staffed_minutes(max(run.last_done, run.close_at))) > 0
    ]
    finished = {TicketStatus.DONE, TicketStatus.NO_SHOW}
    return DayFigures(
        label=run.label,
        tickets=len(outcomes),
        turned_away=len(run.turned_away),
        waits=waits,
        per_channel={c: WaitStats.of(w) for c, w in waits.items()},
        bookings_on_time=len(in_window) / len(on_time) if on_time else math.nan,
        bookings_in_promise=len(in_promise) / len(on_time) if on_time else math.nan,
        bookings_on_time_n=len(on_time),
        priority_max_wait=max(waits[Channel.PRIORITY], default=math.nan),
        overtakes_arrival=_overtakes(outcomes, by_place=False),
        overtakes_place=_overtakes(outcomes, by_place=True),
        utilisation=sum(shares) / len(shares) if shares else math.nan,
        utilisation_min=min(shares, default=math.nan),
        utilisation_max=max(shares, default=math.nan),
        estimate_mae=sum(errors) / len(errors) if errors else math.nan,
        estimate_within=(
            sum(e <= ESTIMATE_TOLERANCE for e in errors) / len(errors) if errors else math.nan
        ),
        served=sum(o.status == TicketStatus.DONE for o in outcomes),
        no_shows=sum(o.status == TicketStatus.NO_SHOW for o in outcomes),
        unresolved=[o.number for o in outcomes if o.status not in finished],
        illegal_calls=illegal,
        last_done=run.last_done,
        wall_seconds=run.wall_seconds,
        outcomes=outcomes,
    )
