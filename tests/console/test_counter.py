"""The officer's counter: the call cycle by clicks and by function keys, recall count,
transfer both ways, calling a chosen ticket, no-show and putting it back, pausing."""

from __future__ import annotations

import json

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QRadioButton
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from admin_console.counter_view import CounterView
from db.clock import FixedClock
from db.context import QueueContext
from db.models import EventKind, Ticket, TicketEvent, TicketStatus
from db.ops.issuing import issue_ticket
from db.ops.officers import OfficerView
from tests.conftest import KIOSK
from tests.console.conftest import LEFT, WAIT_MS, MakeConsole, button, child, log_in


def line_numbers(view: CounterView) -> list[str]:
    return [e.number for e in view.queue.line]


def idle(view: CounterView) -> bool:
    return not view.busy and not view.tasks.busy


def shown_number(view: CounterView) -> str:
    label = child(view, QLabel, "ticketNumber")
    assert isinstance(label, QLabel)
    return label.text()


def status_of(ctx: QueueContext, number: str) -> str:
    with ctx.db.read() as s:
        return str(s.scalar(select(Ticket.status).where(Ticket.number == number)))


def test_call_cycle_by_clicks_and_by_keys(
    qtbot: QtBot,
    ctx: QueueContext,
    clock: FixedClock,
    people: dict[str, OfficerView],
    make_console: MakeConsole,
) -> None:
    first = issue_ticket(ctx, KIOSK, "baru", "walk_in")
    clock.advance(minutes=2)
    second = issue_ticket(ctx, KIOSK, "ganti", "priority", reason="elderly")
    clock.advance(minutes=5)
    window = make_console(ctx)
    view = log_in(qtbot, window, "budi", counter=1)
    assert view is not None
    qtbot.waitUntil(lambda: len(view.queue.line) == 2, timeout=WAIT_MS)
    call = button(window, "callNextButton")
    assert "F1" in call.text() and "Call next" in call.text()
    assert shown_number(view) == "—"

    # By mouse: call next, recall twice (the count is shown), complete.
    qtbot.mouseClick(call, LEFT)
    qtbot.waitUntil(lambda: view.current is not None and idle(view), timeout=WAIT_MS)
    called = view.current.number
    assert shown_number(view) == called
    assert status_of(ctx, called) == TicketStatus.CALLED
    recall = button(window, "recallButton")
    for n in (1, 2):
        qtbot.mouseClick(recall, LEFT)
        qtbot.waitUntil(lambda n=n: idle(view) and view.current.recall_count == n, timeout=WAIT_MS)
        assert f"Recall ({n})" in recall.text()
    assert child(view, QLabel, "ticket_recalls").text() == "2×"
    assert "F2" in recall.text()
    qtbot.mouseClick(button(window, "completeButton"), LEFT)
    qtbot.waitUntil(lambda: view.current is None and idle(view), timeout=WAIT_MS)
    assert status_of(ctx, called) == TicketStatus.DONE
    assert shown_number(view) == "—"

    # By keyboard: F1 call, F2 recall, F3 start, F4 complete.
    window.activateWindow()
    qtbot.waitUntil(lambda: view.refresher.loads > 1 and idle(view), timeout=WAIT_MS)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: view.current is not None and idle(view), timeout=WAIT_MS)
    other = view.current.number
    assert {called, other} == {first.number, second.number}
    qtbot.keyClick(window, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: idle(view) and view.current.recall_count == 1, timeout=WAIT_MS)
    qtbot.keyClick(window, Qt.Key.Key_F3)
    qtbot.waitUntil(
        lambda: idle(view) and view.current.status == TicketStatus.SERVING, timeout=WAIT_MS
    )
    clock.advance(minutes=3, seconds=5)
    view._tick()
    assert child(view, QLabel, "ticket_elapsed").text() == "serving for 3:05"
    qtbot.keyClick(window, Qt.Key.Key_F4)
    qtbot.waitUntil(lambda: view.current is None and idle(view), timeout=WAIT_MS)
    assert status_of(ctx, other) == TicketStatus.DONE
    with ctx.db.read() as s:
        kinds = list(s.scalars(select(TicketEvent.kind).order_by(TicketEvent.id)))
    assert kinds.count(EventKind.COMPLETED) == 2 and kinds.count(EventKind.STARTED) == 1

    # Nobody left: a plain message, no traceback.
    qtbot.keyClick(window, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: view.message.kind == "error", timeout=WAIT_MS)
    assert view.message.text() == "Nobody is waiting for counter 1."


