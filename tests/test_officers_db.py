"""Managing officers: only administrators, argon2 hashes, audited, and never without an
active administrator left."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from config.settings import Settings
from db.clock import FixedClock
from db.context import QueueContext
from db.errors import NotAllowed
from db.migrate import open_queue
from db.models import Officer, Role
from db.ops.audit import list_audit, verify_audit
from db.ops.calling import call_next, call_ticket, complete
from db.ops.counters import NotAtThisCounter, close_counter, open_counter
from db.ops.issuing import issue_ticket
from db.ops.officers import (
    AccountInactive,
    AccountLocked,
    InvalidOfficer,
    LastAdmin,
    LoginFailed,
    UnknownOfficer,
    add_officer,
    authenticate,
    list_officers,
    reset_password,
    set_active,
    set_role,
)
from tests.conftest import ADMIN, KIOSK, SUPERVISOR, make_settings

PASSWORD = "rahasia-123"


def test_only_an_administrator_manages_officers(ctx: QueueContext) -> None:
    budi = add_officer(ctx, ADMIN, "budi", "officer", PASSWORD)
    sari = add_officer(ctx, ADMIN, "sari", "supervisor", PASSWORD)
    for who in (budi.actor, sari.actor, SUPERVISOR):
        with pytest.raises(NotAllowed):
            reset_password(ctx, who, budi.id, "another-pass")
        with pytest.raises(NotAllowed):
            set_role(ctx, who, budi.id, "admin")
        with pytest.raises(NotAllowed):
            set_active(ctx, who, budi.id, False)
        with pytest.raises(NotAllowed):
            list_officers(ctx, who)
    assert authenticate(ctx, "budi", PASSWORD).role == Role.OFFICER


def test_reset_password_is_hashed_audited_and_unlocks(ctx: QueueContext) -> None:
    budi = add_officer(ctx, ADMIN, "budi", "officer", PASSWORD)
    for _ in range(5):
        with pytest.raises(LoginFailed):
            authenticate(ctx, "budi", "wrong-password")
    with pytest.raises(AccountLocked):
        authenticate(ctx, "budi", PASSWORD)
    assert list_officers(ctx, ADMIN)[0].locked_until is not None
    with pytest.raises(InvalidOfficer):
        reset_password(ctx, ADMIN, budi.id, "short")
    reset_password(ctx, ADMIN, budi.id, "nieuw-wachtwoord")
    with ctx.db.read() as s:
        stored = s.scalar(select(Officer.password_hash).where(Officer.id == budi.id))
    assert stored is not None and stored.startswith("$argon2") and "nieuw" not in stored
    with pytest.raises(LoginFailed):
        authenticate(ctx, "budi", PASSWORD)
    assert authenticate(ctx, "budi", "nieuw-wachtwoord").id == budi.id
    records = list_audit(ctx, SUPERVISOR, action="reset_password")
    assert [(r.actor, r.target) for r in records] == [("admin-cli", "budi")]
    assert "nieuw" not in records[0].detail
    with pytest.raises(UnknownOfficer):
        reset_password(ctx, ADMIN, 9999, "nieuw-wachtwoord")


def test_role_changes_and_deactivation(ctx: QueueContext) -> None:
    budi = add_officer(ctx, ADMIN, "budi", "officer", PASSWORD)
    assert set_role(ctx, ADMIN, budi.id, "supervisor").role == Role.SUPERVISOR
    assert authenticate(ctx, "budi", PASSWORD).role == Role.SUPERVISOR
    with pytest.raises(InvalidOfficer):
        set_role(ctx, ADMIN, budi.id, "kiosk")
    with pytest.raises(InvalidOfficer):
        set_role(ctx, ADMIN, budi.id, "boss")
    assert set_active(ctx, ADMIN, budi.id, False).active is False
    with pytest.raises(AccountInactive):
        authenticate(ctx, "budi", PASSWORD)
    assert set_active(ctx, ADMIN, budi.id, True).active is True
    assert authenticate(ctx, "budi", PASSWORD).active
    actions = [r.action for r in reversed(list_audit(ctx, ADMIN, actor_name="ADMIN-CLI"))]
    assert actions == [
        "add_officer",
        "set_role",
        "deactivate_officer",
        "reactivate_officer",
    ]
    assert verify_audit(ctx.db).ok


def test_the_last_active_admin_stays(ctx: QueueContext) -> None:
    ana = add_officer(ctx, ADMIN, "ana", "admin", PASSWORD)
    me = ana.actor
    with pytest.raises(LastAdmin, match="yourself"):
        set_active(ctx, me, ana.id, False)
    with pytest.raises(LastAdmin):
        set_role(ctx, me, ana.id, "supervisor")
    rudi = add_officer(ctx, me, "rudi", "officer", PASSWORD)
    rudi = set_role(ctx, me, rudi.id, "admin")
    # With a second active administrator, the first may step down ...
    assert set_role(ctx, me, ana.id, "supervisor").role == Role.SUPERVISOR
    # ... and the second is now the last one.
    with pytest.raises(LastAdmin):
        set_active(ctx, rudi.actor, rudi.id, False)
    # An inactive administrator does not count.
    set_role(ctx, rudi.actor, ana.id, "admin")
    set_active(ctx, rudi.actor, ana.id, False)
    with pytest.raises(LastAdmin):
        set_role(ctx, rudi.actor, rudi.id, "officer")


def test_audit_filters_by_office_day(ctx: QueueContext, clock: FixedClock) -> None:
    add_officer(ctx, ADMIN, "budi", "officer", PASSWORD)
    clock.advance(hours=15, minutes=30)  # 00:30 the next day in Jakarta
    add_officer(ctx, ADMIN, "andi", "officer", PASSWORD)
    today = dt.date(2026, 12, 1)
    first = list_audit(ctx, SUPERVISOR, day=today, action="add_officer")
    second = list_audit(ctx, SUPERVISOR, day=today + dt.timedelta(days=1), action="add_officer")
    assert [r.target for r in first] == ["budi"]
    assert [r.target for r in second] == ["andi"]
    assert len(list_audit(ctx, SUPERVISOR, limit=1)) == 1
    with pytest.raises(NotAllowed):
        list_audit(ctx, authenticate(ctx, "budi", PASSWORD).actor)


def test_counters_may_name_their_officers(db_url: str, clock: FixedClock) -> None:
    counters = Settings().model_dump()["counters"]
    counters[0]["officers"] = ["Budi "]  # counter 1: budi only; the others: everyone
    ctx = open_queue(make_settings(db_url, counters=counters), clock=clock)
    assert ctx.settings.counter(1).officers == ["budi"]
    budi = add_officer(ctx, ADMIN, "budi", "officer", PASSWORD).actor
    andi = add_officer(ctx, ADMIN, "andi", "officer", PASSWORD).actor
    waiting = [issue_ticket(ctx, KIOSK, "baru", "walk_in") for _ in range(3)]
    with pytest.raises(NotAtThisCounter, match="andi may not work at Loket 1"):
        open_counter(ctx, andi, 1)
    with pytest.raises(NotAtThisCounter):
        call_next(ctx, andi, 1)
    assert call_next(ctx, andi, 2).counter == 2  # any other counter
    open_counter(ctx, budi, 1)
    first = call_next(ctx, budi, 1)
    with pytest.raises(NotAtThisCounter):
        call_ticket(ctx, andi, 1, waiting[2].id, "out of order")
    complete(ctx, budi, 1, first.id)
    with pytest.raises(NotAtThisCounter):  # every counter action, closing included
        close_counter(ctx, andi, 1)
    sari = add_officer(ctx, ADMIN, "sari", "supervisor", PASSWORD).actor
    assert close_counter(ctx, sari, 1).state == "closed"  # a supervisor closes any counter
    ctx.db.dispose()
