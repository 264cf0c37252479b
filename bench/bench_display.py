"""How fresh the calling display is, and what it costs when nothing happens.

    python bench/bench_display.py [--calls 200] [--idle-seconds 10]

The display runs in its own process (``python -m display``, offscreen, muted) on a
temporary SQLite queue, as on the waiting room's PC. This process is the officer: it calls
a ticket with ``call_next`` and takes the time when the commit has returned; the display
prints a line with the time its view showed that ticket (both on CLOCK_MONOTONIC, which
all processes share). Between calls the officer completes the ticket and pauses a random
10-60 ms, so calls land at every phase of the display's change poll.

Then nothing happens for ``--idle-seconds``: the display's CPU time (utime + stime from
/proc/PID/stat) over that wall time is its idle load, scrolling info line included.

Targets: call committed → display updated p99 ≤ 20 ms (the committing program wakes the
display through its socket, db/changes.py); idle CPU ≤ 2 % of one core.
"""

from __future__ import annotations

import argparse
import os
import queue
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from config import load_settings
from db.context import Actor
from db.migrate import open_queue
from db.models import Role
from db.ops.calling import call_next, complete
from db.ops.issuing import issue_ticket
from db.sim.demo import always_open_toml

REPO = Path(__file__).resolve().parents[1]
LATENCY_TARGET_MS = 20.0
IDLE_TARGET_PERCENT = 2.0
COUNTER = 4  # serves pick-up ("ambil"), a service without a daily quota
HIGHLIGHT_SECONDS = 2


def settings_toml(db_url: str) -> str:
    return (
        always_open_toml(db_url)
        + f"[display]\nhighlight_seconds = {HIGHLIGHT_SECONDS}\nvoice = false\n"
    )


def percentiles(samples: list[float]) -> tuple[float, float]:
    if len(samples) == 1:
        return samples[0], samples[0]
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return cuts[49], cuts[98]


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    # After "pid (comm)": state is field 3, utime field 14, stime field 15.
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class DisplayProcess:
    """The display in another process; its timing lines arrive on a queue."""

    def __init__(self, config: Path, log: Path) -> None:
        env = {k: v for k, v in os.environ.items() if not k.startswith("LOKET_")}
        env["QT_QPA_PLATFORM"] = "offscreen"
        env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
        self._log = log.open("wb")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "display", "--config", str(config), "--mute",
             "--report-updates", "--window", "1920x1080"],
            cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=self._log, text=True,
        )  # fmt: skip
        self.lines: queue.Queue[str] = queue.Queue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put(line.strip())

    def wait_for(self, kind: str, number: str | None, timeout: float = 10.0) -> int:
        """The monotonic time (ns) of the display's line ``kind ... number``."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0 or self.proc.poll() is not None:
                raise RuntimeError(f"the display did not show {kind} {number or ''} in time")
            try:
                what, _event, shown, at = self.lines.get(timeout=left).split()
            except queue.Empty:
                continue
            if what == kind and (number is None or shown == number):
                return int(at)

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self._reader.join(timeout=5)
        assert self.proc.stdout is not None
        self.proc.stdout.close()
        self._log.close()


def run(calls: int, idle_seconds: float, seed: int) -> tuple[list[float], float]:
    rng = random.Random(seed)
    officer = Actor("bench-officer", Role.OFFICER)
    kiosk = Actor.kiosk("bench-kiosk")
    with tempfile.TemporaryDirectory(prefix="loket-bench-display-") as tmp:
        config = Path(tmp) / "loket.toml"
        config.write_text(settings_toml(f"sqlite:///{Path(tmp) / 'queue.sqlite3'}"))
        ctx = open_queue(load_settings(config))
        display: DisplayProcess | None = None
        try:
            for _ in range(calls):
                issue_ticket(ctx, kiosk, "ambil", "walk_in")
            display = DisplayProcess(config, Path(tmp) / "display.log")
            display.wait_for("ready", None, timeout=60)
            latencies = []
            for _ in range(calls):
                view = call_next(ctx, officer, COUNTER)
                committed = time.monotonic_ns()
                shown = display.wait_for("update", view.number)
                latencies.append((shown - committed) / 1e6)
                complete(ctx, officer, COUNTER, view.id)
                time.sleep(rng.uniform(0.010, 0.060))
            time.sleep(HIGHLIGHT_SECONDS + 0.5)  # the last call stops flashing
            pid = display.proc.pid
            before, started = cpu_seconds(pid), time.monotonic()
            time.sleep(idle_seconds)
            used, elapsed = cpu_seconds(pid) - before, time.monotonic() - started
            return latencies, 100.0 * used / elapsed
        finally:
            if display is not None:
                display.stop()
            ctx.db.dispose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--calls", type=int, default=200)
    parser.add_argument("--idle-seconds", type=float, default=10.0)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    latencies, idle = run(args.calls, args.idle_seconds, args.seed)
    p50, p99 = percentiles(latencies)
    verdict = "ok" if p99 <= LATENCY_TARGET_MS else "MISSED"
    print(
        f"latency  n={len(latencies)} p50={p50:.1f}ms p99={p99:.1f}ms max={max(latencies):.1f}ms"
        f" (call committed -> display updated; target p99 <= {LATENCY_TARGET_MS:.0f}ms: {verdict})"
    )
    verdict = "ok" if idle <= IDLE_TARGET_PERCENT else "MISSED"
    print(
        f"idle-cpu seconds={args.idle_seconds:g} cpu={idle:.2f}% of one core"
        f" (target <= {IDLE_TARGET_PERCENT:g}%: {verdict})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