def _transfer(qtbot: QtBot, view: CounterView, keep: bool, note: str) -> None:
    qtbot.mouseClick(button(view, "transferButton"), LEFT)
    qtbot.waitUntil(lambda: view.findChild(QDialog, "transferDialog") is not None, timeout=WAIT_MS)
    dialog = view.findChild(QDialog, "transferDialog")
    radio = child(dialog, QRadioButton, "transferKeepPlace" if keep else "transferToBack")
    qtbot.mouseClick(radio, LEFT, pos=QPoint(12, radio.height() // 2))  # on the circle
    assert radio.isChecked()
    child(dialog, QLineEdit, "transferNote").setText(note)
    qtbot.mouseClick(button(dialog, "transferOk"), LEFT)
    qtbot.waitUntil(lambda: view.current is None and idle(view), timeout=WAIT_MS)


def test_transfer_keeping_the_place_and_to_the_back(
    qtbot: QtBot,
    ctx: QueueContext,
    clock: FixedClock,
    people: dict[str, OfficerView],
    make_console: MakeConsole,
) -> None:
    a = issue_ticket(ctx, KIOSK, "baru", "walk_in")
    clock.advance(minutes=5)
    issue_ticket(ctx, KIOSK, "ganti", "walk_in")
    clock.advance(minutes=5)
    issue_ticket(ctx, KIOSK, "ganti", "walk_in")
    clock.advance(minutes=5)
    window = make_console(ctx)
    view = log_in(qtbot, window, "budi", counter=1)
    assert view is not None
    qtbot.waitUntil(lambda: line_numbers(view) == ["A-001", "B-001", "B-002"], timeout=WAIT_MS)
    qtbot.mouseClick(button(window, "callNextButton"), LEFT)
    qtbot.waitUntil(lambda: view.current is not None and idle(view), timeout=WAIT_MS)
    assert view.current.number == a.number

    _transfer(qtbot, view, keep=True, note="needs replacement, not new")
    qtbot.waitUntil(lambda: line_numbers(view) == ["A-001", "B-001", "B-002"], timeout=WAIT_MS)
    assert view.queue.line[0].service == "ganti"

    clock.advance(minutes=1)
    qtbot.mouseClick(button(window, "callNextButton"), LEFT)
    qtbot.waitUntil(lambda: view.current is not None and idle(view), timeout=WAIT_MS)
    assert view.current.number == a.number
    _transfer(qtbot, view, keep=False, note="")
    qtbot.waitUntil(lambda: line_numbers(view) == ["B-001", "B-002", "A-001"], timeout=WAIT_MS)
    assert view.queue.line[2].service == "baru"
    with ctx.db.read() as s:
        details = [
            json.loads(d)
            for d in s.scalars(
                select(TicketEvent.detail).where(TicketEvent.kind == EventKind.TRANSFERRED)
            )
        ]
    assert [d["keep_place"] for d in details] == [True, False]
    assert details[0]["note"] == "needs replacement, not new"


def mark_no_show(qtbot: QtBot, view: CounterView, reason: str = "") -> QDialog:
    """F5, then confirm in the dialog (with a reason when deciding early)."""
    qtbot.mouseClick(button(view, "noShowButton"), LEFT)
    qtbot.waitUntil(lambda: view.findChild(QDialog, "noShowDialog") is not None, timeout=WAIT_MS)
    dialog = view.findChild(QDialog, "noShowDialog")
    assert isinstance(dialog, QDialog)
    if reason:
        qtbot.keyClicks(child(dialog, QLineEdit, "noShowReason"), reason)
    qtbot.mouseClick(button(dialog, "noShowOk"), LEFT)
    return dialog


def put_back(qtbot: QtBot, view: CounterView, to_back: bool) -> None:
    qtbot.mouseClick(button(view, "requeueButton"), LEFT)
    qtbot.waitUntil(lambda: view.findChild(QDialog, "requeueDialog") is not None, timeout=WAIT_MS)
    dialog = view.findChild(QDialog, "requeueDialog")
    keep = child(dialog, QRadioButton, "requeueKeepPlace")
    assert isinstance(keep, QRadioButton) and keep.isChecked()  # the default
    if to_back:
        radio = child(dialog, QRadioButton, "requeueToBack")
        qtbot.mouseClick(radio, LEFT, pos=QPoint(12, radio.height() // 2))
        assert isinstance(radio, QRadioButton) and radio.isChecked()
    qtbot.mouseClick(button(dialog, "requeueOk"), LEFT)


def test_call_a_chosen_ticket_no_show_put_back_and_pause(
    qtbot: QtBot,
    ctx: QueueContext,
    clock: FixedClock,
    people: dict[str, OfficerView],
    make_console: MakeConsole,
) -> None:
    for _ in range(3):
        issue_ticket(ctx, KIOSK, "baru", "walk_in")
        clock.advance(minutes=4)
    window = make_console(ctx)
    view = log_in(qtbot, window, "budi", counter=2)
    assert view is not None
    qtbot.waitUntil(lambda: line_numbers(view) == ["A-001", "A-002", "A-003"], timeout=WAIT_MS)
    chosen = button(window, "callSelectedButton")
    assert not chosen.isEnabled()
    view.queue.line_table.selectRow(2)
    assert chosen.isEnabled()
    qtbot.mouseClick(chosen, LEFT)
    qtbot.waitUntil(
        lambda: view.findChild(QDialog, "callReasonDialog") is not None, timeout=WAIT_MS
    )
    dialog = view.findChild(QDialog, "callReasonDialog")
    ok = button(dialog, "callReasonDialogOk")
    qtbot.mouseClick(ok, LEFT)  # no reason given: refused in the dialog
    assert dialog.isVisible()
    qtbot.keyClicks(
        child(dialog, QLineEdit, "callReasonDialogReason"), "appointment with supervisor"
    )
    qtbot.mouseClick(ok, LEFT)
    qtbot.waitUntil(lambda: view.current is not None and idle(view), timeout=WAIT_MS)
    assert view.current.number == "A-003"
    qtbot.waitUntil(lambda: line_numbers(view) == ["A-001", "A-002"], timeout=WAIT_MS)

    clock.advance(minutes=2)
    qtbot.mouseClick(button(window, "recallButton"), LEFT)
    qtbot.waitUntil(lambda: idle(view) and view.current.recall_count == 1, timeout=WAIT_MS)
    mark_no_show(qtbot, view)
    qtbot.waitUntil(lambda: view.current is None and idle(view), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: [n.number for n in view.queue.no_shows] == ["A-003"], timeout=WAIT_MS)
    view.queue.no_show_table.selectRow(0)
    put_back(qtbot, view, to_back=True)
    qtbot.waitUntil(
        lambda: line_numbers(view) == ["A-001", "A-002", "A-003"] and not view.queue.no_shows,
        timeout=WAIT_MS,
    )

    pause = button(window, "pauseButton")
    qtbot.mouseClick(pause, LEFT)
    qtbot.waitUntil(lambda: idle(view) and "Resume" in pause.text(), timeout=WAIT_MS)
    assert not button(window, "callNextButton").isEnabled()
    qtbot.mouseClick(pause, LEFT)
    qtbot.waitUntil(lambda: idle(view) and "Pause" in pause.text(), timeout=WAIT_MS)
    qtbot.mouseClick(button(window, "closeCounterButton"), LEFT)
    qtbot.waitUntil(lambda: idle(view) and view.state_label.text() == "Closed", timeout=WAIT_MS)
