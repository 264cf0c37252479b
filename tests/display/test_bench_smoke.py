"""The display benchmark still runs (tiny N; the real numbers come from a full run)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import env_without_loket

REPO = Path(__file__).resolve().parents[2]


def test_bench_display_runs() -> None:
    done = subprocess.run(
        [sys.executable, "-W", "error", str(REPO / "bench" / "bench_display.py"),
         "--calls", "5", "--idle-seconds", "1"],
        cwd=REPO, capture_output=True, text=True, timeout=100, check=False,
        env=env_without_loket(),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    latency, idle = done.stdout.splitlines()
    match = re.match(r"latency  n=5 p50=([\d.]+)ms p99=([\d.]+)ms", latency)
    assert match, latency
    assert 0 < float(match[1]) <= float(match[2]) < 5000
    assert re.match(r"idle-cpu seconds=1 cpu=[\d.]+% of one core", idle), idle
