"""Processes for the stalled-writer test (``python -m tests.stall_workers COMMAND ...``).

``hold CONFIG``
    Opens the queue, issues one walk-in ticket inside a write transaction and, on the
    first try only, prints ``holding`` and sleeps 3 s before committing, so the test can
    SIGSTOP it while it holds the queue's lock. At the end it prints one JSON line:
    ``{"numbers": [...], "errors": [...], "seconds": [...]}``.

``issue CONFIG N``
    Opens the queue, prints ``ready``, waits for SIGUSR1, then issues N walk-in tickets
    one after another, printing the same JSON line (one entry per ticket: its number or
    the error message, and its duration).
"""

from __future__ import annotations

import json
import signal
import sys
import threading
import time
from typing import Any


def _open(config: str) -> Any:
    from config import load_settings
    from db.migrate import open_queue

    return open_queue(load_settings(config))


def hold(config: str) -> None:
    from config.settings import Channel
    from db.context import Actor, audit, queue_now
    from db.engine import DatabaseUnavailable
    from db.ops.issuing import create_ticket

    ctx = _open(config)
    actor = Actor.kiosk("kiosk-stall")
    service = ctx.settings.service("baru")
    tries = []

    def work(session: Any) -> str:
        now = queue_now(session, ctx)
        ticket = create_ticket(session, ctx, actor, service, Channel.WALK_IN, now, kiosk_id=None)
        audit(session, actor, "issue_ticket", now, ticket.number)
        tries.append(ticket.number)
        if len(tries) == 1:
            print("holding", flush=True)
            time.sleep(10)  # stopped (SIGSTOP) by the test during this sleep
        return ticket.number

    started = time.monotonic()
    out: dict[str, list[Any]] = {"numbers": [], "errors": [], "seconds": []}
    try:
        out["numbers"].append(ctx.db.run_write(work))
    except DatabaseUnavailable as exc:
        out["errors"].append(str(exc))
    out["seconds"].append(time.monotonic() - started)
    print(json.dumps(out), flush=True)
    ctx.db.dispose()


def issue(config: str, count: int) -> None:
    from db.context import Actor
    from db.engine import DatabaseUnavailable
    from db.ops.issuing import issue_ticket

    ctx = _open(config)
    out: dict[str, list[Any]] = {"numbers": [], "errors": [], "seconds": []}
    go = threading.Event()
    signal.signal(signal.SIGUSR1, lambda *_: go.set())
    print("ready", flush=True)
    go.wait(120)
    for _ in range(count):
        started = time.monotonic()
        try:
            out["numbers"].append(
                issue_ticket(ctx, Actor.kiosk("kiosk-w"), "baru", "walk_in").number
            )
        except DatabaseUnavailable as exc:
            out["errors"].append(str(exc))
        out["seconds"].append(time.monotonic() - started)
    print(json.dumps(out), flush=True)
    ctx.db.dispose()


if __name__ == "__main__":
    command, *rest = sys.argv[1:]
    if command == "hold":
        hold(rest[0])
    elif command == "issue":
        issue(rest[0], int(rest[1]))
    else:
        raise SystemExit(f"unknown command {command}")
