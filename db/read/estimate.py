"""Estimated wait: the office's own call policy run forward from the queue as it stands.

The estimate is a small simulation, repeated over many runs with different dice:

- the line: today's waiting tickets, ranked by the office's call policy (``db/rules/policy.py``)
  as it will stand around the time the ticket is called (ranked once at ``now``, then again
  at the first pass's median call time: bookings whose session starts meanwhile move up);
- the counters: open ones are free now or when their current applicant is done (the
  remaining service time drawn from the measured ones, given how long it has lasted);
  paused ones after a break; before opening (nobody open yet) every configured counter
  opens at opening time; a ticket whose counters are all closed waits for the configured
  ones as if they opened;
- the people ahead, each served in policy order by the first free counter that may serve
  them, for a service time drawn from the last ``estimate.history_days`` days of measured
  times of that service (scaled per counter when the counter has enough of its own), or
  the configured minutes until there are enough; a share of them are no-shows (per
  channel, from the same days) who hold the counter only for the recall and no-show.

The runs give the median and an 80 % range (10th to 90th percentile). Rules every estimate
keeps: never before opening for a ticket issued before it; a booking is never estimated to
be called before its session starts; durations across a clock set back (negative, or
held at zero by the queue's clock that never runs back) are ignored; a service and channel
no counter serves has no estimate (None).

Everything here reads, never writes: the callers compute it before their write transaction.
"""

from __future__ import annotations

import datetime as dt
import math
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from config.settings import CallPolicy, Channel, Service
from db.context import QueueContext
from db.models import CounterRow, CounterState, Ticket, TicketStatus
from db.rules.policy import Waiting, rank

if TYPE_CHECKING:  # numpy is imported where the estimate runs: most processes never do
    import numpy as np

SAMPLES = 20
MIN_SAMPLES = 3
NEW_TICKET_ID = 2**62  # stands for the ticket being issued while it has no id yet
# A counter with this many own measured times of a service gets its own speed for it.
COUNTER_SAMPLES = 10
# Relearn the history at most this often (queue time), and whenever the clock goes back.
RELEARN_MINUTES = 5.0
# Shorter measured services (or negative ones) are a clock set back, not a service.
SHORTEST = 0.25
# History rows read at most (newest first).
HISTORY_ROWS = 5000

__all__ = [
    "NEW_TICKET_ID",
    "WaitEstimate",
    "estimate_for_new_ticket",
    "expected_calls",
    "format_wait",
    "service_minutes",
    "wait_estimate",
    "waiting_line",
    "waiting_of",
    "waiting_tickets",
]


# --- what the ticket shows -----------------------------------------------------------------


@dataclass(frozen=True)
class WaitEstimate:
    """Minutes from now until the ticket is called: median and 80 % range."""

    people_ahead: int
    median: float
    low: float
    high: float

    @property
    def minutes(self) -> int:
        """The median in whole minutes (what is stored with the ticket)."""
        return max(0, math.ceil(self.median - 1e-9))

    def text(self, language: str = "id") -> str:
        """The range as the ticket prints it: "25-40 menit", "sekitar 1 jam"."""
        return format_wait(self.low, self.high, language)


def format_wait(low: float, high: float, language: str = "id") -> str:
    """A waiting range in words: 5-minute steps; an hour or more in half hours.

    >>> format_wait(27, 38)
    '25-40 menit'
    >>> format_wait(52, 71, "en")
    'about 1 hour'
    """
    en = language == "en"
    low, high = max(0.0, low), max(0.0, high, low)
    if high < 5:
        return "under 5 min" if en else "kurang dari 5 menit"
    if (low + high) / 2 >= 50:
        hours = round((low + high) / 2 / 30) / 2
        shown = f"{hours:g}" if en else f"{hours:g}".replace(".", ",")
        if en:
            return f"about {shown} hour" + ("" if hours == 1 else "s")
        return f"sekitar {shown} jam"
    lo = 5 * math.floor(low / 5)
    hi = max(5 * math.ceil(high / 5), lo + 5)
    return f"{lo}-{hi} min" if en else f"{lo}-{hi} menit"


# --- the line as the policy sees it --------------------------------------------------------


def waiting_of(ticket: Ticket) -> Waiting:
    return Waiting(
        ticket_id=ticket.id,
        service=ticket.service_code,
        channel=Channel(ticket.channel),
        queued_at=ticket.queued_at,
        slot_start=ticket.slot_start,
    )


