"""Soak: many business days in a row through the real queue operations on one SQLite file,
with a calling display and an officer console running the whole time in their own
processes.

    python -m bench.soak [--days 30] [--scenario bench/scenarios/normal-day.toml]
                         [--retention-days 7] [--keep DIR]

Each day is the scenario's day moved to the next open date (``db.sim``: about 500
applicants through issue, check-in, call, start, complete, no-show). Personal data is
purged at each start of day (``open_queue`` does it) with a short retention, so the soak
also shows that purging keeps the file bounded. After each day it records: the display's
and the console's resident memory (``/proc/PID/status`` VmRSS), the database file size,
and the mean time of the day's queue operations. It prints a table and three verdicts:

- memory of the display and the console stays flat (growth over the second half of the
  run below ``--max-growth-mib``);
- the database grows by about the same amount each day, not faster (no table grows
  beyond the history it should keep);
- today's operations are as fast on the last day as on the first (ratio of the mean time
  per operation, last 3 days / first 3 days, at most ``--max-slowdown``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from config.settings import CallPolicy
from db.context import Actor
from db.migrate import open_queue
from db.ops.officers import add_officer
from db.rules.calendar import OfficeCalendar
from db.sim.engine import DaySimulation
from db.sim.scenario import Scenario, load_scenario

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SCENARIO = ROOT / "bench" / "scenarios" / "normal-day.toml"
CONSOLE_USER = "soak"
CONSOLE_PASSWORD = "soak-password-1"


@dataclass(frozen=True)
class DayFigures:
    day: dt.date
    operations: int
    ms_per_operation: float
    db_mib: float
    display_mib: float
    console_mib: float


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"process {pid} has no VmRSS")


def open_days(scenario: Scenario, count: int) -> list[dt.date]:
    calendar = OfficeCalendar(scenario.office_settings("sqlite://"))
    days: list[dt.date] = []
    day = scenario.date
    while len(days) < count:
        if calendar.day(day).open_at is not None:
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def settings_toml(db_url: str, retention_days: int) -> str:
    return (
        f'database_url = "{db_url}"\n'
        f"[retention]\npersonal_data_days = {retention_days}\n"
        '[printer]\nkind = "none"\n'
    )


def start_apps(config: Path, work: Path) -> list[subprocess.Popen[bytes]]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "LOKET_DATA_DIR": str(work / "data")}
    env.pop("LOKET_DATABASE_URL", None)
    display_log = (work / "display.log").open("wb")
    display = subprocess.Popen(
        [sys.executable, "-X", "faulthandler", "-m", "display", "--config", str(config),
         "--window", "1280x720", "--mute"],
        env=env, stdout=display_log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    console_log = (work / "console.log").open("wb")
    console = subprocess.Popen(
        [sys.executable, "-X", "faulthandler", "-m", "admin_console", "--config", str(config),
         "--counter", "1", "--login", CONSOLE_USER],
        env={**env, "LOKET_CONSOLE_PASSWORD": CONSOLE_PASSWORD},
        stdout=console_log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    return [display, console]


def run(days: int, scenario_path: Path, retention_days: int, work: Path) -> list[DayFigures]:
    scenario = load_scenario(scenario_path)
    db_path = work / "soak.sqlite3"
    db_url = f"sqlite:///{db_path}"
    config = work / "loket.toml"
    config.write_text(settings_toml(db_url, retention_days), encoding="utf-8")
    policy = CallPolicy()
    first = scenario.office_settings(db_url, policy)
    ctx = open_queue(first)
    add_officer(ctx, Actor.system("soak"), CONSOLE_USER, "supervisor", CONSOLE_PASSWORD)
    ctx.db.dispose()
    apps = start_apps(config, work)
    figures: list[DayFigures] = []
    try:
        time.sleep(3)  # let both apps open the database and draw once
        for day in open_days(scenario, days):
            simulation = DaySimulation(
                scenario.model_copy(update={"date": day}), day.isoformat(), policy, db_path
            )
            simulation.settings = simulation.settings.model_copy(
                update={"retention": first.retention.model_copy(
                    update={"personal_data_days": retention_days})}
            )  # fmt: skip
            result = simulation.run(fresh=False)
            time.sleep(1)  # the apps catch up with the day's last changes
            for app, name in zip(apps, ("display", "console"), strict=True):
                if app.poll() is not None:
                    tail = (work / f"{name}.log").read_text(errors="replace")[-3000:]
                    raise RuntimeError(f"{name} exited with {app.returncode}:\n{tail}")
            size = sum(
                Path(f"{db_path}{s}").stat().st_size
                for s in ("", "-wal")
                if Path(f"{db_path}{s}").exists()
            )
            figures.append(
                DayFigures(
                    day,
                    result.events,
                    result.wall_seconds * 1000 / max(1, result.events),
                    size / 2**20,
                    rss_mib(apps[0].pid),
                    rss_mib(apps[1].pid),
                )
            )
            print_row(figures[-1], len(figures))
    finally:
        for app in apps:
            app.terminate()
        for app in apps:
            try:
                app.wait(10)
            except subprocess.TimeoutExpired:
                app.kill()
    return figures


def print_row(f: DayFigures, n: int) -> None:
    print(
        f"day {n:>3} {f.day}  ops {f.operations:>5}  {f.ms_per_operation:6.2f} ms/op  "
        f"db {f.db_mib:7.2f} MiB  display {f.display_mib:6.1f} MiB  "
        f"console {f.console_mib:6.1f} MiB",
        flush=True,
    )


def verdicts(
    figures: list[DayFigures], max_growth_mib: float, max_slowdown: float
) -> list[tuple[str, bool, str]]:
    half = figures[len(figures) // 2 :]
    display_growth = half[-1].display_mib - half[0].display_mib
    console_growth = half[-1].console_mib - half[0].console_mib
    k = min(3, max(1, len(figures) // 2))
    early = sum(f.ms_per_operation for f in figures[:k]) / k
    late = sum(f.ms_per_operation for f in figures[-k:]) / k
    growth = [b.db_mib - a.db_mib for a, b in itertools.pairwise(figures)]
    steady = growth[len(growth) // 2 :] or [0.0]
    first_half = growth[: len(growth) // 2] or steady
    per_day_early = sum(first_half) / len(first_half)
    per_day_late = sum(steady) / len(steady)
    return [
        (
            "display memory flat",
            display_growth <= max_growth_mib,
            f"+{display_growth:.1f} MiB over the second half",
        ),
        (
            "console memory flat",
            console_growth <= max_growth_mib,
            f"+{console_growth:.1f} MiB over the second half",
        ),
        (
            "database grows linearly",
            per_day_late <= max(per_day_early * 1.5, 0.05),
            f"{per_day_early:.2f} MiB/day early, {per_day_late:.2f} MiB/day late",
        ),
        (
            "today as fast as day one",
            late <= early * max_slowdown,
            f"{early:.2f} -> {late:.2f} ms/op ({late / early:.2f}x)",
        ),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.soak", description=__doc__)
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--scenario", type=Path, default=DEFAULT_SCENARIO)
    parser.add_argument("--retention-days", type=int, default=7)
    parser.add_argument("--max-growth-mib", type=float, default=10.0)
    parser.add_argument("--max-slowdown", type=float, default=1.5)
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    args = parser.parse_args(argv)
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        figures = run(args.days, args.scenario, args.retention_days, args.keep)
    else:
        with tempfile.TemporaryDirectory(prefix="loket-soak-") as tmp:
            figures = run(args.days, args.scenario, args.retention_days, Path(tmp))
    ok = True
    for name, passed, detail in verdicts(figures, args.max_growth_mib, args.max_slowdown):
        ok &= passed
        print(f"{'OK    ' if passed else 'FAILED'} {name}: {detail}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
