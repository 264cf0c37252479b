"""The administrator's officers page: only for administrators; add, reset a password,
change a role, deactivate / reactivate; the last administrator cannot step down."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from admin_console.common import console_stylesheet, console_theme
from admin_console.officers import OfficersPage
from admin_console.window import ConsoleWindow
from config.settings import Settings
from db.clock import FixedClock
from db.context import QueueContext
from db.migrate import open_queue
from db.models import Role
from db.ops.officers import (
    AccountInactive,
    LoginFailed,
    OfficerRow,
    OfficerView,
    add_officer,
    authenticate,
)
from tests.conftest import ADMIN, make_settings
from tests.console.conftest import (
    LEFT,
    PASSWORD,
    WAIT_MS,
    MakeConsole,
    button,
    child,
    enter_login,
    log_in,
)
from ui.theme import apply_theme

SHOTS = os.environ.get("LOKET_SHOTS", "")


def shoot(window: ConsoleWindow, page: QWidget, name: str) -> None:
    """With LOKET_SHOTS set: the window at 1920x1080 in the console's look, as a PNG."""
    if not SHOTS:
        return
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    font, sheet = app.font(), app.styleSheet()
    theme = console_theme()
    apply_theme(app, theme)
    app.setStyleSheet(console_stylesheet(theme))
    try:
        window.resize(1920, 1080)
        assert window.work is not None
        window.work.tabs.setCurrentWidget(page)
        QApplication.processEvents()
        window.grab().save(str(Path(SHOTS) / f"{name}.png"))
    finally:
        app.setFont(font)
        app.setStyleSheet(sheet)


def _page(qtbot: QtBot, window: ConsoleWindow) -> OfficersPage:
    page = window.findChild(OfficersPage, "officersPage")
    assert isinstance(page, OfficersPage)
    assert window.work is not None
    window.work.tabs.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.refresher.loads > 0, timeout=WAIT_MS)
    return page


def _edit(window: QWidget, name: str) -> QLineEdit:
    found = child(window, QLineEdit, name)
    assert isinstance(found, QLineEdit)
    return found


def _click(
    qtbot: QtBot, page: OfficersPage, target: QPushButton, shows: Callable[[], bool]
) -> None:
    """Press a button, expect the success message, then the re-read list showing the change
    (a re-read already running when the button was pressed may still show the old list)."""
    page.message.clear_message()
    qtbot.mouseClick(target, LEFT)
    qtbot.waitUntil(lambda: page.message.kind != "", timeout=WAIT_MS)
    assert page.message.kind == "info", page.message.text()
    qtbot.waitUntil(shows, timeout=WAIT_MS)


def _row(page: OfficersPage, username: str) -> OfficerRow:
    return next(o for o in page.rows if o.username == username)


def test_only_an_administrator_sees_the_officers_page(
    qtbot: QtBot, ctx: QueueContext, people: dict[str, OfficerView], make_console: MakeConsole
) -> None:
    window = make_console(ctx)
    log_in(qtbot, window, "sari", counter=None)
    assert window.findChild(QWidget, "officersPage") is None
    assert window.findChild(QWidget, "auditPage") is not None


@pytest.fixture
def admin(ctx: QueueContext, people: dict[str, OfficerView]) -> OfficerView:
    return add_officer(ctx, ADMIN, "ana", "admin", PASSWORD, "Ana Kusuma")