def waiting_tickets(session: Session, day: dt.date, services: Sequence[str]) -> list[Ticket]:
    return list(
        session.scalars(
            select(Ticket).where(
                Ticket.business_day == day,
                Ticket.status == TicketStatus.WAITING,
                Ticket.service_code.in_(services),
            )
        )
    )


def waiting_line(session: Session, day: dt.date, services: Sequence[str]) -> list[Waiting]:
    """Today's waiting tickets of these services as the policy sees them. Plain columns,
    not ORM objects: the line is read on every issue and every call, and can be long."""
    rows = session.execute(
        select(
            Ticket.id, Ticket.service_code, Ticket.channel, Ticket.queued_at, Ticket.slot_start
        ).where(
            Ticket.business_day == day,
            Ticket.status == TicketStatus.WAITING,
            Ticket.service_code.in_(services),
        )
    ).all()
    # (The columns keep their type: times come back zone-aware, as the policy needs.)
    return [
        Waiting(ticket_id, service, Channel(channel), queued_at, slot_start)
        for ticket_id, service, channel, queued_at, slot_start in rows
    ]


def _minutes(delta: dt.timedelta) -> float:
    return delta.total_seconds() / 60.0


def service_minutes(session: Session, service: Service, day: dt.date) -> float:
    """Mean of today's last service times of this service, or the configured minutes until
    there are enough of them."""
    rows = session.execute(
        select(Ticket.serving_at, Ticket.done_at)
        .where(
            Ticket.business_day == day,
            Ticket.service_code == service.code,
            Ticket.status == TicketStatus.DONE,
            Ticket.serving_at.is_not(None),
        )
        .order_by(Ticket.done_at.desc())
        .limit(SAMPLES)
    ).all()
    # A duration across a clock set back comes out negative: it measures nothing.
    durations = [_minutes(done - start) for start, done in rows if start and done and done >= start]
    if len(durations) < MIN_SAMPLES:
        return service.minutes_per_applicant
    return sum(durations) / len(durations)


# --- what the last days taught -------------------------------------------------------------


@dataclass
class History:
    """Measured service times, walk-up time and no-shows of the last days."""

    learned_at: dt.datetime
    day: dt.date
    # service code -> measured minutes (from "serving" to "done")
    durations: dict[str, np.ndarray] = field(default_factory=dict)
    # (service, counter) -> the counter's median over the service's median
    counter_speed: dict[tuple[str, int], float] = field(default_factory=dict)
    walk_up: float = 0.0
    no_show: dict[Channel, float] = field(default_factory=dict)
    no_show_minutes: float = 3.0


_HISTORY: dict[tuple[int, str], History] = {}


def learn(session: Session, ctx: QueueContext, now: dt.datetime) -> History:
    """The last ``estimate.history_days`` days (today included), relearnt every few minutes."""
    import numpy as np

    day = ctx.calendar.business_day(now)
    key = (id(ctx), str(ctx.settings.database_url))
    cached = _HISTORY.get(key)
    if (
        cached is not None
        and cached.day == day
        and dt.timedelta(0) <= now - cached.learned_at < dt.timedelta(minutes=RELEARN_MINUTES)
    ):
        return cached
    first = day - dt.timedelta(days=ctx.settings.estimate.history_days)
    rows = session.execute(
        select(
            Ticket.service_code, Ticket.counter_number, Ticket.called_at, Ticket.serving_at,
            Ticket.done_at,
        )
        .where(
            Ticket.business_day >= first,
            Ticket.business_day <= day,
            Ticket.status == TicketStatus.DONE,
            Ticket.serving_at.is_not(None),
            Ticket.done_at.is_not(None),
        )
        .order_by(Ticket.id.desc())
        .limit(HISTORY_ROWS)
    ).all()  # fmt: skip
    per_service: dict[str, list[float]] = {}
    per_counter: dict[tuple[str, int], list[float]] = {}
    walk_ups: list[float] = []
    for service, counter, called, serving, done in rows:
        minutes = _minutes(done - serving)
        if minutes < SHORTEST:  # across a clock set back (queue time held still): nothing
            continue
        per_service.setdefault(service, []).append(minutes)
        if counter is not None:
            per_counter.setdefault((service, counter), []).append(minutes)
        if called is not None and 0 <= _minutes(serving - called) <= 15:
            walk_ups.append(_minutes(serving - called))
    history = History(learned_at=now, day=day)
    for service, values in per_service.items():
        if len(values) >= MIN_SAMPLES:
            history.durations[service] = np.asarray(values)
    for (service, counter), values in per_counter.items():
        if len(values) >= COUNTER_SAMPLES and service in history.durations:
            overall = float(np.median(history.durations[service]))
            if overall > 0:
                history.counter_speed[(service, counter)] = float(np.median(values)) / overall
    if len(walk_ups) >= MIN_SAMPLES:
        history.walk_up = float(np.mean(walk_ups))
    called = session.execute(
        select(Ticket.channel, Ticket.status, func.count())
        .where(
            Ticket.business_day >= first,
            Ticket.business_day <= day,
            Ticket.called_at.is_not(None),
            Ticket.status.in_([TicketStatus.DONE, TicketStatus.NO_SHOW]),
        )
        .group_by(Ticket.channel, Ticket.status)
    ).all()
    totals: dict[Channel, list[int]] = {}
    for channel, status, count in called:
        entry = totals.setdefault(Channel(channel), [0, 0])
        entry[0] += count
        if status == TicketStatus.NO_SHOW:
            entry[1] += count
    for channel, (total, shows) in totals.items():
        if total >= 20:
            history.no_show[channel] = shows / total
    _HISTORY[key] = history
    return history


