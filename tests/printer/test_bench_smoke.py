"""The printer benchmark still runs (tiny N; the real numbers come from a full run)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_bench_printer_runs() -> None:
    done = subprocess.run(
        [sys.executable, "-W", "error", str(REPO / "bench" / "bench_printer.py"), "--n", "5"],
        cwd=REPO, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    compose, printing = done.stdout.splitlines()
    assert compose.startswith("compose  n=5 ") and "p99=" in compose
    assert printing.startswith("print    n=5 ") and "p99=" in printing
