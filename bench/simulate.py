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
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from bench.charts import wait_chart
from db.sim import DayFigures, PolicyChoice, Scenario, ScenarioError, load_scenario, simulate_day
from db.sim.metrics import day_figures
from db.sim.report import describe, parse_policy, table

SCENARIOS = Path(__file__).with_name("scenarios")


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
