"""Day and month reports: a scripted day whose every figure is worked out by hand below."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest

from config.settings import Channel, Settings
from db.cli.report import main as report_main
from db.clock import FixedClock
from db.context import Actor, QueueContext
from db.errors import NotAllowed
from db.models import Role
from db.ops.calling import (
    call_ticket,
    cancel,
    complete,
    no_show,
    recall,
    start_service,
    transfer,
)
from db.ops.counters import open_counter
from db.ops.feedback import file_complaint
from db.ops.issuing import issue_ticket, set_quota
from db.ops.officers import add_officer
from db.read.reports import (
    Durations,
    TransferRow,
    day_report,
    month_report,
    table_sections,
    to_csv,
    to_json,
)
from tests.conftest import ADMIN, JAKARTA, KIOSK, OFFICER, OPEN_DAY, SUPERVISOR, make_settings

BUDI = Actor("budi", Role.OFFICER)
ANDI = Actor("andi", Role.OFFICER)


@pytest.fixture
def settings(db_url: str) -> Settings:
    """No public holidays: December 2026 then has 23 open weekdays, countable by hand."""
    business = Settings().business_day.model_dump()
    business["public_holidays"] = False
    return make_settings(db_url, business_day=business)


def at(clock: FixedClock, hm: str, day: dt.date = OPEN_DAY) -> None:
    hour, minute = (int(x) for x in hm.split(":"))
    clock.set(dt.datetime.combine(day, dt.time(hour, minute), JAKARTA))


def seed_day(ctx: QueueContext, clock: FixedClock, officers: bool = True) -> None:
    """Tue 1 Dec 2026, the day the figures in the tests are computed from:

    ticket  issued  called (wait)     served            end
    A-001   08:05   08:25 c1 budi 20  08:27-08:40 = 13  done
    A-002   08:10   08:45 c1 budi 35                    no-show 08:50
    B-001   08:20   08:30 c2 andi 10  08:31-08:50 = 19  done   (priority)
    C-001   09:05   09:20 c4 andi 15  09:22-09:30 = 8   done
    A-003   09:30                                       cancelled 09:40
    A-004   10:15                                       waiting (vip)
    """
    if officers:
        add_officer(ctx, ADMIN, "andi", "officer", "rahasia-123", "=SUM(A1:A9)")
        add_officer(ctx, ADMIN, "budi", "officer", "rahasia-123", "Budi Santoso")
    at(clock, "08:05")
    t1 = issue_ticket(ctx, KIOSK, "baru", Channel.WALK_IN)
    at(clock, "08:10")
    t2 = issue_ticket(ctx, KIOSK, "baru", Channel.WALK_IN)
    at(clock, "08:20")
    t3 = issue_ticket(ctx, KIOSK, "ganti", Channel.PRIORITY, reason="elderly")
    set_quota(ctx, SUPERVISOR, "ganti", Channel.PRIORITY, 5, "two officers ill")
    at(clock, "08:25")
    call_ticket(ctx, BUDI, 1, t1.id, "first")
    at(clock, "08:27")
    start_service(ctx, BUDI, 1, t1.id)
    at(clock, "08:30")
    call_ticket(ctx, ANDI, 2, t3.id, "priority")
    at(clock, "08:31")
    start_service(ctx, ANDI, 2, t3.id)
    at(clock, "08:40")
    complete(ctx, BUDI, 1, t1.id)
    at(clock, "08:45")
    call_ticket(ctx, BUDI, 1, t2.id, "next")
    at(clock, "08:47")
    recall(ctx, BUDI, 1, t2.id)
    at(clock, "08:50")
    no_show(ctx, BUDI, 1, t2.id)
    complete(ctx, ANDI, 2, t3.id)
    at(clock, "09:05")
    t4 = issue_ticket(ctx, KIOSK, "ambil", Channel.WALK_IN)
    at(clock, "09:20")
    call_ticket(ctx, ANDI, 4, t4.id, "pick-up")
    at(clock, "09:22")
    start_service(ctx, ANDI, 4, t4.id)
    at(clock, "09:30")
    complete(ctx, ANDI, 4, t4.id)
    t5 = issue_ticket(ctx, KIOSK, "baru", Channel.WALK_IN)
    at(clock, "09:40")
    cancel(ctx, SUPERVISOR, t5.id, "left the office")
    at(clock, "10:15")
    issue_ticket(ctx, KIOSK, "baru", Channel.VIP)
    file_complaint(ctx, KIOSK, "app_unreachable", "tidak bisa dibuka")
    file_complaint(ctx, KIOSK, "app_unreachable")
    file_complaint(ctx, KIOSK, "quota_full")


def test_day_report_every_figure(ctx: QueueContext, clock: FixedClock) -> None:
    seed_day(ctx, clock)
    r = day_report(ctx, SUPERVISOR, OPEN_DAY)
    assert (r.issued, r.served, r.no_shows, r.cancelled, r.open_tickets) == (6, 3, 1, 1, 1)
    # waits 20, 35, 10, 15: mean 20; nearest-rank p90 = 4th of 4 sorted = 35
    assert r.wait == Durations(4, 20.0, 35.0)
    # service 13, 19, 8: mean 40/3; p90 = 3rd of 3 sorted = 19
    assert r.service.count == 3 and r.service.mean == pytest.approx(40 / 3)
    assert r.service.p90 == 19.0
    rows = {(x.service, x.channel): (x.issued, x.served, x.no_shows, x.cancelled)
            for x in r.by_service_channel}  # fmt: skip
    assert rows == {
        ("baru", "walk_in"): (3, 1, 1, 1),
        ("baru", "vip"): (1, 0, 0, 0),
        ("ganti", "priority"): (1, 1, 0, 0),
        ("ambil", "walk_in"): (1, 1, 0, 0),
    }
    assert [x.service for x in r.by_service_channel] == ["baru", "baru", "ganti", "ambil"]
    counters = {c.key: (c.name, c.served, c.no_shows, c.service) for c in r.counters}
    assert counters == {
        "1": ("Loket 1", 1, 1, Durations(1, 13.0, 13.0)),
        "2": ("Loket 2", 1, 0, Durations(1, 19.0, 19.0)),
        "4": ("Loket 4", 1, 0, Durations(1, 8.0, 8.0)),
    }
    officers = {o.key: (o.name, o.served, o.no_shows, o.service) for o in r.officers}
    assert officers == {
        "andi": ("=SUM(A1:A9)", 2, 0, Durations(2, 13.5, 19.0)),
        "budi": ("Budi Santoso", 1, 1, Durations(1, 13.0, 13.0)),
    }
    # open 08:00-16:00: hours 08..15
    assert r.arrivals_by_hour == ((8, 3), (9, 2), (10, 1), (11, 0), (12, 0), (13, 0), (14, 0),
                                  (15, 0))  # fmt: skip
    quotas = {(q.service, q.channel): (q.quota, q.issued) for q in r.quotas}
    assert quotas == {
        ("baru", "walk_in"): (40, 2),  # the cancelled ticket gives its place back
        ("baru", "priority"): (30, 0),
        ("baru", "vip"): (10, 1),
        ("ganti", "walk_in"): (30, 0),
        ("ganti", "priority"): (5, 1),  # the supervisor's override
        ("ganti", "vip"): (10, 0),
    }
    complaints = dict(r.complaints)
    assert complaints["app_unreachable"] == 2 and complaints["quota_full"] == 1
    assert sum(complaints.values()) == 3
    assert r.recap.counts["app_unreachable"][11] == 2
    assert r.title == "Day report 01-12-2026"


def test_month_report_adds_the_days_up(ctx: QueueContext, clock: FixedClock) -> None:
    at(clock, "09:00", dt.date(2026, 11, 30))
    issue_ticket(ctx, KIOSK, "baru", Channel.WALK_IN)  # November: not in the month
    seed_day(ctx, clock)
    wed = dt.date(2026, 12, 2)
    at(clock, "08:00", wed)
    w1 = issue_ticket(ctx, KIOSK, "baru", Channel.WALK_IN)
    at(clock, "08:50", wed)
    call_ticket(ctx, BUDI, 1, w1.id, "first")  # wait 50
    at(clock, "08:51", wed)
    start_service(ctx, BUDI, 1, w1.id)
    at(clock, "09:21", wed)
    complete(ctx, BUDI, 1, w1.id)  # service 30
    r = month_report(ctx, SUPERVISOR, 2026, 12)
    assert (r.start, r.end) == (dt.date(2026, 12, 1), dt.date(2026, 12, 31))
    assert (r.issued, r.served, r.no_shows, r.cancelled) == (7, 4, 1, 1)
    # waits 20, 35, 10, 15, 50: mean 26; p90 = ceil(4.5) = 5th = 50
    assert r.wait == Durations(5, 26.0, 50.0)
    # service 13, 19, 8, 30: mean 17.5; p90 = ceil(3.6) = 4th = 30
    assert r.service == Durations(4, 17.5, 30.0)
    counters = {c.key: (c.served, c.no_shows) for c in r.counters}
    assert counters == {"1": (2, 1), "2": (1, 0), "4": (1, 0)}
    budi = next(o for o in r.officers if o.key == "budi")
    assert budi.service == Durations(2, 21.5, 30.0)
    assert dict(r.arrivals_by_hour)[8] == 4
    quotas = {(q.service, q.channel): (q.quota, q.issued) for q in r.quotas}
    assert quotas[("baru", "walk_in")] == (40 * 23, 3)  # 23 weekdays in December 2026
    assert quotas[("ganti", "priority")] == (5 + 30 * 22, 1)
    assert r.title == "Month report Dec 2026"


def test_reports_are_for_supervisors(ctx: QueueContext) -> None:
    with pytest.raises(NotAllowed):
        day_report(ctx, OFFICER, OPEN_DAY)
    empty = day_report(ctx, ADMIN, OPEN_DAY)
    assert empty.issued == 0 and empty.wait == Durations(0, None, None)
    assert to_json(empty)["wait"]["mean_minutes"] is None
    assert to_json(empty)["transfers"] == {"total": 0, "by_target": []}


def test_csv_and_json(ctx: QueueContext, clock: FixedClock) -> None:
    seed_day(ctx, clock)
    r = day_report(ctx, SUPERVISOR, OPEN_DAY)
    text = to_csv(r)
    rows = list(csv.reader(io.StringIO(text)))
    assert ["'=SUM(A1:A9)" in row for row in rows].count(True) == 1  # made text
    assert not any(cell.startswith("=") for row in rows for cell in row)
    assert ["wait p90 (min)", "35.0"] in rows
    assert ["1", "Loket 1", "1", "1", "13.0", "13.0"] in rows
    assert ["ganti", "priority", "5", "1", "20.0"] in rows
    assert ["08:00", "3"] in rows
    data = to_json(r)
    json.dumps(data)  # serialisable as it is
    assert data["totals"] == {
        "issued": 6,
        "served": 3,
        "no_shows": 1,
        "cancelled": 1,
        "open": 1,
        "booking_failure_walk_in": 0,
    }
    assert data["wait"] == {"count": 4, "mean_minutes": 20.0, "p90_minutes": 35.0}
    assert data["service_time"]["mean_minutes"] == 13.33
    assert data["arrivals_by_hour"]["09"] == 2
    assert data["complaints"]["app_unreachable"] == 2


def test_transfers_by_where_they_went(ctx: QueueContext, clock: FixedClock) -> None:
    """A-001 to the pick-up line and later to counter 4; A-002 and A-004 to counter 3; A-003
    to Budi, who is at counter 2: five transfers."""
    andi = add_officer(ctx, ADMIN, "andi", "officer", "rahasia-123", "Andi Wijaya").actor
    budi = add_officer(ctx, ADMIN, "budi", "officer", "rahasia-123", "Budi Santoso").actor
    at(clock, "08:05")
    tickets = [issue_ticket(ctx, KIOSK, "baru", Channel.WALK_IN).id for _ in range(4)]
    at(clock, "08:10")
    open_counter(ctx, budi, 2)
    open_counter(ctx, andi, 3)
    open_counter(ctx, andi, 4)
    targets: list[dict[str, object]] = [
        {"to_service": "ambil"},
        {"to_counter": 3},
        {"to_officer": "budi"},
        {"to_counter": 3},
    ]
    for ticket, target in zip(tickets, targets, strict=True):
        call_ticket(ctx, andi, 1, ticket, "sort out")
        transfer(ctx, andi, ticket, keep_place=True, **target)
    transfer(ctx, andi, tickets[0], keep_place=True, to_counter=4)
    r = day_report(ctx, SUPERVISOR, OPEN_DAY)
    assert r.transfers == (
        TransferRow("service", "ambil", "Passport Pick-up", 1),
        TransferRow("counter", "3", "Loket 3", 2),
        TransferRow("counter", "4", "Loket 4", 1),
        TransferRow("officer", "budi", "Budi Santoso", 1),
    )
    assert r.transferred == 5
    sections = {title: rows for title, _header, rows in table_sections(r)}
    assert ["transfers", 5] in sections["Summary"]
    assert sections["Transfers"][1] == ["counter", "3", "Loket 3", 2]
    assert ["officer", "budi", "Budi Santoso", "1"] in csv.reader(io.StringIO(to_csv(r)))
    data = to_json(r)["transfers"]
    assert data["total"] == 5
    assert data["by_target"][0] == {
        "to": "service",
        "target": "ambil",
        "name": "Passport Pick-up",
        "transfers": 1,
    }
    # Counted on the day of the ticket: none on the next day.
    assert day_report(ctx, SUPERVISOR, OPEN_DAY + dt.timedelta(days=1)).transfers == ()


def test_command_line(
    ctx: QueueContext, clock: FixedClock, settings: Settings, tmp_path, capsys
) -> None:
    seed_day(ctx, clock)
    config = tmp_path / "loket.toml"
    config.write_text(
        f'database_url = "{settings.database_url}"\n[business_day]\npublic_holidays = false\n',
        encoding="utf-8",
    )
    assert report_main(["day", "--date", "2026-12-01", "--format", "json",
                        "--config", str(config)]) == 0  # fmt: skip
    data = json.loads(capsys.readouterr().out)
    assert data["totals"]["served"] == 3 and data["kind"] == "day"
    out = tmp_path / "month.csv"
    code = report_main(["month", "--date", "2026-12", "--format", "csv", "--out", str(out),
                        "--config", str(config)])  # fmt: skip
    assert code == 0
    assert "Month report Dec 2026" in out.read_text(encoding="utf-8-sig")
    assert report_main(["day", "--date", "2026-12", "--config", str(config)]) == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err
