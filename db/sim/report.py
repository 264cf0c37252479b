"""The comparison table of simulated days, and policy specs as written on a command line."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

from config.settings import CallPolicy, Channel
from db.sim.metrics import (
    ESTIMATE_TOLERANCE,
    ON_TIME_MINUTES,
    PROMISE_MINUTES,
    DayFigures,
)
from db.sim.scenario import PolicyChoice, Scenario

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
    rows.append(
        (
            f"bookings called ≤ {PROMISE_MINUTES} min after slot start (of those on time)",
            [_pct(f.bookings_in_promise) for f in figures],
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
