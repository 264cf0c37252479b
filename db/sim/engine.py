"""A business day run through the real queue operations, on a real SQLite file.

A discrete-event loop: the next event (an applicant reaching the kiosk, an applicant
reaching the counter, a service ending, a break, a no-show coming back) sets the
``FixedClock`` to its time and performs the queue operation an applicant, kiosk or officer
would (``check_in_booking``, ``issue_ticket``, ``call_next``, ``recall``, ``start_service``,
``complete``, ``no_show``, ``requeue``, ``open_counter``, ``pause_counter``). Nothing sleeps
and no queue logic is copied: which ticket a counter gets is what ``call_next`` says.

The loop only does what the people in the office do: an officer whose counter is free
presses "call next"; when nobody waits the counter stays idle until a new ticket for it
appears (a kiosk issue, a no-show put back); an officer goes on break after the current
applicant; counters keep serving after closing until everyone with a ticket is served.
"""

from __future__ import annotations

import datetime as dt
import functools
import heapq
import itertools
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from config.settings import CallPolicy, Channel
from config.settings import Counter as CounterConfig
from db.clock import FixedClock
from db.context import Actor
from db.errors import CheckInRejected, NobodyWaiting, OfficeClosed, QuotaExhausted, RejectReason
from db.io.booking_export import write_csv_export
from db.migrate import open_queue
from db.models import Role
from db.ops.calling import call_next, complete, no_show, recall, requeue, start_service
from db.ops.checkin import check_in_booking
from db.ops.counters import open_counter, pause_counter
from db.ops.importer import import_bookings
from db.ops.issuing import issue_ticket
from db.sim.population import Applicant, Population, draw_population
from db.sim.scenario import Scenario

MAX_EVENTS = 200_000
SUPERVISOR = Actor("sim-supervisor", Role.SUPERVISOR)


@dataclass
class CounterLog:
    """What one counter did: busy minutes and the intervals it was staffed (not on break)."""

    number: int
    busy_minutes: float = 0.0
    staffed: list[tuple[dt.datetime, dt.datetime | None]] = field(default_factory=list)
    served: int = 0

    def staffed_minutes(self, until: dt.datetime) -> float:
        total = 0.0
        for start, end in self.staffed:
            stop = min(end or until, until)
            if stop > start:
                total += (stop - start).total_seconds() / 60
        return total


@dataclass(frozen=True)
class DayRun:
    """The outcome of one simulated day under one policy (the database file stays)."""

    scenario: Scenario
    label: str
    policy: CallPolicy
    db_path: Path
    population: Population
    # applicant key -> ticket id, and the applicants who got no ticket (with why).
    tickets: dict[int, int]
    turned_away: list[tuple[Applicant, str]]
    counters: dict[int, CounterLog]
    open_at: dt.datetime
    close_at: dt.datetime
    last_done: dt.datetime
    events: int
    wall_seconds: float


@dataclass
class _Counter:
    config: CounterConfig
    log: CounterLog
    officer: Actor
    state: str = "closed"  # closed / idle / busy / paused
    ticket: int | None = None
    busy_since: dt.datetime | None = None
    break_minutes: int = 0  # a break waiting for the current applicant to finish


