"""The supervisor's days page: today and the next 14 days as they stand, changed by
clicks (walk-in, the office closed with a reason, a service closed for the rest of today
and reopened, a counter's services today); each change is in force for issuing and
calling at once. Officers have no such page."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QTableWidget, QWidget
from pytestqt.qtbot import QtBot

from admin_console.days_page import DaysPage
from admin_console.window import ConsoleWindow
from db.context import QueueContext
from db.errors import NotAllowed, ServiceClosed
from db.ops.audit import list_audit
from db.ops.calling import call_next
from db.ops.day_overrides import close_day, close_service, set_counter_services, set_walk_in_day
from db.ops.issuing import issue_ticket
from db.ops.officers import OfficerView
from db.read.day_overrides import day_state
from tests.conftest import KIOSK, OPEN_DAY
from tests.console.conftest import LEFT, WAIT_MS, MakeConsole, button, child, log_in
from tests.console.test_language import untranslated
from tests.console.test_officers import shoot

TOMORROW = OPEN_DAY + dt.timedelta(days=1)
SATURDAY = OPEN_DAY + dt.timedelta(days=4)


def _page(qtbot: QtBot, window: ConsoleWindow) -> DaysPage:
    page = window.findChild(DaysPage, "daysPage")
    assert isinstance(page, DaysPage)
    assert window.work is not None
    window.work.tabs.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.refresher.loads > 0, timeout=WAIT_MS)
    return page


def _cell(page: DaysPage, row: int, column: int) -> str:
    item = page.table.item(row, column)
    return item.text() if item is not None else ""


def _click(qtbot: QtBot, page: DaysPage, name: str, shows: object) -> None:
    """Press a button, expect the success message, then the re-read table showing the
    change (a re-read already running may still show the old table)."""
    page.message.clear_message()
    qtbot.mouseClick(button(page, name), LEFT)
    qtbot.waitUntil(lambda: page.message.kind != "", timeout=WAIT_MS)
    assert page.message.kind == "info", page.message.text()
    qtbot.waitUntil(shows, timeout=WAIT_MS)  # type: ignore[arg-type]


def _combo(page: QWidget, name: str, data: object) -> None:
    box = child(page, QComboBox, name)
    assert isinstance(box, QComboBox)
    box.setCurrentIndex(box.findData(data))


def test_an_officer_has_no_days_page_and_may_not_change_a_day(
    qtbot: QtBot, ctx: QueueContext, people: dict[str, OfficerView], make_console: MakeConsole
) -> None:
    window = make_console(ctx)
    log_in(qtbot, window, "budi", counter=1)
    assert window.findChild(QWidget, "daysPage") is None
    with pytest.raises(NotAllowed):
        close_day(ctx, people["budi"].actor, OPEN_DAY, "banjir")
    assert day_state(ctx).open


def test_two_weeks_changed_by_clicks_are_in_force_at_once(
    qtbot: QtBot, ctx: QueueContext, people: dict[str, OfficerView], make_console: MakeConsole
) -> None:
    window = make_console(ctx)
    log_in(qtbot, window, "sari", counter=None)
    page = _page(qtbot, window)
    table = child(page, QTableWidget, "daysTable")
    assert table.rowCount() == 15
    assert _cell(page, 0, 0) == "Tuesday 1 December 2026 (today)"
    assert _cell(page, 0, 1) == "open 08:00-16:00"
    assert _cell(page, 4, 1) == "closed (no opening hours)"  # Saturday
    assert [_cell(page, r, 2) for r in (0, 4)] == ["yes", "no"]
    assert _cell(page, 14, 0) == "Tuesday 15 December 2026"

    # Tomorrow: closed with a reason, then not a walk-in day.
    page.table.selectRow(1)
    assert page.day_title.text() == "Selected day: Wednesday 2 December 2026"
    reason = child(page, QLineEdit, "closeDayReason")
    assert isinstance(reason, QLineEdit)
    reason.setText("Banjir di jalan masuk")
    _click(qtbot, page, "closeDayButton", lambda: _cell(page, 1, 1) != "open 08:00-16:00")
    assert _cell(page, 1, 1) == "closed: Banjir di jalan masuk"
    assert _cell(page, 1, 5).startswith("sari, 01-12 09:00")
    assert not button(page, "closeDayButton").isEnabled()
    assert day_state(ctx, TOMORROW).info.notice == "Banjir di jalan masuk"
    _click(qtbot, page, "walkInButton", lambda: _cell(page, 1, 2) == "no (changed)")
    assert button(page, "walkInButton").text() == "Make it a walk-in day"
    _click(qtbot, page, "reopenDayButton", lambda: _cell(page, 1, 1) == "open 08:00-16:00")

    # Saturday: a walk-in day (the office keeps its hours; the day is only marked).
    page.table.selectRow(4)
    _click(qtbot, page, "walkInButton", lambda: _cell(page, 4, 2) == "yes (changed)")

    # Today: Passport Pick-up closed for the rest of the day, then reopened.
    _combo(page, "dayService", "ambil")
    _click(qtbot, page, "closeServiceButton", lambda: _cell(page, 0, 3) == "Passport Pick-up")
    with pytest.raises(ServiceClosed):
        issue_ticket(ctx, KIOSK, "ambil", "walk_in")
    assert button(page, "reopenServiceButton").isEnabled()
    _click(qtbot, page, "reopenServiceButton", lambda: _cell(page, 0, 3) == "—")
    assert issue_ticket(ctx, KIOSK, "ambil", "walk_in").number == "C-001"

    # Counter 4 calls New Passport only today.
    baru = issue_ticket(ctx, KIOSK, "baru", "walk_in")
    _combo(page, "dayCounter", 4)
    boxes = {code: child(page, QCheckBox, f"counterService_{code}") for code in ("baru", "ambil")}
    assert [b.isChecked() for b in boxes.values()] == [False, True]  # 4: ambil, info
    for box in page.counter_services.values():
        box.setChecked(False)
    boxes["baru"].setChecked(True)
    _click(
        qtbot,
        page,
        "setCounterServicesButton",
        lambda: _cell(page, 0, 4) == "Loket 4: New Passport",
    )
    assert page.counter_state.text() == "Changed for today."
    counter_4 = people["budi"].actor
    from db.ops.counters import open_counter

    open_counter(ctx, counter_4, 4)
    assert call_next(ctx, counter_4, 4).number == baru.number

    actions = [r.action for r in list_audit(ctx, people["sari"].actor)]
    for action in ("close_day", "set_walk_in_day", "reopen_day", "close_service"):
        assert action in actions
    assert {"reopen_service", "set_counter_services"} <= set(actions)


def test_the_days_page_in_indonesian(
    qtbot: QtBot, ctx: QueueContext, people: dict[str, OfficerView], make_console: MakeConsole
) -> None:
    sari = people["sari"].actor
    close_day(ctx, sari, TOMORROW, "Pemadaman listrik di gedung")
    close_service(ctx, sari, OPEN_DAY, "ambil", "printer paspor rusak")
    set_counter_services(ctx, sari, OPEN_DAY, 4, ["baru", "info"])
    set_walk_in_day(ctx, sari, SATURDAY, True)
    window = make_console(ctx, language=None)
    log_in(qtbot, window, "sari", counter=None)
    page = _page(qtbot, window)
    assert _cell(page, 0, 0) == "Selasa 1 Desember 2026 (hari ini)"
    assert _cell(page, 1, 1) == "tutup: Pemadaman listrik di gedung"
    assert _cell(page, 0, 3) == "Pengambilan Paspor"
    assert _cell(page, 0, 4) == "Loket 4: Paspor Baru, Informasi"
    assert _cell(page, 4, 2) == "ya (diubah)"
    assert untranslated(page, "id") == []
    shoot(window, page, "console-day-overrides-id")
