"""A simulated business day as data: one TOML file, validated like the office settings.

The scenario says who comes (bookings per hourly slot and how early or late they are,
walk-ins from before opening, priority applicants with their reasons, VIP), how long each
service takes (lognormal per service), how the counters are staffed (the office settings'
counters, breaks, counters closed for the day) and how applicants behave when called (away,
coming back after a no-show). Every model forbids unknown keys, so a typo is an error that
names the key.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from config.settings import CallPolicy, Channel, Settings
from db.rules.calendar import OfficeCalendar


class ScenarioError(Exception):
    """A scenario file that cannot be used, with the file and the key in the message."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Offset(_Strict):
    """Minutes relative to a reference time (a booking's slot start): normal, clipped."""

    mean: float = -10.0
    sd: float = Field(default=15.0, ge=0)
    min: float = -60.0
    max: float = 60.0

    @model_validator(mode="after")
    def _ordered(self) -> Offset:
        if self.min > self.max:
            raise ValueError(f"min ({self.min}) must not be greater than max ({self.max})")
        return self


class ArrivalGroup(Offset):
    """One group of booked applicants: its ``share`` of them and their arrival offset."""

    share: float = Field(gt=0)


class Bookings(_Strict):
    """Online bookings: written as the central system's export, imported, checked in.

    ``slot_minutes = 120`` gives the booking site's two-hour sessions (SESI "08.00 - 10.00").
    ``arrival_groups`` (when given, instead of ``arrival``) mixes groups of applicants
    with their own offsets from the session start: most early in the session, some before
    it, some late."""

    # Bookings per hourly slot start ("08:00": 40); the slot lasts ``slot_minutes``.
    slots: dict[str, int] = Field(default_factory=dict)
    slot_minutes: int = Field(default=60, ge=15, le=240)
    # Share of each service (service code: weight); each must accept the booking channel.
    services: dict[str, float] = Field(default_factory=lambda: {"baru": 0.55, "ganti": 0.45})
    # Arrival relative to the slot start, in minutes (negative: early).
    arrival: Offset = Field(default_factory=Offset)
    arrival_groups: list[ArrivalGroup] = Field(default_factory=list)
    # Booked applicants who never come (a no-show of the booking itself).
    no_show: float = Field(default=0.08, ge=0, le=1)
    # Export rows that are cancelled (BATAL) by the central system.
    cancelled: float = Field(default=0.03, ge=0, le=1)

    def slot_times(self) -> dict[dt.time, int]:
        return {dt.time.fromisoformat(k): v for k, v in self.slots.items()}


class Stream(_Strict):
    """Applicants without a booking: how many, for which services, when they come.

    ``profile`` is a piecewise-constant arrival intensity: ``[["06:30", 4], ["08:00", 2],
    ["15:00", 0]]`` means from 06:30 to 08:00 twice as many arrive per minute as from
    08:00 to 15:00, and nobody after 15:00 (the last weight must be 0)."""

    count: int = Field(default=0, ge=0)
    services: dict[str, float] = Field(default_factory=dict)
    profile: list[tuple[str, float]] = Field(default_factory=list)
    # Priority only: the reasons and their shares.
    reasons: dict[str, float] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _valid_profile(self) -> Stream:
        if self.count == 0:
            return self
        if len(self.profile) < 2:
            raise ValueError("profile needs at least a start and an end point")
        times = [dt.time.fromisoformat(t) for t, _ in self.profile]
        if times != sorted(times) or len(set(times)) != len(times):
            raise ValueError("profile times must be increasing")
        if self.profile[-1][1] != 0:
            raise ValueError("the last profile point must have weight 0 (nobody comes after it)")
        if any(w < 0 for _, w in self.profile) or not any(w > 0 for _, w in self.profile):
            raise ValueError("profile weights must be >= 0 and not all 0")
        if not self.services:
            raise ValueError("services must name at least one service")
        return self


class Arrivals(_Strict):
    walk_in: Stream = Field(default_factory=Stream)
    priority: Stream = Field(default_factory=Stream)
    vip: Stream = Field(default_factory=Stream)


class ServiceTime(_Strict):
    """Lognormal service time: ``median`` minutes, ``sigma`` of the underlying normal."""

    median: float = Field(gt=0, le=240)
    sigma: float = Field(default=0.35, ge=0, le=2)
    # Clipped to this range (minutes).
    min: float = Field(default=1.0, gt=0)
    max: float = Field(default=60.0, gt=0)


class Break(_Strict):
    counter: int
    start: dt.time
    minutes: int = Field(gt=0, le=240)


class Behaviour(_Strict):
    # From "called" to the applicant at the counter and service started (minutes).
    walk_up: Offset = Field(default_factory=lambda: Offset(mean=0.8, sd=0.3, min=0.2, max=3))
    # Share of ticket holders who are not there when first called.
    away_when_called: float = Field(default=0.04, ge=0, le=1)
    # The officer recalls after this many minutes, then marks no-show after ``no_show_after``.
    recall_after_minutes: float = Field(default=1.0, gt=0)
    no_show_after_minutes: float = Field(default=3.0, gt=0)
    # Share of no-shows who come back and are put back in line, and when (minutes later).
    come_back: float = Field(default=0.5, ge=0, le=1)
    come_back_after: Offset = Field(default_factory=lambda: Offset(mean=25, sd=10, min=5, max=60))
    # Kiosks in the lobby and seconds per transaction at one (the morning crowd queues there).
    kiosks: int = Field(default=2, ge=1, le=20)
    kiosk_seconds: float = Field(default=35.0, gt=0, le=600)

    @model_validator(mode="after")
    def _recall_first(self) -> Behaviour:
        if self.recall_after_minutes >= self.no_show_after_minutes:
            raise ValueError("recall_after_minutes must be less than no_show_after_minutes")
        return self


