"""A supervisor's changes to today and the next days (db/ops/day_overrides.py), over the
settings: who may make them, the audit record of each, no change to a day that has passed,
and what each one changes at once: issuing (office closed with its reason, walk-in or not,
a service closed), check-in, "call next" (a counter's services today), the estimate; the
change notification names the kind "days"; the upgrade from 0006 makes the table."""

from __future__ import annotations

import datetime as dt
import select as selector
import time
from typing import Any

import pytest
from alembic import command
from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError

from config.settings import Channel
from db.changes import Change, PostgresChangeListener, change_of
from db.clock import FixedClock
from db.context import Actor, QueueContext
from db.engine import Database
from db.errors import (
    CheckInRejected,
    NoServices,
    NotAllowed,
    OfficeClosed,
    PastDay,
    ReasonRequired,
    RejectReason,
    ServiceClosed,
    UnknownCounter,
    UnknownService,
    WalkInClosed,
    WrongCounter,
)
from db.migrate import alembic_config, current_revision, head_revision, open_queue, upgrade
from db.models import (
    AuditRecord,
    DayOverride,
    DayOverrideKind,
    NumberSeries,
    QuotaCounter,
    Role,
    Ticket,
)
from db.ops import day_overrides as days
from db.ops.booking_failure import issue_booking_failure_ticket
from db.ops.calling import call_next, call_ticket
from db.ops.checkin import check_in_booking
from db.ops.counters import open_counter
from db.ops.importer import import_bookings
from db.ops.issuing import issue_ticket
from db.read.day_overrides import day_state, days_ahead
from db.read.estimate import counters_for, estimate_for_new_ticket, new_ticket_waits
from tests.conftest import (
    ADMIN,
    JAKARTA,
    KIOSK,
    MORNING,
    OFFICER,
    OPEN_DAY,
    SUPERVISOR,
    booking_sample,
    make_settings,
)

BOTH = pytest.mark.both_databases

TODAY = OPEN_DAY  # Tuesday 1 December 2026
TOMORROW = TODAY + dt.timedelta(days=1)
THURSDAY = TODAY + dt.timedelta(days=2)


def rows(ctx: QueueContext) -> list[tuple[Any, ...]]:
    with ctx.db.read() as s:
        return [
            (r.business_day, r.kind, r.service_code, r.counter_number, r.value, r.created_by)
            for r in s.scalars(select(DayOverride).order_by(DayOverride.id))
        ]


def audits(ctx: QueueContext) -> list[tuple[str, str, str, str]]:
    with ctx.db.read() as s:
        return [
            (a.actor, a.action, a.target, a.detail)
            for a in s.scalars(select(AuditRecord).order_by(AuditRecord.id))
            if a.action not in ("issue_ticket", "call", "counter_open", "import_bookings")
        ]


def tickets(ctx: QueueContext) -> int:
    with ctx.db.read() as s:
        return len(s.scalars(select(Ticket.id)).all())


# -- who, when, audited ------------------------------------------------------------------


@BOTH
@pytest.mark.parametrize("actor", [KIOSK, OFFICER], ids=["kiosk", "officer"])
def test_only_supervisors_and_administrators_change_a_day(ctx: QueueContext, actor: Actor) -> None:
    for change in (
        lambda: days.close_day(ctx, actor, TODAY, "banjir"),
        lambda: days.close_service(ctx, actor, TODAY, "baru"),
        lambda: days.set_walk_in_day(ctx, actor, TODAY, False),
        lambda: days.set_counter_services(ctx, actor, TODAY, 4, ["baru"]),
        lambda: days.clear_override(ctx, actor, TODAY, "closed"),
    ):
        with pytest.raises(NotAllowed, match="may not manage days"):
            change()
    assert rows(ctx) == [] and audits(ctx) == []
    days.close_day(ctx, ADMIN, TODAY, "banjir")  # the administrator's command line may
    days.close_service(ctx, SUPERVISOR, TOMORROW, "baru")
    assert [r[1] for r in rows(ctx)] == ["closed", "service_closed"]


@BOTH
def test_a_deactivated_supervisor_is_refused_inside_the_change(ctx: QueueContext) -> None:
    from db.ops.officers import add_officer, set_active

    sari = add_officer(ctx, ADMIN, "sari", "supervisor", "rahasia-123").actor
    days.close_service(ctx, sari, TODAY, "ambil")
    set_active(ctx, ADMIN, sari.officer_id, False)
    with pytest.raises(NotAllowed, match="deactivated"):
        days.reopen_service(ctx, sari, TODAY, "ambil")
    assert [r[2] for r in rows(ctx)] == ["ambil"]  # still closed


