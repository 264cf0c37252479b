"""Figures over samples, the same way everywhere a report or the simulation states them."""

from __future__ import annotations

import math


def nearest_rank(values: list[float], pct: float) -> float:
    """Nearest-rank percentile (``pct`` in 0..100) of a non-empty sample: a value that was
    really seen, never an interpolation (what "90 % waited at most N minutes" means)."""
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    return ordered[max(1, math.ceil(pct / 100 * len(ordered))) - 1]
