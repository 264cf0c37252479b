"""The simulated day: invariants of a short day through the real queue operations."""

from __future__ import annotations

from pathlib import Path

import pytest

from config.settings import CallPolicy, Channel
from db.models import TicketStatus
from db.sim import Scenario, ScenarioError, day_figures, load_scenario, simulate_day
from db.sim.metrics import DayFigures

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
    assert 450 <= scenario.applicants <= 800
    assert len(scenario.office_settings("sqlite://").counters) >= 10


def test_a_bad_scenario_names_the_key(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('name = "x"\n[bookings]\nslotz = {}\n', encoding="utf-8")
    with pytest.raises(ScenarioError, match=r"bookings\.slotz"):
        load_scenario(bad)
    times = "[service_times]\n" + "".join(f"{c} = {{ median = 5 }}\n" for c in SERVICES)
    bad.write_text(f'name = "x"\n{times}[staffing]\nclosed = [42]\n', encoding="utf-8")
    with pytest.raises(ScenarioError, match="no counter 42"):
        load_scenario(bad)
