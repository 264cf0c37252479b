"""Through the real console widgets: no-show only after the office's minimum (or by a
supervisor with a reason), put back in line at the original place or at the back, a
selection that stays on its ticket through refreshes, and no jump when a message shows."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from admin_console.counter_view import CounterView
from admin_console.window import ConsoleWindow
from db.clock import FixedClock
from db.context import QueueContext
from db.models import AuditRecord, TicketStatus
from db.ops.issuing import issue_ticket
from db.ops.officers import OfficerView
from tests.conftest import KIOSK
from tests.console.conftest import LEFT, WAIT_MS, MakeConsole, button, child, log_in
from tests.console.test_counter import idle, line_numbers, mark_no_show, put_back, status_of


def call_first(qtbot: QtBot, window: ConsoleWindow, view: CounterView) -> str:
    qtbot.mouseClick(button(window, "callNextButton"), LEFT)
    qtbot.waitUntil(lambda: view.current is not None and idle(view), timeout=WAIT_MS)
    assert view.current is not None
    return view.current.number


def test_no_show_waits_for_the_minimum_then_asks_to_confirm(
    qtbot: QtBot,
    ctx: QueueContext,
    clock: FixedClock,
    people: dict[str, OfficerView],
    make_console: MakeConsole,
) -> None:
    issue_ticket(ctx, KIOSK, "baru", "walk_in")
    window = make_console(ctx)
    view = log_in(qtbot, window, "budi", counter=1)
    assert view is not None
    number = call_first(qtbot, window, view)
    clock.advance(seconds=17)
    qtbot.mouseClick(button(window, "noShowButton"), LEFT)
    qtbot.waitUntil(lambda: view.findChild(QDialog, "noShowDialog") is not None, timeout=WAIT_MS)
    dialog = view.findChild(QDialog, "noShowDialog")
    rule = child(dialog, QLabel, "noShowRule")
    assert isinstance(rule, QLabel)
    assert f"{number} was called 0:17 ago" in rule.text()
    assert "after 1:43 more and 1 more recall" in rule.text()
    assert not button(dialog, "noShowOk").isEnabled()  # an officer has to wait
    assert not child(dialog, QLineEdit, "noShowReason").isVisible()
    qtbot.mouseClick(button(dialog, "noShowCancel"), LEFT)
    qtbot.waitUntil(lambda: view.findChild(QDialog, "noShowDialog") is None, timeout=WAIT_MS)
    assert status_of(ctx, number) == TicketStatus.CALLED

    # After two minutes and a recall: the dialog names the number and marks it.
    clock.advance(seconds=103)
    qtbot.mouseClick(button(window, "recallButton"), LEFT)
    qtbot.waitUntil(lambda: idle(view) and view.current.recall_count == 1, timeout=WAIT_MS)
    dialog = mark_no_show(qtbot, view)
    assert button(dialog, "noShowOk").text() == f"{number} is not present"
    qtbot.waitUntil(lambda: view.current is None and idle(view), timeout=WAIT_MS)
    assert status_of(ctx, number) == TicketStatus.NO_SHOW


def test_a_supervisor_decides_early_with_a_reason_that_is_audited(
    qtbot: QtBot,
    ctx: QueueContext,
    clock: FixedClock,
    people: dict[str, OfficerView],
    make_console: MakeConsole,
) -> None:
    issue_ticket(ctx, KIOSK, "baru", "walk_in")
    window = make_console(ctx)
    view = log_in(qtbot, window, "sari", counter=2)
    assert view is not None
    number = call_first(qtbot, window, view)
    clock.advance(seconds=20)
    qtbot.mouseClick(button(window, "noShowButton"), LEFT)
    qtbot.waitUntil(lambda: view.findChild(QDialog, "noShowDialog") is not None, timeout=WAIT_MS)
    dialog = view.findChild(QDialog, "noShowDialog")
    ok = button(dialog, "noShowOk")
    assert ok.isEnabled()
    qtbot.mouseClick(ok, LEFT)  # no reason: refused in the dialog
    assert dialog.isVisible() and status_of(ctx, number) == TicketStatus.CALLED
    qtbot.mouseClick(button(dialog, "noShowCancel"), LEFT)
    qtbot.waitUntil(lambda: view.findChild(QDialog, "noShowDialog") is None, timeout=WAIT_MS)
    mark_no_show(qtbot, view, reason="left with his documents")
    qtbot.waitUntil(lambda: view.current is None and idle(view), timeout=WAIT_MS)
    assert status_of(ctx, number) == TicketStatus.NO_SHOW
    with ctx.db.read() as s:
        record = s.scalars(select(AuditRecord).where(AuditRecord.action == "no_show")).one()
        assert record.actor == "sari"
        assert json.loads(record.detail or "{}")["override"] == "left with his documents"


def test_put_back_keeps_the_original_place_with_a_mark(
    qtbot: QtBot,
    ctx: QueueContext,
    clock: FixedClock,
    people: dict[str, OfficerView],
    make_console: MakeConsole,
) -> None:
    for _ in range(4):
        issue_ticket(ctx, KIOSK, "baru", "walk_in")
        clock.advance(minutes=2)
    window = make_console(ctx)
    view = log_in(qtbot, window, "budi", counter=1)
    assert view is not None
    first = call_first(qtbot, window, view)
    assert first == "A-001"
    clock.advance(minutes=2)
    qtbot.mouseClick(button(window, "recallButton"), LEFT)
    qtbot.waitUntil(lambda: idle(view) and view.current.recall_count == 1, timeout=WAIT_MS)
    mark_no_show(qtbot, view)
    qtbot.waitUntil(lambda: [n.number for n in view.queue.no_shows] == ["A-001"], timeout=WAIT_MS)
    clock.advance(minutes=10)
    view.queue.no_show_table.selectRow(0)
    put_back(qtbot, view, to_back=False)
    qtbot.waitUntil(lambda: line_numbers(view)[:1] == ["A-001"], timeout=WAIT_MS)
    assert line_numbers(view) == ["A-001", "A-002", "A-003", "A-004"]
    assert view.queue.line[0].put_back
    assert view.queue.line_table.item(0, 1).text() == "A-001  · put back"
    # The waiting time still counts from the issue time, not from "put back".
    assert view.queue.line_table.item(0, 4).text() == "20 min"


def test_the_selection_stays_on_its_ticket_when_the_line_resorts(
    qtbot: QtBot,
    ctx: QueueContext,
    clock: FixedClock,
    people: dict[str, OfficerView],
    make_console: MakeConsole,
) -> None:
    for _ in range(3):
        issue_ticket(ctx, KIOSK, "baru", "walk_in")
        clock.advance(minutes=1)
    window = make_console(ctx)
    view = log_in(qtbot, window, "budi", counter=1)
    assert view is not None
    qtbot.waitUntil(lambda: line_numbers(view) == ["A-001", "A-002", "A-003"], timeout=WAIT_MS)
    table = view.queue.line_table
    # Click A-001's row with the mouse.
    rect = table.visualItemRect(table.item(0, 1))
    qtbot.mouseClick(table.viewport(), LEFT, pos=rect.center())
    assert view.queue.selected_line().number == "A-001"
    # An elderly applicant arrives: the line re-sorts under the mouse.
    issue_ticket(ctx, KIOSK, "baru", "priority", reason="elderly")
    clock.advance(minutes=2)
    issue_ticket(ctx, KIOSK, "baru", "walk_in")
    qtbot.waitUntil(lambda: len(view.queue.line) == 5, timeout=WAIT_MS)
    assert line_numbers(view)[0] != "A-001"
    assert view.queue.selected_line().number == "A-001"
    rows = table.selectionModel().selectedRows()
    assert [table.item(r.row(), 1).text() for r in rows] == ["A-001"]
    # F7 names A-001 and calls A-001.
    qtbot.keyClick(window, Qt.Key.Key_F7)
    qtbot.waitUntil(
        lambda: view.findChild(QDialog, "callReasonDialog") is not None, timeout=WAIT_MS
    )
    dialog = view.findChild(QDialog, "callReasonDialog")
    assert dialog.windowTitle() == "Call A-001"
    issue_ticket(ctx, KIOSK, "baru", "vip")  # another re-sort while the dialog is open
    qtbot.waitUntil(lambda: len(view.queue.line) == 6, timeout=WAIT_MS)
    qtbot.keyClicks(child(dialog, QLineEdit, "callReasonDialogReason"), "back from copying")
    qtbot.mouseClick(button(dialog, "callReasonDialogOk"), LEFT)
    qtbot.waitUntil(lambda: view.current is not None and idle(view), timeout=WAIT_MS)
    assert view.current.number == "A-001"


def test_no_layout_jump_when_a_message_appears(
    qtbot: QtBot,
    ctx: QueueContext,
    people: dict[str, OfficerView],
    make_console: MakeConsole,
) -> None:
    issue_ticket(ctx, KIOSK, "baru", "walk_in")
    window = make_console(ctx)
    view = log_in(qtbot, window, "budi", counter=1)
    assert view is not None
    window.resize(window.minimumSizeHint())
    qtbot.waitUntil(lambda: idle(view), timeout=WAIT_MS)
    before = (window.height(), window.minimumSizeHint().height(), view.card.geometry())
    assert not view.message.isVisible()
    qtbot.mouseClick(button(window, "callNextButton"), LEFT)
    qtbot.waitUntil(lambda: view.message.isVisible(), timeout=WAIT_MS)
    assert view.message.text().startswith("Called ")
    after = (window.height(), window.minimumSizeHint().height(), view.card.geometry())
    assert after == before