def test_add_reset_role_deactivate_by_clicks(
    qtbot: QtBot,
    ctx: QueueContext,
    admin: OfficerView,
    make_console: MakeConsole,
) -> None:
    window = make_console(ctx)
    log_in(qtbot, window, "ana", counter=None)
    page = _page(qtbot, window)
    assert [o.username for o in page.rows] == ["ana", "andi", "budi", "sari"]

    # Add.
    _edit(window, "newUsername").setText("dewi")
    _edit(window, "newDisplayName").setText("Dewi Lestari")
    role = child(window, QComboBox, "newRole")
    assert isinstance(role, QComboBox)
    role.setCurrentIndex(role.findData("supervisor"))
    qtbot.keyClicks(_edit(window, "newPassword"), "dewi-pass-1")
    _click(
        qtbot,
        page,
        button(window, "addOfficerButton"),
        lambda: any(o.username == "dewi" for o in page.rows),
    )
    assert "dewi" in page.message.text()
    assert authenticate(ctx, "dewi", "dewi-pass-1").role == Role.SUPERVISOR

    # Reset budi's password.
    page.select("budi")
    assert "Budi Santoso" in page.chosen.text()
    qtbot.keyClicks(_edit(window, "resetPassword"), "baru-sekali")
    _click(qtbot, page, button(window, "resetPasswordButton"), lambda: True)
    with pytest.raises(LoginFailed):
        authenticate(ctx, "budi", PASSWORD)
    assert authenticate(ctx, "budi", "baru-sekali").id

    # Make budi a supervisor.
    box = child(window, QComboBox, "roleChoice")
    assert isinstance(box, QComboBox)
    box.setCurrentIndex(box.findData("supervisor"))
    _click(
        qtbot,
        page,
        button(window, "setRoleButton"),
        lambda: _row(page, "budi").role == Role.SUPERVISOR,
    )

    # Deactivate andi, then bring him back.
    page.select("andi")
    assert page.deactivate_button.isVisible() and not page.reactivate_button.isVisible()
    _click(qtbot, page, page.deactivate_button, lambda: not _row(page, "andi").active)
    assert page.table.item(page.table.currentRow(), 4).text() == "deactivated"
    assert page.reactivate_button.isVisible() and not page.deactivate_button.isVisible()
    with pytest.raises(AccountInactive):
        authenticate(ctx, "andi", PASSWORD)
    shoot(window, page, "console-officers")
    _click(qtbot, page, page.reactivate_button, lambda: _row(page, "andi").active)
    assert authenticate(ctx, "andi", PASSWORD).active


def test_the_last_admin_cannot_deactivate_themself(
    qtbot: QtBot, ctx: QueueContext, admin: OfficerView, make_console: MakeConsole
) -> None:
    window = make_console(ctx)
    log_in(qtbot, window, "ana", counter=None)
    page = _page(qtbot, window)
    page.select("ana")
    qtbot.mouseClick(page.deactivate_button, LEFT)
    qtbot.waitUntil(lambda: page.message.kind == "error", timeout=WAIT_MS)
    assert "last active administrator" in page.message.text()
    box = child(window, QComboBox, "roleChoice")
    assert isinstance(box, QComboBox)
    box.setCurrentIndex(box.findData("officer"))
    page.message.clear_message()
    qtbot.mouseClick(button(window, "setRoleButton"), LEFT)
    qtbot.waitUntil(lambda: page.message.kind == "error", timeout=WAIT_MS)
    assert "yourself" in page.message.text()
    assert authenticate(ctx, "ana", PASSWORD).role == Role.ADMIN
    # A too-short password is refused with a sentence, not a crash.
    page.select("budi")
    page.message.clear_message()
    qtbot.keyClicks(_edit(window, "resetPassword"), "short")
    qtbot.mouseClick(button(window, "resetPasswordButton"), LEFT)
    qtbot.waitUntil(lambda: page.message.kind == "error", timeout=WAIT_MS)
    assert "at least 8" in page.message.text()


def test_the_picker_offers_only_the_counters_an_officer_may_use(
    qtbot: QtBot,
    db_url: str,
    clock: FixedClock,
    people: dict[str, OfficerView],
    make_console: MakeConsole,
) -> None:
    counters = Settings().model_dump()["counters"]
    counters[0]["officers"] = ["budi"]
    restricted = open_queue(make_settings(db_url, counters=counters), clock=clock)
    try:
        window = make_console(restricted)
        enter_login(qtbot, window, "andi", PASSWORD)
        qtbot.waitUntil(lambda: set(window.picker.buttons) == {2, 3, 4, 5}, timeout=WAIT_MS)
        window.logout()
        log_in(qtbot, window, "budi", counter=1)
        assert window.counter == 1
    finally:
        restricted.db.dispose()
