"""One watcher per process: it learns of queue changes the way the apps do (``db.changes``:
SQLite's ``data_version``, PostgreSQL's LISTEN/NOTIFY), reads the new picture once, and
wakes every waiting page stream. A thousand phones cost one read per change, not a
thousand, and no stream polls anything.

SQLite: ``PRAGMA data_version`` is read every ``SQLITE_POLL_S`` on one connection (a few
microseconds, no lock). PostgreSQL: the LISTEN connection's socket is watched by the event
loop (``add_reader``); when the server goes away the hub reconnects with back-off and
re-reads once it is back. Besides changes, the picture is re-read every ``TICK_S`` so the
estimates follow the clock and the business day rolls over.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import anyio.to_thread

from db.changes import PostgresChangeListener, SqliteChangeProbe
from db.context import QueueContext
from db.read.calling_display import DisplayScope, DisplayUpdate, first_update
from db.read.ticket_progress import TicketProgress, today_progress

log = logging.getLogger(__name__)

SQLITE_POLL_S = 0.1
TICK_S = 30.0
KEEPALIVE_S = 15.0
RECONNECT_S = (0.5, 1.0, 2.0, 5.0)


@dataclass(frozen=True)
class Picture:
    """What every page shows, read in one go after a change. ``messages`` keeps what the
    streams made of it (one event text per ticket and language, however many phones
    follow that ticket)."""

    generation: int
    read_at: float
    tickets: dict[str, TicketProgress]
    display: DisplayUpdate | None
    ok: bool = True
    messages: dict[tuple[str, str], str] = field(default_factory=dict, compare=False)

    def message(self, key: tuple[str, str], make: Callable[[], str]) -> str:
        text = self.messages.get(key)
        if text is None:
            text = self.messages[key] = make()
        return text


@dataclass
class Hub:
    ctx: QueueContext
    scope: DisplayScope
    recent_calls: int = 6
    picture: Picture = field(init=False)
    _changed: asyncio.Event = field(init=False)
    _dirty: asyncio.Event = field(init=False)
    _tasks: list[asyncio.Task[Any]] = field(init=False, default_factory=list)
    _listener: PostgresChangeListener | None = field(init=False, default=None)
    displays: int = field(init=False, default=0)  # open display streams

    def __post_init__(self) -> None:
        self.picture = Picture(0, 0.0, {}, None, ok=False)
        self._changed = asyncio.Event()
        self._dirty = asyncio.Event()

    # -- reading ------------------------------------------------------------------------

    def _read(self) -> tuple[dict[str, TicketProgress], DisplayUpdate | None]:
        tickets = today_progress(self.ctx)
        # The display's picture only while a display watches (or has just asked for it).
        display = self.read_display() if self.displays else None
        return tickets, display

    def read_display(self) -> DisplayUpdate:
        return first_update(self.ctx, self.scope, self.recent_calls)

    async def _refresh(self) -> None:
        try:
            tickets, display = await anyio.to_thread.run_sync(self._read)
            ok = True
        except Exception:
            log.exception("reading the queue failed")
            tickets, display, ok = self.picture.tickets, self.picture.display, False
        self.picture = Picture(self.picture.generation + 1, time.monotonic(), tickets, display, ok)
        self._wake()

    async def wait_newer(self, generation: int) -> Picture:
        """The picture once it is newer than ``generation``, or the current one at the
        next keep-alive tick (every ``KEEPALIVE_S``: the caller then sends a keep-alive).
        One shared event wakes every waiter: no timer per stream."""
        if self.picture.generation > generation:
            return self.picture
        await self._changed.wait()
        return self.picture

    async def wait_for_picture(self, generation: int, timeout: float) -> Picture:
        """As ``wait_newer``, but gives up after ``timeout`` seconds (for a page load)."""
        with contextlib.suppress(TimeoutError):
            return await asyncio.wait_for(self.wait_newer(generation), timeout)
        return self.picture

    def _wake(self) -> None:
        woken, self._changed = self._changed, asyncio.Event()
        woken.set()

    def poke(self) -> None:
        """Something changed (or may have): read again soon."""
        self._dirty.set()

    async def _reader(self) -> None:
        while True:
            await self._dirty.wait()
            self._dirty.clear()
            await self._refresh()

    async def _ticker(self) -> None:
        beats = 0
        while True:
            await asyncio.sleep(KEEPALIVE_S)
            beats += 1
            if beats * KEEPALIVE_S >= TICK_S:
                beats = 0
                self.poke()
            else:
                self._wake()

    # -- watching -----------------------------------------------------------------------

    async def _watch_sqlite(self) -> None:
        probe: SqliteChangeProbe | None = None
        while True:
            try:
                if probe is None:
                    probe = SqliteChangeProbe(self.ctx.db.url)
                    self.poke()
                if probe.changed():
                    self.poke()
            except Exception as exc:  # the file moved away, a disk error: try again
                log.warning("watching the SQLite file failed: %s", exc)
                if probe is not None:
                    probe.close()
                probe = None
                await asyncio.sleep(1.0)
            await asyncio.sleep(SQLITE_POLL_S)

    async def _watch_postgres(self) -> None:
        loop = asyncio.get_running_loop()
        listener = PostgresChangeListener(self.ctx.db.url)
        self._listener = listener
        attempt = 0
        while True:
            try:
                await anyio.to_thread.run_sync(listener.connect)
            except ConnectionError as exc:
                delay = RECONNECT_S[min(attempt, len(RECONNECT_S) - 1)]
                attempt += 1
                log.warning("database notifications unavailable (%s); retry in %s s", exc, delay)
                await asyncio.sleep(delay)
                continue
            attempt = 0
            lost = asyncio.Event()
            fd = listener.fileno()

            def readable(lost: asyncio.Event = lost) -> None:
                try:
                    if listener.drain():
                        self.poke()
                except ConnectionError:
                    lost.set()

            loop.add_reader(fd, readable)
            self.poke()  # whatever happened while we were away
            try:
                await lost.wait()
            finally:
                loop.remove_reader(fd)
                listener.close()

    async def start(self) -> None:
        watch = self._watch_sqlite if self.ctx.db.is_sqlite else self._watch_postgres
        for work in (self._reader, self._ticker, watch):
            self._tasks.append(asyncio.create_task(work()))
        self.poke()

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._tasks.clear()
        if self._listener is not None:
            self._listener.close()