@BOTH
def test_every_change_is_audited_with_who_what_and_the_day(ctx: QueueContext) -> None:
    days.close_day(ctx, SUPERVISOR, THURSDAY, "  Pemadaman   listrik ")
    days.close_service(ctx, SUPERVISOR, TODAY, "ambil", "printer rusak")
    days.set_counter_services(ctx, SUPERVISOR, TODAY, 4, ["info", "baru"])
    days.set_walk_in_day(ctx, SUPERVISOR, TOMORROW, False)
    days.reopen_day(ctx, SUPERVISOR, THURSDAY)
    found = audits(ctx)
    assert [(a[0], a[1], a[2]) for a in found] == [
        ("sari", "close_day", "2026-12-03"),
        ("sari", "close_service", "2026-12-01 ambil"),
        ("sari", "set_counter_services", "2026-12-01 counter 4"),
        ("sari", "set_walk_in_day", "2026-12-02"),
        ("sari", "reopen_day", "2026-12-03"),
    ]
    assert '"reason": "Pemadaman listrik"' in found[0][3]
    assert '"services": ["baru", "info"]' in found[2][3]  # in the settings' order
    assert rows(ctx) == [
        (TODAY, "service_closed", "ambil", None, "printer rusak", "sari"),
        (TODAY, "counter_services", None, 4, "baru,info", "sari"),
        (TOMORROW, "walk_in_day", None, None, "no", "sari"),
    ]


@BOTH
def test_a_day_that_has_passed_cannot_be_changed(ctx: QueueContext) -> None:
    yesterday = TODAY - dt.timedelta(days=1)
    for change in (
        lambda: days.close_day(ctx, SUPERVISOR, yesterday, "banjir"),
        lambda: days.close_service(ctx, SUPERVISOR, yesterday, "baru"),
        lambda: days.set_walk_in_day(ctx, SUPERVISOR, yesterday, False),
        lambda: days.set_counter_services(ctx, SUPERVISOR, yesterday, 1, ["baru"]),
        lambda: days.clear_override(ctx, SUPERVISOR, yesterday, "walk_in_day"),
    ):
        with pytest.raises(PastDay) as refused:
            change()
        assert refused.value.message == (
            "30-11-2026 has passed: only today (01-12-2026) and later days can be changed."
        )
    assert rows(ctx) == [] and audits(ctx) == []


@BOTH
def test_what_a_change_needs(ctx: QueueContext) -> None:
    with pytest.raises(ReasonRequired, match="needs a reason"):
        days.close_day(ctx, SUPERVISOR, TODAY, "   ")
    with pytest.raises(UnknownService, match="'paspor'"):
        days.close_service(ctx, SUPERVISOR, TODAY, "paspor")
    with pytest.raises(UnknownService, match="'paspor'"):
        days.set_counter_services(ctx, SUPERVISOR, TODAY, 1, ["baru", "paspor"])
    with pytest.raises(NoServices, match="at least one service"):
        days.set_counter_services(ctx, SUPERVISOR, TODAY, 1, [])
    with pytest.raises(UnknownCounter):
        days.set_counter_services(ctx, SUPERVISOR, TODAY, 9, ["baru"])
    assert rows(ctx) == [] and audits(ctx) == []


@BOTH
def test_the_settings_value_clears_the_change_and_a_second_change_replaces_the_first(
    ctx: QueueContext, clock: FixedClock
) -> None:
    days.set_walk_in_day(ctx, SUPERVISOR, TOMORROW, False)
    assert [r[4] for r in rows(ctx)] == ["no"]
    days.set_walk_in_day(ctx, SUPERVISOR, TOMORROW, True)  # Wednesday is one anyway
    assert rows(ctx) == []
    days.set_counter_services(ctx, SUPERVISOR, TODAY, 1, ["ambil"])
    clock.advance(minutes=5)
    days.set_counter_services(ctx, ADMIN, TODAY, 1, ["info", "ambil"])
    assert rows(ctx) == [(TODAY, "counter_services", None, 1, "ambil,info", ADMIN.name)]
    days.set_counter_services(ctx, SUPERVISOR, TODAY, 1, ["ganti", "baru"])  # as configured
    assert rows(ctx) == []
    assert day_state(ctx).counter_services[1] == ("baru", "ganti")


# -- in force at once ----------------------------------------------------------------------


