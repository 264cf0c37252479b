"""Process entry points for the concurrency tests (importable by spawned processes)."""

from __future__ import annotations

import datetime as dt
import time
import traceback
from typing import Any

from config.settings import Settings
from db.clock import FixedClock
from db.context import Actor
from db.errors import NobodyWaiting
from db.migrate import open_queue
from db.models import Role
from db.ops.calling import call_next, complete
from db.ops.issuing import issue_ticket


def issue_many(
    settings_data: dict[str, Any], now: dt.datetime, kiosk: str, n: int, start: Any, out: Any
) -> None:
    try:
        ctx = open_queue(Settings.model_validate(settings_data), clock=FixedClock(now))
        actor = Actor.kiosk(kiosk)
        start.wait(120)
        numbers = []
        for i in range(n):
            service = "baru" if i % 3 else "ganti"
            numbers.append(issue_ticket(ctx, actor, service, "walk_in").number)
        ctx.db.dispose()
        out.put((kiosk, numbers, None))
    except BaseException:
        out.put((kiosk, [], traceback.format_exc()))


def call_until_empty(
    settings_data: dict[str, Any], now: dt.datetime, counter: int, start: Any, out: Any
) -> None:
    try:
        ctx = open_queue(Settings.model_validate(settings_data), clock=FixedClock(now))
        actor = Actor(f"officer-{counter}", Role.OFFICER)
        start.wait(120)
        called = []
        while True:
            try:
                ticket = call_next(ctx, actor, counter)
            except NobodyWaiting:
                break
            called.append(ticket.id)
            complete(ctx, actor, counter, ticket.id)
            # An officer takes a moment between applicants. Without it, one process that
            # loops faster than SQLite's busy handler wakes up could take every ticket.
            time.sleep(0.005)
        ctx.db.dispose()
        out.put((counter, called, None))
    except BaseException:
        out.put((counter, [], traceback.format_exc()))


def issue_for(
    settings_data: dict[str, Any],
    now: dt.datetime,
    kiosk: str,
    seconds: float,
    start: Any,
    out: Any,
) -> None:
    """Issue tickets for a bounded time; report the numbers got."""
    try:
        ctx = open_queue(Settings.model_validate(settings_data), clock=FixedClock(now))
        actor = Actor.kiosk(kiosk)
        start.wait(120)
        numbers = []
        deadline = time.monotonic() + seconds
        i = 0
        while time.monotonic() < deadline:
            service = "baru" if i % 3 else "ganti"
            channel = "priority" if i % 7 == 0 else "walk_in"
            reason = "elderly" if channel == "priority" else None
            numbers.append(issue_ticket(ctx, actor, service, channel, reason=reason).number)
            i += 1
        ctx.db.dispose()
        out.put((kiosk, numbers, None))
    except BaseException:
        out.put((kiosk, [], traceback.format_exc()))


def call_for(
    settings_data: dict[str, Any],
    now: dt.datetime,
    counter: int,
    seconds: float,
    start: Any,
    out: Any,
) -> None:
    """Call and complete at one counter for a bounded time."""
    try:
        ctx = open_queue(Settings.model_validate(settings_data), clock=FixedClock(now))
        actor = Actor(f"officer-{counter}", Role.OFFICER)
        start.wait(120)
        called = []
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                ticket = call_next(ctx, actor, counter)
            except NobodyWaiting:
                time.sleep(0.01)
                continue
            called.append(ticket.id)
            complete(ctx, actor, counter, ticket.id)
            # An officer takes a moment between applicants. Without it, one process that
            # loops faster than SQLite's busy handler wakes up could take every ticket.
            time.sleep(0.005)
        ctx.db.dispose()
        out.put((counter, called, None))
    except BaseException:
        out.put((counter, [], traceback.format_exc()))
