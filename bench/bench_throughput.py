"""Throughput: 4 processes issuing tickets at once into one SQLite file.

    python -m bench.bench_throughput [--processes 4] [--per-process 250]

Each process opens the queue the way a kiosk does (its own engine, production pragmas) and
issues walk-in tickets, spread over the services, as fast as it can; they start together
behind a barrier. Tickets per second = all tickets / wall time from the barrier to the last
commit. Measured twice: the issuing transaction (``write_ticket``, the estimate given, as
after the kiosk's read) with the target >= 600 tickets/s, and the whole ``issue_ticket``
(estimate read included) for information. Baseline: the same processes writing the same
rows with bare sqlite3 transactions.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import sys
import tempfile
import time
from pathlib import Path

from bench.common import KIOSK, MORNING, Result, bench_settings, fresh_queue, production_connection
from config.settings import Channel
from db.clock import FixedClock
from db.migrate import open_queue
from db.ops.issuing import check_request, issue_ticket, write_ticket

TARGET_PER_SECOND = 600.0
BARRIER_SECONDS = 300  # spawned processes import everything first: slow on a loaded machine
SERVICES = ("baru", "ganti", "ambil", "info")


def _queue_worker(db_path: str, count: int, worker: int, barrier: object, out: object) -> None:
    _issuing(db_path, count, worker, barrier, out, whole=True)


def _transaction_worker(
    db_path: str, count: int, worker: int, barrier: object, out: object
) -> None:
    _issuing(db_path, count, worker, barrier, out, whole=False)


def _issuing(
    db_path: str, count: int, worker: int, barrier: object, out: object, *, whole: bool
) -> None:
    try:
        settings = bench_settings(Path(db_path))
        if "://" in db_path:  # a database URL (bench_postgres), not a SQLite file
            settings = settings.model_copy(update={"database_url": db_path})
        ctx = open_queue(settings, clock=FixedClock(MORNING))
        try:
            kiosk = f"kiosk-{worker}"
            requests = [
                check_request(ctx, KIOSK, service, Channel.WALK_IN, kiosk_id=kiosk)
                for service in SERVICES
            ]
            barrier.wait(timeout=BARRIER_SECONDS)  # type: ignore[attr-defined]
            for i in range(count):
                k = (worker + i) % len(SERVICES)
                if whole:
                    issue_ticket(ctx, KIOSK, SERVICES[k], Channel.WALK_IN, kiosk_id=kiosk)
                else:
                    write_ticket(ctx, KIOSK, requests[k], (i, i * 4))
            out.put(time.perf_counter())  # type: ignore[attr-defined]
        finally:
            ctx.db.dispose()
    except BaseException as exc:  # reported to the parent, which would otherwise wait
        out.put(f"process {worker}: {exc!r}")  # type: ignore[attr-defined]
        raise


def _bare_worker(db_path: str, count: int, worker: int, barrier: object, out: object) -> None:
    from bench.bench_issue import bare_issue

    try:
        conn = production_connection(Path(db_path))
        try:
            barrier.wait(timeout=BARRIER_SECONDS)  # type: ignore[attr-defined]
            for i in range(count):
                bare_issue(conn, i, MORNING)
            out.put(time.perf_counter())  # type: ignore[attr-defined]
        finally:
            conn.close()
    except BaseException as exc:
        out.put(f"process {worker}: {exc!r}")  # type: ignore[attr-defined]
        raise


def _rate(target: object, db_path: Path, processes: int, per_process: int) -> float:
    spawn = mp.get_context("spawn")
    barrier = spawn.Barrier(processes + 1)
    out = spawn.Queue()
    workers = [
        spawn.Process(target=target, args=(str(db_path), per_process, w, barrier, out))  # type: ignore[arg-type]
        for w in range(processes)
    ]
    for w in workers:
        w.start()
    try:
        barrier.wait(timeout=BARRIER_SECONDS)
        start = time.perf_counter()
        ends = [out.get(timeout=600) for _ in workers]
    finally:
        for w in workers:
            w.join(timeout=60)
    failures = [e for e in ends if isinstance(e, str)]
    if failures:
        raise RuntimeError(f"a benchmark process failed: {failures[0]}")
    return processes * per_process / (max(ends) - start)


def run(processes: int = 4, per_process: int = 250) -> list[Result]:
    with tempfile.TemporaryDirectory(prefix="loket-bench-") as tmp:
        folder = Path(tmp)
        for name in ("transaction", "whole", "bare"):
            fresh_queue(folder / f"{name}.sqlite3").db.dispose()
        rate = _rate(_transaction_worker, folder / "transaction.sqlite3", processes, per_process)
        whole = _rate(_queue_worker, folder / "whole.sqlite3", processes, per_process)
        base = _rate(_bare_worker, folder / "bare.sqlite3", processes, per_process)
    return [
        Result(
            f"throughput, {processes} processes", processes * per_process, value=rate,
            base_value=base, unit="tickets/s", target=f">= {TARGET_PER_SECOND:g} tickets/s",
            ok=rate >= TARGET_PER_SECOND,
            note="issuing transactions (write_ticket) from separate processes, one SQLite "
            "file; baseline: bare sqlite3",
        ),
        Result(
            f"throughput, {processes} processes (whole issue)", processes * per_process,
            value=whole, base_value=base, unit="tickets/s",
            note="issue_ticket (estimate read + transaction); baseline: bare sqlite3",
        ),
    ]  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    from bench.report import print_table

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processes", type=int, default=4)
    parser.add_argument("--per-process", type=int, default=250)
    args = parser.parse_args(argv)
    print_table(run(args.processes, args.per_process))
    return 0


if __name__ == "__main__":
    sys.exit(main())