@BOTH
def test_a_closed_service_takes_no_new_ticket_until_reopened(ctx: QueueContext) -> None:
    days.close_service(ctx, SUPERVISOR, TODAY, "baru", "printer paspor rusak")
    for channel, reason in (("walk_in", None), ("priority", "elderly"), ("vip", None)):
        with pytest.raises(ServiceClosed, match="New Passport is closed for the rest of today"):
            issue_ticket(ctx, KIOSK, "baru", channel, reason=reason)
    with pytest.raises(ServiceClosed):  # staff overriding the quota do not open it either
        issue_ticket(ctx, OFFICER, "baru", "walk_in", override_reason="came from Bogor")
    with pytest.raises(ServiceClosed):
        issue_booking_failure_ticket(ctx, OFFICER, "baru", "gagal 3 minggu")
    assert tickets(ctx) == 0
    with ctx.db.read() as s:  # no number and no quota place was taken
        assert s.scalars(select(NumberSeries)).all() == []
        assert s.scalars(select(QuotaCounter)).all() == []
    assert issue_ticket(ctx, KIOSK, "ganti", "walk_in").number == "B-001"  # the others issue
    days.close_service(ctx, SUPERVISOR, TOMORROW, "ganti")  # tomorrow's closure: not today
    assert issue_ticket(ctx, KIOSK, "ganti", "walk_in").number == "B-002"
    days.reopen_service(ctx, SUPERVISOR, TODAY, "baru")
    assert issue_ticket(ctx, KIOSK, "baru", "walk_in").number == "A-001"


@BOTH
def test_the_office_closed_by_a_supervisor_refuses_with_the_reason(ctx: QueueContext) -> None:
    import_bookings(ctx, SUPERVISOR, booking_sample("antrean_JKS_20261201.csv"))
    days.close_day(ctx, SUPERVISOR, TODAY, "Pemadaman listrik di gedung")
    days.close_day(ctx, SUPERVISOR, TOMORROW, "Pemadaman listrik di gedung")
    with pytest.raises(OfficeClosed) as refused:
        issue_ticket(ctx, KIOSK, "baru", "priority", reason="elderly")
    assert refused.value.notice == "Pemadaman listrik di gedung"
    assert "closed today (closed: Pemadaman listrik di gedung)" in refused.value.message
    # The next opening skips tomorrow, closed too: Thursday at 08:00.
    assert refused.value.next_opening == dt.datetime(2026, 12, 3, 8, 0, tzinfo=JAKARTA)
    with pytest.raises(CheckInRejected) as rejected:
        check_in_booking(ctx, KIOSK, "MP261201JKS00001")
    assert rejected.value.reason == RejectReason.OFFICE_CLOSED
    assert rejected.value.notice == "Pemadaman listrik di gedung"
    assert tickets(ctx) == 0
    days.clear_override(ctx, SUPERVISOR, TODAY, DayOverrideKind.CLOSED)
    assert check_in_booking(ctx, KIOSK, "MP261201JKS00001").number == "A-001"
    state = days_ahead(ctx, 2)
    assert [s.open for s in state] == [True, False, True]
    assert state[1].info.notice == "Pemadaman listrik di gedung"


@BOTH
def test_walk_in_day_changed_either_way(db_url: str, clock: FixedClock) -> None:
    # Walk-in on Mondays and Wednesdays only: Tuesday is not a walk-in day by the settings.
    ctx = open_queue(make_settings(db_url, walk_in_days=["mon", "wed"]), clock=clock)
    try:
        with pytest.raises(WalkInClosed):
            issue_ticket(ctx, KIOSK, "baru", "walk_in")
        days.set_walk_in_day(ctx, SUPERVISOR, TODAY, True)
        assert issue_ticket(ctx, KIOSK, "baru", "walk_in").number == "A-001"
        days.set_walk_in_day(ctx, SUPERVISOR, TOMORROW, False)
        days.set_walk_in_day(ctx, SUPERVISOR, TODAY, False)  # the settings again: no row
        with pytest.raises(WalkInClosed) as refused:
            issue_ticket(ctx, KIOSK, "baru", "walk_in")
        # The next walk-in day is not tomorrow (changed) but next Monday.
        assert refused.value.next_opening == dt.datetime(2026, 12, 7, 8, 0, tzinfo=JAKARTA)
        assert issue_ticket(ctx, KIOSK, "baru", "priority", reason="elderly").number == "A-002"
        assert [s.walk_in for s in days_ahead(ctx, 2)] == [False, False, False]
    finally:
        ctx.db.dispose()


@BOTH
def test_a_counters_services_today_decide_what_it_calls(ctx: QueueContext) -> None:
    pick_up = issue_ticket(ctx, KIOSK, "ambil", "walk_in")
    new = issue_ticket(ctx, KIOSK, "baru", "walk_in")
    open_counter(ctx, OFFICER, 4)  # counter 4: pick-up and information
    days.set_counter_services(ctx, SUPERVISOR, TOMORROW, 4, ["ganti"])  # not today's
    days.set_counter_services(ctx, SUPERVISOR, TODAY, 4, ["baru"])
    with pytest.raises(WrongCounter, match="does not serve C-001's service today"):
        call_ticket(ctx, OFFICER, 4, pick_up.id, "asked")
    assert call_next(ctx, OFFICER, 4).number == new.number  # the earlier pick-up waits
    assert day_state(ctx, TOMORROW).counter_services[4] == ("ganti",)


