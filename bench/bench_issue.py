"""Issuing one ticket: the queue operation plus its ESC/POS bytes, against the physical floor.

    python -m bench.bench_issue [--n 300] [--lines 0,100,300,1000]

Measured, on a SQLite file with the production pragmas (WAL, synchronous=FULL):

- the issuing transaction (``db.ops.issuing.write_ticket``: opening hours, quota, number,
  ticket, event, print job, audit record; walk-in from a kiosk), the estimate given, as
  the kiosk has it from its read transaction before. Baseline: a bare ``sqlite3``
  transaction writing the same rows (series upsert, ticket, event, print job, audit
  record) on the same kind of file with the same pragmas. Target: p99 <= 3 ms and <= 8x
  the baseline.
- the whole ``issue_ticket`` (checks, the estimate's read transaction, the issuing
  transaction) followed by composing the ticket's ESC/POS bytes with
  ``printer.layout.render_ticket`` (what the kiosk prints); no target of its own here: the
  estimate has its budget in ``bench.bench_estimate``.

The line of the service grows while the benchmark issues (0 -> n waiting); ``--lines``
adds the latency of one issue at fixed line lengths (the transaction: flat, p50 at the
longest line <= 1.3x at the shortest; the whole issue, which ranks the line for "people
ahead", for information).
"""

from __future__ import annotations

import argparse
import datetime as dt
import secrets
import sys
import tempfile
from pathlib import Path

from bench.common import (
    KIOSK,
    MORNING,
    Result,
    fresh_queue,
    p50_p99,
    production_connection,
    timed,
)
from config.settings import Channel
from db.clock import FixedClock
from db.context import QueueContext
from db.ops.issuing import check_request, issue_ticket, write_ticket
from db.views import TicketView

TARGET_MS = 3.0
TARGET_RATIO = 8.0
FLAT_RATIO = 1.3

try:
    from printer.layout import render_ticket
    from printer.ticket import TicketPrint, channel_label
except ImportError:  # the printer package is not there: queue operation only
    render_ticket = None  # type: ignore[assignment]


def ticket_bytes(ctx: QueueContext, view: TicketView) -> bytes:
    """The ESC/POS bytes of an issued ticket, as the kiosk composes them."""
    settings = ctx.settings
    service = settings.service(view.service)
    ticket = TicketPrint(
        office_name=settings.office.name,
        number=view.number,
        service_name=service.name.get("id"),
        channel_label=channel_label(view.channel, "id"),
        issued_at=view.issued_at,
        qr_token=view.token,
        people_ahead=view.people_ahead,
        estimated_wait_minutes=view.estimated_wait_minutes,
        footer_lines=(settings.office.address,),
        office_timezone=settings.office.timezone,
    )
    return render_ticket(ticket, settings.printer.profile, settings.printer.paper_width_dots)


def issue_and_render(ctx: QueueContext, service: str = "baru") -> bytes:
    view = issue_ticket(ctx, KIOSK, service, Channel.WALK_IN, kiosk_id="kiosk-1")
    return ticket_bytes(ctx, view) if render_ticket is not None else b""


_TICKET_SQL = (
    "INSERT INTO tickets (business_day, prefix, sequence, number, token, service_code, "
    "channel, status, issued_at, queued_at, kiosk_id, recall_count, print_state, "
    "people_ahead_at_issue, estimated_wait_at_issue) "
    "VALUES (?, 'A', ?, ?, ?, 'baru', 'walk_in', 'waiting', ?, ?, 'kiosk-1', 0, 'pending', ?, ?)"
)


def bare_issue(conn: object, i: int, when: dt.datetime) -> None:
    """The same rows as ``issue_ticket`` writes, as one bare sqlite3 transaction."""
    c = conn  # sqlite3.Connection
    at = when.astimezone(dt.UTC).replace(tzinfo=None).isoformat(" ")
    day = "2026-12-01"
    c.execute("BEGIN IMMEDIATE")  # type: ignore[attr-defined]
    seq = c.execute(  # type: ignore[attr-defined]
        "INSERT INTO number_series (business_day, prefix, last_number) VALUES (?, 'A', 1) "
        "ON CONFLICT (business_day, prefix) DO UPDATE SET last_number = last_number + 1 "
        "RETURNING last_number",
        (day,),
    ).fetchone()[0]
    cur = c.execute(  # type: ignore[attr-defined]
        _TICKET_SQL, (day, seq, f"A-{seq:03d}", secrets.token_urlsafe(12), at, at, i, i * 4)
    )
    ticket_id = cur.lastrowid
    c.execute(  # type: ignore[attr-defined]
        "INSERT INTO ticket_events (ticket_id, kind, at, actor, counter_number, status_after, "
        "detail) VALUES (?, 'issued', ?, 'kiosk-1', NULL, 'waiting', ?)",
        (ticket_id, at, '{"channel": "walk_in", "reason": null}'),
    )
    c.execute(  # type: ignore[attr-defined]
        "INSERT INTO print_jobs (ticket_id, kiosk_id, reprint, state, attempts, requested_by, "
        "created_at, updated_at) VALUES (?, 'kiosk-1', 0, 'pending', 0, 'kiosk-1', ?, ?)",
        (ticket_id, at, at),
    )
    c.execute(  # type: ignore[attr-defined]
        "INSERT INTO audit_log (at, actor, role, action, target, detail) "
        "VALUES (?, 'kiosk-1', 'kiosk', 'issue_ticket', ?, ?)",
        (at, f"A-{seq:03d}", '{"channel": "walk_in", "service": "baru"}'),
    )
    c.execute("COMMIT")  # type: ignore[attr-defined]


