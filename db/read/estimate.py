"""Estimated wait: the office's own call policy run forward from the queue as it stands.

The estimate is a small simulation, repeated over many runs with different dice:

- the line: today's waiting tickets, ranked by the office's call policy (``db/rules/policy.py``)
  as it will stand around the time the ticket is called (ranked once at ``now``, then again
  at the first pass's median call time: bookings whose session starts meanwhile move up,
  including today's bookings not checked in yet, each present in a run with the share of
  bookings that came on the earlier days);
- the counters: open ones are free now or when their current applicant is done (the
  remaining service time drawn from the measured ones, given how long it has lasted);
  paused ones after a break; before opening (nobody open yet) every configured counter
  opens at opening time; a ticket whose counters are all closed waits for the configured
  ones as if they opened; each counter serves the services it calls today (the settings',
  or a supervisor's choice for the day: ``db.read.day_overrides``);
- the people ahead, each served in policy order by the first free counter that may serve
  them, for a service time drawn from the last ``estimate.history_days`` days of measured
  times of that service (scaled per counter when the counter has enough of its own), or
  the configured minutes until there are enough; a share of them are no-shows (per
  channel, from the same days) who hold the counter only for the recall and no-show; a
  ticket sent to one counter (a transfer to a counter) is served at that counter alone.

The runs give the median and an 80 % range (10th to 90th percentile). Rules every estimate
keeps: never before opening for a ticket issued before it; a booking is never estimated to
be called before its session starts; durations across a clock set back (negative, or
held at zero by the queue's clock that never runs back) are ignored; a service and channel
no counter serves has no estimate (None).

Cost (``python -m bench.bench_estimate``, budget p99 20 ms at 300 waiting, 60 ms at 1000):
one read of the line and counters; the earlier days' measured times learnt once a day and
today's every few minutes; every ticket's service minutes drawn at once (numpy, all runs);
one pass in call order, all runs at once, keeping the counters' state every few steps so
that a second order (the line ranked later, another service's new ticket) is simulated
again only from where it differs (``Forecast``). One forecast answers every tile of the
kiosk (``new_ticket_waits``) and every waiting ticket in the console (``expected_calls``).

Where it is shown: the printed ticket and the kiosk's ticket screen (the range the ticket
was issued with, ``ticket_estimate``), the kiosk's service tiles, the console's line
(expected call time). Everything here reads, never writes: the callers compute it before
their write transaction.
"""

from __future__ import annotations

import datetime as dt
import math
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, cast

from sqlalchemy import String, bindparam, exists, func, select, type_coerce
from sqlalchemy.orm import Session

from config.settings import Channel, Counter, Service
from db.context import QueueContext
from db.models import Booking, BookingStatus, CounterRow, CounterState, Ticket, TicketStatus
from db.read.day_overrides import counters_on
from db.rules.policy import Waiting, in_order, rank

if TYPE_CHECKING:  # numpy is imported where the estimate runs: most processes never do
    import numpy as np

SAMPLES = 20
MIN_SAMPLES = 3
NEW_TICKET_ID = 2**62  # stands for the ticket being issued while it has no id yet
EXPECTED_IDS = NEW_TICKET_ID  # plus the booking's id (>= 1): a booking expected in the line,
# ranked after the new ticket when they tie (it comes to the line first)
# A counter with this many own measured times of a service gets its own speed for it.
COUNTER_SAMPLES = 10
# Relearn the history at most this often (queue time), and whenever the clock goes back.
RELEARN_MINUTES = 5.0
# Shorter measured services (or negative ones) are a clock set back, not a service.
SHORTEST = 0.25
# History rows read at most (newest first).
HISTORY_ROWS = 5000
# Today's bookings not checked in yet are expected in the line (see Forecast).
EXPECT_BOOKINGS = True
# The share of bookings expected to come until the earlier days have 20 of them.
BOOKINGS_COME = 0.9