@BOTH
def test_the_estimate_follows_the_counters_services_today(ctx: QueueContext) -> None:
    info = ctx.settings.service("info")
    baru = ctx.settings.service("baru")
    now = MORNING
    with ctx.db.read() as s:
        assert estimate_for_new_ticket(s, ctx, info, Channel.WALK_IN, now)[1] is not None
        assert counters_for(s, ctx, baru, Channel.WALK_IN) == 3  # counters 1-3
    # Counter 4 (the only walk-in counter for information) calls New Passport today.
    days.set_counter_services(ctx, SUPERVISOR, TODAY, 4, ["baru"])
    with ctx.db.read() as s:
        assert estimate_for_new_ticket(s, ctx, info, Channel.WALK_IN, now) == (0, None)
        assert counters_for(s, ctx, baru, Channel.WALK_IN) == 4
        waits = new_ticket_waits(s, ctx, now, [(info, Channel.WALK_IN), (baru, Channel.WALK_IN)])
    assert waits[("info", Channel.WALK_IN)] is None
    assert waits[("baru", Channel.WALK_IN)] is not None


# -- storage and notification ----------------------------------------------------------------


@BOTH
def test_one_change_per_day_and_kind_and_the_right_target(ctx: QueueContext) -> None:
    at = MORNING
    base = {"business_day": TODAY, "value": "x", "created_by": "sari", "created_at": at}
    with ctx.db.engine.begin() as conn:
        conn.execute(insert(DayOverride), {**base, "kind": "closed"})
        conn.execute(insert(DayOverride), {**base, "kind": "service_closed", "service_code": "a"})
        conn.execute(insert(DayOverride), {**base, "kind": "service_closed", "service_code": "b"})
    for extra in (
        {"kind": "closed"},  # a second closure of the same day
        {"kind": "service_closed", "service_code": "a"},
        {"kind": "service_closed"},  # which service?
        {"kind": "counter_services", "service_code": "a"},  # a counter, not a service
    ):
        with pytest.raises(IntegrityError), ctx.db.engine.begin() as conn:
            conn.execute(insert(DayOverride), {**base, **extra})


@BOTH
def test_a_change_is_recorded_as_the_kind_days_of_its_day(ctx: QueueContext) -> None:
    with ctx.db.write() as session:
        session.add(
            DayOverride(
                business_day=TOMORROW,
                kind="closed",
                value="banjir",
                created_by="sari",
                created_at=MORNING,
            )
        )
        assert change_of(session) == Change(frozenset({TOMORROW}), frozenset({"days"}))


@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
def test_the_notification_of_a_change_says_days(ctx: QueueContext) -> None:
    listener = PostgresChangeListener(ctx.settings.database_url)
    listener.connect()
    try:
        days.close_service(ctx, SUPERVISOR, TODAY, "baru")
        got = None
        deadline = time.monotonic() + 5
        while got is None and time.monotonic() < deadline:
            selector.select([listener.fileno()], [], [], 0.2)
            got = listener.drain()
        assert got is not None and got.kinds is not None and got.days is not None
        assert "days" in got.kinds and TODAY in got.days
        assert got.touches(("days",)) and not got.touches(("calls",))
    finally:
        listener.close()


@BOTH
def test_upgrade_from_0006_makes_the_table(empty_db_url: str) -> None:
    db_url = empty_db_url
    db = Database(db_url)
    try:
        config = alembic_config(db)
        with db.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "0006_quota_counters")
        assert current_revision(db) == "0006_quota_counters"
        assert upgrade(db) == ("0006_quota_counters", head_revision())
    finally:
        db.dispose()
    ctx = open_queue(make_settings(db_url), clock=FixedClock(MORNING))
    try:
        days.close_service(ctx, SUPERVISOR, TODAY, "baru")
        with pytest.raises(ServiceClosed):
            issue_ticket(ctx, KIOSK, "baru", "walk_in")
    finally:
        ctx.db.dispose()


@BOTH
def test_the_change_is_kept_with_an_administrator_account_too(ctx: QueueContext) -> None:
    from db.ops.officers import add_officer

    ana = add_officer(ctx, ADMIN, "ana", "admin", "rahasia-123").actor
    assert ana.role == Role.ADMIN
    days.close_day(ctx, ana, TOMORROW, "Rapat kerja")
    assert rows(ctx) == [(TOMORROW, "closed", None, None, "Rapat kerja", "ana")]
