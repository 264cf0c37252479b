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
    for attempt in range(1, MAX_FAILED_LOGINS):
        with pytest.raises(LoginFailed) as failed:
            authenticate(ctx, "budi", "wrong-password")
        assert not isinstance(failed.value, AccountLocked)
        assert f"{MAX_FAILED_LOGINS - attempt} attempt" in failed.value.message
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
