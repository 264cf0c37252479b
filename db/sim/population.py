"""The people of a simulated day, drawn once from the scenario's seed.

Everything random about an applicant (when they come, how long their service takes, whether
they are away when called) is drawn here, before any policy runs, so every policy serves
exactly the same people: the comparison shows the policy, not the dice.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import math
import random
from dataclasses import dataclass

from config.settings import Channel, Settings
from db.sim.scenario import Bookings, Offset, Scenario, Stream

FIRST = ("SITI", "BUDI", "AGUS", "DEWI", "RINA", "ANDI", "NUR", "PUTRI", "AHMAD", "WAHYU")
LAST = ("SANTOSO", "WIJAYA", "LESTARI", "HIDAYAT", "SAPUTRA", "SIREGAR", "NASUTION", "HALIM")


@dataclass(frozen=True)
class Applicant:
    key: int
    channel: Channel
    service: str
    # When they reach the kiosk queue in the lobby.
    arrival: dt.datetime
    service_minutes: float
    walk_up_minutes: float
    # Not there when first called (the officer recalls, then marks no-show).
    away: bool
    # Minutes after the no-show when they come back and are put back in line (None: never).
    comes_back_after: float | None
    reason: str | None = None
    booking_code: str | None = None
    slot_start: dt.datetime | None = None


@dataclass(frozen=True)
class Population:
    applicants: list[Applicant]
    export_rows: list[dict[str, str]]
    # Booked applicants who never come (their booking is in the export).
    booking_no_shows: int


def _clipped(rng: random.Random, offset: Offset) -> float:
    return min(offset.max, max(offset.min, rng.gauss(offset.mean, offset.sd)))


def _pick(rng: random.Random, shares: dict[str, float]) -> str:
    keys = sorted(shares)
    return rng.choices(keys, [shares[k] for k in keys])[0]


def _at(day: dt.date, time: dt.time, settings: Settings) -> dt.datetime:
    return dt.datetime.combine(day, time, tzinfo=settings.office.tz)


def _profile_time(rng: random.Random, stream: Stream, day: dt.date, s: Settings) -> dt.datetime:
    """A time drawn from the stream's piecewise-constant arrival intensity."""
    points = [(_at(day, dt.time.fromisoformat(t), s), w) for t, w in stream.profile]
    masses = []
    total = 0.0
    for (start, weight), (end, _) in itertools.pairwise(points):
        total += weight * (end - start).total_seconds()
        masses.append(total)
    x = rng.random() * total
    i = min(bisect.bisect_right(masses, x), len(masses) - 1)
    start, end = points[i][0], points[i + 1][0]
    return start + (end - start) * rng.random()


def _booking_offset(rng: random.Random, b: Bookings) -> float:
    """Minutes from the session start to the booked applicant's arrival."""
    if not b.arrival_groups:
        return _clipped(rng, b.arrival)
    group = rng.choices(b.arrival_groups, [g.share for g in b.arrival_groups])[0]
    return _clipped(rng, group)


def _service_minutes(rng: random.Random, scenario: Scenario, service: str) -> float:
    spec = scenario.service_times[service]
    value = math.exp(rng.gauss(math.log(spec.median), spec.sigma))
    return min(spec.max, max(spec.min, value))


def _behaviour(rng: random.Random, scenario: Scenario) -> tuple[float, bool, float | None]:
    b = scenario.behaviour
    walk_up = _clipped(rng, b.walk_up)
    away = rng.random() < b.away_when_called
    back = _clipped(rng, b.come_back_after) if away and rng.random() < b.come_back else None
    return walk_up, away, back


def draw_population(scenario: Scenario, settings: Settings) -> Population:
    rng = random.Random(scenario.seed)
    day = scenario.date
    office = settings.office.code
    people: list[tuple[dt.datetime, Applicant]] = []
    rows: list[dict[str, str]] = []
    no_shows = 0
    key = 0
    b = scenario.bookings
    for slot, count in sorted(b.slot_times().items()):
        start = _at(day, slot, settings)
        end = start + dt.timedelta(minutes=b.slot_minutes)
        for _ in range(count):
            key += 1
            service = _pick(rng, b.services)
            code = f"MP{day:%y%m%d}{office}{key:05d}"
            cancelled = rng.random() < b.cancelled
            rows.append(
                {
                    "KODE_BOOKING": code,
                    "TGL_KEDATANGAN": f"{day:%d/%m/%Y}",
                    "SESI": f"{start:%H.%M} - {end:%H.%M}",
                    "JENIS_LAYANAN": settings.service(service).booking_names[0],
                    "NAMA_PEMOHON": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                    "NIK": "3174" + "".join(str(rng.randint(0, 9)) for _ in range(12)),
                    "KODE_KANTOR": office,
                    "STATUS": "BATAL" if cancelled else "AKTIF",
                    "WAKTU_DAFTAR": f"{day - dt.timedelta(days=7):%Y-%m-%d} 14:00:00",
                }
            )
            minutes = _service_minutes(rng, scenario, service)
            walk_up, away, back = _behaviour(rng, scenario)
            arrival = start + dt.timedelta(minutes=_booking_offset(rng, b))
            if cancelled:
                continue
            if rng.random() < b.no_show:
                no_shows += 1
                continue
            applicant = Applicant(
                key, Channel.BOOKING, service, arrival, minutes, walk_up, away, back,
                booking_code=code, slot_start=start,
            )  # fmt: skip
            people.append((arrival, applicant))
    streams = (
        (Channel.WALK_IN, scenario.arrivals.walk_in),
        (Channel.PRIORITY, scenario.arrivals.priority),
        (Channel.VIP, scenario.arrivals.vip),
    )
    for channel, stream in streams:
        for _ in range(stream.count):
            key += 1
            service = _pick(rng, stream.services)
            arrival = _profile_time(rng, stream, day, settings)
            reason = _pick(rng, stream.reasons) if channel == Channel.PRIORITY else None
            minutes = _service_minutes(rng, scenario, service)
            walk_up, away, back = _behaviour(rng, scenario)
            applicant = Applicant(
                key, channel, service, arrival, minutes, walk_up, away, back, reason=reason
            )
            people.append((arrival, applicant))
    people.sort(key=lambda p: (p[0], p[1].key))
    return Population([a for _, a in people], rows, no_shows)
