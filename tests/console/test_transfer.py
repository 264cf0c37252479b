"""The transfer dialog: to a service, to a counter or to an officer signed in at one, through
the real console widgets; the queue file says where the ticket went, and the counter it was
sent to shows it in its line (no other counter does)."""

from __future__ import annotations

import json

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QComboBox, QDialog, QLabel, QRadioButton
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


def idle(view: CounterView) -> bool:
    return not view.busy and not view.tasks.busy


def line_numbers(view: CounterView) -> list[str]:
    return [e.number for e in view.queue.line]


def open_dialog(qtbot: QtBot, view: CounterView) -> QDialog:
    qtbot.mouseClick(button(view, "transferButton"), LEFT)
    qtbot.waitUntil(lambda: view.findChild(QDialog, "transferDialog") is not None, timeout=WAIT_MS)
    dialog = view.findChild(QDialog, "transferDialog")
    assert isinstance(dialog, QDialog)
    return dialog


def click_radio(qtbot: QtBot, dialog: QDialog, name: str) -> None:
    radio = child(dialog, QRadioButton, name)
    assert isinstance(radio, QRadioButton)
    qtbot.mouseClick(radio, LEFT, pos=QPoint(12, radio.height() // 2))  # on the circle
    assert radio.isChecked()


def combo(dialog: QDialog, name: str) -> QComboBox:
    found = child(dialog, QComboBox, name)
    assert isinstance(found, QComboBox)
    return found


def items(box: QComboBox) -> list[tuple[str, object]]:
    return [(box.itemText(i), box.itemData(i)) for i in range(box.count())]


def transfer_details(ctx: QueueContext) -> list[dict[str, object]]:
    with ctx.db.read() as s:
        return [
            json.loads(d)
            for d in s.scalars(
                select(TicketEvent.detail)
                .where(TicketEvent.kind == EventKind.TRANSFERRED)
                .order_by(TicketEvent.id)
            )
        ]


def test_transfer_to_a_counter_and_to_an_officer(
    qtbot: QtBot,
    ctx: QueueContext,
    other_ctx: QueueContext,
    clock: FixedClock,
    people: dict[str, OfficerView],
    make_console: MakeConsole,
) -> None:
    a = issue_ticket(ctx, KIOSK, "baru", "walk_in")
    clock.advance(minutes=2)
    b = issue_ticket(ctx, KIOSK, "baru", "walk_in")
    clock.advance(minutes=2)
    # Andi works at counter 3 on another PC; Budi at counter 1 here.
    andi_view = log_in(qtbot, make_console(other_ctx), "andi", counter=3)
    window = make_console(ctx)
    view = log_in(qtbot, window, "budi", counter=1)
    assert view is not None and andi_view is not None
    qtbot.mouseClick(button(window, "callNextButton"), LEFT)
    qtbot.waitUntil(lambda: view.current is not None and idle(view), timeout=WAIT_MS)
    assert view.current is not None and view.current.number == a.number

    # To a counter: the counters people are signed in at, this one included.
    dialog = open_dialog(qtbot, view)
    click_radio(qtbot, dialog, "transferToCounter")
    assert combo(dialog, "transferCounter").isVisible()
    assert not combo(dialog, "transferOfficer").isVisible()
    assert items(combo(dialog, "transferService"))[0] == ("Same service (New Passport)", None)
    counters = combo(dialog, "transferCounter")
    assert items(counters) == [("Loket 1 · Budi Santoso", 1), ("Loket 3 · Andi Wijaya", 3)]
    counters.setCurrentIndex(1)
    click_radio(qtbot, dialog, "transferToBack")
    hint = child(dialog, QLabel, "transferHint")
    assert isinstance(hint, QLabel)
    assert hint.text() == "Only the chosen counter will call A-001."
    qtbot.mouseClick(button(dialog, "transferOk"), LEFT)
    qtbot.waitUntil(lambda: view.current is None and idle(view), timeout=WAIT_MS)
    assert view.message.text() == "A-001 sent to Loket 3 (New Passport), at the back."
    with ctx.db.read() as s:
        row = s.scalar(select(Ticket).where(Ticket.id == a.id))
        assert row is not None
        assert (row.status, row.directed_counter, row.counter_number) == (
            TicketStatus.WAITING,
            3,
            None,
        )
    assert transfer_details(ctx)[-1] == {
        "from_counter": 1,
        "from_service": "baru",
        "keep_place": False,
        "note": "",
        "to_counter": 3,
        "to_service": "baru",
    }
    # Counter 1 no longer has it in its line; counter 3 has it, marked, at the back.
    qtbot.waitUntil(lambda: line_numbers(view) == [b.number], timeout=WAIT_MS)
    qtbot.waitUntil(lambda: line_numbers(andi_view) == [b.number, a.number], timeout=WAIT_MS)
    line = andi_view.queue.line_table
    assert line.item(1, 1).text() == "A-001  · sent here"
    assert [e.sent_here for e in andi_view.queue.line] == [False, True]

    # Budi calls next: A-002, not the ticket sent to counter 3.
    qtbot.mouseClick(button(window, "callNextButton"), LEFT)
    qtbot.waitUntil(lambda: view.current is not None and idle(view), timeout=WAIT_MS)
    assert view.current is not None and view.current.number == b.number

    # To an officer: only those signed in at a counter that serves the ticket.
    dialog = open_dialog(qtbot, view)
    click_radio(qtbot, dialog, "transferToOfficer")
    officers = combo(dialog, "transferOfficer")
    assert items(officers) == [
        ("Andi Wijaya at Loket 3", "andi"),
        ("Budi Santoso at Loket 1", "budi"),
    ]  # Sari, a supervisor not at a counter, is not offered
    officers.setCurrentIndex(0)
    qtbot.mouseClick(button(dialog, "transferOk"), LEFT)
    qtbot.waitUntil(lambda: view.current is None and idle(view), timeout=WAIT_MS)
    assert view.message.text() == "A-002 sent to Loket 3 (New Passport), keeping its place."
    last = transfer_details(ctx)[-1]
    assert (last["to_officer"], last["to_counter"], last["keep_place"]) == ("andi", 3, True)
    # Kept its place: ahead of A-001, which went to the back.
    qtbot.waitUntil(lambda: line_numbers(andi_view) == [b.number, a.number], timeout=WAIT_MS)
    assert line_numbers(view) == []


def test_no_counter_for_the_chosen_service_means_no_transfer(
    qtbot: QtBot,
    ctx: QueueContext,
    clock: FixedClock,
    people: dict[str, OfficerView],
    make_console: MakeConsole,
) -> None:
    """Only counter 1 is open: a counter for the pick-up service is not to be had, and the
    dialog says so instead of offering a counter that would refuse it."""
    issue_ticket(ctx, KIOSK, "baru", "walk_in")
    window = make_console(ctx)
    view = log_in(qtbot, window, "budi", counter=1)
    assert view is not None
    qtbot.mouseClick(button(window, "callNextButton"), LEFT)
    qtbot.waitUntil(lambda: view.current is not None and idle(view), timeout=WAIT_MS)
    dialog = open_dialog(qtbot, view)
    click_radio(qtbot, dialog, "transferToCounter")
    services = combo(dialog, "transferService")
    services.setCurrentIndex(services.findData("ambil"))
    assert items(combo(dialog, "transferCounter")) == [
        ("No open counter serves this service", None)
    ]
    assert not button(dialog, "transferOk").isEnabled()
    services.setCurrentIndex(0)  # the same service: counter 1 (this one) serves it
    assert button(dialog, "transferOk").isEnabled()
    click_radio(qtbot, dialog, "transferToOfficer")
    assert items(combo(dialog, "transferOfficer")) == [("Budi Santoso at Loket 1", "budi")]
    button(dialog, "transferCancel").click()
    qtbot.waitUntil(lambda: view.findChild(QDialog, "transferDialog") is None, timeout=WAIT_MS)
    assert view.current is not None and view.current.status == TicketStatus.CALLED