class DaySimulation:
    def __init__(self, scenario: Scenario, label: str, policy: CallPolicy, db_path: Path) -> None:
        self.scenario = scenario
        self.label = label
        self.policy = policy
        self.db_path = db_path
        self.settings = scenario.office_settings(f"sqlite:///{db_path}", policy)
        self.population = draw_population(scenario, self.settings)
        tz = self.settings.office.tz
        self.clock = FixedClock(dt.datetime.combine(scenario.date, dt.time(5, 0), tzinfo=tz))
        self._heap: list[tuple[dt.datetime, int, Callable[[], None]]] = []
        self._seq = itertools.count()
        self.tickets: dict[int, int] = {}
        self.owner: dict[int, Applicant] = {}
        self.away: set[int] = set()  # ticket ids whose holder is away at the next call
        self.turned_away: list[tuple[Applicant, str]] = []
        self.counters = {
            c.number: _Counter(c, CounterLog(c.number), Actor(f"petugas-{c.number}", Role.OFFICER))
            for c in self.settings.counters
        }
        b = scenario.behaviour
        self.kiosks = [(f"kiosk-{i + 1}", Actor.kiosk(f"kiosk-{i + 1}")) for i in range(b.kiosks)]
        self.kiosk_free = [self.clock.now()] * b.kiosks
        self.last_done = self.clock.now()

    # --- the loop ------------------------------------------------------------------------

    def at(self, when: dt.datetime, action: Callable[[], None]) -> None:
        heapq.heappush(self._heap, (when, next(self._seq), action))

    def run(self, fresh: bool = True) -> DayRun:
        """Run the day; ``fresh=False`` continues on the file as earlier days left it."""
        started = time.perf_counter()
        self.db_path.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm") if fresh else ():
            Path(f"{self.db_path}{suffix}").unlink(missing_ok=True)
        self.ctx = open_queue(self.settings, clock=self.clock)
        try:
            count = self._run()
        finally:
            self.ctx.db.dispose()
        day = self.ctx.calendar.day(self.scenario.date)
        assert day.open_at is not None and day.close_at is not None
        return DayRun(
            self.scenario, self.label, self.policy, self.db_path, self.population,
            dict(self.tickets), list(self.turned_away),
            {n: c.log for n, c in self.counters.items()},
            day.open_at, day.close_at, self.last_done, count,
            time.perf_counter() - started,
        )  # fmt: skip

    def _run(self) -> int:
        ctx = self.ctx
        if self.population.export_rows:
            export = write_csv_export(
                self.population.export_rows, self.db_path.with_suffix(".bookings.csv")
            )
            import_bookings(ctx, Actor.system("sim-import"), export)
        day = ctx.calendar.day(self.scenario.date)
        assert day.open_at is not None
        early = self.settings.business_day.issue_from_minutes_before_open
        self.issue_start = day.open_at - dt.timedelta(minutes=early)
        staffing = self.scenario.staffing
        for number, counter in self.counters.items():
            if number in staffing.closed:
                continue
            opens = staffing.open_at.get(number)
            when = ctx.calendar.local(day.open_at)
            if opens is not None:
                when = dt.datetime.combine(self.scenario.date, opens, tzinfo=ctx.calendar.tz)
            self.at(when, functools.partial(self._open, counter))
        for pause in staffing.breaks:
            if pause.counter in staffing.closed:
                continue
            when = dt.datetime.combine(self.scenario.date, pause.start, tzinfo=ctx.calendar.tz)
            counter = self.counters[pause.counter]
            self.at(when, functools.partial(self._break, counter, pause.minutes))
        for applicant in self.population.applicants:
            self.at(applicant.arrival, functools.partial(self._arrive, applicant))
        count = 0
        while self._heap:
            when, _, action = heapq.heappop(self._heap)
            if when > self.clock.now():
                self.clock.set(when)
            action()
            count += 1
            if count > MAX_EVENTS:
                raise RuntimeError("the simulated day does not end (event limit reached)")
        return count

    # --- applicants ----------------------------------------------------------------------

    def _arrive(self, applicant: Applicant) -> None:
        """Join the kiosk queue: the first free kiosk serves, from the issuing start."""
        now = self.clock.now()
        k = min(range(len(self.kiosks)), key=lambda i: (self.kiosk_free[i], i))
        start = max(now, self.kiosk_free[k], self.issue_start)
        done = start + dt.timedelta(seconds=self.scenario.behaviour.kiosk_seconds)
        self.kiosk_free[k] = done
        self.at(done, lambda: self._issue(applicant, k))

    def _issue(self, applicant: Applicant, k: int) -> None:
        kiosk_id, kiosk = self.kiosks[k]
        try:
            if applicant.booking_code is not None:
                view = check_in_booking(self.ctx, kiosk, applicant.booking_code, kiosk_id=kiosk_id)
            else:
                view = issue_ticket(
                    self.ctx, kiosk, applicant.service, applicant.channel,
                    reason=applicant.reason, kiosk_id=kiosk_id,
                )  # fmt: skip
        except CheckInRejected as exc:
            if exc.reason == RejectReason.TOO_EARLY and exc.opens_at is not None:
                self.at(exc.opens_at, lambda: self._arrive(applicant))  # waits, tries again
            else:
                self.turned_away.append((applicant, f"check-in: {exc.reason}"))
            return
        except (OfficeClosed, QuotaExhausted) as exc:
            self.turned_away.append((applicant, type(exc).__name__))
            return
        self.tickets[applicant.key] = view.id
        self.owner[view.id] = applicant
        if applicant.away:
            self.away.add(view.id)
        self._wake(applicant.service, applicant.channel)

    def _wake(self, service: str, channel: Channel) -> None:
        """An idle officer who serves this line presses "call next"."""
        for counter in self.counters.values():
            config = counter.config
            serves = service in config.services and channel in config.channels
            if counter.state == "idle" and serves and self._call(counter):
                return

    def _come_back(self, ticket_id: int) -> None:
        applicant = self.owner[ticket_id]
        requeue(self.ctx, SUPERVISOR, ticket_id)
        self._wake(applicant.service, applicant.channel)

    # --- counters ------------------------------------------------------------------------

    def _call(self, counter: _Counter) -> bool:
        number = counter.config.number
        try:
            view = call_next(self.ctx, counter.officer, number)
        except NobodyWaiting:
            counter.state = "idle"
            return False
        now = self.clock.now()
        counter.state, counter.ticket, counter.busy_since = "busy", view.id, now
        applicant = self.owner[view.id]
        behaviour = self.scenario.behaviour
        if view.id in self.away:
            self.away.discard(view.id)
            self.at(now + _minutes(behaviour.recall_after_minutes), lambda: self._recall(counter))
        else:
            self.at(now + _minutes(applicant.walk_up_minutes), lambda: self._start(counter))
        return True

    def _start(self, counter: _Counter) -> None:
        assert counter.ticket is not None
        start_service(self.ctx, counter.officer, counter.config.number, counter.ticket)
        minutes = self.owner[counter.ticket].service_minutes
        self.at(self.clock.now() + _minutes(minutes), lambda: self._done(counter))

    def _done(self, counter: _Counter) -> None:
        assert counter.ticket is not None
        complete(self.ctx, counter.officer, counter.config.number, counter.ticket)
        counter.log.served += 1
        self._free(counter)

    def _recall(self, counter: _Counter) -> None:
        assert counter.ticket is not None
        recall(self.ctx, counter.officer, counter.config.number, counter.ticket)
        b = self.scenario.behaviour
        wait = b.no_show_after_minutes - b.recall_after_minutes
        self.at(self.clock.now() + _minutes(wait), lambda: self._no_show(counter))

    def _no_show(self, counter: _Counter) -> None:
        ticket = counter.ticket
        assert ticket is not None
        no_show(self.ctx, counter.officer, counter.config.number, ticket)
        back = self.owner[ticket].comes_back_after
        if back is not None:
            self.at(self.clock.now() + _minutes(back), lambda: self._come_back(ticket))
        self._free(counter)

    def _free(self, counter: _Counter) -> None:
        now = self.clock.now()
        assert counter.busy_since is not None
        counter.log.busy_minutes += (now - counter.busy_since).total_seconds() / 60
        counter.ticket = counter.busy_since = None
        self.last_done = max(self.last_done, now)
        if counter.break_minutes:
            minutes, counter.break_minutes = counter.break_minutes, 0
            self._pause(counter, minutes)
        else:
            self._call(counter)

    def _open(self, counter: _Counter) -> None:
        open_counter(self.ctx, counter.officer, counter.config.number)
        counter.log.staffed.append((self.clock.now(), None))
        counter.state = "idle"
        self._call(counter)

    def _break(self, counter: _Counter, minutes: int) -> None:
        if counter.state == "busy":
            counter.break_minutes = minutes  # after the current applicant
        elif counter.state == "idle":
            self._pause(counter, minutes)

    def _pause(self, counter: _Counter, minutes: int) -> None:
        pause_counter(self.ctx, counter.officer, counter.config.number)
        now = self.clock.now()
        start, _ = counter.log.staffed[-1]
        counter.log.staffed[-1] = (start, now)
        counter.state = "paused"
        self.at(now + _minutes(minutes), lambda: self._open(counter))


def _minutes(value: float) -> dt.timedelta:
    return dt.timedelta(minutes=value)


def simulate_day(scenario: Scenario, label: str, policy: CallPolicy, db_path: Path) -> DayRun:
    """Run one business day of ``scenario`` under ``policy`` on a new SQLite file."""
    return DaySimulation(scenario, label, policy, db_path).run()
