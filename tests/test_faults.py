"""Faults of the database and the clock: a killed issuer, a locked database, a full disk,
a day rollover, a clock set back. Real SQLite files and real processes.

After every scenario ``check_queue`` (tests/fault_workers.py) reads the file with plain
``sqlite3``, not through the code under test, and asserts what the office relies on: the
file is sound, numbers run 1..N per series and day with the series counter agreeing, every
ticket has its events (legal steps that replay to the ticket's status), its audit record
and, when a kiosk issued it, its print job; nothing refers to a missing ticket.

The office's rule for days: **a business day is the office-local calendar date** (the
office's time zone, whatever zone the PC is set to). Opening hours lie within one date, so a
day "that started before midnight" ends at local midnight: at 00:00 a new day begins,
numbering restarts at 001 and tickets of the day before can no longer be called.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import signal
import sqlite3
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pydantic import ValidationError
from sqlalchemy import event, select
from sqlalchemy.exc import OperationalError

import db.engine
from config.settings import Hours, Settings
from db.clock import FixedClock
from db.context import QueueContext
from db.engine import DatabaseBusy
from db.errors import NobodyWaiting, NotToday, UnknownTicket
from db.migrate import open_queue
from db.models import Ticket
from db.ops.calling import (
    call_next,
    call_ticket,
    complete,
    current_ticket,
    recall,
    start_service,
)
from db.ops.issuing import issue_ticket
from tests.conftest import JAKARTA, KIOSK, OFFICER, make_settings
from tests.fault_workers import LockHolder, Zygote, check_queue, db_path

ROUNDS = 100


def unlimited(db_url: str, **changes: object) -> Settings:
    data = make_settings(db_url).model_dump()
    for service in data["services"]:
        service["quota"] = {}
    return make_settings(db_url, services=data["services"], **changes)


# --- crash safety ----------------------------------------------------------------------------


@pytest.mark.slow
def test_issuer_killed_100_times_loses_nothing_and_doubles_nothing(
    db_url: str, tmp_path: Path
) -> None:
    settings = unlimited(db_url)
    open_queue(settings).db.dispose()  # created and migrated once, as `loket-db init` would
    data = settings.model_dump(mode="json")
    report = tmp_path / "told.txt"
    seed = random.randrange(1 << 30)
    rng = random.Random(seed)
    with Zygote() as zygote:
        for round_no in range(ROUNDS):
            pid = zygote.start_issuer(data, report, seed + round_no, round_no)
            time.sleep(rng.uniform(0.02, 0.2))  # the random moment of the crash
            os.kill(pid, signal.SIGKILL)
            assert zygote.reap(pid) == signal.SIGKILL, f"seed {seed}: child {pid} ended early"
    counts = check_queue(db_path(db_url))
    told = {}
    for line in report.read_bytes().split(b"\n")[:-1]:  # a line cut by the kill is no report
        ticket_id, number = line.decode().split()
        told[int(ticket_id)] = number
    con = sqlite3.connect(db_path(db_url))
    stored = dict(con.execute("SELECT id, number FROM tickets").fetchall())
    con.close()
    missing = {tid: n for tid, n in told.items() if stored.get(tid) != n}
    assert missing == {}, f"seed {seed}: tickets reported to the caller are gone"
    assert len(told) >= ROUNDS // 2, f"seed {seed}: too few tickets issued to test anything"
    # At most one ticket per kill can be committed and not yet reported.
    assert 0 <= counts["tickets"] - len(told) <= ROUNDS


# --- a locked database -----------------------------------------------------------------------


@pytest.fixture
def hold_lock(db_url: str) -> Iterator[Callable[[float], LockHolder]]:
    """``hold_lock(seconds)``: another program takes the write lock; stopped at teardown."""
    made: list[LockHolder] = []

    def start(seconds: float) -> LockHolder:
        made.append(LockHolder(db_path(db_url), seconds))
        return made[-1]

    yield start
    for holder in made:
        holder.stop()


def test_lock_held_2s_issue_waits_then_completes(
    ctx: QueueContext, db_url: str, hold_lock: Callable[[float], LockHolder]
) -> None:
    assert issue_ticket(ctx, KIOSK, "baru", "walk_in").number == "A-001"
    holder = hold_lock(2.0)
    ticket = issue_ticket(ctx, KIOSK, "baru", "walk_in")
    waited = time.monotonic() - holder.locked_at
    holder.release()
    assert ticket.number == "A-002"
    assert 1.8 <= waited < 6, f"waited {waited:.1f} s for a lock held 2 s"
    check_queue(db_path(db_url))


@pytest.mark.slow
def test_lock_held_10s_issue_completes_within_the_retries(
    ctx: QueueContext, db_url: str, hold_lock: Callable[[float], LockHolder]
) -> None:
    """The issue's case with the production settings: the lock is held 10 s, twice one busy
    timeout (5 s); the bounded retries (about 15 s in all) carry the kiosk through."""
    holder = hold_lock(10.0)
    ticket = issue_ticket(ctx, KIOSK, "ganti", "walk_in")
    waited = time.monotonic() - holder.locked_at
    holder.release()
    assert ticket.number == "B-001"
    assert 9.5 <= waited < 16, f"waited {waited:.1f} s for a lock held 10 s"
    check_queue(db_path(db_url))


def short_busy_queue(
    monkeypatch: pytest.MonkeyPatch, settings: Settings, clock: FixedClock, ms: int
) -> QueueContext:
    """The queue with a short busy timeout, so the whole retry budget fits in a test.

    (Production: 5 s x 3 attempts + back-off, about 15 s.)"""
    monkeypatch.setattr(db.engine, "BUSY_TIMEOUT_MS", ms)
    return open_queue(settings, clock=clock)


def test_lock_held_past_one_busy_timeout_is_retried(
    monkeypatch: pytest.MonkeyPatch,
    settings: Settings,
    clock: FixedClock,
    db_url: str,
    hold_lock: Callable[[float], LockHolder],
) -> None:
    ctx = short_busy_queue(monkeypatch, settings, clock, 300)
    try:
        # Longer than one busy timeout, shorter than all attempts together.
        holder = hold_lock(0.3 * (db.engine.WRITE_ATTEMPTS - 1) + 0.1)
        ticket = issue_ticket(ctx, KIOSK, "baru", "walk_in")
        waited = time.monotonic() - holder.locked_at
        holder.release()
    finally:
        ctx.db.dispose()
    assert ticket.number == "A-001"
    assert 0.3 <= waited < 4


def test_lock_held_beyond_the_retry_budget_fails_cleanly(
    monkeypatch: pytest.MonkeyPatch,
    settings: Settings,
    clock: FixedClock,
    db_url: str,
    hold_lock: Callable[[float], LockHolder],
) -> None:
    ctx = short_busy_queue(monkeypatch, settings, clock, 200)
    try:
        assert issue_ticket(ctx, KIOSK, "baru", "walk_in").number == "A-001"
        before = check_queue(db_path(db_url))
        holder = hold_lock(60.0)
        started = time.monotonic()
        with pytest.raises(DatabaseBusy) as caught:
            issue_ticket(ctx, KIOSK, "baru", "walk_in")
        waited = time.monotonic() - started
        # Every attempt waits 0.2 s, plus the back-off between them, and not much more.
        budget = 0.2 * db.engine.WRITE_ATTEMPTS
        assert budget <= waited < budget + 5, f"gave up after {waited:.1f} s"
        assert "busy" in str(caught.value) and "try again" in str(caught.value)
        assert check_queue(db_path(db_url)) == before  # readers are not blocked (WAL)
        holder.release()
        assert issue_ticket(ctx, KIOSK, "baru", "walk_in").number == "A-002"  # no gap
    finally:
        ctx.db.dispose()
    check_queue(db_path(db_url))


# --- a full disk -----------------------------------------------------------------------------

MAX_PAGES = 1_073_741_823  # SQLite's default limit


def cap_pages(ctx: QueueContext) -> dict[str, int]:
    """A page limit applied to every connection at checkout (``max_page_count`` is a
    per-connection setting); raise ``limit["pages"]`` and the next checkout has room."""
    limit = {"pages": MAX_PAGES}

    def on_checkout(dbapi_connection: sqlite3.Connection, *_: object) -> None:
        dbapi_connection.execute(f"PRAGMA max_page_count = {limit['pages']}")

    event.listen(ctx.db.engine, "checkout", on_checkout)
    with ctx.db.engine.connect() as conn:
        limit["pages"] = int(conn.exec_driver_sql("PRAGMA page_count").scalar_one())
    return limit


def fill_up(ctx: QueueContext, path: Path) -> tuple[Exception, dict[str, int], int]:
    """Issue until the database is full; the error, the counts before it, numbers got."""
    for got in range(2000):
        before = check_queue(path)
        try:
            issue_ticket(ctx, KIOSK, "info", "walk_in")
        except Exception as exc:  # what surfaces is part of what the tests check
            return exc, before, got
    pytest.fail("2000 tickets and the page limit was never reached")


def test_disk_full_no_corruption_no_partial_ticket_and_work_resumes(
    ctx: QueueContext, db_url: str
) -> None:
    path = db_path(db_url)
    issue_ticket(ctx, KIOSK, "info", "walk_in")
    limit = cap_pages(ctx)
    error, before, got = fill_up(ctx, path)
    full_errors = tuple(
        t for t in (getattr(db.engine, "DatabaseFull", None), OperationalError) if t
    )
    assert isinstance(error, full_errors), repr(error)
    assert "full" in str(error)
    assert check_queue(path) == before  # nothing of the failed ticket was written
    with pytest.raises(full_errors):  # still full: fails the same way, again without a trace
        issue_ticket(ctx, KIOSK, "info", "walk_in")
    assert check_queue(path) == before
    limit["pages"] = MAX_PAGES  # space returns
    ticket = issue_ticket(ctx, KIOSK, "info", "walk_in")
    assert ticket.number == f"D-{got + 2:03d}"  # the next number: nothing burnt, no gap
    check_queue(path)


def test_disk_full_is_a_typed_error_an_officer_understands(ctx: QueueContext, db_url: str) -> None:
    cap_pages(ctx)
    error, _before, _got = fill_up(ctx, db_path(db_url))
    full = getattr(db.engine, "DatabaseFull", None)
    assert full is not None, f"no typed error; got {error!r}"
    assert isinstance(error, full), repr(error)
    message = str(error).lower()
    assert "disk" in message and "full" in message and "sqlalchemy" not in message


# --- the clock -------------------------------------------------------------------------------


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 12, day, hour, minute, tzinfo=JAKARTA)


def test_day_rollover_during_operation(ctx: QueueContext, clock: FixedClock, db_url: str) -> None:
    clock.set(at(1, 15, 50))
    late = [issue_ticket(ctx, KIOSK, "baru", "walk_in") for _ in range(2)]
    b_late = issue_ticket(ctx, KIOSK, "ganti", "walk_in")
    at_counter = call_next(ctx, OFFICER, 1)  # still "called" when the day ends
    assert at_counter.id == late[0].id
    clock.set(at(2, 8, 0))  # Wednesday: a new business day
    assert ctx.today() == dt.date(2026, 12, 2)
    with pytest.raises(NobodyWaiting):
        call_next(ctx, OFFICER, 2)
    with pytest.raises(NotToday):
        call_ticket(ctx, OFFICER, 2, late[1].id, "left over")
    with pytest.raises(UnknownTicket):  # a number means today's ticket of that number
        call_ticket(ctx, OFFICER, 2, "A-002", "left over")
    with pytest.raises(NotToday):
        recall(ctx, OFFICER, 1, at_counter.id)
    with pytest.raises(NotToday):
        complete(ctx, OFFICER, 1, at_counter.id)
    assert current_ticket(ctx, 1) is None  # yesterday's ticket does not block the counter
    fresh = issue_ticket(ctx, KIOSK, "baru", "walk_in")
    assert (fresh.number, fresh.business_day) == ("A-001", dt.date(2026, 12, 2))
    assert issue_ticket(ctx, KIOSK, "ganti", "walk_in").number == "B-001"
    assert call_next(ctx, OFFICER, 1).id == fresh.id
    con = sqlite3.connect(db_path(db_url))
    statuses = dict(con.execute("SELECT id, status FROM tickets").fetchall())
    con.close()
    assert [statuses[t.id] for t in (*late, b_late)] == ["called", "waiting", "waiting"]
    check_queue(db_path(db_url))


def always_open(db_url: str) -> Settings:
    every = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    hours = {d: {"open": "00:00:00", "close": "23:59:59"} for d in every}
    return unlimited(
        db_url,
        walk_in_days=list(every),
        business_day={
            "hours": hours,
            "public_holidays": False,
            "issue_from_minutes_before_open": 0,
        },
    )


def test_a_day_that_started_before_midnight_ends_at_local_midnight(
    db_url: str, clock: FixedClock
) -> None:
    ctx = open_queue(always_open(db_url), clock=clock)
    try:
        clock.set(at(1, 23, 50))
        evening = issue_ticket(ctx, KIOSK, "baru", "walk_in")
        assert (evening.number, evening.business_day) == ("A-001", dt.date(2026, 12, 1))
        # 17:10 UTC is 00:10 in Jakarta: the office's zone decides, not the PC's.
        clock.set(dt.datetime(2026, 12, 1, 17, 10, tzinfo=dt.UTC))
        night = issue_ticket(ctx, KIOSK, "baru", "walk_in")
        assert (night.number, night.business_day) == ("A-001", dt.date(2026, 12, 2))
        assert call_next(ctx, OFFICER, 1).id == night.id
        complete(ctx, OFFICER, 1, night.id)
        with pytest.raises(NobodyWaiting):
            call_next(ctx, OFFICER, 1)
        with pytest.raises(NotToday):
            call_ticket(ctx, OFFICER, 1, evening.id, "from before midnight")
    finally:
        ctx.db.dispose()
    check_queue(db_path(db_url))


def test_opening_hours_cannot_span_midnight() -> None:
    """A night shift is two business days: hours that wrap past midnight are refused."""
    with pytest.raises(ValidationError, match="must be before closing time"):
        Hours(open=dt.time(22, 0), close=dt.time(2, 0))


def issue_then_set_back(ctx: QueueContext, clock: FixedClock, before: int) -> list[str]:
    """``before`` walk-ins from 10:00 a minute apart, then the PC's clock is set back an
    hour (an NTP step, someone fixing the time) and two more are issued."""
    clock.set(at(1, 10, 0))
    numbers = []
    for n in range(before + 2):
        if n == before:
            clock.set(at(1, 9, 3))
        numbers.append(issue_ticket(ctx, KIOSK, "baru", "walk_in").number)
        clock.advance(minutes=1)
    return numbers


def test_clock_set_back_an_hour_numbers_keep_increasing(
    ctx: QueueContext, clock: FixedClock, db_url: str
) -> None:
    clock.set(at(1, 9, 50))
    numbers = [issue_ticket(ctx, KIOSK, "baru", "walk_in").number]
    first = call_next(ctx, OFFICER, 1)
    numbers += issue_then_set_back(ctx, clock, 2)
    complete(ctx, OFFICER, 1, first.id)  # done "before" it was called: still consistent
    assert numbers == ["A-001", "A-002", "A-003", "A-004", "A-005"]
    counts = check_queue(db_path(db_url))
    assert counts["tickets"] == 5 and counts["number_series"] == 1


def test_clock_set_back_keeps_the_line_in_issue_order(ctx: QueueContext, clock: FixedClock) -> None:
    issued = issue_then_set_back(ctx, clock, 3)
    with ctx.db.read() as s:
        ahead = s.execute(
            select(Ticket.number, Ticket.people_ahead_at_issue).order_by(Ticket.id)
        ).all()
    assert [a for _, a in ahead] == [0, 1, 2, 3, 4], "the ticket says nobody is ahead"
    called = []
    for _ in issued:
        ticket = call_next(ctx, OFFICER, 1)
        complete(ctx, OFFICER, 1, ticket.id)
        called.append(ticket.number)
    assert called == issued, "a walk-in who came later was called first"


def test_clock_set_back_never_gives_a_negative_estimate(
    ctx: QueueContext, clock: FixedClock
) -> None:
    clock.set(at(1, 10, 0))
    for _ in range(8):
        issue_ticket(ctx, KIOSK, "baru", "walk_in")
    for counter in (1, 2, 3):
        start_service(ctx, OFFICER, counter, call_next(ctx, OFFICER, counter).id)
    clock.set(at(1, 9, 5))  # set back while three applicants are being served
    for counter in (1, 2, 3):
        serving = current_ticket(ctx, counter)
        assert serving is not None
        complete(ctx, OFFICER, counter, serving.id)
    estimates = []
    for _ in range(3):
        ticket = issue_ticket(ctx, KIOSK, "baru", "walk_in")
        estimates.append(ticket.estimated_wait_minutes)
        clock.advance(minutes=1)
    assert all(e is not None and e >= 0 for e in estimates), estimates
