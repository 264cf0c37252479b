"""Logging in: right, wrong, locked after five wrong passwords; every attempt audited."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from db.clock import FixedClock
from db.context import QueueContext
from db.models import AuditRecord, Officer, Role
from db.ops.officers import (
    LOCK_MINUTES,
    MAX_FAILED_LOGINS,
    AccountLocked,
    LoginFailed,
    OfficerView,
    authenticate,
)
from tests.console.conftest import PASSWORD, WAIT_MS, MakeConsole, child, enter_login


def audit_actions(ctx: QueueContext, actor: str) -> list[str]:
    with ctx.db.read() as s:
        return list(
            s.scalars(
                select(AuditRecord.action)
                .where(AuditRecord.actor == actor)
                .order_by(AuditRecord.id)
            )
        )


def test_authenticate_right_wrong_and_lock(
    ctx: QueueContext, clock: FixedClock, people: dict[str, OfficerView]
) -> None:
    budi = authenticate(ctx, " Budi ", PASSWORD)
    assert budi.username == "budi"
    assert budi.actor.role == Role.OFFICER and budi.actor.officer_id == people["budi"].id
    with pytest.raises(LoginFailed, match="Wrong username or password"):
        authenticate(ctx, "nobody", PASSWORD)
    for _ in range(1, MAX_FAILED_LOGINS):
        with pytest.raises(LoginFailed) as failed:
            authenticate(ctx, "budi", "wrong-password")
        assert not isinstance(failed.value, AccountLocked)
        # The same words as for an unknown name: nothing tells whether "budi" exists.
        assert failed.value.message == "Wrong username or password."
    with pytest.raises(AccountLocked) as locked:
        authenticate(ctx, "budi", "wrong-password")
    assert "locked" in locked.value.message
    # While locked even the right password is refused.
    with pytest.raises(AccountLocked):
        authenticate(ctx, "budi", PASSWORD)
    clock.advance(minutes=LOCK_MINUTES + 1)
    assert authenticate(ctx, "budi", PASSWORD).id == people["budi"].id
    with ctx.db.read() as s:
        row = s.scalar(select(Officer).where(Officer.username == "budi"))
        assert row is not None and row.failed_logins == 0 and row.locked_until is None
    actions = audit_actions(ctx, "budi")
    assert actions == [
        "login",
        *["login_failed"] * MAX_FAILED_LOGINS,
        "account_locked",
        "login_refused_locked",
        "login",
    ]
    assert audit_actions(ctx, "nobody") == ["login_failed"]


def test_success_resets_the_failure_count(
    ctx: QueueContext, people: dict[str, OfficerView]
) -> None:
    for _ in range(MAX_FAILED_LOGINS - 1):
        with pytest.raises(LoginFailed):
            authenticate(ctx, "budi", "nope-nope")
    authenticate(ctx, "budi", PASSWORD)
    with pytest.raises(LoginFailed) as failed:
        authenticate(ctx, "budi", "nope-nope")
    assert not isinstance(failed.value, AccountLocked)


def test_login_screen_right_wrong_locked(
    qtbot: QtBot, ctx: QueueContext, people: dict[str, OfficerView], make_console: MakeConsole
) -> None:
    window = make_console(ctx)
    bar = child(window, QLabel, "messageBar")
    login_bar = window.login.message
    for _ in range(MAX_FAILED_LOGINS - 1):
        enter_login(qtbot, window, "budi", "wrong-password")
        qtbot.waitUntil(lambda: login_bar.kind == "error", timeout=WAIT_MS)
        assert "Wrong username or password" in login_bar.text()
        assert window.stack.currentWidget() is window.login
        login_bar.clear_message()
    enter_login(qtbot, window, "budi", "wrong-password")
    qtbot.waitUntil(lambda: "locked" in login_bar.text(), timeout=WAIT_MS)
    login_bar.clear_message()
    enter_login(qtbot, window, "budi", PASSWORD)
    qtbot.waitUntil(lambda: "locked" in login_bar.text(), timeout=WAIT_MS)
    assert window.stack.currentWidget() is window.login
    assert "Traceback" not in login_bar.text() and not bar.isVisible()
    # Another officer is not affected.
    enter_login(qtbot, window, "andi", PASSWORD)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.picker, timeout=WAIT_MS)
    assert "account_locked" in audit_actions(ctx, "budi")
    assert audit_actions(ctx, "andi") == ["login"]


def test_unknown_names_and_wrong_passwords_are_told_and_held_back_alike(
    ctx: QueueContext, people: dict[str, OfficerView]
) -> None:
    answers = {}
    for name in ("budi", "nobody"):
        messages = []
        for _ in range(MAX_FAILED_LOGINS):
            with pytest.raises(LoginFailed) as failed:
                authenticate(ctx, name, "wrong-password", "pc-7")
            messages.append(failed.value.message)
        answers[name] = [m.split(" until ")[0] for m in messages]
    assert answers["budi"] == answers["nobody"]
    assert "locked" in answers["budi"][-1]


def test_a_lock_holds_at_the_pc_where_it_was_caused_and_a_supervisor_lifts_it(
    ctx: QueueContext, people: dict[str, OfficerView]
) -> None:
    from db.ops.officers import MAX_FAILED_FROM_SOURCE, unlock_logins
    from tests.conftest import SUPERVISOR

    for _ in range(MAX_FAILED_LOGINS):
        with pytest.raises(LoginFailed):
            authenticate(ctx, "budi", "wrong-password", "hall-pc")
    with pytest.raises(AccountLocked):
        authenticate(ctx, "budi", PASSWORD, "hall-pc")
    # The officer's own console is not locked out by someone at another PC.
    assert authenticate(ctx, "budi", PASSWORD, "counter-1").username == "budi"
    with pytest.raises(AccountLocked):
        authenticate(ctx, "budi", PASSWORD, "hall-pc")
    unlock_logins(ctx, SUPERVISOR, "budi")
    assert authenticate(ctx, "budi", PASSWORD, "hall-pc").username == "budi"
    # One password tried across many names from one PC stops there, for every name.
    for i in range(MAX_FAILED_FROM_SOURCE):
        with pytest.raises(LoginFailed):
            authenticate(ctx, f"user{i}", "Password1", "spray-pc")
    with pytest.raises(AccountLocked):
        authenticate(ctx, "andi", PASSWORD, "spray-pc")
    assert authenticate(ctx, "andi", PASSWORD, "counter-2").username == "andi"
