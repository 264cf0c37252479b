"""What the benchmarks share: a queue on a fresh SQLite file, timing, the result row."""

from __future__ import annotations

import datetime as dt
import math
import os
import platform
import sqlite3
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from config.settings import Settings
from db.clock import FixedClock
from db.context import Actor, QueueContext
from db.engine import BUSY_TIMEOUT_MS, apply_sqlite_pragmas
from db.migrate import open_queue
from db.models import Role

JAKARTA = ZoneInfo("Asia/Jakarta")
# An ordinary open Tuesday, 09:00 in Jakarta (the tests' day).
MORNING = dt.datetime(2026, 12, 1, 9, 0, tzinfo=JAKARTA)
KIOSK = Actor.kiosk("kiosk-1")
OFFICER = Actor("petugas-1", Role.OFFICER)


@dataclass(frozen=True)
class Result:
    """One benchmark's figures. ``value`` rows (throughput, memory) leave p50/p99 None."""

    name: str
    n: int
    p50: float | None = None
    p99: float | None = None
    base_p50: float | None = None
    base_p99: float | None = None
    value: float | None = None
    base_value: float | None = None
    unit: str = "ms"
    target: str = ""
    ok: bool | None = None
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if self.p99 is not None and self.base_p99:
            return self.p99 / self.base_p99
        if self.value is not None and self.base_value:
            return self.value / self.base_value
        return None


def bench_settings(db_path: Path, **changes: object) -> Settings:
    """The embedded settings without quotas (a benchmark issues thousands of tickets)."""
    data = Settings().model_dump()
    for service in data["services"]:
        service["quota"] = {}
    data.update(database_url=f"sqlite:///{db_path}", **changes)
    return Settings.model_validate(data)


def fresh_queue(db_path: Path, start: dt.datetime = MORNING) -> QueueContext:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    return open_queue(bench_settings(db_path), clock=FixedClock(start))


def production_connection(db_path: Path) -> sqlite3.Connection:
    """A bare sqlite3 connection with the pragmas db/engine.py sets in production."""
    conn = sqlite3.connect(db_path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    apply_sqlite_pragmas(conn)
    return conn


def timed(n: int, action: Callable[[int], object]) -> list[float]:
    """Milliseconds of each of ``n`` calls of ``action(i)``."""
    samples = []
    for i in range(n):
        start = time.perf_counter()
        action(i)
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def p50_p99(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)

    def rank(q: float) -> float:
        return ordered[max(1, math.ceil(q / 100 * len(ordered))) - 1]

    return rank(50), rank(99)


def rss_mb() -> float:
    """Resident set size of this process now (Linux /proc), in MiB."""
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return math.nan


def machine() -> str:
    """CPU model, cores and Python version, for the record in PERFORMANCE.md."""
    model = ""
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True, check=False).stdout
        for line in out.splitlines():
            if line.startswith("Model name:"):
                model = line.split(":", 1)[1].strip()
    except OSError:
        pass
    cpu = model or platform.processor()
    return f"{cpu}, {os.cpu_count()} CPUs, Python {platform.python_version()}"