__all__ = [
    "NEW_TICKET_ID",
    "ExpectedCall",
    "Forecast",
    "WaitEstimate",
    "WaitWords",
    "estimate_for_new_ticket",
    "expected_calls",
    "format_wait",
    "new_ticket_waits",
    "service_minutes",
    "ticket_estimate",
    "wait_estimate",
    "wait_words",
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


@dataclass(frozen=True)
class WaitWords:
    """A waiting range as it is put in words: ``kind`` "under" (under ``high`` minutes),
    "minutes" (``low``-``high`` minutes, 5-minute steps) or "hours" (about ``low`` hours,
    in half hours). The ticket's wording (``format_wait``) and the kiosk's (through its
    translations) both start from it."""

    kind: str
    low: float
    high: float


def wait_words(low: float, high: float) -> WaitWords:
    """The rounding every shown range follows: 5-minute steps; an hour or more in half
    hours; under 5 minutes as such."""
    low, high = max(0.0, low), max(0.0, high, low)
    if high < 5:
        return WaitWords("under", 0, 5)
    if (low + high) / 2 >= 50:
        hours = round((low + high) / 2 / 30) / 2
        return WaitWords("hours", hours, hours)
    lo = 5 * math.floor(low / 5)
    hi = max(5 * math.ceil(high / 5), lo + 5)
    return WaitWords("minutes", lo, hi)


def format_wait(low: float, high: float, language: str = "id") -> str:
    """A waiting range in words, as the ticket prints it.

    >>> format_wait(27, 38)
    '25-40 menit'
    >>> format_wait(52, 71, "en")
    'about 1 hour'
    """
    en = language == "en"
    words = wait_words(low, high)
    if words.kind == "under":
        return "under 5 min" if en else "kurang dari 5 menit"
    if words.kind == "hours":
        hours = words.low
        shown = f"{hours:g}" if en else f"{hours:g}".replace(".", ",")
        if en:
            return f"about {shown} hour" + ("" if hours == 1 else "s")
        return f"sekitar {shown} jam"
    lo, hi = int(words.low), int(words.high)
    return f"{lo}-{hi} min" if en else f"{lo}-{hi} menit"


# --- the line as the policy sees it --------------------------------------------------------


def waiting_of(ticket: Ticket) -> Waiting:
    return Waiting(
        ticket_id=ticket.id,
        service=ticket.service_code,
        channel=Channel(ticket.channel),
        queued_at=ticket.queued_at,
        slot_start=ticket.slot_start,
        only_at=ticket.directed_counter,
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


def _utc(value: object) -> dt.datetime | None:
    """A stored naive-UTC time as an aware datetime: SQLite gives its text, PostgreSQL a
    datetime (what ``UTCDateTime`` does, without SQLAlchemy's slower per-value parsing)."""
    if value is None:
        return None
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    assert isinstance(value, dt.datetime)
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value


_T = Ticket.__table__.c
# The times as stored (text in SQLite), parsed here: a third of the cost otherwise. The
# statements are built once: they run on every issue and every call.
_LINE = select(
    _T.id,
    _T.service_code,
    _T.channel,
    type_coerce(_T.queued_at, String),
    type_coerce(_T.slot_start, String),
    _T.directed_counter,
).where(
    _T.business_day == bindparam("day"),
    _T.status == TicketStatus.WAITING.value,
)  # fmt: skip (services are picked below: an IN list is compiled anew on every read)
_COUNTERS = select(CounterRow.number, CounterRow.state, type_coerce(CounterRow.changed_at, String))
_BUSY = select(
    _T.counter_number, _T.service_code, _T.status, type_coerce(_T.called_at, String),
    type_coerce(_T.serving_at, String),
).where(
    _T.business_day == bindparam("day"),
    _T.status.in_([TicketStatus.CALLED.value, TicketStatus.SERVING.value]),
    _T.counter_number.is_not(None),
)  # fmt: skip

# Waiting tickets as last read, by their stored values: the line is read on every issue and
# every call and changes by a few tickets at a time, so most rows are already known.
_KNOWN: dict[tuple[object, ...], Waiting] = {}
_KNOWN_MAX = 50_000


def waiting_line(session: Session, day: dt.date, services: Sequence[str]) -> list[Waiting]:
    """Today's waiting tickets of these services as the policy sees them. Plain columns,
    not ORM objects: the line is read on every issue and every call, and can be long."""
    rows = session.connection().execute(_LINE, {"day": day}).all()
    if len(_KNOWN) > _KNOWN_MAX:
        _KNOWN.clear()
    wanted = set(services)
    line = []
    for row in rows:
        if row[1] not in wanted:
            continue
        key = tuple(row)
        known = _KNOWN.get(key)
        if known is None:
            ticket_id, service, channel, queued_at, slot_start, only_at = key
            queued = _utc(queued_at)
            assert queued is not None
            known = Waiting(
                int(ticket_id),
                str(service),
                Channel(channel),
                queued,
                _utc(slot_start),
                None if only_at is None else int(only_at),
            )
            _KNOWN[key] = known
        line.append(known)
    return line


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
    # The share of the active bookings of the earlier days that were checked in.
    bookings_come: float = BOOKINGS_COME


@dataclass
class _Tally:
    """Measured times and calls of some days, before they are combined."""

    per_service: dict[str, list[float]] = field(default_factory=dict)
    per_counter: dict[tuple[str, int], list[float]] = field(default_factory=dict)
    walk_ups: list[float] = field(default_factory=list)
    # channel -> [tickets called and then done or no-show, of which no-shows]
    calls: dict[Channel, list[int]] = field(default_factory=dict)
    # active bookings of these days, and how many of them were checked in
    bookings: tuple[int, int] = (0, 0)


def _naive(value: object) -> dt.datetime | None:
    """A stored time as read raw (text in SQLite): only differences are taken of it."""
    if value is None or isinstance(value, dt.datetime):
        return value
    return dt.datetime.fromisoformat(str(value))


def _tally(session: Session, first: dt.date, last: dt.date, limit: int | None) -> _Tally:
    c = Ticket.__table__.c
    query = (
        select(
            c.service_code, c.counter_number, type_coerce(c.called_at, String),
            type_coerce(c.serving_at, String), type_coerce(c.done_at, String),
        )
        .where(
            c.business_day >= first,
            c.business_day <= last,
            c.status == TicketStatus.DONE.value,
            c.serving_at.is_not(None),
            c.done_at.is_not(None),
        )
    )  # fmt: skip
    if limit is not None:  # the newest (without a limit, no order: the day's index serves)
        query = query.order_by(c.id.desc()).limit(limit)
    tally = _Tally()
    connection = session.connection()
    for service, counter, called_raw, serving_raw, done_raw in connection.execute(query):
        serving, done, called = _naive(serving_raw), _naive(done_raw), _naive(called_raw)
        assert serving is not None and done is not None
        minutes = _minutes(done - serving)
        if minutes < SHORTEST:  # across a clock set back (queue time held still): nothing
            continue
        tally.per_service.setdefault(service, []).append(minutes)
        if counter is not None:
            tally.per_counter.setdefault((service, counter), []).append(minutes)
        if called is not None and 0 <= _minutes(serving - called) <= 15:
            tally.walk_ups.append(_minutes(serving - called))
    counts = connection.execute(
        select(c.channel, c.status, func.count())
        .where(
            c.business_day >= first,
            c.business_day <= last,
            c.called_at.is_not(None),
            c.status.in_([TicketStatus.DONE.value, TicketStatus.NO_SHOW.value]),
        )
        .group_by(c.channel, c.status)
    ).all()
    for channel, status, count in counts:
        entry = tally.calls.setdefault(Channel(channel), [0, 0])
        entry[0] += count
        if status == TicketStatus.NO_SHOW:
            entry[1] += count
    b = Booking.__table__.c
    booked, came = connection.execute(
        select(func.count(), func.count(c.id))
        .select_from(Booking.__table__.outerjoin(Ticket.__table__, c.booking_id == b.id))
        .where(b.date >= first, b.date <= last, b.status == BookingStatus.ACTIVE.value)
    ).one()
    tally.bookings = (int(booked), int(came))
    return tally


_HISTORY: dict[tuple[int, str], History] = {}
# The days before today, learnt once per business day: they do not change during it.
_PAST: dict[tuple[int, str], tuple[dt.date, _Tally]] = {}


def learn(session: Session, ctx: QueueContext, now: dt.datetime) -> History:
    """The last ``estimate.history_days`` days (today included): the earlier days once a
    day, today's measured times again every few minutes."""
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
    past = _PAST.get(key)
    if past is None or past[0] != day:
        yesterday = day - dt.timedelta(days=1)
        past = (day, _tally(session, first, yesterday, HISTORY_ROWS))
        _PAST[key] = past
    today = _tally(session, day, day, None)
    earlier = past[1]
    history = History(learned_at=now, day=day)
    for service in sorted(set(today.per_service) | set(earlier.per_service)):
        values = today.per_service.get(service, []) + earlier.per_service.get(service, [])
        if len(values) >= MIN_SAMPLES:
            history.durations[service] = np.asarray(values)
    for counter_key in set(today.per_counter) | set(earlier.per_counter):
        values = today.per_counter.get(counter_key, []) + earlier.per_counter.get(counter_key, [])
        service = counter_key[0]
        if len(values) >= COUNTER_SAMPLES and service in history.durations:
            overall = float(np.median(history.durations[service]))
            if overall > 0:
                history.counter_speed[counter_key] = float(np.median(values)) / overall
    walk_ups = today.walk_ups + earlier.walk_ups
    if len(walk_ups) >= MIN_SAMPLES:
        history.walk_up = float(np.mean(walk_ups))
    for channel in set(today.calls) | set(earlier.calls):
        total, shows = (
            a + b
            for a, b in zip(
                today.calls.get(channel, [0, 0]), earlier.calls.get(channel, [0, 0]), strict=True
            )
        )
        if total >= 20:
            history.no_show[channel] = shows / total
    booked, came = earlier.bookings
    if booked >= 20:
        history.bookings_come = came / booked
    _HISTORY[key] = history
    return history


# --- the forward simulation ----------------------------------------------------------------

# The simulation keeps the counters' state every this many calls, so that an order which
# differs from the one simulated is simulated again only from where it differs.
CHECKPOINT = 16
# Policies whose order does not change while the line waits (effective time only).
TIMELESS = frozenset({"fifo", "strict_priority"})


def _counter_state(
    session: Session, ctx: QueueContext, counters: Sequence[Counter], history: History,
    now: dt.datetime, rng: np.random.Generator, runs: int,
) -> tuple[dict[int, int], np.ndarray, np.ndarray, float]:  # fmt: skip
    """Counter number -> index; (runs, counters) minutes until each is free; which are
    staffed (open or paused: ``Forecast.counters`` falls back to every configured one
    where none of a line's is, as before opening); minutes until opening."""
    import numpy as np

    day = ctx.calendar.business_day(now)
    info = ctx.calendar.day(day)
    open_in = 0.0
    if info.open_at is not None and now < info.open_at:
        open_in = _minutes(info.open_at - now)
    index = {c.number: i for i, c in enumerate(counters)}
    states: dict[int, str] = {}
    changed: dict[int, dt.datetime | None] = {}
    rows = session.connection().execute(_COUNTERS)
    for number, state_, changed_at in rows:
        states[number], changed[number] = state_, _utc(changed_at)
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
    busy = session.connection().execute(_BUSY, {"day": day}).all()
    codes = _codes(ctx)
    for number, service, status, called_raw, serving_raw in busy:
        if number not in index:
            continue
        i = index[number]
        called, serving = _utc(called_raw), _utc(serving_raw)
        config = ctx.settings.service(service) if service in codes else None
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


_NOT_CHECKED_IN = select(Booking.id, Booking.service_code, Booking.slot_start).where(
    Booking.date == bindparam("day"),
    Booking.status == BookingStatus.ACTIVE.value,
    Booking.service_code.is_not(None),
    ~exists().where(Ticket.booking_id == Booking.id),
)


def _expected_bookings(
    session: Session, ctx: QueueContext, now: dt.datetime, day: dt.date
) -> list[Waiting]:
    """Today's active bookings not checked in whose session starts after ``now``, as they
    will wait: ranked from their session start, after the tickets of the same session
    already checked in (the policy's tie-break: the lower id first)."""
    codes = _codes(ctx)
    expected = []
    for booking_id, service, start in session.connection().execute(_NOT_CHECKED_IN, {"day": day}):
        if service not in codes:
            continue
        slot = dt.datetime.combine(day, start, tzinfo=ctx.calendar.tz)
        if slot > now:
            expected.append(
                Waiting(EXPECTED_IDS + int(booking_id), service, Channel.BOOKING, slot, slot)
            )
    return expected


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


def _seed(now: dt.datetime, line: Sequence[Waiting], extra: str) -> int:
    text = f"{now.timestamp():.3f}|{len(line)}|{extra}"
    return zlib.crc32(text.encode())


class Forecast:
    """The queue as it stands at ``now``, run forward over ``estimate.runs`` runs.

    Every waiting ticket's service (or no-show) minutes are drawn once per run; the
    counters' state is read once. The tickets are then placed in a call order, each at the
    first free counter that may serve it, all runs at once (numpy, one step per ticket).
    The first order simulated (the trunk) keeps the counters' state every ``CHECKPOINT``
    steps: another order (the line with a new ticket in it, or ranked at a later time) is
    simulated again only from the checkpoint before its first difference. So one read
    and one simulation answer every waiting ticket and any new ticket of any service.
    """

    def __init__(
        self,
        session: Session,
        ctx: QueueContext,
        now: dt.datetime,
        line: list[Waiting] | None = None,
        counters: Sequence[Counter] | None = None,
    ) -> None:
        """``line``: today's waiting tickets when the caller has just read them;
        ``counters``: the counters with today's services (``counters_on``), likewise."""
        import numpy as np

        self.ctx = ctx
        self.now = now
        self.policy = ctx.settings.call_policy
        day = ctx.calendar.business_day(now)
        # Who serves what today: the settings with a supervisor's changes of the day.
        self.day_counters = (
            list(counters) if counters is not None else counters_on(session, ctx, day)
        )
        self.history = history = learn(session, ctx, now)
        runs = self.runs = ctx.settings.estimate.runs
        if line is None:
            line = waiting_line(session, day, sorted(_codes(ctx)))
        self.line = line
        rng = np.random.default_rng(_seed(now, line, "forecast"))
        index, free, staffed, self.open_in = _counter_state(
            session, ctx, self.day_counters, history, now, rng, runs
        )
        self.index, self.staffed = index, staffed
        self.rows = np.arange(runs)
        # Bookings of today not checked in yet whose session is still ahead: they join the
        # line later and may be called before a ticket issued now (taken into the second
        # ranking, each present in a run with the share of bookings that come).
        self.expected = _expected_bookings(session, ctx, now, day) if EXPECT_BOOKINGS else []
        pool = [*line, *self.expected]
        self.position = {w.ticket_id: i for i, w in enumerate(pool)}
        # Each ticket's service (or no-show) minutes per run, drawn at once per service.
        minutes = np.empty((len(pool), runs))
        by_service: dict[str, list[int]] = {}
        for k, w in enumerate(pool):
            by_service.setdefault(w.service, []).append(k)
        codes = _codes(ctx)
        for service, ks in sorted(by_service.items()):
            base = history.durations.get(service)
            if base is None:
                config = ctx.settings.service(service) if service in codes else None
                minutes[ks] = float(config.minutes_per_applicant if config else 5)
            else:
                minutes[ks] = base[rng.integers(0, len(base), (len(ks), runs))]
        minutes += history.walk_up
        shares = np.array([history.no_show.get(w.channel, 0.0) for w in pool])
        if shares.any():
            away = rng.random((len(pool), runs)) < shares[:, None]
            minutes = np.where(away, history.no_show_minutes, minutes)
        if self.expected:
            come = rng.random((len(self.expected), runs)) < history.bookings_come
            minutes[len(line) :] *= come
        self.minutes = minutes
        self._speeds: dict[str, np.ndarray | None] = {}
        self._counters: dict[tuple[str, Channel], np.ndarray] = {}
        self._sets: dict[tuple[str, Channel], frozenset[int]] = {}
        # Per ticket (by position in ``line``): its counters (indexes) and speed factors.
        self.counters_of = [self.counters(w.service, w.channel, w.only_at) for w in pool]
        self.speed_of = [self._speed(w.service) for w in pool]
        # The trunk: the order simulated first, its steps done so far, the checkpoints.
        self._free0 = np.ascontiguousarray(free.T)  # (counters, runs)
        self._trunk: list[int] | None = None
        self._free = self._free0.copy()
        self._starts: list[np.ndarray | None] = []
        self._checkpoints = [self._free0.copy()]

    # -- who may serve whom -----------------------------------------------------------------

    def counters(self, service: str, channel: Channel, only_at: int | None = None) -> np.ndarray:
        """Indexes of the counters that will serve this service and channel: the staffed
        ones, or all configured ones when none of them is staffed (they would open). A
        ticket sent to one counter (``only_at``) is served there alone."""
        import numpy as np

        if only_at is not None and only_at in self.index:
            return np.asarray([self.index[only_at]], dtype=np.intp)
        key = (service, channel)
        found = self._counters.get(key)
        if found is None:
            serving = [
                self.index[c.number]
                for c in self.day_counters
                if service in c.services and channel in c.channels
            ]
            staffed = [i for i in serving if self.staffed[i]]
            found = np.asarray(staffed or serving, dtype=np.intp)
            self._counters[key] = found
        return found

    def _counter_set(
        self, service: str, channel: Channel, only_at: int | None = None
    ) -> frozenset[int]:
        if only_at is not None and only_at in self.index:
            return frozenset({only_at})
        key = (service, channel)
        found = self._sets.get(key)
        if found is None:
            found = frozenset(
                c.number
                for c in self.day_counters
                if service in c.services and channel in c.channels
            )
            self._sets[key] = found
        return found

    def _speed(self, service: str) -> np.ndarray | None:
        import numpy as np

        if service not in self._speeds:
            history, counters = self.history, self.day_counters
            speed = None
            if any(key[0] == service for key in history.counter_speed):
                speed = np.ones(len(counters))
                for c in counters:
                    speed[self.index[c.number]] = history.counter_speed.get(
                        (service, c.number), 1.0
                    )
            self._speeds[service] = speed
        return self._speeds[service]

    # -- the simulation ---------------------------------------------------------------------

    def _step(self, free: np.ndarray, k: int) -> np.ndarray | None:
        """Ticket ``k`` (position in ``line``) called at the first free counter that may
        serve it: its start per run; ``free`` moves on. None: no counter may serve it."""
        counters = self.counters_of[k]
        if len(counters) == 0:
            return None
        took = self.minutes[k]
        speed = self.speed_of[k]
        if len(counters) == 1:
            only = int(counters[0])
            start: np.ndarray = free[only].copy()
            free[only] += took if speed is None else took * speed[only]
            return start
        sub = free.take(counters, axis=0)
        # The chosen counter's cell of each run, as indexes into the flat (counters, runs).
        cells = counters.take(sub.argmin(axis=0))
        cells *= self.runs
        cells += self.rows
        start = cast("np.ndarray", free.take(cells))
        free.put(cells, start + (took if speed is None else took * speed.take(cells // self.runs)))
        return start

    def _advance(self, steps: int) -> None:
        """Simulate the trunk up to ``steps`` calls."""
        assert self._trunk is not None
        steps = min(steps, len(self._trunk))
        while len(self._starts) < steps:
            self._starts.append(self._step(self._free, self._trunk[len(self._starts)]))
            if len(self._starts) % CHECKPOINT == 0:
                self._checkpoints.append(self._free.copy())

    def _state_after(self, ahead: list[int]) -> np.ndarray:
        """The counters (minutes until free, per run) once the tickets ``ahead`` (positions
        in ``line``, in call order) have been called."""
        if self._trunk is None:
            self._trunk = ahead
        trunk = self._trunk
        same = len(ahead)
        if trunk[:same] != ahead:
            same = next(
                (i for i, (a, b) in enumerate(zip(ahead, trunk, strict=False)) if a != b),
                min(len(ahead), len(trunk)),
            )
        mark = same // CHECKPOINT
        self._advance(mark * CHECKPOINT)
        free = self._checkpoints[mark].copy()
        for k in ahead[mark * CHECKPOINT :]:
            self._step(free, k)
        return free

    def _floor(self, w: Waiting) -> float:
        """Never before opening; with ``estimate.booking_waits_for_session``, a booking
        never before its session starts."""
        floor = self.open_in
        if (
            self.ctx.settings.estimate.booking_waits_for_session
            and w.channel is Channel.BOOKING
            and w.slot_start is not None
        ):
            floor = max(floor, _minutes(w.slot_start - self.now))
        return floor

    # -- what it answers --------------------------------------------------------------------

    def new_ticket(
        self, service: Service, channel: Channel, slot_start: dt.datetime | None = None
    ) -> WaitEstimate | None:
        """The estimate for a ticket issued now (None: no counter serves it)."""
        if not self._counter_set(service.code, channel):
            return None
        me = Waiting(NEW_TICKET_ID, service.code, channel, self.now, slot_start)
        return self._estimate(me, [*self.line, me])

    def ticket(self, ticket_id: int) -> WaitEstimate | None:
        """The estimate for a waiting ticket, as for a new one (None: not waiting, or no
        counter serves it)."""
        me = next((w for w in self.line if w.ticket_id == ticket_id), None)
        if me is None or not self._counter_set(me.service, me.channel, me.only_at):
            return None
        return self._estimate(me, self.line)

    def _estimate(self, me: Waiting, everyone: list[Waiting]) -> WaitEstimate:
        import numpy as np

        mine = self._counter_set(me.service, me.channel, me.only_at)
        ahead_ids = []
        people_ahead = 0
        shares: dict[tuple[str, Channel, int | None], bool] = {}
        for w in in_order(everyone, self.now, self.policy):
            if w is me:
                break
            key = (w.service, w.channel, w.only_at)
            share = shares.get(key)
            if share is None:
                share = shares[key] = bool(self._counter_set(*key) & mine)
            people_ahead += share
            ahead_ids.append(self.position[w.ticket_id])
        counters = self.counters(me.service, me.channel, me.only_at)
        state = self._state_after(ahead_ids)
        times = state.take(counters, axis=0).min(axis=0)
        first = float(np.median(times))
        if first > 1 and self.policy.name not in TIMELESS:
            # The line as it will stand around then: bookings whose session begins meanwhile
            # (and tickets whose weighted wait grows faster) move up.
            later = self.now + dt.timedelta(minutes=first)
            coming = [w for w in self.expected if w.queued_at <= later]
            again = []
            for w in in_order([*everyone, *coming], later, self.policy):
                if w is me:
                    break
                again.append(self.position[w.ticket_id])
            if again != ahead_ids:
                before = set(ahead_ids)
                if before.issubset(again):
                    # Only newcomers ahead: they are called after those already ahead (the
                    # order among those matters little to when the counters are free).
                    for k in again:
                        if k not in before:
                            self._step(state, k)
                else:
                    state = self._state_after(again)
                times = state.take(counters, axis=0).min(axis=0)
        times = np.maximum(times, self._floor(me))
        low, median, high = (float(v) for v in np.percentile(times, [10, 50, 90]))
        return WaitEstimate(people_ahead, median, low, high)

    def waiting(self) -> dict[int, ExpectedCall]:
        """Every waiting ticket's expected call time, in the policy's order at ``now``."""
        import numpy as np

        order = [self.position[w.ticket_id] for w in rank(self.line, self.now, self.policy)]
        if self._trunk != order:
            self._trunk, self._free, self._starts = order, self._free0.copy(), []
            self._checkpoints = [self._free0.copy()]
        self._advance(len(order))
        result = {}
        for k, start in zip(order, self._starts, strict=True):
            if start is None:
                continue
            w = self.line[k]
            low, median, high = np.percentile(np.maximum(start, self._floor(w)), [10, 50, 90])
            result[w.ticket_id] = ExpectedCall(
                w.ticket_id,
                self.now + dt.timedelta(minutes=float(median)),
                self.now + dt.timedelta(minutes=float(low)),
                self.now + dt.timedelta(minutes=float(high)),
            )
        return result


# The last estimates given for new tickets, by the ticket and the line it joined: the
# ticket printed a moment later shows the range its stored median came from.
_GIVEN: dict[tuple[object, ...], tuple[dt.datetime, WaitEstimate]] = {}
GIVEN_SECONDS = 120


def forget() -> None:
    """Drop what this program has kept between estimates (the parsed rows of the line, the
    history learnt per queue, the estimates given): the next estimate starts as in a
    program just started."""
    for kept in (_KNOWN, _HISTORY, _PAST, _GIVEN):
        kept.clear()


def _given_key(
    ctx: QueueContext, service: str, channel: Channel, slot_start: dt.datetime | None,
    line: Sequence[Waiting],
) -> tuple[object, ...]:  # fmt: skip
    ids = frozenset(w.ticket_id for w in line)
    return (id(ctx), str(ctx.settings.database_url), service, channel, slot_start, ids)


def wait_estimate(
    session: Session,
    ctx: QueueContext,
    service: Service,
    channel: Channel,
    now: dt.datetime,
    slot_start: dt.datetime | None = None,
) -> WaitEstimate | None:
    """The estimate for a ticket about to be issued (None: no counter serves it today)."""
    counters = counters_on(session, ctx, ctx.calendar.business_day(now))
    if not any(service.code in c.services and channel in c.channels for c in counters):
        return None
    forecast = Forecast(session, ctx, now, counters=counters)
    estimate = forecast.new_ticket(service, channel, slot_start)
    if estimate is not None:
        if len(_GIVEN) > 256:
            _GIVEN.clear()
        key = _given_key(ctx, service.code, channel, slot_start, forecast.line)
        _GIVEN[key] = (now, estimate)
    return estimate


def ticket_estimate(
    session: Session, ctx: QueueContext, ticket_id: int, now: dt.datetime
) -> WaitEstimate | None:
    """The estimate for a waiting ticket (None: it is not waiting, or no counter serves it).

    Just after it was issued, while the rest of the line is as it was then, this is the
    estimate it was issued with (the range of the median stored with it); otherwise the
    line as it stands now is run forward, as for a new ticket."""
    line = waiting_line(session, ctx.calendar.business_day(now), sorted(_codes(ctx)))
    me = next((w for w in line if w.ticket_id == ticket_id), None)
    if me is None:
        return None
    others = [w for w in line if w is not me]
    given = _GIVEN.get(_given_key(ctx, me.service, me.channel, me.slot_start, others))
    if given is not None and dt.timedelta(0) <= now - given[0] <= dt.timedelta(
        seconds=GIVEN_SECONDS
    ):
        return given[1]
    return Forecast(session, ctx, now, line).ticket(ticket_id)


def new_ticket_waits(
    session: Session, ctx: QueueContext, now: dt.datetime, wanted: Sequence[tuple[Service, Channel]]
) -> dict[tuple[str, Channel], WaitEstimate | None]:
    """The estimate of a ticket issued now, for each (service, channel) in ``wanted``, from
    one read of the queue and one simulation (the kiosk's service tiles)."""
    forecast: Forecast | None = None
    result: dict[tuple[str, Channel], WaitEstimate | None] = {}
    for service, channel in wanted:
        if forecast is None:
            forecast = Forecast(session, ctx, now)
        result[(service.code, channel)] = forecast.new_ticket(service, channel)
    return result


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
    with ctx.db.read() as session:
        forecast = Forecast(session, ctx, now or ctx.clock.now())
    return forecast.waiting()


def counters_for(session: Session, ctx: QueueContext, service: Service, channel: Channel) -> int:
    """Counters open now that serve this service and channel today; before any opens, the
    number configured for it (the office will open them); 1 when none is configured."""
    configured = [
        c.number
        for c in counters_on(session, ctx, ctx.today())
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
