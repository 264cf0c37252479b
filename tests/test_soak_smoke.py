"""The soak (bench/soak.py) with two days, so it keeps working; the real run is 30 days."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import env_without_loket

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow


def test_two_day_soak_runs_and_judges(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bench.soak", "--days", "2", "--keep", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**env_without_loket(), "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert sum(line.startswith("day ") for line in lines) == 2
    assert sum(line.startswith("OK ") for line in lines) == 4
    assert (tmp_path / "soak.sqlite3").stat().st_size > 100_000
