"""The simulated day: invariants of a short day through the real queue operations."""

from __future__ import annotations

from pathlib import Path

import pytest

from config.settings import CallPolicy, Channel
from db.models import TicketStatus
from db.sim import Scenario, ScenarioError, day_figures, load_scenario, simulate_day
from db.sim.metrics import DayFigures
from db.sim.population import draw_population

SERVICES = ("baru", "ganti", "ambil", "info")
SCENARIOS = Path(__file__).resolve().parents[1] / "bench" / "scenarios"


def calm_day(**changes: object) -> Scenario:
    """A short, quiet morning: 5 counters (the embedded settings), about 40 applicants."""
    data: dict[str, object] = {
        "name": "calm",
        "date": "2026-12-01",
        "seed": 7,
        "settings": {"business_day": {"hours": {"tue": {"open": "08:00", "close": "11:00"}}}},
        "bookings": {
            "slots": {"08:00": 6, "09:00": 6, "10:00": 4},
            "arrival": {"mean": -5, "sd": 8, "min": -30, "max": 30},
            "no_show": 0.1,
            "cancelled": 0.0,
        },
        "arrivals": {
            "walk_in": {
                "count": 12,
                "services": {"baru": 1, "ganti": 1, "ambil": 1, "info": 1},
                "profile": [["07:30", 1], ["10:30", 0]],
            },
            "priority": {
                "count": 5,
                "services": {"baru": 1, "ambil": 1},
                "reasons": {"elderly": 2, "pregnant": 1},
                "profile": [["07:45", 1], ["10:30", 0]],
            },
            "vip": {"count": 2, "services": {"baru": 1}, "profile": [["08:00", 1], ["10:00", 0]]},
        },
        "service_times": {
            "baru": {"median": 8, "sigma": 0.2},
            "ganti": {"median": 7, "sigma": 0.2},
            "ambil": {"median": 3, "sigma": 0.2},
            "info": {"median": 4, "sigma": 0.2},
        },
        "staffing": {"breaks": [{"counter": 2, "start": "09:30:00", "minutes": 20}]},
        "behaviour": {"away_when_called": 0.15, "come_back": 1.0},
    }
    data.update(changes)
    return Scenario.model_validate(data)


def run(tmp_path: Path, scenario: Scenario, name: str = "weighted_wait") -> DayFigures:
    policy = CallPolicy(name=name)  # type: ignore[arg-type]
    day = simulate_day(scenario, name, policy, tmp_path / f"{scenario.name}-{name}.sqlite3")
    return day_figures(day)


def test_every_arrival_is_served_or_no_show_and_called_once(tmp_path: Path) -> None:
    scenario = calm_day()
    day = simulate_day(scenario, "w", CallPolicy(), tmp_path / "day.sqlite3")
    figures = day_figures(day)
    arrived = len(day.population.applicants)
    assert arrived >= 30
    assert day.turned_away == []
    assert figures.tickets == len(day.tickets) == arrived
    assert figures.unresolved == []
    assert figures.served + figures.no_shows == arrived
    assert figures.illegal_calls == []
    # Some were away when called: recalled, marked no-show, put back and served after all.
    assert any(o.requeued for o in figures.outcomes)
    assert all(o.status == TicketStatus.DONE for o in figures.outcomes if o.requeued)
    # The bookings came from the imported export and were checked in at the kiosk.
    assert len(figures.waits[Channel.BOOKING]) == sum(
        1 for a in day.population.applicants if a.channel == Channel.BOOKING
    )


def test_estimates_are_close_on_a_calm_day(tmp_path: Path) -> None:
    figures = run(tmp_path, calm_day())
    assert figures.estimate_mae <= 10
    assert figures.estimate_within >= 0.6


def test_same_seed_same_day(tmp_path: Path) -> None:
    first = run(tmp_path / "a", calm_day(), "fifo")
    second = run(tmp_path / "b", calm_day(), "fifo")

    def key(f: DayFigures) -> list[tuple[object, ...]]:
        return [(o.number, o.first_called_at, o.first_counter, o.status) for o in f.outcomes]

    assert key(first) == key(second)
    other = run(tmp_path / "c", calm_day(seed=8), "fifo")
    assert key(other) != key(first)


def test_strict_priority_calls_priority_sooner_than_fifo(tmp_path: Path) -> None:
    busy = calm_day(staffing={"closed": [2, 3, 5]})  # no priority counter
    fifo = run(tmp_path, busy, "fifo")
    strict = run(tmp_path, busy, "strict_priority")
    mean = lambda f: sum(f.waits[Channel.PRIORITY]) / len(f.waits[Channel.PRIORITY])  # noqa: E731
    assert mean(strict) < mean(fifo)


@pytest.mark.parametrize("path", sorted(SCENARIOS.glob("*.toml")), ids=lambda p: p.stem)
def test_shipped_scenarios_are_valid(path: Path) -> None:
    scenario = load_scenario(path)
    counters = scenario.office_settings("sqlite://").counters
    if scenario.name == "pop-up-office":
        assert scenario.applicants == 120 and len(counters) == 2
        assert scenario.office_settings("sqlite://").printer.paper_width_dots == 384
    else:
        assert 450 <= scenario.applicants <= 800
        assert len(counters) >= 10
    if scenario.name == "bad-morning":
        assert {n: t.isoformat() for n, t in scenario.staffing.open_at.items()} == {
            1: "08:45:00",
            2: "08:45:00",
            3: "08:45:00",
        }


