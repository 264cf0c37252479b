"""Simulate business days under several call policies and compare them side by side.

    python -m bench.simulate [--scenario FILE ...] [--policies SPEC ...] [--seed N] [--out docs/]

Every scenario (default: all of bench/scenarios/*.toml) runs once per policy through the
real queue operations on a fresh SQLite file. A policy SPEC is a name, optionally with
``CallPolicy`` fields and channel weights after a colon:

    fifo  strict_priority  weighted_wait  ratio  deadline
    weighted_wait:max_wait_minutes=60,max_priority_in_row=2,priority=4,booking=2
    ratio:ratio_priority=3,ratio_other=1
    deadline:booking_promise_minutes=30,slack_minutes=20

With ``--out DIR`` the tables replace the generated section of ``DIR/queue-policy.md``
(between its markers; the hand-written text stays) and one wait chart per scenario goes to
``DIR/charts/``. The tables are printed in any case.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from bench.charts import wait_chart
from config.settings import CallPolicy, Channel
from db.sim import DayFigures, PolicyChoice, Scenario, ScenarioError, load_scenario, simulate_day
from db.sim.metrics import ESTIMATE_TOLERANCE, ON_TIME_MINUTES, day_figures

SCENARIOS = Path(__file__).with_name("scenarios")
_INT_FIELDS = {
    "max_wait_minutes",
    "max_priority_in_row",
    "ratio_priority",
    "ratio_other",
    "booking_promise_minutes",
    "priority_bound_minutes",
    "slack_minutes",
}


def parse_policy(spec: str) -> PolicyChoice:
    """``name[:key=value,...]``: keys are CallPolicy fields or channel names (weights)."""
    name, _, rest = spec.partition(":")
    fields: dict[str, object] = {"name": name.strip()}
    weights = dict(CallPolicy().weights)
    for item in filter(None, (p.strip() for p in rest.split(","))):
        key, sep, value = item.partition("=")
        if not sep:
            raise ValueError(f"policy {spec!r}: {item!r} is not key=value")
        key = key.strip()
        if key in {c.value for c in Channel}:
            weights[Channel(key)] = float(value)
        elif key in _INT_FIELDS:
            fields[key] = int(value)
        else:
            raise ValueError(f"policy {spec!r}: unknown key {key!r}")
    fields["weights"] = weights
    return PolicyChoice(label=spec, policy=CallPolicy.model_validate(fields))


def describe(policy: CallPolicy) -> str:
    if policy.name == "weighted_wait":
        w = policy.weights
        weights = "/".join(f"{w.get(c, 1.0):g}" for c in Channel)
        return (
            f"weights booking/walk-in/priority/vip {weights}, max wait "
            f"{policy.max_wait_minutes} min, max {policy.max_priority_in_row} priority in a row"
        )
    if policy.name == "deadline":
        w = policy.weights
        weights = "/".join(f"{w.get(c, 1.0):g}" for c in Channel)
        return (
            f"due: booking session start + {policy.booking_promise_minutes} min, priority/VIP "
            f"+ {policy.priority_bound_minutes} min, walk-in + {policy.max_wait_minutes} min; "
            f"earliest due first within {policy.slack_minutes} min of it, otherwise weights "
            f"booking/walk-in/priority/vip {weights}"
        )
    if policy.name == "ratio":
        return (
            f"{policy.ratio_priority} priority/VIP : {policy.ratio_other} other, "
            f"max wait {policy.max_wait_minutes} min"
        )
    return "-"


def _f(value: float, digits: int = 1) -> str:
    return "-" if math.isnan(value) else f"{value:.{digits}f}"


def _pct(value: float) -> str:
    return "-" if math.isnan(value) else f"{100 * value:.0f} %"


def table(scenario: Scenario, figures: Sequence[DayFigures]) -> str:
    """The side-by-side Markdown table of one scenario."""
    rows: list[tuple[str, list[str]]] = []
    rows.append(("tickets (turned away)", [f"{f.tickets} ({f.turned_away})" for f in figures]))
    for channel in Channel:
        cells = []
        for f in figures:
            s = f.per_channel[channel]
            cells.append("-" if s.n == 0 else f"{_f(s.mean)} / {_f(s.p90)} / {_f(s.max)}")
        rows.append((f"{channel.value} wait mean / p90 / max (min)", cells))
    rows.append(
        (
            f"bookings called ≤ {ON_TIME_MINUTES} min after slot start (of those on time)",
            [f"{_pct(f.bookings_on_time)} (n={f.bookings_on_time_n})" for f in figures],
        )
    )
    rows.append(("longest priority wait (min)", [_f(f.priority_max_wait) for f in figures]))
    rows.append(
        (
            "overtakes: by arrival / by place in line",
            [f"{f.overtakes_arrival} / {f.overtakes_place}" for f in figures],
        )
    )
    rows.append(
        (
            "counter utilisation mean (min-max)",
            [
                f"{_pct(f.utilisation)} ({_pct(f.utilisation_min)}-{_pct(f.utilisation_max)})"
                for f in figures
            ],
        )
    )
    rows.append(
        (
            f"estimate MAE (min) / within ±{ESTIMATE_TOLERANCE} min",
            [f"{_f(f.estimate_mae)} / {_pct(f.estimate_within)}" for f in figures],
        )
    )
    rows.append(("no-shows at close", [str(f.no_shows) for f in figures]))
    rows.append(
        ("last applicant done", [f"{f.last_done.astimezone(_tz(scenario)):%H:%M}" for f in figures])
    )
    header = "| | " + " | ".join(f"`{f.label}`" for f in figures) + " |"
    rule = "|---|" + "---|" * len(figures)
    body = ["| " + name + " | " + " | ".join(cells) + " |" for name, cells in rows]
    return "\n".join([header, rule, *body])


def _tz(scenario: Scenario) -> dt.tzinfo:
    return scenario.office_settings("sqlite://").office.tz


def run_scenario(
    scenario: Scenario, policies: Sequence[PolicyChoice], db_dir: Path
) -> list[DayFigures]:
    figures = []
    for choice in policies:
        safe = "".join(ch if ch.isalnum() else "_" for ch in choice.label)[:60]
        db_path = db_dir / f"{scenario.name}-{safe}.sqlite3"
        run = simulate_day(scenario, choice.label, choice.policy, db_path)
        figures.append(day_figures(run))
        print(
            f"  {scenario.name} / {choice.label}: {run.events} events in {run.wall_seconds:.1f} s",
            file=sys.stderr,
        )
    return figures


def report(scenario: Scenario, policies: Sequence[PolicyChoice], figures: Sequence[DayFigures],
           chart: Path | None) -> str:  # fmt: skip
    lines = [f"## {scenario.name}", "", scenario.description, "",
             f"Seed {scenario.seed}, {scenario.date:%A %d %B %Y}.", ""]  # fmt: skip
    lines.append(table(scenario, figures))
    lines += ["", "Policies:", ""]
    lines += [f"- `{p.label}`: {p.policy.name}; {describe(p.policy)}" for p in policies]
    if chart is not None:
        lines += ["", f"![wait distribution, {scenario.name}](charts/{chart.name})"]
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", action="append", type=Path, help="scenario TOML (repeatable)")
    parser.add_argument("--policies", nargs="+", help="policy specs (default: the scenario's)")
    parser.add_argument("--seed", type=int, help="override the scenarios' seed")
    parser.add_argument("--out", type=Path, help="update queue-policy.md and charts/ here")
    parser.add_argument("--db-dir", type=Path, help="keep the day's databases here")
    args = parser.parse_args(argv)
    paths = args.scenario or sorted(SCENARIOS.glob("*.toml"))
    try:
        scenarios = [load_scenario(p) for p in paths]
        chosen = [parse_policy(s) for s in args.policies] if args.policies else None
    except (ScenarioError, ValueError) as exc:
        print(exc, file=sys.stderr)
        return 2
    sections = []
    with tempfile.TemporaryDirectory(prefix="loket-sim-") as tmp:
        db_dir = args.db_dir or Path(tmp)
        db_dir.mkdir(parents=True, exist_ok=True)
        for scenario in scenarios:
            if args.seed is not None:
                scenario = scenario.model_copy(update={"seed": args.seed})
            policies = chosen or scenario.policies
            figures = run_scenario(scenario, policies, db_dir)
            chart = None
            if args.out is not None:
                chart = wait_chart(
                    f"{scenario.name}: wait per channel and policy (seed {scenario.seed})",
                    figures,
                    args.out / "charts" / f"sim-{scenario.name}.png",
                )
            section = report(scenario, policies, figures, chart)
            print(section)
            sections.append(section)
    if args.out is not None:
        write_results(args.out / "queue-policy.md", "\n".join(sections))
    return 0


BEGIN = "<!-- simulation results: begin (made by python -m bench.simulate) -->"
END = "<!-- simulation results: end -->"


def write_results(path: Path, sections: str) -> None:
    """Put the tables between the markers of ``path`` (the hand-written text stays)."""
    block = f"{BEGIN}\n\nMade on {dt.date.today():%Y-%m-%d}.\n\n{sections}\n{END}"
    text = path.read_text(encoding="utf-8") if path.exists() else "# Call policy\n\n"
    if BEGIN in text and END in text:
        text = text[: text.index(BEGIN)] + block + text[text.index(END) + len(END) :]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
