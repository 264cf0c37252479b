"""``loket-db simulate --scenario NAME | --from-history YYYY-MM [--policies SPEC ...]``:
a business day simulated under several call policies, printed as the comparison table.

``--scenario`` takes a scenario file (or the name of one shipped in ``bench/scenarios``);
``--from-history`` builds the day from the office's own settings and the named month's
tickets in its database: how many applicants of each channel and service came on an
average day, when they came, the bookings per session and how early they checked in, the
measured service times. Both compare the standard policies and the office's own
``[call_policy]`` (labelled ``office``). The full comparison with charts is
``python -m bench.simulate``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import statistics
import sys
import tempfile
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import select

from config.settings import Channel, Settings
from db.migrate import open_queue
from db.models import Booking, BookingStatus, Ticket, TicketStatus
from db.sim import PolicyChoice, Scenario, ScenarioError, day_figures, load_scenario, simulate_day
from db.sim.report import parse_policy, table

COMMANDS = ("simulate",)
EXIT_USAGE = 2
SHIPPED = Path(__file__).resolve().parents[1] / "bench" / "scenarios"


def add_parser(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
    common: Sequence[argparse.ArgumentParser] = (),
) -> None:
    """Add ``simulate`` to ``loket-db``'s sub-parsers (``common``: parent parsers)."""
    p = sub.add_parser(
        "simulate", parents=list(common), help="compare call policies on a simulated day"
    )
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--scenario", metavar="NAME|FILE", help="a scenario (bench/scenarios)")
    which.add_argument(
        "--from-history", metavar="YYYY-MM", help="an average day of this month's tickets"
    )
    p.add_argument("--policies", nargs="+", metavar="SPEC", help="policies to compare")
    p.add_argument("--seed", type=int, help="the dice (default: the scenario's)")


class SimulateError(ValueError):
    pass


def find_scenario(name: str) -> Scenario:
    path = Path(name)
    if not path.exists():
        shipped = SHIPPED / f"{name.removesuffix('.toml')}.toml"
        if not shipped.exists():
            known = ", ".join(sorted(p.stem for p in SHIPPED.glob("*.toml"))) or "none"
            raise SimulateError(f"no scenario {name!r} (shipped: {known})")
        path = shipped
    return load_scenario(path)


def _profile(times: list[dt.datetime], tz: dt.tzinfo) -> list[tuple[str, float]]:
    """Half-hour arrival weights from the local times, ending with a 0 point."""
    slots = Counter(
        (t.astimezone(tz).hour * 60 + t.astimezone(tz).minute) // 30 * 30 for t in times
    )
    first, last = min(slots), max(slots) + 30
    points = [
        (f"{m // 60:02d}:{m % 60:02d}", float(slots.get(m, 0))) for m in range(first, last, 30)
    ]
    points.append((f"{last // 60:02d}:{last % 60:02d}", 0.0))
    return points


def _shares(values: list[str]) -> dict[str, float]:
    counts = Counter(values)
    return {k: v / len(values) for k, v in sorted(counts.items())}


