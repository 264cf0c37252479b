"""SQLite versus PostgreSQL in one run, and PostgreSQL's change notifications.

    python -m bench.bench_postgres [--processes 8] [--per-process 125] [--commits 200]

For each backend, on a fresh database: ``--processes`` processes issue walk-in tickets as
fast as they can (bench_throughput's workers and timing: own engine each, started together
behind a barrier); tickets per second = all tickets / wall time from the barrier to the last
commit. The issuing transactions alone (``write_ticket``, the estimate given) carry the
target, PostgreSQL >= 300 tickets/s with 8 processes on one local server; the whole
``issue_ticket`` (estimate read included) is measured too. Then the same processes issue
again while this process calls ``call_next`` (+ an untimed ``complete``) at counters 1-5
every ``CALL_EVERY_S``: the latency of each ``call_next`` under that load.
Measured is PostgreSQL, baseline SQLite.

Notification latency: a ``PostgresChangeListener`` waits in a thread on its socket (as the
Qt watcher does); each of ``--commits`` tickets is issued one after the other and the time
from the start of the COMMIT to the listener waking with the notification is taken.
Baseline: a bare ``NOTIFY`` from a psycopg connection to the same listener.

The PostgreSQL server is a throwaway one (tests/postgres.py): a temporary cluster on a
free local port, removed afterwards; it needs Debian's ``postgresql`` package.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import select
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from sqlalchemy import event

from bench.bench_throughput import BARRIER_SECONDS, SERVICES, _issuing, _rate
from bench.common import KIOSK, MORNING, OFFICER, Result, bench_settings, p50_p99
from config.settings import Channel, Settings
from db.changes import PostgresChangeListener
from db.clock import FixedClock
from db.errors import NobodyWaiting
from db.migrate import open_queue
from db.ops.calling import call_next, complete
from db.ops.issuing import issue_ticket
from tests.postgres import PostgresServer, queue_database

COUNTERS = (1, 2, 3, 4, 5)
PRELOAD = 40  # tickets waiting before the issuers start: call_next always finds someone
NOTIFY_WAIT_S = 5.0
CALL_EVERY_S = 0.05  # 20 calls a second: far more than ten counters ever make


def url_settings(url: str) -> Settings:
    """The embedded settings without quotas, on ``url``."""
    return bench_settings(Path("unused")).model_copy(update={"database_url": url})


PG_TARGET_PER_SECOND = 300.0
SQLITE_PROCESSES = 4


def _writer(url: str, count: int, worker: int, barrier: Any, out: Any) -> None:
    _issuing(url, count, worker, barrier, out, whole=False)


def _issuer(url: str, count: int, worker: int, barrier: Any, out: Any) -> None:
    try:
        ctx = open_queue(url_settings(url), clock=FixedClock(MORNING))
        try:
            barrier.wait(timeout=BARRIER_SECONDS)
            for i in range(count):
                service = SERVICES[(worker + i) % len(SERVICES)]
                issue_ticket(ctx, KIOSK, service, Channel.WALK_IN, kiosk_id=f"kiosk-{worker}")
            out.put(time.perf_counter())
        finally:
            ctx.db.dispose()
    except BaseException as exc:  # reported to the parent, which would otherwise wait
        out.put(f"process {worker}: {exc!r}")
        raise


def issue_and_call(url: str, processes: int, per_process: int) -> tuple[float, float, list[float]]:
    """Tickets per second of the issuing processes alone (issuing transactions; whole
    issues), and call_next milliseconds while they issue again."""
    ctx = open_queue(url_settings(url), clock=FixedClock(MORNING))  # migrated once, first
    try:
        writes = _rate(_writer, url, processes, per_process)  # type: ignore[arg-type]
        rate = _rate(_issuer, url, processes, per_process)  # type: ignore[arg-type]
        for i in range(PRELOAD):
            issue_ticket(ctx, KIOSK, SERVICES[i % len(SERVICES)], Channel.WALK_IN)
        spawn = mp.get_context("spawn")
        barrier = spawn.Barrier(processes + 1)
        out = spawn.Queue()
        workers = [
            spawn.Process(target=_issuer, args=(url, per_process, w, barrier, out))
            for w in range(processes)
        ]
        for w in workers:
            w.start()
        samples: list[float] = []
        ends: list[object] = []
        try:
            barrier.wait(timeout=BARRIER_SECONDS)
            i = 0
            while len(ends) < processes:
                counter = COUNTERS[i % len(COUNTERS)]
                i += 1
                t0 = time.perf_counter()
                try:
                    ticket = call_next(ctx, OFFICER, counter)
                except NobodyWaiting:
                    ticket = None
                samples.append((time.perf_counter() - t0) * 1000)
                if ticket is not None:
                    complete(ctx, OFFICER, counter, ticket.id)
                time.sleep(max(0.0, t0 + CALL_EVERY_S - time.perf_counter()))
                while not out.empty():
                    ends.append(out.get())
        finally:
            for w in workers:
                w.join(timeout=60)
        failures = [e for e in ends if isinstance(e, str)]
        if failures:
            raise RuntimeError(f"a benchmark process failed: {failures[0]}")
        return writes, rate, samples
    finally:
        ctx.db.dispose()


class _Arrivals:
    """The listener's thread: notes when each notification wakes it."""

    def __init__(self, url: str) -> None:
        self.listener = PostgresChangeListener(url)
        self.listener.connect()
        self.arrived = threading.Event()
        self.at = 0.0
        self._stop = False
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        fd = self.listener.fileno()
        while not self._stop:
            readable, _, _ = select.select([fd], [], [], 0.1)
            if readable and self.listener.drain():
                self.at = time.perf_counter()
                self.arrived.set()

    def close(self) -> None:
        self._stop = True
        self._thread.join(5)
        self.listener.close()


