"""The PostgreSQL server goes away while tickets are being issued: every call either
returned a ticket that exists afterwards or raised a clear error, and the queue stays
consistent (numbers gapless per series, no half-made ticket, events matching states).

The server here is this module's own (it is stopped and restarted), never the session's.
The helpers are shared with the kiosk's and the console's server-away tests."""

from __future__ import annotations

import threading
import time
import uuid
from collections import defaultdict
from collections.abc import Iterator

import pytest
from sqlalchemy import select
from sqlalchemy.exc import DBAPIError

from config.settings import Settings
from db.clock import FixedClock
from db.context import QueueContext
from db.engine import DatabaseBusy, DatabaseUnavailable
from db.migrate import open_queue
from db.models import EventKind, PrintJob, Ticket, TicketEvent
from db.ops.issuing import issue_ticket
from db.views import TicketView
from tests.conftest import KIOSK, MORNING, make_settings
from tests.postgres import PostgresServer, queue_database


@pytest.fixture(scope="module")
def away_server() -> Iterator[PostgresServer]:
    """A PostgreSQL server of this module alone: the tests stop and restart it."""
    server = PostgresServer()
    try:
        server.start()
        yield server
    finally:
        server.stop()


def fresh_database(server: PostgresServer) -> str:
    return queue_database(server.admin_url, f"loket_away_{uuid.uuid4().hex[:10]}")


def unlimited(db_url: str) -> Settings:
    data = make_settings(db_url).model_dump()
    for service in data["services"]:
        service["quota"] = {}
    return make_settings(db_url, services=data["services"])


def assert_consistent(ctx: QueueContext) -> list[str]:
    """Numbers gapless per series, one issuing event per ticket, every ticket's last event
    status == its status, one print job per kiosk ticket. Returns the numbers."""
    with ctx.db.read() as s:
        tickets = s.execute(
            select(Ticket.id, Ticket.business_day, Ticket.prefix, Ticket.sequence, Ticket.status)
        ).all()
        events = s.execute(
            select(TicketEvent.ticket_id, TicketEvent.kind, TicketEvent.status_after).order_by(
                TicketEvent.id
            )
        ).all()
        jobs = list(s.scalars(select(PrintJob.ticket_id)))
        kiosk_tickets = set(s.scalars(select(Ticket.id).where(Ticket.kiosk_id.is_not(None))))
        numbers = list(s.scalars(select(Ticket.number).order_by(Ticket.id)))
    series: dict[tuple[object, str], list[int]] = defaultdict(list)
    for _, day, prefix, seq, _ in tickets:
        series[(day, prefix)].append(seq)
    for key, seqs in series.items():
        assert sorted(seqs) == list(range(1, len(seqs) + 1)), f"gap or duplicate in {key}"
    last: dict[int, str] = {}
    births: dict[int, int] = defaultdict(int)
    for ticket_id, kind, status_after in events:
        last[ticket_id] = status_after
        if kind in (EventKind.ISSUED, EventKind.CHECKED_IN):
            births[ticket_id] += 1
    for ticket_id, *_, status in tickets:
        assert births[ticket_id] == 1, f"ticket {ticket_id} has {births[ticket_id]} births"
        assert last[ticket_id] == status, f"ticket {ticket_id}: events say otherwise"
    assert set(last) <= {t[0] for t in tickets}, "events of a ticket that does not exist"
    assert sorted(set(jobs)) == sorted(jobs), "a ticket with two print jobs"
    assert set(jobs) <= kiosk_tickets
    return numbers


def clear_error(exc: BaseException) -> bool:
    """What a caller may hear while the server is away: the database's own errors."""
    return isinstance(exc, DatabaseUnavailable | DBAPIError) and not isinstance(exc, DatabaseBusy)


def wait_for(condition: object, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def test_issuing_through_a_server_restart_commits_or_fails_cleanly(
    away_server: PostgresServer,
) -> None:
    settings = unlimited(fresh_database(away_server))
    ctx = open_queue(settings, clock=FixedClock(MORNING))
    returned: list[TicketView] = []
    errors: list[BaseException] = []
    stop = threading.Event()

    def issue_many() -> None:
        n = 0
        while not stop.is_set():
            service = ("baru", "ganti")[n % 2]
            n += 1
            try:
                returned.append(issue_ticket(ctx, KIOSK, service, "walk_in", kiosk_id="kiosk-1"))
            except Exception as exc:  # every failure is judged below
                errors.append(exc)
                time.sleep(0.02)

    worker = threading.Thread(target=issue_many)
    worker.start()
    try:
        wait_for(lambda: len(returned) >= 30)
        away_server.stop_server()  # mid-run: some transaction is in flight
        wait_for(lambda: len(errors) >= 5)
        before_restart = len(returned)
        away_server.start_server()
        wait_for(lambda: len(returned) >= before_restart + 30)
    finally:
        stop.set()
        worker.join(60)
    assert not worker.is_alive()
    assert errors, "the server never went away"
    unclear = [exc for exc in errors if not clear_error(exc)]
    assert unclear == []
    numbers = assert_consistent(ctx)
    got = [t.number for t in returned]
    assert len(got) == len(set(got))
    assert set(got) <= set(numbers), "a returned ticket does not exist"
    # A ticket may exist that its caller never heard of (the reply was lost with the
    # connection), but only whole: at most one per failed call.
    assert len(numbers) - len(got) <= len(errors)
    with ctx.db.read() as s:
        ids = set(s.scalars(select(Ticket.id)))
    assert {t.id for t in returned} <= ids
    ctx.db.dispose()
