"""The quota is a counter row per day, service and channel: it must count exactly the
tickets ``issued_count`` counts, through cancel and transfer, and start from the tickets a
database already holds when it is upgraded."""

from __future__ import annotations

import datetime as dt

import pytest
from alembic import command
from sqlalchemy import insert, select

from config.settings import Channel
from db.clock import FixedClock
from db.context import QueueContext
from db.engine import Database
from db.errors import QuotaExhausted
from db.migrate import alembic_config, open_queue, upgrade
from db.models import NumberSeries, QuotaCounter, QuotaOverride, Ticket
from db.ops.calling import call_next, cancel, transfer
from db.ops.counters import open_counter
from db.ops.issuing import issue_ticket
from db.read.queue_state import issued_count
from tests.conftest import KIOSK, MORNING, OFFICER, OPEN_DAY, SUPERVISOR, make_settings

pytestmark = pytest.mark.both_databases


def _queue(db_url: str, quotas: dict[str, int]) -> QueueContext:
    data = make_settings(db_url).model_dump()
    for service in data["services"]:
        if service["code"] in quotas:
            service["quota"] = {"walk_in": quotas[service["code"]]}
    return open_queue(make_settings(db_url, services=data["services"]), clock=FixedClock(MORNING))


def _counters(ctx: QueueContext) -> dict[tuple[str, str], int]:
    with ctx.db.read() as s:
        rows = s.execute(
            select(QuotaCounter.service_code, QuotaCounter.channel, QuotaCounter.issued).where(
                QuotaCounter.business_day == OPEN_DAY
            )
        ).all()
    return {(service, channel): issued for service, channel, issued in rows}


def _counted(ctx: QueueContext, service: str) -> int:
    with ctx.db.read() as s:
        return issued_count(s, service, Channel.WALK_IN, OPEN_DAY)


def test_a_cancelled_ticket_gives_its_quota_place_back(db_url: str) -> None:
    ctx = _queue(db_url, {"baru": 2})
    first = issue_ticket(ctx, KIOSK, "baru", "walk_in")
    issue_ticket(ctx, KIOSK, "baru", "walk_in")
    with pytest.raises(QuotaExhausted):
        issue_ticket(ctx, KIOSK, "baru", "walk_in")
    cancel(ctx, SUPERVISOR, first.id, "left the office")
    assert _counters(ctx)[("baru", "walk_in")] == _counted(ctx, "baru") == 1
    issue_ticket(ctx, KIOSK, "baru", "walk_in")
    with pytest.raises(QuotaExhausted):
        issue_ticket(ctx, KIOSK, "baru", "walk_in")
    ctx.db.dispose()


def test_a_transferred_ticket_moves_its_quota_place(db_url: str) -> None:
    ctx = _queue(db_url, {"baru": 1, "ganti": 1})
    ticket = issue_ticket(ctx, KIOSK, "baru", "walk_in")
    transfer(ctx, OFFICER, ticket.id, "ganti", keep_place=True)
    assert _counters(ctx)[("baru", "walk_in")] == _counted(ctx, "baru") == 0
    assert _counters(ctx)[("ganti", "walk_in")] == _counted(ctx, "ganti") == 1
    issue_ticket(ctx, KIOSK, "baru", "walk_in")  # its place in "baru" is free again
    with pytest.raises(QuotaExhausted):
        issue_ticket(ctx, KIOSK, "ganti", "walk_in")
    ctx.db.dispose()


def test_override_tickets_and_refusals_are_not_counted(db_url: str) -> None:
    ctx = _queue(db_url, {"baru": 1})
    issue_ticket(ctx, KIOSK, "baru", "walk_in")
    with pytest.raises(QuotaExhausted):
        issue_ticket(ctx, KIOSK, "baru", "walk_in")
    issue_ticket(ctx, OFFICER, "baru", "walk_in", override_reason="came from Bogor")
    open_counter(ctx, OFFICER, 1)
    call_next(ctx, OFFICER, 1)  # a call does not change what counts
    assert _counters(ctx)[("baru", "walk_in")] == _counted(ctx, "baru") == 1
    ctx.db.dispose()


def _ticket(day: dt.date, seq: int, service: str, status: str, override: str | None) -> dict:
    at = dt.datetime.combine(day, dt.time(2), tzinfo=dt.UTC)
    prefix = {"baru": "A", "ganti": "B"}[service]
    return {
        "business_day": day,
        "prefix": prefix,
        "sequence": seq,
        "number": f"{prefix}-{seq:03d}",
        "token": f"t{day:%d}{prefix}{seq}",
        "service_code": service,
        "channel": "walk_in",
        "status": status,
        "issued_at": at,
        "queued_at": at,
        "recall_count": 0,
        "print_state": "none",
        "override_reason": override,
        "people_ahead_at_issue": 0,
    }


def test_upgrade_fills_the_counters_from_the_tickets_and_overrides(empty_db_url: str) -> None:
    db = Database(empty_db_url)
    config = alembic_config(db)
    with db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0005_audit_seal_nik_key")
    earlier = OPEN_DAY - dt.timedelta(days=1)
    made = dt.datetime.combine(OPEN_DAY, dt.time(1), tzinfo=dt.UTC)
    with db.engine.begin() as connection:
        connection.execute(
            insert(Ticket),
            [
                _ticket(OPEN_DAY, 1, "baru", "waiting", None),
                _ticket(OPEN_DAY, 2, "baru", "done", None),
                _ticket(OPEN_DAY, 3, "baru", "cancelled", None),
                _ticket(OPEN_DAY, 4, "baru", "waiting", "came from Bogor"),
                _ticket(OPEN_DAY, 1, "ganti", "no_show", None),
                _ticket(earlier, 1, "baru", "done", None),
            ],
        )
        connection.execute(
            insert(NumberSeries),
            [
                {"business_day": OPEN_DAY, "prefix": "A", "last_number": 4},
                {"business_day": OPEN_DAY, "prefix": "B", "last_number": 1},
                {"business_day": earlier, "prefix": "A", "last_number": 1},
            ],
        )
        override = {"channel": "walk_in", "reason": "r", "actor": "sari", "created_at": made}
        connection.execute(
            insert(QuotaOverride),
            [
                {"business_day": OPEN_DAY, "service_code": "baru", "quota": 5, **override},
                {"business_day": OPEN_DAY, "service_code": "baru", "quota": 3, **override},
                {"business_day": OPEN_DAY, "service_code": "ambil", "quota": 7, **override},
            ],
        )
    upgrade(db)
    with db.engine.connect() as connection:
        rows = connection.execute(
            select(
                QuotaCounter.business_day,
                QuotaCounter.service_code,
                QuotaCounter.channel,
                QuotaCounter.issued,
                QuotaCounter.quota,
            )
        ).all()
    db.dispose()
    assert sorted(tuple(r) for r in rows) == [
        (earlier, "baru", "walk_in", 1, None),
        (OPEN_DAY, "ambil", "walk_in", 0, 7),
        (OPEN_DAY, "baru", "walk_in", 2, 3),  # the latest override wins
        (OPEN_DAY, "ganti", "walk_in", 1, None),
    ]
    ctx = _queue(empty_db_url, {})
    issue_ticket(ctx, KIOSK, "baru", "walk_in")
    with pytest.raises(QuotaExhausted) as info:
        issue_ticket(ctx, KIOSK, "baru", "walk_in")
    assert info.value.quota == 3
    ctx.db.dispose()
