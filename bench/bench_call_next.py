"""``call_next`` with 300 tickets waiting and 30 days of history in the database.

    python -m bench.bench_call_next [--n 200] [--waiting 300] [--days 30] [--per-day 600]

History (30 days x 600 done tickets, each with its four events and audit records) is
written straight into the tables once, as test data: issuing 18 000 tickets one by one
would only make the benchmark slow. Today's line is made with ``issue_ticket``. Each
measured ``call_next`` is followed (untimed) by ``complete`` and a new issue, so the line
stays at ``--waiting``. Baseline: the same on a database without history; the ratio shows
what history costs today's work (it should be ~1: the indexes start with the business day).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
from pathlib import Path

from bench.common import (
    KIOSK,
    OFFICER,
    Result,
    fresh_queue,
    p50_p99,
    production_connection,
    timed,
)
from config.settings import Channel
from db.clock import FixedClock
from db.context import QueueContext
from db.ops.calling import call_next, complete
from db.ops.issuing import issue_ticket
from db.views import TicketView

LINES = (("baru", Channel.WALK_IN), ("ganti", Channel.WALK_IN), ("ambil", Channel.WALK_IN),
         ("baru", Channel.PRIORITY), ("info", Channel.WALK_IN))  # fmt: skip
COUNTERS = (1, 2, 3, 4, 5)


def add_history(db_path: Path, today: dt.datetime, days: int, per_day: int) -> int:
    """``days`` earlier business days of ``per_day`` finished tickets each; returns rows."""
    conn = production_connection(db_path)
    services = (("A", "baru"), ("B", "ganti"), ("C", "ambil"), ("D", "info"))
    tickets, events, audits = [], [], []
    ticket_id = 10_000_000
    for back in range(days, 0, -1):
        day = (today - dt.timedelta(days=back)).astimezone(dt.UTC)
        start = day.replace(hour=1, minute=0, second=0, microsecond=0, tzinfo=None)
        sequences = dict.fromkeys("ABCD", 0)
        for i in range(per_day):
            prefix, code = services[i % 4]
            sequences[prefix] += 1
            ticket_id += 1
            issued = start + dt.timedelta(seconds=45 * i)
            called = issued + dt.timedelta(minutes=20)
            serving = called + dt.timedelta(minutes=1)
            done = serving + dt.timedelta(minutes=8)
            number = f"{prefix}-{sequences[prefix]:03d}"
            tickets.append((ticket_id, (today - dt.timedelta(days=back)).date().isoformat(),
                            prefix, sequences[prefix], number, f"h{ticket_id}", code, "walk_in",
                            "done", issued, issued, called, serving, done, 1 + i % 9, 0,
                            "printed", 3, 15))  # fmt: skip
            steps = (("issued", issued, "waiting"), ("called", called, "called"),
                     ("started", serving, "serving"), ("completed", done, "done"))  # fmt: skip
            for kind, at, status in steps:
                events.append((ticket_id, kind, at, "hist", 1 + i % 9, status, ""))
                audits.append((at, "hist", "officer", kind, number, "{}"))
    conn.execute("BEGIN IMMEDIATE")
    conn.executemany(
        "INSERT INTO tickets (id, business_day, prefix, sequence, number, token, service_code, "
        "channel, status, issued_at, queued_at, called_at, serving_at, done_at, counter_number, "
        "recall_count, print_state, people_ahead_at_issue, estimated_wait_at_issue) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [t[:9] + tuple(str(x) for x in t[9:14]) + t[14:] for t in tickets],
    )
    conn.executemany(
        "INSERT INTO ticket_events (ticket_id, kind, at, actor, counter_number, status_after, "
        "detail) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(e[0], e[1], str(e[2]), *e[3:]) for e in events],
    )
    conn.executemany(
        "INSERT INTO audit_log (at, actor, role, action, target, detail) VALUES (?, ?, ?, ?, ?, ?)",
        [(str(a[0]), *a[1:]) for a in audits],
    )
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    conn.close()
    return len(tickets)


def _issue(ctx: QueueContext, service: str, channel: Channel) -> None:
    reason = "elderly" if channel == Channel.PRIORITY else None
    issue_ticket(ctx, KIOSK, service, channel, reason=reason)


def _measure(ctx: QueueContext, n: int, waiting: int) -> list[float]:
    clock = ctx.clock
    assert isinstance(clock, FixedClock)
    for i in range(waiting):
        clock.advance(seconds=2)
        service, channel = LINES[i % len(LINES)]
        _issue(ctx, service, channel)

    timed_ms: list[float] = []
    for i in range(n):
        clock.advance(seconds=20)
        counter = COUNTERS[i % len(COUNTERS)]
        views: list[TicketView] = []
        timed_ms += timed(1, lambda _i, c=counter, v=views: v.append(call_next(ctx, OFFICER, c)))
        complete(ctx, OFFICER, counter, views[0].id)
        service, channel = LINES[i % len(LINES)]
        _issue(ctx, service, channel)
    return timed_ms


def run(n: int = 200, waiting: int = 300, days: int = 30, per_day: int = 600) -> list[Result]:
    with tempfile.TemporaryDirectory(prefix="loket-bench-") as tmp:
        folder = Path(tmp)
        ctx = fresh_queue(folder / "history.sqlite3")
        try:
            rows = add_history(folder / "history.sqlite3", ctx.now(), days, per_day)
            samples = _measure(ctx, n, waiting)
        finally:
            ctx.db.dispose()
        base_ctx = fresh_queue(folder / "empty.sqlite3")
        try:
            base = _measure(base_ctx, n, waiting)
        finally:
            base_ctx.db.dispose()
    p50, p99 = p50_p99(samples)
    b50, b99 = p50_p99(base)
    return [
        Result(
            f"call_next, {waiting} waiting", n, p50, p99, b50, b99,
            target="history must not slow it (ratio ~1)", ok=p99 <= 2 * b99,
            note=f"{rows} old tickets ({days} days); baseline: same line, no history",
        )
    ]  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    from bench.report import print_table

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--waiting", type=int, default=300)
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--per-day", type=int, default=600)
    args = parser.parse_args(argv)
    print_table(run(args.n, args.waiting, args.days, args.per_day))
    return 0


if __name__ == "__main__":
    sys.exit(main())
