"""Two consoles in two processes, each pressing Call next (and Complete) 200 times against
one queue: no ticket is ever handed to both."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import traceback
from collections import Counter
from typing import Any

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer
from sqlalchemy import select

from admin_console.tasks import Tasks
from config.settings import Settings
from db.clock import FixedClock
from db.migrate import open_queue
from db.models import EventKind, Ticket, TicketEvent, TicketStatus
from db.ops.calling import call_next, complete
from db.ops.issuing import issue_ticket
from db.ops.officers import add_officer, authenticate
from db.views import TicketView
from tests.conftest import ADMIN, KIOSK, MORNING, make_settings
from tests.console.conftest import PASSWORD

PRESSES = 200


def console_presses(
    settings_data: dict[str, Any],
    now: dt.datetime,
    counter: int,
    username: str,
    presses: int,
    start: Any,
    out: Any,
) -> None:
    """A console process: log in, then ``presses`` times Call next and Complete, each one
    queue operation on the console's task runner (worker threads, results on the Qt thread),
    the next press only once the previous ticket is done, as at a counter."""
    got: list[int] = []
    errors: list[str] = []
    try:
        app = QCoreApplication.instance() or QCoreApplication([])
        ctx = open_queue(Settings.model_validate(settings_data), clock=FixedClock(now))
        actor = authenticate(ctx, username, PASSWORD).actor
        tasks = Tasks()
        loop = QEventLoop()
        left = [presses]

        def press() -> None:
            if left[0] == 0:
                loop.quit()
                return
            left[0] -= 1
            tasks.run(lambda: call_next(ctx, actor, counter), called, refused)

        def called(ticket: TicketView) -> None:
            got.append(ticket.id)
            tasks.run(lambda: complete(ctx, actor, counter, ticket.id), lambda _: press(), failed)

        def refused(text: str) -> None:
            errors.append(text)
            press()

        def failed(text: str) -> None:
            errors.append(f"complete: {text}")
            loop.quit()

        start.wait(120)
        QTimer.singleShot(0, press)
        loop.exec()
        tasks.shutdown()
        ctx.db.dispose()
        del app
        out.put((counter, got, errors, None))
    except BaseException:
        out.put((counter, got, errors, traceback.format_exc()))
    # Leave without the interpreter's teardown of Qt objects (not what is tested here).
    out.close()
    out.join_thread()
    os._exit(0)


def test_two_console_processes_never_call_the_same_ticket(db_url: str) -> None:
    data = make_settings(db_url).model_dump()
    for service in data["services"]:
        service["quota"] = {}
    settings = make_settings(db_url, services=data["services"])
    ctx = open_queue(settings, clock=FixedClock(MORNING))
    add_officer(ctx, ADMIN, "budi", "officer", PASSWORD)
    add_officer(ctx, ADMIN, "andi", "officer", PASSWORD)
    issued = {issue_ticket(ctx, KIOSK, "baru", "walk_in").id for _ in range(2 * PRESSES)}
    spawn = multiprocessing.get_context("spawn")
    start = spawn.Barrier(3)
    out = spawn.Queue()
    json_data = settings.model_dump(mode="json")
    procs = [
        spawn.Process(
            target=console_presses,
            args=(json_data, MORNING, counter, who, PRESSES, start, out),
        )
        for counter, who in ((1, "budi"), (2, "andi"))
    ]
    for p in procs:
        p.start()
    start.wait(60)
    results = [out.get(timeout=100) for _ in procs]
    for p in procs:
        p.join(30)
        assert p.exitcode == 0
    assert [crash for *_, crash in results if crash] == []
    assert [e for _, _, errors, _ in results for e in errors] == []
    got = {counter: tickets for counter, tickets, _, _ in results}
    assert len(got[1]) == PRESSES and len(got[2]) == PRESSES
    assert len(set(got[1])) == PRESSES and len(set(got[2])) == PRESSES
    assert not set(got[1]) & set(got[2]), "a ticket reached both consoles"
    assert set(got[1]) | set(got[2]) == issued
    with ctx.db.read() as s:
        calls = Counter(
            s.scalars(select(TicketEvent.ticket_id).where(TicketEvent.kind == EventKind.CALLED))
        )
        where = {t: n for t, n in s.execute(select(Ticket.id, Ticket.counter_number))}
        done = set(s.scalars(select(Ticket.id).where(Ticket.status == TicketStatus.DONE)))
    assert set(calls.values()) == {1}
    assert set(calls) == issued == done
    assert all(where[t] == 1 for t in got[1]) and all(where[t] == 2 for t in got[2])
    ctx.db.dispose()