# --- the forward simulation ----------------------------------------------------------------


@dataclass
class _State:
    now: dt.datetime
    line: list[Waiting]
    # counter number -> index into the arrays below
    index: dict[int, int]
    # (runs, counters): minutes from now until each counter is free
    free: np.ndarray
    # counters that will call (open or paused, or all before anyone opened)
    staffed: np.ndarray
    open_in: float  # minutes until opening (0 when open)


def _counter_state(
    session: Session, ctx: QueueContext, history: History, now: dt.datetime,
    rng: np.random.Generator, runs: int,
) -> tuple[dict[int, int], np.ndarray, np.ndarray, float]:  # fmt: skip
    import numpy as np

    day = ctx.calendar.business_day(now)
    info = ctx.calendar.day(day)
    open_in = 0.0
    if info.open_at is not None and now < info.open_at:
        open_in = _minutes(info.open_at - now)
    counters = ctx.settings.counters
    index = {c.number: i for i, c in enumerate(counters)}
    states: dict[int, str] = {}
    changed: dict[int, dt.datetime | None] = {}
    for number, state_, changed_at in session.execute(
        select(CounterRow.number, CounterRow.state, CounterRow.changed_at)
    ):
        states[number], changed[number] = state_, changed_at
    anyone = any(states.get(c.number) in (CounterState.OPEN, CounterState.PAUSED) for c in counters)
    free = np.full((runs, len(counters)), open_in)
    staffed = np.zeros(len(counters), dtype=bool)
    pause = ctx.settings.estimate.pause_minutes
    for c in counters:
        i = index[c.number]
        state = states.get(c.number, CounterState.CLOSED)
        if state == CounterState.OPEN:
            staffed[i] = True
        elif state == CounterState.PAUSED:
            staffed[i] = True
            since = changed.get(c.number)
            left = pause - (_minutes(now - since) if since is not None else 0.0)
            free[:, i] = max(open_in, min(max(left, 5.0), pause))
        elif not anyone:
            staffed[i] = True  # before anyone opened: the configured counters will
    busy = session.execute(
        select(Ticket.counter_number, Ticket.service_code, Ticket.status, Ticket.called_at,
               Ticket.serving_at)
        .where(
            Ticket.business_day == day,
            Ticket.status.in_([TicketStatus.CALLED, TicketStatus.SERVING]),
            Ticket.counter_number.is_not(None),
        )
    ).all()  # fmt: skip
    for number, service, status, called, serving in busy:
        i = index.get(number)
        if i is None:
            continue
        config = ctx.settings.service(service) if service in _codes(ctx) else None
        base = history.durations.get(service)
        if status == TicketStatus.SERVING and serving is not None:
            elapsed = max(0.0, _minutes(now - serving))
            remaining = _remaining(rng, base, config, elapsed, runs)
        else:
            elapsed = max(0.0, _minutes(now - called)) if called is not None else 0.0
            walk = max(0.0, history.walk_up - elapsed)
            remaining = walk + _draw(rng, base, config, runs)
        free[:, i] = np.maximum(free[:, i], remaining)
    return index, free, staffed, open_in


def _codes(ctx: QueueContext) -> set[str]:

    return {s.code for s in ctx.settings.services}


def _draw(
    rng: np.random.Generator, base: np.ndarray | None, service: Service | None, runs: int
) -> np.ndarray:
    import numpy as np

    if base is None:
        return np.full(runs, float(service.minutes_per_applicant if service else 5))
    return base[rng.integers(0, len(base), runs)]


