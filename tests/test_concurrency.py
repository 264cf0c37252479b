"""Several processes against one SQLite file: no duplicate number, no gap, no ticket called
twice, and no error surfaced to any caller."""

from __future__ import annotations

import multiprocessing
from collections import Counter, defaultdict
from typing import Any

import pytest
from sqlalchemy import func, select

from config.settings import Settings
from db.clock import FixedClock
from db.migrate import open_queue
from db.models import EventKind, Ticket, TicketEvent, TicketStatus
from db.ops.issuing import issue_ticket
from tests import workers
from tests.conftest import KIOSK, MORNING, make_settings

pytestmark = pytest.mark.slow


def unlimited(db_url: str) -> Settings:
    data = make_settings(db_url).model_dump()
    for service in data["services"]:
        service["quota"] = {}
    return make_settings(db_url, services=data["services"])


def run(target: Any, arg_sets: list[tuple[Any, ...]], timeout: float = 90) -> list[Any]:
    spawn = multiprocessing.get_context("spawn")
    # Everyone (the workers, once their database is open, and this process) meets here,
    # so the workers really start at the same moment.
    start = spawn.Barrier(len(arg_sets) + 1)
    out = spawn.Queue()
    procs = [spawn.Process(target=target, args=(*args, start, out)) for args in arg_sets]
    for p in procs:
        p.start()
    start.wait(120)
    results = [out.get(timeout=timeout) for _ in procs]
    for p in procs:
        p.join(timeout)
        assert p.exitcode == 0
    return results


def test_four_processes_issue_1000_tickets_gapless(db_url: str) -> None:
    settings = unlimited(db_url)
    open_queue(settings).db.dispose()  # migrate once, as `loket-db init` would
    data = settings.model_dump(mode="json")
    results = run(workers.issue_many, [(data, MORNING, f"kiosk-{k}", 250) for k in range(4)])
    errors = [err for _, _, err in results if err]
    assert errors == []
    issued = [n for _, numbers, _ in results for n in numbers]
    assert len(issued) == 1000
    assert len(set(issued)) == 1000
    ctx = open_queue(settings, clock=FixedClock(MORNING))
    with ctx.db.read() as s:
        by_prefix: dict[str, list[int]] = defaultdict(list)
        for prefix, seq in s.execute(select(Ticket.prefix, Ticket.sequence)):
            by_prefix[prefix].append(seq)
        event_count = s.scalar(select(func.count()).where(TicketEvent.kind == EventKind.ISSUED))
    for prefix, seqs in by_prefix.items():
        assert sorted(seqs) == list(range(1, len(seqs) + 1)), prefix
    assert sum(len(v) for v in by_prefix.values()) == 1000
    assert event_count == 1000
    ctx.db.dispose()


def test_two_counters_racing_never_get_the_same_ticket(db_url: str) -> None:
    settings = unlimited(db_url)
    ctx = open_queue(settings, clock=FixedClock(MORNING))
    ids = [issue_ticket(ctx, KIOSK, "baru", "walk_in").id for _ in range(150)]
    data = settings.model_dump(mode="json")
    results = run(workers.call_until_empty, [(data, MORNING, 1), (data, MORNING, 2)])
    assert [err for _, _, err in results if err] == []
    called = [tid for _, got, _ in results for tid in got]
    assert sorted(called) == sorted(ids)
    assert all(len(got) > 0 for _, got, _ in results), "one counter starved the other"
    with ctx.db.read() as s:
        calls = Counter(
            s.scalars(select(TicketEvent.ticket_id).where(TicketEvent.kind == EventKind.CALLED))
        )
        statuses = set(s.scalars(select(Ticket.status)))
    assert set(calls.values()) == {1}
    assert statuses == {TicketStatus.DONE}
    ctx.db.dispose()


@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
def test_postgres_8_issuers_and_4_callers(db_url: str) -> None:
    settings = unlimited(db_url)
    open_queue(settings).db.dispose()
    data = settings.model_dump(mode="json")
    seconds = 6.0
    issuers = [(data, MORNING, f"kiosk-{k}", seconds) for k in range(8)]
    callers = [(data, MORNING, counter, seconds) for counter in (1, 2, 3, 5)]
    spawn = multiprocessing.get_context("spawn")
    start = spawn.Barrier(len(issuers) + len(callers) + 1)
    out = spawn.Queue()
    procs = [spawn.Process(target=workers.issue_for, args=(*a, start, out)) for a in issuers] + [
        spawn.Process(target=workers.call_for, args=(*a, start, out)) for a in callers
    ]
    for p in procs:
        p.start()
    start.wait(120)
    results = [out.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(60)
    assert [err for _, _, err in results if err] == []
    issued = [n for who, got, _ in results if isinstance(who, str) for n in got]
    called = [t for who, got, _ in results if isinstance(who, int) for t in got]
    assert len(issued) == len(set(issued)) > 50
    assert len(called) == len(set(called)) > 10
    ctx = open_queue(settings, clock=FixedClock(MORNING))
    with ctx.db.read() as s:
        by_prefix: dict[str, list[int]] = defaultdict(list)
        for prefix, seq in s.execute(select(Ticket.prefix, Ticket.sequence)):
            by_prefix[prefix].append(seq)
        call_events = Counter(
            s.scalars(select(TicketEvent.ticket_id).where(TicketEvent.kind == EventKind.CALLED))
        )
        tickets = s.scalars(select(Ticket)).all()
        last_status = {}
        for event in s.scalars(select(TicketEvent).order_by(TicketEvent.id)):
            last_status[event.ticket_id] = event.status_after
    for prefix, seqs in by_prefix.items():
        assert sorted(seqs) == list(range(1, len(seqs) + 1)), prefix
    assert sum(len(v) for v in by_prefix.values()) == len(issued)
    assert set(call_events.values()) == {1}
    assert sorted(call_events) == sorted(called)
    assert all(last_status[t.id] == t.status for t in tickets)
    ctx.db.dispose()