class Staffing(_Strict):
    # Counters that stay closed all day.
    closed: list[int] = Field(default_factory=list)
    # Counters open at opening time unless listed here with a later time ("10:00").
    open_at: dict[int, dt.time] = Field(default_factory=dict)
    breaks: list[Break] = Field(default_factory=list)


class PolicyChoice(_Strict):
    """A call policy to compare: a label for the tables and the ``CallPolicy`` fields."""

    label: str
    policy: CallPolicy


def default_policies() -> list[PolicyChoice]:
    return [
        PolicyChoice(label="fifo", policy=CallPolicy(name="fifo")),
        PolicyChoice(label="strict_priority", policy=CallPolicy(name="strict_priority")),
        PolicyChoice(label="weighted_wait", policy=CallPolicy(name="weighted_wait")),
        PolicyChoice(label="ratio", policy=CallPolicy(name="ratio")),
        PolicyChoice(label="deadline", policy=CallPolicy(name="deadline")),
    ]


class Scenario(_Strict):
    name: str
    description: str = ""
    # The simulated business day (an open day of the office settings below).
    date: dt.date = dt.date(2026, 12, 1)
    seed: int = 1
    # Office settings for the day, on top of the embedded defaults (services, quotas,
    # counters, opening hours, check-in window). database_url and call_policy are set per run.
    settings: dict[str, Any] = Field(default_factory=dict)
    bookings: Bookings = Field(default_factory=Bookings)
    arrivals: Arrivals = Field(default_factory=Arrivals)
    service_times: dict[str, ServiceTime] = Field(default_factory=dict)
    staffing: Staffing = Field(default_factory=Staffing)
    behaviour: Behaviour = Field(default_factory=Behaviour)
    policies: list[PolicyChoice] = Field(default_factory=default_policies)

    @model_validator(mode="after")
    def _consistent(self) -> Scenario:
        office = self.office_settings("sqlite://")
        codes = {s.code for s in office.services}
        numbers = {c.number for c in office.counters}
        streams: list[tuple[str, dict[str, float], Channel]] = [
            ("bookings.services", self.bookings.services, Channel.BOOKING),
            ("arrivals.walk_in.services", self.arrivals.walk_in.services, Channel.WALK_IN),
            ("arrivals.priority.services", self.arrivals.priority.services, Channel.PRIORITY),
            ("arrivals.vip.services", self.arrivals.vip.services, Channel.VIP),
        ]
        for where, shares, channel in streams:
            for code in shares:
                if code not in codes:
                    raise ValueError(f"{where}: unknown service {code!r}")
                if channel not in office.service(code).channels:
                    raise ValueError(f"{where}: service {code!r} does not take {channel.value}")
        for code in self.service_times:
            if code not in codes:
                raise ValueError(f"service_times: unknown service {code!r}")
        for code in codes - set(self.service_times):
            raise ValueError(f"service_times: no service time for service {code!r}")
        reasons = {r.code for r in office.priority_reasons}
        for reason in self.arrivals.priority.reasons:
            if reason not in reasons:
                raise ValueError(f"arrivals.priority.reasons: unknown reason {reason!r}")
        if self.arrivals.priority.count and not self.arrivals.priority.reasons:
            raise ValueError("arrivals.priority.reasons: priority applicants need reasons")
        for code in self.bookings.services:
            if not office.service(code).booking_names:
                raise ValueError(f"bookings.services: {code!r} has no booking_names")
        staff_refs = [
            *self.staffing.closed,
            *self.staffing.open_at,
            *(b.counter for b in self.staffing.breaks),
        ]
        for number in staff_refs:
            if number not in numbers:
                raise ValueError(f"staffing: there is no counter {number}")
        labels = [p.label for p in self.policies]
        if len(set(labels)) != len(labels):
            raise ValueError("policies: labels must be unique")
        info = OfficeCalendar(office).day(self.date)
        if info.open_at is None:
            raise ValueError(f"date: the office is closed on {self.date} ({info.closed_reason})")
        return self

    def office_settings(self, database_url: str, policy: CallPolicy | None = None) -> Settings:
        data = {**Settings().model_dump(), **self.settings, "database_url": database_url}
        if policy is not None:
            data["call_policy"] = policy.model_dump()
        return Settings.model_validate(data)

    @property
    def applicants(self) -> int:
        a = self.arrivals
        return sum(self.bookings.slots.values()) + a.walk_in.count + a.priority.count + a.vip.count


def load_scenario(path: str | Path) -> Scenario:
    """Read and validate a scenario TOML file."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ScenarioError(f"{path}: cannot read the scenario ({exc.strerror})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ScenarioError(f"{path}: not valid TOML ({exc})") from None
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        lines = []
        for error in exc.errors():
            where = ".".join(str(p) for p in error["loc"]) or "(top level)"
            lines.append(f"  {where}: {error['msg']}")
        raise ScenarioError(f"{path}: invalid scenario\n" + "\n".join(lines)) from None
