"""The administrator's officers page: only for administrators; add, reset a password,
set or remove a kiosk PIN, change a role, deactivate / reactivate; the last administrator
cannot step down. Every officer sets their own kiosk PIN with their password."""

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
from db.ops.kiosk_pins import KioskPinWrong, kiosk_sign_in
from db.ops.officers import (
    AccountInactive,
    LoginFailed,
    OfficerRow,
    OfficerView,
    add_officer,
    authenticate,
)
from db.read.kiosk_officers import kiosk_officers
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


def test_the_administrator_sets_and_removes_a_kiosk_pin_by_clicks(
    qtbot: QtBot, ctx: QueueContext, admin: OfficerView, make_console: MakeConsole
) -> None:
    window = make_console(ctx)
    log_in(qtbot, window, "ana", counter=None)
    page = _page(qtbot, window)
    page.select("budi")
    assert page.table.item(page.table.currentRow(), 5).text() == "–"
    assert not page.clear_pin_button.isEnabled()
    pin = _edit(window, "kioskPin")
    qtbot.keyClicks(pin, "25x80")
    assert pin.text() == "2580"  # digits only
    _click(
        qtbot,
        page,
        button(window, "setKioskPinButton"),
        lambda: _row(page, "budi").has_kiosk_pin,
    )
    assert "budi" in page.message.text() and pin.text() == ""
    assert page.table.item(page.table.currentRow(), 5).text() == "set"
    budi = _row(page, "budi")
    assert kiosk_sign_in(ctx, budi.id, "2580", "kiosk-1").username == "budi"
    assert [o.username for o in kiosk_officers(ctx)] == ["budi"]
    shoot(window, page, "console-officers-kiosk-pin")
    # A PIN too easy to guess is refused with a sentence.
    page.message.clear_message()
    qtbot.keyClicks(pin, "1234")
    qtbot.mouseClick(button(window, "setKioskPinButton"), LEFT)
    qtbot.waitUntil(lambda: page.message.kind == "error", timeout=WAIT_MS)
    assert "too easy" in page.message.text()
    assert page.clear_pin_button.isEnabled()
    _click(qtbot, page, page.clear_pin_button, lambda: not _row(page, "budi").has_kiosk_pin)
    assert kiosk_officers(ctx) == []
    with pytest.raises(KioskPinWrong):
        kiosk_sign_in(ctx, budi.id, "2580", "kiosk-1")


def test_an_officer_sets_their_own_kiosk_pin_with_their_password(
    qtbot: QtBot, ctx: QueueContext, people: dict[str, OfficerView], make_console: MakeConsole
) -> None:
    window = make_console(ctx)
    log_in(qtbot, window, "budi", counter=1)
    qtbot.mouseClick(button(window, "kioskPinButton"), LEFT)
    dialog = window.kiosk_pin_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT_MS)
    qtbot.keyClicks(_edit(dialog, "ownKioskPin"), "3691")
    qtbot.keyClicks(_edit(dialog, "ownKioskPinAgain"), "3619")
    qtbot.keyClicks(_edit(dialog, "ownPassword"), PASSWORD)
    qtbot.mouseClick(button(dialog, "kioskPinOk"), LEFT)
    assert dialog.error.text() == "The two PINs are not the same." and dialog.isVisible()
    _edit(dialog, "ownKioskPinAgain").setText("3691")
    qtbot.keyClicks(_edit(dialog, "ownPassword"), "not-my-password")
    qtbot.mouseClick(button(dialog, "kioskPinOk"), LEFT)
    qtbot.waitUntil(lambda: dialog.error.isVisible() and not dialog.busy, timeout=WAIT_MS)
    assert "Wrong password" in dialog.error.text() and dialog.isVisible()
    assert kiosk_officers(ctx) == []
    qtbot.keyClicks(_edit(dialog, "ownPassword"), PASSWORD)
    qtbot.mouseClick(button(dialog, "kioskPinOk"), LEFT)
    qtbot.waitUntil(lambda: window.kiosk_pin_dialog is None, timeout=WAIT_MS)
    assert window.message.text() == "Your kiosk PIN is set."
    budi = people["budi"]
    assert kiosk_sign_in(ctx, budi.id, "3691", "kiosk-1") == budi


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