def notification_latency(url: str, commits: int) -> tuple[list[float], list[float]]:
    """Milliseconds commit → listener for issued tickets, and for bare NOTIFYs."""
    import psycopg

    ctx = open_queue(url_settings(url), clock=FixedClock(MORNING))
    arrivals = _Arrivals(url)
    commit_started = [0.0]

    def on_commit(_conn: object) -> None:
        commit_started[0] = time.perf_counter()

    event.listen(ctx.db.engine, "commit", on_commit)
    try:
        queue_ms: list[float] = []
        for i in range(commits):
            arrivals.arrived.clear()
            issue_ticket(ctx, KIOSK, SERVICES[i % len(SERVICES)], Channel.WALK_IN)
            if not arrivals.arrived.wait(NOTIFY_WAIT_S):
                raise RuntimeError("a commit's notification never arrived")
            queue_ms.append((arrivals.at - commit_started[0]) * 1000)
        bare_ms: list[float] = []
        dsn = url.replace("postgresql+psycopg://", "postgresql://", 1)
        with psycopg.connect(dsn, autocommit=True) as conn:
            for _ in range(commits):
                arrivals.arrived.clear()
                t0 = time.perf_counter()
                conn.execute("NOTIFY loket_queue")
                if not arrivals.arrived.wait(NOTIFY_WAIT_S):
                    raise RuntimeError("a bare notification never arrived")
                bare_ms.append((arrivals.at - t0) * 1000)
        return queue_ms, bare_ms
    finally:
        event.remove(ctx.db.engine, "commit", on_commit)
        arrivals.close()
        ctx.db.dispose()


def run(processes: int = 8, per_process: int = 125, commits: int = 200) -> list[Result]:
    server = PostgresServer()
    try:
        server.start()
        pg_load = queue_database(server.admin_url, "loket_bench_load")
        pg_notify = queue_database(server.admin_url, "loket_bench_notify")
        with tempfile.TemporaryDirectory(prefix="loket-bench-") as tmp:
            sqlite_url = f"sqlite:///{Path(tmp) / 'queue.sqlite3'}"
            # SQLite's baseline from at most 4 issuers (an office's kiosks on one PC): more
            # processes fighting for one file's lock starve each other on a loaded machine.
            lite = min(processes, SQLITE_PROCESSES)
            lite_writes, lite_rate, lite_calls = issue_and_call(
                sqlite_url, lite, per_process * processes // lite
            )
        pg_writes, pg_rate, pg_calls = issue_and_call(pg_load, processes, per_process)
        notify_ms, bare_ms = notification_latency(pg_notify, commits)
    finally:
        server.stop()
    c50, c99 = p50_p99(pg_calls)
    b50, b99 = p50_p99(lite_calls)
    n50, n99 = p50_p99(notify_ms)
    m50, m99 = p50_p99(bare_ms)
    total = processes * per_process
    return [
        Result(
            f"PostgreSQL throughput, {processes} processes", total, value=pg_writes,
            base_value=lite_writes, unit="tickets/s",
            target=f">= {PG_TARGET_PER_SECOND:g} tickets/s", ok=pg_writes >= PG_TARGET_PER_SECOND,
            note="issuing transactions (write_ticket) from separate processes, one local "
            f"server; baseline: the same on SQLite from {min(processes, SQLITE_PROCESSES)} "
            "processes",
        ),
        Result(
            f"PostgreSQL throughput, {processes} processes (whole issue)", total, value=pg_rate,
            base_value=lite_rate, unit="tickets/s",
            note="issue_ticket (estimate read + transaction); baseline: the same on SQLite",
        ),
        Result(
            f"call_next while {processes} processes issue", len(pg_calls), c50, c99, b50, b99,
            target="p99 <= 100 ms", ok=c99 <= 100 and b99 <= 100,
            note=f"measured: PostgreSQL ({len(pg_calls)} calls); baseline: SQLite "
            f"({len(lite_calls)} calls); one call per {CALL_EVERY_S * 1000:.0f} ms",
        ),
        Result(
            "notification commit -> listener", commits, n50, n99, m50, m99,
            target="p99 <= 100 ms", ok=n99 <= 100,
            note="PostgreSQL LISTEN/NOTIFY, issue_ticket's COMMIT start to the listener "
            "waking; baseline: bare NOTIFY",
        ),
    ]  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    from bench.report import print_table

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processes", type=int, default=8)
    parser.add_argument("--per-process", type=int, default=125)
    parser.add_argument("--commits", type=int, default=200)
    args = parser.parse_args(argv)
    print_table(run(args.processes, args.per_process, args.commits))
    return 0


if __name__ == "__main__":
    sys.exit(main())
