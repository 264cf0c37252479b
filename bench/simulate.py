"""Simulate business days under several call policies and compare them side by side.

    python -m bench.simulate [--scenario FILE ...] [--policies SPEC ...] [--seed N] [--out docs/]
                             [--jobs N]

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


def _run_one(scenario: Scenario, choice: PolicyChoice, db_dir: Path) -> DayFigures:
    safe = "".join(ch if ch.isalnum() else "_" for ch in choice.label)[:60]
    db_path = db_dir / f"{scenario.name}-{safe}.sqlite3"
    run = simulate_day(scenario, choice.label, choice.policy, db_path)
    print(
        f"  {scenario.name} / {choice.label}: {run.events} events in {run.wall_seconds:.1f} s",
        file=sys.stderr,
        flush=True,
    )
    return day_figures(run)


def run_scenario(
    scenario: Scenario, policies: Sequence[PolicyChoice], db_dir: Path
) -> list[DayFigures]:
    return [_run_one(scenario, choice, db_dir) for choice in policies]


def run_all(
    plan: Sequence[tuple[Scenario, Sequence[PolicyChoice]]], db_dir: Path, jobs: int
) -> list[list[DayFigures]]:
    """Every scenario under each of its policies; ``jobs`` days simulated at once, each in
    its own process and SQLite file (the figures do not depend on ``jobs``)."""
    if jobs <= 1:
        return [run_scenario(scenario, policies, db_dir) for scenario, policies in plan]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    spawn = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=spawn) as pool:
        futures = [
            [pool.submit(_run_one, scenario, choice, db_dir) for choice in policies]
            for scenario, policies in plan
        ]
        return [[f.result() for f in row] for row in futures]


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
    parser.add_argument("--jobs", type=int, default=1, help="days simulated at once (processes)")
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
        plan = []
        for scenario in scenarios:
            if args.seed is not None:
                scenario = scenario.model_copy(update={"seed": args.seed})
            plan.append((scenario, chosen or scenario.policies))
        for (scenario, policies), figures in zip(
            plan, run_all(plan, db_dir, args.jobs), strict=True
        ):
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