def scenario_from_history(settings: Settings, month: str) -> Scenario:
    """An average business day of ``month`` (``YYYY-MM``) at this office."""
    try:
        first = dt.datetime.strptime(month, "%Y-%m").date()
    except ValueError:
        raise SimulateError(f"--from-history {month!r}: a month is written YYYY-MM") from None
    after = (first + dt.timedelta(days=32)).replace(day=1)
    ctx = open_queue(settings)
    try:
        tz = ctx.calendar.tz
        with ctx.db.read() as s:
            tickets = list(
                s.scalars(
                    select(Ticket).where(Ticket.business_day >= first, Ticket.business_day < after)
                )
            )
            bookings = list(
                s.scalars(select(Booking).where(Booking.date >= first, Booking.date < after))
            )
    finally:
        ctx.db.dispose()
    days = sorted({t.business_day for t in tickets})
    if not days:
        raise SimulateError(f"no tickets in {month}: nothing to learn a day from")
    busiest = Counter(t.business_day for t in tickets).most_common(1)[0][0]
    n = len(days)
    data: dict[str, Any] = {
        "name": f"history-{month}",
        "description": f"An average day of {month} at this office ({n} business days)",
        "date": busiest,
        "seed": int(first.strftime("%Y%m")),
        "settings": {
            k: v
            for k, v in settings.model_dump(mode="json").items()
            if k not in {"database_url", "call_policy"}
        },
    }
    arrivals: dict[str, Any] = {}
    for channel in (Channel.WALK_IN, Channel.PRIORITY, Channel.VIP):
        mine = [t for t in tickets if t.channel == channel]
        if not mine:
            continue
        stream: dict[str, Any] = {
            "count": round(len(mine) / n),
            "services": _shares([t.service_code for t in mine]),
            "profile": _profile([t.issued_at for t in mine], tz),
        }
        if channel == Channel.PRIORITY:
            stream["reasons"] = _shares([t.priority_reason or "elderly" for t in mine])
        if stream["count"]:
            arrivals[channel.value] = stream
    data["arrivals"] = arrivals
    booked = [t for t in tickets if t.channel == Channel.BOOKING and t.slot_start is not None]
    active = [b for b in bookings if b.status == BookingStatus.ACTIVE]
    if booked and active:
        starts = Counter(b.slot_start.strftime("%H:%M") for b in active)
        lengths = [
            (dt.datetime.combine(first, b.slot_end) - dt.datetime.combine(first, b.slot_start))
            for b in active
        ]
        offsets = [(t.issued_at - t.slot_start).total_seconds() / 60 for t in booked]  # type: ignore[operator]
        data["bookings"] = {
            "slots": {k: max(1, round(v / n)) for k, v in sorted(starts.items())},
            "slot_minutes": int(statistics.median(d.total_seconds() / 60 for d in lengths)),
            "services": _shares([t.service_code for t in booked]),
            "no_show": max(0.0, min(1.0, 1 - len(booked) / len(active))),
            "cancelled": (len(bookings) - len(active)) / len(bookings),
            "arrival": {
                "mean": statistics.fmean(offsets),
                "sd": statistics.pstdev(offsets),
                "min": min(offsets),
                "max": max(offsets),
            },
        }
    else:
        data["bookings"] = {"slots": {}}
    times: dict[str, Any] = {}
    for service in settings.services:
        measured = [
            (t.done_at - t.serving_at).total_seconds() / 60
            for t in tickets
            if t.service_code == service.code and t.status == TicketStatus.DONE
            and t.serving_at and t.done_at and t.done_at > t.serving_at
        ]  # fmt: skip
        if len(measured) >= 3:
            logs = [math.log(max(m, 0.1)) for m in measured]
            times[service.code] = {
                "median": min(240.0, math.exp(statistics.median(logs))),
                "sigma": min(2.0, statistics.pstdev(logs)),
            }
        else:
            times[service.code] = {"median": float(service.minutes_per_applicant)}
    data["service_times"] = times
    try:
        return Scenario.model_validate(data)
    except ValueError as exc:
        raise SimulateError(f"cannot make a day of {month}'s history: {exc}") from None


def run(args: argparse.Namespace, settings: Settings) -> int:
    try:
        if args.scenario:
            scenario = find_scenario(args.scenario)
        else:
            scenario = scenario_from_history(settings, args.from_history)
        if args.seed is not None:
            scenario = scenario.model_copy(update={"seed": args.seed})
        if args.policies:
            policies = [parse_policy(spec) for spec in args.policies]
        else:
            policies = [
                *scenario.policies,
                PolicyChoice(label="office", policy=settings.call_policy),
            ]
    except (SimulateError, ScenarioError, ValueError) as exc:
        print(f"loket-db: {exc}", file=sys.stderr)
        return EXIT_USAGE
    figures = []
    with tempfile.TemporaryDirectory(prefix="loket-simulate-") as tmp:
        for i, choice in enumerate(policies):
            print(f"simulating {scenario.name} with {choice.label} ...", file=sys.stderr)
            day = simulate_day(
                scenario, choice.label, choice.policy, Path(tmp) / f"day-{i}.sqlite3"
            )
            figures.append(day_figures(day))
    print(f"## {scenario.name}\n\n{scenario.description}\n")
    print(f"Seed {scenario.seed}, {scenario.date:%A %d %B %Y}.\n")
    print(table(scenario, figures))
    return 0
