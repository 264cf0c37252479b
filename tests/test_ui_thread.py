"""The UI thread keeps ticking whatever the database does: a 50 ms timer fires at least
90 % of its expected count while the watcher and the operations bridge wait for a
database that does not answer (PostgreSQL away at start, going away and coming back;
SQLite locked by another program)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from db.clock import FixedClock
from db.context import QueueContext
from db.migrate import open_queue
from db.models import Ticket
from db.ops.issuing import issue_ticket
from tests.conftest import KIOSK, MORNING, make_settings
from tests.fault_workers import LockHolder
from tests.postgres import PostgresServer, queue_database
from ui.ops import Failure, Operations, Refresher
from ui.watcher import QueueWatcher

TICK_MS = 50


class Ticks:
    """A 50 ms timer on the UI thread and how often it fired while the loop ran."""

    def __init__(self, qtbot: QtBot) -> None:
        self.qtbot = qtbot
        self.count = 0
        self.timer = QTimer()
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        self.count += 1

    def measure(self, seconds: float, during: Callable[[], None] | None = None) -> float:
        """Run the event loop ``seconds`` (``during`` at the start, on the UI thread);
        the share of the expected ticks that fired."""
        self.count = 0
        started = time.monotonic()
        self.timer.start()
        if during is not None:
            during()
        self.qtbot.wait(round(seconds * 1000))
        elapsed = time.monotonic() - started
        self.timer.stop()
        return self.count / (elapsed * 1000 / TICK_MS)


def count_tickets(ctx: QueueContext) -> int:
    with ctx.db.read() as s:
        return int(s.scalar(select(func.count(Ticket.id))) or 0)


@pytest.fixture
def black_hole() -> Iterator[int]:
    """A port that accepts TCP connections and never answers: a PostgreSQL client waits
    there for its whole ``connect_timeout``, like a server behind a dead network."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    try:
        yield sock.getsockname()[1]
    finally:
        sock.close()


def test_postgres_unreachable_at_start(qtbot: QtBot, black_hole: int) -> None:
    url = f"postgresql+psycopg://loket@127.0.0.1:{black_hole}/loket"
    watcher = QueueWatcher(url, reconnect_ms=100)
    ticks = Ticks(qtbot)
    lost: list[str] = []
    watcher.connection_lost.connect(lost.append)
    began = time.monotonic()
    share = ticks.measure(6.5, watcher.start)
    try:
        assert time.monotonic() - began < 7.5
        assert share >= 0.9, f"the 50 ms timer fired only {share:.0%} of its expected count"
        assert lost, "the unreachable server was never reported"
        assert not watcher.listening
    finally:
        watcher.stop()
        watcher.ops.wait(10_000)


def test_postgres_goes_away_and_comes_back(qtbot: QtBot) -> None:
    server = PostgresServer()
    server.start()
    try:
        url = queue_database(server.admin_url, "ui_thread")
        ctx = open_queue(make_settings(url), clock=FixedClock(MORNING))
        watcher = QueueWatcher(url, reconnect_ms=100)
        ops = Operations()
        failures: list[Failure] = []
        seen: list[int] = []
        reads = Refresher(ops, lambda: count_tickets(ctx), seen.append, failures.append)
        watcher.changed.connect(reads.request)
        poke = QTimer()
        poke.setInterval(200)
        poke.timeout.connect(reads.request)
        ticks = Ticks(qtbot)
        share_start = ticks.measure(1.0, watcher.start)
        qtbot.waitUntil(lambda: watcher.listening, timeout=10_000)

        poke.start()
        mover = threading.Thread(target=server.stop_server)
        share_away = ticks.measure(4.0, mover.start)
        mover.join(30)
        assert not watcher.listening
        assert any(f.unreachable for f in failures)
        assert not ops.reachable

        mover = threading.Thread(target=server.start_server)
        share_back = ticks.measure(5.0, mover.start)
        mover.join(30)
        qtbot.waitUntil(lambda: watcher.listening and ops.reachable, timeout=30_000)
        poke.stop()

        for share in (share_start, share_away, share_back):
            assert share >= 0.9, f"the 50 ms timer fired only {share:.0%} of its expected count"
        # Back for real: a commit by this process reaches the watcher and the reads.
        with qtbot.waitSignal(watcher.changed, timeout=5000):
            issue_ticket(ctx, KIOSK, "baru", "walk_in")
        qtbot.waitUntil(lambda: bool(seen) and seen[-1] == 1, timeout=5000)
        watcher.stop()
        ops.shutdown()
        ctx.db.dispose()
    finally:
        server.stop()


def test_sqlite_locked_by_another_program(qtbot: QtBot, ctx: QueueContext) -> None:
    issue_ticket(ctx, KIOSK, "baru", "walk_in")
    watcher = QueueWatcher(ctx.settings.database_url, poll_ms=20)
    ops = Operations()
    done: list[object] = []
    failures: list[Failure] = []
    path = ctx.settings.database_url.removeprefix("sqlite:///")

    def write() -> None:  # waits for the lock (busy timeout), then fails or succeeds
        issue_ticket(ctx, KIOSK, "baru", "walk_in")

    holder = LockHolder(path, 4.0)  # type: ignore[arg-type]  # a path string is a path
    try:
        ticks = Ticks(qtbot)
        share = ticks.measure(
            3.0, lambda: (watcher.start(), ops.run(write, done.append, failures.append))
        )
        assert share >= 0.9, f"the 50 ms timer fired only {share:.0%} of its expected count"
        assert ops.busy, "the write should still be waiting for the lock"
    finally:
        holder.release()
        holder.stop()
    qtbot.waitUntil(lambda: not ops.busy, timeout=30_000)
    assert len(done) + len(failures) == 1
    watcher.stop()
    ops.shutdown()
