"""The estimated wait of a new ticket with 300 and 1000 tickets waiting.

    python -m bench.bench_estimate [--n 200] [--waiting 300 1000] [--days 20] [--per-day 600]

What the kiosk runs before it issues (``estimate_outside``: one read transaction, the
forward simulation of the call policy over ``estimate.runs`` runs), timed per call. The
database holds ``--days`` days of finished tickets (learnt from), counters 1-4 open with an
applicant each being served, and today's line of ``--waiting`` tickets of all services and
channels, written straight into the table as test data. Targets: p99 <= 20 ms at 300
waiting, <= 60 ms at 1000 (wall time: what the applicant waits for). The note also gives
the estimating thread's CPU time, the steadier figure on a PC shared with other work.

Also timed, with the same queue: the picture of every ticket of the day that the web
service reads once per queue change for the live ticket pages (``today_progress``: the
people ahead of each ticket and its range), for the record (no target:
it runs on the web service's reading thread, not while an applicant waits at the kiosk).

Nothing is kept between two calls but what a kiosk keeps between two issues: the earlier
days' measured times (learnt once a day), today's (again every few minutes) and the parsed
rows of the line; every call reads the line and counters and simulates anew.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import sys
import tempfile
import time
from pathlib import Path

from bench.bench_call_next import add_history
from bench.common import OFFICER, Result, fresh_queue, p50_p99, production_connection, timed
from config.settings import Channel
from db.clock import FixedClock
from db.context import QueueContext
from db.ops.calling import call_next, start_service
from db.ops.counters import open_counter
from db.ops.issuing import estimate_outside
from db.read.ticket_progress import today_progress

LINES = (("baru", Channel.WALK_IN), ("ganti", Channel.WALK_IN), ("baru", Channel.BOOKING),
         ("ambil", Channel.WALK_IN), ("ganti", Channel.PRIORITY), ("info", Channel.WALK_IN),
         ("baru", Channel.VIP), ("ganti", Channel.BOOKING))  # fmt: skip
TARGETS = {300: 20.0, 1000: 60.0}


def add_line(db_path: Path, now: dt.datetime, waiting: int) -> None:
    """``waiting`` tickets of today, issued over the last hours, in every line."""
    conn = production_connection(db_path)
    prefixes = {"baru": "A", "ganti": "B", "ambil": "C", "info": "D"}
    sequences = dict.fromkeys(prefixes.values(), 500)
    rows = []
    utc_now = now.astimezone(dt.UTC).replace(tzinfo=None)
    slot = (utc_now + dt.timedelta(minutes=30)).replace(minute=0, second=0, microsecond=0)
    for i in range(waiting):
        service, channel = LINES[i % len(LINES)]
        prefix = prefixes[service]
        sequences[prefix] += 1
        issued = utc_now - dt.timedelta(seconds=20 * (waiting - i))
        slot_start = str(slot) if channel == Channel.BOOKING else None
        rows.append((20_000_000 + i, now.date().isoformat(), prefix, sequences[prefix],
                     f"{prefix}-{sequences[prefix]:03d}", f"w{i}", service, channel.value,
                     "waiting", str(issued), str(issued), slot_start, 0, "printed", 0))  # fmt: skip
    conn.execute("BEGIN IMMEDIATE")
    conn.executemany(
        "INSERT INTO tickets (id, business_day, prefix, sequence, number, token, service_code, "
        "channel, status, issued_at, queued_at, slot_start, recall_count, print_state, "
        "people_ahead_at_issue) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    conn.close()


def run(
    n: int = 200, waiting: tuple[int, ...] = (300, 1000), days: int = 20, per_day: int = 600
) -> list[Result]:
    results = []
    for size in waiting:
        with tempfile.TemporaryDirectory(prefix="loket-bench-") as tmp:
            path = Path(tmp) / "estimate.sqlite3"
            ctx = fresh_queue(path)
            try:
                rows = add_history(path, ctx.now(), days, per_day)
                add_line(path, ctx.now(), size)
                for counter in (1, 2, 3, 4):
                    open_counter(ctx, OFFICER, counter)
                    start_service(ctx, OFFICER, counter, call_next(ctx, OFFICER, counter).id)
                clock = ctx.clock
                assert isinstance(clock, FixedClock)

                def estimate(i: int, ctx: QueueContext = ctx, clock: FixedClock = clock) -> None:
                    clock.advance(seconds=5)
                    service, channel = LINES[i % len(LINES)]
                    estimate_outside(ctx, ctx.settings.service(service), channel)

                estimate(0)  # the earlier days are learnt once a day; warm them
                gc.collect()  # the test data's garbage is not the estimate's
                cpu: list[float] = []

                def measured(i: int, cpu: list[float] = cpu) -> None:
                    start = time.thread_time()
                    estimate(i)
                    cpu.append((time.thread_time() - start) * 1000)

                samples = timed(n, measured)

                def pages(_i: int, ctx: QueueContext = ctx, clock: FixedClock = clock) -> None:
                    clock.advance(seconds=5)
                    today_progress(ctx)

                page_samples = timed(max(10, n // 4), pages)
            finally:
                ctx.db.dispose()
        p50, p99 = p50_p99(samples)
        cpu_p50, cpu_p99 = p50_p99(cpu)
        target = TARGETS.get(size, 60.0)
        results.append(
            Result(
                f"estimate, {size} waiting", n, p50, p99, None, None,
                target=f"p99 <= {target:g} ms", ok=p99 <= target,
                note=f"budget {'met' if p99 <= target else 'missed'}; CPU time p50 {cpu_p50:.1f} / "
                f"p99 {cpu_p99:.1f} ms; {ctx.settings.estimate.runs} runs; {rows} old tickets "
                f"({days} days)",
            )
        )  # fmt: skip
        p50, p99 = p50_p99(page_samples)
        results.append(
            Result(
                f"ticket pages (every ticket of the day), {size} waiting", len(page_samples),
                p50, p99, None, None,
                note="read once per queue change by the web service, for every phone",
            )
        )  # fmt: skip
    return results


def main(argv: list[str] | None = None) -> int:
    from bench.report import print_table

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--waiting", type=int, nargs="+", default=[300, 1000])
    parser.add_argument("--days", type=int, default=20)
    parser.add_argument("--per-day", type=int, default=600)
    args = parser.parse_args(argv)
    print_table(run(args.n, tuple(args.waiting), args.days, args.per_day))
    return 0


if __name__ == "__main__":
    sys.exit(main())
