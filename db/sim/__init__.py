"""A business day simulated through the real queue operations (``python -m bench.simulate``).

``scenario`` reads the TOML scenario, ``population`` draws the day's applicants from its
seed, ``engine`` runs the day on a SQLite file with a ``FixedClock``, ``metrics`` reads the
figures back from the tickets and events.
"""

from db.sim.engine import DayRun, simulate_day
from db.sim.metrics import DayFigures, day_figures
from db.sim.scenario import PolicyChoice, Scenario, ScenarioError, load_scenario

__all__ = [
    "DayFigures",
    "DayRun",
    "PolicyChoice",
    "Scenario",
    "ScenarioError",
    "day_figures",
    "load_scenario",
    "simulate_day",
]
