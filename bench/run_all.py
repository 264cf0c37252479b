"""Run every benchmark and print one summary table.

    python -m bench [--quick] [--markdown]      (same as python -m bench.run_all)

Includes ``bench_printer`` and ``bench_display`` when they exist (they are run as their own
processes and their p50/p99 lines are taken into the table), the PostgreSQL run
(``bench_postgres``: a throwaway local server) and the apps' start-up (``bench_startup``:
Xvfb); each of these is marked MISSED with the reason when it cannot run here. ``--quick``
runs each with a tiny N (what the smoke test does); the figures are then only a sign of
life. ``--no-postgres`` and ``--no-startup`` leave those two out.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from bench import bench_call_next, bench_estimate, bench_issue, bench_memory, bench_throughput
from bench.common import Result, machine
from bench.report import markdown, print_table

ROOT = Path(__file__).resolve().parents[1]
_LINE = re.compile(
    r"^(?P<name>\S[^\n]*?)\s+n=(?P<n>\d+)\s+p50=\s*(?P<p50>[\d.]+)\s*ms\s+"
    r"p99=\s*(?P<p99>[\d.]+)\s*ms\s*(?P<note>.*)$"
)
_CPU = re.compile(r"^(?P<name>\S+)\s.*cpu=(?P<cpu>[\d.]+)%\s*(?P<note>.*)$")
EXTERNAL = {
    "bench_printer": (["--n", "1000", "--n-print", "200"], ["--n", "5", "--n-print", "2"]),
    "bench_display": ([], ["--calls", "5", "--idle-seconds", "1"]),
}


def _verdict(line: str) -> bool | None:
    if "MISSED" in line:
        return False
    return True if re.search(r"\b(ok|OK)\b", line) else None


def external(module: str, quick: bool) -> list[Result]:
    """Run another engineer's benchmark module and take its ``p50=... p99=...`` lines."""
    if importlib.util.find_spec(f"bench.{module}") is None:
        return []
    full, small = EXTERNAL[module]
    done = subprocess.run(
        [sys.executable, "-m", f"bench.{module}", *(small if quick else full)],
        capture_output=True, text=True, cwd=ROOT, timeout=900, check=False,
    )  # fmt: skip
    results = []
    for line in done.stdout.splitlines():
        line = line.strip()
        if match := _LINE.match(line):
            results.append(
                Result(
                    f"{module}: {match['name'].strip()}", int(match["n"]),
                    float(match["p50"]), float(match["p99"]), ok=_verdict(line),
                    note=match["note"].strip(" ()"),
                )
            )  # fmt: skip
        elif match := _CPU.match(line):
            results.append(
                Result(
                    f"{module}: {match['name']}", 1, value=float(match["cpu"]),
                    unit="% of a core", ok=_verdict(line), note=match["note"].strip(" ()"),
                )
            )  # fmt: skip
    if done.returncode != 0 or not results:
        tail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
        results.append(Result(f"{module}", 0, ok=False, note=f"failed: {tail[0][:120]}"))
    return results


def _guarded(name: str, run: Callable[[], list[Result]]) -> list[Result]:
    """A benchmark that needs something outside Python (a PostgreSQL server, Xvfb)."""
    try:
        return run()
    except Exception as exc:  # reported in the table, not a crash of the whole run
        return [Result(name, 0, ok=False, note=f"not run: {str(exc)[:120]}")]


def run(quick: bool = False, postgres: bool = True, startup: bool = True) -> list[Result]:
    results: list[Result] = []
    if quick:
        results += bench_issue.run(n=5, lines=(0, 5), repeat=2)
        results += bench_throughput.run(processes=2, per_process=3)
        results += bench_call_next.run(n=3, waiting=5, days=2, per_day=20)
        results += bench_estimate.run(n=3, waiting=(20,), days=1, per_day=10)
        results += bench_memory.run(tickets=20, per_day=10)
    else:
        results += bench_issue.run()
        results += bench_throughput.run()
        results += bench_call_next.run()
        results += bench_estimate.run()
        results += bench_memory.run()
    for module in EXTERNAL:
        results += external(module, quick)
    if postgres:
        from bench import bench_postgres

        size = {"processes": 2, "per_process": 3, "commits": 5} if quick else {}
        results += _guarded("bench_postgres", lambda: bench_postgres.run(**size))
    if startup:
        from bench import bench_startup

        results += _guarded("bench_startup", lambda: bench_startup.run(runs=1 if quick else 5))
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny N: a smoke run")
    parser.add_argument("--markdown", action="store_true", help="also print a Markdown table")
    parser.add_argument("--no-postgres", action="store_true", help="leave PostgreSQL out")
    parser.add_argument("--no-startup", action="store_true", help="leave the start-up out")
    args = parser.parse_args(argv)
    before = os.getloadavg()
    results = run(args.quick, postgres=not args.no_postgres, startup=not args.no_startup)
    after = os.getloadavg()
    print(f"{dt.datetime.now():%Y-%m-%d %H:%M}  {machine()}")
    print(f"load average (1 min) {before[0]:.2f} before the run, {after[0]:.2f} after")
    print_table(results)
    if args.markdown:
        print()
        print(markdown(results))
    return 1 if any(r.ok is False for r in results) and not args.quick else 0


if __name__ == "__main__":
    sys.exit(main())