def _remaining(
    rng: np.random.Generator, base: np.ndarray | None, service: Service | None, elapsed: float,
    runs: int,
) -> np.ndarray:  # fmt: skip
    """Time left of a service that has lasted ``elapsed`` minutes: drawn from the measured
    times longer than that; one minute when it has outlasted them all."""
    import numpy as np

    if base is None:
        planned = float(service.minutes_per_applicant if service else 5)
        return np.full(runs, max(planned - elapsed, 1.0))
    longer = base[base > elapsed]
    if len(longer) == 0:
        return np.full(runs, 1.0)
    return longer[rng.integers(0, len(longer), runs)] - elapsed


def _simulate(
    ctx: QueueContext,
    state: _State,
    history: History,
    order: list[Waiting],
    rng: np.random.Generator,
    stop: int | None,
) -> dict[int, np.ndarray]:
    """Minutes from now until each ticket in ``order`` is called, per run (stops after
    ``stop``). A ticket no staffed or configured counter may serve is left out."""
    import numpy as np

    settings = ctx.settings
    runs = state.free.shape[0]
    free = np.ascontiguousarray(state.free.T)  # (counters, runs)
    rows = np.arange(runs)
    if stop is not None:
        order = order[: next(i for i, w in enumerate(order) if w.ticket_id == stop) + 1]
    # Each ticket's service (or no-show) minutes per run, drawn at once per service.
    minutes = np.empty((len(order), runs))
    codes = _codes(ctx)
    by_service: dict[str, list[int]] = {}
    for k, w in enumerate(order):
        by_service.setdefault(w.service, []).append(k)
    for service, ks in by_service.items():
        base = history.durations.get(service)
        if base is None:
            config = settings.service(service) if service in codes else None
            minutes[ks] = float(config.minutes_per_applicant if config else 5)
        else:
            minutes[ks] = base[rng.integers(0, len(base), (len(ks), runs))]
    minutes += history.walk_up
    shares = np.array([history.no_show.get(w.channel, 0.0) for w in order])
    if shares.any():
        away = rng.random((len(order), runs)) < shares[:, None]
        minutes = np.where(away, history.no_show_minutes, minutes)
    speeds: dict[str, np.ndarray | None] = {}
    for service in by_service:
        if any(key[0] == service for key in history.counter_speed):
            speed = np.ones(len(settings.counters))
            for c in settings.counters:
                speed[state.index[c.number]] = history.counter_speed.get((service, c.number), 1.0)
            speeds[service] = speed
        else:
            speeds[service] = None
    eligible_cache: dict[tuple[str, Channel], np.ndarray] = {}
    result: dict[int, np.ndarray] = {}
    for k, w in enumerate(order):
        key = (w.service, w.channel)
        counters = eligible_cache.get(key)
        if counters is None:
            serving = [
                state.index[c.number]
                for c in settings.counters
                if w.service in c.services and w.channel in c.channels
            ]
            staffed = [i for i in serving if state.staffed[i]]
            counters = np.asarray(staffed or serving, dtype=np.intp)
            eligible_cache[key] = counters
        if len(counters) == 0:
            continue
        speed = speeds[w.service]
        if len(counters) == 1:
            only = int(counters[0])
            start = free[only].copy()
            took = minutes[k] if speed is None else minutes[k] * speed[only]
            free[only] = start + took
        else:
            sub = free[counters]
            pick = sub.argmin(axis=0)
            start = sub[pick, rows]
            chosen = counters[pick]
            took = minutes[k] if speed is None else minutes[k] * speed[chosen]
            free[chosen, rows] = start + took
        result[w.ticket_id] = start
    return result


def _seed(now: dt.datetime, line: Sequence[Waiting], extra: str) -> int:
    text = f"{now.timestamp():.3f}|{len(line)}|{extra}"
    return zlib.crc32(text.encode())


def _rank_at(line: list[Waiting], when: dt.datetime, policy: CallPolicy) -> list[Waiting]:
    return rank(line, when, policy)


