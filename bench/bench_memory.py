"""Memory after issuing 10 000 tickets: the RSS of a process that issued them.

    python -m bench.bench_memory [--tickets 10000] [--per-day 600]

A fresh process opens the queue, issues ``--tickets`` walk-in tickets through
``issue_ticket`` (a new business day every ``--per-day`` tickets, as in an office, so
today's line stays a day's size) and reports its resident set size. Baseline: the RSS of
the same process after opening the queue and issuing one ticket (imports, engine, caches).
A leak shows as a large ratio.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.common import KIOSK, Result, fresh_queue, rss_mb
from config.settings import Channel
from db.clock import FixedClock
from db.ops.issuing import issue_ticket

SERVICES = ("baru", "ganti", "ambil", "info")


def issue_many(db_path: Path, tickets: int, per_day: int) -> dict[str, float]:
    """In this process: issue the tickets, return RSS before (after one) and after (MiB)."""
    ctx = fresh_queue(db_path)
    clock = ctx.clock
    assert isinstance(clock, FixedClock)
    start = clock.now()
    try:
        issue_ticket(ctx, KIOSK, "info", Channel.WALK_IN, kiosk_id="kiosk-1")
        before = rss_mb()
        day = 0
        for i in range(tickets):
            if i and i % per_day == 0:
                day += 1
            weekday_offset = day + 2 * ((day + start.weekday()) // 5)  # skip weekends
            clock.set(start + dt.timedelta(days=weekday_offset, seconds=20 * (i % per_day)))
            issue_ticket(ctx, KIOSK, SERVICES[i % 4], Channel.WALK_IN, kiosk_id="kiosk-1")
        return {"before": before, "after": rss_mb()}
    finally:
        ctx.db.dispose()


def run(tickets: int = 10_000, per_day: int = 600) -> list[Result]:
    with tempfile.TemporaryDirectory(prefix="loket-bench-") as tmp:
        out = subprocess.run(
            [sys.executable, "-m", "bench.bench_memory", "--child", str(Path(tmp) / "m.sqlite3"),
             "--tickets", str(tickets), "--per-day", str(per_day)],
            capture_output=True, text=True, check=True, cwd=Path(__file__).parents[1],
        )  # fmt: skip
    figures = json.loads(out.stdout.strip().splitlines()[-1])
    return [
        Result(
            f"memory after {tickets} tickets", tickets, value=figures["after"],
            base_value=figures["before"], unit="MiB",
            note="RSS of the issuing process; baseline: same process after 1 ticket",
        )
    ]  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    from bench.report import print_table

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=10_000)
    parser.add_argument("--per-day", type=int, default=600)
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child is not None:
        print(json.dumps(issue_many(args.child, args.tickets, args.per_day)))
        return 0
    print_table(run(args.tickets, args.per_day))
    return 0


if __name__ == "__main__":
    sys.exit(main())