def write_one(ctx: QueueContext, i: int, service: str = "baru") -> TicketView:
    """The issuing transaction alone, with the estimate a kiosk read before it."""
    request = check_request(ctx, KIOSK, service, Channel.WALK_IN, kiosk_id="kiosk-1")
    return write_ticket(ctx, KIOSK, request, (i, i * 4))


def _bare(folder: Path, n: int) -> list[float]:
    floor_ctx = fresh_queue(folder / "bare.sqlite3")  # same schema, made by the migrations
    floor_ctx.db.dispose()
    conn = production_connection(folder / "bare.sqlite3")
    try:
        bare_issue(conn, 0, MORNING)
        return timed(n, lambda i: bare_issue(conn, i + 1, MORNING + dt.timedelta(seconds=5 * i)))
    finally:
        conn.close()


def measure_issue(folder: Path, n: int) -> list[Result]:
    """The issuing transaction against the bare one, and the whole issue for information."""
    ctx = fresh_queue(folder / "issue.sqlite3")
    clock = ctx.clock
    assert isinstance(clock, FixedClock)
    try:
        issue_and_render(ctx, "info")  # warm caches, as a running kiosk has
        write_one(ctx, 0, "info")
        writes = timed(n, lambda i: (clock.advance(seconds=5), write_one(ctx, i)))
        whole = timed(n, lambda i: (clock.advance(seconds=5), issue_and_render(ctx)))
    finally:
        ctx.db.dispose()
    base = _bare(folder, n)
    p50, p99 = p50_p99(writes)
    b50, b99 = p50_p99(base)
    w50, w99 = p50_p99(whole)
    ok = p99 <= TARGET_MS and p99 <= TARGET_RATIO * b99
    what = "+ ESC/POS bytes" if render_ticket is not None else "(no printer package)"
    return [
        Result(
            "issuing transaction", n, p50, p99, b50, b99,
            target=f"p99 <= {TARGET_MS:g} ms, <= {TARGET_RATIO:g}x bare", ok=ok,
            note=f"write_ticket, estimate given; line grows 0->{n}; "
            "baseline: bare sqlite3, same rows",
        ),
        Result(
            "issue one ticket (whole)", n, w50, w99, b50, b99,
            note=f"issue_ticket: estimate read + transaction {what}; line grows {n}->{2 * n}",
        ),
    ]  # fmt: skip


def measure_line_growth(folder: Path, lines: list[int], repeat: int = 50) -> list[Result]:
    """p50/p99 of one issue while ``line`` tickets of the same service wait: the issuing
    transaction (target: flat) and the whole issue (the estimate ranks the line)."""
    results = []
    ctx = fresh_queue(folder / "growth.sqlite3")
    clock = ctx.clock
    assert isinstance(clock, FixedClock)
    waiting = 0
    shortest = min(lines)
    base: dict[str, tuple[float, float]] = {}
    try:
        for line in sorted(lines):
            while waiting < line:
                clock.advance(seconds=1)
                write_one(ctx, waiting)
                waiting += 1
            for what in ("transaction", "whole issue"):
                samples = []
                for _ in range(repeat):
                    clock.advance(seconds=1)
                    if what == "transaction":
                        samples += timed(1, lambda _i, w=waiting: write_one(ctx, w))
                    else:
                        samples += timed(
                            1, lambda _i: issue_ticket(ctx, KIOSK, "baru", Channel.WALK_IN)
                        )
                    waiting += 1
                p50, p99 = p50_p99(samples)
                b50, b99 = base.setdefault(what, (p50, p99))
                flat = what == "transaction" and line != shortest
                results.append(
                    Result(
                        f"{what} with {line} waiting", repeat, p50, p99, b50, b99,
                        target=f"p50 <= {FLAT_RATIO:g}x at {shortest}" if flat else "",
                        ok=p50 <= FLAT_RATIO * b50 if flat else None,
                        note=f"p50 ratio {p50 / b50:.2f}; baseline: the same with "
                        f"{shortest} waiting",
                    )
                )  # fmt: skip
    finally:
        ctx.db.dispose()
    return results


def run(n: int = 300, lines: tuple[int, ...] = (0, 1000), repeat: int = 50) -> list[Result]:
    with tempfile.TemporaryDirectory(prefix="loket-bench-") as tmp:
        folder = Path(tmp)
        results = measure_issue(folder, n)
        if lines:
            results += measure_line_growth(folder, list(lines), repeat)
    return results


def main(argv: list[str] | None = None) -> int:
    from bench.report import print_table

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=300)
    parser.add_argument("--lines", default="0,1000", help="line lengths ('' for none)")
    parser.add_argument("--repeat", type=int, default=50, help="issues at each line length")
    args = parser.parse_args(argv)
    lines = tuple(int(x) for x in args.lines.split(",") if x.strip())
    print_table(run(args.n, lines, args.repeat))
    return 0


if __name__ == "__main__":
    sys.exit(main())