def wait_estimate(
    session: Session,
    ctx: QueueContext,
    service: Service,
    channel: Channel,
    now: dt.datetime,
    slot_start: dt.datetime | None = None,
) -> WaitEstimate | None:
    """The estimate for a ticket about to be issued (None: no counter serves it)."""
    import numpy as np

    if not any(service.code in c.services and channel in c.channels for c in ctx.settings.counters):
        return None
    day = ctx.calendar.business_day(now)
    history = learn(session, ctx, now)
    runs = ctx.settings.estimate.runs
    line = waiting_line(session, day, sorted(_codes(ctx)))
    rng = np.random.default_rng(_seed(now, line, f"{service.code}/{channel.value}"))
    index, free, staffed, open_in = _counter_state(session, ctx, history, now, rng, runs)
    state = _State(now, line, index, free, staffed, open_in)
    me = Waiting(NEW_TICKET_ID, service.code, channel, now, slot_start)
    policy = ctx.settings.call_policy
    order = _rank_at([*line, me], now, policy)
    position = next(i for i, w in enumerate(order) if w.ticket_id == NEW_TICKET_ID)
    mine = _counter_set(ctx, me)
    ahead = sum(1 for w in order[:position] if _counter_set(ctx, w) & mine)
    times = _simulate(ctx, state, history, order, rng, NEW_TICKET_ID)[NEW_TICKET_ID]
    first = float(np.median(times))
    if first > 1:
        # The line as it will stand around then: bookings whose session begins meanwhile
        # move up; then the same dice again.
        later = now + dt.timedelta(minutes=first)
        again = _rank_at([*line, me], later, policy)
        mine_then = next(i for i, w in enumerate(again) if w.ticket_id == NEW_TICKET_ID)
        if again[: mine_then + 1] != order[: position + 1]:
            rng = np.random.default_rng(_seed(now, line, f"{service.code}/{channel.value}/2"))
            times = _simulate(ctx, state, history, again, rng, NEW_TICKET_ID)[NEW_TICKET_ID]
    floor = open_in
    if slot_start is not None:
        floor = max(floor, _minutes(slot_start - now))
    times = np.maximum(times, floor)
    low, median, high = (float(v) for v in np.percentile(times, [10, 50, 90]))
    return WaitEstimate(ahead, median, low, high)


def _counter_set(ctx: QueueContext, w: Waiting) -> frozenset[int]:
    counters = ctx.settings.counters
    return frozenset(
        c.number for c in counters if w.service in c.services and w.channel in c.channels
    )


def estimate_for_new_ticket(
    session: Session,
    ctx: QueueContext,
    service: Service,
    channel: Channel,
    now: dt.datetime,
    slot_start: dt.datetime | None = None,
) -> tuple[int, int | None]:
    """(people ahead, estimated minutes) for a ticket about to be issued; minutes None when
    no counter serves this service and channel. People ahead: whoever the policy would call
    before it at a counter that may serve it."""
    estimate = wait_estimate(session, ctx, service, channel, now, slot_start)
    if estimate is None:
        return 0, None
    return estimate.people_ahead, estimate.minutes


@dataclass(frozen=True)
class ExpectedCall:
    """When a waiting ticket is expected to be called: median and 80 % range."""

    ticket_id: int
    median: dt.datetime
    low: dt.datetime
    high: dt.datetime


def expected_calls(ctx: QueueContext, now: dt.datetime | None = None) -> dict[int, ExpectedCall]:
    """Every waiting ticket's expected call time (for the console), read outside any write."""
    import numpy as np

    with ctx.db.read() as session:
        now = now or ctx.clock.now()
        day = ctx.calendar.business_day(now)
        history = learn(session, ctx, now)
        runs = ctx.settings.estimate.runs
        line = waiting_line(session, day, sorted(_codes(ctx)))
        rng = np.random.default_rng(_seed(now, line, "all"))
        index, free, staffed, open_in = _counter_state(session, ctx, history, now, rng, runs)
    state = _State(now, line, index, free, staffed, open_in)
    order = _rank_at(line, now, ctx.settings.call_policy)
    times = _simulate(ctx, state, history, order, rng, None)
    by_id = {w.ticket_id: w for w in line}
    result = {}
    for ticket_id, values in times.items():
        w = by_id[ticket_id]
        floor = open_in
        if w.channel is Channel.BOOKING and w.slot_start is not None:
            floor = max(floor, _minutes(w.slot_start - now))
        low, median, high = np.percentile(np.maximum(values, floor), [10, 50, 90])
        result[ticket_id] = ExpectedCall(
            ticket_id,
            now + dt.timedelta(minutes=float(median)),
            now + dt.timedelta(minutes=float(low)),
            now + dt.timedelta(minutes=float(high)),
        )
    return result


def counters_for(session: Session, ctx: QueueContext, service: Service, channel: Channel) -> int:
    """Counters open now that serve this service and channel; before any opens, the number
    configured for it (the office will open them); 1 when none is configured."""
    configured = [
        c.number
        for c in ctx.settings.counters
        if service.code in c.services and channel in c.channels
    ]
    if not configured:
        return 1
    open_now = session.scalars(
        select(CounterRow.number).where(
            CounterRow.number.in_(configured), CounterRow.state == CounterState.OPEN
        )
    ).all()
    return len(open_now) or len(configured)
