"""Officers' own kiosk PINs: set by an administrator or by the officer (with their
password), checked at a kiosk with the console login's lock, each attempt audited; who may
sign in is read for the kiosk's PIN screen; what an officer does at the kiosk is checked
against the officers table like everything else."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from config.settings import Channel
from db.clock import FixedClock
from db.context import QueueContext
from db.errors import NotAllowed, QueueError
from db.models import AuditRecord, Officer, PrintJob
from db.ops.issuing import issue_ticket
from db.ops.kiosk_pins import (
    KioskPinWrong,
    hash_kiosk_pin,
    kiosk_sign_in,
    set_kiosk_pin,
    set_own_kiosk_pin,
)
from db.ops.officers import (
    LOCK_MINUTES,
    MAX_FAILED_LOGINS,
    AccountInactive,
    AccountLocked,
    InvalidOfficer,
    LoginFailed,
    OfficerView,
    add_officer,
    authenticate,
    list_officers,
    set_active,
    unlock_logins,
)
from db.ops.printjobs import reprint_at_kiosk
from db.read.booking_search import search_bookings
from db.read.kiosk_officers import KioskOfficer, kiosk_officers
from tests.conftest import ADMIN, KIOSK

PASSWORD = "rahasia-123"
PIN = "2580"


@pytest.fixture
def budi(ctx: QueueContext) -> OfficerView:
    return add_officer(ctx, ADMIN, "budi", "officer", PASSWORD, "Budi Santoso")


@pytest.fixture
def sari(ctx: QueueContext) -> OfficerView:
    return add_officer(ctx, ADMIN, "sari", "supervisor", PASSWORD, "Sari Dewi")


def actions(ctx: QueueContext) -> list[tuple[str, str, str]]:
    with ctx.db.read() as session:
        rows = session.execute(
            select(AuditRecord.actor, AuditRecord.action, AuditRecord.target).order_by(
                AuditRecord.id
            )
        ).all()
    return [tuple(r) for r in rows]  # type: ignore[misc]


def test_a_kiosk_pin_is_four_to_twelve_digits_and_not_an_easy_one() -> None:
    for bad in ("", "123", "12a4", "1234567890123", "1111", "1234", "9876", "0000"):
        with pytest.raises(InvalidOfficer):
            hash_kiosk_pin(bad)
    assert hash_kiosk_pin("2580").startswith("$argon2")
    assert hash_kiosk_pin("135792468024").startswith("$argon2")


def test_the_administrator_sets_and_clears_a_pin_and_the_kiosk_lists_who_has_one(
    ctx: QueueContext, budi: OfficerView, sari: OfficerView
) -> None:
    assert kiosk_officers(ctx) == []
    set_kiosk_pin(ctx, ADMIN, budi.id, PIN)
    set_kiosk_pin(ctx, ADMIN, sari.id, "3691")
    assert kiosk_officers(ctx) == [
        KioskOfficer(budi.id, "budi", "Budi Santoso"),
        KioskOfficer(sari.id, "sari", "Sari Dewi"),
    ]
    with ctx.db.read() as session:
        stored = session.scalar(select(Officer.kiosk_pin_hash).where(Officer.id == budi.id))
    assert stored is not None and PIN not in stored
    set_kiosk_pin(ctx, ADMIN, sari.id, None)
    set_active(ctx, ADMIN, budi.id, False)
    assert kiosk_officers(ctx) == []  # no PIN, or deactivated: not offered
    assert ("admin-cli", "set_kiosk_pin", "budi") in actions(ctx)
    assert ("admin-cli", "clear_kiosk_pin", "sari") in actions(ctx)
    with pytest.raises(NotAllowed):
        set_kiosk_pin(ctx, sari.actor, budi.id, PIN)  # administrators only


def test_an_officer_signs_in_with_their_pin_and_the_audit_names_them(
    ctx: QueueContext, budi: OfficerView
) -> None:
    set_kiosk_pin(ctx, ADMIN, budi.id, PIN)
    signed = kiosk_sign_in(ctx, budi.id, PIN, "kiosk-1", purpose="assisted")
    assert signed == budi
    assert actions(ctx)[-1] == ("budi", "kiosk_sign_in", "budi@kiosk-1")
    # What they do there is theirs, checked against the officers table.
    ticket = issue_ticket(ctx, KIOSK, "baru", Channel.WALK_IN)
    job = reprint_at_kiosk(ctx, signed.actor, ticket.id, "kiosk-1")
    assert job.reprint and job.kiosk_id == "kiosk-1"
    assert actions(ctx)[-1] == ("budi", "reprint", ticket.number)
    with pytest.raises(QueueError, match="not issued at kiosk-2"):
        reprint_at_kiosk(ctx, signed.actor, ticket.id, "kiosk-2")
    set_active(ctx, ADMIN, budi.id, False)
    with pytest.raises(NotAllowed, match="deactivated"):
        reprint_at_kiosk(ctx, signed.actor, ticket.id, "kiosk-1")
    with pytest.raises(NotAllowed, match="deactivated"):
        search_bookings(ctx, signed.actor, "MP261201")
    with ctx.db.read() as session:
        assert len(session.scalars(select(PrintJob)).all()) == 2  # the ticket, one reprint


def test_a_deactivated_officers_pin_is_refused(ctx: QueueContext, budi: OfficerView) -> None:
    set_kiosk_pin(ctx, ADMIN, budi.id, PIN)
    set_active(ctx, ADMIN, budi.id, False)
    with pytest.raises(AccountInactive):
        kiosk_sign_in(ctx, budi.id, PIN, "kiosk-1")
    assert actions(ctx)[-1] == ("budi", "kiosk_sign_in_refused_inactive", "budi@kiosk-1")


def test_wrong_pins_lock_the_officer_at_that_kiosk_until_the_time_is_up(
    ctx: QueueContext, clock: FixedClock, budi: OfficerView, sari: OfficerView
) -> None:
    set_kiosk_pin(ctx, ADMIN, budi.id, PIN)
    left = []
    for _ in range(MAX_FAILED_LOGINS - 1):
        with pytest.raises(KioskPinWrong) as wrong:
            kiosk_sign_in(ctx, budi.id, "9999", "kiosk-1")
        left.append(wrong.value.tries_left)
    assert left == [4, 3, 2, 1]
    with pytest.raises(AccountLocked):
        kiosk_sign_in(ctx, budi.id, "9999", "kiosk-1")
    with pytest.raises(AccountLocked):
        kiosk_sign_in(ctx, budi.id, PIN, "kiosk-1")  # even the right PIN waits
    [row] = [o for o in list_officers(ctx, ADMIN) if o.username == "budi"]
    assert row.locked_until is not None  # the administrator sees it
    assert kiosk_sign_in(ctx, budi.id, PIN, "kiosk-2") == budi  # another kiosk: not locked
    assert authenticate(ctx, "budi", PASSWORD).id == budi.id  # nor the console login
    clock.advance(minutes=LOCK_MINUTES, seconds=1)
    assert kiosk_sign_in(ctx, budi.id, PIN, "kiosk-1") == budi


def test_a_supervisor_or_a_new_pin_lifts_the_lock(
    ctx: QueueContext, budi: OfficerView, sari: OfficerView
) -> None:
    set_kiosk_pin(ctx, ADMIN, budi.id, PIN)
    for _ in range(MAX_FAILED_LOGINS):
        with pytest.raises(LoginFailed):
            kiosk_sign_in(ctx, budi.id, "9999", "kiosk-1")
    unlock_logins(ctx, sari.actor, "budi")
    assert kiosk_sign_in(ctx, budi.id, PIN, "kiosk-1") == budi
    for _ in range(MAX_FAILED_LOGINS):
        with pytest.raises(LoginFailed):
            kiosk_sign_in(ctx, budi.id, "9999", "kiosk-1")
    set_kiosk_pin(ctx, ADMIN, budi.id, "3691")
    assert kiosk_sign_in(ctx, budi.id, "3691", "kiosk-1") == budi


def test_an_officer_sets_their_own_pin_with_their_password(
    ctx: QueueContext, budi: OfficerView
) -> None:
    with pytest.raises(LoginFailed, match="Wrong password"):
        set_own_kiosk_pin(ctx, budi.actor, "not-my-password", PIN, "pc-3")
    assert kiosk_officers(ctx) == []
    assert actions(ctx)[-1] == ("budi", "login_failed", "budi@pc-3")  # counted as a login
    with pytest.raises(InvalidOfficer):
        set_own_kiosk_pin(ctx, budi.actor, PASSWORD, "1111", "pc-3")
    set_own_kiosk_pin(ctx, budi.actor, PASSWORD, PIN, "pc-3")
    assert actions(ctx)[-1] == ("budi", "set_kiosk_pin", "budi")
    assert kiosk_sign_in(ctx, budi.id, PIN, "kiosk-1") == budi