SESSIONS = {
    "slots": {"08:00": 10, "10:00": 8},
    "slot_minutes": 120,
    "no_show": 0.0,
    "cancelled": 0.0,
    "arrival_groups": [
        {"share": 0.6, "mean": 15, "sd": 10, "min": 0, "max": 60},
        {"share": 0.2, "mean": -20, "sd": 10, "min": -45, "max": -1},
        {"share": 0.2, "mean": 80, "sd": 10, "min": 61, "max": 100},
    ],
}


def test_two_hour_sessions_and_arrival_groups(tmp_path: Path) -> None:
    scenario = calm_day(bookings=SESSIONS)
    settings = scenario.office_settings("sqlite://")
    population = draw_population(scenario, settings)
    assert {row["SESI"] for row in population.export_rows} == {"08.00 - 10.00", "10.00 - 12.00"}
    offsets = [
        (a.arrival - a.slot_start).total_seconds() / 60
        for a in population.applicants
        if a.slot_start is not None
    ]
    assert len(offsets) == 18
    early, before, late = (
        sum(0 <= m <= 60 for m in offsets),
        sum(m < 0 for m in offsets),
        sum(m > 60 for m in offsets),
    )
    assert early + before + late == 18 and early > before and early > late and before and late
    # The same seed draws the same people.
    again = draw_population(scenario, settings)
    assert [a.arrival for a in again.applicants] == [a.arrival for a in population.applicants]


def test_deadline_policy_runs_the_day_through_the_queue_operations(tmp_path: Path) -> None:
    figures = run(tmp_path, calm_day(bookings=SESSIONS), "deadline")
    assert figures.unresolved == [] and figures.illegal_calls == []
    assert figures.bookings_in_promise >= 0.8


def test_a_bad_scenario_names_the_key(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('name = "x"\n[bookings]\nslotz = {}\n', encoding="utf-8")
    with pytest.raises(ScenarioError, match=r"bookings\.slotz"):
        load_scenario(bad)
    times = "[service_times]\n" + "".join(f"{c} = {{ median = 5 }}\n" for c in SERVICES)
    bad.write_text(f'name = "x"\n{times}[staffing]\nclosed = [42]\n', encoding="utf-8")
    with pytest.raises(ScenarioError, match="no counter 42"):
        load_scenario(bad)


TINY = """
name = "tiny"
date = 2026-12-01
seed = 3
[settings.business_day.hours]
tue = { open = 08:00:00, close = 10:00:00 }
[bookings]
slot_minutes = 120
slots = { "08:00" = 4 }
[arrivals.walk_in]
count = 4
services = { baru = 1, ambil = 1 }
profile = [["07:45", 1], ["09:00", 0]]
[service_times]
baru = { median = 8 }
ganti = { median = 7 }
ambil = { median = 3 }
info = { median = 4 }
"""


def test_loket_db_simulate_prints_the_table(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from db.cli.main import main

    scenario = tmp_path / "tiny.toml"
    scenario.write_text(TINY, encoding="utf-8")
    config = tmp_path / "loket.toml"
    config.write_text(f'database_url = "sqlite:///{tmp_path / "office.sqlite3"}"\n')
    code = main(["simulate", "--config", str(config), "--scenario", str(scenario),
                 "--policies", "fifo", "deadline"])  # fmt: skip
    out = capsys.readouterr().out
    assert code == 0
    assert "| | `fifo` | `deadline` |" in out and "estimate MAE" in out
    assert main(["simulate", "--config", str(config), "--scenario", "no-such-day"]) == 2
    assert "no scenario 'no-such-day'" in capsys.readouterr().err
    assert main(["simulate", "--config", str(config), "--from-history", "2026-13"]) == 2
    assert "YYYY-MM" in capsys.readouterr().err
    assert main(["simulate", "--config", str(config), "--from-history", "2026-11"]) == 2
    assert "no tickets in 2026-11" in capsys.readouterr().err


def test_a_day_learnt_from_the_history(tmp_path: Path) -> None:
    from db.cli.simulate import scenario_from_history

    scenario = calm_day(bookings=SESSIONS)
    day = simulate_day(scenario, "w", CallPolicy(), tmp_path / "office.sqlite3")
    settings = scenario.office_settings(f"sqlite:///{day.db_path}")
    learnt = scenario_from_history(settings, "2026-12")
    assert learnt.date == scenario.date
    assert learnt.bookings.slot_minutes == 120
    assert learnt.bookings.slots == {"08:00": 10, "10:00": 8}
    walk_ins = sum(1 for a in day.population.applicants if a.channel == Channel.WALK_IN)
    assert learnt.arrivals.walk_in.count == walk_ins
    assert 6 <= learnt.service_times["baru"].median <= 10
