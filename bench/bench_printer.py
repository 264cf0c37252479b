"""How long a ticket takes: composing its bytes, and printing it to the virtual printer.

    python bench/bench_printer.py [--n 1000] [--n-print 200] [--width 576]

Composing is what the kiosk does on every ticket (target: 3 ms at the 99th percentile).
Printing is the whole ``print_ticket`` call over TCP to the emulator on 127.0.0.1:
connect, status check (DLE EOT 1..4), the body, its acknowledgement, the cut, its
acknowledgement, close.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from collections.abc import Callable

from config.settings import Printer
from printer.emulator import Emulator
from printer.layout import render_ticket
from printer.service import print_ticket
from printer.ticket import TicketPrint

COMPOSE_TARGET_MS = 3.0


def sample_ticket(i: int) -> TicketPrint:
    return TicketPrint(
        office_name="Kantor Imigrasi Kelas I Khusus TPI Jakarta Selatan",
        number=f"A-{i % 1000:03d}",
        service_name="Paspor Baru (Müller Đặng)",
        channel_label="PRIORITAS",
        priority_reason="Lansia (60+)",
        issued_at=dt.datetime.now(dt.UTC),
        people_ahead=i % 40,
        estimated_wait_minutes=(i % 40) * 6,
        masked_name="BUD*** S***",
        qr_token=f"LKT1.JKS.20261201.A-{i % 1000:03d}.{i:08x}",
        footer_lines=("Jl. Warung Buncit Raya No. 207, Jakarta Selatan",),
    )


def percentiles(samples_ms: list[float]) -> tuple[float, float]:
    if len(samples_ms) == 1:
        return samples_ms[0], samples_ms[0]
    cuts = statistics.quantiles(samples_ms, n=100, method="inclusive")
    return cuts[49], cuts[98]


def timed(n: int, action: Callable[[int], object]) -> list[float]:
    samples = []
    for i in range(n):
        start = time.perf_counter()
        action(i)
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="tickets to compose")
    parser.add_argument("--n-print", type=int, help="tickets to print (default: min(200, n))")
    parser.add_argument("--width", type=int, choices=(576, 384), default=576)
    parser.add_argument("--profile", default="TM-T88V")
    args = parser.parse_args(argv)
    n_print = args.n_print if args.n_print is not None else min(200, args.n)
    if args.n < 1 or n_print < 1:
        parser.error("--n and --n-print must be at least 1")

    tickets = [sample_ticket(i) for i in range(max(args.n, n_print))]
    render_ticket(tickets[0], args.profile, args.width)  # warm caches, as a running kiosk has
    compose = timed(args.n, lambda i: render_ticket(tickets[i], args.profile, args.width))
    p50, p99 = percentiles(compose)
    verdict = "OK" if p99 <= COMPOSE_TARGET_MS else "MISSED"
    print(f"compose  n={args.n:<5} p50={p50:6.3f} ms  p99={p99:6.3f} ms  "
          f"(target p99 <= {COMPOSE_TARGET_MS} ms: {verdict})")  # fmt: skip

    with tempfile.TemporaryDirectory() as out, Emulator(out_dir=out, width=args.width) as emu:
        settings = Printer(kind="network", host="127.0.0.1", port=emu.port,
                           paper_width_dots=args.width, profile=args.profile)  # fmt: skip
        failures: list[str] = []

        def print_one(i: int) -> None:
            outcome = print_ticket(settings, tickets[i])
            if not outcome.ok:
                failures.append(outcome.error or "?")

        printing = timed(n_print, print_one)
        emu.wait_for_tickets(n_print, timeout=60)
    p50, p99 = percentiles(printing)
    print(f"print    n={n_print:<5} p50={p50:6.3f} ms  p99={p99:6.3f} ms  "
          f"(print_ticket over TCP to the virtual printer)")  # fmt: skip
    if failures:
        print(f"{len(failures)} print(s) failed, first: {failures[0]}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
